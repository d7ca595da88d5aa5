//! Attack suite (issue 14, class "a brand of a word and digits, left as the text of an
//! unwrapped link", independent red team of the eighteenth session): "Kimlong88 trang
//! chủ", "Link vào Phuquy86", names of seven to twelve letters with a lucky number, which
//! the brand shape (two to six letters) did not read. Planted in every carrier (see
//! `spam_seller_offers::CARRIERS`), among them a foreign link's own text, as written,
//! without diacritics, in upper case.
//!
//! Benign twins, byte for byte with no event: numbered documents, bus routes, a product's
//! model, a software name with 365.

use super::spam_seller_offers::{assert_all_go, assert_unchanged, strip_marks};

const FAMILIES: &[(&str, &[&str])] = &[(
    "long-named brands",
    &[
        "Kimlong88 trang chủ",
        "Link vào Phuquy86 mới nhất",
        "Hoanggia168 – đăng nhập",
        "Vuabaivip99 link chính thức",
        "SAOVANG789 trang chủ",
        "Xem thêm tại Thantai888",
    ],
)];

fn writings(s: &str) -> Vec<String> {
    let mut out = vec![s.to_string(), strip_marks(s), s.to_uppercase()];
    out.sort();
    out.dedup();
    out
}

#[test]
fn long_named_brands_go_in_every_carrier() {
    assert_all_go(FAMILIES, writings);
}

const BENIGN: &[&str] = &[
    "<p>Quyết định số 168/QĐ-UBND ngày 12/3/2025 – trang chủ văn bản</p>",
    "<p>Tuyến xe buýt số 88 đi qua trang chủ khu công nghiệp</p>",
    "<p>Hướng dẫn đăng nhập Microsoft365 cho cán bộ, công chức</p>",
    "<p>Điện thoại Galaxy A55 đạt chuẩn IP68</p>",
    "<p>Trang chủ Tổng đài 1022 – Cổng thông tin điện tử</p>",
];

#[test]
fn numbered_documents_and_products_are_unchanged() {
    assert_unchanged(BENIGN);
}

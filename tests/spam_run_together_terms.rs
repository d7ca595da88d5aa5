//! Attack suite (issue 14, class "terms written without spaces", independent red team of
//! the eighteenth session): hashtag lines and tag lists whose terms are run together
//! ("#nhacaiuytin #taixiuonline #keonhacai #nohudoithuong"), with or without `#`, in any
//! case (CamelCase tags), planted in every carrier (see `spam_seller_offers::CARRIERS`).
//!
//! Shorter words run together count whole and only when written without diacritics
//! ("nhacai uytin", "#taixiu #nohu": the eighteenth session's reading needed seven letters).
//!
//! Benign twins, byte for byte with no event: the portal's genuine hashtags
//! (#chuyendoiso, #caicachhanhchinh, #NgheAn), a crackdown's hashtag, tag lists of news,
//! and a URL the page shows as text.

use super::spam_seller_offers::{assert_all_go, assert_unchanged};

const FAMILIES: &[(&str, &[&str])] = &[
    (
        "hashtags",
        &[
            "#nhacaiuytin #taixiuonline #keonhacai #nohudoithuong",
            "#NhaCaiUyTin #TaiXiuOnline #GameBaiDoiThuong",
            "#bancaonline #danhbaionline #soikeobongda",
            "#cacuocbongda #nhacaiuytin",
        ],
    ),
    (
        "run together",
        &[
            "nhacaiuytin taixiuonline gamebaidoithuong",
            "Tags: soikeobongda, keonhacaihomnay, nhacaiuytin",
            "TAIXIUONLINE NOHUDOITHUONG",
        ],
    ),
    (
        "short words run together",
        &[
            "nhacai uytin so 1",
            "#nhacai #taixiu #nohu",
            "Taixiu online, xocdia uy tin",
            "nohu doithuong - gaigoi cao cap",
        ],
    ),
];

fn writings(s: &str) -> Vec<String> {
    let mut out = vec![s.to_string(), s.to_uppercase(), s.to_lowercase()];
    out.sort();
    out.dedup();
    out
}

#[test]
fn run_together_terms_go_in_every_carrier() {
    assert_all_go(FAMILIES, writings);
}

const BENIGN: &[&str] = &[
    "<p>#chuyendoiso #caicachhanhchinh #NgheAn #dichvucong</p>",
    "<p>Theo dõi chúng tôi: #SoTuPhap #ChinhQuyenSo #PhongChongToiPham</p>",
    "<div class=\"tags\">Tags: chuyendoiso, dichvucong, caicachhanhchinh, tuyendungvienchuc</div>",
    "<p>Truy cập https://dichvucong.gov.vn/p/home/dvc-trang-chu.html để nộp hồ sơ trực tuyến.</p>",
    "<p>#phongchongcobac #antoangiaothong: tuyên truyền phòng chống cờ bạc và an toàn giao thông tại các trường học.</p>",
    "<p>Hướng dẫn cài đặt ứng dụng VNeID, đăng nhập bằng tài khoản định danh điện tử mức độ 2.</p>",
    "<p>Ngân hàng Banca Intesa Sanpaolo hợp tác với Vietcombank; lệnh nohup trong Linux; Dade County.</p>",
    "<p>Tin tuc: Ha Noi don khach du lich, nha o xa hoi, tai khoan dinh danh, hoc sinh gioi.</p>",
];

#[test]
fn genuine_hashtags_tags_and_urls_are_unchanged() {
    assert_unchanged(BENIGN);
}

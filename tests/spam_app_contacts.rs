//! Attack suite (issue 14, contacts by app and by service name): an offer whose only way
//! to act is an app named after "qua ứng dụng", "tải app", "qua app" ("Chơi tài xỉu qua app
//! XYZ", "Gái xinh kết bạn qua ứng dụng Hẹn Hò 24h"), or a papers service with a trade name
//! and a phone ("Làm sổ đỏ nhanh, liên hệ dịch vụ Minh Phát qua số 09…"). The app was not
//! read as a contact and the trade name not as a seller, so the offer scored as news. Each
//! is planted as one sentence of a genuine paragraph and as a block of its own; it goes.
//!
//! Benign twins, byte for byte: a lawful notice "đăng ký qua ứng dụng VNeID", "tải ứng dụng
//! VssID để tra cứu", a land office notice with a hotline, a public service centre, and
//! warnings ("cảnh giác dịch vụ làm sổ đỏ qua số điện thoại lạ").

use crate::common;

use std::sync::{Arc, LazyLock};

use common::rewrite::{clean, site};
use lachan::config::Site;

/// One site for the suite: building its lexicon is the costly part of a run.
static SITE: LazyLock<Arc<Site>> = LazyLock::new(|| site(""));
use common::text::strip_marks;

const PARAGRAPH: &[&str] = &[
    "Ủy ban nhân dân huyện vừa tổ chức hội nghị tổng kết công tác cải cách hành chính năm 2025.",
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,6%, tăng 2% so với năm trước.",
    "Huyện tiếp tục đẩy mạnh dịch vụ công trực tuyến toàn trình trong năm tới.",
    "Các xã được giao chỉ tiêu số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.",
];

/// Offers acted on only through an app or a service's trade name; a marker only they have.
const OFFERS: &[(&str, &str)] = &[
    ("Chơi tài xỉu đổi thưởng qua app XYZ.", "XYZ"),
    ("Gái xinh kết bạn qua ứng dụng Hẹn Hò 24h.", "Hẹn Hò 24h"),
    (
        "Vay tiền không cần thế chấp, giải ngân qua ứng dụng TienNhanh.",
        "TienNhanh",
    ),
    (
        "Tải app BanhMi về để nhận tiền làm nhiệm vụ like video.",
        "BanhMi",
    ),
    (
        "Làm sổ đỏ nhanh, liên hệ dịch vụ Minh Phát qua số 0912 345 678.",
        "Minh Phát",
    ),
    (
        "Làm bằng lái xe nhanh, liên hệ dịch vụ Hoàng Long qua số 0987 654 321.",
        "Hoàng Long",
    ),
];

/// Lawful notices and warnings of the same shape (benign twins).
const NOTICES: &[&str] = &[
    "Người dân có thể đăng ký qua ứng dụng VNeID để được cấp tài khoản định danh điện tử.",
    "Người lao động tải ứng dụng VssID để tra cứu quá trình đóng bảo hiểm xã hội.",
    "Người dân có nhu cầu cấp đổi sổ đỏ liên hệ Văn phòng đăng ký đất đai tỉnh, hotline 0238 3822 111.",
    "Hồ sơ cấp sổ đỏ được tiếp nhận tại Trung tâm Dịch vụ hành chính công tỉnh, số điện thoại 0238 3822 333.",
    "Người dân cần cảnh giác với dịch vụ làm sổ đỏ nhanh qua số điện thoại lạ 0912 345 678.",
    "Công an tỉnh khuyến cáo không vay tiền qua ứng dụng TienNhanh vì đây là tín dụng đen.",
    "Người dân cần vay vốn liên hệ Ngân hàng Chính sách xã hội huyện qua ứng dụng VBSP Smartbanking.",
];

fn pages(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for at in [0, 2, PARAGRAPH.len()] {
        let mut sentences = PARAGRAPH.to_vec();
        sentences.insert(at, s);
        out.push(format!("<p>{}</p>", sentences.join(" ")));
    }
    out.push(format!("<p>{s}</p>"));
    out.into_iter()
        .map(|block| {
            format!(
                "<html><head><title>Tin tức</title></head><body><main><article><h1>Cải cách hành chính</h1>{block}<p>Liên hệ ban biên tập</p></article></main></body></html>"
            )
        })
        .collect()
}

fn misses(offer: &str, marker: &str) -> Vec<String> {
    let mut out = Vec::new();
    for html in pages(offer) {
        let (cleaned, events) = clean(&SITE, &html);
        let gone = !cleaned.contains(marker) && events.iter().any(|e| e.rule.starts_with("spam."));
        let kept = PARAGRAPH
            .iter()
            .all(|s| !html.contains(s) || cleaned.contains(s));
        if !gone || !kept {
            out.push(format!("gone {gone} kept {kept}: {html}\n  -> {cleaned}"));
        }
    }
    out
}

#[test]
fn an_offer_acted_on_through_a_named_app_or_service_goes() {
    let mut all = Vec::new();
    for (offer, marker) in OFFERS {
        all.extend(misses(offer, marker));
        all.extend(misses(&strip_marks(offer), &strip_marks(marker)));
    }
    assert!(all.is_empty(), "{} missed:\n{}", all.len(), all.join("\n"));
}

#[test]
fn lawful_notices_naming_an_app_or_a_service_are_unchanged() {
    for notice in NOTICES {
        for html in pages(notice) {
            let (out, events) = clean(&SITE, &html);
            assert_eq!(out, html);
            assert!(events.is_empty(), "{html}: {events:?}");
        }
    }
}

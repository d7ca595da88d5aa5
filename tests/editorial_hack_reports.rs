//! False-positive guard (issue 14, editorial guard): a portal's own report of the 2024
//! defacement names what was planted, the brands and the slogans, often in quotes: "bị tin
//! tặc tấn công, chèn các liên kết quảng cáo cờ bạc như "nhà cái uy tín", … 8XBET, Hi88".
//! A screenshot's `alt` and caption say the same. Each report, in many wordings and
//! places, must come through byte for byte with no audit event (red-team
//! `r3-editorial-2024-hack` lost its paragraph and its `alt`).
//!
//! The attack twin: the planted blocks themselves, with a hack report's phrase tacked on,
//! still go.

use crate::common;

use common::rewrite::{rewrite, rule_ids, site};

/// Reports of the hack that quote what was planted.
const REPORTS: &[&str] = &[
    "Ngày 24/6/2024, Cổng thông tin điện tử tỉnh bị tin tặc tấn công, chèn các liên kết quảng cáo cờ bạc trực tuyến như \"nhà cái uy tín\", \"game bài đổi thưởng\", \"nổ hũ\" và tên các trang 8XBET, Hi88, New88 vào phần chân trang và các bài viết cũ.",
    "Trang web của thư viện tỉnh bị chèn mã độc chuyển hướng người truy cập sang trang cá cược hi88, kubet; đơn vị đã gỡ bỏ toàn bộ liên kết.",
    "Nhiều cổng thông tin bị chèn liên kết quảng cáo cá độ bóng đá, tài xỉu, nổ hũ đổi thưởng; Sở Thông tin và Truyền thông đề nghị rà soát ngay.",
    "Tin tặc đã chèn quảng cáo nhà cái \u{201c}uy tín số 1\u{201d}, \u{201c}nạp đầu tặng 100k\u{201d} vào chân trang của 11 trang web cơ quan nhà nước.",
    "Hình ảnh các liên kết quảng cáo cá cược (new88, 8xbet, hi88) bị chèn vào bài viết cũ, đã làm mờ tên miền.",
];

/// Captions and `alt` text of the screenshot.
const CAPTIONS: &[&str] = &[
    "Ảnh chụp màn hình trang bị chèn quảng cáo nhà cái, đã làm mờ tên miền",
    "Ảnh chụp màn hình: liên kết quảng cáo cá cược bị chèn vào chân trang",
    "Trang chủ bị chèn quảng cáo nổ hũ, game bài đổi thưởng (ảnh chụp màn hình)",
];

const PLACES: &[&str] = &[
    "<p>{u}</p>",
    "<div class=\"noi-dung\">{u}</div>",
    "<ul><li>{u}</li></ul>",
    "<blockquote>{u}</blockquote>",
    "<article><h3>Khắc phục sự cố</h3><p>{u}</p></article>",
];

const CAPTION_PLACES: &[&str] = &[
    "<figure><img src=\"/uploads/anh.png\" alt=\"{u}\"><figcaption>{u}</figcaption></figure>",
    "<p><img src=\"/uploads/anh.png\" alt=\"{u}\" title=\"{u}\"></p>",
    "<figure><figcaption>{u}</figcaption></figure>",
];

fn page(body: &str) -> String {
    format!(
        "<html><head><title>Khắc phục sự cố trang thông tin điện tử</title></head><body><main><p>Tin tức trong tỉnh</p>{body}<p>Liên hệ</p></main></body></html>"
    )
}

#[test]
fn reports_of_the_hack_quoting_the_planted_brands_are_unchanged() {
    let site = site("");
    let mut changed = Vec::new();
    let mut total = 0;
    let cases = REPORTS
        .iter()
        .flat_map(|t| PLACES.iter().map(move |p| p.replace("{u}", t)))
        .chain(
            CAPTIONS
                .iter()
                .flat_map(|t| CAPTION_PLACES.iter().map(move |p| p.replace("{u}", t))),
        );
    for body in cases {
        total += 1;
        let html = page(&body);
        let (out, events) = rewrite(&site, html.as_bytes(), &[usize::MAX], None);
        if out != html.as_bytes() || !events.is_empty() {
            changed.push(format!("{body}: {:?}", rule_ids(&events)));
        }
    }
    assert!(
        changed.is_empty(),
        "{} of {total} changed:\n{}",
        changed.len(),
        changed.join("\n")
    );
}

/// The planted blocks, with a hack report's phrase tacked on: still adverts.
const PLANTED: &[&str] = &[
    "Nhà cái uy tín hi88 - đăng ký ngay nhận 100k, link vào không bị chặn, không bị chèn mã độc.",
    "8XBET nạp đầu tặng 100%, nổ hũ đổi thưởng uy tín số 1, đã gỡ bỏ giới hạn rút tiền.",
    "Game bài đổi thưởng new88: tải app nhận ngay 88k. Ảnh chụp màn hình bảng thưởng.",
];

#[test]
fn planted_adverts_borrowing_a_hack_reports_phrase_still_go() {
    let site = site("");
    let mut kept = Vec::new();
    for text in PLANTED {
        for place in PLACES {
            let body = place.replace("{u}", text);
            let html = page(&body);
            let (out, events) = rewrite(&site, html.as_bytes(), &[usize::MAX], None);
            if String::from_utf8_lossy(&out).contains(text) || events.is_empty() {
                kept.push(body);
            }
        }
    }
    assert!(kept.is_empty(), "{} kept:\n{}", kept.len(), kept.join("\n"));
}

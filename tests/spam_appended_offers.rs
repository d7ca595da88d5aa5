//! Attack suite (issue 14, an offer sentence in a genuine paragraph): a real news or notice
//! paragraph of three to six genuine sentences with ONE seller's offer among them (first,
//! in the middle or last): a term of a scam or betting family with an offer, a contact or a
//! call ("Nhận làm bằng đại học giá rẻ, lấy ngay trong 3 ngày, liên hệ 09…", "Truy cập nhà
//! cái VN88 nhận thưởng 100k"). Judged as a whole, the paragraph's genuine text dilutes the
//! offer below every share threshold, so it passed. It passed too in the written forms that
//! hide its words: italic halves (every word split across `<i>` elements), a slug
//! (`nhan-lam-bang-dai-hoc-…`), full-width letters with combining marks, no diacritics.
//! The offer sentence goes (`spam.inline`); the genuine sentences stay.
//!
//! Benign twins, byte for byte: the same paragraphs with a sentence that *reports* such an
//! offer (a police warning, a court report, "cảnh giác với quảng cáo “…”"), a lawful notice
//! ("đăng ký qua ứng dụng VNeID", a hotline), and a news article on fighting illegal betting
//! that quotes "nhà cái", "cá độ", "đánh bạc".

use crate::common;

use std::sync::{Arc, LazyLock};

use common::rewrite::{clean, site};
use lachan::config::Site;

/// One site for the suite: building its lexicon is the costly part of a run.
static SITE: LazyLock<Arc<Site>> = LazyLock::new(|| site(""));
use common::text::strip_marks;
use unicode_normalization::UnicodeNormalization;

/// Genuine paragraphs (three to six sentences, no term of any family).
const PARAGRAPHS: &[&[&str]] = &[
    &[
        "Sở Giáo dục và Đào tạo tỉnh vừa công bố kết quả tuyển sinh lớp 10 năm học 2025-2026.",
        "Tổng số thí sinh dự thi là 18.500 em, tăng 6% so với năm trước.",
        "Điểm chuẩn của các trường trung học phổ thông công lập dao động từ 28 đến 42 điểm.",
        "Thí sinh có thể tra cứu kết quả tại cổng thông tin của Sở.",
        "Các trường nhận hồ sơ nhập học từ ngày 15 đến ngày 20 tháng 7.",
    ],
    &[
        "Vụ lúa hè thu năm nay, toàn huyện gieo cấy hơn 12.000 ha.",
        "Nhờ thời tiết thuận lợi, năng suất bình quân đạt 62 tạ mỗi héc ta.",
        "Phòng Nông nghiệp khuyến cáo bà con thu hoạch đúng thời điểm để giảm thất thoát.",
        "Giá lúa tươi tại ruộng hiện ở mức 7.200 đồng mỗi ký.",
    ],
    &[
        "Ủy ban nhân dân thành phố tổ chức hội nghị đối thoại với doanh nghiệp quý III.",
        "Hội nghị ghi nhận 35 ý kiến về thủ tục đất đai, thuế và đầu tư.",
        "Lãnh đạo thành phố yêu cầu các sở trả lời bằng văn bản trong vòng 15 ngày.",
        "Các ý kiến chưa được giải đáp sẽ được tổng hợp gửi Ủy ban nhân dân tỉnh.",
        "Hội nghị tiếp theo dự kiến tổ chức vào tháng 12.",
        "Toàn văn kết luận được đăng trên cổng thông tin điện tử thành phố.",
    ],
];

/// Sellers' offers, one family each, with a marker that only the offer has.
const OFFERS: &[(&str, &str)] = &[
    (
        "Nhận làm bằng đại học giá rẻ, lấy ngay trong 3 ngày, liên hệ 0912 345 678.",
        "0912 345 678",
    ),
    ("Truy cập nhà cái VN88 nhận thưởng 100k.", "VN88"),
    (
        "Vay tiền nhanh giải ngân trong ngày, không cần thế chấp, nhắn Zalo 0966 555 444.",
        "0966 555 444",
    ),
    (
        "Tuyển cộng tác viên online chốt đơn nhận hoa hồng 20% mỗi đơn, inbox ngay fanpage ViecNhanh.",
        "ViecNhanh",
    ),
    (
        "Dịch vụ hack Facebook, đọc tin nhắn người khác từ xa, liên hệ Telegram @hackfb247.",
        "hackfb247",
    ),
    (
        "Soi kèo bóng đá hôm nay chuẩn xác, đăng ký ngay tại kubet79 để nhận 200k.",
        "kubet79",
    ),
];

/// Sentences that report such offers, or lawful notices (benign twins).
const REPORTS: &[&str] = &[
    "Công an tỉnh đề nghị người dân cảnh giác với quảng cáo “nhận làm bằng đại học giá rẻ, lấy ngay” trên mạng xã hội.",
    "Tòa án nhân dân tỉnh đã tuyên phạt bị cáo 7 năm tù về tội tổ chức đánh bạc qua nhà cái VN88.",
    "Cơ quan công an khuyến cáo người dân không vay tiền qua các ứng dụng quảng cáo giải ngân trong ngày, không cần thế chấp.",
    "Người dân có thể đăng ký qua ứng dụng VNeID, thông tin chi tiết xin gọi đường dây nóng 1900 9095.",
    "Sở Lao động cảnh báo thủ đoạn tuyển cộng tác viên online chốt đơn nhận hoa hồng để chiếm đoạt tài sản.",
    "Công an huyện vừa bắt giữ nhóm đối tượng tổ chức cá độ bóng đá, đánh bạc qua mạng với nhà cái nước ngoài.",
];

/// The written forms of an offer sentence.
fn writings(s: &str) -> Vec<(&'static str, String)> {
    vec![
        ("as is", s.to_string()),
        ("no diacritics", strip_marks(s)),
        ("italic halves", italic_halves(s)),
        ("slug", slug(s)),
        ("full-width", full_width(s)),
    ]
}

/// Every word split across two `<i>` elements: `<i>n</i><i>hà</i> <i>c</i><i>ái</i>`.
fn italic_halves(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(first) if w.chars().count() > 1 => {
                    format!("<i>{first}</i><i>{}</i>", cs.as_str())
                }
                _ => format!("<i>{w}</i>"),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lower case without diacritics, words joined by hyphens, the full stop kept.
fn slug(s: &str) -> String {
    let body = s.trim_end_matches('.');
    let words: Vec<String> = strip_marks(body)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '@')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    format!("{}.", words.join("-"))
}

/// ASCII letters and digits in full width, the diacritics as combining marks (NFD).
fn full_width(s: &str) -> String {
    s.nfd()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => {
                char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c)
            }
            c => c,
        })
        .collect()
}

/// The paragraph with `s` at `at` (0 first, 1 in the middle, 2 last), in a `p` or a `div`.
fn pages(para: &[&str], s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for at in [0, para.len() / 2, para.len()] {
        let mut sentences: Vec<&str> = para.to_vec();
        sentences.insert(at, s);
        let text = sentences.join(" ");
        for block in [
            format!("<p>{text}</p>"),
            format!("<div class=\"noi-dung\">{text}</div>"),
        ] {
            out.push(format!(
                "<html><head><title>Tin tức</title></head><body><main><article><h1>Tin trong tỉnh</h1>{block}<p>Liên hệ ban biên tập</p></article></main></body></html>"
            ));
        }
    }
    out
}

/// The visible text of `html`: tags dropped, NFKC (full-width digits read as digits).
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut tag = false;
    for c in html.chars() {
        match c {
            '<' => tag = true,
            '>' => tag = false,
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out.nfkc().collect::<String>().replace('-', " ")
}

/// What was missed of `offer` written as `how` in `para`.
fn misses(para: &[&str], how: &str, offer: &str, marker: &str) -> Vec<String> {
    let mut out = Vec::new();
    for html in pages(para, offer) {
        let (cleaned, events) = clean(&SITE, &html);
        let gone = !visible(&cleaned)
            .to_lowercase()
            .contains(&marker.to_lowercase().replace('-', " "))
            && events.iter().any(|e| e.rule.starts_with("spam."));
        let kept = para.iter().all(|s| cleaned.contains(s));
        if !gone || !kept {
            out.push(format!(
                "{how}: gone {gone} kept {kept}: {html}\n  -> {cleaned}"
            ));
        }
    }
    out
}

fn assert_no_misses(misses: &[String]) {
    assert!(
        misses.is_empty(),
        "{} missed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn an_offer_sentence_in_a_genuine_paragraph_goes() {
    let mut all = Vec::new();
    for para in PARAGRAPHS {
        for (offer, marker) in OFFERS {
            all.extend(misses(para, "as is", offer, marker));
        }
    }
    assert_no_misses(&all);
}

#[test]
fn an_offer_sentence_in_a_written_form_in_a_genuine_paragraph_goes() {
    let mut all = Vec::new();
    for para in PARAGRAPHS {
        for (offer, marker) in OFFERS {
            for (how, w) in writings(offer).into_iter().skip(1) {
                all.extend(misses(para, how, &w, marker));
            }
        }
    }
    assert_no_misses(&all);
}

#[test]
fn a_sentence_reporting_an_offer_in_a_genuine_paragraph_is_unchanged() {
    for para in PARAGRAPHS {
        for report in REPORTS {
            for html in pages(para, report) {
                let (out, events) = clean(&SITE, &html);
                assert_eq!(out, html);
                assert!(events.is_empty(), "{html}: {events:?}");
            }
        }
    }
}

#[test]
fn a_news_article_on_fighting_illegal_betting_is_unchanged() {
    let html = "<html><head><title>Triệt phá đường dây cá độ bóng đá</title></head><body><main><article><h1>Triệt phá đường dây cá độ bóng đá qua mạng</h1><p>Công an tỉnh vừa triệt phá đường dây cá độ bóng đá qua mạng với tổng số tiền giao dịch hơn 500 tỷ đồng. Các đối tượng móc nối với nhà cái nước ngoài, mở tài khoản cho người chơi và hưởng hoa hồng trên mỗi lần đặt cược. Cơ quan điều tra đã khởi tố 12 bị can về tội tổ chức đánh bạc và đánh bạc. Công an khuyến cáo người dân không tham gia cá độ, không truy cập các trang nhà cái trái phép.</p><p>Trước đó, nhiều người dân đã trình báo việc bị lôi kéo nạp tiền vào các trang nhà cái với lời mời “nhận thưởng 100k khi đăng ký”.</p></article></main></body></html>";
    let (out, events) = clean(&SITE, html);
    assert_eq!(out, html);
    assert!(events.is_empty(), "{events:?}");
}

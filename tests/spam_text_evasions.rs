//! Attack suite: planted betting text that a crawler still reads as such but that escaped
//! the lexicon or the places it looks: look-alike Cyrillic letters with combining accents,
//! full-width letters, teencode digits, combining grapheme joiners inside words; the text of
//! a zero-size `<svg>`; named metas beyond the description (`og:site_name`,
//! `application-name`, Dublin Core, microdata); JSON-LD text values (`articleBody`). Benign
//! look-alikes (numbers in text, an SVG icon, technical metas, a news article's JSON-LD)
//! come through byte for byte.

use crate::common;

use common::rewrite::{clean, site};

fn gone(page: &str, rules: &[&str]) -> String {
    let (out, events) = clean(&site(""), page);
    assert!(
        events.iter().any(|e| rules.contains(&e.rule.as_ref())),
        "{page}: {events:?}"
    );
    assert!(out.contains("<p>Tin tức</p>"), "{out}");
    out
}

#[test]
fn hidden_spam_in_evasive_spellings_goes() {
    for spam in [
        "nh\u{430}\u{300} c\u{430}\u{301}\u{456} uy t\u{456}\u{301}n, t\u{430}\u{300}i x\u{456}\u{309}u \u{43e}nline",
        "ｎｈà ｃáｉ ｕｙ ｔíｎ, ｔàｉ ｘỉｕ ｏｎｌｉｎｅ",
        "nh4 c4i uy t1n, t4i x1u 0nline, n0 hu d0i thu0ng",
        "nh\u{34f}à c\u{34f}ái u\u{34f}y t\u{34f}ín, t\u{34f}ài x\u{34f}ỉu",
    ] {
        let page = format!("<p>Tin tức</p><div style=\"display:none\">{spam}</div>");
        let out = gone(&page, &["spam.keyword"]);
        assert!(!out.contains("display:none"), "{out}");
    }
}

#[test]
fn zero_size_svg_text_goes() {
    let page = "<p>Tin tức</p><svg width=\"0\" height=\"0\"><a href=\"/tin-tuc/\"><text y=\"10\">nhà cái uy tín, tài xỉu online, nổ hũ đổi thưởng</text></a></svg>";
    let out = gone(page, &["spam.keyword"]);
    assert!(!out.contains("nhà cái"), "{out}");
}

#[test]
fn named_meta_spam_is_replaced() {
    for meta in [
        "<meta property=\"og:site_name\" content=\"Nhà cái uy tín KUBET\">",
        "<meta name=\"application-name\" content=\"Nhà cái uy tín KUBET\">",
        "<meta name=\"DC.title\" content=\"Tài xỉu online uy tín, nổ hũ\">",
        "<meta itemprop=\"description\" content=\"Tài xỉu online, nổ hũ đổi thưởng\">",
        "<meta name=\"news_keywords\" content=\"tài xỉu, nổ hũ, 789bet\">",
    ] {
        let page = format!("<html><head>{meta}</head><body><p>Tin tức</p></body></html>");
        let out = gone(&page, &["spam.keyword"]);
        assert!(!out.contains("xỉu") && !out.contains("Nhà cái"), "{out}");
    }
}

#[test]
fn json_ld_text_spam_goes() {
    let page = "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"Article\",\"headline\":\"Nhà cái uy tín số 1 - tài xỉu online\",\"articleBody\":\"nhà cái uy tín, tài xỉu online, nổ hũ đổi thưởng, bắn cá\"}</script></head><body><p>Tin tức</p></body></html>";
    let out = gone(page, &["spam.keyword"]);
    assert!(
        !out.contains("xỉu") && out.contains("\"@type\":\"Article\""),
        "{out}"
    );
}

#[test]
fn benign_look_alikes_are_unchanged() {
    for page in [
        "<p>Tin tức</p><div style=\"display:none\">Nghị định 100/2019, năm 2024, mã số 4A1, phòng 301</div>",
        "<p>Tin tức</p><svg width=\"0\" height=\"0\"><defs><symbol id=\"i-home\"><path d=\"M0 0h24\"/></symbol></defs></svg><svg width=\"24\" height=\"24\"><use href=\"#i-home\"/></svg>",
        "<html><head><meta name=\"viewport\" content=\"width=device-width\"><meta property=\"og:site_name\" content=\"Sở Tư pháp tỉnh Bình An\"><meta name=\"DC.title\" content=\"Phòng chống cá độ, đánh bạc trái phép\"></head><body><p>Tin tức</p></body></html>",
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Công an triệt phá đường dây đánh bạc qua Kubet, FB88\",\"articleBody\":\"Các đối tượng tổ chức tài xỉu, nổ hũ trái phép; cơ quan công an đã khởi tố vụ án.\"}</script></head><body><p>Tin tức</p></body></html>",
        "<p>Tin tức</p><p lang=\"ru\">Министерство юстиции, казино запрещены</p>",
    ] {
        let (out, events) = clean(&site(""), page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{events:?}");
    }
}

//! Attack suite for charset disagreement through a byte-order mark (threats C2; redteam
//! w03, w31, w34): browsers decode by the BOM whatever the header says, so a page sent as
//! `FF FE` + UTF-16LE (or `FE FF` + UTF-16BE) under `charset=utf-8` or `windows-1258` is
//! markup to the browser and opaque bytes to a UTF-8 parser, and a UTF-8 BOM under
//! `windows-1258` hides spam text from the lexicon. The sanitizer must read what the
//! browser reads: the planted link, hidden spam and redirect script go, under every
//! chunking, and the output is UTF-8 after a UTF-8 BOM. Pages without a BOM are untouched.

use crate::common;

use common::rewrite::{PLANS, agreed, base, rewrite, site};
use lachan::sanitize::html::oracle;

const PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Sở Giáo dục</title></head><body>\
<p>Tin tức</p><div style=\"display:none\">nổ hũ, bắn cá, game bài đổi thưởng, tài xỉu online, nhà cái uy tín</div>\
<a href=\"https://kubet.test/\">Trang chủ</a><script>location.replace('https://kubet.test/m')</script></body></html>";

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xfe, 0xff]
    } else {
        vec![0xff, 0xfe]
    };
    for unit in text.encode_utf16() {
        let b = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        out.extend_from_slice(&b);
    }
    out
}

/// The output under every chunking (they must agree), decoded as a browser would, and the
/// audit rules.
fn run(input: &[u8], header: Option<&'static encoding_rs::Encoding>) -> (String, Vec<String>) {
    let (first, events) = agreed(&site(""), input, header);
    assert!(first.starts_with(b"\xef\xbb\xbf"), "no UTF-8 BOM in front");
    let text = String::from_utf8(first[3..].to_vec()).expect("UTF-8 output");
    (text, events.iter().map(|e| e.rule.to_string()).collect())
}

fn assert_neutralized(text: &str, rules: &[String]) {
    assert!(!text.contains("kubet"), "{text}");
    assert!(!text.contains("nổ hũ"), "{text}");
    assert!(text.contains("Tin tức"), "{text}");
    let left = oracle::foreign_urls(text, &base(), &site("").sanitize().hosts);
    assert!(left.is_empty(), "{left:?}");
    assert!(rules.iter().any(|r| r == "body.bom"), "{rules:?}");
    assert!(rules.iter().any(|r| r.starts_with("script.")), "{rules:?}");
}

#[test]
fn utf16le_bom_under_a_utf8_header_is_sanitized() {
    let (text, rules) = run(&utf16(PAGE, false), Some(encoding_rs::UTF_8));
    assert_neutralized(&text, &rules);
}

#[test]
fn utf16be_bom_under_a_windows_1258_header_is_sanitized() {
    let (text, rules) = run(&utf16(PAGE, true), Some(encoding_rs::WINDOWS_1258));
    assert_neutralized(&text, &rules);
}

#[test]
fn utf16_bom_without_a_header_charset_is_sanitized() {
    let (text, rules) = run(&utf16(PAGE, false), None);
    assert_neutralized(&text, &rules);
}

#[test]
fn utf8_bom_under_a_windows_1258_header_is_read_as_utf8() {
    let mut body = b"\xef\xbb\xbf".to_vec();
    body.extend_from_slice(PAGE.as_bytes());
    let (text, rules) = run(&body, Some(encoding_rs::WINDOWS_1258));
    assert_neutralized(&text, &rules);
}

#[test]
fn pages_without_a_bom_are_untouched_and_short_bodies_survive() {
    let site = site("");
    for page in ["<p>Tin tức</p>", "x", "", "\u{feff}"] {
        for plan in PLANS {
            let (out, _) = rewrite(&site, page.as_bytes(), plan, Some(encoding_rs::UTF_8));
            assert_eq!(out, page.as_bytes(), "{page:?} {plan:?}");
        }
    }
}

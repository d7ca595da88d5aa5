//! Attack suite for redteam #4/#19 (short betting phrases as a removed link's text): a foreign
//! link whose whole text is one betting term ("đá gà", "cá cược", "lô đề"…, with or without
//! diacritics) goes with its text (`link.spam_text`), though one weak keyword alone scores
//! too little to be spam. Short ordinary texts of foreign links stay unwrapped, and editorial
//! text about betting outside a foreign link stays byte for byte. Every page is fed in every
//! chunking of the harness.

use crate::common;

use common::rewrite::{clean, rule_ids as rules, site};
use lachan::audit::Action;

const TERMS: &[&str] = &[
    "cá cược",
    "đá gà",
    "cá độ",
    "lô đề",
    "soi cầu",
    "nổ hũ",
    "tài xỉu",
    "xóc đĩa",
    "bắn cá",
    "ca cuoc",
    "da ga",
    "ca do",
    "lo de",
    "soi cau",
    "no hu",
    "tai xiu",
    "xoc dia",
    "ban ca",
    "Đá Gà",
    " cá  cược ",
    "<b>đá gà</b>",
    "đá&nbsp;gà",
];

#[test]
fn short_betting_term_goes_with_its_foreign_link() {
    for term in TERMS {
        let page = format!("<p>Xem <a href=\"https://site.test/x\">{term}</a> tại đây.</p>");
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, "<p>Xem  tại đây.</p>", "{term}");
        assert_eq!(rules(&events), ["link.spam_text"], "{term}");
        assert_eq!(events[0].action, Action::Removed);
    }
}

#[test]
fn short_ordinary_texts_of_foreign_links_stay_unwrapped() {
    for text in [
        "Bộ Công an",
        "Xem thêm",
        "Bộ Tư pháp",
        "Cá Mau",
        "Đà Lạt",
        "lô hàng",
    ] {
        let page = format!("<p><a href=\"https://site.test/x\">{text}</a>.</p>");
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, format!("<p>{text}.</p>"), "{text}");
        assert_eq!(rules(&events), ["link.foreign"], "{text}");
    }
}

#[test]
fn editorial_betting_text_outside_foreign_links_comes_through_unchanged() {
    let page = concat!(
        "<article><p>Công an tỉnh đẩy mạnh phòng chống cá độ bóng đá, ",
        "<a href=\"/tin-tuc/da-ga.html\">đá gà</a> trái phép.</p>",
        "<p><a href=\"https://bocongan.gov.vn/\">Bộ Công an</a></p></article>",
    );
    let (out, events) = clean(&site(""), page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{:?}", rules(&events));
}

//! Attack suite (issue 14, planted spam shown by CSS): betting keywords kept in an attribute
//! that no crawler of text attributes reads (`data-*`, `id`, a made-up name, a `class` with
//! Vietnamese letters) and put on the page by a sheet's `content: attr(name)` on a
//! `::before`/`::after`. The sheet itself holds no betting word, so it stays; the attribute
//! goes (`spam.keyword`), and with it the generated text. Benign twins: data attributes,
//! ids and class lists of ordinary portal markup, and a data attribute naming a warning,
//! come through byte for byte with no event. Every page is fed in every chunking.

use crate::common;

use common::rewrite::{clean, rule_ids, site};

/// Phrases an attacker keeps in the attribute.
const PHRASES: &[&str] = &[
    "Nhà cái uy tín 789bet - nạp đầu tặng 100%",
    "nha cai uy tin kubet, khuyen mai nap dau",
    "Tài xỉu online, nổ hũ đổi thưởng uy tín nhất",
    "Soi cầu lô đề miễn phí &amp; chính xác hôm nay",
];

/// Attribute names a sheet can read back with `attr()`.
const NAMES: &[&str] = &[
    "data-k",
    "data-title",
    "id",
    "x-note",
    "itemprop",
    "data-tooltip",
];

const SHEET: &str =
    "<style>.tin::after{content:attr(ATTR)} #a::before{content:\" \" attr(ATTR)}</style>";

#[test]
fn spam_in_an_attribute_that_css_shows_goes() {
    let mut missed = Vec::new();
    for name in NAMES {
        for phrase in PHRASES {
            let sheet = SHEET.replace("ATTR", name);
            for tag in ["p", "li"] {
                let page = format!(
                    "{sheet}<{tag} class=\"tin\" {name}=\"{phrase}\">Lịch tiếp công dân</{tag}>"
                );
                let (out, events) = clean(&site(""), &page);
                let expected = format!("{sheet}<{tag} class=\"tin\">Lịch tiếp công dân</{tag}>");
                if out != expected || !rule_ids(&events).contains(&"spam.keyword") {
                    missed.push(page);
                }
            }
        }
    }
    assert!(
        missed.is_empty(),
        "{} got through: {:#?}",
        missed.len(),
        &missed[..missed.len().min(5)]
    );
}

#[test]
fn spam_in_a_class_of_vietnamese_words_goes() {
    let sheet = "<style>[class]::after{content:attr(class)}</style>";
    for phrase in ["nhà cái uy tín 789bet", "nổ hũ đổi thưởng uy tín"] {
        let page = format!("{sheet}<p class=\"{phrase}\">Tin</p>");
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, format!("{sheet}<p>Tin</p>"), "{page}");
        assert_eq!(rule_ids(&events), ["spam.keyword"], "{page}");
    }
}

#[test]
fn ordinary_attributes_of_portal_markup_are_unchanged() {
    let page = concat!(
        "<style>.tip::after{content:attr(data-tip)} a[data-count]::after{content:\" (\" attr(data-count) \")\"}</style>",
        "<div id=\"main-content\" class=\"container col-md-8 news-list\" data-module=\"tin tuc\">",
        "<p class=\"tip\" data-tip=\"Nhấn để xem chi tiết văn bản\">Quyết định 68/QĐ-UBND</p>",
        "<a href=\"/tin\" data-count=\"12 bài viết\" data-track=\"click menu tin\">Tin tức</a>",
        "<span class=\"tip\" data-tip=\"Phòng chống cá độ bóng đá mùa World Cup\">Cảnh báo</span>",
        "<td data-label=\"Ngày ban hành\" itemprop=\"datePublished dateCreated\">01/12/2026</td>",
        "<section class=\"khối tin nổi bật\" aria-describedby=\"mô tả ngắn\">Tin</section>",
        "</div>",
    );
    let (out, events) = clean(&site(""), page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{:?}", rule_ids(&events));
}

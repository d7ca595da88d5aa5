//! Planted spam that the browser draws from a source no keyword reader sees (A5, issue 14's
//! mutation corpus):
//! - written backwards and drawn forwards: `<bdo dir=rtl>`, an inline bidi override, the
//!   U+202E character (raw or as a reference), a `row-reverse` flex box of word items;
//! - kept in an attribute that a sheet shows with `content: attr(name)` (`data-*`, `id`, a
//!   made-up name).
//!
//! The benign twins: Arabic text under an override, a `row-reverse` menu, and data
//! attributes shown by a sheet that hold ordinary hints.

use super::rng::{Rng, normalize};
use super::{Kind, Payload, Template};

use super::planted_text as t;

pub const TEMPLATES: &[Template] = &[
    t("spam-written-backwards", Kind::Text, backwards),
    t("spam-shown-by-css-attr", Kind::Text, css_attr),
];

pub const BENIGN: &[Template] = &[t("rtl-text-and-css-hints", Kind::Benign, drawn_benign)];

/// Offers without entities (a reversed reference is no longer one).
const OFFERS: &[&str] = &[
    "Nhà cái uy tín 789bet",
    "Nổ hũ đổi thưởng uy tín nhất",
    "Tai xiu online uy tin nhat Viet Nam",
    "Soi cầu lô đề miễn phí hôm nay",
    "Game bài đổi thưởng nạp đầu x2",
    "Link vào nhà cái mới nhất",
];

const NEWS: &str =
    "Sở Tư pháp tổ chức tập huấn nghiệp vụ hộ tịch cho công chức tư pháp cấp xã trên địa bàn tỉnh.";

fn backwards(r: &mut Rng) -> Payload {
    let offer = *r.pick(OFFERS);
    let rev: String = offer.chars().rev().collect();
    let items: String = offer
        .split(' ')
        .rev()
        .map(|w| format!("<span>{w} </span>"))
        .collect();
    let carrier = match r.below(6) {
        0 => format!("<bdo dir=\"rtl\">{rev}</bdo>"),
        1 => format!("<span style=\"unicode-bidi:bidi-override;direction:rtl\">{rev}</span>"),
        2 => format!("<span dir=rtl style=\"unicode-bidi: bidi-override\">{rev}</span>"),
        3 => format!("&#x202E;{rev}&#x202C;"),
        4 => format!("\u{202E}{rev}\u{202C}"),
        _ => format!("<div style=\"display:flex;flex-direction:row-reverse\">{items}</div>"),
    };
    let html = match r.below(3) {
        0 => format!("<p>{carrier}</p>"),
        1 => format!("<p>{NEWS} {carrier} {NEWS}</p>"),
        _ => format!("<div class=\"footer-links\">{carrier}</div>"),
    };
    // What a reader of the source finds: the words backwards, or the items last first.
    let source: String = if html.contains("row-reverse") {
        offer.split(' ').rev().collect::<Vec<_>>().join(" ")
    } else {
        rev
    };
    Payload {
        html,
        planted: vec![normalize(&source)],
        ..Default::default()
    }
}

fn css_attr(r: &mut Rng) -> Payload {
    let offer = *r.pick(OFFERS);
    let name = *r.pick(&[
        "data-k",
        "data-title",
        "id",
        "x-note",
        "data-tooltip",
        "itemprop",
    ]);
    let pseudo = *r.pick(&["::after", "::before", ":after"]);
    let sel = *r.pick(&[".tin", "p.tin", "[class=tin]", "main .tin"]);
    let sheet = format!("<style>{sel}{pseudo}{{content:attr({name})}}</style>");
    let tag = *r.pick(&["p", "span", "li", "h3"]);
    Payload {
        html: format!("{sheet}<{tag} class=\"tin\" {name}=\"{offer}\">{NEWS}</{tag}>"),
        planted: vec![normalize(offer)],
        ..Default::default()
    }
}

fn drawn_benign(r: &mut Rng) -> Payload {
    let html = match r.below(3) {
        0 => "<p><bdo dir=\"rtl\">مرحبا بكم في بوابة المحافظة</bdo></p>".to_string(),
        1 => "<nav style=\"display:flex;flex-direction:row-reverse\"><a href=\"/lien-he\">Liên hệ</a><a href=\"/tin-tuc\">Tin tức</a><a href=\"/\">Trang chủ</a></nav>".to_string(),
        _ => format!(
            "<style>.tip::after{{content:attr(data-tip)}}</style><p class=\"tip\" data-tip=\"Nhấn để xem chi tiết văn bản\">{NEWS}</p>"
        ),
    };
    Payload {
        html,
        ..Default::default()
    }
}

//! Drawn taglines (A5, issue 14's mutation corpus; suite `spam_layout_taglines`): right
//! after a planted slogan that goes as spam, a short line that is one betting term only as
//! layout draws it: its words stand reversed in the source and are put back in order by
//! inline blocks right to left (`direction: rtl`), a reversed flex row
//! (`flex-direction: row-reverse`) or flex `order`, from `style=` or a page rule. One term
//! alone is no spam; after a cut slogan it is its tagline, and goes with it.
//!
//! The benign twins: genuine lines and menus laid out the same ways, with no spam before
//! them, byte for byte.

use super::judge::LETTERS;
use super::rng::{Rng, normalize};
use super::{Kind, Payload, Template};

use super::planted_text as t;

pub const TEMPLATES: &[Template] = &[t("spam-drawn-tagline", Kind::Text, tagline)];

pub const BENIGN: &[Template] = &[t("drawn-lines-genuine", Kind::Benign, genuine)];

/// The slogans cut first: spam on their own.
const FIRST: &[&str] = &[
    "Đá gà trực tiếp Thomo hôm nay",
    "Nhà cái uy tín số 1 nạp đầu tặng 100%",
    "Game bài đổi thưởng uy tín rút tiền nhanh",
    "Soi cầu lô đề miễn phí, tỷ lệ 1 ăn 99",
    "Nổ hũ đổi thưởng, bắn cá, tặng code 50K",
];

/// The single terms of the line after them.
const TERMS: &[&str] = &[
    "cược gà cựa sắt",
    "nhà cái uy tín",
    "tài xỉu online",
    "nổ hũ đổi thưởng",
    "game bài đổi thưởng",
    "soi kèo nhà cái",
    "CUOC GA CUA SAT",
    "nha cai uy tin",
];

/// Genuine lines (benign twins).
const GENUINE: &[&str] = &[
    "Lịch tiếp công dân tháng 12",
    "Giá gà thịt hôm nay tăng",
    "Kết quả xổ số kiến thiết",
    "Trang chủ Tin tức Liên hệ",
];

/// The containers of the slogan and its tagline.
const BOXES: &[(&str, &str)] = &[
    ("<aside class=\"side\"><h2>Liên kết</h2>", "</aside>"),
    ("<div class=\"col-right\">", "</div>"),
    ("<table><tr><td>", "</td></tr></table>"),
    (
        "<div class=\"footer-links\"><p>Điện thoại: 0238.3844.262</p>",
        "</div>",
    ),
];

/// `text` laid out so that only layout puts its words in order: the page rule (maybe
/// empty) and the element.
pub(super) fn drawn(r: &mut Rng, text: &str) -> (String, String) {
    let words: Vec<&str> = text.split(' ').collect();
    let tag = *r.pick(&["i", "span", "b", "em"]);
    let rev: Vec<String> = words
        .iter()
        .rev()
        .map(|w| format!("<{tag}>{w}</{tag}>"))
        .collect();
    let cls = *r.pick(&["rt", "tg", "slogan-2"]);
    match r.below(6) {
        0 => (
            format!(
                ".{cls}{{direction:rtl;text-align:left}}.{cls} {tag}{{display:inline-block;font-style:normal;margin:0 3px}}"
            ),
            format!("<div class=\"{cls}\">{}</div>", rev.join(" ")),
        ),
        1 => (
            String::new(),
            format!(
                "<div dir=\"rtl\" style=\"text-align:left\">{}</div>",
                words
                    .iter()
                    .rev()
                    .map(|w| format!("<{tag} style=\"display:inline-block\">{w}</{tag}>"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        ),
        2 => (
            format!(
                ".{cls}{{display:flex;flex-direction:row-reverse;justify-content:flex-end;gap:4px}}"
            ),
            format!("<div class=\"{cls}\">{}</div>", rev.join("")),
        ),
        3 => (
            String::new(),
            format!(
                "<p style=\"display:flex; flex-direction: row-reverse\">{}</p>",
                rev.join("")
            ),
        ),
        4 => {
            let items: Vec<String> = (0..words.len())
                .rev()
                .map(|i| format!("<{tag} style=\"order:{i}\">{}</{tag}>", words[i]))
                .collect();
            (
                String::new(),
                format!(
                    "<div style=\"display:flex;gap:4px\">{}</div>",
                    items.join("")
                ),
            )
        }
        _ => {
            let n = words.len();
            let rules: String = (0..n)
                .map(|i| format!(".{cls} .w{i}{{order:{}}}", i + 1))
                .collect();
            let items: Vec<String> = (0..n)
                .rev()
                .map(|i| format!("<{tag} class=\"w{i}\">{}</{tag}>", words[i]))
                .collect();
            (
                format!(".{cls}{{display:flex}}{rules}"),
                format!("<div class=\"{cls}\">{}</div>", items.join("")),
            )
        }
    }
}

/// What a reader of the source finds of `text` drawn: its words backwards, letters only.
pub(super) fn source_letters(text: &str) -> String {
    let rev: String = text.split(' ').rev().collect();
    format!("{LETTERS}{}", normalize(&rev))
}

fn sheet(rule: &str) -> String {
    match rule.is_empty() {
        true => String::new(),
        false => format!("<style>{rule}</style>"),
    }
}

fn tagline(r: &mut Rng) -> Payload {
    let first = *r.pick(FIRST);
    let term = *r.pick(TERMS);
    let (rule, line) = drawn(r, term);
    let (open, close) = *r.pick(BOXES);
    let ad = *r.pick(&[
        "<div class=\"ad\">{}</div>",
        "<p>{}</p>",
        "<div><b>{}</b></div>",
    ]);
    Payload {
        html: format!(
            "{}{open}{}\n{line}{close}",
            sheet(&rule),
            ad.replace("{}", first)
        ),
        planted: vec![normalize(first), source_letters(term)],
        ..Default::default()
    }
}

fn genuine(r: &mut Rng) -> Payload {
    let text = *r.pick(GENUINE);
    let (rule, line) = drawn(r, text);
    let (open, close) = *r.pick(BOXES);
    Payload {
        html: format!("{}{open}<p>Thông báo</p>\n{line}{close}", sheet(&rule)),
        ..Default::default()
    }
}

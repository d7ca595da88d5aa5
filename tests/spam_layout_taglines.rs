//! Attack suite (issue 14, layout-ordered text; red-team `r3-layout-rtl-inline-blocks`): a
//! planted slogan goes as spam, and the short line right after it is one betting term
//! whose words stand reversed in the source and are put back in order on screen (inline
//! blocks right to left, a reversed flex row, flex `order`). One term alone is no spam,
//! but in source order such a line would go as the tagline of the block cut before it;
//! drawn, it goes the same way.
//!
//! Benign twins: a genuine line laid out the same way after the cut slogan stays, and the
//! same layouts of genuine text with no spam before them come
//! through byte for byte with no audit event.

use crate::common;

use common::rewrite::{clean, site};

/// The slogans cut first (each is spam on its own).
const FIRST: &[&str] = &[
    "Đá gà trực tiếp Thomo hôm nay",
    "Nhà cái uy tín số 1 nạp đầu tặng 100%",
    "Game bài đổi thưởng uy tín rút tiền nhanh",
];

/// The single terms of the line after it.
const TERMS: &[&str] = &[
    "cược gà cựa sắt",
    "nhà cái uy tín",
    "tài xỉu online",
    "nổ hũ đổi thưởng",
    "game bài đổi thưởng",
    "CUOC GA CUA SAT",
];

/// A line whose words layout puts back in order: the sheet and the element.
fn drawn(text: &str, how: usize) -> (&'static str, String) {
    let words: Vec<&str> = text.split(' ').collect();
    let rev: Vec<String> = words.iter().rev().map(|w| format!("<i>{w}</i>")).collect();
    match how {
        0 => (
            ".rt{direction:rtl;text-align:left}.rt i{display:inline-block;font-style:normal;margin:0 3px}",
            format!("<div class=\"rt\">{}</div>", rev.join(" ")),
        ),
        1 => (
            ".rr{display:flex;flex-direction:row-reverse;justify-content:flex-end;gap:4px}",
            format!("<div class=\"rr\">{}</div>", rev.join("")),
        ),
        _ => {
            let n = words.len();
            let items: Vec<String> = (0..n)
                .rev()
                .map(|i| format!("<span style=\"order:{i}\">{}</span>", words[i]))
                .collect();
            (
                "",
                format!(
                    "<div style=\"display:flex;gap:4px\">{}</div>",
                    items.join("")
                ),
            )
        }
    }
}

fn page(sheet: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Tòa án nhân dân tỉnh</title><style>{sheet}</style></head><body><main><p>Tòa án nhân dân tỉnh tổ chức phiên tòa rút kinh nghiệm trực tuyến với 21 điểm cầu.</p></main><aside class=\"side\"><h2>Liên kết</h2><p>Điện thoại: 0238.3844.262</p>{body}</aside></body></html>"
    )
}

#[test]
fn a_drawn_term_right_after_a_cut_slogan_goes_with_it() {
    let site = site("");
    let mut kept = Vec::new();
    let mut total = 0;
    for first in FIRST {
        for term in TERMS {
            for how in 0..3 {
                total += 1;
                let (sheet, line) = drawn(term, how);
                let html = page(sheet, &format!("<div class=\"ad\">{first}</div>\n{line}"));
                let (out, _) = clean(&site, &html);
                if out.contains(&line) || out.contains(first) {
                    kept.push(format!("{first} | {term} | layout {how}"));
                }
            }
        }
    }
    assert!(
        kept.is_empty(),
        "{} of {total} kept:\n{}",
        kept.len(),
        kept.join("\n")
    );
}

/// Genuine lines, laid out the same way.
const GENUINE: &[&str] = &[
    "Lịch tiếp công dân tháng 12",
    "Giá gà thịt hôm nay tăng",
    "Kết quả xổ số kiến thiết",
];

#[test]
fn a_genuine_drawn_line_after_a_cut_slogan_stays() {
    let site = site("");
    let mut lost = Vec::new();
    for first in FIRST {
        for text in GENUINE {
            for how in 0..3 {
                let (sheet, line) = drawn(text, how);
                let html = page(sheet, &format!("<div class=\"ad\">{first}</div>\n{line}"));
                let (out, _) = clean(&site, &html);
                if !out.contains(&line) {
                    lost.push(format!("{first} | {text} | layout {how}"));
                }
            }
        }
    }
    assert!(lost.is_empty(), "lost:\n{}", lost.join("\n"));
}

#[test]
fn drawn_lines_with_no_spam_before_them_are_unchanged() {
    let site = site("");
    let mut changed = Vec::new();
    for text in GENUINE {
        for how in 0..3 {
            let (sheet, line) = drawn(text, how);
            let html = page(sheet, &format!("<p>Thông báo</p>\n{line}"));
            let (out, events) = clean(&site, &html);
            if out != html || !events.is_empty() {
                changed.push(format!("{text} | layout {how}: {events:?}"));
            }
        }
    }
    assert!(changed.is_empty(), "changed:\n{}", changed.join("\n"));
}

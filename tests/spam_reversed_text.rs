//! Attack suite (issue 14, planted spam written backwards): betting copy stored reversed in
//! the source, so that no keyword is in it, and drawn forwards by the browser: a
//! `<bdo dir=rtl>`, an inline `unicode-bidi: bidi-override; direction: rtl`, the
//! RIGHT-TO-LEFT OVERRIDE character (raw or as `&#x202E;`), or a flex box with
//! `row-reverse` whose items hold the words last first. Each carrier stands alone in a
//! paragraph and inside a news paragraph; the spam goes (`spam.block` or `spam.inline`)
//! and the news around it stays. Benign twins: Arabic text under an override, a
//! right-to-left paragraph, a `row-reverse` menu and toolbar, and a `bdo dir=ltr` come
//! through byte for byte with no event. Every page is fed in every chunking.

use crate::common;

use common::rewrite::{clean, rule_ids, site};

/// A paragraph of ordinary news, without betting words.
const NEWS: &str = "Ủy ban nhân dân tỉnh triển khai kế hoạch cải cách hành chính năm 2025, người dân được hướng dẫn nộp hồ sơ trực tuyến qua Cổng dịch vụ công quốc gia.";

const PHRASES: &[&str] = &[
    "Nhà cái uy tín 789bet",
    "Nổ hũ đổi thưởng uy tín nhất",
    "Tai xiu online uy tin nhat Viet Nam",
    "Soi cầu lô đề miễn phí hôm nay",
];

fn reversed(s: &str) -> String {
    s.chars().rev().collect()
}

/// The phrase drawn forwards by each carrier, stored backwards.
fn carriers(phrase: &str) -> Vec<String> {
    let rev = reversed(phrase);
    let items: String = phrase
        .split(' ')
        .rev()
        .map(|w| format!("<span>{w} </span>"))
        .collect();
    vec![
        format!("<bdo dir=\"rtl\">{rev}</bdo>"),
        format!("<BDO DIR=RTL>{rev}</BDO>"),
        format!("<span style=\"unicode-bidi:bidi-override;direction:rtl\">{rev}</span>"),
        format!("<span dir=\"rtl\" style=\"unicode-bidi: bidi-override\">{rev}</span>"),
        format!("&#x202E;{rev}&#x202C;"),
        format!("\u{202E}{rev}\u{202C}"),
        format!("<span style=\"display:inline-flex;flex-direction:row-reverse\">{items}</span>"),
        format!("<span style=\"display:flex; flex-flow: row-reverse wrap\">{items}</span>"),
    ]
}

fn page(body: &str) -> String {
    format!("<html><body><main><p>{NEWS}</p>{body}<p>Liên hệ</p></main></body></html>")
}

#[test]
fn reversed_spam_alone_or_inside_news_goes() {
    let mut missed = Vec::new();
    let mut total = 0;
    for phrase in PHRASES {
        for c in carriers(phrase) {
            let mut bodies = vec![format!("<p>{c}</p>"), format!("<p>{NEWS} {c} {NEWS}</p>")];
            // Without its end, an override runs to the end of its paragraph.
            if c.ends_with('\u{202C}') {
                bodies.push(format!("<p>{NEWS} {}</p>", c.trim_end_matches('\u{202C}')));
            }
            for body in bodies {
                total += 1;
                let (out, events) = clean(&site(""), &page(&body));
                let rules = rule_ids(&events);
                let gone = !out.contains(&reversed(phrase)) && !out.contains("<span>tín </span>");
                let spam = rules.iter().any(|r| r.starts_with("spam."));
                let kept = out.matches(NEWS).count() == 1 + body.matches(NEWS).count()
                    && out.contains("<p>Liên hệ</p>");
                if !(gone && spam && kept) {
                    missed.push(format!("{body}\n=> {out}\n{rules:?}"));
                }
            }
        }
    }
    assert!(
        missed.is_empty(),
        "{} of {total} got through: {:#?}",
        missed.len(),
        &missed[..missed.len().min(3)]
    );
}

#[test]
fn right_to_left_text_and_reversed_menus_are_unchanged() {
    for body in [
        "<p><bdo dir=\"rtl\">مرحبا بكم في بوابة المحافظة</bdo></p>",
        "<p dir=\"rtl\" lang=\"ar\">مرحبا بكم في بوابة المحافظة</p>",
        "<p><bdo dir=\"ltr\">Cổng thông tin điện tử</bdo></p>",
        "<nav style=\"display:flex;flex-direction:row-reverse\"><a href=\"/lien-he\">Liên hệ</a><a href=\"/tin-tuc\">Tin tức</a><a href=\"/\">Trang chủ</a></nav>",
        "<div style=\"display:flex;flex-direction:row-reverse\"><button>Gửi</button><button>Hủy</button></div>",
        "<p>Mã văn bản: <bdo dir=\"rtl\">BU-ĐQ/86</bdo></p>",
    ] {
        let html = page(body);
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html);
        assert!(events.is_empty(), "{body}: {:?}", rule_ids(&events));
    }
}

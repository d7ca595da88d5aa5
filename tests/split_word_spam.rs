//! Attack suite: betting keywords split so that no keyword matches letter for letter, while
//! a browser renders (and a crawler reads) the word whole: across adjacent inline elements
//! (`<b>nhà</b><i> cái</i>`, `n<span>ổ</span> hũ`), by comments, by character references,
//! zero-width characters, soft hyphens, `<wbr>`, combining marks, full-width or Cyrillic and
//! Greek look-alike letters, and letter spacing ("n h à c á i"). The text of a block (or of
//! a hidden block) is judged as rendered text, joined across inline children: visible
//! keyword blocks go (`spam.block`/`spam.inline`), hidden ones too (`spam.keyword`). Benign
//! twins (news with inline emphasis inside words, initials, a police notice) come through
//! byte for byte.

use crate::common;

use common::rewrite::{clean, site};

/// Ways of writing one keyword (given as its two syllables) split apart.
fn splits(a: &str, b: &str) -> Vec<String> {
    let first = |w: &str| w.char_indices().nth(1).map_or(w.len(), |(i, _)| i);
    let (a1, a2) = a.split_at(first(a));
    let (b1, b2) = b.split_at(first(b));
    let spaced = |w: &str| w.chars().map(String::from).collect::<Vec<_>>().join(" ");
    vec![
        format!("<b>{a}</b><i> {b}</i>"),
        format!("{a1}<span>{a2}</span> {b}"),
        format!("<span>{a}</span> <span>{b1}</span><span>{b2}</span>"),
        format!("{a1}<!-- x -->{a2} {b1}<!---->{b2}"),
        format!("{a}<wbr> {b1}<wbr>{b2}"),
        format!("{a1}\u{200b}{a2} {b1}\u{ad}{b2}"),
        format!("{a1}&shy;{a2} {b1}&#8203;{b2}"),
        format!("{a1}<x-k>{a2}</x-k> <font>{b1}</font>{b2}"),
        format!("{} {}", spaced(a), spaced(b)),
        format!("{a1}<em></em>{a2} <small>{b}</small>"),
    ]
}

const TERMS: [(&str, &str); 4] = [("nhà", "cái"), ("tài", "xỉu"), ("nổ", "hũ"), ("xóc", "đĩa")];

fn wrap(body: &str) -> String {
    format!("<html><body><main><p>Tin tức</p>{body}<p>Liên hệ</p></main></body></html>")
}

fn gone(page: &str, rules: &[&str]) -> String {
    let (out, events) = clean(&site(""), page);
    assert!(
        out.contains("<p>Tin tức</p>") && out.contains("<p>Liên hệ</p>"),
        "{out}"
    );
    assert!(
        events.iter().any(|e| rules.contains(&e.rule.as_ref())),
        "{page}: {events:?}"
    );
    out
}

#[test]
fn visible_split_keyword_blocks_go() {
    for i in 0..splits("a", "b").len() {
        let words: Vec<String> = TERMS.iter().map(|(a, b)| splits(a, b)[i].clone()).collect();
        for body in [
            format!("<div class=\"k\">{}</div>", words.join(", ")),
            format!("<p>{}</p>", words.join(" | ")),
            format!("<ul><li>{}</li></ul>", words.join(" - ")),
        ] {
            let out = gone(&wrap(&body), &["spam.block", "spam.inline"]);
            // The block goes whole, or (letter-spaced words, judged unit by unit) is left
            // empty.
            assert!(
                !out.contains("class=\"k\"") || out.contains("class=\"k\"></div>"),
                "variant {i}: {out}"
            );
            assert!(
                !out.contains("cái") && !out.contains("xỉu"),
                "variant {i}: {out}"
            );
        }
    }
}

#[test]
fn hidden_split_keywords_go() {
    for (a, b) in [("nhà", "cái"), ("tài", "xỉu"), ("nổ", "hũ")] {
        for (i, w) in splits(a, b).into_iter().enumerate() {
            for style in [
                "display:none",
                "position:absolute;left:-9999px",
                "font-size:0",
            ] {
                let page = wrap(&format!("<div style=\"{style}\">{w} uy tín</div>"));
                let out = gone(&page, &["spam.keyword"]);
                assert!(!out.contains("uy tín"), "variant {i}: {out}");
            }
        }
    }
}

#[test]
fn split_keywords_in_never_rendered_and_inline_units_go() {
    let w: Vec<String> = TERMS.iter().map(|(a, b)| splits(a, b)[0].clone()).collect();
    let news = "Ủy ban nhân dân tỉnh triển khai kế hoạch cải cách hành chính năm 2025, đẩy mạnh chuyển đổi số trong các sở, ban, ngành và địa phương";
    let page = wrap(&format!(
        "<p>{news} <span>{}</span> {news}</p>",
        w.join(", ")
    ));
    let out = gone(&page, &["spam.inline"]);
    assert!(out.contains(news), "{out}");
    let page = wrap(&format!("<template>{}</template>", w[0]));
    gone(&page, &["spam.keyword"]);
}

#[test]
fn news_with_inline_markup_inside_words_is_unchanged() {
    for body in [
        "<p>Thành phố <b>H</b>ồ <b>C</b>hí <b>M</b>inh, T P H C M, khu vực <i>A B C D</i></p>",
        "<p>Công an tỉnh cảnh báo các trò <b>tài</b> <i>xỉu</i>, <b>nổ</b> hũ là đánh bạc trái phép, vi phạm pháp luật</p>",
        "<p>Nhà<span> </span>cái gì cũng có: <b>nh</b>à văn hóa, <i>c</i>ái đình làng</p>",
        "<p>Ph&ograve;ng ch&#7889;ng t&#7897;i ph&#7841;m, x&#7917; l&yacute; vi ph&#7841;m</p>",
        "<p>Số hiệu: 12/2025/QĐ-UBND, ký hiệu <abbr title=\"Ủy ban nhân dân\">UBND</abbr></p>",
    ] {
        let page = wrap(body);
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{events:?}");
    }
}

/// A line written letter by letter, `gap` between its words ("K E O   R U N G").
fn letter_spaced(line: &str, gap: &str) -> String {
    line.split(' ')
        .map(|w| w.chars().map(String::from).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(gap)
}

/// Offers of two terms written letter by letter, in the places of a page a visitor reads
/// (a breadcrumb, a menu item, a table cell, a heading, a short news item): the spacing is
/// written to slip past a filter, so one term more is not needed.
#[test]
fn letter_spaced_offers_go_in_visible_places() {
    let lines = [
        "kèo rung hiệp 2, kèo châu á cập nhật từng phút",
        "nhận làm sổ đỏ, chứng chỉ tiếng anh không cần thi",
        "nổ hũ đổi thưởng, bắn cá online",
        "chat sex webcam, show hàng mỗi đêm",
        "bốc họ online, vay nóng trong ngày",
    ];
    let places = [
        "<nav aria-label=\"breadcrumb\"><a href=\"/\">Trang chủ</a> › <span>{u}</span> › <span>Chi tiết</span></nav>",
        "<div class=\"tin-ngan\">{u}</div>",
        "<ul class=\"menu\"><li><a href=\"/\">Trang chủ</a></li><li>{u}</li></ul>",
        "<table><tr><td>Sở Tư pháp</td></tr><tr><td>{u}</td></tr></table>",
        "<h3>{u}</h3>",
    ];
    let mut missed = Vec::new();
    for line in lines {
        let plain = common::text::strip_marks(line);
        for written in [line.to_string(), plain.to_uppercase(), line.to_uppercase()] {
            for gap in [" ", "   ", " , "] {
                let u = letter_spaced(&written, gap);
                for place in places {
                    let page = wrap(&place.replace("{u}", &u));
                    let (out, events) = clean(&site(""), &page);
                    let kept = out.contains("<p>Tin tức</p>") && out.contains("<p>Liên hệ</p>");
                    if out.contains(&u) || !kept || events.is_empty() {
                        missed.push(format!("{u:?} in {place}"));
                    }
                }
            }
        }
    }
    assert!(
        missed.is_empty(),
        "{} missed:\n{}",
        missed.len(),
        missed.join("\n")
    );
}

/// The twins: headings letter-spaced for style, initials and a spaced warning stay.
#[test]
fn letter_spaced_headings_and_initials_are_unchanged() {
    for body in [
        "<h2 class=\"section\">T I N   T Ứ C   -   S Ự   K I Ệ N</h2><p>Hội nghị tổng kết năm</p>",
        "<nav><ul><li>G I Ớ I   T H I Ệ U</li><li>L I Ê N   H Ệ</li><li>V Ă N   B Ả N</li></ul></nav>",
        "<h2>C Ả N H   B Á O   L Ừ A   Đ Ả O   Q U A   M Ạ N G</h2>",
        "<p>U B N D   T Ỉ N H, T P H C M, phụ lục A B C D E, mục I I I</p>",
        "<table><tr><td>A</td><td>B</td><td>C</td></tr><tr><td>x y z w</td><td>1 2 3 4 5 6</td></tr></table>",
    ] {
        let page = wrap(body);
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{events:?}");
    }
}

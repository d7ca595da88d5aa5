//! Planted spam without links (A5) in the units smaller than a block and in the places a
//! browser never renders: a keyword list in an inline element inside a paragraph of news,
//! bare text between the blocks of a wrapper, a never-rendered container (`template`, a
//! closed `dialog`, `select` options, SVG `desc`, `hidden=until-found`), a box pushed out
//! of view by padding, and keywords split across inline elements, comments and letter
//! spacing. The benign twin: a police notice with the games in bold, a cookie dialog, a
//! drop-down of allowed sites and a spaced-out heading.

use super::rng::{Rng, Spam};
use super::{Kind, Payload, Template};

use super::planted_text as t;

pub const TEMPLATES: &[Template] = &[
    t("spam-inline-unit", Kind::Text, inline_unit),
    t("spam-bare-text", Kind::Text, bare_text),
    t("spam-never-rendered", Kind::Text, never_rendered),
    t("spam-padded", Kind::Text, padded),
    t("spam-split-words", Kind::Text, split_words),
];

pub const BENIGN: &[Template] = &[t("editorial-inline", Kind::Benign, editorial)];

const NEWS: &str = "Ủy ban nhân dân tỉnh triển khai kế hoạch cải cách hành chính năm 2025, đẩy mạnh chuyển đổi số trong các sở, ban, ngành và địa phương; người dân được hướng dẫn nộp hồ sơ trực tuyến";

/// Three to four distinct spam phrases.
fn phrases(r: &mut Rng) -> Vec<Spam> {
    let n = 3 + r.below(2);
    let mut out: Vec<Spam> = Vec::new();
    let mut tries = 0;
    while out.len() < n && tries < 50 {
        tries += 1;
        let s = r.spam();
        if !out.iter().any(|o| o.phrase == s.phrase) {
            out.push(s);
        }
    }
    out
}

fn payload(html: String, spams: Vec<Spam>) -> Payload {
    Payload {
        html,
        planted: spams.into_iter().map(|s| s.phrase).collect(),
        ..Default::default()
    }
}

fn joined(spams: &[Spam]) -> String {
    spams
        .iter()
        .map(|s| s.html.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn inline_unit(r: &mut Rng) -> Payload {
    let spams = phrases(r);
    let tag = r.tag_of(&[
        "span",
        "b",
        "strong",
        "i",
        "em",
        "small",
        "label",
        "q",
        "cite",
        "mark",
        "font",
        "abbr",
        "x-tu-khoa",
    ]);
    let unit = format!("<{tag}>{}</{tag}>", joined(&spams));
    let html = match r.below(3) {
        0 => format!("<p>{NEWS} {unit}</p>"),
        1 => format!("<p>{unit} {NEWS}</p>"),
        _ => format!("<div class=\"noi-dung\"><p>{NEWS}</p><p>{NEWS}{unit}{NEWS}</p></div>"),
    };
    payload(html, spams)
}

fn bare_text(r: &mut Rng) -> Payload {
    let spams = phrases(r);
    let text = joined(&spams);
    let html = match r.below(3) {
        0 => format!("<div class=\"wrap\"><p>{NEWS}</p>{text}<p>{NEWS}</p></div>"),
        1 => format!("<p>{NEWS}</p>\n{text}\n"),
        _ => format!("<section><h2>{NEWS}</h2>{text}<div>{NEWS}</div></section>"),
    };
    payload(html, spams)
}

fn never_rendered(r: &mut Rng) -> Payload {
    let s = r.spam();
    let html = match r.below(5) {
        0 => format!("<template>{}</template>", s.html),
        1 => format!("<dialog class=\"popup\"><p>{}</p></dialog>", s.html),
        2 => format!("<select name=\"lk\"><option>{}</option></select>", s.html),
        3 => format!(
            "<svg viewBox=\"0 0 10 10\"><desc>{}</desc><path d=\"M0 0h10v10z\"/></svg>",
            s.html
        ),
        _ => format!("<div hidden=\"until-found\">{}</div>", s.html),
    };
    payload(html, vec![s])
}

fn padded(r: &mut Rng) -> Payload {
    let s = r.spam();
    let style = *r.pick(&[
        "margin-top:3000px",
        "padding-top:2400px",
        "position:absolute;top:5000px",
        "margin-top:200em",
        "text-indent:1200px",
        "margin:3000px 0 0",
        "line-height:3000px",
        "position:relative;top:300vh",
    ]);
    let tag = r.tag_of(&["div", "p", "span"]);
    let st = r.attr("style", style);
    payload(format!("<{tag}{st}>{}</{tag}>", s.html), vec![s])
}

/// A keyword written split so that no keyword matches letter by letter.
fn split(r: &mut Rng, s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let at = 1 + r.below(chars.len().saturating_sub(2).max(1));
    let (a, b): (String, String) = (chars[..at].iter().collect(), chars[at..].iter().collect());
    match r.below(5) {
        0 => format!("<b>{a}</b><i>{b}</i>"),
        1 => format!("{a}<span>{b}</span>"),
        2 => format!("{a}<!-- -->{b}"),
        3 => format!("{a}<wbr>{b}"),
        _ => chars
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn split_words(r: &mut Rng) -> Payload {
    let words = [
        "nhà cái",
        "tài xỉu",
        "nổ hũ",
        "bắn cá",
        "xóc đĩa",
        "game bài",
    ];
    let (mut html, mut planted) = (Vec::new(), Vec::new());
    for w in words.iter().take(3 + r.below(3)) {
        html.push(split(r, w));
        // The split words are not in the raw text: the judge reads their letters.
        let letters: String = w.chars().filter(|c| !c.is_whitespace()).collect();
        planted.push(format!("{}{letters}", super::judge::LETTERS));
    }
    let body = html.join(", ");
    let out = if r.chance(50) {
        format!("<div class=\"tu-khoa-tach\">{body}</div>")
    } else {
        format!("<div class=\"tu-khoa-tach\" style=\"display:none\">{body}</div>")
    };
    Payload {
        html: out,
        planted,
        ..Default::default()
    }
}

fn editorial(r: &mut Rng) -> Payload {
    let lead = *r.pick(&[
        "Công an tỉnh cảnh báo người dân không tham gia các trò",
        "Bộ Công an khuyến cáo: các ứng dụng",
    ]);
    Payload {
        html: format!(
            "<p>{lead} <b>tài xỉu, nổ hũ, bắn cá, game bài đổi thưởng</b> trên mạng. Đây là hành vi \
đánh bạc trái phép, vi phạm pháp luật; các đối tượng tổ chức sẽ bị xử lý hình sự.</p>\
<dialog id=\"cookie\"><p>Trang web sử dụng cookie.</p><a href=\"/chinh-sach\">Chính sách</a></dialog>\
<select name=\"lienket\"><option value=\"https://chinhphu.vn/\">Cổng TTĐT Chính phủ</option></select>\
<h2>T H Ô N G &nbsp; B Á O</h2>"
        ),
        ..Default::default()
    }
}

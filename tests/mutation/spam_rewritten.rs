//! Slogans rewritten so that no keyword reads as written (issue 14, the nineteenth
//! session's classes; suites `spam_keyboard_off_typing`, `spam_combining_marks`,
//! `spam_layout_joined`):
//! - typed with the keyboard off: every letter's marks spelled out as its Telex keys
//!   (`nhaf cais`, `ddooir thuwowngr`, tone key after the vowel or at the end of the
//!   syllable) or its VNI digits (`nha2 ca1i`, `d9o6i3`);
//! - under foreign combining marks (strike-through, underline, enclosing, Zalgo stacks),
//!   on every letter or every other one;
//! - cut into pieces that the page draws inline (`display:inline`, `inline-block`,
//!   `contents`, by `style=` or by a page rule), so that only layout joins them.
//!
//! Each in a paragraph, a list item, a cell or a box beside genuine text. The benign
//! twins: English prose full of short words, codes and model numbers, Vietnamese without
//! diacritics, a portal notice typed in Telex, genuine text with a Vietnamese mark and
//! inline menus, byte for byte.

use unicode_normalization::UnicodeNormalization;

use super::rng::{Rng, normalize};
use super::{Kind, Payload, Template};

use super::planted_text as t;

pub const TEMPLATES: &[Template] = &[
    t("spam-keyboard-off", Kind::Text, typed),
    t("spam-foreign-marks", Kind::Text, marked),
    t("spam-inline-pieces", Kind::Text, inline_pieces),
];

pub const BENIGN: &[Template] = &[t("typed-marked-inline-genuine", Kind::Benign, genuine)];

const SLOGANS: &[&str] = &[
    "Nhà cái uy tín số 1 – nạp đầu tặng 100%",
    "Tài xỉu online uy tín, rút tiền 3 phút",
    "Game bài đổi thưởng, nổ hũ, bắn cá uy tín",
    "Cá cược bóng đá trực tuyến, soi kèo nhà cái miễn phí",
    "Soi cầu lô đề 247 chính xác nhất",
    "Link vào nhà cái mới nhất không bị chặn",
];

const CARRIERS: &[(&str, &str)] = &[
    ("<p>{}</p>", ""),
    (
        "<ul class=\"lien-ket\"><li>Lịch tiếp công dân</li><li>{}</li></ul>",
        "Lịch tiếp công dân",
    ),
    (
        "<table><tr><td>Cơ quan chủ quản</td><td>{}</td></tr></table>",
        "Cơ quan chủ quản",
    ),
    (
        "<div class=\"box\"><h4>Thông báo mới</h4><div>{}</div></div>",
        "Thông báo mới",
    ),
];

/// The letter's shape key and its tone key: (base, Telex shape, VNI shape).
fn shape(c: char) -> Option<(char, &'static str, &'static str)> {
    Some(match c {
        'â' => ('a', "aa", "a6"),
        'ă' => ('a', "aw", "a8"),
        'ê' => ('e', "ee", "e6"),
        'ô' => ('o', "oo", "o6"),
        'ơ' => ('o', "ow", "o7"),
        'ư' => ('u', "uw", "u7"),
        'đ' => ('d', "dd", "d9"),
        _ => return None,
    })
}

fn tone(mark: char) -> Option<(char, char)> {
    Some(match mark {
        '\u{301}' => ('s', '1'),
        '\u{300}' => ('f', '2'),
        '\u{309}' => ('r', '3'),
        '\u{303}' => ('x', '4'),
        '\u{323}' => ('j', '5'),
        _ => return None,
    })
}

/// One syllable typed: letters with their shape keys, the tone key after its vowel or at
/// the end.
fn type_word(word: &str, vni: bool, tone_at_end: bool) -> String {
    let upper = word.chars().any(char::is_uppercase) && word.chars().all(|c| !c.is_lowercase());
    let mut out = String::new();
    let mut tone_key = None;
    for c in word.to_lowercase().nfc() {
        let mut parts = c.to_string().nfd().collect::<Vec<char>>();
        let t = parts.iter().find_map(|&m| tone(m));
        parts.retain(|&m| tone(m).is_none());
        let letter: String = parts.into_iter().collect::<String>().nfc().collect();
        let l = letter.chars().next().unwrap_or(c);
        match shape(l) {
            Some((_, telex, v)) => out.push_str(if vni { v } else { telex }),
            None => out.push(l),
        }
        if let Some((tk, vk)) = t {
            let key = if vni { vk } else { tk };
            if tone_at_end {
                tone_key = Some(key);
            } else {
                out.push(key);
            }
        }
    }
    out.extend(tone_key);
    if upper { out.to_uppercase() } else { out }
}

fn typed(r: &mut Rng) -> Payload {
    let vni = r.chance(50);
    let at_end = r.chance(50);
    let slogan = *r.pick(SLOGANS);
    let text: Vec<String> = slogan
        .split(' ')
        .map(|w| type_word(w, vni, at_end))
        .collect();
    let text = text.join(" ");
    let text = if r.chance(25) {
        text.to_uppercase()
    } else {
        text
    };
    place(r, &text, vec![normalize(&text)])
}

const MARKS: &[char] = &[
    '\u{332}', '\u{336}', '\u{338}', '\u{335}', '\u{334}', '\u{331}', '\u{20d2}', '\u{20e3}',
    '\u{1ab6}', '\u{1dca}', '\u{fe22}', '\u{489}', '\u{35f}',
];

fn marked(r: &mut Rng) -> Payload {
    let slogan = *r.pick(SLOGANS);
    let mark = *r.pick(MARKS);
    let every = 1 + r.below(2);
    let stacked = r.chance(20);
    let mut text = String::new();
    for (i, c) in slogan.chars().enumerate() {
        text.push(c);
        if c.is_alphanumeric() && i % every == 0 {
            text.push(mark);
            if stacked {
                text.extend(['\u{30d}', '\u{34a}', '\u{316}']);
            }
        }
    }
    place(r, &text, vec![normalize(&text)])
}

/// Inline drawing, `{}` a piece; the page rule when it comes from a sheet.
const INLINE: &[(&str, &str)] = &[
    ("<div style=\"display:inline\">{}</div>", ""),
    ("<div style=\"display: inline-block\">{}</div>", ""),
    ("<p style=\"display:inline\">{}</p>", ""),
    ("<div style=\"display:contents\">{}</div>", ""),
    ("<li style=\"display:inline\">{}</li>", ""),
    (
        "<div class=\"ip\">{}</div>",
        "<style>.ip{display:inline}</style>",
    ),
    (
        "<section class=\"x\"><div>{}</div></section>",
        "<style>.x div{display:inline-block}</style>",
    ),
];

fn inline_pieces(r: &mut Rng) -> Payload {
    let slogan = *r.pick(SLOGANS);
    let (wrap, sheet) = *r.pick(INLINE);
    let size = 2 + r.below(4);
    let chars: Vec<char> = slogan.chars().collect();
    let pieces: Vec<String> = chars
        .chunks(size)
        .map(|c| c.iter().collect::<String>())
        .collect();
    let html: String = pieces.iter().map(|p| wrap.replace("{}", p)).collect();
    let mut payload = place(r, &html, vec![normalize(slogan)]);
    payload.html = format!("{sheet}{}", payload.html);
    // The visitor reads the pieces joined: the judge reads the page without the wrappers.
    let (open, close) = wrap.split_once("{}").unwrap_or((wrap, ""));
    payload.junk = vec![open.to_string(), close.to_string()];
    payload
}

fn place(r: &mut Rng, text: &str, planted: Vec<String>) -> Payload {
    let (carrier, kept) = *r.pick(CARRIERS);
    Payload {
        html: carrier.replace("{}", text),
        planted,
        kept: [kept]
            .iter()
            .filter(|k| !k.is_empty())
            .map(|k| normalize(k))
            .collect(),
        ..Default::default()
    }
}

const GENUINE: &[&str] = &[
    "<p>It is as it was: the office lists its hours, its fees and its forms, so do ask us if you miss one.</p>",
    "<p>Sát hạch lái xe hạng A1, A2, B1, B2, C, D, E và F tại trung tâm của tỉnh.</p>",
    "<p>Mua sắm thiết bị: máy chiếu X5, máy tính i7, máy in A4, camera H265.</p>",
    "<p>Thoong baos lichj tieeps coong daan thangs 9 cuar UBND tinhr.</p>",
    "<p>Xin chao cac ban, chuc mung nam moi, chuc cac ban suc khoe.</p>",
    "<p>Tra cứu kết quả xổ số kiến thiết miền Trung hôm nay.</p>",
    "<nav><div style=\"display:inline\"><a href=\"/\">Trang chủ</a></div> <div style=\"display:inline\"><a href=\"/tin-tuc\">Tin tức</a></div> <div style=\"display:inline\"><a href=\"/lien-he\">Liên hệ</a></div></nav>",
    "<p class=\"pg\"><span style=\"display:inline-block\">1</span><span style=\"display:inline-block\">2</span><span style=\"display:inline-block\">3</span></p>",
    "<p>Văn bản số 12/2024/QĐ-UBND về phòng chống cờ bạc trái phép.</p>",
];

fn genuine(r: &mut Rng) -> Payload {
    let n = 1 + r.below(3);
    let html: String = (0..n).map(|_| *r.pick(GENUINE)).collect();
    Payload {
        html,
        ..Default::default()
    }
}

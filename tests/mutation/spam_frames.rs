//! Adverts in an editorial frame (A5, issue 14's mutation corpus, editorial guard by
//! intent): an official-sounding lead-in ("Công an khuyến cáo:", "Phòng chống lừa đảo:",
//! "Cảnh báo:", "Police advise:") that ends in a call to play, register, download, visit or
//! pay at a betting brand, a link or "nhà cái", as written or without diacritics, in a
//! paragraph, a notice box, a list item or a table cell.
//!
//! The benign twins: short bans, warnings, questions and FAQ that name the games without
//! promoting them ("Nghiêm cấm … lô đề", "… là đánh bạc trái phép", "… có bị phạt
//! không?"), in a paragraph, a list item, a cell, a `<details>`, a `<pre>` or a
//! `<blockquote>`.

use super::rng::{Rng, normalize};
use super::{Kind, Payload, Template};

use super::planted_text as t;

pub const TEMPLATES: &[Template] = &[t("spam-editorial-frame", Kind::Text, framed)];

pub const BENIGN: &[Template] = &[t("editorial-short-block", Kind::Benign, short_block)];

const FRAMES: &[&str] = &[
    "Công an khuyến cáo:",
    "Phòng chống lừa đảo:",
    "Cảnh báo:",
    "Thông báo:",
    "Theo Bộ Công an,",
    "Lưu ý:",
    "Để tránh lừa đảo,",
    "Police advise:",
];

const CALLS: &[&str] = &[
    "chỉ nên tham gia cá cược tại nhà cái uy tín {b} được cấp phép",
    "tải app {b} chính chủ để không bị mất tiền",
    "hãy truy cập link chính thức của {b}",
    "người chơi nên đăng ký tại nhà cái được cấp phép {b}",
    "hãy nạp tiền tại {b} để được bảo vệ",
    "chỉ chơi tại {b} để tránh bị lừa",
];

const ENGLISH_CALLS: &[&str] = &[
    "only bet at the licensed bookmaker {b}",
    "register at the official {b} link to avoid scams",
];

const BRANDS: &[&str] = &["KUBET77", "FB88Z", "789BET", "Hi88", "SV388", "win79"];

const PLACES: &[&str] = &[
    "<p>{u}</p>",
    "<div class=\"thong-bao\">{u}</div>",
    "<ul class=\"tin\"><li>Lịch tiếp công dân</li><li>{u}</li></ul>",
    "<table><tr><td>Thủ tục hành chính</td></tr><tr><td>{u}</td></tr></table>",
];

/// `s` without its diacritics.
fn bare(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

fn framed(r: &mut Rng) -> Payload {
    let frame = *r.pick(FRAMES);
    let brand = *r.pick(BRANDS);
    let calls = match frame.starts_with("Police") {
        true => ENGLISH_CALLS,
        false => CALLS,
    };
    let mut line = format!("{frame} {}", r.pick(calls).replace("{b}", brand));
    if r.below(2) == 0 {
        line = bare(&line);
    }
    Payload {
        html: r.pick(PLACES).replace("{u}", &line),
        planted: vec![normalize(brand)],
        ..Default::default()
    }
}

const SHORT_BLOCKS: &[&str] = &[
    "Nghiêm cấm đại lý tổ chức bán số đề, lô đề dưới mọi hình thức.",
    "Cảnh báo: Các trang nổ hũ, bắn cá, game bài đổi thưởng là đánh bạc trái phép.",
    "Hỏi: Chơi tài xỉu online có bị phạt không? Đáp: Có, người chơi bị xử phạt về hành vi đánh bạc.",
    "Police warn against sites advertising “nhà cái uy tín” and “nạp đầu x2”.",
    "Công an khuyến cáo: tránh xa các trang nhà cái, nổ hũ, bắn cá đổi thưởng.",
    "Khuyến cáo: không tham gia cá cược tại nhà cái, không tải app nổ hũ, bắn cá.",
];

const SHORT_PLACES: &[&str] = &[
    "<p>{u}</p>",
    "<ul class=\"thong-bao\"><li>{u}</li></ul>",
    "<table><tr><td>{u}</td></tr></table>",
    "<details><summary>Câu hỏi thường gặp</summary>{u}</details>",
    "<pre>{u}</pre>",
    "<blockquote>{u}</blockquote>",
];

fn short_block(r: &mut Rng) -> Payload {
    let text = *r.pick(SHORT_BLOCKS);
    Payload {
        html: r.pick(SHORT_PLACES).replace("{u}", text),
        ..Default::default()
    }
}

//! A visible slogan garbled by hidden junk letters (A5, issue 14 class 2; suite
//! `tests/spam_hidden_junk_letters.rs`, red-team round 2 `hidden-junk-letters`,
//! `display-none-decoys`, `br-hidden-joiner`): the source reads "Nqhzàx cái…", the visitor
//! reads "Nhà cái…". Generated: the slogan (families, brands, as written, without
//! diacritics or in upper case), the hider (`display:none` in any spelling, `hidden`,
//! `font-size:0`, `visibility:hidden;position:absolute`, same colour as the background,
//! nested), the junk letter and its density, or a hidden `<br>`/`<wbr>` joining the halves
//! of each word; in a paragraph, a list item, a table cell, a box or a heading beside
//! genuine items. The judge reads the page without the junk the template put in (as the
//! visitor reads it): every piece of the slogan must be gone, the genuine items must stay.
//!
//! The benign twins: genuine agency text with hidden inline elements (screen-reader-only
//! spans by class or by style, hidden `<br>`, an `<abbr hidden>`, an icon, hidden
//! metadata, `hidden=until-found`), byte for byte.

use super::rng::{Rng, normalize};
use super::spam_link_adverts::bare;
use super::{Kind, Payload, Template};

pub const TEMPLATES: &[Template] = &[Template {
    family: "A5",
    class: 2,
    name: "spam-hidden-junk-letters",
    kind: Kind::Text,
    active: false,
    make: junk,
}];

pub const BENIGN: &[Template] = &[Template {
    family: "benign",
    class: 2,
    name: "hidden-inline-in-genuine-text",
    kind: Kind::Benign,
    active: false,
    make: genuine,
}];

/// Slogans as pieces (each must be gone); `{b}` a brand, `{n}` an amount.
const SLOGANS: &[&[&str]] = &[
    &["Nhà cái {b} uy tín", "nạp đầu tặng {n}%"],
    &["Bắn cá Rồng Vàng", "đổi thưởng tiền mặt uy tín nhất"],
    &["Tài xỉu online uy tín", "rút tiền 3 phút"],
    &["Soi cầu lô đề chính xác 100%", "miễn phí hôm nay"],
    &["Nổ hũ {b}", "game bài đổi thưởng", "tặng code {n}k"],
    &["Link vào {b} mới nhất", "không bị chặn"],
    &["Cá độ bóng đá online", "tỷ lệ kèo cao nhất"],
    &["Casino trực tuyến {b}", "hoàn trả {n}% mỗi ngày"],
];

const BRANDS: &[&str] = &[
    "789bet", "KUBET77", "FB88", "Hi88", "SV388", "win79", "JUN88",
];

/// Hidden junk, `{}` the junk letter.
const HIDERS: &[&str] = &[
    "<span style=\"display:none\">{}</span>",
    "<span style=display:none>{}</span>",
    "<i hidden>{}</i>",
    "<s hidden=\"\">{}</s>",
    "<b style=\"visibility:hidden;position:absolute\">{}</b>",
    "<span style=\"font-size:0\">{}</span>",
    "<em style=\"font-size:0px;line-height:0\">{}</em>",
    "<span style=\"DISPLAY : NONE !important\">{}</span>",
    "<span style=\"display&#58;none\">{}</span>",
    "<font style=\"display: none;\">{}</font>",
    "<u style=\"color:#fff;background:#fff;font-size:1px\">{}</u>",
    "<span style=\"display:none\"><span>{}</span>{}</span>",
    "<small hidden><b>{}</b></small>",
];

/// Hidden breaks that join the halves of a word.
const JOINERS: &[&str] = &[
    "<br style=\"display:none\">",
    "<br style=display:none>",
    "<wbr hidden>",
    "<br hidden>",
    "<span style=\"display:none\"><br></span>",
];

const JUNK: &[&str] = &["q", "z", "x", "k", "w", "j", "f"];

/// Carriers (`@S` the slogan) and the genuine text beside it.
const CARRIERS: &[(&str, &str)] = &[
    ("<p>@S</p>", ""),
    (
        "<ul class=\"lien-ket\"><li>Lịch tiếp công dân</li><li>@S</li></ul>",
        "Lịch tiếp công dân",
    ),
    (
        "<table><tr><td>Cơ quan chủ quản</td><td>@S</td></tr></table>",
        "Cơ quan chủ quản",
    ),
    ("<div class=\"tin-noi-bat\">@S</div>", ""),
    ("<h3>@S</h3>", ""),
    (
        "<div class=\"box\"><h4>Thông báo mới</h4><p>@S</p></div>",
        "Thông báo mới",
    ),
];

/// `s` with `hide(i)` after every `step`th letter, or each word's halves joined by
/// `joiner`; and the junk markup put in.
fn garble(r: &mut Rng, s: &str) -> (String, Vec<String>) {
    let mut junk = Vec::new();
    if r.chance(25) {
        let joiner = *r.pick(JOINERS);
        let words: Vec<String> = s
            .split(' ')
            .map(|w| {
                let half = w.chars().count() / 2;
                match w.char_indices().nth(half) {
                    Some((cut, _)) if half > 0 => format!("{}{joiner}{}", &w[..cut], &w[cut..]),
                    _ => w.to_string(),
                }
            })
            .collect();
        junk.push(joiner.to_string());
        return (words.join(" "), junk);
    }
    let hider = *r.pick(HIDERS);
    let step = 1 + r.below(3);
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        out.push(c);
        if c.is_alphabetic() && i % step == 0 {
            let letter: &str = r.pick::<&str>(JUNK);
            let j = hider.replace("{}", letter);
            out.push_str(&j);
            junk.push(j);
        }
    }
    junk.sort();
    junk.dedup();
    (out, junk)
}

fn junk(r: &mut Rng) -> Payload {
    let brand = *r.pick(BRANDS);
    let amount = *r.pick(&["50", "88", "100", "200"]);
    let write = r.below(4);
    let pieces: Vec<String> = r
        .pick(SLOGANS)
        .iter()
        .map(|p| p.replace("{b}", brand).replace("{n}", amount))
        .map(|p| match write {
            0 => bare(&p),
            1 => p.to_uppercase(),
            _ => p,
        })
        .collect();
    let slogan = pieces.join(" – ");
    let (html, junk) = garble(r, &slogan);
    let (carrier, kept) = *r.pick(CARRIERS);
    Payload {
        html: carrier.replace("@S", &html),
        planted: pieces.iter().map(|p| normalize(p)).collect(),
        kept: [kept]
            .iter()
            .filter(|k| !k.is_empty())
            .map(|k| normalize(k))
            .collect(),
        junk,
        ..Default::default()
    }
}

/// Genuine texts, `{h}` where a hidden inline element goes.
const TEXTS: &[&str] = &[
    "<p><i class=\"fa fa-phone\" hidden></i> Đường dây nóng{h}: 0238.3844.xxx</p>",
    "<p>Lịch tiếp công dân{h} tháng 9 của Chủ tịch UBND tỉnh</p>",
    "<p>Tra cứu hồ sơ{h} trực tuyến</p>",
    "<li>Văn bản{h} chỉ đạo điều hành</li>",
    "<td>Công an tỉnh cảnh báo thủ đoạn lừa đảo{h} qua mạng</td>",
    "<p>Tuyên truyền phòng chống cá cược bóng đá{h} trong mùa giải</p>",
    "<h3>Thông báo tuyển dụng viên chức{h} năm 2024</h3>",
    "<p>Hỏi đáp về thủ tục{h} cấp giấy phép xây dựng</p>",
];

/// Hidden inline elements a portal puts in its own text.
const HIDDEN: &[&str] = &[
    "<span class=\"sr-only\">(mở trong cửa sổ mới)</span>",
    "<span class=\"visually-hidden\"> – tải về tệp PDF</span>",
    "<span style=\"position:absolute;width:1px;height:1px;overflow:hidden\">(liên kết ngoài)</span>",
    "<br style=\"display:none\">",
    "<br hidden>",
    "<abbr hidden title=\"Ủy ban nhân dân\">UBND</abbr>",
    "<span style=\"display:none\">2024-09-01</span>",
    "<span hidden=\"until-found\"> số 12/QĐ-UBND</span>",
    "<i class=\"icon-new\" style=\"display:none\"></i>",
    "<b style=\"font-size:0\">.</b>",
];

fn genuine(r: &mut Rng) -> Payload {
    let n = 1 + r.below(2);
    let mut html = String::from("<div class=\"noi-dung\">");
    for _ in 0..n {
        let text = *r.pick(TEXTS);
        let hidden = *r.pick(HIDDEN);
        let block = text.replace("{h}", hidden);
        let block = if block.starts_with("<li>") {
            format!("<ul>{block}</ul>")
        } else if block.starts_with("<td>") {
            format!("<table><tr>{block}</tr></table>")
        } else {
            block
        };
        html.push_str(&block);
    }
    html.push_str("</div>");
    Payload {
        html,
        ..Default::default()
    }
}

//! Attack suite (issue 14, class 2 "hiding the detector does not recognize", red-team round
//! 2 `spam-hidden-junk-letters`, `spam-display-none-decoys`, `spam-br-hidden-joiner`): a
//! visible slogan whose source is garbled by hidden junk between its letters or words
//! (`N<span style="display:none">q</span>h<span style="display:none">z</span>à cái…`,
//! `<i hidden>k</i>`, `font-size:0`), or whose pieces are joined by a hidden `<br>`. The
//! source reads "Nqhzàx…", the visitor reads "Nhà cái …". The block judge reads the text as
//! drawn, so the slogan goes like any other; the junk is the hidden-block rules' to judge.
//!
//! Benign twins: genuine text with hidden inline elements in it (an icon, a screen-reader
//! label, hidden metadata, `hidden=until-found`) comes through byte for byte with no
//! event. And the guard the reading must keep: a style whose value is not known here
//! (`display:var(--d)`) is read as shown, so pieces of a visible slogan cannot escape both
//! judges by claiming to hide.

use crate::common;

use common::rewrite::{clean_turn, rule_ids, site};

const SLOGANS: &[&str] = &[
    "Nhà cái Hoàng Kim 88 – nạp đầu tặng 100%",
    "Bắn cá Rồng Vàng – đổi thưởng tiền mặt uy tín nhất",
    "Tài xỉu online uy tín – rút tiền 3 phút",
    "Soi cầu lô đề chính xác 100% hôm nay",
];

/// Hidden junk, `{}` the junk letter.
const HIDERS: &[&str] = &[
    "<span style=\"display:none\">{}</span>",
    "<i hidden>{}</i>",
    "<b style=\"font-size:0\">{}</b>",
    "<span style=\"DISPLAY : NONE !important\">{}</span>",
    "<span style=\"display&#58;none\">{}</span>",
    "<font style=\"visibility:hidden;position:absolute\">{}</font>",
    "<span style=\"display:none\"><span>{}</span>{}</span>",
];

const JUNK: &[char] = &['q', 'z', 'x', 'k', 'w'];

/// `s` with hidden junk after every `step`th letter.
fn garble(s: &str, hider: &str, step: usize) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        out.push(c);
        if c.is_alphabetic() && i % step == 0 {
            out.push_str(&hider.replace("{}", &JUNK[i % JUNK.len()].to_string()));
        }
    }
    out
}

/// Carriers, and what is left of each once the slogan went.
const CARRIERS: &[(&str, &str)] = &[
    ("<p>{}</p>", ""),
    (
        "<ul><li>Lịch tiếp công dân</li><li>{}</li></ul>",
        "<ul><li>Lịch tiếp công dân</li></ul>",
    ),
    (
        "<table><tr><td>Cơ quan chủ quản</td><td>{}</td></tr></table>",
        "<table><tr><td>Cơ quan chủ quản</td></tr></table>",
    ),
    ("<div class=\"tin\">{}</div>", ""),
];

const BEFORE: &str = "<p>Tin tức trong tỉnh</p>";
const AFTER: &str = "<p>Liên hệ: Văn phòng Sở</p>";

fn page(body: &str) -> String {
    format!("<main>{BEFORE}{body}{AFTER}</main>")
}

#[test]
fn slogans_garbled_by_hidden_junk_letters_go() {
    let s = site("");
    let (mut failed, mut total) = (Vec::new(), 0);
    for (i, slogan) in SLOGANS.iter().enumerate() {
        for (j, hider) in HIDERS.iter().enumerate() {
            for step in [1, 2, 3] {
                let n = (i * HIDERS.len() + j) * 3 + step;
                let (carrier, left) = CARRIERS[n % CARRIERS.len()];
                let body = carrier.replace("{}", &garble(slogan, hider, step));
                let (out, events) = clean_turn(&s, &page(&body), n);
                total += 1;
                let gone = out == page(left);
                let fired = rule_ids(&events).iter().any(|r| r.starts_with("spam."));
                if !gone || !fired {
                    failed.push(format!("{body}\n  -> {out}"));
                }
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {total} got through:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn pieces_joined_by_a_hidden_break_go() {
    let s = site("");
    for (n, slogan) in SLOGANS.iter().enumerate() {
        let words: Vec<&str> = slogan.split(' ').collect();
        for joiner in ["<br style=\"display:none\">", "<wbr hidden>", "<br hidden>"] {
            // Each word split in two, the halves joined by the hidden break.
            let body: Vec<String> = words
                .iter()
                .map(|w| {
                    let cut = w
                        .char_indices()
                        .nth(w.chars().count() / 2)
                        .map_or(0, |c| c.0);
                    format!("{}{joiner}{}", &w[..cut], &w[cut..])
                })
                .collect();
            let body = format!("<p>{}</p>", body.join(" "));
            let (out, events) = clean_turn(&s, &page(&body), n);
            assert_eq!(out, page(""), "{body}");
            assert!(rule_ids(&events).contains(&"spam.block"), "{body}");
        }
    }
}

#[test]
fn a_style_not_known_here_is_read_as_shown() {
    let s = site("");
    // Each piece alone is nothing the hidden-block rules remove; together they are drawn.
    let body: Vec<String> = ["Nhà", "cái", "uy tín", "tặng 100k"]
        .iter()
        .map(|w| format!("<span style=\"display:var(--d)\">{w}</span>"))
        .collect();
    let body = format!("<p>{}</p>", body.join(" "));
    let (out, events) = clean_turn(&s, &page(&body), 0);
    assert_eq!(out, page(""), "{body}");
    assert!(rule_ids(&events).contains(&"spam.block"), "{events:?}");
}

/// Genuine text with hidden inline elements in it: byte for byte, no event.
#[test]
fn genuine_text_with_hidden_inline_elements_comes_through_unchanged() {
    let s = site("");
    let texts = [
        "<p><i class=\"fa fa-phone\" hidden></i> Đường dây nóng: 0238.3844.xxx</p>",
        "<p>Lịch tiếp công dân<span style=\"display:none\">2024-09-01</span> tháng 9</p>",
        "<p>Tra cứu hồ sơ <span class=\"sr-only\" style=\"position:absolute;width:1px;height:1px;overflow:hidden\">(mở trong cửa sổ mới)</span></p>",
        "<li>Văn bản<span hidden=\"until-found\"> số 12/QĐ-UBND</span></li>",
        "<td>Công an tỉnh cảnh báo thủ đoạn lừa đảo<b style=\"font-size:0\">.</b> qua mạng</td>",
    ];
    for (n, t) in texts.iter().enumerate() {
        let body = page(t);
        let (out, events) = clean_turn(&s, &body, n);
        assert_eq!(out, body);
        assert!(events.is_empty(), "{t}: {events:?}");
    }
}

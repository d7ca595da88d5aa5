//! Attack suite: planted betting text and foreign links in containers a browser never
//! renders (or renders only on demand) while crawlers read them: `<template>`, a `<dialog>`
//! without `open`, `<select>`/`<datalist>` options, SVG `<desc>`/`<metadata>`, the raw-text
//! containers' links (`rawtext.link`). They are hidden
//! blocks: spam text goes whole (`spam.keyword`), a foreign link takes the whole container
//! (`link.hidden_block`), and the events of what it held are still emitted. Benign twins (a
//! row template with internal links, a cookie dialog, a drop-down of allowed sites, an SVG
//! description, a noscript notice, a feedback form's textarea, a police notice kept in a
//! template) come through byte for byte.

use crate::common;

use common::rewrite::{clean, site};

const SPAM: [&str; 4] = [
    "Nhà cái uy tín, tài xỉu online",
    "nổ hũ đổi thưởng, bắn cá",
    "nh&agrave; c&aacute;i KUBET",
    "789bet - game bài",
];

fn wrap(body: &str) -> String {
    format!("<html><body><p>Tin tức</p>{body}<p>Liên hệ</p></body></html>")
}

fn containers(inner: &str) -> Vec<String> {
    vec![
        format!("<template>{inner}</template>"),
        format!("<template id=\"t\"><div class=\"row\"><span>{inner}</span></div></template>"),
        format!("<dialog>{inner}</dialog>"),
        format!("<dialog id=\"d\" class=\"modal\"><p>{inner}</p></dialog>"),
        format!("<svg viewBox=\"0 0 10 10\"><desc>{inner}</desc><path d=\"M0 0h10v10z\"/></svg>"),
        format!("<svg viewBox=\"0 0 10 10\"><metadata>{inner}</metadata></svg>"),
        format!("<div hidden=\"until-found\">{inner}</div>"),
    ]
}

fn assert_spam_gone(page: &str) {
    let (out, events) = clean(&site(""), page);
    for w in [
        "uy tín",
        "nổ hũ",
        "KUBET",
        "789bet",
        "c&aacute;i",
        "tài xỉu",
    ] {
        assert!(!out.contains(w), "{w:?} survived in {out}");
    }
    assert!(
        out.contains("<p>Tin tức</p>") && out.contains("<p>Liên hệ</p>"),
        "{out}"
    );
    assert!(
        events.iter().any(|e| e.rule == "spam.keyword"),
        "{page}: {events:?}"
    );
}

#[test]
fn spam_text_in_never_rendered_containers_goes() {
    for spam in SPAM {
        for c in containers(spam) {
            assert_spam_gone(&wrap(&c));
        }
    }
}

#[test]
fn spam_options_go_with_their_drop_down() {
    for body in [
        "<select name=\"lk\"><option>Nhà cái uy tín</option><option>tài xỉu online</option></select>",
        "<select><optgroup label=\"Liên kết\"><option value=\"/a\">nổ hũ đổi thưởng</option><option value=\"/b\">bắn cá</option></optgroup></select>",
        "<input list=\"l\"><datalist id=\"l\"><option value=\"nhà cái KUBET\"><option>789bet - game bài</option></datalist>",
    ] {
        assert_spam_gone(&wrap(body));
    }
}

#[test]
fn foreign_links_take_the_whole_container() {
    for link in [
        "<a href=\"https://bet.test/\">xem</a>",
        "<a href=\"//bet.test/x\">Trang chủ</a>",
        "<img src=\"https://bet.test/p.gif\" alt=\"\">",
    ] {
        for c in containers(link) {
            if c.contains("hidden=") {
                continue;
            }
            let page = wrap(&c);
            let (out, events) = clean(&site(""), &page);
            assert!(!out.contains("bet.test"), "{out}");
            assert!(out.contains("<p>Liên hệ</p>"), "{out}");
            assert!(
                events.iter().any(|e| e.rule == "link.hidden_block"
                    || e.rule == "rawtext.link"
                    || e.rule == "link.foreign"
                    || e.rule == "object.foreign"
                    || e.rule == "media.foreign"),
                "{page}: {events:?}"
            );
            let opened = c.split('>').next().unwrap_or_default();
            // Raw-text containers keep their own link rule (`rawtext.link`): the link goes,
            // the container stays.
            let raw = ["<textarea", "<noscript", "<noembed", "<noframes", "<xmp"];
            if !raw.iter().any(|r| c.starts_with(r)) && !c.starts_with("<svg") {
                assert!(!out.contains(opened), "{opened} kept: {out}");
            }
        }
    }
}

#[test]
fn events_of_a_removed_container_are_still_emitted() {
    let page = wrap(
        "<dialog><noscript><a href=\"https://bet.test/\">xem</a></noscript><p>Nhà cái uy tín, tài xỉu online</p></dialog>",
    );
    let (out, events) = clean(&site(""), &page);
    assert!(
        !out.contains("bet.test") && !out.contains("tài xỉu"),
        "{out}"
    );
    let rules: Vec<&str> = events.iter().map(|e| e.rule.as_ref()).collect();
    assert!(rules.contains(&"link.hidden_block"), "{rules:?}");
    assert!(rules.contains(&"rawtext.link"), "{rules:?}");
}

#[test]
fn benign_templates_dialogs_drop_downs_and_fallbacks_are_unchanged() {
    for body in [
        "<template id=\"row\"><tr><td><a href=\"/van-ban/1\">Xem</a></td><td>Quyết định số 12</td></tr></template>",
        "<dialog id=\"cookie\"><p>Trang web sử dụng cookie để cải thiện trải nghiệm.</p><a href=\"/chinh-sach\">Chính sách</a><button>Đồng ý</button></dialog>",
        "<dialog open><p>Thông báo lịch nghỉ Tết</p></dialog>",
        "<select onchange=\"\" name=\"lienket\"><option value=\"\">-- Liên kết website --</option><option value=\"https://chinhphu.vn/\">Cổng TTĐT Chính phủ</option><option value=\"https://moj.gov.vn/\">Bộ Tư pháp</option></select>",
        "<svg viewBox=\"0 0 10 10\" role=\"img\"><title>Logo</title><desc>Biểu tượng Sở Tư pháp</desc><metadata>Tác giả: Phòng Văn thư</metadata><path d=\"M0 0h10v10z\"/></svg>",
        "<noscript>Trình duyệt của bạn không hỗ trợ JavaScript.</noscript><noscript><img src=\"/pixel.gif\" alt=\"\"></noscript>",
        "<form action=\"/gop-y\" method=\"post\"><textarea name=\"noi_dung\" rows=\"4\">Nhập nội dung góp ý</textarea></form>",
        "<template><p>Công an tỉnh cảnh báo thủ đoạn lừa đảo qua các ứng dụng cá độ, đánh bạc trái phép.</p></template>",
        "<div inert><p>Đang tải…</p><a href=\"/tin-tuc\">Tin tức</a></div>",
    ] {
        let page = wrap(body);
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{events:?}");
    }
}

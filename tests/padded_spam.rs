//! Attack suite: planted betting text pushed out of view by padding: a huge `margin-top`,
//! `padding-top`, `top`, `left`, `line-height` (px, em, vh, pt, …, also in the `margin`,
//! `padding` and `inset` shorthands), or a `text-indent` of ±999 and more. Such a box is a
//! hidden block: its text is scored with the lexicon (`spam.keyword`) and a foreign link in
//! it takes it whole (`link.hidden_block`). Spam placed after runs of `<br>` or empty
//! paragraphs is visible text to the block rules. Benign twins (ordinary margins, a tall
//! spacer with the site's own text, an indented paragraph, the logo replaced by its text,
//! a large bottom margin) come through byte for byte.

use crate::common;

use common::rewrite::{clean, site};

const STYLES: &[&str] = &[
    "margin-top:3000px",
    "margin-top: 2500PX !important",
    "padding-top:2400px",
    "position:absolute;top:5000px",
    "position:relative; top: 300vh",
    "margin-top:200em",
    "padding-top:160rem",
    "text-indent:1200px",
    "text-indent:-1500px",
    "text-indent:9999px;white-space:nowrap",
    "margin:3000px 0 0",
    "margin:0 0 0 4000px",
    "padding:2500px 10px",
    "padding:0 0 0 2600px",
    "left:3000px;position:absolute",
    "line-height:3000px",
    "margin-block-start:2200px",
    "padding-top:1600pt",
    "margin-left:5000px",
];

fn wrap(body: &str) -> String {
    format!("<html><body><p>Tin tức</p>{body}<p>Liên hệ</p></body></html>")
}

#[test]
fn spam_pushed_out_of_view_goes() {
    for style in STYLES {
        for spam in ["Nhà cái uy tín KUBET", "<span>tài xỉu</span> online, nổ hũ"] {
            for tag in ["div", "p", "span", "section"] {
                let page = wrap(&format!("<{tag} style=\"{style}\">{spam}</{tag}>"));
                let (out, events) = clean(&site(""), &page);
                assert!(
                    !out.contains("KUBET") && !out.contains("nổ hũ"),
                    "{style}: {out}"
                );
                assert!(out.contains("<p>Liên hệ</p>"), "{out}");
                assert!(
                    events.iter().any(|e| e.rule == "spam.keyword"),
                    "{style}: {events:?}"
                );
            }
        }
    }
}

#[test]
fn foreign_link_pushed_out_of_view_takes_its_box() {
    for style in STYLES {
        let page = wrap(&format!(
            "<div style=\"{style}\"><a href=\"https://bet.test/\">Trang chủ</a></div>"
        ));
        let (out, events) = clean(&site(""), &page);
        assert!(
            !out.contains("bet.test") && !out.contains("Trang chủ"),
            "{out}"
        );
        assert!(
            events.iter().any(|e| e.rule == "link.hidden_block"),
            "{style}: {events:?}"
        );
    }
}

#[test]
fn spam_after_line_breaks_and_empty_paragraphs_goes() {
    let spam = "Nhà cái uy tín, tài xỉu online, nổ hũ, bắn cá đổi thưởng";
    for pad in [
        "<br>".repeat(300),
        "<p>&nbsp;</p>".repeat(200),
        "\n".repeat(3000),
        "<div style=\"height:5000px\"></div>".to_string(),
    ] {
        for spam in [
            spam.to_string(),
            format!("<div>{spam}</div>"),
            format!("<font>{spam}</font>"),
        ] {
            let page = wrap(&format!("{pad}{spam}"));
            let (out, events) = clean(&site(""), &page);
            assert!(!out.contains("tài xỉu") && !out.contains("nổ hũ"), "{out}");
            assert!(out.contains("<p>Liên hệ</p>"), "{out}");
            assert!(!events.is_empty());
        }
    }
}

#[test]
fn ordinary_spacing_and_site_text_are_unchanged() {
    for body in [
        "<div style=\"margin-top:20px;padding-top:1.5em\">Thông báo lịch tiếp công dân</div>",
        "<div style=\"padding-top:3000px\">Sở Tư pháp tỉnh Bình An</div>",
        "<p style=\"text-indent:2em\">Căn cứ Luật Tổ chức chính quyền địa phương năm 2015</p>",
        "<h1 class=\"logo\" style=\"text-indent:-9999px;background:url(/logo.png)\"><a href=\"/\">Sở Tư pháp tỉnh Bình An</a></h1>",
        "<div style=\"margin:0 auto 3000px\">Trang chủ</div>",
        "<div style=\"margin-top:1999px\">Công an cảnh báo thủ đoạn lừa đảo qua các ứng dụng cá độ</div>",
        "<div style=\"text-indent:998px\">Văn bản</div>",
        "<br><br><br><p>&nbsp;</p><p>Địa chỉ: 12 Lê Lợi</p>",
    ] {
        let page = wrap(body);
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{events:?}");
    }
}

//! Attack suite: betting spam that CSS writes onto the page (`content:"…"` on `::before` /
//! `::after`, list markers, `quotes`, custom properties read back by `var()`), in `<style>`
//! and in `style=`, with and without CSS escapes. The declaration goes (`css.content`);
//! benign generated text (breadcrumb arrows, counters, icon fonts) comes through byte for byte.

use crate::common;

use common::rewrite::{clean, site};

fn page(head: &str, body: &str) -> String {
    format!(
        "<html><head><style>{head}</style></head><body><p>Tin tức</p><div class=\"ad\">{body}</div></body></html>"
    )
}

fn assert_dropped(head: &str, body: &str, words: &[&str]) {
    let input = page(head, body);
    let (out, events) = clean(&site(""), &input);
    let folded = out.to_lowercase();
    for w in words {
        assert!(!folded.contains(w), "{w:?} survived in {out}");
    }
    assert!(out.contains("<p>Tin tức</p>"), "{out}");
    assert!(
        events.iter().any(|e| e.rule == "css.content"),
        "{head} {body}: {events:?}"
    );
}

#[test]
fn style_sheet_pseudo_element_content_spam_is_dropped() {
    for css in [
        ".ad::after{content:\"nhà cái uy tín - nổ hũ đổi thưởng\"}",
        ".ad:before { color:#333; CONTENT: 'Tài xỉu online' !important }",
        "@media screen{.ad::after{content:\"789bet\" \" \" \"nhà cái\"}}",
        ".ad::after{content:\"\\6e h\\e0  c\\e1i uy t\\ed n\"}",
        ".ad::after{content:\"n\\ô h\\ũ\"}.ad::before{content:'bắn cá'}",
        ":root{--promo:\"game bài đổi thưởng\"}.ad::after{content:var(--promo)}",
        "ul.ad li{list-style-type:\"sunwin \"}",
        ".ad q{quotes:\"xóc đĩa\" \"soi cầu\"}",
        ".a::after{content:\"cá cược\"}.b::after{content:\"lô đề\"}",
    ] {
        assert_dropped(
            css,
            "<ul><li>x</li></ul>",
            &[
                "nhà cái",
                "đổi thưởng",
                "789bet",
                "sunwin",
                "xóc đĩa",
                "tài xỉu",
                "lô đề",
            ],
        );
    }
}

#[test]
fn style_attribute_content_spam_is_dropped() {
    let (out, events) = clean(
        &site(""),
        "<p>Tin</p><span style=\"color:red;content:&quot;nhà cái uy tín&quot;\">x</span>",
    );
    assert!(
        !out.contains("nhà cái") && !out.contains("&quot;nh"),
        "{out}"
    );
    assert!(
        out.contains("color:red"),
        "the rest of the style stays: {out}"
    );
    assert!(events.iter().any(|e| e.rule == "css.content"), "{events:?}");
}

#[test]
fn benign_generated_text_is_unchanged() {
    for (css, body) in [
        (
            ".crumb li+li::before{content:\"›\";padding:0 4px}",
            "<ul class=\"crumb\"><li>Trang chủ</li><li>Tin tức</li></ul>",
        ),
        (
            "ol.steps{counter-reset:s}ol.steps li::before{content:counter(s) \". \";counter-increment:s}",
            "<ol class=\"steps\"><li>Nộp hồ sơ</li></ol>",
        ),
        (
            "@font-face{font-family:FA;src:url(/fonts/fa.woff2)}.i-home:before{content:\"\\f015\";font-family:FA}",
            "<i class=\"i-home\"></i>",
        ),
        (
            ".note::before{content:\"Phòng chống cá độ: \"}q{quotes:\"“\" \"”\"}",
            "<p class=\"note\">Tuyên truyền</p>",
        ),
        (
            ".x::after{content:''}.y::after{content:attr(title)}",
            "<b class=\"y\" title=\"Sở Tư pháp\">a</b>",
        ),
    ] {
        let input = page(css, body);
        let (out, events) = clean(&site(""), &input);
        assert_eq!(out, input, "{css}");
        assert!(events.is_empty(), "{events:?}");
    }
    let styled = "<p style=\"content:&quot;›&quot;;color:#c00\">Tin</p>";
    let (out, events) = clean(&site(""), styled);
    assert_eq!(out, styled);
    assert!(events.is_empty(), "{events:?}");
}

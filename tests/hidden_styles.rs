//! Attack suite for hiding that the hidden-block detector used to miss (issue 14, class 2):
//! page `<style>` rules by attribute, id and descendant/child combinators (also in `<body>`),
//! the closed `<details>`, tiny/transparent/scaled/same-colour/zero-height styles, and
//! elements that an inline script hides after load. Keyword-only blocks are used where
//! possible: a foreign link would be caught by its own rules, the text proves the hiding.
//! Benign hidden content (FAQ, menu, logo) must come through byte for byte.

use crate::common;

use common::rewrite::{clean, site};

const SPAM: &str = "nổ hũ đổi thưởng, game bài uy tín";

/// `css` in the head, `block` (holding `SPAM`) in the body: the spam must go, the rest stay.
fn assert_hidden(css: &str, block: &str) {
    let page = format!(
        "<html><head><style>{css}</style></head><body><p>Trước</p>{}<p>Sau</p></body></html>",
        block.replace("SPAM", SPAM)
    );
    let (out, events) = clean(&site(""), &page);
    assert!(
        !out.contains("nổ hũ"),
        "{css} {block}: spam survived\n{out}"
    );
    assert!(
        out.contains("<p>Trước</p>") && out.contains("<p>Sau</p>"),
        "{out}"
    );
    assert!(
        events.iter().any(|e| e.rule == "spam.keyword"),
        "{css} {block}: {events:?}"
    );
}

#[test]
fn page_style_rules_by_attribute_selector_hide_spam() {
    for (css, block) in [
        ("[data-x]{display:none}", "<div data-x>SPAM</div>"),
        (
            "[data-seo=\"1\"]{visibility:hidden}",
            "<div data-seo=\"1\">SPAM</div>",
        ),
        (
            "[class*=seo]{position:absolute;left:-9999px}",
            "<div class=\"box seo-links\">SPAM</div>",
        ),
        ("div[id^=lk]{font-size:0}", "<div id=\"lk-77\">SPAM</div>"),
        (
            "span[title$=\"x\" i]{opacity:0}",
            "<span title=\"ABX\">SPAM</span>",
        ),
        ("[lang|=vi]{display:none}", "<p lang=\"vi-VN\">SPAM</p>"),
    ] {
        assert_hidden(css, block);
    }
}

#[test]
fn page_style_rules_by_id_and_combinators_hide_spam() {
    for (css, block) in [
        ("#f{display:none}", "<div id=\"f\">SPAM</div>"),
        (
            ".wrap .x{display:none}",
            "<div class=\"wrap\"><p class=\"x\">SPAM</p></div>",
        ),
        ("#f > p{display:none}", "<div id=\"f\"><p>SPAM</p></div>"),
        (
            "footer div{visibility:hidden}",
            "<footer><div>SPAM</div></footer>",
        ),
        (
            "body .a:first-child{display:none}",
            "<div class=\"a\">SPAM</div>",
        ),
        (
            "@media screen{.m{display:none}}",
            "<div class=\"m\">SPAM</div>",
        ),
        (
            ".q{color:red}.q2{DISPLAY:NONE!IMPORTANT}",
            "<div class=\"q2\">SPAM</div>",
        ),
    ] {
        assert_hidden(css, block);
    }
}

#[test]
fn descendant_rule_does_not_hide_outside_its_ancestor() {
    let page = "<style>.wrap .x{display:none}</style><p class=\"x\">Xem <a href=\"https://news.test/\">bài báo</a></p>";
    let (out, events) = clean(&site(""), page);
    assert_eq!(
        out,
        "<style>.wrap .x{display:none}</style><p class=\"x\">Xem bài báo</p>"
    );
    assert_eq!(events[0].rule, "link.foreign");
}

#[test]
fn style_in_body_hides_what_follows() {
    let page =
        format!("<p>a</p><style>.k{{display:none}}</style><div class=\"k\">{SPAM}</div><p>b</p>");
    let (out, _) = clean(&site(""), &page);
    assert_eq!(out, "<p>a</p><style>.k{display:none}</style><p>b</p>");
}

#[test]
fn closed_details_hides_spam_beyond_its_summary() {
    let page = format!(
        "<p>a</p><details><summary>Xem thêm</summary>{SPAM}</details><details open><summary>Mở</summary><a href=\"https://news.test/\">tin</a></details>"
    );
    let (out, events) = clean(&site(""), &page);
    assert_eq!(
        out,
        "<p>a</p><details open><summary>Mở</summary>tin</details>"
    );
    let rules: Vec<_> = events.iter().map(|e| e.rule.as_ref()).collect();
    assert_eq!(rules, ["spam.keyword", "link.foreign"]);
}

#[test]
fn tiny_transparent_scaled_and_same_colour_styles_hide_spam() {
    for style in [
        "font-size:0",
        "font-size:1px;color:transparent",
        "opacity:0.01",
        "opacity:.05",
        "opacity:.001",
        "opacity:2%",
        "transform:scale(0)",
        "transform:scale(0.0)",
        "transform:scaleX(0)",
        "transform:matrix(0,0,0,0,0,0)",
        "color:#fff;background:#ffffff",
        "color:white;background-color:rgb(255,255,255)",
        "color:#FFF;background:#fff url(/bg.png) repeat-x",
        "color:rgba(0,0,0,0)",
        "height:0;overflow:hidden",
        "max-height:0;overflow:hidden",
        "line-height:0;height:0;overflow:hidden",
        "display&#58;none",
        "DISPLAY:NONE !IMPORTANT",
        "visibility&colon;hidden",
    ] {
        assert_hidden("", &format!("<div style=\"{style}\">SPAM</div>"));
    }
}

#[test]
fn visible_styles_are_not_hidden() {
    for style in [
        "opacity:0.5",
        "transform:scale(0.5)",
        "color:#333;background:#fff",
        "height:0",
        "font-size:0.8em",
    ] {
        let page =
            format!("<div style=\"{style}\">Xem <a href=\"https://news.test/\">tin</a></div>");
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, format!("<div style=\"{style}\">Xem tin</div>"));
        assert_eq!(events[0].rule, "link.foreign", "{style}");
    }
}

#[test]
fn element_hidden_by_a_script_after_load_goes() {
    for (css, js, el) in [
        (
            "",
            "document.getElementById('b1').style.display='none';",
            "<div id=\"b1\">SPAM</div>",
        ),
        (
            "",
            "document.getElementById(\"B2\").style.visibility = \"hidden\";",
            "<div id=\"B2\">SPAM</div>",
        ),
        (
            "",
            "document.getElementById('b3').hidden=true",
            "<div id=\"b3\">SPAM</div>",
        ),
        (
            ".an{display:none}",
            "window.onload=function(){document.getElementById('b4').classList.add('an')}",
            "<div id=\"b4\">SPAM</div>",
        ),
        ("", "$('#b5').hide();", "<div id=\"b5\">SPAM</div>"),
        (
            "",
            "jQuery('.b6').css('display','none');",
            "<p class=\"b6\">SPAM</p>",
        ),
        (
            "",
            "document.querySelector('div[data-k]').style.display='none'",
            "<div data-k=\"1\">SPAM</div>",
        ),
        (
            "",
            "var e=document.querySelector('#b8');e.setAttribute('style','position:absolute;left:-9999px');",
            "<div id=\"b8\">SPAM</div>",
        ),
    ] {
        let css = format!("{css}</style><script>{js}</script><style>");
        assert_hidden(&css, el);
    }
}

#[test]
fn benign_hidden_content_is_byte_identical() {
    let pages = [
        "<details><summary>Thủ tục cấp phép?</summary><p>Xem <a href=\"/thu-tuc/cap-phep\">hướng dẫn</a> và <a href=\"https://dichvucong.gov.vn/\">Cổng dịch vụ công</a>.</p></details>",
        "<style>.mobile-menu{display:none} nav .sub{display:none}</style><nav><ul class=\"mobile-menu\"><li><a href=\"/gioi-thieu\">Giới thiệu</a></li><li class=\"sub\"><a href=\"/lien-he\">Liên hệ</a></li></ul></nav>",
        "<h1 class=\"logo\" style=\"text-indent:-9999px;background:url(/logo.png)\">Sở Tư pháp tỉnh</h1>",
        "<script>document.getElementById('menu').style.display='none';</script><div id=\"menu\"><a href=\"/\">Trang chủ</a> <a href=\"https://chinhphu.vn/\">Chính phủ</a></div>",
        "<style>[aria-hidden=true]{display:none}</style><span aria-hidden=\"true\">×</span><div style=\"opacity:0\"><a href=\"/tim-kiem\">Tìm kiếm</a></div>",
    ];
    for page in pages {
        let (out, events) = clean(&site(""), page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{page}: {events:?}");
    }
}

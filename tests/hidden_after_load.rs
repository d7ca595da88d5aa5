//! Attack suite (issue 14, hiding after load): a block of spam text or foreign links that a
//! script placed *after* it hides once the page has loaded, in every way a script can hide
//! it: (1) a class it adds that a stylesheet rule hides, the sheet before the block or
//! after the script; (2) the `hidden` attribute, `aria-hidden` with a rule, inline styles
//! set whole (`cssText`, `setProperty`, `Object.assign`); (3) an attribute or `data-*` it
//! sets that an attribute-selector rule hides; (4) emptying or removing the block;
//! (5) a Web Animation that fades it out and stays; (6) a stylesheet the script builds
//! (`CSSStyleSheet` + `replaceSync`, `insertRule`, a created `<style>`). The block is found
//! by id, class, attribute or descendant selector, `getElementsByClassName`, and by its
//! position. It goes whole, audited (`spam.keyword`, `link.hidden_block`).
//!
//! Benign twins, byte for byte unchanged: a cookie banner and a modal closed by script, a
//! mobile menu toggled by a class, a carousel hiding its inactive slides, a "read more"
//! collapsing a same-site article about fighting illegal betting, tabs, a loading spinner
//! removed on load, same-site content faded by an animation.

use crate::common;

use common::rewrite::{base, clean, rewrite, rule_ids, site};
use lachan::audit::Event;
use lachan::sanitize::html::oracle;

/// Hidden text that is spam but not a spam block nor an advert to the visible rules.
const SPAM: &str =
    "Kèo nhà cái, tỷ lệ kèo bóng đá được cập nhật liên tục cho người hâm mộ theo dõi";

/// The planted blocks: spam text, and a foreign link whose text alone is harmless.
fn blocks() -> [(String, &'static str); 2] {
    [
        (
            format!("<div id=\"k\" class=\"seo-box\" data-role=\"links\">{SPAM}</div>"),
            "Kèo",
        ),
        (
            "<div id=\"k\" class=\"seo-box\" data-role=\"links\">Liên kết: <a href=\"https://bet.test/\">xem thêm</a></div>".to_string(),
            "xem thêm",
        ),
    ]
}

/// Ways to find the block: a script expression and, for jQuery, its selector.
const FINDS: &[&str] = &[
    "document.getElementById('k')",
    "document.querySelector('.seo-box')",
    "document.querySelector('div[data-role=\"links\"]')",
    "document.querySelector('body .seo-box')",
    "document.getElementsByClassName('seo-box')[0]",
    "document.querySelectorAll('#k')[0]",
    "document.currentScript.previousElementSibling",
];

/// One way of hiding: the script (given how to find the element) and the page's rule.
struct Hide {
    js: fn(&str) -> String,
    css: &'static str,
}

/// 1. A class and a rule.
fn by_class() -> Vec<Hide> {
    vec![
        Hide {
            js: |e| format!("{e}.classList.add('off')"),
            css: ".off{display:none}",
        },
        Hide {
            js: |e| format!("{e}.className = 'gone'"),
            css: ".gone { visibility: hidden }",
        },
        Hide {
            js: |e| format!("{e}.setAttribute('class', 'away')"),
            css: ".away{position:absolute;left:-9999px}",
        },
        Hide {
            js: |e| format!("$({e}).addClass('flat')"),
            css: ".flat{height:0;overflow:hidden}",
        },
        Hide {
            js: |e| format!("{e}.classList.add('fade')"),
            css: ".fade{opacity:0}",
        },
        Hide {
            js: |e| format!("{e}.classList.toggle('clip')"),
            css: ".clip{position:absolute;clip:rect(0 0 0 0)}",
        },
    ]
}

/// 2. The hidden attribute, aria-hidden with a rule, whole inline styles.
fn by_hidden_or_style() -> Vec<Hide> {
    vec![
        Hide {
            js: |e| format!("{e}.hidden = true"),
            css: "",
        },
        Hide {
            js: |e| format!("{e}.toggleAttribute('hidden')"),
            css: "",
        },
        Hide {
            js: |e| format!("{e}.setAttribute('hidden', '')"),
            css: "",
        },
        Hide {
            js: |e| format!("{e}.setAttribute('aria-hidden', 'true')"),
            css: "[aria-hidden=\"true\"]{display:none}",
        },
        Hide {
            js: |e| format!("{e}.style.cssText = 'display: none'"),
            css: "",
        },
        Hide {
            js: |e| format!("{e}.style.setProperty('display', 'none', 'important')"),
            css: "",
        },
        Hide {
            js: |e| format!("Object.assign({e}.style, {{ display: 'none' }})"),
            css: "",
        },
    ]
}

/// 3. An attribute and an attribute-selector rule.
fn by_attribute() -> Vec<Hide> {
    vec![
        Hide {
            js: |e| format!("{e}.setAttribute('data-state', 'off')"),
            css: "[data-state=off]{display:none}",
        },
        Hide {
            js: |e| format!("{e}.dataset.state = 'closed'"),
            css: "div[data-state=\"closed\"] { visibility:hidden }",
        },
        Hide {
            js: |e| format!("{e}.toggleAttribute('data-off')"),
            css: "[data-off]{font-size:0}",
        },
    ]
}

/// 4. Emptied or removed.
fn by_emptying() -> Vec<Hide> {
    vec![
        Hide {
            js: |e| format!("{e}.replaceChildren()"),
            css: "",
        },
        Hide {
            js: |e| format!("{e}.innerHTML = ''"),
            css: "",
        },
        Hide {
            js: |e| format!("{e}.textContent = ''"),
            css: "",
        },
        Hide {
            js: |e| format!("{e}.remove()"),
            css: "",
        },
        Hide {
            js: |e| format!("var el = {e}; el.parentNode.removeChild(el)"),
            css: "",
        },
    ]
}

/// 5. A Web Animation that stays at its last frame.
fn by_animation() -> Vec<Hide> {
    vec![
        Hide {
            js: |e| {
                format!(
                    "{e}.animate([{{opacity: 1}}, {{opacity: 0}}], {{duration: 1, fill: 'forwards'}})"
                )
            },
            css: "",
        },
        Hide {
            js: |e| {
                format!(
                    "{e}.animate({{ height: ['40px', '0px'] , opacity: [1, 0] }}, {{ duration: 300, fill: \"both\" }})"
                )
            },
            css: "",
        },
        Hide {
            js: |e| format!("{e}.classList.add('fade-out')"),
            css: ".fade-out{animation:seo-fade .3s ease forwards}@keyframes seo-fade{from{opacity:1}to{opacity:0}}",
        },
        Hide {
            js: |e| format!("{e}.classList.add('shut')"),
            css: "@keyframes shut{0%{transform:scale(1)}100%{transform:scale(0)}}.shut{animation-name:shut;animation-duration:1s;animation-fill-mode:both}",
        },
    ]
}

fn hides() -> Vec<Hide> {
    [
        by_class(),
        by_hidden_or_style(),
        by_attribute(),
        by_emptying(),
        by_animation(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// 6. Sheets the script builds, naming the block by `sel`.
fn built_sheets(sel: &str) -> Vec<String> {
    vec![
        format!(
            "const s = new CSSStyleSheet(); s.replaceSync('{sel} {{ display: none }}'); document.adoptedStyleSheets = [...document.adoptedStyleSheets, s];"
        ),
        format!("document.styleSheets[0].insertRule('{sel}{{visibility:hidden}}', 0);"),
        format!(
            "var st = document.createElement('style'); st.textContent = '{sel}{{opacity:0}}'; document.head.appendChild(st);"
        ),
    ]
}

fn page(head_css: &str, block: &str, js: &str, tail_css: &str) -> String {
    let style = |css: &str| {
        if css.is_empty() {
            String::new()
        } else {
            format!("<style>{css}</style>")
        }
    };
    format!(
        "<html><head><title>Sở Tư pháp</title>{}</head><body><p>Tin tức</p>{block}<script>{js}</script>{}<p>Liên hệ</p></body></html>",
        style(head_css),
        style(tail_css)
    )
}

/// Every chunking for the first way of finding the block, two of them for the others (a
/// matrix of every chunking is slow on CI).
fn sanitized(html: &str, every_chunking: bool) -> (String, Vec<Event>) {
    let site = site("");
    if every_chunking {
        return clean(&site, html);
    }
    let (out, events) = rewrite(&site, html.as_bytes(), &[usize::MAX], None);
    let (small, _) = rewrite(&site, html.as_bytes(), &[3, 7], None);
    assert_eq!(out, small, "{html}");
    let out = String::from_utf8(out).expect("UTF-8 output");
    let left = oracle::foreign_urls(&out, &base(), &site.sanitize().hosts);
    assert!(left.is_empty(), "foreign URLs left: {left:?} in {out}");
    (out, events)
}

fn assert_removed(html: &str, gone: &str) {
    assert_removed_in(html, gone, true);
}

fn assert_removed_in(html: &str, gone: &str, every_chunking: bool) {
    let (out, events) = sanitized(html, every_chunking);
    assert!(!out.contains(gone), "{html}\n=> {out}");
    assert!(!out.contains("class=\"seo-box\""), "{html}\n=> {out}");
    assert!(
        out.contains("<p>Liên hệ</p>") && out.contains("<p>Tin tức</p>"),
        "{out}"
    );
    let rules = rule_ids(&events);
    assert!(
        rules
            .iter()
            .any(|r| matches!(*r, "spam.keyword" | "link.hidden_block" | "spam.block")),
        "{html}: {rules:?}"
    );
}

/// Each way of `hides`, each way of finding the block, each block.
fn assert_matrix(hides: Vec<Hide>) {
    for hide in hides {
        for (i, find) in FINDS.iter().enumerate() {
            let js = (hide.js)(find);
            for (block, gone) in blocks() {
                assert_removed_in(&page(hide.css, &block, &js, ""), gone, i == 0);
            }
        }
    }
}

#[test]
fn block_given_a_hiding_class_after_load_is_removed() {
    assert_matrix(by_class());
}

#[test]
fn block_given_hidden_or_a_hiding_style_after_load_is_removed() {
    assert_matrix(by_hidden_or_style());
}

#[test]
fn block_given_an_attribute_a_rule_hides_after_load_is_removed() {
    assert_matrix(by_attribute());
}

#[test]
fn block_emptied_or_removed_after_load_is_removed() {
    assert_matrix(by_emptying());
}

#[test]
fn block_faded_out_by_a_web_animation_is_removed() {
    assert_matrix(by_animation());
}

#[test]
fn class_added_before_the_rule_that_hides_it_is_followed() {
    // The sheet comes after the script (and the block): the class is remembered.
    for hide in hides().into_iter().filter(|h| !h.css.is_empty()) {
        for (i, find) in FINDS.iter().enumerate() {
            let js = (hide.js)(find);
            for (block, gone) in blocks() {
                assert_removed_in(&page("", &block, &js, hide.css), gone, i == 0);
            }
        }
    }
}

#[test]
fn hiding_on_load_events_is_followed() {
    for hide in hides() {
        let js = (hide.js)("document.getElementById('k')");
        for wrapped in [
            format!("window.addEventListener('load', function () {{ {js}; }});"),
            format!("document.addEventListener('DOMContentLoaded', () => {{ {js} }})"),
            format!("window.onload = function(){{ {js} }}"),
            format!("setTimeout(function () {{ {js}; }}, 0)"),
        ] {
            for (block, gone) in blocks() {
                assert_removed_in(&page(hide.css, &block, &wrapped, ""), gone, false);
            }
        }
    }
}

#[test]
fn stylesheets_built_by_a_script_after_the_block_hide_it() {
    for sel in [
        "#k",
        ".seo-box",
        "div[data-role=links]",
        "body > div.seo-box",
    ] {
        for js in built_sheets(sel) {
            for (block, gone) in blocks() {
                assert_removed(&page("", &block, &js, ""), gone);
            }
        }
    }
}

#[test]
fn a_style_after_the_block_hides_it() {
    for css in [
        "#k{display:none}",
        ".seo-box{position:absolute;left:-10000px}",
        "[data-role=links]{font-size:0}",
    ] {
        for (block, gone) in blocks() {
            assert_removed(&page("", &block, "", css), gone);
        }
    }
}

/// Same-site pages that hide things after load: nothing may change.
fn benign_pages() -> Vec<String> {
    let article = "<div id=\"more\" class=\"article-rest\"><p>Công an tỉnh đã triệt phá đường dây cá độ bóng đá qua mạng, bắt giữ 12 đối tượng, thu giữ nhiều tài liệu liên quan. Người dân cần cảnh giác với các trang đánh bạc trực tuyến.</p><p><a href=\"/tin-tuc/phong-chong-co-bac.html\">Xem thêm</a></p></div>";
    vec![
        // A cookie banner closed by a class.
        page(
            ".closed{display:none}",
            "<div id=\"cookie\" class=\"cookie-banner\">Trang web sử dụng cookie để cải thiện trải nghiệm. <a href=\"/chinh-sach-cookie\">Chính sách</a></div>",
            "document.querySelector('.cookie-banner').classList.add('closed')",
            "",
        ),
        // A modal closed with the hidden attribute and removed.
        page(
            "",
            "<div id=\"modal\" class=\"modal\" role=\"dialog\"><h2>Thông báo</h2><p>Lịch tiếp công dân tháng 12.</p><a href=\"https://chinhphu.vn/\">Cổng Chính phủ</a></div>",
            "var m = document.getElementById('modal'); m.hidden = true; setTimeout(function(){ m.remove(); }, 10)",
            "",
        ),
        // A mobile menu toggled with a class.
        page(
            ".menu{display:none}.menu.open{display:block}",
            "<nav id=\"menu\" class=\"menu\"><ul><li><a href=\"/\">Trang chủ</a></li><li><a href=\"/tin-tuc\">Tin tức</a></li></ul></nav>",
            "document.getElementById('nut').addEventListener('click', function(){ document.getElementById('menu').classList.toggle('open'); })",
            "",
        ),
        // A carousel hiding its inactive slides.
        page(
            ".slide{display:none}.slide.active{display:block}",
            "<div class=\"slides\"><div class=\"slide active\">Hội nghị tổng kết</div><div class=\"slide\">Lễ ra quân</div></div>",
            "var s = document.getElementsByClassName('slide'); for (var i = 0; i < s.length; i++) { s[i].setAttribute('aria-hidden', i ? 'true' : 'false'); }",
            "",
        ),
        // "Read more" collapsing a same-site article on fighting illegal betting.
        page(
            ".collapsed{max-height:0;overflow:hidden}",
            article,
            "document.getElementById('more').classList.add('collapsed')",
            "",
        ),
        page(
            "",
            article,
            "document.querySelector('.article-rest').style.display = 'none'",
            ".x{}",
        ),
        // Tabs.
        page(
            "[role=tabpanel][aria-hidden=true]{display:none}",
            "<div id=\"tab2\" role=\"tabpanel\"><a href=\"/van-ban\">Văn bản mới</a></div>",
            "document.getElementById('tab2').setAttribute('aria-hidden', 'true')",
            "",
        ),
        // A loading spinner removed on load.
        page(
            "",
            "<div id=\"loading\" class=\"spinner\">Đang tải...</div>",
            "window.addEventListener('load', function(){ var l = document.getElementById('loading'); l.parentNode.removeChild(l); })",
            "",
        ),
        // Same-site content faded out by an animation, and a built sheet.
        page(
            "",
            "<div id=\"notice\">Hệ thống bảo trì lúc 22 giờ.</div>",
            "document.getElementById('notice').animate([{opacity:1},{opacity:0}], {duration: 500, fill: 'forwards'})",
            "",
        ),
        page(
            ".fade-out{animation:fade .3s forwards}@keyframes fade{to{opacity:0}}",
            "<div id=\"notice\">Hệ thống bảo trì lúc 22 giờ.</div>",
            "document.getElementById('notice').classList.add('fade-out')",
            "",
        ),
        page(
            "",
            "<div id=\"notice\">Hệ thống bảo trì lúc 22 giờ.</div>",
            "const s = new CSSStyleSheet(); s.replaceSync('#notice{display:none}'); document.adoptedStyleSheets = [s];",
            "",
        ),
    ]
}

#[test]
fn same_site_content_hidden_after_load_is_unchanged() {
    for html in benign_pages() {
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html);
        assert!(events.is_empty(), "{html}: {events:?}");
    }
}

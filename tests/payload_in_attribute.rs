//! Attack suite for redirect payloads kept in markup (issue 14, class 3; threats B3 "the
//! payload kept in an attribute of the script element itself"): a navigation or `eval`
//! whose value is read at run time from the DOM (`getAttribute`, `dataset` of
//! `document.currentScript` or of an element found by id or selector, `textContent`) and
//! decoded (`atob`, `decodeURIComponent`, `unescape`, `JSON.parse`, `fromCharCode`) cannot
//! be proven same-site, so the script goes, and it goes whole: the attributes that carry
//! the payload are not left behind. Benign scripts that read data attributes into text or
//! classes come through byte for byte. Every page is fed whole and in tiny chunks.

use crate::common;

use base64::Engine;
use common::rewrite::{clean, site};

const URL: &str = "https://bet.test/?from=gov";

fn b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

fn codes(s: &str) -> String {
    s.bytes()
        .map(|b| b.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// (attribute carrying the payload, script reading and decoding it into `u`).
fn readers() -> Vec<(String, &'static str)> {
    let pct: String = URL.bytes().map(|b| format!("%{b:02x}")).collect();
    let json = format!("{{&quot;u&quot;:&quot;{URL}&quot;}}");
    vec![
        (
            format!("data-k=\"{}\"", b64(URL)),
            "var u=atob(document.currentScript.getAttribute('data-k'))",
        ),
        (
            format!("data-k=\"{}\"", b64(URL)),
            "var s=document.currentScript;var u=atob(s.dataset.k)",
        ),
        (
            format!("data-k=\"{pct}\""),
            "var u=decodeURIComponent(document.currentScript.dataset.k)",
        ),
        (
            format!("data-k=\"{pct}\""),
            "var u=unescape(document.currentScript.getAttribute('data-k'))",
        ),
        (
            format!("data-k=\"{json}\""),
            "var u=JSON.parse(document.currentScript.dataset.k).u",
        ),
        (
            format!("data-k=\"{}\"", codes(URL)),
            "var u=String.fromCharCode.apply(null,document.currentScript.dataset.k.split(','))",
        ),
        (
            format!("data-k=\"{}\"", b64(URL)),
            "var u=atob(document.querySelector('script[data-k]').getAttribute('data-k'))",
        ),
    ]
}

const SINKS: &[&str] = &[
    "location.replace(u)",
    "window.location.href=u",
    "top.location=u",
    "location.assign(u)",
    "eval('location=\"'+u+'\"')",
    "setTimeout(function(){location.href=u},2000)",
];

#[test]
fn script_with_payload_in_its_own_attribute_is_removed_whole() {
    let site = site("");
    for (attr, read) in readers() {
        for sink in SINKS {
            let page = format!("<p>Tin</p><script {attr}>{read};{sink}</script><p>Hết</p>");
            let (out, events) = clean(&site, &page);
            assert_eq!(out, "<p>Tin</p><p>Hết</p>", "left behind: {page}");
            assert!(
                events.iter().any(|e| e.rule.starts_with("script.")),
                "not audited: {page}"
            );
        }
    }
}

#[test]
fn payload_in_another_elements_attribute_takes_the_script() {
    let site = site("");
    let page = format!(
        "<div id=\"cfg\" data-u=\"{}\"></div><script>var u=atob(document.getElementById('cfg').dataset.u);location.replace(u)</script>",
        b64(URL)
    );
    let (out, events) = clean(&site, &page);
    assert!(!out.contains("<script"), "{out}");
    assert!(events.iter().any(|e| e.rule.starts_with("script.")));
}

#[test]
fn data_attributes_read_into_text_and_classes_are_untouched() {
    let site = site("");
    for page in [
        "<span id=\"x\" data-t=\"VGluIG3hu5tp\" data-c=\"noi-bat\"></span><script>var el=document.getElementById('x');el.textContent=decodeURIComponent(escape(atob(el.dataset.t)));el.classList.add(el.getAttribute('data-c'))</script>",
        "<script data-cfasync=\"false\" data-lang='vi'>document.documentElement.lang=document.currentScript.dataset.lang</script>",
        "<ul data-menu=\"[1,2]\"></ul><script>var m=JSON.parse(document.querySelector('[data-menu]').dataset.menu);document.title=m.length+' mục'</script>",
    ] {
        let (out, events) = clean(&site, page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{events:?}");
    }
}

#[test]
fn benign_script_attributes_keep_their_bytes() {
    // The start tag is held until the verdict; a kept script comes back as it was written.
    let site = site("");
    let page = "<script  type='text/javascript' data-x=a async>var a=1</script><p>x</p>";
    let (out, _) = clean(&site, page);
    assert_eq!(out, page);
}

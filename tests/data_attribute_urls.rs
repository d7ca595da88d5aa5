//! Attack suite for planted `data-*` URL attributes (red team #40; threats A3, A4, B7): a
//! lazy loader or click overlay of the site's own turns `data-src`, `data-href`,
//! `data-url`, `data-lazy-src`, `data-srcset`, `data-bg`, `data-redirect` (or any other
//! `data-*`) into a request or navigation. A value that is, or holds, a URL on an
//! unapproved host goes with its attribute (`data.foreign`), whatever its spelling:
//! scheme-relative, backslashes, leading spaces, tabs, entities, upper case, inside a
//! `srcset` list or JSON options, or a `javascript:` URL. Same-site, relative, allowed and
//! `data:`-image values stay byte-identical.

use crate::common;

use common::rewrite::{clean, site};

const NAMES: &[&str] = &[
    "data-src",
    "data-href",
    "data-url",
    "data-link",
    "data-original",
    "data-lazy-src",
    "data-srcset",
    "data-bg",
    "data-background",
    "data-redirect",
    "data-x-target",
    "DATA-SRC",
];

const VALUES: &[&str] = &[
    "https://bet.test/a.jpg",
    "//bet.test/a.jpg",
    "HTTPS://BET.TEST/",
    "  https://bet.test/",
    "https:\\\\bet.test/",
    "/\\bet.test/",
    "ht&#x09;tps://bet&#46;test/",
    "https&#58;//bet.test/",
    "&#x2F;&#x2F;bet.test/x",
    "https://portal.example.gov.vn@bet.test/",
    "https://portal.example.gov.vn.bet.test/",
    "/a.jpg 1x, //bet.test/b.jpg 2x",
    "{&quot;url&quot;:&quot;https://bet.test/&quot;}",
    "javascript:location='https://bet.test/'",
];

#[test]
fn foreign_urls_in_data_attributes_are_removed() {
    let site = site("");
    let mut missed = Vec::new();
    for name in NAMES {
        for value in VALUES {
            for tag in ["img", "div", "a"] {
                let page = format!("<{tag} class=\"lazy\" {name}=\"{value}\" id=\"k\"></{tag}>");
                let (out, events) = clean(&site, &page);
                let audited = events
                    .iter()
                    .any(|e| e.rule == "data.foreign" || e.rule.starts_with("script."));
                let want = format!("<{tag} class=\"lazy\" id=\"k\"></{tag}>");
                if out != want || !audited {
                    missed.push(format!("{page} -> {out}"));
                }
            }
        }
    }
    assert!(
        missed.is_empty(),
        "{} kept:\n{}",
        missed.len(),
        missed.join("\n")
    );
}

#[test]
fn the_event_names_the_target_and_attribute() {
    let site = site("");
    let (_, events) = clean(&site, "<img data-src=\"//bet.test/x.png\">");
    let e = events
        .iter()
        .find(|e| e.rule == "data.foreign")
        .expect("event");
    assert!(
        e.target.as_deref().is_some_and(|t| t.contains("bet.test")),
        "{e:?}"
    );
}

#[test]
fn same_site_and_allowed_data_attributes_keep_their_bytes() {
    let site = site("");
    for attrs in [
        "data-src=\"/uploads/anh-1.jpg\"",
        "data-src=\"anh/1.jpg\"",
        "data-src=\"https://portal.example.gov.vn/anh/1.jpg\"",
        "data-href=\"https://chinhphu.vn/\"",
        "data-url=\"https://www.youtube.com/embed/abc\"",
        "data-srcset=\"/a.jpg 1x, /b.jpg 2x\"",
        "data-src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\"",
        "data-bg=\"/css/bg.png\"",
        "data-toggle=\"collapse\" data-target=\"#menu\"",
        "data-options='{\"autoplay\":true,\"delay\":3000}'",
        "data-title=\"Tin t&#7913;c\"",
        "data-time=\"12:30\"",
        "data-mail=\"mailto:lienhe@portal.example.gov.vn\"",
        "data-phone=\"tel:+84241234567\"",
        "data-redirect=\"?page=2\"",
        "data-link=\"#top\"",
    ] {
        let page = format!("<div {attrs}>x</div>");
        let (out, events) = clean(&site, &page);
        assert_eq!(out, page, "{events:?}");
    }
}

#[test]
fn a_lazy_loader_reading_cleaned_data_attributes_is_kept() {
    let site = site("");
    let page = "<img class=\"lazy\" data-src=\"/anh/1.jpg\"><img class=\"lazy\" data-src=\"//bet.test/2.jpg\"><script>document.querySelectorAll('img.lazy').forEach(function(i){i.src=i.dataset.src})</script>";
    let (out, _) = clean(&site, page);
    assert_eq!(
        out,
        "<img class=\"lazy\" data-src=\"/anh/1.jpg\"><img class=\"lazy\"><script>document.querySelectorAll('img.lazy').forEach(function(i){i.src=i.dataset.src})</script>"
    );
}

//! A decided false positive (issue 14 follow-up): WordPress's inline emoji settings and
//! loader (`window._wpemojiSettings`, on nearly every WordPress page) name `s.w.org`, from
//! which the loader fetches emoji images. Kept while `s.w.org` is not allowed, the page
//! would make every browser call a host the site did not allow; so it goes, under its own
//! rule `script.wp_emoji` (not an attack), and `lachan scan` proposes `s.w.org` instead of
//! listing it as suspicious. Allowed, it keeps its bytes. A look-alike that names another
//! host stays `script.foreign_host`.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use common::rewrite::{clean, site, site_text};
use lachan::scan::model::Link;

const SETTINGS: &str = r#"window._wpemojiSettings = {"baseUrl":"https:\/\/s.w.org\/images\/core\/emoji\/15.0.3\/72x72\/","ext":".png","svgUrl":"https:\/\/s.w.org\/images\/core\/emoji\/15.0.3\/svg\/","svgExt":".svg","source":{"concatemoji":"https:\/\/portal.example.gov.vn\/wp-includes\/js\/wp-emoji-release.min.js?ver=6.5"}};"#;
const LOADER: &str = r#"!function(i,n){function t(e){var t=i.createElement("script");t.src=e,t.defer=!0,i.head.appendChild(t)}var e=n.source||{};e.concatemoji?t(e.concatemoji):e.wpemoji&&e.twemoji&&(t(e.twemoji),t(e.wpemoji))}(document,window._wpemojiSettings);"#;

fn page() -> String {
    format!(
        "<head><script type=\"text/javascript\">\n{SETTINGS}\n{LOADER}\n</script></head><p>x</p>"
    )
}

#[test]
fn wordpress_emoji_settings_naming_an_unallowed_host_go_under_their_own_rule() {
    let site = site("");
    let (out, events) = clean(&site, &page());
    assert_eq!(out, "<head></head><p>x</p>");
    let e = events
        .iter()
        .find(|e| e.rule == "script.wp_emoji")
        .unwrap_or_else(|| panic!("{events:?}"));
    assert!(
        e.target
            .as_deref()
            .is_some_and(|t| t.contains("//s.w.org/images/core/emoji/"))
    );
}

#[test]
fn wordpress_emoji_keeps_its_bytes_once_s_w_org_is_allowed() {
    let src = site_text("enforce", "")
        .replace("\"www.youtube.com\"]", "\"www.youtube.com\", \"s.w.org\"]");
    let config = lachan::config::parse(&src, Path::new("t.toml")).unwrap();
    let site = Arc::clone(&config.sites[0]);
    let (out, events) = clean(&site, &page());
    assert_eq!(out, page());
    assert!(events.is_empty(), "{events:?}");
}

#[test]
fn a_look_alike_naming_another_host_stays_a_foreign_host() {
    let site = site("");
    let fake = SETTINGS.replace(r"s.w.org\/images", r"bet.test\/images");
    let page = format!("<script>{fake}{LOADER}</script>");
    let (out, events) = clean(&site, &page);
    assert_eq!(out, "");
    assert!(
        events.iter().any(|e| e.rule == "script.foreign_host"),
        "{events:?}"
    );
}

#[test]
fn scan_does_not_hold_the_emoji_host_suspicious() {
    let link = |rule: &str| Link {
        url: "https://s.w.org/images/core/emoji/15.0.3/72x72/".into(),
        host: "s.w.org".into(),
        carrier: "script".into(),
        rule: Some(rule.into()),
        seen_by: BTreeSet::new(),
        ..Default::default()
    };
    assert!(lachan::scan::hosts::reasons(&link("script.wp_emoji")).is_empty());
    assert!(!lachan::scan::hosts::reasons(&link("script.foreign_host")).is_empty());
}

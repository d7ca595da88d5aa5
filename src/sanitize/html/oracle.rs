//! The crawler's view of a sanitized page, for tests, the fuzz target and `lachan demo`:
//! lists every foreign URL left in a URL-carrying attribute, including inside raw-text
//! containers, `iframe[srcdoc]` and JSON-LD. Not used on the request path.
//!
//! It is deliberately simpler than the rewriter (no hidden-block logic, no hold): it only
//! reads, so that a bug in the rewriter's control flow does not hide in the check too.

use std::cell::RefCell;

use lol_html::html_content::{Element, TextChunk};
use lol_html::{RewriteStrSettings, element, rewrite_str, text};

use crate::sanitize::policy::{Carrier, HostSet, UrlVerdict, judge_url};

use super::entities;

const URL_ATTRS: &[&str] = &[
    "href",
    "xlink:href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
];

/// Returned alone when lol_html itself refuses the document (a parsing ambiguity such as
/// `<select><script>`): the check is then inconclusive rather than passed.
pub const UNPARSEABLE: &str = "<unparseable output>";

/// Every foreign URL that a crawler would find in `html` (UTF-8), resolved against `base`.
pub fn foreign_urls(html: &str, base: &url::Url, hosts: &HostSet) -> Vec<String> {
    let found = RefCell::new(Vec::new());
    let base = RefCell::new(base.clone());
    let raw = RefCell::new(String::new());
    let check = |v: &str, c: Carrier| {
        if let UrlVerdict::Foreign(t) = judge_url(v, &base.borrow(), hosts, c) {
            found.borrow_mut().push(t);
        }
    };
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("base[href]", |el| {
            let href = entities::decode(&el.get_attribute("href").unwrap_or_default()).into_owned();
            check(&href, Carrier::Active);
            let next = base.borrow().join(&href).ok();
            if let Some(u) = next {
                *base.borrow_mut() = u;
            }
            Ok(())
        }))
        .append_element_content_handler(element!("*", |el| {
            let current = base.borrow().clone();
            let nested = attrs(el, &check, &current, hosts);
            found.borrow_mut().extend(nested);
            Ok(())
        }))
        .append_element_content_handler(text!("noscript, noembed, noframes, xmp", |t| {
            collect(t, &raw, &found, &base.borrow(), hosts, false);
            Ok(())
        }))
        .append_element_content_handler(text!("script[type='application/ld+json']", |t| {
            collect(t, &raw, &found, &base.borrow(), hosts, true);
            Ok(())
        }));
    if rewrite_str(html, settings).is_err() {
        return vec![UNPARSEABLE.into()];
    }
    found.into_inner()
}

fn attrs(
    el: &mut Element<'_, '_>,
    check: &dyn Fn(&str, Carrier),
    base: &url::Url,
    hosts: &HostSet,
) -> Vec<String> {
    let mut found = Vec::new();
    let tag = el.tag_name();
    for a in el.attributes() {
        let name = a.name();
        // lol_html decodes names with BOM sniffing, so `\u{feff}href` reads as `href`; to a
        // browser or crawler it is another attribute. The source length tells them apart.
        if a.name_source_location()
            .is_some_and(|l| l.bytes().len() != name.len())
        {
            continue;
        }
        let media = matches!(
            tag.as_str(),
            "img" | "video" | "audio" | "source" | "track" | "input"
        );
        let carrier = if media {
            Carrier::Media
        } else {
            Carrier::Active
        };
        match name.as_str() {
            n if URL_ATTRS.contains(&n) => check(&a.value(), carrier),
            "value" if tag == "option" => check(&a.value(), Carrier::Active),
            "srcset" => entities::decode(&a.value())
                .split(',')
                .filter_map(|c| c.split_ascii_whitespace().next())
                .for_each(|u| check(u, Carrier::Media)),
            "content" if tag == "meta" && refresh(el) => check(
                super::meta::refresh_url(&entities::decode(&a.value())),
                carrier,
            ),
            "srcdoc" => found.extend(foreign_urls(&entities::decode(&a.value()), base, hosts)),
            _ => {}
        }
    }
    found
}

fn refresh(el: &Element<'_, '_>) -> bool {
    el.get_attribute("http-equiv")
        .is_some_and(|h| h.trim().eq_ignore_ascii_case("refresh"))
}

fn collect(
    t: &mut TextChunk<'_>,
    raw: &RefCell<String>,
    found: &RefCell<Vec<String>>,
    base: &url::Url,
    hosts: &HostSet,
    json: bool,
) {
    raw.borrow_mut().push_str(t.as_str());
    if !t.last_in_text_node() {
        return;
    }
    let text = std::mem::take(&mut *raw.borrow_mut());
    let mut f = found.borrow_mut();
    // JSON-LD is read as JSON or not at all; raw-text containers are read as markup.
    if !json {
        f.extend(foreign_urls(&text, base, hosts));
    } else if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
        json_urls(&value, false, &mut |u| {
            if let UrlVerdict::Foreign(t) = judge_url(u, base, hosts, Carrier::Active) {
                f.push(t);
            }
        });
    }
}

fn json_urls(v: &serde_json::Value, is_url: bool, out: &mut dyn FnMut(&str)) {
    match v {
        serde_json::Value::String(s) if is_url => out(s),
        serde_json::Value::Array(a) => a.iter().for_each(|i| json_urls(i, is_url, out)),
        serde_json::Value::Object(m) => m
            .iter()
            .for_each(|(k, v)| json_urls(v, matches!(k.as_str(), "url" | "sameAs" | "@id"), out)),
        _ => {}
    }
}

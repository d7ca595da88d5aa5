//! The crawler's view of a sanitized page, for tests, the fuzz target and `lachan demo`:
//! lists every foreign URL left in a URL-carrying attribute (including `ping`, `cite`,
//! `srcset`s, SVG animations of `href`, and CSS `url()`/`@import`/`image-set()` in `style`
//! attributes and `<style>`), inside raw-text containers (an `iframe`'s fallback body too),
//! `iframe[srcdoc]` and JSON-LD (any absolute URL at any depth, through the same walker as
//! the sanitizer, `json_ld::link_targets`, so the two agree that schema.org vocabulary IRIs
//! are terms, not links). Not used on the request path.
//!
//! It is deliberately simpler than the rewriter (no hidden-block logic, no hold): it only
//! reads, so that a bug in the rewriter's control flow does not hide in the check too.

use std::cell::RefCell;
use std::sync::LazyLock;

use lol_html::html_content::{Element, TextChunk};
use lol_html::{RewriteStrSettings, element, rewrite_str, text};
use regex::Regex;

use crate::sanitize::policy::{Carrier, HostSet, UrlVerdict, judge_url};

use super::{entities, json_ld};

const URL_ATTRS: &[&str] = &[
    "href",
    "xlink:href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "cite",
    "longdesc",
    "manifest",
    "lowsrc",
    "dynsrc",
    "codebase",
    "archive",
    "attributionsrc",
    "onenterforward",
    "onenterbackward",
    "ontimer",
    "onpick",
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
        .append_element_content_handler(text!("noscript, noembed, noframes, xmp, iframe", |t| {
            collect(t, &raw, &found, &base.borrow(), hosts, Raw::Markup);
            Ok(())
        }))
        .append_element_content_handler(text!("script[type='application/ld+json']", |t| {
            collect(t, &raw, &found, &base.borrow(), hosts, Raw::Json);
            Ok(())
        }))
        .append_element_content_handler(text!("style", |t| {
            collect(t, &raw, &found, &base.borrow(), hosts, Raw::Css);
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
            "img" | "video" | "audio" | "source" | "track" | "input" | "image" | "feimage"
        );
        let carrier = if media {
            Carrier::Media
        } else {
            Carrier::Active
        };
        match name.as_str() {
            n if URL_ATTRS.contains(&n) => check(&a.value(), carrier),
            "value"
                if tag == "option"
                    || (tag == "param"
                        && super::url_attrs::param_is_url(el.get_attribute("name").as_deref())) =>
            {
                check(&a.value(), Carrier::Active)
            }
            "srcset" | "imagesrcset" => entities::decode(&a.value())
                .split(',')
                .filter_map(|c| c.split_ascii_whitespace().next())
                .for_each(|u| check(u, Carrier::Media)),
            "ping" => entities::decode(&a.value())
                .split_ascii_whitespace()
                .for_each(|u| check(u, Carrier::Active)),
            "style" => css_urls(&entities::decode(&a.value()))
                .iter()
                .for_each(|u| check(u, Carrier::Media)),
            "to" | "from" | "values" if animates_href(el) => entities::decode(&a.value())
                .split(';')
                .for_each(|u| check(u.trim(), Carrier::Active)),
            "content" if tag == "meta" && refresh(el) => check(
                crate::sanitize::head::refresh_url(&entities::decode(&a.value())),
                carrier,
            ),
            "srcdoc" => found.extend(foreign_urls(&entities::decode(&a.value()), base, hosts)),
            _ => {}
        }
    }
    found
}

/// An SVG `<set>`/`<animate>` that writes a link's `href`.
fn animates_href(el: &Element<'_, '_>) -> bool {
    super::entities::attr(el, "attributename")
        .is_some_and(|n| matches!(n.trim(), "href" | "xlink:href"))
}

/// Every URL a browser would fetch from a style sheet or `style` attribute: `url()` (also
/// with escaped letters), `@import "…"` and the strings of `image-set()`.
fn css_urls(css: &str) -> Vec<String> {
    static URL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?is)url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s*(?:"([^"]*)"|'([^']*)')"#)
            .expect("valid")
    });
    static SET: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"(?is)image-set\(([^)]*)\)"#).expect("valid"));
    static STRING: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#""([^"]*)"|'([^']*)'"#).expect("valid"));
    // The sanitizer's own CSS tokenizer reading: escapes resolved, comments dropped.
    let css = super::css_url::normalize(css);
    let mut out: Vec<String> = URL
        .captures_iter(&css)
        .filter_map(|c| {
            c.iter()
                .skip(1)
                .flatten()
                .next()
                .map(|m| m.as_str().to_string())
        })
        .collect();
    for set in SET.captures_iter(&css) {
        out.extend(STRING.captures_iter(&set[1]).filter_map(|c| {
            c.iter()
                .skip(1)
                .flatten()
                .next()
                .map(|m| m.as_str().to_string())
        }));
    }
    out
}

fn refresh(el: &Element<'_, '_>) -> bool {
    super::entities::attr(el, "http-equiv")
        .is_some_and(|h| h.trim().eq_ignore_ascii_case("refresh"))
}

/// How a raw-text element's content is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Raw {
    Markup,
    Json,
    Css,
}

fn collect(
    t: &mut TextChunk<'_>,
    raw: &RefCell<String>,
    found: &RefCell<Vec<String>>,
    base: &url::Url,
    hosts: &HostSet,
    kind: Raw,
) {
    raw.borrow_mut().push_str(t.as_str());
    if !t.last_in_text_node() {
        return;
    }
    let text = std::mem::take(&mut *raw.borrow_mut());
    let mut f = found.borrow_mut();
    let mut judge = |u: &str, c: Carrier| {
        if let UrlVerdict::Foreign(t) = judge_url(u, base, hosts, c) {
            f.push(t);
        }
    };
    // JSON-LD is read as JSON or not at all; raw-text containers are read as markup.
    match kind {
        Raw::Markup => f.extend(foreign_urls(&text, base, hosts)),
        Raw::Css => css_urls(&text)
            .iter()
            .for_each(|u| judge(u, Carrier::Media)),
        Raw::Json => {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
                json_ld::link_targets(&value, false, &mut |u| judge(u, Carrier::Active));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sanitize::policy::HostPattern;

    fn found(html: &str) -> Vec<String> {
        let allow: Vec<HostPattern> = ["*.gov.vn", "chinhphu.vn"]
            .iter()
            .filter_map(|p| HostPattern::parse(p))
            .collect();
        let hosts = HostSet::new(&allow);
        let base = url::Url::parse("https://portal.example.gov.vn/a/b.html").unwrap();
        foreign_urls(html, &base, &hosts)
    }

    #[test]
    fn css_urls_in_style_sheets_and_attributes_are_found() {
        assert_eq!(found("<style>@import 'https://x.test/a.css'; b{background:u\\72l(//y.test/p.png)}</style>").len(), 2);
        assert_eq!(
            found("<div style=\"background:url(&quot;https://z.test/t.gif&quot;)\">").len(),
            1
        );
        assert_eq!(
            found("<p style=\"background:image-set('https://w.test/i.png' 1x)\">").len(),
            1
        );
        assert!(found("<style>b{background:url(/anh/logo.png)} i{background:url('https://chinhphu.vn/x.png')}</style>").is_empty());
    }

    #[test]
    fn ping_cite_and_animated_hrefs_are_found() {
        assert_eq!(
            found("<a href=\"/\" ping=\"/p https://t.test/p\">x</a>").len(),
            1
        );
        assert_eq!(
            found("<blockquote cite=\"https://c.test/\">x</blockquote>").len(),
            1
        );
        assert_eq!(
            found("<svg><a><set attributeName=\"href\" to=\"https://s.test/\"/></a></svg>").len(),
            1
        );
        assert!(found("<svg><set attributeName=\"fill\" to=\"red\"/></svg>").is_empty());
    }

    #[test]
    fn iframe_fallback_is_read_as_markup() {
        let page = "<iframe src=\"/map.html\"><a href=\"https://f.test/\">x</a></iframe>";
        assert_eq!(found(page).len(), 1);
    }

    #[test]
    fn json_ld_urls_at_any_depth_are_found_but_not_the_vocabulary() {
        let page = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"WebSite",
            "potentialAction":{"target":{"@type":"EntryPoint","urlTemplate":"https:\/\/j\u002etest/s?q={q}"}},
            "publisher":{"logo":"https://portal.example.gov.vn/logo.png"}}</script>"#;
        assert_eq!(found(page), vec!["https://j.test/s?q={q}".to_string()]);
    }

    #[test]
    fn schema_org_vocabulary_values_are_not_links_as_the_sanitizer_keeps_them() {
        // `availability`/`actionPlatform` name schema.org terms; json_ld.rs keeps them, so
        // the oracle must not count them as foreign URLs left behind.
        let page = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product",
            "offers":{"availability":"https://schema.org/InStock","itemCondition":"http://www.schema.org/NewCondition"},
            "potentialAction":{"target":{"actionPlatform":["https://schema.org/DesktopWebPlatform"],"urlTemplate":"https:\\\\bet.test/?q={q}"}}}</script>"#;
        assert_eq!(found(page), vec!["https://bet.test/?q={q}".to_string()]);
    }
}

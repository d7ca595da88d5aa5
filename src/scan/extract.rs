//! `lachan scan`: the read-only inventory pass over a page. Lists every URL the page
//! carries, with its carrier (`a@href`, `script@src`, `meta-refresh`, `json-ld`,
//! `css-url`, …) and, for links, their text.
//!
//! It only reads, like `sanitize::html::oracle`: what policy does with each URL is not
//! decided here but by the sanitizer itself, run in report mode on the same bytes
//! (`super::analyze`). This pass only finds what is there, including allowed links that
//! the sanitizer has no reason to mention, and site-ownership verification metas (which
//! the sanitizer mentions only when the site lists its own tokens).

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::LazyLock;

use lol_html::html_content::{Element, TextChunk};
use lol_html::{AsciiCompatibleEncoding, HtmlRewriter, Settings, element, text};
use regex::Regex;

use crate::sanitize::head::refresh_url;
use crate::sanitize::html::entities;

/// Attributes that carry a URL, on any element.
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
];

/// Caps what one page can make us remember.
const MAX_URLS: usize = 5000;
const MAX_TEXT: usize = 512;

static CSS_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)"#).expect("valid regex")
});

/// One URL found on a page, resolved against the page's base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub url: url::Url,
    pub carrier: String,
    /// The link's text (and `title`), for the lexicon.
    pub text: String,
}

/// A site-ownership verification meta: its name (lower case) and token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub name: String,
    pub token: String,
}

/// At most this many verification metas are kept per page.
const MAX_TOKENS: usize = 64;

#[derive(Default)]
struct Acc {
    found: Vec<Found>,
    tokens: Vec<Token>,
    base: Option<url::Url>,
    /// The `<a>` whose text is being read.
    anchor: Option<usize>,
    raw: String,
}

impl Acc {
    fn push(&mut self, raw: &str, carrier: String) -> Option<usize> {
        let base = self.base.as_ref()?;
        let decoded = entities::decode(raw.trim());
        if decoded.is_empty() || self.found.len() >= MAX_URLS {
            return None;
        }
        let url = base.join(&decoded).ok()?;
        self.found.push(Found {
            url,
            carrier,
            text: String::new(),
        });
        Some(self.found.len() - 1)
    }
}

/// Every URL in `html`, decoded as `encoding` (from the header) or as the page says.
pub fn extract(
    html: &[u8],
    base: &url::Url,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Vec<Found> {
    extract_all(html, base, encoding).0
}

/// Every URL in `html`, and its site-ownership verification metas.
pub fn extract_all(
    html: &[u8],
    base: &url::Url,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> (Vec<Found>, Vec<Token>) {
    let acc = Rc::new(RefCell::new(Acc {
        base: Some(base.clone()),
        ..Acc::default()
    }));
    let enc = encoding.unwrap_or(encoding_rs::UTF_8);
    let Some(enc) = AsciiCompatibleEncoding::new(enc) else {
        return (Vec::new(), Vec::new());
    };
    let (a1, a2, a3, a4, a5) = (
        acc.clone(),
        acc.clone(),
        acc.clone(),
        acc.clone(),
        acc.clone(),
    );
    let settings = Settings::new()
        .with_encoding(enc)
        .with_adjust_charset_on_meta_tag(encoding.is_none())
        .append_element_content_handler(element!("*", move |el| {
            on_element(&a1, el);
            Ok(())
        }))
        .append_element_content_handler(text!("a", move |t| {
            on_anchor_text(&a2, t);
            Ok(())
        }))
        .append_element_content_handler(text!("style", move |t| {
            on_raw(&a3, t, |acc, s| css_urls(acc, s, "css-url"));
            Ok(())
        }))
        .append_element_content_handler(text!("script[type='application/ld+json']", move |t| {
            on_raw(&a4, t, json_ld);
            Ok(())
        }))
        .append_element_content_handler(text!("noscript", move |t| {
            // Read as markup, as a browser without scripts (and many crawlers) would.
            on_raw(&a5, t, |acc, s| nested(acc, s, "noscript"));
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // A page lol_html cannot finish is still inventoried up to where it stopped.
    if rewriter.write(html).is_ok() {
        let _ = rewriter.end();
    }
    let mut a = acc.borrow_mut();
    (std::mem::take(&mut a.found), std::mem::take(&mut a.tokens))
}

fn on_element(acc: &Rc<RefCell<Acc>>, el: &mut Element<'_, '_>) {
    let tag = el.tag_name();
    let mut a = acc.borrow_mut();
    if tag == "base"
        && let Some(href) = el.get_attribute("href")
    {
        let next = a
            .base
            .as_ref()
            .and_then(|b| b.join(&entities::decode(&href)).ok());
        a.push(&href, "base@href".into());
        if next.is_some() {
            a.base = next;
        }
        return;
    }
    if tag == "meta" {
        verification(&mut a, el);
    }
    for attr in el.attributes() {
        let name = attr.name();
        let value = attr.value();
        match name.as_str() {
            n if URL_ATTRS.contains(&n) => {
                let idx = a.push(&value, format!("{tag}@{n}"));
                if tag == "a" && n == "href" {
                    a.anchor = idx;
                }
            }
            "srcset" | "imagesrcset" => {
                for candidate in entities::decode(&value).split(',') {
                    if let Some(u) = candidate.split_ascii_whitespace().next() {
                        a.push(u, format!("{tag}@{name}"));
                    }
                }
            }
            "content" if tag == "meta" && is_refresh(el) => {
                a.push(
                    refresh_url(&entities::decode(&value)),
                    "meta-refresh".into(),
                );
            }
            "style" => css_urls(&mut a, &entities::decode(&value), "style@url()"),
            _ => {}
        }
    }
    if tag == "a"
        && let (Some(i), Some(title)) = (a.anchor, el.get_attribute("title"))
    {
        append_text(&mut a.found[i].text, &entities::decode(&title));
    }
    if tag == "a" && el.can_have_content() {
        let acc = acc.clone();
        let _ = el.on_end_tag(Box::new(move |_| {
            acc.borrow_mut().anchor = None;
            Ok(())
        }));
    }
}

/// Records a verification meta (`name` or `property` of a verification kind, as the
/// sanitizer's `meta.verification` rule reads it).
fn verification(a: &mut Acc, el: &Element<'_, '_>) {
    let name = ["name", "property"]
        .iter()
        .filter_map(|n| el.get_attribute(n))
        .map(|n| n.trim().to_ascii_lowercase())
        .find(|n| crate::sanitize::html::verification::is_verification_name(n));
    let (Some(name), Some(content)) = (name, el.get_attribute("content")) else {
        return;
    };
    let token = entities::decode(content.trim()).trim().to_string();
    let t = Token { name, token };
    if a.tokens.len() < MAX_TOKENS && !a.tokens.contains(&t) {
        a.tokens.push(t);
    }
}

fn is_refresh(el: &Element<'_, '_>) -> bool {
    el.get_attribute("http-equiv")
        .is_some_and(|h| h.trim().eq_ignore_ascii_case("refresh"))
}

fn append_text(text: &mut String, more: &str) {
    if text.len() < MAX_TEXT {
        text.push(' ');
        text.extend(more.chars().take(MAX_TEXT));
    }
}

fn on_anchor_text(acc: &Rc<RefCell<Acc>>, t: &mut TextChunk<'_>) {
    let mut a = acc.borrow_mut();
    if let Some(i) = a.anchor {
        let chunk = entities::decode(t.as_str()).into_owned();
        append_text(&mut a.found[i].text, &chunk);
    }
}

/// Gathers a raw-text element's text; calls `f` with all of it at the end.
fn on_raw(acc: &Rc<RefCell<Acc>>, t: &mut TextChunk<'_>, f: impl Fn(&mut Acc, &str)) {
    let mut a = acc.borrow_mut();
    a.raw.push_str(t.as_str());
    if t.last_in_text_node() {
        let text = std::mem::take(&mut a.raw);
        f(&mut a, &text);
    }
}

fn css_urls(acc: &mut Acc, css: &str, carrier: &str) {
    for c in CSS_URL.captures_iter(css) {
        if let Some(m) = c.get(1).or_else(|| c.get(2)) {
            acc.push(m.as_str(), carrier.to_string());
        }
    }
}

fn nested(acc: &mut Acc, markup: &str, within: &str) {
    let Some(base) = acc.base.clone() else {
        return;
    };
    for mut f in extract(markup.as_bytes(), &base, None) {
        if acc.found.len() >= MAX_URLS {
            break;
        }
        f.carrier = format!("{within}>{}", f.carrier);
        acc.found.push(f);
    }
}

fn json_ld(acc: &mut Acc, text: &str) {
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        json_urls(&value, false, &mut |u| {
            acc.push(u, "json-ld".into());
        });
    }
}

fn json_urls(v: &serde_json::Value, is_url: bool, out: &mut dyn FnMut(&str)) {
    match v {
        serde_json::Value::String(s) if is_url => out(s),
        serde_json::Value::Array(a) => a.iter().for_each(|i| json_urls(i, is_url, out)),
        serde_json::Value::Object(m) => m.iter().for_each(|(k, v)| {
            let url_key = matches!(k.as_str(), "url" | "sameAs" | "@id" | "logo" | "image");
            json_urls(v, url_key, out)
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(html: &str) -> Vec<(String, String)> {
        let base = url::Url::parse("http://portal.test/a/").unwrap();
        extract(html.as_bytes(), &base, None)
            .into_iter()
            .map(|f| (f.url.to_string(), f.carrier))
            .collect()
    }

    #[test]
    fn every_carrier_is_listed_with_its_name() {
        let found = urls(
            r#"<a href="https://x.test/1">x</a><script src="//s.test/a.js"></script>
            <meta http-equiv="refresh" content="0; url='https://r.test/'">
            <div style="background:url(https://c.test/b.png)"></div>
            <img srcset="https://i.test/1.png 1x, /local.png 2x">
            <script type="application/ld+json">{"sameAs":["https://j.test/"]}</script>
            <noscript><a href="https://n.test/">n</a></noscript>"#,
        );
        let carriers: Vec<_> = found.iter().map(|(u, c)| format!("{c} {u}")).collect();
        for want in [
            "a@href https://x.test/1",
            "script@src http://s.test/a.js",
            "meta-refresh https://r.test/",
            "style@url() https://c.test/b.png",
            "img@srcset https://i.test/1.png",
            "img@srcset http://portal.test/local.png",
            "json-ld https://j.test/",
            "noscript>a@href https://n.test/",
        ] {
            assert!(carriers.iter().any(|c| c == want), "{want} in {carriers:?}");
        }
    }

    #[test]
    fn verification_metas_are_listed_with_name_and_token() {
        let base = url::Url::parse("http://portal.test/").unwrap();
        let html = r#"<meta name="Google-Site-Verification" content=" abc&#95;1 ">
            <meta name="msvalidate.01" content="B1"><meta property="p:domain_verify" content="P1">
            <meta name="coccoc-site-verification" content="C1"><meta name="description" content="x">
            <meta name="msvalidate.01" content="B1">"#;
        let (_, tokens) = extract_all(html.as_bytes(), &base, None);
        let got: Vec<String> = tokens
            .iter()
            .map(|t| format!("{} {}", t.name, t.token))
            .collect();
        assert_eq!(
            got,
            [
                "google-site-verification abc_1",
                "msvalidate.01 B1",
                "p:domain_verify P1",
                "coccoc-site-verification C1"
            ]
        );
    }

    #[test]
    fn links_keep_their_text_and_base_moves_them() {
        let base = url::Url::parse("http://portal.test/").unwrap();
        let html = r#"<base href="https://other.test/d/"><a href="p" title="T">nhà <b>cái</b></a>"#;
        let found = extract(html.as_bytes(), &base, None);
        let a = found.iter().find(|f| f.carrier == "a@href").unwrap();
        assert_eq!(a.url.as_str(), "https://other.test/d/p");
        assert!(a.text.contains("nhà") && a.text.contains("cái") && a.text.contains('T'));
    }
}

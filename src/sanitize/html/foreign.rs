//! Stage 6 (parser differentials in foreign content, rule `foreign.unsafe`): a `<style>` or
//! raw-text element (`noscript`, `noembed`, `noframes`, `xmp`, `textarea`, an `iframe`'s
//! fallback) inside SVG or MathML.
//!
//! Whether such an element's content is text or markup depends on the namespace the
//! parser has reached, and lol_html only simulates the tree builder: it leaves one
//! namespace level on a breakout tag (`<svg><svg></p><style>`: still SVG to lol_html, HTML
//! to the browser, which pops every foreign level), and it reads an `<mglyph>` inside a
//! MathML text integration point as HTML (`<math><mtext><mglyph><style>`: raw text to
//! lol_html, MathML markup to the browser). Where they disagree, what one side takes as
//! an attribute value, a comment or style text (`<a title="</style><img onerror=…>">`) is
//! an element with a handler or a foreign URL on the other side, which the element
//! handlers never saw. Since an enforced `<style>` is kept in place (see `text`), such a
//! payload would go out as written.
//!
//! Rule: inside `<svg>`/`<math>` (by their start and end tags, whatever namespace lol_html
//! gives the element), or for an element that lol_html itself puts in a foreign
//! namespace, the element's content is held with its start tag. If it holds markup that a
//! browser parses as an element (`<` followed by a letter, also inside a comment or an
//! attribute value), the element is removed whole, with what lol_html parsed inside it;
//! no element inside it starts a capture of its own (see [`nested`]). A plain CSS style in
//! an SVG logo, and MathML formulas, have none and come through byte for byte.
//!
//! Attribute values (mutation XSS): inside `<svg>`/`<math>` an attribute value that holds
//! markup (`title="--&gt;&lt;/mglyph&gt;&lt;img src=1 onerror=…&gt;"`) is text to lol_html
//! and to a browser's first parse, but once a script re-serializes the subtree (an
//! `innerHTML` round trip, a client-side sanitizer) the re-parse may read it in the other
//! namespace, where a comment or raw-text element opened before it ends inside the value,
//! and the markup becomes elements. Such a value goes ([`attributes`]) when its markup
//! carries an `on*` handler, a `javascript:` URL or a URL to a host that is not allowed.
//!
//! The same re-parse happens in HTML, wherever the tokenizer's state is the one thing a
//! parse and its re-parse disagree on: a `<noscript>` read as markup (scripting off: a
//! `DOMParser`, a sanitizer's document) and re-serialized into a page that reads it as
//! text, a subtree re-serialized into a `<style>`, `<title>`, `<textarea>`, `<xmp>`,
//! `<noembed>` or `<iframe>`, a comment, or a `<select>`/`<template>`/`<table>` whose
//! tree-building decides whether such an element opens at all. Tree building alone never
//! turns an attribute value into markup; the end of a raw-text context inside the value
//! does (`title="</noscript><img src=x onerror=…>"`). So an HTML attribute value goes when
//! such an end ([`CLOSERS`]) is followed by markup with a handler, a `javascript:` URL or a
//! URL to a host that is not allowed. (Browsers since 2025 escape `<` and `>` in
//! serialized attribute values; older ones, still common in WebViews, do not, and a
//! crawler reads the URL in the value either way.)
//!
//! Security note: inside a `<svg>` or `<math>` left open by a breakout the state counts it
//! as open until its end tag: this over-approximates, so it only ever removes more.

use std::sync::{Arc, Mutex};

use lol_html::html_content::EndTag;
use lol_html::send::Element;

use crate::audit::Action;
use crate::sanitize::policy::{Carrier, UrlVerdict};

use super::entities;
use super::state::{State, Which};

/// The rule id.
pub(crate) const RULE: &str = "foreign.unsafe";

const HTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// Counts an `<svg>` or `<math>` start tag until its end tag.
pub(crate) fn enter(shared: &Arc<Mutex<State>>, st: &mut State, el: &mut Element<'_, '_>) {
    if st.xml.is_some() || !matches!(el.tag_name().as_str(), "svg" | "math") {
        return;
    }
    let shared = Arc::clone(shared);
    let ok = el.on_end_tag(Box::new(move |_: &mut EndTag<'_>| {
        let mut st = shared.lock().map_err(|_| "sanitizer state poisoned")?;
        st.foreign_depth = st.foreign_depth.saturating_sub(1);
        Ok(())
    }));
    if ok.is_ok() {
        st.foreign_depth += 1;
    }
}

/// Whether a raw-text element starting here may be read differently by the browser.
pub(crate) fn context(st: &State, el: &Element<'_, '_>) -> bool {
    st.xml.is_none() && (st.foreign_depth > 0 || el.namespace_uri() != HTML_NS)
}

/// Whether an element starting here lies inside a held foreign raw-text element: it must
/// not start a capture of its own (which would release the outer one's hold); the outer
/// element goes whole with it.
pub(crate) fn nested(st: &State) -> bool {
    st.capture.as_ref().is_some_and(|c| c.foreign.is_some())
}

/// Whether `content` (the element's content as written) holds markup that a browser
/// parses as an element: `<` followed by an ASCII letter.
pub(crate) fn has_markup(content: &[u8]) -> bool {
    content
        .windows(2)
        .any(|w| w[0] == b'<' && w[1].is_ascii_alphabetic())
}

/// Removes each attribute whose value holds markup that would run a handler or load a
/// foreign or `javascript:` URL once re-parsed: inside SVG/MathML any such markup, in HTML
/// such markup after the end of a raw-text context ([`breakout`], see the module notes).
pub(crate) fn attributes(st: &mut State, el: &mut Element<'_, '_>) {
    let foreign = context(st, el);
    let suspect: Vec<(String, String)> = el
        .attributes()
        .iter()
        .filter(|a| a.value().contains(['<', '&']))
        .map(|a| (a.name(), entities::decode(&a.value()).into_owned()))
        .filter(|(_, v)| has_markup(v.as_bytes()))
        .collect();
    for (name, value) in suspect {
        let at = match foreign {
            true => Some(0),
            false => breakout(&value),
        };
        let Some(why) = at.and_then(|at| unsafe_markup(st, &value[at..])) else {
            continue;
        };
        let place = match foreign {
            true => "inside SVG/MathML",
            false => "after the end of a raw-text context",
        };
        let detail = Some(format!(
            "`{name}` holds markup {place} with {why}, which a re-parse may run"
        ));
        if st.found_detail(RULE, Action::Removed, None, detail) {
            el.remove_attribute(&name);
        }
    }
}

/// What ends a raw-text or RCDATA element, a comment or a CDATA section, where the
/// tokenizer goes back to reading markup.
const CLOSERS: &[&str] = &[
    "</style",
    "</script",
    "</xmp",
    "</iframe",
    "</noembed",
    "</noframes",
    "</noscript",
    "</textarea",
    "</title",
    "-->",
    "--!>",
    "]]>",
];

/// Where markup that can break out of a raw-text context begins in an HTML attribute
/// value: after the first end of such a context (see [`CLOSERS`]).
fn breakout(value: &str) -> Option<usize> {
    let lower = value.to_ascii_lowercase();
    CLOSERS
        .iter()
        .filter_map(|c| lower.find(c).map(|i| i + c.len()))
        .min()
}

/// What makes markup held in an attribute value dangerous: an `on*` handler, a
/// `javascript:` URL, or a URL to a host that is not allowed.
fn unsafe_markup(st: &mut State, value: &str) -> Option<&'static str> {
    let start = value
        .as_bytes()
        .windows(2)
        .position(|w| w[0] == b'<' && w[1].is_ascii_alphabetic())?;
    let markup = value[start..].to_ascii_lowercase();
    if has_handler(&markup) {
        return Some("an event handler");
    }
    let squeezed: String = markup
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    if squeezed.contains("javascript:") || squeezed.contains("vbscript:") {
        return Some("a script URL");
    }
    let tokens = markup.split(|c: char| {
        c.is_ascii_whitespace() || matches!(c, '"' | '\'' | '`' | '=' | '<' | '>' | '(' | ')')
    });
    for token in tokens {
        let url_like =
            token.starts_with("http:") || token.starts_with("https:") || token.starts_with("//");
        if url_like
            && matches!(
                st.judge(token, Which::Hosts, Carrier::Active),
                UrlVerdict::Foreign(_) | UrlVerdict::Script(_)
            )
        {
            return Some("a foreign URL");
        }
    }
    None
}

/// Whether lower-cased markup holds an `on…=` attribute (after a space, `/`, or a quote).
fn has_handler(markup: &str) -> bool {
    let b = markup.as_bytes();
    (1..b.len()).any(|i| {
        let after_sep = matches!(
            b[i - 1],
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'"' | b'\''
        );
        if !after_sep || !b[i..].starts_with(b"on") {
            return false;
        }
        let name_end = b[i + 2..]
            .iter()
            .position(|c| !c.is_ascii_alphabetic())
            .map_or(b.len(), |n| i + 2 + n);
        name_end > i + 2
            && b[name_end..]
                .iter()
                .find(|c| !c.is_ascii_whitespace())
                .is_some_and(|c| *c == b'=')
    })
}

/// Judges a held foreign raw-text element's content; reports it and returns whether it
/// must go (enforce mode).
pub(crate) fn judge(st: &mut State, tag: &str, content: &[u8]) -> Option<bool> {
    if !has_markup(content) {
        return None;
    }
    let detail = Some(format!(
        "<{tag}> inside SVG/MathML holds markup that a browser may parse as elements"
    ));
    Some(st.found_detail(RULE, Action::Removed, None, detail))
}

#[cfg(test)]
mod tests {
    use super::{breakout, has_handler, has_markup};

    #[test]
    fn a_breakout_is_the_first_end_of_a_raw_text_context() {
        assert_eq!(breakout("a</STYLE><img>"), Some(8));
        assert_eq!(breakout("x--><b>"), Some(4));
        assert_eq!(breakout("</noscript> and </title>"), Some(10));
        for s in ["<b>đậm</b>", "a < b", "<!-- c", "</p><img>"] {
            assert_eq!(breakout(s), None, "{s}");
        }
    }

    #[test]
    fn handlers_are_on_names_before_an_equals_sign() {
        for s in [
            "<img src=1 onerror=x>",
            "<svg/onload = x>",
            "<a\tonclick=\"x\">",
            "<b title=\"\"onfocus=x>",
        ] {
            assert!(has_handler(s), "{s}");
        }
        for s in [
            "<b>one</b>",
            "<a href=/on=x>",
            "<i class=online>",
            "<img alt=\"on the go\">",
            "<p on>",
        ] {
            assert!(!has_handler(s), "{s}");
        }
    }

    #[test]
    fn markup_is_a_less_than_before_a_letter() {
        for s in [
            "<img src=x onerror=alert(1)>",
            "a{}</style><p>",
            "<!--<a href=//x.test>-->",
            "p{x:\"<b\"}",
        ] {
            assert!(has_markup(s.as_bytes()), "{s}");
        }
        for s in [".a{fill:#f00}", "a < b", "<!-- c -->", "x<1", ""] {
            assert!(!has_markup(s.as_bytes()), "{s}");
        }
    }
}

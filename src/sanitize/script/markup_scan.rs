//! The code inside markup text (stage 6, script classifier; used by
//! [`super::markup_code`]): a small tokenizer that finds, in markup a script builds, the
//! `<script>` elements' text, every `on…` attribute, `javascript:` URLs in URL attributes,
//! `srcdoc` documents and the URL attributes themselves, their values decoded as the HTML
//! parser decodes them (character references). It reads tags as the HTML tokenizer does
//! where that matters to an attacker: any case, `/` between attributes (`<svg/onload=…>`),
//! unquoted values running to a space or `>`, comments skipped. The text of a raw-text
//! element other than `<script>` (`<textarea>`, `<style>`) is read as markup too: that
//! over-approximates, which is the safe side.

use std::borrow::Cow;

use crate::sanitize::html::entities;

/// What a piece of markup holds that runs or loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Found<'t> {
    /// The text of an inline `<script>` (no `src`).
    Script(&'t str),
    /// An `on…` attribute's code.
    Handler(String),
    /// The code of a `javascript:` URL (after the scheme).
    JsUrl(String),
    /// An iframe's `srcdoc` document.
    Srcdoc(String),
    /// A URL attribute's value.
    Url(String),
}

/// Attributes whose value the browser loads or navigates to.
const URL_ATTRS: &[&str] = &[
    "src",
    "href",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "xlink:href",
    "codebase",
];

/// Everything [`Found`] in `text`, in order.
pub(super) fn scan(text: &str) -> Vec<Found<'_>> {
    let lower = text.to_ascii_lowercase();
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = text[i..].find('<').map(|p| i + p) {
        i = p + 1;
        if lower[p..].starts_with("<!--") {
            i = lower[p..].find("-->").map_or(text.len(), |e| p + e + 3);
            continue;
        }
        let name_end = b[i..]
            .iter()
            .position(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
            .map_or(text.len(), |e| i + e);
        if name_end == i || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let tag = &lower[i..name_end];
        let (attrs, end) = attributes(text, name_end);
        let mut has_src = false;
        for (name, value) in attrs {
            has_src |= name == "src";
            if let Some(f) = judged_attribute(&name, value) {
                out.push(f);
            }
        }
        i = end;
        if tag == "script" {
            let close = lower[end..]
                .find("</script")
                .map_or(text.len(), |e| end + e);
            if !has_src {
                out.push(Found::Script(&text[end..close]));
            }
            i = close;
        }
    }
    out
}

/// What an attribute holds, if it runs or loads.
fn judged_attribute(name: &str, raw: &str) -> Option<Found<'static>> {
    let value: Cow<'_, str> = entities::decode(raw);
    if name.starts_with("on") && name.len() > 2 {
        return Some(Found::Handler(value.into_owned()));
    }
    if name == "srcdoc" {
        return Some(Found::Srcdoc(value.into_owned()));
    }
    if !URL_ATTRS.contains(&name) {
        return None;
    }
    let trimmed: String = super::same_site::browser_trim(&value);
    match trimmed.get(..11) {
        Some(s) if s.eq_ignore_ascii_case("javascript:") => {
            Some(Found::JsUrl(percent_decoded(&trimmed[11..])))
        }
        _ => Some(Found::Url(trimmed)),
    }
}

/// The attributes of the tag whose name ends at `from` (names lower-cased, values as
/// written), and where the tag ends.
fn attributes(text: &str, from: usize) -> (Vec<(String, &str)>, usize) {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = from;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return (out, b.len());
        }
        if b[i] == b'>' {
            return (out, i + 1);
        }
        let start = i;
        // The first character of a name may be `=`; then anything but these.
        i += 1;
        while i < b.len() && !(b[i].is_ascii_whitespace() || matches!(b[i], b'/' | b'>' | b'=')) {
            i += 1;
        }
        let name = text[start..i].to_ascii_lowercase();
        let mut k = i;
        while k < b.len() && b[k].is_ascii_whitespace() {
            k += 1;
        }
        if b.get(k) != Some(&b'=') {
            out.push((name, ""));
            continue;
        }
        k += 1;
        while k < b.len() && b[k].is_ascii_whitespace() {
            k += 1;
        }
        let (value, next) = match b.get(k) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = text[k + 1..].find(q as char).map_or(b.len(), |e| k + 1 + e);
                (&text[k + 1..end], (end + 1).min(b.len()))
            }
            _ => {
                let end = b[k..]
                    .iter()
                    .position(|c| c.is_ascii_whitespace() || *c == b'>')
                    .map_or(b.len(), |e| k + e);
                (&text[k..end], end)
            }
        };
        out.push((name, value));
        i = next;
    }
}

/// `%xx` escapes decoded, as a browser does for a `javascript:` URL's code.
fn percent_decoded(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(s).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::{Found, scan};

    #[test]
    fn scripts_handlers_and_urls_are_found() {
        let text = "<p>x</p><IMG SRC=x OnError=\"location=&quot;//b.test&quot;\">\
                    <svg/onload=go()><script>var a=1</script><script src=/a.js></script>\
                    <a href=' jav&#x61;script:top.location=%22/x%22'>k</a><!-- <b onclick=x> -->\
                    <iframe srcdoc=\"&lt;script&gt;1&lt;/script&gt;\"></iframe>";
        let found = scan(text);
        assert_eq!(
            found,
            [
                Found::Url("x".into()),
                Found::Handler("location=\"//b.test\"".into()),
                Found::Handler("go()".into()),
                Found::Script("var a=1"),
                Found::Url("/a.js".into()),
                Found::JsUrl("top.location=\"/x\"".into()),
                Found::Srcdoc("<script>1</script>".into()),
            ]
        );
    }

    #[test]
    fn plain_text_and_lone_brackets_hold_nothing() {
        assert!(scan("a < b and c<d").is_empty());
        assert!(scan("<b>bold</b> <i class=x>it</i>").is_empty());
    }
}

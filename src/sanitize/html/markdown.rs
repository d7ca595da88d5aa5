//! Stage 6 (Markdown bodies, `text/markdown`): a Markdown file is a page to whatever
//! renders it (a portal's document viewer, a Git forge, a crawler that renders Markdown):
//! its inline HTML is HTML and its links are links. The body goes through the HTML
//! rewriter (every element rule applies to the inline HTML; plain text is left byte for
//! byte), and here the Markdown link syntaxes are judged in the text:
//!
//! - inline links and images `[text](dest)`, `![alt](<dest> "title")`;
//! - reference definitions `[ref]: dest`;
//! - bare URLs and `www.` hosts, which GFM renderers turn into links;
//! - autolinks `<https://host/>`, which lol_html reads as a start tag (see [`autolink`]).
//!
//! A foreign destination is replaced with `#` (`markdown.foreign`); the text stays.
//!
//! Security notes:
//! - Text is judged a line at a time (see `doc_text`), so a link split across input
//!   chunks is still seen whole.
//! - A destination is judged after the Markdown backslash escapes are undone and entities
//!   decoded (CommonMark decodes both in destinations).

use std::sync::LazyLock;

use lol_html::send::Element;
use regex::{Captures, Regex};

use crate::audit::Action;
use crate::sanitize::policy::{Carrier, UrlVerdict};

use super::attrs::Source;
use super::state::{State, Which};

/// The rule id of a replaced destination.
pub(crate) const RULE: &str = "markdown.foreign";

static LINKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?imx)
        (?P<pre>\]\s*\(\s*<?) (?P<inline>[^\s)>]+)
      | (?P<def>^\x20{0,3}\[[^\]\n]+\]:[\x20\t]*<?) (?P<dest>[^\s>]+)
      | (?P<bare>(?:[a-z][a-z0-9+.\-]*:)?//[^\s<>()\[\]"'`]+ | \bwww\.[^\s<>()\[\]"'`]+)
        "#,
    )
    .expect("valid regex")
});

/// `text` with every foreign link destination replaced by `#`.
pub(crate) fn rewrite(st: &mut State, text: &str) -> String {
    if !text.contains(['(', ':', '.']) {
        return text.to_string();
    }
    LINKS
        .replace_all(text, |c: &Captures<'_>| {
            let (keep, url) = match (c.name("pre"), c.name("inline"), c.name("def")) {
                (Some(p), Some(u), _) => (p.as_str(), u.as_str()),
                (_, _, Some(d)) => (d.as_str(), c.name("dest").map_or("", |m| m.as_str())),
                _ => ("", c.name("bare").map_or("", |m| m.as_str())),
            };
            let removed = foreign(st, url)
                .is_some_and(|target| st.found(RULE, Action::Removed, Some(target)));
            match removed {
                true => format!("{keep}#"),
                false => c[0].to_string(),
            }
        })
        .into_owned()
}

/// The audit target when `raw` (a destination as written) leads off the site.
fn foreign(st: &mut State, raw: &str) -> Option<String> {
    let mut url = unescape(raw);
    if url.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www.")) {
        url.insert_str(0, "http://");
    }
    match st.judge(&url, Which::Hosts, Carrier::Active) {
        UrlVerdict::Foreign(t) => Some(t),
        UrlVerdict::Script(_) => Some(crate::sanitize::policy::short(&url)),
        UrlVerdict::Allowed => None,
    }
}

/// Undoes CommonMark's backslash escapes (a backslash before ASCII punctuation).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(n)) if n.is_ascii_punctuation() => {}
            _ => out.push(c),
        }
    }
    out
}

/// An autolink (`<https://host/path>`, `<user@host>`) that lol_html read as a start tag
/// named `https:`: judged on the tag's bytes and removed (the tag only: it never closes)
/// when foreign or when its bytes are not at hand (fail closed). Returns whether it was
/// an autolink.
pub(crate) fn autolink(st: &mut State, el: &mut Element<'_, '_>, src: &Source, tag: &str) -> bool {
    if !tag.contains([':', '@', '.']) {
        return false;
    }
    // An e-mail autolink (`<user@host>`) leads nowhere a browser fetches.
    if tag.contains('@') && !tag.contains(':') {
        return true;
    }
    // Without the bytes (a tag split across input chunks): the name and the first
    // attribute name (`https:` and `//host/path` read as `host` after a `/`).
    let raw = src
        .tag_bytes()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .or_else(|| {
            let first = el.attributes().first().map(|a| a.name())?;
            Some(format!("{tag}//{first}"))
        });
    let url = raw
        .as_deref()
        .map(|r| r.trim_start_matches('<').trim_end_matches('>'));
    let target = match url {
        Some(u) if u.contains('@') && !u.contains("//") => None,
        Some(u) => foreign(st, u),
        None => Some(tag.to_string()),
    };
    if let Some(t) = target
        && st.found(RULE, Action::Removed, Some(t))
    {
        el.remove_and_keep_content();
    }
    true
}

//! Stage 6 (text that a renderer reads as markup): the text of two kinds of documents is
//! judged, outside the elements whose text is judged whole (`text`):
//!
//! - a Markdown body: its link syntaxes (see [`markdown`]);
//! - an XML document (RSS, Atom, any feed): HTML escaped into its text
//!   (`<description>&lt;a href=…&gt;</description>`, Atom `type="html"`), which feed
//!   readers decode and render. The decoded text is re-parsed by a nested rewriter
//!   (`rawtext::sanitize_fragment`, every rule) and, when changed, put back escaped
//!   (`feed.markup`). HTML in a CDATA section is read by lol_html as a bogus comment up to
//!   its first `>` and then as markup, so only that first tag needs [`cdata`]; when that
//!   tag opens a raw-text element (`<script>`), whose content would follow as plain text,
//!   the document is refused from there (`xml.unsafe`).
//!
//! Security notes:
//! - The chunks of a text node are held up to a safe cut (a line end for Markdown, the end
//!   of an escaped tag for a feed), at most [`MAX_HELD`] bytes, past which the text is cut
//!   at its last white space; everything held is handed back before the node ends, so the
//!   order of the output is kept and memory stays bounded.
//! - A fragment that cannot be re-parsed is removed (fail closed).

use lol_html::html_content::{Comment, ContentType, TextChunk};

use crate::audit::Action;

use super::state::State;
use super::{entities, markdown, rawtext};

/// The most text held while waiting for a safe cut.
pub(crate) const MAX_HELD: usize = 64 * 1024;

/// What the text of the document is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    Markdown,
    Feed,
}

/// The text of the current text node not yet judged.
#[derive(Debug)]
pub(crate) struct DocText {
    reading: Reading,
    held: String,
}

impl DocText {
    pub(crate) fn new(reading: Reading) -> Self {
        Self {
            reading,
            held: String::new(),
        }
    }
}

/// Handles one text chunk of the document.
pub(crate) fn on_text(st: &mut State, chunk: &mut TextChunk<'_>) {
    if chunk.removed() {
        return;
    }
    let last = chunk.last_in_text_node();
    let Some(dt) = st.doc_text.as_mut() else {
        return;
    };
    dt.held.push_str(chunk.as_str());
    let reading = dt.reading;
    let cut = if last {
        dt.held.len()
    } else {
        safe_cut(&dt.held, reading)
    };
    let ready: String = dt.held.drain(..cut).collect();
    let judged = match reading {
        Reading::Markdown => markdown::rewrite(st, &ready),
        Reading::Feed => feed(st, &ready),
    };
    chunk.replace(&judged, ContentType::Html);
}

/// Where the held text can be cut (0: hold it all).
fn safe_cut(held: &str, reading: Reading) -> usize {
    let found = match reading {
        Reading::Markdown => held.rfind('\n').map(|i| i + 1),
        Reading::Feed => {
            let a = held.rfind("&gt;").map(|i| i + 4);
            let b = held.rfind('>').map(|i| i + 1);
            a.max(b)
        }
    };
    match found {
        Some(i) => i,
        None if held.len() > MAX_HELD => held
            .rfind(|c: char| c.is_whitespace())
            .map_or(held.len(), |i| i + 1),
        None => 0,
    }
}

/// Escaped HTML in a feed's text, re-parsed and put back escaped when changed.
fn feed(st: &mut State, raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    let decoded = entities::decode(raw);
    if !decoded.contains('<') {
        return raw.to_string();
    }
    match rawtext::sanitize_fragment(st, &decoded) {
        Ok((clean, changed)) if !changed && clean == *decoded => raw.to_string(),
        Ok((clean, _)) => {
            st.changed = true;
            let _ = st.found("feed.markup", Action::Removed, None);
            match st.enforce() {
                true => escape(&clean),
                false => raw.to_string(),
            }
        }
        Err(e) => {
            let detail = Some(e.to_string());
            match st.found_detail("feed.markup", Action::Removed, None, detail) {
                true => String::new(),
                false => raw.to_string(),
            }
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Elements whose content lol_html reads as text.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// A CDATA section in an XML document, which lol_html reads as a bogus comment up to its
/// first `>` (`<![CDATA[<a href="…"`): that first tag is judged, and replaced by its
/// sanitized form when it changes.
pub(crate) fn cdata(st: &mut State, c: &mut Comment<'_>) {
    if st.doc_text.is_none() {
        return;
    }
    let text = c.text();
    let Some(rest) = text.strip_prefix("[CDATA[") else {
        return;
    };
    if !rest.contains('<') {
        return;
    }
    // A raw-text element's content would follow as plain text, unjudged: fail closed.
    let name: String = rest
        .trim_start()
        .trim_start_matches('<')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if RAW_TEXT.contains(&name.as_str()) {
        let _ = super::xml::refuse(st, "a raw-text element opening a CDATA section");
        return;
    }
    let tag = format!("{rest}>");
    match rawtext::sanitize_fragment(st, &tag) {
        Ok((_, false)) => {}
        Ok((clean, true)) => {
            st.changed = true;
            if st.found("feed.markup", Action::Removed, None) {
                c.replace(&format!("<![CDATA[{clean}"), ContentType::Html);
            }
        }
        Err(e) => {
            if st.found_detail("feed.markup", Action::Removed, None, Some(e.to_string())) {
                c.replace("<![CDATA[", ContentType::Html);
            }
        }
    }
}

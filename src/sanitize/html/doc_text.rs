//! Stage 6 (text that a renderer reads as markup): the text of two kinds of documents is
//! judged, outside the elements whose text is judged whole (`text`):
//!
//! - a Markdown body: its link syntaxes (see [`markdown`]);
//! - an XML document (RSS, Atom, any feed): HTML escaped into its text
//!   (`<description>&lt;a href=…&gt;</description>`, Atom `type="html"`), which feed
//!   readers decode and render. Each text node is decoded as it streams and judged by one
//!   nested rewriter (see [`super::fragment`], every rule); from the first change on it is
//!   put back escaped (`feed.markup`). HTML in a CDATA section is read by lol_html as a bogus comment up to
//!   its first `>` and then as markup, so only that first tag needs [`cdata`]; when that
//!   tag opens a raw-text element (`<script>`), whose content would follow as plain text,
//!   the document is refused from there (`xml.unsafe`).
//!
//! Security notes:
//! - The chunks of a Markdown text node are held up to a line end, at most [`MAX_HELD`]
//!   bytes, past which the text is cut at its last white space; everything held is handed
//!   back before the node ends, so the order of the output is kept and memory stays
//!   bounded. A feed's text is held only as `fragment` bounds it.
//! - A fragment that cannot be re-parsed is removed (fail closed).

use lol_html::html_content::{Comment, ContentType, TextChunk};

use crate::audit::Action;

use super::escaped::Escaping;
use super::fragment::Fragment;
use super::state::State;
use super::{markdown, rawtext};

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
    /// Markdown not yet judged (up to a line end).
    held: String,
    /// The escaped HTML of the current feed text node.
    fragment: Option<Fragment>,
}

impl DocText {
    pub(crate) fn new(reading: Reading) -> Self {
        Self {
            reading,
            held: String::new(),
            fragment: None,
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
    let judged = match dt.reading {
        Reading::Markdown => {
            dt.held.push_str(chunk.as_str());
            let cut = if last {
                dt.held.len()
            } else {
                safe_cut(&dt.held)
            };
            let ready: String = dt.held.drain(..cut).collect();
            markdown::rewrite(st, &ready)
        }
        Reading::Feed => {
            let mut frag = dt
                .fragment
                .take()
                .unwrap_or_else(|| Fragment::new(Escaping::Xml, "feed.markup"));
            let mut out = frag.write(st, chunk.as_str());
            if last {
                out.push_str(&frag.finish(st));
            } else if let Some(dt) = st.doc_text.as_mut() {
                dt.fragment = Some(frag);
            }
            out
        }
    };
    if judged != chunk.as_str() {
        chunk.replace(&judged, ContentType::Html);
    }
}

/// Where held Markdown can be cut: after its last line end (0: hold it all).
fn safe_cut(held: &str) -> usize {
    match held.rfind('\n') {
        Some(i) => i + 1,
        None if held.len() > MAX_HELD => held
            .rfind(|c: char| c.is_whitespace())
            .map_or(held.len(), |i| i + 1),
        None => 0,
    }
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

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
//! Security note: inside a `<svg>` or `<math>` left open by a breakout the state counts it
//! as open until its end tag: this over-approximates, so it only ever removes more.

use std::sync::{Arc, Mutex};

use lol_html::html_content::EndTag;
use lol_html::send::Element;

use crate::audit::Action;

use super::state::State;

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
    use super::has_markup;

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

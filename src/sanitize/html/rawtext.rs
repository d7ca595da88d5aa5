//! Stage 6 (links in raw-text containers, and JSON-LD URLs): content that lol_html sees as text
//! but a crawler reads as markup or data: raw-text containers, `iframe[srcdoc]` and JSON-LD.
//!
//! Security notes:
//! - A raw-text container's text (and an `iframe srcdoc`) is re-parsed by a nested
//!   [`PageRewriter`] with the same policy, so every rule applies inside it too, the spam
//!   block and spot rules included (text without markup only when it has a betting word). Nesting is bounded by [`MAX_DEPTH`]; deeper
//!   markup is dropped (fail closed).
//! - JSON-LD is judged in [`super::json_ld`].

use super::state::State;
use super::{PageRewriter, RewriteError};

pub(crate) use super::json_ld::sanitize_json_ld;

/// How deep raw-text containers are re-parsed inside each other.
pub(crate) const MAX_DEPTH: u8 = 3;

/// Sanitizes a fragment with a nested rewriter. Returns the output and whether anything
/// was (or in report mode would have been) changed.
pub(crate) fn sanitize_fragment(
    st: &mut State,
    html: &str,
) -> Result<(String, bool), RewriteError> {
    // Text alone is read too when it has a betting word: a crawler without scripting
    // indexes a `<noscript>` of keywords, in `<head>` as in `<body>`.
    if !html.contains('<') && !has_terms(st, html) {
        return Ok((html.to_string(), false));
    }
    if st.depth >= MAX_DEPTH {
        return Err(RewriteError::Rewriter(
            "raw-text containers nested too deep".into(),
        ));
    }
    let (mut rw, events) = PageRewriter::nested(st, st.depth + 1)?;
    let mut out = rw.write(html.as_bytes())?.to_vec();
    let (last, changed) = rw.finish()?;
    out.extend_from_slice(&last);
    for ev in events.events() {
        match &mut st.block {
            Some(b) => b.pending.push(ev),
            None => st.audit.emit(ev),
        }
    }
    let text = String::from_utf8(out).map_err(|e| RewriteError::Rewriter(e.to_string()))?;
    Ok((text, changed))
}

/// Whether `text` (entity-encoded) holds a betting term or brand at all.
fn has_terms(st: &State, text: &str) -> bool {
    !st.policy()
        .lexicon
        .scan(&super::entities::decode(text))
        .words
        .is_empty()
}

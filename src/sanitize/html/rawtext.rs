//! Stage 6 (links in raw-text containers, and JSON-LD URLs): content that lol_html sees as text
//! but a crawler reads as markup or data: raw-text containers, `iframe[srcdoc]` and JSON-LD.
//!
//! Security notes:
//! - A raw-text container's text is re-parsed by a nested [`PageRewriter`] with the same
//!   policy, so every rule applies inside it too. Nesting is bounded by [`MAX_DEPTH`]; deeper
//!   markup is dropped (fail closed).
//! - Re-serialized JSON-LD escapes `<`, so that a decoded `<\/script>` cannot close the
//!   script element.

use crate::audit::Action;

use super::state::State;
use super::{PageRewriter, RewriteError};

/// How deep raw-text containers are re-parsed inside each other.
pub const MAX_DEPTH: u8 = 3;

/// Sanitizes a fragment with a nested rewriter. Returns the output and whether anything
/// was (or in report mode would have been) changed.
pub fn sanitize_fragment(st: &mut State, html: &str) -> Result<(String, bool), RewriteError> {
    if !html.contains('<') {
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

/// Drops foreign `url`/`sameAs` values from JSON-LD. Returns the text to emit and whether it
/// changed. Text that is not JSON is left alone: no consumer reads it as data.
pub fn sanitize_json_ld(st: &mut State, raw: &str) -> (String, bool) {
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(raw) else {
        return (raw.to_string(), false);
    };
    let mut found = Vec::new();
    walk(st, &mut value, &mut found);
    let mut apply = false;
    for target in found.iter() {
        apply = st.found("jsonld.foreign", Action::Removed, Some(target.clone()));
    }
    if !apply || found.is_empty() {
        return (raw.to_string(), !found.is_empty());
    }
    let text = serde_json::to_string(&value).unwrap_or_default();
    (text.replace('<', "\\u003c"), true)
}

fn walk(st: &mut State, v: &mut serde_json::Value, found: &mut Vec<String>) {
    match v {
        serde_json::Value::Array(items) => items.iter_mut().for_each(|i| walk(st, i, found)),
        serde_json::Value::Object(map) => {
            let mut drop_keys = Vec::new();
            for (k, val) in map.iter_mut() {
                if matches!(k.as_str(), "url" | "sameAs" | "@id" | "mainEntityOfPage") {
                    if prune(st, val, found) {
                        drop_keys.push(k.clone());
                    }
                } else {
                    walk(st, val, found);
                }
            }
            drop_keys.iter().for_each(|k| drop(map.remove(k)));
        }
        _ => {}
    }
}

/// Removes foreign strings from a URL value; returns whether the whole value must go.
fn prune(st: &mut State, v: &mut serde_json::Value, found: &mut Vec<String>) -> bool {
    match v {
        serde_json::Value::String(s) => match foreign(st, s) {
            Some(t) => {
                found.push(t);
                true
            }
            None => false,
        },
        serde_json::Value::Array(items) => {
            items.retain_mut(|i| !prune(st, i, found));
            false
        }
        other => {
            walk(st, other, found);
            false
        }
    }
}

fn foreign(st: &State, s: &str) -> Option<String> {
    use crate::sanitize::policy::{Carrier, UrlVerdict, judge_url};
    match judge_url(s, &st.base, &st.policy().hosts, Carrier::Active) {
        UrlVerdict::Allowed => None,
        UrlVerdict::Foreign(t) => Some(t),
        UrlVerdict::Script(_) => Some(crate::sanitize::policy::short(s)),
    }
}

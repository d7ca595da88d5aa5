//! Stage 5 (JSON Feeds): which JSON bodies are feeds that a reader renders (see
//! `html::json_feed` for how one is judged). `application/feed+json` is one by its type;
//! a body under a generic JSON type (`application/json`, `+json`) is one when its
//! top-level object declares `"version": "https://jsonfeed.org/version/…"`, as readers
//! accept it. Nothing else is: a JSON API answer is not rendered as a page, and blanking
//! its fields would break the portal's own scripts, so it passes byte for byte.
//!
//! Security notes:
//! - The look holds the start of the body until a top-level `version` naming jsonfeed.org
//!   is read ([`Look::Feed`]), the top-level object ends or the body is not an object
//!   ([`Look::Plain`]), or [`WINDOW`] bytes are held. A `version` that names anything else
//!   does not decide: JSON readers keep the last of duplicate members.
//! - Still undecided at the window ([`Look::Undecided`]; a feed generator that sorts its
//!   keys writes `version` after `items`), the body streams on byte for byte while a shadow
//!   judgement reads it as a feed, and a late feed `version` is watched for at the top
//!   level (see `html::json_feed`). Declared after content the shadow would have changed,
//!   the response is cut before the declaration completes (`jsonfeed.late`), so the reader
//!   gets no parsable feed; declared after benign content, the rest is judged as a feed.
//! - Keys and values are read with every JSON escape decoded (`\u0076ersion`, `\u002f`).

use std::borrow::Cow;

/// Marks a response (in its extensions) whose body is, or may turn out to be, a JSON Feed:
/// stage 5 sanitizes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonFeedBody {
    /// A JSON Feed by its type or its top-level `version`.
    Feed,
    /// A large top-level object that has not said what it is within the window.
    Undecided,
}

/// What the look says about the start of a JSON body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    Feed,
    Plain,
    Undecided,
}

/// The most of a JSON body held while looking for its `version`.
pub const WINDOW: usize = 16 * 1024;

/// The JSON Feed type.
pub fn is_feed_type(essence: &str) -> bool {
    essence == "application/feed+json"
}

/// Generic JSON types whose bodies are looked at for a feed `version`.
pub fn is_json_type(essence: &str) -> bool {
    matches!(
        essence,
        "application/json" | "text/json" | "application/x-json" | "text/x-json"
    ) || essence.ends_with("+json")
}

/// Whether a (decoded, JSON-unescaped) top-level `version` value declares a JSON Feed.
pub fn is_feed_version(value: &str) -> bool {
    value.to_ascii_lowercase().contains("jsonfeed.org/version")
}

/// Whether `start` is the beginning of a UTF-8 byte-order mark cut short.
pub fn bom_cut(start: &[u8]) -> bool {
    !start.is_empty() && start.len() < 3 && b"\xef\xbb\xbf".starts_with(start)
}

/// What the decoded start of a body is: `None` while more is needed.
pub fn verdict(bytes: &[u8], complete: bool) -> Option<Look> {
    if bom_cut(bytes) && !complete {
        return None;
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let Some(start) = body.iter().position(|b| !b.is_ascii_whitespace()) else {
        return undecided(bytes.len(), complete);
    };
    if body[start] != b'{' {
        return Some(Look::Plain);
    }
    let mut depth = 0usize;
    let mut want_key = true;
    let mut key: Option<String> = None;
    let mut i = start;
    while i < body.len() {
        match body[i] {
            b'"' => {
                let Some((text, end)) = string_at(body, i) else {
                    return undecided(bytes.len(), complete);
                };
                if depth == 1 && want_key {
                    key = Some(text.into_owned());
                    want_key = false;
                } else if depth == 1 && key.as_deref() == Some("version") && is_feed_version(&text)
                {
                    return Some(Look::Feed);
                }
                i = end;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(Look::Plain);
                }
            }
            b',' if depth == 1 => want_key = true,
            _ => {}
        }
        i += 1;
    }
    undecided(bytes.len(), complete)
}

fn undecided(held: usize, complete: bool) -> Option<Look> {
    match (complete, held >= WINDOW) {
        (true, _) => Some(Look::Plain),
        (false, true) => Some(Look::Undecided),
        (false, false) => None,
    }
}

/// The string starting at `body[at]` (a quote), its escapes decoded, and the index of its
/// closing quote; `None` when it is not complete yet.
fn string_at(body: &[u8], at: usize) -> Option<(Cow<'_, str>, usize)> {
    let mut i = at + 1;
    while i < body.len() {
        match body[i] {
            b'"' => {
                let raw = &body[at..=i];
                let text = serde_json::from_slice::<String>(raw)
                    .map(Cow::Owned)
                    .unwrap_or_else(|_| String::from_utf8_lossy(&raw[1..raw.len() - 1]));
                return Some((text, i));
            }
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{Look, verdict};

    #[test]
    fn a_feed_is_told_by_its_top_level_version() {
        let feed = br#"{"title":"x","version":"https:\/\/jsonfeed.org\/version\/1.1","items":[]}"#;
        assert_eq!(verdict(feed, false), Some(Look::Feed));
        let escaped = br#"{"\u0076ersion":"https:\u002f\u002fJSONFEED.org\/version\/1","items":["#;
        assert_eq!(verdict(escaped, false), Some(Look::Feed));
        let nested = br#"{"a":{"version":"https://jsonfeed.org/version/1"}}"#;
        assert_eq!(verdict(nested, false), Some(Look::Plain));
        let other = br#"{"version":"2.0","items":[]}"#;
        assert_eq!(verdict(other, false), Some(Look::Plain));
        // A later duplicate `version` may still declare a feed.
        let dup = br#"{"version":"2.0","items":["#;
        assert_eq!(verdict(dup, false), None);
        let dup = br#"{"version":1.2,"version":"https://jsonfeed.org/version/1""#;
        assert_eq!(verdict(dup, false), Some(Look::Feed));
        assert_eq!(verdict(b"[1,2]", false), Some(Look::Plain));
        assert_eq!(verdict(b"\xef\xbb", false), None);
        assert_eq!(verdict(b"\xef\xbb", true), Some(Look::Plain));
        assert_eq!(verdict(br#"{"items":[{"url":"#, false), None);
        assert_eq!(verdict(br#"{"items":[{"url":"#, true), Some(Look::Plain));
        let long = format!("{{\"data\":\"{}\"", "x".repeat(super::WINDOW));
        assert_eq!(verdict(long.as_bytes(), false), Some(Look::Undecided));
    }
}

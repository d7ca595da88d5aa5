//! Stage 6 (JSON-LD URLs and text): drops foreign URLs from `<script
//! type="application/ld+json">` data, which search engines read as links (`sameAs`,
//! `potentialAction.target`, logos…), and text values that are betting spam (`headline`,
//! `articleBody`, `keywords`: indexed as the page's text; `spam.keyword`).
//! It touches only the JSON text it is given and the audit events of the page.
//!
//! Security notes:
//! - Every string at any depth is judged when it looks like a URL (absolute `http(s)`,
//!   scheme-relative `//host`) or sits under a URL-valued key, so a planted link cannot hide
//!   in an `EntryPoint`, an `@graph`, a nested object or an array. serde_json has already
//!   decoded `\/` and `\u002e`, so the decoded string is what is judged.
//! - URL templates (`…?q={search_term_string}`) are judged by their host like any URL.
//! - `@context`/`@type`/`@vocab` and schema.org vocabulary IRIs (`actionPlatform`,
//!   `availability`) name terms, not link targets, and stay.
//! - Re-serialized JSON-LD escapes `<`, so that a decoded `<\/script>` cannot close the
//!   script element. Unchanged JSON-LD is emitted as the original bytes.

use serde_json::Value;

use crate::audit::Action;
use crate::sanitize::policy::{Carrier, UrlVerdict, judge_url, short};

use super::state::State;

/// Keys whose string values are link targets whatever they look like.
const URL_KEYS: &[&str] = &[
    "url",
    "sameAs",
    "@id",
    "target",
    "urlTemplate",
    "image",
    "logo",
    "contentUrl",
    "embedUrl",
    "thumbnailUrl",
    "mainEntityOfPage",
    "relatedLink",
    "significantLink",
    "license",
    "installUrl",
    "downloadUrl",
    "discussionUrl",
    "actionPlatform",
    "archivedAt",
    "hasMap",
    "codeRepository",
    "isBasedOn",
    "citation",
    "acquireLicensePage",
    "photo",
];

/// Keys whose values name vocabulary, never a link target.
const TERM_KEYS: &[&str] = &["@context", "@type", "@vocab"];

/// Drops foreign URLs from JSON-LD. Returns the text to emit and whether it changed (or in
/// report mode would have). Text that is not JSON is left alone: no consumer reads it as data.
pub(crate) fn sanitize_json_ld(st: &mut State, raw: &str) -> (String, bool) {
    let Ok(mut value) = serde_json::from_str::<Value>(raw) else {
        return (raw.to_string(), false);
    };
    let mut found = Found::default();
    prune(st, &mut value, false, &mut found);
    let mut apply = false;
    for target in found.urls.iter() {
        apply = st.found("jsonld.foreign", Action::Removed, Some(target.clone()));
    }
    if !found.spam.is_empty() {
        let detail = Some(format!("JSON-LD text: {}", found.spam.join("; ")));
        apply = st.found_detail("spam.keyword", Action::Removed, None, detail);
    }
    let changed = !found.urls.is_empty() || !found.spam.is_empty();
    if !apply || !changed {
        return (raw.to_string(), changed);
    }
    let text = serde_json::to_string(&value).unwrap_or_default();
    (text.replace('<', "\\u003c"), true)
}

/// What [`prune`] removed: foreign URLs, and the words of spam text values.
#[derive(Default)]
struct Found {
    urls: Vec<String>,
    spam: Vec<String>,
}

/// Removes foreign URLs and spam text (`headline`, `articleBody`, `keywords`… that score as
/// spam without editorial context: search engines index them as the page's text) inside
/// `v`; returns whether `v` itself must go. `url_key` says whether `v` is the value of a
/// URL-valued key.
fn prune(st: &State, v: &mut Value, url_key: bool, found: &mut Found) -> bool {
    match v {
        Value::String(s) if is_link(s, url_key) => match foreign(st, s) {
            Some(t) => {
                found.urls.push(t);
                true
            }
            None => false,
        },
        Value::String(s) => match spam_text(st, s) {
            Some(words) => {
                found.spam.push(words);
                true
            }
            None => false,
        },
        Value::Array(items) => {
            items.retain_mut(|i| !prune(st, i, url_key, found));
            false
        }
        Value::Object(map) => {
            map.retain(|k, val| {
                let k = k.as_str();
                TERM_KEYS.contains(&k) || !prune(st, val, URL_KEYS.contains(&k), found)
            });
            false
        }
        _ => false,
    }
}

/// Every link target in a JSON-LD value (what [`sanitize_json_ld`] judges), for the oracle
/// that checks the sanitizer's output: the two must agree on what a link is.
pub(crate) fn link_targets(v: &Value, url_key: bool, out: &mut dyn FnMut(&str)) {
    match v {
        Value::String(s) if is_link(s, url_key) => out(s),
        Value::Array(items) => items.iter().for_each(|i| link_targets(i, url_key, out)),
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| !TERM_KEYS.contains(&k.as_str()))
            .for_each(|(k, v)| link_targets(v, URL_KEYS.contains(&k.as_str()), out)),
        _ => {}
    }
}

/// A string that is a link target: under a URL-valued key or shaped like a URL, and not a
/// schema.org vocabulary IRI.
fn is_link(s: &str, url_key: bool) -> bool {
    (url_key || looks_like_url(s)) && !is_vocabulary(s)
}

/// Absolute `http(s)` and scheme-relative references, as a browser or crawler would read
/// them (case, surrounding blanks and backslashes do not matter).
fn looks_like_url(s: &str) -> bool {
    let t = s.trim().replace('\\', "/").to_ascii_lowercase();
    t.starts_with("//") || t.starts_with("http:") || t.starts_with("https:")
}

fn spam_text(st: &State, s: &str) -> Option<String> {
    let lexicon = &st.policy().lexicon;
    let hits = lexicon.scan(s);
    (hits.is_spam() && !lexicon.profile(s).is_editorial()).then(|| hits.words.join(", "))
}

fn foreign(st: &State, s: &str) -> Option<String> {
    match judge_url(s, &st.base, &st.policy().hosts, Carrier::Active) {
        UrlVerdict::Allowed => None,
        UrlVerdict::Foreign(t) => Some(t),
        UrlVerdict::Script(_) => Some(short(s)),
    }
}

/// schema.org IRIs name types and enumeration members (`https://schema.org/InStock`).
fn is_vocabulary(s: &str) -> bool {
    url::Url::parse(s.trim()).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https")
            && matches!(u.host_str(), Some("schema.org" | "www.schema.org"))
    })
}

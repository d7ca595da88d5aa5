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
//! - JSON-LD that does not parse is read leniently (see [`json_ld_strings`]) and goes whole
//!   when a string of it must go; terms spread one per item are judged together; a URL
//!   written inside a text value is judged like a link.
//! - Re-serialized JSON-LD escapes `<`, so that a decoded `<\/script>` cannot close the
//!   script element. Unchanged JSON-LD is emitted as the original bytes.

use serde_json::Value;

use crate::audit::Action;
use crate::sanitize::policy::{Carrier, UrlVerdict, judge_url, short};

use super::json_ld_strings;
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
        return lenient(st, raw);
    };
    let mut found = Found::default();
    prune(st, &mut value, false, &mut found);
    if found.urls.is_empty() && found.spam.is_empty() {
        spread(st, &mut value, &mut found);
    }
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

/// JSON-LD that does not parse: its strings are read as a lenient consumer reads them
/// (see [`json_ld_strings`]); when one is a foreign link or spam, the block goes whole
/// (it cannot be re-serialized).
fn lenient(st: &mut State, raw: &str) -> (String, bool) {
    let mut found = Found::default();
    let items = json_ld_strings::values(raw);
    for item in &items {
        match judge_string(st, &item.value, URL_KEYS.contains(&item.key.as_str())) {
            Some(Judged::Url(t)) => found.urls.push(t),
            Some(Judged::Spam(w)) => found.spam.push(w),
            None => {}
        }
    }
    if found.urls.is_empty() && found.spam.is_empty() {
        let texts = items.iter().map(|i| i.value.as_str());
        if let Some(words) = spread_words(st, texts) {
            found.spam.push(words);
        }
    }
    let Some(target) = found.urls.first().cloned() else {
        if found.spam.is_empty() {
            return (raw.to_string(), false);
        }
        let detail = Some(format!(
            "JSON-LD text (not JSON): {}",
            found.spam.join("; ")
        ));
        let apply = st.found_detail("spam.keyword", Action::Removed, None, detail);
        return (
            if apply {
                String::new()
            } else {
                raw.to_string()
            },
            true,
        );
    };
    let apply = st.found("jsonld.foreign", Action::Removed, Some(target));
    (
        if apply {
            String::new()
        } else {
            raw.to_string()
        },
        true,
    )
}

/// Betting terms spread one per item (`"name":"nổ hũ"`, `"name":"tài xỉu"`), no string spam
/// alone: when the strings that hold a term score as spam together, they all go.
fn spread(st: &State, v: &mut Value, found: &mut Found) {
    let mut texts = Vec::new();
    strings(v, &mut |s| texts.push(s.to_string()));
    let Some(words) = spread_words(st, texts.iter().map(String::as_str)) else {
        return;
    };
    let lexicon = &st.policy().lexicon;
    drop_strings(v, &|s| !lexicon.scan(s).words.is_empty());
    found.spam.push(words);
}

/// The words, when the texts that hold a betting term score as spam together (and do not
/// read as editorial).
fn spread_words<'a>(st: &State, texts: impl Iterator<Item = &'a str>) -> Option<String> {
    let lexicon = &st.policy().lexicon;
    let with_terms: Vec<&str> = texts
        .filter(|t| !lexicon.scan(t).words.is_empty())
        .collect();
    if with_terms.len() < 2 {
        return None;
    }
    spam_text(st, &with_terms.join(". "))
}

fn strings(v: &Value, out: &mut dyn FnMut(&str)) {
    match v {
        Value::String(s) => out(s),
        Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Value::Object(map) => map.values().for_each(|i| strings(i, out)),
        _ => {}
    }
}

/// Removes every string (array item or property) for which `bad` holds.
fn drop_strings(v: &mut Value, bad: &dyn Fn(&str) -> bool) {
    let gone = |v: &Value| matches!(v, Value::String(s) if bad(s));
    match v {
        Value::Array(items) => {
            items.retain(|i| !gone(i));
            items.iter_mut().for_each(|i| drop_strings(i, bad));
        }
        Value::Object(map) => {
            map.retain(|_, i| !gone(i));
            map.values_mut().for_each(|i| drop_strings(i, bad));
        }
        _ => {}
    }
}

/// What one string value is, when it must go.
enum Judged {
    Url(String),
    Spam(String),
}

/// Judges one string value: a foreign link (under a URL key or shaped like a URL), a text
/// with a foreign URL inside (`"description":"<a href=https://bet.test/>…"`), or spam.
fn judge_string(st: &State, s: &str, url_key: bool) -> Option<Judged> {
    if is_link(s, url_key) {
        return foreign(st, s).map(Judged::Url);
    }
    if let Some(t) = embedded_foreign(st, s) {
        return Some(Judged::Url(t));
    }
    spam_text(st, s).map(Judged::Spam)
}

/// The first foreign absolute URL written in markup inside a text value (a plain mention
/// of an address in an article's text is not a link).
fn embedded_foreign(st: &State, s: &str) -> Option<String> {
    if !s.contains('<') {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    lower.match_indices("http").find_map(|(i, _)| {
        let rest = &s[i..];
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ')'))
            .unwrap_or(rest.len());
        let u = &rest[..end];
        (looks_like_url(u) && !is_vocabulary(u))
            .then(|| foreign(st, u))
            .flatten()
    })
}

/// Removes foreign URLs and spam text (`headline`, `articleBody`, `keywords`… that score as
/// spam without editorial context: search engines index them as the page's text) inside
/// `v`; returns whether `v` itself must go. `url_key` says whether `v` is the value of a
/// URL-valued key.
fn prune(st: &State, v: &mut Value, url_key: bool, found: &mut Found) -> bool {
    match v {
        Value::String(s) => match judge_string(st, s, url_key) {
            Some(Judged::Url(t)) => {
                found.urls.push(t);
                true
            }
            Some(Judged::Spam(words)) => {
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

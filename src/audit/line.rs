//! The on-disk line format and its hash chain (stage 7, audit).
//!
//! A line is a JSON object whose members come in a fixed order, `hash` last:
//! `{"ts":…,"seq":…,…,"prev":"<64 hex>","hash":"<64 hex>"}`. The *canonical content* is
//! the exact bytes of the line with the final `,"hash":"…"` member removed (so it ends in
//! `"prev":"…"}`); `hash = SHA-256(canonical content)`. Because `prev` is inside the
//! hashed bytes, every line commits to all lines before it.
//!
//! Security notes: every string goes through serde_json, which escapes quotes, control
//! characters and newlines, so a client cannot forge a line break or a field. Strings a
//! client controls are cut to `max_field` bytes before they are serialized.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::event::Event;

/// The `prev` of the very first line ever written.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// `,"hash":"` + 64 hex digits + `"}`.
const HASH_SUFFIX_LEN: usize = 9 + 64 + 2;

/// Appended to a string that was cut.
pub const CUT_MARK: &str = "…[cut]";

/// An event as the writer stores it: the emitted [`Event`] plus the writer's stamps.
#[derive(Debug, Serialize)]
pub struct EventLine<'a> {
    pub ts: &'a str,
    pub seq: u64,
    pub site: &'a str,
    pub client_ip: String,
    pub request_id: &'a str,
    pub method: &'a str,
    pub url: &'a str,
    pub rule: &'a str,
    pub action: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<&'a str>,
    /// Only on `audit.summary` lines: how many events the line stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    pub prev: &'a str,
}

/// What a torn (crash-cut) line looked like, recorded by the header after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Torn {
    pub file: String,
    pub line: u64,
    pub bytes: u64,
}

/// The first line of every file.
#[derive(Debug, Serialize)]
pub struct HeaderLine<'a> {
    pub ts: &'a str,
    pub seq: u64,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub version: u32,
    pub file: &'a str,
    /// The file holding the line whose hash is `prev` (`None` at genesis).
    pub prev_file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub torn: Option<&'a Torn>,
    pub prev: &'a str,
}

/// The fields verify and report read back from a line.
#[derive(Debug, Deserialize)]
pub struct Parsed {
    pub ts: String,
    pub seq: u64,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub file: Option<String>,
    pub prev_file: Option<String>,
    pub torn: Option<Torn>,
    #[serde(default)]
    pub site: String,
    #[serde(default)]
    pub client_ip: String,
    #[serde(default)]
    pub rule: String,
    #[serde(default)]
    pub action: String,
    /// The path and query of the request (for `--allow-suggest`'s page counts).
    #[serde(default)]
    pub url: String,
    pub target: Option<String>,
    pub count: Option<u64>,
    pub prev: String,
}

impl Parsed {
    pub fn is_header(&self) -> bool {
        self.kind.as_deref() == Some("header")
    }
}

/// Serializes `body` (which must end with `prev`) and seals it with its hash.
/// Returns the line (with `\n`) and the hash.
pub fn seal<T: Serialize>(body: &T) -> (Vec<u8>, String) {
    let mut bytes = serde_json::to_vec(body).expect("serializing plain data cannot fail");
    let hash = hex::encode(Sha256::digest(&bytes));
    bytes.pop(); // the closing '}'
    bytes.extend_from_slice(b",\"hash\":\"");
    bytes.extend_from_slice(hash.as_bytes());
    bytes.extend_from_slice(b"\"}\n");
    (bytes, hash)
}

/// Why a stored line does not check out on its own.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    #[error("not a sealed audit line (no trailing hash member)")]
    Shape,
    #[error("hash does not match the line's content (the line was edited)")]
    Hash,
    #[error("not valid JSON: {0}")]
    Json(String),
}

/// Checks a stored line (without its `\n`) against its own hash and parses it.
pub fn open(line: &[u8]) -> Result<(Parsed, String), LineError> {
    if line.len() < HASH_SUFFIX_LEN + 2 {
        return Err(LineError::Shape);
    }
    let (body, suffix) = line.split_at(line.len() - HASH_SUFFIX_LEN);
    let hash = suffix
        .strip_prefix(b",\"hash\":\"")
        .and_then(|s| s.strip_suffix(b"\"}"))
        .filter(|h| {
            h.iter()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        })
        .ok_or(LineError::Shape)?;
    let mut canonical = Vec::with_capacity(body.len() + 1);
    canonical.extend_from_slice(body);
    canonical.push(b'}');
    if hex::encode(Sha256::digest(&canonical)).as_bytes() != hash {
        return Err(LineError::Hash);
    }
    let parsed: Parsed =
        serde_json::from_slice(&canonical).map_err(|e| LineError::Json(e.to_string()))?;
    Ok((parsed, String::from_utf8_lossy(hash).into_owned()))
}

/// Cuts `s` to at most `max` bytes on a character boundary, marking the cut.
pub fn cap(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if s.len() <= max {
        return s.into();
    }
    let end = s.floor_char_boundary(max.saturating_sub(CUT_MARK.len()));
    format!("{}{CUT_MARK}", &s[..end]).into()
}

/// The current time as RFC 3339 UTC with milliseconds.
pub fn now_ts() -> String {
    let now = time::OffsetDateTime::now_utc();
    let fmt = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    now.format(&fmt).expect("formatting a UTC time")
}

/// Builds the stored line for `event` with the writer's stamps, capping client strings.
pub fn event_line(
    e: &Event,
    ts: &str,
    seq: u64,
    prev: &str,
    count: Option<u64>,
    max: usize,
) -> (Vec<u8>, String) {
    let r = &e.request;
    let (url, target, detail) = (
        cap(&r.url, max),
        e.target.as_deref().map(|t| cap(t, max)),
        e.detail.as_deref().map(|d| cap(d, max)),
    );
    let body = EventLine {
        ts,
        seq,
        site: &cap(&r.site, 128),
        client_ip: r.client_ip.to_string(),
        request_id: &cap(&r.request_id, 128),
        method: &cap(&r.method, 32),
        url: &url,
        rule: &cap(&e.rule, 128),
        action: e.action.as_str(),
        target: target.as_deref(),
        detail: detail.as_deref(),
        count,
        prev,
    };
    seal(&body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{Action, RequestInfo};

    fn event(url: &str) -> Event {
        let req = RequestInfo {
            site: "portal".into(),
            client_ip: "203.0.113.9".parse().unwrap(),
            request_id: "r-1".into(),
            method: "GET".into(),
            url: url.into(),
        };
        Event::new(&req, "link.foreign", Action::Removed).target("https://bet.test/")
    }

    #[test]
    fn sealed_line_opens_and_edit_is_caught() {
        let (line, hash) = event_line(
            &event("/"),
            "2026-01-01T00:00:00.000Z",
            1,
            GENESIS,
            None,
            64,
        );
        let text = &line[..line.len() - 1];
        let (parsed, h) = open(text).unwrap();
        assert_eq!(h, hash);
        assert_eq!(parsed.rule, "link.foreign");
        let edited = String::from_utf8(text.to_vec())
            .unwrap()
            .replace("bet.test", "bat.test");
        assert_eq!(open(edited.as_bytes()).unwrap_err(), LineError::Hash);
    }

    #[test]
    fn injected_newlines_stay_escaped_and_long_urls_are_cut() {
        let nasty = format!("/x\n{{\"rule\":\"fake\"}}\r\n{}", "a".repeat(5000));
        let (line, _) = event_line(&event(&nasty), "t", 1, GENESIS, None, 256);
        assert_eq!(line.iter().filter(|&&b| b == b'\n').count(), 1);
        assert!(line.len() < 700, "line is {} bytes", line.len());
        assert!(String::from_utf8(line).unwrap().contains(CUT_MARK));
    }
}

//! Stages 4 to 6 for pinned first-party scripts (tampered first-party scripts): an attacker who
//! appends a redirect to the site's own `jquery.min.js` is never seen by the HTML rewriter, so
//! ops pin such files to the SHA-256 of their known-good copy.
//!
//! How it fails closed while streaming ([`super::held_last`]): the body is hashed as it
//! passes, and the last frame is held back until the upstream has ended. On a mismatch
//! that frame is never sent and the response ends in an error, so the client sees a broken
//! transfer and an audit event `script.pinned` is written. At most one frame is held. The upstream is asked for `identity`,
//! so that the bytes hashed are the file's bytes; a coded answer fails the pin too.
//!
//! A pin holds for every spelling of its path that a web server may serve as the same file
//! (see [`canonical`]): `/JS//jquery.min.js/`, `/js/jquery.min.js;v=1` and
//! `/js/%6Aquery.min.js` are all `/js/jquery.min.js`.

use std::collections::HashMap;

use bytes::Bytes;
use http::{HeaderValue, header};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use super::held_last::{self, base64_of};
use crate::audit::{Action, AuditLog, Event, RequestInfo};
use crate::body::{BoxError, GatewayBody};
use crate::settings::Errors;

/// One `pinned = [{ path = "…", sha256 = "sha256-…" }]` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPin {
    pub path: Spanned<String>,
    pub sha256: Spanned<String>,
}

/// Pinned paths and their digests.
#[derive(Debug, Default, Clone)]
pub struct Pins(HashMap<String, [u8; 32]>);

pub fn validate(raw: &[RawPin], errs: &mut Errors) -> Pins {
    let mut pins = HashMap::new();
    for p in raw {
        if !p.path.get_ref().starts_with('/') {
            errs.at(p.path.span(), "a pinned path must start with '/'");
        }
        match super::config::sha256_digest(p.sha256.get_ref()) {
            Some(d) => drop(pins.insert(canonical(p.path.get_ref()), d)),
            None => errs.at(
                p.sha256.span(),
                "sha256 must be \"sha256-<base64 of 32 bytes>\"",
            ),
        }
    }
    Pins(pins)
}

impl Pins {
    /// The digest pinned for `path`, in any of its spellings (see [`canonical`]).
    pub fn get(&self, path: &str) -> Option<[u8; 32]> {
        if self.0.is_empty() {
            return None;
        }
        self.0.get(&canonical(path)).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Stage 4: a pinned file is fetched whole and uncoded.
pub fn prepare_request(pins: &Pins, parts: &mut http::request::Parts) {
    if pins.get(parts.uri.path()).is_some() {
        parts.headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("identity"),
        );
        parts.headers.remove(header::RANGE);
        parts.headers.remove(header::IF_RANGE);
    }
}

/// Stage 6: wraps a pinned file's body so that a tampered copy never completes.
pub fn wrap(
    body: GatewayBody,
    digest: [u8; 32],
    request: RequestInfo,
    audit: AuditLog,
) -> GatewayBody {
    let check = PinCheck {
        hasher: Sha256::new(),
        digest,
        request,
        audit,
    };
    held_last::wrap(body, check)
}

/// The error that ends a response whose body does not match its pin.
#[derive(Debug, thiserror::Error)]
#[error("pinned file does not match its SHA-256")]
pub struct PinMismatch;

/// The body's hash against its pin.
struct PinCheck {
    hasher: Sha256,
    digest: [u8; 32],
    request: RequestInfo,
    audit: AuditLog,
}

impl held_last::Check for PinCheck {
    fn take(&mut self, data: &Bytes) {
        self.hasher.update(data);
    }

    fn finish(&mut self) -> Result<(), BoxError> {
        let got: [u8; 32] = std::mem::take(&mut self.hasher).finalize().into();
        if got == self.digest {
            return Ok(());
        }
        let event = Event::new(&self.request, "script.pinned", Action::Blocked)
            .target(self.request.url.to_string())
            .detail(format!("sha256-{} served", base64_of(&got)));
        self.audit.emit(event);
        Err(Box::new(PinMismatch))
    }
}

/// One spelling for the paths a web server may serve as the same file: percent-decoded,
/// lower case (IIS and case-insensitive file systems), runs of `/` as one (nginx's
/// `merge_slashes`), without `;` path parameters (Tomcat, Jetty), `.` and `..` segments or
/// a trailing `/` (Apache's `AcceptPathInfo`, PHP's `PATH_INFO`).
pub(crate) fn canonical(path: &str) -> String {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut segments: Vec<String> = Vec::new();
    for seg in decoded.split(['/', '\\']) {
        let seg = seg.split(';').next().unwrap_or("").to_lowercase();
        match seg.as_str() {
            "" | "." => {}
            ".." => drop(segments.pop()),
            _ => segments.push(seg),
        }
    }
    format!("/{}", segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::canonical;

    #[test]
    fn every_spelling_of_a_pinned_path_is_one() {
        for p in [
            "/js/jquery.min.js",
            "/JS/jQuery.min.js",
            "//js//jquery.min.js",
            "/js/jquery.min.js/",
            "/js/jquery.min.js;jsessionid=1",
            "/js/%6Aquery.min.js",
            "/js/./x/../jquery.min.js",
            "/js\\jquery.min.js",
        ] {
            assert_eq!(canonical(p), "/js/jquery.min.js", "{p}");
        }
        assert_ne!(canonical("/js/jquery.js"), "/js/jquery.min.js");
        assert_eq!(canonical("/"), "/");
    }
}

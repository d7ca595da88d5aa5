//! Stage 6 for first-party scripts that are not pinned (threat C5, tampered first-party
//! scripts): a redirect or loader appended to the site's own `app.js` is never seen by the
//! HTML rewriter. Pinning catches it when ops pinned the file ([`super::pinned`]); every
//! other script the site serves is judged here by the same classifier as inline scripts
//! ([`super::script`]), against the site's policy.
//!
//! How it fails closed while streaming, as a pin does: the body passes as it comes, a
//! decoded copy (at most `max_inline_script`, 1 MiB by default) is kept, and the last frame
//! is held back until the upstream has ended. A script judged malicious never gets its
//! last frame: the response ends in an error, so the client sees a broken transfer
//! (browsers do not run a script whose transfer failed), and `script.tampered` is written
//! with the classifier's rule and reason. In report mode the event is `reported` and the
//! script passes.
//!
//! A script longer than the bound is passed unjudged with a `script.unreviewed` event
//! (logged); pin such bundles. A legitimate script the classifier flags is let through by
//! its SHA-256 in `script_hashes`, as for inline scripts.

use std::sync::Arc;

use bytes::Bytes;
use http::HeaderMap;
use sha2::{Digest, Sha256};

use super::codec::{Codings, Decoder};
use super::content_type;
use super::held_last::{self, base64_of};
use super::script::{self, Verdict};
use crate::audit::{Action, AuditLog, Event, RequestInfo};
use crate::body::{BoxError, GatewayBody};
use crate::settings::{Mode, Site};

/// The audit rule of a first-party script judged malicious.
pub const RULE: &str = "script.tampered";
/// The audit rule of a first-party script too long to judge.
pub const UNREVIEWED: &str = "script.unreviewed";

/// The types browsers run as classic or module scripts.
const SCRIPT_TYPES: &[&str] = &[
    "application/javascript",
    "application/x-javascript",
    "application/ecmascript",
    "text/javascript",
    "text/ecmascript",
    "text/jscript",
    "text/x-javascript",
];

/// Whether a response is a script by its type, or by its path's extension when its type
/// says nothing better (browsers run a `<script src>` served as `text/plain` too). A body
/// with no type at all is sanitized as HTML before this is asked (browsers sniff it).
pub fn is_script(headers: &HeaderMap, path: &str) -> bool {
    let by_path = {
        let p = path.to_ascii_lowercase();
        p.ends_with(".js") || p.ends_with(".mjs")
    };
    match content_type::extract(headers) {
        Some(m) => {
            let essence = m.essence();
            SCRIPT_TYPES.contains(&essence)
                || (by_path && matches!(essence, "text/plain" | "application/octet-stream"))
        }
        None => false,
    }
}

/// The error that ends a response whose script was judged malicious.
#[derive(Debug, thiserror::Error)]
#[error("first-party script judged malicious")]
pub struct Tampered;

/// Wraps a first-party script's body so that a malicious one never completes. One whose
/// content coding cannot be read passes, with a `script.unreviewed` event.
pub fn wrap(
    body: GatewayBody,
    headers: &HeaderMap,
    site: Arc<Site>,
    base: url::Url,
    request: RequestInfo,
    audit: AuditLog,
) -> GatewayBody {
    let decoder = Codings::from_headers(headers)
        .ok()
        .and_then(|c| Decoder::new(&c).ok());
    let limit = site.sanitize().max_inline_script;
    let mut review = Review {
        site,
        base,
        request,
        audit,
        decoder,
        copy: Vec::new(),
        limit,
        passing: false,
    };
    if review.decoder.is_none() {
        review.give_up("content coding not readable");
    }
    held_last::wrap(body, review)
}

/// The judging side: the decoded copy and what it takes to judge it.
struct Review {
    site: Arc<Site>,
    base: url::Url,
    request: RequestInfo,
    audit: AuditLog,
    decoder: Option<Decoder>,
    copy: Vec<u8>,
    limit: usize,
    /// Past the bound or unreadable: the rest passes unjudged.
    passing: bool,
}

impl held_last::Check for Review {
    fn take(&mut self, data: &Bytes) {
        if self.passing {
            return;
        }
        let Some(decoder) = &mut self.decoder else {
            return;
        };
        let mut input = data.clone();
        while !input.is_empty() || decoder.buffered() {
            match decoder.decode(&mut input) {
                Ok(out) => self.copy.extend_from_slice(&out),
                Err(_) => return self.give_up("content coding not readable"),
            }
            if self.copy.len() > self.limit {
                return self.give_up("longer than max_inline_script");
            }
        }
    }

    fn passing(&self) -> bool {
        self.passing
    }

    fn finish(&mut self) -> Result<(), BoxError> {
        if self.allows() {
            Ok(())
        } else {
            Err(Box::new(Tampered))
        }
    }
}

impl Review {
    fn give_up(&mut self, why: &str) {
        self.passing = true;
        self.copy = Vec::new();
        let event = Event::new(&self.request, UNREVIEWED, Action::Logged)
            .target(self.request.url.to_string())
            .detail(why.to_string());
        self.audit.emit(event);
    }

    /// At the end of the body: whether the script may complete.
    fn allows(&mut self) -> bool {
        if self.passing {
            return true;
        }
        if let Some(mut decoder) = self.decoder.take() {
            match decoder.finish() {
                Ok(rest) => self.copy.extend_from_slice(&rest),
                Err(_) => {
                    self.give_up("content coding not readable");
                    return true;
                }
            }
        }
        let policy = self.site.sanitize();
        let digest: [u8; 32] = Sha256::digest(&self.copy).into();
        if policy.script_hashes.contains(&digest) {
            return true;
        }
        let source = String::from_utf8_lossy(&self.copy);
        let Verdict::Malicious {
            rule,
            reason,
            target,
        } = script::judge_for_site(&source, policy, &self.base)
        else {
            return true;
        };
        let enforce = self.site.mode == Mode::Enforce;
        let action = if enforce {
            Action::Blocked
        } else {
            Action::Reported
        };
        let detail = format!("{rule}: {reason}; sha256-{}", base64_of(&digest));
        let event = Event::new(&self.request, RULE, action)
            .target(target.unwrap_or_else(|| self.request.url.to_string()))
            .detail(detail);
        self.audit.emit(event);
        !enforce
    }
}

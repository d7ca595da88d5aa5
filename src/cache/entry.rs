//! One stored page: the sanitized body and the response head as stage 5 left it, with the
//! freshness the origin gave it and what is needed to revalidate it.
//!
//! Built only by the tee body ([`super::tee`]) once a whole body was sanitized without
//! error; read by the lookup. Never changes after it is built: a revalidation builds a
//! new entry around the same body bytes.

use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::{Response, StatusCode, request};
use http_cache_semantics::CachePolicy;

use super::key::Conditionals;
use crate::body::{GatewayBody, empty, full};

/// The header that says how a response was served: `HIT`, `MISS`, `STALE`,
/// `REVALIDATED` or `BYPASS`.
pub(crate) const X_CACHE: HeaderName = HeaderName::from_static("x-cache");

#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) status: StatusCode,
    /// The head after stages 5 and 6 (without `Content-Length`, `Age`, `X-Cache`).
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    /// The origin's policy, from the origin's own head (its validators and freshness).
    pub(crate) policy: CachePolicy,
    /// The request it answered, for merging a `304` into a new policy.
    pub(crate) request: request::Parts,
    /// Values the request had for each header the response's `Vary` names.
    pub(crate) vary: Vec<(HeaderName, Option<HeaderValue>)>,
    pub(crate) freshness: Freshness,
    /// The origin's `ETag` and `Last-Modified`, as `If-None-Match` / `If-Modified-Since`.
    pub(crate) validators: Vec<(HeaderName, HeaderValue)>,
    /// Audit events the sanitizer wrote for this page (counted again on each hit).
    pub(crate) events: u64,
    /// Bytes it holds, for the store's bound.
    pub(crate) weight: u32,
}

/// When an entry stops being fresh, and how long it may be served stale after that.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Freshness {
    pub(crate) stored: Instant,
    /// The page's age when stored (the origin's `Age` and its own delay).
    pub(crate) initial_age: Duration,
    pub(crate) ttl: Duration,
    /// Zero when the origin forbids serving it stale (`must-revalidate`, `no-cache`, …).
    pub(crate) max_stale: Duration,
}

impl Freshness {
    pub(crate) fn new(policy: &CachePolicy, headers: &HeaderMap, site_max_stale: Duration) -> Self {
        let now = SystemTime::now();
        let forbids_stale = cache_control_has(
            headers,
            &[
                "must-revalidate",
                "proxy-revalidate",
                "no-cache",
                "s-maxage",
            ],
        );
        Self {
            stored: Instant::now(),
            initial_age: policy.age(now),
            ttl: policy.time_to_live(now),
            max_stale: if forbids_stale {
                Duration::ZERO
            } else {
                site_max_stale
            },
        }
    }

    pub(crate) fn is_fresh(&self) -> bool {
        self.stored.elapsed() < self.ttl
    }

    /// Within the staleness the site and the origin allow.
    pub(crate) fn may_serve_stale(&self) -> bool {
        self.stored.elapsed() < self.ttl + self.max_stale
    }

    pub(crate) fn age(&self) -> Duration {
        self.initial_age + self.stored.elapsed()
    }

    /// How long the store keeps it: fresh life, stale life, and time to revalidate.
    pub(crate) fn keep(&self, has_validators: bool) -> Duration {
        let revalidate = if has_validators {
            KEEP_FOR_REVALIDATION
        } else {
            Duration::ZERO
        };
        self.ttl + self.max_stale.max(revalidate)
    }
}

/// How long a stale page with an `ETag` or `Last-Modified` is kept for a cheap `304`.
const KEEP_FOR_REVALIDATION: Duration = Duration::from_secs(600);

/// The origin's validators, turned into the conditional headers that revalidate them.
pub(crate) fn validators(origin: &HeaderMap) -> Vec<(HeaderName, HeaderValue)> {
    let mut out = Vec::new();
    if let Some(etag) = origin.get(header::ETAG) {
        out.push((header::IF_NONE_MATCH, etag.clone()));
    }
    if let Some(lm) = origin.get(header::LAST_MODIFIED) {
        out.push((header::IF_MODIFIED_SINCE, lm.clone()));
    }
    out
}

/// Whether the origin's `Cache-Control` names any of `directives`.
pub(crate) fn cache_control_has(headers: &HeaderMap, directives: &[&str]) -> bool {
    headers
        .get_all(header::CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|d| d.split('=').next().unwrap_or("").trim())
        .any(|d| directives.iter().any(|x| d.eq_ignore_ascii_case(x)))
}

impl Entry {
    /// Whether the request carries the values this page varies on.
    pub(crate) fn vary_matches(&self, headers: &HeaderMap) -> bool {
        self.vary
            .iter()
            .all(|(name, value)| headers.get(name) == value.as_ref())
    }

    /// The stored page as a response: `x_cache` says how; HEAD gets the head only.
    pub(crate) fn respond(
        &self,
        head_only: bool,
        x_cache: &'static str,
        cond: &Conditionals,
    ) -> Response<GatewayBody> {
        let not_modified = self.not_modified(cond);
        let body = if head_only || not_modified {
            empty()
        } else {
            full(self.body.clone())
        };
        let mut resp = Response::new(body);
        *resp.status_mut() = if not_modified {
            StatusCode::NOT_MODIFIED
        } else {
            self.status
        };
        let headers = resp.headers_mut();
        *headers = self.headers.clone();
        if head_only && !not_modified {
            headers.insert(header::CONTENT_LENGTH, HeaderValue::from(self.body.len()));
        }
        headers.insert(
            header::AGE,
            HeaderValue::from(self.freshness.age().as_secs()),
        );
        headers.insert(X_CACHE, HeaderValue::from_static(x_cache));
        resp
    }

    /// The client's `If-None-Match` (or, without it, `If-Modified-Since`) matches the
    /// validators of the head we serve.
    fn not_modified(&self, cond: &Conditionals) -> bool {
        if self.status != StatusCode::OK {
            return false;
        }
        if let Some(inm) = &cond.if_none_match {
            let Some(etag) = self.headers.get(header::ETAG).and_then(|v| v.to_str().ok()) else {
                return false;
            };
            let ours = etag.trim_start_matches("W/");
            return inm.to_str().is_ok_and(|list| {
                list.split(',')
                    .map(str::trim)
                    .any(|t| t == "*" || t.trim_start_matches("W/") == ours)
            });
        }
        match (
            &cond.if_modified_since,
            self.headers.get(header::LAST_MODIFIED),
        ) {
            (Some(ims), Some(lm)) => ims == lm,
            _ => false,
        }
    }
}

//! Which requests may use the cache, what they are keyed by, and the poisoning guards.
//!
//! Runs between stage 3 (guard) and stage 4 (forward) on the client's request head, and
//! may change only that head: it removes what would make the origin's answer depend on
//! something the key does not hold.
//!
//! Security notes (cache poisoning):
//! - Headers that some frameworks read to rewrite the URL, host, scheme or method
//!   ([`UNKEYED`]) are removed from every request that may fill the cache. `Host` and
//!   `X-Forwarded-*` are set by stage 4 from the normalized host, which is in the key.
//! - The target is keyed exactly as sent (path and query, bytes unchanged): no decoding,
//!   no reordering, no parameter dropped, so neither `;` cloaking nor encoded separators
//!   can make two requests the origin tells apart share one key.
//! - A GET or HEAD with a body ("fat GET"), a `Range`, an `Authorization`, or (unless the
//!   site strips them) cookies never uses the cache.
//! - `Accept-Encoding` is reduced to the one coding the gateway will answer in, so the
//!   origin sees one of three values and the key's coding is exact.

use std::sync::Arc;

use http::header::{self, HeaderName, HeaderValue};
use http::{Method, request};

use super::config::CookiePolicy;
use crate::sanitize::codec::Coding;
use crate::sanitize::codec_encode as codec;
use crate::settings::Site;

/// Request headers that change what an origin answers but are not part of the key.
pub(crate) const UNKEYED: &[&str] = &[
    "x-original-url",
    "x-rewrite-url",
    "x-forwarded-host",
    "x-forwarded-scheme",
    "x-forwarded-proto",
    "x-forwarded-port",
    "x-forwarded-prefix",
    "x-forwarded-server",
    "x-forwarded-ssl",
    "x-host",
    "x-original-host",
    "x-http-method-override",
    "x-http-method",
    "x-method-override",
    "front-end-https",
    "forwarded",
];

/// Conditional headers: the cache sends its own validators and answers the client's itself.
const CONDITIONALS: &[HeaderName] = &[
    header::IF_NONE_MATCH,
    header::IF_MODIFIED_SINCE,
    header::IF_MATCH,
    header::IF_UNMODIFIED_SINCE,
    header::IF_RANGE,
];

/// What identifies one stored page. Every field is part of equality.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    /// The config generation: a reload never serves output cleaned under the old rules.
    pub(crate) generation: u64,
    pub(crate) site: Arc<str>,
    pub(crate) https: bool,
    /// The host as stage 2 normalized it (lower case, no port, no trailing dot).
    pub(crate) host: Box<str>,
    /// Path and query, exactly as sent.
    pub(crate) target: Box<str>,
    /// The coding of the stored body: `identity`, `gzip` or `br`.
    pub(crate) coding: &'static str,
}

/// Where the request is and under which config: what stage 2 found.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Origin<'a> {
    pub(crate) site: &'a Arc<Site>,
    pub(crate) generation: u64,
    pub(crate) https: bool,
    pub(crate) host: &'a str,
}

/// The client's own conditional headers, kept to answer them from the stored page.
#[derive(Debug, Default)]
pub(crate) struct Conditionals {
    pub(crate) if_none_match: Option<HeaderValue>,
    pub(crate) if_modified_since: Option<HeaderValue>,
}

/// Decides whether the request may use the cache; if so, cleans its head and keys it.
pub(crate) fn admit(at: Origin<'_>, parts: &mut request::Parts) -> Option<(Key, Conditionals)> {
    let policy = &at.site.cache();
    if !policy.enabled || !(parts.method == Method::GET || parts.method == Method::HEAD) {
        return None;
    }
    let h = &parts.headers;
    let has_body = h.contains_key(header::TRANSFER_ENCODING)
        || h.get(header::CONTENT_LENGTH).is_some_and(|v| v != "0");
    let credentials = h.contains_key(header::AUTHORIZATION);
    if has_body || credentials || h.contains_key(header::RANGE) || h.contains_key(header::UPGRADE) {
        return None;
    }
    if h.contains_key(header::COOKIE) {
        match policy.cookies {
            CookiePolicy::Bypass => return None,
            CookiePolicy::Strip => drop(parts.headers.remove(header::COOKIE)),
        }
    }
    for name in UNKEYED {
        parts.headers.remove(*name);
    }
    let conditionals = Conditionals {
        if_none_match: parts.headers.get(header::IF_NONE_MATCH).cloned(),
        if_modified_since: parts.headers.get(header::IF_MODIFIED_SINCE).cloned(),
    };
    for name in CONDITIONALS {
        parts.headers.remove(name);
    }
    let coding = canonical(codec::negotiate(parts.headers.get(header::ACCEPT_ENCODING)));
    parts
        .headers
        .insert(header::ACCEPT_ENCODING, HeaderValue::from_static(coding));
    let target = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let key = Key {
        generation: at.generation,
        site: at.site.label.clone(),
        https: at.https,
        host: at.host.into(),
        target: target.into(),
        coding,
    };
    Some((key, conditionals))
}

fn canonical(coding: Coding) -> &'static str {
    match coding {
        Coding::Br => "br",
        Coding::Gzip => "gzip",
        _ => "identity",
    }
}

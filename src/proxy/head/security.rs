//! Stage 5, response head, step 3 (security headers): the headers of `[site.headers]` added to
//! every response, and removal of headers that leak software versions.
//!
//! Where the upstream already sent a header that is at least as strict as ours, its value
//! is kept (a site that asks for `X-Frame-Options: DENY` is not weakened to SAMEORIGIN):
//! - `Strict-Transport-Security`: only on TLS; the upstream's kept if its max-age is at
//!   least ours and it has `includeSubDomains` whenever ours does.
//! - `Referrer-Policy`: the stricter of the two, by a fixed ranking.
//! - `X-Frame-Options`: an upstream `DENY` is kept.
//! - `frame-ancestors` is sent as its own `Content-Security-Policy` header: browsers
//!   enforce every CSP header, so adding ours can only tighten the upstream's policy.
//! - `Permissions-Policy`: merged per feature; an upstream `feature=()` is kept.
//! - `X-Content-Type-Options: nosniff` is step 5 (see [`super`]): it depends on whether
//!   the body is sanitized.

use http::{HeaderMap, HeaderName, HeaderValue, header};
use serde::Deserialize;
use toml::Spanned;

use crate::settings::{Errors, SiteCtx};

/// Headers that tell attackers which software (and version) runs behind us.
const LEAKY: &[&str] = &[
    "server",
    "x-powered-by",
    "x-aspnet-version",
    "x-aspnetmvc-version",
    "x-generator",
];

const DEFAULT_HSTS: &str = "max-age=31536000";
const DEFAULT_REFERRER: &str = "strict-origin-when-cross-origin";
const DEFAULT_FRAME_OPTIONS: &str = "SAMEORIGIN";
const DEFAULT_FRAME_ANCESTORS: &str = "'self'";
const DEFAULT_PERMISSIONS: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

/// Referrer policies from the loosest to the strictest.
const REFERRER_RANK: &[&str] = &[
    "unsafe-url",
    "no-referrer-when-downgrade",
    "origin-when-cross-origin",
    "origin",
    "strict-origin-when-cross-origin",
    "strict-origin",
    "same-origin",
    "no-referrer",
];

/// `[site.headers]` as written. Each value may be `""` to send nothing.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct RawSiteHeaders {
    pub(crate) hsts: Option<Spanned<String>>,
    pub(crate) referrer_policy: Option<Spanned<String>>,
    pub(crate) frame_options: Option<Spanned<String>>,
    pub(crate) frame_ancestors: Option<Spanned<String>>,
    pub(crate) permissions_policy: Option<Spanned<String>>,
    pub(crate) content_type_options: Option<bool>,
    /// More response headers to drop, on top of the version-leaking ones.
    pub(crate) remove: Vec<Spanned<String>>,
}

/// The validated `[site.headers]`.
#[derive(Debug, Clone)]
pub(crate) struct SiteHeaders {
    hsts: Option<(HeaderValue, Hsts)>,
    /// Our policy, and its rank (worked out once, not per response).
    referrer: Option<(HeaderValue, Option<usize>)>,
    frame_options: Option<HeaderValue>,
    frame_ancestors: Option<HeaderValue>,
    /// Our features, and the header as we send it when the upstream sends none (the
    /// common case, kept off the per-request path).
    permissions: Option<(Vec<(String, String)>, HeaderValue)>,
    nosniff: bool,
    remove: Vec<HeaderName>,
}

impl Default for SiteHeaders {
    /// The safe defaults, as if `[site.headers]` were empty.
    fn default() -> Self {
        let ctx = SiteCtx {
            name: "",
            hosts: &[],
            mode: crate::settings::Mode::Enforce,
            allow: &[],
        };
        let mut errs = Errors::new(std::path::Path::new("<defaults>"), "");
        validate(RawSiteHeaders::default(), &ctx, &mut errs)
    }
}

/// A parsed `Strict-Transport-Security` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hsts {
    max_age: u64,
    subdomains: bool,
}

fn parse_hsts(v: &str) -> Option<Hsts> {
    let mut max_age = None;
    let mut subdomains = false;
    for d in v.split(';').map(str::trim) {
        let (k, val) = d.split_once('=').unwrap_or((d, ""));
        match k.trim().to_ascii_lowercase().as_str() {
            "max-age" => max_age = val.trim().trim_matches('"').parse().ok(),
            "includesubdomains" => subdomains = true,
            _ => {}
        }
    }
    Some(Hsts {
        max_age: max_age?,
        subdomains,
    })
}

/// The effective policy of a `Referrer-Policy` value: the last token browsers know.
fn referrer_rank(v: &str) -> Option<usize> {
    v.split(',')
        .filter_map(|t| {
            REFERRER_RANK
                .iter()
                .position(|r| r.eq_ignore_ascii_case(t.trim()))
        })
        .next_back()
}

/// `feature=allowlist` pairs of a Permissions-Policy value.
fn parse_permissions(v: &str) -> Vec<(String, String)> {
    v.split(',')
        .filter_map(|item| {
            let (k, val) = item.split_once('=')?;
            Some((k.trim().to_ascii_lowercase(), val.trim().to_string()))
        })
        .filter(|(k, _)| !k.is_empty())
        .collect()
}

impl crate::settings::Site {
    /// This site's `[site.headers]`.
    pub(crate) fn headers(&self) -> &SiteHeaders {
        self.sections.get()
    }
}

pub(crate) fn validate(raw: RawSiteHeaders, _ctx: &SiteCtx<'_>, errs: &mut Errors) -> SiteHeaders {
    let hsts = hsts(raw.hsts, errs);
    let referrer = referrer(raw.referrer_policy, errs);
    let frame_options = frame_options(raw.frame_options, errs);
    let ancestors = value(
        raw.frame_ancestors,
        DEFAULT_FRAME_ANCESTORS,
        "frame_ancestors",
        errs,
    );
    let permissions = value(
        raw.permissions_policy,
        DEFAULT_PERMISSIONS,
        "permissions_policy",
        errs,
    );
    SiteHeaders {
        hsts,
        referrer: referrer.map(|(v, _)| {
            let rank = v.to_str().ok().and_then(referrer_rank);
            (v, rank)
        }),
        frame_options,
        frame_ancestors: ancestors.and_then(|(v, _)| {
            HeaderValue::from_str(&format!("frame-ancestors {}", v.to_str().ok()?)).ok()
        }),
        permissions: permissions.and_then(|(v, _)| {
            let features = parse_permissions(v.to_str().unwrap_or_default());
            let value = render_permissions(&features)?;
            Some((features, value))
        }),
        nosniff: raw.content_type_options.unwrap_or(true),
        remove: header_names(&raw.remove, errs),
    }
}

type Value = Option<(HeaderValue, std::ops::Range<usize>)>;

fn hsts(raw: Option<Spanned<String>>, errs: &mut Errors) -> Option<(HeaderValue, Hsts)> {
    value(raw, DEFAULT_HSTS, "hsts", errs).and_then(|(v, span)| {
        let parsed = v.to_str().ok().and_then(parse_hsts);
        if parsed.is_none() {
            errs.at(
                span,
                "headers.hsts needs a max-age, e.g. \"max-age=31536000\"",
            );
        }
        parsed.map(|p| (v, p))
    })
}

fn referrer(raw: Option<Spanned<String>>, errs: &mut Errors) -> Value {
    let referrer = value(raw, DEFAULT_REFERRER, "referrer_policy", errs);
    if let Some((v, span)) = &referrer
        && v.to_str().ok().and_then(referrer_rank).is_none()
    {
        errs.at(
            span.clone(),
            "headers.referrer_policy is not a known policy",
        );
    }
    referrer
}

fn frame_options(raw: Option<Spanned<String>>, errs: &mut Errors) -> Option<HeaderValue> {
    let frame_options = value(raw, DEFAULT_FRAME_OPTIONS, "frame_options", errs);
    if let Some((v, span)) = &frame_options
        && v != "DENY"
        && v != "SAMEORIGIN"
    {
        let msg = "headers.frame_options must be \"DENY\", \"SAMEORIGIN\" or \"\"";
        errs.at(span.clone(), msg);
    }
    frame_options.map(|(v, _)| v)
}

/// A configured header value (with its span), its default when unset, or `None` for `""`.
fn value(raw: Option<Spanned<String>>, default: &str, key: &str, errs: &mut Errors) -> Value {
    let (text, span) = match &raw {
        Some(s) => (s.get_ref().trim(), s.span()),
        None => (default, 0..0),
    };
    if text.is_empty() {
        return None;
    }
    match HeaderValue::from_str(text) {
        Ok(v) => Some((v, span)),
        Err(_) => {
            errs.at(span, format!("headers.{key} is not a valid header value"));
            None
        }
    }
}

fn header_names(list: &[Spanned<String>], errs: &mut Errors) -> Vec<HeaderName> {
    list.iter()
        .filter_map(|s| {
            HeaderName::from_bytes(s.get_ref().trim().as_bytes())
                .map_err(|_| errs.at(s.span(), format!("invalid header name {:?}", s.get_ref())))
                .ok()
        })
        .collect()
}

impl SiteHeaders {
    /// `content_type_options`: whether sanitized pages get `X-Content-Type-Options: nosniff`.
    /// Whether `[site.headers] remove` names `name`: the operator wants it gone.
    pub(crate) fn removes(&self, name: &HeaderName) -> bool {
        self.remove.contains(name)
    }

    pub(crate) fn nosniff(&self) -> bool {
        self.nosniff
    }
}

/// Adds the site's security headers to a response head and drops version-leaking ones.
pub(crate) fn apply(h: &SiteHeaders, tls: bool, headers: &mut HeaderMap) {
    // One pass over the names present rather than a lookup for every name we drop.
    let doomed: Vec<HeaderName> = headers
        .keys()
        .filter(|k| LEAKY.contains(&k.as_str()) || h.remove.contains(k))
        .cloned()
        .collect();
    for name in doomed {
        headers.remove(name);
    }
    if let (true, Some((value, ours))) = (tls, &h.hsts) {
        apply_hsts(value, *ours, headers);
    }
    if let Some((ours, rank)) = &h.referrer {
        apply_referrer(ours, *rank, headers);
    }
    if let Some(ours) = &h.frame_options {
        let upstream_denies = headers
            .get(header::X_FRAME_OPTIONS)
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"deny"));
        if !upstream_denies {
            headers.insert(header::X_FRAME_OPTIONS, ours.clone());
        }
    }
    if let Some(ours) = &h.frame_ancestors {
        headers.append(header::CONTENT_SECURITY_POLICY, ours.clone());
    }
    if let Some((ours, value)) = &h.permissions {
        apply_permissions(ours, value, headers);
    }
}

fn apply_hsts(value: &HeaderValue, ours: Hsts, headers: &mut HeaderMap) {
    let theirs = headers
        .get(header::STRICT_TRANSPORT_SECURITY)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_hsts);
    let keep =
        theirs.is_some_and(|t| t.max_age >= ours.max_age && (t.subdomains || !ours.subdomains));
    if !keep {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, value.clone());
    }
}

fn apply_referrer(ours: &HeaderValue, our_rank: Option<usize>, headers: &mut HeaderMap) {
    let theirs = headers
        .get(header::REFERRER_POLICY)
        .and_then(|v| v.to_str().ok().and_then(referrer_rank));
    // `None` (absent or unknown) ranks below every known policy.
    if theirs < our_rank {
        headers.insert(header::REFERRER_POLICY, ours.clone());
    }
}

fn apply_permissions(ours: &[(String, String)], value: &HeaderValue, headers: &mut HeaderMap) {
    let name = HeaderName::from_static("permissions-policy");
    if !headers.contains_key(&name) {
        headers.insert(name, value.clone());
        return;
    }
    let mut merged: Vec<(String, String)> = headers
        .get_all(&name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(parse_permissions)
        .collect();
    for (feature, allow) in ours {
        match merged.iter_mut().find(|(k, _)| k == feature) {
            Some((_, theirs)) if theirs.as_str() == "()" => {}
            Some((_, theirs)) => theirs.clone_from(allow),
            None => merged.push((feature.clone(), allow.clone())),
        }
    }
    if let Some(v) = render_permissions(&merged) {
        headers.insert(name, v);
    }
}

fn render_permissions(features: &[(String, String)]) -> Option<HeaderValue> {
    let text = features
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ");
    HeaderValue::from_str(&text).ok()
}

#[cfg(test)]
#[path = "security_tests.rs"]
mod tests;

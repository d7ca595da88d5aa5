//! Stage 5, response head: every decision on the upstream's response head, in one place
//! and in this order:
//!
//! 1. **redirect policy** ([`redirects`]): a redirect that leaves the site is refused with
//!    the fixed 403 page; foreign `Refresh` and `Link` values are dropped, and so are
//!    foreign report endpoints ([`reporting`]). First, because a refused head makes every
//!    later step moot.
//! 2. **hop-by-hop** (`forward::response_head`): headers that belong to the upstream
//!    connection go; an upgrade keeps its `Connection`/`Upgrade`.
//! 3. **security headers** ([`security`], `[site.headers]`), which also drop the headers
//!    that leak versions.
//! 4. **CSP** (`[site.csp]`), after the security headers: `frame-ancestors` is a CSP
//!    header of its own, and browsers enforce every one.
//! 5. **whether to sanitize** ([`BodyPlan`]): HTML (or no type at all, or an HTML type on
//!    any line, or a data body that sniffs as HTML) is sanitized, a pinned file is hashed,
//!    a `multipart/*` stream is filtered part by part, any other script of the site is
//!    judged as it passes (`sanitize::reviewed`), anything else passes
//!    through.
//!    A sanitized body that came with no type is declared `text/html`, what it was judged
//!    as.
//! 6. **nosniff**: `X-Content-Type-Options: nosniff` as `content_type_options` says, but
//!    always on a body that is not sanitized, so that no browser sniffs it into HTML. It
//!    comes after the plan because it depends on it.
//!
//! Before all of these, and before the upload check that precedes stage 5, [`content_type`]
//! makes a `Content-Type` that could be read two ways (several lines, a comma list, no
//! valid value) one line holding what browsers read (`sanitize::content_type`), so that
//! every later decision and the browser judge the same type and charset.
//!
//! May touch: the response head only. The body is stage 6 (`sanitize::process_body`).

pub(crate) mod redirects;
mod reporting;
pub(crate) mod security;

use http::response::Parts;
use http::{HeaderMap, HeaderValue, Response, StatusCode, header};

use crate::audit::config::CspMode;
use crate::audit::{Action, AuditLog, Event, RequestInfo};
use crate::body::GatewayBody;
use crate::sanitize::content_type::{self as ctype, Normalized};
use crate::sanitize::json_look::JsonFeedBody;
use crate::sanitize::sniffed::{DeclaredHtml, SniffedHtml};
use crate::sanitize::{BodyPlan, ResponseCtx, head, is_bodiless, multipart, reviewed};
use crate::settings::Site;

/// Runs stage 5 on `parts`: `Ok` with the plan for the body, or `Err` with the page to
/// send instead (already logged, with the site's headers; boxed, as refusals are rare).
pub(crate) fn respond(
    ctx: &ResponseCtx<'_>,
    tls: bool,
    upgraded: bool,
    parts: &mut Parts,
) -> Result<BodyPlan, Box<Response<GatewayBody>>> {
    if let Some(mut refused) = redirects::apply(ctx, parts) {
        secure(ctx.site, tls, refused.headers_mut());
        return Err(Box::new(refused));
    }
    let enforce = ctx.site.mode == crate::settings::Mode::Enforce;
    reporting::apply(ctx, &mut parts.headers, enforce);
    super::forward::response_head(&mut parts.headers, upgraded);
    security::apply(ctx.site.headers(), tls, &mut parts.headers);
    csp(ctx.site, &mut parts.headers);
    // After the security headers: a `remove`d Content-Type makes the body count as HTML.
    let plan = plan(ctx, parts);
    if plan == BodyPlan::Sanitize && !ctx.site.headers().removes(&header::CONTENT_TYPE) {
        declare_html(&mut parts.headers);
    }
    // Whatever `content_type_options` says, a body nobody sanitized gets nosniff.
    if plan != BodyPlan::Sanitize || ctx.site.headers().nosniff() {
        nosniff(&mut parts.headers);
    }
    Ok(plan)
}

/// Step 0, as soon as the upstream's head arrives: one `Content-Type` line, the one a
/// browser would read, audited as `head.content_type` when it was rewritten or dropped.
/// Returns whether any of the values it had was an HTML type (see `head::declares_html`):
/// such a body is sanitized whatever type browsers read.
pub(crate) fn content_type(audit: &AuditLog, info: &RequestInfo, headers: &mut HeaderMap) -> bool {
    let declared = head::declares_html(headers);
    let (action, detail) = match ctype::normalize(headers) {
        Normalized::Unchanged => return declared,
        Normalized::Rewritten { from, to } => (Action::Replaced, format!("{from} -> {to}")),
        Normalized::Dropped { from } => (Action::Removed, format!("{from} -> (none)")),
    };
    audit.emit(Event::new(info, ctype::RULE, action).detail(detail));
    declared
}

/// Steps 3, 4 and 6 on a page the gateway makes itself (a refusal, the HTTPS redirect).
pub(crate) fn secure(site: &Site, tls: bool, headers: &mut HeaderMap) {
    security::apply(site.headers(), tls, headers);
    csp(site, headers);
    if site.headers().nosniff() {
        nosniff(headers);
    }
}

/// Step 4: the site's CSP header (see `audit::csp` for the policy and the report intake).
fn csp(site: &Site, headers: &mut HeaderMap) {
    let name = match site.csp().mode {
        CspMode::Off => return,
        CspMode::Enforce => header::CONTENT_SECURITY_POLICY,
        CspMode::ReportOnly => header::CONTENT_SECURITY_POLICY_REPORT_ONLY,
    };
    if let Ok(value) = HeaderValue::from_str(&site.csp().policy) {
        headers.insert(name, value);
    }
}

/// Step 5: a pinned file (200, with a body) is hashed; an informational response passes
/// through; HTML (by its type, by any of its declared types, or by its first bytes under a
/// data type, see `sanitize::sniffed`) is sanitized; a `multipart/*` stream
/// is filtered part by part; any other script of the site is judged as it passes; a
/// stylesheet is filtered as it streams; anything else passes through.
fn plan(ctx: &ResponseCtx<'_>, parts: &Parts) -> BodyPlan {
    let pins = &ctx.site.sanitize().pinned;
    let pin = (!pins.is_empty())
        .then(|| pins.get(ctx.url.get().path()))
        .flatten()
        .filter(|_| parts.status == StatusCode::OK && !is_bodiless(ctx, parts.status));
    if let Some(digest) = pin {
        BodyPlan::Pinned(digest)
    } else if parts.status.is_informational() {
        BodyPlan::PassThrough
    } else if head::is_html(&parts.headers)
        || parts.extensions.get::<SniffedHtml>().is_some()
        || parts.extensions.get::<DeclaredHtml>().is_some()
        || parts.extensions.get::<JsonFeedBody>().is_some()
    {
        BodyPlan::Sanitize
    } else if ctype::extract(&parts.headers).is_some_and(|m| multipart::is_parts(m.essence())) {
        BodyPlan::Parts
    } else if parts.status.is_success()
        && !is_bodiless(ctx, parts.status)
        && reviewed::is_script(&parts.headers, ctx.url.get().path())
    {
        BodyPlan::Reviewed
    } else if head::is_css(&parts.headers) && !is_bodiless(ctx, parts.status) {
        BodyPlan::Stylesheet
    } else {
        BodyPlan::PassThrough
    }
}

/// Step 5, on a body sanitized as HTML that came with no `Content-Type`: it is declared
/// `text/html`, what it was judged as. With `nosniff` (step 6) and no type, browsers
/// would show the portal's page as its source. No charset is added: the browser reads the
/// page's own `<meta>` as the sanitizer did. Not an audit event: nothing is removed or
/// refused, and the body is what it was judged as. A type the operator removes
/// (`[site.headers] remove`) stays removed.
fn declare_html(headers: &mut HeaderMap) {
    if !headers.contains_key(header::CONTENT_TYPE) {
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
    }
}

/// Step 6: never let a browser sniff the body into HTML.
fn nosniff(headers: &mut HeaderMap) {
    let nosniff = HeaderValue::from_static("nosniff");
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, nosniff);
}

#[cfg(test)]
mod tests;

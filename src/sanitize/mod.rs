//! Stage 6, response body: the sanitizer (and the head helpers stage 5 uses).
//!
//! The gateway core calls exactly two functions: [`prepare_request`] (in stage 4, before
//! the request goes upstream) and [`process_body`] (stage 6, as stage 5 in `proxy::head`
//! planned). The head checks that stage 5 runs use [`head`] and [`link_header`]; the
//! request-side gates (stage 3, after guard) are [`uploads`] and [`worker_gate`].
//!
//! Security notes a maintainer must not miss:
//! - Every HTML response is sanitized, whatever its status (404 and 500 pages too) and
//!   whoever asked (crawlers included: that is where cloaked spam hides).
//! - Anything we cannot sanitize with certainty is refused with the fixed 502 page and an
//!   audit event, never passed through: an unknown or stacked `Content-Encoding`
//!   (`body.encoding`), an unknown charset (`body.charset`), a `206` carrying
//!   part of an HTML page (`body.partial`; one that holds the whole page, or names no
//!   range, is sanitized and served as a `200`), a rewriter that cannot start (`body.error`), a
//!   `multipart/*` stream without a boundary or content-coded, or with a part
//!   that is not media, a font or PDF (`body.multipart`, see [`multipart`]).
//! - HTML is recognised by any of its declared types (`head::declares_html`) and, under a
//!   data type (JSON, plain text), by its first bytes ([`sniffed`]).
//! - `Range`/`If-Range` are stripped from requests that may return HTML: those whose
//!   `Accept` names HTML, or whose path does not end in a known static-asset extension
//!   (see [`may_return_html`]). A 206 that still carries part of a page is blocked.
//! - A redirect to an unapproved host is refused with a 403 page, a foreign `Refresh` or
//!   `Link` value is dropped (stage 5, `proxy::head::redirects`).
//! - Report mode only changes the head decisions on `Location`/`Refresh`/`Link` into reports;
//!   the body rewriter handles report mode itself, and the fail-closed refusals above
//!   apply in both modes (they are about what we cannot read, not about what we found).

pub mod audit_summary;
pub mod body;
pub mod codec;
pub mod codec_encode;
pub mod config;
pub mod content_type;
pub mod head;
mod held_last;
pub mod html;
pub mod json_look;
pub mod lexicon;
pub(crate) mod link_header;
pub mod multipart;
pub mod page_url;
pub mod pinned;
pub mod policy;
pub(crate) mod redirector;
pub mod reviewed;
pub mod script;
pub mod sniffed;
pub(crate) mod svg_data;
pub mod uploads;
pub(crate) mod worker_gate;

use http::request::Parts;
use http::{StatusCode, header};

use self::codec::{Codings, Decoder};
use self::codec_encode::Encoder;
use self::html::{PageContext, PageRewriter};
use crate::audit::{Action, AuditLog, Event, RequestInfo};
use crate::body::{GatewayBody, boxed};
use crate::settings::Site;

/// What the sanitizer knows about the request whose response it checks.
#[derive(Debug)]
pub struct ResponseCtx<'a> {
    pub site: &'a std::sync::Arc<Site>,
    pub request: &'a RequestInfo,
    /// The URL the client asked for: the base against which relative URLs in the
    /// response resolve.
    pub url: &'a page_url::PageUrl<'a>,
    /// The client's `Accept-Encoding`, for re-encoding a sanitized body.
    pub accept_encoding: Option<&'a http::HeaderValue>,
    pub audit: &'a AuditLog,
}

/// Static-asset extensions: a request for one of these keeps its `Range` (video seeking,
/// resumed downloads); any other path may answer with HTML.
const ASSET_EXTENSIONS: &[&str] = &[
    "css", "js", "mjs", "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "bmp", "svg", "woff",
    "woff2", "ttf", "otf", "eot", "mp4", "webm", "mp3", "ogg", "wav", "m4a", "pdf", "zip", "gz",
    "rar", "7z", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "txt", "csv", "xml",
    "json", "map",
];

/// Stage 4 hook: strips `Range`/`If-Range` from requests that may return HTML, and limits
/// `Accept-Encoding` to the codings we can decode.
pub fn prepare_request(site: &Site, parts: &mut Parts) {
    let accept = codec_encode::upstream_accept_encoding(parts.headers.get(header::ACCEPT_ENCODING));
    parts.headers.remove(header::ACCEPT_ENCODING);
    if let Some(v) = accept {
        parts.headers.insert(header::ACCEPT_ENCODING, v);
    }
    if may_return_html(parts) {
        parts.headers.remove(header::RANGE);
        parts.headers.remove(header::IF_RANGE);
    }
    pinned::prepare_request(&site.sanitize().pinned, parts);
}

/// `Accept` names HTML, or the path's last segment has no known asset extension.
pub fn may_return_html(parts: &Parts) -> bool {
    let accepts_html = parts.headers.get_all(header::ACCEPT).iter().any(|v| {
        v.as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"html"))
    });
    let last = parts.uri.path().rsplit('/').next().unwrap_or("");
    let is_asset = last
        .rsplit_once('.')
        .is_some_and(|(_, ext)| ASSET_EXTENSIONS.iter().any(|a| a.eq_ignore_ascii_case(ext)));
    accepts_html || !is_asset
}

/// A refusal of the whole response.
struct Refusal {
    rule: &'static str,
    target: Option<String>,
}

impl Refusal {
    fn new(rule: &'static str, target: Option<String>) -> Self {
        Self { rule, target }
    }
}

/// What stage 5 (`proxy::head`) decided about a response body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyPlan {
    /// Not HTML by its type (or an informational response): passed through as it is.
    PassThrough,
    /// A pinned first-party file: passed through while its SHA-256 is checked.
    Pinned([u8; 32]),
    /// Any other first-party script: passed through while a copy is judged (see
    /// [`reviewed`]).
    Reviewed,
    /// HTML (or no type at all): the streaming sanitizer.
    Sanitize,
    /// A `multipart/*` stream: media, font and PDF parts pass, anything else cuts it
    /// (see [`multipart`]).
    Parts,
    /// A stylesheet (`text/css`): filtered as it streams, like a page's `<style>`.
    Stylesheet,
}

/// Stage 6: wraps the body as stage 5 planned. Never returns unsanitized HTML: on any
/// doubt the body is replaced, and `Err` holds the fixed page sent instead (the event is
/// already logged).
pub fn process_body(
    ctx: ResponseCtx<'_>,
    mut parts: http::response::Parts,
    body: GatewayBody,
    plan: BodyPlan,
) -> Result<http::Response<GatewayBody>, Box<http::Response<GatewayBody>>> {
    match plan {
        BodyPlan::PassThrough => Ok(http::Response::from_parts(parts, body)),
        BodyPlan::Pinned(digest) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            let body = pinned::wrap(body, digest, ctx.request.clone(), ctx.audit.clone());
            Ok(http::Response::from_parts(parts, body))
        }
        BodyPlan::Reviewed => {
            parts.headers.remove(header::CONTENT_LENGTH);
            let body = reviewed::wrap(
                body,
                &parts.headers,
                ctx.site.clone(),
                ctx.url.get().clone(),
                ctx.request.clone(),
                ctx.audit.clone(),
            );
            Ok(http::Response::from_parts(parts, body))
        }
        BodyPlan::Sanitize | BodyPlan::Stylesheet => {
            let css = plan == BodyPlan::Stylesheet;
            match sanitize_html(&ctx, &mut parts, body, css) {
                Ok(body) => Ok(http::Response::from_parts(parts, body)),
                Err(r) => Err(Box::new(refuse(&ctx, r))),
            }
        }
        BodyPlan::Parts => match part_stream(&ctx, &parts, body) {
            Ok(body) => Ok(http::Response::from_parts(parts, body)),
            Err(r) => Err(Box::new(refuse(&ctx, r))),
        },
    }
}

/// Wraps a `multipart/*` body in its part filter; refused when it names no
/// boundary or is content-coded (its parts could not be read).
fn part_stream(
    ctx: &ResponseCtx<'_>,
    parts: &http::response::Parts,
    body: GatewayBody,
) -> Result<GatewayBody, Refusal> {
    if is_bodiless(ctx, parts.status) {
        return Ok(body);
    }
    match Codings::from_headers(&parts.headers) {
        Ok(c) if c.is_identity() => {}
        _ => {
            return Err(Refusal::new(
                multipart::RULE,
                Some("coded part stream".into()),
            ));
        }
    }
    let delim = content_type::extract(&parts.headers)
        .and_then(|m| multipart::delimiter(&m))
        .ok_or_else(|| Refusal::new(multipart::RULE, Some("no boundary".into())))?;
    let filter = multipart::PartsBody::new(body, delim, ctx.audit.clone(), ctx.request.clone());
    Ok(boxed(filter))
}

/// Sets up the body pipeline of an HTML response and fixes its headers.
/// `css`: the body is a stylesheet (a declared HTML type wins over it, see `proxy::head`).
fn sanitize_html(
    ctx: &ResponseCtx<'_>,
    parts: &mut http::response::Parts,
    body: GatewayBody,
    css: bool,
) -> Result<GatewayBody, Refusal> {
    if parts.status == StatusCode::PARTIAL_CONTENT {
        if !head::partial_is_whole(&parts.headers) {
            return Err(Refusal::new("body.partial", None));
        }
        parts.status = StatusCode::OK;
        parts.headers.remove(http::header::CONTENT_RANGE);
    }
    let codings = Codings::from_headers(&parts.headers)
        .map_err(|v| Refusal::new("body.encoding", Some(v)))?;
    let encoding =
        head::charset(&parts.headers).map_err(|l| Refusal::new("body.charset", Some(l)))?;
    let encoder = Encoder::new(codec_encode::negotiate(ctx.accept_encoding));
    head::prepare_rewritten(&mut parts.headers, encoder.header());
    if is_bodiless(ctx, parts.status) {
        return Ok(crate::body::empty());
    }
    let decoder = Decoder::new(&codings).map_err(|e| body_error(e.to_string()))?;
    let (summary, audit) = audit_summary::Summary::wrap(ctx.audit.clone());
    let page = PageContext {
        site: ctx.site.clone(),
        base: ctx.url.get().clone(),
        encoding,
        request: ctx.request.clone(),
        audit,
    };
    let json = parts.extensions.get::<json_look::JsonFeedBody>().copied();
    let rewriter = if let Some(json) = json {
        PageRewriter::for_json_feed(page, json == json_look::JsonFeedBody::Undecided)
    } else if head::is_xml(&parts.headers) {
        PageRewriter::for_xml(page)
    } else if head::is_markdown(&parts.headers) {
        PageRewriter::for_markdown(page)
    } else if css {
        PageRewriter::for_css(page)
    } else {
        PageRewriter::new(page)
    }
    .map_err(|e| body_error(e.to_string()))?;
    let reporter = body::Reporter {
        audit: ctx.audit.clone(),
        request: ctx.request.clone(),
        summary,
    };
    Ok(boxed(body::SanitizeBody::new(
        body, decoder, rewriter, encoder, reporter,
    )))
}

fn body_error(detail: String) -> Refusal {
    Refusal::new("body.error", Some(detail))
}

/// Responses that carry no body by definition; their (empty) body is not parsed.
pub fn is_bodiless(ctx: &ResponseCtx<'_>, status: StatusCode) -> bool {
    &*ctx.request.method == "HEAD"
        || status == StatusCode::NO_CONTENT
        || status == StatusCode::NOT_MODIFIED
}

/// Logs a refusal and answers with the fixed 502 page instead of the upstream's response.
fn refuse(ctx: &ResponseCtx<'_>, r: Refusal) -> http::Response<GatewayBody> {
    emit(ctx, r.rule, Action::Blocked, r.target);
    crate::pages::fixed_page(StatusCode::BAD_GATEWAY)
}

fn emit(ctx: &ResponseCtx<'_>, rule: &'static str, action: Action, target: Option<String>) {
    let mut event = Event::new(ctx.request, rule, action);
    event.target = target;
    ctx.audit.emit(event);
}

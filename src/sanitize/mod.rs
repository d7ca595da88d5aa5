//! Stages 5 and 6, response head and body: the sanitizer.
//!
//! STUB: owned by the sanitizer work. The gateway core calls exactly these two functions.

pub mod config;
pub mod html;
pub mod lexicon;
pub mod policy;
pub mod script;

use http::request::Parts;

use crate::audit::{AuditLog, RequestInfo};
use crate::config::Site;
use crate::proxy::body::GatewayBody;

/// What the sanitizer knows about the request whose response it checks.
#[derive(Debug)]
pub struct ResponseCtx<'a> {
    pub site: &'a std::sync::Arc<Site>,
    pub request: &'a RequestInfo,
    /// The URL the client asked for (scheme, the Host it used, path and query): the base
    /// against which relative URLs in the response resolve.
    pub url: &'a url::Url,
    /// The client's `Accept-Encoding`, for re-encoding a sanitized body.
    pub accept_encoding: Option<&'a http::HeaderValue>,
    pub audit: &'a AuditLog,
}

/// Stage 4 hook: adjusts the request before it goes upstream (e.g. strips `Range` from
/// requests that may return HTML, and limits `Accept-Encoding` to codecs we can decode).
pub fn prepare_request(_site: &Site, _parts: &mut Parts) {}

/// Stages 5 and 6: checks the response head and wraps the body in the streaming sanitizer.
/// Never returns unsanitized HTML: on any doubt the body is replaced.
pub fn process_response(
    _ctx: ResponseCtx<'_>,
    response: http::Response<GatewayBody>,
) -> http::Response<GatewayBody> {
    response
}

//! The fixed public pages: every refusal and error a client sees has one of these bodies,
//! fixed text and no detail (the details go to the operational log). A shared leaf, so
//! that the stages that refuse (`proxy::rescue`, the sanitizer, the audit fail-closed
//! switch) answer alike without importing each other.

use http::{HeaderValue, Response, StatusCode, header};

use crate::body::{GatewayBody, full};

/// A plain page for `status`, with fixed text.
pub(crate) fn fixed_page(status: StatusCode) -> Response<GatewayBody> {
    let text = match status.as_u16() {
        400 => "The request was malformed.",
        403 => "Access to this resource is not allowed.",
        408 => "The request was not received in time.",
        404 | 421 => "This gateway does not serve the requested site.",
        413 => "The request body is too large.",
        429 => "Too many requests. Please slow down and try again later.",
        431 => "The request headers are too large.",
        502 => "The site is temporarily unavailable.",
        504 => "The site did not answer in time.",
        _ => "The request could not be completed.",
    };
    page(status, text)
}

/// The 403 page for a redirect to a host outside the site (rule `header.location`).
pub(crate) fn redirect_blocked_page() -> Response<GatewayBody> {
    page(
        StatusCode::FORBIDDEN,
        "The link led outside this site and was blocked.",
    )
}

fn page(status: StatusCode, text: &'static str) -> Response<GatewayBody> {
    let reason = status.canonical_reason().unwrap_or("Error");
    let body = format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{code} {reason}</title></head>\n\
         <body><h1>{code} {reason}</h1><p>{text}</p><hr><p>lachan</p></body></html>\n",
        code = status.as_u16()
    );
    let mut resp = Response::new(full(body));
    *resp.status_mut() = status;
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    resp
}

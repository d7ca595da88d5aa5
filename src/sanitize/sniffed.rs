//! Stage 5, between the upstream's head and ours: data and text bodies that are HTML
//! documents. A doorway or redirect page sent as `application/json` or `text/plain` is
//! shown as text by Chromium (the gateway sends `nosniff` on every body it does not
//! sanitize), but crawlers and other clients sniff it, index its spam and follow its
//! links. So a body sent as one of [`SNIFFED`] types is looked at first: when its first
//! bytes sniff as HTML (the WHATWG HTML signatures, `uploads::sniff::sniffs_html`), it is
//! marked [`SniffedHtml`] and sanitized as HTML (its type is kept); otherwise it passes
//! byte for byte.
//!
//! A JSON body is also looked at for a JSON Feed (`json_look`), marked [`JsonFeedBody`] and
//! sanitized as one (or, still undecided at the window, streamed on while watched); only
//! then is more than its first byte held (bounded by the window).
//!
//! Real JSON, CSV and text never start with an HTML tag, so they are never touched: the
//! look stops at the first byte that is not white space, and only the frames read so far
//! are held ([`Peek`], bounded by the sniffing window). Event streams, scripts and styles
//! are not looked at (their first bytes may be long in coming, or legitimately `<!--`).
//! A body whose coding is unknown passes as before; one that fails to decode is marked,
//! so that the sanitizer cuts it (fail closed).

use std::time::Duration;

use http::Response;

use super::content_type;
use super::json_look::{self, JsonFeedBody, Look};
use super::uploads::peek::{Peek, PeekError};
use super::uploads::sniff::{SNIFF_WINDOW, sniffs_html};
use crate::body::{GatewayBody, boxed};
use crate::sanitize::codec::Codings;

/// Marks a response (in its extensions) whose body sniffs as HTML: stage 5 sanitizes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SniffedHtml;

/// Marks a response one of whose `Content-Type` values was an HTML type, although the one
/// browsers read is not (`text/html` then `text/plain`): stage 5 sanitizes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeclaredHtml;

/// Why the look at a body failed.
#[derive(Debug, thiserror::Error)]
pub enum SniffError {
    #[error("upstream body failed: {0}")]
    Upstream(String),
    #[error("upstream body too slow while sniffing")]
    Timeout(Duration),
}

/// Types whose bodies are looked at: data and text that a client may sniff into a page.
const SNIFFED: &[&str] = &[
    "application/json",
    "text/json",
    "application/x-json",
    "text/x-json",
    "application/javascript-json",
    "text/plain",
    "text/csv",
];

/// Whether a response with these headers is looked at: the data and text types of
/// [`SNIFFED`] and every `+json` type, and also every type the gateway has no reading of
/// (`application/octet-stream`, a vendor or made-up type, `foo/bar`): a client that does
/// not know a type sniffs the body, so a page sent so is a page (redteam). Not looked at:
/// what is sanitized anyway (HTML, XML, no type), part streams (read part by part),
/// media and fonts (never sniffed into a page), event streams, scripts and styles (see
/// the module docs).
pub fn wants_look(status: http::StatusCode, headers: &http::HeaderMap) -> bool {
    if status.is_informational()
        || status == http::StatusCode::NO_CONTENT
        || status == http::StatusCode::NOT_MODIFIED
    {
        return false;
    }
    content_type::extract(headers).is_some_and(|m| {
        let e = m.essence();
        SNIFFED.contains(&e) || e.ends_with("+json") || !understood(e)
    })
}

/// Types whose bodies the gateway reads by their type (see [`wants_look`]).
fn understood(essence: &str) -> bool {
    let (top, sub) = essence.split_once('/').unwrap_or((essence, ""));
    matches!(
        top,
        "image" | "audio" | "video" | "font" | "model" | "multipart"
    ) || matches!(
        essence,
        "text/event-stream" | "text/css" | "application/wasm"
    ) || sub.contains("javascript")
        || sub.contains("ecmascript")
        || super::head::is_html_essence(essence)
}

/// Looks at the start of the body (see the module docs); returns the response whole again,
/// marked [`SniffedHtml`] when it is a page.
pub async fn look(
    resp: Response<GatewayBody>,
    timeout: Duration,
) -> Result<Response<GatewayBody>, SniffError> {
    let Ok(coding) = Codings::from_headers(resp.headers()) else {
        return Ok(resp);
    };
    let (mut head, body) = resp.into_parts();
    let mut peek = match Peek::new(body, coding) {
        Ok(p) => p,
        Err(e) => return Err(SniffError::Upstream(e.to_string())),
    };
    let essence = content_type::extract(&head.headers)
        .map(|m| m.essence().to_string())
        .unwrap_or_default();
    let look = async {
        first_bytes(&mut peek).await?;
        let html = sniffs_html(peek.decoded());
        let feed = match !html && json_look::is_json_type(&essence) {
            true => is_feed(&mut peek, &essence).await?,
            false => None,
        };
        Ok::<_, PeekError>((html, feed))
    };
    let (html, feed) = match tokio::time::timeout(timeout, look).await {
        Err(_) => return Err(SniffError::Timeout(timeout)),
        Ok(Err(PeekError::Upstream(e))) => return Err(SniffError::Upstream(e.to_string())),
        Ok(Err(PeekError::Decode(_))) => (true, None),
        Ok(Ok(v)) => v,
    };
    if html {
        head.extensions.insert(SniffedHtml);
    } else if let Some(feed) = feed {
        head.extensions.insert(feed);
    }
    Ok(Response::from_parts(head, boxed(peek.replay())))
}

/// Whether a JSON body is a JSON Feed: by its type, or by its top-level `version`, read
/// as far as [`json_look::verdict`] needs (bounded by [`json_look::WINDOW`]); `None` for
/// a plain JSON body.
async fn is_feed(peek: &mut Peek, essence: &str) -> Result<Option<JsonFeedBody>, PeekError> {
    if json_look::is_feed_type(essence) {
        return Ok(Some(JsonFeedBody::Feed));
    }
    loop {
        match json_look::verdict(peek.decoded(), peek.complete) {
            Some(Look::Feed) => return Ok(Some(JsonFeedBody::Feed)),
            Some(Look::Undecided) => return Ok(Some(JsonFeedBody::Undecided)),
            Some(Look::Plain) => return Ok(None),
            None => {}
        }
        let next = peek.decoded().len() + 1;
        peek.fill(next).await?;
    }
}

/// Reads until the first byte that is not white space (or a BOM) is there, the sniffing
/// window is full, or the body ends; then up to the longest signature past that byte.
async fn first_bytes(peek: &mut Peek) -> Result<(), PeekError> {
    loop {
        let d = peek.decoded();
        let body = d.strip_prefix(b"\xef\xbb\xbf").unwrap_or(d);
        let start = body.iter().position(|b| !b.is_ascii_whitespace());
        // The start of a byte-order mark cut by a frame boundary decides nothing yet.
        let start = start.filter(|_| !json_look::bom_cut(d) || peek.complete);
        if let Some(s) = start {
            // Every HTML signature starts with `<`: any other first byte decides at once,
            // so that a streamed body (a download, an echo) is not held for more.
            if body[s] != b'<' {
                return Ok(());
            }
            let want = d.len() - body.len() + s + 16;
            return peek.fill(want.min(SNIFF_WINDOW)).await;
        }
        if peek.complete || d.len() >= SNIFF_WINDOW {
            return Ok(());
        }
        let next = d.len() + 1;
        peek.fill(next).await?;
    }
}

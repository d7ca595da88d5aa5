//! The head of a rewritten body waits for the body's first frame.
//!
//! hyper writes a response head together with the first body bytes. A sanitized body that
//! fails before it has produced anything (a corrupt or truncated content coding, a
//! rewriter that cannot go on, an upstream that resets) would otherwise end the exchange
//! with no response at all: HTTP/1.1 clients see an empty reply, HTTP/2 clients a reset
//! stream. Holding the head until the first non-empty frame lets such a failure be answered
//! with the fixed 502 page instead; the refusal itself is already in the audit log (the
//! body's reporter wrote `body.error`).
//!
//! Only rewritten bodies are held (pages and stylesheets): their first frame comes as soon
//! as the rewriter has output, so streaming is kept. Pass-through bodies (downloads,
//! event streams) are never held.

use bytes::Bytes;
use futures_util::stream::{self, StreamExt};
use http::{Response, StatusCode};
use http_body::Frame;
use http_body_util::{BodyExt, BodyStream, StreamBody};

use crate::body::{BoxError, GatewayBody, boxed};

/// Waits for the first frame of `resp`'s body with data, trailers or an end. A body that
/// fails first is replaced by the fixed 502 page (`Err`); anything else is sent on unchanged.
pub(crate) async fn hold_head(
    resp: Response<GatewayBody>,
) -> Result<Response<GatewayBody>, Response<GatewayBody>> {
    let (parts, mut body) = resp.into_parts();
    let first = loop {
        match body.frame().await {
            Some(Ok(frame)) if frame.data_ref().is_some_and(Bytes::is_empty) => continue,
            Some(Ok(frame)) => break Some(frame),
            None => break None,
            Some(Err(e)) => {
                tracing::warn!(error = %e, "rewritten body failed before its first byte: 502");
                return Err(crate::pages::fixed_page(StatusCode::BAD_GATEWAY));
            }
        }
    };
    let Some(first) = first else {
        return Ok(Response::from_parts(parts, body));
    };
    let head = stream::once(async move { Ok::<Frame<Bytes>, BoxError>(first) });
    let rest = BodyStream::new(body);
    Ok(Response::from_parts(
        parts,
        boxed(StreamBody::new(head.chain(rest))),
    ))
}

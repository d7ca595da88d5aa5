//! Body types shared by every stage: one boxed, streaming body type for responses and
//! forwarded requests, and helpers for the fixed pages.

use bytes::Bytes;
use http_body_util::{BodyExt, Full, combinators::UnsyncBoxBody};

/// Any error a body can fail with.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The one body type that flows through the gateway. Streaming; never buffered whole.
pub type GatewayBody = UnsyncBoxBody<Bytes, BoxError>;

/// A body from fixed bytes (block pages, error pages, admin answers).
pub fn full(bytes: impl Into<Bytes>) -> GatewayBody {
    Full::new(bytes.into())
        .map_err(|never| match never {})
        .boxed_unsync()
}

/// An empty body.
pub(crate) fn empty() -> GatewayBody {
    full(Bytes::new())
}

/// Boxes any body whose error converts into [`BoxError`].
pub fn boxed<B>(body: B) -> GatewayBody
where
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    body.map_err(Into::into).boxed_unsync()
}

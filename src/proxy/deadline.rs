//! A deadline on reading a request body (slow-body attacks: a client that trickles its
//! body to hold a connection open).
//!
//! hyper's header-read timeout ends once the head has arrived; a client can then drip its
//! body a byte at a time and hold an upstream connection for as long as it likes. The body
//! handed to the upstream client fails once `limits.request_body_timeout` has passed, so the
//! upstream call ends and the rescue point answers 408.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use tokio::time::Sleep;

use super::body::BoxError;

/// The error a body yields when its deadline passes.
#[derive(Debug, thiserror::Error)]
#[error("request body not received within {0:?}")]
pub(crate) struct BodyTimeout(pub Duration);

pin_project_lite::pin_project! {
    /// Wraps a body and fails it when the deadline passes before its end.
    pub(crate) struct Deadline<B> {
        #[pin]
        inner: B,
        #[pin]
        sleep: Sleep,
        limit: Duration,
    }
}

impl<B> Deadline<B> {
    pub(crate) fn new(inner: B, limit: Duration) -> Self {
        Self {
            inner,
            sleep: tokio::time::sleep(limit),
            limit,
        }
    }
}

impl<B> Body for Deadline<B>
where
    B: Body<Data = Bytes>,
    B::Error: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.project();
        if let Poll::Ready(frame) = this.inner.poll_frame(cx) {
            return Poll::Ready(frame.map(|f| f.map_err(Into::into)));
        }
        match this.sleep.poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(Box::new(BodyTimeout(*this.limit))))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::{BodyExt, Full, StreamBody};

    #[tokio::test(start_paused = true)]
    async fn a_complete_body_passes() {
        let body = Deadline::new(Full::new(Bytes::from_static(b"ok")), Duration::from_secs(1));
        assert_eq!(&body.collect().await.unwrap().to_bytes()[..], b"ok");
    }

    #[tokio::test(start_paused = true)]
    async fn a_stalled_body_fails_at_the_deadline() {
        let stalled = StreamBody::new(futures_util::stream::pending::<
            Result<Frame<Bytes>, std::io::Error>,
        >());
        let err = Deadline::new(stalled, Duration::from_secs(5))
            .collect()
            .await
            .unwrap_err();
        assert!(err.is::<BodyTimeout>(), "{err}");
    }
}

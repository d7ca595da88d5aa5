//! Stage 4, forward: the upstream's progress on a response counts as activity of the
//! client's connection.
//!
//! The client connection is dropped once nothing has moved on it for
//! `limits.idle_timeout` (`server::idle`). Bytes that arrive from the upstream count too:
//! while the sanitizer holds a block back (a hidden block being judged, a script being
//! reviewed), nothing reaches the client although the response is well under way. A
//! response on which neither side moves for the idle timeout is still dropped, as nginx's
//! `proxy_read_timeout` and `send_timeout` would.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};

use crate::workers::idle_watch::Activity;

pin_project_lite::pin_project! {
    /// An upstream body that touches the connection's [`Activity`] on every frame.
    pub(crate) struct Progress<B> {
        #[pin]
        inner: B,
        activity: Activity,
    }
}

impl<B> Progress<B> {
    pub(crate) fn new(inner: B, activity: Activity) -> Self {
        Self { inner, activity }
    }
}

impl<B: Body<Data = Bytes>> Body for Progress<B> {
    type Data = Bytes;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, B::Error>>> {
        let this = self.project();
        let frame = this.inner.poll_frame(cx);
        if let Poll::Ready(Some(Ok(_))) = &frame {
            this.activity.touch();
        }
        frame
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

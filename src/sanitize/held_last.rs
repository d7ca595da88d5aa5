//! Stage 6's fail-closed body for first-party scripts, pinned ([`super::pinned`]) or
//! reviewed ([`super::reviewed`]): the body streams as it comes, a [`Check`] sees every
//! data frame, and the last frame is held back until the upstream has ended. When the
//! check refuses at the end, that frame is never sent and the response ends in an error,
//! so the client sees a broken transfer (browsers do not run a script whose transfer
//! failed). At most one frame is held. Trailers are dropped.

use std::pin::Pin;
use std::task::{Context, Poll, ready};

use bytes::Bytes;
use http_body::{Body, Frame};

use crate::body::{BoxError, GatewayBody, boxed};

/// What judges a held body.
pub(super) trait Check: Send + Sync + 'static {
    /// Sees one data frame as it passes.
    fn take(&mut self, data: &Bytes);
    /// Whether the check has given up judging: from then on nothing is held.
    fn passing(&self) -> bool {
        false
    }
    /// At the end of the body: `Err` breaks the transfer off before its last frame.
    fn finish(&mut self) -> Result<(), BoxError>;
}

/// Wraps `body` so that it completes only if `check` allows it.
pub(super) fn wrap(body: GatewayBody, check: impl Check) -> GatewayBody {
    boxed(HeldLast {
        inner: body,
        held: None,
        check,
        done: false,
    })
}

pin_project_lite::pin_project! {
    struct HeldLast<C> {
        #[pin]
        inner: GatewayBody,
        held: Option<Bytes>,
        check: C,
        done: bool,
    }
}

impl<C: Check> Body for HeldLast<C> {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let mut this = self.project();
        loop {
            if *this.done {
                return Poll::Ready(None);
            }
            match ready!(this.inner.as_mut().poll_frame(cx)) {
                Some(Ok(frame)) => {
                    let Ok(data) = frame.into_data() else {
                        continue;
                    };
                    this.check.take(&data);
                    if this.check.passing() {
                        let out = match this.held.take() {
                            Some(prev) => [prev, data].concat().into(),
                            None => data,
                        };
                        return Poll::Ready(Some(Ok(Frame::data(out))));
                    }
                    if let Some(prev) = this.held.replace(data) {
                        return Poll::Ready(Some(Ok(Frame::data(prev))));
                    }
                }
                Some(Err(e)) => {
                    *this.done = true;
                    return Poll::Ready(Some(Err(e)));
                }
                None => {
                    *this.done = true;
                    if let Err(e) = this.check.finish() {
                        return Poll::Ready(Some(Err(e)));
                    }
                    return Poll::Ready(this.held.take().map(|b| Ok(Frame::data(b))));
                }
            }
        }
    }
}

/// A digest as `sha256-` audit details and config entries write it.
pub(super) fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

//! The fill: tees the sanitized body to the client and into a bounded buffer, and stores
//! the page only once the whole body has been sent without error.
//!
//! Runs after stage 6 on what the client receives, and never delays or changes it: each
//! frame is copied and passed on at once. Fail closed: a body cut by the sanitizer, the
//! origin or the client leaves nothing behind, and a body over the per-entry cap stops
//! being copied (the client still gets all of it).

use std::pin::Pin;
use std::task::{Context, Poll, ready};

use bytes::{Bytes, BytesMut};
use http_body::{Body, Frame, SizeHint};

use super::ticket::Pending;
use crate::body::{BoxError, GatewayBody};

pub(crate) struct TeeBody {
    inner: GatewayBody,
    buf: BytesMut,
    pending: Option<Pending>,
}

impl TeeBody {
    pub(crate) fn new(inner: GatewayBody, pending: Pending) -> Self {
        let hint = inner.size_hint().exact().unwrap_or(0);
        let cap = pending.cap();
        let buf = BytesMut::with_capacity(usize::try_from(hint).unwrap_or(0).min(cap));
        Self {
            inner,
            buf,
            pending: Some(pending),
        }
    }

    fn copy(&mut self, data: &Bytes) {
        let Some(p) = &self.pending else { return };
        if self.buf.len() + data.len() > p.cap() {
            self.abandon();
        } else {
            self.buf.extend_from_slice(data);
        }
    }

    fn abandon(&mut self) {
        if let Some(p) = self.pending.take() {
            p.abandon();
        }
        self.buf = BytesMut::new();
    }

    fn complete(&mut self) {
        if let Some(p) = self.pending.take() {
            p.finish(self.buf.split().freeze());
        }
    }
}

impl std::fmt::Debug for TeeBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TeeBody")
            .field("buffered", &self.buf.len())
            .finish()
    }
}

impl Body for TeeBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        match ready!(Pin::new(&mut this.inner).poll_frame(cx)) {
            Some(Ok(frame)) => {
                if let Some(data) = frame.data_ref() {
                    this.copy(data);
                }
                // hyper stops polling once the body says it has ended.
                if this.inner.is_end_stream() {
                    this.complete();
                }
                Poll::Ready(Some(Ok(frame)))
            }
            Some(Err(e)) => {
                this.abandon();
                Poll::Ready(Some(Err(e)))
            }
            None => {
                this.complete();
                Poll::Ready(None)
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

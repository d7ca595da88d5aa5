//! An I/O wrapper that remembers when bytes last moved, for the idle keep-alive timeout.
//! The clock ([`Activity`]) is the connection's (`ConnInfo::activity`): the upstream's
//! progress on a response in flight moves it too (`proxy::progress`), so a response the
//! sanitizer holds back while the upstream still sends is not taken for an idle one.
//!
//! hyper has no idle timeout for HTTP/2 connections. Its HTTP/1 header-read timer runs
//! whenever it waits for a request head, so an HTTP/1 keep-alive connection with no request
//! is closed after `limits.header_read_timeout` already; this watch covers the rest (HTTP/2,
//! a response or upgrade on which nothing moves). The accept loop closes a connection
//! gracefully once nothing has moved on it for `limits.idle_timeout`.

use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

pub(crate) use crate::workers::idle_watch::Activity;

pin_project_lite::pin_project! {
    /// Wraps an I/O stream and touches [`Activity`] on every read or write that moves bytes.
    #[derive(Debug)]
    pub(crate) struct Tracked<I> {
        #[pin]
        inner: I,
        activity: Activity,
    }
}

impl<I> Tracked<I> {
    pub(crate) fn new(inner: I, activity: Activity) -> Self {
        Self { inner, activity }
    }
}

impl<I: AsyncRead> AsyncRead for Tracked<I> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.project();
        let before = buf.filled().len();
        let res = this.inner.poll_read(cx, buf);
        if buf.filled().len() > before {
            this.activity.touch();
        }
        res
    }
}

impl<I: AsyncWrite> AsyncWrite for Tracked<I> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.project();
        let res = this.inner.poll_write(cx, data);
        if matches!(res, Poll::Ready(Ok(n)) if n > 0) {
            this.activity.touch();
        }
        res
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        self.project().inner.poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        self.project().inner.poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.project();
        let res = this.inner.poll_write_vectored(cx, bufs);
        if matches!(res, Poll::Ready(Ok(n)) if n > 0) {
            this.activity.touch();
        }
        res
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

//! Stage 1, accept: holds a new connection in a small buffer until its first request head
//! is complete, and only then hands it to hyper, the collected bytes replayed first.
//!
//! Why: hyper sets up about 27 KB for an HTTP/1 connection as soon as its first bytes
//! arrive (an 8 KiB write buffer, a read buffer that grows to 16 KiB while a head trickles
//! in, and its connection state). A slowloris client holds thousands of connections on
//! partial heads; collected here, each costs a buffer the size of what it has sent.
//!
//! Security notes:
//! * The wait is bounded by `limits.header_read_timeout` (then the connection is closed,
//!   as hyper's own timer would) and the buffer by `limits.max_header_size` (past it the
//!   connection goes to hyper, which refuses the head with a 431).
//! * Each read scans only the new bytes for the blank line, so a head sent a byte at a time
//!   costs linear work.
//! * Only the first head is collected; later heads on a kept-alive connection are read by
//!   hyper under its own header timeout. An HTTP/2 preface ends in a blank line too, so h2
//!   connections pass straight through.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, ReadBuf};

/// The buffer grows by this much when less than a quarter of it is left: a typical
/// slowloris head (a few hundred bytes) stays in the first allocation.
const CHUNK: usize = 512;

/// Reads from `io` until a blank line ends the first head, `max` bytes have arrived, or
/// the peer closes; `None` when `timeout` passes first or reading fails (the caller drops
/// the connection).
pub(crate) async fn collect<I: AsyncRead + Unpin>(
    io: &mut I,
    timeout: Duration,
    max: usize,
) -> Option<Vec<u8>> {
    match tokio::time::timeout(timeout, read_head(io, max)).await {
        Ok(Ok(head)) => Some(head),
        Ok(Err(e)) => {
            tracing::debug!(error = %e, "connection failed before its first head");
            None
        }
        Err(_) => {
            tracing::debug!("first request head too slow: connection closed");
            None
        }
    }
}

async fn read_head<I: AsyncRead + Unpin>(io: &mut I, max: usize) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    loop {
        if buf.capacity() - buf.len() < CHUNK / 4 {
            buf.reserve(CHUNK);
        }
        // The blank line may straddle two reads: look back three bytes.
        let from = buf.len().saturating_sub(3);
        if io.read_buf(&mut buf).await? == 0 || ends_head(&buf[from..]) || buf.len() >= max {
            return Ok(buf);
        }
    }
}

fn ends_head(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, b"\r\n\r\n").is_some()
        || memchr::memmem::find(bytes, b"\n\n").is_some()
}

pin_project_lite::pin_project! {
    /// An I/O stream that first replays bytes already read from it.
    #[derive(Debug)]
    pub(crate) struct Prefixed<I> {
        prefix: Vec<u8>,
        at: usize,
        #[pin]
        inner: I,
    }
}

impl<I> Prefixed<I> {
    pub(crate) fn new(prefix: Vec<u8>, inner: I) -> Self {
        Self {
            prefix,
            at: 0,
            inner,
        }
    }
}

impl<I: AsyncRead> AsyncRead for Prefixed<I> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.project();
        let left = &this.prefix[*this.at..];
        if left.is_empty() {
            return this.inner.poll_read(cx, buf);
        }
        let n = left.len().min(buf.remaining());
        buf.put_slice(&left[..n]);
        *this.at += n;
        if *this.at == this.prefix.len() {
            // Replayed: the buffer is not needed for the rest of the connection.
            *this.prefix = Vec::new();
            *this.at = 0;
        }
        Poll::Ready(Ok(()))
    }
}

impl<I: AsyncWrite> AsyncWrite for Prefixed<I> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        self.project().inner.poll_write(cx, data)
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
        self.project().inner.poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

#[cfg(test)]
mod tests;

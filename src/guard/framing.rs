//! Stage 1 helper for stage 3: an HTTP/1 head sniffer on the raw connection, for the two
//! smuggling signs that hyper erases before the guard can see the request.
//!
//! hyper accepts `Content-Length` together with `Transfer-Encoding` (it drops the length,
//! decodes chunked, and closes the connection after), and it silently merges repeated
//! equal `Content-Length` lines. Both are legal for hyper and safe for us, but a CMS behind
//! another proxy may frame them differently, so the gateway refuses them with a 400
//! (`smuggling.cl_te`, `smuggling.cl_duplicate`). Only the raw bytes show them.
//!
//! [`Sniff`] reads along with hyper: for each request head it records a [`Framing`]
//! verdict in a per-connection queue, then skips the body by the same rules hyper uses
//! (chunked wins over a length), so that heads and requests stay paired; the service pops
//! one verdict per request ([`Heads::tag`]). Memory is bounded: one head (at most
//! [`MAX_HEAD`] bytes) and a short queue. On HTTP/2, an upgrade, or anything it cannot
//! follow, the sniffer switches itself off and requests carry no verdict: hyper's own
//! handling (drop the length, close the connection) still applies then.

use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// The largest head we follow; beyond it hyper refuses the request anyway (431).
pub(crate) const MAX_HEAD: usize = 64 * 1024;
const MAX_QUEUE: usize = 32;
const MAX_LINE: usize = 4096;

/// The raw-head verdict attached to a request's extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Framing(pub Option<&'static str>);

/// The verdicts of one connection, in request order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Heads(Arc<Mutex<VecDeque<Framing>>>);

impl Heads {
    /// Attaches the next verdict to `req` (none once the sniffer is off).
    pub(crate) fn tag<B>(&self, req: &mut http::Request<B>) {
        if req.version() > http::Version::HTTP_11 {
            return;
        }
        if let Some(v) = self.0.lock().expect("heads poisoned").pop_front() {
            req.extensions_mut().insert(v);
        }
    }

    fn push(&self, v: Framing) -> bool {
        let mut q = self.0.lock().expect("heads poisoned");
        q.push_back(v);
        q.len() <= MAX_QUEUE
    }

    fn clear(&self) {
        self.0.lock().expect("heads poisoned").clear();
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Head,
    Fixed(u64),
    ChunkSize,
    ChunkData(u64),
    ChunkEnd,
    Trailers,
    Off,
}

/// Follows HTTP/1 message framing over a byte stream.
#[derive(Debug)]
pub(crate) struct Follower {
    state: State,
    buf: Vec<u8>,
    heads: Heads,
    first: bool,
}

impl Follower {
    pub(crate) fn new(heads: Heads) -> Self {
        Self {
            state: State::Head,
            buf: Vec::new(),
            heads,
            first: true,
        }
    }

    /// Feeds bytes as hyper reads them.
    pub(crate) fn feed(&mut self, mut data: &[u8]) {
        while !data.is_empty() && self.state != State::Off {
            let used = match self.state {
                State::Fixed(n) | State::ChunkData(n) => self.skip(n, data.len()),
                State::Head => self.head_bytes(data),
                _ => self.line_bytes(data),
            };
            data = &data[used..];
        }
    }

    fn skip(&mut self, n: u64, avail: usize) -> usize {
        let used = n.min(avail as u64);
        let left = n - used;
        self.state = match (self.state, left) {
            (State::Fixed(_), 0) => State::Head,
            (State::Fixed(_), l) => State::Fixed(l),
            (_, 0) => State::ChunkEnd,
            (_, l) => State::ChunkData(l),
        };
        used as usize
    }

    /// Collects a chunked body's framing line (size, end or trailer) and acts on it.
    fn line_bytes(&mut self, data: &[u8]) -> usize {
        let Some(nl) = memchr::memchr(b'\n', data) else {
            self.buf.extend_from_slice(data);
            self.check_size();
            return data.len();
        };
        self.buf.extend_from_slice(&data[..=nl]);
        self.check_size();
        if self.state == State::Off {
            return nl + 1;
        }
        match self.state {
            State::ChunkSize => self.chunk_size(),
            State::ChunkEnd => self.done_line(State::ChunkSize),
            State::Trailers => self.trailer_line(),
            _ => {}
        }
        nl + 1
    }

    fn check_size(&mut self) {
        let limit = if self.state == State::Head {
            MAX_HEAD
        } else {
            MAX_LINE
        };
        if self.buf.len() > limit {
            self.off();
        }
    }

    fn off(&mut self) {
        self.state = State::Off;
        self.buf = Vec::new();
        self.heads.clear();
    }

    fn done_line(&mut self, next: State) {
        self.buf.clear();
        self.state = next;
    }

    /// Finds the empty line that ends a request head. A head that arrives whole in one read
    /// (the usual case) is judged where it lies; only a head split across reads is copied.
    fn head_bytes(&mut self, data: &[u8]) -> usize {
        if self.buf.is_empty() {
            // hyper skips empty lines before a request line.
            let blank = leading_newlines(data);
            if blank > 0 {
                return blank;
            }
            if let Some(end) = head_end(data, 0) {
                if end > MAX_HEAD {
                    self.off();
                } else {
                    self.on_head(&data[..end]);
                }
                return end;
            }
        }
        let old = self.buf.len();
        let take = data.len().min(MAX_HEAD + 1 - old);
        self.buf.extend_from_slice(&data[..take]);
        let Some(end) = head_end(&self.buf, old) else {
            self.check_size();
            return take;
        };
        let mut head = std::mem::take(&mut self.buf);
        self.on_head(&head[..end]);
        if self.state != State::Off {
            head.clear();
            self.buf = head;
        }
        end - old
    }

    fn on_head(&mut self, head: &[u8]) {
        let head = &head[leading_newlines(head)..];
        if head.is_empty() {
            return;
        }
        if self.first && head.starts_with(b"PRI * HTTP/2.0") {
            return self.off();
        }
        self.first = false;
        let (verdict, next) = analyse(head);
        if !self.heads.push(verdict) {
            return self.off();
        }
        self.state = next;
    }

    fn chunk_size(&mut self) {
        let line = &self.buf;
        let end = memchr::memchr3(b';', b'\r', b'\n', line).unwrap_or(line.len());
        let hex = std::str::from_utf8(line[..end].trim_ascii()).unwrap_or("");
        match u64::from_str_radix(hex, 16) {
            Ok(0) => self.done_line(State::Trailers),
            Ok(n) => self.done_line(State::ChunkData(n)),
            Err(_) => self.off(),
        }
    }

    fn trailer_line(&mut self) {
        let empty = self.buf == b"\r\n" || self.buf == b"\n";
        self.done_line(if empty { State::Head } else { State::Trailers });
    }
}

/// The length of the empty lines (`\r\n` or `\n`) at the start of `data`.
fn leading_newlines(data: &[u8]) -> usize {
    let mut at = 0;
    loop {
        match &data[at..] {
            [b'\n', ..] => at += 1,
            [b'\r', b'\n', ..] => at += 2,
            _ => return at,
        }
    }
}

/// Where the head in `data` ends: just after the first line end that closes an empty line,
/// looking only at line ends from `from` on (earlier ones were looked at before).
fn head_end(data: &[u8], from: usize) -> Option<usize> {
    memchr::memchr_iter(b'\n', &data[from..])
        .map(|i| from + i)
        .find(|&nl| matches!(&data[..nl], [.., b'\n'] | [.., b'\n', b'\r']))
        .map(|nl| nl + 1)
}

/// The verdict on one head, and how its body is framed (as hyper frames it). Works on the
/// raw bytes: the names compared are ASCII, and this runs on every request head.
fn analyse(head: &[u8]) -> (Framing, State) {
    let mut lines = head
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let request_line = lines.next().unwrap_or_default();
    let (mut lengths, mut first_length, mut chunked, mut te) = (0, None, false, false);
    let mut upgrade = request_line.starts_with(b"CONNECT ");
    for line in lines {
        let Some(colon) = memchr::memchr(b':', line) else {
            continue;
        };
        let (name, value) = (&line[..colon], line[colon + 1..].trim_ascii());
        if name.eq_ignore_ascii_case(b"content-length") {
            lengths += 1;
            first_length = first_length.or(Some(value));
        } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
            te = true;
            let last = value.rsplit(|&b| b == b',').next().unwrap_or_default();
            chunked = last.trim_ascii().eq_ignore_ascii_case(b"chunked");
        } else if name.eq_ignore_ascii_case(b"upgrade") {
            upgrade = true;
        }
    }
    let verdict = match (te, lengths) {
        (true, n) if n > 0 => Some("smuggling.cl_te"),
        (_, n) if n > 1 => Some("smuggling.cl_duplicate"),
        _ => None,
    };
    let length = first_length
        .and_then(|l| std::str::from_utf8(l).ok())
        .and_then(|l| l.parse::<u64>().ok());
    let next = match (upgrade, chunked, length) {
        (true, _, _) => State::Off,
        (_, true, _) => State::ChunkSize,
        (_, _, Some(n)) if n > 0 => State::Fixed(n),
        _ => State::Head,
    };
    (Framing(verdict), next)
}

pin_project_lite::pin_project! {
    /// An I/O stream whose reads are followed by a [`Follower`].
    #[derive(Debug)]
    pub(crate) struct Sniff<I> {
        #[pin]
        inner: I,
        follower: Follower,
    }
}

impl<I> Sniff<I> {
    /// Wraps `inner`; the returned [`Heads`] hands out the verdicts.
    pub(crate) fn new(inner: I) -> (Self, Heads) {
        let heads = Heads::default();
        let follower = Follower::new(heads.clone());
        (Self { inner, follower }, heads)
    }
}

impl<I: AsyncRead> AsyncRead for Sniff<I> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.project();
        let before = buf.filled().len();
        let res = this.inner.poll_read(cx, buf);
        this.follower.feed(&buf.filled()[before..]);
        res
    }
}

impl<I: AsyncWrite> AsyncWrite for Sniff<I> {
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
#[path = "framing_tests.rs"]
mod tests;

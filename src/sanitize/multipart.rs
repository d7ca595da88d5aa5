//! Stage 6, `multipart/*` bodies. `multipart/x-mixed-replace` is a stream of parts, each
//! replacing the last on screen. Camera feeds send JPEG frames this way; Chromium also
//! renders a `text/html` part as a page, so a planted stream can deliver a doorway (or a
//! redirect) as its second part while its head looks like a camera's. `multipart/mixed`,
//! `related` and the others carry an HTML part that mail-like clients and downstream
//! renderers show. [`PartsBody`] reads the stream as Chromium does
//! (the delimiter is `--` and the `boundary` parameter, or the parameter itself when it
//! already starts with `--`; the part's type is its `Content-Type` header) and passes media,
//! font and PDF parts byte for byte. Anything else is refused, fail closed (`body.multipart`): a part of
//! any other type or with none, text before the first delimiter, a part head longer than
//! [`MAX_PART_HEAD`]. A refusal before anything was sent is the 502 page (no boundary, an
//! encoded stream); later, an audit event and an error frame that cuts the response, so
//! the client never sees the refused part.
//!
//! Memory stays bounded: each upstream frame is passed on as soon as it is read, except a
//! part head (at most [`MAX_PART_HEAD`]) and a tail shorter than the delimiter, which may
//! be the start of the next one.

use std::pin::Pin;
use std::task::{Context, Poll, ready};

use bytes::{Buf, Bytes, BytesMut};
use http_body::{Body, Frame, SizeHint};

use super::content_type::MimeType;
use crate::audit::{Action, AuditLog, Event, RequestInfo};
use crate::body::{BoxError, GatewayBody};

/// The rule id of every refusal here.
pub const RULE: &str = "body.multipart";

/// The longest part head (the delimiter line's rest and the part's header lines).
pub const MAX_PART_HEAD: usize = 8 * 1024;

/// The `multipart/x-mixed-replace` essence.
pub const ESSENCE: &str = "multipart/x-mixed-replace";

/// Whether a response of this essence is a part stream read here: every `multipart/` type.
/// Chromium renders `x-mixed-replace`; `mixed`, `related`, `alternative` and the rest are
/// rendered by mail-like clients and downstream renderers, which show an HTML part.
pub fn is_parts(essence: &str) -> bool {
    essence.starts_with("multipart/")
}

/// Why a stream was cut.
#[derive(Debug, thiserror::Error)]
pub enum PartsError {
    #[error("refused part stream: {0}")]
    Refused(String),
    #[error("upstream body failed: {0}")]
    Upstream(BoxError),
}

/// The delimiter of a stream with this type, if it names a boundary.
pub fn delimiter(mime: &MimeType) -> Option<Vec<u8>> {
    let b = mime.param("boundary")?.trim();
    if b.is_empty() {
        return None;
    }
    let mut d = Vec::with_capacity(b.len() + 2);
    if !b.starts_with("--") {
        d.extend_from_slice(b"--");
    }
    d.extend_from_slice(b.as_bytes());
    Some(d)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before the first delimiter: only white space may come.
    Preamble,
    /// Right after a delimiter: the rest of its line and the part's headers.
    Head,
    /// Inside a part that passes.
    Part,
    /// After the close delimiter: nothing more is sent.
    Closed,
}

/// The filtering body of one part stream.
pub struct PartsBody {
    upstream: GatewayBody,
    delim: Vec<u8>,
    held: BytesMut,
    phase: Phase,
    audit: AuditLog,
    request: RequestInfo,
    done: bool,
}

impl std::fmt::Debug for PartsBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PartsBody")
            .field("phase", &self.phase)
            .finish()
    }
}

impl PartsBody {
    pub fn new(
        upstream: GatewayBody,
        delim: Vec<u8>,
        audit: AuditLog,
        request: RequestInfo,
    ) -> Self {
        Self {
            upstream,
            delim,
            held: BytesMut::new(),
            phase: Phase::Preamble,
            audit,
            request,
            done: false,
        }
    }

    /// Takes in one frame's bytes; returns what may be sent now.
    fn feed(&mut self, data: &[u8]) -> Result<Bytes, PartsError> {
        self.held.extend_from_slice(data);
        let mut out = BytesMut::new();
        loop {
            let progressed = match self.phase {
                Phase::Preamble => self.preamble(&mut out)?,
                Phase::Head => self.head(&mut out)?,
                Phase::Part => self.part(&mut out),
                Phase::Closed => {
                    self.epilogue(&mut out);
                    false
                }
            };
            if !progressed {
                return Ok(out.freeze());
            }
        }
    }

    fn find(&self) -> Option<usize> {
        memchr::memmem::find(&self.held, &self.delim)
    }

    fn preamble(&mut self, out: &mut BytesMut) -> Result<bool, PartsError> {
        let found = self.find();
        // Without a delimiter yet, the tail may be the start of one.
        let tail = (self.delim.len() - 1).min(self.held.len());
        let text = &self.held[..found.unwrap_or(self.held.len() - tail)];
        if !text.iter().all(u8::is_ascii_whitespace) {
            return Err(refused("text before the first boundary"));
        }
        let Some(i) = found else {
            if self.held.len() > MAX_PART_HEAD {
                return Err(refused("no boundary in the stream's start"));
            }
            return Ok(false);
        };
        out.extend_from_slice(&self.held.split_to(i + self.delim.len()));
        self.phase = Phase::Head;
        Ok(true)
    }

    fn head(&mut self, out: &mut BytesMut) -> Result<bool, PartsError> {
        if self.held.len() < 2 {
            return Ok(false);
        }
        if self.held.starts_with(b"--") {
            out.extend_from_slice(&self.held.split_to(2));
            self.phase = Phase::Closed;
            return Ok(true);
        }
        let Some(end) = head_end(&self.held) else {
            if self.held.len() > MAX_PART_HEAD {
                return Err(refused("part head too long"));
            }
            return Ok(false);
        };
        if end > MAX_PART_HEAD {
            return Err(refused("part head too long"));
        }
        let head = self.held.split_to(end);
        judge_part(&head)?;
        out.extend_from_slice(&head);
        self.phase = Phase::Part;
        Ok(true)
    }

    fn part(&mut self, out: &mut BytesMut) -> bool {
        match self.find() {
            Some(i) => {
                out.extend_from_slice(&self.held.split_to(i + self.delim.len()));
                self.phase = Phase::Head;
                true
            }
            None => {
                let keep = (self.delim.len() - 1).min(self.held.len());
                let send = self.held.len() - keep;
                out.extend_from_slice(&self.held.split_to(send));
                false
            }
        }
    }

    /// After the close delimiter nothing renders: white space passes (the usual CRLF),
    /// anything else is dropped.
    fn epilogue(&mut self, out: &mut BytesMut) {
        let text = self.held.split();
        if text.iter().all(u8::is_ascii_whitespace) {
            out.extend_from_slice(&text);
        }
    }

    fn finish(&mut self) -> Result<Bytes, PartsError> {
        match self.phase {
            // A stream that never began, or that ends in a part head, sent nothing that
            // could render; the held tail of a passing part is that part's.
            Phase::Part => Ok(self.held.split().freeze()),
            Phase::Preamble | Phase::Head | Phase::Closed => {
                self.held.advance(self.held.len());
                Ok(Bytes::new())
            }
        }
    }

    fn fail(&mut self, err: PartsError) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        self.done = true;
        self.held.clear();
        let event = Event::new(&self.request, RULE, Action::Blocked).detail(err.to_string());
        self.audit.emit(event);
        Poll::Ready(Some(Err(Box::new(err))))
    }
}

fn refused(why: &str) -> PartsError {
    PartsError::Refused(why.to_string())
}

/// Where the part head ends: just past the first empty line after the delimiter's line.
fn head_end(b: &[u8]) -> Option<usize> {
    let mut pos = memchr::memchr(b'\n', b)? + 1;
    loop {
        let nl = memchr::memchr(b'\n', &b[pos..])?;
        let line = &b[pos..pos + nl];
        pos += nl + 1;
        if line.iter().all(|&c| c == b'\r') {
            return Some(pos);
        }
    }
}

/// A part passes when all its `Content-Type` headers name a type that no client renders
/// as a page ([`inert`]).
fn judge_part(head: &[u8]) -> Result<(), PartsError> {
    let text = String::from_utf8_lossy(head);
    let mut types = text.lines().skip(1).filter_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-type")
            .then(|| value.trim().to_string())
    });
    let mut seen = false;
    for value in types.by_ref() {
        seen = true;
        let essence = MimeType::parse(&value).map(|m| m.essence().to_string());
        if !essence.as_deref().is_some_and(inert) {
            let shown = super::policy::short(&value);
            return Err(PartsError::Refused(format!("part of type {shown:?}")));
        }
    }
    match seen {
        true => Ok(()),
        false => Err(refused("part without a type")),
    }
}

/// Media (an image that is not SVG: an SVG document runs script), fonts and PDF: what a
/// camera feed, a `multipart/byteranges` of a file or a `multipart/mixed` bundle of
/// attachments carries. Text, HTML, XML and every unknown type may be shown (or sniffed)
/// as a page, so they cut the stream.
fn inert(essence: &str) -> bool {
    let top = essence.split('/').next().unwrap_or("");
    let markup = essence.contains("svg") || essence.ends_with("xml") || essence.contains("htm");
    !markup && (matches!(top, "image" | "audio" | "video" | "font") || essence == "application/pdf")
}

impl Body for PartsBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        loop {
            if this.done {
                return Poll::Ready(None);
            }
            match ready!(Pin::new(&mut this.upstream).poll_frame(cx)) {
                Some(Ok(frame)) => {
                    let Ok(data) = frame.into_data() else {
                        continue;
                    };
                    match this.feed(&data) {
                        Ok(b) if b.is_empty() => continue,
                        Ok(b) => return Poll::Ready(Some(Ok(Frame::data(b)))),
                        Err(e) => return this.fail(e),
                    }
                }
                Some(Err(e)) => return this.fail(PartsError::Upstream(e)),
                None => {
                    this.done = true;
                    return match this.finish() {
                        Ok(b) if b.is_empty() => Poll::Ready(None),
                        Ok(b) => Poll::Ready(Some(Ok(Frame::data(b)))),
                        Err(e) => this.fail(e),
                    };
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.done
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::default()
    }
}

#[cfg(test)]
#[path = "multipart_tests.rs"]
mod tests;

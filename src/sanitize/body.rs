//! Stage 6, response body: the streaming, fail-closed sanitizing body.
//!
//! [`SanitizeBody`] pulls upstream frames as the client reads (so back-pressure is the
//! client's own), decodes them in bounded steps, feeds the [`PageRewriter`], re-encodes,
//! and yields each piece at once: the first bytes leave before the upstream has finished,
//! and memory per response stays bounded whatever the body's size.
//!
//! Security note: on any error (upstream body, codec, size cap, rewriter) the body emits
//! an audit event and then an error frame, so hyper aborts the response: the client sees
//! a cut-off response, never the raw remainder. Nothing unsanitized is ever flushed.
//! Trailers are dropped (they could carry anything, and HTML has no use for them).
//!
//! Audit volume: the rewriter's events go through a per-response
//! [`super::audit_summary::Summary`] (one event per rule and action, with a count), which
//! is flushed when the body ends or is cut, and on drop when the client goes away.

use std::pin::Pin;
use std::task::{Context, Poll, ready};

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};

use super::codec::{CodecError, Decoder};
use super::codec_encode::Encoder;
use super::html::{PageRewriter, RewriteError};
use crate::audit::{Action, AuditLog, Event, RequestInfo};
use crate::body::{BoxError, GatewayBody};

/// Why a sanitized body was cut.
#[derive(Debug, thiserror::Error)]
pub enum BodyError {
    #[error(transparent)]
    Codec(#[from] CodecError),
    #[error(transparent)]
    Rewrite(#[from] RewriteError),
    #[error("upstream body failed: {0}")]
    Upstream(BoxError),
}

impl BodyError {
    fn rule(&self) -> &'static str {
        match self {
            Self::Codec(CodecError::TooLarge) => "body.too_large",
            _ => "body.error",
        }
    }
}

/// Where the events of a cut body go.
#[derive(Debug)]
pub struct Reporter {
    pub audit: AuditLog,
    pub request: RequestInfo,
    /// The rewriter's findings, written as one event per rule when the body ends or is cut.
    pub summary: std::sync::Arc<super::audit_summary::Summary>,
}

/// The sanitizing body of one HTML response.
pub struct SanitizeBody {
    upstream: GatewayBody,
    pending: Bytes,
    decoder: Decoder,
    rewriter: Option<PageRewriter>,
    encoder: Option<Encoder>,
    reporter: Reporter,
    done: bool,
}

impl SanitizeBody {
    pub fn new(
        upstream: GatewayBody,
        decoder: Decoder,
        rewriter: PageRewriter,
        encoder: Encoder,
        reporter: Reporter,
    ) -> Self {
        Self {
            upstream,
            pending: Bytes::new(),
            decoder,
            rewriter: Some(rewriter),
            encoder: Some(encoder),
            reporter,
            done: false,
        }
    }

    /// Runs one bounded step over the pending input; `None` when it produced nothing yet.
    fn step(&mut self) -> Result<Option<Bytes>, BodyError> {
        let decoded = self.decoder.decode(&mut self.pending)?;
        if decoded.is_empty() {
            return Ok(None);
        }
        self.rewrite_and_encode(&decoded)
    }

    fn rewrite_and_encode(&mut self, decoded: &[u8]) -> Result<Option<Bytes>, BodyError> {
        let (Some(rewriter), Some(encoder)) = (&mut self.rewriter, &mut self.encoder) else {
            return Ok(None);
        };
        let clean = rewriter.write(decoded)?;
        if clean.is_empty() {
            return Ok(None);
        }
        Ok(Some(encoder.encode(clean)?).filter(|b| !b.is_empty()))
    }

    /// The upstream ended: check the stream is complete, end the document, close the coding.
    fn finish(&mut self) -> Result<Bytes, BodyError> {
        let tail = self.decoder.finish()?;
        let mut out = Vec::new();
        if !tail.is_empty()
            && let Some(b) = self.rewrite_and_encode(&tail)?
        {
            out.extend_from_slice(&b);
        }
        let (Some(rewriter), Some(mut encoder)) = (self.rewriter.take(), self.encoder.take())
        else {
            return Ok(Bytes::new());
        };
        let last = rewriter.end()?;
        // Written before the last bytes leave: once a client has the whole page, its
        // events are in the log.
        self.reporter.summary.flush();
        if !last.is_empty() {
            out.extend_from_slice(&encoder.encode(last)?);
        }
        out.extend_from_slice(&encoder.finish()?);
        Ok(Bytes::from(out))
    }

    /// Fails closed: logs, drops everything held, and aborts the response.
    fn fail(&mut self, err: BodyError) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        self.done = true;
        self.pending = Bytes::new();
        self.rewriter = None;
        self.encoder = None;
        self.reporter.summary.flush();
        let event =
            Event::new(&self.reporter.request, err.rule(), Action::Blocked).detail(err.to_string());
        self.reporter.audit.emit(event);
        tracing::warn!(request_id = %self.reporter.request.request_id, error = %err, "sanitized body cut");
        Poll::Ready(Some(Err(Box::new(err))))
    }
}

impl std::fmt::Debug for SanitizeBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SanitizeBody")
            .field("done", &self.done)
            .finish()
    }
}

impl Body for SanitizeBody {
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
            if !this.pending.is_empty() || this.decoder.buffered() {
                match this.step() {
                    Ok(Some(b)) => return Poll::Ready(Some(Ok(Frame::data(b)))),
                    Ok(None) => continue,
                    Err(e) => return this.fail(e),
                }
            }
            match ready!(Pin::new(&mut this.upstream).poll_frame(cx)) {
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        this.pending = data;
                    }
                }
                Some(Err(e)) => return this.fail(BodyError::Upstream(e)),
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

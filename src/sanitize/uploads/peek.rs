//! A bounded look at the start of a response body, and the body replayed afterwards.
//!
//! The upload check must decide before the head goes out (a refusal is a 403), so it
//! holds back the first frames of the body, decoding them (gzip, deflate, br, zstd) into
//! at most the number of bytes it asks for. Memory stays bounded by that request plus one
//! decoder step; nothing past it is read. The held frames are then sent on, unchanged and
//! in order, ahead of the rest of the body ([`Replay`]).

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use http_body_util::BodyExt;

use crate::body::{BoxError, GatewayBody};
use crate::sanitize::codec::{CodecError, Codings, Decoder};

/// Why the start of a body could not be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PeekError {
    #[error("upstream body failed: {0}")]
    Upstream(BoxError),
    #[error("cannot decode the body: {0}")]
    Decode(#[from] CodecError),
}

/// The start of one body: the raw frames held back and what they decode to.
pub(crate) struct Peek {
    body: GatewayBody,
    held: VecDeque<Frame<Bytes>>,
    decoder: Decoder,
    /// Raw input the decoder has not taken yet.
    pending: Bytes,
    decoded: Vec<u8>,
    /// The body ended: `decoded` is all of it.
    pub(crate) complete: bool,
}

impl std::fmt::Debug for Peek {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Peek")
            .field("held", &self.held.len())
            .field("decoded", &self.decoded.len())
            .field("complete", &self.complete)
            .finish()
    }
}

impl Peek {
    pub(crate) fn new(body: GatewayBody, coding: Codings) -> Result<Self, PeekError> {
        Ok(Self {
            body,
            held: VecDeque::new(),
            decoder: Decoder::new(&coding)?,
            pending: Bytes::new(),
            decoded: Vec::new(),
            complete: false,
        })
    }

    /// The decoded bytes read so far (at most one decoder step past the last `want`).
    pub(crate) fn decoded(&self) -> &[u8] {
        &self.decoded
    }

    /// Reads until `want` decoded bytes are there or the body ends.
    pub(crate) async fn fill(&mut self, want: usize) -> Result<(), PeekError> {
        loop {
            self.drain(want)?;
            if self.decoded.len() >= want || self.complete {
                return Ok(());
            }
            match self.body.frame().await {
                None => {
                    self.complete = true;
                    let tail = self.decoder.finish()?;
                    self.decoded.extend_from_slice(&tail);
                }
                Some(Err(e)) => return Err(PeekError::Upstream(e)),
                Some(Ok(frame)) => {
                    if let Some(data) = frame.data_ref() {
                        self.pending = concat(&self.pending, data);
                    }
                    self.held.push_back(frame);
                }
            }
        }
    }

    fn drain(&mut self, want: usize) -> Result<(), CodecError> {
        while (!self.pending.is_empty() || self.decoder.buffered()) && self.decoded.len() < want {
            // One decoder step past `want` at most: a later, larger `fill` continues
            // from exactly here.
            let out = self.decoder.decode(&mut self.pending)?;
            self.decoded.extend_from_slice(&out);
        }
        Ok(())
    }

    /// The whole body again: the held frames, then the rest.
    pub(crate) fn replay(self) -> Replay {
        Replay {
            held: self.held,
            body: self.body,
        }
    }
}

fn concat(a: &Bytes, b: &Bytes) -> Bytes {
    if a.is_empty() {
        return b.clone();
    }
    let mut v = Vec::with_capacity(a.len() + b.len());
    v.extend_from_slice(a);
    v.extend_from_slice(b);
    v.into()
}

/// A body that first yields the frames a [`Peek`] held back.
pub(crate) struct Replay {
    held: VecDeque<Frame<Bytes>>,
    body: GatewayBody,
}

impl Body for Replay {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        if let Some(frame) = self.held.pop_front() {
            return Poll::Ready(Some(Ok(frame)));
        }
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.held.is_empty() && self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        let held: u64 = self
            .held
            .iter()
            .filter_map(|f| f.data_ref())
            .map(|d| d.len() as u64)
            .sum();
        let inner = self.body.size_hint();
        let mut hint = SizeHint::new();
        hint.set_lower(inner.lower() + held);
        if let Some(upper) = inner.upper() {
            hint.set_upper(upper + held);
        }
        hint
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::full;
    use crate::sanitize::codec::Coding;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[tokio::test]
    async fn a_gzip_body_is_decoded_for_the_look_and_replayed_unchanged() {
        let page = b"<!doctype html><p>tai xiu</p>".repeat(100);
        let raw = gzip(&page);
        let mut peek = Peek::new(full(raw.clone()), Codings::one(Coding::Gzip)).unwrap();
        peek.fill(16).await.unwrap();
        assert!(peek.decoded().starts_with(&page[..16]));
        let again = peek.replay().collect().await.unwrap().to_bytes();
        assert_eq!(&again[..], &raw[..]);
    }

    #[tokio::test]
    async fn a_short_body_is_read_to_its_end() {
        let mut peek = Peek::new(full(&b"<svg/>"[..]), Codings::one(Coding::Identity)).unwrap();
        peek.fill(1024).await.unwrap();
        assert!(peek.complete);
        assert_eq!(peek.decoded(), b"<svg/>");
    }

    #[tokio::test]
    async fn a_corrupt_body_is_an_error() {
        let mut peek =
            Peek::new(full(&b"not gzip at all"[..]), Codings::one(Coding::Gzip)).unwrap();
        assert!(peek.fill(1024).await.is_err());
    }
}

//! Stage 6, response body: incremental decoding (gzip, deflate, br, zstd) before the
//! rewriter; re-encoding after it is in [`codec_encode`](super::codec_encode).
//!
//! Security notes:
//! - Decompression bombs: input is fed in small slices and each call stops once it has
//!   produced [`OUT_TARGET`] bytes, so memory per response stays bounded. A slice that alone
//!   expands past [`STEP_CAP`] (only a bomb does that) and a body that decodes past
//!   [`MAX_DECODED`] fail with [`CodecError::TooLarge`]; the caller cuts the response.
//! - A truncated or corrupt stream is an error, never "whatever decoded so far is fine":
//!   the caller cuts the response (fail closed).
//! - Stacked codings (`Content-Encoding: deflate, gzip`, browsers undo them all) are decoded
//!   layer by layer, [`MAX_LAYERS`] at most. Each layer is bounded like a single one, and a
//!   layer runs only once the layers under it have read everything it gave them, so nothing
//!   piles up between them. Unknown codings and deeper stacks are refused by
//!   [`Codings::from_headers`] so that they are blocked, never passed through.

use std::io::{self, Write};

use bytes::Bytes;
use http::HeaderMap;

/// Bytes of input fed to a decoder at a time.
const STEP_IN: usize = 512;
/// A decode call returns once it has produced this much.
const OUT_TARGET: usize = 64 * 1024;
/// One input slice may not expand past this (deflate's own worst case is ~1032:1).
const STEP_CAP: usize = 8 * 1024 * 1024;
/// A compressed body may not decode past this.
pub const MAX_DECODED: u64 = 256 * 1024 * 1024;
/// Codings stacked deeper than this are refused (browsers give up well before a bomb would).
pub const MAX_LAYERS: usize = 3;

#[derive(Debug, thiserror::Error)]
pub enum CodecError {
    #[error("decoded body exceeds the size cap")]
    TooLarge,
    #[error("corrupt or truncated compressed body: {0}")]
    Corrupt(io::Error),
    #[error("re-encoding failed: {0}")]
    Encode(io::Error),
}

/// A content coding that we can decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Identity,
    Gzip,
    Deflate,
    Br,
    Zstd,
}

impl Coding {
    pub(crate) fn from_token(token: &str) -> Option<Self> {
        match token.trim().to_ascii_lowercase().as_str() {
            "" | "identity" => Some(Self::Identity),
            "gzip" | "x-gzip" => Some(Self::Gzip),
            "deflate" => Some(Self::Deflate),
            "br" => Some(Self::Br),
            "zstd" => Some(Self::Zstd),
            _ => None,
        }
    }
}

/// The content codings of a body, in the order the origin applied them (`identity` left
/// out): the last one is undone first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Codings(Vec<Coding>);

impl Codings {
    /// One coding (or none, for `Identity`).
    pub fn one(coding: Coding) -> Self {
        Self(if coding == Coding::Identity {
            Vec::new()
        } else {
            vec![coding]
        })
    }

    /// No coding at all.
    pub fn is_identity(&self) -> bool {
        self.0.is_empty()
    }

    /// The response's `Content-Encoding`, over all its lines; `Err` carries the value we
    /// refuse (unknown, unreadable, or stacked deeper than [`MAX_LAYERS`]).
    pub(crate) fn from_headers(headers: &HeaderMap) -> Result<Self, String> {
        let (mut found, mut seen) = (Vec::new(), Vec::new());
        for value in headers.get_all(http::header::CONTENT_ENCODING) {
            let text = value.to_str().map_err(|_| "<non-ASCII>".to_string())?;
            seen.push(text);
            for token in text.split(',') {
                let coding = Coding::from_token(token).ok_or_else(|| text.to_string())?;
                if coding != Coding::Identity {
                    found.push(coding);
                }
            }
        }
        if found.len() > MAX_LAYERS {
            return Err(seen.join(", "));
        }
        Ok(Self(found))
    }
}

/// A `Vec` that refuses to grow past a cap: the decoders write into it.
#[derive(Debug, Default)]
struct Sink {
    buf: Vec<u8>,
}

impl Write for Sink {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.buf.len() + data.len() > STEP_CAP {
            return Err(io::Error::other(Bomb));
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("decompression step exceeds its cap")]
struct Bomb;

fn classify(e: io::Error) -> CodecError {
    if e.get_ref().is_some_and(|inner| inner.is::<Bomb>()) {
        CodecError::TooLarge
    } else {
        CodecError::Corrupt(e)
    }
}

enum Inner {
    Identity,
    Gzip(flate2::write::GzDecoder<Sink>),
    /// `deflate` is meant to be zlib, but some servers send raw deflate: wait for two
    /// bytes, then pick.
    DeflateSniff(Vec<u8>),
    Zlib(flate2::write::ZlibDecoder<Sink>),
    Raw(flate2::write::DeflateDecoder<Sink>),
    Br(Box<brotli::DecompressorWriter<Sink>>),
    Zstd(Box<zstd::stream::raw::Decoder<'static>>, usize),
}

/// One coding undone incrementally.
struct Layer {
    inner: Inner,
    total: u64,
    /// Whether any input arrived: an empty body under a coding header is just empty.
    fed: bool,
}

impl Layer {
    fn new(coding: Coding) -> Result<Self, CodecError> {
        let inner = match coding {
            Coding::Identity => Inner::Identity,
            Coding::Gzip => Inner::Gzip(flate2::write::GzDecoder::new(Sink::default())),
            Coding::Deflate => Inner::DeflateSniff(Vec::new()),
            Coding::Br => Inner::Br(Box::new(brotli::DecompressorWriter::new(
                Sink::default(),
                4096,
            ))),
            Coding::Zstd => {
                let d = zstd::stream::raw::Decoder::new().map_err(CodecError::Corrupt)?;
                Inner::Zstd(Box::new(d), 1)
            }
        };
        Ok(Self {
            inner,
            total: 0,
            fed: false,
        })
    }

    fn decode(&mut self, input: &mut Bytes) -> Result<Bytes, CodecError> {
        self.fed |= !input.is_empty();
        let out = match &mut self.inner {
            Inner::Identity => input.split_to(input.len().min(OUT_TARGET)),
            Inner::Zstd(d, hint) => zstd_step(d, hint, input)?,
            Inner::DeflateSniff(head) => {
                let take = input.len().min(2 - head.len());
                head.extend_from_slice(&input.split_to(take));
                if head.len() == 2 {
                    self.inner = pick_deflate(head)?;
                }
                Bytes::new()
            }
            _ => self.write_steps(input)?,
        };
        self.count(out.len())?;
        Ok(out)
    }

    fn write_steps(&mut self, input: &mut Bytes) -> Result<Bytes, CodecError> {
        while !input.is_empty() && self.sink_len() < OUT_TARGET {
            let step = input.split_to(input.len().min(STEP_IN));
            let res = match &mut self.inner {
                Inner::Gzip(d) => d.write_all(&step),
                Inner::Zlib(d) => d.write_all(&step),
                Inner::Raw(d) => d.write_all(&step),
                Inner::Br(d) => d.write_all(&step),
                _ => Ok(()),
            };
            res.map_err(classify)?;
        }
        Ok(self.take_sink())
    }

    fn sink(&mut self) -> Option<&mut Sink> {
        match &mut self.inner {
            Inner::Gzip(d) => Some(d.get_mut()),
            Inner::Zlib(d) => Some(d.get_mut()),
            Inner::Raw(d) => Some(d.get_mut()),
            Inner::Br(d) => Some(d.get_mut()),
            _ => None,
        }
    }

    fn sink_len(&mut self) -> usize {
        self.sink().map_or(0, |s| s.buf.len())
    }

    fn take_sink(&mut self) -> Bytes {
        self.sink()
            .map_or_else(Bytes::new, |s| Bytes::from(std::mem::take(&mut s.buf)))
    }

    fn count(&mut self, n: usize) -> Result<(), CodecError> {
        self.total += n as u64;
        let encoded = !matches!(self.inner, Inner::Identity);
        if encoded && self.total > MAX_DECODED {
            return Err(CodecError::TooLarge);
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<Bytes, CodecError> {
        if !self.fed {
            return Ok(Bytes::new());
        }
        let res = match &mut self.inner {
            Inner::Identity => Ok(()),
            Inner::Gzip(d) => d.try_finish(),
            Inner::Zlib(d) => d.try_finish(),
            Inner::Raw(d) => d.try_finish(),
            Inner::Br(d) => d.close(),
            Inner::Zstd(_, hint) if *hint == 0 => Ok(()),
            Inner::Zstd(..) | Inner::DeflateSniff(_) => Err(io::ErrorKind::UnexpectedEof.into()),
        };
        res.map_err(classify)?;
        let out = self.take_sink();
        self.count(out.len())?;
        Ok(out)
    }
}

/// Incremental decoder for one response body: its codings undone, outermost first.
pub struct Decoder {
    /// `layers[0]` reads the body as it arrives; the last one gives the decoded bytes.
    layers: Vec<Layer>,
    /// `between[i]`: what layer `i` gave and layer `i + 1` has not read yet.
    between: Vec<Bytes>,
}

impl std::fmt::Debug for Decoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let totals: Vec<u64> = self.layers.iter().map(|l| l.total).collect();
        f.debug_struct("Decoder").field("totals", &totals).finish()
    }
}

impl Decoder {
    pub(crate) fn new(codings: &Codings) -> Result<Self, CodecError> {
        let mut layers = codings
            .0
            .iter()
            .rev()
            .map(|&c| Layer::new(c))
            .collect::<Result<Vec<_>, _>>()?;
        if layers.is_empty() {
            layers.push(Layer::new(Coding::Identity)?);
        }
        let between = vec![Bytes::new(); layers.len() - 1];
        Ok(Self { layers, between })
    }

    /// One bounded step: consumes from the front of `input` (or from what an outer layer
    /// gave) and returns about [`OUT_TARGET`] decoded bytes at most, often none. Call again
    /// while `input` is not empty or [`Self::buffered`] says so.
    pub(crate) fn decode(&mut self, input: &mut Bytes) -> Result<Bytes, CodecError> {
        let last = self.layers.len() - 1;
        // The deepest layer with something to read goes first.
        let Some(i) = (1..=last)
            .rev()
            .find(|&i| !self.between[i - 1].is_empty())
            .or((!input.is_empty()).then_some(0))
        else {
            return Ok(Bytes::new());
        };
        let src = if i == 0 {
            input
        } else {
            &mut self.between[i - 1]
        };
        let out = self.layers[i].decode(src)?;
        if i == last {
            return Ok(out);
        }
        self.between[i] = out;
        Ok(Bytes::new())
    }

    /// Whether an inner layer still holds input: decode again even if the body's own
    /// input is used up.
    pub(crate) fn buffered(&self) -> bool {
        self.between.iter().any(|b| !b.is_empty())
    }

    /// Ends the stream: fails if any layer was truncated; returns the last decoded bytes
    /// (an outer layer's tail is undone by the inner ones, [`STEP_CAP`] at most).
    pub(crate) fn finish(&mut self) -> Result<Bytes, CodecError> {
        let mut carry = Bytes::new();
        for (i, layer) in self.layers.iter_mut().enumerate() {
            let mut input = match i {
                0 => Bytes::new(),
                _ => concat(std::mem::take(&mut self.between[i - 1]), carry),
            };
            let mut out = Vec::new();
            while !input.is_empty() {
                out.extend_from_slice(&layer.decode(&mut input)?);
                if out.len() > STEP_CAP {
                    return Err(CodecError::TooLarge);
                }
            }
            out.extend_from_slice(&layer.finish()?);
            carry = Bytes::from(out);
        }
        Ok(carry)
    }
}

fn concat(a: Bytes, b: Bytes) -> Bytes {
    if a.is_empty() {
        return b;
    }
    let mut v = Vec::with_capacity(a.len() + b.len());
    v.extend_from_slice(&a);
    v.extend_from_slice(&b);
    Bytes::from(v)
}

fn pick_deflate(head: &[u8]) -> Result<Inner, CodecError> {
    let zlib = head[0] & 0x0f == 8 && (u16::from(head[0]) << 8 | u16::from(head[1])) % 31 == 0;
    let mut inner = if zlib {
        Inner::Zlib(flate2::write::ZlibDecoder::new(Sink::default()))
    } else {
        Inner::Raw(flate2::write::DeflateDecoder::new(Sink::default()))
    };
    let res = match &mut inner {
        Inner::Zlib(d) => d.write_all(head),
        Inner::Raw(d) => d.write_all(head),
        _ => Ok(()),
    };
    res.map_err(classify)?;
    Ok(inner)
}

/// zstd decodes into a buffer we size, so its output is bounded by construction. `hint` is
/// zstd's "bytes still expected" (0 at a frame boundary), for the truncation check.
fn zstd_step(
    d: &mut zstd::stream::raw::Decoder<'static>,
    hint: &mut usize,
    input: &mut Bytes,
) -> Result<Bytes, CodecError> {
    use zstd::stream::raw::{InBuffer, Operation, OutBuffer};
    let mut out = vec![0u8; OUT_TARGET];
    let mut in_buf = InBuffer::around(&input[..]);
    let mut out_buf = OutBuffer::around(&mut out[..]);
    while in_buf.pos() < in_buf.src.len() && out_buf.pos() < OUT_TARGET {
        *hint = d
            .run(&mut in_buf, &mut out_buf)
            .map_err(CodecError::Corrupt)?;
    }
    let (used, produced) = (in_buf.pos(), out_buf.pos());
    let _ = input.split_to(used);
    out.truncate(produced);
    Ok(Bytes::from(out))
}

#[cfg(test)]
#[path = "codec_tests.rs"]
mod tests;

//! Stage 6, response body: incremental decoding (gzip, deflate, br, zstd) before the
//! rewriter and re-encoding (gzip, br) after it.
//!
//! Security notes:
//! - Decompression bombs: input is fed in small slices and each call stops once it has
//!   produced [`OUT_TARGET`] bytes, so memory per response stays bounded. A slice that alone
//!   expands past [`STEP_CAP`] (only a bomb does that) and a body that decodes past
//!   [`MAX_DECODED`] fail with [`CodecError::TooLarge`]; the caller cuts the response.
//! - A truncated or corrupt stream is an error, never "whatever decoded so far is fine":
//!   the caller cuts the response (fail closed).
//! - Only one content coding is decoded; stacked or unknown codings are refused by
//!   [`Coding::from_headers`] so that they are blocked, never passed through.

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
    fn from_token(token: &str) -> Option<Self> {
        match token.trim().to_ascii_lowercase().as_str() {
            "" | "identity" => Some(Self::Identity),
            "gzip" | "x-gzip" => Some(Self::Gzip),
            "deflate" => Some(Self::Deflate),
            "br" => Some(Self::Br),
            "zstd" => Some(Self::Zstd),
            _ => None,
        }
    }

    /// The response's `Content-Encoding`; `Err` carries the value we refuse (unknown,
    /// unreadable or stacked codings).
    pub(crate) fn from_headers(headers: &HeaderMap) -> Result<Self, String> {
        let mut found = Self::Identity;
        for value in headers.get_all(http::header::CONTENT_ENCODING) {
            let text = value.to_str().map_err(|_| "<non-ASCII>".to_string())?;
            for token in text.split(',') {
                let coding = Self::from_token(token).ok_or_else(|| text.to_string())?;
                if coding == Self::Identity {
                    continue;
                }
                if found != Self::Identity {
                    return Err(text.to_string());
                }
                found = coding;
            }
        }
        Ok(found)
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

/// Incremental decoder for one response body.
pub struct Decoder {
    inner: Inner,
    total: u64,
    /// Whether any input arrived: an empty body under a coding header is just empty.
    fed: bool,
}

impl std::fmt::Debug for Decoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Decoder")
            .field("total", &self.total)
            .finish()
    }
}

impl Decoder {
    pub(crate) fn new(coding: Coding) -> Result<Self, CodecError> {
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

    /// Decodes from the front of `input`, consuming as much as it uses, and returns about
    /// [`OUT_TARGET`] bytes at most (call again while `input` is not empty).
    pub(crate) fn decode(&mut self, input: &mut Bytes) -> Result<Bytes, CodecError> {
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

    /// Ends the stream: fails if it was truncated; returns the last decoded bytes.
    pub(crate) fn finish(&mut self) -> Result<Bytes, CodecError> {
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

/// The coding we send a sanitized body in, from the client's `Accept-Encoding`.
pub(crate) fn negotiate(accept: Option<&http::HeaderValue>) -> Coding {
    let Some(text) = accept.and_then(|v| v.to_str().ok()) else {
        return Coding::Identity;
    };
    let accepted = |name: &str| {
        text.split(',').any(|item| {
            let mut parts = item.split(';');
            let token = parts.next().unwrap_or("").trim();
            let q_zero = parts.any(|p| {
                let p = p.trim();
                p.starts_with("q=") && p[2..].trim().parse::<f32>().is_ok_and(|q| q <= 0.0)
            });
            token.eq_ignore_ascii_case(name) && !q_zero
        })
    };
    if accepted("br") {
        Coding::Br
    } else if accepted("gzip") || accepted("x-gzip") {
        Coding::Gzip
    } else {
        Coding::Identity
    }
}

/// Incremental encoder for the sanitized body. Every chunk is flushed, so that what the
/// rewriter produced reaches the client without waiting for the rest of the page.
pub enum Encoder {
    Identity,
    Gzip(flate2::write::GzEncoder<Vec<u8>>),
    Br(Box<brotli::CompressorWriter<Vec<u8>>>),
}

impl std::fmt::Debug for Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Encoder")
    }
}

impl Encoder {
    pub(crate) fn new(coding: Coding) -> Self {
        match coding {
            Coding::Gzip => Self::Gzip(flate2::write::GzEncoder::new(
                Vec::new(),
                flate2::Compression::new(4),
            )),
            Coding::Br => Self::Br(Box::new(brotli::CompressorWriter::new(
                Vec::new(),
                4096,
                4,
                20,
            ))),
            _ => Self::Identity,
        }
    }

    /// The `Content-Encoding` value to send, if any.
    pub(crate) fn header(&self) -> Option<&'static str> {
        match self {
            Self::Identity => None,
            Self::Gzip(_) => Some("gzip"),
            Self::Br(_) => Some("br"),
        }
    }

    pub(crate) fn encode(&mut self, data: Bytes) -> Result<Bytes, CodecError> {
        let out = match self {
            Self::Identity => return Ok(data),
            Self::Gzip(e) => e
                .write_all(&data)
                .and_then(|()| e.flush())
                .map(|()| e.get_mut()),
            Self::Br(e) => e
                .write_all(&data)
                .and_then(|()| e.flush())
                .map(|()| e.get_mut()),
        };
        let out = out.map_err(CodecError::Encode)?;
        Ok(Bytes::from(std::mem::take(out)))
    }

    pub(crate) fn finish(self) -> Result<Bytes, CodecError> {
        let out = match self {
            Self::Identity => Ok(Vec::new()),
            Self::Gzip(e) => e.finish(),
            Self::Br(e) => Ok(e.into_inner()),
        };
        out.map(Bytes::from).map_err(CodecError::Encode)
    }
}

/// `Accept-Encoding` for the upstream: the client's list reduced to codings we decode, so
/// that a body we pass through untouched is still one the client accepts.
pub(crate) fn upstream_accept_encoding(
    client: Option<&http::HeaderValue>,
) -> Option<http::HeaderValue> {
    let text = client?.to_str().ok()?;
    let kept: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|item| {
            let token = item.split(';').next().unwrap_or("");
            Coding::from_token(token).is_some() && !token.trim().is_empty()
        })
        .collect();
    if kept.is_empty() {
        return None;
    }
    http::HeaderValue::from_str(&kept.join(", ")).ok()
}

#[cfg(test)]
#[path = "codec_tests.rs"]
mod tests;

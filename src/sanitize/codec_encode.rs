//! Stage 6, response body, the way out: the coding a sanitized body is sent in, the
//! incremental encoder, and the `Accept-Encoding` the upstream is asked with.

use std::io::Write;

use bytes::Bytes;

use super::codec::{CodecError, Coding};

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

//! Bodies and responses for the scripted upstream: status and headers, bodies sent in
//! given chunks, and the HTTP content codings both ways.

use std::convert::Infallible;
use std::io::Write;

use bytes::Bytes;
use http::{Response, StatusCode};
use http_body_util::StreamBody;
use hyper::body::Frame;
use lachan::body::{GatewayBody, boxed};

pub fn full(data: impl Into<Bytes>) -> GatewayBody {
    lachan::body::full(data)
}

pub fn resp(status: u16, headers: &[(&str, &str)], body: GatewayBody) -> Response<GatewayBody> {
    let mut r = Response::new(body);
    *r.status_mut() = StatusCode::from_u16(status).unwrap();
    for (k, v) in headers {
        let name = http::HeaderName::from_bytes(k.as_bytes()).unwrap();
        r.headers_mut().append(name, v.parse().unwrap());
    }
    r
}

/// An HTML page with a validator (which a sanitized answer must drop).
pub fn html(status: u16, body: GatewayBody) -> Response<GatewayBody> {
    let headers = [
        ("content-type", "text/html; charset=utf-8"),
        ("etag", "\"v1\""),
    ];
    resp(status, &headers, body)
}

/// A body sent as the given frames.
pub fn chunked(chunks: Vec<Bytes>) -> GatewayBody {
    let frames = chunks
        .into_iter()
        .map(|c| Ok::<_, Infallible>(Frame::data(c)));
    boxed(StreamBody::new(futures_util::stream::iter(frames)))
}

/// Splits `data` into chunks of `size` bytes (the last may be shorter).
pub fn chunks_of(data: &[u8], size: usize) -> Vec<Bytes> {
    data.chunks(size.max(1))
        .map(Bytes::copy_from_slice)
        .collect()
}

/// Splits `data` into chunks of 1 to 7 bytes (a fixed, varied pattern).
pub fn tiny_chunks(data: &[u8]) -> Vec<Bytes> {
    let mut out = Vec::new();
    let (mut i, mut n) = (0, 0);
    while i < data.len() {
        let len = (n % 7 + 1).min(data.len() - i);
        out.push(Bytes::copy_from_slice(&data[i..i + len]));
        i += len;
        n += 3;
    }
    out
}

/// `data` compressed with an HTTP content coding; `deflate-raw` is deflate without the
/// zlib wrapper (which some servers send under `Content-Encoding: deflate`).
pub fn compress(coding: &str, data: &[u8]) -> Vec<u8> {
    match coding {
        "identity" => data.to_vec(),
        "gzip" => {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(data).unwrap();
            e.finish().unwrap()
        }
        "deflate" => {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(data).unwrap();
            e.finish().unwrap()
        }
        "deflate-raw" => {
            let mut e =
                flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(data).unwrap();
            e.finish().unwrap()
        }
        "br" => {
            let mut e = brotli::CompressorWriter::new(Vec::new(), 4096, 5, 22);
            e.write_all(data).unwrap();
            e.into_inner()
        }
        "zstd" => zstd::encode_all(data, 3).unwrap(),
        other => panic!("{other}"),
    }
}

/// Decodes a body the gateway sent with `Content-Encoding: coding`.
pub fn decompress(coding: Option<&str>, data: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    match coding {
        None => out.extend_from_slice(data),
        Some("gzip") => {
            flate2::read::GzDecoder::new(data)
                .read_to_end(&mut out)
                .unwrap();
        }
        Some("br") => {
            brotli::Decompressor::new(data, 4096)
                .read_to_end(&mut out)
                .unwrap();
        }
        Some(other) => panic!("unexpected coding {other}"),
    }
    out
}

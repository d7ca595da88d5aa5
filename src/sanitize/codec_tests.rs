//! Unit tests of the codec layer: round trips in tiny slices, truncation, bombs.

use std::io::Write;

use bytes::Bytes;

use super::*;
use crate::sanitize::codec_encode::{Encoder, negotiate, upstream_accept_encoding};

fn compress(coding: Coding, data: &[u8]) -> Vec<u8> {
    match coding {
        Coding::Gzip => {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            e.write_all(data).unwrap();
            e.finish().unwrap()
        }
        Coding::Deflate => {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
            e.write_all(data).unwrap();
            e.finish().unwrap()
        }
        Coding::Br => {
            let mut e = brotli::CompressorWriter::new(Vec::new(), 4096, 9, 22);
            e.write_all(data).unwrap();
            e.into_inner()
        }
        Coding::Zstd => zstd::encode_all(data, 3).unwrap(),
        Coding::Identity => data.to_vec(),
    }
}

fn decode_chunked(coding: Coding, data: &[u8], chunk: usize) -> Result<Vec<u8>, CodecError> {
    decode_stacked(&Codings::one(coding), data, chunk)
}

/// Decodes `data` fed in `chunk`-sized pieces, the way the body filter drives a decoder.
fn decode_stacked(codings: &Codings, data: &[u8], chunk: usize) -> Result<Vec<u8>, CodecError> {
    let mut d = Decoder::new(codings)?;
    let mut out = Vec::new();
    for piece in data.chunks(chunk) {
        let mut input = Bytes::copy_from_slice(piece);
        while !input.is_empty() || d.buffered() {
            out.extend_from_slice(&d.decode(&mut input)?);
        }
    }
    out.extend_from_slice(&d.finish()?);
    Ok(out)
}

fn page() -> Vec<u8> {
    "<p>Cổng thông tin điện tử</p>\n".repeat(5000).into_bytes()
}

#[test]
fn every_coding_round_trips_in_tiny_chunks() {
    let page = page();
    for coding in [
        Coding::Identity,
        Coding::Gzip,
        Coding::Deflate,
        Coding::Br,
        Coding::Zstd,
    ] {
        let packed = compress(coding, &page);
        for chunk in [1, 7, 16 * 1024] {
            assert_eq!(
                decode_chunked(coding, &packed, chunk).unwrap(),
                page,
                "{coding:?}"
            );
        }
    }
}

#[test]
fn raw_deflate_is_accepted_as_deflate() {
    let page = page();
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(&page).unwrap();
    let packed = e.finish().unwrap();
    assert_eq!(decode_chunked(Coding::Deflate, &packed, 5).unwrap(), page);
}

#[test]
fn truncated_streams_fail() {
    let page = page();
    for coding in [Coding::Gzip, Coding::Deflate, Coding::Br, Coding::Zstd] {
        let packed = compress(coding, &page);
        let cut = &packed[..packed.len() * 2 / 3];
        assert!(decode_chunked(coding, cut, 100).is_err(), "{coding:?}");
    }
}

#[test]
fn bombs_are_cut() {
    let zeros = vec![0u8; 16 * 1024 * 1024];
    let mut packed = Vec::new();
    let mut e = flate2::write::GzEncoder::new(&mut packed, flate2::Compression::best());
    for _ in 0..(MAX_DECODED / zeros.len() as u64 + 1) {
        e.write_all(&zeros).unwrap();
    }
    e.finish().unwrap();
    let err = decode_chunked(Coding::Gzip, &packed, 16 * 1024).unwrap_err();
    assert!(matches!(err, CodecError::TooLarge), "{err}");
}

fn headers(lines: &[&'static str]) -> http::HeaderMap {
    let mut h = http::HeaderMap::new();
    for line in lines {
        h.append("content-encoding", http::HeaderValue::from_static(line));
    }
    h
}

#[test]
fn unknown_codings_and_deep_stacks_are_refused() {
    use Coding::*;
    let read = |lines: &[&'static str]| Codings::from_headers(&headers(lines));
    assert_eq!(read(&["gzip"]), Ok(Codings::one(Gzip)));
    assert_eq!(read(&["identity"]), Ok(Codings::default()));
    assert_eq!(read(&["deflate, gzip"]), Ok(Codings(vec![Deflate, Gzip])));
    assert_eq!(read(&["br", "identity, zstd"]), Ok(Codings(vec![Br, Zstd])));
    assert!(read(&["compress"]).is_err());
    assert!(read(&["gzip", "x-unknown"]).is_err());
    assert!(
        read(&["gzip, gzip", "gzip, gzip"]).is_err(),
        "past MAX_LAYERS"
    );
}

/// What the origin sends for `Content-Encoding: a, b, c`: `a` applied first.
fn compress_stacked(codings: &[Coding], data: &[u8]) -> Vec<u8> {
    codings
        .iter()
        .fold(data.to_vec(), |body, &coding| compress(coding, &body))
}

#[test]
fn stacked_codings_are_undone_in_order_in_tiny_chunks() {
    use Coding::*;
    let page = page();
    let stacks: [&[Coding]; 6] = [
        &[Gzip, Gzip],
        &[Deflate, Gzip],
        &[Gzip, Deflate],
        &[Br, Zstd],
        &[Zstd, Br],
        &[Gzip, Deflate, Br],
    ];
    for stack in stacks {
        let packed = compress_stacked(stack, &page);
        let codings = Codings(stack.to_vec());
        for chunk in [1, 7, 16 * 1024] {
            let got = decode_stacked(&codings, &packed, chunk).unwrap();
            assert!(got == page, "{stack:?} in {chunk}-byte chunks");
        }
    }
}

#[test]
fn a_truncated_layer_anywhere_in_a_stack_fails() {
    use Coding::*;
    let page = page();
    let codings = Codings(vec![Deflate, Gzip]);
    let packed = compress_stacked(&[Deflate, Gzip], &page);
    let outer_cut = &packed[..packed.len() * 2 / 3];
    assert!(decode_stacked(&codings, outer_cut, 100).is_err());
    let inner = compress(Deflate, &page);
    let inner_cut = compress(Gzip, &inner[..inner.len() * 2 / 3]);
    assert!(decode_stacked(&codings, &inner_cut, 100).is_err());
}

#[test]
fn a_stacked_bomb_is_cut_with_bounded_steps() {
    let zeros = vec![0u8; 16 * 1024 * 1024];
    let mut inner = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    for _ in 0..(MAX_DECODED / zeros.len() as u64 + 1) {
        inner.write_all(&zeros).unwrap();
    }
    let packed = compress(Coding::Gzip, &inner.finish().unwrap());
    let mut d = Decoder::new(&Codings(vec![Coding::Gzip, Coding::Gzip])).unwrap();
    let mut input = Bytes::from(packed);
    let err = loop {
        match d.decode(&mut input) {
            // No step returns more than a decoder's output target.
            Ok(out) => assert!(out.len() <= STEP_CAP),
            Err(e) => break e,
        }
        assert!(
            !input.is_empty() || d.buffered(),
            "the bomb ended undetected"
        );
    };
    assert!(matches!(err, CodecError::TooLarge), "{err}");
}

#[test]
fn negotiation_honours_q_values() {
    let v = |s: &'static str| http::HeaderValue::from_static(s);
    assert_eq!(negotiate(Some(&v("gzip, deflate, br"))), Coding::Br);
    assert_eq!(negotiate(Some(&v("gzip, br;q=0"))), Coding::Gzip);
    assert_eq!(negotiate(Some(&v("identity"))), Coding::Identity);
    assert_eq!(negotiate(None), Coding::Identity);
    let up = upstream_accept_encoding(Some(&v("gzip, compress, br;q=0.5, *"))).unwrap();
    assert_eq!(up, "gzip, br;q=0.5");
}

#[test]
fn encoders_stream_and_decode_back() {
    let page = page();
    for coding in [Coding::Gzip, Coding::Br, Coding::Identity] {
        let mut enc = Encoder::new(coding);
        let mut out = Vec::new();
        for piece in page.chunks(3000) {
            let got = enc.encode(Bytes::copy_from_slice(piece)).unwrap();
            assert!(!got.is_empty(), "each chunk is flushed");
            out.extend_from_slice(&got);
        }
        out.extend_from_slice(&enc.finish().unwrap());
        assert_eq!(decode_chunked(coding, &out, 4096).unwrap(), page);
    }
}

#[test]
fn an_empty_body_under_a_coding_is_empty() {
    for coding in [Coding::Gzip, Coding::Deflate, Coding::Br, Coding::Zstd] {
        assert_eq!(decode_chunked(coding, b"", 1).unwrap(), b"");
    }
}

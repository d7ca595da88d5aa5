//! Unit tests of the codec layer: round trips in tiny slices, truncation, bombs.

use std::io::Write;

use bytes::Bytes;

use super::*;

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
    let mut d = Decoder::new(coding)?;
    let mut out = Vec::new();
    for piece in data.chunks(chunk) {
        let mut input = Bytes::copy_from_slice(piece);
        while !input.is_empty() {
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

#[test]
fn unknown_and_stacked_codings_are_refused() {
    let mut h = http::HeaderMap::new();
    h.insert("content-encoding", "gzip".parse().unwrap());
    assert_eq!(Coding::from_headers(&h), Ok(Coding::Gzip));
    h.insert("content-encoding", "compress".parse().unwrap());
    assert!(Coding::from_headers(&h).is_err());
    h.insert("content-encoding", "gzip, br".parse().unwrap());
    assert!(Coding::from_headers(&h).is_err());
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

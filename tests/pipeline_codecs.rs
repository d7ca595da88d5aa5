//! Codings, chunking and charsets through a real gateway: every upstream coding is
//! decoded and every client coding served with the same sanitized bytes, tiny chunks give
//! the one-chunk output, a windows-1258 page comes out byte for byte, HTML requests go
//! upstream without ranges or codings we cannot read, and what cannot be read with
//! certainty (a `206` of HTML, UTF-16, a decompression bomb) is refused or cut.

mod common;

use bytes::Bytes;
use common::body::{chunked, compress, decompress, full, html, resp, tiny_chunks};
use common::gateway::{Setup, rewritten};
use http::StatusCode;
use http_body_util::BodyExt;

const PAGE: &str = include_str!("corpus/e2e/portal.html");

#[tokio::test]
async fn every_upstream_coding_is_decoded_and_every_client_coding_served() {
    let h = Setup::portal().start().await;
    let clean = rewritten(PAGE.as_bytes());
    for coding in ["gzip", "deflate", "br", "zstd"] {
        let packed = Bytes::from(compress(coding, PAGE.as_bytes()));
        let path = format!("/{coding}");
        h.upstream.route(&path, move || {
            let mut r = html(200, full(packed.clone()));
            r.headers_mut()
                .insert("content-encoding", coding.parse().unwrap());
            r
        });
        for (accept, expect) in [
            ("identity", None),
            ("gzip", Some("gzip")),
            ("gzip, deflate, br, zstd", Some("br")),
        ] {
            let (parts, body) = h.body(&path, &[("accept-encoding", accept)]).await;
            let got = parts
                .headers
                .get("content-encoding")
                .map(|v| v.to_str().unwrap());
            assert_eq!(got, expect, "{coding} -> {accept}");
            assert!(
                decompress(got, &body) == clean,
                "{coding} -> {accept}: body differs"
            );
        }
    }
    assert!(h.stage_rules().is_empty(), "{:?}", h.stage_rules());
}

#[tokio::test]
async fn upstream_accept_encoding_is_limited_and_ranges_stripped_for_html() {
    let h = Setup::portal().start().await;
    h.upstream.route("/trang", || html(200, full(PAGE)));
    h.upstream.route("/video.mp4", || {
        resp(200, &[("content-type", "video/mp4")], full("x"))
    });
    let asks = [
        ("accept-encoding", "gzip, compress, br;q=0.5, *"),
        ("range", "bytes=0-9"),
        ("if-range", "\"v1\""),
    ];
    h.body("/trang", &asks).await;
    let seen = h.upstream.seen("/trang");
    assert_eq!(seen["accept-encoding"], "gzip, br;q=0.5");
    assert!(seen.get("range").is_none() && seen.get("if-range").is_none());
    h.body("/video.mp4", &[("range", "bytes=0-9")]).await;
    assert_eq!(h.upstream.seen("/video.mp4")["range"], "bytes=0-9");
}

#[tokio::test]
async fn partial_html_is_never_served_raw() {
    let h = Setup::portal().start().await;
    h.upstream.route("/p", || {
        let head = [
            ("content-type", "text/html"),
            ("content-range", "bytes 0-9/100"),
        ];
        resp(206, &head, full(&PAGE[..10]))
    });
    let (parts, body) = h.body("/p", &[("accept", "*/*")]).await;
    assert_eq!(parts.status, StatusCode::BAD_GATEWAY);
    assert_ne!(body, PAGE.as_bytes()[..10]);
    assert_eq!(h.stage_rules(), ["body.partial"]);
}

#[tokio::test]
async fn tiny_chunks_give_the_same_output_as_one_chunk() {
    let h = Setup::portal().start().await;
    let gz = compress("gzip", PAGE.as_bytes());
    h.upstream.route("/one", || html(200, full(PAGE)));
    h.upstream
        .route("/tiny", || html(200, chunked(tiny_chunks(PAGE.as_bytes()))));
    h.upstream.route("/tiny-gz", move || {
        let mut r = html(200, chunked(tiny_chunks(&gz)));
        r.headers_mut()
            .insert("content-encoding", "gzip".parse().unwrap());
        r
    });
    let (_, one) = h.body("/one", &[]).await;
    let (_, tiny) = h.body("/tiny", &[]).await;
    let (_, tiny_gz) = h.body("/tiny-gz", &[]).await;
    let clean = rewritten(PAGE.as_bytes());
    assert!(
        one == clean && one == tiny && one == tiny_gz,
        "chunking changed the output"
    );
}

#[tokio::test]
async fn windows_1258_page_comes_out_byte_identical() {
    let h = Setup::portal().start().await;
    // windows-1258 writes most Vietnamese letters as a base letter plus a combining mark.
    let text =
        "<!doctype html><html><head><title>Th\u{1b0} vi\u{ea}\u{323}n ti\u{309}nh</title></head>\
                <body><p>C\u{f4}\u{309}ng th\u{f4}ng tin \u{111}i\u{ea}\u{323}n t\u{1b0}\u{309}</p>\
                <a href=\"/tin-tuc\">Tin t\u{1b0}\u{301}c</a></body></html>"
            .repeat(200);
    let (encoded, _, lossy) = encoding_rs::WINDOWS_1258.encode(&text);
    assert!(!lossy);
    let encoded = Bytes::from(encoded.into_owned());
    assert!(
        encoded.iter().any(|b| *b >= 0x80),
        "the page must use non-ASCII bytes"
    );
    let raw = encoded.clone();
    h.upstream.route("/cp", move || {
        let head = [("content-type", "text/html; charset=windows-1258")];
        resp(200, &head, full(raw.clone()))
    });
    let (_, body) = h.body("/cp", &[]).await;
    assert!(body == encoded, "windows-1258 page changed");
    h.upstream.route("/utf16", || {
        resp(
            200,
            &[("content-type", "text/html; charset=utf-16le")],
            full("x"),
        )
    });
    let (parts, _) = h.body("/utf16", &[]).await;
    assert_eq!(parts.status, StatusCode::BAD_GATEWAY);
    assert_eq!(h.stage_rules(), ["body.charset"]);
}

#[tokio::test]
async fn decompression_bombs_are_cut() {
    let h = Setup::portal().start().await;
    let frame = Bytes::from(zstd::encode_all(&vec![b'a'; 1 << 20][..], 19).unwrap());
    let frames = (lachan::sanitize::codec::MAX_DECODED >> 20) as usize + 8;
    h.upstream.route("/bomb", move || {
        let mut r = html(200, chunked(vec![frame.clone(); frames]));
        r.headers_mut()
            .insert("content-encoding", "zstd".parse().unwrap());
        r
    });
    let mut body = h.get("/bomb", &[]).await.into_body();
    let mut received = 0u64;
    let mut cut = false;
    while let Some(frame) = body.frame().await {
        match frame {
            Ok(f) => received += f.data_ref().map_or(0, |d| d.len() as u64),
            Err(_) => {
                cut = true;
                break;
            }
        }
    }
    assert!(cut, "the bomb was not cut");
    assert!(received <= lachan::sanitize::codec::MAX_DECODED);
    assert_eq!(h.stage_rules(), ["body.too_large"]);
}

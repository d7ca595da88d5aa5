//! Codings, chunking and charsets through a real gateway: every upstream coding is
//! decoded and every client coding served with the same sanitized bytes, tiny chunks give
//! the one-chunk output, a windows-1258 page comes out byte for byte, HTML requests go
//! upstream without ranges or codings we cannot read, and what cannot be read with
//! certainty (a `206` holding part of a page, UTF-16, a decompression bomb) is refused or
//! cut, while a `206` holding the whole page is sanitized as a `200`.

use crate::common;

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
async fn every_real_part_of_a_page_is_refused() {
    let h = Setup::portal().start().await;
    let n = PAGE.len();
    let parts_of_it = [
        format!("bytes 1-{}/{n}", n - 1),
        format!("bytes 0-{}/{n}", n - 2),
        format!("bytes 0-{}/*", n - 1),
        format!("bytes 0-{}/{}", n - 1, n + 1),
        "bytes */100".to_string(),
        "pages 0-0/1".to_string(),
    ];
    for (i, range) in parts_of_it.into_iter().enumerate() {
        let path = format!("/part{i}");
        h.upstream.route(&path, move || {
            let head = [("content-type", "text/html"), ("content-range", &range)];
            resp(206, &head, full(PAGE))
        });
        let (parts, body) = h.body(&path, &[]).await;
        assert_eq!(parts.status, StatusCode::BAD_GATEWAY, "{path}");
        assert_ne!(body, PAGE.as_bytes(), "{path}");
    }
    assert_eq!(h.stage_rules(), ["body.partial"; 6]);
}

/// A hacked origin answers `206` to a request that asked for no range (the gateway strips
/// `Range` from page requests): browsers render that body as the page, so it is sanitized
/// like a `200`, not answered with the 502 page that would blank the portal.
#[tokio::test]
async fn a_206_holding_the_whole_page_is_sanitized_and_served_as_a_200() {
    let h = Setup::portal().start().await;
    let attack = format!(
        "{PAGE}<p>Xem <a href=\"https://xsst1p.example/\">nhà cái uy tín, nạp đầu thưởng 100k</a></p>"
    );
    let n = attack.len();
    let whole = format!("bytes 0-{}/{n}", n - 1);
    for (coding, range) in [
        ("identity", None),
        ("gzip", None),
        ("identity", Some(whole.clone())),
        ("gzip", Some(whole.replace("bytes", "BYTES"))),
    ] {
        let path = format!("/{coding}-{}", range.is_some());
        let packed = Bytes::from(match coding {
            "identity" => attack.clone().into_bytes(),
            c => compress(c, attack.as_bytes()),
        });
        let range = range.clone();
        h.upstream.route(&path, move || {
            let mut r = resp(206, &[("content-type", "text/html")], full(packed.clone()));
            if coding != "identity" {
                r.headers_mut()
                    .insert("content-encoding", coding.parse().unwrap());
            }
            if let Some(range) = &range {
                r.headers_mut()
                    .insert("content-range", range.parse().unwrap());
            }
            r
        });
        let (parts, body) = h.body(&path, &[]).await;
        assert_eq!(parts.status, StatusCode::OK, "{path}");
        assert!(parts.headers.get("content-range").is_none(), "{path}");
        let text = String::from_utf8_lossy(&body);
        assert!(text.contains("Cổng thông tin"), "{path}: the page is gone");
        assert!(!text.contains("xsst1p"), "{path}: {text}");
        assert!(!text.contains("nhà cái"), "{path}: {text}");
    }
    let rules = h.stage_rules();
    assert!(rules.iter().all(|r| r != "body.partial"), "{rules:?}");
}

/// `Content-Encoding: deflate, gzip` (or the same on two lines): browsers undo every
/// layer, so the gateway must too; before, such a page was answered with the 502 page.
#[tokio::test]
async fn a_page_under_stacked_codings_is_decoded_layer_by_layer_and_sanitized() {
    let h = Setup::portal().start().await;
    let attack = format!(
        "{PAGE}<p>Xem <a href=\"https://xsst2p.example/\">nhà cái uy tín, nạp đầu thưởng 100k</a></p>"
    );
    let stacks: [&[&str]; 5] = [
        &["gzip, gzip"],
        &["deflate, gzip"],
        &["gzip", "br"],
        &["zstd, deflate-raw"],
        &["identity, deflate", "identity, gzip"],
    ];
    for (n, lines) in stacks.into_iter().enumerate() {
        let applied: Vec<&str> = lines.iter().flat_map(|l| l.split(", ")).collect();
        let packed = applied
            .iter()
            .fold(attack.clone().into_bytes(), |body, c| compress(c, &body));
        let chunks = tiny_chunks(&packed);
        let path = format!("/stack{n}");
        h.upstream.route(&path, move || {
            let mut r = resp(
                200,
                &[("content-type", "text/html")],
                chunked(chunks.clone()),
            );
            for line in lines {
                let line = line.replace("deflate-raw", "deflate");
                r.headers_mut()
                    .append("content-encoding", line.parse().unwrap());
            }
            r
        });
        let (parts, body) = h.body(&path, &[]).await;
        assert_eq!(parts.status, StatusCode::OK, "{lines:?}");
        let text = String::from_utf8_lossy(&body);
        assert!(
            text.contains("Cổng thông tin"),
            "{lines:?}: the page is gone"
        );
        assert!(!text.contains("xsst2p"), "{lines:?}: {text}");
        assert!(!text.contains("nhà cái"), "{lines:?}: {text}");
    }
    let rules = h.stage_rules();
    assert!(rules.iter().all(|r| r != "body.encoding"), "{rules:?}");
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
    h.upstream.route("/klingon", || {
        resp(
            200,
            &[("content-type", "text/html; charset=klingon")],
            full("x"),
        )
    });
    let (parts, _) = h.body("/klingon", &[]).await;
    assert_eq!(parts.status, StatusCode::BAD_GATEWAY);
    assert_eq!(h.stage_rules(), ["body.charset"]);
}

/// UTF-16 named by the header, with no byte-order mark (browsers read it by the label),
/// or with one that agrees or disagrees (the mark wins): read as the browser reads it,
/// sanitized, and sent as UTF-8 after a UTF-8 BOM. An attack in it goes; a benign page
/// keeps its text.
#[tokio::test]
async fn utf16_by_its_label_is_transcoded_and_sanitized() {
    let h = Setup::portal().start().await;
    let attack = "<p>Thông báo lịch tiếp dân</p><a href=\"https://bet.test/\">nhà cái uy tín</a>\
                  <script>location.replace('https://bet.test/r')</script>";
    let benign = "<p>Thông báo lịch tiếp dân của Ủy ban nhân dân tỉnh</p>";
    let le = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let be = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_be_bytes).collect() };
    let with_bom = |mark: &[u8], body: Vec<u8>| -> Vec<u8> { [mark, &body].concat() };
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        ("utf-16le", "le", le(attack)),
        ("utf-16", "le16", le(attack)),
        ("utf-16be", "be", be(attack)),
        ("utf-16le", "bom-le", with_bom(&[0xFF, 0xFE], le(attack))),
        ("utf-16le", "bom-be", with_bom(&[0xFE, 0xFF], be(attack))),
        ("utf-16le", "benign-le", le(benign)),
        (
            "utf-16be",
            "benign-bom",
            with_bom(&[0xFE, 0xFF], be(benign)),
        ),
    ];
    for (label, name, bytes) in cases {
        let head = format!("text/html; charset={label}");
        let path = format!("/{name}");
        h.upstream.route(&path, move || {
            resp(200, &[("content-type", head.as_str())], full(bytes.clone()))
        });
        let (parts, body) = h.body(&path, &[]).await;
        assert_eq!(parts.status, StatusCode::OK, "{name}");
        let text = String::from_utf8(body).expect("sent as UTF-8");
        let text = text.strip_prefix('\u{feff}').expect("after a UTF-8 BOM");
        if name.starts_with("benign") {
            assert_eq!(text, benign, "{name}: the benign page changed");
        } else {
            assert!(
                text.contains("<p>Thông báo lịch tiếp dân</p>"),
                "{name}: {text}"
            );
            assert!(
                !text.contains("bet.test") && !text.contains("nhà cái"),
                "{name}: the attack stayed: {text}"
            );
        }
    }
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

//! Attack suite (issue 14, delivery: content types): a page sent under a type that some
//! browser, crawler or downstream renderer still shows as HTML, which the gateway passed
//! raw. Each is sanitized as HTML (its type kept) or refused, never passed:
//! - types whose subtype names HTML in another spelling (`text/htm`, `application/html`)
//!   and the server-script types (`application/x-httpd-php`, `text/x-php`, ASP, JSP);
//! - a type the gateway does not understand (`application/octet-stream`, a vendor or
//!   made-up type) whose body sniffs as HTML: a client that does not know the type sniffs;
//! - `multipart/mixed`, `related`, `alternative` and `byteranges` with an HTML, XML or
//!   untyped part: the stream is cut before that part (`body.multipart`);
//! - odd spellings of the header itself (leading white space, case, parameters).
//!
//! Benign twins pass byte for byte: binary downloads, PDFs, a ZIP sent as
//! `application/octet-stream`, a vendor JSON type, and multipart bodies of images and PDFs.

use crate::common;

use bytes::Bytes;
use common::body::{chunked, chunks_of, full, resp};
use common::gateway::{Gateway, Setup};
use http_body_util::BodyExt;

const PAGE: &str = "<!doctype html><html><head><title>Tin tức</title></head><body>\
    <p>Thông báo</p><script>window.location.replace(\"https://bet.test/\")</script>\
    <a href=\"https://bet.test/\">xem</a><iframe src=\"//casino.test/\"></iframe></body></html>";

fn serve(h: &Gateway, path: &str, ty: &str, body: impl Into<Bytes>) {
    let (ty, body) = (ty.to_string(), body.into());
    h.upstream.route(path, move || {
        resp(200, &[("content-type", ty.as_str())], full(body.clone()))
    });
}

/// What reached the client: a cut transfer delivers what came before the cut.
async fn delivered(h: &Gateway, path: &str) -> (u16, String) {
    let Ok(resp) = h.send(http::Method::GET, path, &[]).await else {
        return (0, String::new());
    };
    let status = resp.status().as_u16();
    let mut body = resp.into_body();
    let mut got = Vec::new();
    while let Some(Ok(frame)) = body.frame().await {
        got.extend_from_slice(frame.data_ref().map_or(&[][..], |d| &d[..]));
    }
    (status, String::from_utf8_lossy(&got).into_owned())
}

fn assert_clean(path: &str, text: &str) {
    for host in ["bet.test", "casino.test"] {
        assert!(!text.contains(host), "{path}: {host} passed: {text}");
    }
}

#[tokio::test]
async fn html_spellings_and_server_script_types_are_sanitized() {
    let h = Setup::portal().start().await;
    let types = [
        "text/htm",
        "TEXT/HTM; charset=UTF-8",
        "application/html",
        "application/x-html",
        "application/x-httpd-php",
        "application/x-httpd-php-source",
        "application/x-php",
        "application/php",
        "text/x-php",
        "text/php",
        "application/x-httpd-php5",
        "text/x-asp",
        "application/x-aspx",
        "application/x-jsp",
        "text/x-cfm",
        " \ttext/htm ; charset=utf-8",
        "Application/X-HTTPD-PHP;;x=\"y",
    ];
    for (i, t) in types.iter().enumerate() {
        let path = format!("/t{i}");
        serve(&h, &path, t, PAGE);
        let (status, text) = delivered(&h, &path).await;
        assert_eq!(status, 200, "{t}");
        assert_clean(t, &text);
        assert!(text.contains("Thông báo"), "{t}: page kept: {text}");
    }
}

#[tokio::test]
async fn unknown_types_whose_body_sniffs_as_html_are_sanitized() {
    let h = Setup::portal().start().await;
    let types = [
        "application/octet-stream",
        "application/x-unknown-content-type",
        "binary/octet-stream",
        "application/force-download",
        "foo/bar",
        "application/vnd.example.doc",
        "application/x-download; name=\"a.html\"",
        "text/x-unknown",
    ];
    let bodies = [
        PAGE.to_string(),
        format!("\u{feff}\n\t {PAGE}"),
        "<script>location='https://bet.test/'</script>".to_string(),
        "<IFRAME src=https://casino.test/></IFRAME>".to_string(),
        "<!-- x --><a href=https://bet.test/>x</a>".to_string(),
    ];
    for (i, t) in types.iter().enumerate() {
        for (j, b) in bodies.iter().enumerate() {
            let path = format!("/u{i}-{j}");
            serve(&h, &path, t, b.clone());
            let (status, text) = delivered(&h, &path).await;
            assert_eq!(status, 200, "{t}");
            assert_clean(&path, &text);
        }
    }
    // In tiny frames too: the look waits for the first byte that is not white space.
    let b = Bytes::from(format!("\n\n\n   {PAGE}"));
    h.upstream.route("/frames", move || {
        let head = [("content-type", "application/octet-stream")];
        resp(200, &head, chunked(chunks_of(&b, 1)))
    });
    let (_, text) = delivered(&h, "/frames").await;
    assert_clean("/frames", &text);
}

fn part(boundary: &str, ty: Option<&str>, body: &[u8]) -> Vec<u8> {
    let mut v = format!("--{boundary}\r\n").into_bytes();
    if let Some(ty) = ty {
        v.extend_from_slice(format!("Content-Type: {ty}\r\n").as_bytes());
    }
    v.extend_from_slice(b"\r\n");
    v.extend_from_slice(body);
    v.extend_from_slice(b"\r\n");
    v
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

#[tokio::test]
async fn multipart_bodies_with_a_page_part_are_cut_before_it() {
    let h = Setup::portal().start().await;
    let kinds = [
        "multipart/mixed",
        "multipart/related",
        "multipart/alternative",
        "multipart/byteranges",
        "Multipart/Mixed",
        "multipart/x-anything",
    ];
    let bodies: [Vec<u8>; 5] = [
        part("b1", Some("text/html"), PAGE.as_bytes()),
        [
            part("b1", Some("image/png"), PNG),
            part("b1", Some("text/html; charset=utf-8"), PAGE.as_bytes()),
        ]
        .concat(),
        [
            part("b1", Some("application/pdf"), PDF),
            part("b1", None, PAGE.as_bytes()),
        ]
        .concat(),
        part("b1", Some("application/xhtml+xml"), PAGE.as_bytes()),
        part("b1", Some("text/plain"), PAGE.as_bytes()),
    ];
    for (i, k) in kinds.iter().enumerate() {
        for (j, b) in bodies.iter().enumerate() {
            let path = format!("/m{i}-{j}");
            let ty = format!("{k}; boundary=b1");
            let mut body = b.clone();
            body.extend_from_slice(b"--b1--\r\n");
            serve(&h, &path, &ty, body);
            let (_, text) = delivered(&h, &path).await;
            assert_clean(&path, &text);
        }
    }
    assert!(!h.events_of("body.multipart").is_empty());
}

#[tokio::test]
async fn binary_files_and_media_multiparts_pass_byte_for_byte() {
    let h = Setup::portal().start().await;
    let zip: &[u8] = b"PK\x03\x04\x14\0\0\0\x08\0<html><a href=https://bet.test/>";
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        ("/a.zip", "application/octet-stream", zip.to_vec()),
        ("/a.pdf", "application/pdf", PDF.to_vec()),
        (
            "/a.bin",
            "application/x-unknown",
            b"\0\x01\x02<html>".to_vec(),
        ),
        (
            "/a.json",
            "application/vnd.example+json",
            b"{\"a\":\"<b>\"}".to_vec(),
        ),
        (
            "/a.txt",
            "text/x-log",
            b"2024-05-01 GET /index.html 200\n".to_vec(),
        ),
        (
            "/parts",
            "multipart/mixed; boundary=b1",
            [
                part("b1", Some("image/png"), PNG),
                part("b1", Some("application/pdf"), PDF),
                b"--b1--\r\n".to_vec(),
            ]
            .concat(),
        ),
        (
            "/ranges",
            "multipart/byteranges; boundary=b1",
            [
                part("b1", Some("application/pdf"), PDF),
                part("b1", Some("video/mp4"), b"\0\0\0\x18ftypmp42"),
                b"--b1--\r\n".to_vec(),
            ]
            .concat(),
        ),
    ];
    for (path, ty, body) in cases {
        serve(&h, path, ty, body.clone());
        let (parts, got) = h.body(path, &[]).await;
        assert_eq!(parts.status, 200, "{path}");
        assert!(got == body, "{path} changed");
    }
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

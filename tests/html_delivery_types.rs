//! Attack suite (issue 14, delivery): responses a browser (or a crawler) renders as a page
//! although their `Content-Type` does not say `text/html` in the usual way. Each is
//! sanitized as HTML (or refused), never passed raw:
//! - `TEXT/HTML` in any case, with odd, garbage or unterminated parameters;
//! - an HTML type on any `Content-Type` line or in any comma-listed value, not only the one
//!   browsers read (the gateway is stricter than Chromium's "last valid value");
//! - `text/` types naming HTML (`text/x-server-parsed-html`, `text/x-html`), XHTML, and
//!   XML documents (with an `xml-stylesheet` to a foreign XSLT);
//! - a body sent as JSON or plain text whose first bytes are an HTML document (the WHATWG
//!   HTML signatures): sanitized as HTML, its type kept; real JSON and text never start so;
//! - `multipart/x-mixed-replace` (Chromium renders each `text/html` part): image parts pass
//!   byte for byte, any other part cuts the stream (`body.multipart`).
//!
//! Benign twins pass byte for byte: real JSON APIs (also gzip-coded and streamed), text,
//! CSV, a camera's MJPEG stream, an XML sitemap with its own stylesheet.

use crate::common;

use bytes::Bytes;
use common::body::{chunked, compress, full, resp};
use common::expect::{fired, never};
use common::gateway::{Gateway, Setup};
use http_body_util::BodyExt;

const REDIRECT_PAGE: &str = "<!doctype html><html><head><title>Tin tức</title></head><body>\
    <p>Thông báo</p><script>window.location.replace(\"https://bet.test/\")</script>\
    <a href=\"https://bet.test/\">xem</a></body></html>";

fn serve(h: &Gateway, path: &str, types: &[&str], body: Bytes) {
    let types: Vec<String> = types.iter().map(|t| t.to_string()).collect();
    h.upstream.route(path, move || {
        let head: Vec<_> = types.iter().map(|t| ("content-type", t.as_str())).collect();
        resp(200, &head, full(body.clone()))
    });
}

/// The answer to `path` is 200 and carries none of the page's attack.
async fn assert_clean(h: &Gateway, path: &str) -> String {
    let (parts, body) = h.body(path, &[]).await;
    let text = String::from_utf8_lossy(&body).into_owned();
    assert_eq!(parts.status, 200, "{path}");
    assert!(!text.contains("bet.test"), "{path}: attack kept: {text}");
    text
}

#[tokio::test]
async fn upper_case_and_odd_parameter_html_types_are_sanitized() {
    let h = Setup::portal().start().await;
    let types = [
        "TEXT/HTML",
        "Text/Html; Charset=UTF-8; foo",
        "text/html;;;garbage=;=x;charset=utf-8",
        "text/html; x=\"unterminated",
        "text/html garbage",
        "text/html\t;\tcharset=\"utf-8\"",
        "text/html; charset=utf-8; boundary=\"a,b\"",
    ];
    for (i, t) in types.iter().enumerate() {
        let path = format!("/t{i}");
        serve(&h, &path, &[t], REDIRECT_PAGE.into());
        let text = assert_clean(&h, &path).await;
        assert!(text.contains("Thông báo"), "{t}: {text}");
    }
    fired(&h, "script.redirect");
}

#[tokio::test]
async fn html_on_any_content_type_line_is_sanitized() {
    let h = Setup::portal().start().await;
    let cases: [&[&str]; 5] = [
        &["text/html", "text/plain"],
        &["text/html; charset=utf-8", "application/json"],
        &["text/html, image/png"],
        &["application/xhtml+xml", "text/plain"],
        &["TEXT/HTML", "text/css"],
    ];
    for (i, types) in cases.iter().enumerate() {
        let path = format!("/d{i}");
        serve(&h, &path, types, REDIRECT_PAGE.into());
        let (parts, _) = h.body(&path, &[]).await;
        assert_eq!(parts.headers.get_all("content-type").iter().count(), 1);
        assert_clean(&h, &path).await;
    }
}

#[tokio::test]
async fn text_types_naming_html_xhtml_and_xml_stylesheets_are_sanitized() {
    let h = Setup::portal().start().await;
    for (i, t) in [
        "text/x-server-parsed-html",
        "text/x-html",
        "text/html-sandboxed",
        "application/xhtml+xml",
        "application/vnd.wap.xhtml+xml",
    ]
    .iter()
    .enumerate()
    {
        let path = format!("/x{i}");
        serve(&h, &path, &[t], REDIRECT_PAGE.into());
        assert_clean(&h, &path).await;
    }
    let xml = "<?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"https://bet.test/t.xsl\"?>\n\
        <urlset><url><loc>https://portal.example.gov.vn/</loc></url></urlset>";
    for (i, t) in [
        "text/xml",
        "application/xml",
        "application/rss+xml",
        "text/xsl",
    ]
    .iter()
    .enumerate()
    {
        let path = format!("/s{i}");
        serve(&h, &path, &[t], xml.into());
        let text = assert_clean(&h, &path).await;
        assert!(text.contains("<urlset>"), "{t}: {text}");
    }
    fired(&h, "xml.stylesheet");
}

#[tokio::test]
async fn html_documents_sent_as_json_or_text_are_sanitized_as_html() {
    let h = Setup::portal().start().await;
    let doorway = format!("\u{feff}\r\n  {REDIRECT_PAGE}");
    let cases: [(&str, &str, Bytes); 7] = [
        ("/api/tin", "application/json", REDIRECT_PAGE.into()),
        (
            "/api/bom",
            "application/json; charset=utf-8",
            doorway.clone().into(),
        ),
        (
            "/api/ld",
            "application/ld+json",
            "<html><body><a href=\"https://bet.test/\">x</a>".into(),
        ),
        (
            "/robots",
            "text/plain",
            "<!-- x --><script>location='https://bet.test/'</script>".into(),
        ),
        (
            "/data.csv",
            "text/csv",
            "<p ><a href=https://bet.test/>nha cai</a>".into(),
        ),
        (
            "/api/v",
            "text/json",
            "<DIV><iframe src=\"https://bet.test/\"></iframe></DIV>".into(),
        ),
        (
            "/api/h",
            "application/problem+json",
            "<h1>x</h1><meta http-equiv=refresh content=\"0;url=https://bet.test/\">".into(),
        ),
    ];
    for (path, t, body) in cases {
        serve(&h, path, &[t], body);
        let (parts, body) = h.body(path, &[]).await;
        let text = String::from_utf8_lossy(&body);
        assert_eq!(parts.status, 200, "{path}");
        assert_eq!(parts.headers["content-type"], t, "{path}: type kept");
        assert!(!text.contains("bet.test"), "{path}: {text}");
    }
    // gzip-coded and split into tiny frames: the look decodes, the page is still cleaned.
    let gz = compress("gzip", REDIRECT_PAGE.as_bytes());
    h.upstream.route("/api/gz", move || {
        let head = [
            ("content-type", "application/json"),
            ("content-encoding", "gzip"),
        ];
        let frames: Vec<Bytes> = gz.chunks(5).map(Bytes::copy_from_slice).collect();
        resp(200, &head, chunked(frames))
    });
    let (_, body) = h.body("/api/gz", &[("accept-encoding", "identity")]).await;
    let text = common::body::decompress(None, &body);
    assert!(!String::from_utf8_lossy(&text).contains("bet.test"));
    // A byte-order mark split over frames does not end the look before the page.
    for (step, t) in [
        (1usize, "application/json"),
        (2, "text/plain"),
        (1, "text/csv"),
    ] {
        let path = format!("/bom-split-{step}-{}", t.len());
        let page = Bytes::from(doorway.clone());
        h.upstream.route(&path, move || {
            let frames: Vec<Bytes> = page.chunks(step).map(Bytes::copy_from_slice).collect();
            resp(200, &[("content-type", t)], chunked(frames))
        });
        let (_, body) = h.body(&path, &[]).await;
        let text = String::from_utf8_lossy(&body);
        assert!(!text.contains("bet.test"), "{path}: {text}");
    }
}

#[tokio::test]
async fn real_json_text_and_csv_pass_byte_for_byte() {
    let h = Setup::portal().start().await;
    let json =
        "{\"tin\":\"Xin chào <b>bạn</b>\",\"url\":\"https://bet.test/\",\"html\":\"<a href=x>\"}";
    let cases: [(&str, &str, Bytes); 6] = [
        ("/api/a", "application/json", json.into()),
        (
            "/api/b",
            "application/json",
            format!("\n\n  [{json}]").into(),
        ),
        ("/api/c", "application/vnd.api+json", json.into()),
        (
            "/r.txt",
            "text/plain",
            "User-agent: *\nDisallow: /admin <b>\n".into(),
        ),
        (
            "/d.csv",
            "text/csv",
            "ten,url\n<a>,https://bet.test/\n".into(),
        ),
        ("/api/empty", "application/json", Bytes::new()),
    ];
    for (path, t, body) in cases {
        serve(&h, path, &[t], body.clone());
        let (parts, got) = h.body(path, &[]).await;
        assert_eq!(parts.status, 200, "{path}");
        assert!(got == body, "{path}: changed");
        assert_eq!(parts.headers["x-content-type-options"], "nosniff");
    }
    let gz = Bytes::from(compress("gzip", json.as_bytes()));
    h.upstream.route("/api/gz", move || {
        let head = [
            ("content-type", "application/json"),
            ("content-encoding", "gzip"),
        ];
        resp(200, &head, full(gz.clone()))
    });
    let (parts, got) = h.body("/api/gz", &[("accept-encoding", "gzip")]).await;
    assert_eq!(parts.headers["content-encoding"], "gzip");
    assert_eq!(
        common::body::decompress(Some("gzip"), &got),
        json.as_bytes()
    );
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xff\xd9";

fn frame(boundary: &str, ty: &str, body: &[u8]) -> Vec<u8> {
    let mut v = format!(
        "--{boundary}\r\nContent-Type: {ty}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    v.extend_from_slice(body);
    v.extend_from_slice(b"\r\n");
    v
}

fn stream(h: &Gateway, path: &str, ty: &'static str, parts: Vec<u8>, step: usize) {
    h.upstream.route(path, move || {
        let frames: Vec<Bytes> = parts.chunks(step).map(Bytes::copy_from_slice).collect();
        resp(200, &[("content-type", ty)], chunked(frames))
    });
}

/// What reached the client of `path`: a cut transfer delivers what came before the cut
/// (nothing at all when it was cut before its head went out).
async fn delivered(h: &Gateway, path: &str) -> String {
    let Ok(resp) = h.send(http::Method::GET, path, &[]).await else {
        return String::new();
    };
    let mut body = resp.into_body();
    let mut got = Vec::new();
    while let Some(Ok(frame)) = body.frame().await {
        got.extend_from_slice(frame.data_ref().map_or(&[][..], |d| &d[..]));
    }
    String::from_utf8_lossy(&got).into_owned()
}

#[tokio::test]
async fn mixed_replace_streams_with_a_page_part_are_cut_before_it() {
    let h = Setup::portal().start().await;
    let ty = "multipart/x-mixed-replace; boundary=cam";
    let cases: [Vec<u8>; 5] = [
        frame("cam", "text/html", REDIRECT_PAGE.as_bytes()),
        [
            frame("cam", "image/jpeg", JPEG),
            frame("cam", "text/html; charset=utf-8", REDIRECT_PAGE.as_bytes()),
        ]
        .concat(),
        [
            frame("cam", "image/jpeg", JPEG),
            frame(
                "cam",
                "image/svg+xml",
                b"<svg onload=\"location='//bet.test'\"/>",
            ),
        ]
        .concat(),
        [b"--cam\r\n\r\n".to_vec(), REDIRECT_PAGE.as_bytes().to_vec()].concat(),
        [
            REDIRECT_PAGE.as_bytes().to_vec(),
            frame("cam", "image/jpeg", JPEG),
        ]
        .concat(),
    ];
    for (i, parts) in cases.into_iter().enumerate() {
        for step in [3usize, 4096] {
            let path = format!("/cam{i}-{step}");
            stream(&h, &path, ty, parts.clone(), step);
            let text = delivered(&h, &path).await;
            assert!(!text.contains("bet.test"), "{path}: {text}");
        }
    }
    assert_eq!(h.events_of("body.multipart").len(), 10);
    // No boundary: nothing can be read, so nothing is sent.
    stream(
        &h,
        "/nob",
        "multipart/x-mixed-replace",
        frame("x", "text/html", REDIRECT_PAGE.as_bytes()),
        4096,
    );
    let (parts, body) = h.body("/nob", &[]).await;
    assert_eq!(parts.status, 502);
    assert!(!String::from_utf8_lossy(&body).contains("bet.test"));
}

#[tokio::test]
async fn camera_mjpeg_streams_pass_byte_for_byte() {
    let h = Setup::portal().start().await;
    let frames: Vec<u8> = (0..5)
        .flat_map(|_| frame("myboundary", "image/jpeg", JPEG))
        .collect();
    for (i, (ty, step)) in [
        ("multipart/x-mixed-replace; boundary=myboundary", 4096),
        ("multipart/x-mixed-replace;boundary=\"myboundary\"", 7),
        ("multipart/x-mixed-replace; boundary=--myboundary", 1),
    ]
    .into_iter()
    .enumerate()
    {
        let body = frames.clone();
        let path = format!("/mjpeg{i}");
        stream(&h, &path, ty, body.clone(), step);
        let (parts, got) = h.body(&path, &[]).await;
        assert_eq!(parts.status, 200);
        assert!(got == body, "{path} changed");
    }
    never(&h, "body.multipart");
}

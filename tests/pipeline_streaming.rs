//! The response body streams and fails closed, through a real gateway: non-HTML passes
//! byte for byte with its length, sanitized bytes arrive before the upstream finishes, and
//! a truncated, unknown or dead body, or a tampered pinned script, is cut or refused,
//! never ended as if complete.

use crate::common;

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use common::body::{compress, full, html, resp};
use common::gateway::{Setup, rewritten};
use http::{Method, StatusCode};
use http_body_util::{BodyExt, StreamBody};
use hyper::body::Frame;
use lachan::body::boxed;
use tokio::sync::mpsc;

const PAGE: &str = include_str!("corpus/e2e/portal.html");

#[tokio::test]
async fn non_html_passes_byte_for_byte_with_its_length() {
    let h = Setup::portal().start().await;
    let png = Bytes::from((0..=255u8).cycle().take(5000).collect::<Vec<u8>>());
    let served = png.clone();
    h.upstream.route("/logo.png", move || {
        let head = [
            ("content-type", "image/png"),
            ("content-length", "5000"),
            ("etag", "\"p\""),
        ];
        resp(200, &head, full(served.clone()))
    });
    let (parts, body) = h.body("/logo.png", &[("accept-encoding", "gzip")]).await;
    assert_eq!(body, png);
    assert_eq!(parts.headers["content-length"], "5000");
    assert_eq!(parts.headers["etag"], "\"p\"");
    assert!(parts.headers.get("content-encoding").is_none());
}

#[tokio::test]
async fn broken_bodies_fail_closed() {
    let h = Setup::portal().start().await;
    let gz = compress("gzip", PAGE.as_bytes());
    let cut = Bytes::copy_from_slice(&gz[..gz.len() / 2]);
    h.upstream.route("/cut", move || {
        let mut r = html(200, full(cut.clone()));
        r.headers_mut()
            .insert("content-encoding", "gzip".parse().unwrap());
        r
    });
    for (path, coding) in [("/weird", "x-unknown"), ("/stacked", "gzip, x-unknown")] {
        h.upstream.route(path, move || {
            let mut r = html(200, full(PAGE));
            r.headers_mut()
                .insert("content-encoding", coding.parse().unwrap());
            r
        });
    }
    let body = h.get("/cut", &[]).await.into_body().collect().await;
    assert!(
        body.is_err(),
        "a truncated gzip body must be cut, not ended cleanly"
    );
    for path in ["/weird", "/stacked"] {
        let (parts, body) = h.body(path, &[]).await;
        assert_eq!(parts.status, StatusCode::BAD_GATEWAY);
        assert!(!String::from_utf8_lossy(&body).contains("Cổng"));
    }
    assert_eq!(
        h.stage_rules(),
        ["body.error", "body.encoding", "body.encoding"]
    );
}

/// A rewritten body that fails before its first byte (a garbled or truncated coding) is
/// answered with the fixed 502 page, not an empty reply; a body with
/// bytes already sent is cut as before.
#[tokio::test]
async fn a_body_that_fails_before_its_first_byte_gets_the_502_page() {
    let h = Setup::portal().start().await;
    let garbled = Bytes::from_static(b"\x1f\x8bnot a gzip stream at all, not at all");
    for (path, ty) in [("/garbled", "text/html"), ("/garbled.css", "text/css")] {
        let body = garbled.clone();
        h.upstream.route(path, move || {
            let head = [("content-type", ty), ("content-encoding", "gzip")];
            resp(200, &head, full(body.clone()))
        });
    }
    // An upstream whose body ends after the gzip header: nothing could be decoded.
    let gz = compress("gzip", PAGE.as_bytes());
    let header_only = Bytes::copy_from_slice(&gz[..10]);
    h.upstream.route("/truncated", move || {
        let mut r = html(200, full(header_only.clone()));
        r.headers_mut()
            .insert("content-encoding", "gzip".parse().unwrap());
        r
    });
    for path in ["/garbled", "/garbled.css", "/truncated"] {
        let (parts, body) = h.body(path, &[]).await;
        assert_eq!(parts.status, StatusCode::BAD_GATEWAY, "{path}");
        let text = String::from_utf8_lossy(&body);
        assert!(!text.contains("not a gzip"), "{path}: {text}");
    }
    assert_eq!(h.stage_rules(), ["body.error", "body.error", "body.error"]);
    // Its twin: a page that starts well keeps its 200 and its first bytes.
    h.upstream.route("/fine", || html(200, full(PAGE)));
    let (parts, body) = h.body("/fine", &[]).await;
    assert_eq!(parts.status, StatusCode::OK);
    assert_eq!(body, rewritten(PAGE.as_bytes()));
}

/// A route whose body is fed, frame by frame, through the returned sender (one request).
fn fed_route(h: &common::gateway::Gateway, path: &str) -> mpsc::Sender<std::io::Result<Bytes>> {
    let (tx, rx) = mpsc::channel::<std::io::Result<Bytes>>(4);
    let rx = Arc::new(Mutex::new(Some(rx)));
    h.upstream.route(path, move || {
        let rx = rx.lock().unwrap().take().expect("one request");
        let stream = futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv().await.map(|r| (r.map(Frame::data), rx))
        });
        html(200, boxed(StreamBody::new(stream)))
    });
    tx
}

#[tokio::test]
async fn an_upstream_that_dies_mid_body_is_cut_not_ended() {
    let h = Setup::portal().start().await;
    let tx = fed_route(&h, "/dies");
    tx.send(Ok(Bytes::from_static(&PAGE.as_bytes()[..4096])))
        .await
        .unwrap();
    let mut body = h.get("/dies", &[]).await.into_body();
    let first = body.frame().await.expect("first bytes").unwrap();
    assert!(first.data_ref().is_some_and(|d| !d.is_empty()));
    tx.send(Err(std::io::Error::other("upstream crashed")))
        .await
        .unwrap();
    let rest = body.collect().await;
    assert!(
        rest.is_err(),
        "a dead upstream body must be cut, not ended cleanly"
    );
    assert_eq!(h.stage_rules(), ["body.error"]);
}

#[tokio::test]
async fn first_sanitized_bytes_arrive_before_the_upstream_finishes() {
    let h = Setup::portal().start().await;
    let tx = fed_route(&h, "/slow");
    let half = PAGE.len() / 2;
    tx.send(Ok(Bytes::from_static(&PAGE.as_bytes()[..half])))
        .await
        .unwrap();
    let mut body = h.get("/slow", &[]).await.into_body();
    let mut got = Vec::new();
    // A deadline, not a wait: a sanitizer that buffers the page would never get here.
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
    while got.is_empty() {
        let next = tokio::time::timeout_at(deadline, body.frame()).await;
        let frame = next
            .expect("no sanitized bytes before the upstream finished")
            .expect("body ended early")
            .unwrap();
        got.extend_from_slice(frame.data_ref().map_or(&[][..], |d| &d[..]));
    }
    let rest = Bytes::from_static(&PAGE.as_bytes()[half..]);
    assert!(tx.send(Ok(rest)).await.is_ok(), "upstream already finished");
    drop(tx);
    got.extend_from_slice(&body.collect().await.unwrap().to_bytes());
    assert!(got == rewritten(PAGE.as_bytes()), "streamed body differs");
}

#[tokio::test]
async fn a_tampered_pinned_script_never_completes() {
    use base64::Engine;
    use sha2::Digest;
    const GOOD: &str = "/*! jQuery-like */(function(){window.$=function(){};})();\n";
    const TAMPERED: &str = "/*! jQuery-like */(function(){window.$=function(){};})();\nif(/google/.test(document.referrer))location='https://bet.test/';\n";
    let digest = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(GOOD));
    let pins = format!(
        "[site.sanitize]\npinned = [{{ path = \"/js/good.js\", sha256 = \"sha256-{digest}\" }}, \
         {{ path = \"/js/jquery.min.js\", sha256 = \"sha256-{digest}\" }}]\n"
    );
    let h = Setup::portal().site_lines(&pins).start().await;
    let js = |body: &'static str| {
        move || {
            resp(
                200,
                &[("content-type", "application/javascript")],
                full(body),
            )
        }
    };
    h.upstream.route("/js/good.js", js(GOOD));
    h.upstream.route("/js/jquery.min.js", js(TAMPERED));

    let (_, good) = h.body("/js/good.js", &[("accept-encoding", "gzip")]).await;
    assert_eq!(
        good,
        GOOD.as_bytes(),
        "the known-good copy passes unchanged"
    );
    assert_eq!(
        h.upstream.seen("/js/good.js")["accept-encoding"],
        "identity"
    );

    // Either the head never arrives or the body breaks off: never a complete script.
    let failed = match h.send(Method::GET, "/js/jquery.min.js", &[]).await {
        Err(_) => true,
        Ok(resp) => resp.into_body().collect().await.is_err(),
    };
    assert!(failed, "a tampered copy must end in a failed transfer");
    let pinned = h.events_of("script.pinned");
    assert_eq!(pinned.len(), 1, "{:?}", h.rules());
    assert_eq!(pinned[0].target.as_deref(), Some("/js/jquery.min.js"));
}

/// A server may serve the pinned file under other spellings of its path (case, doubled or
/// trailing slashes, path parameters, percent-encoding); the pin holds for each.
#[tokio::test]
async fn a_tampered_pinned_script_under_another_spelling_never_completes() {
    use base64::Engine;
    use sha2::Digest;
    const GOOD: &str = "(function(){window.$=function(){};})();\n";
    const TAMPERED: &str = "(function(){window.$=function(){};})();location='https://bet.test/';\n";
    let digest = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(GOOD));
    let pins = format!(
        "[site.sanitize]\npinned = [{{ path = \"/js/jquery.min.js\", sha256 = \"sha256-{digest}\" }}]\n"
    );
    let h = Setup::portal().site_lines(&pins).start().await;
    let spellings = [
        "/JS/jquery.min.js",
        "//js//jquery.min.js",
        "/js/jquery.min.js/",
        "/js/jquery.min.js;v=3",
        "/js/%6Aquery.min.js",
    ];
    for path in spellings {
        h.upstream.route(path, move || {
            resp(
                200,
                &[("content-type", "application/javascript")],
                full(TAMPERED),
            )
        });
    }
    h.upstream.route("/js/other.js", move || {
        resp(
            200,
            &[("content-type", "application/javascript")],
            full(GOOD),
        )
    });
    for path in spellings {
        let failed = match h.send(Method::GET, path, &[]).await {
            Err(_) => true,
            Ok(resp) => resp.into_body().collect().await.is_err(),
        };
        assert!(
            failed,
            "{path}: a tampered copy must end in a failed transfer"
        );
    }
    assert_eq!(
        h.events_of("script.pinned").len(),
        spellings.len(),
        "{:?}",
        h.rules()
    );
    // An unpinned file passes as it came (tampered ones are judged: tampered_first_party_scripts).
    let (_, other) = h.body("/js/other.js", &[]).await;
    assert_eq!(other, GOOD.as_bytes());
}

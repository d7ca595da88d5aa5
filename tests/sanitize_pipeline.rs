//! End-to-end tests of the sanitizer's response side through a real gateway
//! (`Running::start` on 127.0.0.1:0) in front of a tiny hyper upstream started here:
//! statuses, `Location`/`Refresh`, codecs in and out, chunking, charsets, non-HTML
//! passthrough, fail-closed cuts, `206`, and streaming.
//!
//! With the pass-through rewriter stub on the body branch, "sanitized" shows in the
//! headers (validators dropped, `no-transform`); after the merge the corpus test also
//! checks content.

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::{HeaderMap, Request, Response, StatusCode};
use http_body_util::{BodyExt, Empty, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo};
use lachan::audit::{AuditLog, MemorySink};
use lachan::body::{GatewayBody, boxed, full};
use lachan::runtime::{Options, Running};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

const HOST: &str = "portal.example.gov.vn";

type Route = Arc<dyn Fn() -> Response<GatewayBody> + Send + Sync>;

/// The upstream: fixed routes by path; records the request headers it saw.
#[derive(Clone, Default)]
struct Upstream {
    routes: Arc<Mutex<HashMap<String, Route>>>,
    seen: Arc<Mutex<Vec<(String, HeaderMap)>>>,
}

impl Upstream {
    fn route(&self, path: &str, f: impl Fn() -> Response<GatewayBody> + Send + Sync + 'static) {
        self.routes
            .lock()
            .unwrap()
            .insert(path.to_string(), Arc::new(f));
    }

    fn seen(&self, path: &str) -> HeaderMap {
        let seen = self.seen.lock().unwrap();
        seen.iter()
            .rev()
            .find(|(p, _)| p == path)
            .map(|(_, h)| h.clone())
            .unwrap()
    }

    async fn start(&self) -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let me = self.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let me = me.clone();
                tokio::spawn(async move {
                    let svc = hyper::service::service_fn(move |req: Request<Incoming>| {
                        let me = me.clone();
                        async move { Ok::<_, Infallible>(me.answer(&req)) }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), svc)
                        .await;
                });
            }
        });
        addr
    }

    fn answer(&self, req: &Request<Incoming>) -> Response<GatewayBody> {
        let path = req.uri().path().to_string();
        self.seen
            .lock()
            .unwrap()
            .push((path.clone(), req.headers().clone()));
        let route = self.routes.lock().unwrap().get(&path).cloned();
        match route {
            Some(f) => f(),
            None => resp(404, &[("content-type", "text/plain")], full("no route")),
        }
    }
}

fn resp(status: u16, headers: &[(&str, &str)], body: GatewayBody) -> Response<GatewayBody> {
    let mut r = Response::new(body);
    *r.status_mut() = StatusCode::from_u16(status).unwrap();
    for (k, v) in headers {
        let name = http::HeaderName::from_bytes(k.as_bytes()).unwrap();
        r.headers_mut().append(name, v.parse().unwrap());
    }
    r
}

fn chunked(chunks: Vec<Bytes>) -> GatewayBody {
    let frames = chunks
        .into_iter()
        .map(|c| Ok::<_, Infallible>(Frame::data(c)));
    boxed(StreamBody::new(futures_util::stream::iter(frames)))
}

/// Splits `data` into chunks of 1 to 7 bytes (a fixed, varied pattern).
fn tiny_chunks(data: &[u8]) -> Vec<Bytes> {
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

struct Harness {
    upstream: Upstream,
    gateway: Running,
    events: Arc<MemorySink>,
    client: Client<hyper_util::client::legacy::connect::HttpConnector, Empty<Bytes>>,
}

async fn harness() -> Harness {
    harness_in("enforce").await
}

async fn harness_in(mode: &str) -> Harness {
    harness_with(mode, "").await
}

async fn harness_with(mode: &str, extra: &str) -> Harness {
    let upstream = Upstream::default();
    let up = upstream.start().await;
    let config = site_config_with(up, mode, extra);
    let (audit, events) = AuditLog::memory();
    let opts = Options {
        audit: Some(audit),
        ..Default::default()
    };
    let gateway = Running::start(config, opts).await.unwrap();
    let client = Client::builder(TokioExecutor::new()).build_http();
    Harness {
        upstream,
        gateway,
        events,
        client,
    }
}

impl Harness {
    async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Response<Incoming> {
        let addr = self.gateway.http_addrs[0];
        let mut req = Request::get(format!("http://{addr}{path}")).header("host", HOST);
        for (k, v) in headers {
            req = req.header(k.to_string(), v.to_string());
        }
        self.client
            .request(req.body(Empty::new()).unwrap())
            .await
            .unwrap()
    }

    async fn body(&self, path: &str, headers: &[(&str, &str)]) -> (http::response::Parts, Vec<u8>) {
        let (parts, body) = self.get(path, headers).await.into_parts();
        let bytes = body.collect().await.unwrap().to_bytes();
        (parts, bytes.to_vec())
    }

    /// The rules of the response stages' own events (`body.*`, `header.*`); the HTML
    /// rewriter's events are checked by the attack suites.
    fn rules(&self) -> Vec<String> {
        let events = self.events.events();
        let pipeline = events
            .iter()
            .filter(|e| e.rule.starts_with("body.") || e.rule.starts_with("header."));
        pipeline.map(|e| e.rule.to_string()).collect()
    }
}

const PAGE: &str = include_str!("corpus/e2e/portal.html");

/// The site as the attack suites configure it (the corpus assumes this allow list).
fn site_config(upstream: SocketAddr, mode: &str) -> lachan::config::Config {
    site_config_with(upstream, mode, "")
}

fn site_config_with(upstream: SocketAddr, mode: &str, extra: &str) -> lachan::config::Config {
    let text = format!(
        "[server]\nlisten = [\"127.0.0.1:0\"]\n[audit]\ndir = \"{}\"\n[[site]]\nname = \"portal\"\n\
         hosts = [\"{HOST}\", \"www.{HOST}\"]\nupstream = \"http://{upstream}\"\nmode = \"{mode}\"\n\
         allow = [\"*.gov.vn\", \"chinhphu.vn\", \"*.edu.vn\", \"www.googletagmanager.com\", \"www.google-analytics.com\", \"www.youtube.com\"]\n{extra}",
        std::env::temp_dir().display()
    );
    lachan::config::parse(&text, Path::new("test.toml")).unwrap()
}

/// PAGE sanitized directly by the rewriter, in one piece: what every path through the
/// gateway (any status, coding or chunking) must reproduce byte for byte.
static CLEAN: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
    use lachan::sanitize::html::{PageContext, PageRewriter};
    let config = site_config("127.0.0.1:9".parse().unwrap(), "enforce");
    let request = lachan::audit::RequestInfo {
        site: "portal".into(),
        client_ip: "127.0.0.1".parse().unwrap(),
        request_id: "reference".into(),
        method: "GET".into(),
        url: "/".into(),
    };
    let ctx = PageContext {
        site: config.sites[0].clone(),
        base: url::Url::parse(&format!("http://{HOST}/")).unwrap(),
        encoding: Some(encoding_rs::UTF_8),
        request,
        audit: AuditLog::memory().0,
    };
    let mut rw = PageRewriter::new(ctx).unwrap();
    let mut out = rw.write(PAGE.as_bytes()).unwrap().to_vec();
    out.extend_from_slice(&rw.end().unwrap());
    assert_ne!(
        out,
        PAGE.as_bytes(),
        "the sample page carries planted content"
    );
    out
});

fn html(status: u16, body: GatewayBody) -> Response<GatewayBody> {
    resp(
        status,
        &[
            ("content-type", "text/html; charset=utf-8"),
            ("etag", "\"v1\""),
        ],
        body,
    )
}

fn compress(coding: &str, data: &[u8]) -> Vec<u8> {
    match coding {
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
        "br" => {
            let mut e = brotli::CompressorWriter::new(Vec::new(), 4096, 5, 22);
            e.write_all(data).unwrap();
            e.into_inner()
        }
        "zstd" => zstd::encode_all(data, 3).unwrap(),
        other => panic!("{other}"),
    }
}

#[tokio::test]
async fn non_html_passes_byte_for_byte_with_its_length() {
    let h = harness().await;
    let png: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    let png = Bytes::from(png);
    let served = png.clone();
    h.upstream.route("/logo.png", move || {
        resp(
            200,
            &[
                ("content-type", "image/png"),
                ("content-length", "5000"),
                ("etag", "\"p\""),
            ],
            full(served.clone()),
        )
    });
    let (parts, body) = h.body("/logo.png", &[("accept-encoding", "gzip")]).await;
    assert_eq!(body, png);
    assert_eq!(parts.headers["content-length"], "5000");
    assert_eq!(parts.headers["etag"], "\"p\"");
    assert!(parts.headers.get("content-encoding").is_none());
}

#[tokio::test]
async fn broken_bodies_fail_closed() {
    let h = harness().await;
    let gz = compress("gzip", PAGE.as_bytes());
    let cut = Bytes::copy_from_slice(&gz[..gz.len() / 2]);
    h.upstream.route("/cut", move || {
        let mut r = html(200, full(cut.clone()));
        r.headers_mut()
            .insert("content-encoding", "gzip".parse().unwrap());
        r
    });
    h.upstream.route("/weird", || {
        let mut r = html(200, full(PAGE));
        r.headers_mut()
            .insert("content-encoding", "x-unknown".parse().unwrap());
        r
    });
    h.upstream.route("/stacked", || {
        let mut r = html(200, full(PAGE));
        r.headers_mut()
            .insert("content-encoding", "gzip, x-unknown".parse().unwrap());
        r
    });
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
    assert_eq!(h.rules(), ["body.error", "body.encoding", "body.encoding"]);
}

#[tokio::test]
async fn an_upstream_that_dies_mid_body_is_cut_not_ended() {
    let h = harness().await;
    let (tx, rx) = mpsc::channel::<std::io::Result<Bytes>>(2);
    let rx = Arc::new(Mutex::new(Some(rx)));
    h.upstream.route("/dies", move || {
        let rx = rx.lock().unwrap().take().expect("one request");
        let stream = futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv().await.map(|r| (r.map(Frame::data), rx))
        });
        html(200, boxed(StreamBody::new(stream)))
    });
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
    assert_eq!(h.rules(), ["body.error"]);
}

#[tokio::test]
async fn first_sanitized_bytes_arrive_before_the_upstream_finishes() {
    let h = harness().await;
    let (tx, rx) = mpsc::channel::<Bytes>(4);
    let rx = Arc::new(Mutex::new(Some(rx)));
    h.upstream.route("/slow", move || {
        let rx = rx.lock().unwrap().take().expect("one request");
        let stream = futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv()
                .await
                .map(|b| (Ok::<_, Infallible>(Frame::data(b)), rx))
        });
        html(200, boxed(StreamBody::new(stream)))
    });
    let half = PAGE.len() / 2;
    let first = Bytes::from_static(&PAGE.as_bytes()[..half]);
    tx.send(first).await.unwrap();
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
    assert!(
        tx.send(Bytes::from_static(&PAGE.as_bytes()[half..]))
            .await
            .is_ok(),
        "upstream already finished"
    );
    drop(tx);
    got.extend_from_slice(&body.collect().await.unwrap().to_bytes());
    assert!(got == *CLEAN, "streamed body differs");
}

/// After the merge: the html side's corpora, if present, through the whole pipeline.
#[tokio::test]
async fn corpus_pages_through_the_gateway() {
    let h = harness().await;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    for (kind, dir) in [
        ("benign", root.join("benign")),
        ("attack", root.join("attack")),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let page = Bytes::from(std::fs::read(&path).unwrap());
            let served = page.clone();
            h.upstream.route("/c", move || {
                resp(
                    200,
                    &[("content-type", "text/html")],
                    chunked(tiny_chunks(&served)),
                )
            });
            let (_, out) = h.body("/c", &[]).await;
            if kind == "benign" {
                assert_eq!(out, page, "benign page changed: {}", path.display());
            } else {
                let foreign = foreign_targets(&String::from_utf8_lossy(&out));
                assert!(foreign.is_empty(), "{}: {foreign:?}", path.display());
            }
        }
    }
}

/// URL-carrying attribute values on `.test` hosts (the corpora's foreign hosts).
fn foreign_targets(html: &str) -> Vec<String> {
    let re =
        regex::Regex::new(r#"(?i)\b(?:href|src|action|formaction|data)\s*=\s*["']?([^"'\s>]+)"#)
            .unwrap();
    let base = url::Url::parse("http://portal.example.gov.vn/").unwrap();
    re.captures_iter(html)
        .filter_map(|c| base.join(&c[1]).ok())
        .filter(|u| {
            u.host_str()
                .is_some_and(|h| h.trim_end_matches('.').ends_with(".test"))
        })
        .map(|u| u.to_string())
        .collect()
}

#[tokio::test]
async fn svg_doorway_scripts_and_links_are_stripped() {
    let h = harness().await;
    const BENIGN: &str = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\" fill=\"#c00\"/></svg>\n";
    const PLANTED: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" onload=\"location='https://bet.test/'\">\
        <script>window.location.replace('https://bet.test/svg')</script>\
        <a xlink:href=\"https://casino.test/\"><text y=\"10\">tai xiu</text></a></svg>";
    for (path, body) in [("/logo.svg", BENIGN), ("/uploads/2024/05/x.svg", PLANTED)] {
        h.upstream.route(path, move || {
            resp(200, &[("content-type", "image/svg+xml")], full(body))
        });
    }
    let (_, benign) = h.body("/logo.svg", &[]).await;
    assert_eq!(
        benign,
        BENIGN.as_bytes(),
        "a plain SVG comes through unchanged"
    );
    let (_, planted) = h.body("/uploads/2024/05/x.svg", &[]).await;
    let planted = String::from_utf8(planted).unwrap();
    for foreign in ["bet.test", "casino.test"] {
        assert!(!planted.contains(foreign), "{foreign} left in {planted}");
    }
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
    let h = harness_with("enforce", &pins).await;
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
    let addr = h.gateway.http_addrs[0];
    let req = Request::get(format!("http://{addr}/js/jquery.min.js")).header("host", HOST);
    let failed = match h.client.request(req.body(Empty::new()).unwrap()).await {
        Err(_) => true,
        Ok(resp) => resp.into_body().collect().await.is_err(),
    };
    assert!(failed, "a tampered copy must end in a failed transfer");
    let events = h.events.events();
    let pinned: Vec<_> = events
        .iter()
        .filter(|e| e.rule == "script.pinned")
        .collect();
    assert_eq!(pinned.len(), 1, "{events:?}");
    assert_eq!(pinned[0].target.as_deref(), Some("/js/jquery.min.js"));
}

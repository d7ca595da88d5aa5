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
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::{HeaderMap, Request, Response, StatusCode};
use http_body_util::{BodyExt, Empty, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo};
use lachan::audit::AuditLog;
use lachan::body::{GatewayBody, boxed, full};
use lachan::runtime::{Options, Running};
use tokio::net::TcpListener;

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
    let (audit, _events) = AuditLog::memory();
    let opts = Options {
        audit: Some(audit),
        ..Default::default()
    };
    let gateway = Running::start(config, opts).await.unwrap();
    let client = Client::builder(TokioExecutor::new()).build_http();
    Harness {
        upstream,
        gateway,
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

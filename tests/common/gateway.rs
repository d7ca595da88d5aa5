//! A real gateway (`Running::start` on 127.0.0.1:0) in front of a scripted upstream, for
//! the response-side suites: routes by path (`*` for any), any status, headers and body
//! framing; the upstream records the request heads it saw. Also the reference output of
//! the rewriter alone, and the content codings.

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::{HeaderMap, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Empty, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo};
use lachan::audit::{AuditLog, Event, MemorySink};
use lachan::body::{GatewayBody, boxed};
use lachan::runtime::{Options, Running};
use tokio::net::TcpListener;

pub const HOST: &str = "portal.example.gov.vn";

type Route = Arc<dyn Fn() -> Response<GatewayBody> + Send + Sync>;

/// The upstream: fixed routes by path; records the path and headers of every request.
#[derive(Clone, Default)]
pub struct Upstream {
    routes: Arc<Mutex<HashMap<String, Route>>>,
    seen: Arc<Mutex<Vec<(String, HeaderMap)>>>,
}

impl Upstream {
    pub fn route(&self, path: &str, f: impl Fn() -> Response<GatewayBody> + Send + Sync + 'static) {
        self.routes
            .lock()
            .unwrap()
            .insert(path.to_string(), Arc::new(f));
    }

    /// The headers of the last request for `path`; panics if there was none.
    pub fn seen(&self, path: &str) -> HeaderMap {
        let seen = self.seen.lock().unwrap();
        let last = seen.iter().rev().find(|(p, _)| p == path);
        last.map(|(_, h)| h.clone())
            .unwrap_or_else(|| panic!("no request for {path}"))
    }

    /// How many requests reached the upstream.
    pub fn count(&self) -> usize {
        self.seen.lock().unwrap().len()
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
            .push((path, req.headers().clone()));
        let routes = self.routes.lock().unwrap();
        // `*` answers every path without a route of its own.
        let route = routes
            .get(req.uri().path())
            .or_else(|| routes.get("*"))
            .cloned();
        drop(routes);
        match route {
            Some(f) => f(),
            None => resp(404, &[("content-type", "text/plain")], full("no route")),
        }
    }
}

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

pub struct Harness {
    pub upstream: Upstream,
    pub gateway: Running,
    pub events: Arc<MemorySink>,
    client: Client<hyper_util::client::legacy::connect::HttpConnector, Empty<Bytes>>,
}

/// An enforcing gateway with the attack suites' allow list.
pub async fn harness() -> Harness {
    harness_with("enforce", "").await
}

/// `extra` is appended to the `[[site]]` table (e.g. a `[site.sanitize]` section).
pub async fn harness_with(mode: &str, extra: &str) -> Harness {
    let upstream = Upstream::default();
    let up = upstream.start().await;
    let config = site_config(up, mode, extra);
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
    /// Any method; `Err` when the gateway gave no answer (a transfer broken off early).
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
    ) -> Result<Response<Incoming>, hyper_util::client::legacy::Error> {
        let addr = self.gateway.http_addrs[0];
        let mut req = Request::builder()
            .method(method)
            .uri(format!("http://{addr}{path}"))
            .header("host", HOST);
        for (k, v) in headers {
            req = req.header(k.to_string(), v.to_string());
        }
        self.client.request(req.body(Empty::new()).unwrap()).await
    }

    pub async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Response<Incoming> {
        self.send(Method::GET, path, headers).await.unwrap()
    }

    /// The response head and its whole body; panics if the body was cut.
    pub async fn body(
        &self,
        path: &str,
        headers: &[(&str, &str)],
    ) -> (http::response::Parts, Vec<u8>) {
        let (parts, body) = self.get(path, headers).await.into_parts();
        let bytes = body.collect().await.unwrap().to_bytes();
        (parts, bytes.to_vec())
    }

    /// The response head and the body, or `None` when the transfer was cut off.
    pub async fn try_body(&self, path: &str) -> (http::response::Parts, Option<Vec<u8>>) {
        let (parts, body) = self.get(path, &[]).await.into_parts();
        let bytes = body.collect().await.ok().map(|b| b.to_bytes().to_vec());
        (parts, bytes)
    }

    /// The rule ids of every event so far, in order.
    pub fn rules(&self) -> Vec<String> {
        self.events
            .events()
            .iter()
            .map(|e| e.rule.to_string())
            .collect()
    }

    /// The rules of the response stages' own events (`body.*`, `header.*`), in order; the
    /// HTML rewriter's events are the attack suites' business.
    pub fn stage_rules(&self) -> Vec<String> {
        let rules = self.rules();
        let stage = |r: &String| r.starts_with("body.") || r.starts_with("header.");
        rules.into_iter().filter(stage).collect()
    }

    /// The events of one rule.
    pub fn events_of(&self, rule: &str) -> Vec<Event> {
        self.events
            .events()
            .into_iter()
            .filter(|e| e.rule == rule)
            .collect()
    }
}

/// The site as the attack suites configure it. Loopback is on the guard's allow list so
/// that the suites' many requests are never rate-limited.
pub fn site_config(upstream: SocketAddr, mode: &str, extra: &str) -> lachan::config::Config {
    let text = format!(
        "[server]\nlisten = [\"127.0.0.1:0\"]\n[audit]\ndir = \"{}\"\n[guard]\nallow = [\"127.0.0.0/8\"]\n[[site]]\nname = \"portal\"\n\
         hosts = [\"{HOST}\", \"www.{HOST}\"]\nupstream = \"http://{upstream}\"\nmode = \"{mode}\"\n\
         allow = [\"*.gov.vn\", \"chinhphu.vn\", \"*.edu.vn\", \"www.googletagmanager.com\", \"www.google-analytics.com\", \"www.youtube.com\"]\n{extra}",
        std::env::temp_dir().display()
    );
    lachan::config::parse(&text, Path::new("test.toml")).unwrap()
}

/// `page` sanitized by the rewriter alone, in one piece, for the suites' site: what every
/// way through the gateway (any status, coding or chunking) must reproduce byte for byte.
pub fn rewritten(page: &[u8]) -> Vec<u8> {
    use lachan::sanitize::html::{PageContext, PageRewriter};
    let config = site_config("127.0.0.1:9".parse().unwrap(), "enforce", "");
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
    let mut out = rw.write(page).unwrap().to_vec();
    out.extend_from_slice(&rw.end().unwrap());
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

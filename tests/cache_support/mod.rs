//! Shared by the cache suites: a programmable origin on 127.0.0.1:0 that counts what it
//! is asked, and a gateway in front of it with the cache enabled.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::{HeaderMap, Request, Response, StatusCode};
use http_body_util::{BodyExt, Empty, Full};
use hyper::body::Incoming;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};
use lachan::audit::{AuditLog, MemorySink};
use lachan::runtime::{Options, Running};
use tokio::net::TcpListener;
use tokio::sync::watch;

pub const HOST: &str = "portal.example.gov.vn";

/// What the origin answers.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl Reply {
    pub fn html(cache_control: &str, body: &str) -> Self {
        Self {
            status: 200,
            headers: vec![
                ("content-type".into(), "text/html; charset=utf-8".into()),
                ("cache-control".into(), cache_control.into()),
            ],
            body: Bytes::copy_from_slice(body.as_bytes()),
        }
    }

    pub fn with(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

type Handler = Arc<dyn Fn(&HeaderMap) -> Reply + Send + Sync>;

/// The origin: routes by path, counts requests per path, records their heads.
#[derive(Clone)]
pub struct Origin {
    routes: Arc<Mutex<HashMap<String, Handler>>>,
    pub seen: Arc<Mutex<Vec<(String, HeaderMap)>>>,
    /// Answer 503 to everything.
    pub failing: Arc<AtomicBool>,
    /// Close the connection without an answer.
    pub dead: Arc<AtomicBool>,
    /// While false, requests wait before they are answered.
    gate: watch::Sender<bool>,
}

impl Default for Origin {
    fn default() -> Self {
        Self {
            routes: Arc::default(),
            seen: Arc::default(),
            failing: Arc::default(),
            dead: Arc::default(),
            gate: watch::channel(true).0,
        }
    }
}

impl Origin {
    pub fn route(&self, path: &str, f: impl Fn(&HeaderMap) -> Reply + Send + Sync + 'static) {
        self.routes.lock().unwrap().insert(path.into(), Arc::new(f));
    }

    /// How many requests for `target` (path and query) reached the origin.
    pub fn count(&self, target: &str) -> usize {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|(t, _)| t == target)
            .count()
    }

    pub fn last(&self, target: &str) -> HeaderMap {
        let seen = self.seen.lock().unwrap();
        seen.iter()
            .rev()
            .find(|(t, _)| t == target)
            .unwrap()
            .1
            .clone()
    }

    pub fn hold(&self) {
        self.gate.send_replace(false);
    }

    pub fn release(&self) {
        self.gate.send_replace(true);
    }

    pub async fn start(&self) -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let me = self.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let me = me.clone();
                tokio::spawn(async move {
                    let svc = hyper::service::service_fn(move |req| {
                        let me = me.clone();
                        async move { me.answer(req).await }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), svc)
                        .await;
                });
            }
        });
        addr
    }

    async fn answer(
        &self,
        req: Request<Incoming>,
    ) -> Result<Response<Full<Bytes>>, std::io::Error> {
        let target = req.uri().path_and_query().unwrap().to_string();
        self.seen
            .lock()
            .unwrap()
            .push((target, req.headers().clone()));
        let mut open = self.gate.subscribe();
        let _ = open.wait_for(|o| *o).await;
        if self.dead.load(Ordering::SeqCst) {
            // hyper closes the connection without an answer.
            return Err(std::io::Error::other("origin dead"));
        }
        if self.failing.load(Ordering::SeqCst) {
            let mut resp = Response::new(Full::from("origin down"));
            *resp.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
            return Ok(resp);
        }
        let handler = self.routes.lock().unwrap().get(req.uri().path()).cloned();
        let reply = handler.map_or_else(
            || Reply::html("no-store", "not found").with("x-missing", "1"),
            |h| h(req.headers()),
        );
        let mut resp = Response::new(Full::from(reply.body));
        *resp.status_mut() = StatusCode::from_u16(reply.status).unwrap();
        for (k, v) in reply.headers {
            resp.headers_mut().append(
                http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        Ok(resp)
    }
}

pub struct Harness {
    pub origin: Origin,
    pub gateway: Running,
    pub events: Arc<MemorySink>,
    pub client: Client<HttpConnector, Empty<Bytes>>,
    pub config_path: PathBuf,
    pub origin_addr: SocketAddr,
    _dir: tempfile::TempDir,
}

/// The config of the one site, with the cache on; `site_extra` goes into `[[site]]`.
pub fn config_text(origin: SocketAddr, site_extra: &str, cache_extra: &str) -> String {
    format!(
        "[server]\nlisten = [\"127.0.0.1:0\"]\nadmin = \"127.0.0.1:0\"\n\
         [[site]]\nname = \"portal\"\nhosts = [\"{HOST}\"]\nupstream = \"http://{origin}\"\n\
         {site_extra}\n[site.cache]\nenabled = true\n{cache_extra}\n"
    )
}

pub async fn harness(site_extra: &str, cache_extra: &str) -> Harness {
    let origin = Origin::default();
    let addr = origin.start().await;
    let dir = tempfile::tempdir().unwrap();
    let config_path = dir.path().join("lachan.toml");
    let text = config_text(addr, site_extra, cache_extra);
    std::fs::File::create(&config_path)
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let config = lachan::config::load(&config_path).unwrap();
    let (audit, events) = AuditLog::memory();
    let opts = Options {
        audit: Some(audit),
        ..Default::default()
    };
    let gateway = Running::start(config, opts).await.unwrap();
    Harness {
        origin,
        gateway,
        events,
        client: Client::builder(TokioExecutor::new()).build_http(),
        config_path,
        origin_addr: addr,
        _dir: dir,
    }
}

/// A response, read whole.
#[derive(Debug)]
pub struct Got {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Got {
    pub fn x_cache(&self) -> &str {
        self.headers
            .get("x-cache")
            .map_or("", |v| v.to_str().unwrap())
    }
}

impl Harness {
    pub async fn send(&self, method: &str, target: &str, headers: &[(&str, &str)]) -> Got {
        let addr = self.gateway.http_addrs[0];
        let mut req = Request::builder()
            .method(method)
            .uri(format!("http://{addr}{target}"));
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            req = req.header("host", HOST);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let resp = self
            .client
            .request(req.body(Empty::new()).unwrap())
            .await
            .unwrap();
        let (parts, body) = resp.into_parts();
        let body = body.collect().await.unwrap().to_bytes();
        Got {
            status: parts.status,
            headers: parts.headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }

    pub async fn get(&self, target: &str) -> Got {
        self.send("GET", target, &[]).await
    }

    /// An admin request; returns status and body.
    pub async fn admin(&self, method: &str, path: &str) -> (StatusCode, String) {
        let addr = self.gateway.admin_addr.unwrap();
        let req = Request::builder()
            .method(method)
            .uri(format!("http://{addr}{path}"))
            .body(Empty::new())
            .unwrap();
        let resp = self.client.request(req).await.unwrap();
        let status = resp.status();
        let body = resp.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    /// The value of one sample in `/metrics` (0 if absent).
    pub async fn metric(&self, sample: &str) -> f64 {
        let (_, text) = self.admin("GET", "/metrics").await;
        text.lines()
            .find_map(|l| l.strip_prefix(sample).and_then(|v| v.trim().parse().ok()))
            .unwrap_or(0.0)
    }
}

//! Test helpers shared by the integration suites: a recording upstream on 127.0.0.1:0.

#![allow(dead_code)]

/// The site being protected in every suite.
pub const HOST: &str = "portal.example.gov.vn";
/// The foreign hosts the suites' site allows.
pub const ALLOW: [&str; 6] = [
    "*.gov.vn",
    "chinhphu.vn",
    "*.edu.vn",
    "www.googletagmanager.com",
    "www.google-analytics.com",
    "www.youtube.com",
];

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// What the upstream received in full: the request line and headers, and the body.
#[derive(Debug, Clone)]
pub struct Seen {
    /// `METHOD target` on the first line, then one `name: value` line per header.
    pub head: String,
    pub body: Vec<u8>,
}

impl Seen {
    /// `METHOD target`.
    pub fn line(&self) -> &str {
        self.head.lines().next().unwrap_or("")
    }
}

pub type Log = Arc<Mutex<Vec<Seen>>>;

/// An HTTP/1.1 upstream that answers "upstream ok" and records every complete request.
pub async fn recording_upstream() -> (SocketAddr, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let log: Log = Arc::default();
    let seen = log.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let seen = seen.clone();
            tokio::spawn(async move {
                let svc = hyper::service::service_fn(move |req| record(seen.clone(), req));
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), svc)
                    .await;
            });
        }
    });
    (addr, log)
}

async fn record(
    log: Log,
    req: http::Request<Incoming>,
) -> Result<http::Response<String>, hyper::Error> {
    let mut head = format!("{} {}\n", req.method(), req.uri());
    for (k, v) in req.headers() {
        head.push_str(&format!("{k}: {}\n", String::from_utf8_lossy(v.as_bytes())));
    }
    let body = req.into_body().collect().await?.to_bytes().to_vec();
    log.lock().unwrap().push(Seen { head, body });
    Ok(http::Response::new("upstream ok".to_string()))
}

pub mod gateway;
pub mod proxy_kit;
pub mod rewrite;

//! The cache suites' words on top of the shared kit: the origin is the kit's scripted
//! [`Upstream`] (answers that read the request's headers, held, failing or dead on
//! demand), in front of it one site with the cache on, and responses read whole with their
//! `X-Cache` verdict.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;

use bytes::Bytes;
use http::{HeaderMap, Method, Response, StatusCode};
use http_body_util::BodyExt;
use lachan::body::GatewayBody;

pub use crate::common::HOST;
use crate::common::body::{full, resp};
use crate::common::gateway::{Gateway, Setup, request, text};
pub use crate::common::upstream::Upstream;

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

impl From<Reply> for Response<GatewayBody> {
    fn from(r: Reply) -> Self {
        let headers: Vec<_> = r.headers.iter().map(|(k, v)| (&**k, &**v)).collect();
        resp(r.status, &headers, full(r.body))
    }
}

pub struct Harness {
    pub origin: Upstream,
    pub gateway: Gateway,
    /// The config as a file, for the suites that reload it.
    pub config_path: PathBuf,
    pub origin_addr: SocketAddr,
    _dir: tempfile::TempDir,
}

/// The config of the one site, with the cache on; `site_extra` goes into `[[site]]`,
/// `cache_extra` after `[site.cache]`.
pub fn config_text(origin: SocketAddr, site_extra: &str, cache_extra: &str) -> String {
    site(origin, site_extra, cache_extra).text()
}

fn site(origin: SocketAddr, site_extra: &str, cache_extra: &str) -> Setup {
    let site = Setup::new().site_at(HOST, origin).name("portal");
    site.site_lines(&format!(
        "{site_extra}\n[site.cache]\nenabled = true\n{cache_extra}"
    ))
}

pub async fn harness(site_extra: &str, cache_extra: &str) -> Harness {
    let origin = Upstream::new();
    let origin_addr = origin.start().await;
    let dir = tempfile::tempdir().unwrap();
    let config_path = dir.path().join("lachan.toml");
    let setup = site(origin_addr, site_extra, cache_extra);
    std::fs::write(&config_path, setup.text()).unwrap();
    let gateway = setup.start().await;
    Harness {
        origin,
        gateway,
        config_path,
        origin_addr,
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
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let resp = self.gateway.send(method, target, headers).await.unwrap();
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
        let admin = self.gateway.admin_addr.unwrap();
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let resp = request(admin, method, "admin", path).await;
        (resp.status(), text(resp).await)
    }

    /// The value of one sample in `/metrics` (0 if absent).
    pub async fn metric(&self, sample: &str) -> f64 {
        let (_, text) = self.admin("GET", "/metrics").await;
        text.lines()
            .find_map(|l| l.strip_prefix(sample).and_then(|v| v.trim().parse().ok()))
            .unwrap_or(0.0)
    }
}

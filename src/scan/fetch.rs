//! `lachan scan`: one GET to the origin (or to a running lachan), through the proxy's own
//! upstream pool, TLS settings and request preparation, paced by the scan's rate limit.
//!
//! Bounds: every fetch waits for the shared rate limiter first, the whole exchange (head
//! and body) has one deadline, and at most `max_bytes` of the body are kept: past that the
//! connection is dropped and the page is marked truncated.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use http::{HeaderMap, HeaderValue, Request, header};
use http_body_util::BodyExt;

use crate::settings::Site;
use crate::upstream::pool::{Pool, PooledBody};

/// Whom the scan pretends to be. Each page is fetched as both to catch cloaking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agent {
    Browser,
    Googlebot,
}

impl Agent {
    pub fn name(self) -> &'static str {
        match self {
            Agent::Browser => "browser",
            Agent::Googlebot => "googlebot",
        }
    }

    fn user_agent(self) -> &'static str {
        match self {
            Agent::Browser => {
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 \
                 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"
            }
            Agent::Googlebot => {
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
            }
        }
    }
}

/// A response, with its body read up to the cap.
#[derive(Debug)]
pub struct Fetched {
    pub status: http::StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
    pub truncated: bool,
}

/// Why a fetch gave nothing.
#[derive(Debug, Clone, thiserror::Error)]
pub enum FetchError {
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    #[error("upstream: {0}")]
    Upstream(String),
    #[error("bad request path {0:?}")]
    Path(String),
}

/// Fetches pages of one site.
pub struct Fetcher {
    pool: Arc<Pool>,
    site: Arc<Site>,
    host: HeaderValue,
    timeout: Duration,
    max_bytes: usize,
    limiter: DefaultDirectRateLimiter,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher").field("host", &self.host).finish()
    }
}

impl Fetcher {
    pub fn new(
        pool: Arc<Pool>,
        site: Arc<Site>,
        timeout: Duration,
        max_bytes: usize,
        rate: NonZeroU32,
    ) -> Result<Self, FetchError> {
        let host = site.hosts.first().cloned().unwrap_or_default();
        let host = HeaderValue::from_str(&host).map_err(|_| FetchError::Path(host))?;
        Ok(Self {
            pool,
            site,
            host,
            timeout,
            max_bytes,
            // Burst 1: a scan never sends more than the rate, even at its start.
            limiter: RateLimiter::direct(Quota::per_second(rate).allow_burst(NonZeroU32::MIN)),
        })
    }

    /// GETs `path_and_query` as `agent`.
    pub async fn get(&self, path_and_query: &str, agent: Agent) -> Result<Fetched, FetchError> {
        self.limiter.until_ready().await;
        let req = self.request(path_and_query, agent)?;
        let exchange = async {
            let resp = self
                .pool
                .request(req)
                .await
                .map_err(|e| FetchError::Upstream(error_chain(&e)))?;
            let (parts, body) = resp.into_parts();
            let (body, truncated) = read_capped(body, self.max_bytes).await?;
            Ok(Fetched {
                status: parts.status,
                headers: parts.headers,
                body,
                truncated,
            })
        };
        tokio::time::timeout(self.timeout, exchange)
            .await
            .map_err(|_| FetchError::Timeout(self.timeout))?
    }

    fn request(
        &self,
        path_and_query: &str,
        agent: Agent,
    ) -> Result<Request<crate::body::GatewayBody>, FetchError> {
        let mut req = Request::get(path_and_query)
            .header(header::HOST, self.host.clone())
            .header(header::USER_AGENT, agent.user_agent())
            .header(
                header::ACCEPT,
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            )
            .header(header::ACCEPT_ENCODING, "gzip, deflate, br, zstd")
            .body(crate::body::empty())
            .map_err(|_| FetchError::Path(path_and_query.to_string()))?;
        if agent == Agent::Googlebot {
            req.headers_mut().insert(
                header::REFERER,
                HeaderValue::from_static("https://www.google.com/"),
            );
        }
        // The same preparation as the proxy's forward stage: codings we can decode only.
        let (mut parts, body) = req.into_parts();
        crate::sanitize::prepare_request(&self.site, &mut parts);
        Ok(Request::from_parts(parts, body))
    }
}

/// Reads at most `max` bytes; says whether the body was longer.
async fn read_capped(mut body: PooledBody, max: usize) -> Result<(Bytes, bool), FetchError> {
    let mut buf = BytesMut::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| FetchError::Upstream(error_chain(&e)))?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        if buf.len() + data.len() > max {
            buf.extend_from_slice(&data[..max - buf.len()]);
            return Ok((buf.freeze(), true));
        }
        buf.extend_from_slice(&data);
    }
    Ok((buf.freeze(), false))
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}

//! Stage 4, forward: the keep-alive connections of one site on one worker thread, and the
//! upstream call itself (hyper's HTTP/1 client connection).
//!
//! Why not hyper-util's pooled `Client`: on the 1 KB proxy benchmark its pool hashed its
//! key with SipHash on every checkout and every return (about 3k instructions a request),
//! and it rewrites each request's URI and spawns a task to return each connection. This
//! pool belongs to one site on one worker, so it needs no key and no lock contention: a
//! connection goes back to the idle list when its response body has been read to the end
//! ([`PooledBody`]), and the freshest idle connection is used first.
//!
//! Retry: when a pooled connection turns out to be closed before the request was written
//! (the upstream closed it while it sat idle), hyper hands the request back and it is sent
//! on another connection. A request that was written is retried only when it is safe
//! (`GET`, `HEAD`, `OPTIONS`, `TRACE`) with an empty body and its pooled connection closed
//! before any response came (hyper's "incomplete message"): the upstream's keep-alive
//! timeout (5 s in Apache and Node) crossed it, and a loaded gateway had not yet read the
//! close when it picked the connection. RFC 9110 §9.2.2 allows that retry, and nginx makes
//! it (`proxy_next_upstream error`). Any other request that was written is never retried.
//!
//! Idle connections are closed after `limits.upstream_idle_timeout` by their own task, so
//! a quiet site does not hold sockets open on its upstream.

use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::{Method, Request, Response, Uri};
use http_body::{Body, Frame, SizeHint};
use hyper::body::Incoming;
use hyper::client::conn::http1::{self, SendRequest};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use prometheus_client::metrics::histogram::Histogram;
use tokio::time::Instant;
use tower::ServiceExt;

use crate::body::{BoxError, GatewayBody};
use crate::workers::idle_watch::until_idle;

/// Why an upstream call failed; the rescue point reads the source chain.
#[derive(Debug, thiserror::Error)]
pub enum UpstreamError {
    #[error("cannot connect to the upstream")]
    Connect(#[source] BoxError),
    #[error("upstream request failed")]
    Http(#[source] hyper::Error),
}

/// One idle connection; its clock says since when.
struct Idle {
    sender: SendRequest<GatewayBody>,
    clock: Arc<IdleClock>,
}

/// The pool of one site on one worker; see the module docs.
pub struct Pool {
    connector: HttpsConnector<HttpConnector>,
    /// `scheme://authority/` of the upstream, for the connector.
    target: Uri,
    idle: Mutex<VecDeque<Idle>>,
    max_idle: usize,
    idle_timeout: Duration,
    /// This site's upstream-latency histogram, looked up in its metric family once (the
    /// lookup hashes the labels with SipHash under a lock) and then shared.
    pub(crate) latency: OnceLock<Histogram>,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("target", &self.target)
            .finish()
    }
}

impl Pool {
    pub fn new(
        connector: HttpsConnector<HttpConnector>,
        target: Uri,
        max_idle: usize,
        idle_timeout: Duration,
    ) -> Self {
        Self {
            connector,
            target,
            idle: Mutex::new(VecDeque::new()),
            max_idle,
            idle_timeout,
            latency: OnceLock::new(),
        }
    }

    /// Sends `req` (origin-form URI, `Host` set) and returns the response head; the body
    /// streams from the connection, which rejoins the pool when the body ends.
    pub async fn request(
        self: &Arc<Self>,
        mut req: Request<GatewayBody>,
    ) -> Result<Response<PooledBody>, UpstreamError> {
        loop {
            let (mut conn, pooled) = match self.checkout().await {
                Some(conn) => (conn, true),
                None => (self.connect().await?, false),
            };
            let again = if pooled { safe_copy(&req) } else { None };
            match conn.0.try_send_request(req).await {
                Ok(resp) => return Ok(self.track(conn, resp)),
                Err(mut e) => match e.take_message() {
                    Some(unsent) if pooled => req = unsent,
                    _ => match again {
                        Some(copy) if e.error().is_incomplete_message() => req = copy,
                        _ => return Err(UpstreamError::Http(e.into_error())),
                    },
                },
            }
        }
    }

    /// The freshest idle connection that is still open and ready.
    async fn checkout(&self) -> Option<(SendRequest<GatewayBody>, Arc<IdleClock>)> {
        loop {
            let mut idle = self.lock().pop_back()?;
            if idle.clock.idle_for() >= self.idle_timeout {
                // Everything older went idle even earlier.
                self.lock().clear();
                return None;
            }
            // Its last response has ended, so this waits only for hyper's own bookkeeping.
            if idle.sender.ready().await.is_ok() {
                idle.clock.busy();
                return Some((idle.sender, idle.clock));
            }
        }
    }

    async fn connect(&self) -> Result<(SendRequest<GatewayBody>, Arc<IdleClock>), UpstreamError> {
        let io = self
            .connector
            .clone()
            .oneshot(self.target.clone())
            .await
            .map_err(UpstreamError::Connect)?;
        let (sender, conn) = http1::Builder::new()
            .handshake(io)
            .await
            .map_err(UpstreamError::Http)?;
        let clock = Arc::new(IdleClock::default());
        tokio::spawn(drive(
            conn.with_upgrades(),
            clock.clone(),
            self.idle_timeout,
        ));
        Ok((sender, clock))
    }

    fn track(
        self: &Arc<Self>,
        conn: (SendRequest<GatewayBody>, Arc<IdleClock>),
        resp: Response<Incoming>,
    ) -> Response<PooledBody> {
        resp.map(|inner| {
            let back = Some((conn.0, conn.1, self.clone()));
            let mut body = PooledBody { inner, back };
            if body.inner.is_end_stream() {
                body.release();
            }
            body
        })
    }

    fn put(&self, sender: SendRequest<GatewayBody>, clock: Arc<IdleClock>) {
        let mut idle = self.lock();
        if sender.is_closed() || idle.len() >= self.max_idle {
            return;
        }
        clock.idle();
        idle.push_back(Idle { sender, clock });
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Idle>> {
        // A panic cannot leave the list half-updated: each change is one push or pop.
        self.idle.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A copy of a safe request with an empty body, to send again on a new connection if its
/// pooled one closes under it (see the module docs); `None` for any other request.
fn safe_copy(req: &Request<GatewayBody>) -> Option<Request<GatewayBody>> {
    let safe = matches!(
        *req.method(),
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    );
    if !safe || req.body().size_hint().exact() != Some(0) {
        return None;
    }
    let mut copy = Request::new(crate::body::empty());
    *copy.method_mut() = req.method().clone();
    *copy.uri_mut() = req.uri().clone();
    *copy.version_mut() = req.version();
    *copy.headers_mut() = req.headers().clone();
    Some(copy)
}

/// When a connection went idle (milliseconds since `origin`, plus one), or 0 while busy.
#[derive(Debug)]
struct IdleClock {
    origin: Instant,
    since: AtomicU64,
}

impl Default for IdleClock {
    fn default() -> Self {
        Self {
            origin: Instant::now(),
            since: AtomicU64::new(0),
        }
    }
}

impl IdleClock {
    fn now(&self) -> u64 {
        u64::try_from(self.origin.elapsed().as_millis()).unwrap_or(u64::MAX - 1) + 1
    }

    fn idle(&self) {
        self.since.store(self.now(), Ordering::Relaxed);
    }

    fn busy(&self) {
        self.since.store(0, Ordering::Relaxed);
    }

    fn idle_for(&self) -> Duration {
        match self.since.load(Ordering::Relaxed) {
            0 => Duration::ZERO,
            since => Duration::from_millis(self.now().saturating_sub(since)),
        }
    }
}

/// Runs one upstream connection until it ends or has sat idle for `timeout`.
async fn drive<C: std::future::Future>(conn: C, clock: Arc<IdleClock>, timeout: Duration) {
    let period = timeout.max(Duration::from_millis(100)) / 2;
    let _ = until_idle(conn, period, || clock.idle_for() >= timeout).await;
}

/// An upstream response body that hands its connection back to the pool at its end.
/// Dropped early, it takes the connection with it (hyper closes it).
pub struct PooledBody {
    inner: Incoming,
    back: Option<(SendRequest<GatewayBody>, Arc<IdleClock>, Arc<Pool>)>,
}

impl PooledBody {
    fn release(&mut self) {
        if let Some((sender, clock, pool)) = self.back.take() {
            pool.put(sender, clock);
        }
    }
}

impl Body for PooledBody {
    type Data = Bytes;
    type Error = hyper::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, hyper::Error>>> {
        let frame = Pin::new(&mut self.inner).poll_frame(cx);
        // hyper stops polling once `is_end_stream` says so, so the end is checked here too.
        let ended = match &frame {
            Poll::Ready(None) => true,
            Poll::Ready(Some(Ok(_))) => self.inner.is_end_stream(),
            _ => false,
        };
        if ended {
            self.release();
        }
        frame
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

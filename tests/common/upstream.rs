//! The upstream behind a test gateway, on 127.0.0.1:0. One kind, three uses:
//!
//! - scripted: fixed answers by path (`*` for any), each a closure that builds the response;
//! - a handler: an async closure that gets the request itself (streaming, echo, holding);
//! - recording: every request that reached it, head and (for scripted answers) body, so a
//!   suite can say what the gateway let through;
//! - switched: held, failing or dead while the test says so (a cache's stale pages).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use futures_util::future::BoxFuture;
use http::{HeaderMap, Request, Response};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use lachan::body::{GatewayBody, boxed, full};
use lachan::tls::dev::Issued;
use tokio::net::TcpListener;
use tokio::sync::{Notify, oneshot, watch};

use super::body::resp;
use super::raw::DEADLINE;

type Route = Arc<dyn Fn(&HeaderMap) -> Response<GatewayBody> + Send + Sync>;
pub type Handler =
    Arc<dyn Fn(Request<Incoming>) -> BoxFuture<'static, Response<GatewayBody>> + Send + Sync>;

/// What the upstream received.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    /// The request target as sent (path and query).
    pub target: String,
    pub headers: HeaderMap,
    /// Empty for requests given to a handler (the handler reads the body).
    pub body: Vec<u8>,
}

impl Seen {
    /// `METHOD target`.
    pub fn line(&self) -> String {
        format!("{} {}", self.method, self.target)
    }

    fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }
}

#[derive(Clone, Default)]
pub struct Upstream {
    routes: Arc<Mutex<HashMap<String, Route>>>,
    handler: Option<Handler>,
    seen: Arc<Mutex<Vec<Seen>>>,
    arrived: Arc<Notify>,
    state: Arc<State>,
}

/// How a scripted upstream is doing: held, failing or dead, switched by the test.
struct State {
    /// While false, requests wait (recorded) before they are answered.
    open: watch::Sender<bool>,
    failing: AtomicBool,
    dead: AtomicBool,
}

impl Default for State {
    fn default() -> Self {
        State {
            open: watch::channel(true).0,
            failing: AtomicBool::new(false),
            dead: AtomicBool::new(false),
        }
    }
}

impl Upstream {
    /// A scripted upstream with no routes yet: 404 "no route" until [`Upstream::route`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Answers `200 upstream ok` to every request.
    pub fn ok() -> Self {
        let up = Self::new();
        up.route("*", || Response::new(full("upstream ok")));
        up
    }

    /// Gives every request to `f`.
    pub fn handler<F, Fut>(f: F) -> Self
    where
        F: Fn(Request<Incoming>) -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = Response<GatewayBody>> + Send + 'static,
    {
        Self {
            handler: Some(Arc::new(move |req| Box::pin(f(req)))),
            ..Self::default()
        }
    }

    /// Answers every request with `text`.
    pub fn text(text: &'static str) -> Self {
        Self::handler(move |_| async move { Response::new(full(text)) })
    }

    /// Streams the request body back, with the request head in `x-echo-head` (`|`-separated
    /// lines) and a hop-by-hop header that the gateway must not pass on.
    pub fn echo() -> Self {
        Self::handler(|req: Request<Incoming>| async move {
            let mut head = String::new();
            for (k, v) in req.headers() {
                head.push_str(&format!("{k}: {}|", v.to_str().unwrap_or("?")));
            }
            let mut r = Response::new(boxed(req.into_body()));
            let h = r.headers_mut();
            h.insert("x-echo-head", head.parse().unwrap());
            h.insert("content-type", "application/octet-stream".parse().unwrap());
            h.insert("connection", "x-upstream-secret".parse().unwrap());
            h.insert("x-upstream-secret", "1".parse().unwrap());
            r
        })
    }

    /// The first request signals `entered` and waits for `release` before it is answered
    /// with `text`; later requests are answered at once.
    pub fn held(text: &'static str) -> (Self, Hold) {
        let (entered_tx, entered) = oneshot::channel::<()>();
        let (release, release_rx) = oneshot::channel::<()>();
        let slot = Arc::new(tokio::sync::Mutex::new(Some((entered_tx, release_rx))));
        let up = Self::handler(move |_| {
            let slot = slot.clone();
            async move {
                if let Some((entered, release)) = slot.lock().await.take() {
                    let _ = entered.send(());
                    let _ = release.await;
                }
                Response::new(full(text))
            }
        });
        (up, Hold { entered, release })
    }

    /// Answers `path` (or any path without a route of its own, for `*`) with `f`.
    pub fn route(&self, path: &str, f: impl Fn() -> Response<GatewayBody> + Send + Sync + 'static) {
        self.route_with(path, move |_| f());
    }

    /// Answers `path` (or `*`) with `200`, `content_type` and `body`: a file on the origin.
    pub fn serve(&self, path: &str, content_type: &'static str, body: impl Into<Bytes>) {
        let body: Bytes = body.into();
        self.route(path, move || {
            resp(200, &[("content-type", content_type)], full(body.clone()))
        });
    }

    /// [`Upstream::route`] with an answer that depends on the request's headers.
    pub fn route_with<R: Into<Response<GatewayBody>>>(
        &self,
        path: &str,
        f: impl Fn(&HeaderMap) -> R + Send + Sync + 'static,
    ) {
        let mut routes = self.routes.lock().unwrap();
        routes.insert(path.to_string(), Arc::new(move |h| f(h).into()));
    }

    /// Holds every scripted answer (the requests are recorded) until [`Upstream::release`].
    pub fn hold(&self) {
        self.state.open.send_replace(false);
    }

    pub fn release(&self) {
        self.state.open.send_replace(true);
    }

    /// While on, every scripted answer is `503 origin down`.
    pub fn failing(&self, on: bool) {
        self.state.failing.store(on, Ordering::SeqCst);
    }

    /// While on, every connection is closed without an answer.
    pub fn dead(&self, on: bool) {
        self.state.dead.store(on, Ordering::SeqCst);
    }

    /// Every request so far, in order.
    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// The headers of the last request for `path`; panics if there was none.
    pub fn seen(&self, path: &str) -> HeaderMap {
        let seen = self.seen.lock().unwrap();
        let last = seen.iter().rev().find(|s| s.path() == path);
        last.map(|s| s.headers.clone())
            .unwrap_or_else(|| panic!("no request for {path}"))
    }

    /// How many requests reached the upstream.
    pub fn count(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    /// How many requests for `target` (path and query, as sent) reached the upstream.
    pub fn count_of(&self, target: &str) -> usize {
        let seen = self.seen.lock().unwrap();
        seen.iter().filter(|s| s.target == target).count()
    }

    /// Listens on 127.0.0.1:0 (HTTP/1.1 and HTTP/2, with upgrades) until the test ends.
    pub async fn start(&self) -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let me = self.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(me.clone().serve_io(stream));
            }
        });
        addr
    }

    /// Listens on 127.0.0.1:0 behind TLS, presenting `issued`: an HTTPS upstream.
    pub async fn start_tls(&self, issued: &Issued) -> SocketAddr {
        let config = Arc::new(super::tls::server_config(issued));
        let acceptor = tokio_rustls::TlsAcceptor::from(config);
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let me = self.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (me, acceptor) = (me.clone(), acceptor.clone());
                tokio::spawn(async move {
                    if let Ok(tls) = acceptor.accept(stream).await {
                        me.serve_io(tls).await;
                    }
                });
            }
        });
        addr
    }

    async fn serve_io<I>(self, io: I)
    where
        I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
    {
        let svc = hyper::service::service_fn(move |req| {
            let me = self.clone();
            async move { me.answer(req).await }
        });
        let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
            .serve_connection_with_upgrades(TokioIo::new(io), svc)
            .await;
    }

    /// Waits (within [`DEADLINE`]) until `n` requests have reached it; all of them.
    pub async fn wait_for(&self, n: usize) -> Vec<Seen> {
        let wait = async {
            loop {
                let arrived = self.arrived.notified();
                if self.count() >= n {
                    return self.requests();
                }
                arrived.await;
            }
        };
        let seen = tokio::time::timeout(DEADLINE, wait).await;
        seen.unwrap_or_else(|_| panic!("{n} requests never arrived: {:?}", self.requests()))
    }

    /// `Err` closes the connection without an answer (a dead upstream).
    async fn answer(&self, req: Request<Incoming>) -> std::io::Result<Response<GatewayBody>> {
        let mut seen = Seen {
            method: req.method().to_string(),
            target: req.uri().to_string(),
            headers: req.headers().clone(),
            body: Vec::new(),
        };
        if let Some(h) = &self.handler {
            self.record(seen);
            return Ok(h(req).await);
        }
        // Recorded only once complete: a request cut off on the way never "reached" it.
        match req.into_body().collect().await {
            Ok(b) => seen.body = b.to_bytes().to_vec(),
            Err(_) => return Ok(resp(400, &[], full("body failed"))),
        }
        let (path, headers) = (seen.path().to_string(), seen.headers.clone());
        self.record(seen);
        let _ = self.state.open.subscribe().wait_for(|open| *open).await;
        if self.state.dead.load(Ordering::SeqCst) {
            return Err(std::io::Error::other("upstream dead"));
        }
        if self.state.failing.load(Ordering::SeqCst) {
            return Ok(resp(
                503,
                &[("content-type", "text/plain")],
                full("origin down"),
            ));
        }
        let routes = self.routes.lock().unwrap();
        let route = routes.get(&path).or_else(|| routes.get("*")).cloned();
        drop(routes);
        Ok(match route {
            Some(f) => f(&headers),
            None => resp(404, &[("content-type", "text/plain")], full("no route")),
        })
    }

    fn record(&self, seen: Seen) {
        self.seen.lock().unwrap().push(seen);
        self.arrived.notify_waiters();
    }
}

/// A WebSocket server on 127.0.0.1:0 that echoes every text message back.
pub async fn websocket_echo() -> SocketAddr {
    use futures_util::{SinkExt, StreamExt};
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let Ok(mut ws) = tokio_tungstenite::accept_async(stream).await else {
                    return;
                };
                while let Some(Ok(msg)) = ws.next().await {
                    if msg.is_text() && ws.send(msg).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    addr
}

/// The two ends of [`Upstream::held`].
pub struct Hold {
    /// Fires when the first request has arrived.
    pub entered: oneshot::Receiver<()>,
    /// Send to let it be answered.
    pub release: oneshot::Sender<()>,
}

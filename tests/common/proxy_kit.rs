//! The gateway-core kit: a scripted upstream, config text, a started gateway, a client and
//! raw-socket helpers, for the suites that test forwarding, limits and lifecycle.

use http::{Request, Response};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};
use lachan::body::{GatewayBody, boxed, full};
use lachan::runtime::{Options, Running};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::AsyncReadExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Mutex, oneshot};

pub type Handler = Arc<
    dyn Fn(Request<Incoming>) -> futures_util::future::BoxFuture<'static, Response<GatewayBody>>
        + Send
        + Sync,
>;

/// Starts an upstream on 127.0.0.1:0 that answers with `handler`.
pub async fn upstream(handler: Handler) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let h = handler.clone();
            tokio::spawn(async move {
                let svc = hyper::service::service_fn(move |req| {
                    let h = h.clone();
                    async move { Ok::<_, Infallible>(h(req).await) }
                });
                let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                    .serve_connection_with_upgrades(TokioIo::new(stream), svc)
                    .await;
            });
        }
    });
    addr
}

pub fn handler<F, Fut>(f: F) -> Handler
where
    F: Fn(Request<Incoming>) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Response<GatewayBody>> + Send + 'static,
{
    Arc::new(move |req| Box::pin(f(req)))
}

/// Echoes the request head as text headers and streams the request body back.
pub fn echo() -> Handler {
    handler(|req: Request<Incoming>| async move {
        let mut head = String::new();
        for (k, v) in req.headers() {
            head.push_str(&format!("{k}: {}\n", v.to_str().unwrap_or("?")));
        }
        let mut resp = Response::new(boxed(req.into_body()));
        resp.headers_mut().insert(
            "x-echo-head",
            http::HeaderValue::from_str(&head.replace('\n', "|")).unwrap(),
        );
        resp.headers_mut()
            .insert("content-type", "application/octet-stream".parse().unwrap());
        resp.headers_mut()
            .insert("connection", "x-upstream-secret".parse().unwrap());
        resp.headers_mut()
            .insert("x-upstream-secret", "1".parse().unwrap());
        resp
    })
}

pub fn config_text(upstreams: &[(&str, SocketAddr)], extra: &str) -> String {
    let mut s = format!("[server]\nlisten = [\"127.0.0.1:0\"]\nadmin = \"127.0.0.1:0\"\n{extra}\n");
    for (i, (host, addr)) in upstreams.iter().enumerate() {
        s.push_str(&format!(
            "[[site]]\nname = \"s{i}\"\nhosts = [\"{host}\"]\nupstream = \"http://{addr}\"\n\n"
        ));
    }
    s
}

/// `config_text` with a `[limits]` table (`limits` holds its lines).
pub fn config_with_limits(upstreams: &[(&str, SocketAddr)], limits: &str) -> String {
    let text = config_text(upstreams, "");
    text.replacen("[[site]]", &format!("[limits]\n{limits}\n\n[[site]]"), 1)
}

pub async fn gateway(text: &str) -> Running {
    let config = lachan::config::parse(text, Path::new("test.toml")).unwrap();
    let (audit, _) = lachan::audit::AuditLog::memory();
    Running::start(
        config,
        Options {
            audit: Some(audit),
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

pub fn client() -> Client<HttpConnector, GatewayBody> {
    Client::builder(TokioExecutor::new()).build_http()
}

pub async fn get(gw: SocketAddr, host: &str, path: &str) -> Response<Incoming> {
    let req = Request::get(format!("http://{gw}{path}"))
        .header("host", host)
        .body(full(""))
        .unwrap();
    client().request(req).await.unwrap()
}

pub async fn text(resp: Response<Incoming>) -> String {
    String::from_utf8(
        resp.into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
    .unwrap()
}

/// Reads until the peer closes; returns what was read. Bounded by a generous deadline.
pub async fn read_to_close(stream: &mut TcpStream) -> Vec<u8> {
    let mut out = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut out)).await;
    assert!(read.is_ok(), "the gateway did not close the connection");
    out
}

/// An upstream whose first request signals `entered` and then waits for `release` before
/// answering `body`; later requests are answered at once.
pub async fn held_upstream(
    body: &'static str,
) -> (oneshot::Receiver<()>, oneshot::Sender<()>, SocketAddr) {
    let (entered_tx, entered_rx) = oneshot::channel::<()>();
    let (release_tx, release_rx) = oneshot::channel::<()>();
    let slots = Arc::new(Mutex::new(Some((entered_tx, release_rx))));
    let addr = upstream(handler(move |_| {
        let slots = slots.clone();
        async move {
            if let Some((entered, release)) = slots.lock().await.take() {
                entered.send(()).unwrap();
                let _ = release.await;
            }
            Response::new(full(body))
        }
    }))
    .await;
    (entered_rx, release_tx, addr)
}

pub async fn next_outcome(
    rx: &mut tokio::sync::watch::Receiver<lachan::runtime::reload::Outcome>,
) -> lachan::runtime::reload::Outcome {
    tokio::time::timeout(Duration::from_secs(10), rx.changed())
        .await
        .expect("no reload happened")
        .unwrap();
    rx.borrow_and_update().clone()
}

pub fn tokio_stream_from<T: Send + 'static>(
    mut rx: tokio::sync::mpsc::Receiver<T>,
) -> impl futures_util::Stream<Item = T> {
    futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx))
}

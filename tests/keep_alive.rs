//! Keep-alive on both sides of the gateway, end to end. Upstream (`upstream::pool`): reuse, a
//! pooled connection the upstream closed, the idle timeout. Client side: the idle timeout.
//! The upstream is a raw TCP server on 127.0.0.1:0 that counts its connections and reports
//! when the gateway closes one.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use http::{Request, StatusCode};
use http_body_util::BodyExt;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use lachan::body::{GatewayBody, full};
use lachan::runtime::{Options, Running};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// What the raw upstream reports.
#[derive(Debug, PartialEq)]
enum Seen {
    Accepted,
    /// The gateway closed a connection (read returned 0).
    Closed,
}

/// An upstream that answers every request with `200 ok`; with `close_after_each`, it
/// closes the socket after each response without saying so (no `Connection: close`).
async fn raw_upstream(close_after_each: bool) -> (SocketAddr, mpsc::UnboundedReceiver<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let _ = tx.send(Seen::Accepted);
            tokio::spawn(serve_raw(stream, close_after_each, tx.clone()));
        }
    });
    (addr, rx)
}

async fn serve_raw(mut stream: TcpStream, close_after_each: bool, tx: mpsc::UnboundedSender<Seen>) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk).await.unwrap_or(0);
        if n == 0 {
            let _ = tx.send(Seen::Closed);
            return;
        }
        buf.extend_from_slice(&chunk[..n]);
        // The requests here are GETs without bodies: a head ends each one.
        while let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            buf.drain(..end + 4);
            let resp = b"HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: 2\r\n\r\nok";
            if stream.write_all(resp).await.is_err() || close_after_each {
                return;
            }
        }
    }
}

async fn gateway(upstream: SocketAddr, limits: &str) -> Running {
    let text = format!(
        "[server]\nlisten = [\"127.0.0.1:0\"]\nadmin = \"127.0.0.1:0\"\n[limits]\n{limits}\n\
         [[site]]\nname = \"p\"\nhosts = [\"p.gov.vn\"]\nupstream = \"http://{upstream}\"\n"
    );
    let config = lachan::config::parse(&text, Path::new("test.toml")).unwrap();
    let (audit, _) = lachan::audit::AuditLog::memory();
    let options = Options {
        audit: Some(audit),
        ..Default::default()
    };
    Running::start(config, options).await.unwrap()
}

/// `n` GETs one after another on one keep-alive client connection; the statuses.
async fn sequential_gets(gw: SocketAddr, n: usize) -> Vec<StatusCode> {
    let client: Client<HttpConnector, GatewayBody> =
        Client::builder(TokioExecutor::new()).build_http();
    let mut statuses = Vec::new();
    for i in 0..n {
        let req = Request::get(format!("http://{gw}/img/{i}.png"))
            .header("host", "p.gov.vn")
            .body(full(""))
            .unwrap();
        let resp = client.request(req).await.unwrap();
        statuses.push(resp.status());
        resp.into_body().collect().await.unwrap();
    }
    statuses
}

fn drain(rx: &mut mpsc::UnboundedReceiver<Seen>) -> Vec<Seen> {
    std::iter::from_fn(|| rx.try_recv().ok()).collect()
}

#[tokio::test]
async fn keep_alive_upstream_connections_are_reused() {
    let (up, mut seen) = raw_upstream(false).await;
    let gw = gateway(up, "").await;
    let statuses = sequential_gets(gw.http_addrs[0], 10).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    // One client connection is served by one worker, whose pool keeps one connection.
    assert_eq!(drain(&mut seen), [Seen::Accepted]);
}

#[tokio::test]
async fn a_pooled_connection_the_upstream_closed_is_replaced_not_failed() {
    let (up, mut seen) = raw_upstream(true).await;
    let gw = gateway(up, "").await;
    let statuses = sequential_gets(gw.http_addrs[0], 20).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    let accepted = drain(&mut seen)
        .into_iter()
        .filter(|s| *s == Seen::Accepted)
        .count();
    assert_eq!(accepted, 20, "one fresh connection per request");
}

#[tokio::test]
async fn idle_upstream_connections_are_closed_after_the_idle_timeout() {
    let (up, mut seen) = raw_upstream(false).await;
    let gw = gateway(up, "upstream_idle_timeout = \"300ms\"").await;
    assert_eq!(sequential_gets(gw.http_addrs[0], 1).await, [StatusCode::OK]);
    assert_eq!(seen.recv().await, Some(Seen::Accepted));
    let closed = tokio::time::timeout(Duration::from_secs(10), seen.recv()).await;
    assert_eq!(
        closed.ok().flatten(),
        Some(Seen::Closed),
        "still open after 10 s"
    );
}

#[tokio::test]
async fn idle_client_connections_are_closed_after_the_idle_timeout() {
    let (up, _seen) = raw_upstream(false).await;
    // A long header-read timeout, so that only the idle timeout can close the connection.
    let gw = gateway(
        up,
        "idle_timeout = \"300ms\"\nheader_read_timeout = \"60s\"",
    )
    .await;
    let mut client = TcpStream::connect(gw.http_addrs[0]).await.unwrap();
    let req = b"GET /a.png HTTP/1.1\r\nHost: p.gov.vn\r\n\r\n";
    let started = std::time::Instant::now();
    client.write_all(req).await.unwrap();
    let mut got = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(10), client.read_to_end(&mut got)).await;
    assert!(closed.is_ok(), "still open after 10 s");
    // Kept open while idle for the timeout, not closed right after the answer.
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(300),
        "closed after {waited:?}"
    );
    let got = String::from_utf8_lossy(&got);
    assert!(
        got.starts_with("HTTP/1.1 200") && got.ends_with("ok"),
        "{got}"
    );
}

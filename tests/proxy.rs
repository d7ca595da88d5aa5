//! Gateway core, end to end: real servers on 127.0.0.1:0, real clients.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};
use lachan::body::{GatewayBody, boxed, full};
use lachan::runtime::{Options, Running};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Mutex, mpsc, oneshot};

type Handler = Arc<
    dyn Fn(Request<Incoming>) -> futures_util::future::BoxFuture<'static, Response<GatewayBody>>
        + Send
        + Sync,
>;

/// Starts an upstream on 127.0.0.1:0 that answers with `handler`.
async fn upstream(handler: Handler) -> SocketAddr {
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

fn handler<F, Fut>(f: F) -> Handler
where
    F: Fn(Request<Incoming>) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Response<GatewayBody>> + Send + 'static,
{
    Arc::new(move |req| Box::pin(f(req)))
}

/// Echoes the request head as text headers and streams the request body back.
fn echo() -> Handler {
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

fn config_text(upstreams: &[(&str, SocketAddr)], extra: &str) -> String {
    let mut s = format!("[server]\nlisten = [\"127.0.0.1:0\"]\nadmin = \"127.0.0.1:0\"\n{extra}\n");
    for (i, (host, addr)) in upstreams.iter().enumerate() {
        s.push_str(&format!(
            "[[site]]\nname = \"s{i}\"\nhosts = [\"{host}\"]\nupstream = \"http://{addr}\"\n\n"
        ));
    }
    s
}

/// `config_text` with a `[limits]` table (`limits` holds its lines).
fn config_with_limits(upstreams: &[(&str, SocketAddr)], limits: &str) -> String {
    let text = config_text(upstreams, "");
    text.replacen("[[site]]", &format!("[limits]\n{limits}\n\n[[site]]"), 1)
}

async fn gateway(text: &str) -> Running {
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

fn client() -> Client<HttpConnector, GatewayBody> {
    Client::builder(TokioExecutor::new()).build_http()
}

async fn get(gw: SocketAddr, host: &str, path: &str) -> Response<Incoming> {
    let req = Request::get(format!("http://{gw}{path}"))
        .header("host", host)
        .body(full(""))
        .unwrap();
    client().request(req).await.unwrap()
}

async fn text(resp: Response<Incoming>) -> String {
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

#[tokio::test]
async fn get_and_post_stream_both_ways() {
    let up = upstream(echo()).await;
    let gw = gateway(&config_text(&[("portal.example.gov.vn", up)], "")).await;
    let addr = gw.http_addrs[0];

    let resp = get(addr, "portal.example.gov.vn", "/").await;
    assert_eq!(resp.status(), StatusCode::OK);

    // A chunked POST body streams through and back, chunk by chunk.
    let (tx, rx) = mpsc::channel::<Result<Frame<Bytes>, Infallible>>(4);
    let body = StreamBody::new(tokio_stream_from(rx));
    let req = Request::post(format!("http://{addr}/upload"))
        .header("host", "portal.example.gov.vn")
        .body(boxed(body))
        .unwrap();
    let resp_fut = tokio::spawn(client().request(req));
    tx.send(Ok(Frame::data(Bytes::from_static(b"first-"))))
        .await
        .unwrap();
    let mut resp = resp_fut.await.unwrap().unwrap();
    let first = resp
        .body_mut()
        .frame()
        .await
        .unwrap()
        .unwrap()
        .into_data()
        .unwrap();
    assert_eq!(
        &first[..],
        b"first-",
        "the first chunk arrives before the request body has ended"
    );
    tx.send(Ok(Frame::data(Bytes::from_static(b"second"))))
        .await
        .unwrap();
    drop(tx);
    let rest = resp.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(&rest[..], b"second");
}

fn tokio_stream_from<T: Send + 'static>(
    mut rx: mpsc::Receiver<T>,
) -> impl futures_util::Stream<Item = T> {
    futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx))
}

#[tokio::test]
async fn sites_are_picked_by_host_and_unknown_hosts_get_421() {
    let a = upstream(handler(|_| async { Response::new(full("site A")) })).await;
    let b = upstream(handler(|_| async { Response::new(full("site B")) })).await;
    let gw = gateway(&config_text(
        &[("a.example.gov.vn", a), ("b.example.gov.vn", b)],
        "",
    ))
    .await;
    let addr = gw.http_addrs[0];
    assert_eq!(
        text(get(addr, "a.example.gov.vn", "/").await).await,
        "site A"
    );
    assert_eq!(
        text(get(addr, "B.Example.gov.vn:8080", "/").await).await,
        "site B"
    );
    let unknown = get(addr, "evil.test", "/").await;
    assert_eq!(unknown.status(), StatusCode::MISDIRECTED_REQUEST);
    let page = text(unknown).await;
    assert!(
        !page.contains("evil.test"),
        "the fixed page never echoes the request"
    );
}

#[tokio::test]
async fn hop_by_hop_headers_are_removed_and_forwarding_headers_added() {
    let up = upstream(echo()).await;
    let gw = gateway(&config_text(&[("portal.example.gov.vn", up)], "")).await;
    let req = Request::get(format!("http://{}/", gw.http_addrs[0]))
        .header("host", "portal.example.gov.vn")
        .header("connection", "x-client-secret")
        .header("x-client-secret", "s3cret")
        .header("te", "trailers")
        .header("x-forwarded-for", "6.6.6.6")
        .body(full(""))
        .unwrap();
    let resp = client().request(req).await.unwrap();
    assert!(
        resp.headers().get("x-upstream-secret").is_none(),
        "response hop-by-hop header leaked"
    );
    let head = resp.headers()["x-echo-head"].to_str().unwrap().to_string();
    assert!(!head.contains("x-client-secret"), "{head}");
    assert!(!head.contains("te: "), "{head}");
    assert!(
        head.contains("x-forwarded-for: 127.0.0.1|"),
        "an untrusted peer's XFF is replaced: {head}"
    );
    assert!(head.contains("x-forwarded-proto: http|"), "{head}");
    assert!(
        head.contains("x-forwarded-host: portal.example.gov.vn|"),
        "{head}"
    );
    assert!(head.contains("via: 1.1 lachan|"), "{head}");
}

#[tokio::test]
async fn x_forwarded_for_is_trusted_only_from_trusted_proxies() {
    let up = upstream(echo()).await;
    let trusted = gateway(&config_text(
        &[("p.gov.vn", up)],
        "trusted_proxies = [\"127.0.0.0/8\"]",
    ))
    .await;
    let untrusted = gateway(&config_text(
        &[("p.gov.vn", up)],
        "trusted_proxies = [\"10.0.0.0/8\"]",
    ))
    .await;
    for (gw, want) in [(&trusted, "6.6.6.6, 127.0.0.1"), (&untrusted, "127.0.0.1")] {
        let req = Request::get(format!("http://{}/", gw.http_addrs[0]))
            .header("host", "p.gov.vn")
            .header("x-forwarded-for", "6.6.6.6")
            .body(full(""))
            .unwrap();
        let resp = client().request(req).await.unwrap();
        let head = resp.headers()["x-echo-head"].to_str().unwrap().to_string();
        assert!(
            head.contains(&format!("x-forwarded-for: {want}|")),
            "{head}"
        );
    }
}

#[tokio::test]
async fn dead_upstream_gets_502_and_slow_upstream_gets_504() {
    // A port that was just free: nothing listens there.
    let dead = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap();
    let (_hold_tx, hold_rx) = oneshot::channel::<()>();
    let hold_rx = Arc::new(Mutex::new(Some(hold_rx)));
    let slow = upstream(handler(move |_| {
        let hold_rx = hold_rx.clone();
        async move {
            // Never answers while the test runs.
            if let Some(rx) = hold_rx.lock().await.take() {
                let _ = rx.await;
            }
            Response::new(full("late"))
        }
    }))
    .await;
    let text_cfg = config_with_limits(
        &[("dead.gov.vn", dead), ("slow.gov.vn", slow)],
        "upstream_response_timeout = \"300ms\"",
    );
    let gw = gateway(&text_cfg).await;
    let resp = get(gw.http_addrs[0], "dead.gov.vn", "/").await;
    assert_eq!(resp.status(), StatusCode::BAD_GATEWAY);
    assert!(text(resp).await.contains("temporarily unavailable"));
    let resp = get(gw.http_addrs[0], "slow.gov.vn", "/").await;
    assert_eq!(resp.status(), StatusCode::GATEWAY_TIMEOUT);
}

/// Reads until the peer closes; returns what was read. Bounded by a generous deadline.
async fn read_to_close(stream: &mut TcpStream) -> Vec<u8> {
    let mut out = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut out)).await;
    assert!(read.is_ok(), "the gateway did not close the connection");
    out
}

#[tokio::test]
async fn slow_headers_are_cut_off() {
    let up = upstream(echo()).await;
    let cfg = config_with_limits(&[("p.gov.vn", up)], "header_read_timeout = \"300ms\"");
    let gw = gateway(&cfg).await;
    let started = std::time::Instant::now();
    let mut s = TcpStream::connect(gw.http_addrs[0]).await.unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: p.gov.vn\r\nX-Slow: ")
        .await
        .unwrap();
    let answer = read_to_close(&mut s).await;
    // Cut off by the header timeout, not at once for some other reason.
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(300),
        "closed after {waited:?}"
    );
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );
}

#[tokio::test]
async fn oversized_bodies_get_413_and_oversized_headers_431() {
    let up = upstream(echo()).await;
    let cfg = config_with_limits(
        &[("p.gov.vn", up)],
        "max_request_body = \"1KiB\"\nmax_header_size = \"8KiB\"",
    );
    let gw = gateway(&cfg).await;
    let addr = gw.http_addrs[0];
    let big = Request::post(format!("http://{addr}/"))
        .header("host", "p.gov.vn")
        .body(full(vec![b'x'; 4096]))
        .unwrap();
    assert_eq!(
        client().request(big).await.unwrap().status(),
        StatusCode::PAYLOAD_TOO_LARGE
    );

    // Chunked, no Content-Length: the limit is enforced while streaming.
    let (tx, rx) = mpsc::channel::<Result<Frame<Bytes>, Infallible>>(8);
    let req = Request::post(format!("http://{addr}/"))
        .header("host", "p.gov.vn")
        .body(boxed(StreamBody::new(tokio_stream_from(rx))))
        .unwrap();
    let pending = tokio::spawn(client().request(req));
    for _ in 0..4 {
        let _ = tx
            .send(Ok(Frame::data(Bytes::from(vec![b'y'; 1024]))))
            .await;
    }
    drop(tx);
    let status = pending.await.unwrap().map(|r| r.status());
    assert!(
        matches!(status, Ok(StatusCode::PAYLOAD_TOO_LARGE) | Err(_)),
        "{status:?}"
    );

    let mut s = TcpStream::connect(addr).await.unwrap();
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: p.gov.vn\r\nX-Big: {}\r\n\r\n",
        "a".repeat(64 * 1024)
    );
    let _ = s.write_all(huge.as_bytes()).await;
    let answer = read_to_close(&mut s).await;
    assert!(
        String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 431"),
        "{}",
        String::from_utf8_lossy(&answer)
    );
}

#[tokio::test]
async fn response_streams_before_the_upstream_finishes() {
    let (release_tx, release_rx) = oneshot::channel::<()>();
    let release_rx = Arc::new(Mutex::new(Some(release_rx)));
    let up = upstream(handler(move |_| {
        let release_rx = release_rx.clone();
        async move {
            let (tx, rx) = mpsc::channel::<Result<Frame<Bytes>, Infallible>>(2);
            tokio::spawn(async move {
                tx.send(Ok(Frame::data(Bytes::from(vec![b'a'; 50_000]))))
                    .await
                    .unwrap();
                if let Some(r) = release_rx.lock().await.take() {
                    let _ = r.await;
                }
                tx.send(Ok(Frame::data(Bytes::from(vec![b'b'; 50_000]))))
                    .await
                    .unwrap();
            });
            let mut resp = Response::new(boxed(StreamBody::new(tokio_stream_from(rx))));
            resp.headers_mut()
                .insert("content-type", "image/png".parse().unwrap());
            resp
        }
    }))
    .await;
    let gw = gateway(&config_text(&[("p.gov.vn", up)], "")).await;
    let mut resp = get(gw.http_addrs[0], "p.gov.vn", "/big.png").await;
    let mut got = 0;
    while got < 50_000 {
        let frame = resp.body_mut().frame().await.unwrap().unwrap();
        let data = frame.into_data().unwrap();
        assert!(
            data.iter().all(|&b| b == b'a'),
            "the second half arrived before it was released"
        );
        got += data.len();
    }
    release_tx.send(()).unwrap();
    let rest = resp.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(rest.len(), 50_000);
}

#[tokio::test]
async fn websocket_echo_passes_through() {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let up = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let mut ws = tokio_tungstenite::accept_async(stream).await.unwrap();
        while let Some(Ok(msg)) = ws.next().await {
            if msg.is_text() {
                ws.send(msg).await.unwrap();
            }
        }
    });
    let gw = gateway(&config_text(&[("127.0.0.1", up)], "")).await;
    let url = format!("ws://127.0.0.1:{}/chat", gw.http_addrs[0].port());
    let (mut ws, resp) = tokio_tungstenite::connect_async(url).await.unwrap();
    assert_eq!(resp.status(), StatusCode::SWITCHING_PROTOCOLS);
    ws.send(Message::text("xin chào")).await.unwrap();
    let back = ws.next().await.unwrap().unwrap();
    assert_eq!(back.into_text().unwrap().as_str(), "xin chào");
}

#[tokio::test]
async fn metrics_and_health_are_served_on_the_admin_listener() {
    let up = upstream(echo()).await;
    let gw = gateway(&config_text(&[("p.gov.vn", up)], "")).await;
    let _ = text(get(gw.http_addrs[0], "p.gov.vn", "/").await).await;
    let admin = gw.admin_addr.unwrap();
    let health = get(admin, "x", "/healthz").await;
    assert_eq!(health.status(), StatusCode::OK);
    let metrics = text(get(admin, "x", "/metrics").await).await;
    assert!(
        metrics.contains("lachan_requests_total{site=\"s0\",status=\"200\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("lachan_upstream_latency_seconds_count{site=\"s0\"} 1"),
        "{metrics}"
    );
}

/// An upstream whose first request signals `entered` and then waits for `release` before
/// answering `body`; later requests are answered at once.
async fn held_upstream(
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

#[tokio::test]
async fn graceful_shutdown_drains_in_flight_requests() {
    let (entered_rx, release_tx, up) = held_upstream("finished").await;
    let gw = gateway(&config_text(&[("p.gov.vn", up)], "")).await;
    let addr = gw.http_addrs[0];
    let in_flight = tokio::spawn(async move { text(get(addr, "p.gov.vn", "/").await).await });
    entered_rx.await.unwrap();
    gw.shutdown();
    // New connections are refused once the listener has closed.
    let refused = async {
        loop {
            if TcpStream::connect(addr).await.is_err() {
                break;
            }
            tokio::task::yield_now().await;
        }
    };
    tokio::time::timeout(Duration::from_secs(10), refused)
        .await
        .expect("listener still accepting");
    release_tx.send(()).unwrap();
    assert_eq!(in_flight.await.unwrap(), "finished");
    tokio::time::timeout(Duration::from_secs(10), gw.wait())
        .await
        .expect("gateway did not stop");
}

#[tokio::test]
async fn hot_reload_applies_valid_configs_and_keeps_the_old_on_errors() {
    let a = upstream(handler(|_| async { Response::new(full("old upstream")) })).await;
    let b = upstream(handler(|_| async { Response::new(full("new upstream")) })).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lachan.toml");
    std::fs::write(&path, config_text(&[("p.gov.vn", a)], "")).unwrap();
    let config = lachan::config::load(&path).unwrap();
    let (audit, _) = lachan::audit::AuditLog::memory();
    let gw = Running::start(
        config,
        Options {
            audit: Some(audit),
            reload_from: Some(path.clone()),
        },
    )
    .await
    .unwrap();
    let addr = gw.http_addrs[0];
    let reloader = gw.reloader.clone().unwrap();
    let mut outcomes = reloader.subscribe();

    // An invalid file is refused, with its line, and the old config keeps serving.
    std::fs::write(&path, "[server]\nlisten = [\"127.0.0.1:0\"]\nbogus = 1\n").unwrap();
    let refused = next_outcome(&mut outcomes).await;
    let lachan::config::reload::Outcome::Refused { errors, .. } = refused else {
        panic!("{refused:?}")
    };
    assert!(
        errors.iter().any(|e| e.contains("lachan.toml:3:1")),
        "{errors:?}"
    );
    assert_eq!(text(get(addr, "p.gov.vn", "/").await).await, "old upstream");

    // A valid file is applied (written by rename, as editors and Kubernetes do).
    let tmp = dir.path().join(".lachan.toml.new");
    std::fs::write(&tmp, config_text(&[("p.gov.vn", b)], "")).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    loop {
        if let lachan::config::reload::Outcome::Applied { .. } = next_outcome(&mut outcomes).await {
            break;
        }
    }
    assert_eq!(text(get(addr, "p.gov.vn", "/").await).await, "new upstream");
}

async fn next_outcome(
    rx: &mut tokio::sync::watch::Receiver<lachan::config::reload::Outcome>,
) -> lachan::config::reload::Outcome {
    tokio::time::timeout(Duration::from_secs(10), rx.changed())
        .await
        .expect("no reload happened")
        .unwrap();
    rx.borrow_and_update().clone()
}

#[tokio::test]
async fn reload_does_not_disturb_a_request_in_flight() {
    let (entered_rx, release_tx, a) = held_upstream("from A").await;
    let b = upstream(handler(|_| async { Response::new(full("from B")) })).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gw.toml");
    std::fs::write(&path, config_text(&[("p.gov.vn", a)], "")).unwrap();
    let (audit, _) = lachan::audit::AuditLog::memory();
    let gw = Running::start(
        lachan::config::load(&path).unwrap(),
        Options {
            audit: Some(audit),
            reload_from: Some(path.clone()),
        },
    )
    .await
    .unwrap();
    let addr = gw.http_addrs[0];
    let in_flight = tokio::spawn(async move { text(get(addr, "p.gov.vn", "/").await).await });
    entered_rx.await.unwrap();
    std::fs::write(&path, config_text(&[("p.gov.vn", b)], "")).unwrap();
    let outcome = gw.reloader.as_ref().unwrap().reload();
    assert!(
        matches!(outcome, lachan::config::reload::Outcome::Applied { .. }),
        "{outcome:?}"
    );
    assert_eq!(text(get(addr, "p.gov.vn", "/").await).await, "from B");
    release_tx.send(()).unwrap();
    assert_eq!(
        in_flight.await.unwrap(),
        "from A",
        "the in-flight request finished on its own config"
    );
}

#[tokio::test]
async fn http2_prior_knowledge_is_served() {
    let up = upstream(echo()).await;
    let gw = gateway(&config_text(&[("p.gov.vn", up)], "")).await;
    let tcp = TcpStream::connect(gw.http_addrs[0]).await.unwrap();
    let (mut sender, conn) =
        hyper::client::conn::http2::handshake(TokioExecutor::new(), TokioIo::new(tcp))
            .await
            .unwrap();
    tokio::spawn(conn);
    let req = Request::get("http://p.gov.vn/h2").body(full("")).unwrap();
    let resp = sender.send_request(req).await.unwrap();
    assert_eq!(resp.version(), http::Version::HTTP_2);
    assert_eq!(resp.status(), StatusCode::OK, "{:?}", resp.headers());
}

#[tokio::test]
async fn connections_over_the_per_ip_cap_are_closed() {
    let up = upstream(echo()).await;
    let cfg = config_with_limits(&[("p.gov.vn", up)], "max_connections_per_ip = 1");
    let gw = gateway(&cfg).await;
    let addr = gw.http_addrs[0];
    let request = b"GET / HTTP/1.1\r\nHost: p.gov.vn\r\n\r\n";

    let mut first = TcpStream::connect(addr).await.unwrap();
    first.write_all(request).await.unwrap();
    let mut buf = [0u8; 12];
    first.read_exact(&mut buf).await.unwrap();
    assert_eq!(&buf, b"HTTP/1.1 200");

    let mut second = TcpStream::connect(addr).await.unwrap();
    let _ = second.write_all(request).await;
    let answer = read_to_close(&mut second).await;
    assert!(
        answer.is_empty(),
        "a second connection from the same IP was served"
    );

    // Once the first connection is gone, the slot is free again.
    drop(first);
    let served = async {
        loop {
            let mut s = TcpStream::connect(addr).await.unwrap();
            let _ = s.write_all(request).await;
            let mut buf = [0u8; 12];
            if s.read_exact(&mut buf).await.is_ok() {
                return buf;
            }
            tokio::task::yield_now().await;
        }
    };
    let buf = tokio::time::timeout(Duration::from_secs(10), served)
        .await
        .expect("slot never freed");
    assert_eq!(&buf, b"HTTP/1.1 200");
}

#[tokio::test]
async fn a_slow_request_body_gets_408() {
    let up = upstream(handler(|req: Request<Incoming>| async move {
        // Reads the whole body before answering, as most CMS handlers do.
        match req.into_body().collect().await {
            Ok(body) => Response::new(full(body.to_bytes())),
            Err(_) => Response::new(full("body failed")),
        }
    }))
    .await;
    let cfg = config_with_limits(&[("p.gov.vn", up)], "request_body_timeout = \"300ms\"");
    let gw = gateway(&cfg).await;
    let mut s = TcpStream::connect(gw.http_addrs[0]).await.unwrap();
    s.write_all(b"POST /login HTTP/1.1\r\nHost: p.gov.vn\r\nContent-Length: 100\r\n\r\nuser=a")
        .await
        .unwrap();
    // ...and never sends the other 94 bytes.
    let mut head = [0u8; 12];
    tokio::time::timeout(Duration::from_secs(10), s.read_exact(&mut head))
        .await
        .expect("no answer")
        .unwrap();
    assert_eq!(&head, b"HTTP/1.1 408");
}

//! Gateway core, end to end: real servers on 127.0.0.1:0, real clients. Forwarding,
//! routing and streaming; limits and lifecycle are in `proxy_lifecycle.rs`.

use crate::common;

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, StreamBody};
use hyper::body::Frame;
use hyper_util::rt::{TokioExecutor, TokioIo};
use lachan::body::{boxed, full};
use std::convert::Infallible;
use std::sync::Arc;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Mutex, mpsc, oneshot};

use common::HOST;
use common::gateway::{Setup, client, get, stream_of, text};
use common::upstream::Upstream;

#[tokio::test]
async fn get_and_post_stream_both_ways() {
    let gw = Setup::new().site(HOST, &Upstream::echo()).start().await;
    let addr = gw.addr();

    let resp = gw.get("/", &[]).await;
    assert_eq!(resp.status(), StatusCode::OK);

    // A chunked POST body streams through and back, chunk by chunk.
    let (tx, rx) = mpsc::channel::<Result<Frame<Bytes>, Infallible>>(4);
    let body = StreamBody::new(stream_of(rx));
    let req = Request::post(format!("http://{addr}/upload"))
        .header("host", HOST)
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

#[tokio::test]
async fn sites_are_picked_by_host_and_unknown_hosts_get_421() {
    let gw = Setup::new()
        .site("a.example.gov.vn", &Upstream::text("site A"))
        .site("b.example.gov.vn", &Upstream::text("site B"))
        .start()
        .await;
    let a = gw.get_host("a.example.gov.vn", "/").await;
    assert_eq!(text(a).await, "site A");
    let b = gw.get_host("B.Example.gov.vn:8080", "/").await;
    assert_eq!(text(b).await, "site B");
    let unknown = gw.get_host("evil.test", "/").await;
    assert_eq!(unknown.status(), StatusCode::MISDIRECTED_REQUEST);
    let page = text(unknown).await;
    assert!(
        !page.contains("evil.test"),
        "the fixed page never echoes the request"
    );
}

#[tokio::test]
async fn hop_by_hop_headers_are_removed_and_forwarding_headers_added() {
    let gw = Setup::new().site(HOST, &Upstream::echo()).start().await;
    let req = Request::get(format!("http://{}/", gw.addr()))
        .header("host", HOST)
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
        head.contains(&format!("x-forwarded-host: {HOST}|")),
        "{head}"
    );
    assert!(head.contains("via: 1.1 lachan|"), "{head}");
}

#[tokio::test]
async fn x_forwarded_for_is_trusted_only_from_trusted_proxies() {
    let behind = |proxies: &str| {
        let setup = Setup::new().site("p.gov.vn", &Upstream::echo());
        setup
            .server(&format!("trusted_proxies = [\"{proxies}\"]"))
            .start()
    };
    let trusted = behind("127.0.0.0/8").await;
    let untrusted = behind("10.0.0.0/8").await;
    for (gw, want) in [(&trusted, "6.6.6.6, 127.0.0.1"), (&untrusted, "127.0.0.1")] {
        let req = Request::get(format!("http://{}/", gw.addr()))
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
    let slow = Upstream::handler(move |_| {
        let hold_rx = hold_rx.clone();
        async move {
            // Never answers while the test runs.
            if let Some(rx) = hold_rx.lock().await.take() {
                let _ = rx.await;
            }
            Response::new(full("late"))
        }
    });
    let gw = Setup::new()
        .site_at("dead.gov.vn", dead)
        .site("slow.gov.vn", &slow)
        .table("[limits]\nupstream_response_timeout = \"300ms\"")
        .start()
        .await;
    let resp = gw.get_host("dead.gov.vn", "/").await;
    assert_eq!(resp.status(), StatusCode::BAD_GATEWAY);
    assert!(text(resp).await.contains("temporarily unavailable"));
    let resp = gw.get_host("slow.gov.vn", "/").await;
    assert_eq!(resp.status(), StatusCode::GATEWAY_TIMEOUT);
}

#[tokio::test]
async fn response_streams_before_the_upstream_finishes() {
    let (release_tx, release_rx) = oneshot::channel::<()>();
    let release_rx = Arc::new(Mutex::new(Some(release_rx)));
    let up = Upstream::handler(move |_| {
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
            let mut resp = Response::new(boxed(StreamBody::new(stream_of(rx))));
            resp.headers_mut()
                .insert("content-type", "image/png".parse().unwrap());
            resp
        }
    });
    let gw = Setup::new().site("p.gov.vn", &up).start().await;
    let mut resp = gw.get("/big.png", &[]).await;
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
    let gw = Setup::new().site_at("127.0.0.1", up).start().await;
    let url = format!("ws://127.0.0.1:{}/chat", gw.addr().port());
    let (mut ws, resp) = tokio_tungstenite::connect_async(url).await.unwrap();
    assert_eq!(resp.status(), StatusCode::SWITCHING_PROTOCOLS);
    ws.send(Message::text("xin chào")).await.unwrap();
    let back = ws.next().await.unwrap().unwrap();
    assert_eq!(back.into_text().unwrap().as_str(), "xin chào");
}

#[tokio::test]
async fn metrics_and_health_are_served_on_the_admin_listener() {
    let gw = Setup::new()
        .site("p.gov.vn", &Upstream::echo())
        .start()
        .await;
    let _ = text(gw.get("/", &[]).await).await;
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

#[tokio::test]
async fn http2_prior_knowledge_is_served() {
    let gw = Setup::new()
        .site("p.gov.vn", &Upstream::echo())
        .start()
        .await;
    let tcp = TcpStream::connect(gw.addr()).await.unwrap();
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

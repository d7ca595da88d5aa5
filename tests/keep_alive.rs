//! Keep-alive on both sides of the gateway, end to end. Upstream (`upstream::pool`): reuse, a
//! pooled connection the upstream closed, the idle timeout. Client side: the idle timeout.
//! The upstream counts its connections and reports when the gateway closes one.

use crate::common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::gateway::{Gateway, Setup};
use common::raw::{Conn, counting_upstream, read_to_close};
use http::StatusCode;
use http_body_util::BodyExt;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::sync::mpsc;

async fn gateway(upstream: SocketAddr, limits: &str) -> Gateway {
    let limits = format!("[limits]\n{limits}");
    Setup::new()
        .site_at("p.gov.vn", upstream)
        .table(&limits)
        .start()
        .await
}

/// `n` GETs one after another on one keep-alive client connection; the statuses.
async fn sequential_gets(gw: &Gateway, n: usize) -> Vec<StatusCode> {
    let mut statuses = Vec::new();
    for i in 0..n {
        let resp = gw.get(&format!("/img/{i}.png"), &[]).await;
        statuses.push(resp.status());
        resp.into_body().collect().await.unwrap();
    }
    statuses
}

fn drain(rx: &mut mpsc::UnboundedReceiver<Conn>) -> Vec<Conn> {
    std::iter::from_fn(|| rx.try_recv().ok()).collect()
}

fn all_ok(statuses: &[StatusCode]) {
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn keep_alive_upstream_connections_are_reused() {
    let (up, mut seen) = counting_upstream(false).await;
    let gw = gateway(up, "").await;
    all_ok(&sequential_gets(&gw, 10).await);
    // One client connection is served by one worker, whose pool keeps one connection.
    assert_eq!(drain(&mut seen), [Conn::Accepted]);
}

#[tokio::test]
async fn a_pooled_connection_the_upstream_closed_is_replaced_not_failed() {
    let (up, mut seen) = counting_upstream(true).await;
    let gw = gateway(up, "").await;
    all_ok(&sequential_gets(&gw, 20).await);
    let accepted = drain(&mut seen)
        .into_iter()
        .filter(|s| *s == Conn::Accepted);
    assert_eq!(accepted.count(), 20, "one fresh connection per request");
}

#[tokio::test]
async fn idle_upstream_connections_are_closed_after_the_idle_timeout() {
    let (up, mut seen) = counting_upstream(false).await;
    let gw = gateway(up, "upstream_idle_timeout = \"300ms\"").await;
    let used = Instant::now();
    all_ok(&sequential_gets(&gw, 1).await);
    assert_eq!(seen.recv().await, Some(Conn::Accepted));
    let closed = tokio::time::timeout(Duration::from_secs(10), seen.recv()).await;
    assert_eq!(
        closed.ok().flatten(),
        Some(Conn::Closed),
        "still open after 10 s"
    );
    // Closed for being idle, not right after its answer.
    let idle = used.elapsed();
    assert!(idle >= Duration::from_millis(300), "closed after {idle:?}");
}

#[tokio::test]
async fn idle_client_connections_are_closed_after_the_idle_timeout() {
    let (up, _seen) = counting_upstream(false).await;
    // A long header-read timeout, so that only the idle timeout can close the connection.
    let limits = "idle_timeout = \"300ms\"\nheader_read_timeout = \"60s\"";
    let gw = gateway(up, limits).await;
    let mut client = TcpStream::connect(gw.addr()).await.unwrap();
    let started = Instant::now();
    let req = b"GET /a.png HTTP/1.1\r\nHost: p.gov.vn\r\n\r\n";
    client.write_all(req).await.unwrap();
    let got = read_to_close(&mut client).await;
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

#[tokio::test]
async fn an_http1_connection_waits_for_its_next_request_at_most_the_header_read_timeout() {
    let (up, _seen) = counting_upstream(false).await;
    // A long idle timeout, so that only the header-read timer can close the connection.
    let limits = "idle_timeout = \"60s\"\nheader_read_timeout = \"300ms\"";
    let gw = gateway(up, limits).await;
    let mut client = TcpStream::connect(gw.addr()).await.unwrap();
    let started = Instant::now();
    let req = b"GET /a.png HTTP/1.1\r\nHost: p.gov.vn\r\n\r\n";
    client.write_all(req).await.unwrap();
    // Closed within read_to_close's deadline, long before the 60 s idle timeout.
    let got = read_to_close(&mut client).await;
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

/// An HTML page whose upstream sends a hidden block (which the sanitizer holds back to
/// judge it whole) a piece every 100 ms for `pieces` pieces, then stalls if `stall`.
fn dribbling_page(pieces: u32, stall: bool) -> common::upstream::Upstream {
    use std::convert::Infallible;

    use bytes::Bytes;
    use http_body_util::StreamBody;
    use hyper::body::Frame;

    common::upstream::Upstream::handler(move |_req| async move {
        let head = "<html><body><p>Tin tức</p><div style=\"display:none\">";
        let pieces = futures_util::stream::unfold(0u32, move |i| async move {
            let text = match i {
                0 => head.to_string(),
                i if i <= pieces => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    format!("<p>Lịch tiếp công dân, mục {i}.</p>")
                }
                i if i == pieces + 1 && !stall => "</div><p>Hết.</p></body></html>".to_string(),
                _ if !stall => return None,
                _ => std::future::pending().await,
            };
            Some((Ok::<_, Infallible>(Frame::data(Bytes::from(text))), i + 1))
        });
        http::Response::builder()
            .header("content-type", "text/html; charset=utf-8")
            .body(lachan::body::boxed(StreamBody::new(pieces)))
            .unwrap()
    })
}

#[tokio::test]
async fn a_response_held_back_while_its_upstream_still_sends_is_not_taken_for_idle() {
    // 2.5 s of upstream progress, all of it held by the sanitizer, against a 1 s idle
    // timeout: the client sees nothing move for longer than the timeout.
    let up = dribbling_page(25, false);
    let gw = Setup::new()
        .site("p.gov.vn", &up)
        .table("[limits]\nidle_timeout = \"1s\"\nheader_read_timeout = \"60s\"")
        .start()
        .await;
    let resp = gw.get("/lich", &[]).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let body = resp.into_body().collect().await;
    let body = body.expect("the response was cut").to_bytes();
    let text = String::from_utf8_lossy(&body);
    assert!(
        text.contains("mục 25.") && text.ends_with("Hết.</p></body></html>"),
        "{text}"
    );
}

#[tokio::test]
async fn a_response_on_which_nothing_moves_is_dropped_after_the_idle_timeout() {
    let up = dribbling_page(2, true);
    let gw = Setup::new()
        .site("p.gov.vn", &up)
        .table("[limits]\nidle_timeout = \"300ms\"\nheader_read_timeout = \"60s\"")
        .start()
        .await;
    let started = Instant::now();
    let resp = gw.get("/lich", &[]).await;
    let body = resp.into_body().collect().await;
    assert!(body.is_err(), "a stalled response was not cut");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(500),
        "cut after {waited:?}, before the upstream stalled"
    );
}

/// An upstream whose keep-alive close crosses every second request of a connection (as an
/// Apache or Node origin's 5 s keep-alive timeout does when a loaded gateway picks the
/// connection just then): it answers the first request, then reads the next one whole and
/// closes without an answer. Each request line it read is reported.
async fn crossing_close_upstream() -> (SocketAddr, mpsc::UnboundedReceiver<String>) {
    use tokio::io::AsyncReadExt;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                for answered in [true, false] {
                    let head = loop {
                        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                            break buf.drain(..end + 4).collect::<Vec<u8>>();
                        }
                        match stream.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    };
                    let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
                    let length = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(0);
                    while buf.len() < length {
                        match stream.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    }
                    buf.drain(..length);
                    let _ = tx.send(head.lines().next().unwrap_or("").to_string());
                    if answered {
                        let resp = b"HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: 2\r\n\r\nok";
                        if stream.write_all(resp).await.is_err() {
                            return;
                        }
                    }
                }
                // The second request was read whole: the connection closes unanswered.
            });
        }
    });
    (addr, rx)
}

#[tokio::test]
async fn a_safe_request_crossing_an_upstream_keep_alive_close_is_sent_again() {
    let (up, mut seen) = crossing_close_upstream().await;
    let gw = gateway(up, "").await;
    all_ok(&sequential_gets(&gw, 6).await);
    // Each GET after the first crossed a close on its pooled connection and went again.
    let lines: Vec<String> = std::iter::from_fn(|| seen.try_recv().ok()).collect();
    assert_eq!(lines.len(), 11, "{lines:?}");
}

#[tokio::test]
async fn a_post_crossing_an_upstream_keep_alive_close_is_not_sent_again() {
    use bytes::Bytes;
    use http_body_util::Full;
    use hyper_util::rt::TokioIo;
    let (up, mut seen) = crossing_close_upstream().await;
    let gw = gateway(up, "").await;
    // One client connection, so one worker and one upstream pool: the POST gets the pooled
    // upstream connection that the GET used.
    let io = TcpStream::connect(gw.addr()).await.unwrap();
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(io))
        .await
        .unwrap();
    tokio::spawn(conn);
    let get = http::Request::get("/a.png")
        .header("host", "p.gov.vn")
        .body(Full::new(Bytes::new()))
        .unwrap();
    let resp = sender.send_request(get).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    resp.into_body().collect().await.unwrap();
    let post = http::Request::post("/form")
        .header("host", "p.gov.vn")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Full::new(Bytes::from_static(b"a=1")))
        .unwrap();
    let resp = sender.send_request(post).await.unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_GATEWAY);
    let lines: Vec<String> = std::iter::from_fn(|| seen.try_recv().ok()).collect();
    let posts = lines.iter().filter(|l| l.starts_with("post ")).count();
    assert_eq!(posts, 1, "{lines:?}");
}

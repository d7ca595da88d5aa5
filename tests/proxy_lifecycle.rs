//! Gateway limits and lifecycle, end to end: slow and oversized requests, per-client
//! caps, graceful shutdown and hot reload.

use crate::common;

use std::convert::Infallible;
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, StreamBody};
use hyper::body::{Frame, Incoming};
use lachan::body::{boxed, full};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

use common::gateway::{Gateway, Setup, client, get, next_outcome, stream_of, text};
use common::raw::{read_exact, read_to_close};
use common::upstream::Upstream;

/// An echoing site behind a gateway with these `[limits]`.
async fn limited(limits: &str) -> Gateway {
    let setup = Setup::new().site("p.gov.vn", &Upstream::echo());
    setup.table(&format!("[limits]\n{limits}")).start().await
}

#[tokio::test]
async fn slow_headers_are_cut_off() {
    let gw = limited("header_read_timeout = \"300ms\"").await;
    let started = std::time::Instant::now();
    let mut s = TcpStream::connect(gw.addr()).await.unwrap();
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
    let gw = limited("max_request_body = \"1KiB\"\nmax_header_size = \"8KiB\"").await;
    let addr = gw.addr();
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
        .body(boxed(StreamBody::new(stream_of(rx))))
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
async fn graceful_shutdown_drains_in_flight_requests() {
    let (up, hold) = Upstream::held("finished");
    let gw = Setup::new().site("p.gov.vn", &up).start().await;
    let addr = gw.addr();
    let in_flight = tokio::spawn(async move { text(get(addr, "p.gov.vn", "/").await).await });
    hold.entered.await.unwrap();
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
    hold.release.send(()).unwrap();
    assert_eq!(in_flight.await.unwrap(), "finished");
    tokio::time::timeout(Duration::from_secs(10), gw.running.wait())
        .await
        .expect("gateway did not stop");
}

#[tokio::test]
async fn hot_reload_applies_valid_configs_and_keeps_the_old_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    let old = Setup::new().site("p.gov.vn", &Upstream::text("old upstream"));
    let gw = old.start_from_file(dir.path()).await;
    let new = Setup::new().site_at("p.gov.vn", Upstream::text("new upstream").start().await);
    let mut outcomes = gw.reloader.clone().unwrap().subscribe();

    // An invalid file is refused, with its line, and the old config keeps serving.
    gw.rewrite_config("[server]\nlisten = [\"127.0.0.1:0\"]\nbogus = 1\n");
    let refused = next_outcome(&mut outcomes).await;
    let lachan::runtime::reload::Outcome::Refused { errors, .. } = refused else {
        panic!("{refused:?}")
    };
    assert!(
        errors.iter().any(|e| e.contains("lachan.toml:3:1")),
        "{errors:?}"
    );
    assert_eq!(text(gw.get("/", &[]).await).await, "old upstream");

    // A valid file is applied (written by rename, as editors and Kubernetes do).
    gw.rewrite_config(&new.text());
    loop {
        if let lachan::runtime::reload::Outcome::Applied { .. } = next_outcome(&mut outcomes).await
        {
            break;
        }
    }
    assert_eq!(text(gw.get("/", &[]).await).await, "new upstream");
}

#[tokio::test]
async fn reload_does_not_disturb_a_request_in_flight() {
    let (a, hold) = Upstream::held("from A");
    let dir = tempfile::tempdir().unwrap();
    let gw = Setup::new()
        .site("p.gov.vn", &a)
        .start_from_file(dir.path())
        .await;
    let b = Upstream::text("from B").start().await;
    let addr = gw.addr();
    let in_flight = tokio::spawn(async move { text(get(addr, "p.gov.vn", "/").await).await });
    hold.entered.await.unwrap();
    let file = gw.file.clone().unwrap();
    std::fs::write(&file, Setup::new().site_at("p.gov.vn", b).text()).unwrap();
    let outcome = gw.reloader.as_ref().unwrap().reload();
    assert!(
        matches!(outcome, lachan::runtime::reload::Outcome::Applied { .. }),
        "{outcome:?}"
    );
    assert_eq!(text(gw.get("/", &[]).await).await, "from B");
    hold.release.send(()).unwrap();
    assert_eq!(
        in_flight.await.unwrap(),
        "from A",
        "the in-flight request finished on its own config"
    );
}

#[tokio::test]
async fn connections_over_the_per_ip_cap_are_closed() {
    let gw = limited("max_connections_per_ip = 1").await;
    let addr = gw.addr();
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
    let up = Upstream::handler(|req: Request<Incoming>| async move {
        // Reads the whole body before answering, as most CMS handlers do.
        match req.into_body().collect().await {
            Ok(body) => Response::new(full(body.to_bytes())),
            Err(_) => Response::new(full("body failed")),
        }
    });
    let gw = Setup::new().site("p.gov.vn", &up);
    let gw = gw
        .table("[limits]\nrequest_body_timeout = \"300ms\"")
        .start()
        .await;
    let mut s = TcpStream::connect(gw.addr()).await.unwrap();
    s.write_all(b"POST /login HTTP/1.1\r\nHost: p.gov.vn\r\nContent-Length: 100\r\n\r\nuser=a")
        .await
        .unwrap();
    // ...and never sends the other 94 bytes.
    let head = read_exact(&mut s, 12).await.unwrap();
    assert_eq!(&head, b"HTTP/1.1 408");
}

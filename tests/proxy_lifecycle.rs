//! Gateway limits and lifecycle, end to end: slow and oversized requests, per-client
//! caps, graceful shutdown and hot reload.

mod common;

use std::convert::Infallible;
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, StreamBody};
use hyper::body::{Frame, Incoming};
use lachan::body::{boxed, full};
use lachan::runtime::{Options, Running};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

use common::proxy_kit::*;

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
    let lachan::runtime::reload::Outcome::Refused { errors, .. } = refused else {
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
        if let lachan::runtime::reload::Outcome::Applied { .. } = next_outcome(&mut outcomes).await
        {
            break;
        }
    }
    assert_eq!(text(get(addr, "p.gov.vn", "/").await).await, "new upstream");
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
        matches!(outcome, lachan::runtime::reload::Outcome::Applied { .. }),
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

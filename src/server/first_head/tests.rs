//! Collecting the first head: complete, trickled, too slow, too big; and the replay.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt, duplex};

use super::{Prefixed, collect};

const LONG: Duration = Duration::from_secs(10);

#[tokio::test]
async fn a_whole_head_is_collected_and_replayed_before_the_rest() {
    let (mut client, mut server) = duplex(4096);
    client
        .write_all(b"POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody")
        .await
        .unwrap();
    let head = collect(&mut server, LONG, 8192).await.unwrap();
    assert!(head.starts_with(b"POST / HTTP/1.1\r\n"));
    client.write_all(b" and more").await.unwrap();
    drop(client);
    let mut all = Vec::new();
    Prefixed::new(head, server)
        .read_to_end(&mut all)
        .await
        .unwrap();
    assert_eq!(
        all,
        b"POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody and more"
    );
}

#[tokio::test]
async fn a_trickled_head_ends_at_a_blank_line_split_across_reads() {
    let (mut client, mut server) = duplex(4096);
    let writer = tokio::spawn(async move {
        for piece in [&b"GET / HTTP/1.1\r\nHost: a\r\n\r"[..], b"\n"] {
            client.write_all(piece).await.unwrap();
            tokio::task::yield_now().await;
        }
        client
    });
    let head = collect(&mut server, LONG, 8192).await.unwrap();
    assert_eq!(head, b"GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    drop(writer.await.unwrap());
}

#[tokio::test(start_paused = true)]
async fn a_head_that_never_ends_times_out() {
    let (mut client, mut server) = duplex(4096);
    client
        .write_all(b"GET / HTTP/1.1\r\nX-Slow: ")
        .await
        .unwrap();
    assert!(
        collect(&mut server, Duration::from_secs(10), 8192)
            .await
            .is_none()
    );
    drop(client);
}

#[tokio::test]
async fn an_oversized_head_goes_to_hyper_unfinished_and_eof_ends_collecting() {
    let (mut client, mut server) = duplex(64 * 1024);
    let big = [b'a'; 3000];
    client
        .write_all(b"GET / HTTP/1.1\r\nX-Big: ")
        .await
        .unwrap();
    client.write_all(&big).await.unwrap();
    let head = collect(&mut server, LONG, 2048).await.unwrap();
    assert!(head.len() >= 2048 && !head.ends_with(b"\r\n\r\n"));
    drop(client);
    let (mut client, mut server) = duplex(4096);
    client.write_all(b"GET / HT").await.unwrap();
    drop(client);
    assert_eq!(collect(&mut server, LONG, 2048).await.unwrap(), b"GET / HT");
}

#[tokio::test]
async fn the_http2_preface_passes_at_once() {
    let (mut client, mut server) = duplex(4096);
    client
        .write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
        .await
        .unwrap();
    let head = collect(&mut server, LONG, 8192).await.unwrap();
    assert!(head.starts_with(b"PRI * HTTP/2.0\r\n\r\n"));
    drop(client);
}

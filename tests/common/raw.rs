//! A raw client: bytes over a TCP stream, for the malformed, smuggled and slow requests
//! that an HTTP client library will not send. Every read is bounded by [`DEADLINE`], so a
//! gateway that never answers fails the test instead of hanging it. The other side too: an
//! upstream that counts the gateway's connections.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// A generous bound: the test machine is shared and busy.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// Sends `bytes` and reads until the gateway closes the connection. A failed write is
/// ignored: the gateway may refuse (and close) before it has read a large request.
pub async fn exchange(addr: SocketAddr, bytes: &[u8]) -> String {
    let mut s = TcpStream::connect(addr).await.unwrap();
    let _ = s.write_all(bytes).await;
    String::from_utf8_lossy(&read_to_close(&mut s).await).into_owned()
}

/// Reads until the peer closes; returns what was read (a reset ends the read too).
pub async fn read_to_close(stream: &mut TcpStream) -> Vec<u8> {
    let mut out = Vec::new();
    let read = tokio::time::timeout(DEADLINE, stream.read_to_end(&mut out)).await;
    assert!(read.is_ok(), "the gateway did not close the connection");
    out
}

/// Reads exactly `n` bytes (say, `HTTP/1.1 200`), within the deadline.
pub async fn read_exact(stream: &mut TcpStream, n: usize) -> std::io::Result<Vec<u8>> {
    let mut buf = vec![0; n];
    let read = tokio::time::timeout(DEADLINE, stream.read_exact(&mut buf)).await;
    read.expect("no answer within the deadline")?;
    Ok(buf)
}

/// The status code of a raw HTTP/1.1 answer, 0 when there is none.
pub fn status(answer: &str) -> u16 {
    answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// What a [`counting_upstream`] saw of the gateway's connections.
#[derive(Debug, PartialEq)]
pub enum Conn {
    Accepted,
    /// The gateway closed a connection (a read returned 0).
    Closed,
}

/// An upstream below HTTP libraries, for the suites about connections: it answers every
/// bodiless request with `200 ok` and reports each connection accepted and closed. With
/// `close_after_each` it closes the socket after each answer without saying so (no
/// `Connection: close`), as a server that drops idle keep-alive connections does.
pub async fn counting_upstream(
    close_after_each: bool,
) -> (SocketAddr, mpsc::UnboundedReceiver<Conn>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let _ = tx.send(Conn::Accepted);
            tokio::spawn(answer_ok(stream, close_after_each, tx.clone()));
        }
    });
    (addr, rx)
}

async fn answer_ok(mut stream: TcpStream, close_after_each: bool, tx: mpsc::UnboundedSender<Conn>) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk).await.unwrap_or(0);
        if n == 0 {
            let _ = tx.send(Conn::Closed);
            return;
        }
        buf.extend_from_slice(&chunk[..n]);
        while let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            buf.drain(..end + 4);
            let resp = b"HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: 2\r\n\r\nok";
            if stream.write_all(resp).await.is_err() || close_after_each {
                return;
            }
        }
    }
}

//! A raw client: bytes over a TCP stream, for the malformed, smuggled and slow requests
//! that an HTTP client library will not send. Every read is bounded by [`DEADLINE`], so a
//! gateway that never answers fails the test instead of hanging it.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

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

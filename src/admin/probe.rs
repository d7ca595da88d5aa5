//! `lachan health`: asks a running gateway's admin listener for `/healthz`.
//!
//! A container health check needs a probe of the live server, not of the config file, and
//! the slim image carries no curl: this is a blocking HTTP/1.0 request over loopback, with
//! one deadline for the whole exchange.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// Why the gateway was judged unhealthy.
#[derive(Debug, thiserror::Error)]
pub enum ProbeError {
    #[error("cannot reach the admin listener at {addr}: {source}")]
    Connect {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("no answer from {addr} within {timeout:?}: {source}")]
    Exchange {
        addr: SocketAddr,
        timeout: Duration,
        source: std::io::Error,
    },
    #[error("{addr}/healthz answered {status:?}")]
    Status { addr: SocketAddr, status: String },
}

/// `GET /healthz` on `addr`; `Ok` with the body when the answer is 200.
pub fn healthz(addr: SocketAddr, timeout: Duration) -> Result<String, ProbeError> {
    let started = Instant::now();
    let mut stream = TcpStream::connect_timeout(&addr, timeout)
        .map_err(|source| ProbeError::Connect { addr, source })?;
    let exchange = |stream: &mut TcpStream| -> std::io::Result<String> {
        let left = timeout
            .saturating_sub(started.elapsed())
            .max(Duration::from_millis(1));
        stream.set_read_timeout(Some(left))?;
        stream.set_write_timeout(Some(left))?;
        write!(stream, "GET /healthz HTTP/1.0\r\nHost: {addr}\r\n\r\n")?;
        let mut answer = Vec::new();
        // The admin answer is a few hundred bytes; a cap keeps a wrong peer from flooding us.
        stream.take(64 * 1024).read_to_end(&mut answer)?;
        Ok(String::from_utf8_lossy(&answer).into_owned())
    };
    let answer = exchange(&mut stream).map_err(|source| ProbeError::Exchange {
        addr,
        timeout,
        source,
    })?;
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let status = head.lines().next().unwrap_or_default();
    match status.split_whitespace().nth(1) {
        Some("200") => Ok(body.to_string()),
        _ => Err(ProbeError::Status {
            addr,
            status: status.to_string(),
        }),
    }
}

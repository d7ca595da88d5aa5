//! Stage 1, accept: binding the listeners (gateway, TLS, admin) before serving, so that
//! callers and tests on `127.0.0.1:0` learn the real addresses first. The gateway's
//! listeners are bound with `SO_REUSEPORT` for the workers' siblings, but only once: a
//! second lachan on the same port is refused, not silently sharing it.

use std::net::SocketAddr;

use tokio::net::TcpListener;

use super::reuseport;
use crate::settings::Config;

/// Bound sockets, ready to serve. Binding is separate from serving so that callers (and
/// tests on `127.0.0.1:0`) learn the real addresses first.
#[derive(Debug)]
pub(crate) struct Listeners {
    pub(crate) http: Vec<TcpListener>,
    /// `server.listen_tls`: TLS is handshaken on these before HTTP.
    pub(crate) tls: Vec<TcpListener>,
    pub admin: Option<TcpListener>,
}

/// A listener that could not be bound. The message carries the cause, so it has no
/// `source` (`anyhow`'s `{:#}` would print the cause twice).
#[derive(Debug, thiserror::Error)]
pub enum BindError {
    #[error(
        "cannot listen on {addr}: port {port} is already in use (another lachan with this config, or another server)",
        port = .addr.port()
    )]
    InUse { addr: SocketAddr },
    #[error("cannot listen on {addr}: {error}")]
    Other {
        addr: SocketAddr,
        error: std::io::Error,
    },
}

impl BindError {
    fn new(addr: SocketAddr, error: std::io::Error) -> Self {
        match error.kind() {
            std::io::ErrorKind::AddrInUse => Self::InUse { addr },
            _ => Self::Other { addr, error },
        }
    }
}

impl Listeners {
    pub(crate) async fn bind(config: &Config) -> Result<Self, BindError> {
        let mut http = Vec::new();
        for &addr in &config.server.listen {
            http.push(bind_shared(addr)?);
        }
        let mut tls = Vec::new();
        for &addr in &config.server.listen_tls {
            tls.push(bind_shared(addr)?);
        }
        let admin = match config.server.admin {
            Some(addr) => Some(bind_one(addr).await?),
            None => None,
        };
        Ok(Self { http, tls, admin })
    }

    pub(crate) fn http_addrs(&self) -> Vec<SocketAddr> {
        self.http
            .iter()
            .filter_map(|l| l.local_addr().ok())
            .collect()
    }

    pub(crate) fn tls_addrs(&self) -> Vec<SocketAddr> {
        self.tls
            .iter()
            .filter_map(|l| l.local_addr().ok())
            .collect()
    }

    pub(crate) fn admin_addr(&self) -> Option<SocketAddr> {
        self.admin.as_ref().and_then(|l| l.local_addr().ok())
    }
}

/// A gateway listener, which every worker shares through its own `SO_REUSEPORT` sibling.
fn bind_shared(addr: SocketAddr) -> Result<TcpListener, BindError> {
    reuseport::bind_first(addr)
        .and_then(TcpListener::from_std)
        .map_err(|e| BindError::new(addr, e))
}

async fn bind_one(addr: SocketAddr) -> Result<TcpListener, BindError> {
    TcpListener::bind(addr)
        .await
        .map_err(|e| BindError::new(addr, e))
}

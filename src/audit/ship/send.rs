//! The connection to the syslog receiver: TCP, TLS (rustls, with the `ca` file) or UDP.
//!
//! Syslog over TCP has no acknowledgement: a write can succeed into a socket whose peer has
//! already gone. [`Conn::gone`] notices a peer that closed (or sent anything at all: a
//! syslog receiver never talks back) before each batch, and the shipper replays a window
//! after a reconnect (see [`super`]).

use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpStream, UdpSocket};
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use super::config::{ShipConfig, Transport};
use super::format::octet_frame;

/// Connecting or writing longer than this counts as a failure.
const IO_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("syslog receiver {0}: {1}")]
    Io(String, std::io::Error),
    #[error("syslog receiver {0}: timed out")]
    Timeout(String),
    #[error("audit.ship.ca: {0}")]
    Ca(String),
}

pub enum Conn {
    Tcp(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
    Udp(UdpSocket),
}

/// The TLS client for `cfg` (its `ca` file, or the system roots).
pub fn tls_connector(cfg: &ShipConfig) -> Result<TlsConnector, SendError> {
    let mut roots = rustls::RootCertStore::empty();
    match &cfg.ca {
        Some(path) => {
            let certs = CertificateDer::pem_file_iter(path)
                .map_err(|e| SendError::Ca(format!("{}: {e}", path.display())))?;
            for cert in certs {
                let cert = cert.map_err(|e| SendError::Ca(format!("{}: {e}", path.display())))?;
                roots.add(cert).map_err(|e| SendError::Ca(e.to_string()))?;
            }
        }
        None => {
            let found = rustls_native_certs::load_native_certs();
            roots.add_parsable_certificates(found.certs);
        }
    }
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| SendError::Ca(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(TlsConnector::from(Arc::new(config)))
}

async fn timed<T>(addr: &str, f: impl Future<Output = std::io::Result<T>>) -> Result<T, SendError> {
    match tokio::time::timeout(IO_TIMEOUT, f).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(SendError::Io(addr.to_string(), e)),
        Err(_) => Err(SendError::Timeout(addr.to_string())),
    }
}

impl Conn {
    pub async fn open(cfg: &ShipConfig, tls: Option<&TlsConnector>) -> Result<Self, SendError> {
        let addr = cfg.addr.as_str();
        match (cfg.transport, tls) {
            (Transport::Udp, _) => {
                let sock = timed(addr, UdpSocket::bind("0.0.0.0:0")).await?;
                timed(addr, sock.connect(addr)).await?;
                Ok(Conn::Udp(sock))
            }
            (Transport::Tls, Some(tls)) => {
                let tcp = timed(addr, TcpStream::connect(addr)).await?;
                let name = ServerName::try_from(cfg.host.clone())
                    .map_err(|e| SendError::Ca(format!("server name {}: {e}", cfg.host)))?;
                let stream = timed(addr, tls.connect(name, tcp)).await?;
                Ok(Conn::Tls(Box::new(stream)))
            }
            _ => Ok(Conn::Tcp(timed(addr, TcpStream::connect(addr)).await?)),
        }
    }

    /// Whether the receiver closed the connection (or broke protocol by talking).
    pub fn gone(&self) -> bool {
        let tcp = match self {
            Conn::Tcp(s) => s,
            Conn::Tls(s) => s.get_ref().0,
            Conn::Udp(_) => return false,
        };
        let mut probe = [0u8; 1];
        !matches!(tcp.try_read(&mut probe), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock)
    }

    /// Sends messages: octet-counted frames over TCP and TLS, one datagram each over UDP.
    pub async fn send(&mut self, addr: &str, msgs: &[Vec<u8>]) -> Result<(), SendError> {
        match self {
            Conn::Udp(sock) => {
                for m in msgs {
                    timed(addr, sock.send(m)).await?;
                }
                Ok(())
            }
            Conn::Tcp(s) => timed(addr, write_frames(s, msgs)).await,
            Conn::Tls(s) => timed(addr, write_frames(s.as_mut(), msgs)).await,
        }
    }
}

async fn write_frames<W: tokio::io::AsyncWrite + Unpin>(
    w: &mut W,
    msgs: &[Vec<u8>],
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    for m in msgs {
        buf.extend_from_slice(&octet_frame(m));
    }
    w.write_all(&buf).await?;
    w.flush().await
}

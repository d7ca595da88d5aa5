//! Stage 1, accept (TLS): the rustls server config and the handshake on each accepted
//! TCP connection, before HTTP is spoken.
//!
//! Security notes: only TLS 1.3 and 1.2 (`[tls] min_version = "1.3"` for 1.3 only; read
//! at start, a change needs a restart), with the rustls default cipher suites (all
//! AEAD with forward secrecy). A handshake has a deadline, and the number of handshakes
//! in flight is capped: a flood of half-open handshakes is shed at once instead of
//! queueing CPU work. Connections over the cap are closed before any TLS byte is read.

use std::sync::Arc;
use std::time::Duration;

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use rustls::ServerConfig;
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use tokio::net::TcpStream;
use tokio::sync::Semaphore;
use tokio_rustls::TlsAcceptor;

use crate::metrics::ResultLabels;
use crate::proxy::{ConnInfo, Gateway};
use crate::settings::Limits;
use crate::tls::certs::provider;

/// Plaintext gathered before encryption: one full TLS record.
const WRITE_BUFFER: usize = 16 * 1024;

/// Why a TLS handshake did not complete.
#[derive(Debug, thiserror::Error)]
pub(crate) enum HandshakeError {
    #[error("too many TLS handshakes in flight")]
    Busy,
    #[error("TLS handshake took longer than {0:?}")]
    Timeout(Duration),
    #[error("TLS handshake failed: {0}")]
    Failed(#[from] std::io::Error),
}

/// The rustls config of the TLS listeners: certificates from the live store, ALPN h2
/// then http/1.1.
pub(crate) fn server_config(gw: Arc<Gateway>) -> Result<ServerConfig, rustls::Error> {
    let versions: &[&rustls::SupportedProtocolVersion] = if gw.config().tls().tls13_only {
        &[&rustls::version::TLS13]
    } else {
        &[&rustls::version::TLS13, &rustls::version::TLS12]
    };
    let mut cfg = ServerConfig::builder_with_provider(provider())
        .with_protocol_versions(versions)?
        .with_no_client_auth()
        .with_cert_resolver(Arc::new(Resolver { gw }));
    cfg.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(cfg)
}

/// Runs handshakes for the TLS listeners, within the cap and the deadline.
pub(crate) struct Handshaker {
    acceptor: TlsAcceptor,
    in_flight: Arc<Semaphore>,
    /// `lachan_tls_handshakes_total{result="ok|failed|timeout|busy"}`.
    outcomes: Family<ResultLabels, Counter>,
}

impl std::fmt::Debug for Handshaker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handshaker")
            .field("in_flight", &self.in_flight)
            .finish_non_exhaustive()
    }
}

impl Handshaker {
    /// The handshaker for `listeners`; `None` when there are none, or when TLS cannot be
    /// set up (logged; the TLS listeners then stay closed).
    pub(crate) fn for_listeners(
        gw: &Arc<Gateway>,
        listeners: &[tokio::net::TcpListener],
    ) -> Option<Arc<Self>> {
        if listeners.is_empty() {
            return None;
        }
        Self::new(gw.clone())
            .map_err(|e| tracing::error!(error = %e, "cannot set up TLS: TLS listeners are closed"))
            .ok()
    }

    pub(crate) fn new(gw: Arc<Gateway>) -> Result<Arc<Self>, rustls::Error> {
        let max = gw.config().tls().max_handshakes;
        let outcomes = Family::<ResultLabels, Counter>::default();
        gw.metrics.register(
            "tls_handshakes",
            "TLS handshakes, by result (ok, failed, timeout, busy)",
            outcomes.clone(),
        );
        Ok(Arc::new(Self {
            acceptor: TlsAcceptor::from(Arc::new(server_config(gw)?)),
            in_flight: Arc::new(Semaphore::new(max)),
            outcomes,
        }))
    }

    /// Handshakes, then serves HTTP on the connection.
    pub(crate) async fn serve(
        &self,
        stream: TcpStream,
        info: Arc<ConnInfo>,
        gw: Arc<Gateway>,
        limits: &Limits,
        shutdown: super::Shutdown,
    ) {
        let deadline = gw.config().tls().handshake_timeout;
        let result = self.handshake(stream, deadline).await;
        let label = match &result {
            Ok(_) => "ok",
            Err(HandshakeError::Busy) => "busy",
            Err(HandshakeError::Timeout(_)) => "timeout",
            Err(HandshakeError::Failed(_)) => "failed",
        };
        self.outcomes
            .get_or_create(&ResultLabels { result: label })
            .inc();
        let tls = match result {
            Ok(tls) => tls,
            Err(e) => {
                tracing::debug!(peer = %info.peer, error = %e, "TLS connection dropped");
                return;
            }
        };
        let sni = tls
            .get_ref()
            .1
            .server_name()
            .map(|s| s.to_ascii_lowercase());
        let info = Arc::new(ConnInfo {
            tls: true,
            sni,
            ..(*info).clone()
        });
        // rustls turns every write into a TLS record and a syscall at once; HTTP/2 writes
        // frame by frame, so without a buffer a response leaves as many tiny records.
        // hyper and h2 flush at the end of each batch, which empties the buffer.
        let io = tokio::io::BufWriter::with_capacity(WRITE_BUFFER, tls);
        super::serve_connection(io, info, gw, limits, shutdown).await;
    }

    async fn handshake(
        &self,
        stream: TcpStream,
        deadline: Duration,
    ) -> Result<tokio_rustls::server::TlsStream<TcpStream>, HandshakeError> {
        let _permit = self
            .in_flight
            .clone()
            .try_acquire_owned()
            .map_err(|_| HandshakeError::Busy)?;
        match tokio::time::timeout(deadline, self.acceptor.accept(stream)).await {
            Err(_) => Err(HandshakeError::Timeout(deadline)),
            Ok(r) => Ok(r?),
        }
    }
}

/// Picks a certificate from the gateway's live store for each handshake.
#[derive(Debug)]
pub(crate) struct Resolver {
    pub(crate) gw: Arc<Gateway>,
}

impl ResolvesServerCert for Resolver {
    fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        let live = self.gw.live.load();
        let found = live.certs.resolve(hello.server_name());
        if found.is_none() {
            tracing::debug!(sni = ?hello.server_name(), "TLS handshake refused: no certificate for this name");
        }
        found
    }
}

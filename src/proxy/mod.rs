//! Stages 2 and 4, identify and forward: the gateway service itself.
//!
//! [`stages`] holds the request's way through the gateway, in order, in one place.
//! [`Gateway`] is the state shared by every connection; [`Live`] is the part of it that a
//! config reload swaps whole.

pub(crate) use crate::body;
pub(crate) mod deadline;
mod first_frame;
pub(crate) mod forward;
pub(crate) mod head;
pub(crate) mod identify;
mod progress;
pub(crate) mod rescue;
pub(crate) mod stages;
pub(crate) mod tls_redirect;
mod upgrade;

use std::net::SocketAddr;
use std::sync::Arc;

use arc_swap::ArcSwap;

use crate::audit::AuditLog;
use crate::guard::Guard;
use crate::metrics::Metrics;
use crate::settings::Config;
use crate::upstream::client::{ClientError, Upstreams};
use crate::workers::idle_watch::Activity;

/// Why a config cannot be made live: its upstream clients or its listener certificates.
#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    #[error(transparent)]
    Upstream(#[from] ClientError),
    /// A listener certificate or key cannot be used.
    #[error(transparent)]
    Cert(#[from] crate::tls::certs::CertError),
}

/// One config and the upstream clients built from it. Requests hold the `Arc<Live>` they
/// started with, so a reload never changes the rules under a request in flight.
#[derive(Debug)]
pub struct Live {
    pub(crate) config: Arc<Config>,
    pub(crate) upstreams: Upstreams,
    /// The TLS listeners' certificates, loaded from the files this config names.
    pub(crate) certs: crate::tls::store::CertStore,
    /// Distinct for every `Live` ever built: part of every cache key.
    pub(crate) generation: u64,
}

static GENERATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Live {
    pub fn new(config: Arc<Config>) -> Result<Self, LiveError> {
        let upstreams = Upstreams::build(&config)?;
        let certs = crate::tls::store::CertStore::load(&config)?;
        let generation = GENERATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(Self {
            config,
            upstreams,
            certs,
            generation,
        })
    }
}

/// State shared by all connections.
#[derive(Debug)]
pub struct Gateway {
    pub(crate) live: ArcSwap<Live>,
    pub audit: AuditLog,
    pub metrics: Arc<Metrics>,
    pub guard: Guard,
    pub cache: crate::cache::Cache,
}

impl Gateway {
    pub(crate) fn new(live: Live, audit: AuditLog, metrics: Arc<Metrics>) -> Arc<Self> {
        let guard = Guard::new(&live.config, audit.clone(), metrics.clone());
        audit.reload(&live.config);
        let cache = crate::cache::Cache::new(live.config.cache(), &metrics);
        Arc::new(Self {
            live: ArcSwap::from_pointee(live),
            audit,
            metrics,
            guard,
            cache,
        })
    }

    /// Installs a new config whole. Requests in flight keep the old one.
    pub fn install(&self, live: Live) {
        self.guard.reload(&live.config);
        self.audit.reload(&live.config);
        self.live.store(Arc::new(live));
        // Pages cleaned under the old rules can no longer be served (the key holds the
        // generation); free their memory now.
        self.cache.clear();
    }

    pub fn config(&self) -> Arc<Config> {
        self.live.load().config.clone()
    }
}

/// What the accept stage knows about a connection.
#[derive(Debug, Clone)]
pub(crate) struct ConnInfo {
    pub(crate) peer: SocketAddr,
    /// Whether the connection came in over TLS.
    pub(crate) tls: bool,
    /// The SNI name the client sent, lower-cased, if TLS.
    pub(crate) sni: Option<String>,
    /// The peer's address as `X-Forwarded-For` gives it, formatted once per connection.
    pub(crate) peer_ip_text: http::HeaderValue,
    /// When bytes last moved for this connection (the idle timeout's clock).
    pub(crate) activity: Activity,
}

impl ConnInfo {
    /// A plain-TCP connection from `peer`.
    pub(crate) fn new(peer: SocketAddr) -> Self {
        let ip = identify::canonical(peer.ip()).to_string();
        Self {
            peer,
            tls: false,
            sni: None,
            peer_ip_text: http::HeaderValue::try_from(ip).expect("an IP address is a header value"),
            activity: Activity::new(),
        }
    }
}

//! Starting and stopping a whole gateway: config, audit log, listeners, reload, signals.
//!
//! `lachan run`, `lachan demo` and the integration tests all start the gateway through
//! [`Running::start`], so that they exercise the same code.

pub mod reload;
pub(crate) mod tls_watch;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::audit::AuditLog;
use crate::config::Config;
use crate::metrics::Metrics;
use crate::proxy::{Gateway, Live};
use crate::server::{self, Listeners};
use reload::Reloader;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Bind(#[from] server::BindError),
    #[error(transparent)]
    Live(#[from] crate::proxy::LiveError),
    #[error("cannot open the audit log: {0}")]
    Audit(String),
    #[error("cannot watch the config file: {0}")]
    Watch(#[from] notify::Error),
    #[error(transparent)]
    Ship(#[from] crate::audit::ship::send::SendError),
    #[error(transparent)]
    Cluster(#[from] crate::cluster::ClusterError),
    #[error("cannot install the signal handler: {0}")]
    Signal(#[from] std::io::Error),
}

/// How to start.
#[derive(Debug, Default)]
pub struct Options {
    /// Watch this config file and reload it on change and on SIGHUP.
    pub reload_from: Option<PathBuf>,
    /// Use this audit log instead of opening the one in the config (tests).
    pub audit: Option<AuditLog>,
}

/// A gateway that is serving.
#[derive(Debug)]
pub struct Running {
    pub http_addrs: Vec<SocketAddr>,
    /// The `listen_tls` addresses, as bound.
    pub https_addrs: Vec<SocketAddr>,
    pub admin_addr: Option<SocketAddr>,
    pub gateway: Arc<Gateway>,
    pub reloader: Option<Arc<Reloader>>,
    stop: CancellationToken,
    task: JoinHandle<()>,
    _watcher: Option<notify::RecommendedWatcher>,
    _cert_watcher: Option<notify::RecommendedWatcher>,
    _shipper: Option<crate::audit::ship::Shipper>,
}

impl Running {
    pub async fn start(config: Config, opts: Options) -> Result<Self, StartError> {
        let metrics = Arc::new(Metrics::new());
        let audit = match opts.audit {
            Some(a) => a,
            None => crate::audit::open(config.audit(), metrics.clone())
                .map_err(|e| StartError::Audit(e.to_string()))?,
        };
        let listeners = Listeners::bind(&config).await?;
        let (http_addrs, admin_addr) = (listeners.http_addrs(), listeners.admin_addr());
        let https_addrs = listeners.tls_addrs();
        let cluster = config.cluster().cloned();
        let shipper = match config.audit().ship.clone() {
            Some(ship) => {
                let host = cluster
                    .as_ref()
                    .map_or_else(crate::cluster::config::host_name, |c| c.instance.clone());
                let dir = config.audit().dir.clone();
                Some(crate::audit::ship::Shipper::start(
                    ship, dir, host, &metrics,
                )?)
            }
            None => None,
        };
        let gateway = Gateway::new(Live::new(Arc::new(config))?, audit, metrics);
        if let Some(cfg) = cluster {
            let board = gateway.guard.board();
            let cluster = crate::cluster::Cluster::start(cfg, board, &gateway.metrics)?;
            gateway.guard.attach(cluster);
        }
        let (reloader, watcher, cert_watcher) = match opts.reload_from {
            Some(path) => {
                let r = Reloader::new(path, gateway.clone());
                r.on_sighup()?;
                let w = r.on_file_change()?;
                let cw = tls_watch::watch(&r, &gateway.config())?;
                (Some(r), Some(w), cw)
            }
            None => (None, None, None),
        };
        let stop = CancellationToken::new();
        let task = tokio::spawn(server::serve(
            gateway.clone(),
            listeners,
            stop.clone().cancelled_owned(),
        ));
        Ok(Self {
            http_addrs,
            https_addrs,
            admin_addr,
            gateway,
            reloader,
            stop,
            task,
            _watcher: watcher,
            _cert_watcher: cert_watcher,
            _shipper: shipper,
        })
    }

    /// Begins a graceful shutdown.
    pub fn shutdown(&self) {
        self.stop.cancel();
    }

    /// Waits until the gateway has stopped (after [`Running::shutdown`] or a signal).
    pub async fn wait(self) {
        let _ = self.task.await;
        let audit = self.gateway.audit.clone();
        let _ = tokio::task::spawn_blocking(move || audit.flush(std::time::Duration::from_secs(5)))
            .await;
    }

    /// Stops on SIGTERM or SIGINT (installed with [`StopSignals::install`] before the
    /// gateway announced itself), drains, and returns.
    pub async fn run_until(self, mut signals: StopSignals) {
        signals.recv().await;
        self.shutdown();
        self.wait().await;
    }
}

/// SIGTERM and SIGINT handlers. Install them before saying "listening": a signal that
/// arrives before its handler kills the process without a drain.
#[derive(Debug)]
pub struct StopSignals {
    term: tokio::signal::unix::Signal,
    int: tokio::signal::unix::Signal,
}

impl StopSignals {
    pub fn install() -> std::io::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Self {
            term: signal(SignalKind::terminate())?,
            int: signal(SignalKind::interrupt())?,
        })
    }

    async fn recv(&mut self) {
        tokio::select! {
            _ = self.term.recv() => tracing::info!("SIGTERM received"),
            _ = self.int.recv() => tracing::info!("SIGINT received"),
        }
    }
}

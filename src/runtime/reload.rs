//! Live reload: on SIGHUP and whenever the config file changes on disk.
//!
//! The parent directory is watched, not the file: editors and Kubernetes replace files by
//! rename, which a watch on the file itself would miss. A reload parses and validates the
//! whole file, builds the new upstream clients, then swaps everything at once. Any error
//! leaves the running config in place and is logged with every line and column.
//! Listener addresses are bound once at start; changing them needs a restart.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};
use tokio::sync::{mpsc, watch};

use crate::metrics::ResultLabels;
use crate::proxy::{Gateway, Live};

/// The outcome of one reload attempt, published to anyone watching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing has been reloaded yet.
    Initial,
    Applied {
        generation: u64,
    },
    Refused {
        generation: u64,
        errors: Vec<String>,
    },
}

/// Reloads the config of a running gateway.
#[derive(Debug)]
pub struct Reloader {
    path: PathBuf,
    gw: Arc<Gateway>,
    outcome: watch::Sender<Outcome>,
}

impl Reloader {
    pub fn new(path: PathBuf, gw: Arc<Gateway>) -> Arc<Self> {
        Arc::new(Self {
            path,
            gw,
            outcome: watch::channel(Outcome::Initial).0,
        })
    }

    /// Follows the outcome of each reload (tests use this instead of sleeping).
    pub fn subscribe(&self) -> watch::Receiver<Outcome> {
        self.outcome.subscribe()
    }

    /// Loads, validates and installs the config file. Keeps the old one on any error.
    pub fn reload(&self) -> Outcome {
        let generation = match &*self.outcome.borrow() {
            Outcome::Initial => 1,
            Outcome::Applied { generation } | Outcome::Refused { generation, .. } => generation + 1,
        };
        let result = crate::config::load(&self.path)
            .map_err(|e| e.0.iter().map(ToString::to_string).collect::<Vec<_>>())
            .and_then(|config| Live::new(Arc::new(config)).map_err(|e| vec![e.to_string()]));
        let outcome = match result {
            Ok(live) => {
                let old = self.gw.config();
                if old.server.listen != live.config.server.listen
                    || old.server.admin != live.config.server.admin
                {
                    tracing::warn!(
                        "listener addresses changed: they take effect only after a restart"
                    );
                }
                self.gw.install(live);
                tracing::info!(path = %self.path.display(), generation, "config reloaded");
                Outcome::Applied { generation }
            }
            Err(errors) => {
                for e in &errors {
                    tracing::error!(error = %e, "config reload refused; the running config stays");
                }
                Outcome::Refused { generation, errors }
            }
        };
        let result = if matches!(outcome, Outcome::Applied { .. }) {
            "ok"
        } else {
            "failed"
        };
        self.gw
            .metrics
            .config_reloads
            .get_or_create(&ResultLabels { result })
            .inc();
        self.outcome.send_replace(outcome.clone());
        outcome
    }

    /// Reloads on every SIGHUP until the process ends.
    pub(crate) fn on_sighup(self: &Arc<Self>) -> std::io::Result<()> {
        let mut hup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())?;
        let this = self.clone();
        tokio::spawn(async move {
            while hup.recv().await.is_some() {
                tracing::info!("SIGHUP: reloading config");
                this.reload();
            }
        });
        Ok(())
    }

    /// Reloads whenever the config file is written, created or renamed into place.
    /// The returned watcher must be kept alive.
    pub(crate) fn on_file_change(self: &Arc<Self>) -> notify::Result<notify::RecommendedWatcher> {
        let (tx, mut rx) = mpsc::unbounded_channel();
        let target = self.path.file_name().map(ToOwned::to_owned);
        let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
            let Ok(ev) = ev else { return };
            let relevant = !ev.kind.is_access()
                && ev
                    .paths
                    .iter()
                    .any(|p| p.file_name().map(ToOwned::to_owned) == target);
            if relevant {
                let _ = tx.send(());
            }
        })?;
        watcher.watch(parent_dir(&self.path), RecursiveMode::NonRecursive)?;
        let this = self.clone();
        tokio::spawn(async move {
            while rx.recv().await.is_some() {
                // Editors write in several steps; let them settle, then reload once.
                tokio::time::sleep(Duration::from_millis(150)).await;
                while rx.try_recv().is_ok() {}
                tracing::info!("config file changed: reloading");
                this.reload();
            }
        });
        Ok(watcher)
    }
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

//! Certificate hot reload: watches the certificate and key files a config names, and
//! reloads the whole config when one changes (SIGHUP does the same through the core's
//! [`Reloader`]).
//!
//! The reload builds a new certificate store beside the running one and swaps it only if
//! every file loads; a half-written or broken file is refused and the old certificates stay.
//! New handshakes use the new store; established connections are untouched. Directories
//! are watched (not files) because certbot and Kubernetes replace files by rename. The set
//! of watched directories is fixed at start: a new directory needs a restart or SIGHUP.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};
use tokio::sync::mpsc;

use super::reload::Reloader;
use crate::config::Config;

/// Every certificate, key and CA file the config names.
pub(crate) fn files(config: &Config) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(p) = &config.tls().default {
        out.extend([p.cert.clone(), p.key.clone()]);
    }
    for t in config.sites.iter().filter_map(|s| s.tls()) {
        if let Some(p) = &t.cert {
            out.extend([p.cert.clone(), p.key.clone()]);
        }
        out.extend(t.upstream_ca.clone());
    }
    out
}

/// Starts watching; `None` when the config names no files. Keep the watcher alive.
pub(crate) fn watch(
    reloader: &Arc<Reloader>,
    config: &Config,
) -> notify::Result<Option<notify::RecommendedWatcher>> {
    let files = files(config);
    if files.is_empty() {
        return Ok(None);
    }
    let names: BTreeSet<OsString> = files
        .iter()
        .filter_map(|f| f.file_name().map(Into::into))
        .collect();
    let dirs: BTreeSet<PathBuf> = files.iter().map(|f| parent(f)).collect();
    let (tx, rx) = mpsc::unbounded_channel();
    let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        let Ok(ev) = ev else { return };
        let relevant = !ev.kind.is_access()
            && ev
                .paths
                .iter()
                .any(|p| p.file_name().is_some_and(|n| names.contains(n)));
        if relevant {
            let _ = tx.send(());
        }
    })?;
    for dir in &dirs {
        watcher.watch(dir, RecursiveMode::NonRecursive)?;
    }
    tokio::spawn(reload_on_events(reloader.clone(), rx));
    Ok(Some(watcher))
}

async fn reload_on_events(reloader: Arc<Reloader>, mut rx: mpsc::UnboundedReceiver<()>) {
    while rx.recv().await.is_some() {
        // A renewal writes the chain and the key one after the other: wait until the
        // writes settle so that the pair is read together.
        tokio::time::sleep(Duration::from_millis(200)).await;
        while rx.try_recv().is_ok() {}
        tracing::info!("certificate file changed: reloading");
        reloader.reload();
    }
}

fn parent(path: &std::path::Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

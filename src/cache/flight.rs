//! Miss collapsing: while one request fills a key, the others for that key wait for it
//! (bounded) instead of going to the origin too.
//!
//! The leader holds a [`Flight`] until its fill ends (stored, given up, or dropped with
//! the response); dropping it wakes every follower, which then looks the key up again.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;

use super::key::Key;

#[derive(Debug, Default)]
pub(crate) struct Flights {
    map: Mutex<HashMap<Arc<Key>, watch::Receiver<()>>>,
    /// Requests waiting for another one's fill now.
    pub(crate) waiting: AtomicUsize,
}

/// What a request is for a key being fetched.
#[derive(Debug)]
pub(crate) enum Role {
    Leader(Flight),
    Follower(watch::Receiver<()>),
}

impl Flights {
    pub(crate) fn join(self: &Arc<Self>, key: &Arc<Key>) -> Role {
        let mut map = self.map.lock().expect("flights poisoned");
        if let Some(rx) = map.get(key) {
            return Role::Follower(rx.clone());
        }
        let (tx, rx) = watch::channel(());
        map.insert(key.clone(), rx);
        Role::Leader(Flight {
            flights: self.clone(),
            key: key.clone(),
            _tx: tx,
        })
    }

    /// Whether someone is fetching this key now.
    pub(crate) fn active(&self, key: &Key) -> bool {
        self.map.lock().expect("flights poisoned").contains_key(key)
    }
}

/// The leader's hold on a key; dropping it ends the flight.
#[derive(Debug)]
pub(crate) struct Flight {
    flights: Arc<Flights>,
    key: Arc<Key>,
    _tx: watch::Sender<()>,
}

impl Drop for Flight {
    fn drop(&mut self) {
        // Removed before `_tx` drops, so a follower never joins a finished flight.
        self.flights
            .map
            .lock()
            .expect("flights poisoned")
            .remove(&self.key);
    }
}

impl Flights {
    /// Waits until the leader's flight ends, or `limit` passes.
    pub(crate) async fn wait(&self, mut rx: watch::Receiver<()>, limit: Duration) {
        self.waiting.fetch_add(1, Ordering::Relaxed);
        // `changed` fails once the sender is gone: that is the signal.
        let ended = async { while rx.changed().await.is_ok() {} };
        let _ = tokio::time::timeout(limit, ended).await;
        self.waiting.fetch_sub(1, Ordering::Relaxed);
    }
}

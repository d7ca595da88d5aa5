//! Bans and rate limits shared by every gateway instance through Redis (`[cluster]`).
//!
//! Sits between the guard and the proxy: it implements the guard's
//! [`Shared`](crate::guard::shared::Shared) hook and keeps the guard's ban table in step
//! through a [`BanBoard`]. One background task ([`link`]) owns the connection: it
//! connects, subscribes to ban changes, resyncs in full, heartbeats, sends the ban
//! changes queued here, and reconnects with backoff.
//!
//! Security notes for maintainers:
//! * The request path never waits on Redis for longer than `cluster.timeout`, and only
//!   while the link is up: the first failed or late call marks the link down (logged
//!   once), and requests use the local fallback until the task has reconnected and
//!   resynced. A blackholed Redis costs at most one timeout per request in flight.
//! * Never fail open: while down, limits hold at `1/n` locally (see
//!   [`crate::guard::shared`]), and bans stay in force from the local copy.
//! * Ban changes made while down are queued (bounded) and sent on reconnect.

pub mod config;
mod link;
pub(crate) mod wire;

use std::collections::VecDeque;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use arc_swap::ArcSwapOption;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::gauge::Gauge;
use redis::aio::MultiplexedConnection;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::guard::limits::RateRule;
use crate::guard::shared::{BanBoard, Link, Shared, SharedFuture, SharedVerdict};
use crate::metrics::Metrics;
use config::ClusterConfig;
use wire::{Change, Keys};

/// Ban changes kept while Redis is away; beyond it the oldest are dropped (and counted).
const OUTBOX_MAX: usize = 100_000;

/// The cluster's metrics (`lachan_cluster_*`).
#[derive(Debug, Default)]
struct ClusterMetrics {
    up: Gauge,
    instances: Gauge,
    errors: Counter,
    bans_received: Counter,
    outbox_dropped: Counter,
}

impl ClusterMetrics {
    fn register(&self, m: &Metrics) {
        m.register("cluster_up", "1 while Redis is reachable", self.up.clone());
        m.register(
            "cluster_instances",
            "Live instances, last known",
            self.instances.clone(),
        );
        m.register(
            "cluster_errors",
            "Failed or late Redis calls",
            self.errors.clone(),
        );
        m.register(
            "cluster_bans_received",
            "Ban changes received from other instances",
            self.bans_received.clone(),
        );
        m.register(
            "cluster_outbox_dropped",
            "Ban changes dropped while Redis was away (outbox full)",
            self.outbox_dropped.clone(),
        );
    }
}

/// State shared by the handle, the request path and the link task.
#[derive(Debug)]
struct State {
    cfg: ClusterConfig,
    keys: Keys,
    up: AtomicBool,
    instances: AtomicU32,
    conn: ArcSwapOption<MultiplexedConnection>,
    /// The request path saw a failure: the task must reconnect. The flag tells a real
    /// kick from a permit left over from an earlier session.
    kick: Notify,
    kicked: AtomicBool,
    /// Ban changes to send, with when they were made.
    outbox: Mutex<VecDeque<(Instant, Change)>>,
    wake: Notify,
    metrics: ClusterMetrics,
    gcra: redis::Script,
    /// The epoch of the Redis data set last synced with (see `link::resync`).
    epoch: Mutex<Option<String>>,
}

impl State {
    /// Marks the link down from the request path, and has the task reconnect.
    fn fail(&self, why: &str) {
        self.kicked.store(true, Ordering::Release);
        self.kick.notify_one();
        self.down(why);
    }

    /// Marks the link down; logs only on the transition.
    fn down(&self, why: &str) {
        self.metrics.errors.inc();
        self.conn.store(None);
        if self.up.swap(false, Ordering::AcqRel) {
            self.metrics.up.set(0);
            tracing::warn!(
                instance = %self.cfg.instance, reason = why,
                "cluster: Redis unreachable; limits fall back to the local share, bans kept"
            );
        }
    }

    fn set_up(&self, conn: MultiplexedConnection) {
        self.conn.store(Some(Arc::new(conn)));
        if !self.up.swap(true, Ordering::AcqRel) {
            self.metrics.up.set(1);
            tracing::info!(instance = %self.cfg.instance, "cluster: connected to Redis and resynced");
        }
    }

    fn set_instances(&self, n: u32) {
        let n = n.max(1);
        self.instances.store(n, Ordering::Relaxed);
        self.metrics.instances.set(i64::from(n));
    }

    fn queue(&self, change: Change) {
        let mut q = self.outbox.lock().expect("outbox poisoned");
        if q.len() >= OUTBOX_MAX {
            q.pop_front();
            self.metrics.outbox_dropped.inc();
        }
        q.push_back((Instant::now(), change));
        drop(q);
        self.wake.notify_one();
    }
}

/// The handle the guard holds. Dropping it stops the link task.
#[derive(Debug)]
pub struct Cluster {
    state: Arc<State>,
    stop: CancellationToken,
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}

/// A bad `cluster.redis` URL.
#[derive(Debug, thiserror::Error)]
#[error("cluster.redis: {0}")]
pub struct ClusterError(#[from] redis::RedisError);

impl Cluster {
    /// Starts the link task (inside a tokio runtime). Returns at once: the first
    /// connection is made in the background, and until it is up the fallback applies.
    pub fn start(
        cfg: ClusterConfig,
        board: BanBoard,
        metrics: &Metrics,
    ) -> Result<Arc<Self>, ClusterError> {
        let client = redis::Client::open(cfg.redis.as_str())?;
        let state = Arc::new(State {
            keys: Keys::new(&cfg.prefix),
            cfg,
            up: AtomicBool::new(false),
            instances: AtomicU32::new(1),
            conn: ArcSwapOption::empty(),
            kick: Notify::new(),
            kicked: AtomicBool::new(false),
            outbox: Mutex::new(VecDeque::new()),
            wake: Notify::new(),
            metrics: ClusterMetrics::default(),
            gcra: redis::Script::new(wire::GCRA),
            epoch: Mutex::new(None),
        });
        state.metrics.register(metrics);
        state.metrics.instances.set(1);
        let stop = CancellationToken::new();
        tokio::spawn(link::run(client, state.clone(), board, stop.clone()));
        Ok(Arc::new(Self { state, stop }))
    }

    async fn check_shared(&self, rules: &[&RateRule], key: IpAddr) -> SharedVerdict {
        let s = &self.state;
        let Some(conn) = s.conn.load_full() else {
            return SharedVerdict::Unavailable;
        };
        let mut conn = (*conn).clone();
        let mut call = s.gcra.prepare_invoke();
        for rule in rules {
            let period = u64::try_from(rule.rate.period().as_micros()).unwrap_or(u64::MAX);
            call.key(s.keys.limit(&rule.id, key))
                .arg(period.max(1))
                .arg(rule.burst.get());
        }
        let answer =
            tokio::time::timeout(s.cfg.timeout, call.invoke_async::<(u64, u64)>(&mut conn));
        match answer.await {
            Ok(Ok((0, _))) => SharedVerdict::Allowed,
            Ok(Ok((i, wait))) => {
                let index = usize::try_from(i - 1).unwrap_or(0);
                SharedVerdict::Refused(index, Duration::from_micros(wait))
            }
            Ok(Err(e)) => {
                s.fail(&e.to_string());
                SharedVerdict::Unavailable
            }
            Err(_) => {
                s.fail("rate check timed out");
                SharedVerdict::Unavailable
            }
        }
    }
}

impl Shared for Cluster {
    fn banned(&self, key: IpAddr, length: Duration, offences: u32) {
        self.state.queue(Change::Ban {
            ip: key,
            left: length,
            offences,
            origin: self.state.cfg.instance.clone(),
        });
    }

    fn lifted(&self, key: IpAddr) {
        self.state.queue(Change::Lift {
            ip: key,
            origin: self.state.cfg.instance.clone(),
        });
    }

    fn link(&self) -> Link {
        if self.state.up.load(Ordering::Acquire) {
            Link::Up
        } else {
            Link::Down(self.state.instances.load(Ordering::Relaxed))
        }
    }

    fn check<'a>(&'a self, rules: &'a [&'a RateRule], key: IpAddr) -> SharedFuture<'a> {
        Box::pin(self.check_shared(rules, key))
    }

    fn status(&self) -> serde_json::Value {
        let s = &self.state;
        serde_json::json!({
            "up": s.up.load(Ordering::Acquire),
            "instance": s.cfg.instance,
            "instances": s.instances.load(Ordering::Relaxed),
        })
    }
}

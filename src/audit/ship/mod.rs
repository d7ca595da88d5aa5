//! Stage 7, audit: shipping the audit events to a SIEM over syslog (`[audit.ship]`).
//!
//! The chained files stay the source of truth and the spool: the shipper tails them
//! ([`tail`]), turns each event line into an RFC 5424 message with an ECS JSON body
//! ([`format`]) and sends it over TCP or TLS with octet counting, or UDP ([`send`]). It
//! never touches the request path or the writer; if the SIEM is away, events wait in the
//! files, and the shipper catches up at `max_rate` when it is back.
//!
//! Delivery is at least once: the position saved in `ship-position.json` (file, offset, line,
//! last hash) is that of the oldest batch still inside the replay window, and after a
//! reconnect (or a restart) everything sent in that window is sent again, because TCP
//! syslog has no acknowledgement and a receiver that dies loses what it had not read.
//! Duplicates carry the same chain `hash`, by which a SIEM can drop them.

pub mod config;
pub mod format;
pub mod send;
pub mod tail;

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::gauge::Gauge;
use tokio_util::sync::CancellationToken;

use crate::metrics::Metrics;
use config::ShipConfig;
use send::{Conn, SendError};
use tail::{Line, Position, Tail};

/// What was sent this long ago is taken as delivered; younger is sent again after a
/// reconnect.
const REPLAY: Duration = Duration::from_secs(2);
/// How often the files are looked at when there is nothing new.
const POLL: Duration = Duration::from_millis(100);
const BACKOFF_MIN: Duration = Duration::from_millis(100);
const BACKOFF_MAX: Duration = Duration::from_secs(2);
/// How often the unshipped bytes are measured for `ship_behind_bytes`.
const BEHIND_EVERY: Duration = Duration::from_secs(1);

#[derive(Debug, Default, Clone)]
struct ShipMetrics {
    sent: Counter,
    failures: Counter,
    up: Gauge,
    behind_bytes: Gauge,
    lag_seconds: Gauge,
}

impl ShipMetrics {
    fn register(&self, m: &Metrics) {
        m.register(
            "ship_sent",
            "Audit events sent to the syslog receiver",
            self.sent.clone(),
        );
        m.register(
            "ship_failures",
            "Failed connections or sends to the syslog receiver",
            self.failures.clone(),
        );
        m.register(
            "ship_up",
            "1 while connected to the syslog receiver",
            self.up.clone(),
        );
        m.register(
            "ship_behind_bytes",
            "Audit file bytes not shipped yet",
            self.behind_bytes.clone(),
        );
        m.register(
            "ship_lag_seconds",
            "How long the shipper has been behind the files",
            self.lag_seconds.clone(),
        );
    }
}

/// The running shipper; dropping it stops the task.
#[derive(Debug)]
pub struct Shipper {
    stop: CancellationToken,
}

impl Drop for Shipper {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}

impl Shipper {
    /// Starts shipping the files in `dir` (inside a tokio runtime). `host` is the
    /// instance's name (`host.name`, the syslog HOSTNAME).
    pub fn start(
        cfg: ShipConfig,
        dir: PathBuf,
        host: String,
        metrics: &Metrics,
    ) -> Result<Self, SendError> {
        let tls = match cfg.transport {
            config::Transport::Tls => Some(send::tls_connector(&cfg)?),
            _ => None,
        };
        let m = ShipMetrics::default();
        m.register(metrics);
        let stop = CancellationToken::new();
        let task = Task {
            cfg,
            tls,
            tail: Arc::new(Mutex::new(Tail::new(&dir))),
            host,
            m,
            pid: std::process::id(),
        };
        tokio::spawn(task.run(stop.clone()));
        Ok(Self { stop })
    }
}

struct Task {
    cfg: ShipConfig,
    tls: Option<tokio_rustls::TlsConnector>,
    /// Keeps its directory listing and open file between steps (read off the runtime).
    tail: Arc<Mutex<Tail>>,
    host: String,
    m: ShipMetrics,
    pid: u32,
}

/// The shipper's moving parts between two steps.
struct Progress {
    pos: Position,
    conn: Option<Conn>,
    /// Where each batch sent within `REPLAY` on this connection started.
    window: VecDeque<(Instant, Position)>,
    backoff: Duration,
    caught_up: Instant,
    saved: Position,
    /// When `behind_bytes` was last measured (a `stat` per unshipped file).
    measured: Option<Instant>,
}

impl Task {
    async fn run(self, stop: CancellationToken) {
        let pos = self.lock().load();
        let mut p = Progress {
            saved: pos.clone(),
            pos,
            conn: None,
            window: VecDeque::new(),
            backoff: BACKOFF_MIN,
            caught_up: Instant::now(),
            measured: None,
        };
        while !stop.is_cancelled() {
            let pause = self.step(&mut p).await;
            if let Some(pause) = pause {
                tokio::select! {
                    () = stop.cancelled() => break,
                    () = tokio::time::sleep(pause) => {}
                }
            }
        }
    }

    /// One batch; returns how long to pause before the next.
    async fn step(&self, p: &mut Progress) -> Option<Duration> {
        if p.conn.as_ref().is_some_and(Conn::gone) {
            self.lost(p, "receiver closed the connection");
        }
        if p.conn.is_none() {
            match Conn::open(&self.cfg, self.tls.as_ref()).await {
                Ok(c) => {
                    tracing::info!(receiver = %self.cfg.addr, "audit shipping: connected");
                    self.m.up.set(1);
                    p.conn = Some(c);
                    p.backoff = BACKOFF_MIN;
                }
                Err(e) => {
                    self.m.failures.inc();
                    tracing::debug!(error = %e, "audit shipping: cannot connect");
                    p.backoff = (p.backoff * 2).min(BACKOFF_MAX);
                    return Some(p.backoff);
                }
            }
        }
        let batch_max = (self.cfg.max_rate / 10).max(1) as usize;
        let measure = p.measured.is_none_or(|t| t.elapsed() >= BEHIND_EVERY);
        let (lines, behind) = self.read(&p.pos, batch_max, measure).await;
        if let Some(bytes) = behind {
            p.measured = Some(Instant::now());
            self.m
                .behind_bytes
                .set(i64::try_from(bytes).unwrap_or(i64::MAX));
        }
        if lines.is_empty() {
            p.caught_up = Instant::now();
            self.m.lag_seconds.set(0);
            return Some(POLL);
        }
        self.m
            .lag_seconds
            .set(i64::try_from(p.caught_up.elapsed().as_secs()).unwrap_or(i64::MAX));
        let msgs: Vec<Vec<u8>> = lines
            .iter()
            .filter_map(|(l, _)| format::message(l, &self.host, self.pid))
            .collect();
        let started = Instant::now();
        let conn = p.conn.as_mut()?;
        if let Err(e) = conn.send(&self.cfg.addr, &msgs).await {
            self.lost(p, &e.to_string());
            return Some(p.backoff);
        }
        self.m.sent.inc_by(msgs.len() as u64);
        p.window.push_back((started, p.pos.clone()));
        p.pos = lines.last()?.1.clone();
        self.save(p);
        // The bound on the rate: this batch may not take less than its share of a second.
        let share = Duration::from_secs_f64(lines.len() as f64 / f64::from(self.cfg.max_rate));
        Some(share.saturating_sub(started.elapsed()))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Tail> {
        self.tail
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The next lines (at most `max`) and, when `measure`, the bytes still to ship.
    async fn read(&self, pos: &Position, max: usize, measure: bool) -> (Vec<Line>, Option<u64>) {
        let (tail, pos) = (self.tail.clone(), pos.clone());
        let read = tokio::task::spawn_blocking(move || {
            let mut tail = tail
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let lines = tail.read(&pos, max);
            (lines, measure.then(|| tail.behind(&pos)))
        })
        .await;
        match read {
            Ok((Ok(lines), behind)) => (lines, behind),
            Ok((Err(e), behind)) => {
                tracing::warn!(error = %e, "audit shipping: cannot read the audit files");
                (Vec::new(), behind)
            }
            Err(_) => (Vec::new(), None),
        }
    }

    /// Saves the start of the oldest batch still in the replay window.
    fn save(&self, p: &mut Progress) {
        while p.window.front().is_some_and(|(t, _)| t.elapsed() > REPLAY) {
            p.window.pop_front();
        }
        let keep = p.window.front().map_or(&p.pos, |(_, pos)| pos);
        if *keep != p.saved {
            if let Err(e) = self.lock().save(keep) {
                tracing::warn!(error = %e, "audit shipping: cannot save the position");
            }
            p.saved = keep.clone();
        }
    }

    /// The connection is gone: replay the window on the next one.
    fn lost(&self, p: &mut Progress, why: &str) {
        if p.conn.take().is_some() {
            tracing::warn!(receiver = %self.cfg.addr, reason = why, "audit shipping: receiver lost; events wait in the audit files");
        }
        self.m.failures.inc();
        self.m.up.set(0);
        if let Some((_, start)) = p.window.front() {
            p.pos = start.clone();
        }
        p.window.clear();
        p.backoff = (p.backoff * 2).min(BACKOFF_MAX);
    }
}

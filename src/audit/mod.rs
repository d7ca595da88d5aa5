//! Stage 7, audit: every block becomes an event appended to the tamper-evident log.
//!
//! Other stages hold an [`AuditLog`] handle and call [`AuditLog::emit`]; they never write
//! files themselves. The handle is cheap to clone, and `emit` never blocks: the chained
//! writer ([`writer`]) sits behind a bounded channel, and when that channel is full the
//! event is counted into a summary ([`overflow`]) instead. The writer counts every line
//! it writes in `lachan_events` (site, rule, action): do not count events elsewhere.
//!
//! Privacy note: events carry the method, the path and query, and the client address,
//! never cookies, `Authorization` or bodies. Keep it so when you add fields.

pub mod alert;
pub mod config;
pub(crate) mod csp;
pub mod event;
pub mod files;
pub mod health;
pub mod html;
pub mod line;
pub(crate) mod overflow;
pub mod report;
pub mod rules;
pub mod ship;
pub mod suggest;
pub mod verify;
pub(crate) mod writer;

use std::collections::HashMap;
use std::sync::mpsc::{SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use event::{Action, Event, RequestInfo};
pub use health::Status;

use crate::metrics::Metrics;
use writer::Msg;

/// Where events go. The production sink is the chained writer; tests use [`MemorySink`].
pub trait AuditSink: Send + Sync + std::fmt::Debug {
    fn emit(&self, event: Event);

    /// The sink's health for `/healthz`; `None` for sinks without files.
    fn status(&self) -> Option<Status> {
        None
    }

    /// Whether requests must be refused now (`on_error = "fail_closed"` and failing).
    fn refuse(&self) -> bool {
        false
    }

    /// Writes and syncs what was emitted so far. Returns false if that did not finish
    /// within `timeout`.
    fn flush(&self, _timeout: Duration) -> bool {
        true
    }
}

/// The handle that stages use to record events.
#[derive(Debug, Clone)]
pub struct AuditLog {
    sink: Arc<dyn AuditSink>,
    alerts: Arc<alert::Alerts>,
    csp: Arc<csp::Intake>,
}

impl AuditLog {
    pub(crate) fn new(sink: Arc<dyn AuditSink>) -> Self {
        Self {
            sink,
            alerts: Arc::default(),
            csp: Arc::default(),
        }
    }

    /// A log that keeps events in memory (for tests).
    pub fn memory() -> (Self, Arc<MemorySink>) {
        let sink = Arc::new(MemorySink::default());
        (Self::new(sink.clone()), sink)
    }

    /// A log that writes events to the operational log only.
    pub fn tracing() -> Self {
        Self::new(Arc::new(TracingSink))
    }

    pub fn emit(&self, event: Event) {
        self.alerts.offer(&event);
        self.sink.emit(event);
    }

    /// Installs the per-site settings (alerts) of a new config.
    pub fn reload(&self, config: &crate::settings::Config) {
        let sites: HashMap<_, _> = config
            .sites
            .iter()
            .map(|s| (s.name.clone(), s.alerts().clone()))
            .collect();
        self.alerts.configure(sites);
    }

    pub fn status(&self) -> Option<Status> {
        self.sink.status()
    }

    /// Whether the gateway must answer 503 now because the log cannot be written.
    pub(crate) fn refuse(&self) -> bool {
        self.sink.refuse()
    }

    pub fn flush(&self, timeout: Duration) -> bool {
        self.sink.flush(timeout)
    }

    /// The same log, also counting the events emitted through this handle into `count`
    /// (the cache keeps how many blocks a stored page stands for).
    pub(crate) fn counted(&self, count: Arc<std::sync::atomic::AtomicU64>) -> Self {
        let sink = Arc::new(CountingSink {
            inner: self.sink.clone(),
            count,
        });
        Self {
            sink,
            alerts: self.alerts.clone(),
            csp: self.csp.clone(),
        }
    }

    pub fn alert_stats(&self) -> Arc<alert::AlertStats> {
        self.alerts.stats.clone()
    }

    pub(crate) fn csp_intake(&self) -> &csp::Intake {
        &self.csp
    }
}

/// Passes events on and counts them.
#[derive(Debug)]
struct CountingSink {
    inner: Arc<dyn AuditSink>,
    count: Arc<std::sync::atomic::AtomicU64>,
}

impl AuditSink for CountingSink {
    fn emit(&self, event: Event) {
        self.count
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.inner.emit(event);
    }
    fn status(&self) -> Option<Status> {
        self.inner.status()
    }
    fn refuse(&self) -> bool {
        self.inner.refuse()
    }
    fn flush(&self, timeout: Duration) -> bool {
        self.inner.flush(timeout)
    }
}

/// Keeps events in memory; for tests.
#[derive(Debug, Default)]
pub struct MemorySink {
    events: Mutex<Vec<Event>>,
}

impl MemorySink {
    pub fn events(&self) -> Vec<Event> {
        self.events.lock().expect("memory sink poisoned").clone()
    }

    /// Takes the events kept so far (a nested rewriter's, passed on as it streams).
    pub fn take(&self) -> Vec<Event> {
        std::mem::take(&mut *self.events.lock().expect("memory sink poisoned"))
    }
}

impl AuditSink for MemorySink {
    fn emit(&self, event: Event) {
        self.events
            .lock()
            .expect("memory sink poisoned")
            .push(event);
    }
}

/// Sends events to `tracing` only.
#[derive(Debug)]
pub(crate) struct TracingSink;

impl AuditSink for TracingSink {
    fn emit(&self, e: Event) {
        tracing::warn!(
            target: "lachan::audit",
            site = %e.request.site, client_ip = %e.request.client_ip, request_id = %e.request.request_id,
            rule = %e.rule, action = e.action.as_str(), target = e.target.as_deref().unwrap_or(""),
            "audit event"
        );
    }
}

/// The production sink: a bounded channel to the chained writer thread.
#[derive(Debug)]
pub(crate) struct ChainSink {
    tx: SyncSender<Msg>,
    overflow: Arc<overflow::Overflow>,
    health: Arc<health::Health>,
}

impl AuditSink for ChainSink {
    fn emit(&self, event: Event) {
        match self.tx.try_send(Msg::Event(event)) {
            Ok(()) => {}
            Err(TrySendError::Full(Msg::Event(e)) | TrySendError::Disconnected(Msg::Event(e))) => {
                self.overflow.add(&e);
            }
            Err(_) => {}
        }
    }

    fn status(&self) -> Option<Status> {
        Some(self.health.status(self.overflow.total()))
    }

    fn refuse(&self) -> bool {
        self.health.refuse()
    }

    fn flush(&self, timeout: Duration) -> bool {
        let (reply, done) = std::sync::mpsc::sync_channel(1);
        let deadline = std::time::Instant::now() + timeout;
        let mut msg = Msg::Flush(reply);
        // A flush must not be lost to a full channel: retry until the deadline.
        loop {
            match self.tx.try_send(msg) {
                Ok(()) => break,
                Err(TrySendError::Full(m)) if std::time::Instant::now() < deadline => {
                    msg = m;
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(_) => return false,
            }
        }
        done.recv_timeout(deadline.saturating_duration_since(std::time::Instant::now()))
            .is_ok()
    }
}

/// Stage 2 hook: with `on_error = "fail_closed"`, a fixed 503 while the log cannot be
/// written, because nothing the gateway blocks could be recorded.
pub fn fail_closed(audit: &AuditLog) -> Option<http::Response<crate::body::GatewayBody>> {
    if !audit.refuse() {
        return None;
    }
    tracing::warn!("audit log not writable and on_error = \"fail_closed\": answering 503");
    Some(crate::pages::fixed_page(
        http::StatusCode::SERVICE_UNAVAILABLE,
    ))
}

/// Errors opening the audit log.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("audit log I/O on {path}: {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// Opens the chained audit log described by `config` and starts its writer thread.
pub fn open(config: &config::AuditConfig, metrics: Arc<Metrics>) -> Result<AuditLog, AuditError> {
    let health = Arc::new(health::Health::new(
        config.on_error == config::OnError::FailClosed,
    ));
    let overflow = Arc::new(overflow::Overflow::default());
    metrics.register(
        "audit_coalesced_events",
        "Audit events coalesced into summaries under overload",
        overflow.total.clone(),
    );
    let io = |source| AuditError::Io {
        path: config.dir.clone(),
        source,
    };
    let writer = writer::Writer::start(config.clone(), metrics, health.clone(), overflow.clone())
        .map_err(io)?;
    let (tx, rx) = std::sync::mpsc::sync_channel(config.queue);
    std::thread::Builder::new()
        .name("lachan-audit".into())
        .spawn(move || writer.run(rx))
        .map_err(io)?;
    Ok(AuditLog::new(Arc::new(ChainSink {
        tx,
        overflow,
        health,
    })))
}

//! Stage 7, audit: every block becomes an event appended to the tamper-evident log.
//!
//! Other stages hold an [`AuditLog`] handle and call [`AuditLog::emit`]; they never write
//! files themselves. The handle is cheap to clone.

pub mod config;
pub mod event;

use std::sync::{Arc, Mutex};

pub use event::{Action, Event, RequestInfo};

/// Where events go. The production sink is the chained writer; tests use [`MemorySink`].
pub trait AuditSink: Send + Sync + std::fmt::Debug {
    fn emit(&self, event: Event);
}

/// The handle that stages use to record events.
#[derive(Debug, Clone)]
pub struct AuditLog {
    sink: Arc<dyn AuditSink>,
}

impl AuditLog {
    pub fn new(sink: Arc<dyn AuditSink>) -> Self {
        Self { sink }
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
        self.sink.emit(event);
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
pub struct TracingSink;

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

/// Errors opening the audit log.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("audit log I/O on {path}: {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// Opens the audit log described by `config`.
///
/// STUB: until the chained writer lands, events go to the operational log.
pub fn open(
    _config: &config::AuditConfig,
    _metrics: Arc<crate::admin::metrics::Metrics>,
) -> Result<AuditLog, AuditError> {
    Ok(AuditLog::tracing())
}

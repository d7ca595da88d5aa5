//! The audit log's health (stage 7, audit), shown in `/healthz` and used by the
//! `on_error = "fail_closed"` policy.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use serde::Serialize;

/// Shared between the writer thread and everyone who asks.
#[derive(Debug)]
pub struct Health {
    writable: AtomicBool,
    errors: AtomicU64,
    last_error: Mutex<Option<String>>,
    fail_closed: bool,
}

/// What `/healthz` shows under `audit`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Status {
    /// `ok`, `failing` (writes fail now) or `memory`/`tracing` (no file log).
    pub state: &'static str,
    pub write_errors: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// Whether requests are refused while writes fail.
    pub fail_closed: bool,
    /// Events coalesced into summaries under overload, since start.
    pub coalesced: u64,
}

impl Health {
    pub fn new(fail_closed: bool) -> Self {
        Self {
            writable: AtomicBool::new(true),
            errors: AtomicU64::new(0),
            last_error: Mutex::new(None),
            fail_closed,
        }
    }

    pub fn ok(&self) {
        self.writable.store(true, Ordering::Release);
    }

    pub fn failed(&self, error: String) {
        self.errors.fetch_add(1, Ordering::Relaxed);
        *self.last_error.lock().expect("health poisoned") = Some(error);
        self.writable.store(false, Ordering::Release);
    }

    pub fn writable(&self) -> bool {
        self.writable.load(Ordering::Acquire)
    }

    /// Whether the gateway must refuse requests now.
    pub fn refuse(&self) -> bool {
        self.fail_closed && !self.writable()
    }

    pub fn status(&self, coalesced: u64) -> Status {
        Status {
            state: if self.writable() { "ok" } else { "failing" },
            write_errors: self.errors.load(Ordering::Relaxed),
            last_error: self.last_error.lock().expect("health poisoned").clone(),
            fail_closed: self.fail_closed,
            coalesced,
        }
    }
}

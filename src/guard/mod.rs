//! Stage 3, guard: access lists, bans, rate limits and request rules.
//!
//! STUB: owned by the guard work. The gateway core calls [`Guard::check`] once per request,
//! after the site is known and before anything is forwarded.

pub mod config;

use std::sync::Arc;
use std::time::Duration;

use http::StatusCode;
use http::request::Parts;

use crate::admin::metrics::Metrics;
use crate::audit::{AuditLog, RequestInfo};
use crate::config::{Config, Site};

/// A final refusal of a request; the rescue point turns it into a fixed page.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub status: StatusCode,
    /// The stable rule id, such as `rate.limit` or `probe.env`.
    pub rule: &'static str,
    pub retry_after: Option<Duration>,
}

/// The guard's state (limiters, bans): lives across config reloads.
#[derive(Debug)]
pub struct Guard {
    _audit: AuditLog,
    _metrics: Arc<Metrics>,
}

impl Guard {
    pub fn new(_config: &Config, audit: AuditLog, metrics: Arc<Metrics>) -> Self {
        Self {
            _audit: audit,
            _metrics: metrics,
        }
    }

    /// Called after a successful reload, with the new config.
    pub fn reload(&self, _config: &Config) {}

    /// Checks one request. A refusal has already been audited when this returns.
    pub fn check(
        &self,
        _config: &Config,
        _site: &Site,
        _parts: &Parts,
        _info: &RequestInfo,
    ) -> Result<(), Refusal> {
        Ok(())
    }
}

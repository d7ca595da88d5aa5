//! Prometheus metrics, counted along the request's way and served on `/metrics`.
//!
//! One [`Metrics`] value holds every family; stages get it through the shared state.

use std::sync::Mutex;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct RequestLabels {
    pub(crate) site: std::sync::Arc<str>,
    pub(crate) status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct SiteLabels {
    pub(crate) site: std::sync::Arc<str>,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct ResultLabels {
    pub(crate) result: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct RuleLabels {
    pub(crate) site: String,
    pub(crate) rule: String,
    pub(crate) action: &'static str,
}

type HistogramFamily<L> = Family<L, Histogram, fn() -> Histogram>;

fn latency_histogram() -> Histogram {
    // 1 ms .. ~32 s
    Histogram::new(exponential_buckets(0.001, 2.0, 16))
}

/// Every metric the gateway exports.
#[derive(Debug)]
pub struct Metrics {
    pub(crate) requests: Family<RequestLabels, Counter>,
    pub(crate) upstream_latency: HistogramFamily<SiteLabels>,
    pub(crate) open_connections: Gauge,
    pub(crate) config_reloads: Family<ResultLabels, Counter>,
    /// Audit events by site, rule and action (blocks, removals, refusals).
    pub(crate) events: Family<RuleLabels, Counter>,
    /// Keys held by the rate limiters.
    pub(crate) limiter_keys: Gauge,
    /// Audit log write failures.
    pub(crate) audit_write_errors: Counter,
    registry: Mutex<Registry>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let m = Metrics {
            requests: Family::default(),
            upstream_latency: Family::new_with_constructor(latency_histogram as fn() -> Histogram),
            open_connections: Gauge::default(),
            config_reloads: Family::default(),
            events: Family::default(),
            limiter_keys: Gauge::default(),
            audit_write_errors: Counter::default(),
            registry: Mutex::new(Registry::with_prefix("lachan")),
        };
        {
            let mut r = m.registry.lock().expect("registry");
            r.register(
                "requests",
                "Requests answered, by site and status",
                m.requests.clone(),
            );
            r.register(
                "upstream_latency_seconds",
                "Time to the upstream's response head",
                m.upstream_latency.clone(),
            );
            r.register(
                "open_connections",
                "Client connections open now",
                m.open_connections.clone(),
            );
            r.register(
                "config_reloads",
                "Config reloads, by result",
                m.config_reloads.clone(),
            );
            r.register(
                "events",
                "Audit events, by site, rule and action",
                m.events.clone(),
            );
            r.register(
                "limiter_keys",
                "Client keys held by the rate limiters",
                m.limiter_keys.clone(),
            );
            r.register(
                "audit_write_errors",
                "Failed writes to the audit log",
                m.audit_write_errors.clone(),
            );
        }
        m
    }

    /// Registers a further metric (used by modules that own their own families).
    pub(crate) fn register(
        &self,
        name: &str,
        help: &str,
        metric: impl prometheus_client::registry::Metric,
    ) {
        self.registry
            .lock()
            .expect("registry")
            .register(name, help, metric);
    }

    /// The text exposition format.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        let registry = self.registry.lock().expect("registry");
        prometheus_client::encoding::text::encode(&mut out, &registry)
            .expect("writing to a String");
        out
    }
}

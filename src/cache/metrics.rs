//! The cache's figures in `/metrics`: lookups by result, bytes and entries held, evictions,
//! and the audit events that hits stood for.

use std::sync::Arc;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;

use crate::metrics::{Metrics, SiteLabels};

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct LookupLabels {
    pub(crate) site: Arc<str>,
    /// `hit`, `miss`, `stale`, `revalidated`, `bypass`.
    pub(crate) result: &'static str,
}

#[derive(Debug, Default)]
pub(crate) struct CacheMetrics {
    pub(crate) lookups: Family<LookupLabels, Counter>,
    /// Audit events (blocks and removals) in pages served from the cache: they were
    /// written once, when the page was sanitized, and are not written again.
    pub(crate) hit_events: Family<SiteLabels, Counter>,
    pub(crate) bytes: Gauge,
    pub(crate) entries: Gauge,
    /// Entries pushed out to stay under `max_memory`.
    pub(crate) evictions: Counter,
    /// Fills given up: body over the per-entry cap, or cut by an error.
    pub(crate) abandoned: Counter,
}

impl CacheMetrics {
    pub(crate) fn register(metrics: &Metrics) -> Arc<Self> {
        let m = Arc::new(Self::default());
        metrics.register(
            "cache_lookups",
            "Cache lookups by site and result",
            m.lookups.clone(),
        );
        metrics.register(
            "cache_hit_events",
            "Audit events in pages served from the cache (written once, when sanitized)",
            m.hit_events.clone(),
        );
        metrics.register("cache_bytes", "Bytes held by the cache", m.bytes.clone());
        metrics.register(
            "cache_entries",
            "Pages held by the cache",
            m.entries.clone(),
        );
        metrics.register(
            "cache_evictions",
            "Pages evicted to stay under max_memory",
            m.evictions.clone(),
        );
        metrics.register(
            "cache_abandoned_fills",
            "Fills given up (body over the entry cap, or cut by an error)",
            m.abandoned.clone(),
        );
        m
    }

    pub(crate) fn count(&self, site: &Arc<str>, result: &'static str) {
        self.lookups
            .get_or_create(&LookupLabels {
                site: site.clone(),
                result,
            })
            .inc();
    }
}

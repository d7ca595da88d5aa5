//! The sanitized-response cache: sanitize once, serve many.
//!
//! Sits around stage 4: [`Cache::lookup`] runs after the guard (so refused requests never
//! reach it) and before forward; [`Ticket`] follows a miss through forward and, after
//! stages 5 and 6, tees the *sanitized* body into the store ([`tee`]). What is stored is
//! what the client got: the cleaned body in the coding the client asked for, and the head
//! after stage 5. A hit is a memory copy; it writes no audit events again (they were
//! written when the page was sanitized) but counts them in `lachan_cache_hit_events`.
//!
//! Rules (RFC 9111, through `http-cache-semantics` as a shared cache): only GET and HEAD
//! (a HEAD is answered from the GET entry), never a request with `Authorization`, cookies
//! (unless the site strips them) or a body, never a response with `Set-Cookie`,
//! `private`, `no-store` or `Vary: *`. Client `Cache-Control` request directives are
//! ignored, as nginx and Varnish do by default: honouring `no-cache` would let a flood
//! walk straight past the cache to the CMS.
//!
//! Keys hold the config generation, so a reload never serves pages cleaned under the old
//! rules; the gateway also empties the store on reload. See `docs/cache.md`.

pub(crate) mod config;
pub(crate) mod entry;
mod flight;
pub(crate) mod key;
mod metrics;
mod tee;
mod ticket;

use std::sync::Arc;
use std::time::{Duration, Instant};

use http::{Method, Response, request};

use self::entry::Entry;
use self::flight::{Flights, Role};
pub(crate) use self::key::{Conditionals, Key, Origin};
use self::metrics::CacheMetrics;
pub(crate) use self::ticket::Ticket;
use crate::body::GatewayBody;
use crate::metrics::{Metrics, SiteLabels};

/// How long a request waits for another one's fill of the same page before it goes to
/// the origin itself (nginx's `proxy_cache_lock_timeout` has the same default).
const FOLLOW_WAIT: Duration = Duration::from_secs(5);
/// The largest page stored, whatever `max_memory` allows.
const MAX_ENTRY: u64 = 16 * 1024 * 1024;
/// Vary on more headers than this and the page is not stored (each is compared on a hit).
const MAX_VARY: usize = 8;

/// The shared store. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Cache {
    store: moka::sync::Cache<Arc<Key>, Arc<Entry>>,
    flights: Arc<Flights>,
    metrics: Arc<CacheMetrics>,
    entry_cap: usize,
}

/// What the cache decided for one request.
#[derive(Debug)]
pub(crate) enum Lookup {
    /// Answered from the store.
    Hit(Response<GatewayBody>),
    /// Go to the origin; the ticket may store the answer.
    Forward(Box<Ticket>),
    /// The cache does not apply (site not enabled, method, credentials, …).
    Bypass,
}

struct KeepFor;

impl moka::Expiry<Arc<Key>, Arc<Entry>> for KeepFor {
    fn expire_after_create(&self, _: &Arc<Key>, e: &Arc<Entry>, _: Instant) -> Option<Duration> {
        Some(e.freshness.keep(!e.validators.is_empty()))
    }

    fn expire_after_update(
        &self,
        _: &Arc<Key>,
        e: &Arc<Entry>,
        _: Instant,
        _: Option<Duration>,
    ) -> Option<Duration> {
        Some(e.freshness.keep(!e.validators.is_empty()))
    }
}

impl Cache {
    pub(crate) fn new(config: &config::CacheConfig, metrics: &Metrics) -> Self {
        let m = CacheMetrics::register(metrics);
        let listener_metrics = m.clone();
        let store = moka::sync::Cache::builder()
            .max_capacity(config.max_memory)
            .weigher(|_: &Arc<Key>, e: &Arc<Entry>| e.weight)
            .expire_after(KeepFor)
            .eviction_listener(move |_, e: Arc<Entry>, cause| {
                listener_metrics.bytes.dec_by(i64::from(e.weight));
                listener_metrics.entries.dec();
                if cause == moka::notification::RemovalCause::Size {
                    listener_metrics.evictions.inc();
                }
            })
            .build();
        Self {
            store,
            flights: Arc::default(),
            metrics: m,
            entry_cap: usize::try_from((config.max_memory / 8).min(MAX_ENTRY)).unwrap_or(0),
        }
    }

    /// Empties the store (on reload, and `DELETE /cache`).
    pub(crate) fn clear(&self) {
        self.store.invalidate_all();
        self.store.run_pending_tasks();
    }

    /// Requests waiting now for another request's fill of the same page.
    pub fn waiting(&self) -> usize {
        self.flights
            .waiting
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Empties the store; returns how many pages it held.
    pub(crate) fn clear_counted(&self) -> usize {
        self.store.run_pending_tasks();
        let n = usize::try_from(self.store.entry_count()).unwrap_or(usize::MAX);
        self.clear();
        n
    }

    /// Removes the pages of `site` (all sites if `None`) whose target starts with
    /// `prefix`; returns how many.
    pub(crate) fn purge(&self, site: Option<&str>, prefix: &str) -> usize {
        let doomed: Vec<Arc<Key>> = self
            .store
            .iter()
            .filter(|(k, _)| site.is_none_or(|s| &*k.site == s) && k.target.starts_with(prefix))
            .map(|(k, _)| Arc::clone(&*k))
            .collect();
        for k in &doomed {
            self.store.invalidate(k);
        }
        self.store.run_pending_tasks();
        doomed.len()
    }

    /// Looks the request up; on a miss, may wait (bounded) for another request's fill of
    /// the same page. Cleans the request head of what the key does not hold.
    pub(crate) async fn lookup(&self, at: Origin<'_>, parts: &mut request::Parts) -> Lookup {
        let enabled = at.site.cache().enabled;
        let Some((key, cond)) = key::admit(at, parts) else {
            if enabled {
                self.metrics.count(&at.site.label, "bypass");
            }
            return Lookup::Bypass;
        };
        let key = Arc::new(key);
        let head_only = parts.method == Method::HEAD;
        let mut waited = false;
        loop {
            let entry = self
                .store
                .get(&key)
                .filter(|e| e.vary_matches(&parts.headers));
            if let Some(e) = &entry {
                let fresh = e.freshness.is_fresh();
                // stale-while-revalidate: another request is refreshing it right now.
                if fresh || (e.freshness.may_serve_stale() && self.flights.active(&key)) {
                    let how = if fresh { "HIT" } else { "STALE" };
                    return Lookup::Hit(self.serve(e, &at.site.label, head_only, how, &cond));
                }
            }
            let flight = match (head_only, self.flights.join(&key)) {
                (true, _) => None,
                (false, Role::Leader(f)) => Some(f),
                (false, Role::Follower(rx)) if !waited => {
                    self.flights.wait(rx, FOLLOW_WAIT).await;
                    waited = true;
                    continue;
                }
                (false, Role::Follower(_)) => None,
            };
            let ticket = Ticket::new(self.clone(), at, key, parts, entry, flight, cond);
            return Lookup::Forward(Box::new(ticket));
        }
    }

    fn serve(
        &self,
        e: &Entry,
        site: &Arc<str>,
        head_only: bool,
        how: &'static str,
        cond: &Conditionals,
    ) -> Response<GatewayBody> {
        self.metrics
            .count(site, if how == "HIT" { "hit" } else { "stale" });
        if e.events > 0 {
            let labels = SiteLabels { site: site.clone() };
            self.metrics
                .hit_events
                .get_or_create(&labels)
                .inc_by(e.events);
        }
        e.respond(head_only, how, cond)
    }

    fn insert(&self, key: Arc<Key>, entry: Entry) {
        self.metrics.bytes.inc_by(i64::from(entry.weight));
        self.metrics.entries.inc();
        self.store.insert(key, Arc::new(entry));
    }
}

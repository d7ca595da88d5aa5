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

pub mod config;
pub mod entry;
mod flight;
pub mod key;
mod metrics;
mod tee;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::{Method, Request, Response, StatusCode, request};
use http_cache_semantics::{AfterResponse, CacheOptions, CachePolicy};

use self::entry::{Entry, Freshness, X_CACHE};
use self::flight::{Flight, Flights, Role};
pub use self::key::{Conditionals, Key, Origin};
use self::metrics::CacheMetrics;
use crate::admin::metrics::{Metrics, SiteLabels};
use crate::proxy::body::{GatewayBody, boxed};

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
pub enum Lookup {
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
    pub fn new(config: &config::CacheConfig, metrics: &Metrics) -> Self {
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
    pub fn clear(&self) {
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
    pub fn clear_counted(&self) -> usize {
        self.store.run_pending_tasks();
        let n = usize::try_from(self.store.entry_count()).unwrap_or(usize::MAX);
        self.clear();
        n
    }

    /// Removes the pages of `site` (all sites if `None`) whose target starts with
    /// `prefix`; returns how many.
    pub fn purge(&self, site: Option<&str>, prefix: &str) -> usize {
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
    pub async fn lookup(&self, at: Origin<'_>, parts: &mut request::Parts) -> Lookup {
        let enabled = at.site.cache.enabled;
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

/// What a fill needs to build its entry from the origin's head.
#[derive(Debug)]
struct Plan {
    policy: CachePolicy,
    status: StatusCode,
    vary: Vec<(HeaderName, Option<HeaderValue>)>,
    validators: Vec<(HeaderName, HeaderValue)>,
    freshness: Freshness,
}

/// A request on its way to the origin that the cache follows.
#[derive(Debug)]
pub struct Ticket {
    cache: Cache,
    key: Arc<Key>,
    site: Arc<str>,
    max_stale: Duration,
    /// The request head as forwarded (method, target, headers), for the policy.
    request: request::Parts,
    /// A stored page that is stale: revalidated, or served if the origin fails.
    stale: Option<Arc<Entry>>,
    head_only: bool,
    cond: Conditionals,
    flight: Option<Flight>,
    events: Arc<AtomicU64>,
    plan: Option<Plan>,
}

impl Ticket {
    fn new(
        cache: Cache,
        at: Origin<'_>,
        key: Arc<Key>,
        parts: &mut request::Parts,
        stale: Option<Arc<Entry>>,
        flight: Option<Flight>,
        cond: Conditionals,
    ) -> Self {
        if let Some(e) = &stale {
            for (name, value) in &e.validators {
                parts.headers.insert(name, value.clone());
            }
        }
        let mut request = Request::new(()).into_parts().0;
        request.method = parts.method.clone();
        request.uri = parts.uri.clone();
        request.headers = parts.headers.clone();
        Self {
            cache,
            key,
            site: at.site.label.clone(),
            max_stale: at.site.cache.max_stale,
            request,
            head_only: parts.method == Method::HEAD,
            stale,
            cond,
            flight,
            events: Arc::default(),
            plan: None,
        }
    }

    /// The audit log for stages 5 and 6 of this response: the same log, counting events.
    pub fn audit(&self, audit: &crate::audit::AuditLog) -> crate::audit::AuditLog {
        audit.counted(self.events.clone())
    }

    /// The origin failed (unreachable, timed out): the last clean page if still allowed.
    pub fn serve_stale(&self) -> Option<Response<GatewayBody>> {
        let e = self.stale.as_ref()?;
        e.freshness.may_serve_stale().then(|| {
            tracing::warn!(site = %self.site, target = %self.key.target, "origin failing: serving a stale page");
            self.cache.serve(e, &self.site, self.head_only, "STALE", &self.cond)
        })
    }

    /// Reads the origin's head (before stage 5). Answers itself on a `304` to our
    /// revalidation and, with a stale page at hand, on a 5xx.
    pub fn on_origin<B>(&mut self, resp: &Response<B>) -> Option<Response<GatewayBody>> {
        if resp.status().is_server_error() {
            return self.serve_stale();
        }
        if resp.status() == StatusCode::NOT_MODIFIED {
            return self.revalidated(resp);
        }
        self.plan = self.plan_for(resp);
        None
    }

    fn plan_for<B>(&self, resp: &Response<B>) -> Option<Plan> {
        let now = SystemTime::now();
        let policy = CachePolicy::new_options(&self.request, resp, now, CacheOptions::default());
        let h = resp.headers();
        let vary = vary_values(h, &self.request.headers)?;
        let storable = policy.is_storable() && !h.contains_key(header::SET_COOKIE);
        storable.then(|| Plan {
            freshness: Freshness::new(&policy, h, self.max_stale),
            policy,
            status: resp.status(),
            vary,
            validators: entry::validators(h),
        })
    }

    /// A `304`: the stored page is still good; store it again with its new freshness.
    fn revalidated<B>(&mut self, resp: &Response<B>) -> Option<Response<GatewayBody>> {
        let old = self.stale.take()?;
        let now = SystemTime::now();
        let AfterResponse::NotModified(policy, _) =
            old.policy.after_response(&old.request, resp, now)
        else {
            return None;
        };
        let mut freshness = Freshness::new(&policy, resp.headers(), self.max_stale);
        freshness.max_stale = freshness.max_stale.min(old.freshness.max_stale);
        let entry = Arc::new(Entry {
            status: old.status,
            headers: old.headers.clone(),
            body: old.body.clone(),
            policy,
            request: clone_parts(&old.request),
            vary: old.vary.clone(),
            validators: old.validators.clone(),
            freshness,
            events: old.events,
            weight: old.weight,
        });
        self.cache.metrics.count(&self.site, "revalidated");
        self.cache.metrics.bytes.inc_by(i64::from(entry.weight));
        self.cache.metrics.entries.inc();
        self.cache.store.insert(self.key.clone(), entry.clone());
        Some(entry.respond(self.head_only, "REVALIDATED", &self.cond))
    }

    /// After stages 5 and 6: tees the body into the store if the page may be stored.
    pub fn store(mut self, mut resp: Response<GatewayBody>) -> Response<GatewayBody> {
        self.cache.metrics.count(&self.site, "miss");
        resp.headers_mut()
            .insert(X_CACHE, HeaderValue::from_static("MISS"));
        let Some(plan) = self.plan.take() else {
            return resp;
        };
        let same = resp.status() == plan.status && !resp.headers().contains_key(header::SET_COOKIE);
        if self.head_only || !same {
            return resp;
        }
        let (parts, body) = resp.into_parts();
        let mut headers = parts.headers.clone();
        for name in [header::CONTENT_LENGTH, header::AGE, X_CACHE] {
            headers.remove(name);
        }
        let pending = Pending {
            cache: self.cache.clone(),
            key: self.key.clone(),
            headers,
            plan,
            request: clone_parts(&self.request),
            events: self.events.clone(),
            _flight: self.flight.take(),
        };
        Response::from_parts(parts, boxed(tee::TeeBody::new(body, pending)))
    }
}

/// The values of the headers the response varies on; `None` if it cannot be stored.
fn vary_values(
    resp: &HeaderMap,
    req: &HeaderMap,
) -> Option<Vec<(HeaderName, Option<HeaderValue>)>> {
    let mut out = Vec::new();
    for v in resp.get_all(header::VARY) {
        for name in v
            .to_str()
            .ok()?
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            let name = HeaderName::from_bytes(name.as_bytes()).ok()?;
            out.push((name.clone(), req.get(&name).cloned()));
        }
    }
    (out.len() <= MAX_VARY).then_some(out)
}

fn clone_parts(p: &request::Parts) -> request::Parts {
    let mut out = Request::new(()).into_parts().0;
    out.method = p.method.clone();
    out.uri = p.uri.clone();
    out.headers = p.headers.clone();
    out
}

/// A fill in progress: everything but the body.
#[derive(Debug)]
pub struct Pending {
    cache: Cache,
    key: Arc<Key>,
    headers: HeaderMap,
    plan: Plan,
    request: request::Parts,
    events: Arc<AtomicU64>,
    _flight: Option<Flight>,
}

impl Pending {
    fn cap(&self) -> usize {
        self.cache.entry_cap
    }

    fn abandon(self) {
        self.cache.metrics.abandoned.inc();
    }

    fn finish(self, body: Bytes) {
        let header_bytes: usize = self
            .headers
            .iter()
            .map(|(k, v)| k.as_str().len() + v.len() + 8)
            .sum();
        let weight = body.len() + header_bytes + self.key.target.len() + 512;
        let entry = Entry {
            status: self.plan.status,
            headers: self.headers,
            body,
            policy: self.plan.policy,
            request: self.request,
            vary: self.plan.vary,
            validators: self.plan.validators,
            freshness: self.plan.freshness,
            events: self.events.load(Ordering::Relaxed),
            weight: u32::try_from(weight).unwrap_or(u32::MAX),
        };
        self.cache.insert(self.key, entry);
    }
}

//! A miss on its way through stages 4 to 6: reads the origin's head (revalidation,
//! stale-if-error), then wraps the sanitized body in the fill ([`super::tee`]).
//!
//! May touch the forwarded request head (its validators) and the client response head
//! (`X-Cache`); never the body bytes.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::{Method, Request, Response, StatusCode, request};
use http_cache_semantics::{AfterResponse, CacheOptions, CachePolicy};

use super::entry::{self, Entry, Freshness, X_CACHE};
use super::flight::Flight;
use super::key::{Conditionals, Key, Origin};
use super::{Cache, MAX_VARY, tee};
use crate::body::{GatewayBody, boxed};

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
pub(crate) struct Ticket {
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
    pub(super) fn new(
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
            max_stale: at.site.cache().max_stale,
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
    pub(crate) fn audit(&self, audit: &crate::audit::AuditLog) -> crate::audit::AuditLog {
        audit.counted(self.events.clone())
    }

    /// The origin failed (unreachable, timed out): the last clean page if still allowed.
    pub(crate) fn serve_stale(&self) -> Option<Response<GatewayBody>> {
        let e = self.stale.as_ref()?;
        e.freshness.may_serve_stale().then(|| {
            tracing::warn!(site = %self.site, target = %self.key.target, "origin failing: serving a stale page");
            self.cache.serve(e, &self.site, self.head_only, "STALE", &self.cond)
        })
    }

    /// Reads the origin's head (before stage 5). Answers itself on a `304` to our
    /// revalidation and, with a stale page at hand, on a 5xx.
    pub(crate) fn on_origin<B>(&mut self, resp: &Response<B>) -> Option<Response<GatewayBody>> {
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
    pub(crate) fn store(mut self, mut resp: Response<GatewayBody>) -> Response<GatewayBody> {
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
pub(crate) struct Pending {
    cache: Cache,
    key: Arc<Key>,
    headers: HeaderMap,
    plan: Plan,
    request: request::Parts,
    events: Arc<AtomicU64>,
    _flight: Option<Flight>,
}

impl Pending {
    pub(super) fn cap(&self) -> usize {
        self.cache.entry_cap
    }

    pub(super) fn abandon(self) {
        self.cache.metrics.abandoned.inc();
    }

    pub(super) fn finish(self, body: Bytes) {
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

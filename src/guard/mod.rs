//! Stage 3, guard: framing checks, bans, access lists, protected paths, rate limits and
//! request rules, in that order. A refusal here is final and audited.
//!
//! Order matters: malformed framing is refused first (nothing else can be trusted about
//! such a request); bans next (cheapest way to shed a known attacker); then access lists;
//! then rate limits, before the regex rules, so that a flood costs us as little as
//! possible.
//!
//! Security notes:
//! * The client IP is the one the identify stage resolved (`X-Forwarded-For` only from
//!   `server.trusted_proxies`). Limits and bans key IPv6 clients by /64.
//! * Clients in a global or site `allow` list are never rate-limited or banned; request
//!   rules still apply to them.
//! * Bans and limiter state live here, not in the config, so they survive a reload.
//! * A site in `report` mode only logs (`reported`); framing problems and active bans are
//!   refused whatever the mode.

mod admin;
pub(crate) mod bans;
pub(crate) mod config;
pub(crate) mod custom;
pub(crate) mod framing;
pub(crate) mod key_store;
pub mod limits;
pub(crate) mod normalize;
pub(crate) mod rules;
pub mod shared;
pub(crate) mod smuggling;
pub(crate) mod upload;
mod verdict;

use std::net::IpAddr;
use std::sync::{Arc, OnceLock, RwLock, Weak};
use std::time::Duration;

use governor::clock::{Clock, DefaultClock, Reference};
use http::StatusCode;
use http::request::Parts;
use ipnet::IpNet;

use crate::audit::{AuditLog, RequestInfo};
use crate::body::{BoxError, GatewayBody, boxed};
use crate::client_ip::client_key;
use crate::metrics::Metrics;
use crate::settings::{Config, Site};
use bans::Bans;
use config::BanPolicy;
use limits::{Limiters, RateRule};
use normalize::Target;
use shared::{Fallback, Link, Shared, SharedVerdict};
use verdict::Finding;

/// How often stale limiter keys and bans are dropped.
const HOUSEKEEPING_EVERY: Duration = Duration::from_secs(30);

/// A final refusal of a request; the rescue point turns it into a fixed page.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub(crate) status: StatusCode,
    /// The stable rule id, such as `rate.limit` or `probe.env` (`custom` for custom rules,
    /// whose full id is in the audit event).
    pub(crate) rule: &'static str,
    pub(crate) retry_after: Option<Duration>,
}

/// The guard's state (limiters, bans): lives across config reloads.
pub struct Guard<C: Clock = DefaultClock> {
    inner: Arc<Inner<C>>,
}

struct Inner<C: Clock> {
    audit: AuditLog,
    metrics: Arc<Metrics>,
    clock: C,
    start: C::Instant,
    limiters: Limiters<C>,
    bans: Bans,
    policy: RwLock<BanPolicy>,
    /// The cluster, when `[cluster]` is configured (attached once, after start).
    shared: OnceLock<Arc<dyn Shared>>,
    /// The limits at a share of their rate, while the cluster is unreachable.
    fallback: Fallback<C>,
}

impl<C: Clock + Clone + Send + Sync + 'static> std::fmt::Debug for Guard<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Guard")
            .field("limiters", &self.inner.limiters)
            .field("bans", &self.inner.bans)
            .finish()
    }
}

impl Guard<DefaultClock> {
    /// The production guard. Inside a tokio runtime it also starts its housekeeping timer,
    /// which stops when the guard is dropped.
    pub fn new(config: &Config, audit: AuditLog, metrics: Arc<Metrics>) -> Self {
        let guard = Self::with_clock(config, audit, metrics, DefaultClock::default());
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(housekeeping_loop(Arc::downgrade(&guard.inner)));
        }
        guard
    }
}

async fn housekeeping_loop(inner: Weak<Inner<DefaultClock>>) {
    let mut tick = tokio::time::interval(HOUSEKEEPING_EVERY);
    tick.tick().await;
    loop {
        tick.tick().await;
        match inner.upgrade() {
            Some(inner) => Guard { inner }.housekeeping(),
            None => return,
        }
    }
}

impl<C: Clock + Clone + Send + Sync + 'static> Guard<C> {
    /// A guard on `clock` (tests pass governor's `FakeRelativeClock`). No timer is started:
    /// call [`Guard::housekeeping`].
    pub(crate) fn with_clock(
        config: &Config,
        audit: AuditLog,
        metrics: Arc<Metrics>,
        clock: C,
    ) -> Self {
        let inner = Inner {
            audit,
            metrics,
            start: clock.now(),
            limiters: Limiters::new(clock.clone()),
            fallback: Fallback::new(clock.clone()),
            shared: OnceLock::new(),
            clock,
            bans: Bans::default(),
            policy: RwLock::new(config.guard().ban.clone()),
        };
        let guard = Self {
            inner: Arc::new(inner),
        };
        guard.reload(config);
        guard
    }

    /// Called after a successful reload, with the new config. Bans and the state of
    /// unchanged limits are kept.
    pub(crate) fn reload(&self, config: &Config) {
        let site_rules = config.sites.iter().flat_map(|s| {
            let g = s.guard();
            g.limit.iter().chain(g.limits.iter().map(|(_, r)| r))
        });
        let rules = config.guard().limit.iter().chain(site_rules);
        self.inner.limiters.install(rules.clone());
        self.inner.fallback.configure(rules);
        *self.inner.policy.write().expect("policy poisoned") = config.guard().ban.clone();
    }

    /// Checks one request against the local state only (bans, local limits, rules). A
    /// refusal has already been audited when this returns.
    pub fn check(
        &self,
        config: &Config,
        site: &Site,
        parts: &Parts,
        info: &RequestInfo,
    ) -> Result<(), Refusal> {
        self.check_local(config, site, parts, info, &mut Vec::new())
    }

    /// [`Guard::check`], then, in a cluster, the shared budget of every limit that the
    /// local check let through (one Redis call, bounded by `cluster.timeout`).
    pub async fn check_all(
        &self,
        config: &Config,
        site: &Site,
        parts: &Parts,
        info: &RequestInfo,
    ) -> Result<(), Refusal> {
        let mut pending = Vec::new();
        self.check_local(config, site, parts, info, &mut pending)?;
        let Some(shared) = self.inner.shared.get().filter(|_| !pending.is_empty()) else {
            return Ok(());
        };
        let key = client_key(info.client_ip);
        let found = match shared.check(&pending, key).await {
            SharedVerdict::Allowed => None,
            SharedVerdict::Refused(i, wait) => pending.get(i).map(|r| limited(r, wait)),
            SharedVerdict::Unavailable => self.fallback(&pending, key, shared.link()),
        };
        let v = verdict::Verdicts::new(&self.inner.audit, site, info);
        match found {
            None => Ok(()),
            Some(f) => v.decide(f, || self.strike(&v, key, false)),
        }
    }

    fn check_local<'c>(
        &self,
        config: &'c Config,
        site: &'c Site,
        parts: &Parts,
        info: &RequestInfo,
        pending: &mut Vec<&'c RateRule>,
    ) -> Result<(), Refusal> {
        let ip = info.client_ip;
        let v = verdict::Verdicts::new(&self.inner.audit, site, info);
        let raw = parts.extensions.get::<framing::Framing>().and_then(|f| f.0);
        if let Some(rule) = raw.or_else(|| smuggling::check(&parts.headers)) {
            return Err(v.refuse_always(Finding::new(rule, StatusCode::BAD_REQUEST)));
        }
        let trusted = listed(&config.guard().allow, ip) || listed(&site.guard().allow, ip);
        let key = client_key(ip);
        if !trusted && let Some(left) = self.inner.bans.active(key, self.now()) {
            let finding = Finding::new("ban.active", StatusCode::FORBIDDEN).retry_after(left);
            return Err(v.refuse_always(finding));
        }
        let target = Target::new(parts.uri.path(), parts.uri.query());
        let found = access(config, site, &target, ip, trusted)
            .or_else(|| {
                (!trusted)
                    .then(|| self.rate(config, site, &target, key, pending))
                    .flatten()
            })
            .or_else(|| verdict::request_rules(&v, site, parts, &target));
        match found {
            None => Ok(()),
            Some(f) => v.decide(f, || self.strike(&v, key, trusted)),
        }
    }

    /// The local limits; in a cluster, the rules that pass go into `pending` for the shared
    /// budget, or, while the cluster is down, through the fallback share.
    fn rate<'c>(
        &self,
        config: &'c Config,
        site: &'c Site,
        t: &Target,
        key: IpAddr,
        pending: &mut Vec<&'c RateRule>,
    ) -> Option<Finding> {
        let g = &site.guard();
        let path_rule = g
            .limits
            .iter()
            .find(|(p, _)| t.has_prefix(p))
            .map(|(_, r)| r);
        let rules = config.guard().limit.iter().chain(&g.limit).chain(path_rule);
        for rule in rules {
            if let Err(wait) = self.inner.limiters.check(rule, key) {
                return Some(limited(rule, wait));
            }
            pending.push(rule);
        }
        match self.inner.shared.get().map(|s| s.link()) {
            None => {
                pending.clear();
                None
            }
            Some(Link::Up) => None,
            Some(down) => self.fallback(&std::mem::take(pending), key, down),
        }
    }

    /// The local share of each rule while the cluster cannot be asked.
    fn fallback(&self, rules: &[&RateRule], key: IpAddr, link: Link) -> Option<Finding> {
        let n = match link {
            Link::Up => 1,
            Link::Down(n) => n,
        };
        rules.iter().find_map(|rule| {
            let wait = self.inner.fallback.check(rule, key, n).err()?;
            Some(limited(rule, wait))
        })
    }

    /// Counts a refusal towards a ban; audits the ban if one starts.
    fn strike(&self, v: &verdict::Verdicts<'_>, key: IpAddr, trusted: bool) {
        if trusted {
            return;
        }
        let policy = self.inner.policy.read().expect("policy poisoned").clone();
        if let Some(ban) = self.inner.bans.strike(key, self.now(), &policy) {
            v.banned(key, ban);
            if let Some(shared) = self.inner.shared.get() {
                shared.banned(key, ban.length, ban.offence);
            }
        }
    }

    /// Time since the guard started, on its clock.
    fn now(&self) -> Duration {
        self.inner
            .clock
            .now()
            .duration_since(self.inner.start)
            .into()
    }

    /// Wraps a request body so that multipart uploads of executable files are refused as
    /// they stream (rule `upload.multipart_exec`). Other bodies pass unwrapped.
    pub(crate) fn inspect_body<B>(
        &self,
        site: &Arc<Site>,
        parts: &Parts,
        info: &RequestInfo,
        body: B,
    ) -> GatewayBody
    where
        B: http_body::Body<Data = bytes::Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        const ID: &str = "upload.multipart_exec";
        let sw = &site.guard().rules;
        if !upload::is_multipart(&parts.headers) || sw.disabled(ID, "upload") {
            return boxed(body);
        }
        let audit = self.inner.audit.clone();
        let (site, info, log_only) = (site.clone(), info.clone(), sw.logs(ID, "upload"));
        let on_hit: upload::OnHit = Arc::new(move |name: &str| {
            let v = verdict::Verdicts::new(&audit, &site, &info);
            let f = Finding::new(ID, StatusCode::FORBIDDEN).detail(format!("filename {name:?}"));
            if log_only {
                v.logged(&f);
                return false;
            }
            v.decide(f, || ()).is_err()
        });
        boxed(upload::Inspect::new(body, on_hit))
    }

    /// Drops stale limiter keys and bans; exports the key count.
    pub(crate) fn housekeeping(&self) {
        let keys = self.inner.limiters.housekeeping() + self.inner.fallback.housekeeping();
        let policy = self.inner.policy.read().expect("policy poisoned").clone();
        self.inner.bans.housekeeping(self.now(), &policy);
        self.inner
            .metrics
            .limiter_keys
            .set(i64::try_from(keys).unwrap_or(i64::MAX));
    }
}

impl Guard<DefaultClock> {
    /// Attaches the cluster (once; a second call is ignored).
    pub fn attach(&self, shared: Arc<dyn Shared>) {
        let _ = self.inner.shared.set(shared);
    }

    /// The ban table, for the cluster to keep in step.
    pub fn board(&self) -> shared::BanBoard {
        shared::BanBoard {
            inner: Arc::downgrade(&self.inner),
        }
    }
}

fn limited(rule: &RateRule, wait: Duration) -> Finding {
    let f = Finding::new("rate.limit", StatusCode::TOO_MANY_REQUESTS);
    f.retry_after(wait).detail(format!("limit {}", rule.id))
}

fn listed(list: &[IpNet], ip: IpAddr) -> bool {
    list.iter().any(|n| n.contains(&ip))
}

/// Deny lists and protected paths.
fn access(config: &Config, site: &Site, t: &Target, ip: IpAddr, trusted: bool) -> Option<Finding> {
    let g = &site.guard();
    if !trusted && (listed(&config.guard().deny, ip) || listed(&g.deny, ip)) {
        return Some(Finding::new("acl.deny", StatusCode::FORBIDDEN));
    }
    let p = g.protected.as_ref()?;
    let hit = p.paths.iter().find(|path| t.has_prefix(path))?;
    (!listed(&p.allow, ip)).then(|| Finding::new("acl.protected", p.status).detail(hit.clone()))
}

#[cfg(test)]
mod tests;

//! Stage 3, guard: the hook through which bans and limits are shared with other instances
//! (`[cluster]`, implemented by [`crate::cluster`]), and the local fallback used while the
//! shared store cannot be reached.
//!
//! The guard only knows the [`Shared`] trait, so that it stays below the cluster code in
//! the layering. The hot checks stay in memory: bans are a local copy that the cluster
//! keeps in step, and a rate limit is checked locally first; only a request that the local
//! limiter lets through asks the shared budget ([`Shared::check`]).
//!
//! Security note: never fail open. While the shared store is unreachable, every limit is
//! enforced by [`Fallback`] at `rate / n` (and `burst / n`), `n` being the last known
//! number of live instances, on top of the local check at the full rate.

use std::fmt;
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Mutex, Weak};
use std::time::Duration;

use governor::clock::{Clock, DefaultClock, Reference};

use super::limits::{Limiters, Rate, RateRule};

/// What the shared budget said about one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharedVerdict {
    Allowed,
    /// The rule at this index of the list passed in is spent; wait this long.
    Refused(usize, Duration),
    /// The store did not answer in time: the caller applies the local fallback.
    Unavailable,
}

/// The shared store's state, as the request path sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Up,
    /// Unreachable; the last known number of live instances (at least 1).
    Down(u32),
}

pub(crate) type SharedFuture<'a> = Pin<Box<dyn Future<Output = SharedVerdict> + Send + 'a>>;

/// What the guard needs from a cluster. Every method returns at once except `check`,
/// which is bounded by the cluster's `timeout`.
pub trait Shared: Send + Sync + fmt::Debug {
    /// A ban taken here (escalation): tell the other instances.
    fn banned(&self, key: IpAddr, length: Duration, offences: u32);
    /// A ban lifted here (admin API): lift it everywhere.
    fn lifted(&self, key: IpAddr);
    fn link(&self) -> Link;
    /// Counts one request by `key` against every rule in `rules` in the shared budget.
    fn check<'a>(&'a self, rules: &'a [&'a RateRule], key: IpAddr) -> SharedFuture<'a>;
    /// For `/healthz`.
    fn status(&self) -> serde_json::Value;
}

/// The limits at `rate / n`, used while the shared store is down.
pub(crate) struct Fallback<C: Clock> {
    limiters: Limiters<C>,
    /// The rules of the installed config and the divisor they were installed with.
    rules: Mutex<(Vec<RateRule>, u32)>,
}

impl<C: Clock + Clone + Send + Sync + 'static> Fallback<C> {
    pub(crate) fn new(clock: C) -> Self {
        Self {
            limiters: Limiters::new(clock),
            rules: Mutex::new((Vec::new(), 0)),
        }
    }

    /// Remembers the rules of a new config (installed on the next check while down).
    pub(crate) fn configure<'a>(&self, rules: impl Iterator<Item = &'a RateRule>) {
        let mut held = self.rules.lock().expect("fallback poisoned");
        *held = (rules.cloned().collect(), 0);
    }

    /// Counts one request against `rule` at its share for `n` instances.
    pub(crate) fn check(&self, rule: &RateRule, key: IpAddr, n: u32) -> Result<(), Duration> {
        self.install_for(n.max(1));
        self.limiters.check(rule, key)
    }

    fn install_for(&self, n: u32) {
        let mut held = self.rules.lock().expect("fallback poisoned");
        if held.1 == n {
            return;
        }
        let divided: Vec<RateRule> = held.0.iter().map(|r| share(r, n)).collect();
        self.limiters.install(divided.iter());
        held.1 = n;
    }

    pub(crate) fn housekeeping(&self) -> usize {
        self.limiters.housekeeping()
    }
}

/// `rule` at `1/n` of its rate and burst (the burst at least 1).
pub(crate) fn share(rule: &RateRule, n: u32) -> RateRule {
    let rate = Rate::per(rule.rate.count(), rule.rate.window() * n);
    RateRule::new(rule.id.clone(), rate, (rule.burst.get() / n).max(1))
}

/// The ban table as the cluster sees it: impose, lift and list, on the guard's clock.
/// Holds the guard weakly, so a cluster task never keeps a stopped gateway alive.
#[derive(Clone)]
pub struct BanBoard {
    pub(super) inner: Weak<super::Inner<DefaultClock>>,
}

impl fmt::Debug for BanBoard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BanBoard")
    }
}

impl BanBoard {
    fn with<T>(&self, f: impl FnOnce(&super::Inner<DefaultClock>, Duration) -> T) -> Option<T> {
        let inner = self.inner.upgrade()?;
        let now = inner.clock.now().duration_since(inner.start).into();
        Some(f(&inner, now))
    }

    /// Whether the guard still exists.
    pub(crate) fn alive(&self) -> bool {
        self.inner.strong_count() > 0
    }

    /// The guard's clock (time since it started).
    pub(crate) fn now(&self) -> Option<Duration> {
        self.with(|_, now| now)
    }

    /// Bans `key` for `remaining` from now (a ban another instance took).
    pub(crate) fn impose(&self, key: IpAddr, remaining: Duration, offences: u32) {
        self.with(|i, now| i.bans.impose(key, now, now + remaining, offences));
    }

    pub(crate) fn lift(&self, key: IpAddr) {
        self.with(|i, _| i.bans.lift(key));
    }

    /// Lifts bans older than `before` that `present` does not name (see `Bans::keep_only`).
    pub(crate) fn keep_only(&self, present: &dyn Fn(IpAddr) -> bool, before: Duration) -> usize {
        self.with(|i, _| i.bans.keep_only(present, before))
            .unwrap_or(0)
    }

    /// Active bans: key, time left, offences.
    pub(crate) fn active(&self) -> Vec<(IpAddr, Duration, u32)> {
        self.with(|i, now| {
            let list = i.bans.active_until(now);
            list.into_iter()
                .map(|(ip, u, o)| (ip, u - now, o))
                .collect()
        })
        .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use governor::clock::FakeRelativeClock;

    #[test]
    fn the_fallback_enforces_a_share_of_the_limit() {
        let rule = RateRule::new("t".into(), "10/s".parse().unwrap(), 10);
        let fb = Fallback::new(FakeRelativeClock::default());
        fb.configure([&rule].into_iter());
        let ip = IpAddr::from([192, 0, 2, 1]);
        let passed = (0..20).filter(|_| fb.check(&rule, ip, 2).is_ok()).count();
        assert_eq!(passed, 5, "burst 10 shared by 2 instances");
        let s = share(&rule, 4);
        assert_eq!(
            (s.rate.window(), s.burst.get()),
            (Duration::from_secs(4), 2)
        );
    }
}

//! Stage 3, guard: what the admin API and `/healthz` ask of it — the ban list, taking
//! and lifting a ban by hand (propagated to the cluster like an escalation ban), and the
//! cluster's state. The request path never comes here.

use std::net::IpAddr;
use std::time::Duration;

use governor::clock::Clock;

use super::Guard;
use super::bans::BanView;
use super::shared::Link;
use crate::audit::RequestInfo;
use crate::client_ip::client_key;

/// A ban taken through the admin API: the key banned (the /64 for IPv6) and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NewAdminBan {
    pub(crate) client: IpAddr,
    pub(crate) remaining: Duration,
}

impl<C: Clock + Clone + Send + Sync + 'static> Guard<C> {
    /// Active bans, for `GET /bans`.
    pub(crate) fn bans(&self) -> Vec<BanView> {
        self.inner.bans.list(self.now())
    }

    /// Lifts the ban on `ip` (its /64 for IPv6), for `DELETE /bans/{ip}`; in a cluster,
    /// on every instance. Whether this instance held it.
    pub(crate) fn lift(&self, ip: IpAddr) -> bool {
        let key = client_key(ip);
        if let Some(shared) = self.inner.shared.get() {
            shared.lifted(key);
        }
        self.inner.bans.lift(key)
    }

    /// Bans `ip` (its /64 for IPv6) for `ttl`, or the ban policy's first `duration`, for
    /// `POST /bans/{ip}`; in a cluster, on every instance, like an escalation ban. A longer
    /// ban already in force stays. Audited as `ban.start` (`detail` names the admin API).
    pub(crate) fn ban(&self, ip: IpAddr, ttl: Option<Duration>) -> NewAdminBan {
        let key = client_key(ip);
        let length =
            ttl.unwrap_or_else(|| self.inner.policy.read().expect("policy poisoned").duration);
        let now = self.now();
        self.inner.bans.impose(key, now, now + length, 1);
        let remaining = self.inner.bans.active(key, now).unwrap_or(length);
        if let Some(shared) = self.inner.shared.get() {
            shared.banned(key, remaining, 1);
        }
        let info = RequestInfo {
            site: "-".into(),
            client_ip: ip,
            request_id: "admin".into(),
            method: "POST".into(),
            url: format!("/bans/{ip}").into(),
        };
        let detail = format!(
            "client {key} banned for {}s through the admin API",
            remaining.as_secs()
        );
        let event = crate::audit::Event::new(&info, "ban.start", crate::audit::Action::Banned)
            .target(key.to_string())
            .detail(detail);
        self.inner.audit.emit(event);
        NewAdminBan {
            client: key,
            remaining,
        }
    }

    /// The cluster's state for `/healthz`: `None` without `[cluster]`; `Some((up, detail))`.
    pub fn cluster_status(&self) -> Option<(bool, serde_json::Value)> {
        let shared = self.inner.shared.get()?;
        Some((shared.link() == Link::Up, shared.status()))
    }
}

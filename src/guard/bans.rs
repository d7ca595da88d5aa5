//! Stage 3, guard: fail2ban-like bans with escalation.
//!
//! A client key that collects `after` refusals within `window` is banned for `duration`;
//! each further offence doubles the ban, up to `max`. The table lives in the [`Guard`]
//! (not in the config), so bans survive a reload. Time is passed in as "time since the
//! guard started", so tests drive it with a fake clock.
//!
//! Memory note: an entry is kept only while it has recent strikes, an active ban or an
//! offence younger than `forget`; [`Bans::housekeeping`] drops the rest.
//!
//! [`Guard`]: super::Guard

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;

use super::config::BanPolicy;

#[derive(Debug, Default)]
struct Record {
    strikes: VecDeque<Duration>,
    offences: u32,
    last_offence: Duration,
    until: Option<Duration>,
    /// When the current ban started here (taken or received), for a cluster resync.
    since: Duration,
}

/// A ban as listed on `GET /bans`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct BanView {
    pub(crate) client: IpAddr,
    pub(crate) remaining_secs: u64,
    pub(crate) offences: u32,
}

/// A ban that has just started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NewBan {
    pub(crate) length: Duration,
    pub(crate) offence: u32,
}

/// The ban table.
#[derive(Debug, Default)]
pub(crate) struct Bans {
    table: Mutex<HashMap<IpAddr, Record>>,
}

impl Bans {
    /// Whether `key` is banned at `now`; if so, for how much longer.
    pub(crate) fn active(&self, key: IpAddr, now: Duration) -> Option<Duration> {
        let table = self.table.lock().expect("bans poisoned");
        let until = table.get(&key)?.until?;
        (until > now).then(|| until - now)
    }

    /// Records one refusal of `key`; returns the ban it earned, if any.
    pub(crate) fn strike(&self, key: IpAddr, now: Duration, policy: &BanPolicy) -> Option<NewBan> {
        if !policy.enabled {
            return None;
        }
        let mut table = self.table.lock().expect("bans poisoned");
        let rec = table.entry(key).or_default();
        if rec.until.is_some_and(|u| u > now) {
            return None;
        }
        while rec
            .strikes
            .front()
            .is_some_and(|t| now.saturating_sub(*t) >= policy.window)
        {
            rec.strikes.pop_front();
        }
        rec.strikes.push_back(now);
        if rec.strikes.len() < policy.after as usize {
            return None;
        }
        rec.strikes.clear();
        if rec.offences > 0 && now.saturating_sub(rec.last_offence) >= policy.forget {
            rec.offences = 0;
        }
        rec.offences += 1;
        rec.last_offence = now;
        let length = ban_length(policy, rec.offences);
        rec.until = Some(now + length);
        rec.since = now;
        Some(NewBan {
            length,
            offence: rec.offences,
        })
    }

    /// Lifts the ban on `key` and forgets its history. Whether there was one.
    pub(crate) fn lift(&self, key: IpAddr) -> bool {
        let mut table = self.table.lock().expect("bans poisoned");
        table.remove(&key).is_some_and(|r| r.until.is_some())
    }

    /// Puts a ban taken elsewhere (another instance, through the cluster) on `key` until
    /// `until`, unless a longer one is already in force here.
    pub(crate) fn impose(&self, key: IpAddr, now: Duration, until: Duration, offences: u32) {
        let mut table = self.table.lock().expect("bans poisoned");
        let rec = table.entry(key).or_default();
        if rec.until.is_some_and(|u| u >= until) {
            return;
        }
        rec.until = Some(until);
        rec.since = now;
        rec.offences = rec.offences.max(offences);
        rec.last_offence = now;
    }

    /// After a cluster resync: lifts every ban that began before `before` and is not in
    /// `present` (it was lifted or expired elsewhere while this instance was cut off).
    /// Returns how many were lifted.
    pub(crate) fn keep_only(&self, present: &dyn Fn(IpAddr) -> bool, before: Duration) -> usize {
        let mut table = self.table.lock().expect("bans poisoned");
        let mut lifted = 0;
        for (ip, rec) in table.iter_mut() {
            if rec.until.is_some() && rec.since < before && !present(*ip) {
                rec.until = None;
                lifted += 1;
            }
        }
        lifted
    }

    /// Active bans with their end, for pushing to the cluster.
    pub(crate) fn active_until(&self, now: Duration) -> Vec<(IpAddr, Duration, u32)> {
        let table = self.table.lock().expect("bans poisoned");
        table
            .iter()
            .filter_map(|(ip, r)| Some((*ip, r.until.filter(|u| *u > now)?, r.offences)))
            .collect()
    }

    /// Active bans, longest remaining first.
    pub(crate) fn list(&self, now: Duration) -> Vec<BanView> {
        let table = self.table.lock().expect("bans poisoned");
        let mut out: Vec<BanView> = table
            .iter()
            .filter_map(|(ip, r)| {
                let until = r.until.filter(|u| *u > now)?;
                Some(BanView {
                    client: *ip,
                    remaining_secs: (until - now).as_secs().max(1),
                    offences: r.offences,
                })
            })
            .collect();
        out.sort_by_key(|b| std::cmp::Reverse(b.remaining_secs));
        out
    }

    /// Drops entries that no longer matter; returns how many are left.
    pub(crate) fn housekeeping(&self, now: Duration, policy: &BanPolicy) -> usize {
        let mut table = self.table.lock().expect("bans poisoned");
        table.retain(|_, r| {
            let recent_strike = r
                .strikes
                .back()
                .is_some_and(|t| now.saturating_sub(*t) < policy.window);
            let banned = r.until.is_some_and(|u| u > now);
            let remembered = r.offences > 0 && now.saturating_sub(r.last_offence) < policy.forget;
            recent_strike || banned || remembered
        });
        table.shrink_to_fit();
        table.len()
    }
}

/// `duration * 2^(offence-1)`, capped at `max`.
fn ban_length(policy: &BanPolicy, offence: u32) -> Duration {
    let factor = 1u32
        .checked_shl(offence.saturating_sub(1))
        .unwrap_or(u32::MAX);
    policy
        .duration
        .checked_mul(factor)
        .unwrap_or(policy.max)
        .min(policy.max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> BanPolicy {
        BanPolicy {
            enabled: true,
            after: 3,
            window: Duration::from_secs(10),
            duration: Duration::from_secs(60),
            max: Duration::from_secs(200),
            forget: Duration::from_secs(1000),
        }
    }

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    const IP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 7));

    /// Strikes `after` times at `at` and returns the ban that earned.
    fn offend(bans: &Bans, at: u64) -> Option<NewBan> {
        let p = policy();
        (0..p.after)
            .filter_map(|_| bans.strike(IP, secs(at), &p))
            .last()
    }

    #[test]
    fn strikes_outside_the_window_do_not_add_up() {
        let bans = Bans::default();
        let p = policy();
        for t in [0, 6, 12, 18, 24] {
            assert_eq!(bans.strike(IP, secs(t), &p), None);
        }
        assert_eq!(bans.active(IP, secs(24)), None);
    }

    #[test]
    fn bans_double_on_repeat_up_to_the_cap() {
        let bans = Bans::default();
        let ban = offend(&bans, 0).unwrap();
        assert_eq!((ban.length, ban.offence), (secs(60), 1));
        assert_eq!(bans.active(IP, secs(59)), Some(secs(1)));
        assert_eq!(bans.active(IP, secs(60)), None);
        assert_eq!(offend(&bans, 100).unwrap().length, secs(120));
        assert_eq!(offend(&bans, 300).unwrap().length, secs(200), "capped");
        assert_eq!(bans.list(secs(300))[0].offences, 3);
    }

    #[test]
    fn offences_are_forgotten_and_bans_lifted() {
        let bans = Bans::default();
        offend(&bans, 0).unwrap();
        assert_eq!(offend(&bans, 2000).unwrap().length, secs(60), "forgotten");
        assert!(bans.lift(IP));
        assert_eq!(bans.active(IP, secs(2001)), None);
        assert!(!bans.lift(IP));
    }

    #[test]
    fn imposed_bans_hold_and_a_resync_lifts_the_missing_ones() {
        let bans = Bans::default();
        let other = IpAddr::from([10, 0, 0, 2]);
        bans.impose(IP, secs(0), secs(50), 2);
        bans.impose(IP, secs(1), secs(20), 1);
        assert_eq!(bans.active(IP, secs(10)), Some(secs(40)), "longer ban kept");
        bans.impose(other, secs(5), secs(30), 1);
        assert_eq!(
            bans.keep_only(&|ip| ip == IP, secs(3)),
            0,
            "newer than resync"
        );
        assert_eq!(bans.keep_only(&|ip| ip == IP, secs(6)), 1);
        assert_eq!(bans.active(other, secs(7)), None);
        assert_eq!(bans.active_until(secs(7)), vec![(IP, secs(50), 2)]);
    }

    #[test]
    fn housekeeping_keeps_only_what_matters() {
        let bans = Bans::default();
        let p = policy();
        bans.strike(IpAddr::from([10, 0, 0, 1]), secs(0), &p);
        offend(&bans, 0).unwrap();
        assert_eq!(bans.housekeeping(secs(5), &p), 2);
        assert_eq!(bans.housekeeping(secs(100), &p), 1, "offence remembered");
        assert_eq!(bans.housekeeping(secs(5000), &p), 0);
    }
}

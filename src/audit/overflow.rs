//! Coalescing under overload (stage 7, audit): when the writer's channel is full, events
//! are counted here instead of queued, and the writer turns the counts into
//! `audit.summary` lines ("N further rate.limit events from 203.0.113.9 …").
//!
//! Security note: the map is bounded. Past [`MAX_KEYS`] distinct keys, events are counted
//! under a key without the client address, so a flood from many addresses still costs
//! constant memory and is still counted: nothing is dropped without a trace.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;
use std::sync::Mutex;

use prometheus_client::metrics::counter::Counter;

use super::event::{Action, Event, RequestInfo};

pub(crate) const MAX_KEYS: usize = 1024;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    site: Arc<str>,
    rule: String,
    action: Action,
    client_ip: Option<IpAddr>,
}

/// Events counted instead of queued, waiting for the writer to summarize them.
#[derive(Debug, Default)]
pub(crate) struct Overflow {
    counts: Mutex<HashMap<Key, u64>>,
    /// Total events ever coalesced (exported as `lachan_audit_coalesced_events`).
    pub(crate) total: Counter,
}

impl Overflow {
    pub(crate) fn add(&self, e: &Event) {
        let mut map = self.counts.lock().expect("overflow map poisoned");
        let mut key = Key {
            site: e.request.site.clone(),
            rule: e.rule.to_string(),
            action: e.action,
            client_ip: Some(e.request.client_ip),
        };
        if map.len() >= MAX_KEYS && !map.contains_key(&key) {
            key.client_ip = None;
        }
        *map.entry(key).or_default() += 1;
        self.total.inc();
    }

    pub(crate) fn total(&self) -> u64 {
        self.total.get()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.counts
            .lock()
            .expect("overflow map poisoned")
            .is_empty()
    }

    /// Takes every count and returns one summary event (and its count) per key.
    pub(crate) fn drain(&self, window: &str) -> Vec<(Event, u64)> {
        let map = std::mem::take(&mut *self.counts.lock().expect("overflow map poisoned"));
        map.into_iter()
            .map(|(k, n)| (summary(k, n, window), n))
            .collect()
    }
}

fn summary(k: Key, n: u64, window: &str) -> Event {
    let from = k
        .client_ip
        .map_or_else(|| "many clients".to_string(), |ip| ip.to_string());
    let req = RequestInfo {
        site: k.site,
        client_ip: k.client_ip.unwrap_or(IpAddr::from([0, 0, 0, 0])),
        request_id: "-".into(),
        method: "-".into(),
        url: "-".into(),
    };
    Event::new(&req, "audit.summary", k.action)
        .target(k.rule.clone())
        .detail(format!(
            "{n} further {} events from {from} in the last {window} (coalesced under load)",
            k.rule
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(ip: [u8; 4]) -> Event {
        let req = RequestInfo {
            site: "s".into(),
            client_ip: IpAddr::from(ip),
            request_id: "r".into(),
            method: "GET".into(),
            url: "/".into(),
        };
        Event::new(&req, "rate.limit", Action::Blocked)
    }

    #[test]
    fn counts_per_client_and_caps_keys() {
        let o = Overflow::default();
        for _ in 0..3 {
            o.add(&ev([203, 0, 113, 9]));
        }
        for i in 0..(MAX_KEYS as u32 + 10) {
            o.add(&ev(i.to_be_bytes()));
        }
        assert_eq!(o.total(), 3 + MAX_KEYS as u64 + 10);
        let out = o.drain("1s");
        assert!(out.len() <= MAX_KEYS + 1);
        assert_eq!(out.iter().map(|(_, n)| n).sum::<u64>(), o.total());
        let nine = out
            .iter()
            .find(|(e, _)| e.request.client_ip == IpAddr::from([203, 0, 113, 9]))
            .unwrap();
        assert_eq!(nine.1, 3);
        assert!(
            nine.0
                .detail
                .as_deref()
                .unwrap()
                .starts_with("3 further rate.limit events from 203.0.113.9")
        );
        assert!(o.is_empty());
    }
}

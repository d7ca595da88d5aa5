//! Connection caps: in total and per client IP, checked as each TCP connection arrives.
//!
//! IPv6 clients are counted by /64, since one host usually owns a whole /64 and could
//! otherwise dodge the cap by rotating addresses.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

pub(crate) use crate::client_ip::client_key;

/// Counts open connections.
#[derive(Debug, Default)]
pub(crate) struct ConnLimiter {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    total: usize,
    per_ip: HashMap<IpAddr, usize>,
}

/// Why a connection was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refused {
    Total,
    PerIp,
}

/// Held for the life of a connection; frees its slot when dropped.
#[derive(Debug)]
pub(crate) struct ConnPermit {
    limiter: Arc<ConnLimiter>,
    key: IpAddr,
}

impl ConnLimiter {
    /// Takes a slot for a connection from `ip`, if both caps allow.
    pub(crate) fn try_acquire(
        self: &Arc<Self>,
        ip: IpAddr,
        max_total: usize,
        max_per_ip: usize,
    ) -> Result<ConnPermit, Refused> {
        let key = client_key(ip);
        let mut st = self.state.lock().expect("conn limiter poisoned");
        if st.total >= max_total {
            return Err(Refused::Total);
        }
        let n = st.per_ip.entry(key).or_insert(0);
        if *n >= max_per_ip {
            return Err(Refused::PerIp);
        }
        *n += 1;
        st.total += 1;
        Ok(ConnPermit {
            limiter: self.clone(),
            key,
        })
    }
}

impl Drop for ConnPermit {
    fn drop(&mut self) {
        let mut st = self.limiter.state.lock().expect("conn limiter poisoned");
        st.total -= 1;
        if let Some(n) = st.per_ip.get_mut(&self.key) {
            *n -= 1;
            if *n == 0 {
                st.per_ip.remove(&self.key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_ip_cap_and_release() {
        let l = Arc::new(ConnLimiter::default());
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let a = l.try_acquire(ip, 10, 2).unwrap();
        let _b = l.try_acquire(ip, 10, 2).unwrap();
        assert_eq!(l.try_acquire(ip, 10, 2).unwrap_err(), Refused::PerIp);
        let _other = l.try_acquire("192.0.2.2".parse().unwrap(), 10, 2).unwrap();
        drop(a);
        assert!(l.try_acquire(ip, 10, 2).is_ok());
    }

    #[test]
    fn total_cap() {
        let l = Arc::new(ConnLimiter::default());
        let _a = l.try_acquire("192.0.2.1".parse().unwrap(), 1, 5).unwrap();
        assert_eq!(
            l.try_acquire("192.0.2.2".parse().unwrap(), 1, 5)
                .unwrap_err(),
            Refused::Total
        );
    }

    #[test]
    fn ipv6_counted_by_slash_64() {
        let l = Arc::new(ConnLimiter::default());
        let _a = l
            .try_acquire("2001:db8::1".parse().unwrap(), 10, 1)
            .unwrap();
        assert_eq!(
            l.try_acquire("2001:db8::2".parse().unwrap(), 10, 1)
                .unwrap_err(),
            Refused::PerIp
        );
        assert!(
            l.try_acquire("2001:db8:0:1::1".parse().unwrap(), 10, 1)
                .is_ok()
        );
    }
}

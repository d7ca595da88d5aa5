//! The state table on its own, driven through governor with a fake clock.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::FakeRelativeClock;
use governor::middleware::NoOpMiddleware;
use governor::{Quota, RateLimiter};

use super::{ClientKey, KeyStore};

type Limiter =
    RateLimiter<ClientKey, KeyStore, FakeRelativeClock, NoOpMiddleware<governor::nanos::Nanos>>;

/// One request per second, no burst: a second request from a key is refused until a
/// second has passed, which tells whether the table found that key's state.
fn one_per_second(clock: &FakeRelativeClock) -> Limiter {
    let quota = Quota::per_second(NonZeroU32::MIN);
    RateLimiter::new(quota, KeyStore::default(), clock.clone())
}

fn key(s: &str) -> ClientKey {
    ClientKey::from(s.parse::<IpAddr>().unwrap())
}

#[test]
fn keys_pack_ipv4_whole_and_ipv6_by_prefix() {
    assert_eq!(key("192.0.2.7"), ClientKey::V4(0xc000_0207));
    assert_eq!(
        key("::ffff:192.0.2.7"),
        key("192.0.2.7"),
        "mapped counts as IPv4"
    );
    assert_eq!(
        key("2001:db8:1:2::1"),
        key("2001:db8:1:2:ffff::9"),
        "same /64"
    );
    assert_eq!(key("2001:db8:1:2::1"), ClientKey::V6(0x2001_0db8_0001_0002));
    assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
}

#[test]
fn families_never_share_a_state() {
    let clock = FakeRelativeClock::default();
    let limiter = one_per_second(&clock);
    // The same bits in both families: packing must not merge the two clients.
    let (v4, v6) = (ClientKey::V4(0xc000_0207), ClientKey::V6(0xc000_0207));
    assert!(limiter.check_key(&v4).is_ok());
    assert!(
        limiter.check_key(&v6).is_ok(),
        "an IPv6 client is not the IPv4 one"
    );
    assert!(limiter.check_key(&v4).is_err());
    assert!(limiter.check_key(&v6).is_err());
    assert_eq!(limiter.len(), 2);
}

#[test]
fn many_keys_keep_their_state_through_growth_and_shrinking() {
    let clock = FakeRelativeClock::default();
    let limiter = one_per_second(&clock);
    let keys: Vec<ClientKey> = (0..20_000u32)
        .map(|n| {
            if n % 2 == 0 {
                ClientKey::V4(n)
            } else {
                ClientKey::V6(u64::from(n) << 40)
            }
        })
        .collect();
    for k in &keys {
        assert!(limiter.check_key(k).is_ok(), "{k:?} is new");
    }
    assert_eq!(limiter.len(), keys.len());
    limiter.shrink_to_fit();
    for k in &keys {
        assert!(limiter.check_key(k).is_err(), "{k:?} was found again");
    }
    assert_eq!(limiter.len(), keys.len());
}

#[test]
fn housekeeping_drops_only_keys_that_look_fresh() {
    let clock = FakeRelativeClock::default();
    let limiter = one_per_second(&clock);
    for n in 0..100 {
        limiter.check_key(&ClientKey::V4(n)).unwrap();
    }
    // governor drops a state one emission interval (here 1 s) after it drained.
    clock.advance(Duration::from_millis(1500));
    limiter.check_key(&ClientKey::V6(7)).unwrap();
    clock.advance(Duration::from_millis(700));
    limiter.retain_recent();
    limiter.shrink_to_fit();
    assert_eq!(limiter.len(), 1, "only the key used 0.7 s ago is kept");
    assert!(limiter.check_key(&ClientKey::V6(7)).is_err());
    assert!(limiter.check_key(&ClientKey::V4(0)).is_ok());
    clock.advance(Duration::from_secs(5));
    limiter.retain_recent();
    assert!(limiter.is_empty());
}

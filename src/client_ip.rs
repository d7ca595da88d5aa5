//! Client addresses as the gateway counts them (a shared leaf: the connection caps in
//! `server`, the guard's limits and bans, and `proxy::identify` all use it).
//!
//! IPv6 clients are keyed by /64, since one host usually owns a whole /64 and could
//! otherwise dodge a cap or a ban by rotating addresses.

use std::net::{IpAddr, Ipv6Addr};

/// IPv4-mapped IPv6 addresses are treated as the IPv4 address they carry.
pub(crate) fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The key a client is counted under: the IPv4 address, or the IPv6 /64.
pub(crate) fn client_key(ip: IpAddr) -> IpAddr {
    match canonical(ip) {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

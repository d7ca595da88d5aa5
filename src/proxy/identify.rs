//! Stage 2, identify: request id, the real client IP, and the site by Host.
//!
//! Security note: `X-Forwarded-For` and `Forwarded` are attacker-controlled unless the
//! peer is a configured trusted proxy. We walk the chain right to left and stop at the
//! first address that is not a trusted proxy: that is the client. An attacker can prepend
//! any addresses they like, but cannot forge what our own proxies appended.

use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};

use http::HeaderMap;

pub(crate) use crate::client_ip::canonical;
use ipnet::IpNet;
use std::sync::Arc;

use http::{Request, header};
use hyper::body::Incoming;

use super::rescue::GatewayError;
use super::{ConnInfo, Live};
use crate::audit::RequestInfo;
use crate::settings::{Site, normalize_host};

/// A request id: a per-process random prefix and a counter. Unique, cheap, sortable.
pub(crate) fn request_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    static PREFIX: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    let prefix = PREFIX.get_or_init(|| {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        (t.as_nanos() as u32) ^ std::process::id().rotate_left(16)
    });
    // Written digit by digit: `format!` cost about 700 instructions here, on every request.
    let mut id = String::with_capacity(17);
    push_hex(&mut id, u64::from(*prefix));
    id.push('-');
    push_hex(&mut id, COUNTER.fetch_add(1, Ordering::Relaxed));
    id
}

/// `{:08x}`: lower-case hex, at least eight digits.
fn push_hex(out: &mut String, v: u64) {
    let digits = (u64::BITS - v.leading_zeros()).div_ceil(4).max(8);
    for shift in (0..digits).rev().map(|d| d * 4) {
        out.push(char::from_digit(((v >> shift) & 0xf) as u32, 16).unwrap_or('0'));
    }
}

/// The client IP for a request that arrived from `peer`.
pub(crate) fn client_ip(peer: SocketAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let peer_ip = canonical(peer.ip());
    if !is_trusted(peer_ip, trusted) {
        return peer_ip;
    }
    let chain = forwarded_chain(headers);
    let mut client = peer_ip;
    for hop in chain.iter().rev() {
        client = *hop;
        if !is_trusted(*hop, trusted) {
            break;
        }
    }
    client
}

fn is_trusted(ip: IpAddr, trusted: &[IpNet]) -> bool {
    trusted.iter().any(|n| n.contains(&ip))
}

/// Addresses from `Forwarded: for=` if present, else from `X-Forwarded-For`, in order.
/// An unparsable element ends the chain there (everything left of it is untrusted anyway).
fn forwarded_chain(headers: &HeaderMap) -> Vec<IpAddr> {
    let forwarded: Vec<&str> = headers
        .get_all(http::header::FORWARDED)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let items: Vec<String> = if forwarded.is_empty() {
        headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|s| s.trim().to_string())
            .collect()
    } else {
        forwarded
            .iter()
            .flat_map(|v| v.split(','))
            .filter_map(forwarded_for)
            .collect()
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items.iter().rev() {
        match parse_node(item) {
            Some(ip) => out.push(canonical(ip)),
            None => break,
        }
    }
    out.reverse();
    out
}

/// The `for=` parameter of one `Forwarded` element.
fn forwarded_for(element: &str) -> Option<String> {
    element.split(';').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("for")
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

/// `1.2.3.4`, `1.2.3.4:80`, `[2001:db8::1]:80` or `2001:db8::1`.
fn parse_node(s: &str) -> Option<IpAddr> {
    if let Ok(ip) = s.parse() {
        return Some(ip);
    }
    if let Ok(sa) = s.parse::<SocketAddr>() {
        return Some(sa.ip());
    }
    s.strip_prefix('[')?.split(']').next()?.parse().ok()
}

/// The site for this request, and the host name the client used.
pub(crate) fn identify_site(
    live: &Live,
    conn: &ConnInfo,
    req: &Request<Incoming>,
) -> Result<(Arc<Site>, String), GatewayError> {
    let host = request_host(req).ok_or(GatewayError::BadRequest("missing or invalid Host"))?;
    let normalized = normalize_host(&host);
    let site = live
        .config
        .site_for_normalized(&normalized)
        .ok_or_else(|| GatewayError::UnknownHost(host.to_string()))?;
    if let Some(sni) = &conn.sni {
        let same_site = live
            .config
            .site_for_host(sni)
            .is_some_and(|s| Arc::ptr_eq(s, site));
        if !same_site {
            return Err(GatewayError::Misdirected {
                sni: sni.clone(),
                host: host.to_string(),
            });
        }
    }
    Ok((site.clone(), normalized.into_owned()))
}

/// The Host: from the absolute-form URI or `:authority`, else from the single Host header.
fn request_host(req: &Request<Incoming>) -> Option<String> {
    let mut hosts = req.headers().get_all(header::HOST).iter();
    let header_host = hosts.next().and_then(|h| h.to_str().ok());
    if hosts.next().is_some() {
        return None;
    }
    let host = match (req.uri().authority(), header_host) {
        (Some(a), Some(h)) if normalize_host(a.host()) != normalize_host(h) => return None,
        (Some(a), _) => a.as_str(),
        (None, Some(h)) => h,
        (None, None) => return None,
    };
    let valid = !host.is_empty() && host.parse::<http::uri::Authority>().is_ok();
    valid.then(|| host.to_string())
}

pub(crate) fn request_info(
    live: &Live,
    conn: &ConnInfo,
    req: &Request<Incoming>,
    site: &Site,
    request_id: &str,
) -> RequestInfo {
    let client_ip = client_ip(
        conn.peer,
        req.headers(),
        &live.config.server.trusted_proxies,
    );
    RequestInfo {
        site: site.label.clone(),
        client_ip,
        request_id: request_id.into(),
        method: req.method().as_str().into(),
        url: req
            .uri()
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_digits_match_format() {
        for v in [0, 1, 0xabc, 0xffff_ffff, 0x1_0000_0000, u64::MAX] {
            let mut s = String::new();
            push_hex(&mut s, v);
            assert_eq!(s, format!("{v:08x}"));
        }
        let (a, b) = (request_id(), request_id());
        assert_eq!(a.len(), 17);
        assert_ne!(a, b);
    }

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        h
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn untrusted_peer_cannot_spoof() {
        let h = headers(&[("x-forwarded-for", "1.1.1.1")]);
        let ip = client_ip(
            "203.0.113.9:5000".parse().unwrap(),
            &h,
            &nets(&["10.0.0.0/8"]),
        );
        assert_eq!(ip, "203.0.113.9".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn trusted_chain_is_walked_right_to_left() {
        let h = headers(&[("x-forwarded-for", "6.6.6.6, 198.51.100.7, 10.0.0.2")]);
        let ip = client_ip("10.0.0.1:5000".parse().unwrap(), &h, &nets(&["10.0.0.0/8"]));
        assert_eq!(ip, "198.51.100.7".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn forwarded_header_is_understood() {
        let h = headers(&[(
            "forwarded",
            "for=\"[2001:db8::7]:443\";proto=https, for=10.0.0.3",
        )]);
        let ip = client_ip("10.0.0.1:5000".parse().unwrap(), &h, &nets(&["10.0.0.0/8"]));
        assert_eq!(ip, "2001:db8::7".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn garbage_stops_the_walk() {
        let h = headers(&[("x-forwarded-for", "7.7.7.7, garbage, 10.0.0.5")]);
        let ip = client_ip("10.0.0.1:5000".parse().unwrap(), &h, &nets(&["10.0.0.0/8"]));
        // 10.0.0.5 is trusted, "garbage" ends the chain: the last trusted hop is used.
        assert_eq!(ip, "10.0.0.5".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn request_ids_are_unique() {
        assert_ne!(request_id(), request_id());
    }
}

//! Stage 4, forward: turns the client's request head into the upstream's, and the
//! upstream's response head back into the client's.
//!
//! Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are removed in both
//! directions, together with every header that `Connection` names. An upgrade keeps its
//! `Connection: upgrade` and `Upgrade` headers, since the gateway passes it through.

use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::uri::{PathAndQuery, Uri};
use http::{Version, request};

use crate::settings::Upstream;

/// Headers that are always hop-by-hop (header names are stored lower-case).
fn is_hop_by_hop(name: &str) -> bool {
    matches!(
        name,
        "connection"
            | "te"
            | "trailer"
            | "transfer-encoding"
            | "upgrade"
            | "proxy-authorization"
            | "proxy-authenticate"
            | "keep-alive"
            | "proxy-connection"
    )
}

/// The protocol that an upgrade request asks for, if it is one.
pub(crate) fn upgrade_protocol(headers: &HeaderMap) -> Option<HeaderValue> {
    let asks = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim().eq_ignore_ascii_case("upgrade"));
    asks.then(|| headers.get(header::UPGRADE).cloned())
        .flatten()
}

/// Removes hop-by-hop headers and those named in `Connection`.
///
/// One pass over the names that are present, instead of a lookup for every name that might
/// be: most heads carry none or only `Connection` itself, and this runs twice per request.
pub(crate) fn strip_hop_by_hop(headers: &mut HeaderMap) {
    let doomed: Vec<HeaderName> = {
        let named: Vec<&str> = headers
            .get_all(header::CONNECTION)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        headers
            .keys()
            .filter(|k| {
                let k = k.as_str();
                is_hop_by_hop(k) || named.iter().any(|t| t.eq_ignore_ascii_case(k))
            })
            .cloned()
            .collect()
    };
    for name in doomed {
        headers.remove(name);
    }
}

/// What the forwarding headers say about the client's side.
#[derive(Debug)]
pub(crate) struct ClientSide<'a> {
    /// The address of the TCP peer (a client, or one of our trusted proxies), as text.
    pub(crate) peer_ip: &'a HeaderValue,
    /// Whether `peer_ip` is a trusted proxy, whose `X-Forwarded-For` we keep.
    pub(crate) peer_trusted: bool,
    pub(crate) host: &'a str,
    pub(crate) tls: bool,
    pub(crate) version: Version,
}

/// Rewrites a client request head to go to `upstream`.
pub(crate) fn request_head(
    parts: &mut request::Parts,
    upstream: &Upstream,
    client: &ClientSide<'_>,
) {
    let upgrade = upgrade_protocol(&parts.headers);
    strip_hop_by_hop(&mut parts.headers);
    if let Some(proto) = upgrade {
        parts
            .headers
            .insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
        parts.headers.insert(header::UPGRADE, proto);
    }
    let path = parts
        .uri
        .path_and_query()
        .cloned()
        .unwrap_or_else(|| PathAndQuery::from_static("/"));
    // Origin-form: the pool has already chosen the upstream by site.
    parts.uri = Uri::from(path);
    // The upstream sees the public Host: CMSes build their absolute links from it.
    let host = HeaderValue::from_str(client.host).ok();
    let upstream_host = || HeaderValue::from_str(upstream.authority.as_str()).ok();
    if let Some(host) = host.clone().or_else(upstream_host) {
        parts.headers.insert(header::HOST, host);
    }
    append_forwarded(&mut parts.headers, client, host);
    // Always talk HTTP/1.1 to the upstream unless it is reached over h2 by the client pool.
    parts.version = Version::HTTP_11;
}

fn append_forwarded(headers: &mut HeaderMap, client: &ClientSide<'_>, host: Option<HeaderValue>) {
    // An untrusted peer's X-Forwarded-For is dropped, so the upstream cannot be fooled.
    let prev = headers.get(X_FORWARDED_FOR).and_then(|v| v.to_str().ok());
    match prev {
        Some(prev) if client.peer_trusted && !prev.trim().is_empty() => {
            let ip = client.peer_ip.to_str().unwrap_or_default();
            set(headers, X_FORWARDED_FOR, format!("{prev}, {ip}"));
        }
        _ => drop(headers.insert(X_FORWARDED_FOR, client.peer_ip.clone())),
    }
    headers.remove(header::FORWARDED);
    let proto = if client.tls { "https" } else { "http" };
    headers.insert(X_FORWARDED_PROTO, HeaderValue::from_static(proto));
    match host {
        Some(host) => drop(headers.insert(X_FORWARDED_HOST, host)),
        None => drop(headers.remove(X_FORWARDED_HOST)),
    }
    let via = via_label(client.version);
    match headers.get(header::VIA).and_then(|v| v.to_str().ok()) {
        Some(prev) => set(headers, header::VIA, format!("{prev}, {via}")),
        None => drop(headers.insert(header::VIA, HeaderValue::from_static(via))),
    }
}

const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");
const X_FORWARDED_PROTO: HeaderName = HeaderName::from_static("x-forwarded-proto");
const X_FORWARDED_HOST: HeaderName = HeaderName::from_static("x-forwarded-host");

/// Sets a header to a value built for this request, without copying it again.
fn set(headers: &mut HeaderMap, name: HeaderName, value: String) {
    if let Ok(v) = HeaderValue::try_from(value) {
        headers.insert(name, v);
    }
}

fn via_label(v: Version) -> &'static str {
    match v {
        Version::HTTP_09 => "0.9 lachan",
        Version::HTTP_10 => "1.0 lachan",
        Version::HTTP_2 => "2 lachan",
        Version::HTTP_3 => "3 lachan",
        _ => "1.1 lachan",
    }
}

/// Cleans an upstream response head before it goes to the client.
pub(crate) fn response_head(headers: &mut HeaderMap, upgraded: bool) {
    let upgrade = if upgraded {
        headers.get(header::UPGRADE).cloned()
    } else {
        None
    };
    strip_hop_by_hop(headers);
    if let Some(proto) = upgrade {
        headers.insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
        headers.insert(header::UPGRADE, proto);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upstream() -> Upstream {
        Upstream {
            scheme: http::uri::Scheme::HTTP,
            authority: "127.0.0.1:9000".parse().unwrap(),
        }
    }

    fn client() -> ClientSide<'static> {
        static PEER: HeaderValue = HeaderValue::from_static("203.0.113.5");
        ClientSide {
            peer_ip: &PEER,
            peer_trusted: false,
            host: "portal.example.gov.vn",
            tls: false,
            version: Version::HTTP_11,
        }
    }

    #[test]
    fn connection_named_headers_are_removed() {
        let (mut parts, _) = http::Request::builder()
            .uri("/a?b=1")
            .header("connection", "keep-alive, X-Secret")
            .header("x-secret", "1")
            .header("keep-alive", "timeout=5")
            .header("te", "trailers")
            .header("x-keep", "1")
            .header("x-forwarded-for", "6.6.6.6")
            .body(())
            .unwrap()
            .into_parts();
        request_head(&mut parts, &upstream(), &client());
        assert!(parts.headers.get("x-secret").is_none());
        assert!(parts.headers.get("keep-alive").is_none());
        assert!(parts.headers.get("te").is_none());
        assert!(parts.headers.get("connection").is_none());
        assert_eq!(parts.headers["x-keep"], "1");
        assert_eq!(
            parts.uri, "/a?b=1",
            "origin-form: the pool picks the upstream"
        );
        assert_eq!(parts.headers["host"], "portal.example.gov.vn");
        assert_eq!(parts.headers["x-forwarded-for"], "203.0.113.5");
        assert_eq!(parts.headers["x-forwarded-host"], "portal.example.gov.vn");
        assert_eq!(parts.headers["via"], "1.1 lachan");
    }

    #[test]
    fn upgrade_headers_survive() {
        let (mut parts, _) = http::Request::builder()
            .uri("/ws")
            .header("connection", "Upgrade")
            .header("upgrade", "websocket")
            .body(())
            .unwrap()
            .into_parts();
        request_head(&mut parts, &upstream(), &client());
        assert_eq!(parts.headers["connection"], "upgrade");
        assert_eq!(parts.headers["upgrade"], "websocket");
    }
}

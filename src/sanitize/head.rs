//! Stage 5, response head: `Location`/`Refresh` policy, the "is this HTML" decision, the
//! charset, and the header changes a rewritten body needs.
//!
//! Security notes:
//! - A foreign `Location` on a 3xx (and a foreign `Refresh`) is replaced by a fixed block
//!   page (502), not by a redirect to the site root: a redirect could loop when the
//!   compromised upstream answers every path with the same redirect, and the block page
//!   tells the visitor plainly that something is wrong. Report mode only logs.
//! - A missing `Content-Type` counts as HTML: browsers sniff such bodies as HTML.
//! - A charset that lol_html cannot parse (unknown, or not ASCII-compatible such as
//!   UTF-16) is refused: guessing would let an attacker pick the encoding we misread.

use http::{HeaderMap, HeaderValue, header};

use crate::config::Site;

/// Why a response head is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub target: String,
}

/// Checks `Location` (on 3xx) and `Refresh` against the site policy, resolving them
/// against the request URL as a browser would.
pub fn check_redirects(
    site: &Site,
    base: &super::page_url::PageUrl<'_>,
    status: http::StatusCode,
    headers: &HeaderMap,
) -> Option<Finding> {
    let foreign = |value: &str| match base.get().join(value.trim()) {
        Ok(u) => is_foreign(site, base.get(), &u),
        Err(_) => true,
    };
    if status.is_redirection() {
        for v in headers.get_all(header::LOCATION) {
            let text = String::from_utf8_lossy(v.as_bytes());
            if foreign(&text) {
                return Some(Finding {
                    rule: "header.location",
                    target: text.into_owned(),
                });
            }
        }
    }
    for v in headers.get_all("refresh") {
        let text = String::from_utf8_lossy(v.as_bytes());
        if let Some(target) = refresh_target(&text).filter(|t| foreign(t)) {
            return Some(Finding {
                rule: "header.refresh",
                target: target.to_string(),
            });
        }
    }
    None
}

/// The URL of a `Refresh` value (`5; url=/x`, `0;URL='x'`, `0, x`), if it has one.
fn refresh_target(value: &str) -> Option<&str> {
    let rest = value
        .trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let rest = rest.trim_start().strip_prefix([';', ','])?.trim_start();
    let rest = match rest.get(..3) {
        Some(p) if p.eq_ignore_ascii_case("url") => {
            let after = rest[3..].trim_start();
            after.strip_prefix('=').map_or(rest, str::trim_start)
        }
        _ => rest,
    };
    let rest = match rest.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let inner = &rest[1..];
            inner.find(q).map_or(inner, |end| &inner[..end])
        }
        _ => rest,
    };
    Some(rest.trim()).filter(|s| !s.is_empty())
}

/// Whether a redirect to `url` leaves the site: not http(s), or a host that is neither on
/// the site's host set (own hosts plus `allow`), the `www.`/bare variant of an own host
/// (the usual canonical redirects), nor the host the client asked for.
pub fn is_foreign(site: &Site, base: &url::Url, url: &url::Url) -> bool {
    if !matches!(url.scheme(), "http" | "https") {
        return true;
    }
    let Some(host) = url.host_str() else {
        return true;
    };
    let bare = |h: &str| {
        let h = h.trim_end_matches('.');
        h.strip_prefix("www.").unwrap_or(h).to_ascii_lowercase()
    };
    let target = bare(host);
    let own_variant = site.sanitize.own_hosts.iter().any(|h| bare(h) == target)
        || base.host_str().is_some_and(|h| bare(h) == target);
    !own_variant && !site.sanitize.hosts.allows(host)
}

/// HTML (or XHTML), SVG, or no `Content-Type` at all.
///
/// SVG is here because a browser that opens an SVG file runs its scripts and follows its
/// links like a page's: an uploaded `.svg` is a classic doorway (threats C4).
pub fn is_html(headers: &HeaderMap) -> bool {
    let Some(ct) = headers.get(header::CONTENT_TYPE) else {
        return true;
    };
    let Ok(ct) = ct.to_str() else {
        return true;
    };
    let mime = ct.split(';').next().unwrap_or("").trim();
    ["", "text/html", "application/xhtml+xml", "image/svg+xml"]
        .iter()
        .any(|html| mime.eq_ignore_ascii_case(html))
}

/// The charset named in `Content-Type`: `Ok(None)` when none is named, `Err(label)` when it
/// names one the rewriter cannot parse.
pub fn charset(headers: &HeaderMap) -> Result<Option<&'static encoding_rs::Encoding>, String> {
    let Some(ct) = headers.get(header::CONTENT_TYPE) else {
        return Ok(None);
    };
    let ct = String::from_utf8_lossy(ct.as_bytes());
    let Some(label) = ct.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
    }) else {
        return Ok(None);
    };
    if label.is_empty() {
        return Ok(None);
    }
    match encoding_rs::Encoding::for_label(label.as_bytes()) {
        Some(enc) if enc.is_ascii_compatible() && enc != encoding_rs::REPLACEMENT => Ok(Some(enc)),
        _ => Err(label.to_string()),
    }
}

/// Headers of a body that we rewrite: its length, validators, digests and ranges no longer
/// describe what we send.
pub fn prepare_rewritten(headers: &mut HeaderMap, encoding: Option<&'static str>) {
    for name in [
        "content-length",
        "etag",
        "content-md5",
        "accept-ranges",
        "digest",
    ] {
        headers.remove(name);
    }
    headers.remove("repr-digest");
    headers.remove("content-digest");
    headers.remove(header::CONTENT_ENCODING);
    if let Some(enc) = encoding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(enc));
    }
    let varies = headers.get_all(header::VARY).iter().any(|v| {
        let v = String::from_utf8_lossy(v.as_bytes()).to_ascii_lowercase();
        v.contains("accept-encoding") || v.contains('*')
    });
    if !varies {
        headers.append(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    add_no_transform(headers);
}

/// Asks caches and middleboxes not to re-encode what we sanitized.
fn add_no_transform(headers: &mut HeaderMap) {
    let current = headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let value = match current {
        Some(c) if c.to_ascii_lowercase().contains("no-transform") => return,
        Some(c) if !c.trim().is_empty() => format!("{c}, no-transform"),
        _ => "no-transform".to_string(),
    };
    if let Ok(v) = HeaderValue::from_str(&value) {
        headers.insert(header::CACHE_CONTROL, v);
    }
}

/// Added to every response: never let a browser sniff a body into HTML.
pub fn add_nosniff(headers: &mut HeaderMap) {
    let nosniff = HeaderValue::from_static("nosniff");
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, nosniff);
}

#[cfg(test)]
#[path = "head_tests.rs"]
mod tests;

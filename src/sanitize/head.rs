//! Reading a response head, for stages 5 and 6: where `Location` and `Refresh` point, whether
//! the body is HTML, its charset, and the header changes a rewritten body needs.
//!
//! Security notes:
//! - The decisions on these checks (refuse a redirect, drop a `Refresh`) are taken in
//!   stage 5, `proxy::head`.
//! - A missing `Content-Type` counts as HTML: browsers sniff such bodies as HTML. So does one
//!   with no valid value, and of several values the last valid one counts, as in browsers
//!   (`super::content_type`; stage 5 first makes the header a single line). Stricter than
//!   browsers, a body any of whose values is HTML is sanitized too ([`declares_html`]).
//! - An unknown charset is refused: guessing would let an attacker pick the encoding we
//!   misread. UTF-16 (which lol_html cannot parse) is read as browsers read it: by the
//!   body's byte-order mark, else by the label, transcoded to UTF-8 (`html::bom`).
//! - A `206` carrying HTML is sanitized only when it holds the whole page
//!   ([`partial_is_whole`]); a real part is refused.

use http::{HeaderMap, HeaderValue, header};

use crate::sanitize::policy::{Carrier, sister_doorway};
use crate::settings::Site;

/// The first `Location` of a redirect (3xx other than 304) that leaves the site, resolved
/// against the request URL as a browser would.
pub(crate) fn foreign_location(
    site: &Site,
    base: &url::Url,
    status: http::StatusCode,
    headers: &HeaderMap,
) -> Option<String> {
    if !status.is_redirection() || status == http::StatusCode::NOT_MODIFIED {
        return None;
    }
    headers
        .get_all(header::LOCATION)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()))
        .find(|text| leaves_site(site, base, text))
        .map(|text| super::policy::short(&text))
}

/// The foreign target of a `Refresh` value, if it has one.
pub(crate) fn foreign_refresh(site: &Site, base: &url::Url, value: &HeaderValue) -> Option<String> {
    let text = String::from_utf8_lossy(value.as_bytes());
    let target = refresh_url(&text);
    (!target.is_empty() && leaves_site(site, base, target)).then(|| super::policy::short(target))
}

/// Whether a URL written in a header (possibly relative) leaves the site; one that does
/// not parse counts as leaving (fail closed).
pub(crate) fn leaves_site(site: &Site, base: &url::Url, value: &str) -> bool {
    match base.join(value.trim()) {
        Ok(u) => is_foreign(site, base, &u),
        Err(_) => true,
    }
}

/// The URL part of a refresh value (`5; URL='x'`), per the WHATWG "shared declarative
/// refresh steps": any case, spacing or quoting, `;`, `,` or only whitespace after the
/// time, with or without `url=`. Empty when the value only reloads the page.
pub(crate) fn refresh_url(content: &str) -> &str {
    let ws = |c: char| c.is_ascii_whitespace();
    let s = content.trim_start_matches(ws);
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let s = s.trim_start_matches(ws);
    let s = s
        .strip_prefix([';', ','])
        .unwrap_or(s)
        .trim_start_matches(ws);
    let s = match s.get(..3) {
        Some(p) if p.eq_ignore_ascii_case("url") => {
            let rest = s[3..].trim_start_matches(ws);
            match rest.strip_prefix('=') {
                Some(r) => r.trim_start_matches(ws),
                None => s,
            }
        }
        _ => s,
    };
    match s.chars().next() {
        Some(q @ ('"' | '\'')) => s[1..].split(q).next().unwrap_or(""),
        _ => s.trim_end_matches(ws),
    }
}

/// Whether a redirect to `url` leaves the site: not http(s), or a host that is neither on
/// the site's host set (own hosts plus `allow`), the `www.`/bare variant of an own host
/// (the usual canonical redirects), nor the host the client asked for; or a document
/// planted in an allowed sister host's upload folder (`policy::sister_doorway`, the
/// judgement every carrier in the page asks too).
///
/// An allowed redirector (`google.com/url?q=…`, `youtube.com/redirect?q=…`, a portal's
/// `out.php?url=…`) is judged by where it leads, as in the page's markup
/// (`super::redirector`); one whose target is unknown (Google's "I'm Feeling Lucky",
/// `search?btnI`) leaves the site.
pub(crate) fn is_foreign(site: &Site, base: &url::Url, url: &url::Url) -> bool {
    let hosts = &site.sanitize().hosts;
    outside_allow_list(site, base, url)
        || (!own_variant(site, base, url) && sister_doorway(url, hosts, Carrier::Active))
        || super::redirector::blind(url)
        || super::redirector::target(url).is_some_and(|inner| is_foreign(site, base, &inner))
}

/// Whether `url` is not http(s) or its host is not admitted (see [`is_foreign`]).
pub(crate) fn outside_allow_list(site: &Site, base: &url::Url, url: &url::Url) -> bool {
    if !matches!(url.scheme(), "http" | "https") {
        return true;
    }
    let Some(host) = url.host_str() else {
        return true;
    };
    !own_variant(site, base, url) && !site.sanitize().hosts.allows(host)
}

/// Whether `url`'s host is an own host, its `www.`/bare variant, or the requested host.
fn own_variant(site: &Site, base: &url::Url, url: &url::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = |h: &str| {
        let h = h.trim_end_matches('.');
        h.strip_prefix("www.").unwrap_or(h).to_ascii_lowercase()
    };
    let target = bare(host);
    site.sanitize().own_hosts.iter().any(|h| bare(h) == target)
        || base.host_str().is_some_and(|h| bare(h) == target)
}

/// Every type a browser opens as a document that can run script or follow links: HTML,
/// any XML (`text/xml`, `application/xml`, every `+xml` type such as XHTML, SVG, RSS,
/// Atom or WAP XHTML), or no valid `Content-Type` at all (missing, empty, `*/*`, malformed).
///
/// XML is here because Chromium renders an XML document with XHTML-namespace elements as a
/// page and runs its scripts (redteam w76/w77/w82–w84 got through as `text/xml` and
/// `application/rss+xml`); an uploaded `.svg` is a classic doorway. The rewriter leaves
/// what it does not change byte for byte, so a clean feed or sitemap comes out unchanged.
///
/// The "unknown" types (`application/unknown`, `unknown/unknown`) count as none: Chromium
/// sniffs them as it sniffs a missing type, and so renders an HTML body sent with them.
///
/// Every `text/` type naming HTML counts as HTML too (`text/x-server-parsed-html`, the SSI
/// type of Apache configs, `text/xhtml`, `text/x-html`): some clients render them, and a
/// misconfigured server sends them for its real pages.
pub(crate) fn is_html(headers: &HeaderMap) -> bool {
    mime(headers).is_none_or(|m| is_html_essence(&m))
}

/// [`is_html`] for one essence.
pub(crate) fn is_html_essence(m: &str) -> bool {
    html_type(m) || xml_type(m) || is_unknown(m) || markdown_type(m)
}

/// Markdown: its inline HTML and its links are rendered by whatever shows it (see
/// `html::markdown`), so it is sanitized like a page, with its link syntaxes judged too.
fn markdown_type(m: &str) -> bool {
    matches!(
        m,
        "text/markdown"
            | "text/x-markdown"
            | "text/x-gfm"
            | "text/md"
            | "text/x-web-markdown"
            | "text/vnd.daringfireball.markdown"
    )
}

/// Whether the body is Markdown (see [`markdown_type`]).
pub(crate) fn is_markdown(headers: &HeaderMap) -> bool {
    mime(headers).is_some_and(|m| markdown_type(&m))
}

/// `text/html`, every other type whose subtype names HTML (`text/htm`, `application/html`,
/// `text/x-server-parsed-html`), and the server-script types (PHP, ASP, JSP, ColdFusion,
/// `x-httpd-*`): a server that sends its script type on a response sends the script's
/// output, a page, and some clients and renderers show it as one (redteam: `text/htm`,
/// `application/html` and `application/x-httpd-php` passed raw).
pub(crate) fn html_type(mime: &str) -> bool {
    let Some((_, sub)) = mime.split_once('/') else {
        return false;
    };
    sub.contains("htm") || server_script(sub) || HTML_EQUIVALENT.contains(&mime)
}

/// Types that Windows or a browser renders as a page although their name does not say
/// HTML: an HTML Application (`mshta.exe` runs it with full rights) and an HTML Component.
const HTML_EQUIVALENT: &[&str] = &[
    "application/hta",
    "application/x-hta",
    "text/x-component",
    "text/x-hta",
];

/// A subtype that names a server-side page language (`x-httpd-php`, `php`, `x-asp`, …).
fn server_script(sub: &str) -> bool {
    let sub = sub.strip_prefix("x-").unwrap_or(sub);
    let sub = sub.strip_prefix("httpd-").map_or(sub, |_| "php");
    sub.contains("php")
        || matches!(
            sub,
            "asp" | "aspx" | "jsp" | "cfm" | "coldfusion" | "shtml" | "ssi" | "erb" | "eruby"
        )
}

/// Whether any `Content-Type` value, on any line, is an HTML or XHTML type, although the
/// one browsers read may not be (`text/html` then `text/plain`): the gateway is stricter
/// than browsers and sanitizes such a body, since a client that reads the first value
/// renders it.
pub(crate) fn declares_html(headers: &HeaderMap) -> bool {
    super::content_type::any_essence(headers, |m| {
        html_type(m) || m.contains("xhtml") || is_unknown(m)
    })
}

fn is_unknown(mime: &str) -> bool {
    matches!(mime, "application/unknown" | "unknown/unknown")
}

/// Whether the body is an XML document that Chromium parses as XML (and so reads processing
/// instructions, DTDs, CDATA and namespace prefixes that the HTML reading does not).
pub(crate) fn is_xml(headers: &HeaderMap) -> bool {
    mime(headers).is_some_and(|m| xml_type(&m))
}

fn xml_type(mime: &str) -> bool {
    matches!(
        mime,
        "text/xml" | "application/xml" | "text/xsl" | "application/xslt" | "text/vnd.wap.wml"
    ) || mime.ends_with("+xml")
}

/// The essence of the response's MIME type, read as browsers read it (all lines, the last
/// valid value: see [`super::content_type`]); `None` when there is no valid one.
/// `text/css`: a stylesheet, filtered as it streams (see `html::css_stream`).
pub(crate) fn is_css(headers: &HeaderMap) -> bool {
    mime(headers).is_some_and(|m| m == "text/css")
}

fn mime(headers: &HeaderMap) -> Option<String> {
    super::content_type::extract(headers).map(|m| m.essence().to_string())
}

/// The charset of the response's MIME type (the one browsers use, see
/// [`super::content_type`]): `Ok(None)` when none is named, `Err(label)` when it names one
/// the rewriter cannot parse.
pub(crate) fn charset(
    headers: &HeaderMap,
) -> Result<Option<&'static encoding_rs::Encoding>, String> {
    let Some(mime) = super::content_type::extract(headers) else {
        return Ok(None);
    };
    let Some(label) = mime.charset().map(str::trim).filter(|l| !l.is_empty()) else {
        return Ok(None);
    };
    match encoding_rs::Encoding::for_label(label.as_bytes()) {
        Some(enc) if enc.is_ascii_compatible() && enc != encoding_rs::REPLACEMENT => Ok(Some(enc)),
        Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => Ok(Some(enc)),
        _ => Err(label.to_string()),
    }
}

/// Headers of a body that we rewrite: its length, validators, digests and ranges no longer
/// describe what we send.
pub(crate) fn prepare_rewritten(headers: &mut HeaderMap, encoding: Option<&'static str>) {
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

/// Whether a `206` in fact carries the whole representation: it names no range (a
/// malformed or unsolicited answer that browsers render as a page), or its one
/// `Content-Range` is `bytes 0-(N-1)/N`. Such a body is sanitized and served as a `200`;
/// any real part of a page is refused (`body.partial`): its markup cannot be read from the
/// middle.
pub(crate) fn partial_is_whole(headers: &HeaderMap) -> bool {
    let mut ranges = headers.get_all(header::CONTENT_RANGE).iter();
    let Some(value) = ranges.next() else {
        return true;
    };
    if ranges.next().is_some() {
        return false;
    }
    let whole = |v: &str| -> Option<bool> {
        let (unit, rest) = v.trim().split_once(' ')?;
        let (span, total) = rest.trim().split_once('/')?;
        let (first, last) = span.split_once('-')?;
        let (first, last, total): (u64, u64, u64) =
            (first.parse().ok()?, last.parse().ok()?, total.parse().ok()?);
        Some(unit.eq_ignore_ascii_case("bytes") && first == 0 && last.checked_add(1) == Some(total))
    };
    value.to_str().ok().and_then(whole).unwrap_or(false)
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

#[cfg(test)]
#[path = "head_tests.rs"]
mod tests;

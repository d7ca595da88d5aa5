//! Unit tests of the response-head checks.

use std::path::Path;
use std::sync::Arc;

use http::{HeaderMap, StatusCode};

use super::*;

fn site() -> Arc<Site> {
    let text = r#"
[server]
listen = ["127.0.0.1:0"]
[[site]]
name = "portal"
hosts = ["portal.example.gov.vn"]
upstream = "http://127.0.0.1:9"
allow = ["*.gov.vn", "chinhphu.vn"]
"#;
    crate::config::parse(text, Path::new("t.toml"))
        .unwrap()
        .sites[0]
        .clone()
}

/// The rule that a single header `name: value` on a `status` response trips, if any.
fn check(status: u16, name: &str, value: &str) -> Option<&'static str> {
    let base = url::Url::parse("http://portal.example.gov.vn/a/b?q=1").unwrap();
    let mut h = HeaderMap::new();
    let v: http::HeaderValue = value.parse().unwrap();
    h.insert(
        http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
        v.clone(),
    );
    let status = StatusCode::from_u16(status).unwrap();
    if foreign_location(&site(), &base, status, &h).is_some() {
        return Some("header.location");
    }
    (name == "refresh" && foreign_refresh(&site(), &base, &v).is_some()).then_some("header.refresh")
}

#[test]
fn foreign_locations_are_found() {
    for to in [
        "https://bet.test/",
        "//bet.test/x",
        "https://portal.example.gov.vn@bet.test/",
        "https://portal.example.gov.vn.bet.test/",
        "https://fakegov.vn/",
        "javascript:alert(1)",
        "https:\\\\bet.test",
        "/\\bet.test/",
        "HTTPS://BET.TEST./",
    ] {
        let f = check(302, "location", to);
        assert_eq!(f, Some("header.location"), "{to}");
    }
}

#[test]
fn same_site_and_allowed_locations_pass() {
    for to in [
        "https://portal.example.gov.vn/",
        "http://www.portal.example.gov.vn/x",
        "/tin-tuc",
        "?page=2",
        "https://chinhphu.vn/",
        "https://moj.gov.vn/",
    ] {
        assert_eq!(check(301, "location", to), None, "{to}");
    }
    assert_eq!(check(201, "location", "https://bet.test/"), None);
    assert_eq!(check(304, "location", "https://bet.test/"), None);
}

#[test]
fn refresh_headers_are_judged() {
    for v in [
        "0;url=https://bet.test/",
        "5; URL='//bet.test/'",
        "0, https://bet.test",
        "1;url = \"https://bet.test\"",
        "0 https://bet.test/",
        "1;URL=//bet.test",
        "0;url=javascript:location='//bet.test'",
    ] {
        let f = check(200, "refresh", v);
        assert_eq!(f, Some("header.refresh"), "{v}");
    }
    for v in ["5", "0; url=/trang-chu", "3;URL=https://chinhphu.vn/"] {
        assert_eq!(check(200, "refresh", v), None, "{v}");
    }
}

#[test]
fn html_and_charset_decisions() {
    let mut h = HeaderMap::new();
    assert!(is_html(&h));
    h.insert("content-type", "application/xhtml+xml".parse().unwrap());
    assert!(is_html(&h));
    h.insert("content-type", "image/svg+xml".parse().unwrap());
    assert!(is_html(&h));
    for xml in [
        "text/xml",
        "application/xml; charset=utf-8",
        "application/rss+xml",
        "application/atom+xml",
        "application/vnd.wap.xhtml+xml",
        "Text/XML",
    ] {
        h.insert("content-type", xml.parse().unwrap());
        assert!(is_html(&h), "{xml}");
    }
    for other in [
        "image/png",
        "application/json",
        "text/plain",
        "application/xml-dtd",
    ] {
        h.insert("content-type", other.parse().unwrap());
        assert!(!is_html(&h), "{other}");
    }
    h.insert("content-type", "image/png".parse().unwrap());
    assert!(!is_html(&h));
    h.insert(
        "content-type",
        "text/html; charset=\"windows-1258\"".parse().unwrap(),
    );
    assert_eq!(charset(&h), Ok(Some(encoding_rs::WINDOWS_1258)));
    // UTF-16 is read by its label (transcoded), as browsers do.
    h.insert("content-type", "text/html; charset=utf-16".parse().unwrap());
    assert_eq!(charset(&h), Ok(Some(encoding_rs::UTF_16LE)));
    h.insert(
        "content-type",
        "text/html; charset=UTF-16BE".parse().unwrap(),
    );
    assert_eq!(charset(&h), Ok(Some(encoding_rs::UTF_16BE)));
    h.insert(
        "content-type",
        "text/html; charset=klingon".parse().unwrap(),
    );
    assert!(charset(&h).is_err());
    h.insert("content-type", "text/html".parse().unwrap());
    assert_eq!(charset(&h), Ok(None));
}

#[test]
fn rewritten_headers_drop_what_no_longer_holds() {
    let mut h = HeaderMap::new();
    for (k, v) in [
        ("content-length", "10"),
        ("etag", "\"x\""),
        ("accept-ranges", "bytes"),
        ("content-encoding", "zstd"),
        ("cache-control", "max-age=60"),
    ] {
        h.insert(k, v.parse().unwrap());
    }
    prepare_rewritten(&mut h, Some("gzip"));
    assert!(
        h.get("content-length").is_none()
            && h.get("etag").is_none()
            && h.get("accept-ranges").is_none()
    );
    assert_eq!(h["content-encoding"], "gzip");
    assert_eq!(h["cache-control"], "max-age=60, no-transform");
    assert_eq!(h["vary"], "Accept-Encoding");
    prepare_rewritten(&mut h, None);
    assert_eq!(h.get_all("vary").iter().count(), 1, "Vary repeated");
    assert!(h.get("content-encoding").is_none());
}

#[test]
fn type_and_charset_come_from_the_last_valid_value_as_in_browsers() {
    let mut h = HeaderMap::new();
    h.append("content-type", "text/plain".parse().unwrap());
    h.append(
        "content-type",
        "text/html; charset=windows-1258".parse().unwrap(),
    );
    assert!(is_html(&h));
    assert_eq!(charset(&h), Ok(Some(encoding_rs::WINDOWS_1258)));
    h.insert("content-type", "text/html, text/plain".parse().unwrap());
    assert!(!is_html(&h));
    for none in [
        "*/*",
        "",
        "nonsense",
        "application/unknown",
        "Unknown/Unknown",
    ] {
        h.insert("content-type", none.parse().unwrap());
        assert!(is_html(&h), "{none:?} is no type: sniffed, so sanitized");
    }
}

//! `[site.headers]` through a real gateway: every key changes what the client gets, and
//! the defaults are sent when the table is empty.

use crate::common;

use common::body::{full, resp};
use common::gateway::Setup;

const PAGE: &str =
    "<!doctype html><html><head><title>Sở Nội vụ</title></head><body>tin</body></html>";

/// The headers of `/` (an HTML page) and `/a.txt` (plain text) under `headers`.
async fn heads(headers: &str) -> (http::HeaderMap, http::HeaderMap) {
    let h = Setup::portal().site_lines(headers).start().await;
    h.upstream.route("/", || {
        resp(
            200,
            &[
                ("content-type", "text/html; charset=utf-8"),
                ("server", "Apache/2.4.1"),
                ("x-backend", "cms-3"),
            ],
            full(PAGE),
        )
    });
    h.upstream.route("/a.txt", || {
        resp(200, &[("content-type", "text/plain")], full("ok"))
    });
    let (page, _) = h.body("/", &[]).await;
    let (text, _) = h.body("/a.txt", &[]).await;
    (page.headers, text.headers)
}

fn value<'a>(h: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name).map(|v| v.to_str().unwrap())
}

#[tokio::test]
async fn an_empty_table_sends_the_safe_defaults() {
    let (page, text) = heads("").await;
    assert_eq!(value(&page, "x-content-type-options"), Some("nosniff"));
    assert_eq!(value(&text, "x-content-type-options"), Some("nosniff"));
    assert_eq!(value(&page, "x-frame-options"), Some("SAMEORIGIN"));
    assert_eq!(
        value(&page, "referrer-policy"),
        Some("strict-origin-when-cross-origin")
    );
    assert!(
        value(&page, "permissions-policy")
            .unwrap()
            .contains("camera=()")
    );
    let csp: Vec<_> = page.get_all("content-security-policy").iter().collect();
    assert!(
        csp.iter()
            .any(|v| v.to_str().unwrap() == "frame-ancestors 'self'"),
        "{csp:?}"
    );
    assert_eq!(value(&page, "server"), None, "version-leaking headers go");
    assert_eq!(value(&page, "x-backend"), Some("cms-3"));
    // HSTS only over TLS.
    assert_eq!(value(&page, "strict-transport-security"), None);
}

#[tokio::test]
async fn every_key_changes_what_is_sent() {
    let (page, text) = heads(
        "[site.headers]\nreferrer_policy = \"no-referrer\"\nframe_options = \"DENY\"\n\
         frame_ancestors = \"'none'\"\npermissions_policy = \"camera=(self)\"\n\
         content_type_options = false\nremove = [\"X-Backend\"]\nhsts = \"max-age=60\"\n",
    )
    .await;
    assert_eq!(value(&page, "referrer-policy"), Some("no-referrer"));
    assert_eq!(value(&page, "x-frame-options"), Some("DENY"));
    assert_eq!(value(&page, "permissions-policy"), Some("camera=(self)"));
    let csp: Vec<_> = page.get_all("content-security-policy").iter().collect();
    assert!(
        csp.iter()
            .any(|v| v.to_str().unwrap() == "frame-ancestors 'none'"),
        "{csp:?}"
    );
    assert_eq!(value(&page, "x-backend"), None);
    // `content_type_options = false` switches nosniff off on the sanitized page; the text
    // passed through unsanitized keeps it, so no browser sniffs it into HTML.
    assert_eq!(value(&page, "x-content-type-options"), None);
    assert_eq!(value(&text, "x-content-type-options"), Some("nosniff"));
}

#[tokio::test]
async fn empty_values_send_nothing() {
    let (page, _) = heads(
        "[site.headers]\nreferrer_policy = \"\"\nframe_options = \"\"\nframe_ancestors = \"\"\n\
         permissions_policy = \"\"\n",
    )
    .await;
    for name in ["referrer-policy", "x-frame-options", "permissions-policy"] {
        assert_eq!(value(&page, name), None, "{name}");
    }
    let csp: Vec<_> = page.get_all("content-security-policy").iter().collect();
    assert!(
        csp.iter()
            .all(|v| !v.to_str().unwrap().contains("frame-ancestors")),
        "{csp:?}"
    );
}

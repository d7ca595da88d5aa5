//! Attack suite: web cache poisoning against the sanitized-response cache. An attacker
//! sends one crafted request so that the page stored for everyone carries its payload;
//! the origin here reflects every such input, as vulnerable CMSes do. Each test then asks
//! for the page as a normal visitor and checks the payload never reached the store.
//! Benign requests must still be cached and served unchanged.

use crate::cache_support;
use crate::common;

use cache_support::{HOST, Reply, harness};
use http::HeaderMap;

const EVIL: &str = "evil.attacker.test";

/// An origin page that reflects the request's unkeyed inputs, like a vulnerable CMS.
fn reflecting(req: &HeaderMap) -> Reply {
    let get = |n: &str| req.get(n).map_or("-", |v| v.to_str().unwrap()).to_string();
    let body = format!(
        "<html><body><p>host={} xfh={} orig={} rewrite={} scheme={} method={}</p></body></html>",
        get("host"),
        get("x-forwarded-host"),
        get("x-original-url"),
        get("x-rewrite-url"),
        get("x-forwarded-scheme"),
        get("x-http-method-override"),
    );
    Reply::html("public, max-age=600", &body)
}

async fn poisoned_then_visited(attack: &[(&str, &str)]) -> (String, String) {
    let h = harness("", "").await;
    h.origin.route_with("/", reflecting);
    let attacker = h.send("GET", "/", attack).await;
    let visitor = h.get("/").await;
    assert_eq!(
        visitor.x_cache(),
        "HIT",
        "the attack request filled the cache"
    );
    (attacker.body, visitor.body)
}

#[tokio::test]
async fn x_forwarded_host_does_not_poison_the_page() {
    let (_, page) = poisoned_then_visited(&[("x-forwarded-host", EVIL)]).await;
    assert!(!page.contains(EVIL), "{page}");
    assert!(
        page.contains(&format!("xfh={HOST}")),
        "stage 4 sets it from the real host"
    );
}

#[tokio::test]
async fn x_original_url_and_x_rewrite_url_do_not_poison_the_page() {
    let attack = [("x-original-url", "/admin"), ("x-rewrite-url", "/admin")];
    let (seen_by_attacker, page) = poisoned_then_visited(&attack).await;
    assert!(page.contains("orig=- rewrite=-"), "{page}");
    assert_eq!(seen_by_attacker, page, "the origin never saw them");
}

#[tokio::test]
async fn method_override_and_scheme_headers_do_not_poison_the_page() {
    let attack = [
        ("x-http-method-override", "DELETE"),
        ("x-forwarded-scheme", "nothttps"),
        ("x-forwarded-proto", "nothttps"),
    ];
    let (_, page) = poisoned_then_visited(&attack).await;
    assert!(page.contains("scheme=- method=-"), "{page}");
}

#[tokio::test]
async fn host_spellings_share_one_normalized_key() {
    let h = harness("", "").await;
    h.origin.route_with("/", reflecting);
    let first = h.send("GET", "/", &[]).await;
    for host in [
        "PORTAL.Example.GOV.vn",
        "portal.example.gov.vn.",
        "portal.example.gov.vn:80",
    ] {
        let got = h.send("GET", "/", &[("host", host)]).await;
        assert_eq!(got.x_cache(), "HIT", "{host}");
        assert_eq!(got.body, first.body);
    }
    assert_eq!(h.origin.count_of("/"), 1);
    assert_eq!(h.origin.seen("/")["host"], HOST);
}

#[tokio::test]
async fn fat_get_bodies_are_never_cached() {
    let h = harness("", "").await;
    h.origin.route_with("/", reflecting);
    let addr = h.gateway.addr();
    let req = http::Request::get(format!("http://{addr}/"))
        .header("host", HOST)
        .header("content-length", "15")
        .body(lachan::body::full("callback=evil()"))
        .unwrap();
    let client = common::gateway::client();
    let resp = client.request(req).await.unwrap();
    assert!(
        resp.headers().get("x-cache").is_none(),
        "a GET with a body bypasses the cache"
    );
    assert_eq!(h.get("/").await.x_cache(), "MISS", "and stored nothing");
}

#[tokio::test]
async fn semicolon_parameter_cloaking_gets_its_own_key() {
    let h = harness("", "").await;
    h.origin.route_with("/search", |_| {
        Reply::html("public, max-age=600", "<p>results</p>")
    });
    h.send("GET", "/search?utm_content=x;callback=evil", &[])
        .await;
    let plain = h.get("/search?utm_content=x").await;
    assert_eq!(
        plain.x_cache(),
        "MISS",
        "the cloaked request did not fill this key"
    );
    let encoded = h.get("/search%3Futm_content=x").await;
    assert_eq!(
        encoded.x_cache(),
        "MISS",
        "nor does an encoded spelling share it"
    );
    assert_eq!(h.origin.count_of("/search?utm_content=x;callback=evil"), 1);
}

#[tokio::test]
async fn client_no_cache_does_not_push_a_flood_past_the_cache() {
    let h = harness("", "").await;
    h.origin.route_with("/", reflecting);
    h.get("/").await;
    for headers in [
        &[("cache-control", "no-cache")][..],
        &[("pragma", "no-cache")][..],
    ] {
        assert_eq!(h.send("GET", "/", headers).await.x_cache(), "HIT");
    }
    assert_eq!(h.origin.count_of("/"), 1);
}

#[tokio::test]
async fn a_websocket_upgrade_is_never_answered_from_the_cache() {
    let h = harness("", "").await;
    h.origin.route_with("/", reflecting);
    h.get("/").await;
    let upgrade = [("connection", "upgrade"), ("upgrade", "websocket")];
    assert_eq!(h.send("GET", "/", &upgrade).await.x_cache(), "");
}

#[tokio::test]
async fn benign_pages_are_cached_and_served_unchanged() {
    let h = harness("", "").await;
    let page = "<html><head><title>Cổng thông tin</title></head>\
        <body><a href=\"/gioi-thieu/\">Giới thiệu</a><p>Tin tức</p></body></html>";
    h.origin
        .route_with("/", move |_| Reply::html("public, max-age=600", page));
    let first = h.get("/").await;
    let hit = h.get("/").await;
    assert_eq!(first.body, page);
    assert_eq!(hit.body, first.body);
    assert_eq!(hit.x_cache(), "HIT");
}

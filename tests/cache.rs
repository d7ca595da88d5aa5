//! The sanitized-response cache end to end: a real gateway in front of an origin on
//! 127.0.0.1:0 that counts its requests. Time is driven through the origin's headers
//! (`max-age=0`, `Age`), never by sleeping. Freshness, reloads and purges are in
//! `cache_lifecycle.rs`.

use crate::cache_support;

use cache_support::{Reply, harness};

const PAGE: &str = "<html><body><p>Tin tức</p>\
    <script src=\"https://cdn.partner.example/x.js\"></script></body></html>";

#[tokio::test]
async fn a_cacheable_page_is_fetched_once_for_many_requests() {
    let h = harness("", "").await;
    h.origin
        .route_with("/tin-tuc/", |_| Reply::html("public, max-age=60", PAGE));
    let first = h.get("/tin-tuc/").await;
    assert_eq!(first.x_cache(), "MISS");
    for _ in 0..9 {
        let again = h.get("/tin-tuc/").await;
        assert_eq!(again.x_cache(), "HIT");
        assert_eq!(again.body, first.body, "a hit serves the page as sanitized");
    }
    assert_eq!(h.origin.count_of("/tin-tuc/"), 1);
    assert!(
        !first.body.contains("cdn.partner.example"),
        "stored output is the sanitized one"
    );
    assert_eq!(
        h.metric("lachan_cache_lookups_total{site=\"portal\",result=\"hit\"}")
            .await,
        9.0
    );
}

#[tokio::test]
async fn a_hit_writes_no_audit_events_but_counts_them() {
    let h = harness("", "").await;
    h.origin
        .route_with("/", |_| Reply::html("max-age=60", PAGE));
    h.get("/").await;
    let written = h.gateway.events.events().len();
    assert!(written > 0, "the foreign script is an event");
    h.get("/").await;
    h.get("/").await;
    assert_eq!(
        h.gateway.events.events().len(),
        written,
        "hits write nothing"
    );
    let counted = h
        .metric("lachan_cache_hit_events_total{site=\"portal\"}")
        .await;
    assert_eq!(counted, 2.0 * written as f64);
}

#[tokio::test]
async fn no_store_private_and_set_cookie_pages_are_never_stored() {
    let h = harness("", "").await;
    h.origin
        .route_with("/no-store", |_| Reply::html("no-store", PAGE));
    h.origin
        .route_with("/private", |_| Reply::html("private, max-age=60", PAGE));
    h.origin.route_with("/cookie", |_| {
        Reply::html("max-age=60", PAGE).with("set-cookie", "sid=1; HttpOnly")
    });
    for path in ["/no-store", "/private", "/cookie"] {
        for _ in 0..3 {
            assert_eq!(h.get(path).await.x_cache(), "MISS", "{path}");
        }
        assert_eq!(
            h.origin.count_of(path),
            3,
            "{path} must reach the origin every time"
        );
    }
}

#[tokio::test]
async fn requests_with_cookies_or_authorization_bypass_the_cache() {
    let h = harness("", "").await;
    h.origin
        .route_with("/", |_| Reply::html("public, max-age=60", PAGE));
    let with_cookie = [("cookie", "sid=abc")];
    let with_auth = [("authorization", "Basic dTpw")];
    for headers in [&with_cookie[..], &with_auth[..], &with_cookie[..]] {
        let got = h.send("GET", "/", headers).await;
        assert_eq!(got.x_cache(), "", "bypassed requests are not marked");
    }
    assert_eq!(h.origin.count_of("/"), 3);
    assert_eq!(
        h.get("/").await.x_cache(),
        "MISS",
        "nothing was stored for them"
    );
    assert_eq!(h.origin.seen("/").get("cookie"), None);
}

#[tokio::test]
async fn cookies_strip_serves_the_anonymous_page() {
    let h = harness("", "cookies = \"strip\"").await;
    h.origin
        .route_with("/", |_| Reply::html("public, max-age=60", PAGE));
    h.send("GET", "/", &[("cookie", "sid=abc")]).await;
    assert_eq!(
        h.origin.seen("/").get("cookie"),
        None,
        "the cookie never reaches the origin"
    );
    let hit = h.send("GET", "/", &[("cookie", "sid=other")]).await;
    assert_eq!(hit.x_cache(), "HIT");
    assert_eq!(h.origin.count_of("/"), 1);
}

#[tokio::test]
async fn vary_is_honoured() {
    let h = harness("", "").await;
    h.origin.route_with("/", |req| {
        let lang = req
            .get("accept-language")
            .map_or("vi", |v| v.to_str().unwrap());
        Reply::html("max-age=60", &format!("<p>lang {lang}</p>")).with("vary", "Accept-Language")
    });
    let vi = h.send("GET", "/", &[("accept-language", "vi")]).await;
    let en = h.send("GET", "/", &[("accept-language", "en")]).await;
    assert!(vi.body.contains("lang vi") && en.body.contains("lang en"));
    let en_again = h.send("GET", "/", &[("accept-language", "en")]).await;
    assert_eq!(en_again.x_cache(), "HIT");
    assert!(en_again.body.contains("lang en"), "never the other variant");
    let vi_again = h.send("GET", "/", &[("accept-language", "vi")]).await;
    assert!(vi_again.body.contains("lang vi"), "never the other variant");
}

#[tokio::test]
async fn encodings_are_stored_apart() {
    let h = harness("", "").await;
    h.origin
        .route_with("/", |_| Reply::html("max-age=60", PAGE));
    let gz = h.send("GET", "/", &[("accept-encoding", "gzip")]).await;
    let plain = h.get("/").await;
    assert_eq!(gz.headers["content-encoding"], "gzip");
    assert_eq!(
        plain.x_cache(),
        "MISS",
        "an identity client never gets the gzip entry"
    );
    assert!(plain.headers.get("content-encoding").is_none());
    let gz_again = h
        .send("GET", "/", &[("accept-encoding", "gzip, deflate")])
        .await;
    assert_eq!(gz_again.x_cache(), "HIT");
    assert_eq!(gz_again.headers["content-encoding"], "gzip");
}

#[tokio::test]
async fn head_is_served_from_the_get_entry() {
    let h = harness("", "").await;
    h.origin
        .route_with("/", |_| Reply::html("max-age=60", PAGE));
    let get = h.get("/").await;
    let head = h.send("HEAD", "/", &[]).await;
    assert_eq!(head.x_cache(), "HIT");
    assert_eq!(head.body, "");
    assert_eq!(
        head.headers["content-length"],
        get.body.len().to_string().as_str()
    );
    assert_eq!(head.headers["content-type"], get.headers["content-type"]);
    assert_eq!(h.origin.count_of("/"), 1);
}

#[tokio::test]
async fn a_head_miss_stores_nothing() {
    let h = harness("", "").await;
    h.origin
        .route_with("/", |_| Reply::html("max-age=60", PAGE));
    h.send("HEAD", "/", &[]).await;
    assert_eq!(
        h.get("/").await.x_cache(),
        "MISS",
        "an empty HEAD body is no page"
    );
}

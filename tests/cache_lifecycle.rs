//! The sanitized-response cache over time, end to end: revalidation (304), stale pages
//! while the origin is down, reloads and the generation in the key, purges, concurrent
//! misses, bodies that are cut or too large, and the origin's `Age`. What is stored and
//! under which key is in `cache.rs`. Time is driven through the origin's headers
//! (`max-age=0`, `Age`), never by sleeping.

use crate::cache_support;

use cache_support::{Reply, harness};

const PAGE: &str = "<html><body><p>Tin tức</p>\
    <script src=\"https://cdn.partner.example/x.js\"></script></body></html>";

#[tokio::test]
async fn a_304_keeps_the_stored_body() {
    let h = harness("", "").await;
    h.origin.route_with("/", |req| {
        if req.get("if-none-match").is_some_and(|v| v == "\"v1\"") {
            return cache_support::Reply {
                status: 304,
                headers: vec![
                    ("etag".into(), "\"v1\"".into()),
                    ("cache-control".into(), "max-age=0".into()),
                ],
                body: Default::default(),
            };
        }
        Reply::html("max-age=0", PAGE).with("etag", "\"v1\"")
    });
    let first = h.get("/").await;
    let second = h.get("/").await;
    assert_eq!(second.x_cache(), "REVALIDATED");
    assert_eq!(second.body, first.body);
    assert_eq!(
        h.origin.seen("/")["if-none-match"],
        "\"v1\"",
        "the origin's validator"
    );
    assert_eq!(h.origin.count_of("/"), 2);
}

#[tokio::test]
async fn stale_pages_are_served_while_the_origin_is_down() {
    let h = harness("", "max_stale = \"1h\"").await;
    h.origin.route_with("/", |_| Reply::html("max-age=0", PAGE));
    let fresh = h.get("/").await;
    h.origin.failing(true);
    let stale = h.get("/").await;
    assert_eq!(stale.x_cache(), "STALE");
    assert_eq!(stale.status, 200);
    assert_eq!(stale.body, fresh.body);
    h.origin.failing(false);
    h.origin.dead(true);
    let unreachable = h.get("/").await;
    assert_eq!(unreachable.x_cache(), "STALE");
    assert_eq!(unreachable.body, fresh.body);
    assert_eq!(
        h.metric("lachan_cache_lookups_total{site=\"portal\",result=\"stale\"}")
            .await,
        2.0
    );
}

#[tokio::test]
async fn no_stale_page_past_max_stale_or_against_must_revalidate() {
    let h = harness("", "max_stale = \"0s\"").await;
    h.origin
        .route_with("/a", |_| Reply::html("max-age=0", PAGE));
    h.get("/a").await;
    h.origin.failing(true);
    assert_eq!(h.get("/a").await.status, 503);
    let h = harness("", "max_stale = \"1h\"").await;
    h.origin
        .route_with("/b", |_| Reply::html("max-age=0, must-revalidate", PAGE));
    h.get("/b").await;
    h.origin.failing(true);
    assert_eq!(h.get("/b").await.status, 503);
}

#[tokio::test]
async fn a_reload_with_a_new_allow_list_serves_freshly_sanitized_output() {
    let h = harness("", "").await;
    h.origin
        .route_with("/", |_| Reply::html("max-age=3600", PAGE));
    let before = h.get("/").await;
    assert!(!before.body.contains("cdn.partner.example"));
    assert_eq!(h.get("/").await.x_cache(), "HIT");
    let addr = h.origin_addr;
    let text = cache_support::config_text(addr, "allow = [\"cdn.partner.example\"]", "");
    std::fs::write(&h.config_path, text).unwrap();
    let reloader =
        lachan::runtime::reload::Reloader::new(h.config_path.clone(), h.gateway.gateway.clone());
    assert!(matches!(
        reloader.reload(),
        lachan::runtime::reload::Outcome::Applied { .. }
    ));
    let after = h.get("/").await;
    assert_eq!(after.x_cache(), "MISS");
    assert!(
        after.body.contains("cdn.partner.example"),
        "cleaned under the new rules"
    );
    assert_eq!(h.origin.count_of("/"), 2);
}

/// The reload empties the store, so the test above would pass without the generation in
/// the key. What only the key guards: a request that began under the old rules and stores
/// its page after the reload. A reload that changes nothing but a sanitizer rule
/// (`script_src`) must still never serve that page.
#[tokio::test]
async fn a_page_cleaned_under_the_old_rules_and_stored_after_a_reload_is_never_served() {
    let h = std::sync::Arc::new(harness("", "").await);
    h.origin
        .route_with("/", |_| Reply::html("max-age=3600", PAGE));
    h.origin.hold();
    let old = tokio::spawn({
        let h = h.clone();
        async move { h.get("/").await }
    });
    let at_origin = async {
        while h.origin.count_of("/") < 1 {
            tokio::task::yield_now().await;
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(20), at_origin)
        .await
        .expect("the first request reaches the origin");
    let rules = "[site.sanitize]\nscript_src = [\"cdn.partner.example\"]";
    std::fs::write(
        &h.config_path,
        cache_support::config_text(h.origin_addr, rules, ""),
    )
    .unwrap();
    let reloader =
        lachan::runtime::reload::Reloader::new(h.config_path.clone(), h.gateway.gateway.clone());
    assert!(matches!(
        reloader.reload(),
        lachan::runtime::reload::Outcome::Applied { .. }
    ));
    h.origin.release();
    let old = old.await.unwrap();
    assert!(
        !old.body.contains("cdn.partner.example"),
        "cleaned under the old rules"
    );
    let new = h.get("/").await;
    assert_eq!(new.x_cache(), "MISS", "the old rules' page is not served");
    assert!(
        new.body.contains("cdn.partner.example"),
        "cleaned under the new rules"
    );
    assert_eq!(
        h.get("/").await.body,
        new.body,
        "the new page is the one kept"
    );
    assert_eq!(h.origin.count_of("/"), 2);
}

#[tokio::test]
async fn purge_all_site_and_prefix() {
    let h = harness("", "").await;
    for p in ["/tin-tuc/a", "/tin-tuc/b", "/gioi-thieu"] {
        h.origin
            .route_with(p, |_| Reply::html("max-age=3600", PAGE));
        h.get(p).await;
    }
    let (status, body) = h.admin("DELETE", "/cache/portal?prefix=/tin-tuc/").await;
    assert_eq!((status.as_u16(), body.trim()), (200, "{\"purged\":2}"));
    assert_eq!(h.get("/tin-tuc/a").await.x_cache(), "MISS");
    assert_eq!(h.get("/gioi-thieu").await.x_cache(), "HIT");
    let (status, _) = h.admin("DELETE", "/cache/nosuchsite").await;
    assert_eq!(status.as_u16(), 404);
    let (_, body) = h.admin("DELETE", "/cache/portal").await;
    assert_eq!(body.trim(), "{\"purged\":2}");
    assert_eq!(h.get("/gioi-thieu").await.x_cache(), "MISS");
    assert_eq!(h.get("/tin-tuc/b").await.x_cache(), "MISS");
    let (_, body) = h.admin("DELETE", "/cache").await;
    assert_eq!(body.trim(), "{\"purged\":2}");
    assert_eq!(h.get("/tin-tuc/a").await.x_cache(), "MISS");
}

#[tokio::test]
async fn fifty_concurrent_misses_make_one_origin_request() {
    let h = std::sync::Arc::new(harness("", "").await);
    h.origin
        .route_with("/", |_| Reply::html("max-age=60", PAGE));
    h.origin.hold();
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let h = h.clone();
            tokio::spawn(async move { h.get("/").await })
        })
        .collect();
    // Release the origin once the other 49 wait for the first one's fill.
    let all_waiting = async {
        while h.gateway.gateway.cache.waiting() < 49 {
            tokio::task::yield_now().await;
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(20), all_waiting)
        .await
        .expect("49 requests wait for the first one's fill");
    h.origin.release();
    let mut bodies = Vec::new();
    for t in tasks {
        bodies.push(t.await.unwrap().body);
    }
    assert_eq!(h.origin.count_of("/"), 1);
    assert!(bodies.iter().all(|b| *b == bodies[0]));
}

#[tokio::test]
async fn a_body_cut_by_the_sanitizer_is_never_stored() {
    use std::io::Write;
    let h = harness("", "").await;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(PAGE.repeat(50).as_bytes()).unwrap();
    let whole = gz.finish().unwrap();
    let truncated = bytes::Bytes::copy_from_slice(&whole[..whole.len() / 2]);
    h.origin.route_with("/", move |_| {
        let mut r = Reply::html("public, max-age=600", "").with("content-encoding", "gzip");
        r.body = truncated.clone();
        r
    });
    for _ in 0..2 {
        use http_body_util::BodyExt;
        let cut = match h.gateway.send(http::Method::GET, "/", &[]).await {
            Err(_) => true,
            Ok(resp) if resp.status() == http::StatusCode::BAD_GATEWAY => true,
            Ok(resp) => resp.into_body().collect().await.is_err(),
        };
        assert!(cut, "the client sees a cut response, never the raw rest");
    }
    assert_eq!(h.origin.count_of("/"), 2, "nothing truncated was stored");
}

#[tokio::test]
async fn a_body_over_the_entry_cap_is_sent_whole_and_not_stored() {
    let h = harness("", "[cache]\nmax_memory = \"64KiB\"").await;
    let big = format!(
        "<html><body>{}</body></html>",
        "<p>Tin tức</p>".repeat(1000)
    );
    let expected = big.clone();
    h.origin
        .route_with("/", move |_| Reply::html("public, max-age=600", &big));
    for _ in 0..2 {
        let got = h.get("/").await;
        assert_eq!(got.x_cache(), "MISS");
        assert_eq!(got.body, expected);
    }
    assert_eq!(h.origin.count_of("/"), 2);
    assert_eq!(h.metric("lachan_cache_abandoned_fills_total").await, 2.0);
}

#[tokio::test]
async fn stale_while_revalidate_serves_others_at_once() {
    let h = std::sync::Arc::new(harness("", "max_stale = \"1h\"").await);
    h.origin.route_with("/", |_| Reply::html("max-age=0", PAGE));
    let first = h.get("/").await;
    h.origin.hold();
    let reval = tokio::spawn({
        let h = h.clone();
        async move { h.get("/").await }
    });
    let revalidating = async {
        while h.origin.count_of("/") < 2 {
            tokio::task::yield_now().await;
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(20), revalidating)
        .await
        .expect("the revalidation reaches the origin");
    let meanwhile = tokio::time::timeout(std::time::Duration::from_secs(10), h.get("/"))
        .await
        .expect("served without waiting for the held origin");
    assert_eq!(meanwhile.x_cache(), "STALE");
    assert_eq!(meanwhile.body, first.body);
    h.origin.release();
    assert_eq!(reval.await.unwrap().x_cache(), "MISS");
    assert_eq!(h.origin.count_of("/"), 2);
}

#[tokio::test]
async fn client_conditionals_are_answered_from_the_store() {
    let h = harness("", "").await;
    let lm = "Mon, 01 Dec 2025 08:00:00 GMT";
    h.origin.route_with("/", move |_| {
        Reply::html("max-age=600", PAGE).with("last-modified", lm)
    });
    h.get("/").await;
    let same = h.send("GET", "/", &[("if-modified-since", lm)]).await;
    assert_eq!((same.status.as_u16(), same.x_cache()), (304, "HIT"));
    assert_eq!(same.body, "");
    let older = "Sun, 30 Nov 2025 08:00:00 GMT";
    let changed = h.send("GET", "/", &[("if-modified-since", older)]).await;
    assert_eq!(changed.status.as_u16(), 200);
    assert_eq!(h.origin.count_of("/"), 1);
    assert!(
        h.origin.seen("/").get("if-modified-since").is_none(),
        "ours, not the client's"
    );
}

#[tokio::test]
async fn age_from_the_origin_counts_against_freshness() {
    let h = harness("", "").await;
    h.origin.route_with("/young", |_| {
        Reply::html("max-age=60", PAGE).with("age", "30")
    });
    h.origin.route_with("/old", |_| {
        Reply::html("max-age=60", PAGE).with("age", "120")
    });
    h.get("/young").await;
    h.get("/old").await;
    let young = h.get("/young").await;
    assert_eq!(young.x_cache(), "HIT");
    assert!(
        young.headers["age"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 30
    );
    assert_eq!(
        h.get("/old").await.x_cache(),
        "MISS",
        "already stale when it arrived"
    );
}

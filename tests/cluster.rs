//! Several gateways share one real `redis-server` (`[cluster]`): bans propagate and lift
//! everywhere, a limit holds across the cluster, and a dead Redis degrades to the local
//! fallback (never open) and resyncs when it is back.
//!
//! Distinct clients are simulated with `X-Forwarded-For` from 127.0.0.1 (a trusted proxy
//! in these configs). Every wait polls with a deadline.

use std::time::{Duration, Instant};

use crate::cluster_support;
use crate::common;

use cluster_support::Redis;
use common::gateway::{Gateway, Setup};
use common::raw::status;
use common::upstream::Upstream;

/// Generous per-call timeout: the test machine is shared and busy.
const CLUSTER: &str = "timeout = \"250ms\"\nheartbeat = \"200ms\"";

async fn gateway(redis: &Redis, name: &str, guard: &str) -> Gateway {
    let cluster = format!(
        "[cluster]\nredis = \"{}\"\ninstance = \"{name}\"\n{CLUSTER}",
        redis.url()
    );
    let setup = Setup::new()
        .trusting_loopback()
        .table(&cluster)
        .guard(guard);
    setup.site("portal.test", &Upstream::ok()).start().await
}

/// The status of a GET of `target` from `client`.
async fn get(gw: &Gateway, client: &str, target: &str) -> u16 {
    status(&gw.get_as(client, target, "").await)
}

/// Polls `f` until it holds; returns how long that took, or panics after `limit`.
async fn within<F: AsyncFnMut() -> bool>(limit: Duration, what: &str, mut f: F) -> Duration {
    let start = Instant::now();
    loop {
        if f().await {
            return start.elapsed();
        }
        assert!(start.elapsed() < limit, "{what}: not within {limit:?}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

async fn healthy(gw: &Gateway, status: &str) -> bool {
    gw.admin("GET", "/healthz")
        .await
        .contains(&format!("\"status\":\"{status}\""))
}

const BAN: &str = "ban = { after = 3, window = \"1m\", duration = \"10m\" }";

/// Three refused probes on `gw` earn `client` a ban there (a 429 is a strike too).
async fn earn_ban(gw: &Gateway, client: &str) {
    for _ in 0..3 {
        let code = get(gw, client, "/.env").await;
        assert!(code == 403 || code == 429, "probe answered {code}");
    }
    assert_eq!(
        get(gw, client, "/").await,
        403,
        "banned on the instance that saw it"
    );
}

#[tokio::test]
async fn a_ban_on_one_instance_is_enforced_by_the_other_and_lifted_everywhere() {
    let Some(redis) = Redis::start().await else {
        return;
    };
    let (a, b) = (
        gateway(&redis, "gw-a", BAN).await,
        gateway(&redis, "gw-b", BAN).await,
    );
    within(Duration::from_secs(10), "both up", async || {
        healthy(&a, "ok").await && healthy(&b, "ok").await
    })
    .await;
    let client = "198.51.100.7";
    assert_eq!(get(&b, client, "/").await, 200);
    earn_ban(&a, client).await;
    let took = within(Duration::from_secs(1), "ban reaches B", async || {
        get(&b, client, "/").await == 403
    })
    .await;
    eprintln!("ban propagation A -> B: {took:?}");
    assert!(
        b.admin("GET", "/bans").await.contains(client),
        "B lists the ban"
    );
    assert_eq!(
        get(&b, "198.51.100.8", "/").await,
        200,
        "others still served"
    );

    assert!(
        b.admin("DELETE", &format!("/bans/{client}"))
            .await
            .starts_with("HTTP/1.1 200")
    );
    let took = within(Duration::from_secs(1), "lift reaches A", async || {
        get(&a, client, "/").await == 200
    })
    .await;
    eprintln!("lift propagation B -> A: {took:?}");

    // Bans live in Redis with their expiry: a gateway started later learns them.
    earn_ban(&b, "198.51.100.9").await;
    let c = gateway(&redis, "gw-c", BAN).await;
    within(
        Duration::from_secs(5),
        "a new instance learns the bans",
        async || get(&c, "198.51.100.9", "/").await == 403,
    )
    .await;
}

/// The JSON body of an admin answer.
fn json_body(resp: &str) -> serde_json::Value {
    let body = resp.split("\r\n\r\n").nth(1).unwrap_or_default();
    serde_json::from_str(body.trim()).unwrap_or_else(|e| panic!("{e}: {resp}"))
}

#[tokio::test]
async fn a_ban_taken_through_the_admin_api_holds_on_every_instance_for_its_ttl() {
    let Some(redis) = Redis::start().await else {
        return;
    };
    let (a, b) = (
        gateway(&redis, "gw-a", BAN).await,
        gateway(&redis, "gw-b", BAN).await,
    );
    within(Duration::from_secs(10), "both up", async || {
        healthy(&a, "ok").await && healthy(&b, "ok").await
    })
    .await;
    let client = "198.51.100.20";
    assert_eq!(get(&b, client, "/").await, 200);
    let taken = a.admin("POST", &format!("/bans/{client}?ttl=90s")).await;
    assert!(taken.starts_with("HTTP/1.1 200"), "{taken}");
    assert_eq!(json_body(&taken)["remaining_secs"], 90);
    assert_eq!(
        get(&a, client, "/").await,
        403,
        "banned at once where taken"
    );
    let took = within(Duration::from_secs(1), "admin ban reaches B", async || {
        get(&b, client, "/").await == 403
    })
    .await;
    eprintln!("admin ban propagation A -> B: {took:?}");
    let listed = json_body(&b.admin("GET", "/bans").await);
    let ban = listed["bans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["client"] == client)
        .expect("B lists the ban")
        .clone();
    let left = ban["remaining_secs"].as_u64().unwrap();
    assert!(
        (60..=90).contains(&left),
        "B keeps the ttl, not the policy's 10m: {left}"
    );
    assert_eq!(
        get(&b, "198.51.100.21", "/").await,
        200,
        "others still served"
    );

    for bad in [
        "/bans/not-an-ip",
        "/bans/198.51.100.22?ttl=5",
        "/bans/198.51.100.22?ttl=0s",
    ] {
        let resp = a.admin("POST", bad).await;
        assert!(resp.starts_with("HTTP/1.1 400"), "{bad}: {resp}");
    }
    // Without a ttl: the policy's first duration (10m).
    let taken = b.admin("POST", "/bans/2001:db8::1").await;
    assert_eq!(json_body(&taken)["remaining_secs"], 600);
    assert_eq!(json_body(&taken)["banned"], "2001:db8::", "IPv6 by /64");

    assert!(
        b.admin("DELETE", &format!("/bans/{client}"))
            .await
            .starts_with("HTTP/1.1 200")
    );
    within(Duration::from_secs(1), "lift reaches A", async || {
        get(&a, client, "/").await == 200
    })
    .await;
}

/// Requests of one client alternate between `n` instances for `secs`; returns
/// (accepted, expected for one cluster-wide limit of 10/s with burst 5: the
/// slack absorbs the jitter of request arrival, which a burst of 1 would count as loss).
async fn alternate(redis: &Redis, n: usize, secs: f64) -> (u32, f64) {
    let guard = "limit = { rate = \"10/s\", burst = 5 }\nban = { enabled = false }";
    let mut gws = Vec::new();
    for i in 0..n {
        gws.push(gateway(redis, &format!("gw-{n}-{i}"), guard).await);
    }
    for gw in &gws {
        within(Duration::from_secs(10), "up", async || {
            healthy(gw, "ok").await
        })
        .await;
    }
    let client = format!("203.0.113.{n}");
    let start = Instant::now();
    let mut accepted = 0;
    let mut i = 0;
    while start.elapsed().as_secs_f64() < secs {
        match get(&gws[i % n], &client, "/").await {
            200 => accepted += 1,
            429 => {}
            other => panic!("unexpected status {other}"),
        }
        i += 1;
    }
    let expected = 5.0 + 10.0 * start.elapsed().as_secs_f64();
    eprintln!("{n} instances: {accepted} accepted of {i} in {secs} s, expected {expected:.1}");
    (accepted, expected)
}

#[tokio::test]
async fn a_limit_holds_across_two_and_four_instances() {
    let Some(redis) = Redis::start().await else {
        return;
    };
    for n in [2, 4] {
        let (accepted, expected) = alternate(&redis, n, 3.0).await;
        let error = (f64::from(accepted) - expected).abs() / expected;
        assert!(
            error <= 0.2,
            "{n} instances: {accepted} accepted, expected {expected:.1}"
        );
    }
}

#[tokio::test]
async fn without_redis_both_serve_on_the_fallback_and_resync_when_it_returns() {
    let Some(mut redis) = Redis::start().await else {
        return;
    };
    let guard = format!("limit = {{ rate = \"10/s\", burst = 4 }}\n{BAN}");
    let (a, b) = (
        gateway(&redis, "gw-a", &guard).await,
        gateway(&redis, "gw-b", &guard).await,
    );
    within(
        Duration::from_secs(10),
        "both up, each seeing two",
        async || {
            let m = a.admin("GET", "/healthz").await;
            healthy(&b, "ok").await && m.contains("\"instances\":2") && m.contains("\"up\":true")
        },
    )
    .await;
    earn_ban(&a, "198.51.100.20").await;
    within(Duration::from_secs(1), "ban reaches B", async || {
        get(&b, "198.51.100.20", "/").await == 403
    })
    .await;

    redis.stop().await;
    within(Duration::from_secs(5), "both report degraded", async || {
        healthy(&a, "degraded").await && healthy(&b, "degraded").await
    })
    .await;
    assert!(
        a.admin("GET", "/metrics")
            .await
            .contains("lachan_cluster_up 0")
    );
    assert_eq!(get(&a, "198.51.100.21", "/").await, 200, "A still serves");
    assert_eq!(get(&b, "198.51.100.21", "/").await, 200, "B still serves");
    assert_eq!(
        get(&b, "198.51.100.20", "/").await,
        403,
        "bans kept locally"
    );
    // Not open: burst 4 shared by the 2 instances last seen is 2 per instance.
    let mut codes = Vec::new();
    for _ in 0..4 {
        codes.push(get(&a, "198.51.100.22", "/").await);
    }
    assert_eq!(
        codes,
        [200, 200, 429, 429],
        "A holds its share of the limit"
    );
    // A ban taken while Redis is away reaches the other instance after the resync.
    earn_ban(&b, "198.51.100.23").await;
    assert_eq!(
        get(&a, "198.51.100.23", "/").await,
        200,
        "not shared while down"
    );

    redis.restart().await;
    within(Duration::from_secs(15), "both resynced", async || {
        healthy(&a, "ok").await && healthy(&b, "ok").await
    })
    .await;
    within(Duration::from_secs(2), "queued ban reaches A", async || {
        get(&a, "198.51.100.23", "/").await == 403
    })
    .await;
    assert_eq!(
        get(&a, "198.51.100.20", "/").await,
        403,
        "ban survived Redis restart"
    );
    assert!(
        a.admin("GET", "/metrics")
            .await
            .contains("lachan_cluster_up 1")
    );

    // A Redis that comes back empty does not lift the cluster's bans: they are sent back.
    redis.restart_empty().await;
    let mut conn = redis.client().await.unwrap();
    within(
        Duration::from_secs(15),
        "bans back in an emptied Redis",
        async || {
            let n: u32 = redis::cmd("EXISTS")
                .arg("lachan:ban:198.51.100.20")
                .arg("lachan:ban:198.51.100.23")
                .query_async(&mut conn)
                .await
                .unwrap_or(0);
            n == 2
        },
    )
    .await;
    assert_eq!(
        get(&a, "198.51.100.20", "/").await,
        403,
        "still banned on A"
    );
    assert_eq!(
        get(&b, "198.51.100.23", "/").await,
        403,
        "still banned on B"
    );
}

#[test]
fn the_deploy_example_configs_are_valid() {
    for n in ["a", "b"] {
        let path = format!("{}/deploy/cluster/gw-{n}.toml", env!("CARGO_MANIFEST_DIR"));
        let config = lachan::config::load(std::path::Path::new(&path)).unwrap();
        assert_eq!(config.cluster().unwrap().instance, format!("gw-{n}"));
    }
}

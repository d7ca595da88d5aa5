//! The guard stage on its own: one whole `Guard::check` of a benign request, one rate-limit
//! check with 1,000,000 client keys tracked, and the memory those keys take.
//!
//! Run: `cargo bench --bench guard` (`cargo bench --bench guard -- check_all` for the
//! clustered check alone, which needs `redis-server`). Targets: under 200 ns per limiter check, under
//! 150 MB for a million keys (printed as `RSS growth for 1000000 keys`).
//!
//! A cold check cannot be cheaper than one random read from memory, so the same run also
//! times that floor: one 64-byte line read from an 18 MiB table (the size of the key store
//! at a million keys), each read's position taken from the line read before it, so that the
//! reads cannot overlap (a check's lock, an atomic read-modify-write, keeps checks from
//! overlapping in the same way).
//!
//! Each timed iteration is one check of one key; the keys are visited in a fixed shuffled
//! order (every key once per pass, neighbours far apart), as a crowd of clients would,
//! so the tables are walked cache-cold rather than in insertion order. The same keys and
//! order also drive governor's own `DashMap` store (what the limiters used before
//! `guard::key_store`), for a before/after figure from one run.

use std::hint::black_box;
use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use lachan::audit::{AuditLog, RequestInfo};
use lachan::guard::Guard;
use lachan::guard::limits::{Limiters, RateRule};
use lachan::metrics::Metrics;

const CONFIG: &str = r#"
[server]
listen = ["127.0.0.1:0"]

[guard]
limit = { rate = "1000000/s", burst = 1000000 }

[[site]]
name = "portal"
hosts = ["portal.test"]
upstream = "http://127.0.0.1:9"
"#;

const KEYS: u32 = 1_000_000;

fn key(n: u32) -> IpAddr {
    IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + n))
}

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn guard_check(c: &mut Criterion) {
    let config = lachan::config::parse(CONFIG, Path::new("bench.toml")).unwrap();
    let guard = Guard::new(&config, AuditLog::tracing(), Arc::new(Metrics::new()));
    let site = config.sites[0].clone();
    let uri = "/tin-tuc/2024/05/le-hoi.html?page=2&q=van+hoa";
    let req = http::Request::get(uri)
        .header("host", "portal.test")
        .header(
            "user-agent",
            "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
        )
        .body(())
        .unwrap();
    let (parts, ()) = req.into_parts();
    let info = RequestInfo {
        site: "portal".into(),
        client_ip: key(1),
        request_id: "bench".into(),
        method: "GET".into(),
        url: uri.into(),
    };
    c.bench_function("guard check, benign request", |b| {
        b.iter(|| black_box(guard.check(&config, &site, &parts, &info)))
    });
}

/// Every key number once, shuffled (Fisher-Yates on a fixed xorshift stream).
fn shuffled() -> Vec<u32> {
    let mut order: Vec<u32> = (0..KEYS).collect();
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    for i in (1..order.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        order.swap(i, (x % (i as u64 + 1)) as usize);
    }
    order
}

fn report_growth(what: &str, before: u64, held: usize) {
    let grown = rss_kib().saturating_sub(before);
    println!(
        "RSS growth for {KEYS} keys, {what}: {:.1} MB ({held} keys held)",
        grown as f64 / 1024.0
    );
}

/// Times `check` over `order`, one key per iteration.
fn bench_checks<R>(c: &mut Criterion, name: &str, order: &[u32], check: impl Fn(IpAddr) -> R) {
    let mut i = 0;
    c.bench_function(name, |b| {
        b.iter(|| {
            let k = key(order[i]);
            i = if i + 1 == order.len() { 0 } else { i + 1 };
            black_box(check(k))
        })
    });
}

fn limiter_with_a_million_keys(c: &mut Criterion) {
    let order = shuffled();
    let before = rss_kib();
    let limiters = Limiters::new(governor::clock::DefaultClock::default());
    let rule = RateRule::new("bench".into(), "100/s".parse().unwrap(), 1000);
    limiters.install([&rule].into_iter());
    for &n in &order {
        let _ = limiters.check(&rule, key(n));
    }
    report_growth("lachan limiters", before, limiters.keys());
    let name = "rate-limit check, 1M keys tracked";
    bench_checks(c, name, &order, |k| limiters.check(&rule, k));
}

/// The same check with only 1,000 keys, all cache-resident: the fixed cost of a check
/// (locks, clock, hash), to set against the 1M-key figure, which adds the cache misses.
fn limiter_with_a_thousand_keys(c: &mut Criterion) {
    let order: Vec<u32> = shuffled().into_iter().filter(|&n| n < 1000).collect();
    let limiters = Limiters::new(governor::clock::DefaultClock::default());
    let rule = RateRule::new("bench".into(), "1000000/s".parse().unwrap(), 1000);
    limiters.install([&rule].into_iter());
    let name = "rate-limit check, 1k keys tracked (cache-warm)";
    bench_checks(c, name, &order, |k| limiters.check(&rule, k));
}

/// The store the limiters used before: governor's `DashMap`, keyed by `IpAddr`, foldhash.
fn governor_dashmap_with_a_million_keys(c: &mut Criterion) {
    use governor::{Quota, RateLimiter, clock::DefaultClock};
    let order = shuffled();
    let before = rss_kib();
    let quota = Quota::per_second(100.try_into().unwrap()).allow_burst(1000.try_into().unwrap());
    let limiter = RateLimiter::dashmap_with_clock_and_hasher(
        quota,
        DefaultClock::default(),
        foldhash::fast::RandomState::default(),
    );
    for &n in &order {
        let _ = limiter.check_key(&key(n));
    }
    report_growth("governor DashMap (old store)", before, limiter.len());
    let name = "rate-limit check, 1M keys tracked, governor DashMap (old store)";
    bench_checks(c, name, &order, |k| limiter.check_key(&k));
}

/// The floor under a cold check: one random line read from a table the key store's size.
fn random_read_floor(c: &mut Criterion) {
    const LINES: usize = 18 * 1024 * 1024 / 64;
    // One random cycle through every line: each line holds the index of the next.
    let order: Vec<u32> = shuffled()
        .into_iter()
        .filter(|&n| (n as usize) < LINES)
        .collect();
    let mut table = vec![[0u64; 8]; LINES];
    for (k, &line) in order.iter().enumerate() {
        table[line as usize][0] = u64::from(order[(k + 1) % order.len()]);
    }
    let mut at = order[0] as usize;
    c.bench_function(
        "floor: one dependent random 64-byte read from 18 MiB",
        |b| {
            b.iter(|| {
                at = table[at][0] as usize;
                black_box(at)
            })
        },
    );
}

/// A `redis-server` on a free loopback TCP port (as a LAN Redis would be reached), or
/// `None` when it is not installed.
fn redis_on_loopback(dir: &Path) -> Option<(std::process::Child, String)> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .ok()?
        .local_addr()
        .ok()?
        .port();
    let child = std::process::Command::new("redis-server")
        .args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
        ])
        .arg("--dir")
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .spawn()
        .ok()?;
    Some((child, format!("redis://127.0.0.1:{port}/0")))
}

/// The clustered check next to the local one: the same benign request through
/// `Guard::check_all` with `[cluster]` up (the local check, then one GCRA script call to
/// Redis on loopback TCP), with the local limiter refusing (a flood: stays in memory), and
/// with Redis down (the local 1/n fallback).
fn clustered_check(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let Some((mut redis, url)) = redis_on_loopback(dir.path()) else {
        println!("clustered check: skipped, redis-server is not installed");
        return;
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let text = format!(
        "[server]\nlisten = [\"127.0.0.1:0\"]\n[cluster]\nredis = \"{url}\"\n\
         instance = \"bench\"\ntimeout = \"100ms\"\n\
         [guard]\nlimit = {{ rate = \"1000000/s\", burst = 1000000 }}\n\
         [[site]]\nname = \"portal\"\nhosts = [\"portal.test\"]\nupstream = \"http://127.0.0.1:9\"\n"
    );
    let config = lachan::config::parse(&text, Path::new("bench.toml")).unwrap();
    let metrics = Arc::new(Metrics::new());
    let guard = Guard::new(&config, AuditLog::tracing(), metrics.clone());
    let cluster = rt.block_on(async {
        let cfg = config.cluster().cloned().unwrap();
        lachan::cluster::Cluster::start(cfg, guard.board(), &metrics).unwrap()
    });
    guard.attach(cluster);
    let up = std::time::Instant::now();
    while guard.cluster_status().is_some_and(|(up, _)| !up) {
        assert!(up.elapsed().as_secs() < 10, "cluster did not come up");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let site = config.sites[0].clone();
    let (parts, ()) = http::Request::get("/tin-tuc/le-hoi.html")
        .body(())
        .unwrap()
        .into_parts();
    let info = |n: u32| RequestInfo {
        site: "portal".into(),
        client_ip: key(n),
        request_id: "bench".into(),
        method: "GET".into(),
        url: "/tin-tuc/le-hoi.html".into(),
    };
    let benign = info(1);
    c.bench_function(
        "guard check_all, benign request, cluster up (Redis on loopback)",
        |b| {
            b.to_async(&rt).iter(|| async {
                black_box(guard.check_all(&config, &site, &parts, &benign).await)
            })
        },
    );
    let _ = redis.kill();
    let _ = redis.wait();
    rt.block_on(async {
        while guard.cluster_status().is_some_and(|(up, _)| up) {
            let _ = guard.check_all(&config, &site, &parts, &benign).await;
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    });
    c.bench_function(
        "guard check_all, benign request, Redis down (local 1/n fallback)",
        |b| {
            b.to_async(&rt).iter(|| async {
                black_box(guard.check_all(&config, &site, &parts, &benign).await)
            })
        },
    );
}

criterion_group!(
    benches,
    limiter_with_a_million_keys,
    random_read_floor,
    limiter_with_a_thousand_keys,
    governor_dashmap_with_a_million_keys,
    guard_check,
    clustered_check
);
criterion_main!(benches);

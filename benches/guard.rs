//! The guard stage on its own: one whole `Guard::check` of a benign request, one rate-limit
//! check with 1,000,000 client keys tracked, and the memory those keys take.
//!
//! Run: `cargo bench --bench guard`. Targets: under 200 ns per limiter check, under
//! 150 MB for a million keys (printed as `RSS growth for 1000000 keys`).

use std::hint::black_box;
use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use lachan::admin::metrics::Metrics;
use lachan::audit::{AuditLog, RequestInfo};
use lachan::guard::Guard;
use lachan::guard::limits::{Limiters, RateRule};

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

fn limiter_with_a_million_keys(c: &mut Criterion) {
    let before = rss_kib();
    let limiters = Limiters::new(governor::clock::DefaultClock::default());
    let rule = RateRule::new("bench".into(), "100/s".parse().unwrap(), 1000);
    limiters.install([&rule].into_iter());
    for n in 0..KEYS {
        let _ = limiters.check(&rule, key(n));
    }
    let grown = rss_kib().saturating_sub(before);
    println!(
        "RSS growth for {KEYS} keys: {:.1} MB ({} keys held)",
        grown as f64 / 1024.0,
        limiters.keys()
    );
    let mut n = 0u32;
    c.bench_function("rate-limit check, 1M keys tracked", |b| {
        b.iter(|| {
            n = (n + 7919) % KEYS;
            black_box(limiters.check(&rule, key(n)))
        })
    });
}

criterion_group!(benches, limiter_with_a_million_keys, guard_check);
criterion_main!(benches);

//! Measures the events per second the audit writer sustains with `fsync = "batch"`.
//!
//! `cargo run --release --example audit_load -- [EVENTS] [DIR]` (defaults: 500000 and a
//! fresh temporary directory). Events are emitted in rounds smaller than the writer's
//! queue, each round ending with a flush, so the figure is the writer's own rate (stamp,
//! hash, append, fsync) and not the rate at which overload is coalesced. It then checks
//! that nothing was coalesced or lost and that the chain verifies.

use std::sync::Arc;
use std::time::{Duration, Instant};

use lachan::audit::config::AuditConfig;
use lachan::audit::{self, Action, Event, RequestInfo, verify};
use lachan::metrics::Metrics;

fn main() {
    let mut args = std::env::args().skip(1);
    let events: usize = args
        .next()
        .map_or(500_000, |a| a.parse().expect("EVENTS is a number"));
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = args
        .next()
        .map_or_else(|| tmp.path().to_path_buf(), Into::into);
    let cfg = AuditConfig {
        dir: dir.clone(),
        ..AuditConfig::default()
    };
    let log = audit::open(&cfg, Arc::new(Metrics::new())).expect("open the audit log");
    let round = cfg.queue / 2;
    let started = Instant::now();
    let mut sent = 0;
    while sent < events {
        let n = round.min(events - sent);
        for i in sent..sent + n {
            log.emit(event(i));
        }
        sent += n;
        assert!(log.flush(Duration::from_secs(60)), "flush timed out");
    }
    let took = started.elapsed();
    let coalesced = log.status().map_or(0, |s| s.coalesced);
    println!(
        "audit writer, fsync=batch: {events} events in {:.2} s = {:.0} events/s (coalesced: {coalesced})",
        took.as_secs_f64(),
        events as f64 / took.as_secs_f64()
    );
    let v0 = Instant::now();
    let out = verify::verify(&dir, None).expect("read the log");
    println!(
        "verify: {} line(s) in {} file(s), {:.2} s, {}",
        out.lines,
        out.files,
        v0.elapsed().as_secs_f64(),
        if out.ok() { "chain OK" } else { "CHAIN BROKEN" }
    );
    let written = out.lines - out.files as u64;
    assert_eq!(written + coalesced, events as u64, "events lost");
    assert!(out.ok(), "{out}");
}

fn event(i: usize) -> Event {
    let req = RequestInfo {
        site: "portal".into(),
        client_ip: std::net::IpAddr::from([203, 0, 113, (i % 250) as u8]),
        request_id: format!("{i:016x}").into(),
        method: "GET".into(),
        url: format!("/tin-tuc/bai-viet-{i}.html?utm_source=google").into(),
    };
    Event::new(&req, "link.foreign", Action::Unwrapped)
        .target(format!("https://nha-cai-{}.test/khuyen-mai", i % 97))
        .detail("a[href] inside a hidden block")
}

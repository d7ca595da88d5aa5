//! The audit trail through a running gateway: the CSP header and report intake, webhook
//! alerts with retries, and `/healthz`.

use crate::common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::HOST;
use common::body::{full, resp};
use common::gateway::{Gateway, Setup, get, text};
use common::upstream::Upstream;
use lachan::audit::{Action, Event, RequestInfo};

/// The demo portal behind the site `portal`, with the site's `[site.csp]` and
/// `[site.alerts]` tables.
fn portal(portal: std::net::SocketAddr, tables: &str) -> Setup {
    let allow = "allow = [\"*.gov.vn\", \"chinhphu.vn\"]";
    let site = Setup::new().site_at(HOST, portal).name("portal");
    site.site_lines(&format!("{allow}\n{tables}"))
}

async fn start(tables: &str) -> Gateway {
    let demo = lachan::demo::portal::start("127.0.0.1:0".parse().unwrap());
    portal(demo.await.unwrap(), tables).start().await
}

/// A CSP report (as browsers POST it); its status.
async fn post_report(gw: &Gateway, body: &str) -> u16 {
    let headers = [("content-type", "application/csp-report")];
    let (head, _) = gw.post("/.lachan/csp-report", &headers, body).await;
    head.status.as_u16()
}

fn report(blocked: &str) -> String {
    format!(
        r#"{{"csp-report":{{"document-uri":"http://portal.example.gov.vn/tin-tuc?id=1","blocked-uri":"{blocked}","effective-directive":"script-src-elem","disposition":"report"}}}}"#
    )
}

/// The only enforced policy is the security headers' own `frame-ancestors`.
fn only_frame_ancestors_is_enforced(headers: &http::HeaderMap) {
    let enforced: Vec<_> = headers.get_all("content-security-policy").iter().collect();
    let frame_ancestors =
        |v: &&http::HeaderValue| v.to_str().unwrap().starts_with("frame-ancestors");
    assert!(enforced.iter().all(frame_ancestors), "{enforced:?}");
}

#[tokio::test]
async fn csp_header_is_added_and_reports_become_capped_deduplicated_events() {
    let gw = start("[site.csp]\nmode = \"report-only\"\nreports_per_minute = 5").await;
    let (page, _) = gw.body("/", &[]).await;
    let csp = page.headers["content-security-policy-report-only"]
        .to_str()
        .unwrap();
    let script_src = "script-src 'self' 'unsafe-inline' portal.example.gov.vn *.gov.vn chinhphu.vn";
    assert!(csp.contains(script_src), "{csp}");
    assert!(csp.contains("form-action 'self'") && csp.contains("report-uri /.lachan/csp-report"));
    only_frame_ancestors_is_enforced(&page.headers);

    let reported = report("https://bet.test/x.js");
    for _ in 0..2 {
        assert_eq!(post_report(&gw, &reported).await, 204);
    }
    assert_eq!(post_report(&gw, &report("https://loader.test/")).await, 204);
    let huge = report(&format!("https://bet.test/{}", "a".repeat(20_000)));
    assert_eq!(post_report(&gw, &huge).await, 413);
    assert_eq!(post_report(&gw, "not json").await, 400);
    // The sixth report of this client within a minute is refused.
    assert_eq!(post_report(&gw, &report("https://z.test/")).await, 429);

    let csp = gw.events_of("csp.violation");
    assert_eq!(csp.len(), 2, "a duplicate report is recorded once: {csp:?}");
    assert_eq!(csp[0].target.as_deref(), Some("https://bet.test/x.js"));
    assert_eq!(csp[0].action, Action::Reported);
    assert_eq!(&*csp[0].request.url, "/tin-tuc?id=1");
    let detail = csp[0].detail.as_deref().unwrap();
    assert!(detail.contains("directive=script-src-elem"), "{detail}");
    gw.shutdown();
}

#[tokio::test]
async fn without_csp_the_header_is_absent_and_the_path_is_not_forwarded() {
    let gw = start("").await;
    let (page, _) = gw.body("/", &[]).await;
    assert_eq!(page.status, 200);
    assert!(
        !page
            .headers
            .contains_key("content-security-policy-report-only")
    );
    only_frame_ancestors_is_enforced(&page.headers);
    assert_eq!(post_report(&gw, &report("https://bet.test/")).await, 404);
    // The sanitizer cleans the sample page; no CSP report became an event.
    assert!(gw.events_of("csp.violation").is_empty());
    gw.shutdown();
}

/// A webhook receiver that fails its first `failures` requests with 500.
fn receiver(failures: usize) -> Upstream {
    let hook = Upstream::new();
    let seen = Arc::new(AtomicUsize::new(0));
    hook.route("*", move || {
        let failed = seen.fetch_add(1, Ordering::SeqCst) < failures;
        resp(if failed { 500 } else { 200 }, &[], full(""))
    });
    hook
}

fn event(rule: &'static str, target: &str) -> Event {
    let req = RequestInfo {
        site: "portal".into(),
        client_ip: "198.51.100.7".parse().unwrap(),
        request_id: "r-1".into(),
        method: "GET".into(),
        url: "/".into(),
    };
    Event::new(&req, rule, Action::Removed).target(target)
}

/// The JSON bodies of the first `n` alerts that reached `hook`.
async fn alerts(hook: &Upstream, n: usize) -> Vec<serde_json::Value> {
    let seen = hook.wait_for(n).await;
    seen.iter()
        .map(|s| serde_json::from_slice(&s.body).unwrap())
        .collect()
}

#[tokio::test]
async fn alerts_are_retried_rate_limited_and_new_hosts_always_alert() {
    let hook = receiver(1);
    let alerts_table = format!(
        "[site.alerts]\nwebhook = \"http://{}/hook\"\nrules = [\"script.*\"]\nmin_interval = \"1h\"",
        hook.start().await
    );
    let gw = start(&alerts_table).await;
    let audit = gw.gateway.audit.clone();
    audit.emit(event("script.redirect", "https://bet.test/")); // rule and new host
    audit.emit(event("script.redirect", "https://bet.test/")); // held back by min_interval
    audit.emit(event("sqli.query", "/?id=1")); // not an alerting rule
    audit.emit(event("link.foreign", "https://new-casino.test/")); // first sighting

    // The receiver fails the first attempt (500); the same alert is retried.
    let got = alerts(&hook, 3).await;
    assert_eq!(got[1], got[0], "the same alert is retried");
    assert_eq!(got[0]["rule"], "script.redirect");
    assert_eq!(got[0]["reason"], "new_foreign_host");
    assert_eq!(got[2]["target"], "https://new-casino.test/");
    assert_eq!(got[2]["reason"], "new_foreign_host");
    let stats = audit.alert_stats();
    // The receiver records before it answers; the counter moves after the answer, and
    // nothing signals that, so poll with a deadline.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while stats.delivered.load(Ordering::SeqCst) < 2 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(stats.delivered.load(Ordering::SeqCst), 2);
    assert_eq!(stats.attempts.load(Ordering::SeqCst), 3);
    assert_eq!(
        hook.count(),
        3,
        "held back and non-alerting events never went out"
    );
    gw.shutdown();
}

#[tokio::test]
async fn healthz_reports_the_audit_log() {
    let demo = lachan::demo::portal::start("127.0.0.1:0".parse().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let audit = format!("[audit]\ndir = \"{}\"", dir.path().display());
    let gw = portal(demo.await.unwrap(), "").table(&audit);
    let gw = gw.start_with_real_audit().await;
    let health = text(get(gw.admin_addr.unwrap(), "admin", "/healthz").await).await;
    let v: serde_json::Value = serde_json::from_str(&health).unwrap();
    assert_eq!(v["audit"]["state"], "ok", "{v}");
    assert_eq!(v["audit"]["write_errors"], 0);
    assert_eq!(v["audit"]["fail_closed"], false);
    gw.shutdown();
}

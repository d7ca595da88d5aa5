//! The audit trail through a running gateway: the CSP header and report intake, webhook
//! alerts with retries, and `/healthz`.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};
use lachan::audit::{Action, AuditLog, Event, MemorySink, RequestInfo};
use lachan::runtime::{Options, Running};
use tokio::sync::mpsc;

type HttpClient = Client<HttpConnector, Full<Bytes>>;

fn client() -> HttpClient {
    Client::builder(TokioExecutor::new()).build(HttpConnector::new())
}

fn gateway_config(upstream: SocketAddr, csp: &str, alerts: &str) -> lachan::config::Config {
    let text = format!(
        r#"[server]
listen = ["127.0.0.1:0"]
admin = "127.0.0.1:0"

[[site]]
name = "portal"
hosts = ["portal.example.gov.vn"]
upstream = "http://{upstream}"
allow = ["*.gov.vn", "chinhphu.vn"]
{csp}
{alerts}
"#
    );
    lachan::config::parse(&text, Path::new("<test>")).unwrap()
}

async fn start(csp: &str, alerts: &str) -> (Running, Arc<MemorySink>) {
    let portal = lachan::demo::portal::start("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let (log, sink) = AuditLog::memory();
    let opts = Options {
        audit: Some(log),
        ..Options::default()
    };
    let running = Running::start(gateway_config(portal, csp, alerts), opts)
        .await
        .unwrap();
    (running, sink)
}

async fn send(
    c: &HttpClient,
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: &str,
) -> http::Response<Bytes> {
    let req = http::Request::builder()
        .method(method)
        .uri(format!("http://{addr}{path}"))
        .header("host", "portal.example.gov.vn")
        .header("content-type", "application/csp-report")
        .body(Full::new(Bytes::from(body.to_string())))
        .unwrap();
    let (parts, body) = c.request(req).await.unwrap().into_parts();
    http::Response::from_parts(parts, body.collect().await.unwrap().to_bytes())
}

fn report(blocked: &str) -> String {
    format!(
        r#"{{"csp-report":{{"document-uri":"http://portal.example.gov.vn/tin-tuc?id=1","blocked-uri":"{blocked}","effective-directive":"script-src-elem","disposition":"report"}}}}"#
    )
}

#[tokio::test]
async fn csp_header_is_added_and_reports_become_capped_deduplicated_events() {
    let (gw, sink) = start(
        "[site.csp]\nmode = \"report-only\"\nreports_per_minute = 5",
        "",
    )
    .await;
    let (c, addr) = (client(), gw.http_addrs[0]);
    let page = send(&c, addr, "GET", "/", "").await;
    let csp = page.headers()["content-security-policy-report-only"]
        .to_str()
        .unwrap();
    assert!(
        csp.contains(
            "script-src 'self' 'unsafe-inline' portal.example.gov.vn *.gov.vn chinhphu.vn"
        )
    );
    assert!(csp.contains("form-action 'self'") && csp.contains("report-uri /.lachan/csp-report"));
    // The only enforced policy is the security headers' own `frame-ancestors`.
    let enforced: Vec<_> = page
        .headers()
        .get_all("content-security-policy")
        .iter()
        .collect();
    assert!(
        enforced
            .iter()
            .all(|v| v.to_str().unwrap().starts_with("frame-ancestors")),
        "{enforced:?}"
    );

    let path = "/.lachan/csp-report";
    assert_eq!(
        send(&c, addr, "POST", path, &report("https://bet.test/x.js"))
            .await
            .status(),
        204
    );
    assert_eq!(
        send(&c, addr, "POST", path, &report("https://bet.test/x.js"))
            .await
            .status(),
        204
    );
    assert_eq!(
        send(&c, addr, "POST", path, &report("https://loader.test/"))
            .await
            .status(),
        204
    );
    let huge = report(&format!("https://bet.test/{}", "a".repeat(20_000)));
    assert_eq!(send(&c, addr, "POST", path, &huge).await.status(), 413);
    assert_eq!(send(&c, addr, "POST", path, "not json").await.status(), 400);
    // The sixth report of this client within a minute is refused.
    assert_eq!(
        send(&c, addr, "POST", path, &report("https://z.test/"))
            .await
            .status(),
        429
    );

    let events = sink.events();
    let csp: Vec<&Event> = events
        .iter()
        .filter(|e| e.rule == "csp.violation")
        .collect();
    assert_eq!(csp.len(), 2, "a duplicate report is recorded once: {csp:?}");
    assert_eq!(csp[0].target.as_deref(), Some("https://bet.test/x.js"));
    assert_eq!(csp[0].action, Action::Reported);
    assert_eq!(&*csp[0].request.url, "/tin-tuc?id=1");
    assert!(
        csp[0]
            .detail
            .as_deref()
            .unwrap()
            .contains("directive=script-src-elem")
    );
    gw.shutdown();
}

#[tokio::test]
async fn without_csp_the_header_is_absent_and_the_path_is_not_forwarded() {
    let (gw, sink) = start("", "").await;
    let (c, addr) = (client(), gw.http_addrs[0]);
    let page = send(&c, addr, "GET", "/", "").await;
    assert_eq!(page.status(), 200);
    assert!(
        !page
            .headers()
            .contains_key("content-security-policy-report-only")
    );
    // The only enforced policy is the security headers' own `frame-ancestors`.
    let enforced: Vec<_> = page
        .headers()
        .get_all("content-security-policy")
        .iter()
        .collect();
    assert!(
        enforced
            .iter()
            .all(|v| v.to_str().unwrap().starts_with("frame-ancestors")),
        "{enforced:?}"
    );
    let r = send(
        &c,
        addr,
        "POST",
        "/.lachan/csp-report",
        &report("https://bet.test/"),
    )
    .await;
    assert_eq!(r.status(), 404);
    // The sanitizer cleans the sample page; no CSP report became an event.
    assert!(!sink.events().iter().any(|e| e.rule == "csp.violation"));
    gw.shutdown();
}

/// A webhook receiver on 127.0.0.1:0 that fails its first `failures` requests with 500.
async fn receiver(
    failures: usize,
) -> (
    SocketAddr,
    mpsc::UnboundedReceiver<(u16, serde_json::Value)>,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = mpsc::unbounded_channel();
    let seen = Arc::new(AtomicUsize::new(0));
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let (tx, seen) = (tx.clone(), seen.clone());
            tokio::spawn(async move {
                let svc =
                    hyper::service::service_fn(move |req: http::Request<hyper::body::Incoming>| {
                        let (tx, seen) = (tx.clone(), seen.clone());
                        async move {
                            let body = req.into_body().collect().await.unwrap().to_bytes();
                            let status = if seen.fetch_add(1, Ordering::SeqCst) < failures {
                                500
                            } else {
                                200
                            };
                            let _ = tx.send((status, serde_json::from_slice(&body).unwrap()));
                            let mut resp = http::Response::new(Full::new(Bytes::new()));
                            *resp.status_mut() = http::StatusCode::from_u16(status).unwrap();
                            Ok::<_, std::convert::Infallible>(resp)
                        }
                    });
                let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(stream), svc)
                    .await;
            });
        }
    });
    (addr, rx)
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

async fn next(
    rx: &mut mpsc::UnboundedReceiver<(u16, serde_json::Value)>,
) -> (u16, serde_json::Value) {
    tokio::time::timeout(Duration::from_secs(20), rx.recv())
        .await
        .expect("no alert within 20 s")
        .unwrap()
}

#[tokio::test]
async fn alerts_are_retried_rate_limited_and_new_hosts_always_alert() {
    let (hook, mut rx) = receiver(1).await;
    let alerts = format!(
        "[site.alerts]\nwebhook = \"http://{hook}/hook\"\nrules = [\"script.*\"]\nmin_interval = \"1h\""
    );
    let (gw, _sink) = start("", &alerts).await;
    let audit = gw.gateway.audit.clone();
    audit.emit(event("script.redirect", "https://bet.test/")); // rule and new host
    audit.emit(event("script.redirect", "https://bet.test/")); // held back by min_interval
    audit.emit(event("sqli.query", "/?id=1")); // not an alerting rule
    audit.emit(event("link.foreign", "https://new-casino.test/")); // first sighting

    let (status, first) = next(&mut rx).await;
    assert_eq!(status, 500, "the receiver fails the first attempt");
    let (status, retry) = next(&mut rx).await;
    assert_eq!((status, &retry), (200, &first), "the same alert is retried");
    assert_eq!(first["rule"], "script.redirect");
    assert_eq!(first["reason"], "new_foreign_host");
    let (_, third) = next(&mut rx).await;
    assert_eq!(third["target"], "https://new-casino.test/");
    assert_eq!(third["reason"], "new_foreign_host");
    let stats = audit.alert_stats();
    // The receiver reports before it answers; the counter moves after the answer, and
    // nothing signals that, so poll with a deadline.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while stats.delivered.load(Ordering::SeqCst) < 2 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(stats.delivered.load(Ordering::SeqCst), 2);
    assert_eq!(stats.attempts.load(Ordering::SeqCst), 3);
    gw.shutdown();
}

#[tokio::test]
async fn healthz_reports_the_audit_log() {
    let portal = lachan::demo::portal::start("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = gateway_config(portal, "", "");
    cfg.audit_mut().dir = dir.path().to_path_buf();
    let gw = Running::start(cfg, Options::default()).await.unwrap();
    let c = client();
    let req = http::Request::get(format!("http://{}/healthz", gw.admin_addr.unwrap()))
        .body(Full::new(Bytes::new()))
        .unwrap();
    let body = c
        .request(req)
        .await
        .unwrap()
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes();
    let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["audit"]["state"], "ok", "{v}");
    assert_eq!(v["audit"]["write_errors"], 0);
    assert_eq!(v["audit"]["fail_closed"], false);
    gw.shutdown();
}

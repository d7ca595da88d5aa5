//! Attack suite (issue 14, class 8 "carriers that still pass", red-team round 2
//! `header-reporting-endpoints`, `header-csp-report-uri`): response headers that make every
//! visitor's browser post reports to the attacker's host, with no markup at all:
//! `Reporting-Endpoints`, `Report-To` (fed by `NEL`), and a CSP's `report-uri`, enforced or
//! report-only, also in the second of two comma-joined policies, on any status. Each
//! foreign endpoint goes (`header.report`, one event per response) and the page is served;
//! the rest of each header stays.
//!
//! Benign twins: the site's own endpoints, relative ones and those of allowed hosts pass
//! byte for byte with no event, and so does a CSP without `report-uri`.

use crate::common;

use common::body::{full, resp};
use common::gateway::{Gateway, Setup};
use common::upstream::Upstream;
use common::{ALLOW, HOST};
use lachan::audit::Action;

const PAGE: &str = "<!doctype html><html><head><title>Sở Tư pháp</title></head>\
    <body><h1>Tin tức</h1><p>Thông báo lịch tiếp công dân.</p></body></html>";

async fn portal() -> Gateway {
    let allow = ALLOW
        .iter()
        .map(|h| format!("\"{h}\""))
        .collect::<Vec<_>>()
        .join(", ");
    Setup::new()
        .guard("allow = [\"127.0.0.0/8\"]")
        .site(HOST, &Upstream::new())
        .site_lines(&format!("allow = [{allow}]"))
        .start()
        .await
}

fn route(h: &Gateway, path: &str, status: u16, head: Vec<(&'static str, String)>) {
    h.upstream.route(path, move || {
        let mut r = resp(
            status,
            &[("content-type", "text/html; charset=utf-8")],
            full(PAGE),
        );
        for (name, value) in &head {
            r.headers_mut().append(*name, value.parse().unwrap());
        }
        r
    });
}

/// The attacker's endpoints, as each header writes them, and their hosts.
const HOSTS: &[(&str, &str)] = &[
    ("https://rpt.nhathuoc-sieure.shop/r", "nhathuoc-sieure"),
    ("//csp.vuabet79.top/r", "vuabet79"),
    ("https://bet.test:8443/report?x=1,2", "bet.test"),
    ("http://203.0.113.9/nel", "203.0.113.9"),
];

fn planted(url: &str) -> Vec<(&'static str, &'static str, String)> {
    vec![
        (
            "reporting-endpoints",
            "reporting-endpoints",
            format!("main=\"{url}\""),
        ),
        (
            "reporting-endpoints",
            "reporting-endpoints",
            format!("default=\"/.well-known/reports\", main=\"{url}\""),
        ),
        (
            "report-to",
            "report-to",
            format!(
                "{{\"group\":\"default\",\"max_age\":10886400,\"endpoints\":[{{\"url\":\"{url}\"}}],\"include_subdomains\":true}}"
            ),
        ),
        (
            "csp",
            "content-security-policy",
            format!("default-src 'self' 'unsafe-inline'; report-uri {url}"),
        ),
        (
            "csp-ro",
            "content-security-policy-report-only",
            format!("default-src 'self'; report-uri /csp {url}; report-to main"),
        ),
        // Two policies in one header: the second opens with the report-uri.
        (
            "csp-joined",
            "content-security-policy",
            format!("script-src 'self' 'unsafe-inline', report-uri {url}; default-src 'self'"),
        ),
    ]
}

#[tokio::test]
async fn foreign_report_endpoints_go_and_the_page_is_served() {
    let h = portal().await;
    let mut n = 0;
    for (url, host) in HOSTS {
        for (kind, name, value) in planted(url) {
            for status in [200u16, 404, 500] {
                n += 1;
                let path = format!("/r{n}-{kind}-{status}");
                route(&h, &path, status, vec![(name, value.clone())]);
                let (parts, body) = h.body(&path, &[]).await;
                assert_eq!(parts.status.as_u16(), status, "{name}: {value}");
                let body = String::from_utf8(body).unwrap();
                assert!(body.contains("Thông báo lịch tiếp công dân"), "{body}");
                for v in parts.headers.values() {
                    let v = v.to_str().unwrap_or_default();
                    assert!(!v.contains(host), "{name}: {value} left {v}");
                }
            }
        }
    }
    let events = h.events_of("header.report");
    assert_eq!(events.len(), n, "one event per response");
    assert!(events.iter().all(|e| e.action == Action::Removed));
}

#[tokio::test]
async fn the_rest_of_each_header_stays() {
    let h = portal().await;
    let evil = "https://rpt.bet.test/r";
    route(
        &h,
        "/mixed",
        200,
        vec![
            (
                "reporting-endpoints",
                format!("default=\"/.well-known/reports\", main=\"{evil}\""),
            ),
            (
                "content-security-policy",
                format!("default-src 'self'; report-uri /csp {evil}"),
            ),
            (
                "report-to",
                format!(
                    "{{\"group\":\"a\",\"max_age\":1,\"endpoints\":[{{\"url\":\"/r\"}}]}}, {{\"group\":\"b\",\"max_age\":1,\"endpoints\":[{{\"url\":\"{evil}\"}}]}}"
                ),
            ),
        ],
    );
    let (parts, _) = h.body("/mixed", &[]).await;
    let get = |n: &str| {
        parts
            .headers
            .get_all(n)
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        get("reporting-endpoints"),
        ["default=\"/.well-known/reports\""]
    );
    assert!(
        get("content-security-policy").contains(&"default-src 'self'; report-uri /csp".to_string()),
        "{:?}",
        get("content-security-policy")
    );
    let report_to = get("report-to");
    assert_eq!(report_to.len(), 1);
    assert!(report_to[0].contains("\"group\":\"a\"") && !report_to[0].contains("bet.test"));
    let events = h.events_of("header.report");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].target.as_deref(), Some(evil));
}

#[tokio::test]
async fn report_to_that_is_not_json_goes_whole() {
    let h = portal().await;
    route(
        &h,
        "/bad",
        200,
        vec![(
            "report-to",
            "group=a; url=https://rpt.bet.test/r".to_string(),
        )],
    );
    let (parts, _) = h.body("/bad", &[]).await;
    assert!(parts.headers.get("report-to").is_none());
    assert_eq!(h.events_of("header.report").len(), 1);
}

#[tokio::test]
async fn own_and_allowed_endpoints_pass_byte_for_byte() {
    let h = portal().await;
    let own = format!("https://{HOST}/csp");
    let allowed = format!("https://{}/r", ALLOW[1]);
    let values: Vec<(&'static str, String)> = vec![
        ("reporting-endpoints", format!("main=\"{own}\", b=\"/r\"")),
        (
            "report-to",
            "{\"group\":\"default\",\"max_age\":1,\"endpoints\":[{\"url\":\"/nel\"}]}".to_string(),
        ),
        (
            "nel",
            "{\"report_to\":\"default\",\"max_age\":1}".to_string(),
        ),
        (
            "content-security-policy-report-only",
            format!("default-src 'self' https://cdn.example.org; report-uri /csp {allowed}"),
        ),
        (
            "content-security-policy",
            "img-src * data:; script-src 'self' https://www.google-analytics.com".to_string(),
        ),
    ];
    route(&h, "/own", 200, values.clone());
    let (parts, _) = h.body("/own", &[]).await;
    for (name, value) in &values {
        let got: Vec<&str> = parts
            .headers
            .get_all(*name)
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect();
        assert!(got.contains(&value.as_str()), "{name}: {got:?}");
    }
    assert!(h.events_of("header.report").is_empty());
}

//! `lachan scan --alert`: posts each new suspicious host (against the baseline) through
//! the site's `[site.alerts] webhook`, with the gateway's own alert sender
//! (`audit::alert::send_now`): same JSON shape, retries and back-off.
//!
//! The payload has `reason = "scan_new_suspicious_host"` and `rule = "scan.new_host"`;
//! `target` is the host, `detail` its reasons and pages, `url` the first page carrying it.

use super::model::Report;
use crate::audit::config::SiteAlerts;

/// The alert body for `host`, as found in `report`.
pub fn payload(report: &Report, host: &str) -> serde_json::Value {
    let entry = report.hosts.iter().find(|h| h.host == host);
    let reasons: Vec<&str> = entry
        .map(|h| h.reasons.iter().map(|r| r.as_str()).collect())
        .unwrap_or_default();
    let pages = entry.map_or(0, |h| h.pages);
    let first_page = report
        .pages
        .iter()
        .find(|p| p.links.iter().any(|l| l.host == host))
        .map_or("-", |p| p.url.as_str());
    serde_json::json!({
        "source": "lachan",
        "reason": "scan_new_suspicious_host",
        "ts": crate::audit::line::now_ts(),
        "site": report.site,
        "rule": "scan.new_host",
        "action": "reported",
        "target": host,
        "detail": format!("reasons: {}; on {pages} page(s)", reasons.join(", ")),
        "client_ip": "0.0.0.0",
        "request_id": "-",
        "url": first_page,
        "held_back": 0,
    })
}

/// Posts one alert per host; returns the hosts whose alert could not be delivered.
pub async fn send(alerts: &SiteAlerts, report: &Report, hosts: &[String]) -> Vec<(String, String)> {
    let mut failed = Vec::new();
    for h in hosts {
        if let Err(e) = crate::audit::alert::send_now(alerts, payload(report, h)).await {
            failed.push((h.clone(), e));
        }
    }
    failed
}

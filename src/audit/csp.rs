//! Content-Security-Policy: the per-site policy (sent in stage 5 by `proxy::head`), and the
//! intake (stage 2) that turns browsers' violation reports into `csp.violation` audit events.
//!
//! The policy only restricts where scripts, frames and form posts may go (`script-src`,
//! `frame-src`, `form-action`): the site's own hosts and its `allow` list. Inline scripts
//! stay allowed (`'unsafe-inline'`), because the portals behind us depend on them and the
//! sanitizer already judges inline code; what the CSP adds is a browser-side stop for
//! foreign hosts that slip past the sanitizer.
//!
//! Security notes: the report path is answered by the gateway, never forwarded. Reports are
//! attacker-controlled: the body is capped at [`MAX_REPORT`] bytes, each client may send
//! `reports_per_minute`, identical reports are recorded once per [`DEDUP_WINDOW`], and
//! every string is capped before it reaches the log.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use http::{HeaderValue, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Limited};
use serde_json::Value;

use super::AuditLog;
use super::config::CspMode;
use super::event::{Action, Event, RequestInfo};
use super::line::cap;
use crate::body::{GatewayBody, empty};
use crate::settings::Site;

/// The path the gateway answers itself on every site.
pub(crate) const REPORT_PATH: &str = "/.lachan/csp-report";
pub(crate) const MAX_REPORT: usize = 16 * 1024;
pub(crate) const DEDUP_WINDOW: Duration = Duration::from_secs(600);
/// Bound on the per-client and de-duplication tables.
const MAX_KEYS: usize = 10_000;
const FIELD: usize = 512;

/// Builds the policy from the site's own hosts and its allow list.
pub(crate) fn policy(hosts: &[String], allow: &[String]) -> String {
    let sources: Vec<&str> = hosts
        .iter()
        .chain(allow)
        .map(String::as_str)
        .filter(|s| is_host_source(s))
        .collect();
    let list = sources.join(" ");
    let with = |base: &str| format!("{base} {list}").trim_end().to_string();
    format!(
        "{}; {}; {}; report-uri {REPORT_PATH}",
        with("script-src 'self' 'unsafe-inline'"),
        with("frame-src 'self'"),
        with("form-action 'self'"),
    )
}

/// Only plain host patterns reach the header: nothing that could end a directive.
fn is_host_source(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.*:[]".contains(&b))
}

/// Whether the request is for the report intake (answered right after identify).
pub(crate) fn is_report<B>(req: &Request<B>) -> bool {
    req.uri().path() == REPORT_PATH
}

/// Rate limits and de-duplication for the intake; lives as long as the audit log.
#[derive(Debug, Default)]
pub(crate) struct Intake {
    clients: Mutex<HashMap<IpAddr, (Instant, u32)>>,
    seen: Mutex<HashMap<(String, String, String), Instant>>,
}

impl Intake {
    fn allow_client(&self, ip: IpAddr, per_minute: u32) -> bool {
        let mut map = self.clients.lock().expect("csp clients poisoned");
        let now = Instant::now();
        if map.len() >= MAX_KEYS {
            map.retain(|_, (start, _)| now.duration_since(*start) < Duration::from_secs(60));
        }
        let (start, n) = map.entry(ip).or_insert((now, 0));
        if now.duration_since(*start) >= Duration::from_secs(60) {
            (*start, *n) = (now, 0);
        }
        *n += 1;
        *n <= per_minute
    }

    fn first_time(&self, key: (String, String, String)) -> bool {
        let mut map = self.seen.lock().expect("csp seen poisoned");
        let now = Instant::now();
        if map.len() >= MAX_KEYS {
            map.retain(|_, at| now.duration_since(*at) < DEDUP_WINDOW);
        }
        match map.get(&key) {
            Some(at) if now.duration_since(*at) < DEDUP_WINDOW => false,
            _ => {
                map.insert(key, now);
                true
            }
        }
    }
}

/// One violation, as read from either report format.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Violation {
    pub(crate) document: String,
    pub(crate) blocked: String,
    pub(crate) directive: String,
    pub(crate) disposition: String,
}

/// Answers a report request: 204 when taken (or a duplicate), 4xx otherwise.
pub(crate) async fn intake<B>(
    audit: &AuditLog,
    site: &Site,
    info: &RequestInfo,
    req: Request<B>,
) -> Response<GatewayBody>
where
    B: http_body::Body<Data = bytes::Bytes>,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    if site.csp().mode == CspMode::Off {
        return status(StatusCode::NOT_FOUND);
    }
    if req.method() != Method::POST {
        return status(StatusCode::METHOD_NOT_ALLOWED);
    }
    let gate = audit.csp_intake();
    if !gate.allow_client(info.client_ip, site.csp().reports_per_minute) {
        return status(StatusCode::TOO_MANY_REQUESTS);
    }
    let body = match Limited::new(req.into_body(), MAX_REPORT).collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => return status(StatusCode::PAYLOAD_TOO_LARGE),
    };
    let Some(list) = parse(&body) else {
        return status(StatusCode::BAD_REQUEST);
    };
    for v in list.into_iter().take(8) {
        let key = (site.name.clone(), v.directive.clone(), v.blocked.clone());
        if gate.first_time(key) {
            audit.emit(event(info, v));
        }
    }
    status(StatusCode::NO_CONTENT)
}

fn event(info: &RequestInfo, v: Violation) -> Event {
    let mut req = info.clone();
    if let Ok(doc) = url::Url::parse(&v.document) {
        let path = &doc[url::Position::BeforePath..url::Position::AfterQuery];
        req.url = cap(path, FIELD).as_ref().into();
    }
    Event::new(&req, "csp.violation", Action::Reported)
        .target(v.blocked)
        .detail(format!(
            "directive={} disposition={} document={}",
            v.directive, v.disposition, v.document
        ))
}

/// Reads `application/csp-report` (`{"csp-report":{…}}`) and the Reporting API
/// (`[{"type":"csp-violation","body":{…}}]`).
pub(crate) fn parse(body: &[u8]) -> Option<Vec<Violation>> {
    let value: Value = serde_json::from_slice(body).ok()?;
    let list = match &value {
        Value::Object(o) => vec![o.get("csp-report")?],
        Value::Array(items) => items
            .iter()
            .filter(|r| r.get("type").and_then(Value::as_str) == Some("csp-violation"))
            .filter_map(|r| r.get("body"))
            .collect(),
        _ => return None,
    };
    let out: Vec<Violation> = list.into_iter().filter_map(violation).collect();
    (!out.is_empty()).then_some(out)
}

fn violation(r: &Value) -> Option<Violation> {
    let field = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| r.get(*n).and_then(Value::as_str))
            .map(|s| cap(s, FIELD).into_owned())
    };
    Some(Violation {
        document: field(&["document-uri", "documentURL"]).unwrap_or_default(),
        blocked: field(&["blocked-uri", "blockedURL"]).unwrap_or_else(|| "unknown".into()),
        directive: field(&[
            "effective-directive",
            "effectiveDirective",
            "violated-directive",
        ])?,
        disposition: field(&["disposition"]).unwrap_or_else(|| "enforce".into()),
    })
}

fn status(code: StatusCode) -> Response<GatewayBody> {
    let mut resp = Response::new(empty());
    *resp.status_mut() = code;
    resp.headers_mut().insert(
        http::header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    );
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_lists_own_and_allowed_hosts_and_drops_injection() {
        let p = policy(
            &["portal.example.gov.vn".into()],
            &["*.gov.vn".into(), "evil.test; script-src *".into()],
        );
        assert!(p.starts_with("script-src 'self' 'unsafe-inline' portal.example.gov.vn *.gov.vn;"));
        assert!(p.contains("frame-src 'self' portal.example.gov.vn *.gov.vn;"));
        assert!(p.ends_with("report-uri /.lachan/csp-report"));
        assert!(!p.contains("evil"));
    }

    #[test]
    fn both_report_formats_parse() {
        let old = br#"{"csp-report":{"document-uri":"https://p/x","blocked-uri":"https://bet.test/a.js","effective-directive":"script-src-elem"}}"#;
        let v = parse(old).unwrap();
        assert_eq!(v[0].blocked, "https://bet.test/a.js");
        let new = br#"[{"type":"csp-violation","body":{"documentURL":"https://p/","blockedURL":"https://f.test/","effectiveDirective":"frame-src","disposition":"report"}}]"#;
        let v = parse(new).unwrap();
        assert_eq!(
            (v[0].directive.as_str(), v[0].disposition.as_str()),
            ("frame-src", "report")
        );
        assert!(parse(b"{}").is_none());
    }
}

//! Foreign report endpoints in the response head (B6's headers, issue 14 class 8; suite
//! `tests/header_report_endpoints.rs`, red-team round 2 `header-reporting-endpoints`,
//! `header-csp-report-uri`): `Reporting-Endpoints`, `Report-To` (fed by `NEL`) and the
//! `report-uri` of a CSP, enforced or report-only, make every visitor's browser post to the
//! attacker's host with no markup at all. Generated: one to three of those headers (a CSP
//! also as two comma-joined policies, the second opened by `report-uri`), each
//! with a foreign endpoint (absolute, scheme-relative, an IP, a port, userinfo, upper
//! case) alone or beside the site's own, on any status. The crawler's header judge reads
//! every endpoint of the answer; the browser's reads the document's headers.
//!
//! The benign twins: the same headers naming the site's own, relative or allowed
//! endpoints come through byte for byte, with no event.

use super::rng::Rng;
use super::{ALLOW, HOST, Kind, Payload, Template};

pub const TEMPLATES: &[Template] = &[Template {
    family: "B6",
    class: 8,
    name: "header-report-endpoints",
    kind: Kind::Header,
    active: true,
    make: foreign,
}];

pub const BENIGN: &[Template] = &[Template {
    family: "benign",
    class: 8,
    name: "report-endpoints-own",
    kind: Kind::Benign,
    active: false,
    make: own,
}];

/// A foreign endpoint, in one of the forms a browser posts to.
fn foreign_url(r: &mut Rng) -> String {
    let host = r.host();
    let path = *r.pick(&["/r", "/report", "/nel", "/csp-report?site=gov", "/"]);
    match r.below(7) {
        0 => format!("//{host}{path}"),
        1 => format!("http://203.0.113.{}{path}", r.below(250) + 1),
        2 => format!("https://{host}:8443{path}"),
        3 => format!("https://{HOST}@{host}{path}"),
        4 => format!("https://{}{path}", host.to_ascii_uppercase()),
        5 => format!("https://{HOST}.{host}{path}"),
        _ => format!("https://{host}{path}"),
    }
}

/// An endpoint the site may keep: its own (absolute or relative) or an allowed host's.
fn own_url(r: &mut Rng) -> String {
    match r.below(4) {
        0 => format!("https://{HOST}/csp"),
        1 => "/.well-known/reports".to_string(),
        2 => {
            let allowed = ALLOW[r.below(ALLOW.len())].replace("*.", "baocao.");
            format!("https://{allowed}/r")
        }
        _ => "/bao-cao/csp".to_string(),
    }
}

/// One header naming `urls` (the first is the one that matters).
fn header(r: &mut Rng, urls: &[String]) -> Vec<(String, String)> {
    let h = |n: &str, v: String| (n.to_string(), v);
    match r.below(6) {
        0 => {
            let members: Vec<String> = urls
                .iter()
                .enumerate()
                .map(|(i, u)| format!("{}=\"{u}\"", ["main", "csp", "default"][i % 3]))
                .collect();
            vec![h("reporting-endpoints", members.join(", "))]
        }
        1 => {
            let groups: Vec<String> = urls
                .iter()
                .enumerate()
                .map(|(i, u)| {
                    format!(
                        "{{\"group\":\"g{i}\",\"max_age\":10886400,\"endpoints\":[{{\"url\":\"{u}\"}}],\"include_subdomains\":true}}"
                    )
                })
                .collect();
            vec![
                h("report-to", groups.join(", ")),
                h("nel", "{\"report_to\":\"g0\",\"max_age\":10886400}".into()),
            ]
        }
        2 => vec![h(
            "content-security-policy",
            format!(
                "default-src 'self' 'unsafe-inline' https: data:; report-uri {}",
                urls.join(" ")
            ),
        )],
        3 => vec![h(
            "content-security-policy-report-only",
            format!(
                "default-src 'self'; report-uri {}; report-to main",
                urls.join(" ")
            ),
        )],
        4 => vec![h(
            "content-security-policy",
            format!(
                "script-src 'self' 'unsafe-inline', report-uri {}; default-src 'self'",
                urls.join(" ")
            ),
        )],
        _ => vec![h(
            "Content-Security-Policy",
            format!("img-src * data:; REPORT-URI {}", urls.join(" ")),
        )],
    }
}

fn foreign(r: &mut Rng) -> Payload {
    let mut headers = Vec::new();
    for _ in 0..1 + r.below(3) {
        let mut urls = vec![foreign_url(r)];
        if r.chance(40) {
            urls.insert(r.below(2), own_url(r));
        }
        for (name, value) in header(r, &urls) {
            if !headers
                .iter()
                .any(|(n, _): &(String, String)| n.eq_ignore_ascii_case(&name))
            {
                headers.push((name.to_ascii_lowercase(), value));
            }
        }
    }
    Payload {
        status: Some(*r.pick(&[200, 200, 200, 404, 500, 403, 503])),
        headers,
        ..Default::default()
    }
}

fn own(r: &mut Rng) -> Payload {
    let mut headers: Vec<(String, String)> = Vec::new();
    for _ in 0..1 + r.below(3) {
        let urls: Vec<String> = (0..1 + r.below(2)).map(|_| own_url(r)).collect();
        for (name, value) in header(r, &urls) {
            if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name)) {
                headers.push((name.to_ascii_lowercase(), value));
            }
        }
    }
    Payload {
        headers,
        ..Default::default()
    }
}

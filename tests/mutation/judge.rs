//! The crawler's view of one variant through the gateway: what a search engine would read
//! in the body and the headers, and what the audit log recorded.

use http::{HeaderMap, header};
use lachan::audit::Event;
use lachan::sanitize::html::oracle;
use lachan::sanitize::policy::{Carrier, HostSet, UrlVerdict, judge_url};

use super::rng::normalize;
use super::{Charset, HOST, Variant, encode};

/// What came back from the gateway.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

/// One judge that failed, and why.
#[derive(Debug, Clone)]
pub struct Failure {
    pub judge: &'static str,
    pub detail: String,
}

/// A planted marker with this prefix is a word's letters, matched against the page with
/// its tags, comments and whitespace taken out: a word split by markup (`n<!-- -->hà cái`)
/// is still there when any of its text is.
pub const LETTERS: &str = "letters:";

/// `seen` without markup and whitespace.
fn letters_of(seen: &str) -> String {
    let mut out = String::with_capacity(seen.len());
    let mut in_tag = false;
    for c in seen.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag && !c.is_whitespace() => out.push(c),
            _ => {}
        }
    }
    out
}

fn fail(judge: &'static str, detail: impl Into<String>) -> Failure {
    Failure {
        judge,
        detail: detail.into(),
    }
}

pub fn base(v: &Variant) -> url::Url {
    url::Url::parse(&format!("http://{HOST}{}", v.path)).expect("variant paths are valid")
}

/// The events of this variant's request.
pub fn events_of<'a>(v: &Variant, all: &'a [Event]) -> Vec<&'a Event> {
    let tag = format!("/v{}-", v.index);
    all.iter()
        .filter(|e| e.request.url.contains(&tag))
        .collect()
}

/// The body as text: content coding undone, then its charset decoded.
pub fn decoded_text(a: &Answer) -> std::io::Result<String> {
    let coding = a
        .headers
        .get(header::CONTENT_ENCODING)
        .and_then(|h| h.to_str().ok());
    let body = encode::decompress(coding, &a.body)?;
    let ct = a
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|h| h.to_str().ok());
    Ok(encode::text(ct, &body))
}

pub fn judge(v: &Variant, a: &Answer, events: &[&Event], hosts: &HostSet) -> Vec<Failure> {
    let coding = a
        .headers
        .get(header::CONTENT_ENCODING)
        .and_then(|h| h.to_str().ok());
    let body = match encode::decompress(coding, &a.body) {
        Ok(b) => b,
        Err(e) => return vec![fail("response.undecodable", e.to_string())],
    };
    if v.benign() {
        return benign(v, a, &body, events);
    }
    let mut out = Vec::new();
    let ct = a
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|h| h.to_str().ok());
    let text = encode::text(ct, &body);
    let left = oracle::foreign_urls(&text, &base(v), hosts);
    if !left.is_empty() {
        out.push(fail("crawler.foreign-url", left.join(" ")));
    }
    // The page as the visitor reads it: without the hidden junk the template put in.
    let drawn = v.junk.iter().fold(text, |t, j| t.replace(j.as_str(), ""));
    let seen = normalize(&drawn);
    let letters = letters_of(&seen);
    let planted: Vec<&String> = v
        .planted
        .iter()
        .filter(|p| match p.strip_prefix(LETTERS) {
            Some(word) => letters.contains(word),
            None => seen.contains(p.as_str()),
        })
        .collect();
    if !planted.is_empty() {
        out.push(fail("crawler.planted-text", format!("{planted:?}")));
    }
    out.extend(collateral(v, &seen));
    out.extend(headers(v, a, hosts));
    // A document refused whole (fail closed, audited) is answered with the 502 page when
    // nothing of it was sent yet; any other 502 blanked a page that should have come
    // through sanitized (class 4).
    let refused = events
        .iter()
        .any(|e| e.rule.starts_with("body.") || e.rule == "xml.unsafe");
    if a.status == 502 && v.status != 502 && !refused {
        out.push(fail(
            "status.blanked",
            format!("upstream {} answered 502", v.status),
        ));
    }
    if events.is_empty() {
        out.push(fail("audit.missing", "no audit event for an attack"));
    }
    out.extend(volume(events));
    out
}

/// The genuine text a payload was planted beside, gone with it. Judged only where the
/// payload stands in plain sight: a hidden or raw-text wrapper makes the whole payload the
/// planting, and an upload folder's page is refused whole.
fn collateral(v: &Variant, seen: &str) -> Vec<Failure> {
    use super::Context::{Hidden, RawText, Upload};
    if matches!(v.context, Hidden | RawText | Upload) {
        return vec![];
    }
    let gone: Vec<&String> = v
        .kept
        .iter()
        .filter(|k| !seen.contains(k.as_str()))
        .collect();
    if gone.is_empty() {
        return vec![];
    }
    vec![fail(
        "crawler.collateral",
        format!("genuine text gone: {gone:?}"),
    )]
}

/// The headers that name report endpoints (see [`endpoints`]).
const REPORT_HEADERS: &[&str] = &[
    "reporting-endpoints",
    "report-to",
    "nel",
    "content-security-policy",
    "content-security-policy-report-only",
];

/// The report endpoints a header value names: the quoted members of
/// `Reporting-Endpoints`, the `"url"`s of `Report-To` groups, a CSP's `report-uri` URLs.
fn endpoints(name: &str, value: &str) -> Vec<String> {
    match name {
        "reporting-endpoints" => value
            .split('"')
            .skip(1)
            .step_by(2)
            .map(String::from)
            .collect(),
        "report-to" => value
            .split("\"url\"")
            .skip(1)
            .filter_map(|rest| {
                let rest = rest.trim_start().strip_prefix(':')?.trim_start();
                rest.strip_prefix('"')?.split('"').next().map(String::from)
            })
            .collect(),
        _ => value
            .split([';', ','])
            .flat_map(|d| {
                let mut t = d.split_ascii_whitespace();
                let uri = t
                    .next()
                    .is_some_and(|n| n.eq_ignore_ascii_case("report-uri"));
                t.filter(move |_| uri).map(String::from)
            })
            .collect(),
    }
}

/// No foreign `Location`, `Refresh`, `Link` or `Content-Location` left in the head, and no
/// foreign report endpoint.
fn headers(v: &Variant, a: &Answer, hosts: &HostSet) -> Vec<Failure> {
    let base = base(v);
    let mut out = Vec::new();
    let foreign = |u: &str| {
        matches!(
            judge_url(u.trim(), &base, hosts, Carrier::Active),
            UrlVerdict::Foreign(_) | UrlVerdict::Script(_)
        )
    };
    for (name, value) in &a.headers {
        let value = String::from_utf8_lossy(value.as_bytes());
        let urls: Vec<String> = match name.as_str() {
            "location" | "content-location" => vec![value.to_string()],
            "refresh" => vec![refresh_url(&value).to_string()],
            "link" => value
                .split(',')
                .filter_map(|p| {
                    p.split_once('<')
                        .and_then(|(_, r)| r.split_once('>'))
                        .map(|(u, _)| u.to_string())
                })
                .collect(),
            n if REPORT_HEADERS.contains(&n) => endpoints(n, &value),
            _ => continue,
        };
        for u in urls.iter().filter(|u| !u.is_empty() && foreign(u)) {
            out.push(fail("header.foreign", format!("{name}: {u}")));
        }
        // A planted loader's marker left in a hint (an upload-folder preload).
        for m in v
            .planted
            .iter()
            .filter(|m| urls.iter().any(|u| u.contains(m.as_str())))
        {
            out.push(fail("header.planted", format!("{name}: {m}")));
        }
    }
    out
}

/// The URL part of a `Refresh` value (`5; url=…`, `5, …`, `5;…`), or "".
fn refresh_url(v: &str) -> &str {
    let rest = v.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c.is_whitespace());
    let rest = rest.trim_start_matches([';', ',']).trim_start();
    let rest = match rest.get(..3) {
        Some(p) if p.eq_ignore_ascii_case("url") => {
            rest[3..].trim_start().trim_start_matches('=').trim_start()
        }
        _ => rest,
    };
    rest.trim_matches(|c| c == '\'' || c == '"')
}

/// One event per (response, rule, action): a page must not multiply audit writes (class
/// 9). A rule that both removes one carrier and unwraps another writes one event for each
/// action, as `sanitize::audit_summary` keys them.
fn volume(events: &[&Event]) -> Vec<Failure> {
    let mut keys: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e.rule.as_ref(), e.action.as_str()))
        .collect();
    let total = keys.len();
    keys.sort_unstable();
    keys.dedup();
    if total > keys.len() {
        vec![fail(
            "audit.volume",
            format!("{total} events for {} rules and actions", keys.len()),
        )]
    } else {
        vec![]
    }
}

fn benign(v: &Variant, a: &Answer, body: &[u8], events: &[&Event]) -> Vec<Failure> {
    let mut out = Vec::new();
    let want = v.expected_bytes();
    if body != want.as_slice() {
        let at = body
            .iter()
            .zip(&want)
            .position(|(x, y)| x != y)
            .unwrap_or(body.len().min(want.len()));
        let from = at.saturating_sub(60);
        out.push(fail(
            "benign.changed",
            format!(
                "differs at byte {at}: got {:?} want {:?}",
                String::from_utf8_lossy(&body[from..(at + 80).min(body.len())]),
                String::from_utf8_lossy(&want[from..(at + 80).min(want.len())])
            ),
        ));
    }
    if a.status != v.status {
        out.push(fail(
            "benign.status",
            format!("{} became {}", v.status, a.status),
        ));
    }
    let loc = a
        .headers
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok());
    let want_loc = v
        .headers
        .iter()
        .find(|(k, _)| k == "location")
        .map(|(_, l)| l.as_str());
    if loc != want_loc {
        out.push(fail(
            "benign.location",
            format!("{want_loc:?} became {loc:?}"),
        ));
    }
    // Report endpoints the site may keep stay as they were.
    for (name, want) in v
        .headers
        .iter()
        .filter(|(n, _)| REPORT_HEADERS.contains(&n.as_str()))
    {
        let got: Vec<&str> = a
            .headers
            .get_all(name.as_str())
            .iter()
            .filter_map(|h| h.to_str().ok())
            .collect();
        if !got.contains(&want.as_str()) {
            out.push(fail(
                "benign.header",
                format!("{name}: {want:?} became {got:?}"),
            ));
        }
    }
    // A BOM body is transcoded and recorded (`body.bom`), removing nothing: not a finding.
    let bom = |e: &&&Event| {
        matches!(v.charset, Charset::Utf8Bom | Charset::Utf16Label) && e.rule == "body.bom"
    };
    let events: Vec<&&Event> = events.iter().filter(|e| !bom(e)).collect();
    if !events.is_empty() {
        let rules: Vec<String> = events
            .iter()
            .map(|e| format!("{} {}", e.rule, e.target.as_deref().unwrap_or("")))
            .collect();
        out.push(fail("benign.audit", rules.join("; ")));
    }
    out
}

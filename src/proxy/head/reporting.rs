//! Stage 5, response head, step 1 (redirect policy, report endpoints): the headers that make
//! every visitor's browser post to a URL of the upstream's choosing, without any markup:
//! `Reporting-Endpoints`, `Report-To` (which `NEL` feeds with network-error reports) and
//! the `report-uri` of a CSP, enforced or report-only.
//!
//! A foreign endpoint there is a beacon to the attacker's host on every page view: it
//! receives the visitor's address, the page's URL and, for a CSP that the page's own inline
//! code violates, a report per view. So a foreign endpoint goes (`header.report`):
//! - `Reporting-Endpoints` (a structured dictionary, `name="url", …`): each foreign member
//!   goes on its own, the header when none is left;
//! - `Report-To` (JSON objects, comma-separated): each object with a foreign endpoint goes;
//!   a value that is not JSON goes whole (browsers ignore it anyway, and what we cannot read
//!   we do not pass);
//! - CSP: the foreign URLs of `report-uri` go, the directive when none is left, in each of
//!   the comma-joined policies of one header. The rest of the policy is the upstream's and
//!   stays: it only ever restricts the page.
//!
//! An endpoint is judged as a `Location` is (`head::leaves_site`): relative and same-site
//! endpoints, and allowed hosts, stay. Untouched values are kept byte for byte; report mode
//! logs the same findings and changes nothing.

use http::{HeaderMap, HeaderName, HeaderValue, header};
use serde_json::Value;

use crate::sanitize::ResponseCtx;
use crate::sanitize::head::leaves_site;
use crate::sanitize::policy::short;

use super::redirects::{Judged, filter_values, report};

const RULE: &str = "header.report";

/// The headers this step reads.
const REPORTING_ENDPOINTS: &str = "reporting-endpoints";
const REPORT_TO: &str = "report-to";

/// Drops the foreign report endpoints of `headers`; logs them as one event.
pub(super) fn apply(ctx: &ResponseCtx<'_>, headers: &mut HeaderMap, enforce: bool) {
    let names = [
        HeaderName::from_static(REPORTING_ENDPOINTS),
        HeaderName::from_static(REPORT_TO),
        header::CONTENT_SECURITY_POLICY,
        header::CONTENT_SECURITY_POLICY_REPORT_ONLY,
    ];
    let mut found = Vec::new();
    for name in names {
        if !headers.contains_key(&name) {
            continue;
        }
        let judge = |v: &HeaderValue| match name.as_str() {
            REPORTING_ENDPOINTS => endpoints(ctx, v),
            REPORT_TO => report_to(ctx, v),
            _ => csp(ctx, v),
        };
        found.extend(filter_values(headers, name.clone(), enforce, judge));
    }
    report(
        ctx,
        RULE,
        enforce,
        found.into_iter().map(|(_, t)| t).collect(),
    );
}

fn foreign(ctx: &ResponseCtx<'_>, url: &str) -> bool {
    leaves_site(ctx.site, ctx.url.get(), url)
}

/// What stays of a value once some of its parts went: `parts` joined by `sep`, or nothing.
fn rebuilt(v: &HeaderValue, parts: &[&str], sep: &str, dropped: Vec<String>) -> Judged {
    let keep = match dropped.is_empty() {
        true => Some(v.clone()),
        false => HeaderValue::from_str(&parts.join(sep))
            .ok()
            .filter(|_| !parts.is_empty()),
    };
    Judged {
        keep,
        foreign: dropped.into_iter().map(|t| (RULE, short(&t))).collect(),
    }
}

/// `Reporting-Endpoints: main="https://…", csp="/r"`: each member judged by its URL; a
/// member without a quoted URL goes as unreadable.
fn endpoints(ctx: &ResponseCtx<'_>, v: &HeaderValue) -> Judged {
    let text = String::from_utf8_lossy(v.as_bytes());
    let (mut kept, mut dropped) = (Vec::new(), Vec::new());
    for member in split_outside_quotes(&text, ',') {
        let url = member
            .split_once('=')
            .map(|(_, u)| u.trim())
            .and_then(|u| u.strip_prefix('"'))
            .and_then(|u| u.strip_suffix('"'));
        match url {
            Some(u) if !foreign(ctx, u) => kept.push(member.trim()),
            Some(u) => dropped.push(u.to_string()),
            None => dropped.push(member.trim().to_string()),
        }
    }
    rebuilt(v, &kept, ", ", dropped)
}

/// `Report-To: {"group":…,"endpoints":[{"url":…}]}, {…}`: each object with a foreign
/// endpoint goes, and a value that is not a list of objects goes whole.
fn report_to(ctx: &ResponseCtx<'_>, v: &HeaderValue) -> Judged {
    let text = String::from_utf8_lossy(v.as_bytes());
    let Ok(Value::Array(groups)) = serde_json::from_str::<Value>(&format!("[{text}]")) else {
        return rebuilt(v, &[], "", vec![text.into_owned()]);
    };
    let (mut kept, mut dropped) = (Vec::new(), Vec::new());
    for g in &groups {
        let urls: Vec<&str> = g
            .get("endpoints")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|e| e.get("url").and_then(Value::as_str))
            .collect();
        let bad: Vec<String> = urls
            .iter()
            .filter(|u| foreign(ctx, u))
            .map(|u| u.to_string())
            .collect();
        match bad.is_empty() && g.is_object() {
            true => kept.push(g.to_string()),
            false if bad.is_empty() => dropped.push(g.to_string()),
            false => dropped.extend(bad),
        }
    }
    let kept: Vec<&str> = kept.iter().map(String::as_str).collect();
    rebuilt(v, &kept, ", ", dropped)
}

/// A CSP: the foreign URLs of its `report-uri` directives go. A header may hold several
/// policies joined by commas (`script-src 'self', report-uri https://…; default-src
/// 'none'`): each is read on its own, so a `report-uri` that opens the second one is one.
fn csp(ctx: &ResponseCtx<'_>, v: &HeaderValue) -> Judged {
    let text = String::from_utf8_lossy(v.as_bytes());
    let mut dropped = Vec::new();
    let policies: Vec<String> = text
        .split(',')
        .map(|p| policy(ctx, p, &mut dropped))
        .collect();
    if dropped.is_empty() {
        return rebuilt(v, &[], "", dropped);
    }
    let parts: Vec<&str> = policies
        .iter()
        .map(String::as_str)
        .filter(|p| !p.is_empty())
        .collect();
    rebuilt(v, &parts, ", ", dropped)
}

/// One policy of a CSP with the foreign URLs of its `report-uri` gone (into `dropped`).
fn policy(ctx: &ResponseCtx<'_>, text: &str, dropped: &mut Vec<String>) -> String {
    let mut kept = Vec::new();
    let mut rewritten = Vec::new();
    for directive in text.split(';') {
        let mut words = directive.split_ascii_whitespace();
        if !words
            .next()
            .is_some_and(|d| d.eq_ignore_ascii_case("report-uri"))
        {
            kept.push(directive.trim());
            continue;
        }
        let (ours, theirs): (Vec<&str>, Vec<&str>) = words.partition(|u| !foreign(ctx, u));
        dropped.extend(theirs.iter().map(|u| u.to_string()));
        if !ours.is_empty() {
            rewritten.push(format!("report-uri {}", ours.join(" ")));
        }
    }
    let mut parts: Vec<&str> = kept.into_iter().filter(|d| !d.is_empty()).collect();
    parts.extend(rewritten.iter().map(String::as_str));
    parts.join("; ")
}

/// `text` split at `sep` outside double quotes (a quoted URL may hold a comma).
fn split_outside_quotes(text: &str, sep: char) -> Vec<&str> {
    let (mut out, mut start, mut quoted, mut escaped) = (Vec::new(), 0, false, false);
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c == sep && !quoted => {
                out.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out.into_iter().filter(|m| !m.trim().is_empty()).collect()
}

//! Stage 5 as one step: the order of its decisions and what `[site.headers]` and
//! `[site.csp]` make of a head.

use std::path::Path;
use std::sync::Arc;

use http::{HeaderMap, StatusCode};

use super::*;
use crate::audit::{AuditLog, RequestInfo};
use crate::sanitize::page_url::PageUrl;

fn site(extra: &str) -> Arc<Site> {
    let text = format!(
        "[server]\nlisten = [\"127.0.0.1:0\"]\n[[site]]\nname = \"portal\"\n\
         hosts = [\"portal.example.gov.vn\"]\nupstream = \"http://127.0.0.1:9\"\n{extra}"
    );
    crate::config::parse(&text, Path::new("t.toml"))
        .unwrap()
        .sites[0]
        .clone()
}

/// Runs stage 5 over a `status` head with `headers`, for `site`, over plain HTTP.
fn run(
    site: &Arc<Site>,
    status: u16,
    headers: &[(&str, &str)],
) -> Result<(BodyPlan, HeaderMap), HeaderMap> {
    let mut resp = Response::new(());
    *resp.status_mut() = StatusCode::from_u16(status).unwrap();
    for (k, v) in headers {
        let name = http::HeaderName::from_bytes(k.as_bytes()).unwrap();
        resp.headers_mut().append(name, v.parse().unwrap());
    }
    let (mut parts, ()) = resp.into_parts();
    let uri: http::Uri = "/a/b".parse().unwrap();
    let url = PageUrl::new(false, "portal.example.gov.vn", &uri);
    let request = RequestInfo {
        site: site.label.clone(),
        client_ip: std::net::Ipv4Addr::LOCALHOST.into(),
        request_id: "t".into(),
        method: "GET".into(),
        url: "/a/b".into(),
    };
    let (audit, _sink) = AuditLog::memory();
    let ctx = ResponseCtx {
        site,
        request: &request,
        url: &url,
        accept_encoding: None,
        audit: &audit,
    };
    match respond(&ctx, false, false, &mut parts) {
        Ok(plan) => Ok((plan, parts.headers)),
        Err(page) => Err(page.headers().clone()),
    }
}

const HTML: (&str, &str) = ("content-type", "text/html; charset=utf-8");
const TEXT: (&str, &str) = ("content-type", "text/plain");

#[test]
fn html_is_sanitized_and_gets_every_default_header() {
    let (plan, h) = run(&site(""), 200, &[HTML, ("server", "Apache/2.4.1")]).unwrap();
    assert_eq!(plan, BodyPlan::Sanitize);
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "SAMEORIGIN");
    assert!(!h.contains_key("server"), "version-leaking headers go");
}

#[test]
fn content_type_options_false_switches_nosniff_off_on_sanitized_pages() {
    let s = site("[site.headers]\ncontent_type_options = false\n");
    let (plan, h) = run(&s, 200, &[HTML]).unwrap();
    assert_eq!(plan, BodyPlan::Sanitize);
    assert!(!h.contains_key("x-content-type-options"));
}

#[test]
fn a_body_passed_through_keeps_nosniff_even_when_switched_off() {
    let s = site("[site.headers]\ncontent_type_options = false\n");
    let (plan, h) = run(&s, 200, &[TEXT]).unwrap();
    assert_eq!(plan, BodyPlan::PassThrough);
    assert_eq!(h["x-content-type-options"], "nosniff");
}

#[test]
fn a_removed_content_type_makes_the_body_count_as_html() {
    let s = site("[site.headers]\nremove = [\"Content-Type\"]\n");
    let (plan, h) = run(&s, 200, &[TEXT]).unwrap();
    assert!(!h.contains_key("content-type"));
    assert_eq!(
        plan,
        BodyPlan::Sanitize,
        "security headers run before the plan"
    );
}

#[test]
fn hop_by_hop_headers_go_before_the_security_headers_come() {
    let s = site("");
    let heads = [
        HTML,
        ("connection", "x-secret"),
        ("x-secret", "1"),
        ("keep-alive", "5"),
    ];
    let (_, h) = run(&s, 200, &heads).unwrap();
    for gone in ["connection", "x-secret", "keep-alive"] {
        assert!(!h.contains_key(gone), "{gone}");
    }
    assert_eq!(h["referrer-policy"], "strict-origin-when-cross-origin");
}

#[test]
fn the_csp_comes_after_frame_ancestors_without_replacing_it() {
    let s = site("[site.csp]\nmode = \"enforce\"\n");
    let (_, h) = run(&s, 200, &[HTML]).unwrap();
    let csp: Vec<_> = h.get_all("content-security-policy").iter().collect();
    assert!(
        csp.iter()
            .any(|v| v.to_str().unwrap().starts_with("script-src")),
        "{csp:?}"
    );
    let s = site("[site.csp]\nmode = \"report-only\"\n");
    let (_, h) = run(&s, 200, &[HTML]).unwrap();
    assert!(h.contains_key("content-security-policy-report-only"));
}

#[test]
fn a_redirect_that_leaves_the_site_is_refused_with_the_sites_headers() {
    let s = site("");
    let refused = run(&s, 302, &[("location", "https://bet.test/")]).unwrap_err();
    assert_eq!(refused["x-frame-options"], "SAMEORIGIN");
    assert_eq!(refused["x-content-type-options"], "nosniff");
    let (plan, _) = run(&s, 302, &[("location", "/next")]).unwrap();
    assert_eq!(plan, BodyPlan::Sanitize, "a same-site redirect goes on");
}

#[test]
fn an_informational_response_passes_through() {
    let (plan, _) = run(&site(""), 101, &[("upgrade", "websocket")]).unwrap();
    assert_eq!(plan, BodyPlan::PassThrough);
}

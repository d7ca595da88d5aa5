//! `lachan scan`: one fetched view of a page, judged by the sanitizer itself in report
//! mode, so that scan and proxy can never disagree about what policy removes.
//!
//! The response goes through stages 5 and 6 (`proxy::head`, `sanitize::process_body`)
//! exactly as on the request path (head checks, codecs, charset, the streaming rewriter),
//! with the site in report mode and an in-memory audit log. Its events say what enforce mode would remove; the report-mode
//! output (the page unchanged, decoded) is then inventoried by [`super::extract`].

use std::sync::Arc;

use http::Response;
use http_body_util::BodyExt;

use super::extract::{self, Found, Token};
use super::fetch::{Agent, Fetched};
use super::model::Finding;
use crate::audit::{AuditLog, RequestInfo};
use crate::body::GatewayBody;
use crate::sanitize::page_url::PageUrl;
use crate::sanitize::{ResponseCtx, head, process_body};
use crate::settings::Site;

/// What one view of a page holds.
#[derive(Debug, Default)]
pub struct View {
    pub status: u16,
    pub truncated: bool,
    pub found: Vec<Found>,
    pub findings: Vec<Finding>,
    pub tag_ids: std::collections::BTreeSet<String>,
    /// Site-ownership verification metas.
    pub tokens: Vec<Token>,
}

/// Judges and inventories `fetched`, the response for `url` as seen by `agent`. `site`
/// must be in report mode.
pub async fn view(site: &Arc<Site>, url: &url::Url, agent: Agent, fetched: Fetched) -> View {
    let (audit, sink) = AuditLog::memory();
    let request = RequestInfo {
        site: site.label.clone(),
        client_ip: std::net::Ipv4Addr::LOCALHOST.into(),
        request_id: format!("scan-{}", agent.name()).into(),
        method: "GET".into(),
        url: url[url::Position::BeforePath..].into(),
    };
    let mut found = header_links(url, &fetched);
    let mut tag_ids = Default::default();
    let mut tokens = Vec::new();
    let charset = head::charset(&fetched.headers).ok().flatten();
    let html = head::is_html(&fetched.headers);
    let output = sanitize(site, url, &request, &audit, &fetched).await;
    if html && let Some(body) = output {
        tag_ids = crate::sanitize::script::tags::ids_in_text(&String::from_utf8_lossy(&body));
        let (links, metas) = extract::extract_all(&body, url, charset);
        found.extend(links);
        tokens = metas;
    }
    let findings = sink
        .events()
        .into_iter()
        .map(|e| Finding {
            rule: e.rule.into_owned(),
            view: agent.name().to_string(),
            target: e.target,
            detail: e.detail,
        })
        .collect();
    View {
        status: fetched.status.as_u16(),
        truncated: fetched.truncated,
        found,
        findings,
        tag_ids,
        tokens,
    }
}

/// The report-mode pass; returns the output body, or `None` if the sanitizer refused it
/// (its event says why).
async fn sanitize(
    site: &Arc<Site>,
    url: &url::Url,
    request: &RequestInfo,
    audit: &AuditLog,
    fetched: &Fetched,
) -> Option<bytes::Bytes> {
    let host = url.host_str().unwrap_or_default();
    let host = match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    };
    let uri: http::Uri = url[url::Position::BeforePath..].parse().ok()?;
    let page = PageUrl::new(url.scheme() == "https", &host, &uri);
    let ctx = ResponseCtx {
        site,
        request,
        url: &page,
        accept_encoding: None,
        audit,
    };
    let out = stages_5_and_6(ctx, url.scheme() == "https", fetched);
    out.into_body().collect().await.ok().map(|c| c.to_bytes())
}

/// The response head and body stages, as the gateway runs them. Takes `ctx` by value so
/// that it (not `Send`) is gone before the caller awaits.
fn stages_5_and_6(ctx: ResponseCtx<'_>, https: bool, fetched: &Fetched) -> Response<GatewayBody> {
    let mut resp = Response::new(crate::body::full(fetched.body.clone()));
    *resp.status_mut() = fetched.status;
    *resp.headers_mut() = fetched.headers.clone();
    let (mut parts, body) = resp.into_parts();
    match crate::proxy::head::respond(&ctx, https, false, &mut parts) {
        Err(page) => *page,
        Ok(plan) => process_body(ctx, parts, body, plan).unwrap_or_else(|page| *page),
    }
}

/// `Location` (on a redirect) and `Refresh` headers, as links.
fn header_links(url: &url::Url, fetched: &Fetched) -> Vec<Found> {
    let mut out = Vec::new();
    let mut add = |value: &str, carrier: &str| {
        if let Ok(u) = url.join(value.trim()) {
            out.push(Found {
                url: u,
                carrier: carrier.into(),
                text: String::new(),
            });
        }
    };
    if fetched.status.is_redirection() {
        for v in fetched.headers.get_all(http::header::LOCATION) {
            add(&String::from_utf8_lossy(v.as_bytes()), "Location");
        }
    }
    for v in fetched.headers.get_all("refresh") {
        let text = String::from_utf8_lossy(v.as_bytes());
        add(crate::sanitize::head::refresh_url(&text), "Refresh");
    }
    out
}

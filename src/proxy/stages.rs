//! The request's way through the gateway, in order. This is the one place that names the
//! stages; each stage's code lives in its own module.
//!
//! 1. **accept** (`server`): TCP, TLS, HTTP/1.1 or HTTP/2, header-read timeout, size and
//!    connection limits. Runs before this module sees the request.
//! 2. **identify** ([`super::identify`]): request id, client IP, site by Host. First,
//!    because every later stage and every audit event needs to know who and which site.
//! 3. **guard** ([`crate::guard`]): access lists, bans, rate limits, request rules. Before
//!    forwarding, so that nothing refused ever reaches the fragile CMS behind us.
//! 4. **forward** ([`super::forward`], [`crate::upstream`]): hop-by-hop headers, forwarding
//!    headers, body limits, the pooled upstream call, upgrades.
//! 5. **response head** ([`super::head`]): one `Content-Type` as browsers read it (first,
//!    before the upload check reads it), redirect policy, hop-by-hop headers, security
//!    headers, CSP, whether the body needs sanitizing, nosniff.
//! 6. **response body** ([`crate::sanitize`]): the streaming, fail-closed sanitizer wraps
//!    the body; it runs as the client reads.
//! 7. **audit** ([`crate::audit`]): stages emit events as they decide; metrics are counted
//!    here at the end.
//!
//! Every error on the way goes to one rescue point ([`super::rescue`]).

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Instant;

use http::{Request, Response, StatusCode, header};
use http_body_util::Limited;
use hyper::body::Incoming;

use super::body::{GatewayBody, boxed};
use super::deadline::Deadline;
use super::forward::{self, ClientSide};
use super::identify;
use super::rescue::{Fault, GatewayError};
use super::{ConnInfo, Gateway, Live};
use crate::audit::RequestInfo;
use crate::cache::Lookup;
use crate::metrics::{RequestLabels, SiteLabels};
use crate::sanitize::uploads::{UploadCheck, UploadError};
use crate::sanitize::{self, BodyPlan, ResponseCtx};
use crate::settings::Site;
use crate::upstream::pool::PooledBody;

/// Serves one request: runs the stages and, on any error, the rescue point.
pub(crate) async fn serve(
    gw: Arc<Gateway>,
    conn: Arc<ConnInfo>,
    req: Request<Incoming>,
) -> Result<Response<GatewayBody>, Infallible> {
    let live = gw.live.load_full();
    let request_id = identify::request_id();
    let mut site_label = None;
    let resp = match run(&gw, &live, &conn, req, &request_id, &mut site_label).await {
        Ok(resp) => resp,
        Err(e) => e.into_response(live.config.server.unknown_host_status, &request_id),
    };
    let labels = RequestLabels {
        site: site_label.unwrap_or_else(|| NO_SITE.clone()),
        status: resp.status().as_u16(),
    };
    gw.metrics.requests.get_or_create(&labels).inc();
    Ok(resp)
}

/// The `site` label of requests that match no site.
static NO_SITE: std::sync::LazyLock<Arc<str>> = std::sync::LazyLock::new(|| "-".into());

/// What every stage after identify knows about the request.
struct Cx<'a> {
    gw: &'a Gateway,
    live: &'a Live,
    conn: &'a ConnInfo,
    site: Arc<Site>,
    /// The host the client asked for, normalized.
    host: String,
    info: RequestInfo,
}

/// What the forward stage hands to the response stages.
struct Forwarded {
    resp: Response<GatewayBody>,
    client_upgrade: Option<hyper::upgrade::OnUpgrade>,
    /// The request target as the client sent it, for the sanitizer's base URL.
    uri: http::Uri,
    accept_encoding: Option<http::HeaderValue>,
}

async fn run(
    gw: &Gateway,
    live: &Live,
    conn: &ConnInfo,
    req: Request<Incoming>,
    request_id: &str,
    site_label: &mut Option<Arc<str>>,
) -> Result<Response<GatewayBody>, GatewayError> {
    // 2. identify
    let (site, host) = identify::identify_site(live, conn, &req)?;
    *site_label = Some(site.label.clone());
    let info = identify::request_info(live, conn, &req, &site, request_id);
    let cx = Cx {
        gw,
        live,
        conn,
        site,
        host,
        info,
    };
    // The gateway's own answers: a failed audit log (fail closed), CSP reports.
    if let Some(resp) = crate::audit::fail_closed(&gw.audit) {
        return Ok(resp);
    }
    if crate::audit::csp::is_report(&req) {
        return Ok(crate::audit::csp::intake(&gw.audit, &cx.site, &cx.info, req).await);
    }
    let (parts, body) = req.into_parts();

    // 3. guard, then the HTTP→HTTPS redirect for sites that want it.
    guard(&cx, &parts).await?;
    if let Some(resp) = https_redirect(&cx, &parts) {
        return Ok(resp);
    }
    let upload = refuse_by_name(&cx, &parts)?;

    // The cache answers here, or follows the request through stages 4 to 6.
    through_cache(&cx, upload.as_ref(), parts, body).await
}

/// Stages 4 to 6 behind the cache: a hit answers at once; a miss is forwarded, judged and
/// stored; an upstream failure may be answered with a stale page.
async fn through_cache(
    cx: &Cx<'_>,
    upload: Option<&UploadCheck<'_>>,
    mut parts: http::request::Parts,
    body: Incoming,
) -> Result<Response<GatewayBody>, GatewayError> {
    let gw = cx.gw;
    let origin = cache_origin(cx);
    let mut ticket = match gw.cache.lookup(origin, &mut parts).await {
        Lookup::Hit(resp) => return Ok(resp),
        Lookup::Forward(ticket) => Some(ticket),
        Lookup::Bypass => None,
    };

    // 4. forward
    let mut forwarded = match forward(cx, parts, body).await {
        Err(e) if e.fault() == Fault::Upstream => {
            return ticket.and_then(|t| t.serve_stale()).ok_or(e);
        }
        other => other?,
    };
    // One Content-Type, the one browsers read, before anything judges the type.
    let headers = forwarded.resp.headers_mut();
    if super::head::content_type(&gw.audit, &cx.info, headers) {
        let declared = sanitize::sniffed::DeclaredHtml;
        forwarded.resp.extensions_mut().insert(declared);
    }
    if let Some(resp) = ticket.as_mut().and_then(|t| t.on_origin(&forwarded.resp)) {
        return Ok(resp);
    }
    // Doorway pages in upload folders, judged by what the CMS answers too.
    let forwarded = match upload {
        Some(check) => upload_response(cx, check, forwarded).await?,
        None => forwarded,
    };
    let forwarded = sniff_data(cx, forwarded).await?;

    // 5. and 6. response head and body
    let audit = ticket.as_ref().map(|t| t.audit(&gw.audit));
    let (resp, rewritten) = respond(cx, forwarded, audit.as_ref().unwrap_or(&gw.audit));
    let resp = match ticket {
        Some(ticket) => ticket.store(resp),
        None => resp,
    };
    if !rewritten {
        return Ok(resp);
    }
    // A rewritten body that fails before its first byte gets the 502 page, not an empty reply.
    Ok(match super::first_frame::hold_head(resp).await {
        Ok(resp) => resp,
        Err(mut page) => {
            super::head::secure(&cx.site, cx.conn.tls, page.headers_mut());
            page
        }
    })
}

fn https_redirect(cx: &Cx<'_>, parts: &http::request::Parts) -> Option<Response<GatewayBody>> {
    let https_port = cx.live.config.tls().https_port;
    let (site, tls) = (&cx.site, cx.conn.tls);
    super::tls_redirect::to_https(site, tls, &cx.host, &parts.uri, https_port)
}

/// Requests refused for what they ask for, before the CMS is asked: doorway pages in
/// upload folders, and a service worker's script unless pinned (it would outlive the
/// page). The upload check, when the path is an upload folder, also judges the answer.
fn refuse_by_name<'a>(
    cx: &'a Cx<'_>,
    parts: &http::request::Parts,
) -> Result<Option<UploadCheck<'a>>, GatewayError> {
    let upload = UploadCheck::new(&cx.site, &cx.gw.audit, &cx.info, &parts.uri);
    if let Some(check) = &upload {
        check.request(&parts.headers).map_err(upload_error)?;
    }
    if sanitize::worker_gate::refuse(&cx.site, &cx.gw.audit, &cx.info, parts) {
        return Err(GatewayError::Refused {
            status: StatusCode::FORBIDDEN,
            rule: sanitize::script::SERVICE_WORKER_RULE,
            retry_after: None,
        });
    }
    Ok(upload)
}

async fn upload_response(
    cx: &Cx<'_>,
    check: &UploadCheck<'_>,
    mut f: Forwarded,
) -> Result<Forwarded, GatewayError> {
    let url = sanitize::page_url::PageUrl::new(cx.conn.tls, &cx.host, &f.uri);
    let timeout = cx.live.config.limits.upstream_response_timeout;
    f.resp = check
        .response(f.resp, url.get(), timeout)
        .await
        .map_err(upload_error)?;
    Ok(f)
}

/// A data or text body that is an HTML document is marked for sanitizing (see
/// `sanitize::sniffed`).
async fn sniff_data(cx: &Cx<'_>, mut f: Forwarded) -> Result<Forwarded, GatewayError> {
    let head_only = cx.info.method.as_ref() == "HEAD";
    if head_only || !sanitize::sniffed::wants_look(f.resp.status(), f.resp.headers()) {
        return Ok(f);
    }
    let timeout = cx.live.config.limits.upstream_response_timeout;
    f.resp = sanitize::sniffed::look(f.resp, timeout)
        .await
        .map_err(|e| match e {
            sanitize::sniffed::SniffError::Upstream(d) => GatewayError::UpstreamUnavailable(d),
            sanitize::sniffed::SniffError::Timeout(t) => GatewayError::UpstreamTimeout(t),
        })?;
    Ok(f)
}

fn upload_error(e: UploadError) -> GatewayError {
    match e {
        UploadError::Refused(_) => GatewayError::Refused {
            status: StatusCode::FORBIDDEN,
            rule: sanitize::uploads::RULE,
            retry_after: None,
        },
        UploadError::Upstream(detail) => GatewayError::UpstreamUnavailable(detail),
        UploadError::Timeout(t) => GatewayError::UpstreamTimeout(t),
    }
}

fn cache_origin<'a>(cx: &'a Cx<'_>) -> crate::cache::Origin<'a> {
    crate::cache::Origin {
        site: &cx.site,
        generation: cx.live.generation,
        https: cx.conn.tls,
        host: &cx.host,
    }
}

async fn guard(cx: &Cx<'_>, parts: &http::request::Parts) -> Result<(), GatewayError> {
    cx.gw
        .guard
        .check_all(&cx.live.config, &cx.site, parts, &cx.info)
        .await
        .map_err(|r| GatewayError::Refused {
            status: r.status,
            rule: r.rule,
            retry_after: r.retry_after,
        })
}

async fn forward(
    cx: &Cx<'_>,
    mut parts: http::request::Parts,
    body: Incoming,
) -> Result<Forwarded, GatewayError> {
    let limits = &cx.live.config.limits;
    check_declared_length(&parts.headers, limits.max_request_body)?;
    let client_upgrade = forward::upgrade_protocol(&parts.headers)
        .and_then(|_| parts.extensions.remove::<hyper::upgrade::OnUpgrade>());
    let uri = parts.uri.clone();
    let accept_encoding = parts.headers.get(header::ACCEPT_ENCODING).cloned();
    sanitize::prepare_request(&cx.site, &mut parts);
    let peer_ip = identify::canonical(cx.conn.peer.ip());
    let client = ClientSide {
        peer_ip: &cx.conn.peer_ip_text,
        peer_trusted: cx
            .live
            .config
            .server
            .trusted_proxies
            .iter()
            .any(|n| n.contains(&peer_ip)),
        host: &cx.host,
        tls: cx.conn.tls,
        version: parts.version,
    };
    forward::request_head(&mut parts, &cx.site.upstream, &client);
    let body = Limited::new(body, limit_usize(limits.max_request_body));
    let body = Deadline::new(body, limits.request_body_timeout);
    let body = cx.gw.guard.inspect_body(&cx.site, &parts, &cx.info, body);
    let resp = call_upstream(
        cx.gw,
        cx.live,
        &cx.site,
        Request::from_parts(parts, body),
        limits.max_request_body,
    )
    .await?;
    let activity = cx.conn.activity.clone();
    Ok(Forwarded {
        resp: resp.map(|b| boxed(super::progress::Progress::new(b, activity))),
        client_upgrade,
        uri,
        accept_encoding,
    })
}

/// Stages 5 and 6. The flag says the body is rewritten as it streams (a page or a
/// stylesheet), so its head may wait for its first frame.
fn respond(
    cx: &Cx<'_>,
    f: Forwarded,
    audit: &crate::audit::AuditLog,
) -> (Response<GatewayBody>, bool) {
    let mut resp = f.resp;
    let upgraded = resp.status() == StatusCode::SWITCHING_PROTOCOLS;
    if let (true, Some(client_upgrade)) = (upgraded, f.client_upgrade) {
        super::upgrade::splice(
            client_upgrade,
            hyper::upgrade::on(&mut resp),
            cx.info.request_id.to_string(),
        );
    }
    let (mut head, body) = resp.into_parts();
    let url = sanitize::page_url::PageUrl::new(cx.conn.tls, &cx.host, &f.uri);
    let ctx = ResponseCtx {
        site: &cx.site,
        request: &cx.info,
        url: &url,
        accept_encoding: f.accept_encoding.as_ref(),
        audit,
    };
    // 5. response head
    let plan = match super::head::respond(&ctx, cx.conn.tls, upgraded, &mut head) {
        Ok(plan) => plan,
        Err(page) => return (*page, false),
    };
    // 6. response body
    let rewritten = matches!(plan, BodyPlan::Sanitize | BodyPlan::Stylesheet);
    match sanitize::process_body(ctx, head, boxed(body), plan) {
        Ok(resp) => (resp, rewritten),
        Err(mut page) => {
            super::head::secure(&cx.site, cx.conn.tls, page.headers_mut());
            (*page, false)
        }
    }
}

fn check_declared_length(headers: &http::HeaderMap, limit: u64) -> Result<(), GatewayError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(n) if n > limit => Err(GatewayError::PayloadTooLarge { limit }),
        _ => Ok(()),
    }
}

fn limit_usize(limit: u64) -> usize {
    usize::try_from(limit).unwrap_or(usize::MAX)
}

async fn call_upstream(
    gw: &Gateway,
    live: &Live,
    site: &Site,
    req: Request<GatewayBody>,
    limit: u64,
) -> Result<Response<PooledBody>, GatewayError> {
    let client = live
        .upstreams
        .get(&site.name)
        .ok_or_else(|| GatewayError::Internal(format!("no client for site {}", site.name)))?;
    let timeout = live.config.limits.upstream_response_timeout;
    let started = Instant::now();
    let result = tokio::time::timeout(timeout, client.request(req)).await;
    let latency = client.latency.get_or_init(|| {
        let labels = SiteLabels {
            site: site.label.clone(),
        };
        gw.metrics.upstream_latency.get_or_create_owned(&labels)
    });
    latency.observe(started.elapsed().as_secs_f64());
    match result {
        Err(_) => Err(GatewayError::UpstreamTimeout(timeout)),
        Ok(Ok(resp)) => Ok(resp),
        Ok(Err(e)) => Err(super::rescue::classify(
            &e,
            limit,
            live.config.limits.upstream_connect_timeout,
        )),
    }
}

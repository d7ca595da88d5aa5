//! The admin listener: `/healthz`, `/metrics`, the guard's `/bans` (list, take, lift), and
//! `DELETE /cache`.
//!
//! Security note: this listener has no authentication. Bind it to loopback or a
//! management network only (`server.admin`, default off in the examples' public setups).

pub use crate::metrics;
pub mod probe;

use std::sync::Arc;

use http::{Method, Request, Response, StatusCode, header};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::body::{GatewayBody, full};
use crate::proxy::Gateway;

/// Serves the admin API until `stop` is cancelled.
pub(crate) async fn serve(gw: Arc<Gateway>, listener: TcpListener, stop: CancellationToken) {
    loop {
        let (stream, _) = tokio::select! {
            () = stop.cancelled() => return,
            a = listener.accept() => match a {
                Ok(pair) => pair,
                Err(e) => {
                    tracing::warn!(error = %e, "admin accept failed");
                    continue;
                }
            },
        };
        let gw = gw.clone();
        tokio::spawn(async move {
            let svc = hyper::service::service_fn(move |req| {
                let gw = gw.clone();
                async move { Ok::<_, std::convert::Infallible>(route(&gw, req).await) }
            });
            let builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
            let _ = builder.serve_connection(TokioIo::new(stream), svc).await;
        });
    }
}

async fn route(gw: &Gateway, req: Request<Incoming>) -> Response<GatewayBody> {
    let path = req.uri().path().to_string();
    match (req.method(), path.as_str()) {
        (&Method::GET, "/healthz") => healthz(gw),
        (&Method::GET, "/metrics") => text(
            StatusCode::OK,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
            gw.metrics.encode(),
        ),
        (&Method::GET, "/bans") => bans(gw),
        (&Method::DELETE, p) if p.starts_with("/bans/") => lift_ban(gw, &p["/bans/".len()..]),
        (&Method::POST, p) if p.starts_with("/bans/") => {
            take_ban(gw, &p["/bans/".len()..], req.uri().query())
        }
        (&Method::DELETE, p) if p == "/cache" || p.starts_with("/cache/") => {
            purge_cache(gw, &p["/cache".len()..], req.uri().query())
        }
        _ => text(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            "not found\n".into(),
        ),
    }
}

/// `GET /bans`: the guard's active bans, as JSON.
fn bans(gw: &Gateway) -> Response<GatewayBody> {
    let body = serde_json::json!({ "bans": gw.guard.bans() });
    text(StatusCode::OK, "application/json", format!("{body}\n"))
}

/// `DELETE /bans/{ip}`: lifts a ban (for IPv6, on the address's /64).
fn lift_ban(gw: &Gateway, ip: &str) -> Response<GatewayBody> {
    let (status, lifted) = match ip.parse() {
        Ok(ip) if gw.guard.lift(ip) => (StatusCode::OK, true),
        Ok(_) => (StatusCode::NOT_FOUND, false),
        Err(_) => (StatusCode::BAD_REQUEST, false),
    };
    let body = serde_json::json!({ "lifted": lifted });
    text(status, "application/json", format!("{body}\n"))
}

/// The longest ban the admin API takes (a typo such as `?ttl=1000d` must not ban for ever).
const MAX_ADMIN_BAN: std::time::Duration = std::time::Duration::from_secs(365 * 86_400);

/// `POST /bans/{ip}[?ttl=10m]`: bans a client on every instance (for IPv6, the /64); the
/// ban policy's first `duration` without `ttl`.
fn take_ban(gw: &Gateway, ip: &str, query: Option<&str>) -> Response<GatewayBody> {
    let ttl = query
        .into_iter()
        .flat_map(|q| url::form_urlencoded::parse(q.as_bytes()))
        .find(|(k, _)| k == "ttl")
        .map(|(_, v)| v.parse::<crate::config::units::Dur>().map(|d| d.0));
    let bad = |why: String| {
        let body = serde_json::json!({ "error": why });
        text(
            StatusCode::BAD_REQUEST,
            "application/json",
            format!("{body}\n"),
        )
    };
    let ttl = match ttl {
        None => None,
        Some(Ok(d)) if !d.is_zero() && d <= MAX_ADMIN_BAN => Some(d),
        Some(Ok(_)) => return bad("ttl must be more than 0 and at most 365d".into()),
        Some(Err(e)) => return bad(format!("ttl: {e}")),
    };
    let Ok(ip) = ip.parse() else {
        return bad("not an IP address".into());
    };
    let ban = gw.guard.ban(ip, ttl);
    let body = serde_json::json!({
        "banned": ban.client,
        "remaining_secs": ban.remaining.as_secs().max(1),
    });
    text(StatusCode::OK, "application/json", format!("{body}\n"))
}

/// `DELETE /cache`, `DELETE /cache/{site}`, either with `?prefix=/path/`: removes pages.
fn purge_cache(gw: &Gateway, rest: &str, query: Option<&str>) -> Response<GatewayBody> {
    let site = rest.trim_start_matches('/');
    let prefix = query
        .into_iter()
        .flat_map(|q| url::form_urlencoded::parse(q.as_bytes()))
        .find(|(k, _)| k == "prefix")
        .map(|(_, v)| v.into_owned());
    if !site.is_empty() && gw.config().site_by_name(site).is_none() {
        let body = serde_json::json!({ "error": "no such site" });
        return text(
            StatusCode::NOT_FOUND,
            "application/json",
            format!("{body}\n"),
        );
    }
    let site = (!site.is_empty()).then_some(site);
    let purged = match (site, &prefix) {
        (None, None) => gw.cache.clear_counted(),
        _ => gw.cache.purge(site, prefix.as_deref().unwrap_or("")),
    };
    let body = serde_json::json!({ "purged": purged });
    text(StatusCode::OK, "application/json", format!("{body}\n"))
}

/// `GET /healthz`: `degraded` (still 200: the gateway serves, on local fallbacks) while
/// the cluster's Redis is unreachable.
fn healthz(gw: &Gateway) -> Response<GatewayBody> {
    let config = gw.config();
    let cluster = gw.guard.cluster_status();
    let degraded = cluster.as_ref().is_some_and(|(up, _)| !up);
    let body = serde_json::json!({
        "status": if degraded { "degraded" } else { "ok" },
        "config": config.source.display().to_string(),
        "sites": config.sites.len(),
        "audit": gw.audit.status(),
        "cluster": cluster.map(|(_, detail)| detail),
    });
    text(StatusCode::OK, "application/json", format!("{body}\n"))
}

pub(crate) fn text(
    status: StatusCode,
    content_type: &'static str,
    body: String,
) -> Response<GatewayBody> {
    let mut resp = Response::new(full(body));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        http::HeaderValue::from_static(content_type),
    );
    resp
}

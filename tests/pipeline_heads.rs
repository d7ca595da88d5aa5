//! The response head through a real gateway: HTML at every status is sanitized (its
//! validators and length dropped, `nosniff` and `no-transform` added), foreign
//! `Location`/`Refresh` are refused or dropped while own and allowed redirects pass,
//! report mode only reports, and `HEAD` gets the rewritten head.

use crate::common;

use common::body::{full, html, resp};
use common::gateway::{Setup, rewritten};
use http::{Method, Response, StatusCode};
use lachan::body::GatewayBody;

const PAGE: &str = include_str!("corpus/e2e/portal.html");

#[tokio::test]
async fn html_at_every_status_goes_through_the_sanitizer() {
    let h = Setup::portal().start().await;
    let clean = rewritten(PAGE.as_bytes());
    assert_ne!(
        clean,
        PAGE.as_bytes(),
        "the sample page carries planted content"
    );
    for status in [200u16, 404, 500] {
        let path = format!("/s{status}");
        h.upstream.route(&path, move || {
            let mut r = html(status, full(PAGE));
            r.headers_mut().insert("content-length", PAGE.len().into());
            r
        });
        let (parts, body) = h.body(&path, &[]).await;
        assert_eq!(parts.status.as_u16(), status);
        assert!(
            parts.headers.get("etag").is_none(),
            "validator of the raw page kept"
        );
        assert!(parts.headers.get("content-length").is_none());
        assert_eq!(parts.headers["x-content-type-options"], "nosniff");
        let cache_control = parts.headers["cache-control"].to_str().unwrap();
        assert!(cache_control.contains("no-transform"));
        assert!(body == clean, "status {status}: body differs");
    }
}

fn redirect(
    status: u16,
    name: &'static str,
    to: &'static str,
) -> impl Fn() -> Response<GatewayBody> {
    move || {
        resp(
            status,
            &[(name, to), ("content-type", "text/html")],
            full(""),
        )
    }
}

#[tokio::test]
async fn foreign_redirects_are_blocked() {
    let h = Setup::portal().start().await;
    let up = &h.upstream;
    up.route(
        "/foreign",
        redirect(302, "location", "https://bet.test/khuyen-mai"),
    );
    up.route(
        "/sneaky",
        redirect(301, "location", "//portal.example.gov.vn.bet.test/"),
    );
    up.route(
        "/refresh",
        redirect(200, "refresh", "0;url=https://bet.test/"),
    );
    for (path, status) in [
        ("/foreign", StatusCode::FORBIDDEN),
        ("/sneaky", StatusCode::FORBIDDEN),
        ("/refresh", StatusCode::OK),
    ] {
        let (parts, body) = h.body(path, &[]).await;
        assert_eq!(parts.status, status, "{path}");
        assert!(parts.headers.get("location").is_none() && parts.headers.get("refresh").is_none());
        assert!(!String::from_utf8_lossy(&body).contains("bet.test"));
    }
    assert_eq!(
        h.stage_rules(),
        ["header.location", "header.location", "header.refresh"]
    );
    let first = &h.events_of("header.location")[0];
    assert_eq!(first.target.as_deref(), Some("https://bet.test/khuyen-mai"));
}

#[tokio::test]
async fn own_and_allowed_redirects_pass() {
    let h = Setup::portal().start().await;
    let up = &h.upstream;
    up.route(
        "/https",
        redirect(301, "location", "https://portal.example.gov.vn/"),
    );
    up.route(
        "/bare",
        redirect(301, "location", "http://www.portal.example.gov.vn/x"),
    );
    up.route(
        "/allowed",
        redirect(302, "location", "https://chinhphu.vn/"),
    );
    up.route("/relative", redirect(302, "location", "/tin-tuc"));
    up.route("/own-refresh", redirect(200, "refresh", "5;url=/trang-chu"));
    for (path, status) in [
        ("/https", 301),
        ("/bare", 301),
        ("/allowed", 302),
        ("/relative", 302),
        ("/own-refresh", 200),
    ] {
        let (parts, _) = h.body(path, &[]).await;
        assert_eq!(parts.status.as_u16(), status, "{path}");
        assert!(parts.headers.get("location").is_some() || parts.headers.get("refresh").is_some());
    }
    assert!(
        h.stage_rules().is_empty(),
        "own redirects produced events: {:?}",
        h.stage_rules()
    );
}

#[tokio::test]
async fn report_mode_passes_foreign_redirects_but_logs_them() {
    let h = Setup::portal().mode("report").start().await;
    h.upstream.route("/foreign", || {
        resp(302, &[("location", "https://bet.test/")], full(""))
    });
    let (parts, _) = h.body("/foreign", &[]).await;
    assert_eq!(parts.status, StatusCode::FOUND);
    assert_eq!(parts.headers["location"], "https://bet.test/");
    let events = h.events.events();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].rule, "header.location");
    assert_eq!(events[0].action, lachan::audit::Action::Reported);
}

#[tokio::test]
async fn head_requests_get_the_rewritten_headers_and_no_body() {
    let h = Setup::portal().start().await;
    h.upstream.route("/h", || {
        let mut r = html(200, full(""));
        r.headers_mut()
            .insert("content-encoding", "gzip".parse().unwrap());
        r
    });
    let resp = h.send(Method::HEAD, "/h", &[]).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let head = resp.headers();
    assert!(head.get("content-encoding").is_none() && head.get("etag").is_none());
    assert!(h.stage_rules().is_empty(), "{:?}", h.stage_rules());
}

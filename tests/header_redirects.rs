//! Attack suite: response heads that send the visitor (or the browser's preloader) to a
//! foreign host: `Location` on a redirect, `Refresh`, and `Link` hints. Through a real
//! gateway; every attack also has its benign twin that must pass untouched.

use crate::common;

use common::body::{full, resp};
use common::gateway::Setup;
use http::StatusCode;
use lachan::audit::Action;

const PAGE: &str = "<!doctype html><html><head><title>Sở Tư pháp</title></head>\
    <body><h1>Tin tức</h1><p>Thông báo lịch tiếp công dân.</p></body></html>";

fn page_with(
    status: u16,
    name: &'static str,
    value: &'static str,
) -> impl Fn() -> http::Response<lachan::body::GatewayBody> {
    move || {
        resp(
            status,
            &[("content-type", "text/html; charset=utf-8"), (name, value)],
            full(PAGE),
        )
    }
}

#[tokio::test]
async fn foreign_refresh_header_is_dropped_and_the_page_served() {
    let h = Setup::portal().start().await;
    let values = [
        "1; URL=http://bet.test/",
        "0;url=https://bet.test/khuyen-mai",
        "0 https://bet.test/",
        "5, URL = \"//bet.test/x\"",
        "0; Url='https://portal.example.gov.vn.bet.test/'",
        "3.5;url=javascript:location='//bet.test'",
        "0;URL=https:\\\\bet.test",
    ];
    for (i, value) in values.iter().enumerate() {
        for status in [200u16, 404, 500] {
            let path = format!("/r{i}-{status}");
            h.upstream.route(&path, page_with(status, "refresh", value));
            let (parts, body) = h.body(&path, &[]).await;
            assert_eq!(
                parts.status.as_u16(),
                status,
                "{value}: the page must be served"
            );
            assert!(
                parts.headers.get("refresh").is_none(),
                "{value}: Refresh kept"
            );
            let body = String::from_utf8(body).unwrap();
            assert!(
                body.contains("Thông báo lịch tiếp công dân"),
                "{value}: {body}"
            );
        }
    }
    let events = h.events_of("header.refresh");
    assert_eq!(events.len(), values.len() * 3, "one event per response");
    assert!(events.iter().all(|e| e.action == Action::Removed));
    assert_eq!(events[0].target.as_deref(), Some("http://bet.test/"));
}

#[tokio::test]
async fn foreign_redirect_gets_a_403_saying_the_link_led_outside() {
    let h = Setup::portal().start().await;
    let targets = [
        "https://bet.test/",
        "//bet.test/x",
        "https://portal.example.gov.vn@bet.test/",
        "https://portal.example.gov.vn.bet.test/",
        "HTTPS://BET.TEST./",
        "/\\bet.test/",
        "javascript:alert(1)",
        "https://fakegov.vn/",
    ];
    for (i, to) in targets.iter().enumerate() {
        for status in [301u16, 302, 303, 307, 308] {
            let path = format!("/go{i}-{status}");
            h.upstream.route(&path, page_with(status, "location", to));
            let (parts, body) = h.body(&path, &[]).await;
            assert_eq!(parts.status, StatusCode::FORBIDDEN, "{status} {to}");
            assert!(parts.headers.get("location").is_none());
            let body = String::from_utf8(body).unwrap();
            assert!(
                body.contains("led outside this site and was blocked"),
                "{body}"
            );
            assert!(
                !body.to_ascii_lowercase().contains("bet.test"),
                "target echoed"
            );
        }
    }
    let events = h.events_of("header.location");
    assert_eq!(events.len(), targets.len() * 5);
    assert!(events.iter().all(|e| e.action == Action::Blocked));
    assert!(
        h.rules().iter().all(|r| !r.starts_with("body.")),
        "{:?}",
        h.rules()
    );
}

#[tokio::test]
async fn foreign_link_header_hints_are_dropped_one_by_one() {
    let h = Setup::portal().start().await;
    for (i, rel) in [
        "preload; as=script",
        "prefetch",
        "preconnect",
        "dns-prefetch",
        "modulepreload",
        "prerender",
        "canonical",
    ]
    .iter()
    .enumerate()
    {
        let value: &'static str = Box::leak(
            format!("</css/site.css>; rel=preload; as=style, <https://bet.test/x.js>; rel={rel}, <https://chinhphu.vn/a.js>; rel=preload; as=script")
                .into_boxed_str(),
        );
        let path = format!("/l{i}");
        h.upstream.route(&path, page_with(200, "link", value));
        let (parts, _) = h.body(&path, &[]).await;
        let link = parts.headers["link"].to_str().unwrap();
        assert_eq!(
            link,
            "</css/site.css>; rel=preload; as=style, <https://chinhphu.vn/a.js>; rel=preload; as=script",
            "{rel}"
        );
    }
    for (path, value) in [
        ("/only", "<//bet.test>; rel=preconnect"),
        (
            "/srcset",
            "</a.jpg>; rel=preload; as=image; imagesrcset=\"/a.jpg 1x, https://bet.test/b.jpg 2x\"",
        ),
        ("/malformed", "https://bet.test/; rel=preconnect"),
    ] {
        h.upstream.route(path, page_with(200, "link", value));
        let (parts, _) = h.body(path, &[]).await;
        assert!(
            parts.headers.get("link").is_none(),
            "{path}: {:?}",
            parts.headers.get("link")
        );
    }
    let events = h.events_of("header.link");
    assert_eq!(events.len(), 10);
    assert!(events.iter().all(|e| e.action == Action::Removed));
}

#[tokio::test]
async fn foreign_link_header_on_an_image_is_dropped_too() {
    let h = Setup::portal().start().await;
    h.upstream.route("/logo.png", || {
        resp(
            200,
            &[
                ("content-type", "image/png"),
                ("link", "<https://bet.test/>; rel=preconnect"),
                ("refresh", "0;url=https://bet.test/"),
            ],
            full("PNG"),
        )
    });
    let (parts, body) = h.body("/logo.png", &[]).await;
    assert_eq!(body, b"PNG");
    assert!(parts.headers.get("link").is_none() && parts.headers.get("refresh").is_none());
}

#[tokio::test]
async fn benign_redirects_refreshes_and_hints_pass_untouched() {
    let h = Setup::portal().start().await;
    let cases: [(&str, u16, &str, &'static str); 8] = [
        ("/https", 301, "location", "https://portal.example.gov.vn/"),
        (
            "/www",
            301,
            "location",
            "http://www.portal.example.gov.vn/x",
        ),
        (
            "/bare",
            308,
            "location",
            "https://portal.example.gov.vn/tin-tuc",
        ),
        ("/allowed", 302, "location", "https://chinhphu.vn/"),
        ("/relative", 302, "location", "/tin-tuc?page=2"),
        ("/own-refresh", 200, "refresh", "5;url=/trang-chu"),
        ("/reload", 200, "refresh", "30"),
        (
            "/own-link",
            200,
            "link",
            "</css/site.css>; rel=preload; as=style, <https://portal.example.gov.vn/js/app.js>; rel=modulepreload",
        ),
    ];
    for (path, status, name, value) in cases {
        h.upstream.route(path, page_with(status, name, value));
        let (parts, _) = h.body(path, &[]).await;
        assert_eq!(parts.status.as_u16(), status, "{path}");
        assert_eq!(parts.headers[name], value, "{path}");
    }
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

#[tokio::test]
async fn report_mode_keeps_foreign_heads_but_logs_them() {
    let h = Setup::portal().mode("report").start().await;
    h.upstream
        .route("/go", page_with(302, "location", "https://bet.test/"));
    h.upstream.route(
        "/refresh",
        page_with(200, "refresh", "0;url=https://bet.test/"),
    );
    h.upstream.route(
        "/link",
        page_with(200, "link", "<https://bet.test/>; rel=preconnect"),
    );
    let (go, _) = h.body("/go", &[]).await;
    assert_eq!(go.status, StatusCode::FOUND);
    let (refresh, _) = h.body("/refresh", &[]).await;
    assert!(refresh.headers.get("refresh").is_some());
    let (link, _) = h.body("/link", &[]).await;
    assert!(link.headers.get("link").is_some());
    let events = h.events.events();
    let rules: Vec<_> = events.iter().map(|e| e.rule.to_string()).collect();
    assert_eq!(rules, ["header.location", "header.refresh", "header.link"]);
    assert!(events.iter().all(|e| e.action == Action::Reported));
}

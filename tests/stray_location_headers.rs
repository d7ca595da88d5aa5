//! Attack suite (issue 14, delivery): response heads that still send a browser, a crawler
//! or a cache to a foreign host when the response is not a plain redirect to it:
//! - a `Location` on a 200/201 (not a redirect: some clients and crawlers follow it);
//! - a `Content-Location` on any status (a crawler indexes the page under it);
//! - a redirect (and a `Refresh`) whose target is an allowed redirector that forwards to a
//!   foreign host (`www.youtube.com/redirect?q=…`, `google.com/url?q=…`) or to a target
//!   nobody can judge (`google.com/search?…&btnI`, "I'm Feeling Lucky").
//!
//! The stray headers are dropped with an audit event and the page is served; the redirect
//! gets the 403 page. Benign twins (own and allowed targets, a 3xx to the site's own pages,
//! a redirector leading back to the site, a plain Google search) pass untouched.

use crate::common;

use common::body::{full, resp};
use common::gateway::{Gateway, Setup};
use common::upstream::Upstream;
use common::{ALLOW, HOST};
use http::StatusCode;
use lachan::audit::Action;

const PAGE: &str = "<!doctype html><html><head><title>Sở Tư pháp</title></head>\
    <body><h1>Tin tức</h1><p>Thông báo lịch tiếp công dân.</p></body></html>";

/// The portal, also allowing Google's own hosts (where its redirectors live).
async fn google_portal() -> Gateway {
    let allow = ALLOW
        .iter()
        .chain(&["www.google.com", "google.com", "www.google.com.vn"])
        .map(|h| format!("\"{h}\""))
        .collect::<Vec<_>>()
        .join(", ");
    Setup::new()
        .guard("allow = [\"127.0.0.0/8\"]")
        .site(HOST, &Upstream::new())
        .site_lines(&format!("allow = [{allow}]"))
        .start()
        .await
}

fn route(h: &Gateway, path: &str, status: u16, name: &'static str, value: &str) {
    let value = value.to_string();
    h.upstream.route(path, move || {
        let head = [
            ("content-type", "text/html; charset=utf-8"),
            (name, value.as_str()),
        ];
        resp(status, &head, full(PAGE))
    });
}

const FOREIGN: [&str; 6] = [
    "https://bet.test/",
    "//bet.test/khuyen-mai",
    "/\\bet.test/",
    "https://www.youtube.com/redirect?q=https%3A%2F%2Fbet.test%2F",
    "https://www.google.com/url?sa=t&url=https://bet.test/",
    "https://www.google.com/search?q=nha+cai+uy+tin&btnI=I%27m+Feeling+Lucky",
];

#[tokio::test]
async fn foreign_location_on_a_200_or_201_is_dropped_and_the_page_served() {
    let h = google_portal().await;
    for (i, to) in FOREIGN.iter().enumerate() {
        for status in [200u16, 201, 404] {
            let path = format!("/l{i}-{status}");
            route(&h, &path, status, "location", to);
            let (parts, body) = h.body(&path, &[]).await;
            assert_eq!(parts.status.as_u16(), status, "{to}");
            assert!(parts.headers.get("location").is_none(), "{status} {to}");
            let body = String::from_utf8(body).unwrap();
            assert!(body.contains("Thông báo lịch tiếp công dân"), "{body}");
        }
    }
    let events = h.events_of("header.location");
    assert_eq!(events.len(), FOREIGN.len() * 3, "one event per response");
    assert!(events.iter().all(|e| e.action == Action::Removed));
}

#[tokio::test]
async fn foreign_content_location_is_dropped_on_any_status() {
    let h = google_portal().await;
    for (i, to) in FOREIGN.iter().enumerate() {
        for status in [200u16, 203, 302, 500] {
            let path = format!("/c{i}-{status}");
            route(&h, &path, status, "content-location", to);
            let (parts, _) = h.body(&path, &[]).await;
            assert_eq!(parts.status.as_u16(), status, "{to}");
            assert!(parts.headers.get("content-location").is_none(), "{to}");
        }
    }
    let events = h.events_of("header.content_location");
    assert_eq!(events.len(), FOREIGN.len() * 4);
    assert!(events.iter().all(|e| e.action == Action::Removed));
}

#[tokio::test]
async fn redirect_through_an_allowed_redirector_to_a_foreign_host_is_refused() {
    let h = google_portal().await;
    let targets = [
        "https://www.youtube.com/redirect?event=v&q=https%253A%252F%252Fbet.test",
        "https://www.google.com/url?q=https://bet.test/&sa=D",
        "https://google.com/url?URL=%2F%2Fbet.test%2Fa",
        "https://www.google.com.vn/amp/s/bet.test/a.html",
        "https://www.google.com/search?q=nha+cai&btnI",
        "https://www.google.com/search?btnI&q=tai+xiu",
        "/out?url=https://www.google.com/url?q=https://bet.test/",
    ];
    for (i, to) in targets.iter().enumerate() {
        for status in [301u16, 302, 307] {
            let path = format!("/r{i}-{status}");
            route(&h, &path, status, "location", to);
            let (parts, body) = h.body(&path, &[]).await;
            let body = String::from_utf8(body).unwrap();
            assert_eq!(parts.status, StatusCode::FORBIDDEN, "{status} {to}: {body}");
            assert!(parts.headers.get("location").is_none());
        }
        let path = format!("/f{i}");
        route(&h, &path, 200, "refresh", &format!("0;url={to}"));
        let (parts, _) = h.body(&path, &[]).await;
        assert_eq!(parts.status, 200, "{to}");
        assert!(parts.headers.get("refresh").is_none(), "{to}");
    }
    assert_eq!(h.events_of("header.location").len(), targets.len() * 3);
    assert_eq!(h.events_of("header.refresh").len(), targets.len());
}

#[tokio::test]
async fn own_and_allowed_locations_redirector_twins_and_searches_pass_untouched() {
    let h = google_portal().await;
    let cases: [(u16, &'static str, &str); 11] = [
        (201, "location", "/van-ban/123"),
        (200, "location", "https://portal.example.gov.vn/tin-tuc"),
        (200, "content-location", "/index.vi.html"),
        (
            200,
            "content-location",
            "https://www.portal.example.gov.vn/",
        ),
        (302, "location", "/dang-nhap?next=/quan-tri"),
        (
            302,
            "location",
            "https://www.youtube.com/redirect?q=https%3A%2F%2Fchinhphu.vn%2F",
        ),
        (
            301,
            "location",
            "https://www.google.com/url?q=https://portal.example.gov.vn/tin-tuc",
        ),
        (302, "location", "https://www.google.com/search?q=nha+cai"),
        (302, "location", "https://www.google.com/search?q=btnI"),
        (200, "refresh", "5;url=https://www.google.com/maps?q=Ha+Noi"),
        (303, "location", "https://chinhphu.vn/?next=/tin"),
    ];
    for (i, (status, name, value)) in cases.iter().enumerate() {
        let path = format!("/ok{i}");
        route(&h, &path, *status, name, value);
        let (parts, body) = h.body(&path, &[]).await;
        assert_eq!(parts.status.as_u16(), *status, "{value}");
        assert_eq!(parts.headers[*name], *value, "{value}");
        assert_eq!(body, PAGE.as_bytes(), "{value}");
    }
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

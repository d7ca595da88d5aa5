//! Attack suite (issue 14, delivery: JSON Feed): a JSON Feed reader renders an item's
//! `content_html` (and `summary`) as HTML and follows `url`, `external_url` and the feed's
//! other link fields. Payloads are written with JSON escapes (`\u003c`, `\/`, `\u002e`),
//! under `application/feed+json` (whatever its `version`) and under generic JSON types with
//! a jsonfeed.org `version` (first, after `items` within the look's window, or past the
//! window before `items`), whole and
//! in small chunks. Each is removed with an audit event and the body stays valid JSON. A
//! feed `version` declared only past the window, after such content, cuts the response.
//!
//! Benign twins pass byte for byte: a site feed with own and allowed links and escapes
//! (also with its `version` last, past the window), and plain JSON API answers (see
//! `json_api_passes`).

use crate::common;

use bytes::Bytes;
use common::body::{chunked, chunks_of, resp};
use common::gateway::{Gateway, Setup};
use http_body_util::BodyExt;

pub(crate) fn serve(h: &Gateway, path: &str, ty: &'static str, body: String, step: usize) {
    let body = Bytes::from(body);
    h.upstream.route(path, move || {
        resp(
            200,
            &[("content-type", ty)],
            chunked(chunks_of(&body, step)),
        )
    });
}

/// The delivered body, and whether it ended cleanly (not cut).
pub(crate) async fn delivered(h: &Gateway, path: &str) -> (String, bool) {
    let Ok(resp) = h.send(http::Method::GET, path, &[]).await else {
        return (String::new(), false);
    };
    let mut body = resp.into_body();
    let mut got = Vec::new();
    let mut clean = true;
    while let Some(frame) = body.frame().await {
        match frame {
            Ok(f) => got.extend_from_slice(f.data_ref().map_or(&[][..], |d| &d[..])),
            Err(_) => {
                clean = false;
                break;
            }
        }
    }
    (String::from_utf8_lossy(&got).into_owned(), clean)
}

const VERSION: &str = r#""version": "https:\/\/jsonfeed.org\/version\/1.1""#;

/// Where the feed's `version` goes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum At {
    First,
    /// After `items`, within the look's window.
    AfterItems,
    /// Last, after 17 KiB of padding.
    PastWindow,
    /// After 17 KiB of padding, before `items` (the rest is judged from there).
    AfterPad,
    /// None at all (the type says it is a feed).
    Nowhere,
    /// First, after a UTF-8 byte-order mark.
    FirstAfterBom,
}

fn feed(item: &str, at: At) -> String {
    let head = r#""title": "Tin tức", "home_page_url": "https://portal.example.gov.vn/""#;
    let items = format!(
        r#""items": [{{"id": "1", "url": "https://portal.example.gov.vn/tin/1", "title": "Thông báo", {item}}}]"#
    );
    let pad = format!("\"padding\": \"{}\"", "x".repeat(17 * 1024));
    match at {
        At::First => format!("{{{VERSION}, {head}, {items}}}"),
        At::AfterItems => format!("{{{head}, {items}, {VERSION}}}"),
        At::PastWindow => format!("{{{head}, {pad}, {items}, {VERSION}}}"),
        At::AfterPad => format!("{{{head}, {pad}, {VERSION}, {items}}}"),
        At::Nowhere => format!("{{{head}, {items}}}"),
        At::FirstAfterBom => format!("\u{feff}{{{VERSION}, {head}, {items}}}"),
    }
}

const ITEMS: [&str; 10] = [
    r#""content_html": "<p>Xem <a href=\"https://bet.test/\">đây</a></p>""#,
    r#""content_html": "\u003cscript\u003elocation.replace('https:\/\/bet.test\/')\u003c\/script\u003e""#,
    r#""content_html": "<p>Tin</p><script>setTimeout(function(){top.location='https://bet.test/'},9)</script>""#,
    r#""summary": "<iframe src=\"//bet.test/f\" width=0 height=0></iframe>Tin""#,
    r#""content_html": "<meta http-equiv=\"refresh\" content=\"0;url=https://bet.test/\">""#,
    r#""content_html": "<img src=x onerror=\"location='https:\/\/bet.test\/'\">""#,
    r#""external_url": "//bet.test/khuyen-mai""#,
    r#""url": "https://bet\u002etest/vip", "content_text": "Tin""#,
    r#""authors": [{"name": "A", "url": "https://bet.test/a", "avatar": "https://bet.test/a.png"}]"#,
    r#""attachments": [{"url": "HTTPS://BET.TEST/x.mp3", "mime_type": "audio/mpeg"}], "image": "https:\/\/bet.test\/i.png""#,
];

#[tokio::test]
async fn json_feed_links_and_html_to_foreign_hosts_are_removed() {
    let h = Setup::portal().start().await;
    for (i, item) in ITEMS.iter().enumerate() {
        for (ty, at) in [
            ("application/feed+json", At::First),
            ("application/feed+json", At::Nowhere),
            ("application/feed+json", At::PastWindow),
            ("application/json", At::First),
            ("application/json", At::AfterItems),
            ("text/json", At::First),
            ("application/vnd.feed+json", At::AfterItems),
            ("application/json", At::AfterPad),
            ("application/json", At::FirstAfterBom),
            ("application/feed+json", At::FirstAfterBom),
        ] {
            let steps: &[usize] = match at {
                At::PastWindow | At::AfterPad => &[4096, 7],
                _ => &[4096, 7, 1],
            };
            for &step in steps {
                let before = h.rules().len();
                let path = format!("/jf{i}-{}-{at:?}-{step}", ty.len());
                serve(&h, &path, ty, feed(item, at), step);
                let (text, clean) = delivered(&h, &path).await;
                let low = text.to_ascii_lowercase();
                assert!(
                    clean && !low.contains("bet.test") && !low.contains("bet\\u002etest"),
                    "{item} as {ty} (version {at:?}) by {step}: {}",
                    &text[..text.len().min(600)]
                );
                let json = text.trim_start_matches('\u{feff}');
                let parsed: Result<serde_json::Value, _> = serde_json::from_str(json);
                assert!(parsed.is_ok(), "{item}: not JSON: {text}");
                assert!(h.rules().len() > before, "{item} as {ty}: no event");
            }
        }
    }
}

/// A generic JSON body that declares itself a feed only after the look's window, past an
/// attack that already passed unjudged: the response is cut, so no reader gets the feed.
#[tokio::test]
async fn a_json_feed_declaring_its_version_late_after_an_attack_is_cut() {
    let h = Setup::portal().start().await;
    let escaped_key = r#""\u0076ersion": "https:\u002f\u002fjsonfeed.org/version/1""#;
    for (i, item) in ITEMS.iter().enumerate() {
        for (ty, late) in [
            ("application/json", VERSION),
            ("application/json", escaped_key),
            // A non-feed `version` first does not decide: the last duplicate counts.
            ("text/json", VERSION),
        ] {
            let body = feed(item, At::PastWindow).replacen(VERSION, late, 1);
            let body = match ty {
                "text/json" => body.replacen('{', "{\"version\": \"2\", ", 1),
                _ => body,
            };
            for step in [4096usize, 7] {
                let path = format!("/late{i}-{}-{}-{step}", ty.len(), late.len());
                serve(&h, &path, ty, body.clone(), step);
                let (text, clean) = delivered(&h, &path).await;
                assert!(
                    !clean && serde_json::from_str::<serde_json::Value>(&text).is_err(),
                    "{item} as {ty} by {step}: delivered whole"
                );
                let late = h.events_of("jsonfeed.late");
                assert!(
                    late.iter().any(|e| e.request.url.ends_with(&path)),
                    "{item} by {step}: no jsonfeed.late event"
                );
            }
        }
    }
}

#[tokio::test]
async fn a_site_json_feed_passes_byte_for_byte_with_its_version_anywhere() {
    let h = Setup::portal().start().await;
    let fields = "\n  \"title\": \"Cổng thông tin\", \"feed_url\": \"https:\\/\\/portal.example.gov.vn\\/feed.json\",\n  \
         \"items\": [{\"id\": \"tin-1\", \"url\": \"https://portal.example.gov.vn/tin/1\", \"title\": \"Giá 5 < 7 & \\\"mới\\\"\",\n  \
         \"content_html\": \"<p>Xem <a href=\\\"/tin/1\\\">chi tiết<\\/a> và <a href=\\\"https://chinhphu.vn/\\\">văn bản</a>\\n\\u00e0 \\ud83d\\ude00</p>\",\n  \
         \"summary\": \"Tóm tắt\", \"image\": \"/static/a.png\", \"tags\": [\"tin\", \"https://bet.test/ is a tag\"],\n  \
         \"authors\": [{\"name\": \"Văn phòng\", \"url\": \"https://moj.gov.vn/\"}], \"date_published\": \"2026-01-02T03:04:05+07:00\"}]";
    let first = format!("{{{VERSION},{fields}}}\n");
    // Sorted keys (a common generator): `items` before `version`, past the window.
    let pad = format!("\"description\": \"{}\",", "Tin tức. ".repeat(2048));
    let last = format!("{{{pad}{fields}, {VERSION}}}\n");
    for body in [&first, &last] {
        assert!(serde_json::from_str::<serde_json::Value>(body).is_ok());
    }
    for (ty, body) in [
        ("application/feed+json", &first),
        ("application/json", &first),
        ("application/json", &last),
        ("application/feed+json", &last),
    ] {
        for step in [4096usize, 3] {
            let path = format!("/ok-{}-{}-{step}", ty.len(), body.len());
            serve(&h, &path, ty, body.clone(), step);
            let (text, clean) = delivered(&h, &path).await;
            assert!(clean && text == *body, "{ty} by {step}");
        }
    }
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

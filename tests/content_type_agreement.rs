//! Content-Type disagreement (redteam, critical): an upstream that sends two `Content-Type`
//! lines (`text/plain` then `text/html`) or one comma list (`text/plain, text/html`) had
//! the gateway read the first type and pass the body through as text, while Chromium
//! reads the last valid one (Fetch "extract a MIME type") and renders the page with its
//! planted redirect; the same trick passed an upload-folder doorway, and a charset taken
//! from the first line left spam unread. The gateway now reads the type as browsers do
//! and sends exactly one `Content-Type` line holding what it judged. Ordinary pages,
//! JSON and images come through byte for byte with their header untouched.

use crate::common;

use bytes::Bytes;
use common::body::{full, resp};
use common::expect::fired;
use common::gateway::{Gateway, Setup};

const REDIRECT_PAGE: &str = "<!doctype html><html><head><title>Tin tức</title></head><body>\
    <p>Thông báo</p><script>window.location.replace(\"https://bet.test/\")</script>\
    </body></html>";
const DOORWAY: &str = "<!doctype html><html><head><title>tai xiu uy tin</title></head>\
    <body><h1>nha cai uy tin</h1><a href=\"https://bet.test/\">789bet</a></body></html>";
const CLEAN_PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Cổng \
    thông tin</title></head><body><p>Xin chào</p><a href=\"/tin-tuc\">Tin tức</a></body></html>";

/// `path` answers with `body` under the given `Content-Type` lines.
fn serve(h: &Gateway, path: &str, types: &[&str], body: Bytes) {
    let types: Vec<String> = types.iter().map(|t| t.to_string()).collect();
    h.upstream.route(path, move || {
        let head: Vec<_> = types.iter().map(|t| ("content-type", t.as_str())).collect();
        resp(200, &head, full(body.clone()))
    });
}

/// Every `Content-Type` line of the answer.
fn type_lines(parts: &http::response::Parts) -> Vec<Vec<u8>> {
    let all = parts.headers.get_all("content-type");
    all.iter().map(|v| v.as_bytes().to_vec()).collect()
}

/// The page reaches the browser as one `text/html` line, its redirect removed.
async fn assert_sanitized_as_html(h: &Gateway, path: &str) {
    let (parts, body) = h.body(path, &[]).await;
    let text = String::from_utf8_lossy(&body);
    assert_eq!(parts.status, 200, "{path}");
    assert!(!text.contains("bet.test"), "{path}: redirect kept: {text}");
    assert_eq!(type_lines(&parts), [b"text/html".to_vec()], "{path}");
    assert!(text.contains("Thông báo"), "{path}: {text}");
    fired(h, "script.redirect");
}

#[tokio::test]
async fn duplicate_content_type_lines_plain_then_html_are_sanitized_as_the_browser_reads_them() {
    let h = Setup::portal().start().await;
    serve(
        &h,
        "/tin",
        &["text/plain", "text/html"],
        REDIRECT_PAGE.into(),
    );
    assert_sanitized_as_html(&h, "/tin").await;
    let events = h.events_of("head.content_type");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].action.as_str(), "replaced");
    let detail = events[0].detail.as_deref().unwrap_or("");
    assert!(detail.contains("text/plain | text/html"), "{detail}");
}

#[tokio::test]
async fn comma_listed_content_type_is_sanitized_as_the_browser_reads_it() {
    let h = Setup::portal().start().await;
    serve(&h, "/a", &["text/plain, text/html"], REDIRECT_PAGE.into());
    assert_sanitized_as_html(&h, "/a").await;
    serve(
        &h,
        "/b",
        &["text/plain;charset=utf-8, */*, text/html, bogus"],
        REDIRECT_PAGE.into(),
    );
    assert_sanitized_as_html(&h, "/b").await;
    assert_eq!(h.events_of("head.content_type").len(), 2);
}

/// Stricter than browsers (issue 14, delivery): a body with an HTML type on any line is
/// sanitized, although the browser reads the last line and shows it as text. A client that
/// reads the first line renders it.
#[tokio::test]
async fn duplicate_content_type_lines_html_then_plain_reach_the_browser_as_sanitized_text() {
    let h = Setup::portal().start().await;
    serve(&h, "/t", &["text/html", "text/plain"], REDIRECT_PAGE.into());
    let (parts, body) = h.body("/t", &[]).await;
    assert_eq!(type_lines(&parts), [b"text/plain".to_vec()]);
    let text = String::from_utf8_lossy(&body);
    assert!(!text.contains("bet.test"), "{text}");
    assert!(text.contains("Thông báo"), "{text}");
    fired(&h, "script.redirect");
}

#[tokio::test]
async fn a_type_no_browser_accepts_counts_as_no_type_and_is_sanitized() {
    let h = Setup::portal().start().await;
    for (path, types) in [("/star", &["*/*"][..]), ("/bad", &["nonsense", "*/*"][..])] {
        serve(&h, path, types, REDIRECT_PAGE.into());
        let (parts, body) = h.body(path, &[]).await;
        let text = String::from_utf8_lossy(&body);
        // Sanitized as HTML, it is declared HTML: with nosniff and no type, a browser
        // would show the page's source (red team round 2, `ct-missing`).
        assert_eq!(type_lines(&parts), [b"text/html".to_vec()], "{path}");
        assert_eq!(parts.headers["x-content-type-options"], "nosniff");
        assert!(!text.contains("bet.test"), "{path}: redirect kept: {text}");
    }
    let events = h.events_of("head.content_type");
    assert!(events.iter().all(|e| e.action.as_str() == "removed"));
    assert_eq!(events.len(), 2);
}

#[tokio::test]
async fn a_page_sent_with_no_type_is_declared_html_as_it_was_sanitized() {
    let h = Setup::portal().start().await;
    for (path, body) in [("/none", REDIRECT_PAGE), ("/clean", CLEAN_PAGE)] {
        serve(&h, path, &[], body.into());
        let (parts, out) = h.body(path, &[]).await;
        let text = String::from_utf8_lossy(&out);
        assert_eq!(type_lines(&parts), [b"text/html".to_vec()], "{path}");
        assert_eq!(parts.headers["x-content-type-options"], "nosniff");
        assert!(!text.contains("bet.test"), "{path}: {text}");
        assert!(text.contains("<title>"), "{path}: {text}");
    }
    // A type added to what was judged is no finding: no event.
    assert!(h.events_of("head.content_type").is_empty());
}

#[tokio::test]
async fn charset_is_taken_from_the_last_content_type_line_so_windows_1258_spam_is_read() {
    let h = Setup::portal().start().await;
    // Letters windows-1258 has precomposed (à, á, í, đ, â); the others need combining marks.
    let page = "<!doctype html><html><head><title>Tin t\u{1b0}\u{301}c</title></head><body>\
        <p>Xem <a href=\"https://bet.test/\">nhà cái uy tín</a> đây.</p></body></html>";
    let (encoded, _, lossy) = encoding_rs::WINDOWS_1258.encode(page);
    assert!(!lossy);
    let encoded = Bytes::from(encoded.into_owned());
    assert!(
        std::str::from_utf8(&encoded).is_err(),
        "the page is not UTF-8"
    );
    let lines = &[
        "text/html; charset=utf-8",
        "text/html; charset=windows-1258",
    ];
    serve(&h, "/cp", lines, encoded);
    let (parts, body) = h.body("/cp", &[]).await;
    assert_eq!(parts.status, 200);
    let (text, _, _) = encoding_rs::WINDOWS_1258.decode(&body);
    assert!(!text.contains("nhà cái"), "spam kept: {text}");
    assert_eq!(
        type_lines(&parts),
        [b"text/html;charset=windows-1258".to_vec()]
    );
    assert!(!text.contains("bet.test"), "{text}");
    assert!(text.contains("Xem  đây"), "{text}");
    fired(&h, "link.spam_text");
}

#[tokio::test]
async fn duplicate_content_type_on_an_upload_folder_doorway_is_refused() {
    let h = Setup::portal().start().await;
    for (path, types) in [
        (
            "/wp-content/uploads/2024/05/a.css",
            &["text/css", "text/html"][..],
        ),
        (
            "/wp-content/uploads/2024/05/b.css",
            &["text/css, text/html"][..],
        ),
        (
            "/images/banners/c.json",
            &["application/json", "*/*, text/html;charset=utf-8"][..],
        ),
    ] {
        serve(&h, path, types, DOORWAY.into());
        let before = h.events_of("upload.doorway").len();
        let (parts, body) = h.body(path, &[]).await;
        let text = String::from_utf8_lossy(&body);
        assert_eq!(parts.status, 403, "{path}: {text}");
        assert!(!text.contains("789bet"), "{path}: {text}");
        assert_eq!(h.events_of("upload.doorway").len(), before + 1, "{path}");
    }
}

#[tokio::test]
async fn ordinary_pages_json_and_images_come_through_with_their_header_untouched() {
    let h = Setup::portal().start().await;
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde";
    let json = "{\"tin\":\"Xin chào\",\"url\":\"https://bet.test/\"}";
    for (path, line, body) in [
        ("/page", "text/html; charset=utf-8", Bytes::from(CLEAN_PAGE)),
        ("/api", "application/json", Bytes::from(json)),
        ("/logo.png", "image/png", Bytes::from(png)),
        (
            "/Page",
            "Text/HTML;Charset=\"UTF-8\"",
            Bytes::from(CLEAN_PAGE),
        ),
    ] {
        serve(&h, path, &[line], body.clone());
        let (parts, got) = h.body(path, &[]).await;
        assert_eq!(parts.status, 200, "{path}");
        assert_eq!(type_lines(&parts), [line.as_bytes().to_vec()], "{path}");
        assert!(got == body, "{path}: body changed");
    }
    assert!(h.events_of("head.content_type").is_empty());
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

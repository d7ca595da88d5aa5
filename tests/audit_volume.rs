//! Attack suite: audit amplification. A page stuffed with foreign links, hidden spam blocks
//! and redirect scripts must not make one request write one event per carrier: the gateway
//! writes one event per (response, rule, action), with the first target and a count.

use crate::common;

use common::body::{chunked, chunks_of, full, resp, tiny_chunks};
use common::gateway::Setup;
use lachan::audit::Action;

fn stuffed_page(links: usize) -> String {
    let mut page = String::from("<!doctype html><html><head><title>Tin tức</title></head><body>");
    for i in 0..links {
        page.push_str(&format!(
            "<a href=\"https://site{}.test/p{i}\">Xem thêm</a> ",
            i % 50
        ));
        if i % 100 == 0 {
            page.push_str(
                "<div style=\"display:none\"><a href=\"https://casino.test/\">nhà cái</a></div>",
            );
            page.push_str("<img src=\"https://img.test/a.png\"><script>location.href='https://bet.test/'</script>");
        }
    }
    page.push_str("<p>Thông báo.</p></body></html>");
    page
}

#[tokio::test]
async fn a_page_of_foreign_links_writes_one_event_per_rule() {
    let h = Setup::portal().start().await;
    let page = stuffed_page(20_000);
    let pieces = [
        ("/whole", vec![bytes::Bytes::from(page.clone())]),
        ("/chunks", chunks_of(page.as_bytes(), 997)),
    ];
    for (path, frames) in pieces {
        h.upstream.route(path, move || {
            resp(
                200,
                &[("content-type", "text/html")],
                chunked(frames.clone()),
            )
        });
        let (_, body) = h.body(path, &[]).await;
        assert!(!String::from_utf8_lossy(&body).contains("site1.test"));
    }
    let events = h.events.events();
    for path in ["/whole", "/chunks"] {
        let mine: Vec<_> = events.iter().filter(|e| &*e.request.url == path).collect();
        let mut keys: Vec<_> = mine
            .iter()
            .map(|e| (e.rule.to_string(), e.action))
            .collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        keys.dedup();
        assert_eq!(
            keys.len(),
            mine.len(),
            "{path}: one event per rule and action: {keys:?}"
        );
        assert!(mine.len() <= 8, "{path}: {} events", mine.len());
        let link = mine.iter().find(|e| e.rule == "link.foreign").unwrap();
        assert_eq!(link.target.as_deref(), Some("https://site0.test/p0"));
        let detail = link.detail.as_deref().unwrap();
        assert!(
            detail.starts_with("20000 in this response; targets: https://site0.test/p0 "),
            "{detail}"
        );
        assert!(mine.iter().any(|e| e.rule == "link.hidden_block"));
        assert!(mine.iter().any(|e| e.rule == "media.foreign"));
    }
}

#[tokio::test]
async fn a_cut_body_still_writes_its_summary() {
    let h = Setup::portal().start().await;
    let mut page = stuffed_page(500).into_bytes();
    page.truncate(page.len() - 40);
    let mut packed = common::body::compress("gzip", &page);
    packed.truncate(packed.len() - 8);
    let frames = tiny_chunks(&packed);
    h.upstream.route("/cut", move || {
        resp(
            200,
            &[("content-type", "text/html"), ("content-encoding", "gzip")],
            chunked(frames.clone()),
        )
    });
    // All of the page is held until its container ends, so nothing was sent before the
    // cut: the client gets the 502 page (or, had bytes gone out, a cut body).
    let (parts, body) = h.try_body("/cut").await;
    assert!(
        body.is_none() || parts.status == http::StatusCode::BAD_GATEWAY,
        "a truncated gzip body must be cut or refused"
    );
    let events = h.events.events();
    let link: Vec<_> = events.iter().filter(|e| e.rule == "link.foreign").collect();
    assert_eq!(link.len(), 1, "{events:?}");
    let detail = link[0].detail.as_deref().unwrap();
    let count: u32 = detail.split(' ').next().unwrap().parse().unwrap();
    assert!(
        count >= 400 && detail.contains(" in this response"),
        "{detail}"
    );
    assert_eq!(h.events_of("body.error").len(), 1);
}

#[tokio::test]
async fn report_mode_summarizes_too() {
    let h = Setup::portal().mode("report").start().await;
    let page = stuffed_page(1000);
    h.upstream.route("/r", move || {
        resp(200, &[("content-type", "text/html")], full(page.clone()))
    });
    h.body("/r", &[]).await;
    let link = h.events_of("link.foreign");
    assert_eq!(link.len(), 1);
    assert_eq!(link[0].action, Action::Reported);
}

#[tokio::test]
async fn a_benign_page_writes_nothing() {
    let h = Setup::portal().start().await;
    let page = "<!doctype html><html><body><a href=\"/tin-tuc\">Tin tức</a> <a href=\"https://chinhphu.vn/\">Chính phủ</a></body></html>";
    h.upstream.route("/", move || {
        resp(200, &[("content-type", "text/html")], full(page))
    });
    let (_, body) = h.body("/", &[]).await;
    assert_eq!(body, page.as_bytes());
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

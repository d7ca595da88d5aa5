//! Attack pages served as XML (`text/xml`, `application/xml`, `+xml` types): Chromium renders
//! an XML document's XHTML-namespace elements as a page and runs its scripts, so such a
//! response is sanitized like HTML. Clean feeds and sitemaps come through byte for byte.

use crate::common;

use common::body::{full, resp};
use common::gateway::Setup;

const XML_TYPES: &[&str] = &[
    "text/xml",
    "application/xml; charset=utf-8",
    "application/rss+xml",
    "application/atom+xml",
    "application/vnd.wap.xhtml+xml",
];

/// An XHTML page inside an XML response, with a redirect script, a hidden backlink and a
/// foreign frame: the shape redteam pages w76/w77/w82–w84 used.
const PLANTED: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>Tin tức</title>\
<script>window.location.replace('https://kubet.test/xml')</script></head>\
<body><div style=\"display:none\"><a href=\"https://bet.test/\">nhà cái uy tín</a></div>\
<iframe src=\"https://casino.test/\"></iframe><p>Thông báo</p></body></html>";

const FEED: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<rss version=\"2.0\"><channel><title>Cổng thông tin</title>\
<link>https://portal.example.gov.vn/</link><description>Tin mới</description>\
<item><title>Lịch tiếp công dân</title><link>https://portal.example.gov.vn/tin/1</link>\
<pubDate>Mon, 01 Dec 2025 08:00:00 GMT</pubDate></item></channel></rss>\n";

const SITEMAP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
<url><loc>https://portal.example.gov.vn/</loc><lastmod>2025-12-01</lastmod></url>\
<url><loc>https://portal.example.gov.vn/van-ban/</loc></url></urlset>\n";

#[tokio::test]
async fn xhtml_attack_served_as_xml_is_sanitized() {
    let h = Setup::portal().start().await;
    for (i, ct) in XML_TYPES.iter().enumerate() {
        let path = format!("/feed-{i}.xml");
        h.upstream.route(&path, move || {
            resp(200, &[("content-type", ct)], full(PLANTED))
        });
        let (head, out) = h.body(&path, &[]).await;
        assert_eq!(head.status, 200, "{ct}");
        let out = String::from_utf8(out).unwrap();
        for foreign in ["kubet.test", "bet.test", "casino.test"] {
            assert!(!out.contains(foreign), "{ct}: {foreign} left in {out}");
        }
        assert!(out.contains("Thông báo"), "{ct}: the page's own text stays");
    }
}

#[tokio::test]
async fn clean_feeds_and_sitemaps_pass_unchanged() {
    let h = Setup::portal().start().await;
    for (path, ct, body) in [
        ("/rss.xml", "application/rss+xml", FEED),
        ("/feed.xml", "text/xml", FEED),
        ("/sitemap.xml", "application/xml", SITEMAP),
    ] {
        h.upstream
            .route(path, move || resp(200, &[("content-type", ct)], full(body)));
        let (head, out) = h.body(path, &[]).await;
        assert_eq!(head.status, 200, "{path}");
        assert_eq!(out, body.as_bytes(), "{path} ({ct}) changed");
    }
}

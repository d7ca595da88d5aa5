//! Attack suite: XML documents (`text/xml`, `application/xml`, `+xml`) whose attack lives in
//! a construct that Chromium's XML parser honours and an HTML tokenizer reads differently:
//! a foreign `<?xml-stylesheet?>` (XSLT rewrites the whole document), a DOCTYPE internal
//! subset whose entities expand to markup, a CDATA section that hides `</script>`, entity-
//! encoded script text, markup inside `script`/`title`, namespace-prefixed XHTML and SVG
//! elements and attributes, `xml:base`, and `<plaintext>`. What cannot be modelled is refused
//! (fail closed: the transfer is cut, or answered with the 502 page when nothing was sent
//! yet); the rest is judged as XML reads it. Clean feeds, sitemaps and XHTML pages come
//! through byte for byte.

use crate::common;

use common::expect::fired;
use common::gateway::{Gateway, Setup};
use http::Method;
use http_body_util::BodyExt;

/// What cannot be modelled is refused (the transfer cut, `xml.unsafe`) or, if answered,
/// keeps nothing of the attack.
fn cut_or_clean(h: &Gateway, out: &Option<String>) {
    assert!(
        out.as_ref().is_none_or(|o| !o.contains("bet.test")),
        "{out:?}"
    );
    fired(h, "xml.unsafe");
}

/// The body as sanitized (`None` when refused: no answer, the transfer cut, or, when the
/// refusal came before the first byte, the fixed 502 page of the held head).
async fn fetch(h: &Gateway, path: &str, ct: &'static str, body: &'static str) -> Option<String> {
    h.upstream.serve(path, ct, body);
    let resp = h.send(Method::GET, path, &[]).await.ok()?;
    if resp.status() == 502 {
        return None;
    }
    assert_eq!(resp.status(), 200);
    let bytes = resp.into_body().collect().await.ok()?.to_bytes();
    Some(String::from_utf8(bytes.to_vec()).unwrap())
}

const XHTML: &str = "<html xmlns=\"http://www.w3.org/1999/xhtml\">";

#[tokio::test]
async fn foreign_xml_stylesheet_xslt_is_removed() {
    let h = Setup::portal().start().await;
    for (i, pi) in [
        "<?xml-stylesheet type=\"text/xsl\" href=\"https://bet.test/t.xsl\"?>",
        "<?xml-stylesheet href='//bet.test/t.css' type='text/css'?>",
        "<?xml-stylesheet type=\"text/xsl\" href=\"data:text/xsl;base64,PHg+\"?>",
        "<?xml-stylesheet type=\"text/xsl\" href=\"https&#58;//bet.test/t.xsl\"?>",
        "<?xml-stylesheet type=\"text/xsl\" href=\"https://bet.test/a>b.xsl\"?>",
    ]
    .into_iter()
    .enumerate()
    {
        let body: &'static str =
            format!("<?xml version=\"1.0\"?>\n{pi}\n<rss version=\"2.0\"><channel/></rss>").leak();
        let out = fetch(&h, &format!("/f{i}.xml"), "application/rss+xml", body)
            .await
            .expect("not refused");
        assert!(!out.contains("bet.test") && !out.contains("data:"), "{out}");
        assert!(out.contains("<rss version=\"2.0\">"), "{out}");
    }
    assert!(
        h.rules().iter().filter(|r| *r == "xml.stylesheet").count() >= 5,
        "{:?}",
        h.rules()
    );
}

#[tokio::test]
async fn doctype_internal_subset_entity_markup_is_refused() {
    let h = Setup::portal().start().await;
    let body = "<?xml version=\"1.0\"?>\n<!DOCTYPE html [<!ENTITY x \"<script>location='https://bet.test/'</script>\">]>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Tin</p>&x;</body></html>";
    let out = fetch(&h, "/e.xml", "application/xhtml+xml", body).await;
    assert!(
        out.as_ref()
            .is_none_or(|o| !o.contains("&x;") && !o.contains("bet.test")),
        "{out:?}"
    );
    fired(&h, "xml.unsafe");
}

#[tokio::test]
async fn cdata_hiding_the_end_of_a_script_is_refused() {
    let h = Setup::portal().start().await;
    let body = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Tin</p><script>//<![CDATA[\nvar s = \"</script>\"; location.href = \"https://bet.test/x\";\n//]]></script></body></html>";
    let out = fetch(&h, "/c.xml", "text/xml", body).await;
    cut_or_clean(&h, &out);
}

#[tokio::test]
async fn script_text_is_judged_as_xml_reads_it() {
    let h = Setup::portal().start().await;
    for (i, script) in [
        // Character references are decoded in XML script text.
        "<script>&#x6c;ocation.href=&quot;https://bet.test/&quot;</script>",
        "<script><![CDATA[window.location]]>.replace(&apos;https://bet.test/&apos;)</script>",
        // Markup inside a script is an element to XML (an iframe loads even there).
        "<script>var a;<iframe src=\"https://bet.test/\"/></script>",
        // A title holds elements in XML.
        "<head><title>Tin<script>location='https://bet.test/'</script></title></head>",
    ]
    .into_iter()
    .enumerate()
    {
        let body: &'static str = format!("{XHTML}{script}<body><p>Tin</p></body></html>").leak();
        let out = fetch(&h, &format!("/s{i}.xml"), "application/xml", body)
            .await
            .expect("not refused");
        assert!(!out.contains("bet.test"), "{out}");
        assert!(out.contains("<p>Tin</p>"), "{out}");
    }
}

#[tokio::test]
async fn namespace_prefixed_xhtml_and_svg_carriers_are_judged() {
    let h = Setup::portal().start().await;
    let body = "<root xmlns:h=\"http://www.w3.org/1999/xhtml\" xmlns:s=\"http://www.w3.org/2000/svg\" xmlns:q=\"http://www.w3.org/1999/xlink\">\
<h:p>Tin</h:p><h:script>location='https://bet.test/'</h:script>\
<h:a href=\"https://bet.test/\">nhà cái uy tín</h:a><h:iframe src=\"https://bet.test/f\"/>\
<s:svg><s:a q:href=\"https://bet.test/\">x</s:a><s:script q:href=\"https://bet.test/x.js\"/></s:svg>\
<h:div xml:base=\"https://bet.test/\"><h:a href=\"x\">y</h:a></h:div></root>";
    let out = fetch(&h, "/n.xml", "text/xml", body)
        .await
        .expect("not refused");
    assert!(
        !out.contains("bet.test") && !out.contains("nhà cái"),
        "{out}"
    );
    assert!(out.contains("<h:p>Tin</h:p>"), "{out}");
    let rules = h.rules();
    assert!(rules.contains(&"xml.prefixed".to_string()), "{rules:?}");
}

#[tokio::test]
async fn plaintext_in_an_xml_document_is_refused() {
    let h = Setup::portal().start().await;
    let body = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Tin</p><plaintext/><script>location='https://bet.test/'</script></body></html>";
    let out = fetch(&h, "/p.xml", "application/xhtml+xml", body).await;
    cut_or_clean(&h, &out);
}

const FEED: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"/feed.xsl\"?>\n\
<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
<channel><title>Cổng thông tin &amp; tin tức</title><atom:link href=\"https://portal.example.gov.vn/feed/\" rel=\"self\" type=\"application/rss+xml\"/>\
<link>https://portal.example.gov.vn/</link>\
<item><title><![CDATA[Lịch tiếp công dân tháng 12]]></title><link>https://portal.example.gov.vn/tin/1</link><dc:creator><![CDATA[Ban biên tập]]></dc:creator>\
<description><![CDATA[<p>Thông báo lịch tiếp công dân.</p>]]></description>\
<content:encoded><![CDATA[<p>Xem <a href=\"https://chinhphu.vn/\">Cổng Chính phủ</a>.</p>]]></content:encoded></item></channel></rss>\n";

const SITEMAP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><?xml-stylesheet type=\"text/xsl\" href=\"//portal.example.gov.vn/main-sitemap.xsl\"?>\n\
<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\">\
<url><loc>https://portal.example.gov.vn/</loc><image:image><image:loc>https://portal.example.gov.vn/logo.png</image:loc></image:image></url></urlset>\n";

const XHTML_PAGE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n\
<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"vi\"><head><title>Sở Tư pháp</title>\
<script type=\"text/javascript\">//<![CDATA[\nfunction tim(q){ if (q.length < 2) return; location.href = '/tim-kiem?q=' + encodeURIComponent(q); }\n//]]></script>\
<style type=\"text/css\">/*<![CDATA[*/ .menu > li { float: left } /*]]>*/</style></head>\
<body><p>Tin tức &amp; sự kiện</p><svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><use xlink:href=\"#logo\"/></svg></body></html>";

#[tokio::test]
async fn clean_feeds_sitemaps_and_xhtml_pages_are_unchanged() {
    let h = Setup::portal().start().await;
    for (path, ct, body) in [
        ("/feed/", "application/rss+xml; charset=UTF-8", FEED),
        ("/sitemap_index.xml", "text/xml", SITEMAP),
        ("/trang.xhtml", "application/xhtml+xml", XHTML_PAGE),
    ] {
        let out = fetch(&h, path, ct, body).await.expect("not refused");
        assert_eq!(out, body, "{path}");
    }
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

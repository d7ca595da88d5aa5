//! Attack suite (issue 14, delivery: page-equivalent types): bodies a browser or Windows
//! renders as a page under a type that does not say HTML.
//! - HTML Applications (`application/hta`, `application/x-hta`) and HTML Components
//!   (`text/x-component`): sanitized as HTML;
//! - Markdown under `text/x-markdown`, `text/markdown; variant=…`, `text/x-web-markdown`;
//! - WML (`text/vnd.wap.wml`, `application/vnd.wap.xhtml+xml`): `<go href>`, `<a href>`,
//!   and the navigation attributes that are URLs, not scripts (`onenterforward`,
//!   `onenterbackward`, `ontimer` with a `<timer>`: a timed redirect, `onpick`);
//! - XSLT (`text/xsl`, `application/xslt+xml`, and XML with an `xml-stylesheet`): literal
//!   result elements, attribute value templates, `xsl:element`, foreign imports.
//!
//! Benign twins pass byte for byte: an HTA with own links, a WML deck with same-site
//! navigation and a timer to its own card, a genuine sitemap stylesheet.

use crate::common;

use bytes::Bytes;
use common::body::{chunked, chunks_of, resp};
use common::gateway::{Gateway, Setup};
use http_body_util::BodyExt;

fn serve(h: &Gateway, path: &str, ty: &'static str, body: String, step: usize) {
    let body = Bytes::from(body);
    h.upstream.route(path, move || {
        resp(
            200,
            &[("content-type", ty)],
            chunked(chunks_of(&body, step)),
        )
    });
}

async fn delivered(h: &Gateway, path: &str) -> String {
    let Ok(resp) = h.send(http::Method::GET, path, &[]).await else {
        return String::new();
    };
    let mut body = resp.into_body();
    let mut got = Vec::new();
    while let Some(Ok(frame)) = body.frame().await {
        got.extend_from_slice(frame.data_ref().map_or(&[][..], |d| &d[..]));
    }
    String::from_utf8_lossy(&got).into_owned()
}

/// Whole, and in chunks small enough to split tags and a DOCTYPE over many chunks.
const STEPS: [usize; 4] = [4096, 97, 3, 1];

/// Every attack body under every type, whole and by small chunks: no `bet.test` left, and
/// each response leaves an audit event.
async fn all_removed(h: &Gateway, name: &str, types: &[&'static str], bodies: &[String]) {
    for (i, body) in bodies.iter().enumerate() {
        for (j, ty) in types.iter().enumerate() {
            for step in STEPS {
                let before = h.rules().len();
                let path = format!("/{name}{i}-{j}-{step}");
                serve(h, &path, ty, body.clone(), step);
                let text = delivered(h, &path).await;
                assert!(
                    !text.contains("bet.test"),
                    "{ty} by {step}: {body}\n=> {text}"
                );
                assert!(h.rules().len() > before, "{ty}: no event for {body}");
            }
        }
    }
}

async fn unchanged(h: &Gateway, name: &str, ty: &'static str, body: &str) {
    let before = h.rules().len();
    for step in STEPS {
        let path = format!("/{name}-{step}");
        serve(h, &path, ty, body.to_string(), step);
        let got = delivered(h, &path).await;
        assert_eq!(got, body, "{ty} by {step}: {:?}", h.rules());
    }
    assert_eq!(h.rules()[before..], [] as [String; 0], "{ty}: {body}");
}

#[tokio::test]
async fn html_applications_and_components_are_sanitized_as_pages() {
    let h = Setup::portal().start().await;
    let bodies: Vec<String> = [
        "<script>location.replace('https://bet.test/')</script>",
        "<a href=\"https://bet.test/\">nhà cái uy tín</a>",
        "<iframe src=\"//bet.test/f\" width=0 height=0></iframe>",
        "<meta http-equiv=refresh content=\"0;url=https://bet.test/\">",
        "<img src=x onerror=\"top.location='https://bet.test/'\">",
    ]
    .iter()
    .map(|b| format!("<HTA:APPLICATION ID=\"app\"/>\n<html><body>Ứng dụng {b}</body></html>"))
    .collect();
    let types = ["application/hta", "application/x-hta", "text/x-component"];
    all_removed(&h, "hta", &types, &bodies).await;
    let own = "<HTA:APPLICATION ID=\"app\"/>\n<html><body><a href=\"/tin\">Tin</a> \
               <a href=\"https://chinhphu.vn/\">Chính phủ</a></body></html>";
    unchanged(&h, "hta-own", "application/hta", own).await;
}

#[tokio::test]
async fn markdown_variant_types_take_the_markdown_path() {
    let h = Setup::portal().start().await;
    let bodies: Vec<String> = [
        "Xem [tại đây](https://bet.test/khuyen-mai).",
        "Truy cập <https://bet.test/ngay> nhé.",
        "[1]: //bet.test/dang-ky",
    ]
    .iter()
    .map(|b| format!("# Tin\n\n{b}\n\nHết.\n"))
    .collect();
    let types = [
        "text/x-markdown",
        "text/markdown; variant=GFM",
        "text/markdown; charset=UTF-8; variant=CommonMark",
        "text/x-web-markdown",
    ];
    all_removed(&h, "md", &types, &bodies).await;
}

fn wml(card: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE wml PUBLIC \"-//WAPFORUM//DTD WML 1.1//EN\" \
         \"http://www.wapforum.org/DTD/wml_1.1.xml\">\n<wml>{card}</wml>"
    )
}

#[tokio::test]
async fn wml_navigation_to_foreign_hosts_is_removed() {
    let h = Setup::portal().start().await;
    let bodies: Vec<String> = [
        "<card id=\"a\" ontimer=\"https://bet.test/\"><timer value=\"1\"/><p>Chờ</p></card>",
        "<card id=\"a\" onenterforward=\"//bet.test/vao\"><p>Tin</p></card>",
        "<card id=\"a\" onenterbackward=\"HTTPS://BET.TEST/\"><p>Tin</p></card>",
        "<card id=\"a\"><onevent type=\"ontimer\"><go href=\"https://bet.test/\"/></onevent><timer value=\"5\"/></card>",
        "<card id=\"a\"><p><a href=\"https://bet.test/\">nhà cái</a></p></card>",
        "<card id=\"a\"><p><anchor>Vào<go href=\"https&#58;//bet.test/\"/></anchor></p></card>",
        "<card id=\"a\"><p><select><option onpick=\"https://bet.test/\">Đi</option></select></p></card>",
        "<template onenterforward=\"https://bet.test/\"/><card id=\"a\"><p>x</p></card>",
    ]
    .iter()
    .map(|c| wml(c))
    .collect();
    let types = ["text/vnd.wap.wml", "application/vnd.wap.xhtml+xml"];
    all_removed(&h, "wml", &types, &bodies).await;
    let own = wml(
        "<card id=\"home\" ontimer=\"#tin\" onenterforward=\"/wap/dem\"><timer value=\"30\"/>\
         <p><a href=\"/wap/tin?id=1&amp;p=2\">Tin mới</a> <anchor>Chính phủ<go href=\"https://chinhphu.vn/\"/></anchor>\
         <select><option onpick=\"#tin\">Tin</option></select></p></card><card id=\"tin\"><p>Nội dung</p></card>",
    );
    unchanged(&h, "wml-own", "text/vnd.wap.wml", &own).await;
}

fn xsl(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xsl:stylesheet version=\"1.0\" \
         xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" xmlns:sitemap=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
         <xsl:template match=\"/\"><html><head><title>Sitemap</title></head><body>{body}</body></html>\
         </xsl:template></xsl:stylesheet>"
    )
}

#[tokio::test]
async fn xslt_result_elements_to_foreign_hosts_are_removed() {
    let h = Setup::portal().start().await;
    let bodies: Vec<String> = [
        "<a href=\"https://bet.test/\">nhà cái</a>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://bet.test/\"/>",
        "<script>window.location='https://bet.test/'</script>",
        "<a href=\"{concat('https://bet', '.test/')}\">x</a>",
        "<a href=\"https:{'//bet.test/'}\">x</a>",
        "<a href=\"{translate('https://bxt.test/', 'x', 'e')}\">x</a>",
        "<xsl:element name=\"script\">location='https://bet.test/'</xsl:element>",
        "<xsl:element name=\"{'ifr'}ame\"><xsl:attribute name=\"src\">//bet.test/</xsl:attribute></xsl:element>",
        "<iframe src=\"//bet.test/\" width=\"0\" height=\"0\"/>",
        "<xsl:text disable-output-escaping=\"yes\">&lt;script&gt;location='https://bet.test/'&lt;/script&gt;</xsl:text>",
    ]
    .iter()
    .map(|b| xsl(b))
    .collect();
    let types = ["text/xsl", "application/xslt+xml", "application/xml"];
    all_removed(&h, "xsl", &types, &bodies).await;
    let imports = [
        "<?xml version=\"1.0\"?><xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">\
         <xsl:import href=\"https://bet.test/t.xsl\"/></xsl:stylesheet>"
            .to_string(),
        "<?xml version=\"1.0\"?><?xml-stylesheet type=\"text/xsl\" href=\"https://bet.test/s.xsl\"?><urlset/>".to_string(),
    ];
    all_removed(&h, "imp", &["text/xsl", "text/xml"], &imports).await;
}

#[tokio::test]
async fn a_genuine_sitemap_stylesheet_passes_byte_for_byte() {
    let h = Setup::portal().start().await;
    let own = xsl(
        "<h1>Sơ đồ trang</h1><table><xsl:for-each select=\"sitemap:urlset/sitemap:url\">\
         <tr><td><a href=\"{sitemap:loc}\"><xsl:value-of select=\"sitemap:loc\"/></a></td>\
         <td><xsl:value-of select=\"concat(substring(sitemap:lastmod,0,11),concat(' ', substring(sitemap:lastmod,12,5)))\"/></td></tr>\
         </xsl:for-each></table><a href=\"/\">Trang chủ</a> <a href=\"https://chinhphu.vn/\">Chính phủ</a>\
         <link rel=\"stylesheet\" href=\"/sitemap.css\"/>",
    );
    for ty in ["text/xsl", "application/xslt+xml"] {
        unchanged(&h, &format!("sm-{}", ty.len()), ty, &own).await;
    }
    let doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><?xml-stylesheet type=\"text/xsl\" href=\"/sitemap.xsl\"?>\
        <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>https://portal.example.gov.vn/tin/1</loc>\
        <lastmod>2026-01-02T03:04:05+07:00</lastmod></url></urlset>";
    unchanged(&h, "sm-doc", "text/xml", doc).await;
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

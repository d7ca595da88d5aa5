//! Doorway pages in upload folders (threat catalogue: doorway uploads; issue 14, class 5).
//! A spam page planted as a file under a CMS upload folder is refused with 403 and an
//! `upload.doorway` event, whether its name, its `Content-Type` or its first bytes give it
//! away. Images, documents, plain SVG icons, pages outside upload folders and CMS error
//! pages come through unchanged.

use crate::common;

use common::body::{compress, full, resp};
use common::expect::{never, refused, served};
use common::gateway::{Gateway, Setup};

const DOORWAY: &str = "<!doctype html><html><head><title>tai xiu uy tin</title></head>\
    <body><h1>nha cai uy tin</h1><a href=\"https://bet.test/\">789bet</a></body></html>";
const JPEG: &[u8] = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9";
const ICON: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 24 24"><defs><path id="p" d="M3 12h18"/></defs><use xlink:href="#p" stroke="#c00"/></svg>"##;

/// Every path answers with the doorway page: a refusal can only come from the gateway.
fn doorway_everywhere(h: &Gateway) {
    h.upstream.serve("*", "text/html; charset=utf-8", DOORWAY);
}

async fn assert_refused(h: &Gateway, path: &str) {
    refused(h, path, "upload.doorway", &["789bet", "tai xiu"]).await;
}

#[tokio::test]
async fn doorway_page_names_in_every_cms_upload_folder_are_refused() {
    let h = Setup::portal().start().await;
    doorway_everywhere(&h);
    for path in [
        "/wp-content/uploads/2024/05/tai-xiu.html",
        "/blog/wp-content/uploads/2024/05/tai-xiu.html",
        "/images/banners/nha-cai.htm",
        "/media/k2/items/cache/x.html",
        "/sites/default/files/bong-da.html",
        "/uploads/x.xhtml",
        "/upload/x.xht",
        "/files/x.html",
    ] {
        assert_refused(&h, path).await;
    }
}

#[tokio::test]
async fn encoded_and_malformed_doorway_paths_are_refused() {
    let h = Setup::portal().start().await;
    doorway_everywhere(&h);
    for path in [
        "/wp-content/uploads/2024/05/TAI-XIU.HTML",
        "/wp-content/uploads/tai-xiu%2Ehtml",
        "/wp-content/uploads/tai-xiu%252ehtml",
        "/wp-content/%75ploads/x.htm",
        "/WP-CONTENT/Uploads/x.Html",
        "/wp-content//uploads/./2024/x.html",
        "/wp-content/uploads/x.html;jsessionid=0a1b",
        "/wp-content/uploads;v=1/x.html",
        "/wp-content/uploads/x.html.",
        "/wp-content/uploads/x.html%20",
        "/wp-content/uploads/x.html%00.jpg",
        "/wp-content/uploads/anh.jpg.html",
        "/wp-content/uploads/anh.html.jpg",
        "/wp-content\\uploads\\x.html",
    ] {
        assert_refused(&h, path).await;
    }
}

#[tokio::test]
async fn html_served_under_an_innocent_name_is_refused() {
    let h = Setup::portal().start().await;
    let page = |ct: &'static str| move || resp(200, &[("content-type", ct)], full(DOORWAY));
    // A download script in the folder that answers with a page.
    h.upstream.route("/media/view", page("text/html"));
    h.upstream
        .route("/uploads/anh.jpg", page("text/html; charset=utf-8"));
    h.upstream
        .route("/uploads/xhtml.jpg", page("application/xhtml+xml"));
    h.upstream.route("/uploads/sniffed.jpg", page("image/jpeg"));
    h.upstream
        .route("/uploads/octet.bin", page("application/octet-stream"));
    h.upstream.route("/uploads/plain.txt", page("text/plain"));
    h.upstream.route("/uploads/untyped", || {
        let mut r = resp(200, &[], full(format!("\u{feff}\r\n  {DOORWAY}")));
        r.headers_mut().remove("content-type");
        r
    });
    for path in [
        "/media/view?f=anh.jpg",
        "/uploads/anh.jpg",
        "/uploads/xhtml.jpg",
        "/uploads/sniffed.jpg",
        "/uploads/octet.bin",
        "/uploads/plain.txt",
        "/uploads/untyped",
    ] {
        assert_refused(&h, path).await;
    }
}

#[tokio::test]
async fn compressed_html_disguised_as_an_image_is_refused() {
    let h = Setup::portal().start().await;
    for coding in ["gzip", "deflate", "br", "zstd"] {
        let path = format!("/wp-content/uploads/{coding}.jpg");
        h.upstream.route(&path, move || {
            let headers = [("content-type", "image/jpeg"), ("content-encoding", coding)];
            resp(200, &headers, full(compress(coding, DOORWAY.as_bytes())))
        });
        assert_refused(&h, &path).await;
    }
}

#[tokio::test]
async fn svg_with_script_links_or_html_is_refused() {
    let h = Setup::portal().start().await;
    let svgs = [
        r#"<svg xmlns="http://www.w3.org/2000/svg"><script>location.replace("https://bet.test/")</script></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><SCRIPT xlink:href="//bet.test/x.js"/></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg"><s:script>x()</s:script></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="https://bet.test/"><text>789bet</text></a></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">tai xiu</div></foreignObject></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg" onload="top.location='https://bet.test/'"/>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="https://bet.test/p.png"/></svg>"#,
    ];
    for (i, svg) in svgs.into_iter().enumerate() {
        for (coding, ct) in [
            ("identity", "image/svg+xml"),
            ("gzip", "image/svg+xml"),
            ("identity", "application/octet-stream"),
        ] {
            let path = format!("/wp-content/uploads/icon-{i}-{coding}-{}.svg", ct.len());
            h.upstream.route(&path, move || {
                let body = compress(coding, svg.as_bytes());
                let mut r = resp(200, &[("content-type", ct)], full(body));
                if coding != "identity" {
                    r.headers_mut()
                        .insert("content-encoding", coding.parse().unwrap());
                }
                r
            });
            assert_refused(&h, &path).await;
        }
    }
}

#[tokio::test]
async fn svg_with_script_past_the_inspected_start_is_refused() {
    let h = Setup::portal()
        .site_lines("[site.uploads]\ninspect = \"4KiB\"\n")
        .start()
        .await;
    let big = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\">{}<script>x()</script></svg>",
        "<path d=\"M0 0h1\"/>".repeat(1000)
    );
    h.upstream.serve("/uploads/map.svg", "image/svg+xml", big);
    assert_refused(&h, "/uploads/map.svg").await;
}

#[tokio::test]
async fn xml_with_an_xhtml_root_is_refused() {
    let h = Setup::portal().start().await;
    let doc = "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><script>x()</script></body></html>";
    h.upstream.serve("/files/feed.xml", "application/xml", doc);
    assert_refused(&h, "/files/feed.xml").await;
}

#[tokio::test]
async fn images_documents_and_plain_svg_icons_come_through_unchanged() {
    let h = Setup::portal().start().await;
    let pdf = b"%PDF-1.7\n<< /Type /Catalog >>\n%%EOF\n".to_vec();
    let gz_jpeg = compress("gzip", JPEG);
    h.upstream
        .serve("/wp-content/uploads/2024/05/anh.jpg", "image/jpeg", JPEG);
    let g = gz_jpeg.clone();
    h.upstream.route("/uploads/anh-gz.jpg", move || {
        let headers = [("content-type", "image/jpeg"), ("content-encoding", "gzip")];
        resp(200, &headers, full(g.clone()))
    });
    h.upstream.serve(
        "/sites/default/files/bao-cao.pdf",
        "application/pdf",
        pdf.clone(),
    );
    h.upstream.serve("/images/icon.svg", "image/svg+xml", ICON);
    h.upstream.route("/uploads/untyped.jpg", || {
        let mut r = resp(200, &[], full(JPEG));
        r.headers_mut().remove("content-type");
        r
    });
    for (path, want) in [
        ("/wp-content/uploads/2024/05/anh.jpg", JPEG.to_vec()),
        ("/uploads/anh-gz.jpg", gz_jpeg),
        ("/sites/default/files/bao-cao.pdf", pdf),
    ] {
        served(&h, path, &[("accept-encoding", "gzip")], 200, &want).await;
    }
    // Untyped bodies go to the sanitizer as before; the upload check lets a JPEG pass.
    let (head, _) = h.body("/uploads/untyped.jpg", &[]).await;
    assert_eq!(head.status, 200);
    let (head, body) = h.body("/images/icon.svg", &[]).await;
    assert_eq!(head.status, 200);
    let text = String::from_utf8_lossy(&body);
    assert!(
        text.contains("xlink:href=\"#p\"") && text.contains("M3 12h18"),
        "{text}"
    );
    never(&h, "upload.doorway");
}

#[tokio::test]
async fn pages_outside_upload_folders_and_cms_error_pages_are_served() {
    let h = Setup::portal().start().await;
    let page = "<!doctype html><title>Tin tuc</title><a href=\"/lien-he\">Lien he</a>";
    h.upstream
        .serve("/tin-tuc/bai-viet.html", "text/html", page);
    h.upstream.serve("/uploads-guide.html", "text/html", page);
    h.upstream
        .route("/wp-content/uploads/missing.jpg", move || {
            resp(404, &[("content-type", "text/html")], full(page))
        });
    for (path, status) in [
        ("/tin-tuc/bai-viet.html", 200),
        ("/uploads-guide.html", 200),
        ("/wp-content/uploads/missing.jpg", 404),
    ] {
        let (head, body) = h.body(path, &[]).await;
        assert_eq!(head.status, status, "{path}");
        assert!(
            String::from_utf8_lossy(&body).contains("/lien-he"),
            "{path}"
        );
    }
    never(&h, "upload.doorway");
}

#[tokio::test]
async fn a_site_that_sanitizes_uploaded_html_gets_it_cleaned_not_refused() {
    let h = Setup::portal()
        .site_lines("[site.uploads]\nhtml = \"sanitize\"\n")
        .start()
        .await;
    doorway_everywhere(&h);
    let (head, body) = h.body("/wp-content/uploads/trang.html", &[]).await;
    assert_eq!(head.status, 200);
    let text = String::from_utf8_lossy(&body);
    assert!(
        !text.contains("bet.test"),
        "the foreign link is gone: {text}"
    );
    never(&h, "upload.doorway");
    // HTML disguised as an image would pass the sanitizer unread: still refused.
    h.upstream
        .serve("/wp-content/uploads/anh.jpg", "image/jpeg", DOORWAY);
    assert_refused(&h, "/wp-content/uploads/anh.jpg").await;
}

#[tokio::test]
async fn configured_upload_folders_replace_the_defaults() {
    let h = Setup::portal()
        .site_lines("[site.uploads]\npaths = [\"/Tai-Lieu/\", \"/du-an/*/dinh-kem/\"]\n")
        .start()
        .await;
    doorway_everywhere(&h);
    assert_refused(&h, "/tai-lieu/x.html").await;
    assert_refused(&h, "/du-an/12/dinh-kem/x.htm").await;
    let (head, _) = h.body("/uploads/x.html", &[]).await;
    assert_eq!(head.status, 200, "not an upload folder on this site");
}

#[tokio::test]
async fn report_mode_reports_a_doorway_and_serves_it_sanitized() {
    let h = Setup::portal().mode("report").start().await;
    doorway_everywhere(&h);
    let (head, _) = h.body("/uploads/x.html", &[]).await;
    assert_eq!(head.status, 200);
    let events = h.events_of("upload.doorway");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].action.as_str(), "reported");
}

#[test]
fn upload_config_errors_are_reported() {
    for bad in [
        "[site.uploads]\nhtml = \"allow\"\n",
        "[site.uploads]\npaths = [\"uploads/\"]\n",
        "[site.uploads]\ninspect = \"lots\"\n",
        "[site.uploads]\nmax = 1\n",
    ] {
        let text = format!(
            "[server]\nlisten = [\"127.0.0.1:0\"]\n[[site]]\nname = \"p\"\nhosts = [\"p.test\"]\n\
             upstream = \"http://127.0.0.1:1\"\n{bad}"
        );
        let parsed = lachan::config::parse(&text, std::path::Path::new("t.toml"));
        assert!(parsed.is_err(), "{bad}");
    }
}

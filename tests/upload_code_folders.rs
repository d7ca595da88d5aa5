//! Attack suite for doorways outside the upload folders (issue 14, class 5, follow-up):
//! kits drop pages into the CMS's code and cache folders (`wp-content/plugins/*/`,
//! `wp-content/themes/*/`, `wp-content/` itself, `wp-includes/`, Joomla `tmp/` and
//! `cache/`, `/.well-known/`), where no page is ever served as a file. They are refused
//! (403, `upload.doorway`); the folders' own scripts, styles, images and ACME challenges
//! come through unchanged, and `except` exempts a file a site really serves. Also the
//! false positive of clickable SVG: an `<a>` to a same-site or allowed target is not
//! active markup.

use crate::common;

use common::body::{full, resp};
use common::expect::{never, refused, unchanged};
use common::gateway::{Gateway, Setup};

const DOORWAY: &str = "<!doctype html><html><head><title>tai xiu uy tin</title></head>\
    <body><h1>nha cai uy tin</h1><a href=\"https://bet.test/\">789bet</a></body></html>";

/// Every path answers with the doorway page: a refusal can only come from the gateway.
fn doorway_everywhere(h: &Gateway) {
    h.upstream.serve("*", "text/html; charset=utf-8", DOORWAY);
}

async fn assert_refused(h: &Gateway, path: &str) {
    refused(h, path, "upload.doorway", &["789bet", "tai xiu"]).await;
}

#[tokio::test]
async fn doorway_pages_in_plugin_theme_core_and_cache_folders_are_refused() {
    let h = Setup::portal().start().await;
    doorway_everywhere(&h);
    for path in [
        "/wp-content/plugins/akismet/tai-xiu.html",
        "/wp-content/plugins/x-seo/pages/nha-cai.htm",
        "/wp-content/themes/twentytwenty/bong-da.html",
        "/wp-content/bong-da.html",
        "/wp-content/languages/x.shtml",
        "/blog/wp-content/plugins/a/x.html",
        "/wp-includes/js/x.html",
        "/WP-INCLUDES/Images/x.HTM",
        "/tmp/x.html",
        "/cache/com_content/x.html",
        "/administrator/cache/x.html",
        "/.well-known/x.html",
        "/.well-known/pki-validation/tai-xiu.html",
    ] {
        assert_refused(&h, path).await;
    }
}

#[tokio::test]
async fn html_served_under_an_innocent_name_in_a_code_folder_is_refused() {
    let h = Setup::portal().start().await;
    doorway_everywhere(&h);
    for path in [
        "/.well-known/acme-challenge/tok3n",
        "/wp-content/plugins/akismet/readme.txt",
        "/wp-content/cache/page",
    ] {
        assert_refused(&h, path).await;
    }
}

#[tokio::test]
async fn code_folder_assets_and_acme_challenges_come_through_unchanged() {
    let h = Setup::portal().start().await;
    let token = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA.a1b2c3";
    let files: &[(&str, &str, &str)] = &[
        (
            "/.well-known/acme-challenge/evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA",
            "text/plain",
            token,
        ),
        (
            "/.well-known/security.txt",
            "text/plain",
            "Contact: mailto:security@example.gov.vn\n",
        ),
        ("/.well-known/assetlinks.json", "application/json", "[]"),
        (
            "/wp-content/themes/portal/style.css",
            "text/css",
            "body{color:#222}",
        ),
        (
            "/wp-content/plugins/p/app.js",
            "application/javascript",
            "window.p=1;",
        ),
        (
            "/wp-includes/js/wp-emoji.js",
            "text/javascript",
            "window.e=1;",
        ),
        ("/cache/t.json", "application/json", "{}"),
    ];
    for &(path, ct, body) in files {
        h.upstream.serve(path, ct, body);
    }
    h.upstream
        .route("/.well-known/acme-challenge/untyped", move || {
            let mut r = resp(200, &[], full(token));
            r.headers_mut().remove("content-type");
            r
        });
    for &(path, _, want) in files {
        unchanged(&h, path, want).await;
    }
    unchanged(&h, "/.well-known/acme-challenge/untyped", token).await;
    never(&h, "upload.doorway");
}

#[tokio::test]
async fn a_page_a_site_really_serves_is_exempted_by_except() {
    let extra = "[site.uploads]\nexcept = [\"/wp-content/plugins/tinymce-x/dialog.html\", \"/tmp/bao-cao/\"]\n";
    let h = Setup::portal().site_lines(extra).start().await;
    let page = "<!doctype html><title>Chen anh</title><p>Hop thoai</p>";
    h.upstream.serve("*", "text/html", page);
    for path in [
        "/wp-content/plugins/tinymce-x/dialog.html",
        "/tmp/bao-cao/a.html",
    ] {
        let (head, body) = h.body(path, &[]).await;
        assert_eq!(head.status, 200, "{path}");
        assert!(
            String::from_utf8_lossy(&body).contains("Hop thoai"),
            "{path}"
        );
    }
    never(&h, "upload.doorway");
    assert_refused(&h, "/wp-content/plugins/tinymce-x/other.html").await;
}

#[tokio::test]
async fn configured_code_paths_replace_the_defaults() {
    let h = Setup::portal()
        .site_lines("[site.uploads]\ncode_paths = [\"/app/cache/\"]\n")
        .start()
        .await;
    doorway_everywhere(&h);
    assert_refused(&h, "/app/cache/x.html").await;
    let (head, _) = h.body("/tmp/x.html", &[]).await;
    assert_eq!(head.status, 200, "not a code folder on this site");
}

#[tokio::test]
async fn clickable_svg_maps_and_logos_in_uploads_are_served() {
    let h = Setup::portal().start().await;
    let svgs = [
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100"><style>a:hover path{fill:#c00}</style><a href="/huyen/ba-vi.html"><path d="M0 0h50v50z"/></a><a xlink:href="https://portal.example.gov.vn/huyen/soc-son.html"><path d="M50 50h50v50z"/></a></svg>"##,
        r##"<svg xmlns="http://www.w3.org/2000/svg"><defs><g id="logo"><circle r="9"/></g></defs><a href="https://chinhphu.vn/" target="_blank"><use href="#logo"/></a></svg>"##,
    ];
    for (i, svg) in svgs.into_iter().enumerate() {
        let path = format!("/wp-content/uploads/2024/05/ban-do-{i}.svg");
        h.upstream.serve(&path, "image/svg+xml", svg);
        unchanged(&h, &path, svg).await;
    }
    never(&h, "upload.doorway");
}

#[tokio::test]
async fn svg_links_that_leave_the_site_or_get_retargeted_are_refused() {
    let h = Setup::portal().start().await;
    let svgs = [
        r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="https://bet.test/"><text>789bet</text></a></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="https&#58;//bet.test/"><text>x</text></a></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="/"><set attributeName="href" to="https://bet.test/"/><text>x</text></a></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><a xml:base="https://bet.test/" href="x"><text>x</text></a></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://bet.test/a.css);</style></svg>"#,
        r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:location='//bet.test'"><text>x</text></a></svg>"#,
    ];
    for (i, svg) in svgs.into_iter().enumerate() {
        let path = format!("/uploads/icon-{i}.svg");
        h.upstream.serve(&path, "image/svg+xml", svg);
        assert_refused(&h, &path).await;
    }
}

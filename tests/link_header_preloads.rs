//! Attack suite: `Link:` response headers that make the browser fetch a planted loader or
//! doorway before the page is even parsed. A value that preloads or modulepreloads a script
//! or worker from an upload folder (the site's own, or an allowed sister host's) is dropped
//! on its own (`upload.script`), as the rewriter drops the same `<link>` element; a value
//! whose target is a doorway page in an upload folder (`prefetch`, `prerender`,
//! `canonical`, …) is dropped (`header.link`); foreign hosts stay dropped whatever the
//! `rel` (`stylesheet`, `prefetch`, `prerender`, `preconnect`). Every `Link` line, comma
//! lists, quoted and repeated parameters and path spellings are read. Benign hints (the
//! site's styles, fonts and images, CMS scripts, upload images) pass byte for byte.

use crate::common;

use common::body::{full, resp};
use common::gateway::{Gateway, Setup};
use lachan::audit::Action;

const PAGE: &str = "<!doctype html><html><head><title>Sở Tư pháp</title></head>\
    <body><h1>Tin tức</h1><p>Thông báo lịch tiếp công dân.</p></body></html>";

fn route_links(h: &Gateway, path: &str, values: &[&str]) {
    let values: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    h.upstream.route(path, move || {
        let mut r = resp(
            200,
            &[("content-type", "text/html; charset=utf-8")],
            full(PAGE),
        );
        for v in &values {
            r.headers_mut().append("link", v.parse().unwrap());
        }
        r
    });
}

async fn links_after(h: &Gateway, path: &str) -> Vec<String> {
    let (parts, body) = h.body(path, &[]).await;
    assert_eq!(parts.status, 200, "{path}");
    assert!(String::from_utf8_lossy(&body).contains("Tin tức"), "{path}");
    parts
        .headers
        .get_all("link")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect()
}

const KEEP: &str = "</css/site.css>; rel=preload; as=style";

#[tokio::test]
async fn script_preloads_from_upload_folders_are_dropped() {
    let h = Setup::portal().start().await;
    let loaders = [
        "</wp-content/uploads/2024/05/jquery.js>; rel=preload; as=script",
        "</uploads/x.js>; rel=modulepreload",
        "</UserFiles/File/x.js>; rel=\"modulepreload\"",
        "</%55serfiles/x.js>; REL=Preload; AS=Script",
        "</images/anh.jpg>; rel=prefetch; as=worker",
        "</Portals/0/sw.js>; rel=preload; as=serviceworker",
        "<https://portal.example.gov.vn/files/x.js>; rel=modulepreload",
        "<//www.portal.example.gov.vn/upload/./x.js>; rel=modulepreload",
        "</uploads/x.js>; title=\"a;b, c\"; rel=\"stylesheet modulepreload\"",
        "</uploads/x.js>; rel=stylesheet; rel=modulepreload",
        "<https://so-tuphap.hanoi.gov.vn/wp-content/uploads/x.js>; rel=modulepreload",
        "<https://chinhphu.vn/uploads/x.js>; rel=preload; as=script",
    ];
    for (i, loader) in loaders.iter().enumerate() {
        let path = format!("/p{i}");
        // On its own line, in a comma list, and between two kept values.
        route_links(&h, &path, &[KEEP, loader]);
        assert_eq!(links_after(&h, &path).await, [KEEP], "{loader}");
        let list = format!("{KEEP}, {loader}, </a.woff2>; rel=preload; as=font");
        let path = format!("/q{i}");
        route_links(&h, &path, &[&list]);
        let expect = format!("{KEEP}, </a.woff2>; rel=preload; as=font");
        assert_eq!(links_after(&h, &path).await, [expect], "{loader}");
    }
    let events = h.events_of("upload.script");
    assert_eq!(events.len(), 2 * loaders.len(), "{:?}", h.rules());
    assert!(events.iter().all(|e| e.action == Action::Removed));
    assert!(events.iter().all(|e| e.target.is_some()));
}

#[tokio::test]
async fn doorway_pages_in_link_headers_are_dropped() {
    let h = Setup::portal().start().await;
    let doorways = [
        "</wp-content/uploads/2024/05/tai-xiu.html>; rel=prefetch",
        "</uploads/x.htm>; rel=prerender",
        "</UserFiles/File/x.html>; rel=canonical",
        "</Portals/0/x.html>; rel=\"alternate\"; hreflang=vi",
        "<https://so-tuphap.hanoi.gov.vn/uploads/tai-xiu.php>; rel=prefetch",
        "<https://chinhphu.vn/images/x.aspx>; rel=preload; as=document",
    ];
    for (i, d) in doorways.iter().enumerate() {
        let path = format!("/d{i}");
        route_links(&h, &path, &[d, KEEP]);
        assert_eq!(links_after(&h, &path).await, [KEEP], "{d}");
    }
    assert_eq!(
        h.events_of("header.link").len(),
        doorways.len(),
        "{:?}",
        h.rules()
    );
}

#[tokio::test]
async fn foreign_hints_of_every_rel_are_dropped() {
    let h = Setup::portal().start().await;
    for (i, rel) in [
        "stylesheet",
        "prefetch",
        "prerender",
        "preconnect",
        "dns-prefetch",
        "modulepreload",
        "preload; as=script",
    ]
    .iter()
    .enumerate()
    {
        let path = format!("/f{i}");
        let v = format!("<https://bet.test/x>; rel={rel}");
        route_links(&h, &path, &[KEEP, &v]);
        assert_eq!(links_after(&h, &path).await, [KEEP], "{rel}");
    }
    assert_eq!(h.events_of("header.link").len(), 7);
}

#[tokio::test]
async fn benign_link_headers_pass_byte_for_byte() {
    let h = Setup::portal().start().await;
    let values = [
        "</css/site.css>; rel=preload; as=style, </fonts/a.woff2>; rel=preload; as=font; crossorigin",
        "</wp-content/uploads/2024/05/banner.jpg>; rel=preload; as=image",
        "</wp-content/uploads/elementor/css/post-1.css>; rel=stylesheet",
        "</media/system/js/core.js>; rel=preload; as=script",
        "</wp-content/themes/portal/js/main.js>; rel=modulepreload",
        "</Portals/_default/Skins/Xcillion/js/skin.js>; rel=preload; as=script",
        "</uploads/bao-cao.pdf>; rel=prefetch",
        "<https://chinhphu.vn/>; rel=preconnect",
        "<https://so-tuphap.hanoi.gov.vn/tin-tuc/a.html>; rel=prefetch",
        "<https://portal.example.gov.vn/gioi-thieu.html>; rel=canonical",
        "<https://www.googletagmanager.com/gtm.js?id=GTM-X>; rel=preload; as=script",
        "</uploads/data.json>; rel=preload; as=fetch; title=\"rel=modulepreload\"",
    ];
    for (i, v) in values.iter().enumerate() {
        let path = format!("/b{i}");
        route_links(&h, &path, &[v]);
        assert_eq!(links_after(&h, &path).await, [*v], "{v}");
    }
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

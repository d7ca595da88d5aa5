//! Attack suite (issue 14, delivery: upload folders): a redirect loader saved under an
//! image or data name in a folder where the CMS also writes its own scripts
//! (`/media/k2/items/cache/x.jpg`, Joomla's `media/`), or under no extension, and served as
//! `application/octet-stream`, `image/jpeg`, `text/plain`, `binary/octet-stream`, a script
//! type, or no type; a page runs it with `<script src>`. A body that is a script under a
//! name that is not a script's is refused (403, `upload.doorway`) whatever its declared
//! type, and the page's `<script src>` to such a name goes (`upload.script`).
//!
//! Benign twins pass byte for byte: a real JPEG, a PDF and a ZIP download under the same
//! folders, and the CMS's own `.js` files there.

use crate::common;

use bytes::Bytes;
use common::body::{full, resp};
use common::expect::{refused, unchanged};
use common::gateway::{Gateway, Setup};

const LOADERS: &[&str] = &[
    "u='https://bet.test/';top.location=u;",
    "!(function(){window.location.replace('https://bet.test/')})();",
    "\n\n$(function(){location.href='//bet.test/'});",
    "if(/google|coccoc/.test(document.referrer)){document.location='https://bet.test/'}",
    "setTimeout(function(){self.location='https://bet.test/'},100)",
];

const TYPES: &[Option<&str>] = &[
    Some("application/octet-stream"),
    Some("image/jpeg"),
    Some("text/plain"),
    Some("binary/octet-stream"),
    Some("application/javascript"),
    None,
];

const NAMES: &[&str] = &[
    "/media/k2/items/cache/x.jpg",
    "/media/k2/items/cache/5f3a",
    "/media/com_content/cache/a.txt",
    "/media/mod_news/img/b.png",
];

fn serve(h: &Gateway, path: &str, ty: Option<&'static str>, body: Bytes) {
    h.upstream.route(path, move || {
        let head: Vec<(&str, &str)> = ty.map(|t| ("content-type", t)).into_iter().collect();
        resp(200, &head, full(body.clone()))
    });
}

#[tokio::test]
async fn loaders_under_data_names_in_script_folders_are_refused_whatever_their_type() {
    let h = Setup::portal().start().await;
    for (i, ty) in TYPES.iter().enumerate() {
        for (j, body) in LOADERS.iter().enumerate() {
            let name = NAMES[(i + j) % NAMES.len()];
            let (dir, file) = name.rsplit_once('/').unwrap();
            let path = format!("{dir}/v{i}{j}/{file}");
            serve(&h, &path, *ty, Bytes::from(*body));
            refused(&h, &path, "upload.doorway", &["bet.test"]).await;
        }
    }
}

#[tokio::test]
async fn a_page_loading_a_script_from_a_data_name_loses_the_script() {
    let h = Setup::portal().start().await;
    for (i, name) in NAMES.iter().enumerate() {
        let page = format!(
            "<!doctype html><html><body><p>Tin</p><script src=\"{name}\"></script><p>Hết</p></body></html>"
        );
        let path = format!("/p{i}");
        h.upstream.serve(&path, "text/html; charset=utf-8", page);
        let (_, body) = h.body(&path, &[]).await;
        let text = String::from_utf8_lossy(&body);
        assert!(!text.contains(name), "{path}: {text}");
        assert!(text.contains("<p>Hết</p>"), "{path}: {text}");
    }
    let rules = h.rules();
    assert!(rules.iter().any(|r| r == "upload.script"), "{rules:?}");
}

#[tokio::test]
async fn images_documents_downloads_and_the_cms_scripts_pass_byte_for_byte() {
    let h = Setup::portal().start().await;
    let jpeg: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xff\xdb\0C\0\x08";
    let pdf: &[u8] = b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n";
    let zip: &[u8] = b"PK\x03\x04\x14\0\0\0\x08\0\0\0!\0document.xml";
    let files: [(&str, Option<&'static str>, &[u8]); 6] = [
        (
            "/media/k2/items/cache/photo_XL.jpg",
            Some("image/jpeg"),
            jpeg,
        ),
        (
            "/media/k2/attachments/bieu-mau.pdf",
            Some("application/octet-stream"),
            pdf,
        ),
        (
            "/media/k2/attachments/ho-so.zip",
            Some("binary/octet-stream"),
            zip,
        ),
        ("/images/tai-lieu.pdf", Some("application/pdf"), pdf),
        (
            "/media/system/js/core.js",
            Some("application/javascript"),
            b"(function(){window.Joomla=window.Joomla||{};})();",
        ),
        (
            "/media/jui/js/jquery.min.js",
            Some("text/javascript"),
            b"!function(e,t){\"use strict\";e.jQuery=t}(window,{});",
        ),
    ];
    for (path, ty, body) in files {
        serve(&h, path, ty, Bytes::copy_from_slice(body));
        unchanged(&h, path, body).await;
    }
    assert!(
        !h.rules().iter().any(|r| r.starts_with("upload")),
        "{:?}",
        h.rules()
    );
}

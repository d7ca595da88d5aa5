//! Attack suite (issue 14, delivery): scripts loaded from upload folders under an image's
//! name. A kit saves its loader as `/images/pixel.gif` (or any file in `wp-content/uploads`,
//! `images/`, `media/`, `sites/*/files`, `uploads/`), the CMS serves it as `image/gif`, and
//! a planted `<script src="/images/pixel.gif">` runs it in browsers that do not enforce the
//! script MIME check. Refused three ways: the `<script src>` (or script preload) into an
//! upload folder goes whatever its extension (`upload.script`), and so does one named as an
//! image even where the CMS writes its own scripts (`/media/`); a request for an upload
//! that runs it as a script (`Sec-Fetch-Dest: script`, workers) is refused with 403; and
//! an upload sent as a web image type whose bytes are no image is refused with 403
//! (`upload.doorway`). Real images, the CMS's own scripts and image tags stay unchanged.

use crate::common;

use bytes::Bytes;
use common::body::{compress, full, resp};
use common::expect::{never, refused, served, unchanged};
use common::gateway::{Gateway, Setup};

const LOADER: &str = "(function(){var u='htt'+'ps://bet.test/';window.location.replace(u)})();";
const OWN_SCRIPT: &str =
    "(function(){var m=document.querySelector('.menu');if(m){m.classList.add('js')}})();";
const GIF: &[u8] = b"GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff!\xf9\x04\x01\0\0\0\0,\0\0\0\0\x01\0\x01\0\0\x02\x02D\x01\0;";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde";
const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xff\xd9";

fn serve(h: &Gateway, path: &str, ty: &'static str, headers: &'static [(&str, &str)], body: Bytes) {
    h.upstream.route(path, move || {
        let mut head = vec![("content-type", ty)];
        head.extend_from_slice(headers);
        resp(200, &head, full(body.clone()))
    });
}

#[tokio::test]
async fn script_tags_into_upload_folders_are_removed_whatever_the_extension() {
    let h = Setup::portal().start().await;
    let srcs = [
        "/images/pixel.gif",
        "/wp-content/uploads/2024/05/logo.png",
        "/media/pixel.gif",
        "/media/system/images/x.JPG?v=2",
        "/sites/default/files/anh.jpeg",
        "/uploads/tracker",
        "//portal.example.gov.vn/IMAGES/./banner/a.webp",
        "/tin-tuc/../images/x.ico",
    ];
    for (i, s) in srcs.iter().enumerate() {
        let page = format!(
            "<!doctype html><html><body><p>Tin</p><script src=\"{s}\"></script>\
             <link rel=preload as=script href=\"{s}\"><p>Hết</p></body></html>"
        );
        let path = format!("/p{i}");
        h.upstream
            .serve(&path, "text/html; charset=utf-8", page.clone());
        let (parts, body) = h.body(&path, &[]).await;
        let text = String::from_utf8(body).unwrap();
        assert_eq!(parts.status, 200);
        assert!(
            !text.contains("<script") && !text.contains("<link"),
            "{s}: {text}"
        );
        assert!(text.contains("<p>Tin</p><p>Hết</p>"), "{text}");
    }
    assert!(h.events_of("upload.script").len() >= srcs.len());
}

#[tokio::test]
async fn upload_requested_as_a_script_is_refused() {
    let h = Setup::portal().start().await;
    for (i, (path, dest)) in [
        ("/images/pixel.gif", "script"),
        ("/wp-content/uploads/2024/05/a.png", "script"),
        ("/media/pixel.gif", "script"),
        ("/uploads/x.bin", "worker"),
        ("/sites/default/files/a.jpg", "serviceworker"),
        ("/images/a.png", "Script"),
    ]
    .into_iter()
    .enumerate()
    {
        serve(&h, path, "image/gif", &[], Bytes::from_static(GIF));
        let before = h.events_of("upload.doorway").len();
        let (parts, body) = h.body(path, &[("sec-fetch-dest", dest)]).await;
        assert_eq!(parts.status, 403, "{i} {path} {dest}");
        assert!(!body.starts_with(b"GIF"), "{path}");
        assert_eq!(h.events_of("upload.doorway").len(), before + 1, "{path}");
    }
}

#[tokio::test]
async fn upload_sent_as_an_image_that_is_not_one_is_refused() {
    let h = Setup::portal().start().await;
    let gz = Bytes::from(compress("gzip", LOADER.as_bytes()));
    serve(&h, "/images/pixel.gif", "image/gif", &[], LOADER.into());
    serve(
        &h,
        "/wp-content/uploads/a.png",
        "image/png",
        &[],
        LOADER.into(),
    );
    serve(
        &h,
        "/media/x.jpg",
        "IMAGE/JPEG; charset=utf-8",
        &[],
        LOADER.into(),
    );
    serve(
        &h,
        "/uploads/z.webp",
        "image/webp",
        &[("content-encoding", "gzip")],
        gz,
    );
    serve(
        &h,
        "/images/y.gif",
        "image/gif",
        &[],
        "/*GIF89a*/ alert(1)".into(),
    );
    for path in [
        "/images/pixel.gif",
        "/wp-content/uploads/a.png",
        "/media/x.jpg",
        "/uploads/z.webp",
        "/images/y.gif",
    ] {
        refused(&h, path, "upload.doorway", &["bet.test", "alert"]).await;
    }
}

#[tokio::test]
async fn real_images_own_scripts_and_image_tags_pass_unchanged() {
    let h = Setup::portal().start().await;
    serve(
        &h,
        "/images/pixel.gif",
        "image/gif",
        &[],
        Bytes::from_static(GIF),
    );
    serve(
        &h,
        "/wp-content/uploads/a.jpg",
        "image/jpeg",
        &[],
        Bytes::from_static(PNG),
    );
    serve(
        &h,
        "/media/b.jpg",
        "image/jpeg",
        &[],
        Bytes::from_static(JPEG),
    );
    serve(&h, "/uploads/empty.gif", "image/gif", &[], Bytes::new());
    // The site's own script outside upload folders (a tampered one is judged by
    // sanitize::reviewed: tampered_first_party_scripts).
    serve(
        &h,
        "/media/system/js/core.js",
        "text/javascript",
        &[],
        OWN_SCRIPT.into(),
    );
    unchanged(&h, "/images/pixel.gif", GIF).await;
    served(
        &h,
        "/images/pixel.gif",
        &[("sec-fetch-dest", "image")],
        200,
        GIF,
    )
    .await;
    unchanged(&h, "/wp-content/uploads/a.jpg", PNG).await;
    unchanged(&h, "/media/b.jpg", JPEG).await;
    unchanged(&h, "/uploads/empty.gif", b"").await;
    let dest = [("sec-fetch-dest", "script")];
    served(
        &h,
        "/media/system/js/core.js",
        &dest,
        200,
        OWN_SCRIPT.as_bytes(),
    )
    .await;
    let page = "<!doctype html><html><body><img src=\"/images/pixel.gif\" alt=\"\">\
        <script src=\"/media/jui/js/jquery.min.js\"></script>\
        <script src=\"/js/app.js?v=2\"></script></body></html>";
    h.upstream.serve("/trang", "text/html; charset=utf-8", page);
    unchanged(&h, "/trang", page).await;
    never(&h, "upload.doorway");
    never(&h, "upload.script");
}

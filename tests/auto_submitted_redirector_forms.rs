//! Attack suite (issue 14, redirects B7 through an allowed host): a form whose `action` is
//! an allowed host that redirects (`www.google.com/search` with a hidden `btnI`,
//! `google.com/url?q=`, `l.facebook.com/l.php?u=`, `youtube.com/redirect?q=`,
//! `vk.com/away.php?to=`), submitted by a script or by `autofocus`/`onfocus`, GET or POST.
//! The target rides in hidden inputs, not in the action. Such a form goes whole, with its
//! submitting handlers, under `form.redirector`; once submitted, even a form that only
//! lost its lucky field would take the visitor off the site to a search page.
//!
//! Benign twins pass byte for byte: a site search form to Google (a visible `q`, a
//! `sitesearch` naming the portal), a form to an allowed `*.gov.vn` service.

use crate::common;

use std::path::Path;
use std::sync::Arc;

use common::rewrite::{clean, rewrite, rule_ids};
use common::{ALLOW, HOST};
use lachan::config::Site;

fn redirector_site() -> Arc<Site> {
    let allow = ALLOW
        .iter()
        .chain(&[
            "www.google.com",
            "google.com",
            "www.google.com.vn",
            "*.facebook.com",
            "www.youtube.com",
            "vk.com",
        ])
        .map(|h| format!("\"{h}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let text = format!(
        "[server]\nlisten = [\"127.0.0.1:8080\"]\n\n[[site]]\nname = \"portal\"\n\
         hosts = [\"{HOST}\"]\nupstream = \"http://127.0.0.1:9000\"\nmode = \"enforce\"\n\
         allow = [{allow}]\n"
    );
    let config = lachan::config::parse(&text, Path::new("t.toml")).unwrap();
    Arc::clone(&config.sites[0])
}

/// The forms: action, and the hidden fields that carry the target.
const FORMS: &[(&str, &str)] = &[
    (
        "https://www.google.com/search",
        "<input type=hidden name=q value=\"nha cai uy tin\"><input type=hidden name=btnI value=1>",
    ),
    (
        "https://www.google.com.vn/search",
        "<input type=hidden name=q value=\"bet.test\"><input type=submit name=btnI value=\"I'm Feeling Lucky\" hidden>",
    ),
    (
        "https://www.google.com/url",
        "<input type=hidden name=sa value=t><input type=hidden name=q value=\"bet.test/khuyen-mai\">",
    ),
    (
        "https://www.google.com/url",
        "<input type=hidden name=url value=\"https://bet.test/\">",
    ),
    (
        "https://l.facebook.com/l.php",
        "<input type=hidden name=u value=\"https%3A%2F%2Fbet.test%2F\"><input type=hidden name=h value=AT0>",
    ),
    (
        "https://www.youtube.com/redirect",
        "<input type=hidden name=event value=video_description><input type=hidden name=q value=\"https://bet.test/\">",
    ),
    (
        "https://vk.com/away.php",
        "<input type=hidden name=to value=\"https://bet.test/\">",
    ),
];

/// How each form gets submitted.
const SUBMITS: &[(&str, &str)] = &[
    ("", "<script>document.getElementById('f').submit()</script>"),
    (
        "",
        "<script>setTimeout(function(){document.forms[0].submit()},10)</script>",
    ),
    (
        "<input autofocus onfocus=\"this.form.submit()\" style=\"opacity:0\">",
        "",
    ),
];

#[test]
fn auto_submitted_forms_to_allowed_redirectors_go_whole() {
    let site = redirector_site();
    for (action, fields) in FORMS {
        for method in ["get", "post"] {
            for (inside, after) in SUBMITS {
                let page = format!(
                    "<p>Tin</p><form id=f method={method} action=\"{action}\">{fields}{inside}</form>{after}<p>Hết</p>"
                );
                let (out, events) = clean(&site, &page);
                let low = out.to_ascii_lowercase();
                assert!(!low.contains("<form"), "{page}: form kept: {out}");
                assert!(
                    !low.contains("bet.test") && !low.contains("bet%2e"),
                    "{out}"
                );
                assert!(!low.contains("btni"), "{out}");
                assert!(!low.contains("onfocus"), "{out}");
                assert!(out.contains("<p>Hết</p>"), "{out}");
                assert!(
                    rule_ids(&events).contains(&"form.redirector"),
                    "{page}: {:?}",
                    rule_ids(&events)
                );
            }
        }
    }
}

#[test]
fn a_long_redirector_form_still_submits_nothing_that_leaves() {
    let site = redirector_site();
    // Past the form hold's bound (`max_hidden_block`, 64 KiB).
    let filler = "<p>Thông báo của Sở Tư pháp về lịch tiếp công dân.</p>".repeat(1300);
    for (action, fields) in [FORMS[0], FORMS[2], FORMS[6]] {
        for page in [
            format!(
                "<form id=f action=\"{action}\">{filler}{fields}</form><script>f.submit()</script>"
            ),
            format!(
                "<form id=f action=\"{action}\">{fields}{filler}</form><script>f.submit()</script>"
            ),
        ] {
            for plan in [&[usize::MAX][..], &[1500]] {
                let (out, events) = rewrite(&site, page.as_bytes(), plan, None);
                let low = String::from_utf8_lossy(&out).to_ascii_lowercase();
                assert!(!low.contains("btni"), "{action}");
                // Released past the bound, the form keeps only what submits nothing that
                // leaves: a plain search for a name is not a redirect.
                let leaves = ["value=\"bet.test/", "//bet.test", "%2f%2fbet.test"];
                assert!(!leaves.iter().any(|l| low.contains(l)), "{action}");
                assert!(rule_ids(&events).contains(&"form.redirector"), "{action}");
            }
        }
    }
}

#[test]
fn site_search_and_service_forms_pass_byte_for_byte() {
    let site = redirector_site();
    for page in [
        "<form action=\"https://www.google.com/search\" method=get target=_blank><input name=q placeholder=\"Tìm kiếm\"><input type=hidden name=sitesearch value=\"portal.example.gov.vn\"><input type=hidden name=hl value=vi><button>Tìm</button></form>",
        "<form action=\"https://www.google.com.vn/search\"><input type=text name=q value=\"\" autofocus><input type=hidden name=as_sitesearch value=\"portal.example.gov.vn\"></form>",
        "<form action=\"https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html\" method=post><input type=hidden name=return value=\"/trang-chu\"><input name=maHoSo><button type=submit>Tra cứu</button></form><script>document.forms[0].elements.maHoSo.focus()</script>",
        "<form action=\"https://www.youtube.com/results\"><input name=search_query><input type=hidden name=sp value=EgIQAg></form>",
    ] {
        let (out, events) = clean(&site, page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{page}: {:?}", rule_ids(&events));
    }
}

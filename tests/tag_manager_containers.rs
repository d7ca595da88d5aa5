//! Attack suite for an attacker's tag-manager container on an allowed host (issue 14,
//! class 3 follow-up; threats B3/C5): `www.googletagmanager.com` is on the allow list of
//! most portals, so `gtm.js?id=GTM-ATTACKER` passes every host check and then runs whatever
//! its owner publishes. Only the id tells. With `[site.sanitize] tag_ids` set, every other
//! id goes (`script.tag_id`), in a `<script src>` or in an inline snippet that builds the
//! URL from an id literal (written plainly, split, reversed or escaped). The site's own ids
//! in the same shapes keep their bytes, and without `tag_ids` nothing changes.

use crate::common;

use common::rewrite::{clean, site};

const OWN: &str = "[site.sanitize]\ntag_ids = [\"GTM-OWN1234\", \"G-OWN5678XY\"]";

/// Pages that load container `@ID` (a GTM container or a GA4 measurement id).
const SHAPES: &[&str] = &[
    "<script async src=\"https://www.googletagmanager.com/gtm.js?id=@ID\"></script>",
    "<script async src=\"//www.googletagmanager.com/gtm.js?l=dl2&amp;id=@ID\"></script>",
    "<script src=\"https://www.googletagmanager.com/gtag/js?id=@ID\"></script>",
    "<iframe src=\"https://www.googletagmanager.com/ns.html?id=@ID\" height=\"0\" width=\"0\" style=\"display:none;visibility:hidden\"></iframe>",
    "<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','@ID');</script>",
    "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','@ID');</script>",
    "<script>var s=document.createElement('script');s.async=true;s.src='https://www.googletagmanager.com/gtm.js?id=@ID';document.head.appendChild(s)</script>",
];

/// Ways to write the id inside an inline script; `@ID` is the plain id.
fn spellings(id: &str) -> Vec<String> {
    let (a, b) = id.split_at(4);
    let reversed: String = id.chars().rev().collect();
    vec![
        id.to_string(),
        format!("'+'{a}'+'{b}"),
        format!("'+'{reversed}'.split('').reverse().join('')+'"),
        id.replace('-', "\\x2d"),
    ]
}

fn pages(id: &str) -> Vec<String> {
    let mut out = Vec::new();
    for shape in SHAPES {
        if !shape.starts_with("<script>") {
            out.push(shape.replace("@ID", id));
            continue;
        }
        for spelled in spellings(id) {
            out.push(shape.replace("@ID", &spelled));
        }
    }
    out
}

#[test]
fn another_tag_manager_container_on_an_allowed_host_is_removed() {
    let site = site(OWN);
    for id in ["GTM-ATTACK9", "G-EVIL123456", "GTM-OWN12345"] {
        for page in pages(id) {
            let page = format!("<p>Tin</p>{page}<p>Hết</p>");
            let (out, events) = clean(&site, &page);
            assert_eq!(out, "<p>Tin</p><p>Hết</p>", "left behind: {page}");
            let e = events
                .iter()
                .find(|e| e.rule == "script.tag_id")
                .unwrap_or_else(|| panic!("not audited as script.tag_id: {page}: {events:?}"));
            assert_eq!(e.target.as_deref(), Some(id), "{page}");
        }
    }
}

#[test]
fn another_container_in_the_noscript_fallback_is_removed() {
    let site = site(OWN);
    let page = "<noscript><iframe src=\"https://www.googletagmanager.com/ns.html?id=GTM-ATTACK9\" height=\"0\" width=\"0\"></iframe></noscript><p>x</p>";
    let (out, events) = clean(&site, page);
    assert!(!out.contains("GTM-ATTACK9"), "{out}");
    assert!(
        events.iter().any(|e| e.rule == "script.tag_id"),
        "{events:?}"
    );
}

#[test]
fn the_sites_own_containers_keep_their_bytes() {
    let site = site(OWN);
    for id in ["GTM-OWN1234", "G-OWN5678XY"] {
        for page in pages(id) {
            let page = format!("<p>Tin</p>{page}<p>Hết</p>");
            let (out, events) = clean(&site, &page);
            assert_eq!(out, page);
            assert!(events.is_empty(), "{page}: {events:?}");
        }
    }
}

#[test]
fn without_tag_ids_any_container_passes_as_before() {
    let site = site("");
    for page in pages("GTM-ATTACK9") {
        let (out, events) = clean(&site, &page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{page}: {events:?}");
    }
}

#[test]
fn ids_that_merely_look_alike_in_text_are_untouched() {
    let site = site(OWN);
    let page = "<p>Mẫu G-2024 và GTM-x</p><script>var form='UA-1',code='G-20';document.title='GT-1'</script>";
    let (out, events) = clean(&site, page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{events:?}");
}

#[test]
fn a_malformed_tag_id_is_a_config_error() {
    let src = common::rewrite::site_text("enforce", "[site.sanitize]\ntag_ids = [\"gtm-lower\"]");
    let err = lachan::config::parse(&src, std::path::Path::new("t.toml"))
        .expect_err("a lower-case id is refused");
    assert!(format!("{err:?}").contains("tag id"), "{err:?}");
}

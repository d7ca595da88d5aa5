//! Attack suite (issue 14, delivery): allowed hosts made to serve the attacker.
//! - JSONP: a `<script src>` on an allowed host (or the site's own) whose callback parameter
//!   (`callback=`, `jsonp=`, `cb=`, …) is code, a global sink, or (on another host) a dotted
//!   name: the endpoint writes it back and the page runs it (`script.jsonp`);
//! - "I'm Feeling Lucky" (`google.com/search?…&btnI`) in any carrier: a redirector to a
//!   target nobody can judge, so it goes like a foreign URL;
//! - analytics and tag-manager hits for a property that is not the site's (`collect?tid=`,
//!   `g/collect?tid=`, `ns.html?id=`) on images, frames, links, pings and beacons
//!   (`script.tag_id`, as for a foreign container).
//!
//! Benign twins stay byte for byte: scripts without a callback, a page function as callback
//! (Google Maps' `callback=initMap`), Google searches without `btnI`, hits for the site's
//! own ids.

use crate::common;

use std::path::Path;
use std::sync::Arc;

use common::rewrite::{clean, rule_ids};
use common::{ALLOW, HOST};
use lachan::config::Site;

/// The portal, also allowing Google's hosts, with its own tag ids.
fn google_site() -> Arc<Site> {
    let allow = ALLOW
        .iter()
        .chain(&[
            "www.google.com",
            "google.com",
            "maps.googleapis.com",
            "apis.google.com",
        ])
        .map(|h| format!("\"{h}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let text = format!(
        "[server]\nlisten = [\"127.0.0.1:8080\"]\n\n[[site]]\nname = \"portal\"\n\
         hosts = [\"{HOST}\"]\nupstream = \"http://127.0.0.1:9000\"\nmode = \"enforce\"\n\
         allow = [{allow}]\n[site.sanitize]\n\
         tag_ids = [\"GTM-OWN1234\", \"G-OWN5678XY\", \"UA-1234567-1\"]\n"
    );
    let config = lachan::config::parse(&text, Path::new("t.toml")).unwrap();
    Arc::clone(&config.sites[0])
}

#[test]
fn jsonp_scripts_on_allowed_hosts_with_a_code_callback_are_removed() {
    let srcs = [
        "https://www.google.com/complete/search?client=chrome&amp;q=a&amp;callback=alert(1)",
        "https://www.google.com/complete/search?client=chrome&amp;q=a&amp;jsonp=location.assign",
        "https://apis.google.com/x?CallBack=window%5B%27loc%27%2B%27ation%27%5D%3D%27//bet.test%27",
        "//www.youtube.com/list_ajax?cb=top.location.replace",
        "https://www.google-analytics.com/x?jsonpCallback=eval",
        "https://maps.googleapis.com/maps/api/js?key=K&amp;callback=document.write",
        "https://www.google.com/x?cb=a.b.c",
        "/api/thoi-tiet?callback=x;location=%27//bet.test%27",
        "/api/thoi-tiet?jsonp=setTimeout",
    ];
    let site = google_site();
    for s in srcs {
        for page in [
            format!("<p>a</p><script src=\"{s}\"></script><p>b</p>"),
            format!("<p>a</p><SCRIPT async src='{s}' type=text/javascript></SCRIPT><p>b</p>"),
        ] {
            let (out, events) = clean(&site, &page);
            assert_eq!(out, "<p>a</p><p>b</p>", "{page}");
            assert_eq!(rule_ids(&events), ["script.jsonp"], "{page}");
        }
    }
}

#[test]
fn feeling_lucky_searches_go_like_foreign_urls_in_every_carrier() {
    let lucky = [
        "https://www.google.com/search?q=nha+cai+uy+tin&amp;btnI",
        "https://google.com/search?btnI=I%27m+Feeling+Lucky&amp;q=tai+xiu",
        "//www.google.com/search?q=x&amp;BTNI=1",
        "https://www.google.com/url?q=https://www.google.com/search?q%3Dx%26btnI",
    ];
    let site = google_site();
    for l in lucky {
        for (page, want, rule) in [
            (
                format!("<p>Xem <a href=\"{l}\">tin</a>.</p>"),
                "<p>Xem tin.</p>",
                "link.foreign",
            ),
            (
                format!("<iframe src=\"{l}\"></iframe>"),
                "",
                "frame.foreign",
            ),
            (
                format!("<meta http-equiv=\"refresh\" content=\"0;url={l}\">"),
                "",
                "meta.refresh",
            ),
            (
                format!("<form action=\"{l}\"><input name=q></form>"),
                "",
                "form.foreign",
            ),
        ] {
            let (out, events) = clean(&site, &page);
            assert_eq!(out, want, "{page}");
            assert_eq!(rule_ids(&events), [rule], "{page}");
        }
    }
}

#[test]
fn analytics_hits_for_a_foreign_property_are_removed_from_every_element() {
    let hits = [
        "https://www.google-analytics.com/collect?v=1&amp;tid=UA-9999999-1&amp;t=pageview",
        "https://www.google-analytics.com/g/collect?v=2&amp;tid=G-ATTACK123&amp;en=page_view",
        "//www.google-analytics.com/mp/collect?measurement_id=G-ATTACK123",
        "https://www.googletagmanager.com/ns.html?id=GTM-ATTACK1",
        "https://www.google-analytics.com/r/collect?tid=ua-9999999-2",
    ];
    let site = google_site();
    for hit in hits {
        for page in [
            format!("<p>a</p><img src=\"{hit}\" width=1 height=1 alt=\"\"><p>b</p>"),
            format!("<p>a</p><img src=\"/logo.png\" srcset=\"{hit} 2x\"><p>b</p>"),
            format!("<p>a</p><iframe src=\"{hit}\" height=0 width=0></iframe><p>b</p>"),
            format!("<p>a</p><script src=\"{hit}\"></script><p>b</p>"),
            format!("<p>a</p><link rel=prefetch href=\"{hit}\"><p>b</p>"),
            format!("<p>a</p><embed src=\"{hit}\"><p>b</p>"),
            format!("<p>a</p><a href=\"/tin\" ping=\"{hit}\">x</a><p>b</p>"),
        ] {
            let (out, events) = clean(&site, &page);
            assert!(
                !out.contains("collect") && !out.contains("ns.html"),
                "{out}"
            );
            assert!(
                out.starts_with("<p>a</p>") && out.ends_with("<p>b</p>"),
                "{out}"
            );
            assert_eq!(rule_ids(&events), ["script.tag_id"], "{page}");
        }
    }
    // A beacon from an inline script: judged by the script's literals.
    let page = "<script>navigator.sendBeacon('https://www.google-analytics.com/g/collect?v=2&tid=G-ATTACK123')</script>";
    let (out, events) = clean(&site, page);
    assert_eq!(out, "", "{out}");
    assert_eq!(rule_ids(&events), ["script.tag_id"]);
}

#[test]
fn plain_scripts_page_callbacks_searches_and_own_hits_stay_byte_for_byte() {
    let page = "<script src=\"https://www.google-analytics.com/analytics.js\"></script>\
        <script async src=\"https://www.googletagmanager.com/gtag/js?id=G-OWN5678XY\"></script>\
        <script src=\"https://maps.googleapis.com/maps/api/js?key=AIza&amp;callback=initMap\"></script>\
        <script src=\"https://www.google.com/recaptcha/api.js?onload=onloadCallback&amp;render=explicit\"></script>\
        <script src=\"/api/thoi-tiet?callback=App.hienThi\"></script>\
        <script src=\"/js/app.js?v=3&amp;cb=1699999\"></script>\
        <a href=\"https://www.google.com/search?q=nha+may+nuoc+btnI\">Tìm</a>\
        <a href=\"https://www.google.com/search?q=tin+tuc&amp;hl=vi\">Tìm</a>\
        <img src=\"https://www.google-analytics.com/collect?v=1&amp;tid=UA-1234567-1&amp;t=pageview\" alt=\"\">\
        <img src=\"https://www.google-analytics.com/g/collect?tid=G-OWN5678XY\" alt=\"\">\
        <iframe src=\"https://www.googletagmanager.com/ns.html?id=GTM-OWN1234\"></iframe>";
    let (out, events) = clean(&google_site(), page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{:?}", rule_ids(&events));
}

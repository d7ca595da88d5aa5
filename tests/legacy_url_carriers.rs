//! Attack suite (issue 14, delivery): legacy and side URL attributes that still reach a
//! foreign host. Chromium registers an attribution source at `attributionsrc` (on `img`,
//! `a`, `script`: it contacts that host); `codebase` (`object`, `applet`) re-bases what the
//! element loads; `longdesc` (`img`, `frame`, `iframe`) and `lowsrc`/`dynsrc` are followed
//! by crawlers and assistive tools. Each goes alone when foreign (the element stays, as
//! for any side URL), in every spelling; own, allowed and empty values stay byte for byte.

use crate::common;

use common::rewrite::{clean, rule_ids, site};

const FOREIGN: [&str; 5] = [
    "https://bet.test/c",
    "//bet.test/x",
    "https:&#x2f;&#x2f;bet.test/",
    "/\\bet.test/",
    "https://www.youtube.com/redirect?q=https%3A%2F%2Fbet.test%2F",
];

#[test]
fn foreign_attributionsrc_on_images_links_and_scripts_is_stripped() {
    for f in FOREIGN {
        for (page, want) in [
            (
                format!("<img src=\"/a.png\" attributionsrc=\"{f}\">"),
                "<img src=\"/a.png\">",
            ),
            (
                format!("<a href=\"/tin\" AttributionSrc='{f}'>Tin</a>"),
                "<a href=\"/tin\">Tin</a>",
            ),
            (
                format!("<script src=\"/app.js\" attributionsrc={f}></script>"),
                "<script src=\"/app.js\"></script>",
            ),
        ] {
            let (out, events) = clean(&site(""), &page);
            assert_eq!(out, want, "{page}");
            assert_eq!(rule_ids(&events), ["link.foreign"], "{page}");
        }
    }
}

#[test]
fn foreign_codebase_on_objects_and_applets_is_stripped() {
    for f in FOREIGN {
        for (page, want) in [
            (
                format!("<object data=\"/m.swf\" codebase=\"{f}\"></object>"),
                "<object data=\"/m.swf\"></object>",
            ),
            (
                format!("<applet code=\"A.class\" codebase=\"{f}\"></applet>"),
                "<applet code=\"A.class\"></applet>",
            ),
        ] {
            let (out, events) = clean(&site(""), &page);
            assert_eq!(out, want, "{page}");
            assert_eq!(rule_ids(&events), ["link.foreign"], "{page}");
        }
    }
}

#[test]
fn foreign_longdesc_and_lowsrc_on_images_and_frames_are_stripped() {
    for f in FOREIGN {
        for (page, want) in [
            (
                format!("<img src=\"/a.png\" longdesc=\"{f}\" alt=\"Ảnh\">"),
                "<img src=\"/a.png\" alt=\"Ảnh\">",
            ),
            (
                format!("<iframe src=\"/ban-do\" longdesc=\"{f}\"></iframe>"),
                "<iframe src=\"/ban-do\"></iframe>",
            ),
            (
                format!("<frameset><frame src=\"/menu\" longdesc=\"{f}\"></frameset>"),
                "<frameset><frame src=\"/menu\"></frameset>",
            ),
            (
                format!("<img src=\"/a.png\" lowsrc=\"{f}\">"),
                "<img src=\"/a.png\">",
            ),
        ] {
            let (out, events) = clean(&site(""), &page);
            assert_eq!(out, want, "{page}");
            assert_eq!(rule_ids(&events), ["link.foreign"], "{page}");
        }
    }
}

#[test]
fn own_allowed_and_empty_legacy_carriers_stay_byte_for_byte() {
    let page = "<img src=\"/a.png\" attributionsrc>\
        <img src=\"/b.png\" attributionsrc=\"\" longdesc=\"/mo-ta/anh-b.html\">\
        <a href=\"/tin\" attributionsrc=\"https://chinhphu.vn/ar\">Tin</a>\
        <object data=\"/m.swf\" codebase=\"/plugins/\"></object>\
        <iframe src=\"https://www.youtube.com/embed/x\" longdesc=\"https://moj.gov.vn/video\"></iframe>\
        <img src=\"/c.png\" lowsrc=\"/c-small.png\">";
    let (out, events) = clean(&site(""), page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{:?}", rule_ids(&events));
}

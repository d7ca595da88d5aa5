//! Attack suite (issue 14, carriers: plug-in parameters): an `<object>` whose source is
//! given by a `<param>` (`name=movie`, `src`, `url`, `FileName`, `code`, `codebase`) rather
//! than by `data`. Chromium no longer runs the plug-ins, but the foreign URL is still in the
//! page for every crawler and for any player that reads the parameters. A `<param>` whose
//! value is a foreign URL goes (`object.foreign`). Benign twins: same-site and allowed
//! sources and the ordinary parameters of an old embed (`quality`, `wmode`,
//! `allowFullScreen`, `flashvars` without a URL) come through byte for byte.

use crate::common;

use common::rewrite::{clean, rule_ids, site};

#[test]
fn a_param_naming_a_foreign_source_goes() {
    let names = [
        "movie", "MOVIE", "src", "url", "FileName", "code", "codebase", " Movie ",
    ];
    let values = [
        "https://bet.test/x.swf",
        "//bet.test/x.swf",
        "https&#58;//bet&#46;test/x.swf",
        "HTTPS://BET.TEST./player.swf?u=1",
    ];
    let mut missed = Vec::new();
    for name in names {
        for value in values {
            let page = format!(
                "<p>Video</p><object type=\"application/x-shockwave-flash\" width=\"400\"><param name=\"{name}\" value=\"{value}\"><param name=\"quality\" value=\"high\"></object><p>Hết</p>"
            );
            let (out, events) = clean(&site(""), &page);
            let gone = !out.to_ascii_lowercase().contains("bet");
            let kept = out.contains("<param name=\"quality\" value=\"high\">")
                && out.contains("<p>Hết</p>");
            if !(gone && kept && rule_ids(&events).contains(&"object.foreign")) {
                missed.push(format!("{page} => {out}"));
            }
        }
    }
    assert!(
        missed.is_empty(),
        "{} got through: {:#?}",
        missed.len(),
        &missed[..missed.len().min(4)]
    );
}

#[test]
fn own_allowed_and_ordinary_params_are_unchanged() {
    let page = concat!(
        "<object type=\"application/x-shockwave-flash\" data=\"/media/banner.swf\">",
        "<param name=\"movie\" value=\"/media/banner.swf\">",
        "<param name=\"src\" value=\"https://portal.example.gov.vn/media/v.mp4\">",
        "<param name=\"url\" value=\"https://chinhphu.vn/video/1\">",
        "<param name=\"quality\" value=\"high\"><param name=\"wmode\" value=\"transparent\">",
        "<param name=\"allowFullScreen\" value=\"true\"><param name=\"flashvars\" value=\"autoplay=0&amp;lang=vi\">",
        "<param name=\"bgcolor\" value=\"#ffffff\"></object>",
    );
    let (out, events) = clean(&site(""), page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{:?}", rule_ids(&events));
}

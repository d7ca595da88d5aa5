//! Attack suite for keyword attributes written with character references (red-team class
//! "entity in the http-equiv value"): the browser decodes `&#102;`, `&#x52;` and `&colon;` in
//! every attribute value before it compares it, so `http-equiv="re&#102;resh"` is a refresh,
//! `property="og&#58;url"` an Open Graph URL and `attributeName="hr&#101;f"` an animated link.
//! The sanitizer must read those keywords decoded, as it reads URLs. Benign twins with
//! references in the same attributes come through byte for byte.

use crate::common;

use common::rewrite::{assert_gone, run};

#[test]
fn meta_refresh_named_with_references_is_removed() {
    for equiv in [
        "re&#102;resh",
        "&#x52;EFRESH",
        "&#114;&#101;&#102;&#114;&#101;&#115;&#104;",
        " refres&#104; ",
    ] {
        let html = format!(
            "<head><meta http-equiv=\"{equiv}\" content=\"0;url=https&#58;//kubet.test/\">\
             <title>T</title></head>"
        );
        assert_gone(&html, "kubet", "meta.refresh");
    }
}

#[test]
fn open_graph_url_named_with_references_is_removed() {
    for meta in [
        "<meta property=\"og&#58;url\" content=\"https://kubet.test/\">",
        "<meta property=\"og&colon;image\" content=\"https://img.kubet.test/a.png\">",
        "<meta name=\"twitter&#x3a;player\" content=\"https://kubet.test/embed\">",
        "<div itemscope><meta itemprop=\"u&#114;l\" content=\"https://kubet.test/\"></div>",
    ] {
        let (out, rules) = run(meta);
        assert!(!out.contains("kubet"), "kubet survived: {out}");
        assert!(
            rules
                .iter()
                .any(|r| r == "link.foreign" || r == "media.foreign"),
            "no removal audited: {rules:?}"
        );
    }
}

#[test]
fn svg_animation_of_href_named_with_references_is_removed() {
    let html = "<svg><a href=\"/\"><animate attributeName=\"hr&#101;f\" to=\"https://kubet.test/\"/>\
                <text y=\"20\">Trang chủ</text></a></svg>";
    assert_gone(html, "kubet", "link.foreign");
    let html = "<svg><a href=\"/\"><set attributeName=\"xlink&#58;href\" to=\"//kubet.test/\"/>\
                <text y=\"20\">Trang chủ</text></a></svg>";
    assert_gone(html, "kubet", "link.foreign");
}

#[test]
fn benign_attributes_with_references_come_through_unchanged() {
    let html = concat!(
        "<head><meta http-equiv=\"X-UA-&#67;ompatible\" content=\"IE=edge\">",
        "<meta http-equiv=\"re&#102;resh\" content=\"300;url=/tin-tuc/\">",
        "<meta property=\"og&#58;title\" content=\"S&#7903; T&#432; ph&#225;p\">",
        "<meta property=\"og&#58;url\" content=\"https://portal.example.gov.vn/tin-tuc/a.html\">",
        "<script type=\"application/ld&#43;json\">{\"@type\":\"GovernmentOrganization\",",
        "\"url\":\"https://portal.example.gov.vn/\"}</script></head>",
        "<body><svg width=\"120\" height=\"40\"><a href=\"/\">",
        "<animate attributeName=\"hr&#101;f\" to=\"/gioi-thieu/\" begin=\"2s\"/>",
        "<text y=\"20\">S&#7903; T&#432; ph&#225;p</text></a></svg></body>",
    );
    let (out, rules) = run(html);
    assert_eq!(out, html, "benign page changed; events {rules:?}");
    assert!(rules.is_empty(), "events on a benign page: {rules:?}");
}

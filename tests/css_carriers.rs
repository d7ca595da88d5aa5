//! Attack suite for class 8 (URL carriers beside the main one): `<a ping>`/`<area ping>`
//! and CSS `url()`/`image-set()`/`@import` in `style=` attributes must not reach a foreign
//! host; same-site, allowed and `data:` URLs come through byte for byte. Every page is fed
//! whole and in tiny chunks.

use crate::common;

use common::rewrite::{assert_gone, run};

#[test]
fn anchor_ping_to_betting_host_is_removed() {
    let html = "<p><a href=/tin-tuc ping=\"/count https://bet.test/track\">Tin</a></p>";
    assert_gone(html, "bet.test", "link.foreign");
    let (out, _) = run(html);
    assert!(out.contains("<a href=/tin-tuc>Tin</a>"), "{out}");
}

#[test]
fn area_ping_with_entity_encoded_host_is_removed() {
    let html = "<map><area href=/a ping=\"//bet&#46;test/p\"></map>";
    assert_gone(html, "bet", "link.foreign");
}

#[test]
fn style_background_url_to_foreign_host_is_removed() {
    for css in [
        "background:url(//bet.test/x.png)",
        "background:url( 'https://bet.test/x.png' )",
        "background: URL(  //bet.test/x.png  )",
        "background-image:image-set('//bet.test/a.png' 1x)",
        "background:u\\72l(//bet.test/x.png)",
        "background:url(&quot;//bet.test/x.png&quot;)",
    ] {
        let html = format!("<div style=\"{css}\">Tin</div>");
        assert_gone(&html, "bet.test", "css.foreign");
    }
}

#[test]
fn style_url_with_escaped_host_is_removed() {
    assert_gone(
        "<span style='background:url(\\2f\\2f bet\\2e test/x.png)'>x</span>",
        "bet",
        "css.foreign",
    );
}

#[test]
fn benign_style_and_ping_come_through_unchanged() {
    let html = concat!(
        "<div style=\"background:url(/img/a.png)\">a</div>",
        "<div style='background:url(https://chinhphu.vn/x.png) no-repeat'>b</div>",
        "<div style=\"background:url(data:image/png;base64,iVBORw0KGgo=)\">c</div>",
        "<div style=\"color:red;width:calc(100% - 2px)\">d</div>",
        "<a href=/x ping=\"/count https://www.gov.vn/p\">e</a>",
    );
    let (out, rules) = run(html);
    assert_eq!(out, html);
    assert!(rules.is_empty(), "{rules:?}");
}

#[test]
fn style_element_import_and_background_to_foreign_host_are_emptied() {
    let html = concat!(
        "<style>@import url(//bet.test/a.css);\n",
        ".hero{background:url('https://bet.test/x.png')}.logo{background:url(/img/l.png)}</style>",
        "<p class=hero>Tin</p>"
    );
    assert_gone(html, "bet.test", "css.foreign");
    let (out, _) = run(html);
    assert!(
        out.contains(".hero{background:url()}.logo{background:url(/img/l.png)}"),
        "{out}"
    );
}

#[test]
fn style_element_with_escaped_foreign_url_is_emptied() {
    let html = "<style>.a{background:u\\72l(//bet.test/x.png)}</style><p>Tin</p>";
    assert_gone(html, "bet.test", "css.foreign");
}

#[test]
fn benign_style_element_comes_through_unchanged() {
    let html = concat!(
        "<style>@import '/css/site.css';\n.a{background:url(/img/a.png)}",
        ".b{background:url(\"https://chinhphu.vn/x.png\")}.c{color:red}</style><p class=a>x</p>",
    );
    let (out, rules) = run(html);
    assert_eq!(out, html);
    assert!(rules.is_empty(), "{rules:?}");
}

#[test]
fn preload_imagesrcset_to_betting_cdn_is_removed() {
    // redteam w28: `<link rel=preload as=image imagesrcset>` fetches every candidate's host.
    for set in [
        "https://kubet-cdn.test/a.webp 1x, /anh/a.webp 2x",
        "/anh/a.webp 480w, //kubet-cdn.test/b.webp 960w",
        "/anh/a.webp 1x, https&#58;//kubet-cdn&#46;test/b.webp 2x",
    ] {
        let html = format!(
            "<link rel=preload as=image href=/anh/a.webp imagesrcset=\"{set}\" imagesizes=50vw>"
        );
        assert_gone(&html, "kubet-cdn", "media.foreign");
        let (out, _) = run(&html);
        assert!(out.contains("href=/anh/a.webp"), "{out}");
    }
    let kept =
        "<link rel=preload as=image imagesrcset=\"/anh/a.webp 1x, https://chinhphu.vn/b.webp 2x\">";
    assert_eq!(run(kept), (kept.to_string(), vec![]));
}

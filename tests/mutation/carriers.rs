//! Planted foreign URLs in the other carriers (area, forms, `link`, embeds, frames, `base`,
//! `option`, media, SVG animation, JSON-LD, CSS and `ping`): issue-14 classes 1, 6 and 8.

use super::links::link;
use super::rng::Rng;
use super::{Payload, Template};

/// `true`: a browser fetches or follows it unprompted.
pub const CARRIERS: &[Template] = &[
    link("A4", 1, "area", false, area),
    link("A4", 0, "form-action", false, form_action),
    link("A4", 0, "button-formaction", false, formaction),
    link("A4", 0, "link-href", true, link_href),
    link("A4", 0, "object-embed", true, object_embed),
    link("A4", 0, "iframe-src", true, iframe_src),
    link("A4", 0, "base-href", false, base_href),
    link("A4", 0, "option-value", false, option_value),
    link("A4", 0, "media-src", true, media_src),
    link("A4", 0, "svg-animate-href", false, svg_animate),
    link("A4", 6, "json-ld", false, super::heads::json_ld),
    link("A4", 8, "css-url", true, css_url),
    link("A4", 8, "style-attr-url", true, style_attr_url),
    link("A4", 8, "anchor-ping", false, ping),
    link("A4", 0, "object-archive-list", true, archive_list),
    link("A4", 0, "legacy-cite", false, legacy_cite),
    link("A4", 0, "object-param-source", false, param_source),
];

fn foreign(r: &mut Rng) -> String {
    let host = r.host();
    let url = r.url(&host);
    r.encode_url(&url)
}

fn simple(html: String) -> Payload {
    Payload {
        html,
        ..Default::default()
    }
}

fn area(r: &mut Rng) -> Payload {
    let s = r.spam();
    let u = foreign(r);
    let href = r.attr("href", &u);
    Payload {
        html: format!(
            "<img src=\"/anh/ban-do.png\" usemap=\"#m\" alt=\"\"><map name=\"m\"><area shape=\"rect\" coords=\"0,0,10,10\"{href} alt=\"{}\"></map>",
            s.html
        ),
        planted: vec![s.phrase],
        ..Default::default()
    }
}

fn form_action(r: &mut Rng) -> Payload {
    let u = foreign(r);
    let a = r.attr("action", &u);
    let f = r.tag("form");
    simple(format!(
        "<{f} method=\"post\"{a}><input name=\"q\"><button>Gửi</button></{f}>"
    ))
}

fn formaction(r: &mut Rng) -> Payload {
    let u = foreign(r);
    let a = r.attr("formaction", &u);
    simple(format!(
        "<form action=\"/tim-kiem\"><input name=\"q\"><button{a}>Tìm</button><input type=\"submit\"{a}></form>"
    ))
}

fn link_href(r: &mut Rng) -> Payload {
    let u = foreign(r);
    let rel = *r.pick(&[
        "stylesheet",
        "icon",
        "preload\" as=\"script",
        "prefetch",
        "preconnect",
        "canonical",
        "amphtml",
        "alternate",
    ]);
    let href = r.attr("href", &u);
    Payload {
        html: format!("<link rel=\"{rel}\"{href}>"),
        head: r.chance(70),
        ..Default::default()
    }
}

fn object_embed(r: &mut Rng) -> Payload {
    let u = foreign(r);
    simple(match r.below(3) {
        0 => format!("<object data=\"{u}\" width=\"1\" height=\"1\"></object>"),
        1 => format!("<embed src=\"{u}\" width=\"1\" height=\"1\">"),
        _ => format!("<object data=\"/x.swf\"><embed src=\"{u}\"></object>"),
    })
}

/// A plug-in's source given by a `<param>` rather than by `data`.
fn param_source(r: &mut Rng) -> Payload {
    let u = foreign(r);
    let name = *r.pick(&["movie", "MOVIE", "src", "url", "FileName", "code"]);
    simple(format!(
        "<object type=\"application/x-shockwave-flash\" width=\"300\"><param name=\"{name}\" value=\"{u}\"><param name=\"quality\" value=\"high\"></object>"
    ))
}

/// A foreign entry in an `archive` list, first (the crawler judge reads the attribute as
/// one URL) and followed by others.
fn archive_list(r: &mut Rng) -> Payload {
    let u = foreign(r);
    let sep = *r.pick(&[" ", ",", " , ", "\n\t"]);
    let tag = *r.pick(&["object", "applet"]);
    simple(format!(
        "<{tag} archive=\"{u}{sep}/lib/a.jar\" code=\"Main\"></{tag}>"
    ))
}

/// `cite` on quotations and edits: a legacy URL that crawlers follow.
fn legacy_cite(r: &mut Rng) -> Payload {
    let u = foreign(r);
    let tag = *r.pick(&["blockquote", "q", "del", "ins"]);
    simple(format!("<{tag} cite=\"{u}\">Trích dẫn</{tag}>"))
}

fn iframe_src(r: &mut Rng) -> Payload {
    let u = foreign(r);
    let i = r.tag("iframe");
    let size = *r.pick(&[
        " width=\"0\" height=\"0\"",
        " style=\"display:none\"",
        " width=1 height=1 frameborder=0",
        "",
    ]);
    let src = r.attr("src", &u);
    simple(format!("<{i}{src}{size}></{i}>"))
}

fn base_href(r: &mut Rng) -> Payload {
    let host = r.host();
    let b = r.attr("href", &format!("https://{host}/"));
    Payload {
        html: format!("<base{b}>"),
        head: true,
        ..Default::default()
    }
}

fn option_value(r: &mut Rng) -> Payload {
    let u = foreign(r);
    let s = r.spam();
    Payload {
        html: format!(
            "<select onchange=\"if(this.value)window.open(this.value)\"><option value=\"\">Liên kết website</option><option value=\"https://chinhphu.vn/\">Chính phủ</option><option value=\"{u}\">{}</option></select>",
            s.html
        ),
        planted: vec![s.phrase],
        ..Default::default()
    }
}

fn media_src(r: &mut Rng) -> Payload {
    let u = foreign(r);
    simple(match r.below(5) {
        0 => format!("<img src=\"{u}\" width=\"1\" height=\"1\" alt=\"\">"),
        1 => format!("<img src=\"/logo.png\" srcset=\"/logo.png 1x, {u} 2x\" alt=\"\">"),
        2 => format!("<video poster=\"{u}\"></video>"),
        3 => format!("<input type=\"image\" src=\"{u}\" alt=\"\">"),
        _ => format!("<table background=\"{u}\"><tr><td>.</td></tr></table>"),
    })
}

fn svg_animate(r: &mut Rng) -> Payload {
    let u = foreign(r);
    let s = r.spam();
    Payload {
        html: format!(
            "<svg><a><set attributeName=\"href\" to=\"{u}\"/><text y=\"15\">{}</text></a></svg>",
            s.html
        ),
        planted: vec![s.phrase],
        ..Default::default()
    }
}

fn css_url(r: &mut Rng) -> Payload {
    let host = r.host();
    let u = format!("https://{host}/p.png");
    let css = match r.below(5) {
        0 => format!("body{{background:url({u})}}"),
        1 => format!("@import url(\"https://{host}/a.css\");"),
        2 => format!("@import 'https://{host}/b.css';"),
        3 => format!(".x{{background-image:url('{u}')}}"),
        _ => format!("h1{{background:u\\72l({u})}}"),
    };
    Payload {
        html: format!("<style>{css}</style>"),
        head: r.chance(50),
        ..Default::default()
    }
}

fn style_attr_url(r: &mut Rng) -> Payload {
    let host = r.host();
    let v = match r.below(3) {
        0 => format!("background:url(https://{host}/t.gif)"),
        1 => format!("background-image:url(&quot;//{host}/t.gif&quot;)"),
        _ => format!("background:image-set('https://{host}/t.gif' 1x)"),
    };
    simple(format!("<div style=\"{v}\">Thông báo</div>"))
}

fn ping(r: &mut Rng) -> Payload {
    let host = r.host();
    let p = r.attr("ping", &format!("https://{host}/track"));
    simple(format!("<p><a href=\"/tin-tuc/\"{p}>Tin tức</a></p>"))
}

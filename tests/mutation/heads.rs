//! Spam text without links (A5), server-side redirects and headers (B6; issue-14 classes 4
//! and 8's `Link:`), doorway uploads (C4, class 5), JSON-LD (class 6) and audit volume
//! (class 9).

use unicode_normalization::UnicodeNormalization;

use super::rng::Rng;
use super::{Kind, Payload, Template};

const fn t(
    family: &'static str,
    class: u8,
    name: &'static str,
    kind: Kind,
    active: bool,
    make: fn(&mut Rng) -> Payload,
) -> Template {
    Template {
        family,
        class,
        name,
        kind,
        active,
        make,
    }
}

pub const TEMPLATES: &[Template] = &[
    t("A5", 0, "spam-title", Kind::Text, false, title),
    t("A5", 0, "spam-description", Kind::Text, false, description),
    t(
        "A5",
        2,
        "hidden-keywords",
        Kind::Text,
        false,
        hidden_keywords,
    ),
    t("B6", 4, "foreign-3xx", Kind::Header, true, redirect),
    t("B6", 4, "refresh-header", Kind::Header, true, refresh),
    t("B6", 8, "link-header", Kind::Header, true, link_header),
    t("C4", 5, "doorway-upload", Kind::Text, false, doorway),
    t("C4", 5, "svg-upload", Kind::Header, true, svg_upload),
    t("A1", 9, "many-foreign-links", Kind::Text, false, many_links),
];

fn keywords(r: &mut Rng) -> (String, Vec<String>) {
    let a = r.spam();
    let b = r.spam();
    (format!("{}, {}", a.html, b.html), vec![a.phrase, b.phrase])
}

fn title(r: &mut Rng) -> Payload {
    let (text, planted) = keywords(r);
    let t = r.tag("title");
    Payload {
        html: format!("<{t}>{text}</{t}>"),
        head: true,
        planted,
        ..Default::default()
    }
}

fn description(r: &mut Rng) -> Payload {
    let (text, planted) = keywords(r);
    let name = *r.pick(&["description", "Description", "keywords"]);
    let m = r.tag("meta");
    let n = r.attr("name", name);
    let c = r.attr("content", &text);
    Payload {
        html: format!("<{m}{n}{c}>"),
        head: true,
        planted,
        ..Default::default()
    }
}

fn hidden_keywords(r: &mut Rng) -> Payload {
    let (text, planted) = keywords(r);
    let style = *r.pick(&[
        "display:none",
        "font-size:0",
        "position:absolute;left:-9999px",
        "opacity:0",
        "color:#fff;background:#fff",
        "height:0;overflow:hidden",
    ]);
    let tag = r.tag_of(&["div", "p", "span"]);
    let s = r.attr("style", style);
    Payload {
        html: format!("<{tag}{s}>{text}</{tag}>"),
        planted,
        ..Default::default()
    }
}

fn redirect(r: &mut Rng) -> Payload {
    let host = r.host();
    let loc = match r.below(5) {
        0 => format!("//{host}/"),
        1 => format!("https:\\\\{host}/"),
        2 => format!("https://{host}/?r=gov"),
        3 => format!("http://portal.example.gov.vn@{host}/"),
        _ => format!("https://{}/", host.to_ascii_uppercase()),
    };
    let status = *r.pick(&[301, 302, 302, 303, 307, 308]);
    Payload {
        status: Some(status),
        headers: vec![("location".into(), loc)],
        ..Default::default()
    }
}

fn refresh(r: &mut Rng) -> Payload {
    let host = r.host();
    let v = match r.below(4) {
        0 => format!("0;url=https://{host}/"),
        1 => format!("1; URL=http://{host}/"),
        2 => format!("3;url='//{host}/'"),
        _ => format!("0, https://{host}/"),
    };
    Payload {
        headers: vec![("refresh".into(), v)],
        ..Default::default()
    }
}

fn link_header(r: &mut Rng) -> Payload {
    let host = r.host();
    let rel = *r.pick(&[
        "preload; as=script",
        "prefetch",
        "preconnect",
        "preload; as=style",
        "modulepreload",
        "dns-prefetch",
    ]);
    let v = format!("</static/site.css>; rel=preload; as=style, <https://{host}/x.js>; rel={rel}");
    Payload {
        headers: vec![("link".into(), v)],
        ..Default::default()
    }
}

fn doorway(r: &mut Rng) -> Payload {
    let (text, planted) = keywords(r);
    let nfd = r.chance(50);
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{text}</title></head><body>\
<h1>{text}</h1><p>Trang chính thức {text}.</p></body></html>\n"
    );
    let page = if nfd { page.nfd().collect() } else { page };
    let ext = *r.pick(&["html", "htm", "html", "php", "phtml"]);
    Payload {
        html: page,
        planted,
        whole_page: true,
        upload: Some(ext),
        ..Default::default()
    }
}

fn svg_upload(r: &mut Rng) -> Payload {
    let m = r.marker();
    let host = r.host();
    let svg = format!(
        "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>var {m}=1;location.href='https://{host}/'</script></svg>\n"
    );
    Payload {
        html: svg,
        planted: vec![m],
        whole_page: true,
        upload: Some("svg"),
        headers: vec![("content-type".into(), "image/svg+xml".into())],
        ..Default::default()
    }
}

fn many_links(r: &mut Rng) -> Payload {
    let n = 150 + r.below(150);
    let mut html = String::from("<div class=\"lien-ket\">");
    for i in 0..n {
        html.push_str(&format!(
            "<a href=\"https://site{i}.{}\">Trang {i}</a> ",
            r.host()
        ));
    }
    html.push_str("</div>");
    Payload {
        html,
        ..Default::default()
    }
}

/// JSON-LD with a foreign URL in a URL-valued property at any depth (class 6).
pub fn json_ld(r: &mut Rng) -> Payload {
    let host = r.host();
    let u = format!("https://{host}/");
    let esc = match r.below(3) {
        0 => u.replace('/', "\\/"),
        1 => u.replace('.', "\\u002e"),
        _ => u.clone(),
    };
    let body = match r.below(5) {
        0 => format!(
            "{{\"@context\":\"https://schema.org\",\"@type\":\"Organization\",\"url\":\"{esc}\"}}"
        ),
        1 => format!(
            "{{\"@context\":\"https://schema.org\",\"@type\":\"Organization\",\"sameAs\":[\"https://chinhphu.vn/\",\"{esc}\"]}}"
        ),
        2 => format!(
            "{{\"@type\":\"WebSite\",\"url\":\"https://portal.example.gov.vn/\",\"potentialAction\":{{\"@type\":\"SearchAction\",\"target\":\"{esc}?q={{search_term_string}}\",\"query-input\":\"required name=search_term_string\"}}}}"
        ),
        3 => format!(
            "{{\"@type\":\"WebSite\",\"potentialAction\":[{{\"@type\":\"SearchAction\",\"target\":{{\"@type\":\"EntryPoint\",\"urlTemplate\":\"{esc}s?q={{q}}\"}}}}]}}"
        ),
        _ => format!(
            "{{\"@graph\":[{{\"@type\":\"NewsArticle\",\"publisher\":{{\"@type\":\"Organization\",\"logo\":{{\"@type\":\"ImageObject\",\"url\":\"{esc}logo.png\"}}}},\"mainEntityOfPage\":\"{esc}\"}}]}}"
        ),
    };
    Payload {
        html: format!("<script type=\"application/ld+json\">{body}</script>"),
        head: r.chance(50),
        ..Default::default()
    }
}

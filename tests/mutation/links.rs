//! Planted links in anchors (hidden blocks, raw-text containers, encoded URLs, visible spam)
//! and the issue-14 classes about them: spam anchor text (1) and hiding the detector missed
//! (2). The other URL carriers are in `carriers.rs`.

use super::rng::Rng;
use super::{Kind, Payload, Template};

/// A link template; `active` says whether a browser would fetch or follow it unprompted.
pub(super) const fn link(
    family: &'static str,
    class: u8,
    name: &'static str,
    active: bool,
    make: fn(&mut Rng) -> Payload,
) -> Template {
    Template {
        family,
        class,
        name,
        kind: Kind::Link,
        active,
        make,
    }
}

const fn t(
    family: &'static str,
    class: u8,
    name: &'static str,
    make: fn(&mut Rng) -> Payload,
) -> Template {
    link(family, class, name, false, make)
}

pub const TEMPLATES: &[Template] = &[
    t("A1", 0, "inline-hidden-block", inline_hidden),
    t("A1", 2, "style-class-rule", style_class),
    t("A1", 2, "style-id-rule", style_id),
    t("A1", 2, "style-attribute-rule", style_attr),
    t("A1", 2, "style-combinator-rule", style_combinator),
    t("A1", 2, "closed-details", details),
    t("A1", 2, "tiny-or-transparent", tiny),
    t("A1", 2, "same-colour-text", same_colour),
    t("A1", 2, "zero-height-overflow", zero_height),
    t("A1", 2, "hidden-by-script", hidden_by_script),
    t("A1", 0, "marquee-1x1", marquee),
    t("A1", 0, "custom-element", custom_element),
    t("A1", 0, "hidden-attribute", hidden_attr),
    t("A2", 1, "raw-text-container", raw_text),
    t("A2", 1, "iframe-fallback", iframe_fallback),
    t("A2", 1, "frameset-noframes", frameset_noframes),
    t("A2", 0, "srcdoc", srcdoc),
    t("A3", 0, "obfuscated-url", obfuscated_url),
    t("A3", 0, "confusing-host", confusing_host),
    t("A", 1, "visible-spam-anchor", visible_spam),
    t("A", 1, "svg-anchor", svg_anchor),
    t("A", 1, "link-list", link_list),
    t("A", 1, "malformed-anchor", malformed),
];

/// `n` foreign links with spam text; the phrases to look for.
fn spam_links(r: &mut Rng, n: usize) -> (String, Vec<String>) {
    let (mut html, mut planted) = (String::new(), Vec::new());
    for _ in 0..n {
        let host = r.host();
        let url = r.url(&host);
        let s = r.spam();
        html.push_str(&r.anchor(&url, &s.html));
        let sep = *r.pick(&[" ", "\n", " | ", ""]);
        html.push_str(sep);
        planted.push(s.phrase);
    }
    (html, planted)
}

fn links(r: &mut Rng) -> (String, Vec<String>) {
    let n = 1 + r.below(3);
    spam_links(r, n)
}

fn block(r: &mut Rng, style: &str) -> Payload {
    let (html, planted) = links(r);
    let tag = r.tag_of(&["div", "span", "p", "section", "td"]);
    let style = r.attr("style", style);
    Payload {
        html: format!("<{tag}{style}>{html}</{tag}>"),
        planted,
        ..Default::default()
    }
}

fn inline_hidden(r: &mut Rng) -> Payload {
    let style = *r.pick(&[
        "display:none",
        "display: none;",
        "visibility:hidden",
        "position:absolute;left:-9999px",
        "position:fixed;top:-1000px",
        "text-indent:-9999px;overflow:hidden",
        "clip:rect(0,0,0,0);position:absolute",
    ]);
    block(r, style)
}

fn style_rule(r: &mut Rng, selector: &str, open: &str, close: &str) -> Payload {
    let (html, planted) = links(r);
    let hide = *r.pick(&[
        "display:none",
        "visibility:hidden",
        "position:absolute;left:-10000px",
        "height:0;overflow:hidden",
    ]);
    let style = format!("<style>\n{selector} {{ {hide} }}\n</style>");
    Payload {
        html: format!("{style}{open}{html}{close}"),
        planted,
        ..Default::default()
    }
}

fn style_class(r: &mut Rng) -> Payload {
    let c = format!("ft{}", r.below(999));
    style_rule(
        r,
        &format!(".{c}"),
        &format!("<div class=\"wrap {c}\">"),
        "</div>",
    )
}

fn style_id(r: &mut Rng) -> Payload {
    let c = format!("lk{}", r.below(999));
    style_rule(r, &format!("#{c}"), &format!("<div id=\"{c}\">"), "</div>")
}

fn style_attr(r: &mut Rng) -> Payload {
    let (sel, open) = *r.pick(&[
        ("[data-seo]", "<div data-seo=\"1\">"),
        ("div[data-k=\"x\"]", "<div data-k=\"x\">"),
        (
            "[aria-label=footer-links]",
            "<p aria-label=\"footer-links\">",
        ),
    ]);
    let close = if open.starts_with("<p") {
        "</p>"
    } else {
        "</div>"
    };
    style_rule(r, sel, open, close)
}

fn style_combinator(r: &mut Rng) -> Payload {
    let (sel, open, close) = *r.pick(&[
        (
            ".box .inner",
            "<div class=\"box\"><div class=\"inner\">",
            "</div></div>",
        ),
        ("#ft > p", "<div id=\"ft\"><p>", "</p></div>"),
        (
            "footer .links",
            "<footer><span class=\"links\">",
            "</span></footer>",
        ),
    ]);
    style_rule(r, sel, open, close)
}

fn details(r: &mut Rng) -> Payload {
    let (html, planted) = links(r);
    let d = r.tag("details");
    Payload {
        html: format!("<{d}><summary>Liên kết</summary>{html}</{d}>"),
        planted,
        ..Default::default()
    }
}

fn tiny(r: &mut Rng) -> Payload {
    let style = *r.pick(&[
        "font-size:0",
        "font-size:0px;line-height:0",
        "opacity:0.01",
        "opacity:.001",
        "transform:scale(0)",
        "transform: scale(0.0)",
        "font-size:1px;color:transparent",
    ]);
    block(r, style)
}

fn same_colour(r: &mut Rng) -> Payload {
    let style = *r.pick(&[
        "color:#fff;background:#fff",
        "color:#ffffff;background-color:#FFFFFF",
        "color:white;background:white",
        "background-color:#f5f5f5;color:#f5f5f5",
    ]);
    block(r, style)
}

fn zero_height(r: &mut Rng) -> Payload {
    let style = *r.pick(&[
        "height:0;overflow:hidden",
        "max-height:0;overflow:hidden",
        "height:0px; overflow: hidden;",
        "width:0;height:0;overflow:hidden",
    ]);
    block(r, style)
}

fn hidden_by_script(r: &mut Rng) -> Payload {
    let (html, planted) = links(r);
    let id = format!("b{}", r.below(9999));
    let js = *r.pick(&[
        "document.getElementById('ID').style.display='none';",
        "document.getElementById(\"ID\").style.visibility=\"hidden\";",
        "var e=document.querySelector('#ID');e.setAttribute('style','position:absolute;left:-9999px');",
        "document.getElementById('ID').hidden=true;",
    ]);
    let js = js.replace("ID", &id);
    Payload {
        html: format!("<div id=\"{id}\">{html}</div><script>{js}</script>"),
        planted,
        ..Default::default()
    }
}

fn marquee(r: &mut Rng) -> Payload {
    let (html, planted) = links(r);
    let m = r.tag("marquee");
    let size = format!("{}{}", r.attr("width", "1"), r.attr("height", "1"));
    Payload {
        html: format!("<{m}{size}>{html}</{m}>"),
        planted,
        ..Default::default()
    }
}

fn custom_element(r: &mut Rng) -> Payload {
    let name = format!("x-{}", r.pick(&["seo", "lk", "ft", "partner"]));
    style_rule(r, &name, &format!("<{name}>"), &format!("</{name}>"))
}

fn hidden_attr(r: &mut Rng) -> Payload {
    let (html, planted) = links(r);
    let h = *r.pick(&[
        " hidden",
        " HIDDEN",
        " hidden=\"hidden\"",
        " aria-hidden=\"true\" hidden",
    ]);
    Payload {
        html: format!("<div{h}>{html}</div>"),
        planted,
        ..Default::default()
    }
}

fn raw_text(r: &mut Rng) -> Payload {
    let (html, planted) = links(r);
    let tag = r.tag_of(&["noscript", "noembed", "noframes", "xmp"]);
    Payload {
        html: format!("<{tag}>{html}</{tag}>"),
        planted,
        ..Default::default()
    }
}

fn iframe_fallback(r: &mut Rng) -> Payload {
    let (html, planted) = links(r);
    let i = r.tag("iframe");
    Payload {
        html: format!("<{i} src=\"/ban-do.html\" width=\"600\">{html}</{i}>"),
        planted,
        ..Default::default()
    }
}

fn frameset_noframes(r: &mut Rng) -> Payload {
    let (html, planted) = links(r);
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Cổng thông tin</title></head>\
<frameset cols=\"20%,80%\"><frame src=\"/menu.html\"><frame src=\"/trang-chu.html\">\
<noframes><body><p>Trình duyệt không hỗ trợ khung.</p>{html}</body></noframes></frameset></html>\n"
    );
    Payload {
        html: page,
        planted,
        whole_page: true,
        ..Default::default()
    }
}

fn srcdoc(r: &mut Rng) -> Payload {
    let (html, planted) = links(r);
    let esc = html
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    Payload {
        html: format!("<iframe srcdoc=\"{esc}\" width=\"0\" height=\"0\"></iframe>"),
        planted,
        ..Default::default()
    }
}

fn link_with(r: &mut Rng, href: String) -> Payload {
    let spam = r.chance(60).then(|| r.spam());
    let text = spam
        .as_ref()
        .map(|s| s.html.clone())
        .unwrap_or_else(|| r.plain_text());
    let a = r.tag("a");
    let attr = r.attr("href", &href);
    Payload {
        html: format!("<p>Xem <{a}{attr}>{text}</{a}>.</p>"),
        planted: spam.map(|s| vec![s.phrase]).unwrap_or_default(),
        ..Default::default()
    }
}

fn obfuscated_url(r: &mut Rng) -> Payload {
    let host = r.host();
    let href = match r.below(8) {
        0 => format!("https&#58;//{}/", host.replace('.', "&#46;")),
        1 => format!("/\\{host}/"),
        2 => format!("https:\\\\{host}\\x"),
        3 => format!("ht\ttps://{host}/"),
        4 => format!("https://{}/", host.replacen('.', "\n.", 1)),
        5 => format!("  HTTPS://{}/", host.to_ascii_uppercase()),
        6 => format!("&#x68;&#x74;tps://{host}/"),
        _ => format!("\\\\{host}/"),
    };
    link_with(r, href)
}

fn confusing_host(r: &mut Rng) -> Payload {
    let host = r.host();
    let href = match r.below(6) {
        0 => format!("https://portal.example.gov.vn@{host}/"),
        1 => format!("https://portal.example.gov.vn.{host}/"),
        2 => format!("https://{}fakegov.vn/", r.pick(&["", "www."])),
        3 => format!("https://{host}./"),
        4 => format!("https://{host}:8443/"),
        _ => format!("http://203.0.113.{}/", r.below(250) + 1),
    };
    link_with(r, href)
}

fn visible_spam(r: &mut Rng) -> Payload {
    let (html, planted) = links(r);
    let p = r.tag("p");
    Payload {
        html: format!("<{p}>Đối tác: {html}</{p}>"),
        planted,
        ..Default::default()
    }
}

fn svg_anchor(r: &mut Rng) -> Payload {
    let host = r.host();
    let url = r.url(&host);
    let s = r.spam();
    let attr = if r.chance(50) { "href" } else { "xlink:href" };
    let a = r.attr(attr, &url);
    Payload {
        html: format!(
            "<svg width=\"300\" height=\"20\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a{a}><text x=\"0\" y=\"15\">{}</text></a></svg>",
            s.html
        ),
        planted: vec![s.phrase],
        ..Default::default()
    }
}

fn link_list(r: &mut Rng) -> Payload {
    let n = 3 + r.below(5);
    let mut html = String::from("<ul class=\"doi-tac\">");
    let mut planted = Vec::new();
    for _ in 0..n {
        let (a, p) = spam_links(r, 1);
        html.push_str(&format!("<li>{a}</li>"));
        planted.extend(p);
    }
    html.push_str("</ul>");
    Payload {
        html,
        planted,
        ..Default::default()
    }
}

fn malformed(r: &mut Rng) -> Payload {
    let host = r.host();
    let url = r.url(&host);
    let s = r.spam();
    let html = match r.below(5) {
        0 => format!("<A/HREF=\"{url}\">{}</A>", s.html),
        1 => format!("<a href=\"{url}\" href=\"/\">{}</a>", s.html),
        2 => format!("<!--><a href={url}>{}</a><!-- -->", s.html),
        3 => format!("<a\nhref\n=\n'{url}'\n>{}</a\n>", s.html),
        _ => format!("<a href=\"{url}\"{}>{}</a>", " data-x".repeat(3), s.html),
    };
    Payload {
        html: format!("<p>{html}</p>"),
        planted: vec![s.phrase],
        ..Default::default()
    }
}

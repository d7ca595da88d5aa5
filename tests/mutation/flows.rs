//! A window or location that flows as a value before it navigates (issue 14, class 3;
//! `script/flows.rs`): into the parameters of a named function (also through `call`,
//! `apply` and `bind`), an arrow bound to a name, an immediately called function, the
//! callback of an array literal or of `Promise.resolve`, an object member, a stored
//! `location` getter, and `this` at the top level or in a timer. The target is foreign,
//! literal or decoded at run time (`sinks::decode`); every navigation fires unprompted, so
//! the browser judge sees it. Benign twin: the same flows to same-site targets.

use super::rng::Rng;
use super::sinks::decode;
use super::{Kind, Payload, Template};

const fn t(name: &'static str, kind: Kind, make: fn(&mut Rng) -> Payload) -> Template {
    let benign = matches!(kind, Kind::Benign);
    Template {
        family: if benign { "benign" } else { "B3" },
        class: if benign { 0 } else { 3 },
        name,
        kind,
        active: !benign,
        make,
    }
}

pub const TEMPLATES: &[Template] = &[t("location-flow-navigation", Kind::Script, foreign)];

pub const BENIGN: &[Template] = &[t("same-site-location-flows", Kind::Benign, same_site)];

/// A window or location object, as the script names it.
const SOURCES: &[&str] = &[
    "location",
    "window.location",
    "top.location",
    "self.location",
    "document.location",
    "window",
    "globalThis",
];

/// Statements that pass `src` (a window or location) along one flow and navigate it to
/// the expression `to`. `m` names the script's own identifiers.
fn flow(r: &mut Rng, m: &str, to: &str) -> String {
    let src = *r.pick(SOURCES);
    // What a navigation looks like on the flowed value `v`.
    let window = matches!(src, "window" | "globalThis");
    let nav = |r: &mut Rng, v: &str| -> String {
        let l = if window {
            format!("{v}.location")
        } else {
            v.to_string()
        };
        match r.below(4) {
            0 => format!("{l}.href={to}"),
            1 => format!("{l}.replace({to})"),
            2 => format!("{l}.assign({to})"),
            _ if window => format!("{v}.location={to}"),
            _ => format!("{l}.href={to}"),
        }
    };
    match r.below(11) {
        0 => {
            let body = nav(r, &format!("{m}l"));
            format!("function {m}go({m}l){{{body}}}{m}go({src});")
        }
        1 => {
            let body = nav(r, &format!("{m}l"));
            format!("function {m}go(_,{m}l){{{body}}}{m}go.call(null,0,{src});")
        }
        2 => {
            let body = nav(r, &format!("{m}l"));
            format!("function {m}go({m}l){{{body}}}{m}go.apply(null,[{src}]);")
        }
        3 => {
            let body = nav(r, &format!("{m}l"));
            format!("function {m}go({m}l){{{body}}}var {m}b={m}go.bind(null,{src});{m}b();")
        }
        4 => {
            let body = nav(r, &format!("{m}l"));
            format!("const {m}go=({m}l)=>{{{body}}};{m}go({src});")
        }
        5 => {
            let body = nav(r, &format!("{m}l"));
            format!("(function({m}l){{{body}}})({src});")
        }
        6 => {
            let body = nav(r, &format!("{m}l"));
            let each = *r.pick(&["forEach", "map", "some", "every", "filter"][..]);
            format!("[{src}].{each}(function({m}l){{{body};return true}});")
        }
        7 => {
            let body = nav(r, &format!("{m}l"));
            format!("Promise.resolve({src}).then(function({m}l){{{body}}});")
        }
        8 => {
            let body = nav(r, &format!("{m}o.t"));
            if r.chance(50) {
                format!("var {m}o={{t:{src}}};{body};")
            } else {
                format!("var {m}o={{}};{m}o.t={src};{body};")
            }
        }
        9 => format!(
            "var {m}g=Object.getOwnPropertyDescriptor(window,'location').get;{m}g.call(window).href={to};"
        ),
        _ => {
            if r.chance(50) {
                format!("(function(){{this.location.href={to}}})();")
            } else {
                format!("setTimeout(function(){{this.location.replace({to})}},0);")
            }
        }
    }
}

/// A flow to a foreign target: a literal, or decoded at run time.
fn foreign(r: &mut Rng) -> Payload {
    let m = r.marker();
    let u = format!("https://{}/?from=gov", r.host());
    let (build, to) = if r.chance(50) {
        (decode(r, &m, &u), m.clone())
    } else {
        (format!("var {m}=1;"), format!("'{u}'"))
    };
    let go = flow(r, &m, &to);
    Payload {
        html: format!("<script>{build}{go}</script>"),
        planted: vec![m],
        ..Default::default()
    }
}

/// The same flows to same-site targets, on a click (a benign page must not move when the
/// browser judge loads it): must keep every byte.
fn same_site(r: &mut Rng) -> Payload {
    let m = r.marker();
    let to = r
        .pick(
            &[
                "'/tim-kiem?q='+encodeURIComponent(this.value||'')",
                "'/en/'",
                "location.pathname+'?page=2'",
                "'/tin-tuc/'+encodeURIComponent('mới')",
                "'#noi-dung'",
            ][..],
        )
        .to_string();
    let go = flow(r, &m, &to);
    Payload {
        html: format!(
            "<button id=\"{m}b\" type=\"button\">Xem</button><script>document.getElementById('{m}b').addEventListener('click',function(){{{go}}})</script>"
        ),
        ..Default::default()
    }
}

//! Navigation built by concatenation (issue 14, class 3): redirects dressed as same-site
//! navigation (a slash before a computed host, `location.protocol + '//' + host`,
//! `location.origin + '@host'`, tabs and backslashes that browsers drop or read as
//! slashes, a host read from the script's own attribute) and their benign twins, the
//! language switchers, searches and paging that build a target after a same-site path or
//! the page's origin.

use super::rng::Rng;
use super::{Kind, Payload, Template};

const fn t(
    family: &'static str,
    name: &'static str,
    kind: Kind,
    make: fn(&mut Rng) -> Payload,
) -> Template {
    Template {
        family,
        class: 3,
        name,
        kind,
        active: true,
        make,
    }
}

pub const TEMPLATES: &[Template] = &[
    t("B3", "slash-prefix", Kind::Script, slash_prefix),
    t("B3", "payload-in-markup", Kind::Script, in_markup),
];

pub const BENIGN: &[Template] = &[t("benign", "same-site-navigation", Kind::Benign, same_site)];

fn sink(r: &mut Rng, u: &str) -> String {
    match r.below(5) {
        0 => format!("location.href={u}"),
        1 => format!("window.location.replace({u})"),
        2 => format!("top.location={u}"),
        3 => format!("document.location.assign({u})"),
        _ => format!("self.location[\"href\"]={u}"),
    }
}

/// A script carrying marker `m` (as a name and, with `attr`, as a data attribute).
fn script(m: &str, attr: &str, js: String) -> Payload {
    Payload {
        html: format!("<script{attr}>{js}</script>"),
        planted: vec![m.to_string()],
        ..Default::default()
    }
}

fn slash_prefix(r: &mut Rng) -> Payload {
    let m = r.marker();
    let host = r.host();
    let rev: String = host.chars().rev().collect();
    let (attr, value) = match r.below(6) {
        0 => (
            String::new(),
            format!("'/'+'/'+'{rev}'.split('').reverse().join('')+'/?from=gov'"),
        ),
        1 => (
            format!(" data-{m}=\"/{host}/?from=gov\""),
            format!("'/'+document.currentScript.dataset.{m}"),
        ),
        2 => (
            String::new(),
            format!("location.protocol+'//'+'{host}'+'/?from=gov'"),
        ),
        3 => (String::new(), format!("'/\\t/{host}/?from=gov'")),
        4 => (
            String::new(),
            format!("location.origin+'@{host}/?from=gov'"),
        ),
        _ => (String::new(), format!("'/\\\\'+'{host}/?from=gov'")),
    };
    let go = sink(r, &m);
    script(&m, &attr, format!("var {m}={value};{go};"))
}

/// The target read from markup and decoded at run time (B3, "the payload kept in an
/// attribute"): of the script itself, or of another element found by id.
fn in_markup(r: &mut Rng) -> Payload {
    use base64::Engine;
    let m = r.marker();
    let u = format!("https://{}/?from=gov", r.host());
    let b64 = base64::engine::general_purpose::STANDARD.encode(&u);
    let pct: String = u.bytes().map(|b| format!("%{b:02X}")).collect();
    let (attr, value, holder) = match r.below(4) {
        0 => (
            format!(" data-{m}=\"{b64}\""),
            format!("atob(document.currentScript.dataset.{m})"),
            String::new(),
        ),
        1 => (
            format!(" data-{m}=\"{pct}\""),
            format!("decodeURIComponent(document.currentScript.getAttribute('data-{m}'))"),
            String::new(),
        ),
        2 => (
            String::new(),
            format!("atob(document.getElementById('{m}').getAttribute('data-u'))"),
            format!("<span id=\"{m}\" data-u=\"{b64}\"></span>"),
        ),
        _ => (
            format!(" data-{m}=\"{pct}\""),
            format!("unescape(document.querySelector('script[data-{m}]').dataset.{m})"),
            String::new(),
        ),
    };
    let go = sink(r, &format!("v{m}"));
    let mut p = script(&m, &attr, format!("var v{m}={value};{go};"));
    p.html = holder + &p.html;
    if !p.html.starts_with("<script") {
        // The holder keeps the marker as its id: only the script's own copy must go.
        p.planted = vec![format!("v{m}")];
    }
    p
}

fn same_site(r: &mut Rng) -> Payload {
    let id = *r.pick(&["lang", "ngon-ngu", "chon-ngon-ngu"]);
    let js = match r.below(7) {
        0 => format!(
            "var s=document.getElementById('{id}');s.onchange=function(){{window.location.href='/'+s.value+window.location.pathname.replace(/^\\/(vi|en)/,'')}}"
        ),
        1 => format!(
            "document.getElementById('{id}').addEventListener('change',function(){{location.assign('/'+this.value+'/')}})"
        ),
        2 => format!(
            "var s=document.getElementById('{id}');s.onchange=()=>{{location.href='/'+s.options[s.selectedIndex].value+location.pathname+location.search}}"
        ),
        3 => "function timKiem(q){location.href='/search?q='+encodeURIComponent(q)}".into(),
        4 => "function trang(n){location.assign(location.pathname+'?page='+n)}".into(),
        5 => "document.getElementById('ve-dau').onclick=function(){location.href=location.origin+'/x'}".into(),
        _ => "function ban(lang){window.location=location.protocol+'//'+location.host+'/'+lang+'/'}".into(),
    };
    Payload {
        html: format!(
            "<select id=\"{id}\"><option value=\"vi\" selected>Tiếng Việt</option><option value=\"en\">English</option></select>\
<button id=\"ve-dau\">Về đầu</button><script>{js}</script>"
        ),
        ..Default::default()
    }
}

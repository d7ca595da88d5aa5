//! Attack suite for requests to a foreign host decoded at run time (issue 14, classes 3
//! and 8; red team; threats A4, B3): the URL ([`common::built_hosts`]) reaches a sink that
//! makes the browser ask a host for something without navigating: an image's `srcset`,
//! CSS set by the script (`style.backgroundImage`, any `style.<prop>`, `cssText`,
//! `setProperty`, a `style` attribute, `insertRule`, `Object.assign(el.style, …)`),
//! `new Audio(u)`, `new Image().src`, a link's `ping` that is clicked, `sendBeacon`,
//! `fetch`, `EventSource`, `WebSocket`, `import()`, a created `<link>`'s `href`, and
//! `setAttribute`/`setAttributeNS`/`Element.prototype.setAttribute.call` of `src`,
//! `srcset` or `style`. Every sink is crossed with every encoding; the script goes whole.
//! Benign twins: jQuery-like code, lazy loaders and delayed script loaders that set the
//! same sinks from same-site or relative URLs or the page's own `data-*` markup keep every
//! byte.

use crate::common;

use common::built_hosts::{assert_all_removed, changed};

const SINKS: &[&str] = &[
    "var i=document.createElement('img');i.srcset=@U+' 1x';document.body.appendChild(i)",
    "var i=document.createElement('img');i.srcset='/anh/a.jpg 1x, '+@U+' 2x';document.body.appendChild(i)",
    "var l=document.createElement('link');l.rel='preload';l.as='image';l.imageSrcset=@U;document.head.appendChild(l)",
    "document.body.style.backgroundImage='url('+@U+')'",
    "document.body.style.background='#fff url(\"'+@U+'\") no-repeat'",
    "document.body.style.listStyleImage=`url(${@U})`",
    "document.body.style.cssText='background:url('+@U+')'",
    "document.body.style.setProperty('background-image','url('+@U+')')",
    "document.body.setAttribute('style','background-image:url('+@U+')')",
    "document.styleSheets[0].insertRule('body{background:url('+@U+')}',0)",
    "Object.assign(document.body.style,{backgroundImage:'url('+@U+')'})",
    "var bg='url('+@U+')';document.getElementById('x').style.backgroundImage=bg",
    "document.body.style.background=@U",
    "new Audio(@U).play()",
    "var au=new Audio();au.src=@U",
    "new Image().src=@U",
    "var a=document.createElement('a');a.ping=@U;a.href='/';a.click()",
    "var a=document.createElement('a');a.setAttribute('ping',@U);a.href='/';a.click()",
    "navigator.sendBeacon(@U)",
    "fetch(@U,{mode:'no-cors'})",
    "window.fetch(@U)",
    "new EventSource(@U)",
    "new WebSocket(@U.replace('https','wss'))",
    "import(@U)",
    "var l=document.createElement('link');l.rel='prefetch';l.href=@U;document.head.appendChild(l)",
    "var i=document.createElement('img');i.setAttribute('src',@U);document.body.appendChild(i)",
    "var i=document.createElement('img');i.setAttributeNS(null,'src',@U);document.body.appendChild(i)",
    "var i=document.createElement('img');Element.prototype.setAttribute.call(i,'srcset',@U);document.body.appendChild(i)",
    "var v=document.createElement('video');v.poster=@U;document.body.appendChild(v)",
    "document.addEventListener('click',function(e){e.view.fetch(@U)})",
];

#[test]
fn run_time_hosts_reaching_a_request_sink_are_removed() {
    assert_all_removed(SINKS);
}

#[test]
fn same_site_requests_through_the_same_sinks_keep_their_bytes() {
    let wrong = changed(&[
        // lazy loaders of the page's own markup
        "document.querySelectorAll('img[data-srcset]').forEach(function(i){i.srcset=i.dataset.srcset})",
        "document.querySelectorAll('[data-bg]').forEach(function(el){el.style.backgroundImage='url('+el.dataset.bg+')'})",
        "var els=document.querySelectorAll('.lazy-bg');for(var i=0;i<els.length;i++){els[i].style.backgroundImage='url(\"'+els[i].getAttribute('data-bg')+'\")'}",
        "document.querySelectorAll('img.lazy').forEach(function(i){i.setAttribute('srcset',i.getAttribute('data-srcset'));i.setAttribute('src',i.getAttribute('data-src'))})",
        // same-site and relative URLs built by the site's code
        "var b=document.getElementById('banner');b.style.backgroundImage='url(/anh/nen-'+(new Date().getMonth()+1)+'.jpg)'",
        "document.body.style.cssText='margin:0;background:#fff url(/anh/nen.png) no-repeat'",
        "el.style.setProperty('--mau','#c00');el.style.width=w+'px';el.style.display='none'",
        "var i=document.createElement('img');i.srcset='/anh/logo.png 1x, /anh/logo@2x.png 2x';document.body.appendChild(i)",
        "var i=document.createElement('img');i.srcset='/anh/'+ten+'.jpg 1x, /anh/'+ten+'@2x.jpg 2x'",
        "var i=document.createElement('img');i.setAttributeNS(null,'src','/anh/logo.png');document.body.appendChild(i)",
        "$('.tab').each(function(){this.setAttribute('style','display:none')})",
        "new Audio('/am-thanh/thong-bao.mp3').play()",
        "var a=document.createElement('a');a.ping='/thong-ke/click';a.href='/tin-tuc/';a.click()",
        "fetch('/api/thoi-tiet?tinh='+encodeURIComponent(t))",
        "var l=document.createElement('link');l.rel='prefetch';l.href='/tin-tuc/';document.head.appendChild(l)",
        "document.styleSheets[0].insertRule('.an{display:none}',0)",
        // WP Rocket-style delayed loader: same-site scripts from their data-src
        "window.addEventListener('load',function(){document.querySelectorAll('script[data-rocket-src]').forEach(function(s){var n=document.createElement('script');n.src=s.getAttribute('data-rocket-src');document.body.appendChild(n)})})",
        // an allowed analytics pixel
        "new Image().src='https://www.google-analytics.com/collect?v=1&dp='+encodeURIComponent(location.pathname)",
    ]);
    assert!(wrong.is_empty(), "changed:\n{}", wrong.join("\n"));
}

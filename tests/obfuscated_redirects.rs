//! Attack suite for script redirects that never spell `location` plainly (issue 14, class
//! 3; threats B1–B3): every way to reach a navigation sink (computed and escaped property
//! names, aliases, destructuring, `with`, optional chaining, `Reflect`/`Object` APIs,
//! `call`/`apply`/`bind`) crossed with every way to build the target at run time
//! (decoding loops, char-code arrays, reversed or joined strings, `atob`, templates), and
//! every way to run decoded code (indirect `eval`, `Function`, timers, `constructor`).
//! Each variant is also served through the gateway as a 404 and a 500 page. Realistic
//! benign scripts (minified jQuery, analytics, e-mail cloaking, WordPress emoji loader,
//! language switchers) must pass unchanged.

use crate::common;

use std::sync::Arc;

use common::body::{full, resp};
use common::gateway::{Gateway, Setup};
use common::upstream::Upstream;
use lachan::sanitize::script::{Verdict, judge};

const HOST: &str = "portal.example.gov.vn";
const ALLOWED: &[&str] = &[
    HOST,
    "chinhphu.vn",
    "www.googletagmanager.com",
    "www.google-analytics.com",
    "connect.facebook.net",
    "s.w.org",
];

fn is_foreign(u: &str) -> bool {
    let base = url::Url::parse(&format!("https://{HOST}/tin-tuc/bai-1.html")).unwrap();
    let Ok(url) = base.join(u.trim()) else {
        return true;
    };
    match url.scheme() {
        "http" | "https" => {
            let host = url.host_str().unwrap_or("").trim_end_matches('.');
            let host = host.to_ascii_lowercase();
            !(ALLOWED.contains(&host.as_str()) || host.ends_with(".gov.vn"))
        }
        "mailto" | "tel" => false,
        _ => true,
    }
}

/// Code that leaves `u` holding `https://bet.test/` decoded at run time, so that no
/// literal names the host: a XOR loop, per-index arithmetic, a char-code array, a
/// reversed string held in a variable, and a split-and-joined one.
const BUILDERS: &[&str] = &[
    "var c=[111,115,115,119,116,61,40,40,101,98,115,41,115,98,116,115,40],u='';for(var i=0;i<c.length;i++){u+=String.fromCharCode(c[i]^7)}",
    "var d='huvpt</0deu0tfut0',u='';for(let i=0;i<d.length;i++)u+=String.fromCharCode(d.charCodeAt(i)-i%3)",
    "var u=[104,116,116,112,115,58,47,47,98,101,116,46,116,101,115,116,47].map(c=>String.fromCharCode(c)).join('')",
    "var r='/tset.teb//:sptth',u=r.split('').reverse().join('')",
    "var p=['ht','tps:','//be','t.te','st/'],u=p.join('')",
    "var u=atob(document.currentScript.dataset.k)",
    "var h='bet',u=`https://${h}.test/`",
    "var u=String.fromCharCode(...[104,116,116,112,115,58,47,47,98,101,116,46,116,101,115,116,47])",
    "var u=decodeURIComponent(location.hash.slice(1))",
    "var u=JSON.parse('\"\\\\u0068\\\\u0074\\\\u0074\\\\u0070\\\\u0073\\\\u003a\\\\u002f\\\\u002f\\\\u0062\\\\u0065\\\\u0074\\\\u002e\\\\u0074\\\\u0065\\\\u0073\\\\u0074\\\\u002f\"')",
    "var u=[0,1,1,2,3,4,5,5,6,7,1,8,1,7,3,1,5].map(function(i){return 'htps:/be.'[i]}).join('')",
];

/// Navigation sinks reached without writing `location.href = …` plainly; `u` is the target.
const SINKS: &[&str] = &[
    "var w=window;w['loc'+'ation']=u",
    "window[['lo','cation'].join('')].href=u",
    "var x='loc'+'ation';self[x]=u",
    "var k='noitacol'.split('').reverse().join('');top[k].replace(u)",
    "var p='hr'+'ef';location[p]=u",
    "window?.location?.assign(u)",
    "window?.['location']?.replace(u)",
    "var l=window;l.location=u",
    "var g=typeof globalThis!='undefined'?globalThis:window;g.location.href=u",
    "const {location:L}=window;L.href=u",
    "const {location}=self;location.assign(u)",
    "with(window){location=u}",
    "(w=>{w['loc'+'ation']=u})(window)",
    "((w)=>w.location.replace(u))(self)",
    "[window].forEach(function(o){o.location.href=u})",
    "Reflect.set(window,'location',u)",
    "Reflect.set(location,'href',u)",
    "Reflect.set(window.location,'hr'+'ef',u)",
    "Reflect.get(window,'location').replace(u)",
    "Reflect.apply(location.replace,location,[u])",
    "Reflect.apply(window.location.assign,window.location,[u])",
    "Object.assign(location,{href:u})",
    "Object.assign(window,{location:u})",
    "Object.assign(document.location,{['hr'+'ef']:u})",
    "location.replace.call(location,u)",
    "location.assign.apply(location,[u])",
    "location.replace.bind(location)(u)",
    "var go=location.assign.bind(location);go(u)",
    "var r=location.replace;r.call(location,u)",
    "window['\\x6c\\x6f\\x63\\x61\\x74\\x69\\x6f\\x6e']=u",
    "window.\\u006cocation=u",
    "self['\\u{6c}ocation'].href=u",
    "document['\\u006c\\u006f\\u0063ation']['\\x68ref']=u",
    "document.defaultView.location=u",
    "parent.frames.location.href=u",
    "navigation.navigate(u)",
    "window.open(u,'_self')",
    "open(u,'_'+'top')",
    "document.addEventListener('click',function(){window.open(u)},{once:true})",
    "var f=document.createElement('form');f.action=u;document.body.appendChild(f);f.submit()",
    "var a=document.createElement('a');a.href=u;document.body.appendChild(a);a.click()",
    "var m=Function('return this')();m['loc'+'ation']=u",
    "var k='';for(var c of [108,111,99,97,116,105,111,110])k+=String.fromCharCode(c);window[k]=u",
    "Object.getOwnPropertyDescriptor(window,'location').get.call(window).replace(u)",
    "Object.getOwnPropertyDescriptor(self,'location').get().href=u",
    "Object.getOwnPropertyDescriptor(window,'location').get.bind(window)().assign(u)",
    "Object.getOwnPropertyDescriptor(top,'location').get.apply(top,[]).href=u",
    "(function(l){l.href=u})(top.location)",
];

/// Ways to run code that exists only after a run-time decoding (`s` holds it).
const EVALUATORS: &[&str] = &[
    "(0,eval)(s)",
    "window['ev'+'al'](s)",
    "var e=eval;e(s)",
    "eval.call(null,s)",
    "window.eval.call(window,s)",
    "Reflect.apply(eval,window,[s])",
    "Function(s)()",
    "new Function(s)()",
    "Function('return '+s)()",
    "setTimeout(s,100)",
    "window.setInterval(s,1000)",
    "[].constructor.constructor(s)()",
    "''['constructor']['constructor'](s)()",
    "var k='lave'.split('').reverse().join('');self[k](s)",
    "var k='';for(var c of [101,118,97,108])k+=String.fromCharCode(c);top[k](s)",
    "setTimeout(function(){(0,eval)(s)},3000)",
];

/// Run-time decoders that leave the code in `s`.
const CODE_BUILDERS: &[&str] = &[
    "var c=[107,104,100,102,115,110,104,105,58,37,40,40,101,98,115,41,115,98,116,115,37],s='';for(var i=0;i<c.length;i++)s+=String.fromCharCode(c[i]^7)",
    "var s=[108,111,99,97,116,105,111,110,61,39,47,47,98,101,116,46,116,101,115,116,39].map(function(c){return String.fromCharCode(c)}).join('')",
    "var q=\"'tset.teb//'=noitacol\",s=q.split('').reverse().join('')",
    "var s=atob(document.currentScript.getAttribute('data-x'))",
    "var s=unescape(document.cookie.split('p=')[1])",
    "var z='bG9jYXRpb249Ii8vYmV0LnRlc3Qi',s=atob(z)",
];

fn verdict(src: &str) -> Verdict {
    judge(src, &is_foreign)
}

fn caught(src: &str) -> bool {
    matches!(verdict(src), Verdict::Malicious { rule, .. } if rule.starts_with("script."))
}

fn assert_all_caught(cases: &[String]) {
    let missed: Vec<&String> = cases.iter().filter(|c| !caught(c)).collect();
    assert!(
        missed.is_empty(),
        "{} of {} variants not caught:\n{}",
        missed.len(),
        cases.len(),
        missed
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn redirect_variants() -> Vec<String> {
    let mut out = Vec::new();
    for b in BUILDERS {
        for s in SINKS {
            out.push(format!("{b};{s};"));
        }
    }
    out
}

fn eval_variants() -> Vec<String> {
    let mut out = Vec::new();
    for b in CODE_BUILDERS {
        for e in EVALUATORS {
            out.push(format!("{b};{e};"));
        }
    }
    out
}

#[test]
fn the_builders_really_hide_the_host() {
    // Guards the suite itself: the target is not a literal anywhere in the script.
    for b in BUILDERS.iter().chain(CODE_BUILDERS) {
        assert!(!b.contains("bet.test"), "{b}");
    }
}

#[test]
fn redirects_through_any_access_path_with_run_time_targets() {
    assert_all_caught(&redirect_variants());
}

#[test]
fn redirects_through_any_access_path_with_literal_same_site_prefix_are_kept() {
    // The same access paths with a same-site constant target are ordinary navigation.
    let kept: Vec<String> = SINKS
        .iter()
        .filter(|s| !s.contains("open(") && !s.contains("Function("))
        .map(|s| format!("var u='/en'+location.pathname;{s};"))
        .filter(|c| caught(c))
        .collect();
    assert!(
        kept.is_empty(),
        "same-site navigation judged malicious:\n{}",
        kept.join("\n")
    );
}

#[test]
fn run_time_decoded_code_through_every_evaluator() {
    assert_all_caught(&eval_variants());
}

#[test]
fn bracket_access_on_concatenated_and_escaped_names() {
    let cases: Vec<String> = [
        "w['loc'+'ation']=atob(d)",
        "var w=window;w['loc'+'ation']='//bet.test'",
        "window[['lo','cation'].join('')]=x+y",
        "var x='loc'+'ation';self[x]=z",
        "var x=`loc${''}ation`;self[x]=z",
        "window['\\x6c\\x6f\\x63\\x61\\x74\\x69\\x6f\\x6e'].href=z",
        "window.\\u{6c}ocation.href=z",
        "top['lo'+'ca'+'tion']['rep'+'lace'](z)",
        "document[String.fromCharCode(108,111,99,97,116,105,111,110)][\"assign\"](z)",
        "window[atob('bG9jYXRpb24=')]=z",
        "window[unescape('%6c%6f%63ation')]=z",
        "var k=['c','a','t','i','o','n'];window['lo'+k.join('')]=z",
        "var n=\"noi\"+\"tacol\";window[n.split(\"\").reverse().join(\"\")]=z",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_all_caught(&cases);
}

#[test]
fn computed_keys_on_window_objects_that_cannot_be_folded() {
    // The key is built at run time; assigning a string or calling is treated as a redirect
    // or as running hidden code.
    let cases: Vec<String> = [
        "var k=g(7);window[k]=z",
        "var k=a.map(c=>String.fromCharCode(c)).join('');window[k]=z",
        "var k=String.fromCharCode.apply(null,a);top[k](z)",
        "window[a[1]+a[2]](z)",
        "self[String.fromCharCode(...a)]=z",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_all_caught(&cases);
}

const JQUERY_FRAGMENT: &str = r#"!function(e,t){"use strict";"object"==typeof module&&"object"==typeof module.exports?module.exports=e.document?t(e,!0):function(e){if(!e.document)throw new Error("jQuery requires a window with a document");return t(e)}:t(e)}("undefined"!=typeof window?window:this,function(C,e){"use strict";var t=[],r=Object.getPrototypeOf,s=t.slice,g=t.flat?function(e){return t.flat.call(e)}:function(e){return t.concat.apply([],e)},u=t.push,i=t.indexOf,n={},o=n.toString,y=n.hasOwnProperty,a=y.toString,l=a.call(Object),v={},m=function(e){return"function"==typeof e&&"number"!=typeof e.nodeType&&"function"!=typeof e.item},x=function(e){return null!=e&&e===e.window},E=C.document,c={type:!0,src:!0,nonce:!0,noModule:!0};function b(e,t,n){var r,i,o=(n=n||E).createElement("script");if(o.text=e,t)for(r in c)(i=t[r]||t.getAttribute&&t.getAttribute(r))&&o.setAttribute(r,i);n.head.appendChild(o).parentNode.removeChild(o)}var ne=function(e,t){var n="0x"+e.slice(1)-65536;return t||(n<0?String.fromCharCode(n+65536):String.fromCharCode(n>>10|55296,1023&n|56320))};ce.extend({globalEval:function(e,t,n){b(e,{nonce:t&&t.nonce},n)},parseJSON:function(e){return JSON.parse(e+"")}});var Xt=[],Vt=/(=)\?(?=&|$)|\?\?/;ce.ajaxSetup({jsonp:"callback",jsonpCallback:function(){var e=Xt.pop()||ce.expando+"_"+jt.guid++;return this[e]=!0,e}}),ce.ajaxPrefilter("json jsonp",function(e,t,n){var r,i,o,a=!1!==e.jsonp&&(Vt.test(e.url)?"url":"string"==typeof e.data&&0===(e.contentType||"").indexOf("application/x-www-form-urlencoded")&&Vt.test(e.data)&&"data");if(a||"jsonp"===e.dataTypes[0])return r=e.jsonpCallback=v(e.jsonpCallback)?e.jsonpCallback():e.jsonpCallback,a?e[a]=e[a].replace(Vt,"$1"+r):!1!==e.jsonp&&(e.url+=(At.test(e.url)?"&":"?")+e.jsonp+"="+r),e.converters["script json"]=function(){return o||ce.error(r+" was not called"),o[0]},e.dataTypes[0]="json",i=C[r],C[r]=function(){o=arguments},n.always(function(){void 0===i?ce(C).removeProp(r):C[r]=i,e[r]&&(e.jsonpCallback=t.jsonpCallback,Xt.push(r)),o&&v(i)&&i(o[0]),o=i=void 0}),"script"});return"undefined"==typeof e&&(C.jQuery=C.$=ce),ce});"#;

const WP_EMOJI: &str = r#"window._wpemojiSettings = {"baseUrl":"https:\/\/s.w.org\/images\/core\/emoji\/14.0.0\/72x72\/","ext":".png","svgUrl":"https:\/\/s.w.org\/images\/core\/emoji\/14.0.0\/svg\/","svgExt":".svg","source":{"concatemoji":"https:\/\/portal.example.gov.vn\/wp-includes\/js\/wp-emoji-release.min.js?ver=6.4.2"}};
/*! This file is auto-generated */
!function(i,n){var o,s,e;function c(e){try{var t={supportTests:e,timestamp:(new Date).valueOf()};sessionStorage.setItem(o,JSON.stringify(t))}catch(e){}}function p(e,t,n){e.clearRect(0,0,e.canvas.width,e.canvas.height),e.fillText(t,0,0);var t=new Uint32Array(e.getImageData(0,0,e.canvas.width,e.canvas.height).data),r=(e.clearRect(0,0,e.canvas.width,e.canvas.height),e.fillText(n,0,0),new Uint32Array(e.getImageData(0,0,e.canvas.width,e.canvas.height).data));return t.every(function(e,t){return e===r[t]})}function f(e,t,n){var r="undefined"!=typeof WorkerGlobalScope&&self instanceof WorkerGlobalScope?new OffscreenCanvas(300,150):i.createElement("canvas"),a=r.getContext("2d",{willReadFrequently:!0}),o=(a.textBaseline="top",a.font="600 32px Arial",{});return e.forEach(function(e){o[e]=t(a,e,n)}),o}function t(e){var t=i.createElement("script");t.src=e,t.defer=!0,i.head.appendChild(t)}"undefined"!=typeof Promise&&(o="wpEmojiSettingsSupports",s=["flag","emoji"],n.supports={everything:!0,everythingExceptFlag:!0},e=new Promise(function(e){i.addEventListener("DOMContentLoaded",e,{once:!0})}),new Promise(function(t){var n=function(){try{var e=JSON.parse(sessionStorage.getItem(o));if("object"==typeof e&&"number"==typeof e.timestamp&&(new Date).valueOf()<e.timestamp+604800&&"object"==typeof e.supportTests)return e.supportTests}catch(e){}return null}();if(!n){if("undefined"!=typeof Worker&&"undefined"!=typeof OffscreenCanvas&&"undefined"!=typeof URL&&URL.createObjectURL&&"undefined"!=typeof Blob)try{var e="postMessage("+f.toString()+"("+[JSON.stringify(s),u.toString(),p.toString()].join(",")+"));",r=new Blob([e],{type:"text/javascript"}),a=new Worker(URL.createObjectURL(r),{name:"wpTestEmojiSupports"});return void(a.onmessage=function(e){c(n=e.data),a.terminate(),t(n)})}catch(e){}c(n=f(s,u,p))}t(n)}).then(function(e){for(var t in e)n.supports[t]=e[t],n.supports.everything=n.supports.everything&&n.supports[t],"flag"!==t&&(n.supports.everythingExceptFlag=n.supports.everythingExceptFlag&&n.supports[t]);n.supports.everythingExceptFlag=n.supports.everythingExceptFlag&&!n.supports.flag,n.DOMReady=!1,n.readyCallback=function(){n.DOMReady=!0}}).then(function(){return e}).then(function(){var e;n.supports.everything||(n.readyCallback(),(e=n.source||{}).concatemoji?t(e.concatemoji):e.wpemoji&&e.twemoji&&(t(e.twemoji),t(e.wpemoji)))}))}((window,document),window._wpemojiSettings);"#;

const BENIGN: &[&str] = &[
    // language switchers, search, reload, history
    "document.getElementById('lang-en').onclick=function(){location.href='/en'+location.pathname;return false}",
    "function timKiem(q){location.href='/tim-kiem?q='+encodeURIComponent(q)}",
    "var lang=document.documentElement.lang==='vi'?'/en':'/vi';window.location.assign(lang+location.pathname+location.search)",
    "window.location.href = `/tin-tuc?page=${n}&lang=${document.documentElement.lang}`",
    "document.querySelector('.reload').addEventListener('click',()=>location.reload())",
    "history.pushState({page:2},'', '/tin-tuc?page=2');history.replaceState(null,'',location.pathname+'?p=2')",
    "window.onpopstate=function(e){if(e.state)location.reload()}",
    // a drop-down of allowed sites
    "var sites={cp:'https://chinhphu.vn/',bt:'https://moj.gov.vn/'};document.getElementById('lienket').onchange=function(){if(this.value)window.open(this.value,'_blank')}",
    "document.getElementById('ds-web').addEventListener('change',function(e){var v=e.target.value;if(v)window.open(v)})",
    "function chuyen(s){var u=s.options[s.selectedIndex].value;if(u!='')window.location=u}",
    // ordinary uses of Reflect/Object, window globals and computed keys
    "Object.assign(window,{appConfig:{api:'/api/v1',lang:'vi'}})",
    "Reflect.set(window,'dataLayer',window.dataLayer||[])",
    "function jsonp(cb,data){window[cb](data)}",
    "['dataLayer','_gaq'].forEach(function(n){window[n]=window[n]||[]})",
    "for(var k in cfg){window[k]=cfg[k]}",
    "var s=location.search.substring(1);var q=decodeURIComponent(s.replace(/\\+/g,' '))",
    "var path=location.pathname.split('/').reverse().join('-')",
    "function go(p){location.replace.call(location,'/dich-vu-cong/'+p)}",
    // analytics and social loaders from allowed hosts
    "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','G-XYZ');",
    "(function(d,s,id){var js,fjs=d.getElementsByTagName(s)[0];if(d.getElementById(id))return;js=d.createElement(s);js.id=id;js.src='https://connect.facebook.net/vi_VN/sdk.js#xfbml=1&version=v18.0';fjs.parentNode.insertBefore(js,fjs)}(document,'script','facebook-jssdk'));",
    // e-mail cloaking: Joomla, and a fromCharCode one building a mailto:
    "document.getElementById('cloak7d1f').innerHTML='';var prefix='&#109;a'+'i&#108;'+'&#116;o';var path='hr'+'ef'+'=';var addy7d1f='lienhe'+'&#64;';addy7d1f=addy7d1f+'portal'+'&#46;'+'example'+'&#46;'+'gov'+'&#46;'+'vn';var addy_text7d1f='lienhe'+'&#64;'+'portal'+'&#46;'+'example'+'&#46;'+'gov'+'&#46;'+'vn';document.getElementById('cloak7d1f').innerHTML+='<a '+path+'\\''+prefix+':'+addy7d1f+'\\'>'+addy_text7d1f+'<\\/a>';",
    "var c=[108,105,101,110,104,101,64,112,111,114,116,97,108,46,103,111,118,46,118,110],m='';for(var i=0;i<c.length;i++)m+=String.fromCharCode(c[i]);var a=document.getElementById('mail');a.href='mailto:'+m;a.textContent=m",
    "document.write('<a href=\"mailto:'+String.fromCharCode(108,105,101,110,104,101)+'@portal.gov.vn\">'+'Liên hệ'+'</a>')",
    // base64 and char codes for the library's own work
    "var svg=atob('PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=');document.getElementById('logo').innerHTML=svg",
    "function utf8(b){return decodeURIComponent(escape(atob(b)))}var data=JSON.parse(utf8(el.dataset.json))",
    "var data=JSON.parse('{\"lang\":\"vi\"}');location.href=JSON.parse('\"\\\\u002ftin-tuc\\\\u002f\"')",
    "var p=Object.getOwnPropertyDescriptor(window,'location').get.call(window).pathname;if(Object.getOwnPropertyDescriptor(window,'location').configurable){console.log(p)}",
    "var key=[].map.call('abc',function(c){return String.fromCharCode(c.charCodeAt(0)^1)}).join('');localStorage.setItem('k',key)",
];

#[test]
fn realistic_benign_scripts_are_untouched() {
    let mut all: Vec<&str> = BENIGN.to_vec();
    all.extend([JQUERY_FRAGMENT, WP_EMOJI]);
    let wrong: Vec<String> = all
        .iter()
        .filter_map(|s| match verdict(s) {
            Verdict::Benign => None,
            v => Some(format!("{v:?}\n  in {}", &s[..s.len().min(160)])),
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "benign scripts judged malicious:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn real_minified_libraries_in_full_are_untouched() {
    let jquery = include_str!("corpus/libs/jquery-3.6.1.min.js");
    assert_eq!(verdict(jquery), Verdict::Benign, "jQuery 3.6.1");
}

#[test]
fn an_inlined_template_engine_is_code_built_at_run_time() {
    // Decided (docs/sanitizer-rules.md, "Code built at run time"): `_.template` compiles
    // code with `new Function` at run time, so Underscore inlined in a page goes unless
    // its hash is allow-listed; loaded by `<script src>` from the site it is not judged.
    let underscore = include_str!("corpus/libs/underscore-1.13.4.min.js");
    assert!(
        matches!(
            verdict(underscore),
            Verdict::Malicious {
                rule: "script.dynamic_code",
                ..
            }
        ),
        "Underscore 1.13.4"
    );
}

// ---- through the gateway, as error pages ----

/// An upstream that answers `/STATUS/N` with page N and that status.
fn error_pages(pages: Vec<String>) -> Upstream {
    let pages = Arc::new(pages);
    Upstream::handler(move |req| {
        let pages = Arc::clone(&pages);
        async move {
            let mut parts = req.uri().path().trim_start_matches('/').split('/');
            let status: u16 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(200);
            let n: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
            let headers = [("content-type", "text/html; charset=utf-8")];
            resp(status, &headers, full(pages[n].clone()))
        }
    })
}

fn error_page(status: u16, script: &str) -> String {
    format!(
        "<!doctype html><html><head><title>{status} - Không tìm thấy trang</title>\
         <script>{script}</script></head><body><h1>Lỗi {status}</h1>\
         <p>Trang bạn tìm không tồn tại. <a href=\"/\">Về trang chủ</a></p></body></html>"
    )
}

/// The site allows what the benign scripts load; the guard lets the many requests through.
async fn gateway(up: &Upstream) -> Gateway {
    let allow = "allow = [\"*.gov.vn\", \"chinhphu.vn\", \"www.googletagmanager.com\", \
                 \"connect.facebook.net\", \"s.w.org\"]";
    let guard = "limit = { rate = \"100000/s\", burst = 100000 }\nban = { enabled = false }";
    let setup = Setup::new().guard(guard).site(HOST, up).name("portal");
    setup.site_lines(allow).start().await
}

#[tokio::test]
async fn every_variant_is_removed_from_404_and_500_pages() {
    let mut scripts = redirect_variants();
    scripts.extend(eval_variants());
    let benign: Vec<String> = BENIGN.iter().map(|s| s.to_string()).collect();
    let first_benign = scripts.len();
    scripts.extend(benign);
    let up = error_pages(scripts.iter().map(|s| error_page(404, s)).collect());
    let gw = gateway(&up).await;
    let mut failures = Vec::new();
    for status in [404u16, 500] {
        for (n, script) in scripts.iter().enumerate() {
            let path = format!("/{status}/{n}");
            let (head, body) = gw.body(&path, &[]).await;
            assert_eq!(head.status.as_u16(), status);
            let body = String::from_utf8_lossy(&body).into_owned();
            let kept = body.contains(&format!("<script>{script}</script>"));
            let logged = gw
                .events
                .events()
                .iter()
                .any(|e| &*e.request.url == path.as_str() && e.rule.starts_with("script."));
            let attack = n < first_benign;
            if attack && (kept || !logged) {
                failures.push(format!("{status} kept attack: {script}"));
            }
            if !attack && (!kept || logged) {
                failures.push(format!("{status} broke benign: {script}"));
            }
            assert!(body.contains("Về trang chủ"), "page text lost");
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

//! Attack suite for strings that become code without an `eval(…)` call (red team r3
//! `r3-js-onerror-eval-throw`; threats B1, B3; issue 14): `onerror = eval` then `throw
//! 'code'` (the uncaught message runs), `eval` handed to `forEach`/`map`/`then`/
//! `addEventListener`, stored in an object or a member, returned, `bind`-ed or picked with
//! `||`; `execScript`; `Function` reached as `[].filter.constructor`, an alias of it,
//! `Reflect.construct(Function, …)`, `[s].map(Function)`; and the entry points that were
//! already followed (aliases, `.call`, `Reflect.apply`, folded keys, timers with a string,
//! a created script's text, `document.write` of a script, `import()` of a `data:` or
//! `blob:` URL, a `Worker` from a `Blob`, a `javascript:` URL, an `on…` attribute, an
//! iframe's `srcdoc`). Each is crossed with code that is a foreign redirect as a constant,
//! or decoded at run time (a XOR loop in a callback, `map`/`join`, `reduce`, `atob`). The
//! benign twins (error reporters, timers with functions, `instanceof Function`, analytics
//! loaders; the Facebook SDK loader is in `obfuscated_redirects`, whose site allows it) keep their bytes with no event.

use crate::common;

use common::rewrite::{clean, clean_turn, site};

const CODE: &str = "location.href='https://mu88-vn.win/'";

/// Entry points: `@C` is an expression whose value is the code.
const ENTRIES: &[&str] = &[
    "onerror=eval;throw @C",
    "window.onerror=eval;throw @C",
    "self.onerror=window.eval;throw @C",
    "onerror=execScript;throw @C",
    "window.addEventListener('error',eval);throw @C",
    "[@C].forEach(eval)",
    "[@C].map(window.eval)",
    "Promise.resolve(@C).then(eval)",
    "var o={r:eval};o.r(@C)",
    "var o={};o.r=eval;o.r(@C)",
    "window.x=eval;x(@C)",
    "var f=window.execScript||eval;f(@C)",
    "(function(){return eval})()(@C)",
    "eval.bind(null)(@C)",
    "var e=eval;e(@C)",
    "eval.call(null,@C)",
    "Reflect.apply(eval,null,[@C])",
    "globalThis['ev'+'al'](@C)",
    "window[['e','v','a','l'].join('')](@C)",
    "(0,eval)(@C)",
    "[].filter.constructor(@C)()",
    "var F=[].map.constructor;F(@C)()",
    "Function(@C)()",
    "new Function(@C)()",
    "''.constructor.constructor(@C)()",
    "Reflect.construct(Function,[@C])()",
    "[@C].map(Function).forEach(function(f){f()})",
    "setTimeout(@C,10)",
    "setInterval(@C,1e3)",
    "var s=document.createElement('script');s.text=@C;document.head.appendChild(s)",
    "document.write('<scr'+'ipt>'+@C+'</scr'+'ipt>')",
    "import('data:text/javascript,'+encodeURIComponent(@C))",
    "import(URL.createObjectURL(new Blob([@C])))",
    "new Worker(URL.createObjectURL(new Blob([@C],{type:'text/javascript'})))",
    "location='javascript:'+@C",
    "document.body.setAttribute('onclick',@C);document.body.click()",
    "var f=document.createElement('iframe');f.srcdoc='<script>'+@C+'</scr'+'ipt>';document.body.appendChild(f)",
];

fn codes(key: u8) -> String {
    CODE.bytes()
        .map(|b| (b ^ key).to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// (setup, code expression).
fn payloads() -> Vec<(String, String)> {
    let (x, c) = (codes(23), codes(0));
    vec![
        (
            String::new(),
            "'=1;location.href=\"https://\"+\"mu88\"+\"-vn.win/\"'".into(),
        ),
        (
            format!("var d=[{x}],s='';d.forEach(function(c){{s+=String.fromCharCode(c^23)}});"),
            "s".into(),
        ),
        (
            format!("var s=[{x}].map(function(c){{return String.fromCharCode(c^23)}}).join('');"),
            "s".into(),
        ),
        (
            format!("var s=[{c}].reduce(function(a,c){{return a+String.fromCharCode(c)}},'');"),
            "s".into(),
        ),
        (String::new(), "atob(document.body.dataset.k)".into()),
    ]
}

/// Whether the script `code` (the `n`th case) goes whole, with a `script.*` event.
pub(crate) fn removed(code: &str, n: usize) -> bool {
    let site = site("");
    let page = format!("<p>Tin</p><script>{code}</script><p>Hết</p>");
    let (out, events) = clean_turn(&site, &page, n);
    out == "<p>Tin</p><p>Hết</p>" && events.iter().any(|e| e.rule.starts_with("script."))
}

#[test]
fn strings_run_as_code_without_an_eval_call_are_removed() {
    let mut all = Vec::new();
    for entry in ENTRIES {
        for (setup, expr) in payloads() {
            all.push(format!("{setup}{};", entry.replace("@C", &expr)));
        }
    }
    assert_all_removed(&all, 30);
}

#[test]
fn the_red_team_page_script_is_removed() {
    let code = "onerror=eval;throw'=1;location.href=\"https://\"+\"mu88\"+\"-vn.win/\"';";
    assert!(removed(code, 0));
}

#[test]
fn error_reporters_timers_and_loaders_keep_their_bytes() {
    let site = site("");
    for code in [
        "window.onerror=function(m,u,l){navigator.sendBeacon('/log',JSON.stringify({m:m,u:u,l:l}));return false}",
        "window.onerror=function(){return true}",
        "onerror=function(msg){console.log(msg)}",
        "window.onerror=null",
        "window.addEventListener('error',function(e){console.warn(e.message)})",
        "window.addEventListener('unhandledrejection',function(e){e.preventDefault()})",
        "setTimeout(function(){document.body.className+=' ready'},100)",
        "setTimeout(init,0);function init(){document.body.classList.add('js')}",
        "setInterval(function(){location.reload()},600000)",
        "setTimeout(\"location.href='/trang-chu'\",3000)",
        "if(typeof eval==='function'){window.hasEval=1}",
        "var isFn=function(f){return f instanceof Function}",
        "var nativeBind=Function.prototype.bind,toStr=Function.prototype.toString",
        "var g=typeof globalThis!=='undefined'?globalThis:Function('return this')()",
        "var root=typeof self=='object'&&self.self===self&&self||Function('return this')()",
        "[1,0,2].filter(Boolean).map(String).map(Number)",
        "function A(){}A.prototype.clone=function(){return new this.constructor()}",
        "var isObj=function(o){return o&&o.constructor===Object}",
        "try{throw new Error('x')}catch(e){console.log(e)}",
        "eval('1+1')",
        "var o={parse:JSON.parse,run:function(){}};o.parse('{}')",
        "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','G-XYZ');",
        "(function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;i[r]=i[r]||function(){(i[r].q=i[r].q||[]).push(arguments)},i[r].l=1*new Date();a=s.createElement(o),m=s.getElementsByTagName(o)[0];a.async=1;a.src=g;m.parentNode.insertBefore(a,m)})(window,document,'script','https://www.google-analytics.com/analytics.js','ga');",
        "document.getElementById('lang').onchange=function(){location.href='/'+this.value+'/'}",
        "location.href='/tim-kiem?q='+encodeURIComponent(document.getElementById('q').value)",
        "el.onclick=function(){return false}",
        "document.getElementById('in').setAttribute('onclick','window.print()')",
    ] {
        let page = format!("<p>x</p><script>{code}</script>");
        let (out, events) = clean(&site, &page);
        assert_eq!(out, page, "changed: {code}: {events:?}");
        assert!(events.is_empty(), "{code}: {events:?}");
    }
}

/// Every script of `all` goes; else the first `show` left in place are listed.
pub(crate) fn assert_all_removed(all: &[String], show: usize) {
    let missed: Vec<&str> = all
        .iter()
        .enumerate()
        .filter(|(n, c)| !removed(c, *n))
        .map(|(_, c)| c.as_str())
        .collect();
    assert!(
        missed.is_empty(),
        "{} of {} left in place:\n{}",
        missed.len(),
        all.len(),
        missed[..missed.len().min(show)].join("\n")
    );
}

/// A news page and a 404 page, the script at `@S`: error pages are sanitized like any other.
const SCRIPT_PAGES: &[&str] = &[
    "<p>Tin</p><script>@S</script><p>Hết</p>",
    "<h1>404</h1><p>Không tìm thấy trang</p><script>@S</script>",
];

/// Whether the script `code` (the `n`th case) goes whole, with a `script.*` event, on each
/// of [`SCRIPT_PAGES`].
fn removed_on_every_page(code: &str, n: usize) -> bool {
    let site = site("");
    SCRIPT_PAGES.iter().all(|p| {
        let page = p.replace("@S", code);
        let (out, events) = clean_turn(&site, &page, n);
        out == p.replace("<script>@S</script>", "")
            && events.iter().any(|e| e.rule.starts_with("script."))
    })
}

/// Every script of `all` goes on each of [`SCRIPT_PAGES`]; else the first `show` left in
/// place are listed.
pub(crate) fn assert_removed_on_every_page(all: &[String], show: usize) {
    let missed: Vec<&str> = all
        .iter()
        .enumerate()
        .filter(|(n, c)| !removed_on_every_page(c, *n))
        .map(|(_, c)| c.as_str())
        .collect();
    assert!(
        missed.is_empty(),
        "{} of {} left in place:\n{}",
        missed.len(),
        all.len(),
        missed[..missed.len().min(show)].join("\n")
    );
}

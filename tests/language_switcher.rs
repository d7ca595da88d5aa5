//! False-positive suite for same-site language and page switchers (red team b02; threats
//! "site-internal navigation scripts"): a drop-down whose options are the site's pages,
//! `location.href = '/' + lang + '/'` with the language from the control, the element, the
//! browser or a function's parameter, and `location.assign(base + lang)` with a same-site
//! base (a literal, or the page's own origin kept in a variable). They keep their bytes;
//! the same shapes leading to a foreign host, or run automatically with a value that may
//! begin with `/`, still go (`script.redirect`).

use crate::common;

use common::rewrite::{clean, site};

fn kept(page: &str) {
    let site = site("");
    let (out, events) = clean(&site, page);
    assert_eq!(out, page, "{events:?}");
}

fn script(code: &str) -> String {
    format!("<p>x</p><script>{code}</script>")
}

#[test]
fn switchers_in_handlers_keep_their_bytes() {
    for page in [
        "<select onchange=\"location.href=this.value\"><option value=\"/vi/\">VI</option><option value=\"/en/\">EN</option></select>",
        "<select onchange=\"window.location=this.options[this.selectedIndex].value\"><option value=\"/vi/\">VI</option></select>",
        "<select id=\"l\" onchange=\"if(this.value){location.href='/'+this.value+'/'}\"><option value=\"en\">EN</option></select>",
        "<a href=\"#\" onclick=\"changeLang('en');return false\">EN</a>",
        "<a href=\"#\" data-lang=\"en\" onclick=\"location.href=this.href\">EN</a>",
    ] {
        kept(page);
    }
}

#[test]
fn switcher_scripts_keep_their_bytes() {
    for code in [
        "function changeLang(lang){window.location.href='/'+lang+'/'}",
        "function changeLang(lang){location.assign('/'+lang+'/index.html')}",
        "var base='/';function go(lang){location.assign(base+lang)}",
        "var base='https://portal.example.gov.vn/';function go(lang){location.assign(base+lang+'/')}",
        "var base=window.location.origin;function go(lang){location.href=base+'/'+lang+'/'}",
        "var base=location.protocol+'//'+location.host;function go(lang){location.href=base+'/'+lang}",
        "document.getElementById('lang').addEventListener('change',function(e){location.href='/'+e.target.value+'/'})",
        "var sel=document.getElementById('lang');sel.onchange=function(){location.href=sel.value}",
        "var lang=(navigator.language||'vi').slice(0,2);document.getElementById('sw').onclick=function(){location.href='/'+lang+'/'}",
        "var l=document.documentElement.lang;function other(){location.href=l==='vi'?'/en/':'/vi/'}",
        "document.querySelectorAll('.lang a').forEach(function(a){a.addEventListener('click',function(e){e.preventDefault();location.href=a.href})})",
    ] {
        kept(&script(code));
    }
}

#[test]
fn switcher_shapes_to_a_foreign_host_still_go() {
    let site = site("");
    for code in [
        "function go(lang){location.href='https://bet.test/'+lang}",
        "var base='https://bet.test/';function go(lang){location.assign(base+lang)}",
        "var base='//bet.test';location.href=base+'/'+navigator.language",
        "location.href='/'+document.getElementById('n').textContent",
        "var base=location.origin;location.href=base+(14967).toString(36)",
        "location.href='/'+location.hash.slice(1)",
    ] {
        let page = script(code);
        let (out, events) = clean(&site, &page);
        assert_eq!(out, "<p>x</p>", "kept: {code}");
        assert!(
            events.iter().any(|e| e.rule == "script.redirect"),
            "{events:?}"
        );
    }
}

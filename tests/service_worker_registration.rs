//! Attack suite for planted service workers (issue 14, class 3 follow-up; threats C4): a
//! script that registers a service worker leaves code behind that answers the site's later
//! navigations (with a redirect or a spam page) long after the page was cleaned. Every
//! access path to `navigator.serviceWorker.register` is crossed with every way to write the
//! worker's URL; the script goes whole (`script.service_worker`), unless its SHA-256 is in
//! `script_hashes`. Scripts that only read or remove registrations come through byte for
//! byte.

use crate::common;

use base64::Engine;
use common::rewrite::{clean, site};
use sha2::Digest;

/// Ways to reach the registration method; `@U` is where the call's arguments go.
const PATHS: &[&str] = &[
    "navigator.serviceWorker.register(@U)",
    "navigator['service'+'Worker']['reg'+'ister'](@U)",
    "var n=navigator;n[\"service\"+\"Worker\"][\"reg\"+\"ister\"](@U)",
    "navigator?.serviceWorker?.register?.(@U)",
    "const {serviceWorker:c}=navigator;c.register(@U)",
    "var c=navigator.serviceWorker,r=c.register;r.call(c,@U)",
    "navigator.serviceWorker.register.apply(navigator.serviceWorker,[@U])",
    "Reflect.apply(navigator.serviceWorker.register,navigator.serviceWorker,[@U])",
    "ServiceWorkerContainer.prototype.register.call(navigator.serviceWorker,@U)",
    "if('serviceWorker' in navigator){window.addEventListener('load',function(){navigator.serviceWorker.register(@U)})}",
    "var k='retsiger'.split('').reverse().join('');navigator.serviceWorker[k](@U)",
    "self.navigator['\\x73erviceWorker']['\\u0072egister'](@U)",
    "var m=['reg','ister'].join('');window.navigator.serviceWorker[m](@U)",
    "var w=navigator.serviceWorker;w.ready.then(function(){});w[String.fromCharCode(114)+'egister'](@U)",
    "var s='';[115,101,114,118,105,99,101,87,111,114,107,101,114].forEach(function(x){s+=String.fromCharCode(x)});navigator[s].register(@U)",
    "eval(\"navigator.serviceWorker.register('/sw.js')\")",
    "new Function('navigator.serviceWorker.register('+JSON.stringify(@U)+')')()",
];

fn b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

/// Ways to write the worker's URL (the worker must be same-origin, so it is one of the
/// site's own paths: an upload, a planted file).
fn urls() -> Vec<String> {
    vec![
        "'/wp-content/uploads/2024/05/sw.js'".into(),
        format!("atob('{}')", b64("/sw.js")),
        "'/sw.js',{scope:'/'}".into(),
        "new URL('sw.js',location.href)".into(),
        "location.origin+'/images/w.js'".into(),
    ]
}

#[test]
fn service_worker_registration_by_any_access_path_is_removed() {
    let site = site("");
    for path in PATHS {
        for url in urls() {
            let code = path.replace("@U", &url);
            let page = format!("<p>Tin</p><script>{code}</script><p>Hết</p>");
            let (out, events) = clean(&site, &page);
            assert_eq!(out, "<p>Tin</p><p>Hết</p>", "left behind: {page}");
            assert!(
                events.iter().any(|e| e.rule.starts_with("script.")),
                "not audited: {page}"
            );
        }
    }
}

#[test]
fn service_worker_registration_is_audited_under_its_own_rule() {
    let site = site("");
    let page = "<script>if('serviceWorker' in navigator){navigator.serviceWorker.register('/uploads/sw.js')}</script>";
    let (out, events) = clean(&site, page);
    assert_eq!(out, "");
    let e = events
        .iter()
        .find(|e| e.rule == "script.service_worker")
        .unwrap_or_else(|| panic!("{events:?}"));
    assert_eq!(e.target.as_deref(), Some("/uploads/sw.js"));
}

#[test]
fn service_worker_registration_in_a_handler_attribute_is_removed() {
    let site = site("");
    let page = "<img src=\"/a.png\" onload=\"navigator['serviceWorker'].register('/sw.js')\">";
    let (out, events) = clean(&site, page);
    assert!(!out.contains("serviceWorker"), "{out}");
    assert!(!events.is_empty());
}

#[test]
fn an_allow_listed_registration_keeps_its_bytes() {
    let code = "if('serviceWorker' in navigator){navigator.serviceWorker.register('/sw.js')}";
    let digest = sha2::Sha256::digest(code.as_bytes());
    let hash = base64::engine::general_purpose::STANDARD.encode(digest);
    let site = site(&format!(
        "[site.sanitize]\nscript_hashes = [\"sha256-{hash}\"]"
    ));
    let page = format!("<script>{code}</script><p>x</p>");
    let (out, events) = clean(&site, &page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{events:?}");
}

#[test]
fn scripts_that_only_read_or_remove_registrations_are_untouched() {
    let site = site("");
    for code in [
        "navigator.serviceWorker.getRegistrations().then(function(rs){rs.forEach(function(r){r.unregister()})})",
        "if('serviceWorker' in navigator&&navigator.serviceWorker.controller){document.body.classList.add('offline-ready')}",
        "document.getElementById('register').addEventListener('click',function(){location.href='/dang-ky'})",
        "var f=document.forms.register;f.addEventListener('submit',function(e){if(!f.email.value){e.preventDefault()}})",
    ] {
        let page = format!("<script>{code}</script><p>x</p>");
        let (out, events) = clean(&site, &page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{events:?}");
    }
}

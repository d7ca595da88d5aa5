//! Attack suite for redirects through a window or a location that flows as a value before
//! its use (issue 14, class 3; threats B1–B3): passed to a named function or an arrow bound
//! to a name, to an immediately called function, to a callback over an array literal or a
//! resolved promise, stored in an object member, read through a stored location getter, or
//! reached as `this` in a timer callback. The target is opaque (a page value the analysis
//! cannot read), so only the flow decides. Benign twins: the same flows with a same-site
//! constant target, or with no navigation at all, must stay.

use lachan::sanitize::script::{Verdict, judge};

const HOST: &str = "portal.example.gov.vn";

fn is_foreign(u: &str) -> bool {
    let base = url::Url::parse(&format!("https://{HOST}/tin-tuc/bai-1.html")).unwrap();
    match base.join(u.trim()) {
        Ok(url) => url.host_str() != Some(HOST),
        Err(_) => true,
    }
}

/// Where the target comes from: values the analysis cannot read (attributes of the page
/// are not among them: the markup stage strips foreign URLs from them).
const TARGETS: &[&str] = &[
    "var u=window.__cfg.next;",
    "var u=window.name;",
    "var u=document.cookie.split('=')[1];",
    "var u=localStorage.getItem('k');",
];

/// The flows, each with `u` as its target.
const FLOWS: &[&str] = &[
    "(function(l){l.href=u})(top.location)",
    "(function(l){l.replace(u)})(window.location)",
    "((l)=>{l.assign(u)})(document.location)",
    "function go(t){t.location=u}go(window)",
    "function go(x,l){l.href=u}go(1,self.location)",
    "var go=function(w){w.location.replace(u)};go(top)",
    "const go=(l)=>{l.href=u};go(location)",
    "function nav(l){l.assign(u)}nav.call(null,window.location)",
    "function nav(l){l.replace(u)}var b=nav.bind(null,window.location);b()",
    "function nav(x,l){l.href=u}var b=nav.bind(this,0,top.location);setTimeout(b,9)",
    "var o={};o.go=location.replace.bind(location);o.go(u)",
    "var o={go:window.location.assign.bind(window.location)};o.go(u)",
    "[location].forEach(function(l){l.href=u})",
    "[window.location].map(l=>l.replace(u))",
    "var ls=[top.location];ls.forEach(function(l){l.assign(u)})",
    "[window].forEach(function(w){w.location=u})",
    "Promise.resolve(location).then(function(l){l.replace(u)})",
    "var o={l:location};o.l.href=u",
    "var o={};o.l=window.location;o.l.replace(u)",
    "var cfg={home:1,target:top.location};cfg.target.assign(u)",
    "var g=Object.getOwnPropertyDescriptor(window,'location').get;g.call(window).href=u",
    "var g=Object.getOwnPropertyDescriptor(window,'location').get;var l=g.call(window);l.replace(u)",
    "var g=Object.getOwnPropertyDescriptor(self,'location').get;g().assign(u)",
    "setTimeout(function(){this.location=u},10)",
    "setInterval(function(){this.location.href=u},500)",
    "this.location.replace(u)",
];

fn redirect(v: &Verdict) -> bool {
    matches!(v, Verdict::Malicious { rule, .. } if *rule == "script.redirect")
}

#[test]
fn redirects_through_passed_stored_and_this_locations_with_opaque_targets() {
    let mut missed = Vec::new();
    for t in TARGETS {
        for f in FLOWS {
            let src = format!("{t}{f}");
            let v = judge(&src, &is_foreign);
            if !redirect(&v) {
                missed.push(format!("{src} => {v:?}"));
            }
        }
    }
    assert!(
        missed.is_empty(),
        "not judged redirects:\n{}",
        missed.join("\n")
    );
}

#[test]
fn the_same_flows_with_same_site_targets_or_no_navigation_are_kept() {
    let kept = [
        "(function(l){l.href='/tin-tuc/'+encodeURIComponent(q)})(top.location)",
        "function go(w,p){w.location.href='/trang/'+p}go(window,'x')",
        "function go(l,p){l.assign('/trang/'+p)}var b=go.bind(null,location);b('x')",
        "[location].forEach(function(l){l.assign('/')})",
        "[window].forEach(function(w){w.scrollTo(0,0)})",
        "var o={home:location};console.log(o.home.pathname)",
        "var state={loc:location.pathname};state.loc='/x'",
        "function hl(l){if(l.pathname===location.pathname)l.className='active'}document.querySelectorAll('a').forEach(hl)",
        "function setLink(a,url){a.title=url}setLink(document.getElementById('x'),window.__cfg.next)",
        "var g=Object.getOwnPropertyDescriptor(window,'location').get;if(typeof g==='function')console.log('ok')",
        "setTimeout(function(){this.x=1;document.title=t},10)",
        "Promise.resolve(location).then(function(l){console.log(l.search)})",
        "var u=new URL(location);u.searchParams.set('lang','en');history.replaceState(null,'',u)",
    ];
    let flagged: Vec<String> = kept
        .iter()
        .map(|src| (src, judge(src, &is_foreign)))
        .filter(|(_, v)| *v != Verdict::Benign)
        .map(|(src, v)| format!("{src} => {v:?}"))
        .collect();
    assert!(
        flagged.is_empty(),
        "benign scripts flagged:\n{}",
        flagged.join("\n")
    );
}

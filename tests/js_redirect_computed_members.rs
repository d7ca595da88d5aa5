//! Attack suite for script redirects that never spell `location` (red team r3
//! `r3-js-xor-array`; threats B1, B3; issue 14): the navigation sink is reached through
//! member names the script computes (concatenation, `join`, a reversal, escapes, template
//! literals, a variable, an array index, char codes) on every window alias (`self`,
//! `window`, `top`, `parent`, `frames`, `globalThis`, `document.defaultView`, `this` at the
//! top level, `opener`), and the URL is a value the folder cannot evaluate: decoded at run
//! time by a XOR loop whose `+=` sits in a callback, a `for` loop, `map`/`join`,
//! `reduce`, `decodeURIComponent`, `atob`. A URL the analysis cannot prove same-site is
//! foreign. The cross product is seed-sampled to keep the suite fast; the benign twins
//! (the same spellings navigating to the site's own pages) keep their bytes with no event.

use crate::common;

use super::js_eval_entry_points::{assert_all_removed, removed};
use common::rewrite::{clean, clean_turn, site};

const FOREIGN: &str = "https://8kbet-vn.net/";

const ALIASES: &[&str] = &[
    "self",
    "window",
    "top",
    "parent",
    "frames",
    "globalThis",
    "document.defaultView",
    "this",
    "opener",
    "window.top",
    "self.self",
];

/// Spellings of `location` as a computed key.
const LOCATION: &[&str] = &[
    "['loc'+'ation']",
    "[['loc','ation'].join('')]",
    "['noitacol'.split('').reverse().join('')]",
    "['\\x6c\\x6f\\x63ation']",
    "[`loc${'ation'}`]",
    "[K]",
    "[String.fromCharCode(108,111,99,97,116,105,111,110)]",
    "[['href','location'][1]]",
];

/// Sinks on the location `@L` with the URL `@U`.
const SINKS: &[&str] = &[
    "@L['ass'+'ign'](@U)",
    "@L[['rep','lace'].join('')](@U)",
    "@L['hr'+'ef']=@U",
    "@L.href=@U",
    "@L.assign(@U)",
];

/// Where the key `K` of [`LOCATION`] comes from.
const KEY: &str = "var K='lo'+'cation';";

/// XOR-23 char codes of the foreign URL.
fn xored() -> String {
    FOREIGN
        .bytes()
        .map(|b| (b ^ 23).to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn codes() -> String {
    FOREIGN
        .bytes()
        .map(|b| b.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// (setup, URL expression): ways the URL is decoded at run time.
fn decoders() -> Vec<(String, String)> {
    let (x, c) = (xored(), codes());
    let pct: String = FOREIGN.bytes().map(|b| format!("%{b:02X}")).collect();
    vec![
        (
            format!("var d=[{x}],s='';d.forEach(function(c){{s+=String.fromCharCode(c^23)}});"),
            "s".into(),
        ),
        (
            format!("var d=[{x}],s='';d.forEach(c=>{{s+=String.fromCharCode(c^23)}});"),
            "s".into(),
        ),
        (
            format!(
                "var d=[{x}],s='';for(var i=0;i<d.length;i++){{s+=String.fromCharCode(d[i]^23)}}"
            ),
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
        (
            format!("var s='';function add(c){{s+=String.fromCharCode(c^23)}}[{x}].forEach(add);"),
            "s".into(),
        ),
        (String::new(), format!("decodeURIComponent('{pct}')")),
        (
            "var b='aHR0cHM6Ly84a2JldC12bi5uZXQv';".into(),
            "atob(b)".into(),
        ),
        (
            String::new(),
            "decodeURIComponent(escape(atob(cfg.u)))".into(),
        ),
        (
            format!("var d=[{x}],s='';for(var c of d)s+=String.fromCharCode(c^23);"),
            "s".into(),
        ),
    ]
}

/// Every combination, seed-sampled down to `keep` (an LCG: the same sample every run).
fn sample<T: Clone>(all: Vec<T>, keep: usize) -> Vec<T> {
    if all.len() <= keep {
        return all;
    }
    let mut seed: u64 = 0x14_0003;
    let mut pool = all;
    let mut out = Vec::with_capacity(keep);
    while out.len() < keep {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let k = (seed >> 33) as usize % pool.len();
        out.push(pool.swap_remove(k));
    }
    out
}

fn attacks() -> Vec<String> {
    let mut all = Vec::new();
    for (a, alias) in ALIASES.iter().enumerate() {
        for (l, loc) in LOCATION.iter().enumerate() {
            for (s, sink) in SINKS.iter().enumerate() {
                for (d, (setup, url)) in decoders().into_iter().enumerate() {
                    let target = format!("{alias}{loc}");
                    let code = sink.replace("@L", &target).replace("@U", &url);
                    let iife = (a + l + s + d) % 2 == 0;
                    all.push(match iife {
                        true => format!("(function(){{{KEY}{setup}{code};}})();"),
                        false => format!("{KEY}{setup}{code};"),
                    });
                }
            }
        }
    }
    sample(all, 260)
}

#[test]
fn computed_location_members_with_decoded_urls_are_removed() {
    assert_all_removed(&attacks(), 20);
}

#[test]
fn the_red_team_page_script_is_removed() {
    let code = "(function(){var d=[127,99,99,103,100,45,56,56,47,124,117,114,99,58,97,121,57,121,114,99,56],s='';d.forEach(function(c){s+=String.fromCharCode(c^23)});self['loc'+'ation']['ass'+'ign'](s);})();";
    assert!(removed(code, 0));
}

/// Same-site targets: the site's own pages, built as portals build them.
const SAME_SITE: &[&str] = &[
    "'/tim-kiem?q='+encodeURIComponent(q)",
    "'/en/'",
    "location.pathname+'?page='+n",
    "'/tin-tuc/trang-'+n+'.html'",
    "decodeURIComponent('%2Fvi%2Fgioi-thieu')",
];

#[test]
fn computed_members_navigating_on_the_site_keep_their_bytes() {
    let site = site("");
    let mut n = 0usize;
    for alias in [
        "self",
        "window",
        "top",
        "globalThis",
        "this",
        "document.defaultView",
    ] {
        for loc in LOCATION {
            for sink in SINKS {
                let url = SAME_SITE[n % SAME_SITE.len()];
                n += 1;
                let target = format!("{alias}{loc}");
                let code = sink.replace("@L", &target).replace("@U", url);
                let page = format!(
                    "<p>x</p><script>var q=document.getElementById('q').value,n=2;{KEY}{code};</script>"
                );
                let (out, events) = clean_turn(&site, &page, n);
                assert_eq!(out, page, "changed: {code}: {events:?}");
                assert!(events.is_empty(), "{code}: {events:?}");
            }
        }
    }
}

#[test]
fn closures_that_build_ordinary_values_keep_their_bytes() {
    let site = site("");
    for code in [
        "var total=0,s='';[1,2,3].forEach(function(c){total+=c;s+=c});document.getElementById('t').textContent=s",
        "var html='';items.forEach(function(it){html+='<li>'+it.title+'</li>'});document.getElementById('l').innerHTML=html",
        "var lang='vi';document.querySelectorAll('.lang a').forEach(function(a){a.onclick=function(){lang=a.dataset.lang}});document.getElementById('go').onclick=function(){location.href='/'+lang+'/'}",
        "var page=1;document.getElementById('more').onclick=function(){page+=1;location.href='/tin-tuc?page='+page}",
        "var q='';document.getElementById('q').oninput=function(){q=this.value};document.getElementById('f').onsubmit=function(e){e.preventDefault();location.href='/tim-kiem?q='+encodeURIComponent(q)}",
        "var key='';[].map.call('abc',function(c){key+=String.fromCharCode(c.charCodeAt(0)^1)});localStorage.setItem('k',key)",
    ] {
        let page = format!("<p>x</p><script>{code}</script>");
        let (out, events) = clean(&site, &page);
        assert_eq!(out, page, "changed: {code}: {events:?}");
    }
}

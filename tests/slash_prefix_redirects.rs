//! Attack suite for redirects dressed as same-site navigation (issue 14, class 3; threats
//! B1–B3): a target whose leading text looks like a path or the page's own address but
//! that a browser reads as another host: `'/' + '/' + host`, `'/' + x` where `x` may begin
//! with `/` or `\`, `location.protocol + '//' + x`, `location.origin + '.bet.test'`, tabs
//! and newlines that browsers drop (`'/\t/bet.test'`), and request data after a slash.
//! The benign side is the class the sanitizer must keep: language switchers, search and
//! paging that build their target after a same-site path or the page's own origin.

use crate::common;

use common::rewrite::{clean, site};
use lachan::sanitize::script::{Verdict, judge};

const HOST: &str = "portal.example.gov.vn";

fn is_foreign(u: &str) -> bool {
    let base = url::Url::parse(&format!("https://{HOST}/tin-tuc/bai-1.html")).unwrap();
    let Ok(url) = base.join(u.trim()) else {
        return true;
    };
    match url.scheme() {
        "http" | "https" => {
            let host = url.host_str().unwrap_or("").to_ascii_lowercase();
            !(host == HOST || host == "chinhphu.vn" || host.ends_with(".gov.vn"))
        }
        "mailto" | "tel" => false,
        _ => true,
    }
}

fn redirect(src: &str) -> bool {
    matches!(judge(src, &is_foreign), Verdict::Malicious { rule, .. } if rule.starts_with("script."))
}

/// Same-site navigation: the target is built after a path, or after the page's origin.
const SAME_SITE: &[&str] = &[
    "var s=document.getElementById('lang');s.onchange=function(){window.location.href='/'+s.value+window.location.pathname.replace(/^\\/(vi|en)/,'')}",
    "document.getElementById('lang').addEventListener('change',function(){location.assign('/'+this.value+'/')})",
    "var sel=document.querySelector('#ngon-ngu');sel.onchange=()=>{location.href='/'+sel.options[sel.selectedIndex].value+location.pathname+location.search}",
    "var lang=document.documentElement.lang==='vi'?'en':'vi';location.assign('/'+lang+location.pathname)",
    "function timKiem(q){location.href='/search?q='+encodeURIComponent(q)}",
    "function tim(q){location.href='/'+encodeURIComponent(q)}",
    "function trang(n){location.assign(location.pathname+'?page='+n)}",
    "location.href=location.origin+'/x'",
    "document.location.href=document.location.origin+'/tin-tuc/'+id",
    "window.location=location.protocol+'//'+location.host+'/en/'",
    "location.href=location.href.split('#')[0]+'#top'",
    "location.href=location.search+'&p=2'",
    "location.href='?page='+n",
    "location.href='../'+slug",
    // The HTTPS upgrade (redteam b35).
    "if(location.protocol!=='https:')location.replace('https:'+location.href.substring(location.protocol.length))",
];

/// The attack counterparts: each leaves the site for some value of its unknown part.
const OFF_SITE: &[&str] = &[
    "location.href='/'+'/'+host",
    "location.href='/'+x",
    "location.href='/'+location.hash.slice(1)",
    "location.href='/'+location.pathname",
    "location.href='/'+document.currentScript.dataset.u",
    "location.href='/'+(a?'en':'/bet.test')",
    "var s=document.getElementById('l');location.href='/'+s.getAttribute('data-u')",
    "location.href=location.protocol+'//'+evil",
    "location.href=location.protocol+x",
    "location.href=location.origin+x",
    "location.href=location.origin+'.bet.test/'",
    "var o=location.origin;location.href=o+x",
    "location.href=location.hash.slice(1)",
    "location.href=location.search.split('u=')[1]",
    "location.href=location.href.replace(location.host,'bet.test')",
    "location.href='//'+x",
    "location.href='\\\\/bet.test'",
    "location.href='/\\\\bet.test'",
    "location.href='/\\t/bet.test/'",
    "location.href='/\\t/bet.test/'+x",
    "location.href='/'+'\\n/bet.test/'+x",
    "location.href=' \\t/\\n/bet.test'",
    "location.href='ht'+x",
    "location.replace('https:'+x.substring(location.protocol.length))",
    "location.replace('https:'+location.href.substring(n))",
    // `+` binds looser than a method call: the host is reversed before it is appended.
    "location.href='/'+'/'+'tset.teb'.split('').reverse().join('')+'/?from=gov'",
    "var q='//'+'tset.teb'.split('').reverse().join('')+'/';top.location=q",
];

#[test]
fn targets_built_after_a_same_site_path_or_origin_are_kept() {
    let wrong: Vec<&&str> = SAME_SITE.iter().filter(|s| redirect(s)).collect();
    assert!(wrong.is_empty(), "same-site navigation removed: {wrong:#?}");
}

#[test]
fn targets_whose_host_a_browser_takes_from_the_unknown_part_are_redirects() {
    let missed: Vec<&&str> = OFF_SITE.iter().filter(|s| !redirect(s)).collect();
    assert!(missed.is_empty(), "redirects kept: {missed:#?}");
}

#[test]
fn slash_then_attacker_value_is_caught_through_every_sink() {
    for sink in [
        "location=u",
        "location.replace(u)",
        "window.location.assign(u)",
        "top.location.href=u",
        "document.location=u",
    ] {
        for value in [
            "'/'+location.hash.substring(1)",
            "'/'+decodeURIComponent(location.search.slice(3))",
            "'/'+document.referrer",
            "'/'+el.dataset.next",
        ] {
            let src = format!("var u={value};{sink}");
            assert!(redirect(&src), "kept: {src}");
        }
    }
}

#[test]
fn language_switcher_page_comes_through_byte_for_byte() {
    let page = include_str!("corpus/benign/language_switcher.html");
    let (out, events) = clean(&site(""), page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{events:?}");
}

#[test]
fn slash_slash_variant_of_the_switcher_is_removed_from_the_page() {
    let page = include_str!("corpus/benign/language_switcher.html")
        .replace("'/' + chon.value", "'/' + '/' + chon.value");
    let (out, events) = clean(&site(""), &page);
    assert!(!out.contains("chon.value"), "{out}");
    assert!(
        events.iter().any(|e| &*e.rule == "script.redirect"),
        "{events:?}"
    );
}

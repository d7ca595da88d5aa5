//! Unit tests of navigators: a definition kept in a page (and gone alone, as before), its
//! calls judged in the same script and in later ones, calls before the definition, and
//! names a script binds itself.

use super::super::{Lookups, Verdict, judge, judge_with};
use super::{Navigators, Page};

fn foreign(u: &str) -> bool {
    let base = url::Url::parse("https://portal.example.gov.vn/tin-tuc/a.html").unwrap();
    match base.join(u.trim()) {
        Ok(url) => url.host_str() != Some("portal.example.gov.vn"),
        Err(_) => true,
    }
}

/// Judges `src` as the next script of the page whose registry is `reg`.
fn in_page(reg: &mut Navigators, src: &str) -> Verdict {
    let page = Page::new(reg);
    let lookups = Lookups {
        is_foreign: &foreign,
        foreign_tag: &|_| None,
        spam_text: &|_| None,
        page: Some(&page),
    };
    let v = judge_with(src, lookups);
    if !v.is_malicious() {
        let learned = page.learned.into_inner();
        reg.merge(learned);
    }
    v
}

fn redirect(v: &Verdict) -> bool {
    matches!(v, Verdict::Malicious { rule, .. } if *rule == "script.redirect")
}

const HELPERS: &[&str] = &[
    "function openWin(u){ window.open(u, \"vanban\", \"width=800,height=600\"); }",
    "function popup(u,w,h){window.open(u,'popup','width='+w+',height='+h)}",
    "function goto(u){location.href=u}",
    "function MM_openBrWindow(theURL,winName,features){window.open(theURL,winName,features)}",
    "var goTo=function(url){window.location.href=url;}",
    "const moCuaSo=(url)=>{window.open(url,'_blank')}",
    "function chuyen(u){if(u!='')window.location=u}",
    "function go(u){var t=u;location.replace(t)}",
    "function go(u){setTimeout(function(){location.href=u},300)}",
    "function go(u){location.href=u||'/'}",
    "function go(u){location.href=u+'?from=menu'}",
];

#[test]
fn a_navigators_definition_stays_in_a_page_and_went_alone_before() {
    for src in HELPERS {
        assert!(redirect(&judge(src, &foreign)), "alone: {src}");
        let mut reg = Navigators::default();
        assert_eq!(in_page(&mut reg, src), Verdict::Benign, "in a page: {src}");
    }
}

#[test]
fn calls_are_judged_as_the_sink_in_the_same_and_later_scripts() {
    let mut reg = Navigators::default();
    assert_eq!(
        in_page(&mut reg, "function go(u){location.href=u}"),
        Verdict::Benign
    );
    for ok in [
        "go('/lien-he.html')",
        "go(this.href)",
        "go(this.value)",
        "go('van-ban/1.pdf')",
        "window.go('/a')",
        "go.call(null,'/a')",
        "function f(go){go(document.cookie)}",
        "if(typeof go=='function')go('/a')",
    ] {
        assert_eq!(in_page(&mut reg, ok), Verdict::Benign, "{ok}");
    }
    for bad in [
        "go('https://bet.test/')",
        "go(atob('aHR0cHM6Ly9iZXQudGVzdC8='))",
        "go(document.cookie)",
        "var s='',k=[111,115];for(var i=0;i<k.length;i++)s+=String.fromCharCode(k[i]^7);go(s)",
        "window.go(location.hash.slice(1))",
        "go.apply(null,[window.name])",
        "setTimeout(go,10,window.name)",
        "[window.name].forEach(go)",
        "var g=go.bind(null);g(window.name)",
        "function go(u){location=u}go(window.name)",
        "go(window.name);function go(u){location=u}",
    ] {
        assert!(redirect(&in_page(&mut reg, bad)), "{bad}");
    }
}

#[test]
fn a_wrapper_of_a_navigator_is_one_and_local_navigators_are_followed() {
    let mut reg = Navigators::default();
    let src = "function show(id){go('/van-ban/'+id)}function open2(u){go(u)}function go(u){window.open(u)}";
    assert_eq!(in_page(&mut reg, src), Verdict::Benign);
    assert_eq!(
        in_page(&mut reg, "show(12);open2('/a.pdf')"),
        Verdict::Benign
    );
    assert!(redirect(&in_page(&mut reg, "open2(window.name)")));
    let local =
        "(function(){function nav(u){location.href=u}document.onclick=function(){nav('/a')}})()";
    assert_eq!(in_page(&mut reg, local), Verdict::Benign);
    let bad = "(function(){function nav(u){location.href=u}nav(window.name)})()";
    assert!(redirect(&in_page(&mut reg, bad)));
}

#[test]
fn a_call_before_the_definition_takes_the_definition() {
    let mut reg = Navigators::default();
    assert_eq!(in_page(&mut reg, "go(window.name)"), Verdict::Benign);
    assert_eq!(in_page(&mut reg, "openWin('/a.pdf')"), Verdict::Benign);
    assert!(redirect(&in_page(&mut reg, "function go(u){location=u}")));
    assert_eq!(
        in_page(&mut reg, "function openWin(u){window.open(u,'vb')}"),
        Verdict::Benign
    );
    let mut reg = Navigators::default();
    assert_eq!(
        in_page(
            &mut reg,
            "setTimeout(function(){[window.name].forEach(go)},9)"
        ),
        Verdict::Benign
    );
    assert!(redirect(&in_page(
        &mut reg,
        "var go=function(u){location.href=u}"
    )));
}

#[test]
fn methods_and_brace_less_arrows_stay_redirects_at_their_definition() {
    for src in [
        "var o={};o.go=function(u){location=u}",
        "var o={go:function(u){location=u}}",
        "var go=u=>location=u",
        "window.go=function(u){location.href=u}",
        "x.then(function(u){location=u})",
    ] {
        let mut reg = Navigators::default();
        assert!(redirect(&in_page(&mut reg, src)), "{src}");
    }
}

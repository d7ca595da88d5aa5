//! Attack suite for redirects split between a navigator and its call (issue 14, class 3;
//! red team `old-style-script-comment`; threats B1–B4): one script defines a function whose
//! parameter goes to a navigation sink (`function go(u){location=u}`, a `var`/`const`
//! function or arrow, a method, a timer inside it), and a call elsewhere in the page hands
//! it the foreign target: a literal, `atob`, a reversed string, or a URL built at run time
//! ([`common::built_hosts`]). The call comes in the same script (before or after the
//! definition), a later or an earlier script (in a timer), an `onclick` handler or a
//! `javascript:` URL before or after the definition, or the navigator is handed on as a
//! value (`setTimeout(go, 9, u)`, `[u].forEach(go)`). Whatever the order and the carrier,
//! the page must not keep both halves, and the removal is audited.
//!
//! Benign twins: the helpers of old CMS portals (`openWin`, `popup`, `goto`, `changeLang`,
//! Dreamweaver's `MM_openBrWindow`, print buttons, wrappers), called with same-site
//! arguments from handlers, `javascript:` URLs, drop-downs and other scripts, before and
//! after their definition, come through byte for byte with no audit event.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::common;

use common::built_hosts::ENCODINGS;
use common::rewrite::{clean, clean_turn, site};

/// `(definition, callee)`: each defines a navigator of its first argument, whose sink is
/// `@S` (with `u` for the parameter).
const DEFS: &[(&str, &str)] = &[
    ("function go(u){@S}", "go"),
    ("var go=function(u){@S};", "go"),
    ("const go=(u)=>{@S};", "go"),
    ("let go=u=>{@S};", "go"),
    ("var go=u=>@S;", "go"),
    ("function go(u){var t=u;@T}", "go"),
    ("function go(u){setTimeout(function(){@S},50)}", "go"),
    ("window.go=function(u){@S};", "go"),
    ("var o={};o.go=function(u){@S};", "o.go"),
    ("var o={go:function(u){@S}};", "o.go"),
    ("function go(n,u){if(n)@S}", "go(1,@A)"),
];

/// Navigation sinks of `@U`.
const SINKS: &[&str] = &[
    "location=@U",
    "location.href=@U",
    "top.location.href=@U",
    "window.open(@U,'_self')",
    "window.open(@U)",
    "location.replace(@U)",
    "window.location.assign(@U)",
    "document.location=@U",
    "self.location.href=@U+'?r=1'",
];

/// `(setup, argument)`: the foreign target as the call passes it.
fn args() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = [
        "'https://bet.test/'",
        "'//bet.test/'",
        "atob('aHR0cHM6Ly9iZXQudGVzdC8=')",
        "'/tset.teb//:sptth'.split('').reverse().join('')",
    ]
    .iter()
    .map(|a| (String::new(), a.to_string()))
    .collect();
    out.extend(
        ENCODINGS
            .iter()
            .map(|(setup, name)| (setup.to_string(), name.to_string())),
    );
    out
}

/// Where the call goes relative to the definition: `@D` is the definition's script, `@C`
/// the call (with its setup).
const CARRIERS: &[&str] = &[
    "<script>@D@C</script>",
    "<script>@C;@D</script>",
    "<script>@D</script><p>x</p><script>@C</script>",
    "<script>setTimeout(function(){@C},500)</script><p>x</p><script>@D</script>",
    "<script>@D</script><a href=\"#\" onclick=\"@C;return false\">x</a>",
    "<a href=\"#\" onclick=\"@C;return false\">x</a><script>@D</script>",
    "<script>@D</script><a href=\"javascript:@C\">x</a>",
    "<a href=\"javascript:@C\">x</a><script>@D</script>",
    "<script>@D</script><script>setTimeout(function(){@C},10)</script>",
    "<script>@D</script><button onclick=\"@W\">x</button>",
    "<script>@D</script><script>@V</script>",
    "<img src=\"/a.png\" onload=\"@V\"><script>@D</script>",
];

/// A handed-on use of the callee `f` with argument `a`.
fn value_use(f: &str, setup: &str, a: &str, n: usize) -> String {
    match n % 3 {
        0 => format!("{setup}setTimeout({f},9,{a})"),
        1 => format!("{setup}[{a}].forEach({f})"),
        _ => format!("{setup}Promise.resolve({a}).then({f})"),
    }
}

/// One attack page, with the two halves that must not both survive.
fn page(
    def: (&str, &str),
    sink: &str,
    arg: &(String, String),
    carrier: &str,
    n: usize,
) -> (String, String, String) {
    let (def, callee) = def;
    let (setup, a) = arg;
    let sink_u = sink.replace("@U", "u");
    let d = def
        .replace("@S", &sink_u)
        .replace("@T", &sink.replace("@U", "t"));
    let call = match callee.contains("@A") {
        true => callee.replace("@A", a),
        false => format!("{callee}({a})"),
    };
    let c = format!("{setup}{call}");
    let v = value_use(callee.split('(').next().unwrap_or(callee), setup, a, n);
    let w = format!("{setup}window.{call}");
    let page = carrier
        .replace("@D", &d)
        .replace("@C", &c)
        .replace("@V", &v)
        .replace("@W", &w);
    let used = match (carrier.contains("@V"), carrier.contains("@W")) {
        (true, _) => v,
        (_, true) => w,
        _ => c,
    };
    (page, d, used)
}

/// Whether the page keeps both the definition and the call (or a panic: a foreign URL
/// left in an attribute).
fn got_through(page: &str, def: &str, call: &str, n: usize) -> bool {
    let site = site("");
    let run = catch_unwind(AssertUnwindSafe(|| clean_turn(&site, page, n)));
    match run {
        Err(_) => true,
        Ok((out, events)) => {
            let call_in = out.contains(call) || out.contains(&call.replace('\'', "&#39;"));
            (out.contains(def) && call_in) || events.is_empty()
        }
    }
}

fn misses(cases: Vec<(String, String, String)>) -> Vec<String> {
    cases
        .into_iter()
        .enumerate()
        .filter(|(n, (p, d, c))| got_through(p, d, c, *n))
        .map(|(_, (p, _, _))| p)
        .collect()
}

fn report(missed: &[String], total: usize) {
    assert!(
        missed.is_empty(),
        "{} of {total} split navigations got through:\n{}",
        missed.len(),
        missed
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The cases of a matrix: every pair of the two listed dimensions, the other two taken
/// in turn (`n` rotates through them at different strides).
fn matrix(
    pairs: impl Iterator<Item = (usize, usize, usize, usize)>,
) -> Vec<(String, String, String)> {
    let args = args();
    pairs
        .enumerate()
        .map(|(n, (d, s, a, c))| {
            page(
                DEFS[d % DEFS.len()],
                SINKS[s % SINKS.len()],
                &args[a % args.len()],
                CARRIERS[c % CARRIERS.len()],
                n,
            )
        })
        .collect()
}

fn check(cases: Vec<(String, String, String)>) {
    let total = cases.len();
    report(&misses(cases), total);
}

#[test]
fn every_definition_form_in_every_carrier_and_order_goes() {
    let (d, c) = (DEFS.len(), CARRIERS.len());
    check(matrix((0..d * c).map(|n| (n / c, n, n * 5 + n / c, n % c))));
}

#[test]
fn every_sink_with_every_argument_form_goes() {
    let (s, a) = (SINKS.len(), args().len());
    check(matrix(
        (0..s * a).map(|n| (n * 7, n / a, n % a, n * 5 + n / a)),
    ));
}

#[test]
fn every_argument_form_in_every_carrier_and_order_goes() {
    let (a, c) = (args().len(), CARRIERS.len());
    check(matrix(
        (0..a * c).map(|n| (n * 3 + n / c, n * 5, n / c, n % c)),
    ));
}

/// A navigator that draws its target from elsewhere than its parameters stays a redirect
/// at its definition, whatever its calls.
#[test]
fn a_navigator_with_its_own_foreign_or_decoded_target_still_goes() {
    let site = site("");
    for code in [
        "function go(u){location=u||'https://bet.test/'}",
        "function go(u){location=u?u:atob('aHR0cHM6Ly9iZXQudGVzdC8=')}",
        "var k=[111,115,115,119,116,61,40,40,101,98,115,41,115,98,116,115,40],s='';for(var j=0;j<k.length;j++)s+=String.fromCharCode(k[j]^7);function go(u){location=s+u}",
        "function go(u){location=u.split('|')[1]}",
        "function go(u){location=decodeURIComponent(u)}",
        "function go(u){window.open('https://'+u)}",
        "function go(u){location=window.name||u}",
        "fetch('/cfg').then(function(r){return r.text()}).then(function(u){location=u})",
        "function go(u){location=u}fetch('/cfg').then(function(r){return r.text()}).then(go)",
        "function go(u){location=u}var g=go;g(document.cookie)",
        "function go(u){location=u}go(...location.hash.slice(1).split(','))",
    ] {
        let page =
            format!("<p>x</p><script>{code}</script><a href=\"#\" onclick=\"go('/a.html')\">a</a>");
        let (out, events) = clean(&site, &page);
        assert!(!out.contains("<script>"), "kept: {code}\n{out}");
        assert!(
            events.iter().any(|e| e.rule == "script.redirect"),
            "{code}: {events:?}"
        );
    }
}

/// The helpers of old portals with their same-site calls: `(head script, body)`.
const BENIGN: &[(&str, &str)] = &[
    (
        "<script language=\"JavaScript\" type=\"text/javascript\">\n<!--\nfunction openWin(u){ window.open(u, \"vanban\", \"width=800,height=600\"); }\n//-->\n</script>",
        "<p><a href=\"javascript:openWin('/van-ban/xem.html?id=1152')\">Xem văn bản mới</a></p>",
    ),
    (
        "<script>function popup(u,w,h){window.open(u,'popup','width='+w+',height='+h+',scrollbars=yes');}</script>",
        "<a href=\"/lich-cong-tac.html\" onclick=\"popup(this.href,600,400);return false\">Lịch công tác</a> <a href=\"#\" onclick=\"popup('/so-do-to-chuc.html',800,600);return false;\">Sơ đồ</a>",
    ),
    (
        "<script type=\"text/javascript\">function goto(u){location.href=u}</script>",
        "<select onchange=\"goto(this.value)\"><option value=\"\">-- Chọn --</option><option value=\"/van-ban/\">Văn bản</option><option value=\"https://chinhphu.vn/\">Chính phủ</option></select><button type=\"button\" onclick=\"goto('/lien-he.html')\">Liên hệ</button>",
    ),
    (
        "<script>function changeLang(l){location='/'+l+'/'}</script>",
        "<a href=\"#\" onclick=\"changeLang('en');return false\">English</a> <a href=\"#\" onclick=\"changeLang('vi');return false\">Tiếng Việt</a>",
    ),
    (
        "<script type=\"text/javascript\">\nfunction MM_openBrWindow(theURL,winName,features) { //v2.0\n  window.open(theURL,winName,features);\n}\n</script>",
        "<a href=\"javascript:;\" onclick=\"MM_openBrWindow('/so-do-to-chuc.html','','scrollbars=yes,width=700,height=500')\">Sơ đồ tổ chức</a>",
    ),
    (
        "<script>function printPage(id){window.open('/in-an?id='+id)}function openWin(u){var w=window.open(u,'vanban','width=800,height=600');if(w)w.focus();}</script>",
        "<button onclick=\"printPage(125)\">In</button> <a href=\"/van-ban/12.pdf\" onclick=\"openWin(this.href);return false\">Tải</a>",
    ),
    (
        "<script>function xemVanBan(id){openWin('/van-ban/xem.html?id='+id)}function openWin(u){window.open(u,'vb','width=900,height=700')}</script>",
        "<a href=\"javascript:xemVanBan(12)\">Văn bản 12</a> <a href=\"#\" onclick=\"xemVanBan(13);return false\">Văn bản 13</a>",
    ),
    (
        "<script>var goTo=function(url){window.location.href=url;};var moCuaSo=(url)=>{window.open(url,'_blank')};</script>",
        "<a href=\"#\" onclick=\"goTo('/tin-tuc/');return false\">Tin tức</a> <a href=\"#\" onclick=\"moCuaSo('/ban-do.html')\">Bản đồ</a>",
    ),
    (
        "",
        "<a href=\"#\" onclick=\"openWin('/van-ban/1.pdf');return false\">Tải</a><script>function openWin(u){window.open(u,'vanban','width=800,height=600')}</script>",
    ),
    (
        "<script>function openWin(u){window.open(u,'vanban','width=800,height=600')}</script>",
        "<a id=\"vb\" href=\"/van-ban/2.pdf\">Tải</a><script>document.getElementById('vb').onclick=function(){openWin(this.href);return false};setTimeout(function(){openWin('/thong-bao.html')},3000)</script>",
    ),
    (
        "<script>function chuyenTrang(u){if(u!='')window.location=u}</script>",
        "<select onchange=\"chuyenTrang(this.options[this.selectedIndex].value)\"><option value=\"\">Liên kết</option><option value=\"/so-ban-nganh/\">Sở ban ngành</option></select>",
    ),
];

fn benign_page(head: &str, body: &str) -> String {
    format!(
        "<html><head><title>Sở Nội vụ</title>{head}</head><body><p>Tin tức</p>{body}</body></html>"
    )
}

#[test]
fn portal_navigation_helpers_with_same_site_calls_keep_every_byte() {
    let site = site("");
    let mut cut = Vec::new();
    for (head, body) in BENIGN {
        let page = benign_page(head, body);
        let (out, events) = clean(&site, &page);
        if out != page || !events.is_empty() {
            cut.push(format!("{body}: {events:?}"));
        }
    }
    assert!(
        cut.is_empty(),
        "benign cut {} of {}:\n{}",
        cut.len(),
        BENIGN.len(),
        cut.join("\n")
    );
}

/// The same helpers called with a foreign or decoded argument lose that call only.
#[test]
fn a_portal_helper_called_with_a_foreign_target_loses_the_call_only() {
    let site = site("");
    let head =
        "<script>function openWin(u){window.open(u,'vanban','width=800,height=600')}</script>";
    for call in [
        "openWin('https://bet.test/')",
        "openWin(atob('aHR0cHM6Ly9iZXQudGVzdC8='))",
        "openWin(String.fromCharCode(104,116,116,112,115,58,47,47,98,101,116,46,116,101,115,116))",
        "openWin(document.cookie)",
    ] {
        let page = benign_page(head, &format!("<a href=\"#\" onclick=\"{call}\">x</a>"));
        let (out, events) = clean(&site, &page);
        assert_eq!(
            out,
            benign_page(head, "<a href=\"#\">x</a>"),
            "{call}: {events:?}"
        );
        assert!(!events.is_empty());
    }
}

//! Attack suite for names declared after the first in a `var a, b` list (issue 14, class
//! 3; threats B1, B3): an inner function's `var t = 0, u;` declares its own `u`, which
//! hides the outer function's parameter `u`. Read as the parameter, `u` was a plain
//! parameter whose callers decide it: `'/' + u` was a same-site path and `eval(u)` a
//! library's API. Set by a loop, a destructuring or a catch, the inner `u` leads anywhere.
//! Each form is crossed with the position of the name in the list, `var`/`let`, the way
//! it is set and the sink, on a news page and an error page. The benign twins (lists in
//! functions that navigate to a parameter's path or evaluate nothing) keep their bytes.

use crate::common;

use common::rewrite::{clean, site};

use super::js_eval_entry_points::assert_removed_on_every_page;

/// Declaration lists that declare `u` after the first name.
const LISTS: &[&str] = &[
    "var t = 0, u;",
    "var t=0,u;",
    "let a = [1, 2], u;",
    "var a = f(1, 2), b = {k: 3}, u;",
    "var t\n  , u;",
];

/// How the inner `u` gets its value without an `=` the analysis binds.
const SETS: &[&str] = &[
    "for (u of ['/bet.example/']) @SINK",
    "for (u in {'/bet.example/': 1}) @SINK",
    "[u] = ['/bet.example/']; @SINK",
    "({u} = {u: '/bet.example/'}); @SINK",
    "try { throw '/bet.example/' } catch (e) { for (u of [e]) @SINK }",
];

/// Sinks that take `u` as a segment after `/` (`'/' + '/bet.example/'` leaves the site).
const SINKS: &[&str] = &[
    "location = '/' + u;",
    "location.href = '/' + u;",
    "window.location.replace('/' + u);",
    "top.location.assign('/' + u);",
    "window.open('/' + u, '_self');",
];

/// The page around a script: a news page or an error page.
fn attacks() -> Vec<String> {
    let mut all = Vec::new();
    for (k, list) in LISTS.iter().enumerate() {
        for (s, set) in SETS.iter().enumerate() {
            let sink = SINKS[(k + s) % SINKS.len()];
            let body = set.replace("@SINK", sink);
            all.push(format!(
                "function go(u){{ setTimeout(function(){{ {list} {body} }}, 9) }} go('tin-tuc');"
            ));
        }
    }
    // A string the inner function receives at run time, run as code.
    for list in LISTS {
        all.push(format!(
            "function run(u){{ var x = new XMLHttpRequest(); x.onload = function(){{ {list} for (u of x.response.split(';')) eval(u) }}; x.open('GET', '/api/cfg'); x.send() }} run('1');"
        ));
    }
    all
}

#[test]
fn names_after_the_first_in_a_declaration_list_hide_parameters() {
    assert_removed_on_every_page(&attacks(), 20);
}

#[test]
fn declaration_lists_in_site_navigation_keep_their_bytes() {
    let site = site("");
    for code in [
        "function go(u){ var a = 1, b = 2; location.href = '/' + u }",
        "function search(q){ var n = 0, s = encodeURIComponent(q); location.href = '/tim-kiem?q=' + s }",
        "function pick(sel){ var i = sel.selectedIndex, v = sel.options[i].value; if (v) location.href = v }",
        "function tab(id){ var all = document.querySelectorAll('.tab'), k; for (k = 0; k < all.length; k++) all[k].style.display = 'none'; document.getElementById(id).style.display = 'block' }",
        "(function(){ var w = window, d = document, l = d.getElementById('lang'); if (l) l.onchange = function(){ w.location.href = '/' + this.value + '/' } })()",
    ] {
        let page = format!("<p>x</p><script>{code}</script>");
        let (out, events) = clean(&site, &page);
        assert_eq!(out, page, "changed: {events:?}");
        assert!(events.is_empty(), "{code}: {events:?}");
    }
}

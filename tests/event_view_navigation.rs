//! Attack suite for navigation reached by access paths the analyser did not follow (issue
//! 14, class 3; red team; threats B1, B3): a foreign URL decoded at run time
//! ([`common::built_hosts`]) sent to the page's location through an event's `view`, a
//! node's `ownerDocument.defaultView`, a frame's `contentWindow`, `frames[0]`,
//! `globalThis`/`parent`/`opener`; through the location's setter taken from its property
//! descriptor, `Reflect.get` or `__lookupSetter__`; `with (location)`; destructuring and
//! `Object.assign`; a link given its `href` through `Element.prototype.setAttribute.call`
//! or `setAttributeNS` and clicked; and function-valued indirections (a bound `replace`
//! stored in a name or an object member, optional chaining, comma expressions, template
//! and tagged template literals). Every path is crossed with every encoding; the script
//! goes whole. Benign twins (same-site navigation through the same paths) keep every byte.

use crate::common;

use common::built_hosts::{assert_all_removed, changed};

/// Navigation sinks: `@U` is the URL.
const WINDOW_PATHS: &[&str] = &[
    "document.addEventListener('click',function(e){e.view.open(@U)})",
    "document.addEventListener('click',function(e){e.view.open(@U,'_self')})",
    "document.addEventListener('click',function(e){e.view.location=@U})",
    "document.addEventListener('click',function(e){e.view.location.href=@U})",
    "document.addEventListener('click',e=>{var w=e.view;w.location=@U})",
    "document.addEventListener('click',function(ev){ev.target.ownerDocument.defaultView.location=@U})",
    "document.body.onclick=function(ev){ev.target.ownerDocument.location=@U}",
    "document.defaultView.location=@U",
    "globalThis.location=@U",
    "frames.location=@U",
    "parent.location=@U",
    "opener.location=@U",
    "var f=document.createElement('iframe');document.body.appendChild(f);f.contentWindow.location=@U",
    "document.querySelector('iframe').contentWindow.location.replace(@U)",
    "frames[0].location=@U",
    "window[0].location=@U",
    "top.frames[1].location=@U",
    "var fr=frames[0];fr.location=@U",
];

const SETTER_PATHS: &[&str] = &[
    "Object.getOwnPropertyDescriptor(window,'location').set.call(window,@U)",
    "Object.getOwnPropertyDescriptor(location,'href').set.call(location,@U)",
    "var ds=Object.getOwnPropertyDescriptor(location,'href');ds.set.call(location,@U)",
    "Reflect.getOwnPropertyDescriptor(window,'location').set.apply(window,[@U])",
    "Object.getOwnPropertyDescriptors(location).href.set.call(location,@U)",
    "Reflect.get(window,'location').href=@U",
    "Reflect.get(location,'replace').call(location,@U)",
    "window.__lookupSetter__('location').call(window,@U)",
    "location.__lookupSetter__('href').call(location,@U)",
    "with(location){href=@U}",
    "with(location)replace(@U)",
    "with(window){location=@U}",
];

const ASSIGNMENT_PATHS: &[&str] = &[
    "({href: location.href} = {href: @U})",
    "[location.href] = [@U]",
    "[window.location] = [@U]",
    "({location} = {location: @U})",
    "Object.assign(location, {href:@U})",
    "Object.assign(location, {...{href:@U}})",
    "var o={href:@U};Object.assign(location,o)",
    "Object.assign(document.createElement('a'),{href:@U}).click()",
    "document.body.appendChild(Object.assign(document.createElement('a'),{href:@U})).click()",
    "var a=document.createElement('a');Element.prototype.setAttribute.call(a,'href',@U);a.click()",
    "var a=document.createElement('a');HTMLElement.prototype.setAttribute.apply(a,['href',@U]);a.click()",
    "var a=document.createElement('a');Reflect.apply(Element.prototype.setAttribute,a,['href',@U]);a.click()",
    "var a=document.createElement('a');a.setAttributeNS(null,'href',@U);a.click()",
    "var a=document.createElement('a');a.setAttribute('href',@U);document.body.appendChild(a);a.click()",
    "var a=document.createElement('a');a.setAttribute('href',@U);a.dispatchEvent(new MouseEvent('click'))",
];

const INDIRECTIONS: &[&str] = &[
    "const go = location.replace.bind(location); go(@U)",
    "var o={go:location.assign.bind(location)};o.go(@U)",
    "var kk='loc';kk+='ation';const w = window; w[kk] = @U",
    "location?.assign?.(@U)",
    "(0,location.replace)(@U)",
    "location.href=(0,@U)",
    "location.href=`${@U}`",
    "function tg(s,...v){return v[0]}location.href=tg`${@U}`",
    "var loc=window.location;loc.href=@U",
    "setTimeout(function(){top.location.assign(@U)},1000)",
];

#[test]
fn navigation_through_an_events_view_or_a_frames_window_is_removed() {
    assert_all_removed(WINDOW_PATHS);
}

#[test]
fn navigation_through_the_locations_setter_or_with_is_removed() {
    assert_all_removed(SETTER_PATHS);
}

#[test]
fn navigation_through_destructuring_assign_or_set_attribute_call_is_removed() {
    assert_all_removed(ASSIGNMENT_PATHS);
}

#[test]
fn navigation_through_stored_or_chained_functions_is_removed() {
    assert_all_removed(INDIRECTIONS);
}

#[test]
fn same_site_navigation_through_the_same_paths_keeps_its_bytes() {
    let wrong = changed(&[
        "document.addEventListener('click',function(e){var l=e.target.closest('[data-lang]');if(l)e.view.location.href='/'+encodeURIComponent(l.dataset.lang)+'/'})",
        "document.getElementById('q').onkeyup=function(e){if(e.key==='Enter')e.view.location.href='/tim-kiem?q='+encodeURIComponent(this.value)}",
        "document.addEventListener('click',function(e){e.view.open('/in-an?id=3','_blank')})",
        "var f=document.getElementById('xem');f.contentWindow.location.replace('/van-ban/xem?id=12')",
        "frames[0].location.href='/ban-do/'",
        "var d=el.ownerDocument.defaultView;d.scrollTo(0,0)",
        "var a=document.createElement('a');Element.prototype.setAttribute.call(a,'href','/tai-lieu/'+encodeURIComponent(ten));a.click()",
        "var a=document.createElement('a');a.setAttributeNS(null,'href','/lien-he/');document.body.appendChild(a)",
        "document.body.appendChild(Object.assign(document.createElement('a'),{href:'/tin-tuc/',textContent:'Tin tức'}))",
        "Object.assign(document.createElement('a'),{href:'/tai-lieu/bao-cao.pdf',download:'bao-cao.pdf'}).click()",
        "var desc=Object.getOwnPropertyDescriptor(window,'location').get",
        "var ok=Object.getOwnPropertyDescriptor(location,'href').configurable",
        "const go=location.assign.bind(location);document.getElementById('vi').onclick=function(){go('/vi/')}",
        "location?.replace?.('/trang-chu/')",
        "location.href=`/tim-kiem?q=${encodeURIComponent(q)}`",
        "var o={a:location.href,t:document.title};navigator.sendBeacon('/thong-ke',JSON.stringify(o))",
        "var [first]=[location.href];console.log(first)",
    ]);
    assert!(wrong.is_empty(), "changed:\n{}", wrong.join("\n"));
}

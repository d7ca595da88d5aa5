//! Attack suite for markup grown piece by piece before a parser gets it (issue 14, class
//! 3; threats A3, B3, B4): `for (…) html += '<a href="//' + host + '">'`, an array of
//! pieces `join`ed, a list `map`ped through `x => '<script>' + x + '</script>'`, a `push`
//! loop, then `innerHTML =`, `document.write`, `insertAdjacentHTML` or
//! jQuery's `.html()`. No single literal holds the tag, the handler or the URL. Each growth
//! meets each sink, on a news page and an error page. The benign twins (menus and tables
//! rendered in loops with same-site links: a computed `href` must begin with a same-site
//! path, as without a loop) keep their bytes with no event.

use crate::common;

use common::rewrite::{clean, site};

use super::js_eval_entry_points::assert_removed_on_every_page;

/// Sinks: `@M` is the markup expression.
const SINKS: &[&str] = &[
    "document.getElementById('box').innerHTML=@M",
    "document.write(@M)",
    "document.body.insertAdjacentHTML('beforeend',@M)",
    "$('#box').html(@M)",
];

/// (setup, markup expression): markup grown in loops and joins.
const GROWN: &[(&str, &str)] = &[
    (
        "var host='bet'+'.example',h='';for(var i=0;i<3;i++){h+='<a href=\"//'+host+'/'+i+'\">nha cai '+i+'</a>'}",
        "h",
    ),
    (
        "var h='';for(var i=0;i<1;i++){h+='<scr'+'ipt>top.location=\"/\"+\"/bet.example/\"</scr'+'ipt>'}",
        "h",
    ),
    (
        "var p=['<img src=x onerror=\"','location=\\'/\\'+\\'/bet.example/\\'','\">'];",
        "p.join('')",
    ),
    (
        "",
        "['<scr','ipt src=\"/','/bet.example/x.js\"></scr','ipt>'].join('')",
    ),
    (
        "var c=[\"top.location='/'+'/bet.example/'\"];",
        "c.map(function(x){return '<scr'+'ipt>'+x+'</scr'+'ipt>'}).join('')",
    ),
    (
        "var c=[\"location.replace('htt'+'ps://bet.example/')\"];",
        "c.map(x=>'<img src=x onerror=\"'+x+'\">').join('')",
    ),
    (
        "var a=[],s=['/','/bet','.example/'];for(var i=0;i<s.length;i++){a.push(s[i])}var u=a.join('');",
        "'<iframe width=0 height=0 src=\"'+u+'\"></iframe>'",
    ),
    (
        "var h='',k=0;while(k<2){h+='<svg onload=\"top.location=atob(\\'Ly9iZXQuZXhhbXBsZS8=\\')\"></svg>';k++}",
        "h",
    ),
    (
        "var h=[];['top.loc','ation=\"/','/bet.example/\"'].forEach(function(x){h.push(x)});",
        "'<body onload=\\''+h.join('')+'\\'>'",
    ),
];

#[test]
fn markup_grown_in_loops_is_judged_and_removed() {
    let mut all = Vec::new();
    for (g, (setup, expr)) in GROWN.iter().enumerate() {
        for (s, sink) in SINKS.iter().enumerate() {
            if (g + s) % 2 == 0 || s == 0 {
                let code = format!("{setup}{}", sink.replace("@M", expr));
                all.push(code.replace("</", "<\\/"));
            }
        }
    }
    assert_removed_on_every_page(&all, 25);
}

#[test]
fn menus_rendered_in_loops_keep_their_bytes() {
    let s = site("");
    for code in [
        "var items=[{id:12,t:'Tin tức'},{id:15,t:'Văn bản'}],h='';for(var i=0;i<items.length;i++){h+='<li><a href=\"/tin/'+items[i].id+'\" onclick=\"show('+items[i].id+');return false\">'+items[i].t+'</a></li>'}document.getElementById('box').innerHTML=h",
        "var rows=[['1','Nghị định'],['2','Thông tư']];document.getElementById('box').innerHTML=rows.map(function(r){return '<tr><td>'+r[0]+'</td><td>'+r[1]+'</td></tr>'}).join('')",
        "var links=['https://chinhphu.vn/','https://moet.edu.vn/'];$('#box').html(links.map(u=>'<a href=\"'+u+'\" target=\"_blank\">'+u+'</a>').join(''))",
        "var a=[];for(var y=2024;y>2019;y--){a.push('<option value=\"/luu-tru/'+y+'\">'+y+'</option>')}document.write('<select onchange=\"location.href=this.value\">'+a.join('')+'</select>')",
    ] {
        let page = format!("<div id=\"box\"></div><script>{code}</script><p>Hết</p>");
        let (out, events) = clean(&s, &page);
        assert_eq!(out, page, "changed: {events:?}");
        assert!(events.is_empty(), "{code}: {events:?}");
    }
}

//! Attack suite for markup written by a script (issue 14, classes 1 and 3; red team;
//! threats B3, B5, B7): `document.write`, `insertAdjacentHTML`, `innerHTML` (`=` and
//! `+=`), `outerHTML`, `DOMParser#parseFromString` then appended, and
//! `Range#createContextualFragment` given markup that holds a meta refresh, a foreign
//! script `src`, a foreign iframe or a foreign link with spam text, where the URL
//! ([`common::built_hosts`]) or the whole markup is decoded at run time. Every carrier is
//! crossed with every writer and every encoding; the script goes whole. Benign twins
//! (news lists, same-site links, constant markup, an e-mail cloaking script) keep every
//! byte.

use crate::common;

use common::built_hosts::{ENCODINGS, changed, missed};

/// Markup expressions with the URL at `@U`.
const CARRIERS: &[&str] = &[
    "'<meta http-equiv=\"refresh\" content=\"0;url='+@U+'\">'",
    "'<meta http-equiv=refresh content=\"1; URL='+@U+'\">'",
    "'<meta content=\"0;url='+@U+'\" http-equiv=\"Refresh\">'",
    "'<scr'+'ipt src=\"'+@U+'\"></scr'+'ipt>'",
    "'<iframe width=0 height=0 src=\"'+@U+'\"></iframe>'",
    "'<a href=\"'+@U+'\">nhà cái uy tín</a>'",
    "'<div style=\"background:url('+@U+')\"></div>'",
    "'<img srcset=\"/a.jpg 1x, '+@U+' 2x\">'",
];

/// Writers with the markup at `@M`.
const WRITERS: &[&str] = &[
    "document.write(@M)",
    "document.body.insertAdjacentHTML('beforeend',@M)",
    "document.getElementById('m').innerHTML=@M",
    "document.body.innerHTML+=@M",
    "document.getElementById('m').outerHTML=@M",
    "var dp=new DOMParser().parseFromString(@M,'text/html');document.body.append(...dp.body.childNodes)",
    "document.body.append(document.createRange().createContextualFragment(@M))",
];

/// Writers given the whole markup, decoded at run time (`@U` is the decoded text).
const WHOLE: &[&str] = &[
    "document.body.innerHTML=@U",
    "document.body.insertAdjacentHTML('afterbegin',@U)",
    "document.write(@U)",
    "document.getElementById('m').outerHTML=@U",
    "document.body.innerHTML+='<div>'+@U+'</div>'",
    "document.body.append(document.createRange().createContextualFragment(@U))",
    "var dp=new DOMParser().parseFromString(@U,'text/html');document.body.append(...dp.body.childNodes)",
];

#[test]
fn markup_carrying_a_run_time_host_is_removed() {
    let mut codes = Vec::new();
    for writer in WRITERS {
        for carrier in CARRIERS {
            for (setup, name) in ENCODINGS {
                let markup = carrier.replace("@U", name);
                codes.push(format!("{setup}{}", writer.replace("@M", &markup)));
            }
        }
    }
    let missed = missed(codes);
    assert!(
        missed.is_empty(),
        "{} left in place:\n{}",
        missed.len(),
        missed.join("\n")
    );
}

#[test]
fn markup_decoded_at_run_time_is_removed() {
    let mut codes = Vec::new();
    for writer in WHOLE {
        // The array-of-parts encoding is not decoded: it is judged as a URL, not as markup.
        for (setup, name) in &ENCODINGS[..4] {
            codes.push(format!("{setup}{}", writer.replace("@U", name)));
        }
    }
    let missed = missed(codes);
    assert!(
        missed.is_empty(),
        "{} left in place:\n{}",
        missed.len(),
        missed.join("\n")
    );
}

#[test]
fn the_sites_own_markup_writes_keep_their_bytes() {
    let wrong = changed(&[
        "document.getElementById('list').innerHTML='<a href=\"/tin-tuc/'+id+'\">'+title+'</a>'",
        "document.getElementById('out').innerHTML=html",
        "document.getElementById('m').insertAdjacentHTML('beforeend','<img src=\"/anh/'+ten+'.jpg\" alt=\"\">')",
        "var dp=new DOMParser().parseFromString('<p>Xin chào</p>','text/html');document.body.append(...dp.body.childNodes)",
        "document.body.append(document.createRange().createContextualFragment('<div class=\"thong-bao\">'+msg+'</div>'))",
        "document.getElementById('m').innerHTML='<div style=\"background:url(/anh/'+n+'.png)\"></div>'",
        "document.getElementById('m').innerHTML='<img srcset=\"/a.jpg 1x, /a@2x.jpg 2x\" src=\"'+el.dataset.src+'\">'",
        "document.write('<meta http-equiv=\"refresh\" content=\"300\">')",
        "var svg=atob('PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=');document.getElementById('logo').innerHTML=svg",
        "document.getElementById('cloak1').innerHTML='';var prefix='&#109;a'+'i&#108;'+'&#116;o';var path='hr'+'ef'+'=';var addy1='lienhe'+'&#64;';addy1=addy1+'portal'+'&#46;'+'example'+'&#46;'+'gov'+'&#46;'+'vn';document.getElementById('cloak1').innerHTML+='<a '+path+'\\''+prefix+':'+addy1+'\\'>'+addy1+'<\\/a>'",
    ]);
    assert!(wrong.is_empty(), "changed:\n{}", wrong.join("\n"));
}

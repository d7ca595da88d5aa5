//! Attack suite (issue 14, third red-team round, class 2): markup that is inert as written
//! and renders once a script clones it (`template.content.cloneNode`, `importNode`,
//! `innerHTML` of a template or of a client-side template block such as
//! `<script type="text/template">`), or at once without any script (a declarative shadow
//! root, `<template shadowrootmode=open>`). Spam text, foreign links, frames, refreshes,
//! loaders and redirecting handlers inside are judged as if rendered: a foreign carrier
//! takes the whole template with it (`link.hidden_block`) or is removed by its own rule.
//!
//! Benign twins: a same-site card or list-row template with internal links, a shadow root
//! holding a same-site menu, and a client-side template of a table row come through byte
//! for byte.

use crate::common;

use common::rewrite::{clean, rule_ids, site};

const CLONE: &[&str] = &[
    "<script>document.body.appendChild(document.getElementById('tp').content.cloneNode(true))</script>",
    "<script>document.body.append(document.importNode(document.querySelector('#tp').content,true))</script>",
    "<script>addEventListener('load',function(){document.body.insertAdjacentHTML('beforeend',document.getElementById('tp').innerHTML)})</script>",
];

/// What the template holds, and what must be gone from the output.
const CARRIERS: &[(&str, &str)] = &[
    (
        "<p>Nhà cái uy tín, nổ hũ đổi thưởng, tài xỉu online</p>",
        "nổ hũ",
    ),
    (
        "<div class=card><a href=\"https://bet.test/\">Xem ngay</a></div>",
        "bet.test",
    ),
    (
        "<iframe src=\"https://bet.test/\" width=1 height=1></iframe>",
        "bet.test",
    ),
    (
        "<meta http-equiv=\"refresh\" content=\"0;url=https://bet.test/\">",
        "bet.test",
    ),
    ("<script src=\"//bet.test/app.js\"></script>", "bet.test"),
    (
        "<script>location.href='https://bet.test/'</script>",
        "bet.test",
    ),
    (
        "<img src=/anh/x.png onerror=\"top.location='//bet.test/'\">",
        "bet.test",
    ),
    ("<base href=\"https://bet.test/\">", "bet.test"),
    (
        "<object data=\"https://bet.test/x.html\"></object>",
        "bet.test",
    ),
    (
        "<template><a href=\"https://bet.test/\">nested</a></template>",
        "bet.test",
    ),
];

#[test]
fn template_content_cloned_by_a_script_is_judged_as_rendered() {
    for (inner, gone) in CARRIERS {
        for clone in CLONE {
            for open in ["<template id=\"tp\">", "<TEMPLATE ID=tp class=\"tpl\">"] {
                let page = format!("<p>Tin</p>{open}{inner}</template>{clone}<p>Hết</p>");
                let (out, events) = clean(&site(""), &page);
                assert!(!out.contains(gone), "{page}\n=> {out}");
                assert!(!events.is_empty(), "{page}");
                assert!(
                    out.starts_with("<p>Tin</p>") && out.contains("<p>Hết</p>"),
                    "{out}"
                );
            }
        }
    }
}

#[test]
fn declarative_shadow_roots_are_judged_as_rendered() {
    for (inner, gone) in CARRIERS {
        for open in [
            "<template shadowrootmode=\"open\">",
            "<template shadowrootmode=closed>",
            "<template shadowroot=\"open\">",
            "<template shadowrootmode=\"open\" shadowrootdelegatesfocus>",
        ] {
            let page = format!(
                "<div class=\"widget\">{open}<slot></slot>{inner}</template><p>Tin</p></div>"
            );
            let (out, events) = clean(&site(""), &page);
            assert!(!out.contains(gone), "{page}\n=> {out}");
            assert!(!events.is_empty(), "{page}");
        }
    }
}

#[test]
fn client_side_template_blocks_are_judged_as_rendered() {
    for ty in [
        "text/template",
        "text/html",
        "text/x-template",
        "text/x-handlebars-template",
    ] {
        for (inner, gone) in &CARRIERS[1..3] {
            let page = format!(
                "<script type=\"{ty}\" id=\"tp\">{inner}</script><script>document.body.insertAdjacentHTML('beforeend',document.getElementById('tp').textContent)</script><p>Hết</p>"
            );
            let (out, events) = clean(&site(""), &page);
            assert!(!out.contains(gone), "{page}\n=> {out}");
            assert!(!events.is_empty(), "{page}");
        }
    }
}

#[test]
fn same_site_templates_and_shadow_roots_pass_byte_for_byte() {
    for page in [
        "<ul class=\"list\"></ul><template id=\"tp\"><li class=\"card\"><a href=\"/tin-tuc/1\">Lịch tiếp công dân tháng 12</a><span>02/12</span></li></template><script>document.querySelector('.list').appendChild(document.getElementById('tp').content.cloneNode(true))</script>",
        "<nav class=\"menu\"><template shadowrootmode=\"open\"><style>:host{display:block}</style><slot></slot><a href=\"/gioi-thieu\">Giới thiệu</a></template><a href=\"/lien-he\">Liên hệ</a></nav>",
        "<script type=\"text/template\" id=\"row\"><tr><td><a href=\"/van-ban/<%= id %>\"><%= ten %></a></td></tr></script><table id=\"vb\"></table>",
        "<template id=\"tp\"><p>Công an tỉnh cảnh báo thủ đoạn lừa đảo qua ứng dụng cá độ trái phép.</p><a href=\"https://chinhphu.vn/\">Cổng Chính phủ</a></template><script>document.body.appendChild(document.getElementById('tp').content.cloneNode(true))</script>",
    ] {
        let (out, events) = clean(&site(""), page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{page}: {:?}", rule_ids(&events));
    }
}

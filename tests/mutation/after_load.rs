//! Hiding after load (issue 14, class 2): a block of spam text that a script placed after
//! it hides once the page has loaded: a class or attribute it sets that a rule hides (the
//! rule before the block or after the script), the `hidden` attribute, whole inline
//! styles, emptying or removal, a Web Animation kept at its last frame, or a stylesheet
//! the script builds. The block is found by id, class, attribute or descendant selector,
//! `getElementsByClassName` or its position. The benign twin: same-site content (a cookie
//! banner, a menu, a notice, an article on fighting illegal betting) hidden the same ways.

use super::rng::{Rng, normalize};
use super::{Kind, Payload, Template};

pub const TEMPLATES: &[Template] = &[Template {
    family: "A1",
    class: 2,
    name: "hidden-after-load",
    kind: Kind::Text,
    active: false,
    make: planted,
}];

pub const BENIGN: &[Template] = &[Template {
    family: "benign",
    class: 0,
    name: "same-site-hidden-after-load",
    kind: Kind::Benign,
    active: true,
    make: benign,
}];

/// Spam a visible-text rule does not take alone: hidden, it must go.
const SPAM: &[&str] = &[
    "Kèo nhà cái, tỷ lệ kèo bóng đá được cập nhật liên tục cho người hâm mộ theo dõi",
    "Keo nha cai, ty le keo bong da duoc cap nhat lien tuc cho nguoi ham mo theo doi",
    "Xem ngay kèo nhà cái hôm nay và tỷ lệ kèo bóng đá mới nhất cho các trận đấu",
];

/// Same-site content that scripts hide every day.
const BENIGN_TEXT: &[&str] = &[
    "Trang web sử dụng cookie để cải thiện trải nghiệm. <a href=\"/chinh-sach-cookie\">Chính sách</a>",
    "<a href=\"/\">Trang chủ</a> <a href=\"/tin-tuc/\">Tin tức</a> <a href=\"https://chinhphu.vn/\">Chính phủ</a>",
    "Hệ thống bảo trì lúc 22 giờ.",
    "Công an tỉnh đã triệt phá đường dây cá độ bóng đá qua mạng, bắt giữ 12 đối tượng. Người dân cần cảnh giác với các trang đánh bạc trực tuyến.",
];

/// How the script finds the block (`ID`, `CLS` and `ROLE` are filled in).
const FINDS: &[&str] = &[
    "document.getElementById('ID')",
    "document.querySelector('#ID')",
    "document.querySelector('.CLS')",
    "document.querySelector('div[data-role=\"ROLE\"]')",
    "document.querySelector('body .CLS')",
    "document.getElementsByClassName('CLS')[0]",
    "document.querySelectorAll('.CLS')[0]",
    "document.currentScript.previousElementSibling",
];

/// How it hides it (`@E` is the element), with the page's rule if one is needed.
const HIDES: &[(&str, &str)] = &[
    ("@E.classList.add('off')", ".off{display:none}"),
    ("@E.className = 'gone'", ".gone{visibility:hidden}"),
    (
        "@E.setAttribute('class', 'away')",
        ".away{position:absolute;left:-9999px}",
    ),
    ("$(@E).addClass('flat')", ".flat{height:0;overflow:hidden}"),
    ("@E.hidden = true", ""),
    ("@E.toggleAttribute('hidden')", ""),
    (
        "@E.setAttribute('aria-hidden', 'true')",
        "[aria-hidden=true]{display:none}",
    ),
    ("@E.style.cssText = 'display:none'", ""),
    ("@E.style.setProperty('display', 'none')", ""),
    ("Object.assign(@E.style, {display: 'none'})", ""),
    (
        "@E.setAttribute('data-state', 'off')",
        "[data-state=off]{display:none}",
    ),
    (
        "@E.dataset.state = 'off'",
        "[data-state=\"off\"]{opacity:0}",
    ),
    ("@E.replaceChildren()", ""),
    ("@E.innerHTML = ''", ""),
    ("@E.textContent = ''", ""),
    ("@E.remove()", ""),
    ("var x = @E; x.parentNode.removeChild(x)", ""),
    (
        "@E.animate([{opacity: 1}, {opacity: 0}], {duration: 1, fill: 'forwards'})",
        "",
    ),
    (
        "var s = new CSSStyleSheet(); s.replaceSync('#ID{display:none}'); document.adoptedStyleSheets = [s]",
        "",
    ),
    (
        "var s = document.createElement('style'); s.textContent = '.CLS{visibility:hidden}'; document.head.appendChild(s)",
        "",
    ),
];

/// When the script runs.
const WRAPS: &[&str] = &[
    "JS;",
    "window.addEventListener('load', function () { JS; });",
    "document.addEventListener('DOMContentLoaded', () => { JS });",
    "setTimeout(function(){ JS }, 100);",
];

fn page(r: &mut Rng, text: &str) -> String {
    let id = format!("b{}", r.below(9999));
    let cls = *r.pick(&["seo-box", "lk", "partner-links", "ft-widget"]);
    let role = *r.pick(&["links", "seo", "widget"]);
    let (hide, css) = *r.pick(HIDES);
    let find = *r.pick(FINDS);
    let js = hide.replace("@E", find);
    let js = r.pick(WRAPS).replace("JS", &js);
    let fill = |s: &str| {
        s.replace("ID", &id)
            .replace("CLS", cls)
            .replace("ROLE", role)
    };
    let style = format!("<style>{}</style>", fill(css));
    let (before, after) = match (css.is_empty(), r.below(2)) {
        (true, _) => (String::new(), String::new()),
        (false, 0) => (style, String::new()),
        (false, _) => (String::new(), style),
    };
    fill(&format!(
        "{before}<div id=\"ID\" class=\"CLS\" data-role=\"ROLE\">{text}</div><script>{js}</script>{after}"
    ))
}

fn planted(r: &mut Rng) -> Payload {
    let text = *r.pick(SPAM);
    Payload {
        html: page(r, text),
        planted: vec![normalize(text)],
        ..Default::default()
    }
}

fn benign(r: &mut Rng) -> Payload {
    let text = *r.pick(BENIGN_TEXT);
    Payload {
        html: page(r, text),
        ..Default::default()
    }
}

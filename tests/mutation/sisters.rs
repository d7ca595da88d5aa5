//! Doorways and loaders on sister sites and in upload folders (issues 37, 38 and 43): links to
//! an allowed host (`*.gov.vn`) whose text is a betting advert or whose target is a page in
//! that host's upload folder, scripts loaded from another host's uploads, and `Link` headers
//! that preload a script from an upload folder; and the same planted document reached by
//! every other carrier (frames, objects, forms, `<base>`, meta refresh, style sheets and
//! `@import`, image maps, JSON-LD, script navigation, `Location`/`Refresh`/`Link` headers).
//! Each plants a marker (in the URL, or the spam phrase) that must be gone. The benign
//! twins link, frame and embed sister sites' ordinary pages, images and documents, which
//! must come through byte for byte.

use super::rng::Rng;
use super::{Kind, Payload, Template};

const fn t(
    family: &'static str,
    name: &'static str,
    kind: Kind,
    active: bool,
    make: fn(&mut Rng) -> Payload,
) -> Template {
    Template {
        family,
        class: 5,
        name,
        kind,
        active,
        make,
    }
}

pub const TEMPLATES: &[Template] = &[
    t("A", "sister-spam-anchor", Kind::Link, false, sister_spam),
    t(
        "C4",
        "sister-upload-doorway",
        Kind::Link,
        false,
        sister_doorway,
    ),
    t(
        "C4",
        "sister-upload-loader",
        Kind::Link,
        true,
        sister_loader,
    ),
    t(
        "C4",
        "link-header-upload-preload",
        Kind::Header,
        true,
        link_preload,
    ),
    t("A4", "sister-doorway-frame", Kind::Link, true, frame),
    t("A4", "sister-doorway-form", Kind::Link, false, form),
    t("A4", "sister-doorway-base", Kind::Link, false, base),
    t(
        "B5",
        "sister-doorway-refresh",
        Kind::Link,
        true,
        meta_refresh,
    ),
    t(
        "A4",
        "sister-upload-stylesheet",
        Kind::Link,
        true,
        stylesheet,
    ),
    t("A4", "sister-doorway-area", Kind::Link, false, area),
    t("A4", "sister-doorway-json-ld", Kind::Link, false, json_ld),
    t(
        "B1",
        "sister-doorway-script",
        Kind::Script,
        true,
        script_nav,
    ),
    t("B6", "sister-doorway-header", Kind::Header, true, header),
    t(
        "benign",
        "sister-site-links",
        Kind::Benign,
        false,
        sister_links,
    ),
];

/// A sister agency's host, allowed by `*.gov.vn` or `*.edu.vn`.
fn sister(r: &mut Rng) -> String {
    let unit = *r.pick(&[
        "so-tuphap",
        "so-yte",
        "ubnd",
        "sogd",
        "thpt-chuyen",
        "so-tttt",
    ]);
    let place = *r.pick(&["hanoi", "quangninh", "danang", "hue", "camau"]);
    let tld = *r.pick(&["gov.vn", "gov.vn", "edu.vn"]);
    let sub = *r.pick(&["", "", "www."]);
    format!("{sub}{unit}.{place}.{tld}")
}

/// Upload folders of the CMSes common on agency portals, in several spellings.
const UPLOAD_DIRS: &[&str] = &[
    "/wp-content/uploads/2024/05/",
    "/uploads/",
    "/UserFiles/File/",
    "/%55serfiles/image/",
    "/ckfinder/userfiles/files/",
    "/Portals/0/",
    "/Portals/_default/",
    "/documents/20143/0/",
    "/Shared%20Documents/",
    "/PublishingImages/",
    "/images//./stories/",
    "/sites/default/files/",
];

const SCHEMES: &[&str] = &["https://", "https://", "http://", "//"];

// Clippy reads the deref as automatic; without it the `'static` lifetime is lost.
#[allow(clippy::explicit_auto_deref)]
fn upload_dir(r: &mut Rng) -> &'static str {
    *r.pick(UPLOAD_DIRS)
}

#[allow(clippy::explicit_auto_deref)]
fn scheme(r: &mut Rng) -> &'static str {
    *r.pick(SCHEMES)
}

fn sister_spam(r: &mut Rng) -> Payload {
    let host = sister(r);
    let href = format!("{}{host}/", scheme(r));
    let s = r.spam();
    let a = r.anchor(&href, &s.html);
    let li = r.tag("li");
    Payload {
        html: format!("<ul class=\"lien-ket\"><{li}>{a}</{li}></ul>"),
        planted: vec![s.phrase],
        ..Default::default()
    }
}

fn sister_doorway(r: &mut Rng) -> Payload {
    let host = sister(r);
    let m = r.marker();
    let ext = *r.pick(&["html", "htm", "php", "aspx", "HTML", "html."]);
    let href = format!("{}{host}{}{m}.{ext}", scheme(r), upload_dir(r));
    let text = r.plain_text();
    let a = r.anchor(&href, &text);
    Payload {
        html: format!("<p>Xem {a} tại đây.</p>"),
        planted: vec![m],
        ..Default::default()
    }
}

fn sister_loader(r: &mut Rng) -> Payload {
    let host = sister(r);
    let m = r.marker();
    let src = format!("{}{host}{}{m}.js", scheme(r), upload_dir(r));
    let html = match r.below(3) {
        0 => format!("<script src=\"{src}\"></script>"),
        1 => format!("<script type=\"module\" src=\"{src}\" defer></script>"),
        _ => format!("<link rel=\"modulepreload\" href=\"{src}\">"),
    };
    Payload {
        html,
        head: r.chance(50),
        planted: vec![m],
        ..Default::default()
    }
}

fn link_preload(r: &mut Rng) -> Payload {
    let m = r.marker();
    let own = r.chance(60);
    let host = if own {
        String::new()
    } else {
        format!("https://{}", sister(r))
    };
    let rel = *r.pick(&[
        "rel=modulepreload",
        "rel=\"modulepreload\"",
        "rel=preload; as=script",
        "REL=Preload; AS=\"Script\"",
        "title=\"a;b, c\"; rel=\"stylesheet modulepreload\"",
        "rel=prefetch; as=worker",
    ]);
    let v = format!(
        "</css/site.css>; rel=preload; as=style, <{host}{}{m}.js>; {rel}",
        upload_dir(r)
    );
    Payload {
        headers: vec![("link".into(), v)],
        planted: vec![m],
        ..Default::default()
    }
}

fn sister_links(r: &mut Rng) -> Payload {
    let a = sister(r);
    let b = sister(r);
    let dir = upload_dir(r);
    let file = *r.pick(&["bao-cao.pdf", "ke-hoach.docx", "anh.jpg"]);
    let img = *r.pick(&["anh.jpg", "logo.svg", "banner.PNG", "nen.webp"]);
    let doc = *r.pick(&["van-ban.pdf", "bieu-mau.pdf"]);
    Payload {
        html: format!(
            "<ul class=\"lien-ket\"><li><a href=\"https://{a}/\">Cổng thông tin</a></li>\
<li><a href=\"https://{b}/tin-tuc/thong-bao.html\">Thông báo</a></li>\
<li><a href=\"https://{a}{dir}{file}\">Tài liệu</a></li>\
<li><a href=\"https://{b}/Default.aspx?tabid=1\">Trang chủ</a></li></ul>\
<img src=\"https://{b}{dir}{img}\" alt=\"Ảnh\">\
<p style=\"background:url('https://{a}{dir}{img}')\">Tin</p>\
<iframe src=\"https://{a}{dir}{doc}\" width=\"600\" height=\"400\"></iframe>\
<object data=\"https://{b}{dir}{doc}\" type=\"application/pdf\"></object>\
<iframe src=\"https://{b}/tin-tuc/thong-bao.html\"></iframe>\
<form action=\"https://{a}/tra-cuu\" method=\"get\"><input name=\"q\"></form>"
        ),
        ..Default::default()
    }
}

/// A document planted in a sister's upload folder, in one of its spellings, and the
/// marker its name carries. `navigable`: also the spellings only a carrier that opens or
/// runs what it loads can reach (SVG, a folder, no extension).
fn planted(r: &mut Rng, navigable: bool) -> (String, String) {
    let host = sister(r);
    let m = r.marker();
    let file = match (navigable, r.below(9)) {
        (true, 0) => format!("{m}.svg"),
        (true, 1) => format!("{m}/"),
        (true, 2) => m.clone(),
        (_, 3) => format!("{m}.PHP?utm=1"),
        (_, 4) => format!("{m}.shtml#a"),
        (_, 5) => format!("{m}.css"),
        (_, 6) => format!("{m}.phtml"),
        _ => format!("{m}.html"),
    };
    let url = format!("{}{host}{}{file}", scheme(r), upload_dir(r));
    (url, m)
}

fn with_marker(html: String, m: String) -> Payload {
    Payload {
        html,
        planted: vec![m],
        ..Default::default()
    }
}

fn frame(r: &mut Rng) -> Payload {
    let (u, m) = planted(r, true);
    let enc = r.encode_url(&u);
    let src = r.attr("src", &enc);
    let html = match r.below(4) {
        0 => format!("<iframe{src} width=\"0\" height=\"0\"></iframe>"),
        1 => format!("<object{} type=\"text/html\"></object>", r.attr("data", &u)),
        2 => format!("<embed{src}>"),
        _ => {
            let i = r.tag("iframe");
            format!("<{i}{src} style=\"display:none\"></{i}>")
        }
    };
    with_marker(html, m)
}

fn form(r: &mut Rng) -> Payload {
    let (u, m) = planted(r, true);
    let html = match r.below(2) {
        0 => format!(
            "<form method=\"post\"{}><input name=\"q\"><button>Gửi</button></form>",
            r.attr("action", &u)
        ),
        _ => format!(
            "<form action=\"/tim-kiem\"><button{}>Gửi</button></form>",
            r.attr("formaction", &u)
        ),
    };
    with_marker(html, m)
}

fn base(r: &mut Rng) -> Payload {
    let (u, m) = planted(r, true);
    Payload {
        html: format!("<base{}>", r.attr("href", &u)),
        head: true,
        planted: vec![m],
        ..Default::default()
    }
}

fn meta_refresh(r: &mut Rng) -> Payload {
    let (u, m) = planted(r, true);
    let content = match r.below(3) {
        0 => format!("0;url={u}"),
        1 => format!("3; URL='{u}'"),
        _ => format!("0 {u}"),
    };
    let meta = r.tag("meta");
    Payload {
        html: format!(
            "<{meta} http-equiv=\"refresh\"{}>",
            r.attr("content", &content)
        ),
        head: r.chance(50),
        planted: vec![m],
        ..Default::default()
    }
}

fn stylesheet(r: &mut Rng) -> Payload {
    let (u, m) = planted(r, false);
    let html = match r.below(3) {
        0 => format!("<link rel=\"stylesheet\"{}>", r.attr("href", &u)),
        1 => format!("<style>@import url(\"{u}\");.a{{color:red}}</style>"),
        _ => format!("<style>@import '{u}';</style>"),
    };
    Payload {
        html,
        head: r.chance(50),
        planted: vec![m],
        ..Default::default()
    }
}

fn area(r: &mut Rng) -> Payload {
    let (u, m) = planted(r, true);
    let s = r.spam();
    let href = r.attr("href", &u);
    Payload {
        html: format!(
            "<img src=\"/anh/ban-do.png\" usemap=\"#m\" alt=\"\"><map name=\"m\"><area shape=\"rect\" coords=\"0,0,10,10\"{href} alt=\"{}\"></map>",
            s.html
        ),
        planted: vec![m, s.phrase],
        ..Default::default()
    }
}

fn json_ld(r: &mut Rng) -> Payload {
    let (u, m) = planted(r, true);
    let u = if u.starts_with("//") {
        format!("https:{u}")
    } else {
        u
    };
    let esc = match r.below(2) {
        0 => u.replace('/', "\\/"),
        _ => u,
    };
    let key = *r.pick(&["url", "sameAs", "target", "mainEntityOfPage"]);
    let body = format!(
        "{{\"@context\":\"https://schema.org\",\"@type\":\"WebSite\",\"{key}\":\"{esc}\"}}"
    );
    Payload {
        html: format!("<script type=\"application/ld+json\">{body}</script>"),
        head: r.chance(50),
        planted: vec![m],
        ..Default::default()
    }
}

fn script_nav(r: &mut Rng) -> Payload {
    let (u, m) = planted(r, true);
    let js = match r.below(5) {
        0 => format!("location.href=\"{u}\";"),
        1 => format!("window.location.replace('{u}')"),
        2 => format!("setTimeout(function(){{top.location='{u}'}},2000)"),
        3 => format!("window.open(\"{u}\",\"_self\")"),
        _ => format!("if(/google|coccoc/.test(document.referrer)){{var d='{u}';location=d}}"),
    };
    with_marker(format!("<script>{js}</script>"), m)
}

fn header(r: &mut Rng) -> Payload {
    let (u, m) = planted(r, true);
    let u = if u.starts_with("//") {
        format!("https:{u}")
    } else {
        u
    };
    let (status, name, value) = match r.below(3) {
        0 => (Some(*r.pick(&[301, 302, 303, 307])), "location", u),
        1 => (None, "refresh", format!("0;url={u}")),
        _ => (None, "link", format!("<{u}>; rel=prefetch")),
    };
    Payload {
        status,
        headers: vec![(name.into(), value)],
        planted: vec![m],
        ..Default::default()
    }
}

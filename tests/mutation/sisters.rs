//! Doorways and loaders on sister sites and in upload folders (issues 37, 38 and 43): links to
//! an allowed host (`*.gov.vn`) whose text is a betting advert or whose target is a page in
//! that host's upload folder, scripts loaded from another host's uploads, and `Link` headers
//! that preload a script from an upload folder. Each plants a marker (in the URL, or the
//! spam phrase) that must be gone. The benign twins link sister sites' ordinary pages and
//! files, which must come through byte for byte.

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
    Payload {
        html: format!(
            "<ul class=\"lien-ket\"><li><a href=\"https://{a}/\">Cổng thông tin</a></li>\
<li><a href=\"https://{b}/tin-tuc/thong-bao.html\">Thông báo</a></li>\
<li><a href=\"https://{a}{dir}{file}\">Tài liệu</a></li>\
<li><a href=\"https://{b}/Default.aspx?tabid=1\">Trang chủ</a></li></ul>"
        ),
        ..Default::default()
    }
}

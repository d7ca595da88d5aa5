//! Meta carriers (B5, A4 class 8, the planted-verification follow-up): `<meta
//! http-equiv=refresh>` with its keyword spelled in case, padding and character references,
//! Open Graph / Twitter card metas (`og:url`, `og:image`, `twitter:player`) whose `content`
//! is a foreign URL, with the name written with references too (`og&#58;url`), and planted
//! search-console verification metas. The benign twin: the site's own cards, its own
//! verification token and a same-site refresh, every keyword spelled the same ways.
//!
//! Keyword attributes are also written with character references (`http-equiv="refr&#101;sh"`,
//! `property="og&#58;url"`, `name="twitter:&#112;layer"`): browsers decode them, and so does
//! the sanitizer since session 8 (`entities::attr`, tests/entity_keyword_attributes.rs).

use super::rng::{Rng, normalize};
use super::{Kind, Payload, Template};

const fn t(
    family: &'static str,
    class: u8,
    name: &'static str,
    kind: Kind,
    active: bool,
    make: fn(&mut Rng) -> Payload,
) -> Template {
    Template {
        family,
        class,
        name,
        kind,
        active,
        make,
    }
}

/// The site's own verification token (`serve::config_text` lists it).
pub const OWN_TOKEN: &str = "p0rtalOwnT0ken";

pub const TEMPLATES: &[Template] = &[
    t("B5", 0, "meta-refresh-spelled", Kind::Script, true, refresh),
    t("A4", 8, "meta-card-url", Kind::Link, false, card),
    t(
        "A4",
        0,
        "meta-verification",
        Kind::Text,
        false,
        verification,
    ),
];

pub const BENIGN: &[Template] = &[t("benign", 0, "own-metas", Kind::Benign, false, own)];

/// `word` in lower or upper case; with `refs`, sometimes with one letter (or the `:`)
/// written as a character reference.
fn spelled(r: &mut Rng, word: &str, refs: bool) -> String {
    let cased = match r.below(3) {
        0 => word.to_ascii_uppercase(),
        _ => word.to_string(),
    };
    let k = r.below(cased.len());
    let c = cased.as_bytes()[k];
    let reference = match r.below(3) {
        0 => format!("&#{c};"),
        1 => format!("&#x{c:x};"),
        _ if c == b':' => "&colon;".to_string(),
        _ => format!("&#{c};"),
    };
    match r.below(3) {
        _ if !refs => cased,
        0 => cased,
        _ => format!("{}{reference}{}", &cased[..k], &cased[k + 1..]),
    }
}

fn meta(r: &mut Rng, first: String, second: String) -> String {
    let m = r.tag("meta");
    if r.chance(50) {
        format!("<{m}{first}{second}>")
    } else {
        format!("<{m}{second}{first}>")
    }
}

fn refresh(r: &mut Rng) -> Payload {
    let host = r.host();
    let u = format!("https://{host}/");
    let content = match r.below(4) {
        0 => format!("0;url={u}"),
        1 => format!("0; URL='{u}'"),
        2 => format!("1,{u}"),
        _ => format!("0;url=http&#58;//{host}/"),
    };
    let pad = *r.pick(&["", " ", "\t"]);
    let word = spelled(r, "refresh", true);
    let e = r.attr("http-equiv", &format!("{pad}{word}{pad}"));
    let c = r.attr("content", &content);
    Payload {
        html: meta(r, e, c),
        head: r.chance(60),
        planted: vec![normalize(&host)],
        ..Default::default()
    }
}

fn card(r: &mut Rng) -> Payload {
    let host = r.host();
    let (name, kind, path) = *r.pick(&[
        ("og:url", "property", "/"),
        ("og:image", "property", "/anh.jpg"),
        ("og:image:secure_url", "property", "/anh.jpg"),
        ("twitter:player", "name", "/player.html"),
        ("twitter:image", "name", "/anh.jpg"),
        ("og:video", "property", "/v.mp4"),
    ]);
    let scheme = *r.pick(&["https:", "http:", "", "https&#58;"]);
    let word = spelled(r, name, true);
    let n = r.attr(kind, &word);
    let c = r.attr("content", &format!("{scheme}//{host}{path}"));
    let own = format!(
        "<meta property=\"og:title\" content=\"Cổng thông tin điện tử\">{}",
        meta(r, n, c)
    );
    Payload {
        html: own,
        head: r.chance(80),
        planted: vec![normalize(&host)],
        ..Default::default()
    }
}

fn verification(r: &mut Rng) -> Payload {
    let token = format!("{}-{:x}", r.marker(), r.next() as u16);
    let name = *r.pick(&[
        "google-site-verification",
        "Google-Site-Verification",
        "msvalidate.01",
        "yandex-verification",
        "coccoc-site-verification",
    ]);
    let n = r.attr("name", name);
    let c = r.attr("content", &token);
    Payload {
        html: meta(r, n, c),
        head: r.chance(80),
        planted: vec![normalize(&token)],
        ..Default::default()
    }
}

fn own(r: &mut Rng) -> Payload {
    let refresh = spelled(r, "refresh", true);
    let og = spelled(r, "og:url", true);
    let image = spelled(r, "og:image", true);
    let player = spelled(r, "twitter:player", true);
    let wait = 300 + r.below(600);
    Payload {
        html: format!(
            "<meta http-equiv=\"{refresh}\" content=\"{wait}; url=/tin-tuc/\">\
<meta property=\"{og}\" content=\"https://portal.example.gov.vn/tin-tuc/\">\
<meta property=\"{image}\" content=\"/anh/logo.png\">\
<meta name=\"{player}\" content=\"https://www.youtube.com/embed/abc\">\
<meta name=\"google-site-verification\" content=\"{OWN_TOKEN}\">"
        ),
        head: true,
        ..Default::default()
    }
}

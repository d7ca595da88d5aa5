//! Candidate lists (A4, issue-14 class 8): a foreign candidate among same-site ones in
//! `<img srcset>`, `<picture><source srcset>` and `<link rel=preload as=image imagesrcset>`,
//! with density or width descriptors, in any position, with or without spaces after the
//! commas. The benign twin: the same lists, every candidate same-site or on the allow list.

use super::rng::Rng;
use super::{Kind, Payload, Template};

pub const TEMPLATES: &[Template] = &[Template {
    family: "A4",
    class: 8,
    name: "srcset-candidate",
    kind: Kind::Link,
    active: true,
    make: foreign_candidate,
}];

pub const BENIGN: &[Template] = &[Template {
    family: "benign",
    class: 0,
    name: "same-site-srcset",
    kind: Kind::Benign,
    active: true,
    make: same_site,
}];

/// A candidate list of `urls` with width or density descriptors.
fn list(r: &mut Rng, urls: &[String]) -> String {
    let widths = r.chance(50);
    let sep = *r.pick(&[", ", ",", " ,\n"]);
    urls.iter()
        .enumerate()
        .map(|(i, u)| match widths {
            true => format!("{u} {}w", 480 * (i + 1)),
            false => format!("{u} {}x", i + 1),
        })
        .collect::<Vec<_>>()
        .join(sep)
}

fn carrier(r: &mut Rng, srcset: &str) -> (String, bool) {
    let sizes = "(max-width: 600px) 480px, 960px";
    match r.below(3) {
        0 => {
            let s = r.attr("srcset", srcset);
            (
                format!("<img src=\"/anh/tin-1.jpg\"{s} sizes=\"{sizes}\" alt=\"\">"),
                false,
            )
        }
        1 => {
            let s = r.attr("srcset", srcset);
            let src = r.tag("source");
            (
                format!(
                    "<picture><{src} type=\"image/webp\"{s}><img src=\"/anh/tin-1.jpg\" alt=\"\"></picture>"
                ),
                false,
            )
        }
        _ => {
            let s = r.attr("imagesrcset", srcset);
            let l = r.tag("link");
            (
                format!(
                    "<{l} rel=\"preload\" as=\"image\" href=\"/anh/tin-1.jpg\"{s} imagesizes=\"{sizes}\">"
                ),
                r.chance(70),
            )
        }
    }
}

fn foreign_candidate(r: &mut Rng) -> Payload {
    let host = r.host();
    let foreign = r.url(&host);
    let foreign = r.encode_url(&format!("{}/p.jpg", foreign.trim_end_matches('/')));
    let mut urls = vec![
        "/anh/tin-1.jpg".to_string(),
        "/anh/tin-1@2x.jpg".to_string(),
    ];
    let at = r.below(urls.len() + 1);
    urls.insert(at, foreign);
    let srcset = list(r, &urls);
    let (html, head) = carrier(r, &srcset);
    Payload {
        html,
        head,
        ..Default::default()
    }
}

fn same_site(r: &mut Rng) -> Payload {
    let own = *r.pick(&[
        "https://portal.example.gov.vn/anh/tin-1-960.jpg",
        "//portal.example.gov.vn/anh/tin-1-960.jpg",
        "/anh/tin-1-960.jpg",
        "https://www.youtube.com/vi/abc/hqdefault.jpg",
    ]);
    let urls = vec!["/anh/tin-1-480.jpg".to_string(), own.to_string()];
    let srcset = list(r, &urls);
    let (html, head) = carrier(r, &srcset);
    Payload {
        html,
        head,
        ..Default::default()
    }
}

//! Stage 6 (encoded URLs, invisible frames and fetches): attributes that make the browser fetch
//! or navigate on its own, without a click: media sources (`src`, `poster`, `srcset`, a preload's `imagesrcset`) and the
//! targets of SVG `<animate>`/`<set>` that rewrite a link at run time (the link's text is then
//! judged as a foreign link's, see `anchor`). Only the attribute goes; the element stays, so
//! the page keeps its layout.

use lol_html::send::Element;

use crate::audit::Action;
use crate::sanitize::policy::{Carrier, UrlVerdict};

use super::attrs::Source;
use super::entities;
use super::state::{State, Which};
use super::url_attrs::{FOREIGN_LINK, FOREIGN_MEDIA};

/// Whether `attr` is the image source of an SVG `<image>` or `<feImage>`: drawn as an
/// image (no script, no navigation), so a `data:` source is as safe as an `<img>`'s.
/// Figma, Illustrator and Inkscape embed bitmaps this way.
pub fn is_svg_image(el: &Element<'_, '_>, attr: &str) -> bool {
    matches!(attr, "href" | "xlink:href")
        && el.namespace_uri() == "http://www.w3.org/2000/svg"
        && matches!(el.tag_name().as_str(), "image" | "feimage")
}

/// Media would make the browser fetch from a foreign host; `data:` images are fine.
pub(crate) fn media(st: &mut State, el: &mut Element<'_, '_>, src: &Source) {
    for attr in ["src", "poster"] {
        FOREIGN_MEDIA.strip(st, el, src, attr);
    }
    srcset(st, el, src, "srcset");
}

/// A candidate list (`srcset`, `imagesrcset`): the attribute goes if any candidate is foreign.
pub(crate) fn srcset(st: &mut State, el: &mut Element<'_, '_>, src: &Source, name: &str) {
    let Some(srcset) = src.attr(el, name) else {
        return;
    };
    let decoded = entities::decode(&srcset);
    let foreign = candidates(&decoded).into_iter().find_map(|u| {
        match st.judge(u, Which::Hosts, Carrier::Media) {
            UrlVerdict::Allowed => None,
            UrlVerdict::Foreign(t) => Some(t),
            UrlVerdict::Script(s) => Some(s),
        }
    });
    if let Some(t) = foreign
        && st.found("media.foreign", Action::Removed, Some(t))
    {
        el.remove_attribute(name);
    }
}

/// The URLs of a candidate list: split at commas (as before), and as the HTML standard
/// reads one, where a URL runs to white space and may hold commas itself (a `data:` URL).
fn candidates(list: &str) -> Vec<&str> {
    let mut out: Vec<&str> = list
        .split(',')
        .filter_map(|c| c.split_ascii_whitespace().next())
        .collect();
    let mut rest = list;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return out;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let url = &rest[..end];
        out.push(url.trim_end_matches(','));
        rest = &rest[end..];
        // Descriptors run to the next comma (a URL that ended in one has none).
        if !url.ends_with(',') {
            rest = rest.find(',').map_or("", |c| &rest[c..]);
        }
    }
}

/// `<svg><animate attributeName=href to=...>` sets a link's target at run time.
pub(crate) fn svg_animation(st: &mut State, el: &mut Element<'_, '_>, src: &Source) {
    let targets_href = super::entities::attr(el, "attributename")
        .is_some_and(|a| a.trim().to_ascii_lowercase().ends_with("href"));
    if !targets_href {
        return;
    }
    for attr in ["to", "from"] {
        if FOREIGN_LINK.strip(st, el, src, attr) {
            super::anchor::retargeted(st);
        }
    }
    values(st, el, src);
}

/// `values` is a `;`-separated list of targets: each is judged.
fn values(st: &mut State, el: &mut Element<'_, '_>, src: &Source) {
    let Some(list) = src.attr(el, "values") else {
        return;
    };
    let decoded = entities::decode(&list);
    let foreign =
        decoded.split(';').find_map(
            |u| match st.judge(u.trim(), Which::Hosts, Carrier::Active) {
                UrlVerdict::Allowed => None,
                UrlVerdict::Foreign(t) => Some(t),
                UrlVerdict::Script(s) => Some(crate::sanitize::policy::short(&s)),
            },
        );
    let Some(target) = foreign else { return };
    super::anchor::retargeted(st);
    if st.found("link.foreign", Action::Removed, Some(target)) {
        el.remove_attribute("values");
    }
}

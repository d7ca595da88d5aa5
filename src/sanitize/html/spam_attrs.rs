//! Stage 6 (planted spam in indexed attributes): `alt`, `title`, `aria-label`, `placeholder`,
//! `label` (of an `<option>`, `<optgroup>`, `<track>`) and `value` (of a hidden input, a
//! `<datalist>` suggestion) are read by crawlers and screen readers though no one sees them
//! on the page,
//! so betting keywords are planted there. An attribute whose value scores as spam in the
//! lexicon is removed (`spam.keyword`); it may touch only those attributes of the element.
//!
//! Any other attribute may be put on the page by CSS (`p::after{content:attr(data-k)}`), so
//! one that holds a phrase (`data-*`, `id`, a made-up name; a `class` with letters beyond
//! ASCII) is judged the same way. URL, handler and style attributes have stages of their own.
//!
//! Security note: the value is entity-decoded before it is judged, like visible text; the
//! threshold is the lexicon's, so one weak word ("phòng chống cá độ") stays.

use lol_html::send::Element;

use crate::audit::Action;

use super::state::State;
use super::text;

/// The attributes judged, as lol_html names them (lower case).
const TEXT_ATTRS: &[&str] = &[
    "alt",
    "title",
    "aria-label",
    "placeholder",
    "value",
    "label",
];

/// Removes every text attribute of `el` whose value is spam, each with an audit event.
/// An `<option value>` that may be a URL (a `/` or `:` in it) is a URL carrier instead:
/// judged as one, it takes its element and text.
pub(crate) fn strip(st: &mut State, el: &mut Element<'_, '_>, tag: &str) {
    // Inside a held foreign link, the `alt`/`title` are part of its text and go with it.
    if !st.anchors.is_empty() {
        return;
    }
    let shown = el
        .attributes()
        .iter()
        .filter(|a| !TEXT_ATTRS.contains(&a.name().as_str()))
        .filter(|a| may_show(a.name().as_bytes(), a.value().as_bytes()))
        .map(|a| a.name());
    let names: Vec<String> = TEXT_ATTRS
        .iter()
        .map(|n| n.to_string())
        .chain(shown)
        .collect();
    for name in names {
        let Some(value) = el.get_attribute(&name) else {
            continue;
        };
        if tag == "option" && name == "value" && value.contains(['/', ':']) {
            continue;
        }
        let Some(words) = text::spam_words(st, &value) else {
            continue;
        };
        let detail = Some(format!("{name}: {words}"));
        if st.found_detail("spam.keyword", Action::Removed, None, detail) {
            el.remove_attribute(&name);
        }
    }
}

/// The longest value outside [`TEXT_ATTRS`] read as a phrase: a slogan a sheet shows is
/// short, and an SVG path or a data blob of hundreds of kilobytes is not text.
const MAX_SHOWN: usize = 2048;

/// Whether an attribute outside [`TEXT_ATTRS`] (name in lower case) holds a phrase that
/// CSS `content: attr(…)` could show: a value with a space, and for `class` (whose words
/// are class names) letters beyond ASCII too, at most [`MAX_SHOWN`] bytes. URL, handler,
/// style and `content` attributes are judged by stages of their own, and SVG geometry is
/// not text.
pub(crate) fn may_show(name: &[u8], value: &[u8]) -> bool {
    let judged_elsewhere = name.starts_with(b"on")
        || value.len() > MAX_SHOWN
        || matches!(
            name,
            b"style" | b"content" | b"name" | b"d" | b"points" | b"viewbox" | b"transform"
        )
        || super::rawtag::URL_ATTRS
            .iter()
            .any(|u| u.as_bytes() == name);
    !judged_elsewhere
        && value.iter().any(u8::is_ascii_whitespace)
        && (name != b"class" || !value.is_ascii())
}

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
    let shown: Vec<String> = el
        .attributes()
        .iter()
        .filter_map(|a| {
            let name = a.name();
            let text = !TEXT_ATTRS.contains(&name.as_str())
                && name_may_show(name.as_bytes())
                && may_show(name.as_bytes(), a.value().as_bytes());
            text.then_some(name)
        })
        .collect();
    for name in TEXT_ATTRS
        .iter()
        .copied()
        .chain(shown.iter().map(String::as_str))
    {
        let Some(value) = el.get_attribute(name) else {
            continue;
        };
        if tag == "option" && name == "value" && value.contains(['/', ':']) {
            continue;
        }
        if st.clean_values.contains(&value) {
            continue;
        }
        let Some(words) = text::spam_words(st, &value) else {
            st.clean_values.insert(value);
            continue;
        };
        let detail = Some(format!("{name}: {words}"));
        if st.found_detail("spam.keyword", Action::Removed, None, detail) {
            el.remove_attribute(name);
        }
    }
}

/// The attribute values of one page already read and found clean: a page repeats them
/// (every thumbnail's `sizes`, a menu's `title`s), and the reading (`text::spam_words`)
/// depends on the value alone. Bounded: at most [`CLEAN_VALUES`] values of at most
/// [`CLEAN_VALUE_LEN`] bytes; past that they are read every time.
#[derive(Debug, Default)]
pub(crate) struct CleanValues(foldhash::HashSet<String>);

/// The most values [`CleanValues`] keeps.
const CLEAN_VALUES: usize = 512;
/// The longest value [`CleanValues`] keeps, in bytes.
const CLEAN_VALUE_LEN: usize = 256;

impl CleanValues {
    fn contains(&self, value: &str) -> bool {
        self.0.contains(value)
    }

    fn insert(&mut self, value: String) {
        if self.0.len() < CLEAN_VALUES && value.len() <= CLEAN_VALUE_LEN {
            self.0.insert(value);
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
    name_may_show(name)
        && value.len() <= MAX_SHOWN
        && value.iter().any(u8::is_ascii_whitespace)
        && (name != b"class" || !value.is_ascii())
}

/// The part of [`may_show`] that the name alone answers (so that no value is decoded for
/// an attribute judged elsewhere).
fn name_may_show(name: &[u8]) -> bool {
    let judged_elsewhere = name.starts_with(b"on")
        || matches!(
            name,
            b"style" | b"content" | b"name" | b"d" | b"points" | b"viewbox" | b"transform"
        )
        || super::rawtag::URL_ATTRS
            .iter()
            .any(|u| u.as_bytes() == name);
    !judged_elsewhere
}

//! Stage 6 (URL carriers): URLs that ride beside an element's main one — the `ping` list of
//! `<a>`/`<area>` (a POST to every entry when the link is followed), the `archive` and
//! `profile` lists, and the `url()`,
//! `image-set()` and `@import` of a `style=` attribute (fetched when the element renders),
//! and the text a `style=` generates (`content:"…"`, see `css_content`). May rewrite or
//! remove only that attribute.
//!
//! Security note: each entry is judged like an `href` (entities decoded, parsed against the
//! current base); one foreign entry removes the whole attribute, as rewriting the list would
//! need a serializer that the browser agrees with.

use lol_html::send::Element;

use crate::audit::Action;
use crate::sanitize::policy::Carrier;

use super::attrs::Source;
use super::state::{State, Which};
use super::url_attrs::verdict;
use super::{css_content, css_url, entities};

/// `ping`: removed when any of its URLs is foreign.
pub(crate) fn ping(st: &mut State, el: &mut Element<'_, '_>, src: &Source) {
    let Some(raw) = src.attr(el, "ping") else {
        return;
    };
    let decoded = entities::decode(&raw).into_owned();
    let entries: Vec<&str> = decoded.split_ascii_whitespace().collect();
    judge_all(st, el, &entries, "ping", Carrier::Active, "link.foreign");
}

/// A list-valued URL attribute (`archive`, `profile`: URLs separated by white space or
/// commas): removed when any of its URLs is foreign.
pub(crate) fn list(st: &mut State, el: &mut Element<'_, '_>, src: &Source, name: &str) {
    let Some(raw) = src.attr(el, name) else {
        return;
    };
    let decoded = entities::decode(&raw).into_owned();
    let entries: Vec<&str> = decoded
        .split(|c: char| c == ',' || c.is_ascii_whitespace())
        .filter(|e| !e.is_empty())
        .collect();
    judge_all(st, el, &entries, name, Carrier::Active, "object.foreign");
}

/// `style`: removed when a URL it loads is foreign (`data:` images are fine).
pub(crate) fn style(st: &mut State, el: &mut Element<'_, '_>, src: &Source) {
    let Some(raw) = src.attr(el, "style") else {
        return;
    };
    if raw.contains(['"', '\'', '&']) {
        generated_text(st, el, &raw);
    }
    if !raw.contains(['(', '@', '&', '\\']) {
        return;
    }
    let urls = css_url::urls(&entities::decode(&raw));
    let entries: Vec<&str> = urls.iter().map(String::as_str).collect();
    judge_all(st, el, &entries, "style", Carrier::Media, "css.foreign");
}

/// `style`: a declaration that generates spam text (`content:"…"`) is dropped, the rest of
/// the attribute stays (see [`css_content`]).
fn generated_text(st: &mut State, el: &mut Element<'_, '_>, raw: &str) {
    let decoded = entities::decode(raw);
    let Some(d) = css_content::strip(&decoded, &st.policy().lexicon) else {
        return;
    };
    let detail = Some(format!("style: {}", d.words));
    if st.found_detail("css.content", Action::Removed, None, detail) {
        let _ = el.set_attribute("style", &entities::escape_attr(&d.css));
    }
}

fn judge_all(
    st: &mut State,
    el: &mut Element<'_, '_>,
    entries: &[&str],
    attr: &str,
    carrier: Carrier,
    rule: &'static str,
) {
    for entry in entries {
        match verdict(st, entry, Which::Hosts, carrier) {
            None => continue,
            Some((_, true)) => {}
            Some((target, false)) => {
                let _ = st.found(rule, Action::Removed, Some(target));
            }
        }
        if st.enforce() {
            el.remove_attribute(attr);
        }
        return;
    }
}

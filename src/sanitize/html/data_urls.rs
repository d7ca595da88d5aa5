//! Stage 6 (URL carriers): `data-*` attributes that hold a URL (`data-src`, `data-href`,
//! `data-url`, `data-lazy-src`, `data-srcset`, `data-bg`, `data-redirect`, any other name).
//! The site's own scripts turn them into requests and navigations (lazy loaders, click
//! overlays, background setters), and the script classifier trusts a whole `dataset` read
//! as the page's markup ([`crate::sanitize::script`]), so planted ones are judged here like
//! `href`/`src`: a value that is, or holds, a URL on a foreign host is removed with its
//! attribute (`data.foreign`, or the script rule of a `javascript:` value). May remove only
//! `data-*` attributes of the element.
//!
//! Security notes: the value is entity-decoded and parsed as the browser would (against
//! the current base; case, leading spaces, tabs, newlines and backslashes as WHATWG reads
//! them); every absolute or scheme-relative URL inside it (a `srcset` list, JSON options)
//! is judged too. A relative value (`/anh/1.jpg`, a word, JSON without URLs) or a `data:`
//! image stays byte-identical.

use lol_html::send::Element;

use crate::audit::Action;
use crate::sanitize::policy::Carrier;
use crate::sanitize::script::urls_in;

use super::attrs::Source;

use super::entities;
use super::state::{State, Which};
use super::url_attrs::verdict;

/// The audit rule of a foreign URL in a `data-*` attribute.
pub const RULE: &str = "data.foreign";

/// Whether the raw start tag may hold a `data-*` attribute (a cheap pre-check).
fn may_hold(tag: Option<&[u8]>) -> bool {
    tag.is_none_or(|t| t.windows(5).any(|w| w.eq_ignore_ascii_case(b"data-")))
}

/// Removes every `data-*` attribute of `el` whose value names a foreign URL.
pub fn strip(st: &mut State, el: &mut Element<'_, '_>, src: &Source) {
    if !may_hold(src.tag_bytes()) {
        return;
    }
    let names: Vec<String> = el
        .attributes()
        .iter()
        .map(|a| a.name())
        .filter(|n| n.starts_with("data-"))
        .collect();
    for name in names {
        let Some(raw) = src.attr(el, &name) else {
            continue;
        };
        let raw = raw.into_owned();
        if let Some(target) = foreign(st, &raw) {
            if let Some(t) = target {
                let _ = st.found_detail(RULE, Action::Removed, Some(t), Some(name.clone()));
            }
            if st.enforce() {
                el.remove_attribute(&name);
            }
        }
    }
}

/// `Some` when the value must go: `Some(target)` to audit here, `None` when the script
/// rule already did.
fn foreign(st: &mut State, raw: &str) -> Option<Option<String>> {
    let decoded = entities::decode(raw);
    let whole = std::iter::once(raw.to_string());
    let inner = urls_in(&decoded).collect::<Vec<_>>();
    for candidate in whole.chain(inner) {
        if let Some((target, scripted)) = verdict(st, &candidate, Which::Hosts, Carrier::Media) {
            return Some((!scripted).then_some(target));
        }
    }
    None
}

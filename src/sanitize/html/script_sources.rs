//! Stage 6 (loaders, threat B3): script sources kept in a `<script>` element's `data-*`
//! attributes. Delay loaders (WP Rocket's `data-rocket-src` on
//! `<script type="rocketlazyloadscript">`, `data-src` of lazy script loaders) turn them
//! into the element's `src` at run time, and the script classifier trusts such a read as
//! the page's own markup (`script::requests`). So each one is judged here as what it
//! becomes: a script `src`, against the script allow list (`script_src`, which may be
//! narrower than `allow`). A script element with a `data-*` value that is, or holds, a
//! script URL that is not allowed goes whole (`script.external`): its loader, or the
//! delayed script the page's loader would fetch. May remove only that element.
//!
//! Security note: values without a URL (`data-rocket-type="text/javascript"`, ids, JSON
//! without URLs) and same-site paths change nothing: the element stays byte for byte.

use lol_html::send::Element;

use crate::audit::Action;
use crate::sanitize::policy::Carrier;
use crate::sanitize::script::urls_in;

use super::attrs::Source;
use super::entities;
use super::state::{State, Which};
use super::url_attrs::verdict;

/// Removes `el` (a `<script>`) when one of its `data-*` attributes names a script source
/// that is not allowed. Returns whether it was removed (or, in report mode, reported).
pub fn foreign(st: &mut State, el: &mut Element<'_, '_>, src: &Source) -> bool {
    let names: Vec<String> = el
        .attributes()
        .iter()
        .map(|a| a.name())
        .filter(|n| n.starts_with("data-") && is_source(n))
        .collect();
    for name in names {
        let Some(raw) = src.attr(el, &name) else {
            continue;
        };
        let raw = raw.into_owned();
        let decoded = entities::decode(&raw).into_owned();
        let inner: Vec<String> = urls_in(&decoded).collect();
        for candidate in std::iter::once(raw).chain(inner) {
            let Some((target, scripted)) = verdict(st, &candidate, Which::Script, Carrier::Active)
            else {
                continue;
            };
            let reported = scripted
                || st.found_detail(
                    "script.external",
                    Action::Removed,
                    Some(target),
                    Some(format!("{name} of a script element")),
                );
            if reported && st.enforce() {
                el.remove();
            }
            return reported;
        }
    }
    false
}

/// A `data-*` name that a loader reads as a source: `data-src`, `data-rocket-src`,
/// `data-lazy-src`, `data-original-src`, `data-url`, `data-href`.
fn is_source(name: &str) -> bool {
    let n = name.trim_start_matches("data-");
    n.ends_with("src") || n.ends_with("url") || n.ends_with("href")
}

#[cfg(test)]
mod tests {
    use super::is_source;

    #[test]
    fn source_names() {
        for n in ["data-src", "data-rocket-src", "data-lazy-src", "data-url"] {
            assert!(is_source(n), "{n}");
        }
        for n in ["data-rocket-type", "data-id", "data-cfasync"] {
            assert!(!is_source(n), "{n}");
        }
    }
}

//! Stage 6 (doorway uploads): references in a page to files in the site's own upload and
//! code folders (`[site.uploads]`, see `sanitize::uploads`).
//!
//! - A `<script src>`, or a `<link>` that preloads a script (`modulepreload`, `preload`/
//!   `prefetch` `as=script|worker|serviceworker|sharedworker`), into an upload folder is
//!   removed (`upload.script`): the gateway refuses such a script anyway, and the element is
//!   a planted loader's trace.
//! - A link (`href`, `xlink:href`) to a page file there is a doorway link: it is handed to
//!   `anchor` like a foreign link, so that it is unwrapped and its spam text goes with it.
//! - The same holds for an allowed sister host's upload folders (`*.gov.vn` vouches for
//!   the agency, not for what was planted in its uploads), judged by the default folders;
//!   and any other link to a sister host is held by `anchor::sister`, so that it goes when
//!   its text is spam.
//!
//! Security note: the URL is entity-decoded and parsed against the current base, and its
//! path normalised as the upload check normalises request paths, so no spelling of the
//! path keeps a reference to a file the gateway refuses.

use std::sync::{Arc, Mutex};

use lol_html::send::Element;

use crate::audit::Action;
use crate::sanitize::policy::short;
use crate::sanitize::uploads::refs;

use super::anchor;
use super::attrs::Source;
use super::entities;
use super::state::State;

fn resolve(st: &State, raw: &str) -> Option<url::Url> {
    let decoded = entities::decode(raw);
    url::Url::options()
        .base_url(Some(&st.base))
        .parse(&decoded)
        .ok()
}

/// A script source on an admitted host (the site's own or an allowed sister's; a foreign
/// one is `script.external`): returns whether the element must go (enforce mode).
pub(crate) fn script(st: &mut State, raw: &str) -> bool {
    let Some(u) = resolve(st, raw) else {
        return false;
    };
    let admitted = u.host_str().is_some_and(|h| st.policy().hosts.allows(h));
    admitted
        && refs::refused_script(&st.site, &u)
        && st.found("upload.script", Action::Removed, Some(short(u.as_str())))
}

/// A `<link>` that fetches a script into an upload folder is removed.
pub(crate) fn preload(st: &mut State, el: &mut Element<'_, '_>, src: &Source) {
    // Read as the browser reads them: `rel="module&#112;reload"` is a module preload.
    let rel = entities::attr(el, "rel")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let dest = entities::attr(el, "as")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let fetching = |r: &str| rel.split_ascii_whitespace().any(|t| t == r);
    let scriptish = matches!(
        dest.trim(),
        "script" | "worker" | "serviceworker" | "sharedworker"
    );
    let loads =
        fetching("modulepreload") || ((fetching("preload") || fetching("prefetch")) && scriptish);
    if !loads {
        return;
    }
    if let Some(raw) = src.attr(el, "href")
        && script(st, &raw)
    {
        el.remove();
    }
}

/// Hands an allowed link to `anchor` when it is a doorway link (unwrapped like a foreign
/// one) or leads to a sister host (held for its text). Returns whether it did.
pub fn hold(
    shared: &Arc<Mutex<State>>,
    st: &mut State,
    el: &mut Element<'_, '_>,
    src: &Source,
) -> bool {
    if let Some(target) = doorway(st, el, src) {
        anchor::open(shared, st, el, target);
        return true;
    }
    if let Some(target) = sister(st, el, src) {
        anchor::sister(shared, st, el, target);
        return true;
    }
    false
}

/// The link's target when it leads to an allowed host other than the site's own (the
/// caller has found it allowed): such a link is held and judged by its text.
fn sister(st: &State, el: &Element<'_, '_>, src: &Source) -> Option<String> {
    ["href", "xlink:href"].into_iter().find_map(|name| {
        let raw = src.attr(el, name)?;
        // Only these can name another host (`//h`, `https:h`, `\\h`, or hidden in
        // references, escapes and stripped tabs); a plain path never leaves the base's.
        let plain = !raw.contains("//") && !raw.contains([':', '\\', '&', '%', '\t', '\n', '\r']);
        if plain && !refs::other_host(&st.site, &st.base) {
            return None;
        }
        let u = resolve(st, &raw)?;
        refs::other_host(&st.site, &u).then(|| short(u.as_str()))
    })
}

/// The doorway page a link leads to, if it does: the target to unwrap it under. A hidden
/// block holding it counts as holding a foreign link.
pub(crate) fn doorway(st: &mut State, el: &Element<'_, '_>, src: &Source) -> Option<String> {
    for name in ["href", "xlink:href"] {
        let Some(raw) = src.attr(el, name) else {
            continue;
        };
        if !refs::may_name_page(&raw) {
            continue;
        }
        let Some(u) = resolve(st, &raw) else {
            continue;
        };
        if refs::doorway_page(&st.site, &u) {
            let target = short(u.as_str());
            if let Some(b) = &mut st.block {
                b.foreign.get_or_insert_with(|| target.clone());
            }
            return Some(target);
        }
    }
    None
}

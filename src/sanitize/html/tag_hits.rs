//! Stage 6 (allowed-host abuse): analytics and tag-manager hits for a property that is not
//! the site's. `www.google-analytics.com` and `www.googletagmanager.com` are allowed on most
//! portals, so an image, frame, embed, link or beacon to `collect?tid=UA-ATTACKER`,
//! `g/collect?tid=G-ATTACKER` or `ns.html?id=GTM-ATTACKER` passes the host check and reports
//! the site's visitors (and its pages, for the attacker's SEO) to someone else's property.
//! When `[site.sanitize] tag_ids` is set, such an element goes under `script.tag_id`, as a
//! foreign container script does (`script::tags`). May remove only that element.
//!
//! Security note: every URL attribute of the element is read (entities decoded, resolved
//! against the current base); `ping` and `srcset` lists entry by entry. Relative URLs on the
//! site's own host never name a tag host and are skipped without parsing.

use lol_html::send::Element;

use crate::audit::Action;
use crate::sanitize::script::tags::RULE;

use super::attrs::Source;
use super::entities;
use super::state::State;

/// Attributes whose value is one URL.
const SINGLE: &[&str] = &[
    "src",
    "href",
    "data",
    "poster",
    "action",
    "formaction",
    "background",
    "xlink:href",
    "attributionsrc",
    "longdesc",
    "lowsrc",
];

/// Attributes whose value is a list of URLs.
const LISTS: &[&str] = &["ping", "srcset", "imagesrcset"];

/// Removes `el` when one of its URLs is a tag hit for a foreign id; returns whether it was
/// found (in report mode too).
pub(crate) fn strip(st: &mut State, el: &mut Element<'_, '_>, src: &Source) -> bool {
    if !st.policy().tag_ids.is_set() {
        return false;
    }
    let mut urls: Vec<String> = Vec::new();
    for name in SINGLE {
        urls.extend(src.attr(el, name).map(|v| v.into_owned()));
    }
    for name in LISTS {
        if let Some(v) = src.attr(el, name) {
            let d = entities::decode(&v);
            urls.extend(d.split([' ', ',', '\t', '\n']).map(str::to_string));
        }
    }
    let own_base = st
        .base
        .host_str()
        .is_some_and(|h| st.policy().hosts.is_own(h));
    let Some(id) = urls
        .iter()
        .filter(|u| !own_base || may_name_host(u))
        .find_map(|u| foreign_id(st, u))
    else {
        return false;
    };
    let found = st.found_detail(RULE, Action::Removed, Some(id), Some("tag hit".into()));
    if found {
        el.remove();
    }
    true
}

fn foreign_id(st: &State, raw: &str) -> Option<String> {
    let decoded = entities::decode(raw);
    st.policy().tag_ids.foreign_in_url(&decoded, &st.base)
}

/// A value that may name another host: not a plain path under the page's own host.
fn may_name_host(raw: &str) -> bool {
    raw.contains(':') || raw.contains("//") || raw.contains(['\\', '&', '%', '\t', '\n'])
}

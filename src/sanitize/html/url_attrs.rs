//! Stage 6 (encoded URLs, URL carriers): the verdict on one URL-carrying attribute, and
//! the two ways a foreign one goes: with its element (`carrier`) or alone (`Strip`).
//!
//! Security note: the value is judged after entity decoding and WHATWG parsing against the
//! current base (see `policy`); a `javascript:` URL is judged as a script, and removed only
//! when the script classifier finds it malicious (its own rule reports it).

use lol_html::send::Element;

use crate::audit::Action;
use crate::sanitize::policy::{Carrier, UrlVerdict};

use super::attrs::Source;
use super::state::{State, Which};

/// A URL attribute's verdict, with `javascript:` URLs judged as scripts. Returns the audit
/// target when the value must go.
pub(super) fn verdict(
    st: &mut State,
    raw: &str,
    set: Which,
    carrier: Carrier,
) -> Option<(String, bool)> {
    match st.judge(raw, set, carrier) {
        UrlVerdict::Allowed => None,
        UrlVerdict::Foreign(t) => Some((t, false)),
        UrlVerdict::Script(src) => {
            let v = st.judge_script(&src);
            (v != crate::sanitize::script::Verdict::Benign).then(|| {
                let target = crate::sanitize::policy::short(&format!("javascript:{src}"));
                let _ = st.script_found(v, "url.javascript");
                (target, true)
            })
        }
    }
}

/// Reports a foreign value under `rule` (a malicious script was already reported by the
/// classifier's rule); returns whether to apply the removal.
pub(super) fn must_go(st: &mut State, v: Option<(String, bool)>, rule: &'static str) -> bool {
    match v {
        None => false,
        Some((_, true)) => st.enforce(),
        Some((target, false)) => st.found(rule, Action::Removed, Some(target)),
    }
}

/// Removes the element when `attr` is foreign (or a malicious `javascript:` URL).
pub(super) fn carrier(
    st: &mut State,
    el: &mut Element<'_, '_>,
    src: &Source,
    attr: &str,
    set: Which,
    rule: &'static str,
) {
    let Some(raw) = src.attr(el, attr) else {
        return;
    };
    let v = verdict(st, &raw, set, Carrier::Active);
    if must_go(st, v, rule) {
        el.remove();
    }
}

/// The `<param>` names whose `value` a plug-in loads as a URL (Flash, Java, media players;
/// compared in any case).
const PARAM_URLS: &[&str] = &[
    "movie", "src", "url", "filename", "href", "code", "codebase", "base", "data", "source",
];

/// An `<object>`'s `<param name=movie value=…>`: its value is the object's source, so a
/// foreign one takes the element, like a foreign `data` (`object.foreign`).
pub(super) fn param(st: &mut State, el: &mut Element<'_, '_>, src: &Source) {
    if param_is_url(el.get_attribute("name").as_deref()) {
        carrier(st, el, src, "value", Which::Frame, "object.foreign");
    }
}

/// Whether a `<param>` of this `name` has a URL for its `value` ([`PARAM_URLS`]).
pub(super) fn param_is_url(name: Option<&str>) -> bool {
    name.is_some_and(|n| PARAM_URLS.iter().any(|u| n.trim().eq_ignore_ascii_case(u)))
}

/// How to judge an attribute that goes alone (the element stays) when it is foreign.
pub(super) struct Strip {
    pub(crate) set: Which,
    pub(crate) carrier: Carrier,
    /// The audit rule id.
    pub(crate) rule: &'static str,
}

/// A link-like attribute: `data:` counts as active.
pub(super) const FOREIGN_LINK: Strip = Strip {
    set: Which::Hosts,
    carrier: Carrier::Active,
    rule: "link.foreign",
};

/// A media source: `data:` images are fine.
pub(super) const FOREIGN_MEDIA: Strip = Strip {
    set: Which::Hosts,
    carrier: Carrier::Media,
    rule: "media.foreign",
};

impl Strip {
    /// Removes only the attribute `attr` when it is foreign; returns whether it was (in
    /// report mode too).
    pub(super) fn strip(
        &self,
        st: &mut State,
        el: &mut Element<'_, '_>,
        src: &Source,
        attr: &str,
    ) -> bool {
        let Some(raw) = src.attr(el, attr) else {
            return false;
        };
        let v = verdict(st, &raw, self.set, self.carrier);
        let foreign = v.is_some();
        if must_go(st, v, self.rule) {
            el.remove_attribute(attr);
        }
        foreign
    }
}

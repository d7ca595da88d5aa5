//! Stage 6 (allowed-host abuse): JSONP. A `<script src>` on an allowed host with a callback
//! parameter (`callback=`, `jsonp=`, `cb=`, …) runs whatever the endpoint writes back around
//! its data, and JSONP endpoints write back the callback as given: `callback=location.assign`
//! or `callback=alert(1);location='//bet'` make an allowed host serve the attacker's code.
//! May remove only that `<script>` element (rule `script.jsonp`).
//!
//! The rule, on the callback's value (percent- and entity-decoded):
//! - code (anything but a dotted name: calls, operators, quotes, brackets): removed, on
//!   every host, the site's own included;
//! - a name whose root is a global sink or builtin (`location`, `eval`, `alert`, `document`,
//!   `window`, `open`, `Function`, `setTimeout`, …): removed on every host;
//! - a dotted name (`a.b`) on a host that is not the site's own: removed (an allowed host's
//!   endpoint then calls into an object the attacker picked);
//! - a number-like value (`cb=1699999`, a cache buster) stays: written back it is a
//!   literal or a syntax error;
//! - a plain name (`initMap`, `jQuery3510_17`) stays: it calls a function of the page,
//!   which the page had to define in a script that the classifier judges. This keeps the
//!   Google Maps loader (`maps/api/js?callback=initMap`) and the site's own JSONP APIs.
//!
//! A script without such a parameter, or with an empty one, is left byte for byte.

use crate::audit::Action;
use crate::sanitize::policy::short;

use super::entities;
use super::state::State;

/// The audit rule of a removed JSONP script.
pub(crate) const RULE: &str = "script.jsonp";

/// Query parameters that JSONP endpoints read their callback from (any case).
const KEYS: &[&str] = &[
    "callback",
    "jsonp",
    "jsonpcallback",
    "jsoncallback",
    "jsonp_callback",
    "json_callback",
    "callback_name",
    "callbackname",
    "_callback",
    "cb",
    "call",
    "fn",
    "func",
    "function",
    "handler",
    "onload",
    "onready",
];

/// Globals that a callback must not name: navigation, code from strings, writing markup,
/// dialogs, and the objects that reach them.
const SINKS: &[&str] = &[
    "location",
    "eval",
    "execscript",
    "function",
    "settimeout",
    "setinterval",
    "setimmediate",
    "requestanimationframe",
    "queuemicrotask",
    "alert",
    "confirm",
    "prompt",
    "print",
    "open",
    "close",
    "stop",
    "fetch",
    "importscripts",
    "postmessage",
    "document",
    "window",
    "self",
    "top",
    "parent",
    "opener",
    "frames",
    "globalthis",
    "history",
    "navigation",
    "navigator",
    "reflect",
    "object",
    "constructor",
    "__proto__",
    "prototype",
    "import",
    "require",
    "define",
    "atob",
    "unescape",
    "decodeuricomponent",
    "jquery",
    "$",
];

/// Whether the `<script src>` value `raw` is a JSONP call whose callback must go; reports
/// it. Returns whether to remove the element (enforce mode).
pub(crate) fn refuse(st: &mut State, raw: &str) -> bool {
    if !may_have_callback(raw) {
        return false;
    }
    let decoded = entities::decode(raw);
    let Ok(u) = url::Url::options().base_url(Some(&st.base)).parse(&decoded) else {
        return false;
    };
    let Some(host) = u.host_str() else {
        return false;
    };
    let own = st.policy().hosts.is_own(host)
        || st
            .base
            .host_str()
            .is_some_and(|b| b.eq_ignore_ascii_case(host));
    let Some(callback) = bad_callback(&u, own) else {
        return false;
    };
    let detail = Some(format!("callback {}", short(&callback)));
    st.found_detail(RULE, Action::Removed, Some(short(u.as_str())), detail)
}

/// A cheap pre-filter on the raw value: a query (or something that may hide one).
fn may_have_callback(raw: &str) -> bool {
    raw.contains(['?', '&', '%'])
}

/// The callback value of `u` that must not run, if any (see the module docs).
pub(crate) fn bad_callback(u: &url::Url, own: bool) -> Option<String> {
    u.query()?;
    u.query_pairs()
        .filter(|(k, _)| KEYS.iter().any(|key| k.trim().eq_ignore_ascii_case(key)))
        .map(|(_, v)| v.trim().to_string())
        .find(|v| !v.is_empty() && !acceptable(v, own))
}

/// Whether a callback value is a name the page may call (see the module docs).
fn acceptable(value: &str, own: bool) -> bool {
    if is_number_like(value) {
        return true;
    }
    let parts: Vec<&str> = value.split('.').collect();
    if !parts.iter().all(|p| is_identifier(p)) {
        return false;
    }
    if parts.len() > 1 && !own {
        return false;
    }
    !parts
        .iter()
        .any(|p| SINKS.contains(&p.to_ascii_lowercase().as_str()))
}

/// A cache-busting value (`cb=1699999`, `v=1.2.3`, `cb=5f3a2b`): written back it is a number
/// literal or a syntax error, never a call of anything.
fn is_number_like(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
        && s.split('.')
            .all(|p| p.chars().all(|c| c.is_ascii_alphanumeric()))
        && s.split('.')
            .skip(1)
            .all(|p| !p.starts_with(|c: char| c.is_ascii_alphabetic()))
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(s: &str, own: bool) -> Option<String> {
        bad_callback(&url::Url::parse(s).unwrap(), own)
    }

    #[test]
    fn code_and_sinks_as_callbacks_are_refused() {
        for s in [
            "https://www.google.com/complete/search?client=chrome&q=a&callback=alert(1)",
            "https://www.google.com/x?jsonp=location.assign",
            "https://www.google.com/x?CB=window%5B%27loc%27%2B%27ation%27%5D%3D1",
            "https://www.google.com/x?callback=eval",
            "https://www.google.com/x?callback=a.b",
            "https://www.google.com/x?callback=x;location='//bet.test'",
            "https://www.google.com/x?jsonpCallback=document.write",
            "https://www.google.com/x?callback=%24",
            "https://www.google.com/x?cb=1..constructor",
            "https://www.google.com/x?cb=1-alert",
        ] {
            assert!(bad(s, false).is_some(), "{s}");
        }
        assert!(bad("https://p.gov.vn/api?callback=top.location.replace", true).is_some());
    }

    #[test]
    fn page_functions_and_plain_scripts_pass() {
        for s in [
            "https://maps.googleapis.com/maps/api/js?key=K&callback=initMap",
            "https://www.google.com/recaptcha/api.js?onload=onloadCallback&render=explicit",
            "https://www.google-analytics.com/analytics.js",
            "https://www.google.com/x?callback=",
            "https://www.google.com/x?q=callback",
            "https://www.google.com/x?cb=1699999",
            "https://www.google.com/x?cb=5f3a2b&v=1.2.3",
        ] {
            assert_eq!(bad(s, false), None, "{s}");
        }
        assert_eq!(bad("https://p.gov.vn/api?callback=App.render", true), None);
    }
}

//! Stage 6 (module loading): an import map (`<script type="importmap">`) decides where
//! every module specifier of the page is fetched from, so one planted entry turns the
//! site's own `import 'app'` into code from anywhere. Every address in `imports` and in
//! each of `scopes` is judged like a script's `src` (against the script allow list;
//! `data:`, `blob:` and `javascript:` are code, never allowed): one that fails removes the
//! whole map (`script.importmap`). A map that is not a JSON object is ignored by browsers
//! and removed here (fail closed). May remove only the map's element.
//!
//! Security note: addresses are resolved against the page's base as the browser resolves
//! them (the map's own keys are prefixes of specifiers, not fetched, and are not judged).

use serde_json::Value;

use crate::audit::Action;
use crate::sanitize::policy::Carrier;

use super::state::{State, Which};
use super::url_attrs::verdict;

/// The audit rule of a removed import map.
pub const RULE: &str = "script.importmap";

/// Whether a `<script type>` names an import map.
pub fn is_importmap(ty: &str) -> bool {
    ty.trim().eq_ignore_ascii_case("importmap")
}

/// Judges the map's text; `true` keeps it.
pub fn keep(st: &mut State, text: &str) -> bool {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(text) else {
        let detail = Some("not a JSON object".to_string());
        return !st.found_detail(RULE, Action::Removed, None, detail);
    };
    let mut addresses = Vec::new();
    if let Some(Value::Object(imports)) = map.get("imports") {
        addresses.extend(imports.values());
    }
    if let Some(Value::Object(scopes)) = map.get("scopes") {
        for scope in scopes.values() {
            if let Value::Object(entries) = scope {
                addresses.extend(entries.values());
            }
        }
    }
    for a in addresses {
        let Value::String(url) = a else { continue };
        if let Some((target, scripted)) = verdict(st, url, Which::Script, Carrier::Active) {
            return match scripted {
                true => !st.enforce(),
                false => !st.found(RULE, Action::Removed, Some(target)),
            };
        }
    }
    true
}

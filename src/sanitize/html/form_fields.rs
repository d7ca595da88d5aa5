//! Stage 6 (auto-submitted forms to allowed redirectors): the fields of a form, which a GET
//! submission turns into the query of its `action`. A form whose action is an allowed
//! host (`www.google.com/search`, `google.com/url`, a portal's `out.php`) passes the
//! action check, but its hidden fields make the submitted URL a redirector: `btnI` ("I'm
//! Feeling Lucky", a target chosen at run time), a DuckDuckGo `!ducky` query, or a
//! redirect parameter (`q`, `url`, `imgurl`, …) holding a foreign URL. Such a field loses
//! its `name` (a nameless control is not submitted) and its `value` (which a crawler would
//! read), under `form.redirector`; a form held by `form_hold` goes whole as well.
//!
//! A `<textarea>` or `<select>` of a held form, whose value is not in its start tag, and a
//! control whose own `formaction` is an allowed outside host are judged too (see
//! `form_hold`).
//!
//! Security note: judged on every form control whatever its form's action (a control can
//! join a form by `form=` from anywhere, and a button's `formaction` can change the
//! action), as the parameters mean the same on whichever redirector they reach.
//!
//! May touch: the `name` and `value` attributes of `input`, `button`, `select` and `textarea`.

use lol_html::send::Element;

use crate::audit::Action;
use crate::sanitize::policy::{Carrier, UrlVerdict};
use crate::sanitize::redirector;

use super::entities;
use super::form_owner::{self, Field};
use super::state::{State, Which};

/// The rule id of a neutralized field.
pub(crate) const RULE: &str = super::form_hold::RULE;

/// Judges one form control: a submitter's outside `formaction` with its form's fields
/// (`form_owner`), then its own `name` and `value`.
pub(crate) fn judge(st: &mut State, el: &mut Element<'_, '_>) {
    let form = entities::attr(el, "form");
    // A submit button's own `formaction` receives its form's fields when it submits.
    let own_action = entities::attr(el, "formaction")
        .and_then(|raw| super::form_hold::external_action(st, &raw));
    if let Some(action) = own_action.clone()
        && let Some(t) = form_owner::submitter(st, form.as_deref(), action)
    {
        let t = crate::sanitize::policy::short(&t);
        let detail = Some("submitter sends its form's fields to an allowed redirector".into());
        if st.found_detail(RULE, Action::Removed, Some(t), detail) {
            el.remove_attribute("formaction");
            el.remove_attribute("formmethod");
        }
    }
    let Some(name) = entities::attr(el, "name") else {
        return;
    };
    let value = entities::attr(el, "value").unwrap_or_default();
    let tag = el.tag_name();
    // A `<textarea>` or `<select>` carries its value outside its start tag: a held form's
    // textarea is judged on its text at its end (`form_hold`), a select on every value.
    let open = match tag.as_str() {
        "select" => true,
        "textarea" => !super::form_hold::defer_textarea(st, &name),
        _ => false,
    };
    let field = Field {
        name: name.clone(),
        value: (!content_valued(&tag)).then(|| value.clone()),
    };
    let joined = form_owner::field(st, form.as_deref(), field);
    let target = if let Some(t) = super::form_hold::field(st, &name, &value) {
        Some(t)
    } else if let Some(t) = open
        .then(|| super::form_hold::open_field(st, &name))
        .flatten()
    {
        Some(t)
    } else if let Some(t) = joined {
        Some(t)
    } else if let Some(t) = own_action.and_then(|a| super::form_hold::leaves(st, &a, &name, &value))
    {
        Some(t)
    } else if redirector::blind_field(&name, &value) {
        Some(format!("{name}={value}"))
    } else if redirector::is_target_key(&name) && !value.trim().is_empty() {
        let inner = redirector::decode_value(&value);
        match st.judge(&inner, Which::Hosts, Carrier::Active) {
            UrlVerdict::Foreign(t) => Some(t),
            _ => None,
        }
    } else {
        None
    };
    let Some(target) = target else {
        return;
    };
    let target = crate::sanitize::policy::short(&target);
    if st.found(RULE, Action::Removed, Some(target)) {
        el.remove_attribute("name");
        el.remove_attribute("value");
    }
}

fn content_valued(tag: &str) -> bool {
    matches!(tag, "select" | "textarea")
}

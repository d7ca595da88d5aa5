//! Stage 6 (auto-submitted forms through an allowed redirector, threat B7): a form whose
//! `action` is an allowed host that is not the site's own (`www.google.com/search`,
//! `google.com/url`, `l.facebook.com/l.php`, `vk.com/away.php`) is held from its start tag
//! to its end tag, and its fields are judged together with the action, as the browser
//! submits them: `action?name=value`. A field that makes that URL leave the site (`btnI`,
//! a `q`/`u`/`to` holding a foreign URL or, on Google's redirectors, a bare foreign host)
//! removes the whole form, its script handlers and autofocus included (`form.redirector`,
//! action `removed`): once a script submits it, a form to a search page takes the visitor
//! off the site even without the field. The field itself also loses its name
//! (`form_fields`), so a form too long to hold still submits nothing that leaves.
//!
//! A `<textarea>` or `<select>` of a held form carries its value outside its start tag
//! (text, options, or what the page fills in): it counts as leaving when some value would
//! make the submission leave ([`open_field`]). A control's own `formaction` to an allowed
//! outside host is judged with the control's own `name=value` (see `form_fields`).
//!
//! Security notes:
//! - The hold is bounded by `max_hidden_block`; past it a form not yet judged is released
//!   as it stands (its later fields are still judged against its action and neutralized
//!   one by one), and one judged to go is cut as it grows.
//! - Only the outermost form is held (the HTML parser ignores a nested `<form>`).
//! - A site search form to Google (a visible `q`, a `sitesearch` naming the portal) has no
//!   such field and comes through byte for byte.

use std::sync::{Arc, Mutex};

use lol_html::html_content::EndTag;
use lol_html::send::Element;

use crate::audit::Action;
use crate::sanitize::policy::{Carrier, UrlVerdict, short};

use super::entities;
use super::state::{State, Which};

/// The rule id of a removed form (and of a neutralized field, see `form_fields`).
pub(crate) const RULE: &str = "form.redirector";

/// A form held until its end tag.
#[derive(Debug)]
pub(crate) struct FormHold {
    /// Where its start tag begins in `State::out`; `None` once released (its fields are
    /// still judged against its action).
    pub(crate) mark: Option<usize>,
    action: url::Url,
    /// The first field that made the form leave the site.
    bad: Option<String>,
    /// A `<textarea>` whose text (its value) is judged at its end tag.
    textarea: Option<String>,
}

/// At a form's start tag (after its action was judged): holds it when its action is an
/// allowed host other than the site's own, and tracks it (`form_owner`) whatever its action.
pub(crate) fn open(shared: &Arc<Mutex<State>>, st: &mut State, el: &mut Element<'_, '_>) {
    // The HTML parser ignores a nested `<form>`.
    let nested = st.form.is_some() || super::form_owner::current(st).is_some();
    if nested || el.removed() || !el.can_have_content() {
        return;
    }
    let raw = entities::attr(el, "action").unwrap_or_default();
    // A foreign action is `form.foreign`'s (also in report mode, where it stays).
    let action = external_action(st, &raw);
    let shared = Arc::clone(shared);
    let ok = el.on_end_tag(Box::new(move |end: &mut EndTag<'_>| {
        let mut st = shared.lock().map_err(|_| "sanitizer state poisoned")?;
        close(&mut st, Some(end));
        Ok(())
    }));
    if ok.is_err() {
        return;
    }
    if let Some(action) = &action {
        st.form = Some(FormHold {
            mark: Some(st.out.len()),
            action: action.clone(),
            bad: None,
            textarea: None,
        });
    }
    if let Some(target) = super::form_owner::open(st, el, action) {
        mark_bad(st, target);
    }
}

/// The held form leaves the site (a control or script outside it says so).
pub(crate) fn mark_bad(st: &mut State, target: String) {
    if let Some(f) = &mut st.form {
        f.bad.get_or_insert(target);
    }
}

/// Judges one field of the held form, if any, as the URL its submission would ask for;
/// returns the target when it leaves the site.
pub(crate) fn field(st: &mut State, name: &str, value: &str) -> Option<String> {
    let action = st.form.as_ref()?.action.clone();
    let target = leaves(st, &action, name, value)?;
    if let Some(f) = &mut st.form {
        f.bad.get_or_insert_with(|| target.clone());
    }
    Some(target)
}

/// Values that a field whose value is not in its start tag (a `<textarea>`'s text, a
/// `<select>`'s options, filled in by the page or a script) may carry: an absolute URL, a
/// bare host, and Google's cache prefix, all to a host that is never allowed.
const PROBES: [&str; 3] = [
    "https://probe.invalid/",
    "probe.invalid/x",
    "cache:probe.invalid/x",
];

/// A held form's field whose value is not in its start tag (`textarea`, `select`): it
/// counts as leaving the site when some value of it would make the submission leave, as
/// nothing in the start tag says which value it submits.
pub(crate) fn open_field(st: &mut State, name: &str) -> Option<String> {
    let action = st.form.as_ref()?.action.clone();
    let target = leaves_some(st, &action, name)?;
    mark_bad(st, target.clone());
    Some(target)
}

/// Whether some value of the field `name` (one of [`PROBES`]) would make a submission to
/// `action` leave the site.
pub(crate) fn leaves_some(st: &State, action: &url::Url, name: &str) -> Option<String> {
    PROBES
        .iter()
        .find_map(|v| leaves(st, action, name, v))
        .map(|_| format!("{name}=… (a value set outside the start tag)"))
}

/// A `<textarea>` called `name` of a held form: its value is its text, judged at its end
/// tag ([`textarea_text`]); returns whether it was deferred so (a released form's is
/// judged at once on every value, see [`open_field`]).
pub(crate) fn defer_textarea(st: &mut State, name: &str) -> bool {
    textarea_text(st, None);
    match &mut st.form {
        Some(f) if f.mark.is_some() => {
            f.textarea = Some(name.to_string());
            true
        }
        _ => false,
    }
}

/// The end of a deferred `<textarea>`: its text, decoded, is the value it submits (an
/// empty one is typed by the visitor; a script filling it is `form_scripts`'). Unread
/// (`None`: too long, or never captured) it counts as any value.
pub(crate) fn textarea_text(st: &mut State, text: Option<&str>) {
    let Some(name) = st.form.as_mut().and_then(|f| f.textarea.take()) else {
        return;
    };
    match text {
        // The parser drops one newline right after the start tag.
        Some(raw) => {
            let value = entities::decode(raw.strip_prefix('\n').unwrap_or(raw)).into_owned();
            field(st, &name, &value);
        }
        None => {
            open_field(st, &name);
        }
    }
}

/// The target of `action?name=value` (as a GET submission asks for it) when it leaves the
/// site through a redirector on an allowed host.
pub(crate) fn leaves(st: &State, action: &url::Url, name: &str, value: &str) -> Option<String> {
    let mut submitted = action.clone();
    submitted.set_fragment(None);
    submitted.query_pairs_mut().clear().append_pair(name, value);
    let verdict =
        crate::sanitize::policy::judge_parsed(&submitted, st.set(Which::Form), Carrier::Active);
    match verdict {
        UrlVerdict::Foreign(target) => Some(target),
        _ => None,
    }
}

/// The `formaction` of a control when it is an allowed host other than the site's own:
/// the control's own `name=value` is submitted there when it is the submitter.
pub(crate) fn external_action(st: &State, raw: &str) -> Option<url::Url> {
    let action = url::Url::options()
        .base_url(Some(&st.base))
        .parse(raw.trim())
        .ok()?;
    let hosts = st.set(Which::Form);
    let external = action
        .host_str()
        .is_some_and(|h| hosts.allows(h) && !st.policy().hosts.is_own(h));
    (external && matches!(action.scheme(), "http" | "https")).then_some(action)
}

/// The form's end (or the document's): a form with a redirector field goes whole.
pub(crate) fn close(st: &mut State, end: Option<&mut EndTag<'_>>) {
    if let Some(target) = super::form_scripts::closing(st) {
        mark_bad(st, target);
    }
    super::form_owner::close(st);
    textarea_text(st, None);
    let Some(form) = st.form.take() else {
        return;
    };
    let Some(target) = form.bad else {
        return;
    };
    let detail = match form.mark {
        Some(_) => "auto-submittable form to an allowed redirector: removed whole",
        None => "form to an allowed redirector past the hold bound: its fields neutralized",
    };
    let apply = st.found_detail(
        RULE,
        Action::Removed,
        Some(short(&target)),
        Some(detail.into()),
    );
    if let (true, Some(mark)) = (apply, form.mark) {
        let len = st.out.len();
        super::hold::cut(st, mark, len);
        if let Some(end) = end {
            end.remove();
        }
    }
}

/// Keeps the hold bounded: past `max_hidden_block` a form already judged to go is cut as
/// it grows (what follows is part of what goes); any other is released as it stands.
pub(crate) fn check(st: &mut State) {
    let limit = st.policy().max_hidden_block;
    let Some(f) = &st.form else {
        return;
    };
    let Some(mark) = f.mark.filter(|m| st.out.len().saturating_sub(*m) > limit) else {
        return;
    };
    if f.bad.is_some() && st.enforce() {
        let len = st.out.len();
        super::hold::cut(st, mark, len);
    } else if let Some(f) = &mut st.form {
        f.mark = None;
    }
}

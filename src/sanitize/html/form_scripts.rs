//! Stage 6 (auto-submitted forms through an allowed redirector, threat B7): a script that
//! drives a form to an allowed outside host. `gf.appendChild(btnI); gf.submit()`, or
//! `gf.q.value = 'cache:bet.test'`: the script adds or fills the fields that make the
//! submission leave the site (a lucky search, a `google.com/url?q=…`), so no field in the
//! markup shows it. And a form to a search page that a script submits takes the visitor
//! off the site even with harmless fields.
//!
//! Model: a script *drives* a form when it names it (its `id` or `name` as a word, or all
//! forms: `document.forms`, `'form'` as a selector or tag name) and submits, clicks, builds
//! or writes something ([`SINKS`]). A driven form whose submission can reach an allowed
//! outside host (its action, or a submitter's `formaction`, see `form_owner`) is a
//! redirector (`form.redirector`):
//! - a script before the form (or inside it) makes the held form go whole at its end;
//! - a script after the form, whose bytes are already sent, goes itself.
//!
//! The same holds for `on*` handlers. A site search that no script drives (a visible
//! `q` box, an empty `<textarea>`) stays: the visitor types what it submits.
//!
//! Security notes: read on the script's text, not run; over-matching (a word that is also
//! a variable) costs a site search driven by a script, never a redirect. A script that
//! builds the form's id at run time, and external scripts, are not read here. Bounded: at
//! most [`MAX_WORDS`] words of driving scripts are kept for forms still to come.

use std::collections::HashSet;

use crate::audit::Action;

use super::form_owner::{self, Track};
use super::script_changes::squeeze;
use super::state::State;

/// Words of driving scripts kept for forms to come.
const MAX_WORDS: usize = 4096;
/// The longest word kept.
const MAX_WORD: usize = 64;

/// What submits a form, or builds or writes its fields (lower case, whitespace removed).
const SINKS: &[&str] = &[
    ".submit(",
    "requestsubmit(",
    ".click(",
    "dispatchevent(",
    "createelement(",
    "appendchild(",
    ".append(",
    ".prepend(",
    "insertadjacenthtml(",
    "insertadjacentelement(",
    "innerhtml=",
    "innerhtml+=",
    "outerhtml=",
    ".value=",
    ".action=",
    ".name=",
    "setattribute(",
    ".val(",
    ".attr(",
];

/// What names every form.
const ALL_FORMS: &[&str] = &[
    "document.forms",
    "'form'",
    "\"form\"",
    "`form`",
    "'form:",
    "\"form:",
];

/// Words of driving scripts seen so far, for forms still to come.
#[derive(Debug, Default)]
pub(crate) struct Driven {
    words: HashSet<String>,
    all_forms: bool,
}

/// At a form's end: the target when a driving script before it (or inside it) named it and
/// its submission can reach an allowed outside host.
pub(crate) fn closing(st: &State) -> Option<String> {
    let track = form_owner::current(st).filter(|t| t.external())?;
    let d = &st.driven;
    let named = d.all_forms || names(track).any(|n| d.words.contains(&n));
    named.then(|| target(track))
}

/// An inline script or handler: learns what it drives; returns whether it must go (it
/// drives a form to an allowed outside host that was already sent).
pub(crate) fn script(st: &mut State, code: &str) -> bool {
    let code = squeeze(code).to_ascii_lowercase();
    if !drives(&code) {
        return false;
    }
    let all_forms = ALL_FORMS.iter().any(|f| code.contains(f));
    let words: HashSet<&str> = code
        .split(|c: char| !is_word(c))
        .filter(|w| !w.is_empty() && w.len() <= MAX_WORD)
        .collect();
    st.driven.all_forms |= all_forms;
    for w in &words {
        if st.driven.words.len() >= MAX_WORDS {
            break;
        }
        st.driven.words.insert((*w).to_string());
    }
    let hit = |t: &Track| all_forms || names(t).any(|n| words.contains(n.as_str()));
    // Inside a held form: the form goes whole, the script with it.
    if let Some(t) = form_owner::current(st).filter(|t| t.external() && hit(t)) {
        let target = target(t);
        super::form_hold::mark_bad(st, target);
        if st.form.is_some() {
            return false;
        }
    }
    let Some(target) = form_owner::external_closed(st).find(|t| hit(t)).map(target) else {
        return false;
    };
    let detail = "script driving a form to an allowed redirector: removed".to_string();
    st.found_detail(
        super::form_hold::RULE,
        Action::Removed,
        Some(target),
        Some(detail),
    )
}

fn drives(code: &str) -> bool {
    SINKS.iter().any(|s| {
        code.match_indices(s)
            .any(|(i, _)| !s.ends_with('=') || code.as_bytes().get(i + s.len()) != Some(&b'='))
    })
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '-')
}

/// The form's id and name, lower case.
fn names(t: &Track) -> impl Iterator<Item = String> + '_ {
    t.id.iter()
        .chain(&t.name)
        .filter(|n| !n.is_empty())
        .map(|n| n.to_ascii_lowercase())
}

fn target(t: &Track) -> String {
    let name = t.id.as_deref().or(t.name.as_deref()).unwrap_or("");
    format!("form {name} driven by a script")
}

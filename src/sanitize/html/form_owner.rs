//! Stage 6 (auto-submitted forms through an allowed redirector, threat B7): what joins a form
//! from outside its own tags. A control with `form="id"` is submitted with the form that has
//! that id wherever it stands (before or after it), and a submitter's `formaction` sends
//! the *form's* fields, not only its own, to another action. So a form to the site's own
//! search, or one whose fields are all harmless, still leaves through an allowed
//! redirector (`google.com/url`, a `btnI` search) when such a control or submitter says so.
//!
//! Every form is tracked from its start tag to its end tag (its `id`, `name`, its action
//! when that is an allowed outside host, the outside actions its submitters add, and its
//! fields); forms with an `id` or `name` are kept after their end, so that a later control
//! or script is judged against them (see `form_scripts`).
//!
//! - A control that joins a known form is judged against every outside action of that form;
//!   one that leaves loses its `name` and `value` (`form_fields`), or, named before the
//!   form, makes the held form go whole (`form_hold`).
//! - A submitter whose `formaction` is an allowed outside host is judged with every field
//!   its form has so far; when one leaves, the submitter loses its `formaction`. Its action
//!   is added to the form's, so the fields that follow are judged against it too.
//!
//! Security notes:
//! - Bounded: [`MAX_FORMS`] kept forms, [`MAX_FIELDS`] fields each, [`MAX_PENDING`]
//!   forward references; past a bound the oldest go (a field then is judged only on its
//!   own, as `form_fields` does for any control).
//! - `formmethod` is not read: a POST to a redirector is judged as a GET (fail closed).
//! - Left open: a control and a submitter that both name a form not yet seen are already
//!   sent when the form comes; only its own later fields are judged against that action.

use lol_html::send::Element;

use super::entities;
use super::form_hold;
use super::state::State;

/// Forms kept after their end tag.
const MAX_FORMS: usize = 16;
/// Fields kept per form.
const MAX_FIELDS: usize = 64;
/// Controls and submitters that name a form not yet seen.
const MAX_PENDING: usize = 32;

/// The forms of one document.
#[derive(Debug, Default)]
pub(crate) struct Owners {
    current: Option<Track>,
    closed: Vec<Track>,
    pending: Vec<(String, Pending)>,
}

/// One form.
#[derive(Debug, Default)]
pub(crate) struct Track {
    pub(crate) id: Option<String>,
    pub(crate) name: Option<String>,
    /// Its own action, when an allowed outside host (judged by `form_hold` while held).
    own: Option<url::Url>,
    /// Outside actions its submitters add.
    extra: Vec<url::Url>,
    fields: Vec<Field>,
}

impl Track {
    /// Whether its submission can reach an allowed outside host.
    pub(crate) fn external(&self) -> bool {
        self.own.is_some() || !self.extra.is_empty()
    }

    fn named(&self, id: &str) -> bool {
        self.id.as_deref() == Some(id)
    }
}

/// A field: its name and, unless set outside its start tag (`None`), its value.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) value: Option<String>,
}

#[derive(Debug)]
enum Pending {
    Field(Field),
    Action(url::Url),
}

/// At a form's start tag (not nested): starts its track; returns what earlier controls that
/// named it make it submit outside the site, if anything.
pub(crate) fn open(st: &mut State, el: &Element<'_, '_>, own: Option<url::Url>) -> Option<String> {
    let mut track = Track {
        id: entities::attr(el, "id").map(|s| s.trim().to_string()),
        name: entities::attr(el, "name").map(|s| s.trim().to_string()),
        own,
        ..Track::default()
    };
    let id = track.id.clone().unwrap_or_default();
    let (mine, rest) = std::mem::take(&mut st.owners.pending)
        .into_iter()
        .partition(|(form, _)| !id.is_empty() && *form == id);
    st.owners.pending = rest;
    let mut fields = Vec::new();
    for (_, p) in mine {
        match p {
            Pending::Action(a) => track.extra.push(a),
            Pending::Field(f) => fields.push(f),
        }
    }
    let actions: Vec<url::Url> = track.own.iter().chain(&track.extra).cloned().collect();
    let bad = fields
        .iter()
        .find_map(|f| actions.iter().find_map(|a| judge(st, a, f)));
    track.fields = fields;
    st.owners.current = Some(track);
    bad
}

/// The track of the form open around the current point.
pub(crate) fn current(st: &State) -> Option<&Track> {
    st.owners.current.as_ref()
}

/// At a form's end (or the document's): keeps its track when something can name it.
pub(crate) fn close(st: &mut State) {
    let Some(track) = st.owners.current.take() else {
        return;
    };
    if track.id.is_none() && track.name.is_none() {
        return;
    }
    if st.owners.closed.len() >= MAX_FORMS {
        st.owners.closed.remove(0);
    }
    st.owners.closed.push(track);
}

/// Kept forms whose submission can reach an allowed outside host.
pub(crate) fn external_closed(st: &State) -> impl Iterator<Item = &Track> {
    st.owners.closed.iter().filter(|t| t.external())
}

/// A control's field: recorded with its form; returns the target when the form's outside
/// actions (those `form_hold` does not already judge) would take it off the site.
pub(crate) fn field(st: &mut State, form: Option<&str>, field: Field) -> Option<String> {
    let Some(at) = locate(st, form) else {
        if let Some(id) = form {
            pend(st, id, Pending::Field(field));
        }
        return None;
    };
    let track = track_mut(st, at);
    // The open form's own action is `form_hold`'s, which judges every control while held.
    let actions: Vec<url::Url> = match at {
        At::Current => track.extra.clone(),
        At::Closed(_) => track.own.iter().chain(&track.extra).cloned().collect(),
    };
    if track.fields.len() < MAX_FIELDS {
        track.fields.push(field.clone());
    }
    actions.iter().find_map(|a| judge(st, a, &field))
}

/// A submitter whose `formaction` is an allowed outside host: returns the target when some
/// field its form has so far would leave the site there. The action is added to the form's.
pub(crate) fn submitter(st: &mut State, form: Option<&str>, action: url::Url) -> Option<String> {
    let Some(at) = locate(st, form) else {
        if let Some(id) = form {
            pend(st, id, Pending::Action(action));
        }
        return None;
    };
    let track = track_mut(st, at);
    let fields = track.fields.clone();
    if track.extra.len() < MAX_FIELDS {
        track.extra.push(action.clone());
    }
    fields.iter().find_map(|f| judge(st, &action, f))
}

/// The submission of `field` to `action`, when it leaves the site.
fn judge(st: &State, action: &url::Url, field: &Field) -> Option<String> {
    match &field.value {
        Some(v) => form_hold::leaves(st, action, &field.name, v),
        None => form_hold::leaves_some(st, action, &field.name),
    }
}

/// Where a control's form is kept.
#[derive(Debug, Clone, Copy)]
enum At {
    Current,
    Closed(usize),
}

/// The form a control belongs to: the one its `form` attribute names, else the open one.
fn locate(st: &State, form: Option<&str>) -> Option<At> {
    let o = &st.owners;
    let Some(id) = form.map(str::trim) else {
        return o.current.as_ref().map(|_| At::Current);
    };
    if o.current.as_ref().is_some_and(|t| t.named(id)) {
        return Some(At::Current);
    }
    o.closed.iter().rposition(|t| t.named(id)).map(At::Closed)
}

fn track_mut(st: &mut State, at: At) -> &mut Track {
    let o = &mut st.owners;
    match at {
        At::Current => o.current.get_or_insert_with(Track::default),
        At::Closed(i) => &mut o.closed[i],
    }
}

fn pend(st: &mut State, id: &str, p: Pending) {
    let id = id.trim();
    if id.is_empty() {
        return;
    }
    if st.owners.pending.len() >= MAX_PENDING {
        st.owners.pending.remove(0);
    }
    st.owners.pending.push((id.to_string(), p));
}

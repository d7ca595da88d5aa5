//! Stage 6 (planted spam: hidden and disguised links): the text of a foreign link.
//!
//! A link to an unapproved host is unwrapped (or removed, per `link_action`), but on a
//! defaced portal its text *is* the payload: betting keywords that a crawler indexes. So the
//! anchor's content is held (see `hold`) from its start tag to its end tag, then judged with
//! the lexicon, together with the words of the link's host and the `alt`/`title` of what it
//! holds (an image link's alt text is its anchor text). Spam goes with the link
//! (`link.spam_text`); ordinary text stays, unwrapped (`link.foreign`): an agency page that
//! links a newspaper keeps its sentence.
//!
//! Security notes:
//! - The hold is bounded by `max_hidden_block`. Past it the text held so far is judged: if
//!   it is spam, it is cut and the rest of the anchor is dropped as it streams; if not, the
//!   anchor is released unwrapped. Spam hidden behind more than that much ordinary anchor
//!   text is the one case that passes.
//! - An anchor cut off by the end of the document is decided there, like a hidden block.
//! - The same code runs inside raw-text containers (nested rewriters), so `noscript`,
//!   `noembed`, `noframes`, `xmp` and an iframe's fallback body are covered too.
//! - A link to an allowed host other than the site's own (a sister agency, or any host a
//!   wildcard such as `*.gov.vn` admits) is held the same way ([`sister`]) but kept, tags
//!   and all, unless its text is spam: the allow list vouches for the host, not for a
//!   betting advert an attacker pointed at a page planted there (issues 37 and 38).

use std::sync::{Arc, Mutex};

use lol_html::html_content::EndTag;
use lol_html::send::Element;

use crate::audit::Action;
use crate::sanitize::config::LinkAction;

use super::state::State;
use super::{container, entities, hold};

/// How many anchors may be held inside each other; deeper ones are decided at once.
const MAX_OPEN: usize = 16;

/// The held content of one foreign anchor.
#[derive(Debug)]
pub(crate) struct Hold {
    id: u64,
    /// Where the anchor's content starts in `State::out`.
    pub(crate) mark: usize,
    target: String,
    /// `link_action = "remove"`: the text goes whatever it says.
    remove: bool,
    /// An SVG link that is not (yet) foreign: judged only if an `<animate>`/`<set>` inside
    /// re-targets it (then `retargeted` is set).
    watch: bool,
    retargeted: bool,
    /// A link to an allowed sister host (watched too): cut only when its text is spam.
    sister: bool,
    /// Cut past the bound (`Some(spam)`): what follows is dropped as it comes.
    dropping: Option<bool>,
}

/// Unwraps (or removes) a foreign link and holds its content until its end tag.
pub(crate) fn open(
    shared: &Arc<Mutex<State>>,
    st: &mut State,
    el: &mut Element<'_, '_>,
    target: String,
) {
    let remove = st.policy().link_action == LinkAction::Remove;
    if !el.can_have_content() || st.anchors.len() >= MAX_OPEN {
        return at_once(st, el, target, remove);
    }
    if !register(shared, st, el) {
        return at_once(st, el, target, remove);
    }
    if st.enforce() {
        el.remove_and_keep_content();
    }
    push(st, target, remove, false);
}

/// Holds an SVG link's content in case an animation inside re-targets it.
pub(crate) fn watch(shared: &Arc<Mutex<State>>, st: &mut State, el: &mut Element<'_, '_>) {
    if el.can_have_content() && st.anchors.len() < MAX_OPEN && register(shared, st, el) {
        push(st, String::new(), false, true);
    }
}

/// Holds a link to an allowed sister host: it goes with its text when the text is spam,
/// and is kept untouched otherwise. An SVG link is watched for re-targeting as well.
pub fn sister(
    shared: &Arc<Mutex<State>>,
    st: &mut State,
    el: &mut Element<'_, '_>,
    target: String,
) {
    if el.can_have_content() && st.anchors.len() < MAX_OPEN && register(shared, st, el) {
        push(st, target, false, true);
        if let Some(h) = st.anchors.last_mut() {
            h.sister = true;
        }
    }
}

/// An `<animate>`/`<set>` re-targeted the innermost watched link to a foreign host.
pub(crate) fn retargeted(st: &mut State) {
    if let Some(h) = st.anchors.last_mut().filter(|h| h.watch) {
        h.retargeted = true;
        h.target = "svg animation".into();
    }
}

/// Registers the end-tag handler of the next hold.
fn register(shared: &Arc<Mutex<State>>, st: &mut State, el: &mut Element<'_, '_>) -> bool {
    st.hold_ids += 1;
    let id = st.hold_ids;
    let shared = Arc::clone(shared);
    el.on_end_tag(Box::new(move |end: &mut EndTag<'_>| {
        let mut st = shared.lock().map_err(|_| "sanitizer state poisoned")?;
        // A watched link keeps its tags unless it is cut.
        if close(&mut st, id) {
            end.remove();
        }
        Ok(())
    }))
    .is_ok()
}

fn push(st: &mut State, target: String, remove: bool, watch: bool) {
    let id = st.hold_ids;
    let mark = st.out.len();
    st.anchors.push(Hold {
        id,
        mark,
        target,
        remove,
        watch,
        retargeted: false,
        sister: false,
        dropping: None,
    });
}

/// The old, unheld way: for an anchor that cannot have content or nests too deep.
fn at_once(st: &mut State, el: &mut Element<'_, '_>, target: String, remove: bool) {
    let action = if remove {
        Action::Removed
    } else {
        Action::Unwrapped
    };
    if st.found("link.foreign", action, Some(target)) {
        if remove {
            el.remove();
        } else {
            el.remove_and_keep_content();
        }
    }
}

/// The end tag of anchor `id`: decides it, and any anchor left open inside it. Returns
/// whether its content was cut.
fn close(st: &mut State, id: u64) -> bool {
    let Some(i) = st.anchors.iter().position(|h| h.id == id) else {
        return false;
    };
    let mut cut = false;
    while st.anchors.len() > i {
        if let Some(h) = st.anchors.pop() {
            cut = decide(st, h);
        }
    }
    cut
}

/// Decides the innermost open anchor (at the end of the document).
pub(crate) fn close_innermost(st: &mut State) -> bool {
    match st.anchors.pop() {
        Some(h) => {
            let _ = decide(st, h);
            true
        }
        None => false,
    }
}

/// The words of a link's host (`nha-cai-uy-tin.test` reads "nha cai uy tin test").
fn host_words(target: &str) -> String {
    url::Url::parse(target)
        .ok()
        .and_then(|u| u.host_str().map(|h| h.replace(['.', '-'], " ")))
        .unwrap_or_default()
}

/// The lexicon's words when the held text (with the host's words) is spam, or when the text
/// alone is one betting term: a short weak keyword scores too little, yet as the whole text of
/// a foreign link it is the advert itself.
fn spam_words(st: &State, h: &Hold) -> Option<String> {
    let mark = h.mark.min(st.out.len());
    let held = super::held_text::text(&st.out[mark..], st.encoding);
    let held = entities::decode(&held);
    let lexicon = &st.policy().lexicon;
    if h.sister && !h.retargeted {
        return sister_spam(lexicon, &held);
    }
    if let Some(term) = lexicon.whole_term(&held) {
        return Some(term);
    }
    let hits = lexicon.scan(&format!("{held} {}", host_words(&h.target)));
    // A foreign link carries an advert: one betting word in it is enough, unless the text
    // reads as news (a headline that links a newspaper).
    let betting = hits.score > 0 && !lexicon.profile(&held).is_editorial();
    (hits.is_spam() || betting).then(|| hits.words.join(", "))
}

/// The spam words of a link to an allowed sister host. The allowed host is a government or
/// school site that reports on gambling ("Bộ Công an cảnh báo chiêu lừa tài xỉu"), so only
/// the text is judged (`xoso.gov.vn` is the state lottery), a lone betting word is not
/// enough, and a text in editorial context (reporting, law enforcement) is not spam.
fn sister_spam(lexicon: &crate::sanitize::lexicon::Lexicon, held: &str) -> Option<String> {
    let hits = lexicon.scan(held);
    (hits.is_spam() && !lexicon.profile(held).is_editorial()).then(|| hits.words.join(", "))
}

/// Decides a hold; returns whether its content was cut.
fn decide(st: &mut State, h: Hold) -> bool {
    if let Some(spam) = h.dropping {
        return finish_cut(st, h.mark, spam);
    }
    if h.watch {
        return decide_watched(st, h);
    }
    let spam = spam_words(st, &h);
    let cut = spam.is_some() || h.remove;
    let (rule, action) = match (&spam, h.remove) {
        (Some(_), _) => ("link.spam_text", Action::Removed),
        (None, true) => ("link.foreign", Action::Removed),
        (None, false) => ("link.foreign", Action::Unwrapped),
    };
    let detail = spam.as_ref().map(|w| format!("link text: {w}"));
    let mark = h.mark;
    st.found_detail(rule, action, Some(h.target), detail);
    if spam.is_some() {
        super::spam_block::spam_link_cut(st, mark);
    }
    cut && finish_cut(st, mark, spam.is_some())
}

/// A watched SVG link: its text goes only when an animation re-targeted it and it is spam
/// (the animation itself was reported when its attribute was stripped).
fn decide_watched(st: &mut State, h: Hold) -> bool {
    if !h.retargeted && !h.sister {
        return false;
    }
    let Some(w) = spam_words(st, &h) else {
        return false;
    };
    let detail = Some(if h.sister && !h.retargeted {
        format!("link text: {w} (allowed host)")
    } else {
        format!("link text: {w}")
    });
    st.found_detail("link.spam_text", Action::Removed, Some(h.target), detail);
    finish_cut(st, h.mark, true)
}

/// Cuts the anchor's content (enforce mode) and tells the container run about it.
/// Returns whether it was cut.
fn finish_cut(st: &mut State, mark: usize, spam: bool) -> bool {
    container::before_removal(st, mark);
    let enforce = st.enforce();
    if enforce {
        let end = st.out.len();
        hold::cut(st, mark, end);
    }
    container::after_removal(st, mark, spam);
    enforce
}

/// Keeps each anchor's hold bounded (see the module doc).
pub(crate) fn check_holds(st: &mut State) {
    let limit = st.policy().max_hidden_block;
    let mut i = 0;
    while i < st.anchors.len() {
        let h = &st.anchors[i];
        let over = st.out.len().saturating_sub(h.mark) > limit;
        if h.dropping.is_some() && st.enforce() {
            let (mark, end) = (h.mark, st.out.len());
            hold::cut(st, mark, end);
        } else if over && h.dropping.is_none() && overflow(st, i) {
            continue;
        }
        i += 1;
    }
}

/// An anchor past the bound: spam (or any text under `link_action = "remove"`) is cut and
/// the rest dropped; ordinary text is released. Returns whether the hold was released.
fn overflow(st: &mut State, i: usize) -> bool {
    let h = &st.anchors[i];
    if h.watch && !h.retargeted && !h.sister {
        st.anchors.remove(i);
        return true;
    }
    let spam = spam_words(st, &st.anchors[i]);
    let h = &st.anchors[i];
    let (mark, target, remove) = (h.mark, h.target.clone(), h.remove);
    let is_spam = spam.is_some();
    match spam {
        Some(words) => {
            let detail = Some(format!("link text: {words}"));
            st.found_detail("link.spam_text", Action::Removed, Some(target), detail);
        }
        None if remove => {
            st.found("link.foreign", Action::Removed, Some(target));
        }
        None => {
            if !st.anchors.remove(i).watch {
                st.found("link.foreign", Action::Unwrapped, Some(target));
            }
            return true;
        }
    }
    st.anchors[i].dropping = Some(is_spam);
    if st.enforce() {
        let end = st.out.len();
        hold::cut(st, mark, end);
    }
    false
}

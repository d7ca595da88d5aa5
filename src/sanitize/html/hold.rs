//! Stage 6: output held back from the client until something is decided. Six things hold:
//! a hidden block (`hidden`), the text of a foreign link (`anchor`), a container that may
//! turn out to hold nothing but spam (`container`), a block element until its text is
//! profiled (`spam_block`), an inline script's start tag until its text is judged
//! (`text`) and a form to an allowed outside host until its fields are (`form_hold`). Each records a *mark*, an offset into
//! `State::out`; only the bytes before the lowest mark are handed to the body.
//!
//! Security note: every hold is bounded (`max_hidden_block`), so memory per response stays
//! bounded whatever the page; what happens past the bound is decided by each holder, never
//! by releasing unjudged spam silently (see `anchor::check_holds`).

use bytes::Bytes;

use super::state::State;
use super::{anchor, container, form_hold, hidden, later_hidden, spam_block};

/// The lowest mark: output before it is final.
pub(crate) fn floor(st: &State) -> usize {
    let mut f = st.out.len();
    if let Some(b) = &st.block {
        f = f.min(b.mark);
    }
    if let Some(a) = st.anchors.first() {
        f = f.min(a.mark);
    }
    if let Some(c) = st.run.floor() {
        f = f.min(c);
    }
    if let Some(b) = st.blocks.floor() {
        f = f.min(b);
    }
    if let Some(m) = st.capture.as_ref().and_then(|c| c.mark) {
        f = f.min(m);
    }
    if let Some(m) = st.later.floor() {
        f = f.min(m);
    }
    if let Some(m) = st.form.as_ref().and_then(|form| form.mark) {
        f = f.min(m);
    }
    f
}

/// Keeps every hold bounded. Called as output grows (from the output sink), never per
/// input chunk, so that no verdict depends on where the input was cut.
pub(crate) fn check(st: &mut State) {
    hidden::check_hold(st);
    anchor::check_holds(st);
    container::check(st);
    // After the container run: a block cut here must not make the run's own bound check
    // depend on how big the output chunks were.
    spam_block::check(st);
    later_hidden::check(st);
    form_hold::check(st);
}

/// Takes the output that no hold covers.
pub(crate) fn drain(st: &mut State) -> Bytes {
    check(st);
    let upto = floor(st);
    adjust(st, |m| m.saturating_sub(upto));
    st.out.split_to(upto).freeze()
}

/// At the end of the document: decides what is still held, innermost first (the hold
/// with the highest mark), then lets the container run read the rest.
pub(crate) fn finish(st: &mut State) {
    loop {
        let anchor = st.anchors.last().map(|a| a.mark);
        let block = st.block.as_ref().map(|b| b.mark);
        match (anchor, block) {
            (Some(a), Some(b)) if b > a => decide_block(st),
            (Some(_), _) => {
                anchor::close_innermost(st);
            }
            (None, Some(_)) => decide_block(st),
            (None, None) => break,
        }
    }
    form_hold::close(st, None);
    spam_block::finish(st);
    later_hidden::finish(st);
    container::check(st);
}

fn decide_block(st: &mut State) {
    if let Some(block) = st.block.take() {
        hidden::decide(st, block, None);
    }
}

/// Removes `out[from..to]`; marks past it move back, marks inside it move to `from`.
pub(crate) fn cut(st: &mut State, from: usize, to: usize) {
    let to = to.min(st.out.len());
    if from >= to {
        return;
    }
    st.blocks.cut(from, to);
    let tail = st.out.split_off(to);
    st.out.truncate(from);
    st.out.unsplit(tail);
    let len = to - from;
    adjust(st, |m| if m >= to { m - len } else { m.min(from) });
}

fn adjust(st: &mut State, f: impl Fn(usize) -> usize) {
    if let Some(b) = &mut st.block {
        b.mark = f(b.mark);
    }
    for a in &mut st.anchors {
        a.mark = f(a.mark);
    }
    st.run.adjust(&f);
    st.blocks.adjust(&f);
    st.later.adjust(&f);
    if let Some(c) = &mut st.capture {
        c.mark = c.mark.map(&f);
    }
    if let Some(form) = &mut st.form {
        form.mark = form.mark.map(&f);
    }
}

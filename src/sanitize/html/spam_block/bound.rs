//! Stage 6 (planted spam): the bound on the block holds of `spam_block`.
//!
//! Security note: the holds nest inside the outermost block, which holds at most
//! `max_hidden_block`; past it the block is judged on what it holds so far, never released
//! silently as spam (see the parent module's notes).

use crate::audit::Action;

use super::super::hold;
use super::super::state::State;
use super::read_top;

/// Keeps the holds bounded (called as output grows): the outermost block past
/// `max_hidden_block` is judged on what it holds so far.
pub fn check(st: &mut State) {
    let limit = st.policy().max_hidden_block;
    while let Some(first) = st.blocks.open.first() {
        let len = st.out.len();
        if len.saturating_sub(first.mark) <= limit {
            return;
        }
        if first.dropping {
            let mark = first.mark;
            hold::cut(st, mark, len);
            return;
        }
        overflow(st);
    }
}

/// The outermost block passed the bound. With blocks open inside it, it is a wrapper: it
/// is released and they are judged on their own. Alone, it is judged on what it holds so
/// far: spam is cut and dropped as it streams, anything else is released.
fn overflow(st: &mut State) {
    if st.blocks.open.len() > 1 {
        st.blocks.open.remove(0);
        return;
    }
    let now = st.out.len();
    read_top(st, now);
    let spam = st.blocks.open[0].profile.is_spam_block();
    let detail = Some(format!(
        "text block over the hold bound: {}",
        st.blocks.open[0].profile.terms.join(", ")
    ));
    if !spam || !st.found_detail("spam.block", Action::Removed, None, detail) || !st.enforce() {
        st.blocks.open.remove(0);
        return;
    }
    let mark = st.blocks.open[0].mark;
    hold::cut(st, mark, now);
    let first = &mut st.blocks.open[0];
    first.dropping = true;
    first.scanned = first.mark;
}

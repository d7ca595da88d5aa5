//! Stage 6 (planted spam): the bound on the block holds of `spam_block`.
//!
//! Security note: the holds nest inside the outermost block, which holds at most
//! `max_hidden_block`; past it the block is judged on what it holds so far, never released
//! silently as spam (see the parent module's notes).

use crate::audit::Action;

use super::super::hold;
use super::super::state::State;
use super::{Open, read_top, root};

/// Keeps the holds bounded (called as output grows): the outermost block past
/// `max_hidden_block` is judged on what it holds so far.
pub fn check(st: &mut State) {
    let limit = st.policy().max_hidden_block;
    loop {
        let lo = st.blocks.lo();
        let Some(first) = st.blocks.open.get(lo) else {
            break;
        };
        let len = st.out.len();
        if len.saturating_sub(first.mark) <= limit {
            break;
        }
        if first.dropping {
            let mark = first.mark;
            hold::cut(st, mark, len);
            break;
        }
        overflow(st, lo);
    }
    root::check(st, limit);
}

/// A block leaves the holds unjudged as a whole: its spots are still cut (only its
/// adverts when it reads as editorial so far), and the root's hold moves past it.
fn release(st: &mut State, o: Open) {
    let editorial = o.profile.is_editorial();
    super::verdict::cut_spots(st, o.spots, editorial);
    root::rebase(st);
}

/// The outermost block passed the bound. With blocks open inside it, it is a wrapper: it
/// is released and they are judged on their own. Alone, it is judged on what it holds so
/// far: spam is cut and dropped as it streams, anything else is released.
fn overflow(st: &mut State, lo: usize) {
    if st.blocks.open.len() > lo + 1 {
        let o = st.blocks.open.remove(lo);
        release(st, o);
        return;
    }
    let now = st.out.len();
    read_top(st, now);
    let spam = st.blocks.open[lo].profile.is_spam_block();
    let detail = Some(format!(
        "text block over the hold bound: {}",
        st.blocks.open[lo].profile.terms.join(", ")
    ));
    if !spam || !st.found_detail("spam.block", Action::Removed, None, detail) || !st.enforce() {
        let o = st.blocks.open.remove(lo);
        release(st, o);
        return;
    }
    let mark = st.blocks.open[lo].mark;
    hold::cut(st, mark, now);
    let first = &mut st.blocks.open[lo];
    first.dropping = true;
    first.scanned = first.mark;
    first.spots.clear();
}

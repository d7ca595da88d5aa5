//! Stage 6 (planted spam, threat A5): the document as the outermost unit of the block
//! holds. Text directly in `<body>` (or in no element at all), between the blocks of a
//! page, has no block to be judged in; the root reads it in runs, like a block's own text
//! (see `spots`), but is never judged or cut whole.
//!
//! Security note: the root holds only its current run (from the last block boundary), so
//! an ordinary page streams as before; a run past `max_hidden_block` is judged on what it
//! holds so far and released.

use super::super::state::State;
use super::{Blocks, Open, read_top, spots};

impl Blocks {
    /// The holds of a document: the root is open from the first byte.
    pub fn with_root() -> Self {
        Self {
            open: vec![Open::new(0, 0, true)],
            ids: 0,
        }
    }

    /// Where the blocks proper start in `open` (after the root).
    pub(super) fn lo(&self) -> usize {
        usize::from(self.open.first().is_some_and(|o| o.root))
    }
}

/// Cuts the root's spam runs read so far; its hold then starts where it stopped reading.
pub(super) fn decide(st: &mut State) {
    let Some(root) = st.blocks.open.first_mut().filter(|o| o.root) else {
        return;
    };
    let found = std::mem::take(&mut root.spots);
    if !found.is_empty() {
        spots::cut(st, found);
    }
    if let Some(root) = st.blocks.open.first_mut().filter(|o| o.root) {
        root.mark = root.scanned;
    }
}

/// The root's hold restarts at the first block still open (or here) after one was
/// released past the bound.
pub(super) fn rebase(st: &mut State) {
    let len = st.out.len();
    let next = st.blocks.open.get(1).map_or(len, |o| o.mark);
    if let Some(root) = st.blocks.open.first_mut().filter(|o| o.root) {
        root.scanned = root.scanned.max(next).min(len);
        root.mark = root.scanned;
    }
}

/// The root alone holds past `limit`: its run is judged on what it holds so far.
pub(super) fn check(st: &mut State, limit: usize) {
    let over = st.blocks.open.len() == 1
        && st.blocks.open[0].root
        && st.out.len().saturating_sub(st.blocks.open[0].mark) > limit;
    if over {
        let len = st.out.len();
        read_top(st, len);
        decide(st);
    }
}

/// At the end of the document (the blocks are closed): the last run.
pub(super) fn finish(st: &mut State) {
    if st.blocks.open.len() == 1 && st.blocks.open[0].root {
        let len = st.out.len();
        read_top(st, len);
        decide(st);
        st.blocks.open.clear();
    }
}

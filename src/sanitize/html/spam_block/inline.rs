//! Stage 6 (planted spam, threat A5): the block elements that layout draws inline
//! (`inline_display`), in the block holds. Such an element opens no hold of its own: its
//! text is its parent's, read joined across its tags (`rendered::read_joined`), so a
//! slogan cut into `<div>`s, `<li>`s or `<td>`s that a rule or their own `style=` draws
//! inline is judged as the phrase a visitor reads. Where its start tag begins is kept in
//! the innermost open block (`Open::inline`), for every reading of that block's text.
//!
//! Security note: bounded ([`MAX_MARKS`] per block; past it, elements are still not held
//! on their own, and their words read apart, as before this rule).

use lol_html::send::Element;

use super::super::inline_display;
use super::super::rendered;
use super::super::state::State;
use super::Open;

/// The most inline-drawn elements one block keeps the place of.
const MAX_MARKS: usize = 4096;

/// Whether `el` (a start tag about to be written) is a block that layout draws inline: its
/// own `style=` says so, or, without a `display` there, a page rule does. Its place is
/// noted in the innermost open block.
pub(super) fn joins(st: &mut State, el: &Element<'_, '_>, tag: &str) -> bool {
    if rendered::is_joining(tag) {
        return false;
    }
    let own = el
        .get_attribute("style")
        .and_then(|s| inline_display::of_style(&s));
    let inline = own.unwrap_or_else(|| !st.css.is_empty() && st.css.inlines(el, tag));
    if !inline {
        return false;
    }
    let here = st.out.len();
    if let Some(top) = st.blocks.open.last_mut()
        && top.inline.len() < MAX_MARKS
        && top.inline.last().is_none_or(|m| *m < here)
    {
        top.inline.push(here);
    }
    true
}

/// The places of `o`'s inline-drawn elements in `from..to` of the output, relative to `from`.
pub(super) fn marks(o: &Open, from: usize, to: usize) -> Vec<usize> {
    o.inline
        .iter()
        .filter(|m| (from..to).contains(*m))
        .map(|m| m - from)
        .collect()
}

/// A child block closed into `parent`: the places of its inline-drawn elements are the
/// parent's too (a reading of the parent's whole text crosses them).
pub(super) fn inherit(parent: &mut Open, child: &Open) {
    let room = MAX_MARKS.saturating_sub(parent.inline.len());
    let from = parent.inline.last().copied();
    parent.inline.extend(
        child
            .inline
            .iter()
            .filter(|m| from.is_none_or(|f| **m > f))
            .take(room),
    );
}

//! Stage 6 (planted spam, threat A5): spam *inside* a block that is not spam as a whole.
//!
//! A block is judged whole (see the parent module), but planted text also hides in the
//! smaller units a block is made of: an inline element (`span`, `b`, `label`, `button`,
//! `q`, `font`, SVG `text`, a custom element, …) inside a paragraph of news, or bare text
//! between the child blocks of a wrapper or directly in `<body>`. So each *run* of a
//! block (its own text between two child blocks, inline elements included) is read as
//! rendered text (see `rendered`); when the run holds three distinct betting terms, each
//! element closed inside it is profiled on its own. The outermost elements whose text is a
//! spam block by the lexicon's thresholds are *spots*; when no element is one but the run
//! itself is, its text pieces are (tags stay, so the markup stays balanced).
//!
//! Spots are cut (`spam.inline`) when their block closes, unless the block as a whole reads
//! as editorial (the lexicon's proportional guard): a police notice listing "tài xỉu, nổ
//! hũ, bắn cá" in bold stays. Runs directly in the document (the root) have no block: their
//! spots are judged on their own text and cut at the next block boundary.

use std::ops::Range;

use crate::audit::Action;
use crate::sanitize::lexicon::{Lexicon, Profile};

use super::super::hold;
use super::super::rendered::Rendered;
use super::super::state::State;

/// The most spots a block keeps; later ones are cut with the last (fail closed).
const MAX_SPOTS: usize = 1024;

/// Output to cut when its block closes, unless the block is editorial.
#[derive(Debug, Clone)]
pub(super) struct Spot {
    pub(super) bytes: Range<usize>,
    pub(super) what: String,
}

/// The spots of a run read at `offset` of the output (`run` is its profile).
pub(super) fn find(lexicon: &Lexicon, r: &Rendered, run: &Profile, offset: usize) -> Vec<Spot> {
    if run.terms.len() < 3 {
        return Vec::new();
    }
    let spam: Vec<Option<Profile>> = r
        .units
        .iter()
        .map(|u| {
            let p = lexicon.profile(r.text.get(u.text.clone()).unwrap_or_default());
            p.is_spam_block().then_some(p)
        })
        .collect();
    let inside =
        |a: &Range<usize>, b: &Range<usize>| a != b && b.start <= a.start && a.end <= b.end;
    let mut spots: Vec<Spot> = Vec::new();
    for (i, u) in r.units.iter().enumerate() {
        let Some(p) = &spam[i] else { continue };
        // The outermost: spam inside spam ("<small>nhà cái uy tín</small>, tài xỉu…" in a
        // <font>) goes with what holds it.
        let outermost = !r
            .units
            .iter()
            .enumerate()
            .any(|(j, v)| spam[j].is_some() && inside(&u.bytes, &v.bytes));
        if outermost {
            spots.push(Spot {
                bytes: u.bytes.start + offset..u.bytes.end + offset,
                what: format!("<{}>: {}", u.name, p.terms.join(", ")),
            });
        }
    }
    if spots.is_empty() && run.is_spam_block() {
        let what = format!("text: {}", run.terms.join(", "));
        spots = r
            .pieces
            .iter()
            .map(|p| Spot {
                bytes: p.start + offset..p.end + offset,
                what: what.clone(),
            })
            .collect();
    }
    spots.sort_by_key(|s| s.bytes.start);
    spots
}

/// Adds `new` to a block's spots, keeping them bounded.
pub(super) fn add(spots: &mut Vec<Spot>, new: Vec<Spot>) {
    for s in new {
        if spots.len() < MAX_SPOTS {
            spots.push(s);
        } else if let Some(last) = spots.last_mut() {
            last.bytes.end = last.bytes.end.max(s.bytes.end);
        }
    }
}

/// Cuts `spots` (in stream order, all still held), last first so that the earlier ones keep
/// their offsets. One event per text run or element. Returns whether any was cut.
pub(super) fn cut(st: &mut State, mut spots: Vec<Spot>) -> bool {
    let mut cut_any = false;
    let mut last: Option<String> = None;
    let mut apply = false;
    while let Some(s) = spots.pop() {
        if last.as_deref() != Some(s.what.as_str()) {
            apply = st.found_detail("spam.inline", Action::Removed, None, Some(s.what.clone()));
            last = Some(s.what);
        }
        if apply {
            hold::cut(st, s.bytes.start, s.bytes.end);
            cut_any = true;
        }
    }
    cut_any
}

/// The offsets of `spots` after a cut of the output (see `hold::adjust`).
pub(super) fn adjust(spots: &mut [Spot], f: &impl Fn(usize) -> usize) {
    for s in spots {
        s.bytes = f(s.bytes.start)..f(s.bytes.end);
    }
}

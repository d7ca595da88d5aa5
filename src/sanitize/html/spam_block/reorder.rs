//! Stage 6 (planted spam, threat A5): blocks whose text layout draws in another order than
//! the source holds it (issue 14, layout-ordered text). Words, syllables or letters of a
//! slogan are shuffled in the source and put back in order on screen by flex `order`,
//! reversed or right-to-left boxes, grid cells, floats, offsets or the named slots of a
//! declarative shadow root (`layout_props`, `layout_order`, `layout_read`).
//!
//! Each element that passes with such a property (its own `style=`, a page rule learned
//! by `css_rules`, `dir`, `slot`, `<slot>`, `<template shadowrootmode>`) is noted, with
//! what it says, in the innermost open block (and in its own block, if it opens one); the
//! block is then read a second time when it closes, in drawn order. Whole, the drawn text
//! is judged as a block; each element whose items were moved is judged on its own, as a
//! spot (`spots`). This reading only adds a verdict: it runs only when the in-order
//! reading found none for the block, and never changes what that reading found.
//!
//! Security notes:
//! - Bounded: at most [`MAX_MARKS`] elements noted per block (past it, the later ones keep
//!   their source place); the drawn reading is of held output.
//! - An editorial block (a report that names the games), or one in a warning's context,
//!   keeps its text unless the drawn text is a strong advert, as for the in-order reading.

use std::ops::Range;

use lol_html::send::Element;

use crate::sanitize::lexicon::{Hits, Lexicon, Profile};

use super::super::layout_props::{self, Layout};
use super::super::state::State;
use super::super::{entities, layout_read};
use super::{Open, Spot, advert, holds, inline, spots, verdict};

/// The most elements with a layout one block keeps.
const MAX_MARKS: usize = 1024;

/// What moves the text of `el` (a start tag about to be written), if anything: noted in
/// the innermost open block. Returns it, for the block `el` itself may open ([`own`]).
pub(super) fn note(st: &mut State, el: &Element<'_, '_>, tag: &str) -> Option<Layout> {
    // Inside a hidden block (or hidden itself, off-screen at `left:-10000px`) nothing is
    // drawn: its place is not read. A never-rendered container (a declarative shadow
    // root's `<template>`) is still read for its host. In report mode the hidden block
    // stays in the output, so noting it would judge what enforce mode had cut.
    if st.block.as_ref().is_some_and(|b| !b.keep_events) {
        return None;
    }
    let mut l = Layout::default();
    if let Some(dir) = el.get_attribute("dir") {
        l.rtl = Some(dir.trim().eq_ignore_ascii_case("rtl"));
    }
    if !st.css.is_empty()
        && let Some(rules) = st.css.layout_of(el, tag)
    {
        l.merge(&rules);
    }
    let style = el
        .get_attribute("style")
        .map(|s| entities::decode(&s).into_owned());
    let own_margin = style.as_deref().and_then(layout_props::margin_of);
    if let Some(own) = style.as_deref().and_then(layout_props::of_decls) {
        l.merge(&own);
        // Its own `style=` wins over the rules by place too.
        if !l.cond.is_empty() {
            l.cond.push((Box::default(), own));
        }
    }
    // Its own margin, even one that only pushes it on, where a rule moves it or its
    // siblings: `<u style="margin-left:4ch">` beside `.b>u:nth-child(3){margin-left:-9ch}`
    // keeps its place in the flow once the rules are resolved (issue 14: left out, it
    // put the pieces in another order than drawn).
    if l.moves()
        && let Some(m) = own_margin
    {
        let mine = Layout {
            margin: Some(m),
            ..Layout::default()
        };
        l.merge(&mine);
        if !l.cond.is_empty() {
            l.cond.push((Box::default(), mine));
        }
    }
    if l.rtl == Some(false) {
        l.rtl = None;
    }
    if let Some(slot) = el.get_attribute("slot") {
        l.slot = Some(slot.into());
    }
    if tag == "slot" {
        l.slot_name = Some(el.get_attribute("name").unwrap_or_default().into());
    }
    l.shadow =
        tag == "template" && (el.has_attribute("shadowrootmode") || el.has_attribute("shadowroot"));
    let here = st.out.len();
    if !l.moves() {
        // A margin of its own that only pushes it on matters where another item is
        // pulled back (`layout_order`): kept for such a block, never a reason to read one.
        if let Some(m) = own_margin
            && let Some(top) = st.blocks.open.last_mut()
        {
            let l = Layout {
                margin: Some(m),
                ..Layout::default()
            };
            mark(top, here, &l, false);
        }
        return None;
    }
    if let Some(top) = st.blocks.open.last_mut() {
        push(top, here, &l);
    }
    Some(l)
}

/// The block `el` opened (at `o.mark`) is drawn as `l` says.
pub(super) fn own(o: &mut Open, l: &Layout) {
    let at = o.mark;
    push(o, at, l);
}

fn push(o: &mut Open, at: usize, l: &Layout) {
    mark(o, at, l, true);
}

fn mark(o: &mut Open, at: usize, l: &Layout, moves: bool) {
    o.moves |= moves;
    if o.layout.len() < MAX_MARKS && o.layout.last().is_none_or(|(m, _)| *m < at) {
        o.layout.push((at, l.clone()));
    }
}

/// Block `o` was cut (its bytes are gone from the output, at `o.mark`): every block still
/// open around it keeps its place among its siblings.
pub(super) fn gone(st: &mut State, o: &Open) {
    for p in &mut st.blocks.open {
        if p.gone.len() < MAX_MARKS {
            p.gone.push((o.mark, o.tag.clone()));
        }
    }
}

/// A child block closed into `parent`: its noted elements are the parent's too.
pub(super) fn inherit(parent: &mut Open, child: &Open) {
    for (at, l) in &child.layout {
        if parent.layout.len() >= MAX_MARKS {
            break;
        }
        if parent.layout.last().is_none_or(|(m, _)| m < at) {
            parent.layout.push((*at, l.clone()));
        }
    }
}

/// Block `child`, closing inside `parent`, lost spam as its own (cut whole, or its
/// spots): when it is a placed piece (its own start tag is noted), the parent's drawn
/// reading judges the rest of its pieces with that in mind.
pub(super) fn piece_cut(parent: &mut Open, child: &Open) {
    parent.piece_cut |= child.layout.first().is_some_and(|(m, _)| *m == child.mark);
}

/// The drawn reading of block `o`, closing at `now`, whose in-order reading found no spam
/// block: whether it is one as drawn (its profile becomes the drawn one, for the audit),
/// else the elements in it that are spam as drawn, added to its spots.
pub(super) fn judge(st: &State, o: &mut Open, now: usize) -> bool {
    if !o.moves || o.dropping || o.root || o.profile.is_spam_block() {
        return false;
    }
    let Some(held) = st.out.get(o.mark..now) else {
        return false;
    };
    let marks: Vec<(usize, Layout)> = o
        .layout
        .iter()
        .filter(|(m, _)| (o.mark..now).contains(m))
        .map(|(m, l)| (m - o.mark, l.clone()))
        .collect();
    let inline = inline::marks(o, o.mark, now);
    let gone: Vec<(usize, String)> = o
        .gone
        .iter()
        .filter(|(m, _)| (o.mark..now).contains(m))
        .map(|(m, t)| (m - o.mark, t.to_string()))
        .collect();
    let Some(reading) = layout_read::read(held, st.encoding, inline, &marks, gone) else {
        return false;
    };
    let lexicon = &st.policy().lexicon;
    let need = if verdict::quoted_in_context(st) {
        advert::STRONG
    } else {
        1
    };
    // Placed pieces of it went as spam on their own: the rest of the slogan goes with
    // them when, as drawn, it is short and still carries a sign of an advert.
    if o.piece_cut
        && let Some(p) = reading.whole.iter().map(|t| lexicon.profile(t)).find(|p| {
            p.has_signal()
                && p.words <= advert::MAX_WORDS
                && !p.is_editorial()
                && p.editorial_phrases() == 0
        })
    {
        o.profile.terms = p.terms;
        o.drawn = true;
        return true;
    }
    // Right after a block cut as spam, with only markup between, a short line that reads
    // as a term once drawn goes with it, as a tagline in source order does
    // (`holds::is_tagline`): "Đá gà trực tiếp" cut, then "cược gà cựa sắt" right to left.
    if st.blocks.open.last().is_some_and(|p| p.after_spam)
        && let Some(p) = reading
            .whole
            .iter()
            .map(|t| lexicon.profile(t))
            .find(holds::is_tagline)
    {
        o.profile.terms = p.terms;
        o.drawn = true;
        return true;
    }
    // Pieces placed in an order not known: read order-free.
    let bags: Vec<(Range<usize>, [String; 2])> = reading
        .bags
        .iter()
        .map(|(b, items)| (b.clone(), [chained(lexicon, items), String::new()]))
        .filter(|(_, t)| !t[0].is_empty())
        .collect();
    let whole = bags
        .iter()
        .filter(|(b, _)| b.start == 0)
        .map(|(_, t)| &t[0]);
    if let Some(p) = reading
        .whole
        .iter()
        .chain(whole)
        .find_map(|t| spam(lexicon, t, need))
    {
        o.profile.terms = p.terms;
        o.drawn = true;
        return true;
    }
    let mut found = Vec::new();
    for (bytes, texts) in reading.moved.iter().chain(&bags) {
        // The block's own element is the whole reading; an element still open at the end
        // of the run is not wholly held.
        if bytes.start == 0 || bytes.end >= held.len() {
            continue;
        }
        if let Some((p, strength)) = texts.iter().find_map(|t| spam_unit(lexicon, t, need)) {
            found.push(Spot {
                bytes: bytes.start + o.mark..bytes.end + o.mark,
                what: format!("text as drawn: {}", p.terms.join(", ")),
                advert: strength >= advert::STRONG,
                offer: None,
            });
        }
    }
    if !found.is_empty() {
        spots::add(&mut o.spots, found);
        o.spots = spots::disjoint(std::mem::take(&mut o.spots));
    }
    false
}

/// How many lexicon scans one order-free reading may make.
const CHAIN_BUDGET: usize = 4096;

/// An order-free reading of `pieces` (placed in an order not known): chains of pieces
/// that read a keyword together which none reads alone ("Nhà" + "cái", "ca" + "sino",
/// "thuốc" + "phá" + "thai"), each grown greedily by one piece or, failing that, two,
/// each chain a sentence of its own; empty when no pieces chain. Bounded by
/// [`CHAIN_BUDGET`] scans.
fn chained(lexicon: &Lexicon, pieces: &[String]) -> String {
    let budget = std::cell::Cell::new(CHAIN_BUDGET);
    let score = |t: &str| {
        budget.set(budget.get().saturating_sub(1));
        lexicon.scan(t)
    };
    let own: Vec<Hits> = pieces.iter().map(|p| score(p)).collect();
    // Joined, they score more, or read a term neither reads ("cá cược" + "bóng đá").
    let gains = |s: &Hits, parts: &[&Hits]| {
        let sum: u32 = parts.iter().map(|h| h.score).sum();
        s.score > sum
            || (s.score >= sum
                && s.words
                    .iter()
                    .any(|w| parts.iter().all(|h| !h.words.contains(w))))
    };
    let n = pieces.len();
    let mut used = vec![false; n];
    let mut out = String::new();
    for i in 0..n {
        if used[i] {
            continue;
        }
        let mut chain = vec![i];
        let (mut text, mut base) = (pieces[i].clone(), own[i].clone());
        while budget.get() > 0 {
            let free = |j: &usize| !used[*j] && !chain.contains(j);
            let one = (0..n).filter(free).find_map(|j| {
                [" ", ""].into_iter().find_map(|sep| {
                    let t = format!("{text}{sep}{}", pieces[j]);
                    let s = score(&t);
                    gains(&s, &[&base, &own[j]]).then(|| (vec![j], t, s))
                })
            });
            let two = || {
                (0..n).filter(free).find_map(|j| {
                    (0..n).filter(|k| *k != j && free(k)).find_map(|k| {
                        let t = format!("{text} {} {}", pieces[j], pieces[k]);
                        let s = score(&t);
                        (budget.get() > 0 && gains(&s, &[&base, &own[j], &own[k]]))
                            .then(|| (vec![j, k], t, s))
                    })
                })
            };
            let Some((more, t, s)) = one.or_else(two) else {
                break;
            };
            chain.extend(more);
            (text, base) = (t, s);
        }
        if chain.len() > 1 {
            chain.iter().for_each(|&c| used[c] = true);
            out.push_str(&text);
            out.push_str(". ");
        }
    }
    out
}

/// `text` as a block: spam (or an advert of at least strength `need`), without a report's
/// words.
fn spam(lexicon: &Lexicon, text: &str, need: usize) -> Option<Profile> {
    let p = lexicon.profile(text);
    if p.is_spam_block() && need <= 1 && !p.is_editorial() {
        return Some(p);
    }
    spam_unit(lexicon, text, need).map(|(p, _)| p)
}

/// `text` as one element: an advert of at least strength `need`, or a spam block outside a
/// warning, and no report.
fn spam_unit(lexicon: &Lexicon, text: &str, need: usize) -> Option<(Profile, usize)> {
    let p = lexicon.profile(text);
    if p.terms.is_empty() || p.is_editorial() || p.editorial_phrases() > 0 || p.condemns() {
        return None;
    }
    let strength = if p.words <= advert::MAX_WORDS {
        advert::strength(lexicon, text, &p, 0)
    } else {
        0
    };
    let block = p.is_spam_block() && need <= 1;
    (block || strength >= need).then_some((p, strength))
}

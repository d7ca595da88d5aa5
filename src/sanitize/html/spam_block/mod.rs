//! Stage 6 (planted spam, threat A5): keyword-stuffed blocks, whatever hides them.
//!
//! The hidden-block rules (`hidden`) only see hiding they can read when the element passes;
//! spam hidden by a `<style>` placed after it, by an external stylesheet or by a later
//! script, and spam published in plain sight ("Top 10 nhà cái uy tín…" with no link), pass
//! them. So every block element (`div`, `p`, `li`, `td`, `section`, …) is held from its start
//! tag to its end tag and its text profiled (`lexicon::Profile`): a block dominated by
//! distinct betting terms, without editorial context, goes whole (`spam.block`), and a
//! container left holding nothing but it goes too (`container`). So does a block that
//! echoes a spam query of the page's own URL (reflected search spam). A short block around a
//! spam link is the advert's frame and goes with it, unless the advert is one inline element
//! beside genuine text, which then goes alone (`frame`). The profiles of nested blocks
//! merge, so each byte of text is read once, however deep the nesting.
//!
//! Security notes:
//! - Bounded: the holds nest inside the outermost, which holds at most `max_hidden_block`.
//!   Past that an outermost block with blocks open inside is a wrapper and is released
//!   unjudged (they still are judged); an innermost one is judged on what it holds so far:
//!   spam is cut there and the rest of it as it streams (audited), anything else is
//!   released. A wrapper around a whole page is therefore held for one bound, never for the
//!   page.
//! - The text of `<script>`, `<style>` and `<template>` inside a block is not read: code and
//!   styles are judged by their own rules, and their words are not what a visitor reads.
//! - Only the editorial guard stands between a news article about illegal betting and
//!   removal; see `lexicon_profile` for its shape. Links in a block weigh on its spam side.
//!   A block inside a warning (its open ancestors already read as editorial) is left to
//!   the ancestor, which is judged whole: a police list of quoted scam slogans stays, a
//!   slogan list under a tacked-on "Cảnh báo" heading goes with the heading.

use std::sync::{Arc, Mutex};

use lol_html::html_content::EndTag;
use lol_html::send::Element;

use crate::audit::Action;
use crate::sanitize::lexicon::{Profile, SELLS_CONTACT};

use super::drawn::DRAWINGS;
use super::held_text::visible_text;
use super::state::State;
use super::{container, hold, rendered};

mod advert;
mod bound;
mod frame;
mod holds;
mod inline;
mod reorder;
mod root;
mod spots;
mod verdict;
pub use bound::check;
use frame::framed;
pub use holds::Blocks;
use holds::{Kept, Open, is_tagline};
use spots::Spot;
pub use verdict::reflected_spam;
use verdict::{links_in, quoted_in_context};

/// The elements judged as blocks. Inline elements (`span`, `b`, `font`, `a`, …) are part of
/// their block's text, read joined as rendered: a span run is judged in the block that holds
/// it, and each inline element inside it on its own (see `spots`); so is one of these that
/// layout draws inline (`inline`).
const BLOCKS: &[&str] = &[
    "div",
    "p",
    "li",
    "ul",
    "ol",
    "dl",
    "dd",
    "dt",
    "td",
    "th",
    "tr",
    "table",
    "section",
    "article",
    "aside",
    "nav",
    "footer",
    "header",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "center",
    "marquee",
    "address",
    "figure",
    "figcaption",
    "details",
];

/// How many blocks nest in the holds; deeper ones are part of their parent's text.
const MAX_OPEN: usize = 32;

/// Every start tag that stays: opens a block hold for the block elements, unless another
/// hold (a hidden block, a foreign link, a captured text) already decides this part.
pub fn open(shared: &Arc<Mutex<State>>, st: &mut State, el: &mut Element<'_, '_>, tag: &str) {
    // A drawing is judged on its own whatever its `display` (see `drawn`).
    let drawing = DRAWINGS.contains(&tag);
    let layout = reorder::note(st, el, tag);
    if st.block.is_some()
        || st.blocks.open.iter().any(|o| o.dropping)
        || !st.anchors.is_empty()
        || st.capture.is_some()
        || !el.can_have_content()
        || (!drawing && inline::joins(st, el, tag))
        || st.blocks.open.len() >= MAX_OPEN
        || !(drawing || BLOCKS.contains(&tag))
    {
        return;
    }
    let here = st.out.len();
    read_top(st, here);
    root::decide(st);
    let here = st.out.len();
    st.blocks.ids += 1;
    let id = st.blocks.ids;
    let shared = Arc::clone(shared);
    let ok = el.on_end_tag(Box::new(move |end: &mut EndTag<'_>| {
        let mut st = shared.lock().map_err(|_| "sanitizer state poisoned")?;
        close(&mut st, id, Some(end));
        Ok(())
    }));
    if ok.is_ok() {
        let mut o = Open::new(id, here, false);
        o.foreign_at = st.later.foreign_seen;
        o.drawing = drawing;
        o.tag = tag.into();
        let parent = st.blocks.open.last();
        o.item = holds::ITEMS.contains(&tag) || parent.is_some_and(|p| p.item);
        o.list =
            (tag != "blockquote" && holds::ITEMS.contains(&tag)) || parent.is_some_and(|p| p.list);
        o.landmark = holds::LANDMARKS.contains(&tag)
            || el.get_attribute("role").is_some_and(|r| {
                let r = r.trim().to_ascii_lowercase();
                holds::LANDMARK_ROLES.contains(&r.as_str())
            });
        if let Some(l) = &layout {
            reorder::own(&mut o, l);
        }
        st.blocks.open.push(o);
    }
}

/// Profiles the innermost block's text from where it stopped up to `upto`.
fn read_top(st: &mut State, upto: usize) {
    let Some(top) = st.blocks.open.last_mut() else {
        return;
    };
    if top.scanned >= upto || top.dropping {
        return;
    }
    let marks = inline::marks(top, top.scanned, upto);
    let run = rendered::read_joined(&st.out[top.scanned..upto], st.encoding, false, marks);
    if let Some(q) = &st.reflected
        && run.text.to_lowercase().contains(q.as_str())
    {
        top.reflects = true;
    }
    let lexicon = &st.site.sanitize().lexicon;
    let mut p = lexicon.profile(&run.text);
    p.links = links_in(&st.out[top.scanned..upto]);
    // Offer sentences go on their own: the block is judged on the rest of its text.
    let found = spots::find(lexicon, &run, &mut p, top.scanned, top.root);
    spots::add(&mut top.spots, found);
    if p.words > 0 {
        // Text between two child blocks: they are no longer neighbours.
        top.last = None;
        top.after_spam = false;
    }
    top.context.merge(p.clone());
    top.profile.merge(p);
    top.scanned = upto;
}

/// Spam from `mark` to the end of the output is being removed (or, in report mode, would
/// be): the innermost block reads up to `mark` and skips the rest.
pub fn skip_removed(st: &mut State, mark: usize) {
    read_top(st, mark);
    let len = st.out.len();
    if let Some(top) = st.blocks.open.last_mut() {
        top.scanned = top.scanned.max(len);
    }
}

/// A foreign link at `mark` was cut from the innermost block as spam (see `anchor`).
pub fn spam_link_cut(st: &mut State, mark: usize) {
    if let Some(top) = st.blocks.open.last_mut() {
        top.spam_links += 1;
        top.link_at = Some(mark);
    }
}

/// The end tag of block `id` (or the end of the document): blocks still open inside it
/// closed implicitly and fold into it; then it is judged.
fn close(st: &mut State, id: u64, end: Option<&mut EndTag<'_>>) {
    let Some(pos) = st.blocks.open.iter().position(|o| o.id == id) else {
        return;
    };
    let now = st.out.len();
    while st.blocks.open.len() > pos + 1 {
        read_top(st, now);
        if let Some(mut inner) = st.blocks.open.pop()
            && let Some(o) = st.blocks.open.last_mut()
        {
            inline::inherit(o, &inner);
            reorder::inherit(o, &inner);
            o.lend(&mut inner);
            o.profile.merge(inner.profile);
            o.cut_adverts.merge(inner.cut_adverts);
            o.reflects |= inner.reflects;
            o.scanned = now;
            spots::add(&mut o.spots, inner.spots);
        }
    }
    read_top(st, now);
    let Some(mut o) = st.blocks.open.pop() else {
        return;
    };
    if !o.profile.terms.is_empty() {
        let cut = std::mem::take(&mut o.cut_adverts);
        o.profile.merge(cut);
    }
    // A hidden block or a foreign link still open inside is decided by its own rules (it
    // closed implicitly): this block's text is not known, and neither is it added to the
    // parent's.
    let inner_held = st.block.as_ref().is_some_and(|b| b.mark >= o.mark)
        || st.anchors.last().is_some_and(|a| a.mark >= o.mark);
    let advert = !o.profile.is_spam_block() && verdict::is_advert_block(st, &o, now);
    // Context spares slogans quoted under a warning, never an advert with a contact, nor
    // one with a call to action or a brand unless it is a list item or a quotation, nor
    // offer copy of its own after a reporting lead-in (`Profile::own_offer`) outside a list.
    let sells = o.profile.sells();
    let own_offer = o.profile.own_offer() && !o.list;
    // Nor brands alone or pointed at (`lexicon_brand_units`): no report is made of them.
    let brands = (advert || o.profile.is_spam_block()) && verdict::is_brand_unit(st, &o, now);
    // Nor the frame of a spam link: a warning quotes a slogan, never a live link to it.
    let frame = framed(&o);
    let quoted = !brands
        && !frame
        && ((sells & SELLS_CONTACT == 0
            && (sells == 0 || o.item)
            && !own_offer
            && quoted_in_context(st))
            || verdict::under_ban(st, &o.profile));
    let drawing = o.drawing && !inner_held && verdict::drawn_spam(st, &o, now);
    let judged =
        !inner_held && (o.profile.is_spam_block() || advert || frame || drawing) && !quoted;
    // Read again as layout draws it, when it moves text (only ever adds a verdict).
    let judged = judged || (!(inner_held || advert || frame) && reorder::judge(st, &mut o, now));
    // An advert around a spam link, in an element beside genuine text (an address line),
    // goes alone, and the block stays.
    let judged = judged && !(!o.dropping && !o.reflects && frame::cut_alone(st, &mut o, now));
    let block_spam = o.dropping || o.reflects || judged;
    let tagline = is_tagline(&o.profile);
    let next_to_spam = tagline && st.blocks.open.last().is_some_and(|p| p.after_spam);
    let spam = !inner_held && (block_spam || next_to_spam);
    if spam && remove(st, &o, now, end) {
        if block_spam {
            cut_previous(st, o.mark);
        }
        if let Some(parent) = st.blocks.open.last_mut() {
            parent.after_spam = true;
            reorder::piece_cut(parent, &o);
            // An advert cut on its own still counts for the list that holds it: the
            // rest of a list of scam topics goes with its parent. A genuine item next
            // to it (no term of its own) keeps the list.
            if advert && !parent.root {
                parent.cut_adverts.merge(o.profile);
            }
        }
        root::decide(st);
        return;
    }
    let spots = std::mem::take(&mut o.spots);
    let foreign = st.later.foreign_seen > o.foreign_at;
    let suspect = !inner_held && (!o.profile.terms.is_empty() || foreign);
    // Spots in an editorial block, or in a quotation inside a warning, stay unless they are
    // adverts: the warning is judged whole when it closes (see `quoted_in_context`).
    let editorial =
        o.profile.is_editorial() || quoted_in_context(st) || verdict::under_ban(st, &o.profile);
    let had_spots = !spots.is_empty() && !editorial;
    if !inner_held && !spam && verdict::cut_spots(st, spots, editorial) {
        // What was cut is no longer the block's: its words count, its terms do not.
        o.profile.terms.clear();
        o.profile.term_words = 0;
    }
    let now = st.out.len();
    if suspect {
        super::later_hidden::note(st, o.mark, now, foreign);
    }
    if let Some(parent) = st.blocks.open.last_mut() {
        inline::inherit(parent, &o);
        reorder::inherit(parent, &o);
        if had_spots && !inner_held && !spam {
            reorder::piece_cut(parent, &o);
        }
        if !inner_held && !spam && !parent.root {
            parent.lend(&mut o);
            parent.profile.merge(o.profile);
            parent.cut_adverts.merge(o.cut_adverts);
        }
        parent.scanned = now;
        parent.after_spam = false;
        // A run of taglines with only markup between them (the items of a topic list
        // before its first spam item) goes together: it starts at the first of them.
        let mark = match parent.last {
            Some(prev) if tagline && prev.tagline => prev.mark,
            _ => o.mark,
        };
        parent.last = Some(Kept {
            mark,
            end: now,
            tagline,
        });
    }
    root::decide(st);
}

/// Whether a short text whose profile is `p` is a keyword unit without an editorial phrase
/// (`advert::is_keywords`: "Làm giả CCCD", "Soi cầu lô đề"), for the judges that read a
/// title or a hidden block whole.
pub(crate) fn is_unit(lexicon: &crate::sanitize::lexicon::Lexicon, p: &Profile) -> bool {
    p.editorial_phrases() == 0 && !p.terms.is_empty() && advert::is_keywords(lexicon, p)
}

/// After a spam block at `mark` was cut: the kept sibling right before it goes too when it
/// is a tagline (a short text with a betting term) and only markup lies between them.
fn cut_previous(st: &mut State, mark: usize) {
    let Some(prev) = st.blocks.open.last().and_then(|p| p.last) else {
        return;
    };
    let between = st.out.get(prev.end..mark).unwrap_or_default();
    let adjacent = visible_text(between, st.encoding).trim().is_empty();
    if !prev.tagline || !adjacent || prev.end > mark {
        return;
    }
    let detail = Some("text block next to a spam block".to_string());
    if st.found_detail("spam.block", Action::Removed, None, detail) && st.enforce() {
        hold::cut(st, prev.mark, mark);
    }
    if let Some(parent) = st.blocks.open.last_mut() {
        parent.last = None;
        parent.scanned = parent.scanned.min(st.out.len());
    }
}

/// Reports a spam block and, in enforce mode, cuts it with its end tag. Returns whether it
/// was cut.
fn remove(st: &mut State, o: &Open, now: usize, end: Option<&mut EndTag<'_>>) -> bool {
    if !o.dropping {
        let detail = Some(if o.profile.terms.is_empty() {
            "text around a spam link".to_string()
        } else if o.drawn {
            format!("text block as drawn: {}", o.profile.terms.join(", "))
        } else {
            format!("text block: {}", o.profile.terms.join(", "))
        });
        if !st.found_detail("spam.block", Action::Removed, None, detail) {
            return false;
        }
    }
    if !st.enforce() {
        return false;
    }
    container::before_removal(st, o.mark);
    let now = now.min(st.out.len());
    hold::cut(st, o.mark, now);
    reorder::gone(st, o);
    if let Some(end) = end {
        end.remove();
    }
    container::after_removal(st, o.mark, true);
    if let Some(parent) = st.blocks.open.last_mut() {
        parent.scanned = parent.scanned.min(st.out.len());
    }
    true
}

/// At the end of the document: blocks still open close here, innermost first.
pub fn finish(st: &mut State) {
    while let Some(id) = st.blocks.open.last().filter(|o| !o.root).map(|o| o.id) {
        close(st, id, None);
    }
    root::finish(st);
}

//! Stage 6 (planted spam hidden from visitors): hidden blocks.
//!
//! An element is hidden by its inline style (see `hiding`), by the `hidden` attribute, by
//! being a 1×1 `<marquee>`, an `<svg>` of zero width or height, or a closed `<details>`, or
//! by a rule of the page's own `<style>` or an inline script that hides it after load (see
//! `css_rules`).
//!
//! Containers a browser never renders, or renders only on demand, while crawlers read their
//! text, are hidden blocks too ("default-hidden", see [`never_rendered`]): `<template>`, a
//! `<dialog>` without `open`, SVG `<desc>` and `<metadata>`, and, on the lexicon only (a
//! drop-down's links keep `option.foreign`, a video's download link stays), the options of
//! `<select>`/`<datalist>`, the fallback content of `<canvas>`, `<video>`, `<audio>` and
//! `<object>`, and MathML annotations. The
//! raw-text containers (`noscript`, …, `textarea`) keep their own rules for now: their
//! links go (`rawtext.link`) but keyword-only text in them is not scored (report mode reads
//! their text before it is judged, so it would report what enforce mode does not).
//! `hidden=until-found` counts as hidden: its content shows only when find-in-page reaches
//! it. `inert` is rendered and is not hidden. The events of what a removed default-hidden
//! block held (`option.foreign`, `script.tag_id`) are still emitted.
//!
//! Security note: hidden alone is not spam (skip links, collapsed menus, a closed FAQ, a tag
//! manager's 0×0 frame). A hidden block is removed whole only when it holds a foreign link or
//! scores as spam in the lexicon without editorial context (see `lexicon::Profile`). Hiding
//! by a script placed after the element cannot be undone in a stream (see `script_hide`).

use std::sync::{Arc, Mutex};

use lol_html::html_content::EndTag;
use lol_html::send::Element;

use crate::audit::{Action, Event};

use super::entities;
use super::hiding::{at_most_one_px, style_hides};
use super::state::{Block, State};

pub(crate) use super::css_rules::HiddenRules;

/// How a never-rendered container is judged: `Some(true)` on the lexicon only.
fn never_rendered(el: &Element<'_, '_>, tag: &str) -> Option<bool> {
    match tag {
        // Fallback content that shows only when the media or plug-in fails, a MathML
        // annotation: text for crawlers, rarely for people. (A `<map>`'s own text renders:
        // the spot rules read it.)
        "select" | "datalist" | "canvas" | "video" | "audio" | "object" | "annotation-xml"
        | "annotation" => Some(true),
        // SVG `desc` and `metadata`, whatever namespace the parser reports for them (`desc`
        // is an HTML integration point): as HTML elements they are unknown and rare.
        "template" | "metadata" | "desc" => Some(false),
        "dialog" if !el.has_attribute("open") => Some(false),
        _ => None,
    }
}

/// Whether this element starts something hidden.
fn is_hidden(st: &State, el: &Element<'_, '_>, tag: &str) -> bool {
    if el.has_attribute("hidden") {
        return true;
    }
    if let Some(style) = el.get_attribute("style")
        && style_hides(&entities::decode(&style))
    {
        return true;
    }
    if tag == "marquee" && tiny_marquee(el) {
        return true;
    }
    // `<svg width=0 height=0>`: its `<text>` is indexed, never seen.
    if tag == "svg" && zero_size(el) {
        return true;
    }
    // A closed `<details>` shows only its `<summary>`: the whole element is judged.
    if tag == "details" && !el.has_attribute("open") {
        return true;
    }
    !st.css.is_empty() && st.css.hides(el, tag)
}

fn zero_size(el: &Element<'_, '_>) -> bool {
    ["width", "height"]
        .iter()
        .filter_map(|a| entities::attr(el, a))
        .any(|v| super::hiding::is_zero(v.trim()))
}

fn tiny_marquee(el: &Element<'_, '_>) -> bool {
    ["width", "height", "scrollamount"]
        .iter()
        .filter_map(|a| entities::attr(el, a))
        .any(|v| at_most_one_px(v.trim()))
}

/// Opens a hidden block at `el` if it is hidden (the outermost one holds the output), and
/// counts it as an open ancestor for the rules that need one.
pub(crate) fn enter(
    shared: &Arc<Mutex<State>>,
    st: &mut State,
    el: &mut Element<'_, '_>,
    tag: &str,
) {
    if !el.can_have_content() {
        return;
    }
    let never = never_rendered(el, tag);
    let styled = is_hidden(st, el, tag);
    let hidden = never.is_some() || styled;
    // Hidden by its style as well: an ordinary hidden block.
    let never = never.filter(|_| !styled);
    let keys = if st.css.is_empty() {
        Vec::new()
    } else {
        st.css.keys_of(el, tag)
    };
    if !hidden && keys.is_empty() {
        return;
    }
    let shared = Arc::clone(shared);
    let closing = keys.clone();
    let registered = el.on_end_tag(Box::new(move |end: &mut EndTag<'_>| {
        let mut st = shared.lock().map_err(|_| "sanitizer state poisoned")?;
        if hidden {
            leave(&mut st, end);
        }
        for k in &closing {
            if let Some(n) = st.css.open.get_mut(*k) {
                *n = n.saturating_sub(1);
            }
        }
        Ok(())
    }));
    if registered.is_err() {
        return;
    }
    for k in keys {
        if let Some(n) = st.css.open.get_mut(k) {
            *n += 1;
        }
    }
    if hidden {
        st.hidden_depth += 1;
        if st.block.is_none() {
            st.block = Some(Block {
                mark: st.out.len(),
                keep_events: never.is_some(),
                lexicon_only: never == Some(true),
                ..Block::default()
            });
        }
    }
}

/// Closes a hidden element; at the outermost one, decides the held block.
fn leave(st: &mut State, end: &mut EndTag<'_>) {
    st.hidden_depth = st.hidden_depth.saturating_sub(1);
    if st.hidden_depth > 0 {
        return;
    }
    // A captured element (`<noscript style=display:none>`) is judged first: what it holds
    // decides the block, and its text must not come back if the block goes.
    let pending = super::text::finish(st);
    if let Some(block) = st.block.take() {
        let judged = pending.as_ref().map_or("", |(t, _)| t.as_str());
        decide_with(st, block, Some(&mut *end), judged);
    }
    super::text::insert(end, pending);
}

/// Removes a held block that is spam (with its end tag), or releases its events.
pub(crate) fn decide(st: &mut State, block: Block, end: Option<&mut EndTag<'_>>) {
    decide_with(st, block, end, "");
}

/// [`decide`], with the judged text of a captured element that is not in the held output
/// yet (it goes back before the end tag).
fn decide_with(st: &mut State, block: Block, end: Option<&mut EndTag<'_>>, judged: &str) {
    match spam_verdict(st, &block, judged) {
        Some(ev) => {
            st.emit_now(ev);
            if block.keep_events {
                block.pending.into_iter().for_each(|e| st.audit.emit(e));
            }
            // Links held inside the block go with it, and so do their events.
            st.anchors.retain(|a| a.mark < block.mark);
            super::container::before_removal(st, block.mark);
            if st.enforce() {
                let len = st.out.len();
                super::hold::cut(st, block.mark, len);
                if let Some(end) = end {
                    end.remove();
                }
            }
            super::container::after_removal(st, block.mark, true);
        }
        None => block.pending.into_iter().for_each(|e| st.audit.emit(e)),
    }
}

fn spam_verdict(st: &State, block: &Block, judged: &str) -> Option<Event> {
    let action = if st.enforce() {
        Action::Removed
    } else {
        Action::Reported
    };
    if let Some(target) = &block.foreign {
        let ev = Event::new(&st.request, "link.hidden_block", action).target(target.clone());
        return Some(ev);
    }
    let held = st.out.get(block.mark..).unwrap_or_default();
    // Read both ways: tag by tag (alt and title words apart) and as rendered, joined across
    // inline tags and comments (`<b>nhà</b><i> cái</i>`).
    let mut text = super::held_text::text(held, st.encoding);
    text.push(' ');
    let shown = super::rendered::read(held, st.encoding, true).text;
    text.push_str(&shown);
    text.push(' ');
    text.push_str(&super::held_text::text(
        judged.as_bytes(),
        encoding_rs::UTF_8,
    ));
    text.push(' ');
    text.push_str(&super::rendered::read(judged.as_bytes(), encoding_rs::UTF_8, true).text);
    let text = entities::decode(&text);
    let lexicon = &st.policy().lexicon;
    let hits = lexicon.scan(&text);
    // No foreign link here: a collapsed menu of the site's own anti-betting categories
    // ("Phòng chống cá độ", "Cảnh giác lừa đảo tài xỉu") is news, not an advert.
    // A seller's label of one weak term ("Làm giả CCCD") is spam as a unit, as shown.
    let unit = !hits.words.is_empty()
        && super::spam_block::is_unit(lexicon, &lexicon.profile(entities::decode(&shown).trim()));
    let spam = (hits.is_spam() || unit) && !lexicon.profile(&text).is_editorial();
    spam.then(|| {
        Event::new(&st.request, "spam.keyword", action)
            .detail(format!("hidden block: {}", hits.words.join(", ")))
    })
}

/// Keeps the held block bounded: past `max_hidden_block` it is judged on what it holds so
/// far. Spam (or a foreign link) is cut now and the rest of the block is cut as it comes
/// (the block stays marked, so its end removes the remainder); anything else is released.
pub(crate) fn check_hold(st: &mut State) {
    let limit = st.policy().max_hidden_block;
    let over = st
        .block
        .as_ref()
        .is_some_and(|b| st.out.len() - b.mark > limit);
    let Some(mut b) = over.then(|| st.block.take()).flatten() else {
        return;
    };
    match spam_verdict(st, &b, "") {
        Some(ev) if st.enforce() => {
            st.emit_now(ev);
            let len = st.out.len();
            super::hold::cut(st, b.mark, len);
            let pending = std::mem::take(&mut b.pending);
            if b.keep_events {
                pending.into_iter().for_each(|e| st.audit.emit(e));
            }
            b.foreign
                .get_or_insert_with(|| "oversized hidden block".into());
            st.block = Some(b);
        }
        _ => b.pending.into_iter().for_each(|e| st.audit.emit(e)),
    }
}

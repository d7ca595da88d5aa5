//! Stage 6 (planted spam hidden from visitors): hidden blocks.
//!
//! An element is hidden by its inline style (`display:none`, `visibility:hidden`, far
//! off-screen, `font-size:0`, a tiny box with `overflow:hidden`, `opacity:0`, `clip`, text
//! the colour of its background), by the `hidden` attribute, by being a 1×1 `<marquee>`, or
//! by a class, id or element name that the page's own `<style>` hides.
//!
//! Security note: hidden alone is not spam (skip links, collapsed menus, a tag manager's
//! 0×0 frame). A hidden block is removed whole only when it holds a foreign link or scores as
//! spam in the lexicon. Hiding done later by a script is not seen here.

use std::sync::{Arc, Mutex};

use lol_html::html_content::EndTag;
use lol_html::send::Element;

use crate::audit::{Action, Event};

use super::entities;
use super::state::{Block, State};

/// Seeded per process (foldhash): the page's own stylesheet chooses the names.
type HashSet = foldhash::HashSet<String>;

/// One of 64 bits from a class name's length, first and last byte.
fn class_bit(name: &[u8]) -> u64 {
    let (first, last) = (name.first().copied(), name.last().copied());
    let mix =
        name.len() ^ (usize::from(first.unwrap_or(0)) << 2) ^ (usize::from(last.unwrap_or(0)) << 3);
    1 << (mix % 64)
}

/// Selectors that the page's own `<style>` hides.
#[derive(Debug, Default)]
pub struct HiddenRules {
    classes: HashSet,
    /// [`class_bit`] of every hidden class: a cheap filter in front of the hash lookup,
    /// which runs for every class of every element.
    class_bits: u64,
    ids: HashSet,
    tags: HashSet,
}

impl HiddenRules {
    /// Learns from one `<style>` sheet: the last compound of each selector whose rule hides.
    pub fn learn(&mut self, css: &str) {
        let css = strip_comments(css);
        for rule in css.split('}') {
            let Some((selectors, decls)) = rule.rsplit_once('{') else {
                continue;
            };
            if !style_hides(decls) {
                continue;
            }
            for sel in selectors.split(',') {
                self.learn_selector(sel.trim());
            }
        }
    }

    fn learn_selector(&mut self, sel: &str) {
        // A pseudo-class anywhere (`.menu:hover .sub`) makes the rule conditional.
        let last = sel.rsplit([' ', '>', '+', '~']).next().unwrap_or("");
        if last.is_empty() || sel.contains([':', '[']) {
            return;
        }
        let (mut kind, mut name) = ('t', String::new());
        for c in last.chars().chain(std::iter::once('.')) {
            if c == '.' || c == '#' {
                self.add(kind, &name);
                name.clear();
                kind = c;
            } else {
                name.push(c);
            }
        }
    }

    fn add(&mut self, kind: char, name: &str) {
        if name.is_empty() || name == "*" {
            return;
        }
        let set = match kind {
            't' => {
                self.tags.insert(name.to_ascii_lowercase());
                return;
            }
            '.' => {
                self.class_bits |= class_bit(name.as_bytes());
                &mut self.classes
            }
            _ => &mut self.ids,
        };
        set.insert(name.to_string());
    }

    fn is_empty(&self) -> bool {
        self.classes.is_empty() && self.ids.is_empty() && self.tags.is_empty()
    }

    /// Classes and ids match case-sensitively, as in a standards-mode page.
    fn hides(&self, el: &Element<'_, '_>, tag: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        self.tags.contains(tag)
            || el
                .get_attribute("id")
                .is_some_and(|id| self.ids.contains(entities::decode(&id).trim()))
            || el.get_attribute("class").is_some_and(|c| {
                entities::decode(&c)
                    .split_ascii_whitespace()
                    .any(|c| self.classes.contains(c))
            })
    }
}

impl super::rawtag::Rules for HiddenRules {
    fn any(&self) -> bool {
        !self.is_empty()
    }
    fn class(&self, name: &[u8]) -> bool {
        self.class_bits & class_bit(name) != 0
            && std::str::from_utf8(name).is_ok_and(|n| self.classes.contains(n))
    }
    fn id(&self, name: &str) -> bool {
        self.ids.contains(name)
    }
    fn tag(&self, name: &[u8]) -> bool {
        !self.tags.is_empty() && std::str::from_utf8(name).is_ok_and(|n| self.tags.contains(n))
    }
}

fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        rest = rest[i + 2..].split_once("*/").map_or("", |(_, r)| r);
    }
    out.push_str(rest);
    out
}

/// Whether a declaration list hides its element from a human visitor.
pub fn style_hides(decls: &str) -> bool {
    let decls = decls.to_ascii_lowercase();
    let mut tiny = false;
    let mut overflow_hidden = false;
    let (mut color, mut background) = (None, None);
    for d in decls.split(';') {
        let Some((prop, value)) = d.split_once(':') else {
            continue;
        };
        let (prop, value) = (
            prop.trim(),
            value.trim().trim_end_matches("!important").trim(),
        );
        match prop {
            "display" if value == "none" => return true,
            "visibility" if value == "hidden" || value == "collapse" => return true,
            "opacity" if value.parse::<f32>().is_ok_and(|v| v < 0.1) => return true,
            "font-size" | "line-height" if is_zero(value) => return true,
            "left" | "top" | "right" | "margin-left" | "margin-top" | "text-indent"
                if far_negative(value) =>
            {
                return true;
            }
            "transform" if value.contains("scale(0") => return true,
            "clip" if value.replace(' ', "").contains("rect(0") => return true,
            "clip-path" if value.contains("inset(50%") || value.contains("inset(100%") => {
                return true;
            }
            "width" | "height" | "max-height" | "max-width" => tiny |= at_most_one_px(value),
            "overflow" | "overflow-x" | "overflow-y" => overflow_hidden |= value == "hidden",
            "color" => color = Some(value.to_string()),
            "background" | "background-color" => background = Some(value.to_string()),
            _ => {}
        }
    }
    (tiny && overflow_hidden) || (color.is_some() && color == background)
}

fn number(value: &str) -> Option<f32> {
    let end = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(value.len());
    value[..end].parse().ok()
}

fn is_zero(value: &str) -> bool {
    number(value).is_some_and(|v| v == 0.0)
}

fn far_negative(value: &str) -> bool {
    number(value).is_some_and(|v| v <= -500.0)
}

fn at_most_one_px(value: &str) -> bool {
    number(value).is_some_and(|v| v <= 1.0)
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
    st.css.hides(el, tag)
}

fn tiny_marquee(el: &Element<'_, '_>) -> bool {
    ["width", "height", "scrollamount"]
        .iter()
        .filter_map(|a| el.get_attribute(a))
        .any(|v| at_most_one_px(v.trim()))
}

/// Opens a hidden block at `el` if it is hidden; the outermost one holds the output.
pub fn enter(shared: &Arc<Mutex<State>>, st: &mut State, el: &mut Element<'_, '_>, tag: &str) {
    if !el.can_have_content() || !is_hidden(st, el, tag) {
        return;
    }
    let shared = Arc::clone(shared);
    let registered = el.on_end_tag(Box::new(move |end: &mut EndTag<'_>| {
        let mut st = shared.lock().map_err(|_| "sanitizer state poisoned")?;
        leave(&mut st, end);
        Ok(())
    }));
    if registered.is_err() {
        return;
    }
    st.hidden_depth += 1;
    if st.block.is_none() {
        st.block = Some(Block {
            mark: st.out.len(),
            ..Block::default()
        });
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
        decide(st, block, Some(&mut *end));
    }
    super::text::insert(end, pending);
}

/// Removes a held block that is spam (with its end tag), or releases its events.
pub fn decide(st: &mut State, block: Block, end: Option<&mut EndTag<'_>>) {
    match spam_verdict(st, &block) {
        Some(ev) => {
            st.emit_now(ev);
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

fn spam_verdict(st: &State, block: &Block) -> Option<Event> {
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
    let text = super::hold::text(held, st.encoding);
    let hits = st.policy().lexicon.scan(&entities::decode(&text));
    hits.is_spam().then(|| {
        Event::new(&st.request, "spam.keyword", action)
            .detail(format!("hidden block: {}", hits.words.join(", ")))
    })
}

/// Keeps the held block bounded: past `max_hidden_block` it is judged on what it holds so
/// far. Spam (or a foreign link) is cut now and the rest of the block is cut as it comes
/// (the block stays marked, so its end removes the remainder); anything else is released.
pub fn check_hold(st: &mut State) {
    let limit = st.policy().max_hidden_block;
    let over = st
        .block
        .as_ref()
        .is_some_and(|b| st.out.len() - b.mark > limit);
    let Some(mut b) = over.then(|| st.block.take()).flatten() else {
        return;
    };
    match spam_verdict(st, &b) {
        Some(ev) if st.enforce() => {
            st.emit_now(ev);
            st.out.truncate(b.mark);
            b.pending.clear();
            b.foreign
                .get_or_insert_with(|| "oversized hidden block".into());
            st.block = Some(b);
        }
        _ => b.pending.into_iter().for_each(|e| st.audit.emit(e)),
    }
}

/// Collects the text of the held block for the lexicon.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hiding_styles() {
        for s in [
            "display:none",
            "DISPLAY: NONE !important",
            "visibility:hidden",
            "position:absolute;left:-9999px",
            "text-indent:-10000em",
            "font-size:0",
            "font-size:0px",
            "height:1px;overflow:hidden",
            "width:0;height:0;overflow:hidden",
            "opacity:0",
            "opacity:.0",
            "color:#fff;background:#fff",
            "clip:rect(0 0 0 0);position:absolute",
            "transform:scale(0)",
        ] {
            assert!(style_hides(s), "{s}");
        }
        for s in [
            "display:block",
            "left:10px",
            "height:1px",
            "font-size:12px",
            "opacity:1",
            "color:red",
        ] {
            assert!(!style_hides(s), "{s}");
        }
    }

    #[test]
    fn page_css_rules() {
        let mut r = HiddenRules::default();
        r.learn(".a{color:red} /* x */ .sp, div.k > .zz {display:none} x-box{visibility:hidden} #q{left:-9999px} .m:hover .n{display:none}");
        assert!(r.classes.contains("sp") && r.classes.contains("zz") && !r.classes.contains("a"));
        assert!(r.tags.contains("x-box") && r.ids.contains("q") && !r.classes.contains("n"));
    }
}

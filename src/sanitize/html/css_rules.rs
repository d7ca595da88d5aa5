//! Stage 6 (planted spam, threat A1): the page's own hiding rules, learned from its
//! `<style>` sheets (in `<head>` or `<body>`) and from inline scripts that hide elements after
//! load (`script_hide`). A sheet or script teaches the rules for what follows it.
//!
//! Two layers: names (classes, ids, tags, attribute names of every compound of every rule)
//! that the zero-allocation pre-scan (`rawtag`) checks for each start tag, and the rules
//! themselves (`selectors`), matched only for the elements the pre-scan sends on. The
//! ancestors that rules require are counted while they are open (`open`).
//!
//! The same sheets teach a second rule set, on the same indexes: the selectors whose rules
//! draw a block inline or drop its box (`inline_display`), for the spam-block judge, which
//! reads such a block's text joined with its neighbours' (`.tg>div{display:inline}`). A
//! third holds the selectors whose rules move text on screen (`layout_props`: `order`,
//! grid placement, floats, offsets, reversed or right-to-left boxes), with what they say,
//! for the drawn reading of a block (`layout_read`).

use lol_html::send::Element;

use super::css_keyframes;
use super::css_sheet;
use super::hiding::style_hides;
use super::inline_display;
use super::layout_nth;
use super::layout_props::{self, Layout};
use super::script_changes::{self, Change};
use super::script_hide;
use super::selectors::{self, Compound, Rule};

/// Seeded per process (foldhash): the page's own stylesheet chooses the names.
type HashSet = foldhash::HashSet<String>;

/// One of 64 bits from a class name's length, first and last byte.
fn class_bit(name: &[u8]) -> u64 {
    let (first, last) = (name.first().copied(), name.last().copied());
    let mix =
        name.len() ^ (usize::from(first.unwrap_or(0)) << 2) ^ (usize::from(last.unwrap_or(0)) << 3);
    1 << (mix % 64)
}

/// Selectors that the page hides.
#[derive(Debug, Default)]
pub(crate) struct HiddenRules {
    classes: HashSet,
    /// [`class_bit`] of every class named: a cheap filter in front of the hash lookup,
    /// which runs for every class of every element.
    class_bits: u64,
    ids: HashSet,
    tags: HashSet,
    /// Attribute names of attribute selectors.
    attrs: Vec<String>,
    rules: Vec<Rule>,
    /// Rules that draw the element inline (`inline_display`).
    inline: Vec<Rule>,
    /// Rules that move text on screen, and what each says (`layout_props`).
    layout: Vec<Rule>,
    layouts: Vec<Layout>,
    /// The ancestor compounds of the rules, and how many elements matching each are open.
    keys: Vec<Compound>,
    pub(crate) open: Vec<u32>,
    /// Classes hidden by a rule of their own (`.c{display:none}`), for `classList.add`.
    plain_classes: HashSet,
    /// Changes scripts made that no rule hid yet, with the selector they were made to.
    pending: Vec<(String, Change)>,
}

/// How many script changes wait for a later sheet.
const MAX_PENDING: usize = 32;
/// How much CSS text a script's built sheets may hold.
const MAX_BUILT_SHEET: usize = 16 * 1024;

impl HiddenRules {
    /// Learns from one `<style>` sheet.
    /// Rules in group rules, nested rules and `:is()` groups are read by `css_sheet`.
    /// Returns the selectors it hides, and those of script changes that its rules hide
    /// (for `later_hidden`: what came before is hidden too).
    pub(crate) fn learn(&mut self, css: &str) -> Vec<String> {
        let css = strip_comments(css);
        let mut hidden = Vec::new();
        let fades = css_keyframes::hiding(&css);
        for rule in css_sheet::rules(&css) {
            if inline_display::declares(&rule.decls) == Some(true) {
                for sel in &rule.selectors {
                    self.learn_inline(sel.trim());
                }
            }
            if let Some(l) = layout_props::of_decls(&rule.decls) {
                for sel in &rule.selectors {
                    self.learn_layout(sel.trim(), &l);
                }
            }
            if !style_hides(&rule.decls) && !css_keyframes::runs(&rule.decls, &fades) {
                continue;
            }
            for sel in &rule.selectors {
                self.learn_selector(sel.trim());
                hidden.push(sel.trim().to_string());
            }
        }
        let pending = std::mem::take(&mut self.pending);
        let (now, still): (Vec<_>, Vec<_>) =
            pending.into_iter().partition(|(_, c)| self.hides_change(c));
        self.pending = still;
        for (sel, _) in now {
            self.learn_selector(&sel);
            hidden.push(sel);
        }
        hidden
    }

    /// Learns what an inline script hides after load, and the sheets it builds; returns
    /// the selectors (for `later_hidden`).
    pub(crate) fn learn_script(&mut self, js: &str) -> Vec<String> {
        let mut hidden = script_changes::built_sheets(js, MAX_BUILT_SHEET)
            .map(|css| self.learn(&css))
            .unwrap_or_default();
        let learned = script_hide::hidden_selectors(js, &|c| self.hides_change(c));
        for sel in &learned.hidden {
            self.learn_selector(sel);
        }
        hidden.extend(learned.hidden);
        for p in learned.pending {
            if self.pending.len() < MAX_PENDING && !self.pending.contains(&p) {
                self.pending.push(p);
            }
        }
        hidden
    }

    /// Whether a rule hides what `change` gives an element.
    fn hides_change(&self, change: &Change) -> bool {
        matches!(change, Change::Class(c) if self.plain_classes.contains(c))
            || self.rules.iter().any(|r| r.last.made_by(change))
    }

    fn learn_selector(&mut self, sel: &str) {
        let Some(compounds) = selectors::parse(sel) else {
            return;
        };
        for c in &compounds {
            self.index(c);
        }
        if let [only] = compounds.as_slice()
            && let [class] = only.classes.as_slice()
            && only.tag.is_none()
            && only.ids.is_empty()
            && only.attrs.is_empty()
        {
            self.plain_classes.insert(class.clone());
        }
        selectors::add(&mut self.rules, &mut self.keys, compounds);
        self.open.resize(self.keys.len(), 0);
    }

    fn learn_inline(&mut self, sel: &str) {
        let Some(compounds) = selectors::parse(sel) else {
            return;
        };
        for c in &compounds {
            self.index(c);
        }
        selectors::add(&mut self.inline, &mut self.keys, compounds);
        self.open.resize(self.keys.len(), 0);
    }

    fn learn_layout(&mut self, sel: &str, l: &Layout) {
        let Some(compounds) = selectors::parse(sel) else {
            return;
        };
        for c in &compounds {
            self.index(c);
        }
        let before = self.layout.len();
        let nths = layout_nth::of_selector(sel);
        let any = nths.as_ref().is_some_and(|n| !n.is_empty());
        selectors::add_rule(&mut self.layout, &mut self.keys, compounds, any);
        if self.layout.len() > before {
            // A structural pseudo-class of the element's own compound is a condition on
            // its place among its siblings, resolved when the block is read
            // (`layout_nth`); one not read here places it somewhere not known.
            let l = match nths {
                Some(nths) if nths.is_empty() => l.clone(),
                Some(nths) => Layout {
                    cond: vec![(nths.into(), l.clone())],
                    ..Layout::default()
                },
                None => Layout {
                    unknown: true,
                    ..l.clone()
                },
            };
            self.layouts.push(l);
        }
        self.open.resize(self.keys.len(), 0);
    }

    /// Makes every name of `c` reach the full path.
    fn index(&mut self, c: &Compound) {
        if let Some(t) = &c.tag {
            self.tags.insert(t.clone());
        }
        for class in &c.classes {
            self.class_bits |= class_bit(class.as_bytes());
            self.classes.insert(class.clone());
        }
        self.ids.extend(c.ids.iter().cloned());
        for a in &c.attrs {
            if !self.attrs.contains(&a.name) {
                self.attrs.push(a.name.clone());
            }
        }
    }

    /// No rule learned, hiding, inline or moving text.
    pub(crate) fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.inline.is_empty() && self.layout.is_empty()
    }

    /// Whether a rule hides `el`: its last compound matches and its ancestors are open.
    pub(crate) fn hides(&self, el: &Element<'_, '_>, tag: &str) -> bool {
        self.rules.iter().any(|r| {
            r.ancestors
                .iter()
                .all(|&i| self.open.get(i).is_some_and(|n| *n > 0))
                && r.last.matches(el, tag)
        })
    }

    /// Whether a rule draws `el` inline (see `inline_display`). Asked after `el` itself was
    /// counted open (`hidden::enter`): it is no ancestor of its own (`.tg>div` does not
    /// draw `<div class=tg>` inline).
    pub(crate) fn inlines(&self, el: &Element<'_, '_>, tag: &str) -> bool {
        self.inline.iter().any(|r| {
            r.last.matches(el, tag)
                && r.ancestors.iter().all(|&i| {
                    let own = self.keys.get(i).is_some_and(|k| k.matches(el, tag));
                    self.open.get(i).is_some_and(|n| *n > u32::from(own))
                })
        })
    }

    /// What the rules that match `el` say about moving its text, in sheet order (a later
    /// rule's values win; specificity is not weighed). Asked like [`Self::inlines`].
    pub(crate) fn layout_of(&self, el: &Element<'_, '_>, tag: &str) -> Option<Layout> {
        let mut out: Option<Layout> = None;
        for (r, l) in self.layout.iter().zip(&self.layouts) {
            let matches = r.last.matches(el, tag)
                && r.ancestors.iter().all(|&i| {
                    let own = self.keys.get(i).is_some_and(|k| k.matches(el, tag));
                    self.open.get(i).is_some_and(|n| *n > u32::from(own))
                });
            if matches {
                out.get_or_insert_with(Layout::default).merge(l);
            }
        }
        out
    }

    /// The ancestor keys that `el` matches (it opens them until its end tag).
    pub(crate) fn keys_of(&self, el: &Element<'_, '_>, tag: &str) -> Vec<usize> {
        (0..self.keys.len())
            .filter(|&i| self.keys[i].matches(el, tag))
            .collect()
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
    fn attr(&self, name: &[u8]) -> bool {
        self.attrs.iter().any(|a| a.as_bytes() == name)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_css_rules() {
        let mut r = HiddenRules::default();
        r.learn(".a{color:red} /* x */ .sp, div.k > .zz {display:none} x-box{visibility:hidden} #q{left:-9999px} .m:hover .n{display:none} [data-seo]{font-size:0} footer div[id^=l]{opacity:.01}");
        assert!(r.classes.contains("sp") && r.classes.contains("zz") && !r.classes.contains("a"));
        assert!(r.tags.contains("x-box") && r.ids.contains("q") && !r.classes.contains("n"));
        assert!(r.attrs.contains(&"data-seo".to_string()) && r.attrs.contains(&"id".to_string()));
        assert!(r.tags.contains("footer") && r.classes.contains("k"));
        assert_eq!(r.keys.len(), 2);
        assert!(r.plain_classes.contains("sp") && !r.plain_classes.contains("zz"));
    }

    #[test]
    fn page_inline_rules() {
        let mut r = HiddenRules::default();
        r.learn(".tg>div{display:inline} ul.k li{display:inline-block!important} #n td{display:contents} .b{display:block}");
        assert_eq!(r.inline.len(), 3);
        assert!(r.rules.is_empty() && !r.is_empty());
        assert!(r.classes.contains("tg") && r.tags.contains("div") && r.ids.contains("n"));
        assert!(!r.classes.contains("b"));
    }

    #[test]
    fn page_layout_rules() {
        let mut r = HiddenRules::default();
        r.learn(".pt span{order:2} .rr{flex-direction:row-reverse} .al span{position:absolute;top:0} .c{color:red}");
        assert_eq!(r.layout.len(), 3);
        assert_eq!(r.layouts[0].order, Some(2));
        assert!(r.rules.is_empty() && !r.is_empty());
        assert!(r.classes.contains("rr") && r.classes.contains("al") && !r.classes.contains("c"));
    }
}

//! Stage 6 (planted spam, threat A1): the selectors of the page's own hiding rules, learned
//! from its `<style>` sheets and from inline scripts that hide elements after load.
//!
//! A selector is read as a list of compounds (`div.a#b[data-x^="y"]`). The last compound must
//! match the element; the others are *ancestors*, and each must match some element that is
//! open around it (counted by `hidden::enter`): descendant and child combinators are read
//! alike, and sibling combinators (`+`, `~`) drop what comes before them. Structural
//! pseudo-classes (`:first-child`, `:nth-child(…)`) are ignored; any other pseudo-class or
//! pseudo-element makes the rule conditional and it is not learned.
//!
//! Security note: this over-matches on purpose (child read as descendant, sibling rules read
//! without their sibling, `@media` ignored). Hidden alone is never removed, only hidden
//! *and* spam or foreign links, so over-matching costs a hold, never a benign page.

use lol_html::send::Element;

use super::entities;
use super::script_changes::Change;

/// Learned rules are bounded per page: a sheet cannot make every element a search.
const MAX_RULES: usize = 256;
const MAX_ANCESTORS: usize = 64;

/// One attribute selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AttrSel {
    pub(crate) name: String,
    op: Option<char>,
    value: String,
    /// The `i` flag.
    fold: bool,
}

/// One compound selector; empty parts match anything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Compound {
    pub(crate) tag: Option<String>,
    pub(crate) ids: Vec<String>,
    pub(crate) classes: Vec<String>,
    pub(crate) attrs: Vec<AttrSel>,
}

/// A learned hiding rule: the element's compound and the indices of its ancestors' keys.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub(crate) last: Compound,
    pub(crate) ancestors: Vec<usize>,
}

/// Parses a selector into compounds, left to right; `None` when it is conditional.
pub(crate) fn parse(sel: &str) -> Option<Vec<Compound>> {
    let mut out = Vec::new();
    let mut cur = Compound::default();
    let mut chars = sel.trim().chars().peekable();
    let mut fresh = true;
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' | '\r' | '\x0c' | '>' | '+' | '~' => {
                if !fresh {
                    out.push(std::mem::take(&mut cur));
                    fresh = true;
                }
                // The compounds before a sibling combinator are not ancestors.
                if matches!(c, '+' | '~') {
                    out.clear();
                }
            }
            '.' | '#' => {
                let name = ident(&mut chars);
                if name.is_empty() {
                    return None;
                }
                let list = if c == '.' {
                    &mut cur.classes
                } else {
                    &mut cur.ids
                };
                list.push(name);
                fresh = false;
            }
            '[' => {
                cur.attrs.push(attr_sel(&mut chars)?);
                fresh = false;
            }
            ':' => {
                pseudo(&mut chars)?;
                fresh = false;
            }
            '*' => fresh = false,
            c if c.is_alphanumeric() || c == '-' || c == '_' => {
                let mut name = String::from(c);
                name.push_str(&ident(&mut chars));
                cur.tag = Some(name.to_ascii_lowercase());
                fresh = false;
            }
            _ => return None,
        }
    }
    if !fresh {
        out.push(cur);
    }
    (!out.is_empty()).then_some(out)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn ident(chars: &mut Chars<'_>) -> String {
    let mut s = String::new();
    while let Some(&c) = chars.peek() {
        if c.is_alphanumeric() || c == '-' || c == '_' || !c.is_ascii() {
            s.push(c);
            chars.next();
        } else {
            break;
        }
    }
    s
}

/// Structural pseudo-classes are skipped; anything else makes the selector conditional.
fn pseudo(chars: &mut Chars<'_>) -> Option<()> {
    if chars.peek() == Some(&':') {
        return None;
    }
    let name = ident(chars).to_ascii_lowercase();
    const STRUCTURAL: &[&str] = &[
        "first-child",
        "last-child",
        "only-child",
        "nth-child",
        "nth-last-child",
        "first-of-type",
        "last-of-type",
        "nth-of-type",
        "root",
    ];
    if !STRUCTURAL.contains(&name.as_str()) {
        return None;
    }
    if chars.peek() == Some(&'(') {
        for c in chars.by_ref() {
            if c == ')' {
                break;
            }
        }
    }
    Some(())
}

fn attr_sel(chars: &mut Chars<'_>) -> Option<AttrSel> {
    let mut body = String::new();
    let mut quote = None;
    for c in chars.by_ref() {
        match (quote, c) {
            (None, ']') => return parse_attr(&body),
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        body.push(c);
    }
    None
}

fn parse_attr(body: &str) -> Option<AttrSel> {
    let Some(eq) = body.find('=') else {
        let name = body.trim().to_ascii_lowercase();
        return (!name.is_empty()).then_some(AttrSel {
            name,
            op: None,
            value: String::new(),
            fold: false,
        });
    };
    let (mut name, mut value) = (body[..eq].trim(), body[eq + 1..].trim());
    let op = name
        .chars()
        .last()
        .filter(|c| matches!(c, '*' | '^' | '$' | '~' | '|'));
    if let Some(o) = op {
        name = name[..name.len() - o.len_utf8()].trim();
    }
    let fold = value.ends_with(" i") || value.ends_with(" I");
    if fold {
        value = value[..value.len() - 2].trim();
    }
    let value = value.trim_matches(|c| c == '"' || c == '\'');
    Some(AttrSel {
        name: name.to_ascii_lowercase(),
        op: Some(op.unwrap_or('=')),
        value: value.to_string(),
        fold,
    })
}

/// An element's attribute by (lower-case) name.
pub(crate) type GetAttr<'a> = &'a dyn Fn(&str) -> Option<String>;

impl AttrSel {
    fn matches(&self, get: GetAttr<'_>) -> bool {
        let Some(raw) = get(&self.name) else {
            return false;
        };
        let Some(op) = self.op else { return true };
        let (have, want) = if self.fold {
            (
                entities::decode(&raw).to_lowercase(),
                self.value.to_lowercase(),
            )
        } else {
            (entities::decode(&raw).into_owned(), self.value.clone())
        };
        match op {
            '*' => !want.is_empty() && have.contains(&want),
            '^' => !want.is_empty() && have.starts_with(&want),
            '$' => !want.is_empty() && have.ends_with(&want),
            '~' => have.split_ascii_whitespace().any(|w| w == want),
            '|' => have == want || have.starts_with(&format!("{want}-")),
            _ => have == want,
        }
    }
}

impl Compound {
    /// Classes and ids match case-sensitively, as in a standards-mode page.
    pub(crate) fn matches(&self, el: &Element<'_, '_>, tag: &str) -> bool {
        self.matches_attrs(tag, &|n| el.get_attribute(n))
    }

    /// [`Compound::matches`] for an element known by its tag and attributes.
    pub(crate) fn matches_attrs(&self, tag: &str, get: GetAttr<'_>) -> bool {
        if self.tag.as_deref().is_some_and(|t| t != tag) {
            return false;
        }
        if !self.ids.is_empty() {
            let id = get("id").unwrap_or_default();
            let id = entities::decode(&id);
            if self.ids.iter().any(|i| i != id.trim()) {
                return false;
            }
        }
        if !self.classes.is_empty() {
            let class = get("class").unwrap_or_default();
            let class = entities::decode(&class);
            let has = |c: &String| class.split_ascii_whitespace().any(|k| k == c);
            if !self.classes.iter().all(has) {
                return false;
            }
        }
        self.attrs.iter().all(|a| a.matches(get))
    }
}

impl Compound {
    /// Whether this compound names what `change` gives an element; the rest of it is not
    /// read (over-match).
    pub(crate) fn made_by(&self, change: &Change) -> bool {
        match change {
            Change::Class(c) => self.classes.contains(c),
            Change::Attr(n, v) => self
                .attrs
                .iter()
                .any(|a| a.name == *n && a.matches(&|k| (k == n).then(|| v.clone()))),
        }
    }
}

/// Adds a parsed selector to `rules`, with its ancestors in `keys`.
pub(crate) fn add(rules: &mut Vec<Rule>, keys: &mut Vec<Compound>, compounds: Vec<Compound>) {
    add_rule(rules, keys, compounds, false);
}

/// [`add`], `any` letting the element's compound match every element (`.b > :last-child`,
/// whose condition is read apart, see `layout_nth`).
pub(crate) fn add_rule(
    rules: &mut Vec<Rule>,
    keys: &mut Vec<Compound>,
    mut compounds: Vec<Compound>,
    any: bool,
) {
    if rules.len() >= MAX_RULES {
        return;
    }
    let Some(last) = compounds.pop() else { return };
    if last == Compound::default() && (!any || compounds.is_empty()) {
        return;
    }
    let mut ancestors = Vec::new();
    for c in compounds.into_iter().filter(|c| *c != Compound::default()) {
        let i = match keys.iter().position(|k| *k == c) {
            Some(i) => i,
            None if keys.len() < MAX_ANCESTORS => {
                keys.push(c);
                keys.len() - 1
            }
            // Too many distinct ancestors: the rule is kept without this one (over-match).
            None => continue,
        };
        ancestors.push(i);
    }
    rules.push(Rule { last, ancestors });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_parse_into_compounds() {
        let c = parse("div.a#b[data-x^=\"y]\" i]:first-child > span").unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].tag.as_deref(), Some("div"));
        assert_eq!((c[0].classes.len(), c[0].ids.len()), (1, 1));
        assert_eq!(c[0].attrs[0].value, "y]");
        assert!(c[0].attrs[0].fold);
        assert_eq!(c[1].tag.as_deref(), Some("span"));
        assert_eq!(parse(".a + .b").unwrap().len(), 1);
        assert!(parse(".menu:hover .sub").is_none());
        assert!(parse(".x::before").is_none());
        assert!(parse("[class*=spam]").is_some());
    }
}

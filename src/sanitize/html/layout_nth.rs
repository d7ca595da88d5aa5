//! Stage 6 (planted spam, threat A5): the structural pseudo-classes of the page's layout
//! rules (`.b span:nth-child(3){order:1}`, `li:nth-of-type(2n)`, `:first-child`,
//! `:last-child`, `:nth-last-child()`, `:only-child`), read from the last compound of a
//! selector (`css_rules`) and matched, when a block is read as drawn (`layout_read`),
//! against each element's place among its parent's element children (void, code and
//! self-hidden elements count, text does not).
//!
//! Security notes:
//! - A structural pseudo-class on an ancestor compound (`li:first-child span`), or an
//!   `of S` filter, is not read: its rule keeps placing the element somewhere not known
//!   (`Layout::unknown`), read order-free, as before.
//! - The places are counted in held output, with the blocks the sanitizer cut before as
//!   spam still counted where they stood (`spam_block::reorder::gone`); another element
//!   cut (a foreign frame, an inline spot) no longer counts. That only shifts an extra
//!   reading.

use std::ops::Range;

/// One `:nth-…(an+b)` condition: the element's place `p` (1-based, among all siblings or
/// those of its type, counted from the start or the end) is `a·n + b` for some `n ≥ 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Nth {
    a: i32,
    b: i32,
    of_type: bool,
    from_end: bool,
}

/// An element's place among its parent's element children.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Place {
    pub(crate) index: usize,
    pub(crate) count: usize,
    pub(crate) type_index: usize,
    pub(crate) type_count: usize,
}

impl Nth {
    /// Whether an element at `p` matches.
    pub(crate) fn matches(&self, p: &Place) -> bool {
        let (i, n) = if self.of_type {
            (p.type_index, p.type_count)
        } else {
            (p.index, p.count)
        };
        if i == 0 {
            return false;
        }
        let pos = if self.from_end { n + 1 - i } else { i } as i64;
        let (a, b) = (i64::from(self.a), i64::from(self.b));
        if a == 0 {
            pos == b
        } else {
            (pos - b) % a == 0 && (pos - b) / a >= 0
        }
    }
}

/// The structural pseudo-classes of the last compound of `sel` (empty: none); `None` when
/// one is not read here (on an ancestor, with `of S`, not an `an+b`).
pub(crate) fn of_selector(sel: &str) -> Option<Vec<Nth>> {
    let sel = sel.trim();
    let mut last = 0;
    let (mut depth, mut quote) = (0usize, None);
    for (i, c) in sel.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '(') => depth += 1,
            (None, ']' | ')') => depth = depth.saturating_sub(1),
            (None, c) if depth == 0 && (c.is_whitespace() || matches!(c, '>' | '+' | '~')) => {
                last = i + c.len_utf8();
            }
            _ => {}
        }
    }
    let structural = |s: &str| {
        let s = s.to_ascii_lowercase();
        [":nth-", ":first-", ":last-", ":only-"]
            .iter()
            .any(|p| s.contains(p))
    };
    if structural(&sel[..last]) {
        return None;
    }
    let mut out = Vec::new();
    let compound = &sel[last..];
    let mut rest = compound;
    while let Some(at) = rest.find(':') {
        rest = &rest[at + 1..];
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        rest = &rest[name_len..];
        let arg = match rest.strip_prefix('(') {
            Some(r) => {
                let end = r.find(')')?;
                rest = &r[end + 1..];
                Some(&r[..end])
            }
            None => None,
        };
        let nth = |of_type, from_end| -> Option<Nth> {
            let (a, b) = an_b(arg?)?;
            Some(Nth {
                a,
                b,
                of_type,
                from_end,
            })
        };
        let first = |of_type, from_end| Nth {
            a: 0,
            b: 1,
            of_type,
            from_end,
        };
        match name.as_str() {
            "nth-child" => out.push(nth(false, false)?),
            "nth-last-child" => out.push(nth(false, true)?),
            "nth-of-type" => out.push(nth(true, false)?),
            "nth-last-of-type" => out.push(nth(true, true)?),
            "first-child" => out.push(first(false, false)),
            "last-child" => out.push(first(false, true)),
            "first-of-type" => out.push(first(true, false)),
            "last-of-type" => out.push(first(true, true)),
            "only-child" => out.extend([first(false, false), first(false, true)]),
            "only-of-type" => out.extend([first(true, false), first(true, true)]),
            _ => {}
        }
    }
    Some(out)
}

/// `an+b`, `odd`, `even`, `3`, `-n+3`; `None` otherwise (`of S` included).
fn an_b(arg: &str) -> Option<(i32, i32)> {
    let s: String = arg
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let num = |t: &str| t.strip_prefix('+').unwrap_or(t).parse::<i32>().ok();
    match s.as_str() {
        "odd" => Some((2, 1)),
        "even" => Some((2, 0)),
        _ => match s.split_once('n') {
            Some((a, b)) => {
                let a = match a {
                    "" | "+" => 1,
                    "-" => -1,
                    a => num(a)?,
                };
                let b = if b.is_empty() { 0 } else { num(b)? };
                Some((a, b))
            }
            None => Some((0, num(&s)?)),
        },
    }
}

/// The places of `units` (elements by their bytes and names, sorted by start and then
/// longest first) among their siblings, the elements that are no units (`stubs`: start and
/// name, ascending) counted among them.
pub(crate) fn places(units: &[(Range<usize>, &str)], stubs: &[(usize, String)]) -> Vec<Place> {
    let root = units.len();
    let mut lists: Vec<Vec<(Option<usize>, &str)>> = vec![Vec::new(); units.len() + 1];
    let mut stack: Vec<usize> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < units.len() || j < stubs.len() {
        // A stub where a unit starts is an element cut before it (`layout_read`): it
        // stood before.
        let unit = j >= stubs.len() || (i < units.len() && units[i].0.start < stubs[j].0);
        let r = if unit {
            units[i].0.clone()
        } else {
            stubs[j].0..stubs[j].0 + 1
        };
        while let Some(&top) = stack.last() {
            let t = &units[top].0;
            if t.start <= r.start && r.end <= t.end {
                break;
            }
            stack.pop();
        }
        let parent = stack.last().copied().unwrap_or(root);
        if unit {
            lists[parent].push((Some(i), units[i].1));
            stack.push(i);
            i += 1;
        } else {
            lists[parent].push((None, stubs[j].1.as_str()));
            j += 1;
        }
    }
    let mut out = vec![Place::default(); units.len()];
    for list in &lists {
        let mut of_type: std::collections::HashMap<&str, usize> = Default::default();
        for (_, name) in list {
            *of_type.entry(name).or_default() += 1;
        }
        let mut seen: std::collections::HashMap<&str, usize> = Default::default();
        for (k, (id, name)) in list.iter().enumerate() {
            let t = seen.entry(name).or_default();
            *t += 1;
            if let Some(u) = id {
                out[*u] = Place {
                    index: k + 1,
                    count: list.len(),
                    type_index: *t,
                    type_count: of_type[name],
                };
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(index: usize, count: usize) -> Place {
        Place {
            index,
            count,
            type_index: index,
            type_count: count,
        }
    }

    #[test]
    fn reads_structural_pseudo_classes_of_the_last_compound() {
        let one = |s: &str| of_selector(s).unwrap();
        assert!(one(".b span").is_empty());
        let n = one(".b > span:nth-child(3)");
        assert!(n[0].matches(&at(3, 5)) && !n[0].matches(&at(2, 5)));
        let even = one("#x [data-k]:nth-child( 2n + 0 )");
        assert!(even[0].matches(&at(4, 5)) && !even[0].matches(&at(3, 5)));
        let odd = one("li:nth-of-type(odd)");
        assert!(odd[0].matches(&at(1, 5)) && !odd[0].matches(&at(2, 5)));
        let last = one(".b>:last-child");
        assert!(last[0].matches(&at(5, 5)) && !last[0].matches(&at(1, 5)));
        let first3 = one("a:nth-child(-n+3)");
        assert!(first3[0].matches(&at(3, 5)) && !first3[0].matches(&at(4, 5)));
        let from_end = one("i:nth-last-child(2)");
        assert!(from_end[0].matches(&at(4, 5)));
        assert_eq!(one("p:only-child").len(), 2);
        assert!(of_selector("li:first-child span").is_none());
        assert!(of_selector("li:nth-child(2 of .x)").is_none());
    }

    #[test]
    fn places_count_every_element_sibling() {
        // <div><span></span><br><b></b><span></span></div>
        let units = [
            (0..50, "div"),
            (5..20, "span"),
            (24..30, "b"),
            (30..45, "span"),
        ];
        let stubs = [(20, "br".to_string())];
        let p = places(&units, &stubs);
        assert_eq!(p[1].index, 1);
        assert_eq!((p[2].index, p[2].count), (3, 4));
        assert_eq!((p[3].index, p[3].type_index, p[3].type_count), (4, 2, 2));
    }

    #[test]
    fn a_cut_element_counts_where_it_stood() {
        // <div><span></span>(a cut <div>)<span></span></div>
        let units = [(0..40, "div"), (5..18, "span"), (18..31, "span")];
        let stubs = [(18, "div".to_string())];
        let p = places(&units, &stubs);
        assert_eq!((p[2].index, p[2].count, p[2].type_index), (3, 3, 2));
    }
}

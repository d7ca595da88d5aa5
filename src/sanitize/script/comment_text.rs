//! Text read from the page's comments (stage 6, script classifier; threat A5): spam
//! planted in `<!-- … -->` comments is invisible to a crawler and to the page, until an
//! inline script walks the comment nodes and writes their text into the document
//! (`p.textContent = n.data`, `insertAdjacentHTML(…, c.nodeValue)`,
//! `el.innerHTML = el.innerHTML.replace(/<!--|-->/g, '')`). What such a script writes is
//! chosen by whoever wrote the comments, so it is unknown text, as text decoded at run
//! time is: the script goes (`script.comment_text`) unless ops allow-list its SHA-256.
//!
//! Two facts, both required:
//! - the script reads comment nodes: a `createTreeWalker`/`createNodeIterator` whose
//!   `whatToShow` has bit 128 (`128`, `0x80`, `NodeFilter.SHOW_COMMENT`, `SHOW_ALL`, `-1`,
//!   `~0`, a value it cannot fold, or none: the default is `SHOW_ALL`), `COMMENT_NODE`,
//!   `nodeType` beside the number 8, `Comment` (`instanceof Comment`), or a string or
//!   regular expression naming comment markup (`'#comment'`, XPath `comment()`, `<!--`;
//!   a `<!--` that opens a line is the legacy script-hiding comment, not a read);
//! - it writes, at a text or markup sink ([`SINK_PROPS`], [`SINK_CALLS`], `new Text`), a
//!   value fed by a node's text (`.data`, `.nodeValue`, `.textContent`, `.wholeText`,
//!   `substringData`, and `.innerHTML`/`.outerHTML` when it names comment markup),
//!   directly, through the names it is bound or appended to (`s += n.data`,
//!   `a.push(n.data)`), or through a local function it is handed to that writes.
//!
//! Security note: both facts are needed because libraries check `nodeType === 8` to skip
//! comments (jQuery) and write text from their parameters; a polyfill that probes
//! conditional comments writes a constant. Comments themselves are not judged: a
//! document-wide comment handler would put lol_html's full lexer on every page, and it
//! changed how an ambiguous tail (`<frameset>` … `<iframe` at EOF) is cut. So this rule
//! covers spam in one comment and spam split over several, each harmless alone.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::Verdict;
use super::analyze::{Analysis, ident, is};
use super::lexer::Tok;

/// The audit rule.
pub(crate) const RULE: &str = "script.comment_text";

/// Properties whose assignment puts text or markup on the page.
const SINK_PROPS: &[&str] = &[
    "innerHTML",
    "outerHTML",
    "textContent",
    "innerText",
    "outerText",
    "nodeValue",
    "title",
];
/// Calls that put their arguments on the page as text or markup.
const SINK_CALLS: &[&str] = &[
    "write",
    "writeln",
    "insertAdjacentHTML",
    "insertAdjacentText",
    "append",
    "prepend",
    "after",
    "before",
    "replaceWith",
    "createTextNode",
    "html",
    "text",
    "setHTMLUnsafe",
    "parseFromString",
    "createContextualFragment",
    "appendData",
    "insertData",
    "replaceData",
];
/// Member reads that yield a node's text.
const TEXT_READS: &[&str] = &["data", "nodeValue", "textContent", "wholeText"];
/// Member reads that yield markup (comments included).
const MARKUP_READS: &[&str] = &["innerHTML", "outerHTML"];
/// `NodeFilter` constants and their bits.
const SHOW: &[(&str, u32)] = &[
    ("SHOW_ALL", u32::MAX),
    ("SHOW_ELEMENT", 0x1),
    ("SHOW_ATTRIBUTE", 0x2),
    ("SHOW_TEXT", 0x4),
    ("SHOW_CDATA_SECTION", 0x8),
    ("SHOW_ENTITY_REFERENCE", 0x10),
    ("SHOW_ENTITY", 0x20),
    ("SHOW_PROCESSING_INSTRUCTION", 0x40),
    ("SHOW_COMMENT", 0x80),
    ("SHOW_DOCUMENT", 0x100),
    ("SHOW_DOCUMENT_TYPE", 0x200),
    ("SHOW_DOCUMENT_FRAGMENT", 0x400),
    ("SHOW_NOTATION", 0x800),
];
const SHOW_COMMENT: u32 = 0x80;
/// How many names deep a comment's text is followed.
const DEPTH: usize = 4;

impl<'a> Analysis<'a> {
    /// The verdict on a script (whose source is `source`) that may write comment text.
    pub(crate) fn comment_text(&self, source: &str) -> Verdict {
        let markup = names_comment_markup(self.toks, source);
        if !markup && !self.reads_comment_nodes() {
            return Verdict::Benign;
        }
        let flow = self.flow(markup);
        for i in 0..self.toks.len() {
            if !self.budget.spend(1) {
                break;
            }
            let fed = match self.sink_value(i) {
                Some(value) => flow.fed(&value, 0),
                None => flow.hands_to_writer(i),
            };
            if fed {
                return Verdict::bad(RULE, "writes the text of the page's comments", None);
            }
        }
        Verdict::Benign
    }

    /// A walker or iterator showing comments, `COMMENT_NODE`, `nodeType` and 8, `Comment`.
    fn reads_comment_nodes(&self) -> bool {
        let toks = self.toks;
        let eight = toks.iter().any(|t| matches!(t, Tok::Num(n) if *n == 8.0));
        toks.iter().enumerate().any(|(i, t)| match t {
            Tok::Ident(n) => match n.as_str() {
                "COMMENT_NODE" | "Comment" | "SHOW_COMMENT" => true,
                "nodeType" => eight,
                "createTreeWalker" | "createNodeIterator" => self.walker_shows_comments(i),
                _ => false,
            },
            _ => false,
        })
    }

    /// `createTreeWalker(root, whatToShow, …)` at `i`, with bit 128 in `whatToShow`.
    fn walker_shows_comments(&self, i: usize) -> bool {
        if !is(self.toks.get(i + 1), "(") {
            return false;
        }
        match self.args(i + 1).get(1) {
            None => true,
            Some(r) => self
                .mask(r.clone(), 0)
                .is_none_or(|m| m & SHOW_COMMENT != 0),
        }
    }

    /// The constant value of a `whatToShow` expression; `None` when it cannot be folded.
    fn mask(&self, r: Range<usize>, depth: usize) -> Option<u32> {
        let toks = &self.toks[r.clone()];
        if let [Tok::Ident(name)] = toks {
            if depth >= DEPTH {
                return None;
            }
            let (bound, appended) = self.visible(name, r.start);
            return match (bound.as_slice(), appended.is_empty()) {
                ([only], true) => self.mask(only.clone(), depth + 1),
                _ => None,
            };
        }
        let mut value = 0u32;
        let (mut negate, mut invert) = (false, false);
        for t in toks {
            let bits = match t {
                Tok::Num(n) if negate => (-(*n as i64)) as u32,
                Tok::Num(n) => *n as i64 as u32,
                Tok::Ident(n) => match SHOW.iter().find(|(s, _)| s == n) {
                    Some((_, b)) => *b,
                    None if n == "NodeFilter" => continue,
                    None => return None,
                },
                Tok::Punct("-") => {
                    negate = true;
                    continue;
                }
                Tok::Punct("~") => {
                    invert = true;
                    continue;
                }
                Tok::Punct("|" | "+" | "." | "(" | ")") => continue,
                _ => return None,
            };
            value |= if invert { !bits } else { bits };
            (negate, invert) = (false, false);
        }
        Some(value)
    }

    /// The value written at token `i`, when it is a text or markup sink.
    fn sink_value(&self, i: usize) -> Option<Range<usize>> {
        let name = ident(self.toks.get(i))?;
        let member = is(self.toks.get(i.wrapping_sub(1)), ".");
        let next = self.toks.get(i + 1);
        if member && SINK_PROPS.contains(&name) && (is(next, "=") || is(next, "+=")) {
            return Some(self.expr(i + 2));
        }
        let constructed = name == "Text" && ident(self.toks.get(i.wrapping_sub(1))) == Some("new");
        if (SINK_CALLS.contains(&name) || constructed) && is(next, "(") {
            return Some(i + 2..self.close_of(i + 1));
        }
        None
    }

    /// One pass over the script: what is pushed into each name, and which local functions
    /// write text.
    fn flow<'s>(&'s self, markup: bool) -> Flow<'s, 'a> {
        let t = |n: usize| self.toks.get(n);
        let mut pushes: HashMap<&'a str, Vec<Range<usize>>> = HashMap::new();
        let mut writers: HashSet<&'a str> = HashSet::new();
        for k in 0..self.toks.len() {
            let Some(Tok::Ident(name)) = self.toks.get(k) else {
                continue;
            };
            if is(t(k.wrapping_sub(1)), ".") {
                continue;
            }
            if is(t(k + 1), ".")
                && matches!(ident(t(k + 2)), Some("push" | "unshift"))
                && is(t(k + 3), "(")
            {
                pushes
                    .entry(name)
                    .or_default()
                    .push(k + 4..self.close_of(k + 3));
            } else if is(t(k + 1), "[") {
                let close = self.close_of(k + 1);
                if is(t(close + 1), "=") {
                    pushes.entry(name).or_default().push(self.expr(close + 2));
                }
            } else if name == "function"
                && let Some(Tok::Ident(f)) = t(k + 1)
                && is(t(k + 2), "(")
            {
                let close = self.close_of(k + 2);
                if is(t(close + 1), "{") && self.writes_in(close + 1..self.close_of(close + 1)) {
                    writers.insert(f);
                }
            } else if is(t(k + 1), "=") {
                let value = self.expr(k + 2);
                if self.function_value(&value) && self.writes_in(value) {
                    writers.insert(name);
                }
            }
        }
        Flow {
            a: self,
            markup,
            pushes,
            writers,
            seen: RefCell::default(),
        }
    }

    fn writes_in(&self, body: Range<usize>) -> bool {
        body.into_iter().any(|k| self.is_sink(k))
    }

    /// [`Self::sink_value`] without the value.
    fn is_sink(&self, i: usize) -> bool {
        let Some(name) = ident(self.toks.get(i)) else {
            return false;
        };
        let next = self.toks.get(i + 1);
        let member = is(self.toks.get(i.wrapping_sub(1)), ".");
        (member && SINK_PROPS.contains(&name) && (is(next, "=") || is(next, "+=")))
            || ((SINK_CALLS.contains(&name) || name == "Text") && is(next, "("))
    }
}

/// How a node's text flows through one script.
struct Flow<'s, 'a> {
    a: &'s Analysis<'a>,
    /// The script names comment markup: `innerHTML`/`outerHTML` reads carry comments.
    markup: bool,
    pushes: HashMap<&'a str, Vec<Range<usize>>>,
    /// Local functions that write text or markup.
    writers: HashSet<&'a str>,
    /// Values already followed (each is followed once).
    seen: RefCell<HashSet<usize>>,
}

impl Flow<'_, '_> {
    /// Whether `r` holds a node's text (or markup, when the script names comment markup).
    fn fed(&self, r: &Range<usize>, depth: usize) -> bool {
        let toks = self.a.toks;
        if depth > DEPTH || !self.a.budget.spend(r.len()) {
            return false;
        }
        (r.start..r.end.min(toks.len())).any(|k| match &toks[k] {
            Tok::Ident(m) if is(toks.get(k.wrapping_sub(1)), ".") => {
                let call = is(toks.get(k + 1), "(");
                let read = TEXT_READS.contains(&m.as_str())
                    || (self.markup && MARKUP_READS.contains(&m.as_str()));
                (read && !call) || (m == "substringData" && call)
            }
            Tok::Ident(n) => self.name_fed(n, k, depth),
            _ => false,
        })
    }

    /// A name bound, appended or pushed to a node's text. A function bound to the name is
    /// not text (Sizzle's `getText` reads `textContent` inside).
    fn name_fed(&self, name: &str, used: usize, depth: usize) -> bool {
        let (bound, appended) = self.a.visible(name, used);
        let pushed = self.pushes.get(name).into_iter().flatten();
        bound
            .iter()
            .chain(&appended)
            .chain(pushed)
            .filter(|r| !r.contains(&used) && !self.a.function_value(r))
            .filter(|r| self.seen.borrow_mut().insert(r.start))
            .any(|r| self.fed(r, depth + 1))
    }

    /// A call at `k` of a local function that writes text, handed a node's text:
    /// `function show(t) { el.textContent = t } … show(n.data)`.
    fn hands_to_writer(&self, k: usize) -> bool {
        let toks = self.a.toks;
        let Some(name) = ident(toks.get(k)) else {
            return false;
        };
        if !self.writers.contains(name)
            || !is(toks.get(k + 1), "(")
            || is(toks.get(k.wrapping_sub(1)), ".")
        {
            return false;
        }
        self.fed(&(k + 2..self.a.close_of(k + 1)), 1)
    }
}

/// A string or regular expression that names comment markup: `#comment`, XPath
/// `comment()`, `<!--` (also escaped in a regular expression); not the `<!--` that opens a
/// legacy script's first line.
fn names_comment_markup(toks: &[Tok], source: &str) -> bool {
    let in_string = toks.iter().any(|t| {
        matches!(t, Tok::Str(s) if s.contains("<!--") || s.contains("#comment") || s.contains("comment()"))
    });
    in_string
        || ["!--", "!\\-\\-"].iter().any(|needle| {
            source.match_indices(needle).any(|(at, _)| {
                let line = source[..at].rsplit('\n').next().unwrap_or("");
                let lead = line.trim_start();
                !(lead.is_empty() || lead == "<")
            })
        })
}

#[cfg(test)]
mod tests {
    use super::names_comment_markup;

    #[test]
    fn legacy_hiding_comment_is_no_read() {
        assert!(!names_comment_markup(&[], "<!--\nvar a = 1;\n//-->"));
        assert!(!names_comment_markup(&[], "  <!-- hide\nx()\n// -->"));
        assert!(names_comment_markup(&[], "s.replace(/<!--|-->/g, '')"));
        assert!(names_comment_markup(&[], "s.match(/<\\!\\-\\-(.*)/)"));
    }
}

//! The signals over a folded token stream (stage 6, script classifier): the walk that
//! dispatches every identifier to its sink check, and the expression helpers the checks
//! share. The checks themselves are in [`super::sinks`], [`super::reflective`],
//! [`super::computed`] and [`super::access`] (navigation), [`super::service_worker`] (registration),
//! [`super::loaders`] (foreign code), [`super::decode`] (evaluators and run-time
//! decoding), and the scope facts in [`super::scope`] and [`super::target`].

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::Verdict;
use super::blocks::{Names, Scopes};
use super::budget::Budget;
use super::lexer::Tok;

/// Objects whose `location` is the page's own (or a frame's, which is as bad).
const WINDOWISH: &[&str] = &[
    "window",
    "top",
    "self",
    "document",
    "parent",
    "globalThis",
    "frames",
    "content",
    "opener",
    "defaultView",
    "navigation",
];

/// Members that hold a window (or the page's document) whatever their object is: an
/// event's `view`, a frame's `contentWindow`/`contentDocument`, a document's
/// `defaultView`, a node's `ownerDocument`.
pub(super) const WINDOW_MEMBERS: &[&str] = &[
    "view",
    "contentWindow",
    "contentDocument",
    "defaultView",
    "ownerDocument",
];

/// Where a navigation or a load goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    Safe,
    Foreign(String),
    Computed,
}

pub(crate) struct Analysis<'a> {
    pub(super) toks: &'a [Tok],
    pub(super) is_foreign: &'a dyn Fn(&str) -> bool,
    pub(super) site: super::Lookups<'a>,
    pub(super) depth: usize,
    pub(super) decoded: &'a [String],
    pub(super) budget: &'a Budget,
    pub(super) scopes: Scopes,
    /// `x = …` (and parameters bound by an immediate call).
    pub(super) bindings: HashMap<&'a str, Vec<Range<usize>>>,
    /// `x += …`: the value is the earlier one with this appended.
    pub(super) appends: HashMap<&'a str, Vec<Range<usize>>>,
    pub(super) windows: Names<'a>,
    pub(super) locations: Names<'a>,
    /// Members a location was stored in (`o.l = location`, `{l: location}`).
    pub(super) loc_members: HashSet<&'a str>,
    /// Names bound to the window's location getter.
    pub(super) loc_getters: Names<'a>,
    /// Names bound to `eval`, `Function` or a timer.
    pub(super) evaluators: Names<'a>,
    /// Names bound to `location.replace`/`assign` (or a bound copy).
    pub(super) nav_methods: Names<'a>,
    /// Parameters of callbacks that receive a channel's data ([`super::channels`]).
    pub(super) channels: Names<'a>,
    /// Variables holding a script element this code created, with where they were set.
    pub(super) scripts: HashMap<&'a str, Vec<usize>>,
    /// Memo of [`Self::tainted`] by (name, scope of the use, request inputs count).
    pub(super) taint: RefCell<HashMap<(&'a str, u32, bool), bool>>,
    /// Navigators this script defines ([`super::navigators`]).
    pub(super) navs: RefCell<HashMap<&'a str, super::navigators::Local>>,
}

pub(super) fn is(t: Option<&Tok>, p: &str) -> bool {
    matches!(t, Some(Tok::Punct(q)) if *q == p)
}

pub(super) fn ident(t: Option<&Tok>) -> Option<&str> {
    match t {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

impl<'a> Analysis<'a> {
    pub(crate) fn new(
        toks: &'a [Tok],
        site: super::Lookups<'a>,
        depth: usize,
        decoded: &'a [String],
        budget: &'a Budget,
    ) -> Self {
        let mut a = Self {
            toks,
            is_foreign: site.is_foreign,
            site,
            depth,
            decoded,
            budget,
            scopes: Scopes::new(toks),
            bindings: HashMap::new(),
            appends: HashMap::new(),
            windows: Names::with(WINDOWISH),
            locations: Names::with(&["location"]),
            loc_members: HashSet::new(),
            loc_getters: Names::default(),
            evaluators: Names::default(),
            nav_methods: Names::default(),
            channels: Names::default(),
            scripts: HashMap::new(),
            taint: RefCell::default(),
            navs: RefCell::default(),
        };
        a.collect_bindings();
        a.collect_iife_params();
        a.collect_flows();
        a.collect_channel_params();
        a.scripts = a.script_variables();
        a
    }

    /// The first finding, in order of severity.
    pub(crate) fn run(&self) -> Verdict {
        let sw = self.service_worker();
        if sw.is_malicious() {
            return sw;
        }
        let mut found = [Verdict::Benign, Verdict::Benign, Verdict::Benign];
        for i in 0..self.toks.len() {
            if !self.budget.spend(1) {
                break;
            }
            let (slot, v) = self.at(i);
            if v.is_malicious() && !found[slot].is_malicious() {
                found[slot] = v;
            }
        }
        match found.into_iter().find(Verdict::is_malicious) {
            Some(v) => v,
            None => self.navigator_calls(),
        }
    }

    /// The signal at token `i`: (severity slot, verdict).
    fn at(&self, i: usize) -> (usize, Verdict) {
        let name = match self.toks.get(i) {
            Some(Tok::Ident(n)) => n.as_str(),
            Some(Tok::Punct("[")) => return (0, self.computed_member(i)),
            _ => return (0, Verdict::Benign),
        };
        if self.is_loc(name, i) {
            return (0, self.location_use(i));
        }
        if self.loc_getters.has(&self.scopes, name, i) && !self.declares(i) {
            return (0, self.getter(i + 1));
        }
        if self.nav_methods.has(&self.scopes, name, i) {
            return (0, self.nav_method_use(i));
        }
        if self.evaluators.has(&self.scopes, name, i) {
            return (2, self.evaluator(i, "eval"));
        }
        match name {
            "open" | "navigate" if self.page_object(i) => (0, self.window_open(i)),
            "href" | "action" | "formAction" | "ping" => (0, self.property_sink(i)),
            "Reflect" | "Object" => (0, self.reflective(i)),
            "write" | "writeln" if self.member_of_page(i) => (1, self.document_write(i)),
            "src" => (1, self.src_sink(i)),
            "data" => (1, self.data_sink(i)),
            "fetch" | "sendBeacon" | "WebSocket" | "EventSource" => (1, self.fetcher(i)),
            "open" if !self.page_object(i) => (1, self.fetcher(i)),
            "text" | "textContent" | "innerText" | "innerHTML"
                if self.member_of_script(i) && is(self.toks.get(i + 1), "=") =>
            {
                (2, self.script_text(self.expr(i + 2)))
            }
            "innerHTML" | "outerHTML" => (1, self.html_property(i)),
            "insertAdjacentHTML" => (1, self.insert_adjacent(i)),
            "appendChild" | "append" | "prepend" | "insertBefore"
                if self.member_of_script(i) && is(self.toks.get(i + 1), "(") =>
            {
                (2, self.script_text(self.first_arg(i + 1)))
            }
            "srcdoc" if is(self.toks.get(i + 1), "=") => (2, self.fed_markup(self.expr(i + 2))),
            "html" | "append" | "prepend" | "after" | "before" | "replaceWith" | "wrap"
            | "appendTo" | "prependTo" | "insertAfter" | "insertBefore" | "$" | "jQuery" => {
                (1, self.jquery_markup(i))
            }
            "setAttribute" => (1, self.set_attribute(i)),
            "content" => (0, self.refresh_content_property(i)),
            "import" | "from" if matches!(self.toks.get(i + 1), Some(Tok::Str(_))) => {
                (1, self.static_import(i))
            }
            "import" | "getScript" | "importScripts" if is(self.toks.get(i + 1), "(") => {
                (1, self.loader(self.first_arg(i + 1)))
            }
            "constructor" if self.function_constructor(i) => (2, self.evaluator(i, name)),
            "eval" | "Function" | "execScript" | "setTimeout" | "setInterval" | "setImmediate" => {
                (2, self.evaluator(i, name))
            }
            _ => self.access_at(i, name),
        }
    }

    /// `x.constructor` that reaches `Function`: `….constructor.constructor`,
    /// `Function.prototype.constructor`, or the constructor of a literal (`''`, `[]`,
    /// `(function(){})`), or of a built-in method (`[].filter.constructor`); not
    /// `this.constructor(…)` nor a class's `constructor(…) {}`.
    fn function_constructor(&self, i: usize) -> bool {
        if !is(self.toks.get(i.wrapping_sub(1)), ".") {
            return false;
        }
        match self.toks.get(i.wrapping_sub(2)) {
            Some(Tok::Ident(r)) => {
                r == "constructor"
                    || r == "prototype"
                    || super::handed::method_constructor(self.toks, i)
            }
            Some(Tok::Str(_) | Tok::Punct("]" | ")" | "}")) => true,
            _ => false,
        }
    }

    /// Tokens of the expression starting at `start`, up to a separator at depth 0.
    pub(super) fn expr(&self, start: usize) -> Range<usize> {
        let mut depth = 0i32;
        let mut k = start;
        while let Some(t) = self.toks.get(k) {
            if !self.budget.spend(1) {
                break;
            }
            if let Tok::Punct(p) = t {
                match *p {
                    "(" | "[" | "{" => depth += 1,
                    ")" | "]" | "}" if depth == 0 => break,
                    ")" | "]" | "}" => depth -= 1,
                    ";" | "," if depth == 0 => break,
                    _ => {}
                }
            }
            k += 1;
        }
        start..k
    }

    /// The argument ranges of the call (or array) whose `(` (or `[`) is at `open`.
    pub(super) fn args(&self, open: usize) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut k = open + 1;
        while k < self.toks.len() {
            let r = self.expr(k);
            k = r.end;
            if !r.is_empty() {
                out.push(r);
            }
            if !is(self.toks.get(k), ",") {
                break;
            }
            k += 1;
        }
        out
    }

    /// Where the group opened at `open` closes (or the end of the stream).
    pub(super) fn close_of(&self, open: usize) -> usize {
        let mut k = open + 1;
        loop {
            k = self.expr(k).end;
            if !is(self.toks.get(k), ",") && !is(self.toks.get(k), ";") {
                return k.min(self.toks.len());
            }
            k += 1;
        }
    }

    pub(super) fn first_arg(&self, open: usize) -> Range<usize> {
        self.args(open).into_iter().next().unwrap_or(open..open)
    }

    /// Whether the identifier at `i` is reached only through page objects (`window.`,
    /// `top.`, `document.`, an alias of those, a window member such as `e.view.` or
    /// `f.contentWindow.`, an index on one such as `frames[0].`) or stands alone.
    pub(super) fn page_object(&self, i: usize) -> bool {
        let mut k = i;
        loop {
            if self.window_member(k) {
                return true;
            }
            if k < 2 || !(is(self.toks.get(k - 1), ".") || is(self.toks.get(k - 1), "?.")) {
                return true;
            }
            match self.toks.get(k - 2) {
                Some(Tok::Ident(p)) if self.is_win(p, k - 2) || self.is_loc(p, k - 2) => k -= 2,
                Some(Tok::Punct("]")) => return self.indexed_window(k - 2),
                _ => return false,
            }
        }
    }

    /// Where the member chain ending at `i` starts (`a.b?.c` → the index of `a`).
    pub(super) fn chain_start(&self, i: usize) -> usize {
        let mut k = i;
        while k >= 2
            && (is(self.toks.get(k - 1), ".") || is(self.toks.get(k - 1), "?."))
            && ident(self.toks.get(k - 2)).is_some()
        {
            k -= 2;
        }
        k
    }

    /// `name` at token `k` is a page object (or an alias visible there).
    pub(super) fn is_win(&self, name: &str, k: usize) -> bool {
        self.windows.has(&self.scopes, name, k)
            || (WINDOW_MEMBERS.contains(&name) && self.window_member(k))
            || (name == "this" && self.this_is_window(k))
    }

    /// `name` at token `k` is a location object (or an alias visible there, or a member
    /// a location was stored in).
    pub(super) fn is_loc(&self, name: &str, k: usize) -> bool {
        self.locations.has(&self.scopes, name, k)
            || (self.loc_members.contains(name)
                && matches!(
                    self.toks.get(k.wrapping_sub(1)),
                    Some(Tok::Punct("." | "?."))
                ))
    }

    /// The name at `i` is being declared or assigned (`var g =`, `g =`), not used.
    fn declares(&self, i: usize) -> bool {
        is(self.toks.get(i + 1), "=")
            || matches!(
                ident(self.toks.get(i.wrapping_sub(1))),
                Some("var" | "let" | "const")
            )
    }

    /// The values bound to `name` (`=` and `+=`) that are visible at token `used`.
    pub(super) fn visible(
        &self,
        name: &str,
        used: usize,
    ) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
        let pick = |m: &HashMap<&'a str, Vec<Range<usize>>>| -> Vec<Range<usize>> {
            m.get(name)
                .into_iter()
                .flatten()
                .filter(|r| self.scopes.visible(name, r.start, used))
                .cloned()
                .collect()
        };
        let appended = self
            .appends
            .get(name)
            .into_iter()
            .flatten()
            .filter(|r| self.scopes.visible_write(name, r.start, used))
            .cloned()
            .collect();
        (pick(&self.bindings), appended)
    }

    /// `X.name` where `X` is `document`, `window` or an alias of one.
    pub(super) fn member_of_page(&self, i: usize) -> bool {
        i >= 2
            && is(self.toks.get(i - 1), ".")
            && ident(self.toks.get(i - 2)).is_some_and(|o| self.is_win(o, i - 2))
    }
}

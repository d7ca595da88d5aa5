//! Code that arrives over a run-time channel (stage 6, script classifier). A remote-code
//! loader needs no `<script src>` and no literal URL: it reads text from `fetch`, an
//! `XMLHttpRequest`, a `WebSocket`, an `EventSource`, `postMessage` or a
//! `BroadcastChannel` (or from the page's own text) and runs it. Such a value is
//! *channel-fed* when it is read from:
//! - a parameter of a callback that receives a channel's data: an argument of `then`,
//!   `done`, `always`, `success`, `get`, `post`, `getJSON`, `ajax`, `load`,
//!   `addEventListener`, `on`, `one`; a function assigned to an `on…` property
//!   (`ws.onmessage = e => …`) or given as `success:`/`complete:`/`on…:` in an object;
//! - `await …`, `.text()`/`.json()`, `xhr.response`/`.responseText`, or the text of the
//!   DOM (`textContent`, `innerText`, `innerHTML`, `nodeValue`), or `window.name` (which
//!   survives navigations, so any earlier page may have set it);
//! - a name bound to such a value.
//!
//! It is only asked at code sinks (a timer's non-function argument, `document.write`, a
//! created script's text, an `import()` or script `src`), never for navigation targets:
//! a news widget that builds links from fetched JSON stays.

use std::ops::Range;

use super::analyze::{Analysis, ident, is};
use super::lexer::Tok;

/// Calls whose function arguments receive a channel's data (or an event).
const CHANNEL_CALLS: &[&str] = &[
    "then",
    "done",
    "always",
    "success",
    "get",
    "post",
    "getJSON",
    "ajax",
    "load",
    "addEventListener",
    "on",
    "one",
];
/// Object keys whose function value receives a response.
const CHANNEL_KEYS: &[&str] = &["success", "complete", "done"];
/// Member reads and calls that yield text from outside the script.
const TEXT_READS: &[&str] = &[
    "responseText",
    "response",
    "textContent",
    "innerText",
    "innerHTML",
    "nodeValue",
];
const TEXT_CALLS: &[&str] = &["text", "json"];
/// How many names deep a channel value is followed.
const CHANNEL_DEPTH: usize = 4;

impl<'a> Analysis<'a> {
    /// Notes the parameters of every callback that receives a channel's data.
    pub(super) fn collect_channel_params(&mut self) {
        for i in 0..self.toks.len() {
            if !self.budget.spend(1) {
                return;
            }
            let start = match self.toks.get(i) {
                Some(Tok::Ident(f)) if f == "function" => i,
                Some(Tok::Punct("=>")) => self.arrow_start(i),
                _ => continue,
            };
            if !self.channel_callback(start) {
                continue;
            }
            let Some((params, body, _)) = self.function_at(i) else {
                continue;
            };
            for p in params {
                self.channels.insert(p, body + 1);
            }
        }
    }

    /// Whether the function starting at `start` is a channel callback.
    fn channel_callback(&self, start: usize) -> bool {
        let mut s = start;
        if ident(self.toks.get(s.wrapping_sub(1))) == Some("async") {
            s -= 1;
        }
        let before = |n: usize| self.toks.get(s.wrapping_sub(n));
        match before(1) {
            Some(Tok::Punct("=")) => ident(before(2)).is_some_and(is_handler),
            Some(Tok::Punct(":")) => match before(2) {
                Some(Tok::Ident(k) | Tok::Str(k)) => {
                    is_handler(k) || CHANNEL_KEYS.contains(&k.as_str())
                }
                _ => false,
            },
            Some(Tok::Punct("(" | ",")) => self
                .callee_of_argument(s)
                .is_some_and(|c| CHANNEL_CALLS.contains(&c)),
            _ => false,
        }
    }

    /// The name of the call whose argument list holds token `at`.
    fn callee_of_argument(&self, at: usize) -> Option<&'a str> {
        let toks: &'a [Tok] = self.toks;
        let mut depth = 0i32;
        for k in (at.saturating_sub(256)..at).rev() {
            match &toks[k] {
                Tok::Punct(")" | "]" | "}") => depth += 1,
                Tok::Punct("(") if depth == 0 => return ident(toks.get(k.wrapping_sub(1))),
                Tok::Punct("[" | "{") if depth == 0 => return None,
                Tok::Punct("(" | "[" | "{") => depth -= 1,
                _ => {}
            }
        }
        None
    }

    /// Whether the value of `r` was read from a run-time channel (or the page's text).
    pub(super) fn channel_fed(&self, r: &Range<usize>) -> bool {
        self.channel_at(r, 0)
    }

    fn channel_at(&self, r: &Range<usize>, depth: usize) -> bool {
        if depth > CHANNEL_DEPTH || self.function_value(r) || !self.budget.spend(r.len()) {
            return false;
        }
        let mut k = r.start;
        while k < r.end {
            let member = is(self.toks.get(k.wrapping_sub(1)), ".")
                || is(self.toks.get(k.wrapping_sub(1)), "?.");
            let hit = match &self.toks[k] {
                Tok::Ident(f) if f == "function" => {
                    k = self.body_end(k);
                    false
                }
                Tok::Punct("=>") => {
                    k = self.body_end(k);
                    false
                }
                Tok::Ident(a) if a == "await" => true,
                Tok::Ident(m) if member && TEXT_READS.contains(&m.as_str()) => true,
                // `window.name` survives navigations: a channel from any earlier page.
                Tok::Ident(m) if m == "name" && self.member_of_page(k) => true,
                Tok::Ident(m) if member && TEXT_CALLS.contains(&m.as_str()) => {
                    is(self.toks.get(k + 1), "(")
                }
                Tok::Ident(n) if !member => self.channel_name(n, k, depth),
                _ => false,
            };
            if hit {
                return true;
            }
            k += 1;
        }
        false
    }

    fn channel_name(&self, name: &str, used: usize, depth: usize) -> bool {
        if self.channels.has(&self.scopes, name, used) {
            return true;
        }
        let (bound, appended) = self.visible(name, used);
        bound
            .iter()
            .chain(&appended)
            .filter(|r| !r.contains(&used))
            .any(|r| self.channel_at(r, depth + 1))
    }
}

/// `onmessage`, `onload`, `onreadystatechange`: an event handler property.
fn is_handler(name: &str) -> bool {
    name.len() > 2 && name.starts_with("on") && name[2..].chars().all(|c| c.is_ascii_lowercase())
}

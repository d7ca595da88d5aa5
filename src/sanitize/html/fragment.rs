//! Stage 6 (HTML carried escaped in text, streamed): a renderer decodes HTML out of a feed's
//! `description` (`&lt;script&gt;…`) or a JSON Feed's `content_html` (`\u003cscript\u003e…`)
//! and renders it. Such text is decoded as it streams in and fed to one nested
//! [`PageRewriter`] (every rule, same policy) for the whole carrier, so that a script's
//! start tag and its text are judged together whatever the chunking.
//!
//! What comes out of the nested rewriter is compared with what went in: while they agree,
//! the carrier's own raw text is put back (a benign feed is unchanged byte for byte); from
//! the first difference on, the output is escaped again by the carrier's [`Escaping`].
//! One `rule` event (`feed.markup`, `jsonfeed.markup`) marks a changed fragment; the
//! nested rules' own events pass on as they come.
//!
//! An XML text node is fed from its first `<` on (the text before it is the page's own
//! text, read by the page's rules); a JSON string, which has no outer reading, from its
//! first visible character, so that betting text before any markup or without markup is
//! judged as the same text in a page.
//!
//! Security notes:
//! - Held text is bounded: the raw text of what the nested rewriter has not yet output
//!   (its own holds are bounded by the site's limits) and an escape cut by a chunk
//!   boundary ([`super::escaped::MAX_ESCAPE`]).
//! - Fail closed: when the nested rewriter fails (too deep, memory limit) the rest of the
//!   fragment is dropped, and so is text left unmatched at its end (a raw-text element or
//!   tag left open).

use std::collections::VecDeque;
use std::sync::Arc;

use crate::audit::{Action, MemorySink};

use super::escaped::Escaping;
use super::rawtext::MAX_DEPTH;
use super::state::State;
use super::{PageRewriter, RewriteError};

/// One escaped HTML fragment being judged.
#[derive(Debug)]
pub(crate) struct Fragment {
    esc: Escaping,
    rule: &'static str,
    rw: Option<(PageRewriter, Arc<MemorySink>)>,
    /// Raw text not yet decoded (an escape cut by a chunk boundary).
    tail: String,
    /// Pieces written to the nested rewriter and not yet seen in its output: raw, decoded.
    pending: VecDeque<(String, String)>,
    /// Bytes of the front piece's decoded text already seen in the output.
    matched: usize,
    /// Output bytes that do not yet end on a character boundary.
    outbuf: Vec<u8>,
    diverged: bool,
    failed: bool,
    reported: bool,
}

impl Fragment {
    pub(crate) fn new(esc: Escaping, rule: &'static str) -> Self {
        Self {
            esc,
            rule,
            rw: None,
            tail: String::new(),
            pending: VecDeque::new(),
            matched: 0,
            outbuf: Vec::new(),
            diverged: false,
            failed: false,
            reported: false,
        }
    }

    /// Takes a chunk of raw text; returns the raw text to put in its place so far.
    pub(crate) fn write(&mut self, st: &mut State, raw: &str) -> String {
        self.tail.push_str(raw);
        self.step(st, false)
    }

    /// Ends the fragment; returns the rest of its raw text.
    pub(crate) fn finish(&mut self, st: &mut State) -> String {
        let mut out = self.step(st, true);
        if let Some((rw, events)) = self.rw.take() {
            match rw.finish() {
                Ok((last, changed)) => {
                    out.push_str(&self.emit(st, &last));
                    self.pass_events(st, &events);
                    // Input that never came out was removed (an element left open).
                    if changed || !self.pending.is_empty() {
                        self.report(st, None);
                    }
                }
                Err(e) => out.push_str(&self.fail(st, e)),
            }
        }
        out
    }

    /// Decodes what the tail holds and feeds it on.
    fn step(&mut self, st: &mut State, last: bool) -> String {
        let mut out = String::new();
        let mut decoded = String::new();
        let mut used = 0;
        let mut started = self.rw.is_some();
        while let Some((n, text)) = self.esc.piece(&self.tail[used..], last) {
            let raw = &self.tail[used..used + n];
            used += n;
            if self.failed {
                if !st.enforce() {
                    out.push_str(raw);
                }
                continue;
            }
            // A JSON string has no outer reading: its text is judged from its first
            // visible character. An XML text node's text is read by the page's own rules.
            started = started
                || text.contains('<')
                || (self.esc == Escaping::Json && !text.trim().is_empty());
            if !started {
                // No markup has started yet: the text stays as written.
                out.push_str(raw);
                continue;
            }
            decoded.push_str(&text);
            self.pending.push_back((raw.to_string(), text.into_owned()));
        }
        self.tail.drain(..used);
        if decoded.is_empty() || self.failed {
            return out;
        }
        out.push_str(&self.feed(st, &decoded));
        out
    }

    fn feed(&mut self, st: &mut State, decoded: &str) -> String {
        if self.rw.is_none() {
            if st.depth >= MAX_DEPTH {
                return self.fail(st, RewriteError::Rewriter("nested too deep".into()));
            }
            match PageRewriter::nested(st, st.depth + 1) {
                Ok(rw) => self.rw = Some(rw),
                Err(e) => return self.fail(st, e),
            }
        }
        let Some((rw, events)) = self.rw.as_mut() else {
            return String::new();
        };
        let written = rw.write(decoded.as_bytes());
        let events = Arc::clone(events);
        self.pass_events(st, &events);
        match written {
            Ok(bytes) => self.emit(st, &bytes),
            Err(e) => self.fail(st, e),
        }
    }

    /// The nested rewriter's events, held with the page's open hidden block if any.
    fn pass_events(&self, st: &mut State, events: &MemorySink) {
        for ev in events.take() {
            match &mut st.block {
                Some(b) => b.pending.push(ev),
                None => st.audit.emit(ev),
            }
        }
    }

    /// Output of the nested rewriter, as raw text of the carrier.
    fn emit(&mut self, st: &mut State, bytes: &[u8]) -> String {
        self.outbuf.extend_from_slice(bytes);
        let valid = match std::str::from_utf8(&self.outbuf) {
            Ok(s) => s.len(),
            Err(e) => e.valid_up_to(),
        };
        let chunk: Vec<u8> = self.outbuf.drain(..valid).collect();
        let text = String::from_utf8_lossy(&chunk);
        if self.diverged {
            return self.esc.escape(&text);
        }
        let mut out = String::new();
        let mut rest: &str = &text;
        while !rest.is_empty() {
            let Some((raw, dec)) = self.pending.front() else {
                break;
            };
            let want = &dec[self.matched..];
            let n = common_prefix(want, rest);
            if n == want.len() {
                out.push_str(raw);
                self.pending.pop_front();
                self.matched = 0;
                rest = &rest[n..];
            } else if n == rest.len() {
                self.matched += n;
                rest = "";
            } else {
                out.push_str(&self.esc.escape(&dec[..self.matched + n]));
                rest = &rest[n..];
                break;
            }
        }
        if !rest.is_empty() {
            // The output differs from the input from here on.
            self.diverged = true;
            self.pending.clear();
            out.push_str(&self.esc.escape(rest));
            self.report(st, None);
        }
        out
    }

    fn report(&mut self, st: &mut State, detail: Option<String>) {
        if !self.reported {
            self.reported = true;
            st.found_detail(self.rule, Action::Removed, None, detail);
        }
    }

    /// The nested rewriter failed: the rest of the fragment goes (in report mode, its raw
    /// text stays).
    fn fail(&mut self, st: &mut State, e: RewriteError) -> String {
        self.failed = true;
        self.rw = None;
        self.reported = false;
        self.report(st, Some(e.to_string()));
        let unmatched: String = self.pending.drain(..).map(|(raw, _)| raw).collect();
        match st.enforce() {
            true => String::new(),
            false => unmatched,
        }
    }
}

/// The length in bytes of the longest common prefix of `a` and `b`, on char boundaries.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or_else(|| a.len().min(b.len()), |((i, _), _)| i)
}

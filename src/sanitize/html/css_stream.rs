//! Stage 6 (stylesheet responses, threats A4 and A5): a `text/css` response of the site is
//! judged as it streams, by the same rules as a `<style>` of a page. A planted
//! `.x::before{content:"nhà cái uy tín"}` in the site's own `/css/theme.css` writes spam on
//! every page that links the sheet, which the HTML rewriter never sees; an `@import` or
//! `url()` of a foreign host makes every visitor fetch from it. Declarations that generate
//! spam text are dropped (`css.content`), foreign `url()`s emptied and foreign `@import`s
//! removed (`css.foreign`); the rest of the sheet comes through byte for byte.
//!
//! Security notes:
//! - Streaming with bounded state: the bytes since the last judged rule boundary are held
//!   (a `}` or a top-level `;` outside strings, comments and escapes), judged once at least
//!   [`WINDOW`] bytes of whole rules are held (so terms spread one per rule are read
//!   together), and released. A rule longer than `max_inline_script` is never released
//!   unjudged: the body fails (fail closed), after a `css.oversize` event.
//! - The scanner's state crosses chunk boundaries, and a token that could continue in the
//!   next chunk (`/`, `*`, `\`) waits for it, so the verdict never depends on the chunking.
//! - Text is judged in the response's charset; a changed window is encoded back in it.

use bytes::Bytes;

use crate::audit::Action;
use crate::sanitize::policy::Carrier;

use super::state::{State, Which};
use super::url_attrs::verdict;
use super::{css_content, css_url};

/// Whole rules are judged together once this much is held.
const WINDOW: usize = 16 * 1024;

/// Where the scanner is, at the end of what it has read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Normal,
    Comment,
    Str(u8),
}

/// The stylesheet filter of one response.
#[derive(Debug)]
pub(crate) struct CssStream {
    held: Vec<u8>,
    /// How far `held` has been scanned.
    pos: usize,
    /// The end of the last whole rule in `held`.
    boundary: usize,
    mode: Mode,
    depth: usize,
}

impl CssStream {
    pub(crate) fn new() -> Self {
        Self {
            held: Vec::new(),
            pos: 0,
            boundary: 0,
            mode: Mode::Normal,
            depth: 0,
        }
    }

    /// Takes one decoded chunk; returns what is judged and may go out.
    pub(crate) fn write(&mut self, st: &mut State, chunk: &[u8]) -> Result<Bytes, &'static str> {
        self.held.extend_from_slice(chunk);
        self.scan();
        if self.held.len() - self.boundary > st.policy().max_inline_script {
            st.found("css.oversize", Action::Removed, None);
            return Err("stylesheet rule longer than max_inline_script");
        }
        if self.boundary < WINDOW {
            return Ok(Bytes::new());
        }
        let rest = self.held.split_off(self.boundary);
        let whole = std::mem::replace(&mut self.held, rest);
        self.pos -= self.boundary;
        self.boundary = 0;
        Ok(judge(st, &whole))
    }

    /// The end of the sheet: what is still held is judged, a cut-off rule included.
    pub(crate) fn end(&mut self, st: &mut State) -> Bytes {
        let all = std::mem::take(&mut self.held);
        judge(st, &all)
    }

    /// Advances the scanner over `held`, moving `boundary` past each whole rule.
    fn scan(&mut self) {
        let b = &self.held;
        while self.pos < b.len() {
            let i = self.pos;
            let next = b.get(i + 1).copied();
            match (self.mode, b[i]) {
                (Mode::Comment, b'*') => match next {
                    None => return,
                    Some(b'/') => {
                        self.mode = Mode::Normal;
                        self.pos += 2;
                    }
                    Some(_) => self.pos += 1,
                },
                (Mode::Comment, _) => self.pos += 1,
                (Mode::Str(_), b'\\') | (Mode::Normal, b'\\') => match next {
                    None => return,
                    Some(_) => self.pos += 2,
                },
                (Mode::Str(q), c) => {
                    if c == q || c == b'\n' {
                        self.mode = Mode::Normal;
                    }
                    self.pos += 1;
                }
                (Mode::Normal, b'/') => match next {
                    None => return,
                    Some(b'*') => {
                        self.mode = Mode::Comment;
                        self.pos += 2;
                    }
                    Some(_) => self.pos += 1,
                },
                (Mode::Normal, q @ (b'"' | b'\'')) => {
                    self.mode = Mode::Str(q);
                    self.pos += 1;
                }
                (Mode::Normal, c) => {
                    self.pos += 1;
                    match c {
                        b'{' => self.depth += 1,
                        b'}' => {
                            self.depth = self.depth.saturating_sub(1);
                            self.boundary = self.pos;
                        }
                        b';' if self.depth == 0 => self.boundary = self.pos,
                        _ => {}
                    }
                }
            }
        }
    }
}

/// One window of whole rules: emitted as it came, unless something in it goes.
fn judge(st: &mut State, raw: &[u8]) -> Bytes {
    if raw.is_empty() {
        return Bytes::new();
    }
    let enc = st.encoding;
    let (text, _) = enc.decode_without_bom_handling(raw);
    match sheet(st, &text, "stylesheet") {
        Some(clean) if st.enforce() => Bytes::from(enc.encode(&clean).0.into_owned()),
        _ => Bytes::copy_from_slice(raw),
    }
}

/// Judges CSS text as a browser would load it: foreign `url(…)` and `@import` are emptied
/// (see [`css_url::rewrite`]), declarations that generate spam text dropped (see
/// [`css_content`]), each with its event. Returns the changed text, `None` when nothing
/// was found. `what` names the carrier in the event's detail.
pub(crate) fn sheet(st: &mut State, css: &str, what: &str) -> Option<String> {
    let mut first = None;
    let clean = css_url::rewrite(css, |u| {
        let v = verdict(st, u, Which::Hosts, Carrier::Media);
        v.map(|(t, _)| first.get_or_insert(t)).is_some()
    });
    if clean.is_some() {
        st.found("css.foreign", Action::Removed, first);
    }
    let css = clean.as_deref().unwrap_or(css);
    match css_content::strip(css, &st.policy().lexicon) {
        Some(d) => {
            let detail = Some(format!("{what}: {}", d.words));
            st.found_detail("css.content", Action::Removed, None, detail);
            Some(d.css)
        }
        None => clean,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boundaries(chunks: &[&str]) -> Vec<usize> {
        let mut s = CssStream::new();
        let mut out = Vec::new();
        for c in chunks {
            s.held.extend_from_slice(c.as_bytes());
            s.scan();
            out.push(s.boundary);
        }
        out
    }

    #[test]
    fn rule_ends_are_found_whatever_the_chunking() {
        let css = "@import \"a.css\";a{content:\"}\"}/* } */b{x:\\}}@media(x){c{y:1}}";
        let whole = boundaries(&[css]);
        for n in 1..8 {
            let parts: Vec<&str> = css
                .as_bytes()
                .chunks(n)
                .map(|c| std::str::from_utf8(c).unwrap())
                .collect();
            assert_eq!(boundaries(&parts).last(), whole.last(), "{n}");
        }
        assert_eq!(whole, vec![css.len()]);
        assert_eq!(boundaries(&["a{content:\"}"]), vec![0]);
        assert_eq!(boundaries(&["a{x:1}/", "* } */"]), vec![6, 6]);
        assert_eq!(boundaries(&["@charset \"utf-8\";"]), vec![17]);
    }
}

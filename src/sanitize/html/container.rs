//! Stage 6 (planted spam): a container left holding nothing but removed spam goes too.
//!
//! `<li><a href=//bet.test>nhà cái</a></li>`: once the spam link is gone (see `anchor`), an
//! empty `<li>`, a row of separators (`|`, `·`, `&nbsp;`) or an empty footer cell stays
//! behind, and with it the shape of a link farm. So the sanitizer keeps a *run*: the
//! containers opened since the last content, and reads the output after them as it is
//! produced. Whitespace, separators, comments and `<br>` keep the run going; any other text
//! or element ends it. A container whose end tag arrives while its run holds, and which held
//! removed spam (a spam link, a spam hidden block, or a container that went for that reason),
//! is cut with its tags (`spam.container`), and its parent now holds removed spam.
//!
//! Streaming: the run's output is held (see `hold`) from its first container's start tag,
//! bounded by `max_hidden_block`, and only while nothing but separators came after it, so on
//! an ordinary page the hold ends at the next word. Only output is read, never the input: a
//! removed element leaves no bytes, and in report mode its bytes are skipped.

use crate::audit::Action;

use super::hold;
use super::state::State;

/// How many containers a run follows; beyond that the outermost are forgotten.
const MAX_STACK: usize = 16;

/// The containers that can be left holding only spam.
const CONTAINERS: &[&str] = &[
    "li",
    "p",
    "div",
    "span",
    "td",
    "th",
    "tr",
    "tbody",
    "table",
    "ul",
    "ol",
    "dl",
    "dd",
    "dt",
    "font",
    "center",
    "small",
    "b",
    "strong",
    "em",
    "i",
    "u",
    "s",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "nav",
    "aside",
    "footer",
    "header",
    "article",
    "address",
    "marquee",
    "blockquote",
    "label",
    "figure",
    "figcaption",
    "big",
    "sup",
    "sub",
    "mark",
    "cite",
    "q",
];

/// Containers whose end tag is optional: a sibling or the parent's end tag closes them.
fn optional_end(name: &str) -> bool {
    matches!(
        name,
        "li" | "p" | "dd" | "dt" | "td" | "th" | "tr" | "tbody"
    )
}

/// The open containers of the current run.
#[derive(Debug, Default)]
pub(crate) struct Run {
    stack: Vec<Open>,
    /// Output before this offset has been read and kept the run going.
    scanned: usize,
    /// Report mode: the end tag of a removed element is still written; it is skipped.
    skip_end: bool,
}

#[derive(Debug)]
struct Open {
    mark: usize,
    name: &'static str,
    tag_read: bool,
    spam: bool,
}

impl Run {
    pub(crate) fn floor(&self) -> Option<usize> {
        self.stack.first().map(|o| o.mark)
    }

    pub(crate) fn adjust(&mut self, f: &impl Fn(usize) -> usize) {
        self.scanned = f(self.scanned);
        self.stack.iter_mut().for_each(|o| o.mark = f(o.mark));
    }

    fn clear(&mut self) {
        self.stack.clear();
        self.skip_end = false;
    }
}

/// Every start tag: reads the output up to it, and opens a container.
pub(crate) fn element(st: &mut State, tag: &str) {
    let name = CONTAINERS.iter().find(|c| **c == tag).copied();
    if st.run.stack.is_empty() && name.is_none() {
        return;
    }
    settle(st, 0);
    let Some(name) = name else { return };
    if !st.anchors.is_empty() || st.block.is_some() {
        return;
    }
    let here = st.out.len();
    if st.run.scanned != here {
        st.run.clear();
    }
    if st
        .run
        .stack
        .last()
        .is_some_and(|o| o.name == name && optional_end(name))
    {
        close_top(st, here);
    }
    if st.run.stack.is_empty() {
        st.run.scanned = here;
    }
    if st.run.stack.len() == MAX_STACK {
        st.run.stack.remove(0);
    }
    st.run.stack.push(Open {
        mark: st.out.len(),
        name,
        tag_read: false,
        spam: false,
    });
}

/// How far the run may read: not into anything still held undecided.
fn limit(st: &State) -> usize {
    let mut l = st.out.len();
    if let Some(b) = &st.block {
        l = l.min(b.mark);
    }
    if let Some(a) = st.anchors.first() {
        l = l.min(a.mark);
    }
    l
}

/// Whether content just read may still go: it is inside a block opened within the run,
/// which `spam_block` judges whole when it closes. The run waits for that verdict: cut,
/// the block leaves its containers holding nothing (`<div class="widget"><p>…spam…</p>
/// </div>`); kept, its content ends the run.
fn undecided(st: &State) -> bool {
    let floor = st.run.floor().unwrap_or(usize::MAX);
    st.blocks.innermost().is_some_and(|m| m >= floor)
}

/// Before spam at `mark` is removed: reads the output up to it. The block holds skip it
/// too, so that report mode (which removes nothing) profiles what enforce mode leaves.
pub(crate) fn before_removal(st: &mut State, mark: usize) {
    let tail = st.out.len().saturating_sub(mark);
    settle(st, tail);
    super::spam_block::skip_removed(st, mark);
}

/// After spam (or a link under `link_action = "remove"`) at `mark` was removed.
pub(crate) fn after_removal(st: &mut State, mark: usize, spam: bool) {
    while st.run.stack.last().is_some_and(|o| o.mark >= mark) {
        st.run.stack.pop();
    }
    if st.run.stack.is_empty() || st.run.scanned != mark {
        return;
    }
    if spam && let Some(top) = st.run.stack.last_mut() {
        top.spam = true;
    }
    st.run.scanned = st.out.len();
    st.run.skip_end = !st.enforce();
}

/// At each drain: reads what it can and keeps the hold bounded.
pub(crate) fn check(st: &mut State) {
    settle(st, 0);
    let bound = st.policy().max_hidden_block;
    if st
        .run
        .floor()
        .is_some_and(|f| st.out.len().saturating_sub(f) > bound)
    {
        st.run.clear();
    }
}

/// What the next bytes of the output are, for the run.
enum Token {
    Skip(usize),
    Close(usize, String),
    Wait,
    Content,
}

/// Reads the output up to what is still held, and up to `tail` bytes before its end (a
/// cut while reading moves offsets, not the distance to the end).
fn settle(st: &mut State, tail: usize) {
    loop {
        let limit = limit(st).min(st.out.len().saturating_sub(tail));
        if st.run.stack.is_empty() || st.run.scanned >= limit {
            break;
        }
        let at = st.run.scanned;
        let own_tag = st
            .run
            .stack
            .iter()
            .position(|o| !o.tag_read && o.mark == at);
        let bytes = &st.out[at..limit];
        let token = match own_tag {
            Some(_) => super::held_text::tag_end(bytes).map_or(Token::Wait, Token::Skip),
            None => read(bytes, st.encoding),
        };
        if let (Some(i), Token::Skip(_)) = (own_tag, &token) {
            st.run.stack[i].tag_read = true;
        }
        match token {
            Token::Skip(n) => st.run.scanned += n,
            Token::Close(n, _) if st.run.skip_end => {
                st.run.skip_end = false;
                st.run.scanned += n;
            }
            Token::Close(n, name) => {
                if !close_named(st, &name, n) {
                    st.run.clear();
                }
            }
            Token::Wait => break,
            Token::Content if undecided(st) => break,
            Token::Content => st.run.clear(),
        }
    }
}

/// An end tag of `n` bytes at `scanned`: closes the container it names (and the ones with
/// optional end tags inside it). Returns false when it names none of the run's.
fn close_named(st: &mut State, name: &str, n: usize) -> bool {
    let Some(pos) = st.run.stack.iter().rposition(|o| o.name == name) else {
        return false;
    };
    if !st.run.stack[pos + 1..].iter().all(|o| optional_end(o.name)) {
        return false;
    }
    while st.run.stack.len() > pos + 1 {
        let at = st.run.scanned;
        close_top(st, at);
    }
    let end = st.run.scanned + n;
    close_top(st, end);
    true
}

/// Closes the innermost container, which ends at `end`; cuts it if it held only spam.
fn close_top(st: &mut State, end: usize) {
    let Some(o) = st.run.stack.pop() else { return };
    if !o.spam {
        st.run.scanned = end;
        return;
    }
    let detail = Some(format!("<{}> held nothing but removed spam", o.name));
    if st.found_detail("spam.container", Action::Removed, None, detail) {
        hold::cut(st, o.mark, end);
        st.run.scanned = o.mark;
    } else {
        st.run.scanned = end;
    }
    if let Some(parent) = st.run.stack.last_mut() {
        parent.spam = true;
    }
}

fn read(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> Token {
    match bytes[0] {
        b'<' => read_markup(bytes),
        b'&' => read_entity(bytes),
        b if b.is_ascii_whitespace() || b.is_ascii_punctuation() => Token::Skip(1),
        b if b.is_ascii() => Token::Content,
        _ if encoding == encoding_rs::UTF_8 => read_char(bytes),
        _ => read_legacy(bytes[0], encoding),
    }
}

/// A byte of a single-byte legacy charset (windows-1258 writes `·` as 0xB7, a no-break
/// space as 0xA0): a separator there is one too. A byte of a multi-byte charset is content.
fn read_legacy(b: u8, encoding: &'static encoding_rs::Encoding) -> Token {
    if !encoding.is_single_byte() {
        return Token::Content;
    }
    let byte = [b];
    let (text, _) = encoding.decode_without_bom_handling(&byte);
    match text.chars().next() {
        Some(c) if separator(c) => Token::Skip(1),
        _ => Token::Content,
    }
}

fn read_markup(bytes: &[u8]) -> Token {
    if let Some(rest) = bytes.strip_prefix(b"<!--") {
        if rest.starts_with(b">") || rest.starts_with(b"->") {
            return Token::Skip(4 + rest.iter().position(|&b| b == b'>').unwrap_or(0) + 1);
        }
        return memchr::memmem::find(rest, b"-->").map_or(Token::Wait, |i| Token::Skip(4 + i + 3));
    }
    let Some(end) = super::held_text::tag_end(bytes) else {
        return Token::Wait;
    };
    let (close, from) = match bytes.get(1) {
        Some(b'/') => (true, 2),
        _ => (false, 1),
    };
    let name: String = bytes[from..end]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .map(|b| char::from(b.to_ascii_lowercase()))
        .collect();
    match (close, name.as_str()) {
        (true, _) => Token::Close(end, name),
        (false, "br" | "wbr" | "hr") => Token::Skip(end),
        _ => Token::Content,
    }
}

/// A reference that decodes to separators only (`&nbsp;`, `&#124;`, `&middot;`).
fn read_entity(bytes: &[u8]) -> Token {
    let Some(semi) = bytes.iter().take(12).position(|&b| b == b';') else {
        // Text streams in pieces: a reference cut at the end of the output so far waits.
        let partial = bytes.len() < 12
            && bytes[1..]
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'#');
        return if partial { Token::Wait } else { Token::Content };
    };
    let raw = String::from_utf8_lossy(&bytes[..=semi]);
    let decoded = super::entities::decode(&raw);
    if decoded != raw && decoded.chars().all(separator) {
        Token::Skip(semi + 1)
    } else {
        Token::Content
    }
}

fn read_char(bytes: &[u8]) -> Token {
    let len = match bytes[0] {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    if bytes.len() < len {
        return Token::Wait;
    }
    let Some(c) = std::str::from_utf8(&bytes[..len])
        .ok()
        .and_then(|s| s.chars().next())
    else {
        return Token::Content;
    };
    if separator(c) {
        Token::Skip(len)
    } else {
        Token::Content
    }
}

fn separator(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '·' | '•' | '‣' | '◦' | '–' | '—' | '»' | '«' | '│' | '¦' | '\u{200b}'
                ..='\u{200f}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
        )
}

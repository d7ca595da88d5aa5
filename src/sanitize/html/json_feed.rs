//! Stage 6 (JSON Feed bodies: `application/feed+json`, and JSON that declares a
//! `https://jsonfeed.org/version/…`, see `sanitize::json_look`): a feed reader renders an
//! item's `content_html` (and, in practice, `summary`, `content_text` and titles) as HTML,
//! and follows its `url`, `external_url` and the feed's other link fields. The body is
//! scanned as it streams, without a tree:
//!
//! - a string under an HTML key is a fragment: its JSON escapes (`\u003c`, `\/`) are
//!   decoded and it is judged whole, text before any markup included, by a nested
//!   rewriter as it streams (see `fragment`), put back
//!   as written while nothing changes, re-escaped as a JSON string from the first change
//!   on (`jsonfeed.markup`);
//! - a string under a URL key is held (at most [`MAX_URL`] bytes) and judged like any link;
//!   a foreign one becomes `""` (`jsonfeed.link`);
//! - everything else passes byte for byte, so a benign feed is unchanged.
//!
//! Security notes:
//! - Keys are matched at any depth (a foreign `url` in `authors` or `attachments` leaves
//!   the site as well as an item's).
//! - Fail closed: a URL longer than [`MAX_URL`] goes, and so does everything after a
//!   nesting deeper than [`MAX_DEPTH`]. A key longer than [`MAX_KEY`] is no feed key.
//! - A body the look left undecided (see `sanitize::json_look`) is scanned the same way
//!   against a shadow state while its bytes pass as they came ([`json_late`]); a top-level
//!   `version` (the last of duplicates counts) is held (at most [`MAX_URL`] bytes) and
//!   read, and a JSON Feed one ends the watch.
//!
//! [`json_late`]: super::json_late

use crate::audit::Action;
use crate::sanitize::policy::{Carrier, UrlVerdict};

use super::escaped::{Escaping, decode_all};
use super::fragment::Fragment;
use super::json_late::Late;
use super::state::{State, Which};

/// The longest URL value held for judging.
pub(crate) const MAX_URL: usize = 8 * 1024;
/// The longest key read.
const MAX_KEY: usize = 64;
/// The deepest nesting followed; deeper, the rest of the body goes (fail closed).
const MAX_DEPTH: usize = 128;

/// Keys whose string a reader renders as HTML.
const HTML_KEYS: &[&str] = &[
    "content_html",
    "content_text",
    "summary",
    "description",
    "title",
    "user_comment",
];
/// Keys whose string a reader follows or loads.
const URL_KEYS: &[&str] = &[
    "url",
    "external_url",
    "home_page_url",
    "feed_url",
    "next_url",
    "icon",
    "favicon",
    "avatar",
    "image",
    "banner_image",
];

/// What a string value is to a reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Html,
    Url,
    /// The top-level `version` of a watched body.
    Version,
    Other,
}

fn kind(key: &str) -> Kind {
    if HTML_KEYS.contains(&key) {
        Kind::Html
    } else if URL_KEYS.contains(&key) {
        Kind::Url
    } else {
        Kind::Other
    }
}

#[derive(Debug)]
enum Frame {
    Object { want_key: bool, key: Kind },
    Array,
}

/// Where the scanner is.
#[derive(Debug)]
enum Place {
    Between,
    Key(String),
    Html(Box<Fragment>),
    /// A URL value held for judging; `true` once it grew past [`MAX_URL`] (it goes).
    Url(String, bool),
    /// A watched body's top-level `version` value, held (its first [`MAX_URL`] bytes).
    Version(String),
    Other,
}

/// One JSON Feed body being scanned.
#[derive(Debug)]
pub(crate) struct JsonFeed {
    stack: Vec<Frame>,
    place: Place,
    /// The previous character was a backslash inside a string.
    escaped: bool,
    /// Bytes of an incomplete UTF-8 sequence at the end of the last chunk.
    carry: Vec<u8>,
    /// The body went past what can be followed: nothing more is written.
    cut: bool,
    /// Levels opened past [`MAX_DEPTH`] (watched bodies only: a feed is cut there).
    deep: usize,
    /// An undecided body's shadow judgement (made at its first chunk); `None` for a feed.
    late: Option<Box<Late>>,
    /// Whether the body is watched (`late` is taken out while a chunk is scanned).
    watching: bool,
    /// Whether the `version` just read declares a JSON Feed.
    declared: Option<bool>,
}

impl JsonFeed {
    /// A scanner for a JSON Feed; `undecided` for a body the look left undecided, which
    /// passes as it came until a feed `version` is read.
    pub(crate) fn new(undecided: bool) -> Self {
        Self {
            stack: Vec::new(),
            place: Place::Between,
            escaped: false,
            carry: Vec::new(),
            cut: false,
            deep: 0,
            late: None,
            watching: undecided,
            declared: None,
        }
    }

    /// Scans a chunk of the body; returns what to send for it so far, or an error when the
    /// response must be cut (see [`Late::declared`]).
    pub(crate) fn write(&mut self, st: &mut State, bytes: &[u8]) -> Result<Vec<u8>, String> {
        if self.watching && self.late.is_none() {
            self.late = Some(Box::new(Late::new(st)));
        }
        self.carry.extend_from_slice(bytes);
        let valid = match std::str::from_utf8(&self.carry) {
            Ok(s) => s.len(),
            Err(e) if e.error_len().is_some() => self.carry.len(),
            Err(e) => e.valid_up_to(),
        };
        let chunk: Vec<u8> = self.carry.drain(..valid).collect();
        let text = String::from_utf8_lossy(&chunk).into_owned();
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let Some(mut late) = self.late.take() else {
                self.scan(st, rest, &mut out);
                break;
            };
            let used = self.scan(&mut late.shadow, rest, &mut String::new());
            if used == text.len() && self.declared.is_none() {
                // Watched throughout: the chunk passes as it came (even if not UTF-8).
                self.late = Some(late);
                return Ok(chunk);
            }
            out.push_str(&rest[..used]);
            rest = &rest[used..];
            match self.declared.take() {
                Some(true) => {
                    late.declared(st)?;
                    self.watching = false;
                }
                _ => self.late = Some(late),
            }
        }
        Ok(out.into_bytes())
    }

    /// Scans `text` against `st`, writing what to send to `out`; returns how much was
    /// read: all of it, or up to the end of a watched `version` value.
    fn scan(&mut self, st: &mut State, text: &str, out: &mut String) -> usize {
        let mut run = 0;
        for (i, c) in text.char_indices() {
            if self.cut {
                return text.len();
            }
            if self.string_char(st, c, &text[run..i], out) {
                run = i + c.len_utf8();
            }
            if self.declared.is_some() {
                return run;
            }
        }
        if !self.cut {
            self.flush_run(st, &text[run..], out);
        }
        text.len()
    }

    /// Ends the body; returns the rest.
    pub(crate) fn finish(&mut self, st: &mut State) -> Vec<u8> {
        let carry = std::mem::take(&mut self.carry);
        if self.watching {
            return carry;
        }
        let mut out = String::from_utf8_lossy(&carry).into_owned();
        if let Place::Html(frag) = &mut self.place {
            out.push_str(&frag.finish(st));
        }
        self.place = Place::Between;
        out.into_bytes()
    }

    /// Handles `c`, with `run` the text since the last handled boundary; returns whether
    /// `run` and `c` were consumed (written or handed on).
    fn string_char(&mut self, st: &mut State, c: char, run: &str, out: &mut String) -> bool {
        let in_string = !matches!(self.place, Place::Between);
        if in_string {
            if self.escaped {
                self.escaped = false;
                return false;
            }
            match c {
                '\\' => {
                    self.escaped = true;
                    false
                }
                '"' => {
                    self.flush_run(st, run, out);
                    self.close_string(st, out);
                    true
                }
                _ => false,
            }
        } else {
            out.push_str(run);
            self.structure(st, c, out);
            true
        }
    }

    /// Hands the text of the current place on (string content only).
    fn flush_run(&mut self, st: &mut State, run: &str, out: &mut String) {
        match &mut self.place {
            Place::Between | Place::Other => out.push_str(run),
            Place::Key(k) => {
                out.push_str(run);
                if k.len() <= MAX_KEY {
                    k.push_str(run);
                }
            }
            Place::Html(frag) => out.push_str(&frag.write(st, run)),
            Place::Version(v) => {
                out.push_str(run);
                if v.len() <= MAX_URL {
                    v.push_str(run);
                }
            }
            Place::Url(u, too_long) => {
                if *too_long {
                    return;
                }
                u.push_str(run);
                if u.len() > MAX_URL {
                    let detail = Some("a URL value too long to judge".into());
                    *too_long = st.found_detail("jsonfeed.link", Action::Removed, None, detail);
                    if *too_long {
                        u.clear();
                    }
                }
            }
        }
    }

    /// A structural character (outside strings).
    fn structure(&mut self, st: &mut State, c: char, out: &mut String) {
        out.push(c);
        match c {
            '"' => self.open_string(),
            '{' | '[' => {
                if self.deep > 0 || self.stack.len() >= MAX_DEPTH {
                    let detail = Some("JSON nested too deep".into());
                    if st.found_detail("jsonfeed.link", Action::Removed, None, detail)
                        && !self.watching
                    {
                        self.cut = true;
                    }
                    self.deep += 1;
                    return;
                }
                self.stack.push(match c {
                    '{' => Frame::Object {
                        want_key: true,
                        key: Kind::Other,
                    },
                    _ => Frame::Array,
                });
            }
            '}' | ']' if self.deep > 0 => self.deep -= 1,
            '}' | ']' => {
                self.stack.pop();
            }
            ',' => {
                if let Some(Frame::Object { want_key, .. }) = self.stack.last_mut() {
                    *want_key = true;
                }
            }
            _ => {}
        }
    }

    fn open_string(&mut self) {
        self.place = match self.stack.last_mut() {
            Some(Frame::Object { want_key, .. }) if *want_key => {
                *want_key = false;
                Place::Key(String::new())
            }
            Some(Frame::Object {
                key: Kind::Html, ..
            }) => Place::Html(Box::new(Fragment::new(Escaping::Json, "jsonfeed.markup"))),
            Some(Frame::Object { key: Kind::Url, .. }) => Place::Url(String::new(), false),
            Some(Frame::Object {
                key: Kind::Version, ..
            }) => Place::Version(String::new()),
            _ => Place::Other,
        };
    }

    /// The closing quote of a string.
    fn close_string(&mut self, st: &mut State, out: &mut String) {
        match std::mem::replace(&mut self.place, Place::Between) {
            Place::Key(k) => {
                let name = decode_all(Escaping::Json, &k);
                let top = self.stack.len() == 1 && self.deep == 0;
                if let Some(Frame::Object { key, .. }) = self.stack.last_mut() {
                    *key = match self.watching && top && name == "version" {
                        true => Kind::Version,
                        false => kind(&name),
                    };
                }
            }
            Place::Version(v) => {
                let value = decode_all(Escaping::Json, &v);
                self.declared = Some(crate::sanitize::json_look::is_feed_version(&value));
            }
            Place::Html(mut frag) => out.push_str(&frag.finish(st)),
            Place::Url(raw, too_long) => {
                if !too_long && !foreign(st, &raw) {
                    out.push_str(&raw);
                }
            }
            Place::Between | Place::Other => {}
        }
        out.push('"');
    }
}

/// Whether a URL value (JSON-escaped) leads off the site; reports it.
fn foreign(st: &mut State, raw: &str) -> bool {
    let url = decode_all(Escaping::Json, raw);
    let target = match st.judge(&url, Which::Hosts, Carrier::Active) {
        UrlVerdict::Allowed => return false,
        UrlVerdict::Foreign(t) => t,
        UrlVerdict::Script(_) => crate::sanitize::policy::short(&url),
    };
    st.found("jsonfeed.link", Action::Removed, Some(target))
}

#[cfg(test)]
mod tests {
    use super::kind;

    #[test]
    fn keys() {
        assert_eq!(kind("content_html"), super::Kind::Html);
        assert_eq!(kind("external_url"), super::Kind::Url);
        assert_eq!(kind("id"), super::Kind::Other);
    }
}

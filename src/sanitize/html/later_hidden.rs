//! Stage 6 (planted spam, threat A1): a block that a script *after it* hides.
//!
//! `<div id="k">kèo nhà cái…</div><script>document.getElementById('k').style.display=
//! 'none'</script>`: when the block closes, nothing says it is hidden, and a stream cannot
//! take back what it sent. So a kept block element with an `id` whose text has a betting
//! term is held a little longer (a *suspect*): when a later inline script or `on*`
//! handler hides that id (see `script_hide`), the block is judged as a hidden one, on the
//! lexicon (spam without editorial context goes whole, `spam.keyword`); otherwise it is
//! released when the hold bound passes or the document ends.
//!
//! Security notes:
//! - Bounded: at most [`MAX_SUSPECTS`] blocks, each held for at most `max_hidden_block`
//!   bytes of output after its start; past that it is released as it is (the visible
//!   rules already judged it). Hiding by a script further away than that passes.
//! - A suspect is a kept block with a betting term in its text or a foreign link in it
//!   (stripped already; hidden, the block goes whole, as `hidden` does). It is named by
//!   its start tag, still held: a selector's last compound is matched against its tag and
//!   attributes (ids, classes, attribute selectors); its ancestors are not checked
//!   (over-match: hidden alone is never removed). By position (`lastElementChild`,
//!   `previousElementSibling`), the last suspect noted is named.
//! - Hiding is learned from scripts (`script_hide`, `script_changes`) and from sheets that
//!   come later (`css_rules::learn`), so a class added by a script before the rule that
//!   hides it still counts.

use crate::audit::Action;

use super::held_text;
use super::hold;
use super::rawtag::Attrs;
use super::script_hide::LAST_BLOCK;
use super::selectors::{self, Compound};
use super::state::State;

/// How many suspects are held at once; a new one past this releases the oldest.
const MAX_SUSPECTS: usize = 8;
/// The attributes of a suspect's start tag that selectors are matched against.
const MAX_ATTRS: usize = 32;

/// The held blocks that a later script may hide.
#[derive(Debug, Default)]
pub(crate) struct Suspects {
    held: Vec<Suspect>,
    /// How many foreign links were found so far (a block compares it at its ends).
    pub(crate) foreign_seen: u64,
}

#[derive(Debug)]
struct Suspect {
    /// Its start tag begins here in `State::out`, its content ends at `end`.
    mark: usize,
    end: usize,
    /// It held a foreign link.
    foreign: bool,
    /// Named by the selectors being applied (see [`hidden_now`]).
    named: bool,
}

impl Suspects {
    pub(crate) fn floor(&self) -> Option<usize> {
        self.held.iter().map(|s| s.mark).min()
    }

    pub(crate) fn adjust(&mut self, f: &impl Fn(usize) -> usize) {
        for s in &mut self.held {
            s.mark = f(s.mark);
            s.end = f(s.end);
        }
        self.held.retain(|s| s.end > s.mark);
    }
}

/// A kept block (`mark..end` of the output) with a betting term in its text, or a foreign
/// link (`foreign`).
pub(crate) fn note(st: &mut State, mark: usize, end: usize, foreign: bool) {
    if end <= mark {
        return;
    }
    if st.later.held.len() >= MAX_SUSPECTS {
        st.later.held.remove(0);
    }
    st.later.held.push(Suspect {
        mark,
        end,
        foreign,
        named: false,
    });
}

/// Keeps the holds bounded (called as output grows).
pub(crate) fn check(st: &mut State) {
    let limit = st.policy().max_hidden_block;
    let len = st.out.len();
    st.later
        .held
        .retain(|s| len.saturating_sub(s.mark) <= limit);
}

/// At the end of the document: what is still held is released.
pub(crate) fn finish(st: &mut State) {
    st.later.held.clear();
}

/// A script or sheet taught that `selectors` are hidden: the suspects they name are judged
/// as hidden blocks.
pub(crate) fn hidden_now(st: &mut State, selectors: &[String]) {
    if st.later.held.is_empty() || selectors.is_empty() {
        return;
    }
    let compounds: Vec<Compound> = selectors
        .iter()
        .filter(|s| s.as_str() != LAST_BLOCK)
        .filter_map(|s| selectors::parse(s).and_then(|mut c| c.pop()))
        .collect();
    let by_place = selectors.iter().any(|s| s == LAST_BLOCK);
    let out = &st.out;
    for s in &mut st.later.held {
        s.named =
            start_tag(out.get(s.mark..s.end).unwrap_or_default()).is_some_and(|(tag, attrs)| {
                let get = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
                compounds.iter().any(|c| c.matches_attrs(&tag, &get))
            });
    }
    if by_place && let Some(s) = st.later.held.last_mut() {
        s.named = true;
    }
    // Last first (an outer block before the blocks inside it); a cut moves or drops the
    // others' offsets, so each is looked up again.
    while let Some(i) = st.later.held.iter().rposition(|s| s.named) {
        let s = st.later.held.remove(i);
        judge(st, &s);
    }
}

/// A held start tag's name and attributes (names lower-cased, values as written).
fn start_tag(bytes: &[u8]) -> Option<(String, Vec<(String, String)>)> {
    let rest = bytes.strip_prefix(b"<")?;
    let end = rest
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
        .unwrap_or(rest.len());
    let tag = String::from_utf8_lossy(&rest[..end]).to_ascii_lowercase();
    let attrs = Attrs(&rest[end..])
        .map_while(|a| a)
        .take(MAX_ATTRS)
        .map(|(n, v)| {
            let name = String::from_utf8_lossy(n).to_ascii_lowercase();
            (name, String::from_utf8_lossy(v).into_owned())
        })
        .collect();
    Some((tag, attrs))
}

/// Judges a suspect as a hidden block; cuts it with its end tag (written after `end`,
/// since the block was noted from its end-tag handler) when it is spam.
fn judge(st: &mut State, s: &Suspect) {
    let Some(held) = st.out.get(s.mark..s.end) else {
        return;
    };
    let end_tag = st
        .out
        .get(s.end..)
        .filter(|b| b.starts_with(b"</"))
        .and_then(held_text::tag_end)
        .unwrap_or(0);
    let text = super::entities::decode(&held_text::text(held, st.encoding)).into_owned();
    let lexicon = &st.policy().lexicon;
    let hits = lexicon.scan(&text);
    let (rule, detail) = if s.foreign {
        ("link.hidden_block", "foreign links".to_string())
    } else if hits.is_spam() && !lexicon.profile(&text).is_editorial() {
        ("spam.keyword", hits.words.join(", "))
    } else {
        return;
    };
    let detail = Some(format!(
        "block hidden after load by a script or a later sheet: {detail}"
    ));
    if st.found_detail(rule, Action::Removed, None, detail) {
        hold::cut(st, s.mark, s.end + end_tag);
    }
}

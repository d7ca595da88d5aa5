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
//! - Only ids are followed (`getElementById`, `#id` selectors): the common shape.

use crate::audit::Action;

use super::held_text;
use super::hold;
use super::state::State;

/// How many suspects are held at once; a new one past this releases the oldest.
const MAX_SUSPECTS: usize = 8;

/// The held blocks that a later script may hide.
#[derive(Debug, Default)]
pub(crate) struct Suspects {
    held: Vec<Suspect>,
}

#[derive(Debug)]
struct Suspect {
    /// Its start tag begins here in `State::out`, its end tag ends at `end`.
    mark: usize,
    end: usize,
    id: String,
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

/// A kept block (`mark..end` of the output) with this `id` and a betting term in its text.
pub(crate) fn note(st: &mut State, mark: usize, end: usize, id: &str) {
    let id = id.trim();
    if id.is_empty() || end <= mark {
        return;
    }
    if st.later.held.len() >= MAX_SUSPECTS {
        st.later.held.remove(0);
    }
    st.later.held.push(Suspect {
        mark,
        end,
        id: id.to_string(),
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

/// A script taught that `selectors` are hidden: the suspects they name are judged as
/// hidden blocks.
pub(crate) fn hidden_now(st: &mut State, selectors: &[String]) {
    let named: Vec<usize> = st
        .later
        .held
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            selectors
                .iter()
                .any(|sel| sel.trim() == format!("#{}", s.id))
        })
        .map(|(i, _)| i)
        .collect();
    // Last first, so that the earlier ones keep their offsets.
    for i in named.into_iter().rev() {
        let s = st.later.held.remove(i);
        judge(st, &s);
    }
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
    if !hits.is_spam() || lexicon.profile(&text).is_editorial() {
        return;
    }
    let detail = Some(format!(
        "block hidden by a later script (#{}): {}",
        s.id,
        hits.words.join(", ")
    ));
    if st.found_detail("spam.keyword", Action::Removed, None, detail) {
        hold::cut(st, s.mark, s.end + end_tag);
    }
}

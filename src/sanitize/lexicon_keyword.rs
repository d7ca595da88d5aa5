//! Stage 6 (planted spam): how one keyword of the lexicon matches normalized text: at a
//! word start, on its base letters, and either as written or on a span written without any
//! diacritics (see `lexicon`).

use super::{Keyword, Normalized};

impl Keyword {
    pub(super) fn new(word: &str, weight: u32) -> Option<Self> {
        let n = Normalized::new(word);
        let trim = |v: Vec<char>| -> Vec<char> {
            let s: String = v.into_iter().collect();
            s.trim().chars().collect()
        };
        let exact = trim(n.exact);
        (!exact.is_empty()).then(|| Self {
            base: trim(n.base),
            exact,
            weight,
        })
    }

    pub(super) fn matches_at(&self, t: &Normalized, i: usize) -> bool {
        let k = self.base.len();
        if self.base.first() != Some(&t.base[i]) {
            return false;
        }
        let Some(span) = t.base.get(i..i + k) else {
            return false;
        };
        t.base.get(i + k).is_none_or(|&c| c == ' ')
            && span == &self.base[..]
            && (t.exact[i..i + k] == self.exact[..] || t.exact[i..i + k] == *span)
    }

    /// Whether it matches at `i` as written, diacritics and all: editorial phrases do, since
    /// news is written with its diacritics ("ngan hang gia re" holds no "hàng giả").
    pub(super) fn matches_exactly_at(&self, t: &Normalized, i: usize) -> bool {
        self.matches_at(t, i) && t.exact[i..i + self.base.len()] == self.exact[..]
    }

    pub(super) fn occurs_exactly_in(&self, t: &Normalized) -> bool {
        t.starts.iter().any(|&i| self.matches_exactly_at(t, i))
    }

    /// How many words the keyword has.
    pub(super) fn words(&self) -> usize {
        1 + self.base.iter().filter(|&&c| c == ' ').count()
    }
}

//! Stage 6 (planted spam, threat A5): keywords written letter by letter ("n h à c á i",
//! "t.à.i x.ỉ.u"), which a crawler and a reader still read as the word while no keyword
//! matches at a word boundary. A run of at least [`MIN_RUN`] one-letter words is read a
//! second time with its letters joined, and a keyword (without its spaces) matches anywhere
//! inside it, with its diacritics or on letters written without any.
//!
//! Security note: ordinary text has no such runs (initials such as "T P H C M" join into
//! no keyword), so this reading adds no false positive to news; it is skipped entirely when
//! a text has no one-letter word.

use super::{Keyword, Normalized};

/// How many one-letter words in a row make a letter-spaced run.
const MIN_RUN: usize = 4;

/// A letter-spaced run: its letters joined, as written and as base letters.
pub(super) struct Run {
    exact: Vec<char>,
    base: Vec<char>,
}

/// The letter-spaced runs of `n`.
pub(super) fn runs(n: &Normalized) -> Vec<Run> {
    let mut out = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    let single = |i: usize| n.base.get(i + 1).is_none_or(|&c| c == ' ');
    for &i in &n.starts {
        if single(i) {
            cur.push(i);
            continue;
        }
        flush(n, &mut cur, &mut out);
    }
    flush(n, &mut cur, &mut out);
    out
}

fn flush(n: &Normalized, cur: &mut Vec<usize>, out: &mut Vec<Run>) {
    if cur.len() >= MIN_RUN {
        out.push(Run {
            exact: cur.iter().map(|&i| n.exact[i]).collect(),
            base: cur.iter().map(|&i| n.base[i]).collect(),
        });
    }
    cur.clear();
}

impl Keyword {
    /// Whether the keyword, without its spaces, occurs in a letter-spaced run.
    pub(super) fn occurs_spaced(&self, run: &Run) -> bool {
        let base: Vec<char> = self.base.iter().copied().filter(|&c| c != ' ').collect();
        let exact: Vec<char> = self.exact.iter().copied().filter(|&c| c != ' ').collect();
        let k = base.len();
        k >= 3
            && k <= run.base.len()
            && (0..=run.base.len() - k).any(|i| {
                run.base[i..i + k] == base[..]
                    && (run.exact[i..i + k] == exact[..] || run.exact[i..i + k] == base[..])
            })
    }

    /// How many letters it covers in a run (for the profile's share of covered words).
    pub(super) fn letters(&self) -> usize {
        self.base.iter().filter(|&&c| c != ' ').count()
    }
}

#[cfg(test)]
mod tests {
    use super::super::Lexicon;

    #[test]
    fn letter_spaced_keywords_match() {
        let lex = Lexicon::builtin();
        for t in [
            "n h à c á i u y t í n",
            "N H A C A I",
            "t.à.i x.ỉ.u o.n.l.i.n.e",
            "n-ổ-h-ũ b-ắ-n c-á",
        ] {
            assert!(lex.scan(t).is_spam(), "{t:?} missed");
        }
        for t in ["T P H C M", "Phụ lục A B C D", "a b c"] {
            assert!(!lex.scan(t).is_spam(), "{t:?} flagged");
        }
        let p = lex.profile("n h à c á i, t à i x ỉ u, n ổ h ũ, b ắ n c á");
        assert!(p.is_spam_block(), "{p:?}");
    }
}

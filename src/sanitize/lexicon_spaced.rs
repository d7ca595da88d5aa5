//! Stage 6 (planted spam, threat A5): keywords written letter by letter ("n h à c á i",
//! "t.à.i x.ỉ.u"), which a crawler and a reader still read as the word while no keyword
//! matches at a word boundary. A run of at least [`MIN_RUN`] one-letter words is read a
//! second time with its letters joined, and a keyword (without its spaces) matches anywhere
//! inside it, with its diacritics or on letters written without any.
//!
//! All keywords are matched in one pass over a run (an Aho-Corasick automaton over their
//! joined base letters, built with the lexicon), so the cost is linear in the run whatever
//! the size of the vocabulary: a page of "x x x …" costs one read, not one per keyword.
//!
//! Security note: ordinary text has no such runs (initials such as "T P H C M" join into
//! no keyword), so this reading adds no false positive to news; it is skipped entirely when
//! a text has no one-letter word.

use std::collections::HashMap;

use aho_corasick::AhoCorasick;

use super::profile::Profile;
use super::{Keyword, Lexicon, Normalized};

/// How many one-letter words in a row make a letter-spaced run.
const MIN_RUN: usize = 4;

/// A letter-spaced run: its letters joined, as written and as base letters.
pub(super) struct Run {
    pub(super) exact: Vec<char>,
    pub(super) base: Vec<char>,
    /// The index of its first word.
    pub(super) at: usize,
}

/// The letter-spaced runs of `n`.
pub(super) fn runs(n: &Normalized) -> Vec<Run> {
    let mut out = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    let single = |i: usize| n.base.get(i + 1).is_none_or(|&c| c == ' ');
    for (w, &i) in n.starts.iter().enumerate() {
        if single(i) {
            cur.push(i);
            continue;
        }
        flush(n, &mut cur, &mut out, w);
    }
    flush(n, &mut cur, &mut out, n.starts.len());
    out
}

/// Closes the run `cur` that ends before word `end`.
fn flush(n: &Normalized, cur: &mut Vec<usize>, out: &mut Vec<Run>, end: usize) {
    if cur.len() >= MIN_RUN {
        out.push(Run {
            exact: cur.iter().map(|&i| n.exact[i]).collect(),
            base: cur.iter().map(|&i| n.base[i]).collect(),
            at: end - cur.len(),
        });
    }
    cur.clear();
}

/// The most letters of a brand written letter by letter.
const BRAND_LETTERS: usize = 16;

/// Brands written letter by letter ("K U B E T", "N E W 8 8", "8 8 8 B"): for each run, the
/// index of its first word and the brand found in it (`is_brand` on its joined base
/// letters, lower-case): the whole run, or, in a run with a digit, its longest start or end
/// that is one ("N H A C A I 8 8 8 B"). A run of initials may end in "w i n": a brand
/// without a digit must be all of its run. At most a few dozen reads per run, whatever its
/// length.
pub(super) fn brands(n: &Normalized, is_brand: &dyn Fn(&str) -> bool) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for run in runs(n) {
        let letters: String = run.base.iter().collect();
        if !letters.is_ascii() {
            continue;
        }
        if letters.len() <= BRAND_LETTERS && is_brand(&letters) {
            out.push((run.at, letters));
            continue;
        }
        if !letters.bytes().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let len = letters.len();
        let longest = (3..=BRAND_LETTERS.min(len - 1)).rev();
        let head = longest.clone().map(|l| (0, &letters[..l]));
        let tail = longest.map(|l| (len - l, &letters[len - l..]));
        let digit = |b: &str| b.bytes().any(|c| c.is_ascii_digit());
        if let Some((at, b)) = head.chain(tail).find(|(_, b)| digit(b) && is_brand(b)) {
            out.push((run.at + at, b.to_string()));
        }
    }
    out
}

/// The fewest letters a keyword needs to be looked for in a run.
const MIN_LETTERS: usize = 3;

/// The keywords by their joined base letters, matched together.
#[derive(Debug, Clone, Default)]
pub(super) struct Index {
    /// `None` when the lexicon has no keyword of [`MIN_LETTERS`] letters.
    automaton: Option<AhoCorasick>,
    /// The keywords of each pattern: "cá cược" and "ca cuoc" share their base letters.
    keywords: Vec<Vec<usize>>,
}

impl Index {
    pub(super) fn new(keywords: &[Keyword]) -> Self {
        let mut patterns: Vec<String> = Vec::new();
        let mut by_pattern: Vec<Vec<usize>> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, k) in keywords.iter().enumerate() {
            let joined: String = k.base.iter().filter(|&&c| c != ' ').collect();
            if joined.chars().count() < MIN_LETTERS {
                continue;
            }
            let at = *seen.entry(joined).or_insert_with_key(|joined| {
                patterns.push(joined.clone());
                by_pattern.push(Vec::new());
                by_pattern.len() - 1
            });
            by_pattern[at].push(i);
        }
        Self {
            // The automaton's size limits are far above any lexicon; past them the runs
            // are read keyword by keyword (`Keyword::occurs_spaced`), never skipped.
            automaton: AhoCorasick::new(&patterns).ok(),
            keywords: by_pattern,
        }
    }

    /// The keywords that occur in `run` (each once, in the order first found).
    pub(super) fn found(&self, keywords: &[Keyword], run: &Run) -> Vec<usize> {
        let Some(automaton) = &self.automaton else {
            return (0..keywords.len())
                .filter(|&k| keywords[k].occurs_spaced(run))
                .collect();
        };
        let text: String = run.base.iter().collect();
        let mut char_at = vec![0; text.len() + 1];
        for (n, (byte, _)) in text.char_indices().enumerate() {
            char_at[byte] = n;
        }
        let mut out: Vec<usize> = Vec::new();
        for m in automaton.find_overlapping_iter(&text) {
            let start = char_at[m.start()];
            for &k in &self.keywords[m.pattern().as_usize()] {
                if !out.contains(&k) && keywords[k].exact_at(run, start) {
                    out.push(k);
                }
            }
        }
        out
    }
}

impl Lexicon {
    /// The keywords written letter by letter in `n`, and those run together inside long
    /// words (`lexicon_joined`), each once.
    pub(super) fn spaced_keywords(&self, n: &Normalized) -> Vec<usize> {
        let mut out: Vec<usize> = self.joined_keywords(n);
        for run in runs(n) {
            for k in self.spaced.found(&self.keywords, &run) {
                if !out.contains(&k) {
                    out.push(k);
                }
            }
        }
        out
    }

    /// Adds the keywords written letter by letter to a profile; each covers one word per
    /// letter, once per run.
    pub(super) fn spaced_terms(&self, n: &Normalized, p: &mut Profile) {
        for run in runs(n) {
            for k in self.spaced.found(&self.keywords, &run) {
                let kw = &self.keywords[k];
                p.add_spaced(kw.letters());
                p.add_term(kw.exact.iter().collect(), kw.weight);
            }
        }
    }
}

impl Keyword {
    /// Whether the keyword, without its spaces, occurs in a letter-spaced run (the
    /// reading without the automaton).
    fn occurs_spaced(&self, run: &Run) -> bool {
        let k = self.letters();
        k >= MIN_LETTERS
            && k <= run.base.len()
            && (0..=run.base.len() - k).any(|i| self.base_at(run, i) && self.exact_at(run, i))
    }

    /// Whether its base letters are those of `run` at `i`.
    fn base_at(&self, run: &Run, i: usize) -> bool {
        let mut letters = self.base.iter().filter(|&&c| c != ' ');
        run.base[i..]
            .iter()
            .zip(letters.by_ref())
            .all(|(a, b)| a == b)
            && letters.next().is_none()
    }

    /// Whether the run at `i`, whose base letters are the keyword's, is written with its
    /// diacritics or without any.
    fn exact_at(&self, run: &Run, i: usize) -> bool {
        let k = self.letters();
        let Some(written) = run.exact.get(i..i + k) else {
            return false;
        };
        let exact = self.exact.iter().filter(|&&c| c != ' ');
        let base = self.base.iter().filter(|&&c| c != ' ');
        written.iter().eq(exact) || written.iter().eq(base)
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

    /// The automaton finds what the keyword-by-keyword reading finds: overlapping keywords,
    /// a keyword at the very end of a long run, and written with other diacritics (no match).
    #[test]
    fn one_pass_reading_agrees_with_keyword_by_keyword() {
        let lex = Lexicon::builtin();
        let filler = "x ".repeat(2_000);
        for t in [
            "n h à c á i t à i x ỉ u".to_string(),
            format!("{filler}n h a c a i"),
            format!("{filler}n h à c á i {filler}"),
            "c ô b á c x y z w".to_string(),
            filler.clone(),
        ] {
            let n = super::Normalized::new(&t);
            let mut fast = lex.spaced_keywords(&n);
            let mut slow: Vec<usize> = super::runs(&n)
                .iter()
                .flat_map(|r| (0..lex.keywords.len()).filter(|&k| lex.keywords[k].occurs_spaced(r)))
                .collect();
            fast.sort_unstable();
            slow.sort_unstable();
            slow.dedup();
            assert_eq!(fast, slow, "{}", &t[t.len().saturating_sub(40)..]);
        }
        let n = super::Normalized::new(&format!("{filler}n h à c á i"));
        assert!(
            !lex.spaced_keywords(&n).is_empty(),
            "a keyword at the end of a long run"
        );
    }
}

//! Stage 6 (planted spam, threat A5, issue 14 "terms written without spaces"): hashtags,
//! tag lists and slugs whose terms are run together ("#nhacaiuytin #taixiuonline
//! #keonhacai #nohudoithuong", "TaiXiuOnline", "soikeobongda"), which people and crawlers
//! read as the words while no keyword matches at a word boundary. A word of at least
//! [`MIN_TOKEN`] letters (a Vietnamese syllable has at most seven, so such a word is
//! foreign or run together) is read a second time as a run of letters, and a keyword of two
//! words or more, without its spaces and of at least [`MIN_LETTERS`] letters, matches
//! anywhere inside it (the automaton of `lexicon_spaced`), with its diacritics or on letters
//! written without any.
//!
//! Security notes:
//! - Only keywords of several words are looked for: one word inside a longer one is a
//!   substring ("bet" in "alphabet"), several joined are a phrase no other word spells.
//! - At least [`MIN_LETTERS`] letters: short phrases ("lô đề", "cờ bạc", "nổ hũ") spell
//!   the middle of ordinary words and of genuine tags ("explode", "#phongchongcobac").
//! - Inside one word, the longest keyword counts, not the shorter ones it contains
//!   ("nhacaiuytin" is "nhà cái uy tín", one term).
//! - The portal's own tags (#chuyendoiso, #caicachhanhchinh) join no such keyword, and a
//!   URL the page shows is split at its dots and slashes like any text.
//! - A shorter word counts only whole, written without diacritics, and only as a *strong*
//!   keyword of several words run together ("nhacai", "taixiu", "nohu", "xocdia"): no
//!   Vietnamese word is spelled so, and the few words of other languages that are
//!   ([`OTHER_WORDS`], "banca") are left out.

use std::collections::HashMap;

use super::profile::Profile;
use super::spaced::Run;
use super::{Keyword, Lexicon, Normalized};

/// The fewest letters of a word read as run-together terms.
pub(super) const MIN_TOKEN: usize = 7;

/// The fewest letters of a keyword looked for inside such a word.
pub(super) const MIN_LETTERS: usize = 6;

/// The fewest letters of a shorter word read whole as a strong term run together.
const MIN_WHOLE: usize = 4;

/// Words of other languages that spell a strong term run together.
const OTHER_WORDS: &[&str] = &["banca"];

/// The strong keywords of several words by their letters run together, for the words too
/// short to be read as a run ([`MIN_WHOLE`] up to [`MIN_TOKEN`] letters).
pub(super) fn whole_index(keywords: &[Keyword]) -> HashMap<Vec<char>, usize> {
    let mut out = HashMap::new();
    for (i, k) in keywords.iter().enumerate() {
        let joined: Vec<char> = k.base.iter().copied().filter(|&c| c != ' ').collect();
        let spelled: String = joined.iter().collect();
        if k.weight >= 2
            && k.base.contains(&' ')
            && (MIN_WHOLE..MIN_TOKEN).contains(&joined.len())
            && joined.iter().all(|c| c.is_alphabetic())
            && !OTHER_WORDS.contains(&spelled.as_str())
        {
            out.entry(joined).or_insert(i);
        }
    }
    out
}

/// The long words of `n`, each as a run of letters.
fn tokens(n: &Normalized) -> Vec<Run> {
    n.words()
        .enumerate()
        .filter(|(_, (a, b))| {
            b - a >= MIN_TOKEN && n.base[*a..*b].iter().all(|c| c.is_alphabetic())
        })
        .map(|(w, (a, b))| Run {
            exact: n.exact[a..b].to_vec(),
            base: n.base[a..b].to_vec(),
            at: w,
        })
        .collect()
}

impl Lexicon {
    /// The keywords of several words found inside `run`, without those inside a longer one
    /// found there.
    fn joined_in(&self, run: &Run) -> Vec<usize> {
        let joined = |k: usize| -> String {
            self.keywords[k]
                .base
                .iter()
                .filter(|&&c| c != ' ')
                .collect()
        };
        let found: Vec<usize> = self
            .spaced
            .found(&self.keywords, run)
            .into_iter()
            .filter(|&k| {
                self.keywords[k].base.contains(&' ') && self.keywords[k].letters() >= MIN_LETTERS
            })
            .collect();
        let spelled: Vec<String> = found.iter().map(|&k| joined(k)).collect();
        found
            .iter()
            .zip(&spelled)
            .filter(|(_, s)| {
                !spelled
                    .iter()
                    .any(|o| o.len() > s.len() && o.contains(s.as_str()))
            })
            .map(|(&k, _)| k)
            .collect()
    }

    /// The shorter words of `n` that are, whole and without diacritics, a strong keyword
    /// run together (see [`whole_index`]).
    fn whole_joined(&self, n: &Normalized) -> Vec<usize> {
        if self.whole.is_empty() {
            return Vec::new();
        }
        n.words()
            .filter(|(a, b)| (MIN_WHOLE..MIN_TOKEN).contains(&(b - a)))
            .filter(|&(a, b)| n.exact[a..b] == n.base[a..b])
            .filter_map(|(a, b)| self.whole.get(&n.base[a..b]).copied())
            .collect()
    }

    /// The keywords run together inside long words of `n` (each once).
    pub(super) fn joined_keywords(&self, n: &Normalized) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let long = tokens(n).into_iter().flat_map(|run| self.joined_in(&run));
        for k in long.chain(self.whole_joined(n)) {
            if !out.contains(&k) {
                out.push(k);
            }
        }
        out
    }

    /// Adds the keywords run together inside long words to a profile; such a word is one
    /// word covered by terms.
    pub(super) fn joined_terms(&self, n: &Normalized, p: &mut Profile) {
        for run in tokens(n) {
            let found = self.joined_in(&run);
            if !found.is_empty() {
                p.term_words += 1;
            }
            for k in found {
                let kw = &self.keywords[k];
                p.add_term(kw.exact.iter().collect(), kw.weight);
            }
        }
        for k in self.whole_joined(n) {
            let kw = &self.keywords[k];
            p.term_words += 1;
            p.add_term(kw.exact.iter().collect(), kw.weight);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Lexicon;

    #[test]
    fn run_together_terms_match_and_tags_do_not() {
        let lex = Lexicon::builtin();
        for t in [
            "#nhacaiuytin #taixiuonline #keonhacai #nohudoithuong",
            "#NhaCaiUyTin #GameBaiDoiThuong",
            "taixiuonline gamebaidoithuong",
            "nhacai uytin",
            "NHACAI UY TIN",
            "taixiu online",
            "nohu xocdia",
        ] {
            assert!(lex.scan(t).is_spam(), "{t:?} missed");
        }
        for t in [
            "#chuyendoiso #caicachhanhchinh #NgheAn #dichvucong",
            "#phongchongcobac #antoangiaothong",
            "explode alphabet international",
            "Banca Intesa, nohup, lode, daga, cado",
            "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
        ] {
            assert_eq!(lex.scan(t).score, 0, "{t:?} scored");
        }
    }
}

//! Stage 6 (planted spam): how one keyword of the lexicon matches normalized text: at a
//! word start, on its base letters, and either as written or on a span written without any
//! diacritics (see `lexicon`).

use super::{Keyword, Normalized};

/// The keywords by the base letters of their first word: profiling reads every visible
/// word of a page, and the lexicon has thousands of keywords (`lexicon_compose`), so a
/// word tries only those that start with it. A Hangul word also tries the keywords of one
/// word that are a prefix of it (see [`Keyword::matches_at`]).
#[derive(Debug, Clone, Default)]
pub(super) struct FirstWords {
    by_word: foldhash::HashMap<u64, Vec<usize>>,
}

/// A hash of a run of characters (FNV-1a): the lexicon's tables are keyed by it, since
/// hashing a `[char]` through `Hash` costs a call per character and thousands of keywords
/// are keyed per build. A collision only adds a candidate (or is checked by the caller).
pub(super) fn key(chars: &[char]) -> u64 {
    chars.iter().fold(0xcbf2_9ce4_8422_2325, |h, &c| {
        (h ^ u64::from(u32::from(c))).wrapping_mul(0x0100_0000_01b3)
    })
}

impl FirstWords {
    pub(super) fn new(keywords: &[Keyword]) -> Self {
        Self::of(keywords, |_| true)
    }

    /// Those of `keywords` that `keep` keeps, by their index in `keywords` (in order).
    pub(super) fn of(keywords: &[Keyword], keep: impl Fn(&Keyword) -> bool) -> Self {
        let mut by_word: foldhash::HashMap<u64, Vec<usize>> = foldhash::HashMap::default();
        for (i, k) in keywords.iter().enumerate() {
            let first = k.base.split(|&c| c == ' ').next().unwrap_or_default();
            if !first.is_empty() && keep(k) {
                by_word.entry(key(first)).or_default().push(i);
            }
        }
        Self { by_word }
    }

    /// The keywords that may match at word start `i` of `n`.
    pub(super) fn candidates<'a>(
        &'a self,
        n: &'a Normalized,
        i: usize,
    ) -> impl Iterator<Item = usize> + 'a {
        let len = n.base[i..].iter().position(|&c| c == ' ');
        let word = &n.base[i..len.map_or(n.base.len(), |l| i + l)];
        let prefixes = match word.first().copied().is_some_and(is_hangul) {
            true => 2..word.len(),
            false => 0..0,
        };
        let whole = self.by_word.get(&key(word)).into_iter().flatten();
        let stems = prefixes
            .filter_map(|l| self.by_word.get(&key(&word[..l])))
            .flatten();
        whole.chain(stems).copied()
    }
}

/// A list of keywords, with the positions of those that start with each base letter (in
/// list order): a word start tries only the keywords of its first letter, since
/// [`Keyword::matches_at`] matches nothing else. Reads as the plain list (`Deref`).
#[derive(Debug, Clone, Default)]
pub(super) struct Listed {
    list: Vec<Keyword>,
    by_first: foldhash::HashMap<char, Vec<usize>>,
}

impl FromIterator<Keyword> for Listed {
    fn from_iter<I: IntoIterator<Item = Keyword>>(iter: I) -> Self {
        let list: Vec<Keyword> = iter.into_iter().collect();
        let mut by_first: foldhash::HashMap<char, Vec<usize>> = foldhash::HashMap::default();
        for (i, k) in list.iter().enumerate() {
            if let Some(&c) = k.base.first() {
                by_first.entry(c).or_default().push(i);
            }
        }
        Self { list, by_first }
    }
}

impl std::ops::Deref for Listed {
    type Target = [Keyword];

    fn deref(&self) -> &[Keyword] {
        &self.list
    }
}

impl Listed {
    /// The positions of the keywords that may match at word start `i` of `n`, in list order.
    pub(super) fn indices_at(&self, n: &Normalized, i: usize) -> &[usize] {
        n.base
            .get(i)
            .and_then(|c| self.by_first.get(c))
            .map_or(&[], Vec::as_slice)
    }

    /// The keywords that may match at word start `i` of `n`, in list order.
    pub(super) fn at<'a>(&'a self, n: &Normalized, i: usize) -> impl Iterator<Item = &'a Keyword> {
        self.indices_at(n, i).iter().map(|&k| &self.list[k])
    }

    /// Whether one of the first `upto` matches as written (`Keyword::matches_exactly_at`)
    /// at a word start of `n`.
    pub(super) fn occur_exactly_in(&self, n: &Normalized, upto: usize) -> bool {
        n.starts.iter().any(|&i| {
            self.indices_at(n, i)
                .iter()
                .any(|&k| k < upto && self.list[k].matches_exactly_at(n, i))
        })
    }
}

impl Keyword {
    pub(super) fn new(word: &str, weight: u32) -> Option<Self> {
        let n = Normalized::new(word);
        let trim = |v: Vec<char>| -> Vec<char> {
            let s: String = v.into_iter().collect();
            s.trim().chars().collect()
        };
        let exact = trim(n.exact);
        let base = trim(n.base);
        (!exact.is_empty()).then_some(Self {
            reopen: base.len(),
            base,
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
        t.base
            .get(i + k)
            .is_none_or(|&c| c == ' ' || (is_hangul(c) && self.is_hangul_stem()))
            && span == &self.base[..]
            && (t.exact[i..i + k] == self.exact[..] || t.exact[i..i + k] == *span)
    }

    /// Whether it matches at `i` as written, diacritics and all: editorial phrases do, since
    /// news is written with its diacritics ("ngan hang gia re" holds no "hàng giả" among
    /// words with diacritics). A text written entirely without diacritics ("Cong an triet
    /// pha duong day ca do") has none to give: there a phrase of two words or more matches
    /// on its base letters.
    ///
    /// A phrase is read within a clause: "bảo mật tuyệt đối, không bị phát hiện" (a seller's
    /// boasts) holds no "tuyệt đối không".
    pub(super) fn matches_exactly_at(&self, t: &Normalized, i: usize) -> bool {
        let k = self.base.len();
        self.matches_at(t, i)
            && (t.exact[i..i + k] == self.exact[..] || (t.plain && self.words() > 1))
            && t.within_clause(i, self.words())
    }

    /// Whether it ends in two Hangul syllables or more: Korean attaches particles and
    /// endings to a noun ("토토사이트를", "카지노에서"), so such a keyword matches at the
    /// start of a word, not only a whole word.
    pub(super) fn is_hangul_stem(&self) -> bool {
        let n = self.base.len();
        n >= 2 && is_hangul(self.base[n - 1]) && is_hangul(self.base[n - 2])
    }

    /// How many words the keyword has.
    pub(super) fn words(&self) -> usize {
        1 + self.base.iter().filter(|&&c| c == ' ').count()
    }
}

impl Normalized {
    /// Whether the `words` words from the word starting at `i` have no comma, colon,
    /// semicolon or bracket between them.
    pub(super) fn within_clause(&self, i: usize, words: usize) -> bool {
        let w = self.word_index(i);
        let end = (w + words).min(self.clause.len());
        self.clause
            .get(w + 1..end)
            .is_none_or(|c| !c.contains(&true))
    }
}

/// A Hangul syllable.
fn is_hangul(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

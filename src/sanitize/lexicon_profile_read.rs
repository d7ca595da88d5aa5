//! Stage 6 (planted spam, threat A5): reading a text into its [`Profile`] (see
//! `lexicon_profile`): its terms leftmost-longest, its editorial phrases and calls to action
//! by first word, its brands, promoting sentences and intent.

use super::super::keyword::FirstWords;
use super::super::promo::Found;
use super::super::{Hits, Keyword, Lexicon, Normalized};
use super::Profile;

impl Lexicon {
    /// Adds the keywords found in `n` to `p`, and where they are to `at`.
    fn terms_in(&self, n: &Normalized, p: &mut Profile, at: &mut Vec<Found>) {
        self.each_match(n, |start, k, kw| {
            p.term_words += kw.words();
            p.add_term(kw.exact.iter().collect(), kw.weight);
            at.push(Found {
                word: n.word_index(start),
                weight: kw.weight,
                keyword: Some(k),
                brand: self.brand_keywords.contains(&k),
            });
        });
    }

    /// Calls `f` with each keyword occurrence in `n` (its index and itself), leftmost-longest:
    /// where several keywords start at one word the longest counts, and a keyword inside
    /// one already counted does not count again ("thuê tài khoản ngân hàng" is one term,
    /// not also "thuê tài khoản"; "đá gà cựa sắt" is not three).
    pub(in crate::sanitize::lexicon) fn each_match(
        &self,
        n: &Normalized,
        mut f: impl FnMut(usize, usize, &Keyword),
    ) {
        let mut covered = 0;
        for &i in &n.starts {
            if i < covered {
                continue;
            }
            let best = self
                .index
                .keywords
                .candidates(n, i)
                .filter(|&k| self.keywords[k].matches_at(n, i))
                .max_by_key(|&k| self.keywords[k].base.len());
            if let Some(k) = best {
                let kw = &self.keywords[k];
                covered = i + kw.reopen;
                f(i, k, kw);
            }
        }
    }
}

/// Which keywords, editorial phrases and calls can start at a word, by its first word (see
/// `FirstWords`): profiling reads every visible word of a page, so it tries only those.
#[derive(Debug, Clone, Default)]
pub(in crate::sanitize::lexicon) struct Index {
    keywords: FirstWords,
    editorial: FirstWords,
    calls: FirstWords,
}

impl Index {
    pub(in crate::sanitize::lexicon) fn new(
        keywords: &[Keyword],
        editorial: &[Keyword],
        calls: &[Keyword],
    ) -> Self {
        Self {
            keywords: FirstWords::new(keywords),
            calls: FirstWords::new(calls),
            // Only phrases of two or more words, or English words, count (see the notes).
            editorial: FirstWords::of(editorial, |e| {
                e.words() > 1 || e.is_english_word() || e.is_hangul_stem()
            }),
        }
    }
}

impl Keyword {
    /// Whether it is one English word (ASCII letters, four or more): a word of reporting
    /// in English weighs as a Vietnamese phrase of two syllables does.
    fn is_english_word(&self) -> bool {
        self.exact.len() >= 4 && self.exact.iter().all(char::is_ascii_lowercase)
    }
}

impl Lexicon {
    /// The profile of a text (already entity-decoded).
    pub fn profile(&self, text: &str) -> Profile {
        // The spaces between blocks: no word, nothing to normalize.
        if text.bytes().all(|b| b.is_ascii_whitespace()) {
            return Profile::default();
        }
        let n = Normalized::new(text);
        let mut p = Profile {
            words: n.starts.len(),
            ..Profile::default()
        };
        if p.words == 0 {
            return p;
        }
        let mut at = Vec::new();
        self.terms_in(&n, &mut p, &mut at);
        // Teencode (`t4i x1u`): keywords only, see `lexicon_fold`.
        if let Some(t) = super::super::fold::teencode(text) {
            self.terms_in(&Normalized::new(&t), &mut p, &mut at);
        }
        // Telex and VNI typed with the keyboard off (`nhaf cais`): keywords only, see
        // `lexicon_typed`.
        if let Some(t) = super::super::typed::fold(text) {
            self.terms_in(&Normalized::new(&t), &mut p, &mut at);
        }
        self.spaced_terms(&n, &mut p);
        self.joined_terms(&n, &mut p);
        let mut covered = 0;
        for (w, &i) in n.starts.iter().enumerate() {
            // Leftmost-longest: "police" inside "police arrested" is one phrase, not two;
            // "không lừa đảo" is a boast.
            let best = self
                .index
                .editorial
                .candidates(&n, i)
                .filter(|&e| i >= covered && self.editorial[e].matches_exactly_at(&n, i))
                .filter(|_| !n.negated(w))
                .max_by_key(|&e| self.editorial[e].base.len());
            if let Some(e) = best {
                let phrase = &self.editorial[e];
                covered = i + phrase.base.len();
                // A label ("đường dây nóng") masks the phrase inside it, and is no phrase.
                if e < self.kinds.labels_from {
                    p.editorial_words += phrase.words();
                    let id = u16::try_from(e).unwrap_or(u16::MAX);
                    p.add_editorial(id, e >= self.kinds.names_from);
                }
            }
            for c in self.index.calls.candidates(&n, i) {
                let call = &self.calls[c];
                if call.matches_at(&n, i) && !super::super::intent::refused_at(&n, w) {
                    p.offers |= !self.in_term(&at, w);
                    p.call_words += call.words();
                    let id = u16::try_from(c).unwrap_or(u16::MAX);
                    if !p.calls.contains(&id) {
                        p.calls.push(id);
                    }
                }
            }
        }
        let mut brands = Hits::default();
        self.scan_brands(&n, &mut brands, &mut at);
        for b in brands.words {
            if !p.terms.contains(&b) {
                p.term_words += 1;
                p.add_term(b, 2);
            }
        }
        let promo = self.promo(&n, &at);
        p.promo = promo.best + u32::from(promo.brand);
        p.promo_words = promo.words;
        p.frag = promo.shape;
        p.acts = promo.acts;
        p.led = promo.led;
        p.offers |= promo.offered != 0;
        p.lead = !self.editorial.is_empty() && super::super::lead::leads(&n);
        // A search page's echo is judged without its label ("Kết quả tìm kiếm cho: …").
        let label = super::super::lead::echo_label(&n);
        p.words -= label.min(p.words - 1);
        p.opens = at.iter().any(|f| {
            f.word == label
                && f.keyword
                    .is_some_and(|k| self.opens_offer(&self.keywords[k].base))
        });
        p.bare = promo.bare;
        p.intent = self.intent(&n, &at);
        p
    }
}

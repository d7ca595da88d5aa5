//! Stage 6 (planted spam): the betting/casino keyword lexicon and its text normalization.
//!
//! Text is entity-decoded by the caller; VIQR typing (`lexicon_viqr`), look-alike letters,
//! joiners and foreign combining marks (`lexicon_fold`) are folded, then NFKC, lower-cased,
//! stripped of zero-width characters and soft hyphens; every non-alphanumeric run is a space.
//! Each character is then also reduced to its base letter (`đ` → `d` by hand, since Unicode
//! does not decompose it). A keyword matches at word boundaries, either exactly with its
//! diacritics, or on a span written *without any* diacritics: so "co bac" matches "cờ bạc",
//! but "cô bác" (written with other diacritics) does not. Keywords written letter by letter
//! ("n h à c á i") are read by `lexicon_spaced`.
//!
//! Security note: one weak word is not spam. Editorial text ("phòng chống cá cược bóng đá",
//! "Xổ số kiến thiết") must survive, so a text is spam only when its score reaches
//! [`SPAM_SCORE`]: strong keywords and brand names count 2, weak ones 1. Callers apply this
//! only to hidden blocks, the title and the meta description, never to visible text.

use regex::Regex;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use fold::{base_letter, is_alphanumeric, unspaced};
use promo::Found;
use words::{BRAND, BRANDS, CALLS, EDITORIAL, WEAK};

/// The score at which a text counts as planted spam.
pub const SPAM_SCORE: u32 = 2;

/// One keyword, normalized both ways.
#[derive(Debug, Clone)]
struct Keyword {
    exact: Vec<char>,
    base: Vec<char>,
    weight: u32,
    /// Where the next keyword may start after this one matched (`base.len()`, or the start
    /// of the object of a composed term, see `lexicon_compose`).
    reopen: usize,
}

/// A compiled lexicon. Built once per config load.
#[derive(Debug, Clone)]
pub struct Lexicon {
    keywords: Vec<Keyword>,
    /// Keywords and editorial phrases by first letter, for [`Lexicon::profile`].
    index: profile::Index,
    /// Keywords by their joined letters, for text written letter by letter.
    spaced: spaced::Index,
    editorial: Vec<Keyword>,
    /// Calls to action of adverts, weighed by the editorial guard (`lexicon_profile`).
    calls: Vec<Keyword>,
    brand: Option<Regex>,
    /// `brand` is [`BRAND`], which only matches ASCII words with a digit; the built-in
    /// brand shapes without a digit (`words::brand_shape`) are on too.
    brand_is_builtin: bool,
    /// Promotion features read by shape (`lexicon_shapes`).
    shapes: shapes::Shapes,
    /// The signals of promoting sentences (`lexicon_promo`): sellers' words and urgency.
    promo_hard: Vec<Keyword>,
    promo_soft: Vec<Keyword>,
    /// The keywords that are brand names (`lexicon_words::BRANDS`).
    brand_keywords: Vec<usize>,
}

/// The words that matched and their total score.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    pub score: u32,
    pub words: Vec<String>,
}

impl Hits {
    pub fn is_spam(&self) -> bool {
        self.score >= SPAM_SCORE
    }
}

/// Text normalized for matching: the NFC lower-case characters and their base letters.
#[derive(Debug, Default)]
pub struct Normalized {
    exact: Vec<char>,
    base: Vec<char>,
    /// Where each word starts: the only places a keyword can match.
    starts: Vec<usize>,
    /// The sentence of each word (see `lexicon_promo`).
    sentence: Vec<u32>,
    /// Whether each word is inside quotation marks closed in its sentence.
    quoted: Vec<bool>,
    /// Words right after a `@` or `$` (or before a `$`), for `lexicon_shapes`.
    marks: Vec<(usize, char)>,
    /// Whether each word starts with a capital letter (a name, for `lexicon_shapes`).
    caps: Vec<bool>,
    /// Whether a comma, a colon, a semicolon or a bracket comes right before each word: a
    /// phrase of news is read within a clause (see `Keyword::matches_exactly_at`).
    clause: Vec<bool>,
    /// Whether the text is written without any diacritics: its phrases of news match on
    /// their base letters (see `Keyword::matches_exactly_at`).
    plain: bool,
    split: promo::Split,
}

impl Normalized {
    pub fn new(text: &str) -> Self {
        let mut n = Self {
            exact: Vec::with_capacity(text.len()),
            base: Vec::with_capacity(text.len()),
            starts: Vec::with_capacity(text.len() / 2 + 1),
            ..Self::default()
        };
        let viqr = viqr::fold(text);
        let text = viqr.as_deref().unwrap_or(text);
        if text.is_ascii() {
            n.fill_ascii(text.as_bytes());
            n.end_sentence();
            n.plain = true;
            return n;
        }
        let folded = fold::confusables(text);
        let text = folded.as_deref().unwrap_or(text);
        if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
            // Most text (precomposed Vietnamese) is already normalized: composing it again
            // would change nothing and is the most expensive step.
            n.fill(text.chars());
        } else {
            // NFKC: full-width and mathematical letters read as the plain ones.
            n.fill(text.nfkc());
        }
        n.end_sentence();
        n.plain = n.exact == n.base;
        n
    }

    /// The word (as written, lower-cased) that starts at `i`.
    fn word_at(&self, i: usize) -> &[char] {
        let len = self.exact[i..].iter().position(|&c| c == ' ');
        &self.exact[i..len.map_or(self.exact.len(), |l| i + l)]
    }

    /// The index of the word that starts at `i`.
    fn word_index(&self, i: usize) -> usize {
        self.starts.binary_search(&i).unwrap_or_else(|w| w)
    }

    /// `fill` for ASCII text, where lower-casing and base letters are the identity on bytes.
    fn fill_ascii(&mut self, text: &[u8]) {
        let mut space = true;
        for &b in text {
            if b.is_ascii_alphanumeric() || b == b'%' {
                if space {
                    self.start_word(b.is_ascii_uppercase());
                }
                let c = char::from(b.to_ascii_lowercase());
                self.exact.push(c);
                self.base.push(c);
                space = false;
            } else {
                self.punct(char::from(b));
                if !space {
                    self.exact.push(' ');
                    self.base.push(' ');
                    space = true;
                }
            }
        }
    }

    fn fill(&mut self, chars: impl Iterator<Item = char>) {
        let mut space = true;
        let cased = chars.flat_map(|c| {
            let upper = c.is_uppercase();
            c.to_lowercase().map(move |l| (l, upper))
        });
        for (c, upper) in cased {
            if fold::is_ignorable(c) {
                continue;
            }
            if unspaced(c) {
                // A script written without spaces: every character is a word of its own,
                // in the text and in the keywords alike, so a keyword matches anywhere.
                if !space {
                    self.exact.push(' ');
                    self.base.push(' ');
                }
                self.start_word(false);
                self.exact.extend([c, ' ']);
                self.base.extend([c, ' ']);
                space = true;
            } else if is_alphanumeric(c) || c == '%' {
                if space {
                    self.start_word(upper);
                }
                self.exact.push(c);
                self.base.push(base_letter(c));
                space = false;
            } else {
                self.punct(c);
                if !space {
                    self.exact.push(' ');
                    self.base.push(' ');
                    space = true;
                }
            }
        }
    }

    /// The words of the base form, as (start, end) indices.
    fn words(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.starts.iter().map(|&i| {
            let len = self.base[i..].iter().position(|&c| c == ' ');
            (i, len.map_or(self.base.len(), |l| i + l))
        })
    }
}

impl Lexicon {
    /// The built-in Vietnamese list.
    pub fn builtin() -> Self {
        Self::build(true, &[], &[], &[], None).expect("built-in brand pattern compiles")
    }

    /// Builds a lexicon: the built-in list (unless `builtin` is false), plus `strong` and
    /// `weak` additions, minus `remove`; `brand` overrides the brand-name pattern (`""` off).
    pub fn build(
        builtin: bool,
        strong: &[String],
        weak: &[String],
        remove: &[String],
        brand: Option<&str>,
    ) -> Result<Self, regex::Error> {
        let keywords = compose::keywords(builtin, strong, weak, remove);
        let brand_is_builtin = brand.is_none() && builtin;
        let brand = match brand {
            Some("") => None,
            Some(p) => Some(Regex::new(p)?),
            None if builtin => Some(Regex::new(BRAND)?),
            None => None,
        };
        let editorial = if builtin {
            EDITORIAL
                .iter()
                .copied()
                .chain(topics::listed(topics::EDITORIAL))
                .chain(topics::listed(jargon::EDITORIAL))
                .chain(intent::EDITORIAL.iter().copied())
                .chain(topics::listed(unworded::EDITORIAL))
                .chain(topics::listed(offers::EDITORIAL))
                .filter_map(|w| Keyword::new(w, 0))
                .collect()
        } else {
            Vec::new()
        };
        let calls: Vec<Keyword> = match builtin {
            true => CALLS.iter().filter_map(|w| Keyword::new(w, 0)).collect(),
            false => Vec::new(),
        };
        let (promo_hard, promo_soft) = match builtin {
            true => (
                promo::keywords(CALLS, promo::HARD),
                promo::keywords(&[], promo::SOFT),
            ),
            false => (Vec::new(), Vec::new()),
        };
        let brand_keywords = match builtin {
            true => {
                let brands: Vec<Vec<char>> = BRANDS.iter().map(|b| b.chars().collect()).collect();
                keywords
                    .iter()
                    .enumerate()
                    .filter(|(_, k)| brands.contains(&k.exact))
                    .map(|(i, _)| i)
                    .collect()
            }
            false => Vec::new(),
        };
        Ok(Self {
            index: profile::Index::new(&keywords, &editorial, &calls),
            spaced: spaced::Index::new(&keywords),
            shapes: shapes::Shapes::new(builtin),
            keywords,
            editorial,
            calls,
            brand,
            brand_is_builtin,
            promo_hard,
            promo_soft,
            brand_keywords,
        })
    }

    /// The keyword that a short text consists of, whole (weak ones included): a foreign link
    /// whose entire text is "đá gà" or "cá cuoc" is an advert, whatever its score.
    pub fn whole_term(&self, text: &str) -> Option<String> {
        let n = Normalized::new(text);
        let end = n.base.len() - usize::from(n.base.last() == Some(&' '));
        let (exact, base) = (&n.exact[..end], &n.base[..end]);
        self.keywords
            .iter()
            .find(|k| k.base == base && (k.exact == exact || exact == base))
            .map(|k| k.exact.iter().collect())
    }

    /// Whether `term` (as a profile names it) is one of the weak betting words that news
    /// names as topics ("đá gà", "cá độ", "lô đề"), not a scam family's jargon.
    pub fn is_news_topic(&self, term: &str) -> bool {
        WEAK.contains(&term)
    }

    /// Scores a text (already entity-decoded). Each keyword counts once, and one inside a
    /// longer one that matched there not at all (see `Lexicon::each_match`).
    pub fn scan(&self, text: &str) -> Hits {
        let n = Normalized::new(text);
        // Keywords only: brand names keep their digits.
        let teen = fold::teencode(text).map(|t| Normalized::new(&t));
        let typed = typed::fold(text).map(|t| Normalized::new(&t));
        let mut hits = Hits::default();
        let editorial = self.editorial.iter().any(|k| k.occurs_exactly_in(&n));
        let mut found: Vec<usize> = Vec::new();
        let mut at: Vec<Found> = Vec::new();
        for t in [Some(&n), teen.as_ref(), typed.as_ref()]
            .into_iter()
            .flatten()
        {
            self.each_match(t, |start, i, kw| {
                if !found.contains(&i) {
                    found.push(i);
                }
                at.push(Found {
                    word: t.word_index(start),
                    weight: kw.weight,
                    keyword: Some(i),
                    brand: self.brand_keywords.contains(&i),
                });
            });
        }
        for i in self.spaced_keywords(&n) {
            if !found.contains(&i) {
                found.push(i);
            }
        }
        found.sort_unstable();
        self.scan_brands(&n, &mut hits, &mut at);
        // A promoting sentence (`lexicon_promo`) is judged on its own: its weak terms count
        // whatever editorial phrase another sentence has, and its signals add up.
        let promo = self.promo(&n, &at);
        for (i, k) in found.into_iter().map(|i| (i, &self.keywords[i])) {
            let cancelled = editorial && k.weight < 2 && !promo.keywords.contains(&i);
            hits.score += if cancelled { 0 } else { k.weight };
            hits.words.push(k.exact.iter().collect());
        }
        if promo.best > 0 {
            hits.score += u32::try_from(promo.signals.len()).unwrap_or(u32::MAX);
            hits.words.extend(promo.signals);
        }
        hits
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::builtin()
    }
}

#[path = "lexicon_brand_units.rs"]
mod brand_units;
#[path = "lexicon_brands.rs"]
mod brands;
#[path = "lexicon_compose.rs"]
mod compose;
#[path = "lexicon_families.rs"]
mod families;
#[path = "lexicon_fold.rs"]
mod fold;
#[path = "lexicon_intent.rs"]
mod intent;
#[path = "lexicon_jargon.rs"]
mod jargon;
#[path = "lexicon_joined.rs"]
mod joined;
#[path = "lexicon_keyword.rs"]
mod keyword;
#[path = "lexicon_lead.rs"]
mod lead;
#[path = "lexicon_offers.rs"]
mod offers;
#[path = "lexicon_profile.rs"]
mod profile;
#[path = "lexicon_promo.rs"]
mod promo;
#[path = "lexicon_shapes.rs"]
mod shapes;
#[path = "lexicon_spaced.rs"]
mod spaced;
#[path = "lexicon_topics.rs"]
mod topics;
#[path = "lexicon_typed.rs"]
mod typed;
#[path = "lexicon_unworded.rs"]
mod unworded;
#[path = "lexicon_viqr.rs"]
mod viqr;
#[path = "lexicon_words.rs"]
mod words;
pub use brand_units::BrandUnit;
pub use profile::{Profile, SELLS_CALL, SELLS_CONTACT};

#[cfg(test)]
#[path = "lexicon_tests.rs"]
mod tests;

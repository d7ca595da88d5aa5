//! Stage 6 (planted spam): a text as the lexicon matches it (`Normalized`): VIQR typing
//! read, look-alike letters, joiners and foreign combining marks folded, NFKC, lower case,
//! each character with its base letter, word starts, sentences, quotes and clauses. See the
//! module doc of `lexicon` for the rules.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use super::fold::{self, base_letter, is_alphanumeric, unspaced};
use super::{promo, viqr};

/// Text normalized for matching: the NFC lower-case characters and their base letters.
#[derive(Debug, Default)]
pub struct Normalized {
    pub(super) exact: Vec<char>,
    pub(super) base: Vec<char>,
    /// Where each word starts: the only places a keyword can match.
    pub(super) starts: Vec<usize>,
    /// The sentence of each word (see `lexicon_promo`).
    pub(super) sentence: Vec<u32>,
    /// Whether each word is inside quotation marks closed in its sentence.
    pub(super) quoted: Vec<bool>,
    /// Words right after a `@` or `$` (or before a `$`), for `lexicon_shapes`.
    pub(super) marks: Vec<(usize, char)>,
    /// Whether each word starts with a capital letter (a name, for `lexicon_shapes`).
    pub(super) caps: Vec<bool>,
    /// Whether a comma, a colon, a semicolon or a bracket comes right before each word: a
    /// phrase of news is read within a clause (see `Keyword::matches_exactly_at`).
    pub(super) clause: Vec<bool>,
    /// Whether the text is written without any diacritics: its phrases of news match on
    /// their base letters (see `Keyword::matches_exactly_at`).
    pub(super) plain: bool,
    pub(super) split: promo::Split,
}

impl Normalized {
    pub fn new(text: &str) -> Self {
        // A word takes four bytes or more with its space, in the usual text: the per-word
        // lists grow past that estimate only for text of one-letter words.
        let words = text.len() / 4 + 1;
        let mut n = Self {
            exact: Vec::with_capacity(text.len()),
            base: Vec::with_capacity(text.len()),
            starts: Vec::with_capacity(words),
            sentence: Vec::with_capacity(words),
            quoted: Vec::with_capacity(words),
            caps: Vec::with_capacity(words),
            clause: Vec::with_capacity(words),
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
    pub(super) fn word_at(&self, i: usize) -> &[char] {
        let len = self.exact[i..].iter().position(|&c| c == ' ');
        &self.exact[i..len.map_or(self.exact.len(), |l| i + l)]
    }

    /// The index of the word that starts at `i`.
    pub(super) fn word_index(&self, i: usize) -> usize {
        self.starts.binary_search(&i).unwrap_or_else(|w| w)
    }

    /// `fill` for ASCII text, where lower-casing and base letters are the identity on bytes.
    pub(super) fn fill_ascii(&mut self, text: &[u8]) {
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

    pub(super) fn fill(&mut self, chars: impl Iterator<Item = char>) {
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
    pub(super) fn words(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.starts.iter().map(|&i| {
            let len = self.base[i..].iter().position(|&c| c == ' ');
            (i, len.map_or(self.base.len(), |l| i + l))
        })
    }
}

//! Stage 6 (planted spam, threat A5): sentences and quotations while a text is normalized,
//! for the promoting-sentence scorer (`lexicon_promo`): a full stop ends a sentence only
//! when a space follows; a colon when a space and a capital letter follow (a lead-in such
//! as "Công an tỉnh giới thiệu: Tool hack…" is not the clause it introduces; quoted speech
//! after a colon stays in its sentence); `|`, `•` and a layout break always do; the words
//! between paired quotation marks of a sentence are quoted; a word after `@` or `$` (or
//! before `$`) is marked for `lexicon_shapes`.

use super::super::Normalized;

/// Sentence and quotation state while a text is normalized.
#[derive(Debug, Default)]
pub(in crate::sanitize::lexicon) struct Split {
    id: u32,
    /// 1: after a full stop (a sentence ends at the next space), 2: at a sentence break,
    /// 3: after a colon, 4: after a colon and a space (a sentence ends at a capital).
    brk: u8,
    /// Quotation marks of the current sentence, as the index of the next word.
    marks: Vec<usize>,
    /// A `@` or `$` that the next word follows (`lexicon_shapes`).
    pending: Option<char>,
    /// The sentences that a colon's lead-in introduced, in order.
    led: Vec<u32>,
    /// A comma, a colon, a semicolon or a bracket since the last word.
    comma: bool,
}

/// Words of a lead-in that introduce what follows its colon as a quotation rather than an
/// offer: the suspects' adverts, messages and posts that a report cites ("Các đối tượng
/// đăng tải với nội dung: Đăng ký … nhận 100k"). Base letters, one or two words.
const CITES: &[&[&str]] = &[
    &["noi", "dung"],
    &["quang", "cao"],
    &["moi", "chao"],
    &["rao"],
    &["dang", "tai"],
    &["loi", "moi"],
    &["tin", "nhan"],
    &["du", "do"],
    &["loi", "keo"],
    &["doi", "tuong"],
    &["thu", "doan"],
    &["chieu"],
    &["kich", "ban"],
    &["nhu", "sau"],
    &["advert"],
    &["adverts"],
    &["advertised"],
    &["message"],
    &["messages"],
    &["posted"],
    &["reading"],
];

impl Normalized {
    /// A word starts at the end of `base`.
    pub(in crate::sanitize::lexicon) fn start_word(&mut self, upper: bool) {
        if self.split.brk == 2 {
            self.end_sentence();
        } else if self.split.brk == 4 && upper {
            self.end_sentence();
            self.split.led.push(self.split.id);
        }
        self.split.brk = 0;
        if let Some(c) = self.split.pending.take() {
            self.marks.push((self.starts.len(), c));
        }
        self.starts.push(self.base.len());
        self.sentence.push(self.split.id);
        self.quoted.push(false);
        self.caps.push(upper);
        self.clause.push(std::mem::take(&mut self.split.comma));
    }

    /// Punctuation and spaces between words: sentence ends and quotation marks. A full stop
    /// ends a sentence only when a space follows ("V.League", "kubet.com", "1.000" go on).
    pub(in crate::sanitize::lexicon) fn punct(&mut self, c: char) {
        self.split.pending = None;
        self.split.comma |= matches!(c, ',' | ';' | ':' | '(' | ')' | '\u{3001}' | '\u{ff0c}');
        match c {
            // A handle ("@nhiemvu88", not an e-mail address) or a dollar amount ("$50",
            // "50$").
            '@' | '$' => {
                let attached = self.exact.last().is_some_and(|&l| l != ' ');
                match (c, attached) {
                    ('$', true) => self.marks.push((self.starts.len() - 1, c)),
                    (_, false) => self.split.pending = Some(c),
                    _ => {}
                }
            }
            '.' | '!' | '?' | ';' | '\u{2026}' if self.split.brk == 0 => self.split.brk = 1,
            ':' if self.split.brk == 0 => self.split.brk = 3,
            '|' | '\u{2022}' | '\u{2029}' => self.split.brk = 2,
            '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}' => {
                // Quoted speech after a colon stays in its sentence, as a quotation.
                if self.split.brk >= 3 {
                    self.split.brk = 0;
                }
                self.split.marks.push(self.starts.len());
            }
            _ if self.split.brk == 1 && c.is_whitespace() => self.split.brk = 2,
            _ if self.split.brk == 3 && c.is_whitespace() => self.split.brk = 4,
            _ => {}
        }
    }

    /// Closes a sentence: the words between paired quotation marks are quoted.
    pub(in crate::sanitize::lexicon) fn end_sentence(&mut self) {
        let marks = std::mem::take(&mut self.split.marks);
        for pair in marks.chunks_exact(2) {
            if let Some(q) = self.quoted.get_mut(pair[0]..pair[1]) {
                q.fill(true);
            }
        }
        self.split.id += 1;
    }
}

impl Normalized {
    /// Whether word `w` follows a negation ("không lừa đảo", "no scam": a boast), or a
    /// reassurance ("không lo bị xử phạt", "khỏi sợ bị phạt", "no worry"): an advert's.
    pub(in crate::sanitize::lexicon) fn negated(&self, w: usize) -> bool {
        let word = |v: usize| self.word_at(self.starts[v]);
        let not = |v: usize| {
            matches!(
                word(v),
                ['k', 'h', 'ô', 'n', 'g']
                    | ['k', 'h', 'o', 'n', 'g']
                    | ['n', 'o']
                    | ['n', 'o', 't']
                    | ['k', 'h', 'ỏ', 'i']
                    | ['k', 'h', 'o', 'i']
                    | ['c', 'h', 'ẳ', 'n', 'g']
                    | ['c', 'h', 'a', 'n', 'g']
            )
        };
        let worry = |v: usize| {
            matches!(
                word(v),
                ['l', 'o']
                    | ['s', 'ợ']
                    | ['s', 'o']
                    | ['n', 'g', 'ạ', 'i']
                    | ['n', 'g', 'a', 'i']
                    | ['w', 'o', 'r', 'r', 'y']
                    | ['f', 'e', 'a', 'r']
            )
        };
        let mut v = w;
        if v > 1 && matches!(word(v - 1), ['b', 'ị'] | ['b', 'i']) && worry(v - 2) {
            v -= 1;
        }
        if v > 1 && worry(v - 1) && not(v - 2) {
            return true;
        }
        w > 0
            && matches!(
                word(w - 1),
                ['k', 'h', 'ô', 'n', 'g']
                    | ['k', 'h', 'o', 'n', 'g']
                    | ['n', 'o']
                    | ['n', 'o', 't']
            )
    }
}

impl Normalized {
    /// Whether sentence `s` follows a colon's lead-in ("Công an tỉnh giới thiệu: …").
    pub(in crate::sanitize::lexicon) fn led(&self, s: u32) -> bool {
        self.split.led.binary_search(&s).is_ok()
    }

    /// Whether sentence `s` follows a colon whose lead-in cites it (see [`CITES`]): its
    /// terms are a quotation, as between quotation marks.
    pub(in crate::sanitize::lexicon) fn cited(&self, s: u32) -> bool {
        if s == 0 || !self.led(s) {
            return false;
        }
        let words: Vec<&[char]> = self
            .words()
            .zip(&self.sentence)
            .filter(|&(_, &id)| id == s - 1)
            .map(|((a, b), _)| &self.base[a..b])
            .collect();
        let is = |w: &[char], t: &str| w.iter().copied().eq(t.chars());
        CITES.iter().any(|cue| {
            words
                .windows(cue.len())
                .any(|win| win.iter().zip(cue.iter()).all(|(w, t)| is(w, t)))
        })
    }
}

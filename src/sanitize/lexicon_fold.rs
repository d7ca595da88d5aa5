//! Stage 6 (planted spam, threat A5): spellings that keep betting keywords readable to people
//! and crawlers while no longer matching them letter for letter. Folded before matching:
//!
//! - look-alike letters from other scripts: Cyrillic and Greek `а е о р с у х і ј ѕ һ ν`
//!   (`nhа̀ cа́і` with Cyrillic `а`, `і`), mapped to the Latin letter *before* composition so
//!   that a combining accent after them composes as it would on the Latin one;
//! - compatibility forms (full-width `ｎｈà ｃáｉ`, mathematical letters), by NFKC;
//! - invisible characters inside words: the combining grapheme joiner, variation selectors,
//!   Mongolian free variation selectors, invisible operators, tag characters;
//! - combining marks that are not Vietnamese (`k̲h̲ô̲n̲g̲` with U+0332 low line, `L̶i̶n̶k̶` with
//!   U+0336 strike, U+0338, U+20D2, keycaps, the Cyrillic decorations U+0483–U+0489): after a
//!   Latin letter or digit every combining mark but the eight of Vietnamese (grave, acute,
//!   tilde, hook above, dot below; circumflex, breve, horn, which NFD gives for `â ê ô ă ơ
//!   ư`) is dropped, and anywhere the marks of the decoration blocks (U+0300–U+036F,
//!   U+1AB0–U+1AFF, U+1DC0–U+1DFF, U+20D0–U+20FF, U+FE20–U+FE2F). This runs before NFKC, so
//!   a dot below that a low line kept from composing (`i U+0332 U+0323`) composes. A
//!   "zalgo" stack (three or more foreign marks on one letter, or two tone or two shape
//!   marks) loses its Vietnamese marks too: they were drawn at random, and the bare letters
//!   match keywords written without diacritics;
//! - "teencode" and leetspeak digits inside words (`nh4 c4i`, `t4i x1u`, `n0 hu`, `5im r4c`,
//!   `7ai khoan`): a second reading where `4 1 0 3 5 7` stand for `a i o e s t`, used for
//!   keywords only (brand names keep their digits).
//!
//! Security note: folding only changes what is *matched*, never the output.

use unicode_normalization::char::decompose_canonical;

/// Whether `c` is invisible and joins or varies the letters around it.
pub(super) fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{17b4}' | '\u{17b5}' | '\u{180b}'..='\u{180f}'
        | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}'
        | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{e0000}'..='\u{e0fff}')
}

/// The Latin letter that a Cyrillic or Greek look-alike stands for.
fn latin(c: char) -> Option<char> {
    Some(match c {
        'а' | 'А' | 'α' | 'Α' => 'a',
        'е' | 'Е' | 'ε' | 'Ε' => 'e',
        'о' | 'О' | 'ο' | 'Ο' | 'σ' => 'o',
        'р' | 'Р' | 'ρ' | 'Ρ' => 'p',
        'с' | 'С' | 'ϲ' => 'c',
        'у' | 'У' | 'γ' => 'y',
        'х' | 'Х' | 'χ' | 'Χ' => 'x',
        'і' | 'І' | 'ι' | 'Ι' | 'ӏ' => 'i',
        'ј' | 'Ј' => 'j',
        'ѕ' | 'Ѕ' => 's',
        'һ' | 'Һ' | 'Η' => 'h',
        'ԁ' => 'd',
        'ν' | 'Ν' => 'v',
        'κ' | 'К' | 'к' | 'Κ' => 'k',
        'т' | 'Т' | 'τ' | 'Τ' => 't',
        'м' | 'М' | 'Μ' => 'm',
        'н' | 'Н' => 'h',
        'в' | 'В' | 'Β' => 'b',
        'ԝ' | 'ω' => 'w',
        'υ' => 'u',
        'ɡ' => 'g',
        'ո' => 'n',
        _ => return None,
    })
}

/// `text` with look-alikes and invisible joiners folded; `None` when it has none (the
/// usual case: one pass over the characters, no allocation).
pub(super) fn confusables(text: &str) -> Option<String> {
    let needs = text.chars().any(|c| {
        ('\u{370}'..='\u{52f}').contains(&c)
            || is_ignorable(c)
            || c == 'ɡ'
            || c == 'ո'
            || is_mark(c)
    });
    needs.then(|| {
        without_foreign_marks(
            text.chars()
                .filter(|c| !is_ignorable(*c))
                .map(|c| latin(c).unwrap_or(c)),
        )
    })
}

/// Foreign marks on one letter from which the letter's marks are read as noise.
const STACK: usize = 3;

/// The Vietnamese tone marks (U+0340/U+0341 are NFC's grave and acute).
fn is_tone(c: char) -> bool {
    matches!(
        c,
        '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' | '\u{340}' | '\u{341}'
    )
}

/// The marks of `â ê ô ă ơ ư` in NFD.
fn is_shape(c: char) -> bool {
    matches!(c, '\u{302}' | '\u{306}' | '\u{31b}')
}

/// A combining mark (also outside the Latin blocks, which hold none).
fn is_mark(c: char) -> bool {
    c >= '\u{300}'
        && !('\u{1e00}'..='\u{1eff}').contains(&c)
        && unicode_normalization::char::is_combining_mark(c)
}

/// A mark of the blocks that decorate text (underline, strike, overlays, enclosures).
fn is_decoration(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}' | '\u{483}'..='\u{489}' | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
        && !is_tone(c)
        && !is_shape(c)
}

/// A Latin letter or digit: the letters Vietnamese is written in.
fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}')
}

/// `chars` with the foreign marks dropped, cluster by cluster (see the module doc).
fn without_foreign_marks(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut marks: Vec<char> = Vec::new();
    let mut latin = false;
    for c in chars {
        if is_mark(c) {
            marks.push(c);
            continue;
        }
        keep_marks(&mut out, &mut marks, latin);
        latin = is_latin(c);
        out.push(c);
    }
    keep_marks(&mut out, &mut marks, latin);
    out
}

/// Appends the marks of one letter that are kept.
fn keep_marks(out: &mut String, marks: &mut Vec<char>, latin: bool) {
    let count = |f: fn(char) -> bool| marks.iter().filter(|&&m| f(m)).count();
    let (tones, shapes) = (count(is_tone), count(is_shape));
    let zalgo = marks.len() - tones - shapes >= STACK || tones > 1 || shapes > 1;
    for m in marks.drain(..) {
        let keep = match is_tone(m) || is_shape(m) {
            true => !zalgo,
            false => !latin && !is_decoration(m),
        };
        if keep {
            out.push(m);
        }
    }
}

/// The teencode reading of `text`: letters-and-digits words with `4 1 0 3` spelled as
/// `a i o e`; `None` when no word has them.
pub(super) fn teencode(text: &str) -> Option<String> {
    let teen = |b: &u8| matches!(b, b'0' | b'1' | b'3' | b'4' | b'5' | b'7');
    // The usual text has no such digit: one pass over its bytes, no word read.
    if !text.as_bytes().iter().any(teen) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for word in text.split_inclusive(|c: char| !is_alphanumeric(c)) {
        // The digits first: a byte test, where the letters take the Unicode tables.
        if word.as_bytes().iter().any(teen) && word.chars().any(char::is_alphabetic) {
            changed = true;
            out.extend(word.chars().map(|c| match c {
                '4' => 'a',
                '1' => 'i',
                '0' => 'o',
                '3' => 'e',
                '5' => 's',
                '7' => 't',
                c => c,
            }));
        } else {
            out.push_str(word);
        }
    }
    changed.then_some(out)
}

/// `char::is_alphanumeric`, answered without the Unicode tables for the Latin letters that
/// Vietnamese text is made of (Latin-1 and Extended-A/B letters, Latin Extended Additional).
pub(super) fn is_alphanumeric(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{d7}' | '\u{f7}' => false,
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Letters of the scripts that do not separate words with spaces: Han, kana, Thai, Lao,
/// Khmer and Myanmar.
pub(super) fn unspaced(c: char) -> bool {
    matches!(c,
        '\u{0e00}'..='\u{0eff}' | '\u{1000}'..='\u{109f}' | '\u{1780}'..='\u{17ff}'
        | '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}')
        && c.is_alphanumeric()
}

pub(super) fn base_letter(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    if c == 'đ' {
        return 'd';
    }
    if ('\u{ac00}'..='\u{d7a3}').contains(&c) {
        // A Hangul syllable decomposes into its letters (jamo): it has no diacritics.
        return c;
    }
    let mut first = c;
    let mut seen = false;
    decompose_canonical(c, |d| {
        if !seen {
            first = d;
            seen = true;
        }
    });
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds() {
        assert_eq!(
            confusables("nh\u{430}\u{300} c\u{430}\u{301}\u{456}").as_deref(),
            Some("nha\u{300} ca\u{301}i")
        );
        assert_eq!(
            confusables("nh\u{34f}à c\u{34f}ái").as_deref(),
            Some("nhà cái")
        );
        assert_eq!(confusables("nhà cái uy tín"), None);
        assert_eq!(
            teencode("nh4 c4i uy t1n, năm 2024").as_deref(),
            Some("nha cai uy tin, năm 2024")
        );
        assert_eq!(teencode("go88 w88 năm 2024"), None);
    }

    #[test]
    fn foreign_marks_fold_away() {
        let low = |s: &str| s.chars().flat_map(|c| [c, '\u{332}']).collect::<String>();
        assert_eq!(confusables(&low("không")).as_deref(), Some("không"));
        // NFD with the low line between the letter and its dot below: it still composes.
        assert_eq!(
            confusables("bi\u{332}\u{323}").as_deref(),
            Some("bi\u{323}")
        );
        assert_eq!(
            confusables("cha\u{323}\u{306}\u{336}n").as_deref(),
            Some("cha\u{323}\u{306}n")
        );
        assert_eq!(confusables("8\u{20e3}8\u{20d2}").as_deref(), Some("88"));
        // A zalgo stack loses every standalone mark.
        assert_eq!(
            confusables("a\u{300}\u{30d}\u{34a}\u{35b}\u{301}c").as_deref(),
            Some("ac")
        );
        // Vietnamese NFD stays as it is; so do marks of other scripts.
        assert_eq!(confusables("kho\u{302}ng").as_deref(), Some("kho\u{302}ng"));
        assert_eq!(
            confusables("\u{915}\u{93f}").as_deref(),
            Some("\u{915}\u{93f}")
        );
    }
}

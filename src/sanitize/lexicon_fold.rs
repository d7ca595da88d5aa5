//! Stage 6 (planted spam, threat A5): spellings that keep betting keywords readable to people
//! and crawlers while no longer matching them letter for letter. Folded before matching:
//!
//! - look-alike letters from other scripts: Cyrillic and Greek `а е о р с у х і ј ѕ һ ν`
//!   (`nhа̀ cа́і` with Cyrillic `а`, `і`), mapped to the Latin letter *before* composition so
//!   that a combining accent after them composes as it would on the Latin one;
//! - compatibility forms (full-width `ｎｈà ｃáｉ`, mathematical letters), by NFKC;
//! - invisible characters inside words: the combining grapheme joiner, variation selectors,
//!   Mongolian free variation selectors, invisible operators, tag characters;
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
    let needs = text
        .chars()
        .any(|c| ('\u{370}'..='\u{52f}').contains(&c) || is_ignorable(c) || c == 'ɡ' || c == 'ո');
    needs.then(|| {
        text.chars()
            .filter(|c| !is_ignorable(*c))
            .map(|c| latin(c).unwrap_or(c))
            .collect()
    })
}

/// The teencode reading of `text`: letters-and-digits words with `4 1 0 3` spelled as
/// `a i o e`; `None` when no word has them.
pub(super) fn teencode(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for word in text.split_inclusive(|c: char| !c.is_alphanumeric()) {
        let letters = word.chars().any(char::is_alphabetic);
        let digits = word
            .chars()
            .any(|c| matches!(c, '0' | '1' | '3' | '4' | '5' | '7'));
        if letters && digits {
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
}

//! Stage 6 (planted spam, threat A5, issue 14 "Vietnamese typed in VIQR"): text typed with
//! ASCII marks after the vowel they belong to, as VIQR writes Vietnamese without a
//! Vietnamese keyboard: `Nha\` ca'i uy ti'n nha^'t`, `ta\`i xi?u`, `ddo^?i thu+o+?ng`.
//! People and crawlers read it as the words; no keyword matches it letter for letter, and
//! the marks even split the words (`ca'i` is "ca" and "i"). Such text is read as the
//! Vietnamese it stands for before matching (see `Normalized::new`).
//!
//! The marks: `^` circumflex (â ê ô), `(` breve (ă), `+` horn (ơ ư), then the tone:
//! `'` acute, `` ` `` grave, `?` hook, `~` tilde, `.` dot below; `dd` at the start of a
//! word is `đ`.
//!
//! Security notes:
//! - Folding only changes what is *matched*, never the output.
//! - Only a text that is VIQR is read so: at least [`MIN_MARKS`] marked vowels, and at
//!   least one that English and code do not write (a shape mark, a grave or a tilde, a
//!   tone mark inside a word not followed by an English contraction's ending: `ca'i` but
//!   not `you're`, `she's`). A full stop or a question mark after a vowel ends a sentence
//!   unless a letter follows it (`Vie^.t`, `xi?u`) or a shape mark came before it
//!   (`no^?`), so ordinary text written without diacritics keeps its last word.
//! - Telex (`nhaf cais`) and VNI (`nha2 ca1i`) are read by `lexicon_typed`, only when a
//!   text is not VIQR.

use unicode_normalization::UnicodeNormalization;

/// How many marked vowels make a text VIQR.
pub(super) const MIN_MARKS: usize = 2;

fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// The combining shape mark of `m` after the vowel `v`, if VIQR has it.
fn shape(v: char, m: char) -> Option<char> {
    match (v.to_ascii_lowercase(), m) {
        ('a' | 'e' | 'o', '^') => Some('\u{302}'),
        ('a', '(') => Some('\u{306}'),
        ('o' | 'u', '+') => Some('\u{31b}'),
        _ => None,
    }
}

fn tone(m: char) -> Option<char> {
    Some(match m {
        '\'' => '\u{301}',
        '`' => '\u{300}',
        '?' => '\u{309}',
        '~' => '\u{303}',
        '.' => '\u{323}',
        _ => return None,
    })
}

/// The endings of English contractions after a vowel ("you're", "she's", "I'm").
const CONTRACTIONS: &[&str] = &["s", "d", "m", "ll", "re", "ve", "t"];

/// The final consonants of a Vietnamese syllable.
const FINALS: &[&str] = &["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// Whether the letters after a mark, up to the end of the word (marks skipped), can end a
/// Vietnamese syllable: at most two vowels, then a final consonant (`ca'i`, `thu+o+?ng`,
/// `Vie^.t`), not the next word of a slug or a domain (`gia.lay`, `o.clock`, `foo+bar`).
fn ends_syllable(rest: &[char]) -> bool {
    let letters: String = rest
        .iter()
        .take_while(|c| c.is_ascii_alphabetic() || MARKS.contains(c))
        .filter(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    let vowels = letters.chars().take_while(|&c| is_vowel(c)).count();
    vowels <= 2 && FINALS.contains(&&letters[vowels..])
}

/// The VIQR marks.
const MARKS: &[char] = &['^', '(', '+', '\'', '`', '?', '~', '.'];

/// `text` read as VIQR, NFC-composed; `None` when it is not VIQR (the usual case: one
/// pass over the bytes, no allocation, unless a mark follows a vowel somewhere).
pub(super) fn fold(text: &str) -> Option<String> {
    let marked = text.as_bytes().windows(2).any(|w| {
        is_vowel(char::from(w[0]))
            && matches!(w[1], b'^' | b'(' | b'+' | b'`' | b'\'' | b'?' | b'~' | b'.')
    });
    if !marked {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let (mut marks, mut sure) = (0, false);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let word_start = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
        if word_start && matches!(chars.get(i..i + 2), Some(['d' | 'D', 'd' | 'D'])) {
            let dd = chars.get(i + 2).is_some_and(|n| n.is_ascii_alphabetic());
            if dd {
                out.push(if c == 'D' { 'Đ' } else { 'đ' });
                i += 2;
                continue;
            }
        }
        out.push(c);
        i += 1;
        if !is_vowel(c) {
            continue;
        }
        let mut shaped = false;
        if let Some(s) = chars.get(i).and_then(|&m| shape(c, m)) {
            // A shape mark is VIQR only before a letter or a tone (not "a+b", "x^2").
            let next = chars.get(i + 1).copied();
            if next.is_none_or(|n| !n.is_ascii_digit()) && ends_syllable(&chars[i + 1..]) {
                out.push(s);
                shaped = true;
                i += 1;
            }
        }
        if let Some(t) = chars.get(i).and_then(|&m| tone(m)) {
            let m = chars[i];
            let next = chars.get(i + 1).copied();
            let letter = next.is_some_and(|n| n.is_ascii_alphabetic());
            let ok = ends_syllable(&chars[i + 1..])
                && match m {
                    '.' | '?' => letter || shaped,
                    _ => true,
                };
            if ok {
                out.push(t);
                i += 1;
                marks += 1;
                let rest: String = chars[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .collect::<String>()
                    .to_ascii_lowercase();
                sure |= matches!(m, '`' | '~')
                    || shaped
                    || letter && !CONTRACTIONS.contains(&rest.as_str());
                continue;
            }
        }
        if shaped {
            marks += 1;
            sure = true;
        }
    }
    (marks >= MIN_MARKS && sure).then(|| out.as_str().nfc().collect())
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn viqr_reads_as_vietnamese() {
        assert_eq!(
            fold("Nha` ca'i uy ti'n nha^'t VN").as_deref(),
            Some("Nhà cái uy tín nhất VN")
        );
        assert_eq!(
            fold("ta`i xi?u, ddo^?i thu+o+?ng, no^? hu~, ba('n ca'").as_deref(),
            Some("tài xỉu, đổi thưởng, nổ hũ, bắn cá")
        );
        assert_eq!(fold("NHA` CA'I").as_deref(), Some("NHÀ CÁI"));
        assert_eq!(fold("Vie^.t Nam").as_deref(), None, "one mark is not VIQR");
        assert_eq!(fold("Vie^.t Nam o+?").as_deref(), Some("Việt Nam ở"));
    }

    #[test]
    fn english_and_code_are_not_viqr() {
        for t in [
            "The province's portal: don't miss the citizens' guide, it's free.",
            "You're welcome; she's here, we'll see, I'm sure, they've gone, I'd go.",
            "x^2 + y^2 = r^2; a = b ? c : d; o.u = e(a);",
            "Xin chao. Ban co khoe khong? Toi di.",
            "choi tai xiu. nha cai uy tin?",
            "address odd add",
            "Nhan.lam.cccd.gia.lay.ngay.bang.lai.xe.khong.can.thi",
            "nha.cai.uy.tin, foo+bar, o'clock",
        ] {
            assert_eq!(fold(t), None, "{t}");
        }
    }
}

//! Stage 6 (planted spam, threat A5, issue 14 "Vietnamese typed with the keyboard off"):
//! text typed in Telex or VNI with no input method running, so the keys that would have
//! made the marks stay in the text: Telex `nhaf cais uy tins`, `taif xiur`, `ddooir thuwowngr`;
//! VNI `nha2 ca1i uy ti1n`, `ta2i xi3u`, `d9o6i3 thu7o7ng3`. Readers decode it at a glance;
//! no keyword matches it letter for letter. Such text gets a second reading, for keywords
//! only (like teencode, see `Lexicon::scan` and `Lexicon::profile`): the Vietnamese it
//! stands for *without* its marks (`nha cai uy tin`), which keywords match as text written
//! without diacritics; so the tone placement never matters.
//!
//! A word is typed when it is a Vietnamese syllable once its keys are taken out: an
//! initial, one to three vowels, a final (`FINALS`), where Telex adds a tone key
//! (`s f r x j`) after the vowels or at the end, a doubled shape vowel (`aa ee oo`),
//! `aw ow uw`, `dd`, a lone `w` for `ư`; and VNI adds digits after a vowel or at the end:
//! a tone `1`–`5`, a shape `6`–`8`, or one of each (`no63`), and `d9` for `đ`.
//!
//! Security notes:
//! - Folding only adds keyword matches, never changes the output nor the first reading:
//!   English that happens to read as typed (`your security is low`) keeps its phrases.
//! - A whole text is read so only when at least [`MIN_TYPED`] words are typed and words
//!   that are no syllable (English, code, names) are fewer than the typed ones. Vietnamese
//!   written without diacritics has no typed words (no syllable ends in `s f r x j`), so it
//!   is read as it is.
//! - Brands and codes keep their digits: a VNI word never repeats a digit nor has two tones
//!   (`hi88`, `go88`, `b52club` and `1xbet` are no VNI), and a word starting with a digit is not typed.

/// How many typed words make a text Telex or VNI.
pub(super) const MIN_TYPED: usize = 2;

const INITIALS: &[&str] = &[
    "", "b", "c", "ch", "d", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
    "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
];

const FINALS: &[&str] = &["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// The longest typed syllable: `nghieeengx`.
const LONGEST: usize = 10;

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Whether lower-case ASCII `s` is a Vietnamese syllable written without marks.
fn syllable(s: &[u8]) -> bool {
    let Some(v) = s.iter().position(|&c| is_vowel(c)) else {
        return false;
    };
    let (initial, rest) = s.split_at(v);
    let vowels = rest.iter().take_while(|&&c| is_vowel(c)).count();
    let last = &rest[vowels..];
    let initial = std::str::from_utf8(initial).unwrap_or("-");
    let last = std::str::from_utf8(last).unwrap_or("-");
    (1..=3).contains(&vowels) && INITIALS.contains(&initial) && FINALS.contains(&last)
}

/// A Telex word without its keys, if it had any and is a syllable without them.
fn telex(word: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(word.len());
    let mut keyed = false;
    let mut i = 0;
    while i < word.len() {
        let (c, next) = (word[i], word.get(i + 1).copied());
        match (c, next) {
            (b'd', Some(b'd')) | (b'a' | b'e' | b'o', Some(b'a' | b'e' | b'o'))
                if next == Some(c) =>
            {
                out.push(c);
                keyed = true;
                i += 2;
                continue;
            }
            (b'a' | b'o' | b'u', Some(b'w')) => {
                out.push(c);
                keyed = true;
                i += 2;
                continue;
            }
            // `w` alone is `ư`: `trwcj` is "trực".
            (b'w', _) if i > 0 => {
                out.push(b'u');
                keyed = true;
                i += 1;
                continue;
            }
            _ => {}
        }
        // A tone key: anywhere after a vowel (`caafu`, `tisn`, `cais`), or at the end.
        let tone = matches!(c, b's' | b'f' | b'r' | b'x' | b'j');
        let vowel_before = word[..i].iter().any(|&b| is_vowel(b));
        if tone && i > 0 && (vowel_before || i + 1 == word.len()) {
            keyed = true;
            i += 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    (keyed && syllable(&out)).then_some(out)
}

fn shape_and_tone(a: u8, b: u8) -> bool {
    let (shape, tone) = (b'6'..=b'8', b'1'..=b'5');
    shape.contains(&a) && tone.contains(&b) || tone.contains(&a) && shape.contains(&b)
}

/// A VNI word without its digits, if it had any and is a syllable without them.
fn vni(word: &[u8]) -> Option<Vec<u8>> {
    if !word[0].is_ascii_alphabetic() {
        return None;
    }
    let mut out = Vec::with_capacity(word.len());
    let mut keyed = false;
    for (i, &c) in word.iter().enumerate() {
        if !c.is_ascii_digit() {
            out.push(c);
            continue;
        }
        let prev = word[i - 1];
        if prev.is_ascii_digit() {
            continue; // the second key of a run, checked with the first
        }
        let run = &word[i..];
        let run = &run[..run.iter().take_while(|b| b.is_ascii_digit()).count()];
        let at_end = i + run.len() == word.len();
        let placed = match run {
            [b'9'] => prev == b'd',
            [b'1'..=b'8'] => is_vowel(prev) || at_end,
            // A shape and a tone, in either order (`no63` is "nổ"); never a brand's
            // repeated digits (`go88`) or two tones (`b52club`).
            [a, b] if shape_and_tone(*a, *b) => is_vowel(prev) || at_end,
            _ => false,
        };
        if !placed {
            return None;
        }
        keyed = true;
    }
    (keyed && syllable(&out)).then_some(out)
}

/// Whether a key of either layout follows a vowel somewhere (or `dd`, `d9`): the cheap test
/// that spares most text the word pass.
fn may_be_typed(bytes: &[u8]) -> bool {
    bytes.windows(2).any(|w| {
        let (x, y) = (w[0].to_ascii_lowercase(), w[1].to_ascii_lowercase());
        let keyed = matches!(y, b's' | b'f' | b'r' | b'x' | b'j' | b'w' | b'1'..=b'8');
        (is_vowel(x) && (keyed || y == x && matches!(x, b'a' | b'e' | b'o')))
            || (x == b'd' && matches!(y, b'd' | b'9'))
    })
}

/// `text` read as Telex or VNI without its keys; `None` when it is neither (the usual
/// case, decided in one pass over its words).
pub(super) fn fold(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    if !may_be_typed(bytes) {
        return None;
    }
    let mut pieces: Vec<(usize, usize, Vec<u8>)> = Vec::new();
    let (mut typed, mut foreign) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        // A word next to a non-ASCII letter is a Vietnamese word with marks: neutral.
        let marked = |j: usize| bytes.get(j).is_some_and(|b| *b >= 0x80);
        if marked(i) || (start > 0 && marked(start - 1)) {
            continue;
        }
        if bytes[start..i].iter().all(u8::is_ascii_digit) {
            continue;
        }
        if i - start > LONGEST {
            foreign += 1;
            continue;
        }
        let mut buf = [0u8; LONGEST];
        let word = &mut buf[..i - start];
        word.copy_from_slice(&bytes[start..i]);
        word.make_ascii_lowercase();
        let word = &*word;
        let read = if word.iter().any(u8::is_ascii_digit) {
            vni(word)
        } else {
            telex(word)
        };
        match read {
            Some(plain) => {
                typed += 1;
                pieces.push((start, i, plain));
            }
            None if word.iter().all(u8::is_ascii_alphabetic) && syllable(word) => {}
            None => foreign += 1,
        }
    }
    if typed < MIN_TYPED || foreign >= typed {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end, plain) in pieces {
        out.push_str(&text[at..start]);
        out.extend(plain.iter().map(|&b| char::from(b)));
        at = end;
    }
    out.push_str(&text[at..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn telex_and_vni_read_without_their_keys() {
        for (typed, plain) in [
            ("Nhaf cais uy tins nhaats VN", "nha cai uy tin nhat VN"),
            ("taif xiur, ddooir thuwowngr", "tai xiu, doi thuong"),
            ("nha2 ca1i uy ti1n", "nha cai uy tin"),
            ("ta2i xi3u, d9o6i3 thu7o7ng3", "tai xiu, doi thuong"),
            ("NHAF CAIS", "nha cai"),
            ("soi caafu loo ddeef", "soi cau lo de"),
            ("no63 hu4 ba81n ca1", "no hu ban ca"),
        ] {
            let got = fold(typed).map(|s| s.to_ascii_lowercase());
            assert_eq!(
                got.as_deref(),
                Some(plain.to_ascii_lowercase().as_str()),
                "{typed}"
            );
        }
    }

    #[test]
    fn plain_vietnamese_english_brands_and_codes_are_not_typed() {
        for t in [
            "Xin chao cac ban, chuc mung nam moi",
            "The provincial portal lists the news of its offices and its services.",
            "Dang ky hi88, go88, b52club, 1xbet, fun88 ngay",
            "Bang lai hang A1",
            "Hotline 0912345678, zalo 0987654321",
            "Nha cai uy tin so 1",
        ] {
            assert_eq!(fold(t), None, "{t}");
        }
    }
}

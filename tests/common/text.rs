//! Ways of writing test text: without its diacritics, as a reader still reads it.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `s` without its diacritics ("Nhà cái" → "Nha cai", "đ" → "d").
pub fn strip_marks(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

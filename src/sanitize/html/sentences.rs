//! Stage 6 (planted spam, threat A5): where the sentences of a piece of held text end, for
//! the reader of rendered text (`rendered`): the lexicon judges an offer sentence apart
//! from the news around it.

use super::bidi;

/// Where sentences end in `raw` (before a bidi override and after its end, see `bidi`;
/// after `.`, `!` or `?` and the spaces after it; not `;`,
/// which joins clauses of one sentence), and where the items of a ticker or a footer line
/// part (after `|` or a bullet `•` and the spaces after it): ASCII (the bullet is read as
/// UTF-8, a sequence no other charset's Vietnamese text has), so the same in every charset
/// lol_html reads.
pub(super) fn sentence_ends(raw: &[u8]) -> Vec<usize> {
    const BULLET: &[u8] = "•".as_bytes();
    let mut ends = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let mark = if matches!(raw[i], b'.' | b'!' | b'?' | b'|') {
            1
        } else if raw[i..].starts_with(BULLET) {
            BULLET.len()
        } else {
            0
        };
        if let Some((len, opens)) = bidi::override_mark(&raw[i..]) {
            // An override's span is drawn apart: a sentence of its own.
            let at = if opens { i } else { i + len };
            if at > 0 && ends.last() != Some(&at) {
                ends.push(at);
            }
            i += len;
        } else if mark > 0 && raw.get(i + mark).is_some_and(u8::is_ascii_whitespace) {
            let mut j = i + mark;
            while raw.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            ends.push(j);
            i = j;
        } else {
            i += 1;
        }
    }
    ends
}

//! Stage 6: output held back from the client until something is decided. Five things hold:
//! a hidden block (`hidden`), the text of a foreign link (`anchor`), a container that may
//! turn out to hold nothing but spam (`container`), a block element until its text is
//! profiled (`spam_block`) and an inline script's start tag until its text is judged
//! (`text`). Each records a *mark*, an offset into
//! `State::out`; only the bytes before the lowest mark are handed to the body.
//!
//! Security note: every hold is bounded (`max_hidden_block`), so memory per response stays
//! bounded whatever the page; what happens past the bound is decided by each holder, never
//! by releasing unjudged spam silently (see `anchor::check_holds`).

use bytes::Bytes;

use super::state::State;
use super::{anchor, container, hidden, rawtag, spam_block};

/// The lowest mark: output before it is final.
pub fn floor(st: &State) -> usize {
    let mut f = st.out.len();
    if let Some(b) = &st.block {
        f = f.min(b.mark);
    }
    if let Some(a) = st.anchors.first() {
        f = f.min(a.mark);
    }
    if let Some(c) = st.run.floor() {
        f = f.min(c);
    }
    if let Some(b) = st.blocks.floor() {
        f = f.min(b);
    }
    if let Some(m) = st.capture.as_ref().and_then(|c| c.mark) {
        f = f.min(m);
    }
    f
}

/// Keeps every hold bounded. Called as output grows (from the output sink), never per
/// input chunk, so that no verdict depends on where the input was cut.
pub fn check(st: &mut State) {
    hidden::check_hold(st);
    anchor::check_holds(st);
    container::check(st);
    // After the container run: a block cut here must not make the run's own bound check
    // depend on how big the output chunks were.
    spam_block::check(st);
}

/// Takes the output that no hold covers.
pub fn drain(st: &mut State) -> Bytes {
    check(st);
    let upto = floor(st);
    adjust(st, |m| m.saturating_sub(upto));
    st.out.split_to(upto).freeze()
}

/// At the end of the document: decides what is still held, innermost first (the hold
/// with the highest mark), then lets the container run read the rest.
pub fn finish(st: &mut State) {
    loop {
        let anchor = st.anchors.last().map(|a| a.mark);
        let block = st.block.as_ref().map(|b| b.mark);
        match (anchor, block) {
            (Some(a), Some(b)) if b > a => decide_block(st),
            (Some(_), _) => {
                anchor::close_innermost(st);
            }
            (None, Some(_)) => decide_block(st),
            (None, None) => break,
        }
    }
    spam_block::finish(st);
    container::check(st);
}

fn decide_block(st: &mut State) {
    if let Some(block) = st.block.take() {
        hidden::decide(st, block, None);
    }
}

/// Removes `out[from..to]`; marks past it move back, marks inside it move to `from`.
pub fn cut(st: &mut State, from: usize, to: usize) {
    let to = to.min(st.out.len());
    if from >= to {
        return;
    }
    let tail = st.out.split_off(to);
    st.out.truncate(from);
    st.out.unsplit(tail);
    let len = to - from;
    adjust(st, |m| if m >= to { m - len } else { m.min(from) });
}

fn adjust(st: &mut State, f: impl Fn(usize) -> usize) {
    if let Some(b) = &mut st.block {
        b.mark = f(b.mark);
    }
    for a in &mut st.anchors {
        a.mark = f(a.mark);
    }
    st.run.adjust(&f);
    st.blocks.adjust(&f);
    if let Some(c) = &mut st.capture {
        c.mark = c.mark.map(&f);
    }
}

/// Where the tag that starts `s` (at `<`) ends, after its `>`, reading quoted attribute
/// values as the tokenizer does; `None` when it does not end in `s`.
pub fn tag_end(s: &[u8]) -> Option<usize> {
    let mut i = 1;
    loop {
        let j = i + memchr::memchr3(b'>', b'"', b'\'', s.get(i..)?)?;
        match s[j] {
            b'>' => return Some(j + 1),
            q => {
                // A quote only opens a value right after `=` (and spaces).
                let before = s[i..j].iter().rev().find(|b| !b.is_ascii_whitespace());
                i = if before == Some(&b'=') {
                    j + 1 + memchr::memchr(q, s.get(j + 1..)?)? + 1
                } else {
                    j + 1
                };
            }
        }
    }
}

/// The text a crawler reads in held output: the text between tags, plus the `alt` and
/// `title` of the tags (an image's alt text is its link's text), decoded from the page's
/// charset. Entities are left for the caller to decode.
pub fn text(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> String {
    let mut text = Vec::with_capacity(bytes.len() / 2);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let opens = b == b'<'
            && bytes
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'));
        if !opens {
            text.push(b);
            i += 1;
            continue;
        }
        let end = tag_end(&bytes[i..]).map_or(bytes.len(), |e| i + e);
        text.push(b' ');
        tag_words(&bytes[i..end], &mut text);
        i = end;
    }
    encoding.decode_without_bom_handling(&text).0.into_owned()
}

fn tag_words(tag: &[u8], text: &mut Vec<u8>) {
    let Some(rest) = tag.strip_prefix(b"<") else {
        return;
    };
    if rest.first().is_some_and(|c| !c.is_ascii_alphabetic()) {
        return;
    }
    let name_end = rest
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
        .unwrap_or(rest.len());
    for (name, value) in rawtag::Attrs(&rest[name_end..]).map_while(|a| a) {
        if name.eq_ignore_ascii_case(b"alt") || name.eq_ignore_ascii_case(b"title") {
            text.extend_from_slice(value);
            text.push(b' ');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_end_reads_quotes_like_the_tokenizer() {
        assert_eq!(tag_end(b"<a href=\"x>y\">t"), Some(14));
        assert_eq!(tag_end(b"<a title='a\"b>c'>t"), Some(17));
        assert_eq!(tag_end(b"<a b\"c>t"), Some(7));
        assert_eq!(tag_end(b"<a href=\"x"), None);
        assert_eq!(tag_end(b"<br>"), Some(4));
    }

    #[test]
    fn text_keeps_alt_and_title_and_drops_markup() {
        let t = text(
            b"<span>nh&agrave; <b>c\xc3\xa1i</b></span><img alt=\"n\xe1\xbb\x95 h\xc5\xa9\" src=x><a title='x>y'>",
            encoding_rs::UTF_8,
        );
        assert_eq!(
            t.split_whitespace().collect::<Vec<_>>(),
            ["nh&agrave;", "cái", "nổ", "hũ", "x>y"]
        );
        assert_eq!(text(b"a < b", encoding_rs::UTF_8), "a < b");
    }
}

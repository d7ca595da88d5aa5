//! Stage 6 (planted spam, threat A5): the text of HTML comments. A comment is never shown,
//! and a crawler that reads the page ignores it, so spam planted in `<!-- … -->` is only
//! seen once a script of the page (or one the attacker adds later) turns comment nodes
//! into text (see `script::comment_text`). A comment whose text the lexicon scores as spam
//! is removed (`spam.comment`), judged as a title is (`text::spam_words`: entities decoded,
//! tags read as spaces, the editorial guard); every other comment passes byte for byte
//! (CMS markers, conditional comments, block-editor delimiters, license headers, editorial
//! notes that name the betting they warn about).
//!
//! Security note: a spam slogan split over several comments, each harmless alone, stays
//! here; the script that would join them is the one judged.

use lol_html::html_content::Comment;

use crate::audit::Action;

use super::state::State;
use super::text::spam_words;

/// The audit rule.
pub(crate) const RULE: &str = "spam.comment";

/// Judges one comment; removes it when its text is spam.
pub(crate) fn on_comment(st: &mut State, c: &mut Comment<'_>) {
    if c.removed() {
        return;
    }
    let raw = c.text();
    if !raw.chars().any(char::is_alphanumeric) {
        return;
    }
    let Some(words) = spam_words(st, &without_tags(&raw)) else {
        return;
    };
    let detail = Some(format!("comment: {words}"));
    if st.found_detail(RULE, Action::Removed, None, detail) {
        c.remove();
    }
}

/// `s` with every `<…>` tag read as a space (a comment may hold commented-out markup).
fn without_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::without_tags;

    #[test]
    fn tags_read_as_spaces() {
        assert_eq!(without_tags("<b>nhà</b>cái"), "  nhà  cái");
        assert_eq!(without_tags("[if lt IE 9]>x"), "[if lt IE 9]>x");
    }
}

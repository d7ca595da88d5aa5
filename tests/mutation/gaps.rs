//! The one list of what the sanitizer does not yet stop. The mutation test is strict for
//! everything else; a failure that no entry covers fails CI. Remove an entry as soon as
//! its fix lands (the run says when an entry covered nothing); each entry names why it
//! is still open.
//!
//! A key is `FAMILY[/template]` (a prefix of the variant's label, e.g. `B3` or
//! `A1/closed-details`; a trailing `*` matches the start of a template's name,
//! `A5/spam-unworded-*`), `judge:NAME`, `class:N`, `context:NAME`, `codec:NAME` or
//! `charset:NAME`; keys joined with `&` cover a failure only when each of them does.

use super::Variant;
use super::judge::Failure;

pub const KNOWN_GAPS: &[(&str, &str)] = &[
    (
        "A5/spam-news-camouflage",
        "a street-loan offer sentence appended to a genuine news paragraph (\"Vay online \
         không cần gặp mặt, giải ngân trong 10 phút, lãi nhẹ.\") is not scored as spam: \
         lexicon work",
    ),
];

/// The first gap that covers `failure` of `v`.
pub fn covering(v: &Variant, failure: &Failure) -> Option<&'static str> {
    KNOWN_GAPS
        .iter()
        .map(|(k, _)| *k)
        .find(|k| k.split('&').all(|part| covers(part, v, failure)))
}

fn covers(key: &str, v: &Variant, f: &Failure) -> bool {
    match key.split_once(':') {
        Some(("judge", j)) => f.judge == j,
        Some(("class", c)) => c.parse() == Ok(v.template.class),
        Some(("context", c)) => format!("{:?}", v.context) == c,
        Some(("codec", c)) => format!("{:?}", v.codec) == c,
        Some(("charset", c)) => format!("{:?}", v.charset) == c,
        _ => {
            let label = v.label();
            match key.strip_suffix('*') {
                Some(prefix) => label.starts_with(prefix),
                None => label == key || label.starts_with(&format!("{key}/")),
            }
        }
    }
}

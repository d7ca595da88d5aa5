//! WordPress's emoji loader (stage 6, script classifier): a decided false positive.
//!
//! Nearly every WordPress page carries `window._wpemojiSettings = {"baseUrl":
//! "https:\/\/s.w.org\/images\/core\/emoji\/…", …}` and the loader that reads it. The object
//! is data, but the loader then fetches emoji images from `s.w.org`. Kept while `s.w.org` is
//! not allowed, it would make every visitor's browser call a host the site did not allow;
//! so it goes, like any script naming a foreign host, and browsers draw their own emoji
//! (nothing else on the page depends on it). It is reported under its own rule,
//! `script.wp_emoji`, so that an auditor does not read it as an attack, and so that
//! `lachan scan` does not count it as a suspicious host and proposes `s.w.org` for the
//! allow list. The fix is the operator's: allow `s.w.org`, or turn WordPress emoji off
//! (`remove_action('wp_head', 'print_emoji_detection_script', 7)`).
//!
//! Only the genuine shape qualifies: the script names `_wpemojiSettings` and its foreign
//! URL is WordPress's emoji path on `s.w.org`. Anything else naming a foreign host stays
//! `script.foreign_host`.

use super::lexer::Tok;

/// The audit rule of WordPress's emoji settings naming a host that is not allowed.
pub(crate) const RULE: &str = "script.wp_emoji";

/// Whether `url`, named by the script `toks`, is WordPress's emoji loader's.
pub(crate) fn is_emoji_asset(toks: &[Tok], url: &str) -> bool {
    let settings = toks
        .iter()
        .any(|t| matches!(t, Tok::Ident(n) if n == "_wpemojiSettings"));
    settings
        && url::Url::parse(url).is_ok_and(|u| {
            u.scheme() == "https"
                && u.host_str() == Some("s.w.org")
                && u.path().starts_with("/images/core/emoji/")
        })
}

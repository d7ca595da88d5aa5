//! Inline-script analysis: decides whether a script (an inline `<script>`, an `on*`
//! handler or a `javascript:` URL) navigates away, loads foreign code, or hides either.
//!
//! STUB interface: owned by the sanitizer-body work. The HTML rewriter calls [`judge`]
//! for every inline script it has buffered whole.

/// What the analysis found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Benign,
    /// The script must go. `rule` is a stable audit id such as `script.redirect`,
    /// `script.loader`, `script.obfuscated` or `script.foreign_host`.
    Malicious {
        rule: &'static str,
        reason: String,
        target: Option<String>,
    },
}

/// Judges one script's source. `is_foreign` tells whether a URL (as written in the script,
/// possibly relative) points at a host that the site does not allow.
pub fn judge(_source: &str, _is_foreign: &dyn Fn(&str) -> bool) -> Verdict {
    Verdict::Benign
}

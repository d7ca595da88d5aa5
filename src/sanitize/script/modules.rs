//! Module loading (stage 6, script classifier): the specifier of a static `import … from
//! '…'`, `import '…'` or `export … from '…'`, and a script URL that is code itself: a
//! `data:`, `blob:` or `javascript:` URL, or `URL.createObjectURL(…)` handed to `import()`
//! or a created script's `src`. Code carried in a URL cannot be judged where it is loaded,
//! so it goes (`script.loader`); a specifier on a foreign host goes like any script URL.
//! Bare specifiers (`'vue'`) are resolved by the page's import map, which the HTML stage
//! judges.

use std::ops::Range;

use super::Verdict;
use super::analyze::{Analysis, is};
use super::lexer::Tok;

/// Schemes whose URL is the code itself.
const CODE_SCHEMES: &[&str] = &["data:", "blob:", "javascript:", "filesystem:"];

/// Whether `s` (as written) is a URL that carries code.
pub(super) fn code_url(s: &str) -> bool {
    let t = super::same_site::browser_trim(s).to_ascii_lowercase();
    CODE_SCHEMES.iter().any(|c| t.starts_with(c))
}

impl<'a> Analysis<'a> {
    /// `import '…'`, `from '…'` at `i`: the string after it is a module specifier.
    pub(super) fn static_import(&self, i: usize) -> Verdict {
        let Some(Tok::Str(spec)) = self.toks.get(i + 1) else {
            return Verdict::Benign;
        };
        if is(self.toks.get(i + 2), ":") {
            // `{from: '…'}`: an object key, not a module.
            return Verdict::Benign;
        }
        if code_url(spec) {
            return Verdict::bad("script.loader", "imports a module carried in a URL", None);
        }
        if (spec.contains("//") || spec.contains('\\')) && (self.is_foreign)(spec) {
            return Verdict::bad(
                "script.loader",
                "imports a module from a foreign host",
                Some(spec.clone()),
            );
        }
        Verdict::Benign
    }

    /// A script URL that is code itself: a literal `data:`/`blob:` URL (or a name bound
    /// to one), or an object URL made at run time.
    pub(super) fn code_in_url(&self, r: &Range<usize>) -> bool {
        let resolved = self.resolve(r.clone(), 0);
        let object_url = |range: &Range<usize>| {
            self.toks[range.clone()]
                .iter()
                .any(|t| matches!(t, Tok::Ident(f) if f == "createObjectURL"))
        };
        match &self.toks[resolved.clone()] {
            [Tok::Str(s)] => code_url(s),
            _ => object_url(r) || object_url(&resolved),
        }
    }
}

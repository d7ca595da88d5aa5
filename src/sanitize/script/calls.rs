//! The arguments a call site passes (script classifier): a direct call, `?.()`, `.call`,
//! `.apply` and `.bind`, and the elements of an array literal passed as arguments.

use std::ops::Range;

use super::analyze::{Analysis, ident, is};

impl Analysis<'_> {
    /// The arguments of the call made on the callee that ends just before `k`: a direct
    /// call, `?.()`, `.call(this, …)`, `.apply(this, […])`, or `.bind(this, …)` (called then or
    /// later, its bound arguments first). `None` if the callee is not called there.
    pub(super) fn call_args(&self, k: usize) -> Option<Vec<Range<usize>>> {
        let t = |n: usize| self.toks.get(n);
        if is(t(k), "(") {
            return Some(self.args(k));
        }
        if !(is(t(k), ".") || is(t(k), "?.")) {
            return None;
        }
        if is(t(k + 1), "(") {
            return Some(self.args(k + 1));
        }
        let open = k + 2;
        if !is(t(open), "(") {
            return None;
        }
        let args = self.args(open);
        match ident(t(k + 1))? {
            "call" => Some(args.into_iter().skip(1).collect()),
            "apply" => Some(args.get(1).map(|r| self.elements(r)).unwrap_or_default()),
            // A bound function is called later, often through a name (`var b =
            // f.bind(null, location); b()`): its bound arguments are its arguments. With
            // none, it is not a call here: the name it is bound to is followed as an alias
            // (`o.go = location.replace.bind(location); o.go(u)`).
            "bind" => {
                let close = self.close_of(open);
                let later = is(t(close + 1), "(").then(|| self.args(close + 1));
                let bound: Vec<_> = args.into_iter().skip(1).collect();
                if later.is_none() && bound.is_empty() {
                    return None;
                }
                Some(
                    bound
                        .into_iter()
                        .chain(later.into_iter().flatten())
                        .collect(),
                )
            }
            _ => None,
        }
    }

    /// The elements of an array literal range, or the range itself if it is not one.
    pub(super) fn elements(&self, r: &Range<usize>) -> Vec<Range<usize>> {
        if is(self.toks.get(r.start), "[") && is(self.toks.get(r.end.wrapping_sub(1)), "]") {
            return self.args(r.start);
        }
        vec![r.clone()]
    }
}

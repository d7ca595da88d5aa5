//! Work and memory limits for one judgement (stage 6, script classifier). Hostile scripts
//! (huge, deeply nested, long concatenation chains, expanding replacements) must not make
//! the analysis slow or large: every scan charges work, every folded string charges bytes,
//! and a judgement whose budget runs out fails closed (the script is removed).

use std::cell::Cell;

/// Token steps the analysis may take per byte of script (decoded payloads included), so
/// that a page's total analysis stays linear in its size: real minified libraries take
/// about 6 (jQuery: 0.5 M steps for 87 KB).
pub(crate) const WORK_PER_BYTE: usize = 32;
/// Steps any script may take, however short.
pub(crate) const MIN_WORK: usize = 200_000;
/// Steps no script may exceed.
pub(crate) const MAX_WORK: usize = 8_000_000;
/// Bytes of strings that folding and propagation may create for one script.
pub(crate) const MAX_BYTES: usize = 8 * 1024 * 1024;

/// Shared by a judgement and every payload it re-judges.
#[derive(Debug)]
pub(crate) struct Budget {
    work: Cell<usize>,
    bytes: Cell<usize>,
    out: Cell<bool>,
    max_work: usize,
}

impl Budget {
    /// The budget for a script of `len` bytes.
    pub(crate) fn for_source(len: usize) -> Self {
        let max_work = len.saturating_mul(WORK_PER_BYTE).clamp(MIN_WORK, MAX_WORK);
        Self {
            work: Cell::new(0),
            bytes: Cell::new(0),
            out: Cell::new(false),
            max_work,
        }
    }

    /// Charges `n` steps; false once the budget is gone.
    pub(crate) fn spend(&self, n: usize) -> bool {
        let w = self.work.get().saturating_add(n);
        self.work.set(w);
        self.check(w <= self.max_work)
    }

    /// Whether `n` more bytes of folded strings may be created (and charges them if so).
    pub(crate) fn alloc(&self, n: usize) -> bool {
        let b = self.bytes.get().saturating_add(n);
        if b > MAX_BYTES {
            return self.check(false);
        }
        self.bytes.set(b);
        !self.out.get()
    }

    fn check(&self, ok: bool) -> bool {
        if !ok {
            self.out.set(true);
        }
        !self.out.get()
    }

    /// The budget ran out somewhere: the analysis is incomplete.
    pub(crate) fn exhausted(&self) -> bool {
        self.out.get()
    }
}

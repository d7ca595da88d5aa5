//! Stage 3, guard: one shard's table of (packed client key, GCRA state) pairs, for
//! [`super::KeyStore`].
//!
//! Open addressing with slots in 64-byte lines and linear probing by line, so that
//! finding a key (or learning that it is new) reads one cache line in the common case. A
//! general-purpose map keeps its control bytes apart from its entries, which costs a second
//! cache miss on every check. The line count need not be a power of two (a hash is mapped
//! onto it by multiply-shift), so the table grows by a quarter and stays between 72% and
//! 90% full: at a million keys, the table's size is what decides how slow each miss is
//! (`benches/guard.rs` on a 2-core VM: one random read costs 53 ns in 12 MiB, 94 ns in
//! 24 MiB, 175 ns in 48 MiB). Four slots to a line keep most probes to one line even at
//! 90% (simulated for four slots: 79% of keys sit in their first line and 88% within two
//! adjacent lines; at 72%, 88% and 96%). An IPv4 key takes 4 bytes, so its lines hold five
//! slots ([`V4Line`]) and its tables are a fifth smaller; an IPv6 /64 takes 8 ([`V6Line`]).
//!
//! Invariants a maintainer must keep:
//! * A slot is empty exactly when its state is 0. Stored states are theoretical arrival
//!   times, at least one emission interval after the limiter started, so never 0; `stored`
//!   makes sure of it.
//! * Nothing is ever removed in place: [`Table::retain`] and [`Table::shrink_to_fit`]
//!   rebuild the table. So slots fill front to back along a probe path, and a lookup may
//!   stop at the first empty slot it meets.

use governor::nanos::Nanos;

/// One cache line of slots: keys, then their states.
pub(super) trait Line: Copy + Default {
    type Key: Copy + Eq;
    const SLOTS: usize;
    fn key(&self, slot: usize) -> Self::Key;
    fn state(&self, slot: usize) -> u64;
    fn state_mut(&mut self, slot: usize) -> &mut u64;
    fn set(&mut self, slot: usize, key: Self::Key, state: u64);
}

macro_rules! line {
    ($(#[$doc:meta])* $name:ident, $key:ty, $slots:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default)]
        #[repr(C, align(64))]
        pub(super) struct $name {
            keys: [$key; $slots],
            states: [u64; $slots],
        }

        impl Line for $name {
            type Key = $key;
            const SLOTS: usize = $slots;
            fn key(&self, slot: usize) -> $key {
                self.keys[slot]
            }
            fn state(&self, slot: usize) -> u64 {
                self.states[slot]
            }
            fn state_mut(&mut self, slot: usize) -> &mut u64 {
                &mut self.states[slot]
            }
            fn set(&mut self, slot: usize, key: $key, state: u64) {
                self.keys[slot] = key;
                self.states[slot] = state;
            }
        }

        const _: () = assert!(size_of::<$name>() == 64, "one cache line");
    };
}

line!(
    /// Five IPv4 addresses (20 bytes, 4 of padding), then their five states.
    V4Line,
    u32,
    5
);
line!(
    /// Four IPv6 /64 prefixes, then their four states.
    V6Line,
    u64,
    4
);

/// Where a probe for a key ended.
enum Probe {
    Found(usize, usize),
    Vacant(usize, usize),
}

#[derive(Debug)]
pub(super) struct Table<L> {
    lines: Vec<L>,
    len: usize,
}

impl<L> Default for Table<L> {
    fn default() -> Self {
        Self {
            lines: Vec::new(),
            len: 0,
        }
    }
}

/// governor treats a 0 state as "no state"; see the module invariants.
fn stored(state: Nanos) -> u64 {
    state.as_u64().max(1)
}

/// The fewest lines of `slots` that hold `len` keys at most 90% full.
fn lines_for(len: usize, slots: usize) -> usize {
    (len * 10).div_ceil(9 * slots)
}

/// The lines to grow to when `len` keys no longer fit: a quarter as many again as needed.
fn grown(len: usize, slots: usize) -> usize {
    lines_for(len, slots) * 5 / 4 + 1
}

impl<L: Line> Table<L> {
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// governor's update protocol: `f` sees the old state (`None` for a new key) and, when
    /// the request conforms, returns the new one. A refused new key is not stored.
    /// `rehash` gives any stored key's hash, for growing.
    pub(super) fn measure<T, E>(
        &mut self,
        hash: u64,
        key: L::Key,
        f: impl Fn(Option<Nanos>) -> Result<(T, Nanos), E>,
        rehash: impl Fn(L::Key) -> u64,
    ) -> Result<T, E> {
        if let Some(Probe::Found(line, slot)) = self.probe(hash, key) {
            let state = self.lines[line].state_mut(slot);
            let (out, next) = f(Some(Nanos::from(*state)))?;
            *state = stored(next);
            return Ok(out);
        }
        let (out, next) = f(None)?;
        if lines_for(self.len + 1, L::SLOTS) > self.lines.len() {
            self.rebuild(grown(self.len + 1, L::SLOTS), &rehash);
        }
        self.put(hash, key, stored(next));
        Ok(out)
    }

    /// Drops every key whose state is at or below `drop_below` (governor's `retain_recent`).
    pub(super) fn retain(&mut self, drop_below: u64, rehash: impl Fn(L::Key) -> u64) {
        let keep = |state: u64| state > drop_below;
        let kept = self.occupied().filter(|&(_, s)| keep(s)).count();
        if kept < self.len {
            self.rebuild_keeping(self.lines.len(), &rehash, keep);
        }
    }

    /// Rebuilds into fewer lines when the keys leave more room than growing would; an
    /// empty table frees its lines.
    pub(super) fn shrink_to_fit(&mut self, rehash: impl Fn(L::Key) -> u64) {
        let lines = if self.len == 0 {
            0
        } else {
            grown(self.len, L::SLOTS)
        };
        if lines < self.lines.len() {
            self.rebuild(lines, &rehash);
        }
    }

    fn probe(&self, hash: u64, key: L::Key) -> Option<Probe> {
        let lines = self.lines.len();
        if lines == 0 {
            return None;
        }
        // Multiply-shift maps the hash's low 32 bits onto 0..lines (the shard took the top
        // bits). The result is below `lines`, so the cast back loses nothing.
        let mut at = (((hash & 0xffff_ffff) * lines as u64) >> 32) as usize;
        loop {
            let line = &self.lines[at];
            for slot in 0..L::SLOTS {
                if line.state(slot) == 0 {
                    return Some(Probe::Vacant(at, slot));
                }
                if line.key(slot) == key {
                    return Some(Probe::Found(at, slot));
                }
            }
            at = if at + 1 == lines { 0 } else { at + 1 };
        }
    }

    /// Stores a key known to be absent; the caller has made room.
    fn put(&mut self, hash: u64, key: L::Key, state: u64) {
        let probe = self.probe(hash, key);
        debug_assert!(matches!(probe, Some(Probe::Vacant(..))), "no room made");
        if let Some(Probe::Vacant(line, slot)) = probe {
            self.lines[line].set(slot, key, state);
            self.len += 1;
        }
    }

    fn occupied(&self) -> impl Iterator<Item = (L::Key, u64)> + '_ {
        self.lines.iter().flat_map(|l| {
            (0..L::SLOTS)
                .filter(|&s| l.state(s) != 0)
                .map(|s| (l.key(s), l.state(s)))
        })
    }

    fn rebuild(&mut self, lines: usize, rehash: &impl Fn(L::Key) -> u64) {
        self.rebuild_keeping(lines, rehash, |_| true);
    }

    fn rebuild_keeping(
        &mut self,
        lines: usize,
        rehash: &impl Fn(L::Key) -> u64,
        keep: impl Fn(u64) -> bool,
    ) {
        let old = std::mem::replace(
            self,
            Table {
                lines: vec![L::default(); lines],
                len: 0,
            },
        );
        for (key, state) in old.occupied().filter(|&(_, s)| keep(s)) {
            self.put(rehash(key), key, state);
        }
    }
}

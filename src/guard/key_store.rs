//! Stage 3, guard: the table of per-client states behind the rate limiters (a governor
//! `StateStore`).
//!
//! With a million client keys tracked, one check costs what its cache misses cost, so the
//! table is dense: a key is packed into an integer (an IPv4 address in a `u32`, an IPv6 /64
//! prefix in a `u64`), each family has a table of its own so that packing cannot make two
//! clients collide, and a key's GCRA state (one `u64`) sits inline next to it, five (IPv4)
//! or four (IPv6) to a cache line ([`table`]). Keys are spread over [`SHARDS`]
//! mutex-guarded shards by the top bits of one seeded hash, whose low bits then place the
//! key inside its shard: each check hashes once, takes one uncontended lock and reads one
//! cold cache line.
//!
//! Security notes:
//! * The hash is foldhash with a random seed per store. Client addresses are only partly
//!   under an attacker's control, and colliding keys would only slow their own shard.
//! * Memory is bounded by the limiter's housekeeping (`retain_recent`, then
//!   `shrink_to_fit`), which drops every key whose state equals a fresh one.

use std::hash::BuildHasher;
use std::net::IpAddr;
use std::sync::{Mutex, MutexGuard, PoisonError};

use foldhash::fast::RandomState;
use governor::nanos::Nanos;
use governor::state::StateStore;
use governor::state::keyed::ShrinkableKeyedStateStore;
use table::{Table, V4Line, V6Line};

mod table;

/// A power of two: enough shards that cores rarely wait for one another.
const SHARDS: usize = 64;

/// A client's rate-limit key: an IPv4 address, or the /64 prefix of an IPv6 address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ClientKey {
    V4(u32),
    V6(u64),
}

impl From<IpAddr> for ClientKey {
    /// IPv4-mapped IPv6 addresses count as the IPv4 address; other IPv6 addresses by /64.
    fn from(ip: IpAddr) -> Self {
        match ip.to_canonical() {
            IpAddr::V4(v4) => Self::V4(v4.to_bits()),
            // The shift leaves exactly the 64 prefix bits, so the cast loses nothing.
            IpAddr::V6(v6) => Self::V6((v6.to_bits() >> 64) as u64),
        }
    }
}

#[derive(Debug, Default)]
struct Shard {
    v4: Table<V4Line>,
    v6: Table<V6Line>,
}

/// A shard's lock and table headers on cache lines of their own, so that cores working on
/// neighbouring shards do not invalidate each other's lock word.
#[derive(Debug, Default)]
#[repr(align(128))]
struct Padded(Mutex<Shard>);

/// The sharded state table; see the module docs.
#[derive(Debug)]
pub(crate) struct KeyStore {
    shards: Box<[Padded]>,
    hasher: RandomState,
}

impl Default for KeyStore {
    fn default() -> Self {
        Self {
            shards: (0..SHARDS).map(|_| Padded::default()).collect(),
            hasher: RandomState::default(),
        }
    }
}

impl KeyStore {
    fn hash(&self, key: ClientKey) -> u64 {
        self.hasher.hash_one(key)
    }

    fn hash_v4(&self, key: u32) -> u64 {
        self.hash(ClientKey::V4(key))
    }

    fn hash_v6(&self, key: u64) -> u64 {
        self.hash(ClientKey::V6(key))
    }

    /// A shard's lock. A panic cannot leave a shard half-updated (each update is one store,
    /// and a rebuild replaces the table whole), so a poisoned lock is still safe to use.
    fn lock(&self, index: usize) -> MutexGuard<'_, Shard> {
        self.shards[index]
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The top bits: the table inside the shard is placed by the low ones.
    fn shard_of(hash: u64) -> usize {
        (hash >> (u64::BITS - SHARDS.trailing_zeros())) as usize
    }

    /// Runs `f` on every shard in turn, holding one lock at a time.
    fn each_shard(&self, mut f: impl FnMut(&mut Shard)) {
        for index in 0..self.shards.len() {
            f(&mut self.lock(index));
        }
    }
}

impl StateStore for KeyStore {
    type Key = ClientKey;

    fn measure_and_replace<T, F, E>(&self, key: &ClientKey, f: F) -> Result<T, E>
    where
        F: Fn(Option<Nanos>) -> Result<(T, Nanos), E>,
    {
        let hash = self.hash(*key);
        let mut shard = self.lock(Self::shard_of(hash));
        match *key {
            ClientKey::V4(k) => shard.v4.measure(hash, k, f, |k| self.hash_v4(k)),
            ClientKey::V6(k) => shard.v6.measure(hash, k, f, |k| self.hash_v6(k)),
        }
    }
}

impl ShrinkableKeyedStateStore<ClientKey> for KeyStore {
    fn retain_recent(&self, drop_below: Nanos) {
        let drop_below = drop_below.as_u64();
        self.each_shard(|s| {
            s.v4.retain(drop_below, |k| self.hash_v4(k));
            s.v6.retain(drop_below, |k| self.hash_v6(k));
        });
    }

    fn shrink_to_fit(&self) {
        self.each_shard(|s| {
            s.v4.shrink_to_fit(|k| self.hash_v4(k));
            s.v6.shrink_to_fit(|k| self.hash_v6(k));
        });
    }

    fn len(&self) -> usize {
        let mut n = 0;
        self.each_shard(|s| n += s.v4.len() + s.v6.len());
        n
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests;

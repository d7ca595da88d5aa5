//! Which variants a run generates: its parameters from the environment (`MUTATION_SEED`,
//! `MUTATION_COUNT`, `MUTATION_ONLY`), the crawler's sample with the benign corpus, the
//! browser's sample, and the codec twins of class 7.

use super::{CODECS, DEFAULT_SEED, Kind, Variant, benign, generate, templates};

/// The run's parameters from the environment: seed, count, and an optional single index.
#[derive(Debug, Clone)]
pub struct RunSpec {
    pub seed: u64,
    pub count: u64,
    pub only: Option<u64>,
}

impl RunSpec {
    pub fn from_env(default_count: u64) -> Self {
        let num = |k: &str| {
            std::env::var(k).ok().and_then(|v| {
                let v = v.trim();
                match v.strip_prefix("0x") {
                    Some(h) => u64::from_str_radix(h, 16).ok(),
                    None => v.parse().ok(),
                }
            })
        };
        Self {
            seed: num("MUTATION_SEED").unwrap_or(DEFAULT_SEED),
            count: num("MUTATION_COUNT").unwrap_or(default_count),
            only: num("MUTATION_ONLY"),
        }
    }
}

/// Indices from here on are the benign corpus (`tests/corpus/benign`), each page under
/// every codec in turn.
pub const CORPUS_BASE: u64 = 1 << 40;

/// The generated variants of `spec`, then the benign corpus under every codec.
pub fn variants(spec: &RunSpec) -> Vec<Variant> {
    let corpus = (benign::corpus_files().len() * CODECS.len()) as u64;
    let indices: Vec<u64> = match spec.only {
        Some(i) => vec![i],
        None => (0..spec.count)
            .chain(CORPUS_BASE..CORPUS_BASE + corpus)
            .collect(),
    };
    indices
        .into_iter()
        .map(|i| generate(spec.seed, i))
        .collect()
}

/// The browser's sample: the first `spec.count` generated variants that a browser acts on
/// unprompted (scripts, headers, frames, style sheets) or that are benign, then each page
/// of the benign corpus once. `MUTATION_ONLY` picks one index.
pub fn browser_variants(spec: &RunSpec) -> Vec<Variant> {
    if let Some(i) = spec.only {
        return vec![generate(spec.seed, i)];
    }
    let all = templates();
    let wanted = |i: u64| {
        let t = all[(i % all.len() as u64) as usize];
        t.active || t.kind == Kind::Benign
    };
    let mut out: Vec<Variant> = (0..)
        .filter(|&i| wanted(i))
        .take(spec.count as usize)
        .map(|i| generate(spec.seed, i))
        .collect();
    let codecs = CODECS.len() as u64;
    let pages = benign::corpus_files().len() as u64;
    out.extend((0..pages).map(|k| generate(spec.seed, CORPUS_BASE + k * codecs + k % codecs)));
    out
}

/// Indices from here on are codec twins: variant `i` re-served under codec `c` is
/// `TWIN_BASE + i * 8 + c`. Class 7 (codec parity) compares their outputs.
pub const TWIN_BASE: u64 = 1 << 41;

/// `v` under every other codec, each under its own index and path.
pub fn codec_twins(v: &Variant) -> Vec<Variant> {
    CODECS
        .iter()
        .enumerate()
        .filter(|(_, c)| **c != v.codec)
        .map(|(k, c)| {
            let index = TWIN_BASE + v.index * 8 + k as u64;
            let path = v
                .path
                .replace(&format!("/v{}-", v.index), &format!("/v{index}-"));
            Variant {
                index,
                codec: *c,
                path,
                ..v.clone()
            }
        })
        .collect()
}

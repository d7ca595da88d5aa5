//! Which variants a run generates: its parameters from the environment (`MUTATION_SEED`,
//! `MUTATION_COUNT`, `MUTATION_ONLY`, `MUTATION_TEMPLATES`), the crawler's sample with the
//! benign corpus, the browser's sample, and the codec twins of class 7.

use super::{CODECS, DEFAULT_SEED, Kind, Template, Variant, benign, generate, templates};

/// The run's parameters from the environment: seed, count, an optional single index, and
/// the templates it keeps.
#[derive(Debug, Clone)]
pub struct RunSpec {
    pub seed: u64,
    pub count: u64,
    pub only: Option<u64>,
    /// `MUTATION_TEMPLATES`: comma-separated starts of labels (`A5/spam-unworded-,
    /// A/spam-link-advert`). Of the first `count` indices only those of a matching template
    /// are generated (their variants are the same as in a full run), and the benign corpus
    /// is left out. Empty: every template.
    pub templates: Vec<String>,
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
            templates: std::env::var("MUTATION_TEMPLATES")
                .unwrap_or_default()
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        }
    }

    /// Whether the run keeps `t`'s variants.
    pub fn wants(&self, t: &Template) -> bool {
        let label = format!("{}/{}", t.family, t.name);
        self.templates.is_empty() || self.templates.iter().any(|p| label.starts_with(p))
    }

    /// Whether the run keeps variant `i`.
    fn wants_index(&self, all: &[Template], i: u64) -> bool {
        self.wants(&all[(i % all.len() as u64) as usize])
    }
}

/// Indices from here on are the benign corpus (`tests/corpus/benign`), each page under
/// every codec in turn.
pub const CORPUS_BASE: u64 = 1 << 40;

/// The generated variants of `spec`, then the benign corpus under every codec.
pub fn variants(spec: &RunSpec) -> Vec<Variant> {
    let corpus = match spec.templates.is_empty() {
        true => (benign::corpus_files().len() * CODECS.len()) as u64,
        false => 0,
    };
    let all = templates();
    let indices: Vec<u64> = match spec.only {
        Some(i) => vec![i],
        None => (0..spec.count)
            .filter(|&i| spec.wants_index(&all, i))
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
        (t.active || t.kind == Kind::Benign) && spec.wants(&t)
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

//! The run's summary line, per-family failure counts with reproducers, and the findings
//! file (`MUTATION_FINDINGS`, default `target/mutation-findings.md`) that routes open
//! failures to whoever fixes them.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::Variant;
use super::gaps::{KNOWN_GAPS, covering};
use super::judge::Failure;

/// Per label: variants, variants failed, and per judge its count and first index.
type Tally<'a> = BTreeMap<String, (usize, usize, BTreeMap<&'a str, (usize, u64)>)>;

/// Every variant with what its judges found.
#[derive(Debug, Default)]
pub struct Run {
    pub seed: u64,
    pub results: Vec<(Variant, Vec<Failure>)>,
}

impl Run {
    pub fn attacks(&self) -> usize {
        self.results.iter().filter(|(v, _)| !v.benign()).count()
    }

    pub fn neutralized(&self) -> usize {
        self.results
            .iter()
            .filter(|(v, f)| !v.benign() && f.is_empty())
            .count()
    }

    pub fn benign(&self) -> usize {
        self.results.iter().filter(|(v, _)| v.benign()).count()
    }

    pub fn intact(&self) -> usize {
        self.results
            .iter()
            .filter(|(v, f)| v.benign() && f.is_empty())
            .count()
    }

    /// Failures that no known gap covers: these fail the test.
    pub fn uncovered(&self) -> Vec<(&Variant, &Failure)> {
        self.failures()
            .filter(|(v, f)| covering(v, f).is_none())
            .collect()
    }

    fn failures(&self) -> impl Iterator<Item = (&Variant, &Failure)> {
        self.results
            .iter()
            .flat_map(|(v, fs)| fs.iter().map(move |f| (v, f)))
    }

    pub fn summary(&self) -> String {
        format!(
            "mutation: seed={:#x} generated={} attacks={} neutralized={} benign={} intact={} uncovered-failures={} known-gaps={}",
            self.seed,
            self.results.len(),
            self.attacks(),
            self.neutralized(),
            self.benign(),
            self.intact(),
            self.uncovered().len(),
            KNOWN_GAPS.len()
        )
    }

    /// Per family/template: variants, failures by judge, and one reproducer each.
    pub fn table(&self) -> String {
        let mut by: Tally = BTreeMap::new();
        for (v, fs) in &self.results {
            let e = by.entry(v.label()).or_default();
            e.0 += 1;
            e.1 += usize::from(!fs.is_empty());
            for f in fs {
                e.2.entry(f.judge).or_insert((0, v.index)).0 += 1;
            }
        }
        let mut out = String::new();
        for (label, (n, failed, judges)) in by.iter().filter(|(_, (_, f, _))| *f > 0) {
            let detail: Vec<String> = judges
                .iter()
                .map(|(j, (c, i))| {
                    format!("{j}×{c} (MUTATION_SEED={:#x} MUTATION_ONLY={i})", self.seed)
                })
                .collect();
            let _ = writeln!(out, "  {label}: {failed}/{n} failed: {}", detail.join(", "));
        }
        let _ = writeln!(
            out,
            "  neutralized by codec (class 7 parity): {}",
            self.by(|v| format!("{:?}", v.codec))
        );
        let _ = writeln!(
            out,
            "  neutralized by context: {}",
            self.by(|v| format!("{:?}", v.context))
        );
        let _ = writeln!(
            out,
            "  neutralized by charset: {}",
            self.by(|v| format!("{:?}", v.charset))
        );
        for (key, why) in KNOWN_GAPS {
            let used = self.failures().any(|(v, f)| covering(v, f) == Some(*key));
            let state = if used {
                "still failing"
            } else {
                "covered nothing in this run (remove it once a large run agrees)"
            };
            let _ = writeln!(out, "  known gap {key} ({why}): {state}");
        }
        out
    }

    /// Attacks neutralized out of attacks, per value of one dimension.
    fn by(&self, key: impl Fn(&Variant) -> String) -> String {
        let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for (v, f) in self.results.iter().filter(|(v, _)| !v.benign()) {
            let e = counts.entry(key(v)).or_default();
            e.0 += usize::from(f.is_empty());
            e.1 += 1;
        }
        let parts: Vec<String> = counts
            .iter()
            .map(|(k, (n, of))| format!("{k} {n}/{of}"))
            .collect();
        parts.join(", ")
    }

    /// The findings file: each failing variant with its dimensions, the judges that failed
    /// and the payload as a minimal reproducer.
    pub fn findings(&self) -> String {
        let mut out = format!(
            "# Mutation findings\n\n{}\n\n{}\n",
            self.summary(),
            self.table()
        );
        for (v, fs) in self.results.iter().filter(|(_, f)| !f.is_empty()) {
            let gap = fs
                .iter()
                .filter_map(|f| covering(v, f))
                .next()
                .unwrap_or("none");
            let _ = writeln!(
                out,
                "## {} (class {}) #{}\n\n- reproduce: `MUTATION_SEED={:#x} MUTATION_ONLY={} cargo test --test suites mutation:: -- --nocapture`\n\
- context/codec/charset/status: {}, path `{}`, known gap: {gap}",
                v.label(),
                v.template.class,
                v.index,
                self.seed,
                v.index,
                v.dims(),
                v.path
            );
            for f in fs {
                let detail: String = f.detail.chars().take(300).collect();
                let _ = writeln!(out, "- **{}**: {detail}", f.judge);
            }
            let payload: String = if v.payload.is_empty() {
                format!("(headers {:?})", v.headers)
            } else {
                v.payload.chars().take(1500).collect()
            };
            let _ = writeln!(out, "\n```html\n{payload}\n```\n");
        }
        out
    }
}

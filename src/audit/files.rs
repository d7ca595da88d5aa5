//! Audit files on disk: names, listing in chain order, recovering the chain's end after a
//! restart or crash, and retention (stage 7, audit).
//!
//! Files are named `audit-<first seq, 12 digits>-<UTC day>.jsonl`, so that sorting by
//! name is chain order whatever the clock did. Only the writer creates or deletes them.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::line::{self, GENESIS, Torn};

/// The audit files in `dir`, in chain order.
pub fn list(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| is_audit_file(p))
        .collect();
    files.sort();
    Ok(files)
}

fn is_audit_file(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("audit-") && n.ends_with(".jsonl"))
}

pub fn file_name(first_seq: u64, day: &str) -> String {
    format!("audit-{first_seq:012}-{day}.jsonl")
}

pub fn name_of(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Where the chain ends on disk: what the next file's header must name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainEnd {
    pub last_hash: String,
    pub last_seq: Option<u64>,
    /// The file holding the last good line (`None` when the directory is empty).
    pub file: Option<String>,
    /// A crash-cut line found at the very end, to be recorded by the next header.
    pub torn: Option<Torn>,
}

impl ChainEnd {
    pub fn genesis() -> Self {
        Self {
            last_hash: GENESIS.into(),
            last_seq: None,
            file: None,
            torn: None,
        }
    }
}

/// Finds the end of the chain: the last complete, self-consistent line in the newest
/// file that has one, and any torn bytes after it.
pub fn recover(dir: &Path) -> std::io::Result<ChainEnd> {
    let files = list(dir)?;
    let mut torn = None;
    for path in files.iter().rev() {
        // Whole files are read: they are bounded by `rotate_size`, and this runs once at start.
        let data = fs::read(path)?;
        let mut parts: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
        let cut = parts.pop().unwrap_or_default();
        if !cut.is_empty() && torn.is_none() {
            torn = Some(Torn {
                file: name_of(path),
                line: parts.len() as u64 + 1,
                bytes: cut.len() as u64,
            });
        }
        if let Some((p, hash)) = parts.iter().rev().find_map(|l| line::open(l).ok()) {
            return Ok(ChainEnd {
                last_hash: hash,
                last_seq: Some(p.seq),
                file: Some(name_of(path)),
                torn,
            });
        }
    }
    Ok(ChainEnd {
        torn,
        ..ChainEnd::genesis()
    })
}

/// Deletes the oldest files beyond `keep` files or older than `max_age`, never `current`.
pub fn retain(
    dir: &Path,
    current: &Path,
    keep: Option<usize>,
    max_age: Option<Duration>,
) -> std::io::Result<Vec<PathBuf>> {
    let files = list(dir)?;
    let mut deleted = Vec::new();
    let excess = keep.map_or(0, |k| files.len().saturating_sub(k));
    let now = SystemTime::now();
    for (i, path) in files.iter().enumerate() {
        if path == current {
            continue;
        }
        let too_old = max_age.is_some_and(|age| {
            fs::metadata(path)
                .and_then(|m| m.modified())
                .is_ok_and(|m| now.duration_since(m).unwrap_or_default() > age)
        });
        if i < excess || too_old {
            fs::remove_file(path)?;
            deleted.push(path.clone());
        }
    }
    Ok(deleted)
}

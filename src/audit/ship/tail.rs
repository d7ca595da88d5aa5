//! Reading the chained audit files as they grow: the shipper's position (file, byte
//! offset, line number, last hash), persisted next to the files, and the next batch of
//! complete lines after it.
//!
//! Only whole lines (ending in `\n`) are read, so a line the writer is still appending is
//! left for the next read. A file is left for the next one only once a newer file exists
//! and this one has been read to its end again (the single writer never goes back to an
//! older file after it rotated).

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::audit::files;

/// How far the shipper got.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The file name (no directory); empty before the first file.
    pub file: String,
    pub offset: u64,
    /// Lines of `file` before `offset`.
    pub line: u64,
    /// The hash of the last line shipped (empty before any).
    pub hash: String,
}

/// At most this many bytes are read at once.
const CHUNK: usize = 256 * 1024;

/// The audit directory and where the position is kept.
#[derive(Debug, Clone)]
pub struct Tail {
    dir: PathBuf,
    state: PathBuf,
}

impl Tail {
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
            state: dir.join("ship-position.json"),
        }
    }

    /// The saved position, or the start of the oldest file.
    pub fn load(&self) -> Position {
        std::fs::read(&self.state)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Saves `pos` (write and rename, so a crash leaves the old or the new one).
    pub fn save(&self, pos: &Position) -> std::io::Result<()> {
        let tmp = self.state.with_extension("tmp");
        std::fs::write(&tmp, serde_json::to_vec(pos).expect("plain data"))?;
        std::fs::rename(tmp, &self.state)
    }

    /// The complete lines after `pos` (without their `\n`), in order, each with the
    /// position just after it. Empty when there is nothing new.
    pub fn read(&self, pos: &Position) -> std::io::Result<Vec<(Vec<u8>, Position)>> {
        let names: Vec<String> = files::list(&self.dir)?
            .iter()
            .map(|p| files::name_of(p))
            .collect();
        // A file deleted by retention before it was shipped: go on with the next one.
        let Some(current) = names.iter().find(|n| **n >= pos.file) else {
            return Ok(Vec::new());
        };
        let start = if *current == pos.file {
            pos.clone()
        } else {
            fresh(current)
        };
        let lines = self.read_from(&start)?;
        if !lines.is_empty() {
            return Ok(lines);
        }
        match names.iter().find(|n| **n > start.file) {
            Some(next) => self.read_from(&fresh(next)),
            None => Ok(Vec::new()),
        }
    }

    fn read_from(&self, pos: &Position) -> std::io::Result<Vec<(Vec<u8>, Position)>> {
        let mut f = File::open(self.dir.join(&pos.file))?;
        f.seek(SeekFrom::Start(pos.offset))?;
        let mut buf = Vec::with_capacity(CHUNK);
        f.take(CHUNK as u64).read_to_end(&mut buf)?;
        let mut out = Vec::new();
        let mut at = pos.clone();
        for line in buf.split_inclusive(|&b| b == b'\n') {
            let Some(body) = line.strip_suffix(b"\n") else {
                break; // still being written
            };
            at.offset += line.len() as u64;
            at.line += 1;
            at.hash = hash_of(body).unwrap_or_default();
            out.push((body.to_vec(), at.clone()));
        }
        Ok(out)
    }

    /// Bytes in the files that are not shipped yet.
    pub fn behind(&self, pos: &Position) -> u64 {
        let Ok(list) = files::list(&self.dir) else {
            return 0;
        };
        list.iter()
            .filter(|p| files::name_of(p) >= pos.file)
            .filter_map(|p| Some((files::name_of(p), std::fs::metadata(p).ok()?.len())))
            .map(|(n, len)| {
                if n == pos.file {
                    len.saturating_sub(pos.offset)
                } else {
                    len
                }
            })
            .sum()
    }
}

fn fresh(file: &str) -> Position {
    Position {
        file: file.to_string(),
        ..Position::default()
    }
}

/// The `hash` member at the end of a stored line.
fn hash_of(line: &[u8]) -> Option<String> {
    let tail = line.strip_suffix(b"\"}")?;
    let hash = tail.get(tail.len().checked_sub(64)?..)?;
    Some(String::from_utf8_lossy(hash).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_whole_lines_then_moves_to_the_next_file() {
        let dir = tempfile::tempdir().unwrap();
        let h = "a".repeat(64);
        let line = format!("{{\"seq\":1,\"hash\":\"{h}\"}}\n");
        let first = files::file_name(1, "2026-01-01");
        std::fs::write(dir.path().join(&first), format!("{line}{line}{{\"seq\":3")).unwrap();
        let tail = Tail::new(dir.path());
        let got = tail.read(&Position::default()).unwrap();
        assert_eq!(got.len(), 2, "the cut line waits");
        let pos = got[1].1.clone();
        assert_eq!((pos.line, pos.hash.as_str()), (2, h.as_str()));
        assert!(tail.read(&pos).unwrap().is_empty());
        let second = files::file_name(3, "2026-01-02");
        std::fs::write(dir.path().join(&second), &line).unwrap();
        let got = tail.read(&pos).unwrap();
        assert_eq!((got.len(), got[0].1.file.as_str()), (1, second.as_str()));
        tail.save(&got[0].1).unwrap();
        assert_eq!(tail.load(), got[0].1);
        assert_eq!(tail.behind(&got[0].1), 0);
    }
}

//! Reading the chained audit files as they grow: the shipper's position (file, byte
//! offset, line number, last hash), persisted next to the files, and the next batch of
//! complete lines after it.
//!
//! Only whole lines (ending in `\n`) are read, so a line the writer is still appending is
//! left for the next read. A file is left for the next one only once a newer file exists
//! and this one has been read to its end again (the single writer never goes back to an
//! older file after it rotated).
//!
//! The directory listing and the open file are kept between reads: the directory is
//! listed again only when the reader reaches the end of the newest file it knows (a
//! rotation may have happened) or a file has gone (retention). With small files, listing
//! on every read made catching up after an outage cost one directory scan per file.

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

/// At most this many bytes are read from a file at once.
const CHUNK: usize = 256 * 1024;

/// One complete line and the position just after it.
pub type Line = (Vec<u8>, Position);

/// The audit directory, where the position is kept, and what the reader remembers.
#[derive(Debug)]
pub struct Tail {
    dir: PathBuf,
    state: PathBuf,
    /// The audit file names, in chain order, as last listed.
    names: Vec<String>,
    /// The file read last, kept open.
    open: Option<(String, File)>,
    /// How often the directory was listed (for tests and the docs' figures).
    pub listings: u64,
}

impl Tail {
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
            state: dir.join("ship-position.json"),
            names: Vec::new(),
            open: None,
            listings: 0,
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

    fn relist(&mut self) -> std::io::Result<()> {
        self.listings += 1;
        self.names = files::list(&self.dir)?
            .iter()
            .map(|p| files::name_of(p))
            .collect();
        Ok(())
    }

    /// Up to `max` complete lines after `pos` (without their `\n`), in order, each with
    /// the position just after it, across files. Empty when there is nothing new.
    pub fn read(&mut self, pos: &Position, max: usize) -> std::io::Result<Vec<Line>> {
        let mut out = Vec::new();
        let mut at = pos.clone();
        let mut relisted = false;
        while out.len() < max {
            // A file deleted by retention before it was shipped: go on with the next one.
            let current = match self.names.iter().find(|n| **n >= at.file) {
                Some(c) => c.clone(),
                None if relisted => break,
                None => {
                    self.relist()?;
                    relisted = true;
                    continue;
                }
            };
            if current != at.file {
                at = fresh(&current);
            }
            let got = match self.read_from(&at, max - out.len()) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && !relisted => {
                    self.relist()?;
                    relisted = true;
                    continue;
                }
                other => other?,
            };
            if let Some((_, last)) = got.last() {
                at = last.clone();
                out.extend(got);
                continue;
            }
            // At the end of `current`: on to a newer file, once one is known; a newer one
            // found only now means `current` must be read to its end once more.
            match self.names.iter().find(|n| **n > current) {
                Some(next) => at = fresh(next),
                None if relisted => break,
                None => {
                    self.relist()?;
                    relisted = true;
                }
            }
        }
        Ok(out)
    }

    fn file(&mut self, name: &str) -> std::io::Result<&mut File> {
        if self.open.as_ref().is_none_or(|(n, _)| n != name) {
            self.open = None;
            let f = File::open(self.dir.join(name))?;
            self.open = Some((name.to_string(), f));
        }
        Ok(&mut self.open.as_mut().expect("just opened").1)
    }

    fn read_from(&mut self, pos: &Position, max: usize) -> std::io::Result<Vec<Line>> {
        let f = self.file(&pos.file)?;
        f.seek(SeekFrom::Start(pos.offset))?;
        let mut buf = Vec::with_capacity(CHUNK);
        f.take(CHUNK as u64).read_to_end(&mut buf)?;
        let mut out = Vec::new();
        let mut at = pos.clone();
        for line in buf.split_inclusive(|&b| b == b'\n').take(max) {
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

    /// Bytes in the files that are not shipped yet (as of the last listing).
    pub fn behind(&self, pos: &Position) -> u64 {
        self.names
            .iter()
            .filter(|n| **n >= pos.file)
            .filter_map(|n| Some((n, std::fs::metadata(self.dir.join(n)).ok()?.len())))
            .map(|(n, len)| {
                if *n == pos.file {
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
        let mut tail = Tail::new(dir.path());
        let got = tail.read(&Position::default(), 100).unwrap();
        assert_eq!(got.len(), 2, "the cut line waits");
        let pos = got[1].1.clone();
        assert_eq!((pos.line, pos.hash.as_str()), (2, h.as_str()));
        assert!(tail.read(&pos, 100).unwrap().is_empty());
        let second = files::file_name(3, "2026-01-02");
        std::fs::write(dir.path().join(&second), &line).unwrap();
        let got = tail.read(&pos, 100).unwrap();
        assert_eq!((got.len(), got[0].1.file.as_str()), (1, second.as_str()));
        tail.save(&got[0].1).unwrap();
        assert_eq!(tail.load(), got[0].1);
        assert_eq!(tail.behind(&got[0].1), 0);
    }

    #[test]
    fn many_small_files_are_read_with_one_listing_per_end_of_the_known_files() {
        let dir = tempfile::tempdir().unwrap();
        let h = "b".repeat(64);
        let line = format!("{{\"seq\":1,\"hash\":\"{h}\"}}\n");
        for i in 0..200 {
            let name = files::file_name(i * 3 + 1, "2026-01-01");
            std::fs::write(dir.path().join(name), line.repeat(3)).unwrap();
        }
        let mut tail = Tail::new(dir.path());
        let mut pos = Position::default();
        let mut shipped = 0;
        loop {
            let got = tail.read(&pos, 50).unwrap();
            let Some((_, last)) = got.last() else { break };
            assert!(got.len() <= 50);
            shipped += got.len();
            pos = last.clone();
        }
        assert_eq!(shipped, 600);
        // One listing to start, one at the end of the last file per read that reached it.
        assert!(tail.listings <= 3, "listed {} times", tail.listings);
        // A file that appears later is found at the end of the known ones.
        let name = files::file_name(601, "2026-01-02");
        std::fs::write(dir.path().join(&name), &line).unwrap();
        let got = tail.read(&pos, 50).unwrap();
        assert_eq!((got.len(), got[0].1.file.as_str()), (1, name.as_str()));
    }

    #[test]
    fn a_line_appended_before_rotation_is_not_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let h = "c".repeat(64);
        let line = format!("{{\"seq\":1,\"hash\":\"{h}\"}}\n");
        let first = dir.path().join(files::file_name(1, "2026-01-01"));
        std::fs::write(&first, &line).unwrap();
        let mut tail = Tail::new(dir.path());
        let pos = tail.read(&Position::default(), 10).unwrap()[0].1.clone();
        // The writer appends one more line, then rotates, between two reads.
        std::fs::write(&first, line.repeat(2)).unwrap();
        std::fs::write(dir.path().join(files::file_name(3, "2026-01-01")), &line).unwrap();
        let got = tail.read(&pos, 10).unwrap();
        assert_eq!(got.len(), 2, "the late line, then the new file's");
        assert_eq!(got[0].1.line, 2);
    }
}

//! `lachan audit verify`: re-computes the hash chain across every file (stage 7, audit).
//!
//! What is caught, and how: an edited line fails its own hash; a removed, inserted or
//! reordered line breaks the next line's `prev` (and `seq`); a removed or truncated file
//! in the middle breaks the next file's header (`prev_file`, `prev`); a crash-cut last
//! line must be acknowledged by the next file's header (`torn`). What cannot be caught
//! from the files alone: lines cut from the very end, which is why auditors keep an
//! anchor (`lachan audit head`) elsewhere and pass it back with `--anchor`.

use std::fmt;
use std::path::Path;

use super::files::{self, name_of};
use super::line::{self, GENESIS, LineError, Parsed, Torn};

/// The first problem found, located to a file and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub file: String,
    pub line: u64,
    pub reason: String,
}

/// Where the newest line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub hash: String,
    pub file: String,
    pub line: u64,
    pub seq: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorCheck {
    /// The anchor is the newest hash.
    Head,
    /// The anchor is in the chain; the log has grown by `lines_after` lines since.
    Earlier {
        file: String,
        line: u64,
        lines_after: u64,
    },
    /// The anchor is nowhere in the chain: lines were cut from the end, or rewritten.
    Missing,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub files: usize,
    pub lines: u64,
    pub head: Option<Head>,
    pub notes: Vec<String>,
    pub failure: Option<Failure>,
    pub anchor: Option<AnchorCheck>,
}

impl Outcome {
    pub fn ok(&self) -> bool {
        self.failure.is_none() && !matches!(self.anchor, Some(AnchorCheck::Missing))
    }
}

#[derive(Default)]
struct Walk<'a> {
    out: Outcome,
    prev: Option<String>,
    seq: Option<u64>,
    last_file: Option<String>,
    torn: Option<Torn>,
    anchor: Option<&'a str>,
    anchor_at: Option<(String, u64, u64)>,
}

/// Verifies every audit file in `dir`, stopping at the first bad line.
pub fn verify(dir: &Path, anchor: Option<&str>) -> std::io::Result<Outcome> {
    let paths = files::list(dir)?;
    let mut w = Walk {
        anchor: anchor.map(str::trim),
        ..Walk::default()
    };
    w.out.files = paths.len();
    for (i, path) in paths.iter().enumerate() {
        let data = std::fs::read(path)?;
        let newest = i + 1 == paths.len();
        if let Err(f) = w.file(&name_of(path), &data, newest) {
            w.out.failure = Some(f);
            return Ok(w.out);
        }
    }
    if let Some(t) = w.torn.take() {
        w.out.failure = Some(torn_failure(&t));
    }
    w.finish_anchor();
    Ok(w.out)
}

fn torn_failure(t: &Torn) -> Failure {
    Failure {
        file: t.file.clone(),
        line: t.line,
        reason: format!(
            "torn line ({} bytes without a newline) that no later header acknowledges: the \
             writer crashed mid-line (restart the gateway to seal it) or the file was truncated",
            t.bytes
        ),
    }
}

impl Walk<'_> {
    fn file(&mut self, name: &str, data: &[u8], newest: bool) -> Result<(), Failure> {
        let mut parts: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
        let cut = parts.pop().unwrap_or_default();
        for (i, raw) in parts.iter().enumerate() {
            self.line(name, i as u64 + 1, raw)?;
        }
        if !cut.is_empty() {
            let torn = Torn {
                file: name.to_string(),
                line: parts.len() as u64 + 1,
                bytes: cut.len() as u64,
            };
            if newest {
                return Err(torn_failure(&torn));
            }
            self.torn = Some(torn);
        }
        Ok(())
    }

    fn line(&mut self, file: &str, n: u64, raw: &[u8]) -> Result<(), Failure> {
        let fail = |reason: String| Failure {
            file: file.to_string(),
            line: n,
            reason,
        };
        let (p, hash) = line::open(raw).map_err(|e| match e {
            LineError::Hash => fail(e.to_string()),
            other => fail(format!("{other} (the line was edited or inserted)")),
        })?;
        self.header(file, n, &p).map_err(fail)?;
        self.links(&p).map_err(fail)?;
        self.out.lines += 1;
        self.prev = Some(hash.clone());
        self.seq = Some(p.seq);
        self.last_file = Some(file.to_string());
        if self.anchor == Some(hash.as_str()) {
            self.anchor_at = Some((file.to_string(), n, self.out.lines));
        }
        self.out.head = Some(Head {
            hash,
            file: file.to_string(),
            line: n,
            seq: p.seq,
        });
        Ok(())
    }

    /// Line 1 must be this file's header, continuing from the previous file; no other
    /// line may be a header.
    fn header(&mut self, file: &str, n: u64, p: &Parsed) -> Result<(), String> {
        match (n == 1, p.is_header()) {
            (true, false) => {
                return Err(
                    "the first line is not a file header (lines were cut from the start \
                            of the file)"
                        .into(),
                );
            }
            (false, true) => return Err("a file header in the middle of a file (inserted)".into()),
            (false, false) => return Ok(()),
            (true, true) => {}
        }
        if p.file.as_deref() != Some(file) {
            return Err(format!(
                "the header names file {:?}: files were renamed or reordered",
                p.file
            ));
        }
        if self.prev.is_some() && p.prev_file != self.last_file {
            return Err(format!(
                "the header continues from file {:?}, but the file before it is {:?}: a file \
                 was removed or emptied",
                p.prev_file, self.last_file
            ));
        }
        if p.torn != self.torn.take() {
            return Err(format!(
                "the header's torn-line record {:?} does not match the files",
                p.torn
            ));
        }
        Ok(())
    }

    fn links(&mut self, p: &Parsed) -> Result<(), String> {
        match (&self.prev, self.seq) {
            (Some(prev), Some(seq)) => {
                if &p.prev != prev {
                    return Err(
                        "prev does not match the hash of the line before: a line was \
                                removed, inserted or reordered here (or a file truncated)"
                            .into(),
                    );
                }
                if p.seq != seq + 1 {
                    return Err(format!("seq jumps from {seq} to {}", p.seq));
                }
            }
            _ if p.prev == GENESIS => self.out.notes.push("the chain starts at genesis".into()),
            _ => self.out.notes.push(format!(
                "the chain starts after {} (seq {}): earlier files are absent, as after retention",
                p.prev_file.as_deref().unwrap_or("?"),
                p.seq.saturating_sub(1)
            )),
        }
        Ok(())
    }

    fn finish_anchor(&mut self) {
        let Some(anchor) = self.anchor else {
            return;
        };
        self.out.anchor = Some(match (&self.out.head, self.anchor_at.take()) {
            (Some(h), _) if h.hash == anchor => AnchorCheck::Head,
            (_, Some((file, line, at))) => AnchorCheck::Earlier {
                file,
                line,
                lines_after: self.out.lines - at,
            },
            _ => AnchorCheck::Missing,
        });
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for n in &self.notes {
            writeln!(f, "note: {n}")?;
        }
        match &self.failure {
            Some(x) => writeln!(f, "FAIL {}:{}: {}", x.file, x.line, x.reason)?,
            None => writeln!(
                f,
                "OK: {} line(s) in {} file(s) chain correctly",
                self.lines, self.files
            )?,
        }
        if let Some(h) = &self.head {
            writeln!(f, "head: {} ({}:{}, seq {})", h.hash, h.file, h.line, h.seq)?;
        }
        match &self.anchor {
            None => Ok(()),
            Some(AnchorCheck::Head) => writeln!(f, "anchor: matches the head"),
            Some(AnchorCheck::Earlier {
                file,
                line,
                lines_after,
            }) => writeln!(
                f,
                "anchor: found at {file}:{line}; {lines_after} line(s) written since"
            ),
            Some(AnchorCheck::Missing) => writeln!(
                f,
                "anchor: NOT FOUND in the chain: lines were cut from the end or the log was rewritten"
            ),
        }
    }
}

/// The newest good line's hash and place, for `lachan audit head`.
pub fn head(dir: &Path) -> std::io::Result<Option<Head>> {
    let end = files::recover(dir)?;
    let Some(file) = end.file else {
        return Ok(None);
    };
    let data = std::fs::read(dir.join(&file))?;
    let line = data
        .split(|&b| b == b'\n')
        .position(|l| line::open(l).is_ok_and(|(_, h)| h == end.last_hash))
        .map_or(0, |i| i as u64 + 1);
    Ok(Some(Head {
        hash: end.last_hash,
        file,
        line,
        seq: end.last_seq.unwrap_or(0),
    }))
}

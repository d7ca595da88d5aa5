//! The single audit writer (stage 7, audit): one dedicated thread owns the files, stamps
//! each event with `ts`, `seq`, `prev` and `hash`, appends with `O_APPEND`, syncs per the
//! `fsync` policy, rotates and applies retention.
//!
//! Security notes for maintainers:
//! - The chain state only advances after a write succeeded. A failed write is cut back
//!   (`set_len`) to the last good length and retried with back-off; while it fails the
//!   writer stops taking events, the channel fills, and producers coalesce into counted
//!   summaries ([`super::overflow`]). Nothing is dropped without a trace.
//! - Every restart starts a new file whose header names the last good hash on disk and,
//!   if a crash cut the last line, where and how long that torn line was.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender};
use std::time::{Duration, Instant};

use super::config::{AuditConfig, Fsync};
use super::event::Event;
use super::files::{self, ChainEnd};
use super::health::Health;
use super::line::{self, HeaderLine};
use super::overflow::Overflow;
use crate::metrics::{Metrics, RuleLabels};

/// What producers send to the writer.
#[derive(Debug)]
pub(crate) enum Msg {
    Event(Event),
    /// Write and sync everything received so far, then answer.
    Flush(SyncSender<()>),
}

/// How often coalesced counts become summary lines.
pub(crate) const SUMMARY_WINDOW: Duration = Duration::from_secs(1);
/// Write the buffer out once it holds this much, even within a burst.
const MAX_BUF: usize = 1024 * 1024;

pub(crate) struct Writer {
    cfg: AuditConfig,
    metrics: Arc<Metrics>,
    health: Arc<Health>,
    overflow: Arc<Overflow>,
    file: Option<(File, PathBuf)>,
    /// Bytes in the current file that are known to be good.
    size: u64,
    day: String,
    /// The chain as written to disk.
    end: ChainEnd,
    /// Lines built on top of `end` but not yet written, with their metric labels.
    buf: Vec<u8>,
    buf_end: ChainEnd,
    buf_labels: Vec<RuleLabels>,
    dirty: bool,
    last_sync: Instant,
    last_summary: Instant,
    backoff: Duration,
}

impl Writer {
    /// Recovers the chain's end in `cfg.dir` and opens a new file continuing it.
    pub(crate) fn start(
        cfg: AuditConfig,
        metrics: Arc<Metrics>,
        health: Arc<Health>,
        overflow: Arc<Overflow>,
    ) -> std::io::Result<Self> {
        std::fs::create_dir_all(&cfg.dir)?;
        let end = files::recover(&cfg.dir)?;
        let mut w = Writer {
            cfg,
            metrics,
            health,
            overflow,
            file: None,
            size: 0,
            day: String::new(),
            buf_end: end.clone(),
            end,
            buf: Vec::new(),
            buf_labels: Vec::new(),
            dirty: false,
            last_sync: Instant::now(),
            last_summary: Instant::now(),
            backoff: Duration::from_millis(50),
        };
        w.rotate()?;
        Ok(w)
    }

    /// The writer thread's loop; returns when every sender is gone.
    pub(crate) fn run(mut self, rx: Receiver<Msg>) {
        let tick = match self.cfg.fsync {
            Fsync::Batch(iv) => iv.min(SUMMARY_WINDOW),
            _ => Duration::from_millis(100),
        };
        loop {
            if !self.buf.is_empty() && !self.write_out() {
                // Stop taking events: the channel fills and producers coalesce.
                std::thread::sleep(self.backoff);
                self.backoff = (self.backoff * 2).min(Duration::from_secs(5));
                continue;
            }
            match rx.recv_timeout(tick) {
                Ok(msg) => {
                    self.handle(msg);
                    while self.buf.len() < MAX_BUF {
                        match rx.try_recv() {
                            Ok(msg) => self.handle(msg),
                            Err(_) => break,
                        }
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    self.flush();
                    return;
                }
            }
            self.periodic();
        }
    }

    fn handle(&mut self, msg: Msg) {
        match msg {
            Msg::Event(e) => {
                self.push(&e, None);
                if self.cfg.fsync == Fsync::Every {
                    self.write_out();
                    self.sync();
                }
            }
            Msg::Flush(reply) => {
                self.flush();
                let _ = reply.send(());
            }
        }
    }

    /// Summarizes any coalesced events, writes everything, and syncs.
    fn flush(&mut self) {
        self.summarize();
        if self.write_out() {
            self.sync();
        }
    }

    fn periodic(&mut self) {
        if self.last_summary.elapsed() >= SUMMARY_WINDOW {
            self.summarize();
        }
        self.write_out();
        if let Fsync::Batch(iv) = self.cfg.fsync
            && self.last_sync.elapsed() >= iv
        {
            self.sync();
        }
    }

    fn summarize(&mut self) {
        self.last_summary = Instant::now();
        if self.overflow.is_empty() {
            return;
        }
        for (event, n) in self.overflow.drain("second") {
            self.push(&event, Some(n));
        }
    }

    /// Stamps one event onto the buffer, rotating first when it is due.
    fn push(&mut self, e: &Event, count: Option<u64>) {
        let ts = line::now_ts();
        let mut sealed = self.stamp(e, &ts, count);
        if self.rotation_due(sealed.0.len()) && self.write_out() {
            match self.rotate() {
                // The new header moved the chain: stamp again on top of it.
                Ok(()) => sealed = self.stamp(e, &ts, count),
                Err(err) => self.failed(&err),
            }
        }
        let (bytes, hash) = sealed;
        self.buf.extend_from_slice(&bytes);
        self.buf_end.last_seq = Some(self.next_seq());
        self.buf_end.last_hash = hash;
        self.buf_labels.push(RuleLabels {
            site: e.request.site.to_string(),
            rule: e.rule.to_string(),
            action: e.action.as_str(),
        });
    }

    fn next_seq(&self) -> u64 {
        self.buf_end.last_seq.map_or(1, |s| s + 1)
    }

    fn stamp(&self, e: &Event, ts: &str, count: Option<u64>) -> (Vec<u8>, String) {
        let prev = &self.buf_end.last_hash;
        line::event_line(e, ts, self.next_seq(), prev, count, self.cfg.max_field)
    }

    fn rotation_due(&self, next: usize) -> bool {
        let pending = self.size + self.buf.len() as u64;
        let full = pending > 0 && pending + next as u64 > self.cfg.rotate_size;
        let new_day = self.cfg.rotate_daily && utc_day() != self.day;
        self.file.is_none() || full || new_day
    }

    /// Writes the buffer with one `write_all`. On failure the file is cut back to its last
    /// good length and the buffer kept for a retry.
    fn write_out(&mut self) -> bool {
        if self.buf.is_empty() {
            return true;
        }
        let Some((file, path)) = self.file.as_mut() else {
            return false;
        };
        match file.write_all(&self.buf) {
            Ok(()) => {
                self.size += self.buf.len() as u64;
                self.buf.clear();
                self.end = self.buf_end.clone();
                self.end.file = Some(files::name_of(path));
                self.dirty = true;
                for labels in self.buf_labels.drain(..) {
                    self.metrics.events.get_or_create(&labels).inc();
                }
                self.health.ok();
                self.backoff = Duration::from_millis(50);
                true
            }
            Err(err) => {
                let _ = file.set_len(self.size);
                self.failed(&err);
                false
            }
        }
    }

    fn sync(&mut self) {
        if !self.dirty {
            return;
        }
        if let Some((file, _)) = &self.file {
            match file.sync_data() {
                Ok(()) => {
                    self.dirty = false;
                    self.last_sync = Instant::now();
                }
                Err(e) => self.failed(&e),
            }
        }
    }

    fn failed(&self, err: &std::io::Error) {
        self.metrics.audit_write_errors.inc();
        self.health.failed(err.to_string());
        tracing::error!(error = %err, dir = %self.cfg.dir.display(), "audit log write failed");
    }

    /// Closes the current file and starts the next with a header that continues the chain.
    /// Only called with an empty buffer.
    fn rotate(&mut self) -> std::io::Result<()> {
        self.sync();
        let ts = line::now_ts();
        let seq = self.end.last_seq.map_or(1, |s| s + 1);
        let name = files::file_name(seq, &compact(&ts));
        let path = self.cfg.dir.join(&name);
        let mut file = OpenOptions::new()
            .append(true)
            .create_new(true)
            .open(&path)?;
        let header = HeaderLine {
            ts: &ts,
            seq,
            kind: "header",
            version: 1,
            file: &name,
            prev_file: self.end.file.as_deref(),
            torn: self.end.torn.as_ref(),
            prev: &self.end.last_hash,
        };
        let (bytes, hash) = line::seal(&header);
        file.write_all(&bytes)?;
        file.sync_all()?;
        sync_dir(&self.cfg.dir);
        self.end = ChainEnd {
            last_hash: hash,
            last_seq: Some(seq),
            file: Some(name),
            torn: None,
        };
        self.buf_end = self.end.clone();
        self.size = bytes.len() as u64;
        self.day = utc_day();
        self.file = Some((file, path.clone()));
        self.retain(&path);
        Ok(())
    }

    fn retain(&self, current: &std::path::Path) {
        if self.cfg.retain_files.is_none() && self.cfg.retain_age.is_none() {
            return;
        }
        match files::retain(
            &self.cfg.dir,
            current,
            self.cfg.retain_files,
            self.cfg.retain_age,
        ) {
            Ok(gone) if !gone.is_empty() => {
                tracing::info!(files = ?gone, "audit retention removed old files")
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "audit retention failed"),
        }
    }
}

/// Makes a new file's directory entry durable too.
fn sync_dir(dir: &std::path::Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

fn utc_day() -> String {
    let d = time::OffsetDateTime::now_utc().date();
    format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day())
}

/// `2026-11-25T15:04:05.123Z` → `20261125T150405123`.
fn compact(ts: &str) -> String {
    ts.chars()
        .filter(char::is_ascii_alphanumeric)
        .filter(|c| *c != 'Z')
        .collect()
}

//! Stage 6 → 7: one audit event per (response, rule, action) for the body rewriter.
//!
//! A page can carry any number of foreign links; one event per link would let a single
//! request multiply audit writes by the size of the page (a 19 MB page once wrote about a
//! million events). The rewriter of a response therefore writes into a [`Summary`], which
//! keeps, per rule and action, the first event, a count and the first
//! [`MAX_TARGETS`] distinct targets, and hands one event per key to the real log when the
//! body ends, is cut, or is dropped (a client that went away).
//!
//! The documented fields keep their meaning: `target` is the first target. When the key
//! was seen more than once, `detail` ends with "N in this response; targets: …".
//!
//! Security note: memory is bounded by the number of distinct keys (rule ids are static),
//! capped at [`MAX_KEYS`]; past that, events pass through unsummarized.

use std::sync::{Arc, Mutex};

use crate::audit::{AuditLog, AuditSink, Event};

/// Distinct targets named per summarized event.
pub const MAX_TARGETS: usize = 5;
/// Distinct (rule, action) keys held per response.
const MAX_KEYS: usize = 64;

#[derive(Debug)]
struct Entry {
    first: Event,
    count: u64,
    targets: Vec<String>,
}

/// The summarizing sink of one response.
#[derive(Debug)]
pub struct Summary {
    log: AuditLog,
    entries: Mutex<Vec<Entry>>,
}

impl Summary {
    /// A summary in front of `log`, and a log handle that writes into it.
    pub fn wrap(log: AuditLog) -> (Arc<Self>, AuditLog) {
        let summary = Arc::new(Self {
            log,
            entries: Mutex::default(),
        });
        let handle = AuditLog::new(summary.clone());
        (summary, handle)
    }

    /// Writes one event per key to the real log; later events start a new summary.
    pub fn flush(&self) {
        let entries = match self.entries.lock() {
            Ok(mut e) => std::mem::take(&mut *e),
            Err(_) => return,
        };
        for entry in entries {
            self.log.emit(summarized(entry));
        }
    }
}

fn summarized(entry: Entry) -> Event {
    let mut ev = entry.first;
    if entry.count > 1 {
        let mut note = format!("{} in this response", entry.count);
        if !entry.targets.is_empty() {
            note.push_str("; targets: ");
            note.push_str(&entry.targets.join(" "));
        }
        ev.detail = Some(match ev.detail.take() {
            Some(d) => format!("{d}; {note}"),
            None => note,
        });
    }
    ev
}

impl AuditSink for Summary {
    fn emit(&self, event: Event) {
        let Ok(mut entries) = self.entries.lock() else {
            return self.log.emit(event);
        };
        let same = |e: &&mut Entry| e.first.rule == event.rule && e.first.action == event.action;
        if let Some(entry) = entries.iter_mut().find(same) {
            entry.count += 1;
            add_target(&mut entry.targets, event.target);
            return;
        }
        if entries.len() >= MAX_KEYS {
            drop(entries);
            return self.log.emit(event);
        }
        let mut targets = Vec::new();
        add_target(&mut targets, event.target.clone());
        entries.push(Entry {
            first: event,
            count: 1,
            targets,
        });
    }
}

fn add_target(targets: &mut Vec<String>, target: Option<String>) {
    if let Some(t) = target
        && targets.len() < MAX_TARGETS
        && !targets.contains(&t)
    {
        targets.push(t);
    }
}

impl Drop for Summary {
    fn drop(&mut self) {
        self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{Action, RequestInfo};

    fn request() -> RequestInfo {
        RequestInfo {
            site: "portal".into(),
            client_ip: "127.0.0.1".parse().unwrap(),
            request_id: "r".into(),
            method: "GET".into(),
            url: "/".into(),
        }
    }

    #[test]
    fn many_events_become_one_per_rule_and_action() {
        let (real, sink) = AuditLog::memory();
        let (summary, log) = Summary::wrap(real);
        for i in 0..10_000 {
            let ev = Event::new(&request(), "link.foreign", Action::Unwrapped)
                .target(format!("https://bet{}.test/", i % 7));
            log.emit(ev);
        }
        log.emit(Event::new(&request(), "script.redirect", Action::Removed).detail("why"));
        assert!(sink.events().is_empty(), "nothing written before the flush");
        summary.flush();
        let events = sink.events();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].target.as_deref(), Some("https://bet0.test/"));
        let detail = events[0].detail.as_deref().unwrap();
        assert!(detail.starts_with("10000 in this response; targets: https://bet0.test/"));
        assert_eq!(detail.matches("https://").count(), MAX_TARGETS);
        assert_eq!(events[1].detail.as_deref(), Some("why"));
        drop(summary);
        drop(log);
        assert_eq!(
            sink.events().len(),
            2,
            "a flushed summary writes nothing more"
        );
    }

    #[test]
    fn dropping_flushes() {
        let (real, sink) = AuditLog::memory();
        let (summary, log) = Summary::wrap(real);
        log.emit(Event::new(&request(), "link.foreign", Action::Unwrapped));
        drop(log);
        drop(summary);
        assert_eq!(sink.events().len(), 1);
    }
}

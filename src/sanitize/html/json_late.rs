//! Stage 6 (JSON bodies still undecided at the look's window, see `sanitize::json_look`):
//! the body streams on byte for byte while a shadow judgement reads it as a JSON Feed.
//! The shadow has its own [`State`], whose events go to a sink that keeps only the first
//! (bounded, whatever the body); nothing it finds reaches the audit log or the output.
//!
//! When the top-level `version` then declares a JSON Feed, [`Late::declared`] decides:
//! the shadow changed nothing, and the rest of the body is judged as a feed for real; or
//! the shadow found something, the reader would render what already passed unjudged, and
//! the response is cut before the declaration completes (`jsonfeed.late`, fail closed: a
//! reader gets no parsable feed).

use std::sync::{Arc, Mutex};

use crate::audit::{Action, AuditLog, AuditSink, Event};

use super::state::State;

/// Keeps the first event emitted to it.
#[derive(Debug, Default)]
struct First(Mutex<Option<Event>>);

impl AuditSink for First {
    fn emit(&self, event: Event) {
        if let Ok(mut first) = self.0.lock() {
            first.get_or_insert(event);
        }
    }
}

/// The shadow judgement of an undecided JSON body.
#[derive(Debug)]
pub(crate) struct Late {
    pub(crate) shadow: State,
    first: Arc<First>,
}

impl Late {
    pub(crate) fn new(real: &State) -> Self {
        let first = Arc::new(First::default());
        let audit = AuditLog::new(first.clone());
        let mut shadow = State::new(
            Arc::clone(&real.site),
            real.request.clone(),
            audit,
            real.base.clone(),
            0,
        );
        shadow.charset_fixed = true;
        shadow.utf8_fixed = true;
        Self { shadow, first }
    }

    /// A top-level `version` declared a JSON Feed after what the shadow read: returns an
    /// error (the response is cut) when the shadow would have changed any of it.
    pub(crate) fn declared(self, real: &mut State) -> Result<(), String> {
        if !self.shadow.changed {
            return Ok(());
        }
        let first = self.first.0.lock().ok().and_then(|mut f| f.take());
        let (rule, target) =
            first.map_or((String::new(), None), |e| (e.rule.into_owned(), e.target));
        let detail = format!(
            "a JSON Feed version declared after {} bytes, past content a rule changes ({rule})",
            super::super::json_look::WINDOW
        );
        if real.found_detail("jsonfeed.late", Action::Blocked, target, Some(detail)) {
            return Err("JSON Feed declared after content that a rule changes".into());
        }
        Ok(())
    }
}

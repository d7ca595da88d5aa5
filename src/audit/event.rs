//! Audit event types: what every block, removal and refusal records.
//!
//! The field names are an outside interface (see design.md): auditors and scripts read
//! them by name. `ts`, `seq`, `prev` and `hash` are added by the writer.

use std::borrow::Cow;
use std::net::IpAddr;
use std::sync::Arc;

use serde::Serialize;

/// The request an event belongs to. Built once per request and shared by its events.
#[derive(Debug, Clone, Serialize)]
pub struct RequestInfo {
    pub site: Arc<str>,
    pub client_ip: IpAddr,
    pub request_id: Arc<str>,
    pub method: Arc<str>,
    pub url: Arc<str>,
}

/// What was done about the finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// An element, attribute or script was dropped.
    Removed,
    /// A link was dropped but its text kept.
    Unwrapped,
    /// A text or value was replaced.
    Replaced,
    /// A request or a whole response was refused.
    Blocked,
    /// Report mode: nothing changed, this is what would have happened.
    Reported,
    /// Noted only (a rule configured to `log`).
    Logged,
    /// A client was banned.
    Banned,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Removed => "removed",
            Action::Unwrapped => "unwrapped",
            Action::Replaced => "replaced",
            Action::Blocked => "blocked",
            Action::Reported => "reported",
            Action::Logged => "logged",
            Action::Banned => "banned",
        }
    }
}

/// One audit event, before the writer stamps it with `ts`, `seq`, `prev` and `hash`.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    #[serde(flatten)]
    pub request: RequestInfo,
    /// A stable dotted id such as `link.foreign` or `rate.limit`.
    pub rule: Cow<'static, str>,
    pub action: Action,
    /// The offending URL or host, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Event {
    pub fn new(request: &RequestInfo, rule: impl Into<Cow<'static, str>>, action: Action) -> Self {
        Self {
            request: request.clone(),
            rule: rule.into(),
            action,
            target: None,
            detail: None,
        }
    }

    pub fn target(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

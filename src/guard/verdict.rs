//! Stage 3, guard: turning findings into refusals, audit events and metrics.
//!
//! Every finding becomes exactly one audit event (`blocked`, `logged` or `reported`) and
//! one count in the `events` metric family (made by the audit writer once the line is
//! written), so that `/metrics` and the audit log agree.

use std::borrow::Cow;
use std::net::IpAddr;
use std::time::Duration;

use http::StatusCode;
use http::request::Parts;

use super::Refusal;
use super::bans::NewBan;
use super::normalize::Target;
use super::rules::{self, RULES};
use crate::audit::{Action, AuditLog, Event, RequestInfo};
use crate::settings::{Mode, Site};

/// Something a check found.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub(crate) rule: Cow<'static, str>,
    pub(crate) status: StatusCode,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) detail: Option<String>,
}

impl Finding {
    pub(crate) fn new(rule: impl Into<Cow<'static, str>>, status: StatusCode) -> Self {
        Self {
            rule: rule.into(),
            status,
            retry_after: None,
            detail: None,
        }
    }

    pub(crate) fn retry_after(mut self, wait: Duration) -> Self {
        self.retry_after = Some(wait);
        self
    }

    pub(crate) fn detail(mut self, detail: String) -> Self {
        self.detail = Some(detail);
        self
    }

    fn refusal(&self) -> Refusal {
        let rule = match &self.rule {
            Cow::Borrowed(r) => r,
            Cow::Owned(_) => "custom",
        };
        Refusal {
            status: self.status,
            rule,
            retry_after: self.retry_after,
        }
    }
}

/// Emits the events of one request.
#[derive(Debug)]
pub(crate) struct Verdicts<'a> {
    audit: &'a AuditLog,
    site: &'a Site,
    info: &'a RequestInfo,
}

impl<'a> Verdicts<'a> {
    pub(crate) fn new(audit: &'a AuditLog, site: &'a Site, info: &'a RequestInfo) -> Self {
        Self { audit, site, info }
    }

    fn emit(&self, f: &Finding, action: Action) {
        let mut event =
            Event::new(self.info, f.rule.clone(), action).target(self.info.url.to_string());
        event.detail.clone_from(&f.detail);
        // Counted in `metrics.events` by the audit writer once written, not here.
        self.audit.emit(event);
    }

    /// Refuses whatever the site's mode (framing problems, active bans).
    pub(crate) fn refuse_always(&self, f: Finding) -> Refusal {
        self.emit(&f, Action::Blocked);
        f.refusal()
    }

    /// Refuses in `enforce` mode (then `strike`s), only reports in `report` mode.
    pub(crate) fn decide(&self, f: Finding, strike: impl FnOnce()) -> Result<(), Refusal> {
        if self.site.guard().mode == Mode::Report {
            self.emit(&f, Action::Reported);
            return Ok(());
        }
        self.emit(&f, Action::Blocked);
        strike();
        Err(f.refusal())
    }

    /// Notes a rule configured to only log.
    pub(crate) fn logged(&self, f: &Finding) {
        self.emit(f, Action::Logged);
    }

    pub(crate) fn banned(&self, key: IpAddr, ban: NewBan) {
        let detail = format!(
            "client {key} banned for {}s (offence {})",
            ban.length.as_secs(),
            ban.offence
        );
        let event = Event::new(self.info, "ban.start", Action::Banned)
            .target(key.to_string())
            .detail(detail);
        self.audit.emit(event);
    }
}

/// Built-in and custom rules: the first blocking match, after logging any log-only ones.
pub(crate) fn request_rules(
    v: &Verdicts<'_>,
    site: &Site,
    parts: &Parts,
    t: &Target,
) -> Option<Finding> {
    let sw = &site.guard().rules;
    let req = rules::Request {
        method: &parts.method,
        target: t,
        headers: &parts.headers,
        raw_query_len: parts.uri.query().map_or(0, str::len),
    };
    for rule in RULES.iter().filter(|r| !sw.disabled(r.id, r.set)) {
        if !(rule.check)(&req, &sw.limits) {
            continue;
        }
        let f = Finding::new(rule.id, StatusCode::FORBIDDEN);
        if !sw.logs(rule.id, rule.set) {
            return Some(f);
        }
        v.logged(&f);
    }
    for rule in site.guard().custom.iter() {
        if !rule.is_match(&parts.method, t, &parts.headers) {
            continue;
        }
        let f = Finding::new(rule.id.clone(), StatusCode::FORBIDDEN);
        if rule.block {
            return Some(f);
        }
        v.logged(&f);
    }
    None
}

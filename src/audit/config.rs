//! Audit config: the global `[audit]` table and each `[site.alerts]`.

use std::path::PathBuf;

use serde::Deserialize;

use crate::config::Errors;
use crate::config::SiteCtx;

/// `[audit]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawAudit {
    pub dir: Option<String>,
}

#[derive(Debug, Clone)]
pub struct AuditConfig {
    /// Where the chained JSON-lines files go.
    pub dir: PathBuf,
}

pub fn validate(raw: RawAudit, _errs: &mut Errors) -> AuditConfig {
    AuditConfig {
        dir: PathBuf::from(raw.dir.unwrap_or_else(|| "logs".into())),
    }
}

/// `[site.alerts]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawSiteAlerts {}

#[derive(Debug, Default)]
pub struct SiteAlerts {}

pub fn validate_site(_raw: RawSiteAlerts, _ctx: &SiteCtx<'_>, _errs: &mut Errors) -> SiteAlerts {
    SiteAlerts {}
}

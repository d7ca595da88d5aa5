//! Guard config: the global `[guard]` table and each `[site.guard]`.
//!
//! STUB: owned by the guard work; the gateway core only needs these names.

use serde::Deserialize;

use crate::config::Errors;
use crate::config::SiteCtx;

/// `[guard]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawGuard {}

#[derive(Debug, Default)]
pub struct GuardConfig {}

pub fn validate(_raw: RawGuard, _errs: &mut Errors) -> GuardConfig {
    GuardConfig {}
}

/// `[site.guard]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawSiteGuard {}

#[derive(Debug, Default)]
pub struct SiteGuard {}

pub fn validate_site(_raw: RawSiteGuard, _ctx: &SiteCtx<'_>, _errs: &mut Errors) -> SiteGuard {
    SiteGuard {}
}

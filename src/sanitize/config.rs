//! Sanitizer policy config: `[site.sanitize]` and `[site.headers]`, validated per site.
//!
//! STUB: owned by the sanitizer work; the gateway core only needs these names.

use serde::Deserialize;

use crate::config::Errors;
use crate::config::SiteCtx;

/// `[site.sanitize]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawSiteSanitize {}

/// The validated per-site sanitizer policy.
#[derive(Debug, Default)]
pub struct SitePolicy {
    /// The site's own hosts (always allowed).
    pub own_hosts: Vec<String>,
    /// The `allow` patterns as written (`*.gov.vn`, `chinhphu.vn`).
    pub allow: Vec<String>,
}

pub fn validate(_raw: RawSiteSanitize, ctx: &SiteCtx<'_>, _errs: &mut Errors) -> SitePolicy {
    SitePolicy {
        own_hosts: ctx.hosts.to_vec(),
        allow: ctx.allow.iter().map(|a| a.get_ref().clone()).collect(),
    }
}

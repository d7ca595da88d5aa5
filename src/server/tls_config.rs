//! TLS config: the global `[tls]` table and each `[site.tls]`.
//!
//! STUB: owned by the TLS work; the gateway core only needs these names.

use serde::Deserialize;

use crate::config::Errors;
use crate::config::SiteCtx;

/// `[tls]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawTls {}

#[derive(Debug, Default)]
pub struct TlsConfig {}

pub fn validate(_raw: RawTls, _errs: &mut Errors) -> TlsConfig {
    TlsConfig {}
}

/// `[site.tls]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawSiteTls {}

#[derive(Debug, Default)]
pub struct SiteTls {}

pub fn validate_site(_raw: RawSiteTls, _ctx: &SiteCtx<'_>, _errs: &mut Errors) -> SiteTls {
    SiteTls {}
}

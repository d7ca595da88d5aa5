//! Security headers added to every response (`[site.headers]`), and removal of headers
//! that leak software versions.
//!
//! STUB: owned by the TLS and headers work.

use serde::Deserialize;

use crate::config::{Errors, SiteCtx};

/// `[site.headers]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawSiteHeaders {}

#[derive(Debug, Default)]
pub struct SiteHeaders {}

pub fn validate(_raw: RawSiteHeaders, _ctx: &SiteCtx<'_>, _errs: &mut Errors) -> SiteHeaders {
    SiteHeaders {}
}

/// Adds the site's security headers to a response head and drops version-leaking ones.
pub fn apply(_site_headers: &SiteHeaders, _tls: bool, _headers: &mut http::HeaderMap) {}

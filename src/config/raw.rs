//! Raw config types: exactly what the TOML says, before any validation.
//!
//! Every struct refuses unknown keys. Values that need checking later keep their span
//! (`Spanned`) so that the validator can point at the line and column.

use serde::Deserialize;
use toml::Spanned;

use crate::settings::units::{Dur, Size};

/// `[server]`: listeners and the proxies we trust.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawServer {
    pub listen: Vec<Spanned<String>>,
    pub listen_tls: Vec<Spanned<String>>,
    pub admin: Option<Spanned<String>>,
    pub trusted_proxies: Vec<Spanned<String>>,
    pub unknown_host_status: Option<Spanned<u16>>,
    pub shutdown_timeout: Option<Dur>,
}

/// `[limits]`: time and size limits for clients and upstreams.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawLimits {
    pub header_read_timeout: Option<Dur>,
    pub request_body_timeout: Option<Dur>,
    pub idle_timeout: Option<Dur>,
    pub upstream_connect_timeout: Option<Dur>,
    pub upstream_response_timeout: Option<Dur>,
    pub upstream_idle_timeout: Option<Dur>,
    pub max_header_size: Option<Size>,
    pub max_headers: Option<Spanned<u32>>,
    pub max_request_body: Option<Size>,
    pub max_connections: Option<Spanned<u32>>,
    pub max_connections_per_ip: Option<Spanned<u32>>,
}

/// `[log]`: the operational log (not the audit log).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawLog {
    pub format: Option<Spanned<String>>,
    pub level: Option<Spanned<String>>,
}

/// One `[[site]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub name: Spanned<String>,
    pub hosts: Spanned<Vec<Spanned<String>>>,
    pub upstream: Spanned<String>,
    #[serde(default)]
    pub mode: Option<Spanned<String>>,
    #[serde(default)]
    pub allow: Vec<Spanned<String>>,
    #[serde(default)]
    pub sanitize: crate::sanitize::config::RawSiteSanitize,
    #[serde(default)]
    pub guard: crate::guard::config::RawSiteGuard,
    #[serde(default)]
    pub tls: Option<crate::tls::config::RawSiteTls>,
    #[serde(default)]
    pub headers: crate::proxy::head::security::RawSiteHeaders,
    #[serde(default)]
    pub alerts: crate::audit::config::RawSiteAlerts,
    #[serde(default)]
    pub csp: crate::audit::config::RawSiteCsp,
    #[serde(default)]
    pub cache: crate::cache::config::RawSiteCache,
    #[serde(default)]
    pub uploads: crate::sanitize::uploads::config::RawSiteUploads,
}

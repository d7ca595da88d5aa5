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
pub(crate) struct RawServer {
    pub listen: Vec<Spanned<String>>,
    pub(crate) listen_tls: Vec<Spanned<String>>,
    pub admin: Option<Spanned<String>>,
    pub(crate) trusted_proxies: Vec<Spanned<String>>,
    pub(crate) unknown_host_status: Option<Spanned<u16>>,
    pub(crate) shutdown_timeout: Option<Dur>,
}

/// `[limits]`: time and size limits for clients and upstreams.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct RawLimits {
    pub(crate) header_read_timeout: Option<Dur>,
    pub(crate) request_body_timeout: Option<Dur>,
    pub(crate) idle_timeout: Option<Dur>,
    pub(crate) upstream_connect_timeout: Option<Dur>,
    pub(crate) upstream_response_timeout: Option<Dur>,
    pub(crate) upstream_idle_timeout: Option<Dur>,
    pub(crate) max_header_size: Option<Size>,
    pub(crate) max_headers: Option<Spanned<u32>>,
    pub(crate) max_request_body: Option<Size>,
    pub(crate) max_connections: Option<Spanned<u32>>,
    pub(crate) max_connections_per_ip: Option<Spanned<u32>>,
}

/// `[log]`: the operational log (not the audit log).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct RawLog {
    pub(crate) format: Option<Spanned<String>>,
    pub(crate) level: Option<Spanned<String>>,
}

/// One `[[site]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSite {
    pub(crate) name: Spanned<String>,
    pub(crate) hosts: Spanned<Vec<Spanned<String>>>,
    pub(crate) upstream: Spanned<String>,
    #[serde(default)]
    pub(crate) mode: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) allow: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) sanitize: crate::sanitize::config::RawSiteSanitize,
    #[serde(default)]
    pub(crate) guard: crate::guard::config::RawSiteGuard,
    #[serde(default)]
    pub(crate) tls: Option<crate::tls::config::RawSiteTls>,
    #[serde(default)]
    pub(crate) headers: crate::proxy::head::security::RawSiteHeaders,
    #[serde(default)]
    pub(crate) alerts: crate::audit::config::RawSiteAlerts,
    #[serde(default)]
    pub(crate) csp: crate::audit::config::RawSiteCsp,
    #[serde(default)]
    pub cache: crate::cache::config::RawSiteCache,
    #[serde(default)]
    pub(crate) uploads: crate::sanitize::uploads::config::RawSiteUploads,
}

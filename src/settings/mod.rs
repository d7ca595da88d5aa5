//! The validated configuration that every part reads: [`Config`] and each [`Site`], the
//! units of durations and sizes, and the error list validators write to.
//!
//! A leaf: it names no part. Each part's own sections are stored by type
//! ([`sections`]) and read back through the part's accessors; the loader that reads the
//! TOML and has each part validate its section is `config`, above the parts.

pub mod errors;
pub(crate) mod sections;
pub(crate) mod site;
pub mod units;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use ipnet::IpNet;
use toml::Spanned;

pub use errors::{ConfigError, ConfigErrors, Errors, summary};
pub use sections::Sections;
pub use site::{Mode, Site, SiteCtx, Upstream};

/// The validated configuration. Cheap to share: the proxy holds it in an `ArcSwap`.
#[derive(Debug)]
pub struct Config {
    pub(crate) source: PathBuf,
    pub server: Server,
    pub limits: Limits,
    pub log: Log,
    /// `[audit]`, `[guard]`, `[tls]`, `[cluster]`, `[cache]`: each read through its part's
    /// accessor (`config.audit()`, …).
    pub(crate) sections: Sections,
    pub sites: Vec<Arc<Site>>,
    pub(crate) by_host: HostTable,
}

#[derive(Debug, Clone)]
pub struct Server {
    pub listen: Vec<SocketAddr>,
    pub(crate) listen_tls: Vec<SocketAddr>,
    pub admin: Option<SocketAddr>,
    pub(crate) trusted_proxies: Vec<IpNet>,
    /// 421 (Misdirected Request) or 404 for a Host that no site serves.
    pub(crate) unknown_host_status: http::StatusCode,
    pub(crate) shutdown_timeout: Duration,
}

#[derive(Debug, Clone)]
pub struct Limits {
    pub(crate) header_read_timeout: Duration,
    /// The whole request body must arrive within this time (slow-body attacks).
    pub(crate) request_body_timeout: Duration,
    pub(crate) idle_timeout: Duration,
    pub(crate) upstream_connect_timeout: Duration,
    pub(crate) upstream_response_timeout: Duration,
    pub(crate) upstream_idle_timeout: Duration,
    pub(crate) max_header_size: usize,
    pub(crate) max_headers: usize,
    pub(crate) max_request_body: u64,
    pub(crate) max_connections: usize,
    pub(crate) max_connections_per_ip: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone)]
pub struct Log {
    pub format: LogFormat,
    pub level: String,
}

impl Config {
    /// The site serving `host` (a Host header or SNI value; port and case ignored).
    pub(crate) fn site_for_host(&self, host: &str) -> Option<&Arc<Site>> {
        self.site_for_normalized(&normalize_host(host))
    }

    /// [`Config::site_for_host`] for a host already passed through [`normalize_host`].
    pub fn site_for_normalized(&self, host: &str) -> Option<&Arc<Site>> {
        self.by_host.get(host).map(|&i| &self.sites[i])
    }

    pub fn site_by_name(&self, name: &str) -> Option<&Arc<Site>> {
        self.sites.iter().find(|s| s.name == name)
    }
}

/// Sites by host name. Looked up on every request; the keys are our own config values,
/// so a fast hash (randomly seeded) is safe.
pub(crate) type HostTable = HashMap<String, usize, foldhash::fast::RandomState>;

/// Lower-cases a host and strips its port and a trailing dot.
pub fn normalize_host(host: &str) -> std::borrow::Cow<'_, str> {
    let host = match host.rsplit_once(':') {
        Some((h, port)) if !h.ends_with(']') && h.contains(':') => {
            let _ = port;
            host // bare IPv6 address without brackets
        }
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.bytes().any(|b| b.is_ascii_uppercase()) {
        host.to_ascii_lowercase().into()
    } else {
        host.into()
    }
}

/// Parses CIDRs (a bare address means a single host).
pub fn cidrs(list: &[Spanned<String>], errs: &mut Errors) -> Vec<IpNet> {
    let mut out = Vec::new();
    for s in list {
        let text = s.get_ref().trim();
        let net = text
            .parse::<IpNet>()
            .or_else(|_| text.parse::<std::net::IpAddr>().map(IpNet::from));
        match net {
            Ok(n) => out.push(n.trunc()),
            Err(_) => errs.at(
                s.span(),
                format!("invalid CIDR {text:?}: expected e.g. 10.0.0.0/8 or 2001:db8::/32"),
            ),
        }
    }
    out
}

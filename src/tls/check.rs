//! `lachan check`, TLS part: reads every certificate, key and CA file the config names
//! and reports what would fail at start-up, and what would make browsers complain.
//!
//! Errors (exit non-zero): unreadable or unparsable files, a key that does not match its
//! certificate, an expired or not-yet-valid certificate, `listen_tls` without any
//! certificate. Warnings: a site host the certificate does not cover, expiry within 30
//! days, `insecure_skip_verify`, a redirect to HTTPS without a TLS listener.

use std::fmt;

use super::certs::{self, Leaf};
use super::config::CertPaths;
use crate::settings::{Config, Site};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {}", self.message)
    }
}

fn error(message: String) -> Finding {
    Finding {
        severity: Severity::Error,
        message,
    }
}

fn warning(message: String) -> Finding {
    Finding {
        severity: Severity::Warning,
        message,
    }
}

const EXPIRY_WARNING_SECS: i64 = 30 * 86400;

/// Every TLS problem in `config`.
pub fn check(config: &Config) -> Vec<Finding> {
    let mut out = Vec::new();
    let has_tls_listener = !config.server.listen_tls.is_empty();
    if let Some(paths) = &config.tls().default {
        check_pair("[tls] default", paths, &[], &mut out);
    }
    let mut any_cert = config.tls().default.is_some();
    for site in &config.sites {
        any_cert |= site.tls().is_some_and(|t| t.cert.is_some());
        check_site(site, has_tls_listener, &mut out);
    }
    if has_tls_listener && !any_cert {
        out.push(error(
            "server.listen_tls is set but no certificate is configured".into(),
        ));
    }
    out
}

fn check_site(site: &Site, has_tls_listener: bool, out: &mut Vec<Finding>) {
    let Some(tls) = &site.tls() else { return };
    let what = format!("site {}", site.name);
    if let Some(paths) = &tls.cert {
        check_pair(&what, paths, &site.hosts, out);
    }
    if let Some(ca) = &tls.upstream_ca
        && let Err(e) = crate::tls::upstream::ca_file_roots(ca)
    {
        out.push(error(format!("{what}: upstream_ca: {e}")));
    }
    if tls.insecure_skip_verify {
        out.push(warning(format!(
            "{what}: insecure_skip_verify: the upstream's certificate is not verified"
        )));
    }
    if tls.redirect.is_some() && !has_tls_listener {
        out.push(warning(format!(
            "{what}: redirect_http is on but server.listen_tls is empty"
        )));
    }
}

fn check_pair(what: &str, paths: &CertPaths, hosts: &[String], out: &mut Vec<Finding>) {
    let ck = match certs::load(paths) {
        Ok(ck) => ck,
        Err(e) => return out.push(error(format!("{what}: {e}"))),
    };
    let leaf = match Leaf::parse(&paths.cert, &ck.cert[0]) {
        Ok(l) => l,
        Err(e) => return out.push(error(format!("{what}: {e}"))),
    };
    for host in hosts.iter().filter(|h| !leaf.covers(h)) {
        out.push(warning(format!(
            "{what}: {} does not cover host {host:?} (it names {:?})",
            paths.cert.display(),
            leaf.names
        )));
    }
    let left = leaf.expires_in();
    if left < EXPIRY_WARNING_SECS {
        out.push(warning(format!(
            "{what}: {} expires in {} day(s)",
            paths.cert.display(),
            left / 86400
        )));
    }
}

//! Stage 1, accept (TLS): the certificates of one config, by SNI name, and the rustls
//! resolver that picks one for each handshake.
//!
//! The store is part of [`crate::proxy::Live`], so it is swapped whole with the config:
//! a reload (SIGHUP, config change or certificate file change) that fails to load any
//! certificate changes nothing. Connections already up keep the keys they negotiated.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rustls::sign::CertifiedKey;

use super::certs::{self, CertError, Leaf};
use super::config::{CertPaths, UnknownSni};
use crate::settings::{Config, normalize_host};

/// The certificates of one config.
#[derive(Debug, Default)]
pub(crate) struct CertStore {
    by_name: HashMap<String, Arc<CertifiedKey>>,
    /// Every host some site serves, with or without its own certificate.
    hosts: HashSet<String>,
    default: Option<Arc<CertifiedKey>>,
    unknown_sni: UnknownSni,
}

impl CertStore {
    /// Loads every certificate the config names. Any bad one fails the whole load.
    pub(crate) fn load(config: &Config) -> Result<Self, CertError> {
        let mut loaded: Vec<(CertPaths, Arc<CertifiedKey>)> = Vec::new();
        let mut load_once = |paths: &CertPaths| -> Result<Arc<CertifiedKey>, CertError> {
            if let Some((_, ck)) = loaded.iter().find(|(p, _)| p == paths) {
                return Ok(ck.clone());
            }
            let ck = certs::load(paths)?;
            loaded.push((paths.clone(), ck.clone()));
            Ok(ck)
        };
        let mut store = Self {
            unknown_sni: config.tls().unknown_sni,
            ..Self::default()
        };
        if let Some(paths) = &config.tls().default {
            store.default = Some(load_once(paths)?);
        }
        for site in &config.sites {
            store.hosts.extend(site.hosts.iter().cloned());
            let Some(paths) = site.tls().and_then(|t| t.cert.as_ref()) else {
                continue;
            };
            let ck = load_once(paths)?;
            warn_uncovered(&site.name, &site.hosts, paths, &ck);
            for host in &site.hosts {
                store.by_name.insert(host.clone(), ck.clone());
            }
        }
        if !config.server.listen_tls.is_empty() && store.is_empty() {
            return Err(CertError::Config(
                "server.listen_tls is set but no certificate is configured: \
                 set [tls] default_cert/default_key or [site.tls] cert/key"
                    .into(),
            ));
        }
        Ok(store)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.default.is_none() && self.by_name.is_empty()
    }

    /// The certificate for an SNI name; `None` fails the handshake.
    pub(crate) fn resolve(&self, sni: Option<&str>) -> Option<Arc<CertifiedKey>> {
        let name = sni.map(normalize_host);
        if let Some(name) = name.as_deref() {
            if let Some(ck) = self.by_name.get(name) {
                return Some(ck.clone());
            }
            if self.hosts.contains(name) {
                return self.default.clone();
            }
        }
        match self.unknown_sni {
            UnknownSni::Refuse => None,
            UnknownSni::Default => self.default.clone(),
        }
    }
}

fn warn_uncovered(site: &str, hosts: &[String], paths: &CertPaths, ck: &CertifiedKey) {
    let Ok(leaf) = Leaf::parse(&paths.cert, &ck.cert[0]) else {
        return;
    };
    for host in hosts.iter().filter(|h| !leaf.covers(h)) {
        tracing::warn!(site, host, cert = %paths.cert.display(),
            "the certificate does not cover this host: clients will reject it");
    }
}

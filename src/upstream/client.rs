//! Stage 4, forward: the upstream connection pools ([`super::pool`]), one set per site,
//! built from the config.
//!
//! Each site gets its own pools so that one slow or dead upstream cannot starve another's
//! connections, and so that HTTPS settings (CA, SNI) can differ per site. Within a site,
//! each worker thread has its own pool: a pooled connection's task lives on the runtime that
//! opened it, and sharing pools across workers would hand every other request to another
//! thread.

use std::collections::HashMap;
use std::sync::Arc;

use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;

use super::pool::Pool;
use crate::settings::{Config, Limits, Site};

/// Idle upstream connections kept per site and worker.
const MAX_IDLE: usize = 256;

/// Errors building an upstream client (bad TLS material, for instance).
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("site {site}: cannot set up the upstream TLS client: {reason}")]
    Tls { site: String, reason: String },
}

/// The clients for every site of one config, by site name, one per worker thread. Looked
/// up on every request, with a fast hash: the keys are our own site names.
#[derive(Debug, Default)]
pub(crate) struct Upstreams {
    by_site: HashMap<String, Vec<Arc<Pool>>, foldhash::fast::RandomState>,
}

impl Upstreams {
    pub(crate) fn build(config: &Config) -> Result<Self, ClientError> {
        let workers = crate::workers::count();
        let mut by_site = HashMap::default();
        for site in &config.sites {
            let https = connector_for(site, &config.limits)?;
            let target = http::Uri::builder()
                .scheme(site.upstream.scheme.clone())
                .authority(site.upstream.authority.clone())
                .path_and_query("/")
                .build()
                .expect("a validated upstream is a valid URI");
            let idle_timeout = config.limits.upstream_idle_timeout;
            let clients = (0..workers)
                .map(|_| Pool::new(https.clone(), target.clone(), MAX_IDLE, idle_timeout))
                .map(Arc::new)
                .collect();
            by_site.insert(site.name.clone(), clients);
        }
        Ok(Self { by_site })
    }

    /// The calling worker's pool for `site`.
    pub(crate) fn get(&self, site: &str) -> Option<&Arc<Pool>> {
        let clients = self.by_site.get(site)?;
        clients.get(crate::workers::current() % clients.len().max(1))
    }
}

fn connector_for(
    site: &Arc<Site>,
    limits: &Limits,
) -> Result<HttpsConnector<HttpConnector>, ClientError> {
    let mut http = HttpConnector::new();
    http.enforce_http(false);
    http.set_connect_timeout(Some(limits.upstream_connect_timeout));
    http.set_nodelay(true);
    http.set_keepalive(Some(std::time::Duration::from_secs(60)));
    let tls = crate::tls::upstream::client_config(site).map_err(|reason| ClientError::Tls {
        site: site.name.clone(),
        reason,
    })?;
    let mut https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http();
    if let Some(name) = crate::tls::upstream::server_name(site) {
        https = https.with_server_name_resolver(hyper_rustls::FixedServerNameResolver::new(name));
    }
    Ok(https.enable_http1().wrap_connector(http))
}

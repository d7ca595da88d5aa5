//! TLS settings for HTTPS upstreams: which roots to trust and which name to check.
//!
//! STUB: owned by the TLS work (CA file, SNI override, `insecure_skip_verify`).

use rustls::ClientConfig;

use crate::config::Site;

/// The rustls client config for `site`'s upstream. Verifies against the system roots.
pub fn client_config(_site: &Site) -> Result<ClientConfig, String> {
    let mut roots = rustls::RootCertStore::empty();
    let found = rustls_native_certs::load_native_certs();
    for cert in found.certs {
        let _ = roots.add(cert);
    }
    let provider = std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())
        .map(|b| b.with_root_certificates(roots).with_no_client_auth())
}

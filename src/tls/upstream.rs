//! Stage 4, forward (HTTPS upstreams): which roots to trust and which name to check.
//!
//! Security notes: upstream certificates are verified against the system roots (loaded
//! once per process) or, when `[site.tls] upstream_ca` is set, against that file only.
//! `insecure_skip_verify` turns verification of the chain and name off (signatures on
//! the handshake are still checked); it is logged as a warning every time the clients
//! are built, so it cannot hide in a config.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::settings::Site;
use crate::tls::certs::{provider, read_certs};

/// The rustls client config for `site`'s upstream.
pub(crate) fn client_config(site: &Site) -> Result<ClientConfig, String> {
    let tls = site.tls().cloned().unwrap_or_default();
    let builder = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?;
    let config = if tls.insecure_skip_verify {
        if site.upstream.is_https() {
            tracing::warn!(site = %site.name, upstream = %site.upstream.authority,
                "INSECURE: the upstream's TLS certificate is NOT verified (insecure_skip_verify)");
        }
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(NoVerify))
            .with_no_client_auth()
    } else {
        let roots = match &tls.upstream_ca {
            Some(path) => Arc::new(ca_file_roots(path)?),
            None => native_roots(),
        };
        builder.with_root_certificates(roots).with_no_client_auth()
    };
    Ok(config)
}

/// The name sent as SNI and checked in the upstream's certificate, when it is not the
/// upstream URL's host.
pub(crate) fn server_name(site: &Site) -> Option<ServerName<'static>> {
    let name = site.tls()?.upstream_sni.as_ref()?;
    ServerName::try_from(name.clone()).ok()
}

/// The system roots, read once per process (it walks the OS trust store).
fn native_roots() -> Arc<RootCertStore> {
    static ROOTS: OnceLock<Arc<RootCertStore>> = OnceLock::new();
    ROOTS
        .get_or_init(|| {
            let found = rustls_native_certs::load_native_certs();
            for e in &found.errors {
                tracing::warn!(error = %e, "reading the system trust store");
            }
            let mut roots = RootCertStore::empty();
            let (added, ignored) = roots.add_parsable_certificates(found.certs);
            tracing::debug!(added, ignored, "system roots loaded for HTTPS upstreams");
            Arc::new(roots)
        })
        .clone()
}

/// Roots from a PEM file of CA certificates.
pub(crate) fn ca_file_roots(path: &Path) -> Result<RootCertStore, String> {
    let certs = read_certs(path).map_err(|e| e.to_string())?;
    let mut roots = RootCertStore::empty();
    for cert in certs {
        roots
            .add(cert)
            .map_err(|e| format!("{}: unusable CA certificate: {e}", path.display()))?;
    }
    Ok(roots)
}

/// Accepts any certificate; only for `insecure_skip_verify`.
#[derive(Debug)]
struct NoVerify;

impl ServerCertVerifier for NoVerify {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let algs = &provider().signature_verification_algorithms;
        rustls::crypto::verify_tls12_signature(message, cert, dss, algs)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let algs = &provider().signature_verification_algorithms;
        rustls::crypto::verify_tls13_signature(message, cert, dss, algs)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        provider()
            .signature_verification_algorithms
            .supported_schemes()
    }
}

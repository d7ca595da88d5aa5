//! Stage 1, accept (TLS material): reads certificate chains and keys from PEM files and
//! checks them, for the listeners, for `lachan check` and for every reload.
//!
//! Security note: a chain whose key does not match, that does not parse, or that is
//! expired or not yet valid is refused with an error naming the file. On reload that
//! refusal keeps the running certificates in service; nothing half-loaded is installed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::sign::CertifiedKey;
use x509_parser::prelude::{FromDer, GeneralName, X509Certificate};

use super::config::CertPaths;

/// Why a certificate or key cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CertError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: no PEM certificate found (expected -----BEGIN CERTIFICATE-----)")]
    NoCert { path: PathBuf },
    #[error("{path}: invalid PEM: {reason}")]
    Pem { path: PathBuf, reason: String },
    #[error("{path}: no private key found (PKCS#8, PKCS#1 or SEC1 PEM expected)")]
    NoKey { path: PathBuf },
    #[error("{key}: the key does not match the certificate in {cert}: {reason}")]
    Mismatch {
        cert: PathBuf,
        key: PathBuf,
        reason: String,
    },
    #[error("{path}: the certificate cannot be parsed: {reason}")]
    Parse { path: PathBuf, reason: String },
    #[error("{path}: the certificate is {when} (valid {not_before} to {not_after})")]
    Validity {
        path: PathBuf,
        when: &'static str,
        not_before: String,
        not_after: String,
    },
    #[error("{0}")]
    Config(String),
}

/// The crypto provider used for every TLS context of the gateway.
pub fn provider() -> Arc<CryptoProvider> {
    static PROVIDER: std::sync::OnceLock<Arc<CryptoProvider>> = std::sync::OnceLock::new();
    PROVIDER
        .get_or_init(|| Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
        .clone()
}

fn read(path: &Path) -> Result<Vec<u8>, CertError> {
    std::fs::read(path).map_err(|source| CertError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Every certificate in a PEM file, in file order (leaf first for a chain).
pub(crate) fn read_certs(path: &Path) -> Result<Vec<CertificateDer<'static>>, CertError> {
    let pem = read(path)?;
    let certs = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| CertError::Pem {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
    if certs.is_empty() {
        return Err(CertError::NoCert {
            path: path.to_path_buf(),
        });
    }
    Ok(certs)
}

fn read_key(path: &Path) -> Result<PrivateKeyDer<'static>, CertError> {
    let pem = read(path)?;
    PrivateKeyDer::from_pem_slice(&pem).map_err(|e| match e {
        rustls::pki_types::pem::Error::NoItemsFound => CertError::NoKey {
            path: path.to_path_buf(),
        },
        other => CertError::Pem {
            path: path.to_path_buf(),
            reason: other.to_string(),
        },
    })
}

/// Loads a chain and its key, and checks that they belong together and are valid now.
pub(crate) fn load(paths: &CertPaths) -> Result<Arc<CertifiedKey>, CertError> {
    let chain = read_certs(&paths.cert)?;
    let key = read_key(&paths.key)?;
    let mismatch = |reason: String| CertError::Mismatch {
        cert: paths.cert.clone(),
        key: paths.key.clone(),
        reason,
    };
    let signing = provider()
        .key_provider
        .load_private_key(key)
        .map_err(|e| mismatch(e.to_string()))?;
    let ck = CertifiedKey::new(chain, signing);
    match ck.keys_match() {
        Ok(()) | Err(rustls::Error::InconsistentKeys(rustls::InconsistentKeys::Unknown)) => {}
        Err(rustls::Error::InconsistentKeys(rustls::InconsistentKeys::KeyMismatch)) => {
            return Err(mismatch("their public keys differ".into()));
        }
        Err(e) => return Err(mismatch(e.to_string())),
    }
    let leaf = Leaf::parse(&paths.cert, &ck.cert[0])?;
    leaf.check_validity(&paths.cert)?;
    Ok(Arc::new(ck))
}

/// What we need to know about a leaf certificate.
#[derive(Debug)]
pub(crate) struct Leaf {
    pub(crate) not_before: i64,
    pub(crate) not_after: i64,
    /// DNS names and IP addresses from subjectAltName, lower-cased.
    pub(crate) names: Vec<String>,
}

impl Leaf {
    pub(crate) fn parse(path: &Path, der: &CertificateDer<'_>) -> Result<Self, CertError> {
        let (_, cert) = X509Certificate::from_der(der).map_err(|e| CertError::Parse {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let mut names = Vec::new();
        if let Ok(Some(san)) = cert.subject_alternative_name() {
            for n in &san.value.general_names {
                match n {
                    GeneralName::DNSName(d) => names.push(d.to_ascii_lowercase()),
                    GeneralName::IPAddress(b) => names.extend(ip_text(b)),
                    _ => {}
                }
            }
        }
        Ok(Self {
            not_before: cert.validity().not_before.timestamp(),
            not_after: cert.validity().not_after.timestamp(),
            names,
        })
    }

    pub(crate) fn check_validity(&self, path: &Path) -> Result<(), CertError> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let when = if now > self.not_after {
            "expired"
        } else if now < self.not_before {
            "not yet valid"
        } else {
            return Ok(());
        };
        Err(CertError::Validity {
            path: path.to_path_buf(),
            when,
            not_before: rfc3339(self.not_before),
            not_after: rfc3339(self.not_after),
        })
    }

    /// Whether the certificate is valid for `host` (exact, or a one-label wildcard).
    pub(crate) fn covers(&self, host: &str) -> bool {
        let host = host.trim_matches(['[', ']']).to_ascii_lowercase();
        self.names.iter().any(|n| match n.strip_prefix("*.") {
            Some(suffix) => host
                .split_once('.')
                .is_some_and(|(label, rest)| !label.is_empty() && rest == suffix),
            None => *n == host,
        })
    }

    /// Seconds until the certificate expires (negative once it has).
    pub(crate) fn expires_in(&self) -> i64 {
        self.not_after - time::OffsetDateTime::now_utc().unix_timestamp()
    }
}

fn ip_text(bytes: &[u8]) -> Option<String> {
    let ip: std::net::IpAddr = match bytes.len() {
        4 => <[u8; 4]>::try_from(bytes).ok()?.into(),
        16 => <[u8; 16]>::try_from(bytes).ok()?.into(),
        _ => return None,
    };
    Some(ip.to_string())
}

fn rfc3339(ts: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ts)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| ts.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(names: &[&str]) -> Leaf {
        Leaf {
            not_before: 0,
            not_after: i64::MAX / 2,
            names: names.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn wildcards_cover_one_label_only() {
        let l = leaf(&["*.example.gov.vn", "example.gov.vn"]);
        assert!(l.covers("portal.example.gov.vn"));
        assert!(l.covers("EXAMPLE.gov.vn"));
        assert!(!l.covers("a.portal.example.gov.vn"));
        assert!(!l.covers("example.gov.vn.bet.test"));
        assert!(!leaf(&["*.example.gov.vn"]).covers("example.gov.vn"));
    }

    #[test]
    fn expired_is_refused() {
        let mut l = leaf(&[]);
        l.not_after = 1;
        let err = l.check_validity(Path::new("x.pem")).unwrap_err();
        assert!(err.to_string().contains("expired"), "{err}");
    }
}

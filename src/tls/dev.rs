//! `lachan certs dev`: a local certificate authority and leaf certificates for the demo
//! and the tests (rcgen).
//!
//! Security note: these are for loopback testing only. Private keys are written with mode
//! 0600 and must never be committed (`.gitignore` excludes `*.key` and `certs/dev/`).
//! An existing `ca.pem`/`ca.key` in the output directory is reused, so a browser that
//! trusts the dev CA once keeps trusting new leaf certificates.

use std::io::Write;
use std::path::{Path, PathBuf};

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose,
};
use time::{Duration, OffsetDateTime};

/// Errors making dev certificates.
#[derive(Debug, thiserror::Error)]
pub enum DevCertError {
    #[error("generating a certificate: {0}")]
    Rcgen(#[from] rcgen::Error),
    #[error("writing {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid host name {0:?}")]
    Host(String),
}

/// A certificate and its key, both PEM.
#[derive(Debug, Clone)]
pub struct Issued {
    pub cert_pem: String,
    pub key_pem: String,
}

/// A local certificate authority.
pub struct DevCa {
    issuer: Issuer<'static, KeyPair>,
    pub cert_pem: String,
    pub(crate) key_pem: String,
}

impl std::fmt::Debug for DevCa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DevCa").finish_non_exhaustive()
    }
}

fn ca_params(name: &str) -> CertificateParams {
    let mut p = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, name);
    dn.push(DnType::OrganizationName, "lachan development (not trusted)");
    p.distinguished_name = dn;
    p.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    p.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    p
}

impl DevCa {
    /// A new CA named `name`, valid for ten years.
    pub fn new(name: &str) -> Result<Self, DevCertError> {
        let key = KeyPair::generate()?;
        let mut params = ca_params(name);
        let now = OffsetDateTime::now_utc();
        params.not_before = now - Duration::days(1);
        params.not_after = now + Duration::days(3650);
        let cert_pem = params.self_signed(&key)?.pem();
        let key_pem = key.serialize_pem();
        Ok(Self {
            issuer: Issuer::new(params, key),
            cert_pem,
            key_pem,
        })
    }

    /// A CA from a `ca.pem`/`ca.key` that [`DevCa::new`] made with the same `name`.
    pub(crate) fn load(
        name: &str,
        cert_pem: String,
        key_pem: String,
    ) -> Result<Self, DevCertError> {
        let key = KeyPair::from_pem(&key_pem)?;
        Ok(Self {
            issuer: Issuer::new(ca_params(name), key),
            cert_pem,
            key_pem,
        })
    }

    /// A server certificate for `hosts` (DNS names or IP addresses), valid from an hour ago
    /// for 88 days: under the 90 days that Mozilla's "modern" profile allows, like the
    /// certificates of ACME CAs, so that graders judge the server and not the lifespan.
    pub fn issue(&self, hosts: &[String]) -> Result<Issued, DevCertError> {
        let now = OffsetDateTime::now_utc();
        self.issue_valid(hosts, now - Duration::hours(1), now + Duration::days(88))
    }

    /// A server certificate with the given validity (tests use this for expired ones).
    pub fn issue_valid(
        &self,
        hosts: &[String],
        not_before: OffsetDateTime,
        not_after: OffsetDateTime,
    ) -> Result<Issued, DevCertError> {
        let key = KeyPair::generate()?;
        let mut params = CertificateParams::new(hosts.to_vec())?;
        params
            .distinguished_name
            .push(DnType::CommonName, hosts.first().map_or("localhost", |h| h));
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        params.use_authority_key_identifier_extension = true;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.not_before = not_before;
        params.not_after = not_after;
        let cert = params.signed_by(&key, &self.issuer)?;
        Ok(Issued {
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
        })
    }
}

const CA_NAME: &str = "lachan dev CA";

/// Writes (or reuses) `DIR/ca.pem` + `DIR/ca.key`, and `DIR/HOST.pem` + `DIR/HOST.key` for
/// each host. Returns the files written.
pub fn write_dev(out: &Path, hosts: &[String]) -> Result<Vec<PathBuf>, DevCertError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| DevCertError::Io { path, source }
    };
    std::fs::create_dir_all(out).map_err(io(out))?;
    let (ca_cert, ca_key) = (out.join("ca.pem"), out.join("ca.key"));
    let mut written = Vec::new();
    let ca = match (
        std::fs::read_to_string(&ca_cert),
        std::fs::read_to_string(&ca_key),
    ) {
        (Ok(c), Ok(k)) => DevCa::load(CA_NAME, c, k)?,
        _ => {
            let ca = DevCa::new(CA_NAME)?;
            write_file(&ca_cert, &ca.cert_pem, false)?;
            write_file(&ca_key, &ca.key_pem, true)?;
            written.extend([ca_cert, ca_key]);
            ca
        }
    };
    for host in hosts {
        let stem = file_stem(host)?;
        let issued = ca.issue(std::slice::from_ref(host))?;
        let (cert, key) = (
            out.join(format!("{stem}.pem")),
            out.join(format!("{stem}.key")),
        );
        write_file(&cert, &issued.cert_pem, false)?;
        write_file(&key, &issued.key_pem, true)?;
        written.extend([cert, key]);
    }
    Ok(written)
}

/// A safe file name for a host: `*.a.test` becomes `_wildcard.a.test`.
fn file_stem(host: &str) -> Result<String, DevCertError> {
    let stem = host.replacen("*.", "_wildcard.", 1);
    let ok = !stem.is_empty()
        && !stem.starts_with('.')
        && stem
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._:".contains(&b));
    ok.then_some(stem)
        .ok_or_else(|| DevCertError::Host(host.to_string()))
}

/// Writes a file; private keys get mode 0600 from the moment they exist.
fn write_file(path: &Path, text: &str, private: bool) -> Result<(), DevCertError> {
    let err = |source| DevCertError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(err)?;
    f.write_all(text.as_bytes()).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(file_stem("*.a.test").unwrap(), "_wildcard.a.test");
        assert!(file_stem("../etc/passwd").is_err());
        assert!(file_stem("a/b").is_err());
    }

    #[test]
    fn written_pair_loads_and_reused_ca_signs() {
        let dir = tempfile::tempdir().unwrap();
        write_dev(dir.path(), &["a.test".into()]).unwrap();
        let again = write_dev(dir.path(), &["b.test".into()]).unwrap();
        assert_eq!(again.len(), 2, "the CA is reused, not rewritten");
        let paths = super::super::config::CertPaths {
            cert: dir.path().join("b.test.pem"),
            key: dir.path().join("b.test.key"),
        };
        super::super::certs::load(&paths).unwrap();
    }
}

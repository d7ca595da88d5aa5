//! TLS config: the global `[tls]` table and each `[site.tls]`.
//!
//! Paths are resolved against the config file's directory here, once, so that `check`,
//! start-up and reloads all read the same files whatever the working directory.
//! Certificates are only named here; they are read and checked in [`super::certs`].

use std::path::PathBuf;
use std::time::Duration;

use http::StatusCode;
use serde::Deserialize;
use toml::Spanned;

use crate::settings::units::Dur;
use crate::settings::{Errors, SiteCtx};

/// `[tls]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct RawTls {
    pub(crate) default_cert: Option<Spanned<String>>,
    pub(crate) default_key: Option<Spanned<String>>,
    /// `"default"` (serve the default certificate) or `"refuse"`.
    pub(crate) unknown_sni: Option<Spanned<String>>,
    pub(crate) handshake_timeout: Option<Dur>,
    pub(crate) max_handshakes: Option<Spanned<u32>>,
    /// The port put in HTTP→HTTPS redirects (443 is left out of the URL).
    pub(crate) https_port: Option<Spanned<u16>>,
    /// `"1.2"` (default) or `"1.3"`.
    pub(crate) min_version: Option<Spanned<String>>,
}

/// A certificate chain and its private key, both PEM files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CertPaths {
    pub(crate) cert: PathBuf,
    pub(crate) key: PathBuf,
}

/// What to do with a client that sends no SNI, or a name no site serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum UnknownSni {
    /// Serve the default certificate (the request then gets the unknown-host answer).
    #[default]
    Default,
    /// Fail the handshake.
    Refuse,
}

#[derive(Debug, Clone)]
pub(crate) struct TlsConfig {
    pub(crate) default: Option<CertPaths>,
    pub(crate) unknown_sni: UnknownSni,
    pub(crate) handshake_timeout: Duration,
    pub(crate) max_handshakes: usize,
    pub(crate) https_port: u16,
    /// Accept TLS 1.3 only (Mozilla's "modern" profile) instead of 1.2 and 1.3.
    pub(crate) tls13_only: bool,
}

impl Default for TlsConfig {
    fn default() -> Self {
        Self {
            default: None,
            unknown_sni: UnknownSni::Default,
            handshake_timeout: Duration::from_secs(10),
            max_handshakes: 256,
            https_port: 443,
            tls13_only: false,
        }
    }
}

impl crate::settings::Config {
    /// The global `[tls]`.
    pub(crate) fn tls(&self) -> &TlsConfig {
        self.sections.get()
    }
}

pub(crate) fn validate(raw: RawTls, errs: &mut Errors) -> TlsConfig {
    let dflt = TlsConfig::default();
    let unknown_sni = match raw
        .unknown_sni
        .as_ref()
        .map(|s| (s.get_ref().as_str(), s.span()))
    {
        None | Some(("default", _)) => UnknownSni::Default,
        Some(("refuse", _)) => UnknownSni::Refuse,
        Some((_, span)) => {
            errs.at(span, "tls.unknown_sni must be \"default\" or \"refuse\"");
            UnknownSni::Default
        }
    };
    let max_handshakes = match raw.max_handshakes {
        Some(n) if *n.get_ref() == 0 => {
            errs.at(n.span(), "tls.max_handshakes must be at least 1");
            dflt.max_handshakes
        }
        Some(n) => *n.get_ref() as usize,
        None => dflt.max_handshakes,
    };
    let tls13_only = match raw
        .min_version
        .as_ref()
        .map(|s| (s.get_ref().as_str(), s.span()))
    {
        None | Some(("1.2", _)) => false,
        Some(("1.3", _)) => true,
        Some((_, span)) => {
            errs.at(span, "tls.min_version must be \"1.2\" or \"1.3\"");
            false
        }
    };
    TlsConfig {
        tls13_only,
        default: cert_pair(raw.default_cert, raw.default_key, "default_cert", errs),
        unknown_sni,
        handshake_timeout: raw
            .handshake_timeout
            .map_or(dflt.handshake_timeout, |d| d.0),
        max_handshakes,
        https_port: raw.https_port.map_or(443, |p| *p.get_ref()),
    }
}

/// `[site.tls]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct RawSiteTls {
    pub(crate) cert: Option<Spanned<String>>,
    pub(crate) key: Option<Spanned<String>>,
    pub(crate) redirect_http: bool,
    /// 301 or 308 (the default, which keeps the method and body).
    pub(crate) redirect_status: Option<Spanned<u16>>,
    /// Pass `/.well-known/acme-challenge/` through on plain HTTP (default true).
    pub(crate) acme_passthrough: Option<bool>,
    /// A PEM file of CA certificates that the HTTPS upstream's chain must lead to.
    pub(crate) upstream_ca: Option<Spanned<String>>,
    /// The name sent as SNI to, and checked in the certificate of, the upstream.
    pub(crate) upstream_sni: Option<Spanned<String>>,
    pub(crate) insecure_skip_verify: bool,
}

#[derive(Debug, Default, Clone)]
pub(crate) struct SiteTls {
    pub(crate) cert: Option<CertPaths>,
    /// Set when plain-HTTP requests are redirected to HTTPS.
    pub(crate) redirect: Option<StatusCode>,
    pub(crate) acme_passthrough: bool,
    pub(crate) upstream_ca: Option<PathBuf>,
    pub(crate) upstream_sni: Option<String>,
    pub(crate) insecure_skip_verify: bool,
}

impl crate::settings::Site {
    /// This site's `[site.tls]`, if it has one.
    pub(crate) fn tls(&self) -> Option<&SiteTls> {
        self.sections.get::<Option<SiteTls>>().as_ref()
    }
}

pub(crate) fn validate_site(raw: RawSiteTls, ctx: &SiteCtx<'_>, errs: &mut Errors) -> SiteTls {
    let status = match raw.redirect_status {
        None => StatusCode::PERMANENT_REDIRECT,
        Some(s) if matches!(*s.get_ref(), 301 | 308) => {
            StatusCode::from_u16(*s.get_ref()).expect("valid status")
        }
        Some(s) => {
            errs.at(s.span(), "tls.redirect_status must be 301 or 308");
            StatusCode::PERMANENT_REDIRECT
        }
    };
    if let Some(sni) = &raw.upstream_sni
        && rustls::pki_types::ServerName::try_from(sni.get_ref().as_str()).is_err()
    {
        errs.at(
            sni.span(),
            format!("upstream_sni {:?} is not a valid name", sni.get_ref()),
        );
    }
    if raw.insecure_skip_verify && raw.upstream_ca.is_some() {
        let span = raw
            .upstream_ca
            .as_ref()
            .map(Spanned::span)
            .unwrap_or_default();
        errs.at(
            span,
            format!(
                "site {}: upstream_ca and insecure_skip_verify contradict each other",
                ctx.name
            ),
        );
    }
    let upstream_ca = raw.upstream_ca.map(|p| errs.resolve(p.get_ref()));
    SiteTls {
        cert: cert_pair(raw.cert, raw.key, "cert", errs),
        redirect: raw.redirect_http.then_some(status),
        acme_passthrough: raw.acme_passthrough.unwrap_or(true),
        upstream_ca,
        upstream_sni: raw.upstream_sni.map(Spanned::into_inner),
        insecure_skip_verify: raw.insecure_skip_verify,
    }
}

/// A cert and a key go together: one without the other is an error.
fn cert_pair(
    cert: Option<Spanned<String>>,
    key: Option<Spanned<String>>,
    what: &str,
    errs: &mut Errors,
) -> Option<CertPaths> {
    match (cert, key) {
        (Some(c), Some(k)) => Some(CertPaths {
            cert: errs.resolve(c.get_ref()),
            key: errs.resolve(k.get_ref()),
        }),
        (None, None) => None,
        (Some(c), None) => {
            errs.at(c.span(), format!("{what} is set but its key is missing"));
            None
        }
        (None, Some(k)) => {
            errs.at(
                k.span(),
                format!("a key is set without its certificate ({what})"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn parse(src: &str) -> Result<crate::settings::Config, crate::settings::ConfigErrors> {
        crate::config::parse(src, Path::new("/etc/lachan/lachan.toml"))
    }

    const SITE: &str =
        "[[site]]\nname = \"p\"\nhosts = [\"p.test\"]\nupstream = \"https://10.0.0.1\"\n";

    #[test]
    fn paths_resolve_against_the_config_dir_and_defaults_apply() {
        let src = format!(
            "[server]\nlisten_tls = [\"127.0.0.1:443\"]\n[tls]\ndefault_cert = \"c.pem\"\n\
             default_key = \"/abs/k.pem\"\n{SITE}[site.tls]\nredirect_http = true\n\
             upstream_ca = \"ca/roots.pem\"\n"
        );
        let c = parse(&src).unwrap();
        let default = c.tls().default.as_ref().unwrap();
        assert_eq!(default.cert, Path::new("/etc/lachan/c.pem"));
        assert_eq!(default.key, Path::new("/abs/k.pem"));
        assert_eq!(c.tls().handshake_timeout, Duration::from_secs(10));
        assert!(!c.tls().tls13_only);
        let t = c.sites[0].tls().unwrap();
        assert_eq!(t.redirect, Some(StatusCode::PERMANENT_REDIRECT));
        assert!(t.acme_passthrough);
        assert_eq!(
            t.upstream_ca.as_deref(),
            Some(Path::new("/etc/lachan/ca/roots.pem"))
        );
    }

    #[test]
    fn bad_tls_settings_are_reported_with_their_lines() {
        let src = format!(
            "[server]\nlisten_tls = [\"127.0.0.1:443\"]\n[tls]\nunknown_sni = \"maybe\"\n\
             min_version = \"1.1\"\ndefault_cert = \"c.pem\"\n{SITE}[site.tls]\n\
             redirect_status = 302\nupstream_sni = \"not a name!\"\n"
        );
        let errs = parse(&src).unwrap_err().0;
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![4, 5, 6, 12, 13], "{errs:#?}");
        assert!(errs[2].message.contains("key is missing"));
    }
}

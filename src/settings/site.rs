//! One site as every part reads it: name, hosts, upstream and mode, and each part's own
//! section (see [`super::sections`]).

use toml::Spanned;

use super::sections::Sections;

/// What the sanitizer and the guard do with what they find.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Strip and block.
    #[default]
    Enforce,
    /// Change nothing; log what would have been done.
    Report,
}

/// Where a site's requests go: an `http://` or `https://` origin.
#[derive(Debug, Clone)]
pub struct Upstream {
    pub(crate) scheme: http::uri::Scheme,
    pub(crate) authority: http::uri::Authority,
}

impl Upstream {
    pub(crate) fn is_https(&self) -> bool {
        self.scheme == http::uri::Scheme::HTTPS
    }
}

/// One protected site.
#[derive(Debug)]
pub struct Site {
    pub(crate) name: String,
    /// The name again, shared: metric labels and audit records take it without a copy per
    /// request.
    pub(crate) label: std::sync::Arc<str>,
    /// Lower-case host names, without ports.
    pub(crate) hosts: Vec<String>,
    pub(crate) upstream: Upstream,
    pub(crate) mode: Mode,
    /// `[site.sanitize]`, `[site.guard]`, `[site.tls]`, …: each read through its part's
    /// accessor (`site.sanitize()`, `site.guard()`, …).
    pub sections: Sections,
}

/// What the per-module validators get to know about the site they validate.
#[derive(Debug)]
pub struct SiteCtx<'a> {
    pub(crate) name: &'a str,
    pub(crate) hosts: &'a [String],
    pub(crate) mode: Mode,
    /// The site-wide `allow` list, as written.
    pub(crate) allow: &'a [Spanned<String>],
}

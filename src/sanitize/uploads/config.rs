//! `[site.uploads]`: which folders hold uploaded files, and what happens to HTML found in
//! them. Parsed, then validated into [`SiteUploads`].
//!
//! Paths are matched on the guard's normalised path (decoded, lower-case), segment by
//! segment; `*` stands for exactly one segment (`/sites/*/files/`).

use serde::Deserialize;
use toml::Spanned;

use crate::settings::units::Size;
use crate::settings::{Errors, SiteCtx};

/// The upload folders of the common CMSes: WordPress (also installed in a sub-folder),
/// Joomla, Drupal, and the generic names.
pub const DEFAULT_PATHS: &[&str] = &[
    "/wp-content/uploads/",
    "/*/wp-content/uploads/",
    "/images/",
    "/media/",
    "/sites/*/files/",
    "/uploads/",
    "/upload/",
    "/files/",
];

/// How much of an SVG (or XML) file under an upload folder is read, decoded, to judge it.
const DEFAULT_INSPECT: u64 = 256 * 1024;

/// `[site.uploads]`, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawSiteUploads {
    paths: Option<Vec<Spanned<String>>>,
    html: Option<Spanned<String>>,
    inspect: Option<Size>,
}

/// What to do with HTML and active SVG under an upload folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HtmlPolicy {
    /// 403 and an audit event (`upload.doorway`).
    #[default]
    Refuse,
    /// Serve it through the sanitizer like any page. HTML disguised under another type is
    /// still refused: the sanitizer would pass it through unread.
    Sanitize,
}

/// `[site.uploads]`, validated.
#[derive(Debug, Clone)]
pub struct SiteUploads {
    /// Lower-case path patterns, split into segments (`*` for any one segment).
    pub paths: Vec<Vec<String>>,
    pub html: HtmlPolicy,
    /// Decoded bytes read from an SVG or XML file before it is judged; past that without a
    /// verdict the file is refused (fail closed).
    pub inspect: usize,
}

impl Default for SiteUploads {
    fn default() -> Self {
        Self {
            paths: DEFAULT_PATHS.iter().map(|p| segments(p)).collect(),
            html: HtmlPolicy::Refuse,
            inspect: DEFAULT_INSPECT as usize,
        }
    }
}

impl SiteUploads {
    /// Whether the (normalised, `..`-free) path segments lie inside an upload folder.
    pub fn covers(&self, segs: &[&str]) -> bool {
        self.paths.iter().any(|pat| {
            pat.len() < segs.len() && pat.iter().zip(segs).all(|(p, s)| p == "*" || p == s)
        })
    }
}

fn segments(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_lowercase)
        .collect()
}

impl crate::settings::Site {
    /// This site's `[site.uploads]`.
    pub fn uploads(&self) -> &SiteUploads {
        self.sections.get()
    }
}

pub fn validate(raw: RawSiteUploads, _ctx: &SiteCtx<'_>, errs: &mut Errors) -> SiteUploads {
    let defaults = SiteUploads::default();
    let paths = match raw.paths {
        None => defaults.paths,
        Some(list) => list
            .iter()
            .filter_map(|p| {
                let text = p.get_ref();
                let segs = segments(text);
                if !text.starts_with('/') || segs.is_empty() {
                    errs.at(
                        p.span(),
                        "an upload path must start with `/` and name a folder",
                    );
                    return None;
                }
                Some(segs)
            })
            .collect(),
    };
    let html = match raw.html.as_ref().map(|h| (h.get_ref().as_str(), h.span())) {
        None | Some(("refuse", _)) => HtmlPolicy::Refuse,
        Some(("sanitize", _)) => HtmlPolicy::Sanitize,
        Some((other, span)) => {
            errs.at(
                span,
                format!("uploads.html {other:?} is not \"refuse\" or \"sanitize\""),
            );
            HtmlPolicy::Refuse
        }
    };
    SiteUploads {
        paths,
        html,
        inspect: raw.inspect.map_or(defaults.inspect, Size::as_usize),
    }
}

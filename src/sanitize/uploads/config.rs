//! `[site.uploads]`: which folders hold uploaded files, which hold the CMS's own code and
//! caches, and what happens to pages and scripts found in them. Parsed, then validated into
//! [`SiteUploads`].
//!
//! Paths are matched on the guard's normalised path (decoded, lower-case), segment by
//! segment; `*` stands for exactly one segment (`/sites/*/files/`).

use serde::Deserialize;
use toml::Spanned;

use crate::settings::units::Size;
use crate::settings::{Errors, SiteCtx};

/// The upload folders of the CMSes common on agency portals: WordPress (also installed in
/// a sub-folder), Joomla, Drupal, FCKeditor/CKFinder (`UserFiles`, also under an admin
/// folder, and the connectors' folder with its upload test pages), DNN (`Portals/0`,
/// `Portals/_default`), Liferay (the `documents` and `image` servlets), SharePoint document
/// and picture libraries (also in a sub-site), and the generic names. Matched without case
/// (IIS, which serves DNN, SharePoint and most FCKeditor installs, ignores it) after the
/// path is decoded and `//`, `/./`, `..` and trailing dots are folded.
pub(crate) const DEFAULT_PATHS: &[&str] = &[
    "/wp-content/uploads/",
    "/*/wp-content/uploads/",
    "/images/",
    "/media/",
    "/sites/*/files/",
    "/uploads/",
    "/upload/",
    "/files/",
    "/userfiles/",
    "/*/userfiles/",
    "/ckfinder/userfiles/",
    "/*/ckfinder/userfiles/",
    "/fckeditor/editor/filemanager/connectors/",
    "/*/fckeditor/editor/filemanager/connectors/",
    "/portals/*/",
    "/documents/",
    "/image/",
    "/shared documents/",
    "/*/shared documents/",
    "/sites/*/shared documents/",
    "/publishingimages/",
    "/*/publishingimages/",
    "/sites/*/publishingimages/",
];

/// Folders that hold the CMS's code, caches and well-known files, which kits also write
/// to. Every page of these CMSes is served by a server program: a static page here is
/// documentation, a block-theme template read from disk, a cache file served under the
/// page's own URL, an upload tool (FCKeditor's file manager and its test pages), or a
/// doorway. Scripts here are the CMS's own (SharePoint's `SiteAssets` and `Style Library`
/// hold the site's scripts and styles, never a page served by URL).
pub(crate) const DEFAULT_CODE_PATHS: &[&str] = &[
    "/wp-content/",
    "/*/wp-content/",
    "/wp-includes/",
    "/*/wp-includes/",
    "/tmp/",
    "/cache/",
    "/administrator/cache/",
    "/.well-known/",
    "/fckeditor/editor/filemanager/",
    "/*/fckeditor/editor/filemanager/",
    "/siteassets/",
    "/*/siteassets/",
    "/sites/*/siteassets/",
    "/style library/",
    "/*/style library/",
    "/sites/*/style library/",
];

/// Folders inside upload folders where the CMS writes its own scripts: Joomla's extension
/// assets, Drupal's aggregated and translation scripts, the WordPress optimizers and page
/// builders that write to `uploads/`, DNN's skins and containers (`Portals/_default/Skins/`).
pub(crate) const DEFAULT_SCRIPT_PATHS: &[&str] = &[
    "/media/",
    "/sites/*/files/js/",
    "/sites/*/files/languages/",
    "/wp-content/uploads/siteground-optimizer-assets/",
    "/wp-content/uploads/bb-plugin/cache/",
    "/portals/*/skins/",
    "/portals/*/containers/",
];

/// How much of an SVG (or XML) file under an upload folder is read, decoded, to judge it.
const DEFAULT_INSPECT: u64 = 256 * 1024;

/// `[site.uploads]`, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct RawSiteUploads {
    paths: Option<Vec<Spanned<String>>>,
    code_paths: Option<Vec<Spanned<String>>>,
    script_paths: Option<Vec<Spanned<String>>>,
    except: Option<Vec<Spanned<String>>>,
    html: Option<Spanned<String>>,
    inspect: Option<Size>,
}

/// What to do with HTML and active SVG under an upload folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum HtmlPolicy {
    /// 403 and an audit event (`upload.doorway`).
    #[default]
    Refuse,
    /// Serve it through the sanitizer like any page. HTML disguised under another type is
    /// still refused: the sanitizer would pass it through unread.
    Sanitize,
}

/// The kind of folder a path lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Folder {
    /// Uploaded files: pages, active SVG and scripts are refused.
    Upload,
    /// Code and caches: pages and active SVG are refused, scripts served.
    Code,
}

/// A path pattern: lower-case segments, `*` for any one segment.
pub(crate) type Pattern = Vec<String>;

/// `[site.uploads]`, validated.
#[derive(Debug, Clone)]
pub(crate) struct SiteUploads {
    pub(crate) paths: Vec<Pattern>,
    pub(crate) code_paths: Vec<Pattern>,
    pub(crate) script_paths: Vec<Pattern>,
    /// Files and folders exempt from every check here.
    pub(crate) except: Vec<Pattern>,
    pub(crate) html: HtmlPolicy,
    /// Decoded bytes read from an SVG or XML file before it is judged; past that without a
    /// verdict the file is refused (fail closed).
    pub(crate) inspect: usize,
}

impl Default for SiteUploads {
    fn default() -> Self {
        Self {
            paths: defaults(DEFAULT_PATHS),
            code_paths: defaults(DEFAULT_CODE_PATHS),
            script_paths: defaults(DEFAULT_SCRIPT_PATHS),
            except: vec![],
            html: HtmlPolicy::Refuse,
            inspect: DEFAULT_INSPECT as usize,
        }
    }
}

impl SiteUploads {
    /// The folder the (normalised, `..`-free) path segments lie in; an upload folder wins
    /// over a code folder around it (`/wp-content/uploads/` inside `/wp-content/`).
    pub(crate) fn folder(&self, segs: &[&str]) -> Option<Folder> {
        if self
            .except
            .iter()
            .any(|p| p.len() <= segs.len() && matches(p, segs))
        {
            return None;
        }
        if inside_any(&self.paths, segs) {
            Some(Folder::Upload)
        } else if inside_any(&self.code_paths, segs) {
            Some(Folder::Code)
        } else {
            None
        }
    }

    /// Whether the path lies inside an upload or code folder.
    pub(crate) fn covers(&self, segs: &[&str]) -> bool {
        self.folder(segs).is_some()
    }

    /// Whether a script served from this path is refused: it lies in an upload folder and
    /// not in one where the CMS writes its own scripts.
    pub(crate) fn refuses_scripts(&self, segs: &[&str]) -> bool {
        self.folder(segs) == Some(Folder::Upload) && !inside_any(&self.script_paths, segs)
    }

    /// Whether a page served from this path is refused.
    pub(crate) fn refuses_pages(&self, segs: &[&str]) -> bool {
        self.html == HtmlPolicy::Refuse && self.covers(segs)
    }
}

fn inside_any(patterns: &[Pattern], segs: &[&str]) -> bool {
    patterns
        .iter()
        .any(|p| p.len() < segs.len() && matches(p, segs))
}

fn matches(pat: &[String], segs: &[&str]) -> bool {
    pat.iter().zip(segs).all(|(p, s)| p == "*" || p == s)
}

fn defaults(list: &[&str]) -> Vec<Pattern> {
    list.iter().map(|p| segments(p)).collect()
}

fn segments(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_lowercase)
        .collect()
}

impl crate::settings::Site {
    /// This site's `[site.uploads]`.
    pub(crate) fn uploads(&self) -> &SiteUploads {
        self.sections.get()
    }
}

pub(crate) fn validate(raw: RawSiteUploads, _ctx: &SiteCtx<'_>, errs: &mut Errors) -> SiteUploads {
    let d = SiteUploads::default();
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
        paths: patterns(raw.paths, d.paths, errs),
        code_paths: patterns(raw.code_paths, d.code_paths, errs),
        script_paths: patterns(raw.script_paths, d.script_paths, errs),
        except: patterns(raw.except, d.except, errs),
        html,
        inspect: raw.inspect.map_or(d.inspect, Size::as_usize),
    }
}

/// A list as written replaces the defaults.
fn patterns(
    raw: Option<Vec<Spanned<String>>>,
    default: Vec<Pattern>,
    errs: &mut Errors,
) -> Vec<Pattern> {
    let Some(list) = raw else {
        return default;
    };
    list.iter()
        .filter_map(|p| {
            let text = p.get_ref();
            let segs = segments(text);
            if !text.starts_with('/') || segs.is_empty() {
                errs.at(
                    p.span(),
                    "an upload path must start with `/` and name a folder or file",
                );
                return None;
            }
            Some(segs)
        })
        .collect()
}

//! Stages 3 and 5, doorway pages in upload folders (rule `upload.doorway`).
//!
//! Attackers who can upload files to a CMS put spam pages there (`/wp-content/uploads/
//! 2024/05/tai-xiu.html`, an `.svg` holding script or links) and link them as doorway
//! pages; kits also write into the CMS's code and cache folders, and plant loaders
//! (`/wp-content/uploads/x.js`) that a page then runs. Under a site's upload and code
//! folders ([`config::SiteUploads`]) the gateway refuses active content with a 403 and an
//! audit event; scripts only under upload folders (code folders hold the CMS's own). Pages
//! that point at such files are handled by [`refs`] in the sanitizer. Twice:
//!
//! - on the request ([`UploadCheck::request`], before the CMS is asked): a file name with
//!   an active (or, in upload folders, script) extension, read from the guard's normalised
//!   path (decoded, `//`, `/./`, `..`, `;params`, trailing dots and spaces), in any case,
//!   in any position of a double extension;
//! - on the response ([`UploadCheck::response`], before its head goes out): a 2xx whose
//!   `Content-Type` is a page type (or, in upload folders, a script type), an SVG or XHTML document with script, handlers,
//!   embedded HTML or links out, or a body that sniffs as HTML under any other type
//!   (`upload.php?f=x.jpg` answering with a page, `x.jpg` sent as `text/html`), or a body
//!   sent as a web image type that is no image (a planted script saved as `pixel.gif`,
//!   [`images`]). Bodies are decoded for this look; only a bounded start of them is held
//!   ([`peek`]).
//! - on the response also, in a folder that refuses scripts: a body that is a script
//!   whatever its type (a loader sent as `text/plain` or `application/octet-stream`, a
//!   web shell; [`script_like`]).
//! - on the request also: one that runs what it fetches (`Sec-Fetch-Dest: script`,
//!   workers) from an upload folder, or a file named as an image or document from any.
//!
//! Error statuses are left to the sanitizer: a CMS answers a missing upload with its own
//! HTML 404 page. A refusal here never counts towards a ban: visitors who follow a planted
//! link are not the attacker. A site in `report` mode only reports.

pub mod config;
pub(crate) mod images;
pub mod peek;
pub mod refs;
pub(crate) mod script_like;
pub mod sniff;

use std::sync::atomic::Ordering;
use std::time::Duration;

use http::Response;

use self::config::{HtmlPolicy, SiteUploads};
use self::peek::{Peek, PeekError};
use self::sniff::Claim;
use crate::audit::{Action, AuditLog, Event, RequestInfo};
use crate::body::{GatewayBody, boxed};
use crate::guard::normalize::Target;
use crate::sanitize::codec::Codings;
use crate::settings::{Mode, Site};

/// The rule id of every refusal here.
pub(crate) const RULE: &str = "upload.doorway";

/// Why a request or response under an upload folder is not served.
#[derive(Debug, thiserror::Error)]
pub(crate) enum UploadError {
    /// Active content: the client gets the 403 page (already audited).
    #[error("active content in an upload folder: {0}")]
    Refused(String),
    /// The upstream body failed while it was being judged.
    #[error("upstream body failed while judging an upload: {0}")]
    Upstream(String),
    #[error("upstream body too slow while judging an upload")]
    Timeout(Duration),
}

/// The check of one request whose path lies in an upload folder.
#[derive(Debug)]
pub(crate) struct UploadCheck<'a> {
    site: &'a Site,
    audit: &'a AuditLog,
    info: &'a RequestInfo,
    policy: &'a SiteUploads,
    file: String,
    /// A page extension in a folder name (`/documents/1/2/x.html/uuid`, Liferay's document
    /// URLs; `x.html/y.jpg`, which Apache serves as `x.html` with path info).
    page_in_path: Option<&'static str>,
    /// Scripts are refused here (an upload folder the CMS writes no scripts to).
    scripts: bool,
    /// A finding was reported already (report mode): one event per request.
    reported: std::sync::atomic::AtomicBool,
}

impl<'a> UploadCheck<'a> {
    /// `None` unless the path lies inside one of the site's upload folders.
    pub(crate) fn new(
        site: &'a Site,
        audit: &'a AuditLog,
        info: &'a RequestInfo,
        uri: &http::Uri,
    ) -> Option<Self> {
        let policy = &site.uploads();
        let target = Target::new(uri.path(), None);
        let segs = resolved(&target);
        if !policy.covers(&segs) {
            return None;
        }
        let file = segs.last().map_or("", |s| s).to_string();
        let page_in_path = segs.iter().find_map(|s| sniff::active_extension(s));
        Some(Self {
            site,
            audit,
            info,
            policy,
            file,
            page_in_path,
            scripts: policy.refuses_scripts(&segs),
            reported: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// Refuses a page's file name (in `refuse` mode) and a script's (in upload folders), and
    /// a request that would run what it fetches as a script (`Sec-Fetch-Dest: script`,
    /// workers) from an upload folder, or a file named as an image or document from any.
    pub(crate) fn request(&self, headers: &http::HeaderMap) -> Result<(), UploadError> {
        let page = (self.policy.html == HtmlPolicy::Refuse)
            .then_some(self.page_in_path)
            .flatten();
        let script = self
            .scripts
            .then(|| sniff::script_extension(&self.file))
            .flatten();
        if let Some(ext) = page.or(script) {
            return self.refuse(format!("file name ends in .{ext}"));
        }
        let dest = headers
            .get_all("sec-fetch-dest")
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .find(|d| images::script_destination(d));
        match dest {
            Some(d) if self.no_script() => {
                self.refuse(format!("requested as a script (Sec-Fetch-Dest: {d})"))
            }
            _ => Ok(()),
        }
    }

    /// Judges a successful response before its head goes out; returns it with its body
    /// whole again. `base` resolves relative links found in SVG.
    pub(crate) async fn response(
        &self,
        resp: Response<GatewayBody>,
        base: &url::Url,
        timeout: Duration,
    ) -> Result<Response<GatewayBody>, UploadError> {
        if !resp.status().is_success() || self.reported.load(Ordering::Relaxed) {
            return Ok(resp);
        }
        let claim = sniff::claim(resp.headers());
        let image = crate::sanitize::content_type::extract(resp.headers())
            .is_some_and(|m| images::is_web_image(m.essence()));
        let sanitized = self.policy.html == HtmlPolicy::Sanitize;
        match claim {
            Claim::Script if self.no_script() => {
                self.refuse("served as a script type".into())?;
                return Ok(resp);
            }
            // Where a script may not be, a body sent as data is looked at too: a loader or
            // web shell is a script whatever its type (see [`script_like`]).
            Claim::Inert if !self.no_script() => return Ok(resp),
            Claim::Script => return Ok(resp),
            Claim::Html | Claim::Svg if sanitized => return Ok(resp),
            Claim::Html => {
                self.refuse("served as a page type".into())?;
                return Ok(resp);
            }
            _ => {}
        }
        let Ok(coding) = Codings::from_headers(resp.headers()) else {
            self.refuse("unknown content coding".into())?;
            return Ok(resp);
        };
        let (head, body) = resp.into_parts();
        let mut peek = Peek::new(body, coding).map_err(|e| UploadError::Upstream(e.to_string()))?;
        let judged = self.judge(&mut peek, claim, image, base);
        let verdict = tokio::time::timeout(timeout, judged)
            .await
            .map_err(|_| UploadError::Timeout(timeout))?;
        match verdict {
            Ok(None) => {}
            Ok(Some(why)) => self.refuse(why)?,
            Err(PeekError::Upstream(e)) => return Err(UploadError::Upstream(e.to_string())),
            Err(PeekError::Decode(e)) => self.refuse(format!("undecodable body: {e}"))?,
        }
        Ok(Response::from_parts(head, boxed(peek.replay())))
    }

    /// Reads as much of the body as the claim needs; `Some(reason)` when it is active.
    async fn judge(
        &self,
        peek: &mut Peek,
        claim: Claim,
        image: bool,
        base: &url::Url,
    ) -> Result<Option<String>, PeekError> {
        if image {
            peek.fill(images::SIGNATURE_LEN).await?;
            let empty = peek.complete && peek.decoded().is_empty();
            if !empty && !images::is_image(peek.decoded()) {
                return Ok(Some("body sent as an image does not sniff as one".into()));
            }
        }
        if matches!(claim, Claim::Unknown | Claim::Inert) {
            peek.fill(sniff::SNIFF_WINDOW).await?;
            if claim == Claim::Unknown && sniff::sniffs_html(peek.decoded()) {
                return Ok(Some("body sniffs as HTML".into()));
            }
            if self.no_script()
                && let Some(why) = script_like::script_like(peek.decoded())
            {
                return Ok(Some(format!("body is {why}")));
            }
            if claim == Claim::Inert {
                return Ok(None);
            }
            if !sniff::looks_xml(peek.decoded()) {
                return Ok(None);
            }
        }
        peek.fill(self.policy.inspect).await?;
        let foreign = |u: &str| self.site.sanitize().is_foreign(u, base);
        if let Some(why) = sniff::svg_active(peek.decoded(), &foreign) {
            return Ok(Some(why));
        }
        let is_svg = claim == Claim::Svg || sniff::looks_xml(peek.decoded());
        let unread = !peek.complete && peek.decoded().len() >= self.policy.inspect;
        Ok((unread && is_svg).then(|| "SVG larger than uploads.inspect".into()))
    }

    /// No script may be served here: the folder refuses scripts, or the file is not named
    /// as one (`/media/k2/items/cache/x.jpg`, `x.txt`, no extension: a CMS's own scripts in
    /// the script folders of its uploads are `.js` files), whatever type it is sent as.
    fn no_script(&self) -> bool {
        self.scripts || !script_like::script_name(&self.file)
    }

    /// Audits the finding; `Err` unless the site only reports.
    fn refuse(&self, why: String) -> Result<(), UploadError> {
        let action = match self.site.mode {
            Mode::Report => Action::Reported,
            Mode::Enforce => Action::Blocked,
        };
        let event = Event::new(self.info, RULE, action)
            .target(self.info.url.to_string())
            .detail(why.clone());
        self.audit.emit(event);
        match self.site.mode {
            Mode::Report => {
                self.reported.store(true, Ordering::Relaxed);
                Ok(())
            }
            Mode::Enforce => Err(UploadError::Refused(why)),
        }
    }
}

/// The path's segments with `..` resolved and `;params` cut, as the file system sees them.
pub(crate) fn resolved(target: &Target) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for seg in target.segments() {
        let seg = seg.split(';').next().unwrap_or(seg);
        let bare = seg.trim_end_matches([' ', '.']);
        match (seg, bare) {
            (".", _) | ("", _) => {}
            (_, "") if seg.starts_with("..") => {
                out.pop();
            }
            _ => out.push(if bare.is_empty() { seg } else { bare }),
        }
    }
    out
}

#[cfg(test)]
mod tests;

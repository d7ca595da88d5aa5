//! Stage 5 and 6 helper (doorway uploads): where a URL written in a page or a `Link`
//! header leads inside an upload or code folder. The rewriter (`sanitize::html::upload_refs`)
//! asks this for `<script src>`, script preloads and links, stage 5 for `Link` values; the
//! decision uses the same folders and the same path normalisation as the refusal of the
//! files themselves ([`super::UploadCheck`]), so a page never keeps a reference to a file
//! that the gateway would refuse.
//!
//! Other hosts (a sister agency allowed by name or by `*.gov.vn`) are judged with the
//! default folders ([`super::config::SiteUploads::default`]): the allow list vouches for a
//! host, not for what an attacker uploaded to it, and a page or script in its upload
//! folder is a doorway or loader planted there (issues 37 and 38). Whether a URL to such a
//! host names a planted document is one judgement, [`planted_document`], which the URL
//! policy (`policy::sister_doorway`) applies to every carrier: links, frames, forms,
//! objects, `<base>`, refreshes, redirects, `Link` values, JSON-LD, style sheets and the
//! navigations that scripts build. Foreign hosts never get here: their links are removed
//! before.

use std::sync::LazyLock;

use crate::guard::normalize::Target;
use crate::settings::Site;

use super::config::{Folder, SiteUploads};
use super::sniff;

/// The folders another host is judged by.
static OTHER_HOSTS: LazyLock<SiteUploads> = LazyLock::new(SiteUploads::default);

/// Runs `f` with the upload policy that applies to `url`'s host (the site's own for its
/// hosts, the defaults for any other) and the URL's normalised path segments.
fn with_path<R>(
    site: &Site,
    url: &url::Url,
    f: impl FnOnce(&SiteUploads, &[&str]) -> R,
) -> Option<R> {
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?;
    let policy = if is_own(site, host) {
        site.uploads()
    } else {
        &OTHER_HOSTS
    };
    let target = Target::new(url.path(), None);
    Some(f(policy, &super::resolved(&target)))
}

/// Whether `host` is one of the site's own hosts (as the URL policy knows them).
fn is_own(site: &Site, host: &str) -> bool {
    site.sanitize().hosts.is_own(host)
}

/// Whether `url` is an http(s) URL on a host other than the site's own: for a URL the
/// policy allowed, a sister site.
pub(crate) fn other_host(site: &Site, url: &url::Url) -> bool {
    matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|h| !is_own(site, h))
}

/// Whether `url` (on another host than the site's own) names a document planted in that
/// host's upload or code folders, judged by the default folders: a page anywhere in the
/// path (also a folder name, as Liferay's `/documents/…/x.html/uuid`), a server program in
/// an upload folder, a script or style sheet where the CMS writes none. With `navigable`
/// (the carrier opens or runs what it loads) also an SVG or XSLT document, and, in an upload
/// folder, a path that names no file at all (`/uploads/2024/05/`, `/uploads/tai-xiu`: a
/// planted folder's `index.html`, or a page the server serves without extension). The
/// folder itself (`/uploads/`), images, documents and media are not. The one judgement
/// behind `policy::sister_doorway`.
pub(crate) fn planted_document(url: &url::Url, navigable: bool) -> bool {
    let target = Target::new(url.path(), None);
    let segs = super::resolved(&target);
    let p = &*OTHER_HOSTS;
    let Some(folder) = p.folder(&segs) else {
        return false;
    };
    let upload = folder == Folder::Upload;
    let any = |f: fn(&str) -> Option<&'static str>| segs.iter().any(|s| f(s).is_some());
    let page = any(sniff::active_extension) || (upload && any(sniff::server_extension));
    let code =
        p.refuses_scripts(&segs) && (any(sniff::script_extension) || any(sniff::style_extension));
    let document = navigable
        && upload
        && (any(sniff::document_extension) || segs.iter().all(|s| names_no_type(s)));
    page || code || document
}

/// A path segment without a file extension (a leading dot is a hidden file's name).
fn names_no_type(seg: &str) -> bool {
    !seg.trim_start_matches('.').contains('.')
}

/// Whether a script loaded from `url` comes from an upload folder where scripts are
/// refused (whatever its extension: the CMS writes no scripts there), or from any upload
/// folder under a name that is not a script's (`/media/pixel.gif`, `/media/k2/x`: never
/// the CMS's own script, also where it writes its own).
pub(crate) fn refused_script(site: &Site, url: &url::Url) -> bool {
    with_path(site, url, |p, segs| {
        let named_inert = segs
            .last()
            .is_some_and(|f| !super::script_like::script_name(f));
        p.refuses_scripts(segs) || (p.folder(segs) == Some(Folder::Upload) && named_inert)
    })
    .unwrap_or(false)
}

/// Whether `url`, on one of the site's own hosts, names a page in a folder where pages are
/// refused: a doorway. The page may be any segment (`/documents/1/2/x.html/uuid`, Liferay's
/// document URLs); in an upload folder a server program (`x.php`, `x.aspx`) counts too,
/// since the CMS never puts one there. Images, documents and other files there stay
/// linkable. Other hosts are judged by the URL policy (`policy::sister_doorway`), which
/// every carrier asks before this.
pub(crate) fn doorway_page(site: &Site, url: &url::Url) -> bool {
    if other_host(site, url) {
        return false;
    }
    with_path(site, url, |p, segs| {
        let upload = p.folder(segs) == Some(Folder::Upload);
        p.refuses_pages(segs)
            && segs.iter().any(|f| {
                sniff::active_extension(f).is_some()
                    || (upload && sniff::server_extension(f).is_some())
            })
    })
    .unwrap_or(false)
}

/// Whether a raw attribute value can name a page file once decoded: it holds a page
/// extension's letters (`htm`, `xht`, `stm`, `mht`, `hta`), or characters that could hide
/// them (`%`, `&`, and the tabs and newlines the URL parser strips), or a server program's
/// (`php`, `asp`, `ashx`, `jsp`, `cgi`, `cfm`). Lets the rewriter skip parsing the ordinary links
/// of a page.
pub(crate) fn may_name_page(raw: &str) -> bool {
    let b = raw.as_bytes();
    if b.iter()
        .any(|c| matches!(c, b'%' | b'&' | b'\t' | b'\n' | b'\r'))
    {
        return true;
    }
    b.windows(3).any(|w| {
        let w = [
            w[0].to_ascii_lowercase(),
            w[1].to_ascii_lowercase(),
            w[2].to_ascii_lowercase(),
        ];
        matches!(
            &w,
            b"htm"
                | b"xht"
                | b"stm"
                | b"mht"
                | b"hta"
                | b"php"
                | b"pht"
                | b"asp"
                | b"ash"
                | b"asm"
                | b"jsp"
                | b"cgi"
                | b"cfm"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names_are_never_skipped_by_the_prefilter() {
        for raw in [
            "/uploads/a.html",
            "/uploads/a.HTM",
            "/uploads/a.xht",
            "/uploads/a.shtml",
            "/uploads/a.stm",
            "/uploads/a.mht",
            "/uploads/a.hta",
            "/uploads/a.%68tml",
            "/uploads/a.&#104;tml",
            "/uploads/a.ht\tml",
        ] {
            assert!(may_name_page(raw), "{raw}");
        }
        for raw in [
            "/tin-tuc/",
            "/uploads/bao-cao.pdf",
            "/images/anh.jpg",
            "#top",
        ] {
            assert!(!may_name_page(raw), "{raw}");
        }
    }
}

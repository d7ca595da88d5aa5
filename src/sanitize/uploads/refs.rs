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
//! folder is a doorway or loader planted there (issues 37 and 38). Foreign hosts never
//! get here: their links are removed before.

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

/// Whether `host` is one of the site's own hosts.
fn is_own(site: &Site, host: &str) -> bool {
    let host = host.trim_end_matches('.');
    site.sanitize().own_hosts.iter().any(|h| same_host(h, host))
}

/// Whether `url` is an http(s) URL on a host other than the site's own: for a URL the
/// policy allowed, a sister site.
pub(crate) fn other_host(site: &Site, url: &url::Url) -> bool {
    matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|h| !is_own(site, h))
}

/// Whether `host` (lower case) is the site host `pattern` (`portal.vn` or `*.portal.vn`).
fn same_host(pattern: &str, host: &str) -> bool {
    let p = pattern.trim().trim_end_matches('.');
    match p.strip_prefix("*.") {
        Some(suffix) => {
            host.len() > suffix.len() + 1
                && host[..host.len() - suffix.len()].ends_with('.')
                && host[host.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
        }
        None => p.eq_ignore_ascii_case(host),
    }
}

/// Whether a script loaded from `url` comes from an upload folder where scripts are
/// refused (whatever its extension: the CMS writes no scripts there).
pub(crate) fn refused_script(site: &Site, url: &url::Url) -> bool {
    with_path(site, url, |p, segs| p.refuses_scripts(segs)).unwrap_or(false)
}

/// Whether `url` names a page in a folder where pages are refused: a doorway. The page may
/// be any segment (`/documents/1/2/x.html/uuid`, Liferay's document URLs); in an upload
/// folder a server program (`x.php`, `x.aspx`) counts too, since the CMS never puts one
/// there. Images, documents and other files there stay linkable.
pub(crate) fn doorway_page(site: &Site, url: &url::Url) -> bool {
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
    fn site_hosts_match_exactly_or_by_wildcard() {
        assert!(same_host("portal.example.gov.vn", "portal.example.gov.vn"));
        assert!(same_host("Portal.Example.gov.vn.", "portal.example.gov.vn"));
        assert!(same_host("*.example.gov.vn", "www.example.gov.vn"));
        assert!(!same_host("*.example.gov.vn", "example.gov.vn"));
        assert!(!same_host("*.example.gov.vn", "badexample.gov.vn"));
        assert!(!same_host(
            "portal.example.gov.vn",
            "portal.example.gov.vn.bet.test"
        ));
    }

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

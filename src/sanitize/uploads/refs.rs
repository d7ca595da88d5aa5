//! Stage 6 helper (doorway uploads): where a URL written in a page leads inside the site's
//! own upload and code folders. The rewriter (`sanitize::html::upload_refs`) asks this for
//! `<script src>`, script preloads and links; the decision uses the same folders and the
//! same path normalisation as the refusal of the files themselves ([`super::UploadCheck`]),
//! so a page never keeps a reference to a file that the gateway would refuse.

use crate::guard::normalize::Target;
use crate::settings::Site;

use super::sniff;

/// Runs `f` on the normalised path segments of `url` when it is on one of the site's own
/// hosts (another site's upload folder is that site's business).
fn with_own_path<R>(site: &Site, url: &url::Url, f: impl FnOnce(&[&str]) -> R) -> Option<R> {
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?.trim_end_matches('.');
    let own = site.sanitize().own_hosts.iter().any(|h| same_host(h, host));
    if !own {
        return None;
    }
    let target = Target::new(url.path(), None);
    Some(f(&super::resolved(&target)))
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
    with_own_path(site, url, |segs| site.uploads().refuses_scripts(segs)).unwrap_or(false)
}

/// Whether `url` names a page file in a folder where pages are refused: a doorway.
/// Images, documents and other files there stay linkable.
pub(crate) fn doorway_page(site: &Site, url: &url::Url) -> bool {
    with_own_path(site, url, |segs| {
        site.uploads().refuses_pages(segs)
            && segs
                .last()
                .is_some_and(|f| sniff::active_extension(f).is_some())
    })
    .unwrap_or(false)
}

/// Whether a raw attribute value can name a page file once decoded: it holds a page
/// extension's letters (`htm`, `xht`, `stm`, `mht`, `hta`), or characters that could hide
/// them (`%`, `&`, and the tabs and newlines the URL parser strips). Lets the rewriter skip
/// parsing the ordinary links of a page.
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
        matches!(&w, b"htm" | b"xht" | b"stm" | b"mht" | b"hta")
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

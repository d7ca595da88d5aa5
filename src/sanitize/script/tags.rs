//! Tag-manager containers (stage 6: the script classifier and the HTML stage's
//! `<script src>`). Google Tag Manager and gtag.js are allowed hosts on most portals, so an
//! attacker's container (`gtm.js?id=GTM-ATTACKER`) passes the host check and then runs
//! whatever its owner publishes in it: redirects, spam, other loaders. Only the id tells
//! a site's container from an attacker's. `[site.sanitize] tag_ids` lists the site's own
//! ids; when it is set, any other id goes (`script.tag_id`):
//! - in a tag script's or frame's URL: `id=`/`tid=` of `www.googletagmanager.com` or
//!   `www.google-analytics.com` (`gtm.js`, `gtag/js`, `ns.html`, `collect`);
//! - in an inline script: any string literal (after folding) that is exactly an id
//!   (`'GTM-XXXX'` handed to the GTM snippet, `gtag('config', 'G-XXXX')`) or a tag URL.
//!
//! When it is unset nothing changes; `lachan scan` reports the ids it sees ([`ids_in_text`])
//! so that an operator can fill it in.

use std::collections::{BTreeSet, HashSet};

/// The audit rule of a tag id that is not the site's.
pub(crate) const RULE: &str = "script.tag_id";

/// Hosts whose `id`/`tid` parameter names a tag container or property.
const TAG_HOSTS: &[&str] = &["googletagmanager.com", "google-analytics.com"];

/// The site's own tag ids (`None`: not configured, every id passes).
#[derive(Debug, Default, Clone)]
pub struct TagIds(Option<HashSet<String>>);

impl TagIds {
    pub(crate) fn new(ids: Option<HashSet<String>>) -> Self {
        Self(ids.map(|s| s.into_iter().map(|i| i.to_ascii_uppercase()).collect()))
    }

    pub fn is_set(&self) -> bool {
        self.0.is_some()
    }

    /// An id that is not the site's, if `id` is one.
    fn foreign(&self, id: &str) -> Option<String> {
        let own = self.0.as_ref()?;
        let id = id.trim().to_ascii_uppercase();
        (is_tag_id(&id) && !own.contains(&id)).then_some(id)
    }

    /// A tag URL (as written, possibly relative) whose id is not the site's.
    pub(crate) fn foreign_in_url(&self, raw: &str, base: &url::Url) -> Option<String> {
        self.0.as_ref()?;
        let url = base.join(raw.trim()).ok()?;
        let host = url.host_str()?.to_ascii_lowercase();
        let tag_host = TAG_HOSTS
            .iter()
            .any(|h| host == *h || host.ends_with(&format!(".{h}")));
        if !tag_host {
            return None;
        }
        url.query_pairs()
            .filter(|(k, _)| matches!(&**k, "id" | "tid" | "measurement_id"))
            .find_map(|(_, v)| self.foreign(&v))
    }

    /// A string literal of a script: exactly an id, or a tag URL.
    pub(crate) fn foreign_in_literal(&self, s: &str, base: &url::Url) -> Option<String> {
        self.0.as_ref()?;
        if let Some(id) = self.foreign(s) {
            return Some(id);
        }
        let lower = s.to_ascii_lowercase();
        if TAG_HOSTS.iter().any(|h| lower.contains(h)) {
            return self.foreign_in_url(s, base);
        }
        None
    }
}

/// `GTM-…` (containers), `G-…`/`GT-…` (GA4 and Google tags), `AW-…` (Ads), `DC-…`
/// (Floodlight), `UA-…-…` (Universal Analytics); upper case, as Google writes them.
pub(crate) fn is_tag_id(s: &str) -> bool {
    let Some((kind, rest)) = s.split_once('-') else {
        return false;
    };
    let alnum = |r: &str, min: usize| {
        r.len() >= min
            && r.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    };
    let digits = |r: &str, min: usize| r.len() >= min && r.bytes().all(|b| b.is_ascii_digit());
    match kind {
        "GTM" => alnum(rest, 4),
        "G" | "GT" => alnum(rest, 6),
        "AW" | "DC" => digits(rest, 6),
        "UA" => rest
            .split_once('-')
            .is_some_and(|(a, b)| digits(a, 4) && digits(b, 1) && b.len() <= 4),
        _ => false,
    }
}

/// Every tag id in a text (a page's HTML): words made of letters, digits and `-`.
pub(crate) fn ids_in_text(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| is_tag_id(w))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> url::Url {
        url::Url::parse("https://portal.example.gov.vn/").unwrap()
    }

    fn own() -> TagIds {
        TagIds::new(Some(
            ["GTM-OWN1234".to_string(), "G-OWN5678XY".into()].into(),
        ))
    }

    #[test]
    fn ids_are_recognised_by_kind() {
        for id in [
            "GTM-PXLKJW",
            "G-ABCDE12345",
            "UA-12345678-1",
            "AW-123456789",
            "GT-ABC1234",
        ] {
            assert!(is_tag_id(id), "{id}");
        }
        for not in [
            "G-20",
            "GTM-",
            "gtm-abcd",
            "UA-12-1",
            "X-ABCDEFG",
            "G-SHOCK",
            "AW-ABCDEF",
        ] {
            assert!(!is_tag_id(not), "{not}");
        }
    }

    #[test]
    fn only_other_ids_on_tag_hosts_are_foreign() {
        let t = own();
        let u = |s: &str| t.foreign_in_url(s, &base());
        assert_eq!(
            u("https://www.googletagmanager.com/gtm.js?id=GTM-ATTACK1"),
            Some("GTM-ATTACK1".into())
        );
        assert_eq!(
            u("//www.googletagmanager.com/gtag/js?id=g-evil12345"),
            Some("G-EVIL12345".into())
        );
        assert_eq!(
            u("https://www.googletagmanager.com/gtm.js?id=GTM-OWN1234"),
            None
        );
        assert_eq!(u("https://cdn.example.gov.vn/x.js?id=GTM-ATTACK1"), None);
        assert_eq!(
            TagIds::default().foreign_in_url(
                "https://www.googletagmanager.com/gtm.js?id=GTM-ATTACK1",
                &base()
            ),
            None
        );
    }

    #[test]
    fn ids_in_text_are_found_at_word_edges() {
        let found = ids_in_text("gtag('config','G-ABCDE12345');(window,'GTM-PXLKJW')x-GTM-NOPE");
        assert!(
            found.contains("G-ABCDE12345") && found.contains("GTM-PXLKJW"),
            "{found:?}"
        );
    }
}

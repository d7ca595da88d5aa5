//! `lachan scan`: site-ownership verification tokens (`google-site-verification`,
//! `msvalidate.01`, `p:domain_verify`, any `*-verification` meta) over the whole scan.
//!
//! A token planted by an attacker gives them the site in that search console (sitemaps,
//! removals, its search traffic); the sanitizer removes tokens that are not in
//! `[site.sanitize] verification` once that list is set (`meta.verification`). The scan
//! lists every token it sees with its pages and flags those not in the list (`listed =
//! false`), so the operator can fill the list with the site's own and no others.

use std::collections::BTreeMap;

use super::model::{Page, Verification};

/// Every token seen, with the pages that carry it; flagged (unlisted) ones first, then by
/// name and token.
pub fn collect(pages: &[Page]) -> Vec<Verification> {
    let mut by: BTreeMap<(bool, String, String), Vec<String>> = BTreeMap::new();
    for p in pages {
        for t in &p.verification {
            let key = (t.listed, t.name.clone(), t.token.clone());
            let list = by.entry(key).or_default();
            if !list.contains(&p.url) {
                list.push(p.url.clone());
            }
        }
    }
    by.into_iter()
        .map(|((listed, name, token), pages)| Verification {
            name,
            token,
            listed,
            pages,
        })
        .collect()
}

/// The `--propose-allow` part for tokens: a commented `verification = [ … ]` for review.
/// Nothing is proposed outright: only the agency knows which tokens it registered.
pub fn snippet(tokens: &[Verification]) -> String {
    if tokens.is_empty() {
        return String::new();
    }
    let mut s = String::from(
        "# Site-ownership verification tokens seen. Keep only those the agency registered\n\
         # itself (ask who manages its search-console accounts), then set in [site.sanitize]:\n\
         # verification = [\n",
    );
    for t in tokens {
        let flag = if t.listed {
            "listed"
        } else {
            "NOT in [site.sanitize] verification"
        };
        s.push_str(&format!(
            "#   {:?}, # {} on {} page(s); {flag}\n",
            t.token,
            t.name,
            t.pages.len()
        ));
    }
    s.push_str("# ]\n");
    s
}

/// One line per flagged token, for the stdout summary.
pub fn summary(tokens: &[Verification]) -> String {
    let mut s = String::new();
    if tokens.is_empty() {
        return s;
    }
    let flagged = tokens.iter().filter(|t| !t.listed).count();
    s.push_str(&format!(
        "verification tokens: {} seen, {flagged} not in [site.sanitize] verification\n",
        tokens.len()
    ));
    for t in tokens.iter().filter(|t| !t.listed) {
        s.push_str(&format!(
            "  unlisted {} {} on {} page(s)\n",
            t.name,
            t.token,
            t.pages.len()
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::model::PageToken;

    fn page(url: &str, tokens: &[(&str, &str, bool)]) -> Page {
        Page {
            url: url.into(),
            verification: tokens
                .iter()
                .map(|(n, t, l)| PageToken {
                    name: (*n).into(),
                    token: (*t).into(),
                    listed: *l,
                })
                .collect(),
            ..Page::default()
        }
    }

    #[test]
    fn tokens_are_merged_over_pages_unlisted_first() {
        let pages = [
            page("/", &[("google-site-verification", "OWN", true)]),
            page(
                "/a",
                &[
                    ("google-site-verification", "OWN", true),
                    ("msvalidate.01", "BAD", false),
                ],
            ),
        ];
        let all = collect(&pages);
        assert_eq!(all.len(), 2);
        assert_eq!((all[0].token.as_str(), all[0].listed), ("BAD", false));
        assert_eq!(all[1].pages, ["/", "/a"]);
        let text = snippet(&all);
        assert!(
            text.contains("\"BAD\", # msvalidate.01 on 1 page(s); NOT in"),
            "{text}"
        );
        assert!(summary(&all).contains("unlisted msvalidate.01 BAD"));
    }
}

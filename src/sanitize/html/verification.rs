//! Stage 6 (planted site-ownership verification): `<meta name="google-site-verification"
//! content="TOKEN">` and its kin from Bing, Yandex, Baidu, Facebook, Pinterest and others.
//! A token planted by the attacker gives them Search Console-style control of the site
//! (sitemaps, removals, the site's search traffic). When the site lists its own tokens
//! (`[site.sanitize] verification`), a verification meta with any other token is removed
//! (`meta.verification`). Unset, every token is kept: removing the site's own token would
//! cost it its verified ownership; `lachan scan` lists the tokens it sees, so the operator
//! can fill the list.

use lol_html::send::Element;

use crate::audit::Action;
use crate::sanitize::policy::short;

use super::state::State;

/// Meta names that verify ownership, exactly (lower case).
const NAMES: &[&str] = &[
    "google-site-verification",
    "verify-v1",
    "msvalidate.01",
    "yandex-verification",
    "baidu-site-verification",
    "facebook-domain-verification",
    "p:domain_verify",
    "alexaverifyid",
    "y_key",
    "seznam-wmt",
    "sogou_site_verification",
];

/// Whether a meta `name`/`property` (lower case) is a verification name: the list above,
/// or any name of the `*-verification`, `*_verification`, `*domain_verify` forms.
pub(crate) fn is_verification_name(name: &str) -> bool {
    NAMES.contains(&name)
        || name.ends_with("-verification")
        || name.ends_with("_verification")
        || name.ends_with("domain_verify")
        || name.starts_with("msvalidate.")
}

/// The verification name of a meta, if it has one.
pub(crate) fn name_of(el: &Element<'_, '_>) -> Option<String> {
    ["name", "property"]
        .iter()
        .filter_map(|a| super::entities::attr(el, a))
        .map(|n| n.trim().to_ascii_lowercase())
        .find(|n| is_verification_name(n))
}

/// Removes a verification meta whose token is not the site's; returns whether the meta
/// was a verification meta (then no other meta rule applies).
pub(crate) fn planted(st: &mut State, el: &mut Element<'_, '_>, content: &str) -> bool {
    let Some(name) = name_of(el) else {
        return false;
    };
    let Some(own) = &st.policy().verification else {
        return true;
    };
    let token = content.trim();
    if own.contains(token) {
        return true;
    }
    let detail = Some(format!("{name} token not in [site.sanitize] verification"));
    if st.found_detail(
        "meta.verification",
        Action::Removed,
        Some(short(token)),
        detail,
    ) {
        el.remove();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::is_verification_name;

    #[test]
    fn verification_names_are_recognised_and_others_are_not() {
        for n in [
            "google-site-verification",
            "msvalidate.01",
            "yandex-verification",
            "baidu-site-verification",
            "facebook-domain-verification",
            "p:domain_verify",
            "norton-safeweb-site-verification",
            "coccoc-site-verification",
        ] {
            assert!(is_verification_name(n), "{n}");
        }
        for n in ["description", "viewport", "robots", "generator", "og:title"] {
            assert!(!is_verification_name(n), "{n}");
        }
    }
}

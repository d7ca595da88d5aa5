//! Stage 6 (meta refresh redirects, spam text in descriptions, URL carriers): `<meta
//! http-equiv=refresh>`, the text of every named meta (description, site name, Dublin Core,
//! microdata…), and the `<meta>` whose `content` is a URL that
//! crawlers and social previews follow (`og:url`, `og:image`, `twitter:player`, microdata
//! `itemprop=url`…): removed when foreign.
//!
//! Security note: the refresh target is extracted as browsers do (WHATWG "shared declarative
//! refresh steps"): any case, spacing or quoting, `;` or `,`, with or without `url=`; it is
//! then judged like any other URL. A `javascript:` target is removed outright.

use lol_html::send::Element;

use crate::audit::Action;
use crate::sanitize::policy::{Carrier, UrlVerdict};

use super::entities;
use super::state::{State, Which};
use super::text;

pub(crate) fn element(st: &mut State, el: &mut Element<'_, '_>) {
    follow_charset(st, el);
    let Some(content) = el.get_attribute("content") else {
        return;
    };
    let content = entities::decode(&content);
    if super::verification::planted(st, el, &content) {
        return;
    }
    let equiv = entities::attr(el, "http-equiv").unwrap_or_default();
    if equiv.trim().eq_ignore_ascii_case("refresh") {
        refresh(st, el, &content);
        return;
    }
    if url_carrier(el) {
        carried_url(st, el, &content);
        return;
    }
    // Every named meta is text that crawlers, previews and app launchers read
    // (`description`, `og:site_name`, `application-name`, `DC.title`, `news_keywords`,
    // microdata `itemprop`…): a list of names would always miss the next one, and no
    // technical value (`viewport`, `robots`, `generator`) scores as spam.
    let named = ["name", "property", "itemprop"]
        .iter()
        .any(|a| el.has_attribute(a));
    if named
        && let Some(words) = text::spam_words(st, &content)
        && text::replace_meta(st, "meta", words)
    {
        let replacement = st.policy().meta_replacement.clone();
        let _ = el.set_attribute("content", &entities::escape_attr(&replacement));
    }
}

/// Whether the `content` is a URL by the meta's `name`, `property` or `itemprop`: Open Graph,
/// Twitter cards, microdata and the Windows tile carriers.
fn url_carrier(el: &Element<'_, '_>) -> bool {
    const EXACT: &[&str] = &[
        "url",
        "image",
        "logo",
        "sameas",
        "thumbnailurl",
        "contenturl",
        "embedurl",
        "og:url",
        "og:image",
        "og:video",
        "og:audio",
        "twitter:image",
        "twitter:player",
        "twitter:url",
        "twitter:image:src",
        "twitter:player:stream",
        "msapplication-tileimage",
        "msapplication-starturl",
        "msapplication-config",
        "msapplication-square70x70logo",
        "msapplication-square150x150logo",
        "msapplication-wide310x150logo",
        "msapplication-square310x310logo",
    ];
    const PREFIXES: &[&str] = &["og:image:", "og:video:", "og:audio:", "twitter:player:"];
    let names = ["name", "property", "itemprop"];
    names
        .iter()
        .filter_map(|a| entities::attr(el, a))
        .flat_map(|v| {
            v.split_ascii_whitespace()
                .map(str::to_ascii_lowercase)
                .collect::<Vec<_>>()
        })
        .any(|n| {
            let urlish = !n.ends_with(":width") && !n.ends_with(":height") && !n.ends_with(":type");
            EXACT.contains(&n.as_str())
                || (urlish && !n.ends_with(":alt") && PREFIXES.iter().any(|p| n.starts_with(p)))
        })
}

/// A foreign URL in a carrier `content` removes the `<meta>` (`media.foreign` for images,
/// video and audio, `link.foreign` for pages).
fn carried_url(st: &mut State, el: &mut Element<'_, '_>, content: &str) {
    let name = ["name", "property", "itemprop"]
        .iter()
        .find_map(|a| entities::attr(el, a))
        .unwrap_or_default()
        .to_ascii_lowercase();
    let media = ["image", "logo", "video", "audio", "thumbnail", "tile"]
        .iter()
        .any(|m| name.contains(m));
    let (rule, carrier) = match media {
        true => ("media.foreign", Carrier::Media),
        false => ("link.foreign", Carrier::Active),
    };
    let target = match st.judge(content.trim(), Which::Hosts, carrier) {
        UrlVerdict::Allowed => return,
        UrlVerdict::Foreign(t) => t,
        UrlVerdict::Script(s) => crate::sanitize::policy::short(&format!("javascript:{s}")),
    };
    if st.found(rule, Action::Removed, Some(target)) {
        el.remove();
    }
}

/// lol_html switches to a `<meta>` charset when the header named none; the state follows, so
/// that held text is decoded (and unclosed raw text re-encoded) in the page's charset.
///
/// Security note: the state must switch exactly when lol_html does, or held hidden-block text
/// would be judged in another charset than the one the browser sees. So this mirrors lol_html's
/// own rule (`handler_adjust_charset_on_meta_tag` in lol_html 3.0.3): the first `<meta>` whose
/// raw `charset` label, or else the `charset` parameter of a `Content-Type` http-equiv parsed
/// as a MIME type, names an ASCII-compatible encoding; an unknown label settles nothing.
fn follow_charset(st: &mut State, el: &Element<'_, '_>) {
    if st.charset_fixed {
        return;
    }
    if let Some(enc) = meta_charset(el) {
        st.charset_fixed = true;
        st.encoding = enc;
    }
}

pub(super) fn meta_charset(el: &Element<'_, '_>) -> Option<&'static encoding_rs::Encoding> {
    let usable = |label: &str| {
        encoding_rs::Encoding::for_label_no_replacement(label.as_bytes())
            .filter(|e| e.is_ascii_compatible())
    };
    if let Some(enc) = entities::attr(el, "charset").as_deref().and_then(usable) {
        return Some(enc);
    }
    entities::attr(el, "http-equiv").filter(|h| h.eq_ignore_ascii_case("Content-Type"))?;
    let mime: mime::Mime = entities::attr(el, "content")?.parse().ok()?;
    usable(mime.get_param(mime::CHARSET)?.as_str())
}

fn refresh(st: &mut State, el: &mut Element<'_, '_>, content: &str) {
    let target = crate::sanitize::head::refresh_url(content);
    let verdict = match target {
        "" => UrlVerdict::Allowed,
        t => st.judge(t, Which::Hosts, Carrier::Active),
    };
    let bad = match verdict {
        UrlVerdict::Allowed => None,
        UrlVerdict::Foreign(t) => Some(t),
        UrlVerdict::Script(s) => Some(crate::sanitize::policy::short(&format!("javascript:{s}"))),
    };
    if let Some(t) = bad
        && st.found("meta.refresh", Action::Removed, Some(t))
    {
        el.remove();
    }
}

#[cfg(test)]
mod tests {
    use crate::sanitize::head::refresh_url;

    #[test]
    fn refresh_forms() {
        for c in [
            "0;url=https://bet.test/",
            "0; URL=https://bet.test/",
            "0 ,Url = 'https://bet.test/'",
            "5;url=\"https://bet.test/\" ",
            "  3.5 ;  uRl=https://bet.test/",
            "0;https://bet.test/",
        ] {
            assert_eq!(refresh_url(c), "https://bet.test/", "{c}");
        }
        assert_eq!(refresh_url("30"), "");
    }
}

//! Stages 5 and 6: links through redirectors. An allowed host that forwards its visitors to
//! wherever a query parameter says (`google.com/url?q=…`, `youtube.com/redirect?q=…`,
//! `facebook.com/l.php?u=…`, a portal's own `/out.php?url=…`), or an AMP viewer path
//! (`google.com/amp/s/host/…`), takes them to that inner URL; so the inner URL is judged in
//! the outer one's place (see `policy::judge_parsed`).
//!
//! Security notes:
//! - Only parameters named as redirect targets are read, and only values that are absolute
//!   URLs (`http:`, `https:`, `//…`): a search for a URL or a share button that names the
//!   page itself is not a redirect away from the site.
//! - A value is percent-decoded as often as it still reads as an encoded URL (at most
//!   [`MAX_DECODES`] times), so `https%253A%252F%252F…` cannot hide the host.
//! - The inner URL is strictly shorter than the outer one, so following redirectors through
//!   each other ends.
//! - A redirector whose target is picked at run time ([`blind`]: "I'm Feeling Lucky") has
//!   no target to judge: every carrier treats it as foreign.

/// Query parameters that redirectors read their target from (compared case-insensitively).
const KEYS: &[&str] = &[
    "q",
    "u",
    "url",
    "link",
    "adurl",
    "dest",
    "destination",
    "redirect",
    "redirect_url",
    "redirect_uri",
    "redirecturl",
    "redir",
    "next",
    "continue",
    "goto",
    "go",
    "out",
    "target",
    "to",
    "r",
    "return",
    "returnurl",
    "return_url",
    "return_to",
    "forward",
    // Google Images' result page (`imgres?imgurl=…&imgrefurl=…`) links both; DuckDuckGo's
    // `/l/?uddg=`, Bing/Yandex style `ru=`, `rurl=`, `href=`, ad landing pages.
    "imgurl",
    "imgrefurl",
    "uddg",
    "ru",
    "rurl",
    "href",
    "pcurl",
    "landing",
    "landingurl",
];

const MAX_DECODES: usize = 3;

/// The URL that `u` forwards its visitors to, when `u` is a redirector link.
pub(crate) fn target(u: &url::Url) -> Option<url::Url> {
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    amp_viewer(u)
        .or_else(|| by_parameter(u))
        .or_else(|| google_bare(u))
}

/// Whether a query parameter of this name is read as a redirect target (see [`KEYS`]).
pub(crate) fn is_target_key(name: &str) -> bool {
    KEYS.iter().any(|key| name.trim().eq_ignore_ascii_case(key))
}

/// Whether a form field makes a search a blind redirector ([`blind`]) whatever the form's
/// action: Google's `btnI`, or a DuckDuckGo `q` that starts with `\` or names `!ducky` or
/// `!lucky`.
pub(crate) fn blind_field(name: &str, value: &str) -> bool {
    let name = name.trim();
    let v = value.trim_start();
    name.eq_ignore_ascii_case("btni") || (name == "q" && (v.starts_with('\\') || ducky(v)))
}

/// A redirect parameter's value, percent-decoded as often as it still reads as an encoded
/// URL (at most [`MAX_DECODES`] times).
pub(crate) fn decode_value(v: &str) -> String {
    let mut v = v.trim().to_string();
    for _ in 0..MAX_DECODES {
        let lower = v.get(..8).unwrap_or(&v).to_ascii_lowercase();
        if !(lower.starts_with("http%3a")
            || lower.starts_with("https%3a")
            || lower.starts_with("%2f%2f"))
        {
            break;
        }
        v = percent_encoding::percent_decode_str(&v)
            .decode_utf8_lossy()
            .into_owned();
    }
    v
}

/// Google's redirectors that take a bare host too: the cache (`search?q=cache:host/…`,
/// `webcache.googleusercontent.com`), Translate's proxy (`translate?u=host`), and the
/// `url`, `imgres`, `interstitial` and `local_url` pages (`url?q=host/path`).
fn google_bare(u: &url::Url) -> Option<url::Url> {
    let host = u.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    let bare = host.strip_prefix("www.").unwrap_or(&host);
    let google = is_google(bare)
        || bare.ends_with(".googleusercontent.com")
        || bare.strip_prefix("translate.").is_some_and(is_google);
    if !google {
        return None;
    }
    let path = u.path().trim_end_matches('/');
    let redirecting = matches!(
        path,
        "/url" | "/imgres" | "/interstitial" | "/local_url" | "/translate" | "/website"
    );
    u.query_pairs().find_map(|(k, v)| {
        let v = v.trim();
        let cached = k == "q" && v.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("cache:"));
        let rest = match cached {
            true => v[6..].trim_start(),
            false if redirecting && is_target_key(&k) => v,
            false => return None,
        };
        // The cache's older `cache:ID:host/path`.
        let rest = match rest.split_once(':') {
            Some((id, after)) if cached && !id.contains(['.', '/']) && !after.starts_with("//") => {
                after
            }
            _ => rest,
        };
        let inner = match rest.contains("://") {
            true => url::Url::parse(rest).ok()?,
            false => url::Url::parse(&format!("http://{rest}")).ok()?,
        };
        (inner.host_str()?.contains('.') && inner.as_str().len() < u.as_str().len())
            .then_some(inner)
    })
}

/// Whether `u` is a redirector whose target is chosen at run time, so that no one can judge
/// it: Google's "I'm Feeling Lucky" (`/search?q=…&btnI`, any value, on any Google host),
/// which sends the visitor to the first hit of a search the attacker has ranked (also its
/// `lucky` parameter), and DuckDuckGo's `!ducky` / `!lucky` / `\` queries, which do the same.
pub(crate) fn blind(u: &url::Url) -> bool {
    if !matches!(u.scheme(), "http" | "https") || u.query().is_none() {
        return false;
    }
    let Some(host) = u.host_str() else {
        return false;
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let pairs = || u.query_pairs();
    if is_google(host) {
        return pairs()
            .any(|(k, _)| k.eq_ignore_ascii_case("btni") || k.eq_ignore_ascii_case("lucky"));
    }
    if host == "duckduckgo.com" || host == "html.duckduckgo.com" || host == "lite.duckduckgo.com" {
        return pairs().any(|(k, v)| {
            let v = v.trim_start();
            k == "q" && (v.starts_with('\\') || ducky(v))
        });
    }
    false
}

/// DuckDuckGo's "first result" bangs: `!ducky`, `!lucky`.
fn ducky(v: &str) -> bool {
    let v = v.to_ascii_lowercase();
    v.contains("!ducky") || v.contains("!lucky")
}

/// `google.com`, `google.com.vn`, `google.co.uk`, … (after a `www.` is cut).
fn is_google(host: &str) -> bool {
    host.strip_prefix("google.")
        .is_some_and(|tld| !tld.is_empty() && tld.split('.').all(|l| (2..=3).contains(&l.len())))
}

fn by_parameter(u: &url::Url) -> Option<url::Url> {
    u.query()?;
    u.query_pairs()
        .filter(|(k, _)| KEYS.iter().any(|key| k.eq_ignore_ascii_case(key)))
        .find_map(|(_, v)| absolute(u, &v))
}

/// `v` as an absolute URL (resolved against `u` when scheme-relative), decoding it again
/// while it still reads as an encoded one.
fn absolute(u: &url::Url, v: &str) -> Option<url::Url> {
    let v = decode_value(v);
    let lower = v.get(..8).unwrap_or(&v).to_ascii_lowercase();
    let is_absolute = lower.starts_with("http:")
        || lower.starts_with("https:")
        || lower.starts_with("//")
        || lower.starts_with("\\\\")
        || lower.starts_with("/\\")
        || lower.starts_with("\\/");
    let inner = u.join(&v).ok().filter(|_| is_absolute)?;
    (inner.as_str().len() < u.as_str().len()).then_some(inner)
}

/// Google's AMP viewer: `/amp/s/host/path` shows `https://host/path`, `/amp/host/path` shows
/// `http://host/path`.
fn amp_viewer(u: &url::Url) -> Option<url::Url> {
    let host = u.host_str()?;
    if !(host.starts_with("google.") || host.starts_with("www.google.")) {
        return None;
    }
    let path = u.path();
    let (scheme, rest) = match path.strip_prefix("/amp/s/") {
        Some(rest) => ("https", rest),
        None => ("http", path.strip_prefix("/amp/")?),
    };
    url::Url::parse(&format!("{scheme}://{rest}")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(s: &str) -> Option<String> {
        target(&url::Url::parse(s).unwrap()).map(|u| u.host_str().unwrap_or("").to_string())
    }

    #[test]
    fn redirector_parameters_give_their_target() {
        for (outer, host) in [
            (
                "https://www.google.com/url?sa=t&q=https://bet.test/x",
                "bet.test",
            ),
            (
                "https://google.com/url?URL=https%3A%2F%2Fbet.test%2F",
                "bet.test",
            ),
            (
                "https://www.youtube.com/redirect?event=v&q=http%253A%252F%252Fbet.test",
                "bet.test",
            ),
            (
                "https://l.facebook.com/l.php?u=%2F%2Fbet.test%2Fa&h=x",
                "bet.test",
            ),
            (
                "https://moj.gov.vn/out.php?Redirect_URI=HTTPS://Bet.Test/",
                "bet.test",
            ),
            ("https://www.google.com/amp/s/bet.test/a.html", "bet.test"),
            ("https://www.google.com.vn/amp/bet.test/", "bet.test"),
        ] {
            assert_eq!(inner(outer).as_deref(), Some(host), "{outer}");
        }
    }

    #[test]
    fn feeling_lucky_searches_are_blind_redirectors() {
        for s in [
            "https://www.google.com/search?q=nha+cai&btnI",
            "https://google.com.vn/search?btnI=1&q=x",
            "http://www.google.co.uk/search?q=x&BTNI=I%27m+Feeling+Lucky",
            "https://duckduckgo.com/?q=%5Cnha+cai",
            "https://duckduckgo.com/?q=!ducky+nha+cai",
            "https://www.google.com/search?q=nha+cai&lucky=1",
            "https://duckduckgo.com/?q=nha+cai+!Lucky",
        ] {
            assert!(blind(&url::Url::parse(s).unwrap()), "{s}");
        }
        for s in [
            "https://www.google.com/search?q=btnI",
            "https://www.google.com/search?q=tin+tuc&hl=vi",
            "https://google.example.gov.vn/search?btnI",
            "https://duckduckgo.com/?q=tin+tuc",
        ] {
            assert!(!blind(&url::Url::parse(s).unwrap()), "{s}");
        }
    }

    #[test]
    fn ordinary_queries_are_not_redirects() {
        for s in [
            "https://www.google.com/maps?q=Ha+Noi",
            "https://www.google.com/search?q=tin+tuc",
            "https://moj.gov.vn/tra-cuu?page=2&next=3",
            "https://moj.gov.vn/a?url=/tin-tuc/1",
            "https://moj.gov.vn/a?ref=https://bet.test/",
            "https://www.google.com/ampere/x",
            "https://www.google.com/search?q=a%E1%BB%87%E1%BB%87",
            "https://www.google.com/url?q=a%E1%BB%87%E1%BB%87+b",
            "https://www.google.com/url?q=tin+t%E1%BB%A9c",
        ] {
            assert_eq!(inner(s), None, "{s}");
        }
    }
}

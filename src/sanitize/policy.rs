//! Stages 5 and 6: the URL policy. Host patterns, and judging a URL as a browser would.
//!
//! Security notes:
//! - A URL is judged only after entity decoding and WHATWG parsing against the page base
//!   (the `url` crate strips tabs/newlines and leading/trailing spaces, turns `\` into `/`
//!   in special schemes, drops userinfo from the host, lower-cases and IDNA-maps hosts).
//!   Matching the raw text instead would let `//bet.test`, `/\bet.test`, `https:\\bet.test`,
//!   `https://own@bet.test` or `bet&#46;test` through.
//! - `*.gov.vn` matches subdomains at a label boundary only: never `fakegov.vn`, never
//!   `gov.vn.bet.test`, and not `gov.vn` itself.
//! - A URL that does not parse is foreign (fail closed).
//! - A link through a redirector (`google.com/url?q=…`) is judged by where it leads
//!   (see `redirector`); one that leads to a target chosen at run time
//!   (`google.com/search?btnI`, "I'm Feeling Lucky") is foreign.
//! - An allowed host that is not the site's own (a sister agency) is vouched for, not what
//!   was planted in its upload folders: a URL to a document there is foreign too
//!   ([`sister_doorway`]), on every carrier that asks this module.
//! - The fast path (relative paths, fragments, queries without tabs, newlines, backslashes or
//!   references) allocates nothing: these are almost all the URLs of a real page.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::sanitize::html::entities;
use crate::sanitize::redirector;
use crate::sanitize::uploads::refs;

/// One allow-list entry: `chinhphu.vn` (exact) or `*.gov.vn` (strict subdomains).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HostPattern {
    Exact(String),
    /// The suffix with its leading dot (`.gov.vn`).
    Subdomains(String),
}

impl HostPattern {
    /// Parses a pattern as written in the config; `None` when it is not a host pattern.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let t = text.trim().trim_end_matches('.').to_ascii_lowercase();
        let (wild, host) = match t.strip_prefix("*.") {
            Some(rest) => (true, rest.to_string()),
            None => (false, t),
        };
        let host = canonical_host(&host)?;
        if wild {
            Some(Self::Subdomains(format!(".{host}")))
        } else {
            Some(Self::Exact(host))
        }
    }
}

/// Canonicalizes a host as the URL parser would (IDNA, lower case), without a trailing dot.
fn canonical_host(host: &str) -> Option<String> {
    if host.is_empty() || host.contains(['/', '*', '@', ' ', '\\', '?', '#']) {
        return None;
    }
    let parsed = url::Url::parse(&format!("http://{host}/")).ok()?;
    let h = parsed.host_str()?.trim_end_matches('.').to_string();
    (!h.is_empty()).then_some(h)
}

/// A compiled set of host patterns. Cheap to query: one hash lookup plus a suffix scan.
/// It also knows which of its hosts are the site's own ([`HostSet::with_own`]): every other
/// allowed host is a sister site, whose upload folders are judged by [`sister_doorway`].
#[derive(Debug, Clone, Default)]
pub struct HostSet {
    all: Patterns,
    own: Patterns,
}

#[derive(Debug, Clone, Default)]
struct Patterns {
    exact: HashSet<Box<str>>,
    suffixes: Vec<Box<str>>,
}

impl Patterns {
    fn add(&mut self, p: &HostPattern) {
        match p {
            HostPattern::Exact(h) => {
                self.exact.insert(h.as_str().into());
            }
            HostPattern::Subdomains(s) => self.suffixes.push(s.as_str().into()),
        }
    }

    fn matches(&self, host: &str) -> bool {
        let host = host.strip_suffix('.').unwrap_or(host);
        self.exact.contains(host)
            || self
                .suffixes
                .iter()
                .any(|s| host.len() > s.len() && host.ends_with(&**s))
    }
}

impl HostSet {
    #[cfg(test)]
    pub(crate) fn new<'a>(patterns: impl IntoIterator<Item = &'a HostPattern>) -> Self {
        let mut set = Self::default();
        for p in patterns {
            set.add(p);
        }
        set
    }

    /// A set holding the site's own hosts, marked as its own; [`HostSet::add`] adds the
    /// allowed ones.
    pub(crate) fn with_own<'a>(own: impl IntoIterator<Item = &'a HostPattern>) -> Self {
        let mut set = Self::default();
        for p in own {
            set.add(p);
            set.own.add(p);
        }
        set
    }

    pub(crate) fn add(&mut self, p: &HostPattern) {
        self.all.add(p);
    }

    /// Whether `host` (lower case, as the URL parser gives it) is allowed.
    pub(crate) fn allows(&self, host: &str) -> bool {
        self.all.matches(host)
    }

    /// Whether `host` is one of the site's own hosts.
    pub(crate) fn is_own(&self, host: &str) -> bool {
        self.own.matches(host)
    }
}

/// What a URL-carrying attribute holds, once judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlVerdict {
    /// Same-site, allowed, or harmless (fragment, `mailto:`, `tel:` …).
    Allowed,
    /// Points outside the allowed hosts; carries the offending URL (or host) for the audit.
    Foreign(String),
    /// A `javascript:` URL; carries the script source, to be judged like an inline script.
    Script(String),
}

/// How a carrier treats `data:` and similar local schemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    /// Links, forms, frames, scripts, objects: `data:`/`blob:` content is foreign code.
    Active,
    /// Images and media: `data:` images are ordinary.
    Media,
}

/// Judges one attribute value (raw, entity-encoded) against `base` and `allowed`.
pub fn judge_url(raw: &str, base: &url::Url, allowed: &HostSet, carrier: Carrier) -> UrlVerdict {
    // A relative reference stays on the base's host: allowed at once when that is the
    // site's own, judged in full under a sister's base (`<base href>`), whose upload
    // folders it may reach.
    if is_plainly_local(raw) && base.host_str().is_none_or(|h| allowed.is_own(h)) {
        return UrlVerdict::Allowed;
    }
    let decoded = entities::decode(raw);
    let parsed = match url::Url::options().base_url(Some(base)).parse(&decoded) {
        Ok(u) => u,
        Err(_) => return UrlVerdict::Foreign(short(&decoded)),
    };
    judge_parsed(&parsed, allowed, carrier)
}

/// Judges an already parsed absolute URL.
pub(crate) fn judge_parsed(u: &url::Url, allowed: &HostSet, carrier: Carrier) -> UrlVerdict {
    match u.scheme() {
        "javascript" => UrlVerdict::Script(percent_decode(&u.as_str()["javascript:".len()..])),
        "data" | "blob" | "filesystem" if carrier == Carrier::Media => UrlVerdict::Allowed,
        "data" | "blob" | "filesystem" | "vbscript" => UrlVerdict::Foreign(short(u.as_str())),
        _ => match u.host_str() {
            Some(h) if !allowed.allows(h) => UrlVerdict::Foreign(short(u.as_str())),
            _ if sister_doorway(u, allowed, carrier) => UrlVerdict::Foreign(short(u.as_str())),
            // A redirector to a target nobody can judge (`search?btnI`).
            _ if redirector::blind(u) => UrlVerdict::Foreign(short(u.as_str())),
            // A redirector on an allowed host goes where its inner URL goes.
            _ => match redirector::target(u).map(|inner| judge_parsed(&inner, allowed, carrier)) {
                Some(UrlVerdict::Allowed) | None => UrlVerdict::Allowed,
                Some(_) => UrlVerdict::Foreign(short(u.as_str())),
            },
        },
    }
}

/// Whether `u`, on an allowed host that is not one of the site's own (a sister agency
/// admitted by `*.gov.vn`), leads into that host's upload or code folders to a document
/// that an attacker who compromised it would plant there. The allow list vouches for the
/// agency, not for what was uploaded to it, so such a URL counts as foreign on every
/// carrier: links, frames, forms, objects, `<base>`, refreshes, redirects, `Link` values,
/// JSON-LD, style sheets, and the navigations that scripts build.
///
/// What counts (see [`refs::planted_document`]): a page or server program (`.html`, `.php`,
/// also in a folder name), a script or style sheet where the CMS writes none; for a carrier
/// that navigates or runs what it loads ([`Carrier::Active`]) also an SVG or XSLT document,
/// and a path that names no file type (a folder with a trailing slash serves its planted
/// `index.html`). Images, documents and media stay allowed, and so does the folder itself.
pub(crate) fn sister_doorway(u: &url::Url, allowed: &HostSet, carrier: Carrier) -> bool {
    matches!(u.scheme(), "http" | "https")
        && u.host_str().is_some_and(|h| !allowed.is_own(h))
        && refs::planted_document(u, carrier == Carrier::Active)
}

/// Bytes that send a URL to the full parser: tabs and newlines (which the parser strips),
/// backslashes (which it reads as `/`) and character references.
const NOT_PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\t' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'\\' as usize] = true;
    t[b'&' as usize] = true;
    t
};

/// Relative references that cannot leave the page's host, decided without allocating: a
/// fragment, a query, an absolute path (not `//`), or a path-relative reference whose first
/// segment has no `:`. Tabs, newlines, backslashes and references go to the full parser.
fn is_plainly_local(raw: &str) -> bool {
    let b = raw.as_bytes();
    if b.is_empty() || b.iter().any(|&c| NOT_PLAIN[usize::from(c)]) {
        return b.is_empty();
    }
    match b[0] {
        b'#' | b'?' => true,
        b'/' => b.get(1) != Some(&b'/'),
        c if c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b'~' | b'%') => {
            let end = b.iter().position(|&c| matches!(c, b'/' | b'?' | b'#'));
            !b[..end.unwrap_or(b.len())].contains(&b':')
        }
        _ => false,
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (b[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Keeps audit targets short; an attacker controls their length.
pub(crate) fn short(s: &str) -> String {
    match s.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Whether `url` (as written in a script or header, possibly relative) leaves the allowed
/// hosts. `javascript:` counts as foreign here: a redirect to it is never wanted.
pub(crate) fn is_foreign(raw: &str, base: &url::Url, allowed: &HostSet) -> bool {
    !matches!(
        judge_url(raw, base, allowed, Carrier::Active),
        UrlVerdict::Allowed
    )
}

/// The decoded form of `raw`, for carriers that need it (meta refresh, JSON-LD).
pub fn decoded(raw: &str) -> Cow<'_, str> {
    entities::decode(raw)
}

#[cfg(test)]
#[path = "policy_tests.rs"]
mod tests;

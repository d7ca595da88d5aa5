//! Stage 3, guard: custom request rules from `[[site.guard.custom]]`.
//!
//! ```toml
//! [[site.guard.custom]]
//! id = "xmlrpc"                          # audited as rule `custom.xmlrpc`
//! action = "block"                       # or "log"
//! method = "POST"
//! path = { prefix = "/xmlrpc.php" }      # equals / prefix / contains / regex
//! query = { regex = "(?i)cmd=" }
//! header = { name = "user-agent", contains = "curl" }
//! ```
//!
//! Every matcher given must match. Path and query matchers read the normalised, decoded,
//! lower-case target, so literals should be written in lower case; header values are
//! matched as sent.

use http::{HeaderName, Method};
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use super::normalize::Target;
use crate::settings::Errors;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCustom {
    id: Spanned<String>,
    #[serde(default)]
    action: Option<Spanned<String>>,
    method: Option<Spanned<String>>,
    path: Option<RawMatcher>,
    query: Option<RawMatcher>,
    header: Option<RawHeader>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMatcher {
    equals: Option<String>,
    prefix: Option<String>,
    contains: Option<String>,
    regex: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    name: Spanned<String>,
    #[serde(flatten)]
    value: RawMatcher,
}

/// How a string is matched.
#[derive(Debug, Clone)]
pub(crate) enum Matcher {
    Equals(String),
    Prefix(String),
    Contains(String),
    Regex(Regex),
}

impl Matcher {
    pub(crate) fn is_match(&self, s: &str) -> bool {
        match self {
            Self::Equals(x) => s == x,
            Self::Prefix(x) => s.starts_with(x.as_str()),
            Self::Contains(x) => s.contains(x.as_str()),
            Self::Regex(r) => r.is_match(s),
        }
    }
}

/// A validated custom rule.
#[derive(Debug, Clone)]
pub(crate) struct CustomRule {
    /// `custom.` and the configured id.
    pub(crate) id: String,
    pub(crate) block: bool,
    pub(crate) method: Option<Method>,
    pub(crate) path: Option<Matcher>,
    pub(crate) query: Option<Matcher>,
    pub(crate) header: Option<(HeaderName, Matcher)>,
}

impl CustomRule {
    pub(crate) fn is_match(
        &self,
        method: &Method,
        target: &Target,
        headers: &http::HeaderMap,
    ) -> bool {
        self.method.as_ref().is_none_or(|m| m == method)
            && self.path.as_ref().is_none_or(|m| m.is_match(&target.path))
            && self
                .query
                .as_ref()
                .is_none_or(|m| m.is_match(&target.query))
            && self.header.as_ref().is_none_or(|(name, m)| {
                headers
                    .get_all(name)
                    .iter()
                    .any(|v| m.is_match(&String::from_utf8_lossy(v.as_bytes())))
            })
    }
}

pub(crate) fn validate(raw: RawCustom, errs: &mut Errors) -> Option<CustomRule> {
    let span = raw.id.span();
    let id = raw.id.get_ref();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
    {
        errs.at(
            span.clone(),
            "a custom rule id uses letters, digits, `.`, `_` or `-`",
        );
    }
    let block = match raw.action.as_ref().map(|a| a.get_ref().as_str()) {
        None | Some("block") => true,
        Some("log") => false,
        Some(_) => {
            let a = raw.action.as_ref().expect("matched Some");
            errs.at(a.span(), "action must be \"block\" or \"log\"");
            true
        }
    };
    let method = raw.method.as_ref().and_then(|m| {
        Method::from_bytes(m.get_ref().to_ascii_uppercase().as_bytes())
            .map_err(|_| errs.at(m.span(), format!("invalid method {:?}", m.get_ref())))
            .ok()
    });
    let path = raw.path.map(|m| matcher(m, span.clone(), errs));
    let query = raw.query.map(|m| matcher(m, span.clone(), errs));
    let header = raw.header.map(|h| {
        let name = HeaderName::from_bytes(h.name.get_ref().to_ascii_lowercase().as_bytes())
            .map_err(|_| errs.at(h.name.span(), "invalid header name"))
            .unwrap_or(http::header::USER_AGENT);
        (name, matcher(h.value, span.clone(), errs))
    });
    if method.is_none() && path.is_none() && query.is_none() && header.is_none() {
        errs.at(
            span,
            "a custom rule needs at least one of method, path, query, header",
        );
        return None;
    }
    Some(CustomRule {
        id: format!("custom.{id}"),
        block,
        method,
        path: path.flatten(),
        query: query.flatten(),
        header: header.and_then(|(n, m)| Some((n, m?))),
    })
}

fn matcher(raw: RawMatcher, span: std::ops::Range<usize>, errs: &mut Errors) -> Option<Matcher> {
    let mut found = Vec::new();
    found.extend(raw.equals.map(Matcher::Equals));
    found.extend(raw.prefix.map(Matcher::Prefix));
    found.extend(raw.contains.map(Matcher::Contains));
    if let Some(r) = raw.regex {
        match Regex::new(r.get_ref()) {
            Ok(re) => found.push(Matcher::Regex(re)),
            Err(e) => errs.at(r.span(), format!("invalid regex: {e}")),
        }
    }
    if found.len() != 1 {
        errs.at(
            span,
            "a matcher needs exactly one of equals, prefix, contains, regex",
        );
        return None;
    }
    found.pop()
}

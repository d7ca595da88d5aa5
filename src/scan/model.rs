//! The scan report: the stable JSON schema of `lachan scan --json` (documented in
//! `docs/scan.md`). Also read back as a baseline, so every type deserializes too.
//!
//! Field names are an outside interface: timers and scripts read them. Add fields freely;
//! never rename or remove one.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// What policy thinks of a host, once per scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// On the site's `allow` list.
    Allowed,
    /// Not on the list, and nothing suspicious about it.
    Unlisted,
    /// Not on the list, and hidden, spam, cloaked, a redirect target or a removed script's.
    Suspicious,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Allowed => "allowed",
            Verdict::Unlisted => "unlisted",
            Verdict::Suspicious => "suspicious",
        }
    }
}

/// Why a host is suspicious. Serialized in snake case (`removed_script`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Linked from inside a block hidden from visitors.
    Hidden,
    /// The link's text scores as spam in the site's lexicon.
    Spam,
    /// Served to Googlebot and not to a browser, or the other way round.
    Cloaked,
    /// The target of a redirect (header, meta refresh, or a script that navigates).
    Redirect,
    /// Named by a script that policy removes as malicious.
    RemovedScript,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Hidden => "hidden",
            Reason::Spam => "spam",
            Reason::Cloaked => "cloaked",
            Reason::Redirect => "redirect",
            Reason::RemovedScript => "removed_script",
        }
    }
}

/// The whole scan.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Report {
    pub site: String,
    /// RFC 3339, UTC.
    pub started: String,
    #[serde(default)]
    pub finished: String,
    /// What was crawled: the origin (`direct`) or a running lachan (`gateway`).
    #[serde(default)]
    pub via: String,
    /// The address the requests went to.
    #[serde(default)]
    pub target: String,
    /// Why the crawl stopped early, if it did (`max_pages`, `max_time`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped: Option<String>,
    pub pages: Vec<Page>,
    pub hosts: Vec<Host>,
    pub proposed_allow: Vec<String>,
    /// Tag-manager container and measurement ids seen on any page (`GTM-…`, `G-…`): the
    /// candidates for `[site.sanitize] tag_ids`.
    #[serde(default)]
    pub tag_ids: BTreeSet<String>,
    /// Site-ownership verification tokens seen on any page (`google-site-verification`,
    /// `msvalidate.01`, `p:domain_verify`, any `*-verification` meta), each with its pages:
    /// the candidates for `[site.sanitize] verification`, and the planted ones.
    #[serde(default)]
    pub verification: Vec<Verification>,
}

/// A site-ownership verification token, over the whole scan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// The meta's name (lower case): `google-site-verification`, `msvalidate.01`, …
    pub name: String,
    pub token: String,
    /// In the site's `[site.sanitize] verification` list. `false` flags it: a token the
    /// operator has not confirmed as the site's own (all of them while the list is unset),
    /// which gives whoever registered it control of the site in that search console.
    pub listed: bool,
    /// The pages that carry it.
    #[serde(default)]
    pub pages: Vec<String>,
}

/// A verification meta on one page.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PageToken {
    pub name: String,
    pub token: String,
    pub listed: bool,
}

/// One crawled URL (both views of it).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Page {
    /// The public URL (the site's first host).
    pub url: String,
    /// The browser view's status; 0 when the fetch failed.
    pub status: u16,
    #[serde(default)]
    pub depth: u32,
    /// The browser and the Googlebot views link to different foreign hosts.
    pub cloaked: bool,
    /// The body passed `--max-bytes` and was cut there.
    #[serde(default)]
    pub truncated: bool,
    /// A fetch error (timeout, connection, redirect limit), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub links: Vec<Link>,
    /// What the sanitizer would do to this page in enforce mode: every audit event of the
    /// report-mode pass, including scripts removed without a readable host.
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// Tag-manager ids in the page's HTML (both views).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub tag_ids: BTreeSet<String>,
    /// Site-ownership verification metas in the page's HTML (both views).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub verification: BTreeSet<PageToken>,
}

/// One outbound URL on a page.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Link {
    pub url: String,
    pub host: String,
    /// Where it sits: `a@href`, `script@src`, `meta-refresh`, `json-ld`, `Location`, …
    pub carrier: String,
    pub hidden: bool,
    pub spam: bool,
    /// Carried by one view only (browser or Googlebot) on a cloaked page.
    #[serde(default)]
    pub cloaked: bool,
    /// The host's verdict.
    pub verdict: Option<Verdict>,
    /// The audit rule policy would apply to it; `None` when policy keeps it.
    #[serde(default)]
    pub rule: Option<String>,
    /// Which views carry it: `browser`, `googlebot`.
    #[serde(default)]
    pub seen_by: BTreeSet<String>,
}

/// One audit event of the report-mode pass.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    /// `browser` or `googlebot`.
    pub view: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// One foreign host, over the whole scan.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Host {
    pub host: String,
    pub verdict: Verdict,
    /// On how many pages it appears.
    pub pages: usize,
    pub reasons: BTreeSet<Reason>,
    /// The carriers it was seen in.
    #[serde(default)]
    pub carriers: BTreeSet<String>,
}

//! `lachan audit report --allow-suggest` (stage 7, audit): an `allow = [ … ]` proposal
//! learnt passively from a site running in `mode = "report"`, and the TOML snippet writer
//! that `lachan scan --propose-allow` shares.
//!
//! Only `reported` events count: they are what report mode would have blocked. A host is
//! proposed when it was reported on at least [`MIN_PAGES`] distinct pages and never by a
//! rule that makes it suspicious (hidden block, redirect, a script policy removes, a link
//! in raw text). The log cannot tell spam or cloaking per host: `lachan scan` can, so a
//! scan is the stronger check before allowing anything.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::line::Parsed;
use super::rules;

/// A host must be reported on this many pages to be proposed.
pub const MIN_PAGES: usize = 2;
/// Distinct pages remembered per host (enough to pass [`MIN_PAGES`] many times over).
const MAX_PAGES: usize = 64;
/// Hosts remembered per site: the log is attacker-fed.
const MAX_HOSTS: usize = 10_000;

/// One site's proposal.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct SiteSuggestion {
    pub site: String,
    /// `(host, why)`, proposed.
    pub propose: Vec<(String, String)>,
    /// `(host, why)`, left out.
    pub left_out: Vec<(String, String)>,
}

#[derive(Debug, Default)]
struct HostSeen {
    pages: BTreeSet<String>,
    rules: BTreeSet<String>,
    reasons: BTreeSet<&'static str>,
}

/// Collects reported foreign hosts per site.
#[derive(Debug, Default)]
pub struct Learner {
    sites: BTreeMap<String, BTreeMap<String, HostSeen>>,
}

/// Why a rule makes its host suspicious, if it does.
fn reason(rule: &str) -> Option<&'static str> {
    match rule {
        "link.hidden_block" | "rawtext.link" => Some("hidden"),
        "script.redirect" | "meta.refresh" | "header.location" | "header.refresh" => {
            Some("redirect")
        }
        r if r.starts_with("script.") => Some("removed_script"),
        _ => None,
    }
}

impl Learner {
    pub fn add(&mut self, p: &Parsed) {
        if p.action != "reported" || p.rule == "csp.violation" {
            return;
        }
        let Some(host) = rules::foreign_host(&p.rule, p.target.as_deref()) else {
            return;
        };
        let hosts = self.sites.entry(p.site.clone()).or_default();
        if hosts.len() >= MAX_HOSTS && !hosts.contains_key(&host) {
            return;
        }
        let seen = hosts.entry(host).or_default();
        if seen.pages.len() < MAX_PAGES {
            let path = p.url.split(['?', '#']).next().unwrap_or_default();
            seen.pages.insert(path.to_string());
        }
        seen.rules.insert(p.rule.clone());
        seen.reasons.extend(reason(&p.rule));
    }

    pub fn finish(self) -> Vec<SiteSuggestion> {
        self.sites
            .into_iter()
            .map(|(site, hosts)| {
                let mut s = SiteSuggestion {
                    site,
                    ..SiteSuggestion::default()
                };
                for (host, seen) in hosts {
                    judge(&mut s, host, &seen);
                }
                s
            })
            .collect()
    }
}

fn judge(s: &mut SiteSuggestion, host: String, seen: &HostSeen) {
    let rules: Vec<&str> = seen.rules.iter().map(String::as_str).collect();
    let n = seen.pages.len();
    if !seen.reasons.is_empty() {
        let why: Vec<&str> = seen.reasons.iter().copied().collect();
        s.left_out.push((
            host,
            format!("suspicious: {} ({})", why.join(", "), rules.join(", ")),
        ));
    } else if n < MIN_PAGES {
        s.left_out.push((
            host,
            format!("reported on {n} page only (at least {MIN_PAGES} needed)"),
        ));
    } else {
        let pages = if n >= MAX_PAGES {
            format!("{n}+")
        } else {
            n.to_string()
        };
        s.propose.push((
            host,
            format!("reported on {pages} pages ({})", rules.join(", ")),
        ));
    }
}

/// The TOML snippet: `allow = [ … ]` with a comment per host, then the hosts left out.
/// Hosts are written as quoted strings and comments keep to one line, whatever the host
/// text holds (it comes from crawled pages or the log).
pub fn snippet(title: &str, propose: &[(String, String)], left_out: &[(String, String)]) -> String {
    let line = |t: &str| -> String { t.chars().filter(|c| !c.is_control()).collect() };
    let mut s = format!("# {}: review before use.\nallow = [\n", line(title));
    for (host, why) in propose {
        s.push_str(&format!("  {:?}, # {}\n", line(host), line(why)));
    }
    s.push_str("]\n");
    if !left_out.is_empty() {
        s.push_str("# Left out:\n");
        for (host, why) in left_out {
            s.push_str(&format!("#   {}: {}\n", line(host), line(why)));
        }
    }
    s
}

/// All sites' snippets, for stdout.
pub fn render(suggestions: &[SiteSuggestion]) -> String {
    if suggestions.is_empty() {
        return "# No reported foreign hosts: nothing to suggest (is a site in mode = \"report\"?)\n"
            .into();
    }
    let mut out = String::new();
    for s in suggestions {
        let title = format!(
            "Site {}: suggested by `lachan audit report --allow-suggest`",
            s.site
        );
        out.push_str(&snippet(&title, &s.propose, &s.left_out));
        out.push('\n');
    }
    out
}

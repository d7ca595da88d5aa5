//! `lachan scan`: one verdict per foreign host over the whole scan, and the allow-list
//! proposal built from them.
//!
//! Security note: the proposal errs towards leaving hosts out. A host is proposed only
//! when nothing about it is suspicious and several pages link to it; a host that an
//! attacker planted on every page of the template still shows up as hidden, spam, cloaked,
//! a redirect or a removed script's, and is then listed with its reasons instead.

use std::collections::{BTreeMap, BTreeSet};

use super::model::{Host, Link, Page, Reason, Verdict};
use crate::settings::Site;

/// A host must be linked from this many pages to be proposed.
pub const MIN_PAGES: usize = 2;

/// The reasons one link gives to suspect its host.
pub fn reasons(link: &Link) -> BTreeSet<Reason> {
    let mut r = BTreeSet::new();
    if link.hidden {
        r.insert(Reason::Hidden);
    }
    if link.spam {
        r.insert(Reason::Spam);
    }
    if link.cloaked {
        r.insert(Reason::Cloaked);
    }
    let rule = link.rule.as_deref().unwrap_or("");
    let redirect_carrier = matches!(
        link.carrier.as_str(),
        "Location" | "Refresh" | "meta-refresh"
    );
    if redirect_carrier
        || matches!(
            rule,
            "script.redirect" | "header.location" | "header.refresh"
        )
    {
        r.insert(Reason::Redirect);
    } else if rule.starts_with("script.") && rule != "script.wp_emoji" {
        r.insert(Reason::RemovedScript);
    }
    r
}

/// Aggregates the hosts of `pages` and stamps each link with its host's verdict.
pub fn judge(site: &Site, pages: &mut [Page]) -> Vec<Host> {
    let mut by_host: BTreeMap<String, Host> = BTreeMap::new();
    for page in pages.iter() {
        let mut on_page = BTreeSet::new();
        for link in &page.links {
            let h = by_host.entry(link.host.clone()).or_insert_with(|| Host {
                host: link.host.clone(),
                verdict: Verdict::Unlisted,
                pages: 0,
                reasons: BTreeSet::new(),
                carriers: BTreeSet::new(),
            });
            h.reasons.extend(reasons(link));
            h.carriers.insert(link.carrier.clone());
            if on_page.insert(link.host.as_str()) {
                h.pages += 1;
            }
        }
    }
    for h in by_host.values_mut() {
        h.verdict = if site.sanitize().hosts.allows(&h.host) {
            Verdict::Allowed
        } else if h.reasons.is_empty() {
            Verdict::Unlisted
        } else {
            Verdict::Suspicious
        };
    }
    for link in pages.iter_mut().flat_map(|p| p.links.iter_mut()) {
        link.verdict = by_host.get(&link.host).map(|h| h.verdict);
    }
    let mut hosts: Vec<Host> = by_host.into_values().collect();
    // Suspicious first, then unlisted, then allowed; within each, the most linked first.
    hosts.sort_by(|a, b| {
        b.verdict
            .cmp(&a.verdict)
            .then(b.pages.cmp(&a.pages))
            .then(a.host.cmp(&b.host))
    });
    hosts
}

/// Why a host is or is not proposed for the allow list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proposal {
    Propose(String),
    LeaveOut(String),
}

/// The decision for one non-allowed host.
pub fn proposal(h: &Host) -> Option<Proposal> {
    match h.verdict {
        Verdict::Allowed => None,
        Verdict::Suspicious => {
            let why: Vec<&str> = h.reasons.iter().map(|r| r.as_str()).collect();
            Some(Proposal::LeaveOut(format!(
                "suspicious: {}",
                why.join(", ")
            )))
        }
        Verdict::Unlisted if h.pages < MIN_PAGES => Some(Proposal::LeaveOut(format!(
            "linked from {} page only (at least {MIN_PAGES} needed)",
            h.pages
        ))),
        Verdict::Unlisted => {
            let carriers: Vec<&str> = h.carriers.iter().map(String::as_str).collect();
            Some(Proposal::Propose(format!(
                "linked from {} pages ({}); visible, not spam, not cloaked",
                h.pages,
                carriers.join(", ")
            )))
        }
    }
}

/// The hosts that [`proposal`] proposes, in report order.
pub fn proposed(hosts: &[Host]) -> Vec<String> {
    hosts
        .iter()
        .filter(|h| matches!(proposal(h), Some(Proposal::Propose(_))))
        .map(|h| h.host.clone())
        .collect()
}

/// The TOML snippet of `--propose-allow`, with a comment per host and the hosts left out
/// (written by the same function as `lachan audit report --allow-suggest`).
pub fn snippet(hosts: &[Host]) -> String {
    let (mut propose, mut left_out) = (Vec::new(), Vec::new());
    for h in hosts {
        match proposal(h) {
            Some(Proposal::Propose(why)) => propose.push((h.host.clone(), why)),
            Some(Proposal::LeaveOut(why)) => left_out.push((h.host.clone(), why)),
            None => {}
        }
    }
    crate::audit::suggest::snippet(
        "Proposed by `lachan scan --propose-allow`",
        &propose,
        &left_out,
    )
}

//! `lachan scan --baseline FILE`: what changed since an earlier scan's JSON. New foreign
//! hosts, hosts that became suspicious, and pages whose outbound set changed. A timer
//! alerts on [`Diff::new_suspicious`] (exit status 3).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::model::{Report, Verdict};

/// The difference between a baseline and the current scan.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Diff {
    /// Foreign hosts that the baseline did not have.
    pub new_hosts: Vec<String>,
    /// Hosts that are suspicious now and were not (or were absent) in the baseline.
    pub new_suspicious: Vec<String>,
    /// Hosts of the baseline that are gone.
    pub gone_hosts: Vec<String>,
    /// Pages in both scans whose set of outbound URLs changed.
    pub changed_pages: Vec<ChangedPage>,
}

/// One page whose outbound URLs changed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ChangedPage {
    pub url: String,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

/// Compares `now` with `before`.
pub fn diff(before: &Report, now: &Report) -> Diff {
    let old: BTreeMap<&str, Verdict> = before
        .hosts
        .iter()
        .map(|h| (h.host.as_str(), h.verdict))
        .collect();
    let new: BTreeSet<&str> = now.hosts.iter().map(|h| h.host.as_str()).collect();
    let mut d = Diff::default();
    for h in &now.hosts {
        let was = old.get(h.host.as_str());
        if was.is_none() {
            d.new_hosts.push(h.host.clone());
        }
        if h.verdict == Verdict::Suspicious && was != Some(&Verdict::Suspicious) {
            d.new_suspicious.push(h.host.clone());
        }
    }
    d.gone_hosts = old
        .keys()
        .filter(|h| !new.contains(*h))
        .map(|h| h.to_string())
        .collect();
    let outbound = |r: &Report| -> BTreeMap<String, BTreeSet<String>> {
        r.pages
            .iter()
            .map(|p| {
                (
                    p.url.clone(),
                    p.links.iter().map(|l| l.url.clone()).collect(),
                )
            })
            .collect()
    };
    let (b, n) = (outbound(before), outbound(now));
    for (url, links) in &n {
        let Some(old_links) = b.get(url) else {
            continue;
        };
        if links != old_links {
            d.changed_pages.push(ChangedPage {
                url: url.clone(),
                added: links.difference(old_links).cloned().collect(),
                removed: old_links.difference(links).cloned().collect(),
            });
        }
    }
    d
}

/// Text for stdout.
pub fn render(d: &Diff) -> String {
    let mut s = String::from("Against the baseline:\n");
    let list = |s: &mut String, title: &str, items: &[String]| {
        s.push_str(&format!("  {title}: {}\n", items.len()));
        for i in items {
            s.push_str(&format!("    {i}\n"));
        }
    };
    list(&mut s, "new foreign hosts", &d.new_hosts);
    list(&mut s, "newly suspicious hosts", &d.new_suspicious);
    list(&mut s, "hosts gone", &d.gone_hosts);
    s.push_str(&format!(
        "  pages whose outbound links changed: {}\n",
        d.changed_pages.len()
    ));
    for p in &d.changed_pages {
        s.push_str(&format!(
            "    {} (+{} -{})\n",
            p.url,
            p.added.len(),
            p.removed.len()
        ));
    }
    s
}

//! `lachan scan`: merges the browser and Googlebot views of one page into a [`Page`]:
//! its outbound links with carrier, hidden, spam, the rule policy would apply, and which
//! views carry them; plus the same-site URLs to crawl next.
//!
//! "Hidden" is the sanitizer's own judgement: a link is hidden when report mode names it
//! in `link.hidden_block`, or when it is a foreign `<a>` that a hidden-block removal took
//! with it (the sanitizer reports one event per removed block, for its first link).

use std::collections::{BTreeMap, BTreeSet};

use super::analyze::View;
use super::extract::Found;
use super::fetch::FetchError;
use super::model::{Finding, Link, Page, PageToken};
use crate::audit::rules;
use crate::settings::Site;

/// Carriers that lead to another page of the site.
const FOLLOW: &[&str] = &[
    "a@href",
    "area@href",
    "iframe@src",
    "frame@src",
    "meta-refresh",
    "Location",
    "Refresh",
];

/// A same-site URL to crawl next.
#[derive(Debug, Clone)]
pub struct Next {
    pub url: url::Url,
    /// Reached by a redirect (counts against the redirect limit, not the depth).
    pub redirect: bool,
}

/// Whether `host` is one of the site's own.
pub fn is_own(site: &Site, host: &str) -> bool {
    let host = host.trim_end_matches('.');
    site.hosts.iter().any(|h| h == host)
}

/// Builds the page from its two views.
pub fn merge(
    site: &Site,
    url: &url::Url,
    browser: Result<View, FetchError>,
    googlebot: Result<View, FetchError>,
) -> (Page, Vec<Next>) {
    let mut page = Page {
        url: url.to_string(),
        ..Page::default()
    };
    let mut next = Vec::new();
    let mut links: BTreeMap<(String, String), Link> = BTreeMap::new();
    let mut hosts_by_view = Vec::new();
    for (name, view) in [("browser", &browser), ("googlebot", &googlebot)] {
        let view = match view {
            Ok(v) => v,
            Err(e) => {
                if name == "browser" {
                    page.error = Some(e.to_string());
                }
                continue;
            }
        };
        if name == "browser" {
            page.status = view.status;
        }
        page.truncated |= view.truncated;
        let hosts = add_view(site, name, view, &mut links, &mut next);
        hosts_by_view.push(hosts);
        page.findings.extend(view.findings.iter().cloned());
        page.tag_ids.extend(view.tag_ids.iter().cloned());
        page.verification
            .extend(view.tokens.iter().map(|t| PageToken {
                name: t.name.clone(),
                token: t.token.clone(),
                listed: listed(site, &t.token),
            }));
    }
    if let [b, g] = hosts_by_view.as_slice() {
        let only_one: BTreeSet<&String> = b.symmetric_difference(g).collect();
        page.cloaked = !only_one.is_empty();
        for l in links.values_mut() {
            l.cloaked = only_one.contains(&l.host);
        }
    }
    page.links = links.into_values().collect();
    (page, next)
}

/// Whether `token` is in the site's `[site.sanitize] verification` list.
fn listed(site: &Site, token: &str) -> bool {
    site.sanitize()
        .verification
        .as_ref()
        .is_some_and(|own| own.contains(token))
}

/// Adds one view's outbound links; returns the foreign hosts it links to.
fn add_view(
    site: &Site,
    name: &str,
    view: &View,
    links: &mut BTreeMap<(String, String), Link>,
    next: &mut Vec<Next>,
) -> BTreeSet<String> {
    let swallowed = view.findings.iter().any(|f| f.rule == "link.hidden_block");
    let mut hosts = BTreeSet::new();
    let mut covered = BTreeSet::new();
    for f in &view.found {
        let Some(host) = host_of(&f.url) else {
            continue;
        };
        if is_own(site, &host) {
            if FOLLOW.contains(&f.carrier.as_str()) && matches!(f.url.scheme(), "http" | "https") {
                next.push(Next {
                    url: f.url.clone(),
                    redirect: matches!(f.carrier.as_str(), "Location" | "Refresh"),
                });
            }
            continue;
        }
        let rule = rule_for(&view.findings, f.url.as_str(), &host);
        let allowed = site.sanitize().hosts.allows(&host);
        let anchor = matches!(f.carrier.as_str(), "a@href" | "area@href");
        let hidden = rule.as_deref() == Some("link.hidden_block")
            || (swallowed && anchor && !allowed && rule.is_none());
        let spam = !f.text.trim().is_empty() && site.sanitize().lexicon.scan(&f.text).is_spam();
        covered.insert(host.clone());
        hosts.insert(host.clone());
        add_link(links, name, f, host, rule, hidden, spam);
    }
    for f in &view.findings {
        let Some(host) = rules::foreign_host(&f.rule, f.target.as_deref()) else {
            continue;
        };
        if is_own(site, &host) || covered.contains(&host) {
            continue;
        }
        // Named by policy but not by any attribute: a host in a script or raw text.
        let Ok(url) = url::Url::parse(f.target.as_deref().unwrap_or_default())
            .or_else(|_| url::Url::parse(&format!("http://{host}/")))
        else {
            continue;
        };
        let found = Found {
            url,
            carrier: carrier_of_rule(&f.rule),
            text: String::new(),
        };
        let hidden = f.rule == "link.hidden_block";
        hosts.insert(host.clone());
        add_link(
            links,
            name,
            &found,
            host,
            Some(f.rule.clone()),
            hidden,
            false,
        );
    }
    hosts
}

fn add_link(
    links: &mut BTreeMap<(String, String), Link>,
    view: &str,
    f: &Found,
    host: String,
    rule: Option<String>,
    hidden: bool,
    spam: bool,
) {
    let key = (f.url.to_string(), f.carrier.clone());
    let link = links.entry(key).or_insert_with(|| Link {
        url: f.url.to_string(),
        host,
        carrier: f.carrier.clone(),
        ..Link::default()
    });
    link.hidden |= hidden;
    link.spam |= spam;
    if link.rule.is_none() {
        link.rule = rule;
    }
    link.seen_by.insert(view.to_string());
}

fn host_of(url: &url::Url) -> Option<String> {
    url.host_str()
        .map(|h| h.trim_end_matches('.').to_ascii_lowercase())
        .filter(|h| !h.is_empty())
}

/// The rule of the event about this URL: the same URL first, else the same host.
fn rule_for(findings: &[Finding], url: &str, host: &str) -> Option<String> {
    let short = crate::sanitize::policy::short(url);
    let by_url = findings
        .iter()
        .find(|f| f.target.as_deref() == Some(short.as_str()));
    by_url
        .or_else(|| {
            findings.iter().find(|f| {
                rules::foreign_host(&f.rule, f.target.as_deref()).as_deref() == Some(host)
            })
        })
        .map(|f| f.rule.clone())
}

fn carrier_of_rule(rule: &str) -> String {
    match rule {
        r if r.starts_with("script.") => "script-text".into(),
        "rawtext.link" => "raw-text".into(),
        "header.location" => "Location".into(),
        "header.refresh" => "Refresh".into(),
        "meta.refresh" => "meta-refresh".into(),
        "jsonld.foreign" => "json-ld".into(),
        other => other.into(),
    }
}

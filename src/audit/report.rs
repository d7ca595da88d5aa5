//! `lachan audit report`: what happened to each site, for auditors (stage 7, audit).
//!
//! Counts by site, rule, action and day; the top foreign targets; the top blocked clients;
//! the first and last sighting of each foreign host. An `audit.summary` line counts as the
//! `count` events it stands for, under the rule it summarizes (its `target`). The report
//! reads lines without judging the chain: run `verify` for that; lines that fail their own
//! hash are skipped and counted in `unverifiable_lines`.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use serde::Serialize;

use super::files;
use super::line::{self, Parsed};
use super::rules;
use super::suggest;

/// How many entries the "top" lists keep.
pub const TOP: usize = 15;

#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// `YYYY-MM-DD`: only events on or after this UTC day.
    pub since: Option<String>,
    pub site: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Sighting {
    pub host: String,
    pub first: String,
    pub last: String,
    pub count: u64,
}

#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub since: Option<String>,
    pub site: Option<String>,
    pub files: usize,
    /// Events, with coalesced summaries counted as the events they stand for.
    pub events: u64,
    pub coalesced: u64,
    pub unverifiable_lines: u64,
    pub by_site: BTreeMap<String, u64>,
    pub by_rule: BTreeMap<String, u64>,
    pub by_action: BTreeMap<String, u64>,
    pub by_day: BTreeMap<String, u64>,
    /// day → site → events.
    pub by_day_site: BTreeMap<String, BTreeMap<String, u64>>,
    pub top_foreign_targets: Vec<(String, u64)>,
    pub top_blocked_clients: Vec<(String, u64)>,
    /// Foreign hosts, most seen first.
    pub foreign_hosts: Vec<Sighting>,
    /// Per site, the `allow` proposal learnt from report-mode events (`--allow-suggest`).
    pub allow_suggest: Vec<suggest::SiteSuggestion>,
}

#[derive(Default)]
struct Acc {
    report: Report,
    targets: HashMap<String, u64>,
    clients: HashMap<String, u64>,
    hosts: HashMap<String, Sighting>,
    learner: suggest::Learner,
}

/// Reads every audit file in `dir` and builds the report.
pub fn build(dir: &Path, filter: &Filter) -> std::io::Result<Report> {
    let mut acc = Acc::default();
    let paths = files::list(dir)?;
    for path in &paths {
        let data = std::fs::read(path)?;
        for raw in data.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            match line::open(raw) {
                Ok((p, _)) if !p.is_header() && keep(&p, filter) => acc.add(&p),
                Ok(_) => {}
                Err(_) => acc.report.unverifiable_lines += 1,
            }
        }
    }
    acc.report.files = paths.len();
    acc.report.since = filter.since.clone();
    acc.report.site = filter.site.clone();
    Ok(acc.finish())
}

fn keep(p: &Parsed, f: &Filter) -> bool {
    let day = p.ts.get(..10).unwrap_or_default();
    f.since.as_deref().is_none_or(|s| day >= s) && f.site.as_deref().is_none_or(|s| p.site == s)
}

impl Acc {
    fn add(&mut self, p: &Parsed) {
        let summary = p.rule == "audit.summary";
        let n = if summary { p.count.unwrap_or(1) } else { 1 };
        let rule = match (summary, &p.target) {
            (true, Some(t)) => t.clone(),
            _ => p.rule.clone(),
        };
        let day = p.ts.get(..10).unwrap_or_default().to_string();
        let r = &mut self.report;
        r.events += n;
        if summary {
            r.coalesced += n;
        }
        *r.by_site.entry(p.site.clone()).or_default() += n;
        *r.by_rule.entry(rule).or_default() += n;
        *r.by_action.entry(p.action.clone()).or_default() += n;
        *r.by_day.entry(day.clone()).or_default() += n;
        *r.by_day_site
            .entry(day)
            .or_default()
            .entry(p.site.clone())
            .or_default() += n;
        let blocked = matches!(p.action.as_str(), "blocked" | "banned");
        if blocked && p.client_ip != "0.0.0.0" {
            *self.clients.entry(p.client_ip.clone()).or_default() += n;
        }
        if summary {
            return;
        }
        self.learner.add(p);
        if let Some(host) = rules::foreign_host(&p.rule, p.target.as_deref()) {
            *self
                .targets
                .entry(p.target.clone().unwrap_or_default())
                .or_default() += 1;
            let s = self.hosts.entry(host.clone()).or_insert_with(|| Sighting {
                host,
                first: p.ts.clone(),
                last: p.ts.clone(),
                count: 0,
            });
            s.count += 1;
            s.first = s.first.clone().min(p.ts.clone());
            s.last = s.last.clone().max(p.ts.clone());
        }
    }

    fn finish(mut self) -> Report {
        self.report.top_foreign_targets = top(self.targets);
        self.report.top_blocked_clients = top(self.clients);
        let mut hosts: Vec<Sighting> = self.hosts.into_values().collect();
        hosts.sort_by(|a, b| b.count.cmp(&a.count).then(a.host.cmp(&b.host)));
        self.report.foreign_hosts = hosts;
        self.report.allow_suggest = self.learner.finish();
        self.report
    }
}

fn top(map: HashMap<String, u64>) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = map.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(TOP);
    v
}

fn section(f: &mut fmt::Formatter<'_>, title: &str, rows: &[(String, u64)]) -> fmt::Result {
    writeln!(f, "\n{title}")?;
    if rows.is_empty() {
        return writeln!(f, "  (none)");
    }
    for (k, n) in rows {
        writeln!(f, "  {n:>8}  {}", k.escape_debug())?;
    }
    Ok(())
}

fn rows(map: &BTreeMap<String, u64>) -> Vec<(String, u64)> {
    map.iter().map(|(k, v)| (k.clone(), *v)).collect()
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "lachan audit report ({} file(s))", self.files)?;
        if let Some(s) = &self.since {
            writeln!(f, "since: {s}")?;
        }
        if let Some(s) = &self.site {
            writeln!(f, "site: {s}")?;
        }
        writeln!(
            f,
            "events: {} (of which {} coalesced under load)",
            self.events, self.coalesced
        )?;
        if self.unverifiable_lines > 0 {
            writeln!(
                f,
                "WARNING: {} line(s) fail their own hash; run `lachan audit verify`",
                self.unverifiable_lines
            )?;
        }
        section(f, "By site", &rows(&self.by_site))?;
        section(f, "By rule", &rows(&self.by_rule))?;
        section(f, "By action", &rows(&self.by_action))?;
        section(f, "By day", &rows(&self.by_day))?;
        section(f, "Top foreign targets", &self.top_foreign_targets)?;
        section(f, "Top blocked clients", &self.top_blocked_clients)?;
        writeln!(f, "\nForeign hosts (first seen .. last seen)")?;
        if self.foreign_hosts.is_empty() {
            writeln!(f, "  (none)")?;
        }
        for s in &self.foreign_hosts {
            writeln!(
                f,
                "  {:>8}  {}  {} .. {}",
                s.count,
                s.host.escape_debug(),
                s.first,
                s.last
            )?;
        }
        Ok(())
    }
}

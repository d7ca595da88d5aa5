//! `lachan scan --html FILE`: one self-contained page, in the style of
//! `lachan audit report --html`. Suspicious hosts come first, each with the pages that
//! carry it; then unlisted and allowed hosts, the proposal, and the pages with errors.
//!
//! Security note: every URL and host on this page comes from the crawled (possibly
//! compromised) site. Each is escaped with `audit::html::esc`, none becomes a live link,
//! and the page's CSP forbids scripts and every external resource.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::model::{Host, Report, Verdict};
use crate::audit::html::esc;

const HEAD: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
<title>lachan scan report</title>\n<style>\
body{font-family:sans-serif;max-width:80em;margin:1em auto;color:#222}\
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left;vertical-align:top}\
td.n{text-align:right}.suspicious{color:#b00}.unlisted{color:#a60}.allowed{color:#070}\
code{word-break:break-all}\
</style></head><body>\n";

/// Pages shown under one host at most; the JSON has them all.
const PAGES_PER_HOST: usize = 20;

/// The whole page.
pub fn render(r: &Report) -> String {
    let mut h = String::from(HEAD);
    let count = |v: Verdict| r.hosts.iter().filter(|x| x.verdict == v).count();
    let _ = write!(
        h,
        "<h1>lachan scan of site {}</h1>\n<p id=\"totals\">Started {} via {} ({}). Pages: <b>{}</b>. \
         Hosts: <b class=\"suspicious\">{}</b> suspicious, <b class=\"unlisted\">{}</b> unlisted, \
         <b class=\"allowed\">{}</b> allowed.</p>\n",
        esc(&r.site),
        esc(&r.started),
        esc(&r.via),
        esc(&r.target),
        r.pages.len(),
        count(Verdict::Suspicious),
        count(Verdict::Unlisted),
        count(Verdict::Allowed),
    );
    if let Some(why) = &r.stopped {
        let _ = writeln!(h, "<p>Stopped early: {}</p>", esc(why));
    }
    let pages_of = pages_by_host(r);
    for (v, title) in [
        (Verdict::Suspicious, "Suspicious hosts"),
        (Verdict::Unlisted, "Unlisted hosts"),
        (Verdict::Allowed, "Allowed hosts"),
    ] {
        let hosts: Vec<&Host> = r.hosts.iter().filter(|x| x.verdict == v).collect();
        host_table(&mut h, v, title, &hosts, &pages_of);
    }
    verification(&mut h, r);
    h.push_str("<h2>Proposed allow list</h2>\n<pre id=\"proposal\">");
    h.push_str(&esc(&super::hosts::snippet(&r.hosts)));
    h.push_str("</pre>\n");
    problem_pages(&mut h, r);
    h.push_str("</body>\n</html>\n");
    h
}

fn pages_by_host(r: &Report) -> BTreeMap<&str, Vec<&str>> {
    let mut m: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for p in &r.pages {
        for l in &p.links {
            let list = m.entry(l.host.as_str()).or_default();
            if list.last() != Some(&p.url.as_str()) {
                list.push(p.url.as_str());
            }
        }
    }
    m
}

fn host_table(
    h: &mut String,
    v: Verdict,
    title: &str,
    hosts: &[&Host],
    pages_of: &BTreeMap<&str, Vec<&str>>,
) {
    let _ = writeln!(h, "<h2>{title}</h2>");
    if hosts.is_empty() {
        let _ = writeln!(h, "<p id=\"hosts-{}\">(none)</p>", v.as_str());
        return;
    }
    let _ = writeln!(
        h,
        "<table id=\"hosts-{}\"><tr><th>host</th><th>pages</th><th>reasons</th><th>carriers</th><th>linked from</th></tr>",
        v.as_str()
    );
    for host in hosts {
        let reasons: Vec<&str> = host.reasons.iter().map(|r| r.as_str()).collect();
        let carriers: Vec<&str> = host.carriers.iter().map(String::as_str).collect();
        let pages = pages_of
            .get(host.host.as_str())
            .map_or(&[][..], Vec::as_slice);
        let mut list: String = pages
            .iter()
            .take(PAGES_PER_HOST)
            .map(|p| format!("<code>{}</code><br>", esc(p)))
            .collect();
        if pages.len() > PAGES_PER_HOST {
            let _ = write!(list, "… and {} more", pages.len() - PAGES_PER_HOST);
        }
        let _ = writeln!(
            h,
            "<tr><td class=\"{}\"><code>{}</code></td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{list}</td></tr>",
            v.as_str(),
            esc(&host.host),
            host.pages,
            esc(&reasons.join(", ")),
            esc(&carriers.join(", ")),
        );
    }
    h.push_str("</table>\n");
}

/// Site-ownership verification tokens, unlisted (flagged) first.
fn verification(h: &mut String, r: &Report) {
    h.push_str("<h2>Site-ownership verification tokens</h2>\n");
    if r.verification.is_empty() {
        h.push_str("<p id=\"verification\">(none)</p>\n");
        return;
    }
    h.push_str("<table id=\"verification\"><tr><th>meta</th><th>token</th><th>in [site.sanitize] verification</th><th>pages</th></tr>\n");
    for t in &r.verification {
        let (class, listed) = if t.listed {
            ("allowed", "yes")
        } else {
            ("suspicious", "no")
        };
        let pages: String = t
            .pages
            .iter()
            .take(PAGES_PER_HOST)
            .map(|p| format!("<code>{}</code><br>", esc(p)))
            .collect();
        let _ = writeln!(
            h,
            "<tr><td><code>{}</code></td><td class=\"{class}\"><code>{}</code></td><td>{listed}</td><td>{pages}</td></tr>",
            esc(&t.name),
            esc(&t.token),
        );
    }
    h.push_str("</table>\n");
}

fn problem_pages(h: &mut String, r: &Report) {
    let rows: Vec<_> = r
        .pages
        .iter()
        .filter(|p| p.error.is_some() || p.cloaked || p.truncated)
        .collect();
    h.push_str("<h2>Pages with errors, cloaking or truncation</h2>\n");
    if rows.is_empty() {
        h.push_str("<p id=\"problems\">(none)</p>\n");
        return;
    }
    h.push_str("<table id=\"problems\"><tr><th>page</th><th>status</th><th>cloaked</th><th>truncated</th><th>error</th></tr>\n");
    for p in rows {
        let _ = writeln!(
            h,
            "<tr><td><code>{}</code></td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&p.url),
            p.status,
            p.cloaked,
            p.truncated,
            esc(p.error.as_deref().unwrap_or(""))
        );
    }
    h.push_str("</table>\n");
}

//! `lachan audit report --html`: one self-contained page with inline SVG charts (stage 7,
//! audit). No script, no CDN, no external resource: it opens offline in any browser.
//!
//! Security note: the log's strings (URLs, hosts, rule ids) come from attackers. Every one
//! is HTML-escaped with [`esc`], and the page carries a CSP that forbids scripts, so a
//! planted `<script>` in a URL cannot run in the auditor's browser.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::report::Report;

const PALETTE: &[&str] = &[
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
];

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The whole page.
pub fn render(r: &Report) -> String {
    let mut h = String::new();
    h.push_str(HEAD);
    let scope = match (&r.site, &r.since) {
        (Some(s), Some(d)) => format!(" for site {} since {}", esc(s), esc(d)),
        (Some(s), None) => format!(" for site {}", esc(s)),
        (None, Some(d)) => format!(" since {}", esc(d)),
        (None, None) => String::new(),
    };
    let _ = write!(
        h,
        "<h1>lachan audit report{scope}</h1>\n<p id=\"totals\">Events: <b id=\"events\">{}</b> \
         (coalesced under load: {}) in {} file(s). Unverifiable lines: {}.</p>\n",
        r.events, r.coalesced, r.files, r.unverifiable_lines
    );
    h.push_str("<h2>Blocks per day per site</h2>\n");
    h.push_str(&days_chart(r));
    h.push_str("<h2>Top rules</h2>\n");
    let mut rules: Vec<(String, u64)> = r.by_rule.iter().map(|(k, v)| (k.clone(), *v)).collect();
    rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    rules.truncate(super::report::TOP);
    h.push_str(&bars("chart-rules", &rules, "#d62728"));
    h.push_str("<h2>Top foreign hosts</h2>\n");
    let hosts: Vec<(String, u64)> = r
        .foreign_hosts
        .iter()
        .take(super::report::TOP)
        .map(|s| (s.host.clone(), s.count))
        .collect();
    h.push_str(&bars("chart-hosts", &hosts, "#ff7f0e"));
    tables(&mut h, r);
    h.push_str("</body>\n</html>\n");
    h
}

const HEAD: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
<title>lachan audit report</title>\n<style>\
body{font-family:sans-serif;max-width:70em;margin:1em auto;color:#222}\
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}\
td.n{text-align:right}svg text{font-size:11px;font-family:sans-serif}\
</style></head><body>\n";

/// Horizontal bars: one row per (label, count).
fn bars(id: &str, rows: &[(String, u64)], color: &str) -> String {
    if rows.is_empty() {
        return format!("<p id=\"{id}\">(none)</p>\n");
    }
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    let height = rows.len() * 22 + 10;
    let mut s = format!(
        "<svg id=\"{id}\" width=\"760\" height=\"{height}\" viewBox=\"0 0 760 {height}\" \
         xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n"
    );
    for (i, (label, n)) in rows.iter().enumerate() {
        let y = i * 22 + 5;
        let w = (*n as f64 / max as f64 * 420.0).max(1.0);
        let short: String = label.chars().take(40).collect();
        let _ = writeln!(
            s,
            "<g data-label=\"{l}\" data-count=\"{n}\"><text x=\"0\" y=\"{ty}\">{t}</text>\
             <rect x=\"260\" y=\"{y}\" width=\"{w:.1}\" height=\"16\" fill=\"{color}\"/>\
             <text x=\"{tx:.1}\" y=\"{ty}\">{n}</text></g>",
            l = esc(label),
            t = esc(&short),
            ty = y + 12,
            tx = 266.0 + w,
        );
    }
    s.push_str("</svg>\n");
    s
}

/// Stacked columns: one per day, one colour per site, with a legend.
fn days_chart(r: &Report) -> String {
    if r.by_day_site.is_empty() {
        return "<p id=\"chart-days\">(none)</p>\n".into();
    }
    let sites: Vec<&String> = r
        .by_day_site
        .values()
        .flat_map(|m| m.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let max = r.by_day.values().copied().max().unwrap_or(1).max(1) as f64;
    let col = 40usize;
    let width = (r.by_day_site.len() * col + 60).max(300);
    let legend_h = sites.len() * 16;
    let height = 260 + legend_h;
    let mut s = format!(
        "<svg id=\"chart-days\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n"
    );
    for (i, (day, per_site)) in r.by_day_site.iter().enumerate() {
        let x = 40 + i * col;
        let mut y = 200.0;
        for (site, n) in per_site {
            let hgt = (*n as f64 / max * 180.0).max(1.0);
            y -= hgt;
            let color = PALETTE[sites.iter().position(|s| *s == site).unwrap_or(0) % PALETTE.len()];
            let _ = writeln!(
                s,
                "<rect data-day=\"{d}\" data-site=\"{si}\" data-count=\"{n}\" x=\"{x}\" y=\"{y:.1}\" \
                 width=\"{w}\" height=\"{hgt:.1}\" fill=\"{color}\"><title>{d} {si}: {n}</title></rect>",
                d = esc(day),
                si = esc(site),
                w = col - 8,
            );
        }
        let total: u64 = per_site.values().sum();
        let _ = writeln!(
            s,
            "<text x=\"{x}\" y=\"{ty:.1}\">{total}</text><text x=\"{x}\" y=\"215\" \
             transform=\"rotate(30 {x} 215)\">{d}</text>",
            ty = y - 3.0,
            d = esc(day.get(5..).unwrap_or(day)),
        );
    }
    legend(&mut s, &sites);
    s.push_str("</svg>\n");
    s
}

fn legend(s: &mut String, sites: &[&String]) {
    for (i, site) in sites.iter().enumerate() {
        let y = 250 + i * 16;
        let _ = writeln!(
            s,
            "<rect x=\"40\" y=\"{y}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"58\" y=\"{}\">{}</text>",
            PALETTE[i % PALETTE.len()],
            y + 10,
            esc(site)
        );
    }
}

fn table(h: &mut String, id: &str, title: &str, head: &[&str], rows: Vec<Vec<String>>) {
    let _ = write!(h, "<h2>{title}</h2>\n<table id=\"{id}\"><tr>");
    for c in head {
        let _ = write!(h, "<th>{c}</th>");
    }
    h.push_str("</tr>\n");
    for row in rows {
        h.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let class = if i + 1 == row.len() {
                " class=\"n\""
            } else {
                ""
            };
            let _ = write!(h, "<td{class}>{}</td>", esc(cell));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n");
}

/// Id, title, column heads, rows.
type TableSpec<'a> = (&'a str, &'a str, &'a [&'a str], Vec<Vec<String>>);

fn tables(h: &mut String, r: &Report) {
    let pairs = |v: &[(String, u64)]| -> Vec<Vec<String>> {
        v.iter()
            .map(|(k, n)| vec![k.clone(), n.to_string()])
            .collect()
    };
    let map = |m: &std::collections::BTreeMap<String, u64>| -> Vec<Vec<String>> {
        m.iter()
            .map(|(k, n)| vec![k.clone(), n.to_string()])
            .collect()
    };
    let hosts = r
        .foreign_hosts
        .iter()
        .map(|s| {
            vec![
                s.host.clone(),
                s.first.clone(),
                s.last.clone(),
                s.count.to_string(),
            ]
        })
        .collect();
    let all: [TableSpec<'_>; 6] = [
        ("by-site", "By site", &["site", "events"], map(&r.by_site)),
        (
            "by-action",
            "By action",
            &["action", "events"],
            map(&r.by_action),
        ),
        ("by-rule", "By rule", &["rule", "events"], map(&r.by_rule)),
        (
            "top-targets",
            "Top foreign targets",
            &["target", "events"],
            pairs(&r.top_foreign_targets),
        ),
        (
            "top-clients",
            "Top blocked clients",
            &["client", "blocks"],
            pairs(&r.top_blocked_clients),
        ),
        (
            "foreign-hosts",
            "Foreign hosts",
            &["host", "first seen", "last seen", "events"],
            hosts,
        ),
    ];
    for (id, title, head, rows) in all {
        table(h, id, title, head, rows);
    }
}

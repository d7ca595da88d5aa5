//! `lachan scan`: the text summary for stdout and the CSV file (one row per page and
//! link, then one per page and verification token). The JSON is the serde form of [`super::model::Report`]; the HTML page is in
//! [`super::html`].

use std::io::Write;

use super::model::{Report, Verdict};

/// The CSV columns, in order.
pub const CSV_HEADER: &[&str] = &[
    "page",
    "status",
    "cloaked",
    "url",
    "host",
    "carrier",
    "hidden",
    "spam",
    "verdict",
    "rule",
    "seen_by",
    "verification_name",
    "verification_token",
    "verification_listed",
];

/// Writes one row per (page, link); a page without links gets one row with empty link
/// fields, so that every crawled page is in the file.
pub fn write_csv(r: &Report, out: impl Write) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    for p in &r.pages {
        let status = p.status.to_string();
        let cloaked = p.cloaked.to_string();
        if p.links.is_empty() {
            w.write_record([
                p.url.as_str(),
                &status,
                &cloaked,
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ])?;
        }
        for l in &p.links {
            let seen: Vec<&str> = l.seen_by.iter().map(String::as_str).collect();
            w.write_record([
                p.url.as_str(),
                &status,
                &cloaked,
                &formula_safe(&l.url),
                &l.host,
                &l.carrier,
                &l.hidden.to_string(),
                &l.spam.to_string(),
                l.verdict.map_or("", Verdict::as_str),
                l.rule.as_deref().unwrap_or(""),
                &seen.join(" "),
                "",
                "",
                "",
            ])?;
        }
        for t in &p.verification {
            w.write_record([
                p.url.as_str(),
                &status,
                &cloaked,
                "",
                "",
                "meta-verification",
                "",
                "",
                "",
                if t.listed { "" } else { "meta.verification" },
                "",
                &formula_safe(&t.name),
                &formula_safe(&t.token),
                &t.listed.to_string(),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

/// A spreadsheet would run a cell that starts with `=`, `+`, `-` or `@` as a formula, and
/// the URL comes from the crawled site. A URL parsed by the `url` crate starts with its
/// scheme, but the guard stays here in case that ever changes.
fn formula_safe(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The short summary printed on stdout.
pub fn summary(r: &Report) -> String {
    let count = |v: Verdict| r.hosts.iter().filter(|h| h.verdict == v).count();
    let links: usize = r.pages.iter().map(|p| p.links.len()).sum();
    let errors = r.pages.iter().filter(|p| p.error.is_some()).count();
    let cloaked = r.pages.iter().filter(|p| p.cloaked).count();
    let mut s = format!(
        "lachan scan of site {} ({} via {}): {} page(s), {} outbound link(s), {} error(s), {} cloaked page(s)\n",
        r.site,
        r.target,
        r.via,
        r.pages.len(),
        links,
        errors,
        cloaked
    );
    if let Some(why) = &r.stopped {
        s.push_str(&format!("stopped early: {why}\n"));
    }
    s.push_str(&format!(
        "hosts: {} suspicious, {} unlisted, {} allowed\n",
        count(Verdict::Suspicious),
        count(Verdict::Unlisted),
        count(Verdict::Allowed)
    ));
    if !r.tag_ids.is_empty() {
        let ids: Vec<&str> = r.tag_ids.iter().map(String::as_str).collect();
        s.push_str(&format!(
            "tag ids seen: {} (list the site's own in [site.sanitize] tag_ids)\n",
            ids.join(", ")
        ));
    }
    s.push_str(&super::tokens::summary(&r.verification));
    for h in r.hosts.iter().filter(|h| h.verdict == Verdict::Suspicious) {
        let why: Vec<&str> = h.reasons.iter().map(|r| r.as_str()).collect();
        s.push_str(&format!(
            "  suspicious {} on {} page(s): {}\n",
            h.host,
            h.pages,
            why.join(", ")
        ));
    }
    s
}

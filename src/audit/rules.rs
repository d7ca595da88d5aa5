//! The catalog of rule ids (stage 7, audit): which module emits each, and which ones
//! name a foreign host in `target`. `docs/audit.md` explains each id. A test
//! (`rules_tests.rs`) keeps three lists equal: this catalog, the rule tables of the docs,
//! and the rule-id literals in the code; a new id anywhere must be added to the others.

/// Every rule id the gateway emits. `*` ends a family whose names come from the config
/// (`custom.*`: the `[[guard.rule]]` ids).
pub const CATALOG: &[(&str, &str)] = &[
    ("link.foreign", "sanitizer"),
    ("link.hidden_block", "sanitizer"),
    ("link.spam_text", "sanitizer"),
    ("spam.container", "sanitizer"),
    ("spam.block", "sanitizer"),
    ("spam.inline", "sanitizer"),
    ("script.redirect", "sanitizer"),
    ("script.loader", "sanitizer"),
    ("script.obfuscated", "sanitizer"),
    ("script.foreign_host", "sanitizer"),
    ("script.external", "sanitizer"),
    ("frame.foreign", "sanitizer"),
    ("form.foreign", "sanitizer"),
    ("base.foreign", "sanitizer"),
    ("meta.refresh", "sanitizer"),
    ("meta.verification", "sanitizer"),
    ("handler.script", "sanitizer"),
    ("url.javascript", "sanitizer"),
    ("rawtext.link", "sanitizer"),
    ("spam.keyword", "sanitizer"),
    ("jsonld.foreign", "sanitizer"),
    ("head.content_type", "sanitizer"),
    ("header.location", "sanitizer"),
    ("header.refresh", "sanitizer"),
    ("header.link", "sanitizer"),
    ("header.content_location", "sanitizer"),
    ("header.report", "sanitizer"),
    ("body.error", "sanitizer"),
    ("body.encoding", "sanitizer"),
    ("body.too_large", "sanitizer"),
    ("body.partial", "sanitizer"),
    ("body.charset", "sanitizer"),
    ("body.multipart", "sanitizer"),
    ("body.bom", "sanitizer"),
    ("script.inline", "sanitizer"),
    ("script.oversize", "sanitizer"),
    ("script.pinned", "sanitizer"),
    ("script.tampered", "sanitizer"),
    ("script.unreviewed", "sanitizer"),
    ("script.service_worker", "sanitizer"),
    ("script.dynamic_code", "sanitizer"),
    ("script.tag_id", "sanitizer"),
    ("script.spam_text", "sanitizer"),
    ("script.comment_text", "sanitizer"),
    ("script.drawn_text", "sanitizer"),
    ("script.wp_emoji", "sanitizer"),
    ("script.importmap", "sanitizer"),
    ("script.jsonp", "sanitizer"),
    ("data.foreign", "sanitizer"),
    ("object.foreign", "sanitizer"),
    ("option.foreign", "sanitizer"),
    ("form.redirector", "sanitizer"),
    ("markdown.foreign", "sanitizer"),
    ("feed.markup", "sanitizer"),
    ("xslt.template", "sanitizer"),
    ("xslt.element", "sanitizer"),
    ("jsonfeed.link", "sanitizer"),
    ("jsonfeed.markup", "sanitizer"),
    ("jsonfeed.late", "sanitizer"),
    ("media.foreign", "sanitizer"),
    ("css.foreign", "sanitizer"),
    ("css.oversize", "sanitizer"),
    ("css.content", "sanitizer"),
    ("xml.stylesheet", "sanitizer"),
    ("xml.unsafe", "sanitizer"),
    ("foreign.unsafe", "sanitizer"),
    ("xml.prefixed", "sanitizer"),
    ("rawtext.oversize", "sanitizer"),
    ("rawtext.unclosed", "sanitizer"),
    ("rawtext.error", "sanitizer"),
    ("upload.doorway", "sanitizer"),
    ("upload.script", "sanitizer"),
    ("rate.limit", "guard"),
    ("ban.active", "guard"),
    ("ban.start", "guard"),
    ("acl.protected", "guard"),
    ("acl.deny", "guard"),
    ("method.not_allowed", "guard"),
    ("query.too_long", "guard"),
    ("traversal.dotdot", "guard"),
    ("traversal.query", "guard"),
    ("probe.env", "guard"),
    ("probe.git", "guard"),
    ("probe.backup", "guard"),
    ("probe.phpinfo", "guard"),
    ("probe.phpmyadmin", "guard"),
    ("upload.exec", "guard"),
    ("upload.multipart_exec", "guard"),
    ("sqli.query", "guard"),
    ("xss.query", "guard"),
    ("scanner.ua", "guard"),
    ("smuggling.cl_te", "guard"),
    ("smuggling.te_unknown", "guard"),
    ("smuggling.cl_duplicate", "guard"),
    ("smuggling.header_ctl", "guard"),
    ("custom.*", "guard"),
    ("csp.violation", "audit"),
    ("audit.summary", "audit"),
    ("scan.new_host", "scan"),
];

/// Rules whose `target` is a URL or host outside the site: the "foreign hosts" of the
/// report and of first-sighting alerts.
const FOREIGN: &[&str] = &[
    "link.foreign",
    "css.foreign",
    "link.hidden_block",
    "link.spam_text",
    "script.redirect",
    "script.loader",
    "script.obfuscated",
    "script.foreign_host",
    "script.wp_emoji",
    "script.importmap",
    "data.foreign",
    "script.external",
    "frame.foreign",
    "form.foreign",
    "base.foreign",
    "meta.refresh",
    "object.foreign",
    "option.foreign",
    "markdown.foreign",
    "jsonfeed.link",
    "media.foreign",
    "rawtext.link",
    "jsonld.foreign",
    "header.location",
    "header.refresh",
    "header.link",
    "header.content_location",
    "header.report",
    "csp.violation",
];

pub fn is_foreign_rule(rule: &str) -> bool {
    FOREIGN.contains(&rule)
}

/// The host named by `target` for a foreign-host rule, lower-cased.
pub fn foreign_host(rule: &str, target: Option<&str>) -> Option<String> {
    if !is_foreign_rule(rule) {
        return None;
    }
    host_of(target?)
}

/// The host of a URL (`https://bet.test/x`, `//bet.test/`) or a bare host name.
pub fn host_of(target: &str) -> Option<String> {
    let t = target.trim();
    let parsed = if t.starts_with("//") {
        url::Url::parse(&format!("http:{t}"))
    } else {
        url::Url::parse(t)
    };
    if let Ok(u) = parsed {
        return u
            .host_str()
            .map(|h| h.trim_end_matches('.').to_ascii_lowercase());
    }
    let bare = t.split(['/', ':']).next().unwrap_or_default();
    let hostlike = bare.contains('.')
        && bare
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    hostlike.then(|| bare.trim_end_matches('.').to_ascii_lowercase())
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod drift;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_come_from_urls_and_bare_names_of_foreign_rules_only() {
        assert_eq!(host_of("https://Bet.Test./x").as_deref(), Some("bet.test"));
        assert_eq!(
            host_of("//cdn.bad.test/a.js").as_deref(),
            Some("cdn.bad.test")
        );
        assert_eq!(host_of("bet.test").as_deref(), Some("bet.test"));
        assert_eq!(host_of("/wp-admin/"), None);
        assert_eq!(foreign_host("sqli.query", Some("https://x.test/")), None);
        assert!(foreign_host("link.foreign", Some("https://x.test/")).is_some());
    }
}

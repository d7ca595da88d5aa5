//! Stage 3, guard: the built-in request rules, each with a stable id and a set name.
//!
//! Rules read the normalised [`Target`] (decoded, lower-cased), never the raw URI, so
//! that encoding tricks do not hide a probe. Ids are an outside interface (audit events,
//! metrics, per-site `disable`/`log` lists): never rename one.
//!
//! False-positive note: the SQL and XSS patterns look for syntax (`' or 1=1`, `<script`,
//! `union select` only with a quote, a comment, a select list or a `from` around it),
//! never for words alone, so a search for "union select committee members" passes. The backup rule does not list `.zip` or `.tar.gz`, which portals publish.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use http::{HeaderMap, Method, header};
use regex::Regex;

use super::normalize::Target;

/// What the built-in rules look at.
#[derive(Debug)]
pub(crate) struct Request<'a> {
    pub(crate) method: &'a Method,
    pub(crate) target: &'a Target,
    pub(crate) headers: &'a HeaderMap,
    /// The raw (undecoded) query length in bytes.
    pub(crate) raw_query_len: usize,
}

/// Per-site limits the built-in rules need.
#[derive(Debug, Clone)]
pub(crate) struct Limits {
    pub(crate) methods: Vec<Method>,
    pub(crate) max_query: usize,
}

type Check = fn(&Request<'_>, &Limits) -> bool;

/// One built-in rule: id, set, and test.
#[derive(Debug)]
pub(crate) struct Rule {
    pub(crate) id: &'static str,
    pub(crate) set: &'static str,
    pub(crate) check: Check,
}

/// Every built-in rule, cheapest first.
pub(crate) static RULES: &[Rule] = &[
    rule("method.not_allowed", "method", |r, l| {
        !l.methods.contains(r.method)
    }),
    rule("query.too_long", "query", |r, l| {
        r.raw_query_len > l.max_query
    }),
    rule("traversal.dotdot", "traversal", |r, _| r.target.dotdot),
    rule("traversal.query", "traversal", |r, _| {
        has_query(r) && TRAVERSAL_QUERY.is_match(&r.target.query)
    }),
    rule("probe.env", "probe", |r, _| {
        r.target
            .segments()
            .any(|s| s == ".env" || s.starts_with(".env."))
    }),
    rule("probe.git", "probe", |r, _| {
        r.target
            .segments()
            .any(|s| matches!(s, ".git" | ".svn" | ".hg" | ".bzr" | ".ds_store"))
    }),
    rule("probe.backup", "probe", |r, _| {
        is_backup(r.target.file_name())
    }),
    rule("probe.phpinfo", "probe", |r, _| {
        matches!(
            r.target.file_name(),
            "phpinfo.php" | "php_info.php" | "info.php"
        )
    }),
    rule("probe.phpmyadmin", "probe", |r, _| {
        r.target.segments().any(is_db_admin)
    }),
    rule("upload.exec", "upload", |r, _| upload_exec(r.target)),
    rule("scanner.ua", "scanner", |r, _| scanner_ua(r.headers)),
    rule("sqli.query", "sqli", |r, _| {
        has_query(r) && SQLI.is_match(&r.target.query)
    }),
    rule("xss.query", "xss", |r, _| {
        has_query(r) && XSS.is_match(&r.target.query)
    }),
];

/// Most requests have no query; a regex run on an empty one still costs hundreds of
/// instructions, three times per request.
fn has_query(r: &Request<'_>) -> bool {
    !r.target.query.is_empty()
}

const fn rule(id: &'static str, set: &'static str, check: Check) -> Rule {
    Rule { id, set, check }
}

/// The ids and set names of every built-in rule, including `upload.multipart_exec`
/// (checked on the body by [`super::upload`]).
pub(crate) fn known(name: &str) -> bool {
    name == "upload.multipart_exec" || RULES.iter().any(|r| r.id == name || r.set == name)
}

const EXEC_EXTENSIONS: &[&str] = &[
    "php", "php3", "php4", "php5", "php7", "php8", "phtml", "pht", "phps", "phar", "asp", "aspx",
    "ashx", "asmx", "jsp", "jspx", "cgi", "pl", "py", "sh", "shtml",
];

const UPLOAD_DIRS: &[&str] = &[
    "uploads",
    "upload",
    "files",
    "media",
    "images",
    "userfiles",
    "portals",
    "publishingimages",
    "shared documents",
    "sites",
    "tmp",
];

/// Whether any dot-separated part of `name` after the first is executable
/// (`shell.php.jpg` counts: Apache `AddHandler` runs it).
pub(crate) fn is_exec_name(name: &str) -> bool {
    name.trim_end_matches(['.', ' '])
        .split('.')
        .skip(1)
        .any(|ext| EXEC_EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(ext)))
}

fn upload_exec(t: &Target) -> bool {
    // The file name first: it rules out nearly every request without collecting segments.
    if !is_exec_name(t.file_name()) {
        return false;
    }
    let segs: Vec<&str> = t.segments().collect();
    segs.split_last()
        .is_some_and(|(_, dirs)| dirs.iter().any(|d| UPLOAD_DIRS.contains(d)))
}

fn is_backup(name: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        ".bak", ".old", ".orig", ".save", ".swp", ".swo", ".sql", ".sql.gz", ".sql.zip", ".dump",
        ".backup", "~",
    ];
    SUFFIXES.iter().any(|s| name.ends_with(s)) || name.starts_with("wp-config.php.")
}

fn is_db_admin(seg: &str) -> bool {
    seg.starts_with("phpmyadmin")
        || matches!(
            seg,
            "pma" | "myadmin" | "mysqladmin" | "adminer.php" | "dbadmin"
        )
}

/// Scanner names, matched anywhere in the User-Agent, any case. One automaton pass per
/// header: a `contains` per name cost about 7,000 instructions per request (callgrind).
static SCANNERS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "sqlmap",
            "nikto",
            "nmap",
            "masscan",
            "zgrab",
            "nuclei",
            "wpscan",
            "acunetix",
            "netsparker",
            "dirbuster",
            "gobuster",
            "feroxbuster",
            "ffuf",
            "whatweb",
            "w3af",
            "havij",
            "commix",
            "fimap",
            "openvas",
            "arachni",
            "jaeles",
            "zmeu",
            "morfeus",
        ])
        .expect("static patterns")
});

fn scanner_ua(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::USER_AGENT)
        .iter()
        .any(|v| SCANNERS.is_match(v.as_bytes()))
}

static TRAVERSAL_QUERY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(^|[=&/\\])\.\.[/\\]|/etc/(passwd|shadow)|\bwin\.ini\b|^php://|=php://")
        .expect("static regex")
});

static SQLI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // `union select` alone is two English words (a search for a committee's "union
        // select members" must pass): it counts only with SQL around it. Right after a
        // quote, backtick or closing parenthesis; glued by a comment or a parenthesis; or
        // followed by a select list: `*`, `null`, a number list, `@@var`, a call, a comma
        // list, or a `from`.
        r"['`)]\s*\bunion\b[\s/*()]+((all|distinct)[\s/*()]+)?select\b",
        r"|\bunion\s*(/\*|\()[\s/*()]*((all|distinct)[\s/*()]+)?select\b",
        r"|\bunion\b[\s/*()]+((all|distinct)[\s/*()]+)?select\b[\s/*()]+",
        r"(\*|null\b|\d+\s*(,|--|#|/\*|&|$|\bfrom\b)|@@|\w+\s*\(|[\w.`]+\s*,|.*\bfrom\b)",
        r"|['`)]\s*(or|and|\|\||&&)\s+['`(]?\w*['`]?\s*(=|<|>|like\b)",
        r"|\b(or|and)\s+\d+\s*=\s*\d+",
        r"|\b(sleep|benchmark|pg_sleep|extractvalue|updatexml|load_file)\s*\(",
        r"|\bwaitfor\s+delay\b|\binformation_schema\b|\binto\s+(out|dump)file\b",
        r"|;\s*(drop|delete|insert|update|truncate|shutdown)\s",
        r"|'\s*(--|#|/\*)",
    ))
    .expect("static regex")
});

static XSS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"<\s*/?\s*(script|iframe|svg|img|body|object|embed|math|details|video|audio)\b",
        r"|<[^>]*\bon[a-z]+\s*=",
        r"|\bjavascript\s*:|\bvbscript\s*:|\bdata\s*:\s*text/html",
        r"|\bdocument\s*\.\s*(cookie|domain|write)|\balert\s*\(|\bprompt\s*\(",
    ))
    .expect("static regex")
});

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(method: &str, uri: &str, ua: &str) -> Vec<&'static str> {
        let uri: http::Uri = uri.parse().unwrap();
        let target = Target::new(uri.path(), uri.query());
        let mut headers = HeaderMap::new();
        headers.insert(header::USER_AGENT, ua.parse().unwrap());
        let req = Request {
            method: &method.parse().unwrap(),
            target: &target,
            headers: &headers,
            raw_query_len: uri.query().map_or(0, str::len),
        };
        let limits = Limits {
            methods: vec![Method::GET, Method::POST],
            max_query: 100,
        };
        RULES
            .iter()
            .filter(|r| (r.check)(&req, &limits))
            .map(|r| r.id)
            .collect()
    }

    #[test]
    fn every_probe_family_is_named() {
        let cases = [
            ("TRACE", "/", "method.not_allowed"),
            ("GET", "/.env", "probe.env"),
            ("GET", "/app/.env.production", "probe.env"),
            ("GET", "/.git/config", "probe.git"),
            ("GET", "/%2egit/HEAD", "probe.git"),
            ("GET", "/db.sql", "probe.backup"),
            ("GET", "/wp-config.php~", "probe.backup"),
            ("GET", "/wp-config.php.save", "probe.backup"),
            ("GET", "/index.php.bak", "probe.backup"),
            ("GET", "/phpinfo.php", "probe.phpinfo"),
            ("GET", "/phpMyAdmin/index.php", "probe.phpmyadmin"),
            ("GET", "/wp-content/uploads/2024/05/x.php", "upload.exec"),
            ("GET", "/uploads/shell.PHTML", "upload.exec"),
            ("GET", "/uploads/a.php.jpg", "upload.exec"),
            ("GET", "/x?id=1%27%20OR%201=1--", "sqli.query"),
            ("GET", "/x?id=1+union+all+select+1,2", "sqli.query"),
            ("GET", "/x?id=1;sleep(5)", "sqli.query"),
            ("GET", "/x?id=1/**/union/**/select/**/1,2", "sqli.query"),
            ("GET", "/x?id=1%27)+union+select+null--", "sqli.query"),
            ("GET", "/x?id=1+union(select+1)", "sqli.query"),
            (
                "GET",
                "/x?id=-1+union+select+concat(user,pass)+from+users",
                "sqli.query",
            ),
            (
                "GET",
                "/x?id=1+UNION+DISTINCT+SELECT+@@version",
                "sqli.query",
            ),
            (
                "GET",
                "/x?id=1+union+select+password+from+users",
                "sqli.query",
            ),
            ("GET", "/x?id=1+union+select+1&page=2", "sqli.query"),
            ("GET", "/x?q=%3Cscript%3Ealert(1)%3C/script%3E", "xss.query"),
            ("GET", "/x?q=%253Csvg%2520onload%253D1%253E", "xss.query"),
            ("GET", "/x?file=../../etc/passwd", "traversal.query"),
            ("GET", "/a/%2e%2e/%2e%2e/etc/passwd", "traversal.dotdot"),
        ];
        for (method, uri, id) in cases {
            assert!(hits(method, uri, "Mozilla/5.0").contains(&id), "{uri}");
        }
        assert_eq!(hits("GET", "/", "sqlmap/1.7"), ["scanner.ua"]);
        let long = format!("/?q={}", "a".repeat(101));
        assert_eq!(hits("GET", &long, "x"), ["query.too_long"]);
    }

    #[test]
    fn benign_lookalikes_pass() {
        for uri in [
            "/tim-kiem?q=how+to+select+a+trade+union",
            "/tim-kiem?q=select+union+members&page=2",
            "/tim-kiem?q=union+select+committee+members",
            "/tim-kiem?q=%22union+select%22+committee",
            "/tim-kiem?q=european+union+select+committee+report",
            "/tim-kiem?q=credit+union,+select+a+branch",
            "/tim-kiem?q=union+selection+2024",
            "/tim-kiem?q=cong+doan+(union)+select+members",
            "/files/report..2024.pdf",
            "/uploads/2024/05/anh-dep.jpg",
            "/uploads/bao-cao.pdf",
            "/tin-tuc/php-la-gi",
            "/env/config",
            "/static/app.js?v=1.2.3",
            "/tim-kiem?q=O%27Brien+and+sons",
            "/tim-kiem?q=a+%3C+b+and+c+%3E+d",
            "/downloads/van-ban.zip",
        ] {
            assert!(hits("GET", uri, "Mozilla/5.0").is_empty(), "{uri}");
        }
    }
}

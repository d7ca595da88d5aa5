use std::path::Path;

use super::*;

fn parse_str(src: &str) -> Result<Config, ConfigErrors> {
    parse(src, Path::new("t.toml"))
}

const MINIMAL: &str = r#"
[server]
listen = ["127.0.0.1:8080"]

[[site]]
name = "portal"
hosts = ["Portal.Example.gov.vn"]
upstream = "http://127.0.0.1:9000"
allow = ["*.gov.vn"]
"#;

#[test]
fn minimal_config_validates() {
    let c = parse_str(MINIMAL).unwrap();
    assert_eq!(c.sites.len(), 1);
    assert_eq!(c.limits.header_read_timeout, Duration::from_secs(10));
    let site = c.site_for_host("portal.example.gov.vn:8080").unwrap();
    assert_eq!(site.name, "portal");
    assert_eq!(site.mode, Mode::Enforce);
    assert!(c.site_for_host("PORTAL.example.gov.vn.").is_some());
    assert!(c.site_for_host("other.gov.vn").is_none());
}

#[test]
fn every_error_is_reported_with_its_position() {
    let src = r#"[server]
listen = ["127.0.0.1:8080"]
trusted_proxies = ["10.0.0.0/33"]

[limits]
header_read_timeout = "10 parsecs"

[[site]]
name = "a"
hosts = ["a.gov.vn"]
upstream = "not a url"

[[site]]
name = "b"
hosts = ["a.gov.vn"]
upstream = "http://127.0.0.1:9000"

[[site]]
name = "c"
hosts = []
upstream = "http://127.0.0.1:9001"
colour = "blue"
"#;
    let errs = parse_str(src).unwrap_err().0;
    let at = |line: usize| {
        errs.iter()
            .find(|e| e.line == line)
            .unwrap_or_else(|| panic!("no error on line {line}: {errs:#?}"))
    };
    assert!(at(3).message.contains("invalid CIDR"), "{errs:#?}");
    assert!(at(6).message.contains("invalid duration"), "{errs:#?}");
    assert!(at(11).message.contains("not a URL"), "{errs:#?}");
    assert!(at(15).message.contains("already served"), "{errs:#?}");
    assert!(at(22).message.contains("unknown field"), "{errs:#?}");
    assert_eq!(at(3).column, 20);
}

#[test]
fn unknown_section_and_syntax_errors() {
    let errs = parse_str("[sever]\nlisten = 1\n").unwrap_err().0;
    assert!(
        errs.iter()
            .any(|e| e.message.contains("unknown section") && e.line == 1),
        "{errs:#?}"
    );
    let errs = parse_str("[server\nlisten = [\n").unwrap_err().0;
    assert_eq!(errs[0].line, 1);
}

#[test]
fn bare_numbers_are_not_durations() {
    let src = MINIMAL.replace("[server]", "[limits]\nidle_timeout = 30\n\n[server]");
    let errs = parse_str(&src).unwrap_err().0;
    assert_eq!(errs[0].line, 3, "{errs:#?}");
}

#[test]
fn report_mode_and_bad_mode() {
    let c = parse_str(&MINIMAL.replace("allow =", "mode = \"report\"\nallow =")).unwrap();
    assert_eq!(c.sites[0].mode, Mode::Report);
    let errs = parse_str(&MINIMAL.replace("allow =", "mode = \"loud\"\nallow ="))
        .unwrap_err()
        .0;
    assert!(errs[0].message.contains("loud"));
}

#[test]
fn upstream_must_be_an_origin() {
    let errs = parse_str(&MINIMAL.replace("http://127.0.0.1:9000", "ftp://127.0.0.1/x"))
        .unwrap_err()
        .0;
    assert!(errs[0].message.contains("scheme"));
    let errs = parse_str(&MINIMAL.replace("http://127.0.0.1:9000", "http://127.0.0.1:9000/app"))
        .unwrap_err()
        .0;
    assert!(errs[0].message.contains("origin"));
}

const SITE: &str = r#"
[[site]]
name = "portal"
hosts = ["portal.example.gov.vn"]
upstream = "http://127.0.0.1:9000"
"#;

fn errors_of(src: &str) -> Vec<ConfigError> {
    parse_str(src).unwrap_err().0
}

#[test]
fn every_bad_key_of_one_table_is_reported() {
    let src = format!(
        "[server]\nlisten = [\"127.0.0.1:8080\"]\n[limits]\nmax_headers = \"a\"\nidle_timeout = 5\nmax_header_size = \"big\"\n{SITE}"
    );
    let errs = errors_of(&src);
    let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
    assert_eq!(lines, [4, 5, 6], "{errs:#?}");
    assert!(errs[1].message.contains("with a unit"), "{errs:#?}");
}

#[test]
fn a_bad_listen_address_is_reported_at_its_place() {
    let src = format!("[server]\nlisten = [\"127.0.0.1:notaport\"]\n{SITE}");
    let errs = errors_of(&src);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(
        errs[0].message.contains("invalid listen address"),
        "{errs:#?}"
    );
    assert_eq!((errs[0].line, errs[0].column), (2, 11));
}

#[test]
fn an_unknown_server_key_adds_no_false_missing_address() {
    let src = format!("[server]\nlisten = [\"127.0.0.1:8080\"]\nlistn = 1\n{SITE}");
    let errs = errors_of(&src);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(errs[0].message.contains("unknown field `listn`"));
    // A listen key of the wrong type is one error, not also "needs an address".
    let errs = errors_of(&format!("[server]\nlisten = \"127.0.0.1:8080\"\n{SITE}"));
    assert_eq!(errs.len(), 1, "{errs:#?}");
}

#[test]
fn a_required_site_key_of_the_wrong_type_is_not_also_missing() {
    let src = "[server]\nlisten = [\"127.0.0.1:8080\"]\n[[site]]\nname = \"p\"\nhosts = \"p.gov.vn\"\nupstream = 7\nmode = \"loud\"\n";
    let errs = errors_of(src);
    let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
    assert_eq!(lines, [5, 6], "{errs:#?}");
    assert!(errs.iter().all(|e| !e.message.contains("missing field")));
}

#[test]
fn an_unreadable_file_says_why_without_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let errs = load(&dir.path().join("absent.toml")).unwrap_err();
    let text = errs.to_string();
    assert!(text.contains("cannot read the config file"), "{text}");
    assert!(text.contains("No such file"), "{text}");
    assert!(!text.contains(":0:0"), "{text}");
    assert!(
        text.ends_with("1 error(s), the config is not valid"),
        "{text}"
    );
}

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

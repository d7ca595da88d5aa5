use http::{HeaderMap, HeaderValue, header};

use super::*;

fn head(lines: &[&str]) -> HeaderMap {
    let mut h = HeaderMap::new();
    for l in lines {
        h.append(header::CONTENT_TYPE, HeaderValue::from_str(l).unwrap());
    }
    h
}

fn extracted(lines: &[&str]) -> Option<String> {
    let m = extract(&head(lines))?;
    Some(String::from_utf8(m.to_header().unwrap().as_bytes().to_vec()).unwrap())
}

#[test]
fn the_last_valid_type_wins_over_lines_and_commas() {
    let html = Some("text/html".to_string());
    assert_eq!(extracted(&["text/plain", "text/html"]), html);
    assert_eq!(extracted(&["text/plain, text/html"]), html);
    assert_eq!(extracted(&["text/html", "*/*"]), html);
    assert_eq!(extracted(&["text/html, bogus"]), html);
    assert_eq!(extracted(&["text/html", ""]), html);
    assert_eq!(
        extracted(&["text/html", "text/plain"]),
        Some("text/plain".into())
    );
}

/// The examples of the Fetch standard's "extract a MIME type" section.
#[test]
fn charset_follows_the_fetch_examples() {
    let cases: [(&[&str], Option<&str>); 6] = [
        (&["text/plain;charset=gbk, text/html"], Some("text/html")),
        (
            &["text/html;charset=gbk", "text/html"],
            Some("text/html;charset=gbk"),
        ),
        (
            &["text/html;x=\",text/plain\""],
            Some("text/html;x=\",text/plain\""),
        ),
        (
            &["text/html;charset=gbk;a=", "text/html;x=y"],
            Some("text/html;x=y;charset=gbk"),
        ),
        (
            &["text/html;charset=gbk;a=b, text/html;x=y"],
            Some("text/html;x=y;charset=gbk"),
        ),
        (&["text/html", "x/x"], Some("x/x")),
    ];
    for (lines, expect) in cases {
        assert_eq!(extracted(lines).as_deref(), expect, "{lines:?}");
    }
    let w = extracted(&["text/html;charset=utf-8", "text/html;charset=windows-1258"]);
    assert_eq!(w.as_deref(), Some("text/html;charset=windows-1258"));
    let reset = extracted(&["text/html;charset=gbk", "text/plain", "text/html"]);
    assert_eq!(reset.as_deref(), Some("text/html"));
}

#[test]
fn invalid_values_give_no_type() {
    for line in ["*/*", "text", "text/ html", "", ", ,", "/html"] {
        assert_eq!(extracted(&[line]), None, "{line:?}");
    }
}

#[test]
fn parsing_follows_mime_sniffing() {
    let m = MimeType::parse(" Text/HTML ; Charset=\"UTF-8\" ;charset=latin1; x").unwrap();
    assert_eq!(m.essence(), "text/html");
    assert_eq!(m.charset(), Some("UTF-8"));
    let q = MimeType::parse("text/html;a=\"b\\\"c\"").unwrap();
    assert_eq!(q.param("a"), Some("b\"c"));
    assert_eq!(q.to_header().unwrap(), "text/html;a=\"b\\\"c\"");
    assert_eq!(
        MimeType::parse("text/html;charset=").unwrap().charset(),
        None
    );
}

#[test]
fn one_valid_line_is_left_byte_for_byte() {
    for line in [
        "text/html; charset=utf-8",
        "application/json",
        "image/png",
        "Text/Html",
    ] {
        let mut h = head(&[line]);
        assert_eq!(normalize(&mut h), Normalized::Unchanged);
        assert_eq!(h[header::CONTENT_TYPE], line);
    }
    let mut none = HeaderMap::new();
    assert_eq!(normalize(&mut none), Normalized::Unchanged);
}

#[test]
fn two_readings_become_one_line() {
    let mut h = head(&["text/plain", "text/html; charset=utf-8"]);
    assert!(matches!(normalize(&mut h), Normalized::Rewritten { .. }));
    let all: Vec<_> = h.get_all(header::CONTENT_TYPE).iter().collect();
    assert_eq!(all, ["text/html;charset=utf-8"]);
    let mut c = head(&["text/plain, text/html"]);
    normalize(&mut c);
    assert_eq!(c[header::CONTENT_TYPE], "text/html");
    for bad in ["*/*", "nonsense", "*/*, x"] {
        let mut d = head(&[bad]);
        assert!(matches!(normalize(&mut d), Normalized::Dropped { .. }));
        assert!(!d.contains_key(header::CONTENT_TYPE));
    }
}

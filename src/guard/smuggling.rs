//! Stage 3, guard: request-framing checks against smuggling and malformed heads.
//!
//! hyper's HTTP/1 parser already refuses, with its own 400 and before we see anything:
//! conflicting `Content-Length` values, a non-numeric length, a `Transfer-Encoding` whose
//! last coding is not `chunked`, `Transfer-Encoding` in HTTP/1.0, obs-fold lines, and NUL,
//! CR or LF inside header values. What it lets through is checked here, because the
//! upstream CMS (often behind another proxy) may frame the request differently than we do:
//!
//! * `Transfer-Encoding` anything but exactly one `chunked` (`gzip, chunked`, `chunked` twice);
//! * more than one `Content-Length` field, or a list value (`5, 5`);
//! * `Content-Length` and `Transfer-Encoding` together (hyper drops the length itself and
//!   closes the connection after the request, so this only fires on heads built otherwise);
//! * other control characters in header names or values.
//!
//! Several `Host` headers, or a Host that disagrees with an absolute-form URI, are refused
//! by the identify stage before the guard runs. These checks always block, even for a site
//! in `report` mode: a request we cannot frame safely is never forwarded.

use http::{HeaderMap, header};

/// The `smuggling.*` rule id of the first framing problem in `headers`, if any.
pub(crate) fn check(headers: &HeaderMap) -> Option<&'static str> {
    let te: Vec<_> = headers.get_all(header::TRANSFER_ENCODING).iter().collect();
    let cl: Vec<_> = headers.get_all(header::CONTENT_LENGTH).iter().collect();
    if !te.is_empty() && !cl.is_empty() {
        return Some("smuggling.cl_te");
    }
    if te.len() > 1
        || te
            .first()
            .is_some_and(|v| !v.as_bytes().eq_ignore_ascii_case(b"chunked"))
    {
        return Some("smuggling.te_unknown");
    }
    if cl.len() > 1
        || cl
            .first()
            .is_some_and(|v| !v.as_bytes().iter().all(u8::is_ascii_digit))
    {
        return Some("smuggling.cl_duplicate");
    }
    control_chars(headers)
}

/// Defence in depth: `http::HeaderValue` refuses these bytes when built checked, and
/// httparse and h2 refuse them on the wire, so this only guards against a future parser
/// that builds values unchecked.
fn control_chars(headers: &HeaderMap) -> Option<&'static str> {
    let bad = |b: &u8| (*b < 0x20 && *b != b'\t') || *b == 0x7f;
    headers
        .iter()
        .any(|(_, v)| v.as_bytes().iter().any(bad))
        .then_some("smuggling.header_ctl")
}

#[cfg(test)]
mod tests {
    use super::*;

    type Head<'a> = &'a [(&'a str, &'a [u8])];

    fn head(pairs: &[(&str, &[u8])]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                http::HeaderValue::from_bytes(v).unwrap(),
            );
        }
        h
    }

    #[test]
    fn framing_problems_are_named() {
        let cases: &[(Head<'_>, Option<&str>)] = &[
            (&[("content-length", b"5")], None),
            (&[("transfer-encoding", b"Chunked")], None),
            (
                &[("content-length", b"5"), ("transfer-encoding", b"chunked")],
                Some("smuggling.cl_te"),
            ),
            (
                &[("transfer-encoding", b"gzip, chunked")],
                Some("smuggling.te_unknown"),
            ),
            (
                &[
                    ("transfer-encoding", b"chunked"),
                    ("transfer-encoding", b"chunked"),
                ],
                Some("smuggling.te_unknown"),
            ),
            (
                &[("content-length", b"5"), ("content-length", b"5")],
                Some("smuggling.cl_duplicate"),
            ),
            (
                &[("content-length", b"5, 5")],
                Some("smuggling.cl_duplicate"),
            ),
            (&[("x-a", b"a\tb")], None),
        ];
        for (pairs, want) in cases {
            assert_eq!(check(&head(pairs)), *want, "{pairs:?}");
        }
    }
}

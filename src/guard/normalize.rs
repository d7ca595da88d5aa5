//! Stage 3, guard: the normalised view of a request target that every path rule reads.
//!
//! Security note: rules must never match on the raw target. Attackers hide `..`, `.env` or
//! `phpmyadmin` behind percent-encoding (also double: `%252e`), backslashes (IIS and many
//! PHP stacks treat `\` as `/`), repeated slashes and `.` segments. Everything here decodes
//! first, then lower-cases, then splits, so that a rule written once sees every spelling.

/// How many rounds of percent-decoding we undo (`%25252e` is three rounds deep).
const DECODE_ROUNDS: usize = 3;

/// The decoded, normalised path and query of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// Lower-case, decoded, `\` turned into `/`, empty and `.` segments removed. `..`
    /// segments are kept, so that the traversal rule can see them.
    pub(crate) path: String,
    /// Lower-case, decoded query (`+` read as a space).
    pub(crate) query: String,
    /// Whether a decoded segment is `..` (or `..;`, which Tomcat reads as `..`).
    pub(crate) dotdot: bool,
    /// Where the last segment starts in `path`: several rules read it on every request.
    name_at: usize,
}

impl Target {
    pub(crate) fn new(path: &str, query: Option<&str>) -> Self {
        // A URI path is ASCII; without a `%` there is nothing to decode or copy.
        let decoded = if path.contains('%') {
            std::borrow::Cow::Owned(decode_deep(path.as_bytes(), false))
        } else {
            std::borrow::Cow::Borrowed(path)
        };
        let (path, dotdot) = normalise_path(&decoded);
        let query = query
            .map(|q| decode_deep(q.as_bytes(), true).to_lowercase())
            .unwrap_or_default();
        let name_at = path.trim_end_matches('/').rfind('/').map_or(0, |i| i + 1);
        Self {
            path,
            query,
            dotdot,
            name_at,
        }
    }

    /// The path's segments (no empty ones).
    pub(crate) fn segments(&self) -> impl Iterator<Item = &str> {
        self.path.split('/').filter(|s| !s.is_empty())
    }

    /// The last segment: the file name, if any.
    pub(crate) fn file_name(&self) -> &str {
        self.path[self.name_at..].trim_end_matches('/')
    }

    /// Whether the path equals `prefix`, starts with it, or equals it without its final `/`.
    pub(crate) fn has_prefix(&self, prefix: &str) -> bool {
        self.path.starts_with(prefix)
            || prefix
                .strip_suffix('/')
                .is_some_and(|p| !p.is_empty() && self.path == p)
    }
}

fn normalise_path(decoded: &str) -> (String, bool) {
    // Most paths are already in normal form: nothing to fold, no empty or dot segments.
    let mut prev = 0u8;
    let normal = decoded.starts_with('/')
        && decoded.bytes().all(|b| {
            let after_slash = prev == b'/' && (b == b'/' || b == b'.');
            prev = b;
            b.is_ascii() && !b.is_ascii_uppercase() && b != b'\\' && !after_slash
        });
    if normal {
        return (decoded.to_owned(), false);
    }
    let unified = decoded.replace('\\', "/").to_lowercase();
    let mut out = String::with_capacity(unified.len() + 1);
    let mut dotdot = false;
    for seg in unified.split('/') {
        // Trailing dots and spaces vanish on Windows file systems: `..%20` is `..` there.
        let bare = seg.trim_end_matches([' ', '.']);
        if seg.is_empty() || seg == "." {
            continue;
        }
        if seg == ".." || seg.starts_with("..;") || (bare.is_empty() && seg.starts_with("..")) {
            dotdot = true;
        }
        out.push('/');
        out.push_str(seg);
    }
    if out.is_empty() || unified.ends_with('/') {
        out.push('/');
    }
    (out, dotdot)
}

/// Percent-decodes up to [`DECODE_ROUNDS`] times, until nothing changes.
pub(crate) fn decode_deep(input: &[u8], plus_is_space: bool) -> String {
    let mut cur = decode_once(input, plus_is_space);
    for _ in 1..DECODE_ROUNDS {
        if !cur.contains(&b'%') {
            break;
        }
        let next = decode_once(&cur, false);
        if next == cur {
            break;
        }
        cur = next;
    }
    String::from_utf8_lossy(&cur).into_owned()
}

fn decode_once(input: &[u8], plus_is_space: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let b = input[i];
        let hex = input.get(i + 1..i + 3).and_then(hex_pair);
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
                continue;
            }
            (b'+', _) if plus_is_space => out.push(b' '),
            _ => out.push(b),
        }
        i += 1;
    }
    out
}

fn hex_pair(pair: &[u8]) -> Option<u8> {
    let hi = (pair[0] as char).to_digit(16)?;
    let lo = (pair[1] as char).to_digit(16)?;
    Some((hi * 16 + lo) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_agrees_with_the_full_walk() {
        for p in [
            "/",
            "/a",
            "/a/b.png",
            "/a/b/",
            "/tin-tuc/2024/05/le-hoi.html",
            "/x_y-z~1",
        ] {
            let (fast, dotdot) = normalise_path(p);
            assert_eq!((fast.as_str(), dotdot), (p, false), "{p}");
            // The same path with an upper-case letter takes the full walk.
            let (slow, _) = normalise_path(&format!("{p}X"));
            assert_eq!(slow, format!("{p}x"), "{p}");
        }
    }

    #[test]
    fn file_name_is_the_last_segment() {
        for p in [
            "/",
            "//",
            "/a",
            "/a/b.php",
            "/a/b/",
            "/A//B.PHP//",
            "/x%2fy.php",
            "/a\\b.asp",
        ] {
            let t = Target::new(p, None);
            assert_eq!(t.file_name(), t.segments().last().unwrap_or(""), "{p}");
        }
    }

    #[test]
    fn traversal_is_seen_through_every_spelling() {
        for p in [
            "/a/../etc/passwd",
            "/a/%2e%2e/etc",
            "/a/%2E%2E%2Fetc",
            "/a/%252e%252e/etc",
            "/a/..%5cetc",
            "/a\\..\\etc",
            "/a/..;/etc",
            "/a/.%2e/etc",
            "/a/..%20/etc",
        ] {
            assert!(Target::new(p, None).dotdot, "{p}");
        }
    }

    #[test]
    fn dots_inside_names_are_not_traversal() {
        for p in [
            "/files/report..2024.pdf",
            "/a/...b",
            "/a/.well-known/x",
            "/",
        ] {
            assert!(!Target::new(p, None).dotdot, "{p}");
        }
    }

    #[test]
    fn slashes_and_case_are_normalised() {
        let t = Target::new("//WP-Admin\\\\./x.PHP", Some("A=%3Cb%3E+c"));
        assert_eq!(t.path, "/wp-admin/x.php");
        assert_eq!(t.query, "a=<b> c");
        assert_eq!(t.file_name(), "x.php");
        assert!(Target::new("/wp-admin", None).has_prefix("/wp-admin/"));
        assert!(!Target::new("/wp-adminx", None).has_prefix("/wp-admin/"));
    }

    #[test]
    fn bad_escapes_are_kept_literally() {
        assert_eq!(decode_deep(b"%zz%4", false), "%zz%4");
        assert_eq!(decode_deep(b"%2541", false), "A");
    }
}

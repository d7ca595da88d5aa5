//! Stage 6, hot path: a zero-allocation pre-scan of each start tag's source bytes.
//!
//! lol_html's element API allocates for every tag name and attribute name. Most elements of
//! a real page (`div`, `li`, `span` with a class) need nothing from the sanitizer, so the
//! handler first reads the tag's own bytes (kept from the input by `PageRewriter::write`)
//! and returns at once when nothing in it can matter.
//!
//! Security note: this scan only ever *skips* work. Whenever the bytes are not available
//! (a tag spread over more than two input chunks) or anything in them is unusual (entities
//! in a class, an over-long name), the element takes the full path. Every attribute name
//! that starts with `on` or that can carry a URL, a style or hiding sends it there too.

/// What the pre-scan found in one start tag.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scan {
    /// An `on*` attribute is present.
    pub handler: bool,
    /// Something that may hide the element or carry a URL: needs the full path.
    pub full: bool,
    /// Something that may hide the element (style, `hidden`, a hidden class, id or tag).
    pub hide: bool,
    /// A URL-carrying attribute appears twice: browsers take the first, some crawlers the
    /// last, so the duplicates are dropped.
    pub dup: bool,
    /// Which of [`URL_ATTRS`] are present (bit `i` for `URL_ATTRS[i]`).
    pub present: u32,
}

impl Scan {
    /// The result when the bytes are not available: everything is checked.
    pub const ALL: Scan = Scan {
        handler: true,
        full: true,
        hide: true,
        dup: true,
        present: u32::MAX,
    };
}

/// Tags that need the full path whatever their attributes.
const TAGS: &[&[u8]] = &[
    b"script",
    b"style",
    b"title",
    b"noscript",
    b"noembed",
    b"noframes",
    b"xmp",
    b"marquee",
    b"option",
    b"meta",
    b"animate",
    b"set",
    b"base",
    b"iframe",
    b"frame",
    b"object",
    b"embed",
    b"form",
];

/// URL-carrying attributes: they need the full path. At most 32 (bit masks); the index is
/// the bit in [`Scan::present`].
pub const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "poster",
    "srcset",
    "srcdoc",
    "background",
];

/// The hidden-by-stylesheet selectors, for the class/id/tag checks.
pub trait Rules {
    fn any(&self) -> bool;
    fn class(&self, name: &str) -> bool;
    fn id(&self, name: &str) -> bool;
    /// `name` is lower case.
    fn tag(&self, name: &str) -> bool;
}

/// Scans `raw` (`<name attr=value …>`).
pub fn scan(raw: &[u8], rules: &dyn Rules) -> Scan {
    let Some(rest) = raw.strip_prefix(b"<") else {
        return Scan::ALL;
    };
    let name_len = rest
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        .unwrap_or(rest.len());
    let mut lower = [0u8; 32];
    let Some(name) = lowercase(&rest[..name_len], &mut lower) else {
        return Scan::ALL;
    };
    if TAGS.contains(&name) || (rules.any() && rules.tag(std::str::from_utf8(name).unwrap_or(""))) {
        return Scan::ALL;
    }
    let mut scan = Scan::default();
    for attr in Attrs(&rest[name_len..]) {
        let Some((n, v)) = attr else { return Scan::ALL };
        let mut buf = [0u8; 32];
        let Some(n) = lowercase(n, &mut buf) else {
            return Scan::ALL;
        };
        if n.len() > 2 && n.starts_with(b"on") {
            scan.handler = true;
        } else if n == b"style" || n == b"hidden" || hidden_by_rules(n, v, rules) {
            scan.full = true;
            scan.hide = true;
        } else if let Some(i) = URL_ATTRS.iter().position(|a| a.as_bytes() == n) {
            scan.full = true;
            scan.dup |= scan.present & (1 << i) != 0;
            scan.present |= 1 << i;
        }
    }
    scan
}

fn hidden_by_rules(name: &[u8], value: &[u8], rules: &dyn Rules) -> bool {
    if !rules.any() || !(name == b"class" || name == b"id") {
        return false;
    }
    let Ok(v) = std::str::from_utf8(value) else {
        return true;
    };
    if memchr::memchr(b'&', value).is_some() {
        return true;
    }
    if name == b"id" {
        return rules.id(v.trim());
    }
    v.split_ascii_whitespace().any(|c| rules.class(c))
}

fn lowercase<'a>(s: &[u8], buf: &'a mut [u8; 32]) -> Option<&'a [u8]> {
    let out = buf.get_mut(..s.len())?;
    for (o, b) in out.iter_mut().zip(s) {
        *o = b.to_ascii_lowercase();
    }
    Some(out)
}

/// The attributes of a start tag, per the HTML tokenizer; `None` for an unterminated value.
struct Attrs<'a>(&'a [u8]);

impl<'a> Iterator for Attrs<'a> {
    type Item = Option<(&'a [u8], &'a [u8])>;

    fn next(&mut self) -> Option<Self::Item> {
        let s = skip(self.0, |b| b.is_ascii_whitespace() || b == b'/');
        if s.is_empty() || s[0] == b'>' {
            return None;
        }
        // A name may start with `=` (a parse error, but a name character then).
        let end = 1 + s[1..]
            .iter()
            .position(|&b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>' | b'='))
            .unwrap_or(s.len() - 1);
        let (name, rest) = s.split_at(end);
        let after = skip(rest, |b| b.is_ascii_whitespace());
        let Some(v) = after.strip_prefix(b"=") else {
            self.0 = after;
            return Some(Some((name, b"")));
        };
        let v = skip(v, |b| b.is_ascii_whitespace());
        let (value, rest) = match v.first() {
            Some(&q @ (b'"' | b'\'')) => match memchr::memchr(q, &v[1..]) {
                Some(i) => (&v[1..1 + i], &v[2 + i..]),
                None => return Some(None),
            },
            _ => {
                let i = v
                    .iter()
                    .position(|&b| b.is_ascii_whitespace() || b == b'>')
                    .unwrap_or(v.len());
                v.split_at(i)
            }
        };
        self.0 = rest;
        Some(Some((name, value)))
    }
}

fn skip(s: &[u8], f: impl Fn(u8) -> bool) -> &[u8] {
    let i = s.iter().position(|&b| !f(b)).unwrap_or(s.len());
    &s[i..]
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoRules;
    impl Rules for NoRules {
        fn any(&self) -> bool {
            false
        }
        fn class(&self, _: &str) -> bool {
            false
        }
        fn id(&self, _: &str) -> bool {
            false
        }
        fn tag(&self, _: &str) -> bool {
            false
        }
    }

    #[test]
    fn boring_and_interesting_tags() {
        let s = |t: &str| scan(t.as_bytes(), &NoRules);
        assert_eq!(s("<div class=\"a b\" id=x>"), Scan::default());
        assert_eq!(s("<li data-x='1'>"), Scan::default());
        assert!(s("<img src=x onerror=alert(1)>").handler);
        assert!(s("<div ONCLICK=\"x\">").handler);
        assert!(s("<div/onclick=x>").handler);
        assert!(s("<a HREF=x>").full);
        assert!(s("<p style='display:none'>").full);
        assert!(s("<p hidden>").full);
        assert!(s("<svg><a xlink:href=x>").full || s("<a xlink:href=x>").full);
        assert_eq!(s("<SCRIPT>"), Scan::ALL);
        assert_eq!(s("<div title=\"unterminated>"), Scan::ALL);
        assert_eq!(
            s("<averyveryverylongtagname-that-goes-on-and-on>"),
            Scan::ALL
        );
    }
}

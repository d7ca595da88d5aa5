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
pub(crate) struct Scan {
    /// An `on*` attribute is present.
    pub(crate) handler: bool,
    /// Something that may hide the element or carry a URL: needs the full path.
    pub(crate) full: bool,
    /// Something that may hide the element (style, `hidden`, a hidden class, id or tag).
    pub(crate) hide: bool,
    /// A URL-carrying attribute appears twice: browsers take the first, some crawlers the
    /// last, so the duplicates are dropped.
    pub(crate) dup: bool,
    /// Which of [`URL_ATTRS`] are present (bit `i` for `URL_ATTRS[i]`).
    pub(crate) present: u32,
    /// An indexed text attribute (`alt`, `title`, …) is present: judged for spam.
    pub(crate) text: bool,
}

impl Scan {
    /// The result when the bytes are not available: everything is checked.
    pub(crate) const ALL: Scan = Scan {
        handler: true,
        full: true,
        hide: true,
        dup: true,
        present: u32::MAX,
        text: true,
    };
}

/// Tags that need the full path whatever their attributes (`a`: an SVG link without
/// `href` is watched for animations).
fn special_tag(name: &[u8]) -> bool {
    matches!(
        name,
        b"a" | b"script"
            | b"style"
            | b"title"
            | b"noscript"
            | b"noembed"
            | b"noframes"
            | b"xmp"
            | b"textarea"
            // Form controls: their `name` and `value` are judged (`form_fields`).
            | b"input"
            | b"button"
            | b"marquee"
            | b"details"
            | b"svg"
            | b"option"
            | b"select"
            | b"datalist"
            | b"template"
            | b"dialog"
            | b"desc"
            | b"metadata"
            | b"canvas"
            | b"video"
            | b"audio"
            | b"annotation-xml"
            | b"annotation"
            | b"meta"
            | b"animate"
            | b"set"
            | b"base"
            | b"iframe"
            | b"frame"
            | b"object"
            | b"embed"
            | b"param"
            | b"form"
    )
}

/// URL-carrying attributes: they need the full path. At most 32 (bit masks); the index is
/// the bit in [`Scan::present`].
pub(crate) const URL_ATTRS: &[&str] = &[
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
    "imagesrcset",
    // Legacy and side carriers that still reach a host: Chromium registers an attribution
    // source at `attributionsrc` (img, a, script); `codebase` (object, applet) re-bases what
    // the element loads; `longdesc` (img, frame, iframe) and `lowsrc` are followed by
    // crawlers and assistive tools.
    "attributionsrc",
    "codebase",
    "longdesc",
    "lowsrc",
    "dynsrc",
    // Space- or comma-separated URL lists: `<object archive>`/`<applet archive>` (the
    // archives the plug-in fetches), HTML 4's `<head profile>`; and single URLs that
    // crawlers follow: `cite` (blockquote, q, del, ins), `<html manifest>`, `<object
    // classid>`, `<command icon>`/`<menuitem icon>`, the data-binding `datasrc`.
    "archive",
    "profile",
    "cite",
    "manifest",
    "classid",
    "icon",
    "datasrc",
    // WML's navigation attributes are URLs, not scripts: the task run on entering a card
    // forwards or backwards, when its `<timer>` runs out (a timed redirect), and on
    // picking an `<option>`.
    "onenterforward",
    "onenterbackward",
    "ontimer",
    "onpick",
];

/// The hidden-by-stylesheet selectors, for the class/id/tag checks.
pub(crate) trait Rules {
    fn any(&self) -> bool;
    /// `name` is one class of a plain ASCII `class` value.
    fn class(&self, name: &[u8]) -> bool;
    fn id(&self, name: &str) -> bool;
    /// `name` is lower case.
    fn tag(&self, name: &[u8]) -> bool;
    /// An attribute selector names the attribute `name` (lower case).
    fn attr(&self, name: &[u8]) -> bool;
}

/// Scans `raw` (`<name attr=value …>`).
pub(crate) fn scan(raw: &[u8], rules: &dyn Rules) -> Scan {
    let Some(rest) = raw.strip_prefix(b"<") else {
        return Scan::ALL;
    };
    let name_len = rest
        .iter()
        .position(|&b| WS_SLASH[usize::from(b)] || b == b'>')
        .unwrap_or(rest.len());
    let mut lower = [0u8; 32];
    let Some(name) = lowercase(&rest[..name_len], &mut lower) else {
        return Scan::ALL;
    };
    if special_tag(name) || (rules.any() && rules.tag(name)) {
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
        }
        if let Some(i) = url_attr(n) {
            scan.full = true;
            scan.dup |= scan.present & (1 << i) != 0;
            scan.present |= 1 << i;
        } else if n == b"style" || n == b"hidden" || hidden_by_rules(n, v, rules) {
            scan.full = true;
            scan.hide = true;
        } else if matches!(
            n,
            b"alt" | b"title" | b"aria-label" | b"placeholder" | b"value" | b"label"
        ) || super::spam_attrs::may_show(n, v)
        {
            scan.text = true;
        }
    }
    scan
}

/// The index of `name` in [`URL_ATTRS`].
fn url_attr(name: &[u8]) -> Option<usize> {
    let i = match name {
        b"href" => 0,
        b"src" => 1,
        b"action" => 2,
        b"formaction" => 3,
        b"data" => 4,
        b"xlink:href" => 5,
        b"poster" => 6,
        b"srcset" => 7,
        b"srcdoc" => 8,
        b"background" => 9,
        b"imagesrcset" => 10,
        b"attributionsrc" => 11,
        b"codebase" => 12,
        b"longdesc" => 13,
        b"lowsrc" => 14,
        b"dynsrc" => 15,
        b"archive" => 16,
        b"profile" => 17,
        b"cite" => 18,
        b"manifest" => 19,
        b"classid" => 20,
        b"icon" => 21,
        b"datasrc" => 22,
        b"onenterforward" => 23,
        b"onenterbackward" => 24,
        b"ontimer" => 25,
        b"onpick" => 26,
        _ => return None,
    };
    debug_assert_eq!(URL_ATTRS[i].as_bytes(), name);
    Some(i)
}

/// Whether a class or id value names something the page's stylesheet hides. Anything but
/// plain ASCII (another charset, entities) takes the full path, which decodes it.
fn hidden_by_rules(name: &[u8], value: &[u8], rules: &dyn Rules) -> bool {
    if !rules.any() {
        return false;
    }
    if rules.attr(name) {
        return true;
    }
    if !(name == b"class" || name == b"id") {
        return false;
    }
    if !value.is_ascii() || memchr::memchr(b'&', value).is_some() {
        return true;
    }
    if name == b"id" {
        return std::str::from_utf8(value).map_or(true, |v| rules.id(v.trim()));
    }
    value
        .split(|&b| WS[usize::from(b)])
        .any(|c| !c.is_empty() && rules.class(c))
}

fn lowercase<'a>(s: &[u8], buf: &'a mut [u8; 32]) -> Option<&'a [u8]> {
    let out = buf.get_mut(..s.len())?;
    for (o, b) in out.iter_mut().zip(s) {
        *o = b.to_ascii_lowercase();
    }
    Some(out)
}

/// The attributes of a start tag, per the HTML tokenizer; `None` for an unterminated value.
pub(super) struct Attrs<'a>(pub(super) &'a [u8]);

impl<'a> Iterator for Attrs<'a> {
    type Item = Option<(&'a [u8], &'a [u8])>;

    fn next(&mut self) -> Option<Self::Item> {
        let s = skip(self.0, &WS_SLASH);
        if s.is_empty() || s[0] == b'>' {
            return None;
        }
        // A name may start with `=` (a parse error, but a name character then).
        let end = 1 + find(&s[1..], &NAME_END).unwrap_or(s.len() - 1);
        let (name, rest) = s.split_at(end);
        let after = skip(rest, &WS);
        let Some(v) = after.strip_prefix(b"=") else {
            self.0 = after;
            return Some(Some((name, b"")));
        };
        let v = skip(v, &WS);
        let (value, rest) = match v.first() {
            Some(&q @ (b'"' | b'\'')) => match memchr::memchr(q, &v[1..]) {
                Some(i) => (&v[1..1 + i], &v[2 + i..]),
                None => return Some(None),
            },
            _ => {
                let i = find(v, &UNQUOTED_END).unwrap_or(v.len());
                v.split_at(i)
            }
        };
        self.0 = rest;
        Some(Some((name, value)))
    }
}

/// Byte classes of the tokenizer, as tables: the scan runs for every start tag.
const fn class_of(bytes: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
}
/// ASCII whitespace as `u8::is_ascii_whitespace` (the HTML set: no vertical tab).
const WS: [bool; 256] = class_of(b" \t\n\x0c\r");
const WS_SLASH: [bool; 256] = class_of(b" \t\n\x0c\r/");
const NAME_END: [bool; 256] = class_of(b" \t\n\x0c\r/>=");
const UNQUOTED_END: [bool; 256] = class_of(b" \t\n\x0c\r>");

fn find(s: &[u8], class: &[bool; 256]) -> Option<usize> {
    s.iter().position(|&b| class[usize::from(b)])
}

fn skip<'a>(s: &'a [u8], class: &[bool; 256]) -> &'a [u8] {
    let i = s
        .iter()
        .position(|&b| !class[usize::from(b)])
        .unwrap_or(s.len());
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
        fn class(&self, _: &[u8]) -> bool {
            false
        }
        fn id(&self, _: &str) -> bool {
            false
        }
        fn tag(&self, _: &[u8]) -> bool {
            false
        }
        fn attr(&self, _: &[u8]) -> bool {
            false
        }
    }

    #[test]
    fn byte_classes_match_the_std_predicates() {
        for b in 0..=255u8 {
            assert_eq!(WS[usize::from(b)], b.is_ascii_whitespace(), "{b}");
            assert_eq!(
                WS_SLASH[usize::from(b)],
                b.is_ascii_whitespace() || b == b'/'
            );
            let name_end = b.is_ascii_whitespace() || matches!(b, b'/' | b'>' | b'=');
            assert_eq!(NAME_END[usize::from(b)], name_end);
            let unquoted_end = b.is_ascii_whitespace() || b == b'>';
            assert_eq!(UNQUOTED_END[usize::from(b)], unquoted_end);
        }
    }

    #[test]
    fn url_attr_names_match_the_list() {
        for (i, a) in URL_ATTRS.iter().enumerate() {
            assert_eq!(url_attr(a.as_bytes()), Some(i), "{a}");
        }
        assert_eq!(url_attr(b"hre"), None);
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

//! A `<meta charset>` that comes late in `<head>` (after a long comment, the `<title>`, a
//! script or a style): the browser reads the whole page in that charset, so the gateway
//! must too (`sanitize::html::prescan`). Benign legacy pages come out byte for byte in
//! every chunking; a spam `<title>` written before the late `<meta>` is read in the page's
//! charset, and goes, instead of being misread as UTF-8 and passed.

use crate::common;

use common::rewrite::{rewrite, rule_ids, site};

/// Chunkings: whole, tiny, and a few sizes that cut tags and multi-byte runs.
const PLANS: [&[usize]; 4] = [&[], &[1, 2, 3], &[7], &[1000, 13]];

/// What may stand in `<head>` before the late `<meta>`: a comment past the first 1024
/// bytes in the page's own language, a script and a style with `<` in them, head tags.
fn before_meta(text: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "long comment",
            format!("<!-- {} -->", format!("{text}. ").repeat(40)),
        ),
        (
            "script",
            "<script>if (a < b && c > d) { x = '<b>'; }</script>".into(),
        ),
        (
            "style",
            "<style>p{margin:0}/* <meta charset=utf-8> */</style>".into(),
        ),
        (
            "link and base",
            "<link rel=icon href=/f.ico><base href=/>".into(),
        ),
        ("nothing", String::new()),
    ]
}

fn metas(label: &str) -> Vec<String> {
    vec![
        format!("<meta charset=\"{label}\">"),
        format!("<META CHARSET={label}>"),
        format!("<meta http-equiv=\"Content-Type\" content=\"text/html; charset={label}\">"),
    ]
}

fn page(extra: &str, title: &str, meta: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n{extra}\n<title>{title}</title>\n{meta}\n\
         </head>\n<body>{body}</body></html>\n"
    )
}

/// Legacy charsets portals still use, with text that uses their non-ASCII bytes.
fn legacy() -> Vec<(&'static encoding_rs::Encoding, &'static str, &'static str)> {
    vec![
        (
            encoding_rs::WINDOWS_1258,
            "windows-1258",
            "To\u{300}a a\u{301}n nh\u{e2}n d\u{e2}n ti\u{309}nh Ngh\u{ea}\u{323} An",
        ),
        (
            encoding_rs::WINDOWS_1252,
            "windows-1252",
            "Bibliothèque régionale, données",
        ),
        (
            encoding_rs::WINDOWS_1251,
            "windows-1251",
            "Областная библиотека",
        ),
        (
            encoding_rs::ISO_8859_2,
            "iso-8859-2",
            "Knihovna kraje Vysočina, účet",
        ),
    ]
}

/// `text` as a legacy page writes it (windows-1258 with combining tone marks).
fn encode(enc: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    if enc == encoding_rs::WINDOWS_1258 {
        return crate::mutation::corpus::encode::w1258(text);
    }
    let (bytes, _, lossy) = enc.encode(text);
    assert!(!lossy, "{} cannot write {text}", enc.name());
    bytes.into_owned()
}

#[test]
fn legacy_pages_with_a_late_meta_charset_come_out_byte_for_byte() {
    let site = site("");
    let mut cases = 0;
    for (enc, label, title) in legacy() {
        for (where_, extra) in before_meta(title) {
            for meta in metas(label) {
                let body = format!("<h1>{title}</h1><p><a href=\"/tin-tuc\">{title}</a></p>");
                let input = encode(enc, &page(&extra, title, &meta, &body));
                for plan in PLANS {
                    let (out, events) = rewrite(&site, &input, plan, None);
                    assert!(
                        out == input,
                        "{label}, meta after {where_}, {meta}, plan {plan:?}:\n{}",
                        enc.decode(&out).0
                    );
                    assert!(
                        events.is_empty(),
                        "{label} {where_}: {:?}",
                        rule_ids(&events)
                    );
                    cases += 1;
                }
            }
        }
    }
    assert_eq!(cases, 4 * 5 * 3 * PLANS.len());
}

const TIENG_VIET: &str = "Giao di\u{1ec7}n c\u{1ed5}ng th\u{f4}ng tin, phi\u{ea}n b\u{1ea3}n 2008";

/// A spam title written before the late `<meta>`: read as UTF-8 its letters were U+FFFD
/// and the lexicon saw nothing.
#[test]
fn spam_title_before_a_late_meta_charset_is_read_in_the_page_charset() {
    let site = site("");
    let spam = [
        "Nh\u{e0} c\u{e1}i uy t\u{ed}n s\u{1ed1} 1 - c\u{1b0}\u{1ee3}c b\u{f3}ng \u{111}\u{e1} th\u{1b0}\u{1edf}ng l\u{1edb}n",
        "L\u{f4} \u{111}\u{1ec1} online, soi c\u{1ea7}u x\u{1ed5} s\u{1ed1} ch\u{ed}nh x\u{e1}c",
        "N\u{1ed5} h\u{169} \u{111}\u{1ed5}i th\u{1b0}\u{1edf}ng, n\u{1ea1}p \u{111}\u{1ea7}u t\u{1eb7}ng 100k",
    ];
    let mut leaked = Vec::new();
    for title in spam {
        for (where_, extra) in before_meta(TIENG_VIET) {
            for meta in metas("windows-1258") {
                let input = encode(
                    encoding_rs::WINDOWS_1258,
                    &page(&extra, title, &meta, "<p>C\u{1ed5}ng th\u{f4}ng tin</p>"),
                );
                let spam_bytes = encode(encoding_rs::WINDOWS_1258, title);
                for plan in PLANS {
                    let (out, events) = rewrite(&site, &input, plan, None);
                    let kept = out.windows(spam_bytes.len()).any(|w| w == spam_bytes);
                    if kept || events.is_empty() {
                        leaked.push(format!("{title} after {where_}, {meta}, {plan:?}"));
                    }
                }
            }
        }
    }
    assert!(
        leaked.is_empty(),
        "{} leaked:\n{}",
        leaked.len(),
        leaked.join("\n")
    );
}

/// The head is read for a late `<meta>` with its bytes held, but never without bound: a head
/// of 200 KB of comments with no `<meta>` starts flowing long before it ends, and a page
/// whose body starts at once is not held past its first tag.
#[test]
fn what_is_held_while_the_head_is_read_is_bounded() {
    use lachan::audit::AuditLog;
    use lachan::sanitize::html::{PageContext, PageRewriter};
    let rewriter = || {
        let ctx = PageContext {
            site: site(""),
            base: common::rewrite::base(),
            encoding: None,
            request: common::rewrite::request(),
            audit: AuditLog::memory().0,
        };
        PageRewriter::new(ctx).unwrap()
    };
    let mut rw = rewriter();
    let mut fed = rw.write(b"<!doctype html><html><head>").unwrap().len();
    let mut written = 27;
    let chunk = format!("<!-- {} -->", "x".repeat(1000));
    while fed == 0 && written < 200_000 {
        fed += rw.write(chunk.as_bytes()).unwrap().len();
        written += chunk.len();
    }
    assert!(fed > 0, "nothing came out of a 200 KB head");
    assert!(written < 80 * 1024, "held {written} bytes");
    let mut rw = rewriter();
    let out = rw.write(b"<html><body><p>Tin t\xe1\xbb\xa9c</p>").unwrap();
    assert!(!out.is_empty(), "a page whose body starts at once was held");
}

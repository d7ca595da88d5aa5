//! Stage 6 (planted spam, threat A5): text that CSS generates. `content:"nhà cái uy tín"` on a
//! `::before`/`::after`, `quotes`, list markers (`list-style-type:"…"`, `@counter-style`
//! `symbols`/`prefix`/`suffix`) and custom properties (`--k:"…"`, read back by `var()`) put
//! words on the page that no text node holds. A declaration of one of these properties whose
//! strings score as spam in the lexicon is dropped (`css.content`); so is any such declaration
//! with a betting term when the strings of the whole sheet together score as spam (terms
//! spread one per rule). May touch only the CSS text it is given.
//!
//! Security note: strings are read after CSS escapes are resolved and comments dropped
//! (`"\6e h\e0  c\e1i"`); declarations are delimited by a scanner that skips strings and
//! comments, so a `;` or `}` inside a string cannot split one. Benign generated text
//! (`content:"›"`, counters, icon-font code points) has no betting term and is never touched:
//! the text comes back byte for byte unless something is dropped.

use crate::sanitize::lexicon::Lexicon;

use super::css_url;

/// What a sheet or declaration list lost: the rewritten text and the words that decided it.
pub(crate) struct Dropped {
    pub(crate) css: String,
    pub(crate) words: String,
}

/// `css` without its spam-generating declarations; `None` when it has none (the usual case,
/// answered without allocating when the text has no string at all).
pub(crate) fn strip(css: &str, lexicon: &Lexicon) -> Option<Dropped> {
    if !css.contains(['"', '\'']) {
        return None;
    }
    let decls: Vec<Decl> = declarations(css)
        .filter_map(|(from, to)| Decl::read(css, from, to))
        .collect();
    if decls.is_empty() {
        return None;
    }
    let all: String = decls
        .iter()
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let sheet = lexicon.scan(&all);
    let mut words = Vec::new();
    let mut cut = Vec::new();
    for d in &decls {
        let hits = lexicon.scan(&d.text);
        if hits.is_spam() || (sheet.is_spam() && !hits.words.is_empty()) {
            words.extend(hits.words);
            cut.push((d.from, d.to));
        }
    }
    if cut.is_empty() {
        return None;
    }
    words.dedup();
    Some(Dropped {
        css: remove(css, &cut),
        words: words.join(", "),
    })
}

/// A declaration of a text-generating property, with the text of its strings.
struct Decl {
    from: usize,
    to: usize,
    text: String,
}

impl Decl {
    fn read(css: &str, from: usize, to: usize) -> Option<Self> {
        let raw = &css[from..to];
        let colon = raw.find(':')?;
        let name = css_url::normalize(&raw[..colon])
            .trim()
            .to_ascii_lowercase();
        if !generates_text(&name) {
            return None;
        }
        let value = css_url::normalize(&raw[colon + 1..]);
        let text = css_url::strings(&value).join(" ");
        (!text.trim().is_empty()).then_some(Self { from, to, text })
    }
}

/// Properties whose strings end up as text on the page.
fn generates_text(name: &str) -> bool {
    name.starts_with("--")
        || matches!(
            name,
            "content"
                | "quotes"
                | "list-style"
                | "list-style-type"
                | "symbols"
                | "additive-symbols"
                | "prefix"
                | "suffix"
                | "pad"
                | "negative"
                | "string-set"
        )
}

/// The spans of the declarations (and selectors) of `css`: text between `;`, `{` and `}`
/// that are outside strings and comments.
fn declarations(css: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = css.as_bytes();
    let mut i = 0;
    let mut start = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            match b[i] {
                q @ (b'"' | b'\'') => i = skip_string(b, i + 1, q),
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    i = memchr::memmem::find(&b[i + 2..], b"*/").map_or(b.len(), |e| i + 2 + e + 2);
                }
                b'\\' => i += 2,
                b';' | b'{' | b'}' => {
                    let span = (start, i);
                    i += 1;
                    start = i;
                    return Some(span);
                }
                _ => i += 1,
            }
        }
        (start < b.len()).then(|| {
            let span = (start, b.len());
            start = b.len();
            span
        })
    })
}

/// Past the end of a string that opened before `i` with quote `q`.
fn skip_string(b: &[u8], mut i: usize, q: u8) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c if c == q || c == b'\n' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// `css` without the spans (sorted, not overlapping); the delimiters stay, so the rules and
/// the other declarations keep their shape.
fn remove(css: &str, spans: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(css.len());
    let mut at = 0;
    for &(from, to) in spans {
        out.push_str(&css[at..from]);
        at = to;
    }
    out.push_str(&css[at.min(css.len())..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(css: &str) -> Option<String> {
        strip(css, &Lexicon::builtin()).map(|d| d.css)
    }

    #[test]
    fn spam_generating_declarations_go() {
        assert_eq!(
            clean(".x::before{color:red;content:\"nhà cái uy tín\"}").as_deref(),
            Some(".x::before{color:red;}")
        );
        assert_eq!(
            clean(".x:after{content:\"\\6e h\\e0  c\\e1i uy t\\ed n\"}").as_deref(),
            Some(".x:after{}")
        );
        assert_eq!(
            clean("li{list-style-type:\"nổ hũ \"} q{quotes:\"bắn cá\" \"\"}").as_deref(),
            Some("li{} q{}")
        );
        assert_eq!(
            clean(":root{--k:'tài xỉu online'}.a::after{content:var(--k)}").as_deref(),
            Some(":root{}.a::after{content:var(--k)}")
        );
        // One term per rule: the sheet together is spam.
        assert_eq!(
            clean(".a::after{content:\"cá cược\"}.b::after{content:\"lô đề\"}").as_deref(),
            Some(".a::after{}.b::after{}")
        );
        assert_eq!(
            clean("content:'x;}'; content: \"789bet\"").as_deref(),
            Some("content:'x;}';")
        );
    }

    #[test]
    fn benign_generated_text_stays() {
        for css in [
            ".crumb li+li::before{content:\"›\"}",
            "ol{counter-reset:item}li::before{content:counter(item) \". \"}",
            ".icon-home:before{content:\"\\f015\";font-family:FontAwesome}",
            ".x::after{content:''}",
            ".note::before{content:\"Phòng chống cá độ\"}",
            "a{color:red}",
        ] {
            assert_eq!(clean(css), None, "{css}");
        }
    }
}

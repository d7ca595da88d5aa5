//! Stage 6 (before the rewriter): a `<meta charset>` that comes late in `<head>`. When the
//! header names no charset, a browser reads the head for one before it decodes a byte of
//! text: Chromium keeps looking past the 1024 bytes of the WHATWG prescan for as long as it
//! is still in `<head>`. So a windows-1258 page whose `<meta charset>` follows a long
//! comment or a `<title>` shows its title in windows-1258. lol_html switches charset only
//! at the `<meta>` itself, so the text before it (a `<title>` that is judged and put back)
//! was decoded as UTF-8 and came out as U+FFFD.
//!
//! So the first bytes are held, past the BOM sniff, until a throwaway lol_html parse of
//! them (its tokenizer knows comments and raw text) decides: the first `<meta>` naming a
//! usable charset (the rule of [`super::meta`], which follows lol_html's own), or an
//! element that does not belong in `<head>`, or [`MAX_HELD`] bytes, or the end of the body.
//! A charset found this way is the page's charset from its first byte.
//!
//! Security note: what is held is bounded by [`MAX_HELD`]; a decision never removes
//! anything, it only picks the charset the browser picks.

use std::sync::{Arc, LazyLock, Mutex};

use lol_html::send::{HtmlRewriter, Settings};
use lol_html::{ElementContentHandlers, OutputSink, Selector};

/// Bytes held at most while the head is read.
pub(super) const MAX_HELD: usize = 64 * 1024;

/// Elements that a page's `<head>` holds (and `html`, `head` themselves): anything else
/// means the body started, and a later `<meta>` no longer sets the charset.
const HEAD: &[&str] = &[
    "html", "head", "meta", "title", "link", "style", "script", "base", "noscript", "template",
];

/// Every element: the head's tags are few, and the parse stops at the first of the body.
static ANY: LazyLock<Selector> = LazyLock::new(|| "*".parse().expect("valid selector"));

/// What the head says so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Reading,
    Found(&'static encoding_rs::Encoding),
    NotInHead,
}

/// Discards the throwaway parse's output.
struct Discard;

impl OutputSink for Discard {
    fn handle_chunk(&mut self, _: &[u8]) {}
}

/// The head's reading of one page.
pub(super) struct Prescan {
    parser: Option<HtmlRewriter<'static, Discard>>,
    outcome: Arc<Mutex<Outcome>>,
    held: usize,
}

impl std::fmt::Debug for Prescan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prescan").field("held", &self.held).finish()
    }
}

impl Prescan {
    pub(super) fn new() -> Self {
        let outcome = Arc::new(Mutex::new(Outcome::Reading));
        let seen = Arc::clone(&outcome);
        let handlers = ElementContentHandlers::default().element(
            move |el: &mut lol_html::send::Element<'_, '_>| {
                let name = el.tag_name();
                let next = match super::meta::meta_charset(el) {
                    Some(enc) if name == "meta" => Outcome::Found(enc),
                    _ if HEAD.contains(&name.as_str()) => return Ok(()),
                    _ => Outcome::NotInHead,
                };
                if let Ok(mut o) = seen.lock() {
                    *o = next;
                }
                // Stops the throwaway parse: the head has said what it had to say.
                Err("decided".into())
            },
        );
        let settings = Settings::new_send()
            .append_element_content_handler((std::borrow::Cow::Borrowed(&*ANY), handlers));
        Self {
            parser: Some(HtmlRewriter::new(settings, Discard)),
            outcome,
            held: 0,
        }
    }

    /// Reads the body's first bytes, `held` (all of them so far: what was read before is
    /// skipped); whether the page's charset is decided.
    pub(super) fn read(&mut self, held: &[u8]) -> bool {
        let chunk = held.get(self.held..).unwrap_or_default();
        self.held = held.len();
        if self.outcome() != Outcome::Reading || self.held > MAX_HELD {
            self.parser = None;
            return true;
        }
        let failed = match &mut self.parser {
            Some(p) => p.write(chunk).is_err(),
            None => true,
        };
        if failed {
            self.parser = None;
        }
        failed || self.outcome() != Outcome::Reading || self.held > MAX_HELD
    }

    /// The charset a late `<meta>` named, if the head named one.
    pub(super) fn found(&self) -> Option<&'static encoding_rs::Encoding> {
        match self.outcome() {
            Outcome::Found(enc) => Some(enc),
            _ => None,
        }
    }

    fn outcome(&self) -> Outcome {
        self.outcome.lock().map_or(Outcome::NotInHead, |o| *o)
    }
}

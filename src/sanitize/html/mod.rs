//! Stage 6, response body: the streaming HTML rewriter (lol_html) with every element,
//! attribute, text and script handler of the sanitizer. Rules and their audit ids are listed
//! in `docs/sanitizer-rules.md`.
//!
//! The response-body stage feeds decoded chunks in and takes sanitized bytes out.
//!
//! Security notes:
//! - Fail closed: on any error the caller drops the rest of the body. lol_html's graceful
//!   bail-out options (which flush raw input) are never enabled, and its memory is capped.
//! - One handler sees every start tag (`*`), one sees every text chunk: a rule keyed on a
//!   narrower selector would miss carriers that the selector does not name.
//! - Output inside a hidden block is held back until the block is judged (bounded).

mod anchor;
mod attrs;
mod bidi;
mod bom;
mod container;
mod css_content;
mod css_decls;
mod css_keyframes;
mod css_rules;
mod css_sheet;
mod css_stream;
mod css_url;
mod data_urls;
mod doc_text;
mod drawn;
mod elements;
pub mod entities;
mod escaped;
mod foreign;
mod form_fields;
mod form_hold;
mod form_owner;
mod form_scripts;
mod fragment;
mod handlers;
mod held_text;
mod hidden;
mod hiding;
mod hold;
mod importmap;
mod inline_display;
mod json_feed;
mod json_late;
mod json_ld;
mod json_ld_strings;
mod jsonp;
mod later_hidden;
mod layout_nth;
mod layout_order;
mod layout_props;
mod layout_read;
mod layout_values;
mod markdown;
mod media;
mod meta;
pub mod oracle;
mod prescan;
mod rawtag;
mod rawtext;
mod rendered;
mod rendered_scan;
mod script_animate;
mod script_changes;
mod script_hide;
mod script_sources;
mod selectors;
mod self_hidden;
mod sentences;
mod side_urls;
mod spam_attrs;
mod spam_block;
mod state;
mod tag_hits;
mod text;
mod upload_refs;
mod url_attrs;
mod value_code;
pub(crate) mod verification;
mod xml;
mod xslt;

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use lol_html::send::{HtmlRewriter, Settings};
use lol_html::{AsciiCompatibleEncoding, MemorySettings};

use crate::audit::{AuditLog, RequestInfo};
use crate::settings::Site;

use handlers::{
    doc_text_handler, element_handler, map_error, poisoned, text_handler, xml_handlers,
};
use state::State;

/// Why the rewriter stopped. The body stage fails closed on any of these.
#[derive(Debug, thiserror::Error)]
pub enum RewriteError {
    #[error("HTML rewriter failed: {0}")]
    Rewriter(String),
    #[error("HTML rewriter exceeded its memory limit")]
    MemoryLimit,
}

/// Everything the rewriter of one response needs; owned, so that it can live in a body.
#[derive(Debug, Clone)]
pub struct PageContext {
    pub site: Arc<Site>,
    /// The public URL of the page: the base for relative URLs until a `<base>` says otherwise.
    pub base: url::Url,
    /// The charset from `Content-Type`, if it named one the rewriter reads: an
    /// ASCII-compatible one, or UTF-16 (transcoded, see `bom`).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    pub request: RequestInfo,
    pub audit: AuditLog,
}

/// The output sink: appends to the shared state, from which `write` drains what is not held.
///
/// The holds (see `hold`) are checked here, as output grows, and not once per `write`: a
/// check per write would decide a block by where the input chunks happen to end (which the
/// content coding and the network choose), so that one coding could remove a block that
/// another releases.
struct Sink(Arc<Mutex<State>>);

impl lol_html::OutputSink for Sink {
    fn handle_chunk(&mut self, chunk: &[u8]) {
        if let Ok(mut st) = self.0.lock() {
            st.out.extend_from_slice(chunk);
            hold::check(&mut st);
        }
    }
}

/// One response's rewriter.
pub struct PageRewriter {
    rewriter: HtmlRewriter<'static, Sink>,
    state: Arc<Mutex<State>>,
    /// The first bytes of the body, until a byte-order mark can be told (see [`bom`]).
    sniff: Option<Vec<u8>>,
    /// The head read for a late `<meta charset>` while the first bytes are held (see
    /// [`prescan`]); only when neither the header nor a BOM set the charset.
    prescan: Option<prescan::Prescan>,
    /// The BOM's decoder to UTF-8, when the body started with one.
    decoder: Option<encoding_rs::Decoder>,
    /// A UTF-16 charset named by the header: the body is transcoded by it unless a BOM
    /// says otherwise (see [`bom`]).
    wide: Option<&'static encoding_rs::Encoding>,
    /// A JSON Feed body: scanned by [`json_feed`] instead of lol_html.
    json: Option<json_feed::JsonFeed>,
    /// A stylesheet's filter, which takes the place of the HTML rewriter.
    css: Option<css_stream::CssStream>,
}

impl std::fmt::Debug for PageRewriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageRewriter").finish_non_exhaustive()
    }
}

impl PageRewriter {
    pub fn new(ctx: PageContext) -> Result<Self, RewriteError> {
        Self::document(ctx, false, false)
    }

    /// A rewriter for an XML document (`text/xml`, `application/xml`, `+xml`): the HTML
    /// rules, plus the XML constructs that the HTML reading would miss (see [`xml`]).
    pub fn for_xml(ctx: PageContext) -> Result<Self, RewriteError> {
        Self::document(ctx, true, false)
    }

    /// A rewriter for a Markdown body (`text/markdown`): the HTML rules for its inline
    /// HTML, plus its link syntaxes (see [`markdown`]).
    pub fn for_markdown(ctx: PageContext) -> Result<Self, RewriteError> {
        Self::document(ctx, false, true)
    }

    /// A rewriter for a JSON Feed body (see [`json_feed`]): its HTML strings get every
    /// rule, its link fields the link rules, and the rest passes byte for byte. An
    /// `undecided` body passes as it came until it declares itself a feed.
    pub fn for_json_feed(ctx: PageContext, undecided: bool) -> Result<Self, RewriteError> {
        let mut rw = Self::document(ctx, false, false)?;
        rw.json = Some(json_feed::JsonFeed::new(undecided));
        // Undecided, it is UTF-8 (the look read a `{`): a BOM passes as it came.
        rw.sniff = rw.sniff.filter(|_| !undecided);
        Ok(rw)
    }

    /// A rewriter for a stylesheet (`text/css`): see [`css_stream`].
    pub fn for_css(ctx: PageContext) -> Result<Self, RewriteError> {
        let mut rw = Self::document(ctx, false, false)?;
        (rw.sniff, rw.css) = (None, Some(css_stream::CssStream::new()));
        Ok(rw)
    }

    fn document(ctx: PageContext, is_xml: bool, markdown: bool) -> Result<Self, RewriteError> {
        let mut st = State::new(ctx.site, ctx.request, ctx.audit, ctx.base, 0);
        let wide = ctx.encoding.filter(|e| !e.is_ascii_compatible());
        let encoding = ctx.encoding.filter(|e| e.is_ascii_compatible());
        st.encoding = encoding.unwrap_or(encoding_rs::UTF_8);
        st.charset_fixed = encoding.is_some();
        st.utf8_fixed = encoding == Some(encoding_rs::UTF_8);
        if is_xml {
            st.xml = Some(xml::Xml::default());
            st.doc_text = Some(doc_text::DocText::new(doc_text::Reading::Feed));
        }
        if markdown {
            st.doc_text = Some(doc_text::DocText::new(doc_text::Reading::Markdown));
        }
        // The header's charset wins over the page's own `<meta>`, as in browsers; a
        // byte-order mark wins over both (see [`bom`]).
        let adjust = encoding.is_none() && wide.is_none();
        let mut rw = Self::build(st, encoding, adjust)?;
        rw.sniff = Some(Vec::new());
        rw.prescan = (adjust && !is_xml && !markdown).then(prescan::Prescan::new);
        rw.wide = wide;
        Ok(rw)
    }

    /// A rewriter for the text of a raw-text container: UTF-8, same policy and base. Its
    /// events are collected, so that the outer page can hold them with a hidden block.
    fn nested(
        outer: &State,
        depth: u8,
    ) -> Result<(Self, Arc<crate::audit::MemorySink>), RewriteError> {
        let (audit, sink) = AuditLog::memory();
        let mut st = State::new(
            Arc::clone(&outer.site),
            outer.request.clone(),
            audit,
            outer.base.clone(),
            depth,
        );
        st.charset_fixed = true;
        st.utf8_fixed = true;
        Ok((Self::build(st, None, false)?, sink))
    }

    fn build(
        st: State,
        encoding: Option<&'static encoding_rs::Encoding>,
        adjust_charset: bool,
    ) -> Result<Self, RewriteError> {
        let encoding = encoding.unwrap_or(encoding_rs::UTF_8);
        let encoding = AsciiCompatibleEncoding::new(encoding).ok_or_else(|| {
            RewriteError::Rewriter(format!("unsupported charset {}", encoding.name()))
        })?;
        let memory = MemorySettings::new()
            .with_max_allowed_memory_usage(st.policy().memory_limit)
            .with_graceful_bail_out_on_memory_limit_exceeded(false);
        let is_xml = st.xml.is_some();
        let reads_text = st.doc_text.is_some();
        let state = Arc::new(Mutex::new(st));
        let mut settings = Settings::new_send()
            .with_encoding(encoding)
            .with_adjust_charset_on_meta_tag(adjust_charset)
            .with_memory_settings(memory)
            .with_graceful_bail_out_on_content_handler_error(false)
            .append_element_content_handler(element_handler(&state))
            .append_element_content_handler(text_handler(&state));
        if is_xml {
            settings = settings.append_document_content_handler(xml_handlers(&state));
        }
        // Only for Markdown and XML: a document-wide text handler makes lol_html decode
        // every text node.
        if reads_text {
            settings = settings.append_document_content_handler(doc_text_handler(&state));
        }
        let rewriter = HtmlRewriter::new(settings, Sink(Arc::clone(&state)));
        Ok(Self {
            rewriter,
            state,
            sniff: None,
            prescan: None,
            decoder: None,
            wide: None,
            json: None,
            css: None,
        })
    }

    /// Feeds one chunk of the (content-decoded) body; returns the sanitized bytes produced
    /// so far.
    pub fn write(&mut self, chunk: &[u8]) -> Result<Bytes, RewriteError> {
        if let Some(css) = &mut self.css {
            let mut st = self.state.lock().map_err(|_| poisoned())?;
            return css
                .write(&mut st, chunk)
                .map_err(|e| RewriteError::Rewriter(e.into()));
        }
        if self.sniff.is_some() {
            return match self.sniff(chunk, false) {
                Some(head) => self.start(&head, false),
                None => Ok(Bytes::new()),
            };
        }
        self.feed(chunk, false)
    }

    /// Feeds bytes in the rewriter's own encoding.
    fn write_decoded(&mut self, chunk: &[u8]) -> Result<Bytes, RewriteError> {
        if let Some(json) = self.json.as_mut() {
            let mut st = self.state.lock().map_err(|_| poisoned())?;
            return json
                .write(&mut st, chunk)
                .map(Bytes::from)
                .map_err(RewriteError::Rewriter);
        }
        self.state
            .lock()
            .map_err(|_| poisoned())?
            .retain_input(chunk);
        self.rewriter.write(chunk).map_err(map_error)?;
        Ok(self.drain())
    }

    /// Ends the document; returns the last sanitized bytes.
    pub fn end(self) -> Result<Bytes, RewriteError> {
        self.finish().map(|(b, _)| b)
    }

    /// Ends the document; also says whether anything was (or would have been) changed.
    fn finish(mut self) -> Result<(Bytes, bool), RewriteError> {
        if let Some(css) = &mut self.css {
            let mut st = self.state.lock().map_err(|_| poisoned())?;
            return Ok((css.end(&mut st), st.changed));
        }
        let first = match self.sniff(&[], true) {
            Some(head) => self.start(&head, true)?,
            None if self.decoder.is_some() => self.feed(&[], true)?,
            None => Bytes::new(),
        };
        self.rewriter.end().map_err(map_error)?;
        let mut st = self.state.lock().map_err(|_| poisoned())?;
        let json_tail = match self.json.as_mut() {
            Some(json) => json.finish(&mut st),
            None => Vec::new(),
        };
        // A raw-text element cut off by the end of the document (`<script>` without
        // `</script>`) is dropped: its start tag may itself have been removed with a
        // foreign ancestor, and putting its text back would turn it into markup.
        // A held one whose chunks stayed in place (a style, or a raw-text element inside
        // SVG/MathML) goes from its start tag: its text was never judged.
        if let Some(c) = st.capture.take() {
            if let Some(mark) = c.kept_mark() {
                let len = st.out.len();
                hold::cut(&mut st, mark, len);
            }
            st.found("rawtext.unclosed", crate::audit::Action::Removed, None);
        }
        // Holds still open at the end are decided as if they closed here: the browser
        // hides everything up to the end of the document too.
        hold::finish(&mut st);
        if st.refused {
            return Err(RewriteError::Rewriter("XML document refused".into()));
        }
        let changed = st.changed;
        let mut out = bytes::BytesMut::from(&first[..]);
        out.extend_from_slice(&json_tail);
        out.extend_from_slice(&st.out.split());
        Ok((out.freeze(), changed))
    }

    /// How many bytes of sanitized output are held back, awaiting a verdict. Every hold is
    /// bounded by the site's limits, so this stays bounded whatever the page.
    pub fn held_bytes(&self) -> usize {
        self.state.lock().map_or(0, |st| st.out.len())
    }

    /// Takes the output that is not held for a pending hidden block.
    fn drain(&self) -> Bytes {
        let Ok(mut st) = self.state.lock() else {
            return Bytes::new();
        };
        hold::drain(&mut st)
    }
}

//! Stage 6 (before the rewriter): byte-order marks. A browser decodes a body by its BOM
//! whatever `Content-Type` or `<meta>` say (WHATWG "decode": the BOM wins), so the
//! sanitizer does too. A page sent as `FF FE` + UTF-16LE under `charset=utf-8` is markup to
//! the browser and mere bytes to a UTF-8 parser; a UTF-8 BOM under `charset=windows-1258`
//! shows UTF-8 text that a windows-1258 reading turns to mojibake the lexicon cannot match.
//!
//! A UTF-16 charset in `Content-Type` with no BOM is read the same way, by the label: that
//! is what browsers do, and lol_html cannot parse UTF-16 itself.
//!
//! On a BOM (UTF-8, UTF-16LE, UTF-16BE) the body is transcoded to UTF-8 as it streams
//! (`encoding_rs`, bounded per chunk), sanitized as UTF-8 with the page's `<meta>` ignored,
//! and sent after a UTF-8 BOM, so that browsers and crawlers read the output as UTF-8
//! whatever the header says. The transcoding is recorded (`body.bom`).
//!
//! Security note: the first bytes are held until it is known whether they start a BOM, so no
//! chunking can hide one; a body shorter than a BOM is judged at its end.

use bytes::{Bytes, BytesMut};
use encoding_rs::{Encoding, UTF_8};

use super::state::State;
use super::{PageRewriter, RewriteError, poisoned};

/// The longest BOM.
const SNIFF: usize = 3;

impl PageRewriter {
    /// Takes `chunk` into the first bytes until a BOM can be told, then starts the document.
    /// `None` while still sniffing.
    pub(super) fn sniff(&mut self, chunk: &[u8], last: bool) -> Option<Vec<u8>> {
        let mut head = self.sniff.take()?;
        head.extend_from_slice(chunk);
        if head.len() < SNIFF && !last {
            self.sniff = Some(head);
            return None;
        }
        // No BOM: hold on while the head is read for a late `<meta charset>`.
        let reading = Encoding::for_bom(&head).is_none() && !last;
        if let Some(p) = self.prescan.as_mut().filter(|_| reading)
            && !p.read(&head)
        {
            self.sniff = Some(head);
            return None;
        }
        Some(head)
    }

    /// Starts the document with its first bytes: on a BOM, or under a UTF-16 label,
    /// switches to UTF-8 transcoding.
    pub(super) fn start(&mut self, head: &[u8], last: bool) -> Result<Bytes, RewriteError> {
        let (encoding, decoder, why) = match (Encoding::for_bom(head), self.wide) {
            (Some((e, _)), _) => (e, e.new_decoder_with_bom_removal(), "byte-order mark"),
            (None, Some(e)) => (e, e.new_decoder_without_bom_handling(), "charset label"),
            (None, None) => {
                if let Some(enc) = self.prescan.take().and_then(|p| p.found()) {
                    self.restart_in(enc)?;
                }
                return self.feed(head, last);
            }
        };
        self.restart_as_utf8(encoding, why)?;
        self.decoder = Some(decoder);
        let mut out = BytesMut::from("\u{feff}".as_bytes());
        out.extend_from_slice(&self.feed(head, last)?);
        Ok(out.freeze())
    }

    /// Feeds body bytes, through the BOM's decoder when there is one.
    pub(super) fn feed(&mut self, bytes: &[u8], last: bool) -> Result<Bytes, RewriteError> {
        let Some(decoder) = &mut self.decoder else {
            return self.write_decoded(bytes);
        };
        let room = decoder
            .max_utf8_buffer_length(bytes.len())
            .ok_or_else(|| RewriteError::Rewriter("chunk too large to transcode".into()))?;
        let mut text = String::with_capacity(room);
        let (_, _, _) = decoder.decode_to_string(bytes, &mut text, last);
        self.write_decoded(text.as_bytes())
    }

    /// A new rewriter in the charset a late `<meta>` named (nothing was written to the old
    /// one yet): that charset from the first byte, as the browser reads it.
    fn restart_in(&mut self, enc: &'static Encoding) -> Result<(), RewriteError> {
        if enc == UTF_8 {
            return Ok(());
        }
        let st = {
            let old = self.state.lock().map_err(|_| poisoned())?;
            let mut st = State::new(
                old.site.clone(),
                old.request.clone(),
                old.audit.clone(),
                old.base.clone(),
                0,
            );
            st.encoding = enc;
            st.charset_fixed = true;
            st
        };
        let json = self.json.take();
        *self = Self::build(st, Some(enc), false)?;
        self.json = json;
        Ok(())
    }

    /// A new UTF-8 rewriter for the same page (nothing was written to the old one yet).
    fn restart_as_utf8(&mut self, bom: &'static Encoding, why: &str) -> Result<(), RewriteError> {
        let mut st = {
            let mut old = self.state.lock().map_err(|_| poisoned())?;
            let mut st = State::new(
                old.site.clone(),
                old.request.clone(),
                old.audit.clone(),
                old.base.clone(),
                0,
            );
            // The document's reading (XML, a feed's text, Markdown) goes on after the BOM.
            st.xml = old.xml.take();
            st.doc_text = old.doc_text.take();
            st
        };
        st.encoding = UTF_8;
        st.charset_fixed = true;
        st.utf8_fixed = true;
        let detail = Some(format!("{why}: {}", bom.name()));
        st.found_detail("body.bom", crate::audit::Action::Logged, None, detail);
        let json = self.json.take();
        *self = Self::build(st, Some(UTF_8), false)?;
        self.json = json;
        Ok(())
    }
}

//! The lol_html handlers of one page's rewriter, wired to its shared [`State`]: every
//! start tag (`*`, see [`elements`](super::elements)), the text of the elements whose text
//! is judged, and for Markdown and XML documents the document-wide text, processing
//! instructions and DOCTYPE. Also how a lol_html
//! error maps to a [`RewriteError`].

use std::borrow::Cow;
use std::sync::{Arc, LazyLock, Mutex};

use lol_html::Selector;
use lol_html::send::{DocumentContentHandlers, ElementContentHandlers};

use super::state::State;
use super::{RewriteError, doc_text, elements, text, xml};

static ANY: LazyLock<Selector> = LazyLock::new(|| "*".parse().expect("valid selector"));
static CAPTURED: LazyLock<Selector> = LazyLock::new(|| {
    "script, style, title, noscript, noembed, noframes, xmp, textarea, iframe"
        .parse()
        .expect("valid selector")
});

pub(super) fn element_handler(
    state: &Arc<Mutex<State>>,
) -> (Cow<'static, Selector>, ElementContentHandlers<'static>) {
    let shared = Arc::clone(state);
    let handlers = ElementContentHandlers::default().element(
        move |el: &mut lol_html::send::Element<'_, '_>| {
            let mut st = shared.lock().map_err(|_| poisoned())?;
            elements::on_element(&shared, &mut st, el);
            if st.refused {
                return Err("XML document refused".into());
            }
            Ok(())
        },
    );
    (Cow::Borrowed(&*ANY), handlers)
}

/// Only the elements whose text is judged: a document-wide text handler would make lol_html
/// decode every text node of the page.
pub(super) fn text_handler(
    state: &Arc<Mutex<State>>,
) -> (Cow<'static, Selector>, ElementContentHandlers<'static>) {
    let shared = Arc::clone(state);
    let handlers = ElementContentHandlers::default().text(
        move |t: &mut lol_html::html_content::TextChunk<'_>| {
            let mut st = shared.lock().map_err(|_| poisoned())?;
            text::on_text(&mut st, t);
            Ok(())
        },
    );
    (Cow::Borrowed(&*CAPTURED), handlers)
}

/// The text of a Markdown or XML document (see [`doc_text`]); nothing in an HTML page.
pub(super) fn doc_text_handler(state: &Arc<Mutex<State>>) -> DocumentContentHandlers<'static> {
    let shared = Arc::clone(state);
    DocumentContentHandlers::default().text(move |t: &mut lol_html::html_content::TextChunk<'_>| {
        let mut st = shared.lock().map_err(|_| poisoned())?;
        if st.doc_text.is_some() {
            doc_text::on_text(&mut st, t);
        }
        Ok(())
    })
}

/// An XML document's processing instructions (comments to lol_html) and DOCTYPE.
pub(super) fn xml_handlers(state: &Arc<Mutex<State>>) -> DocumentContentHandlers<'static> {
    let comments = Arc::clone(state);
    let doctype = Arc::clone(state);
    DocumentContentHandlers::default()
        .comments(move |c: &mut lol_html::html_content::Comment<'_>| {
            let mut st = comments.lock().map_err(|_| poisoned())?;
            xml::comment(&mut st, c);
            doc_text::cdata(&mut st, c);
            if st.refused {
                return Err("XML document refused".into());
            }
            Ok(())
        })
        .doctype(move |d: &mut lol_html::html_content::Doctype<'_>| {
            let mut st = doctype.lock().map_err(|_| poisoned())?;
            xml::doctype(&mut st, d)?;
            Ok(())
        })
}

pub(super) fn poisoned() -> RewriteError {
    RewriteError::Rewriter("sanitizer state poisoned".into())
}

pub(super) fn map_error(e: lol_html::errors::RewritingError) -> RewriteError {
    match e {
        lol_html::errors::RewritingError::MemoryLimitExceeded(_) => RewriteError::MemoryLimit,
        other => RewriteError::Rewriter(other.to_string()),
    }
}

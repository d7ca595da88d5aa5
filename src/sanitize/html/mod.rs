//! The streaming HTML rewriter (lol_html) with every element, attribute, text and script
//! handler of the sanitizer.
//!
//! STUB interface: the response-body stage feeds chunks in and takes sanitized bytes out.
//! It never sees unsanitized output: on any error the caller drops the rest of the body.

use std::sync::Arc;

use bytes::Bytes;

use crate::audit::{AuditLog, RequestInfo};
use crate::config::Site;

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
    /// The charset from `Content-Type`, if it named one that lol_html supports.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    pub request: RequestInfo,
    pub audit: AuditLog,
}

/// One response's rewriter.
#[derive(Debug)]
pub struct PageRewriter {
    _ctx: PageContext,
}

impl PageRewriter {
    pub fn new(ctx: PageContext) -> Result<Self, RewriteError> {
        Ok(Self { _ctx: ctx })
    }

    /// Feeds one chunk of the (decoded) body; returns the sanitized bytes produced so far.
    pub fn write(&mut self, chunk: &[u8]) -> Result<Bytes, RewriteError> {
        Ok(Bytes::copy_from_slice(chunk))
    }

    /// Ends the document; returns the last sanitized bytes.
    pub fn end(self) -> Result<Bytes, RewriteError> {
        Ok(Bytes::new())
    }
}

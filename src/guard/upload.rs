//! Stage 3 (continued while the body streams to stage 4): refusal of multipart uploads
//! of executable files (rule `upload.multipart_exec`).
//!
//! The request head only says `multipart/form-data`; the file names are in the part
//! headers inside the body. We never buffer the body: [`Inspect`] wraps it and scans each
//! line as it passes, keeping at most one unfinished line ([`MAX_LINE`] bytes) between
//! chunks. A `Content-Disposition` line with an executable `filename` fails the body with
//! [`UploadBlocked`]; the upstream request is then aborted mid-body (the CMS never gets
//! a complete upload) and the rescue point answers 403.
//!
//! Security note: an over-long `Content-Disposition` line is treated as a hit (fail
//! closed), so padding cannot push the file name out of view.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use bytes::Bytes;
use http::{HeaderMap, header};
use http_body::{Body, Frame, SizeHint};
use pin_project_lite::pin_project;

use super::rules::is_exec_name;
use crate::body::BoxError;

/// The longest part-header line we look at.
pub(crate) const MAX_LINE: usize = 8 * 1024;
const DISPOSITION: &[u8] = b"content-disposition:";

/// The error an inspected body fails with when it carries an executable upload.
#[derive(Debug, thiserror::Error)]
#[error("multipart upload of an executable file: {0:?}")]
pub(crate) struct UploadBlocked(pub String);

/// Whether the request head announces a multipart form.
pub(crate) fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            ct.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/")
        })
}

/// What the scanner does on a hit: decides whether to fail the body (enforce) or not.
pub(crate) type OnHit = Arc<dyn Fn(&str) -> bool + Send + Sync>;

pin_project! {
    /// A body that scans multipart part headers as they stream.
    pub(crate) struct Inspect<B> {
        #[pin]
        inner: B,
        scan: LineScan,
        on_hit: OnHit,
    }
}

impl<B> Inspect<B> {
    pub(crate) fn new(inner: B, on_hit: OnHit) -> Self {
        Self {
            inner,
            scan: LineScan::default(),
            on_hit,
        }
    }
}

impl<B> Body for Inspect<B>
where
    B: Body<Data = Bytes>,
    B::Error: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.project();
        let frame = match ready!(this.inner.poll_frame(cx)) {
            None => return Poll::Ready(None),
            Some(Err(e)) => return Poll::Ready(Some(Err(e.into()))),
            Some(Ok(frame)) => frame,
        };
        if let Some(data) = frame.data_ref()
            && let Some(name) = this.scan.feed(data)
            && (this.on_hit)(&name)
        {
            return Poll::Ready(Some(Err(Box::new(UploadBlocked(name)))));
        }
        Poll::Ready(Some(Ok(frame)))
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// Splits a byte stream into lines and reports executable file names in part headers.
#[derive(Debug, Default)]
pub(crate) struct LineScan {
    /// The start of the current, unfinished line (at most [`MAX_LINE`] bytes).
    partial: Vec<u8>,
    /// The current line passed [`MAX_LINE`]; skip to its end.
    overflow: bool,
}

impl LineScan {
    /// Feeds one chunk; returns the first executable file name found.
    pub(crate) fn feed(&mut self, mut data: &[u8]) -> Option<String> {
        let mut found = None;
        while let Some(nl) = memchr::memchr(b'\n', data) {
            let hit = self.finish_line(&data[..nl]);
            found = found.or(hit);
            data = &data[nl + 1..];
        }
        let room = MAX_LINE.saturating_sub(self.partial.len());
        if !self.overflow {
            self.partial
                .extend_from_slice(&data[..data.len().min(room)]);
            if data.len() > room {
                self.overflow = true;
                found = found.or_else(|| self.long_disposition());
            }
        }
        found
    }

    fn finish_line(&mut self, tail: &[u8]) -> Option<String> {
        let hit = if self.overflow {
            None
        } else if self.partial.is_empty() {
            exec_filename(tail)
        } else {
            let room = MAX_LINE.saturating_sub(self.partial.len());
            self.partial
                .extend_from_slice(&tail[..tail.len().min(room)]);
            let hit = exec_filename(&self.partial);
            hit.or_else(|| {
                (tail.len() > room)
                    .then(|| self.long_disposition())
                    .flatten()
            })
        };
        self.partial.clear();
        self.overflow = false;
        hit
    }

    fn long_disposition(&self) -> Option<String> {
        starts_disposition(&self.partial).then(|| "(over-long Content-Disposition)".to_string())
    }
}

fn starts_disposition(line: &[u8]) -> bool {
    line.len() >= DISPOSITION.len() && line[..DISPOSITION.len()].eq_ignore_ascii_case(DISPOSITION)
}

/// The file name in a `Content-Disposition` line, if it is executable.
fn exec_filename(line: &[u8]) -> Option<String> {
    if !starts_disposition(line) {
        return None;
    }
    let text = String::from_utf8_lossy(line).to_ascii_lowercase();
    text.match_indices("filename")
        .filter_map(|(i, _)| filename_value(&text[i + "filename".len()..]))
        .find(|name| is_exec_name(name))
}

/// `="a.php"`, `=a.php`, or `*=utf-8''a%2ephp`: the base name, decoded.
fn filename_value(rest: &str) -> Option<String> {
    let (star, rest) = match rest.strip_prefix('*') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let value = rest.trim_start().strip_prefix('=')?.trim_start();
    let value = match value.strip_prefix('"') {
        Some(q) => q.split('"').next().unwrap_or(q),
        None => value.split([';', '\r']).next().unwrap_or(value).trim(),
    };
    let value = match (star, value.split_once("''")) {
        (true, Some((_, encoded))) => super::normalize::decode_deep(encoded.as_bytes(), false),
        _ => value.to_string(),
    };
    let value = value.split('\0').next().unwrap_or("");
    Some(
        value
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(value)
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_in_chunks(body: &[u8], chunk: usize) -> Option<String> {
        let mut s = LineScan::default();
        body.chunks(chunk).find_map(|c| s.feed(c))
    }

    fn form(disposition: &str) -> Vec<u8> {
        format!(
            "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhello\r\n\
             --b\r\n{disposition}\r\nContent-Type: image/png\r\n\r\nPNG...\r\n--b--\r\n"
        )
        .into_bytes()
    }

    #[test]
    fn executable_names_are_found_across_chunk_borders() {
        for d in [
            "Content-Disposition: form-data; name=\"f\"; filename=\"shell.php\"",
            "content-disposition: form-data; name=f; filename=shell.PHTML",
            "Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''x%2Ephar",
            "Content-Disposition: form-data; name=\"f\"; filename=\"../../a.php.jpg\"",
        ] {
            for chunk in [1, 7, 64, 4096] {
                assert!(scan_in_chunks(&form(d), chunk).is_some(), "{d} / {chunk}");
            }
        }
    }

    #[test]
    fn images_and_long_binary_lines_pass() {
        let ok = form("Content-Disposition: form-data; name=\"f\"; filename=\"anh.jpg\"");
        assert_eq!(scan_in_chunks(&ok, 5), None);
        let mut big = ok.clone();
        big.extend(std::iter::repeat_n(b'x', 3 * MAX_LINE));
        big.extend_from_slice(b"\r\nfilename=\"a.php\"\r\n");
        assert_eq!(scan_in_chunks(&big, 1000), None, "not a header line");
    }

    #[test]
    fn padded_disposition_fails_closed() {
        let pad = "a".repeat(2 * MAX_LINE);
        let d = format!("Content-Disposition: form-data; name=\"{pad}\"; filename=\"x.php\"");
        assert!(scan_in_chunks(&form(&d), 512).is_some());
    }
}

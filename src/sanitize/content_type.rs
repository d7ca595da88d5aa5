//! Stage 5, response head: the `Content-Type` of a response, read exactly as browsers read
//! it, and made a single header line so that gateway and browser judge the same type.
//!
//! Browsers follow Fetch's "extract a MIME type"
//! (<https://fetch.spec.whatwg.org/#concept-header-extract-mime-type>): every
//! `Content-Type` line is combined, split on commas outside quoted strings, invalid values
//! and `*/*` are skipped and the **last** valid MIME type wins, keeping an earlier charset
//! only while the essence stays the same. A gateway that reads the first line instead
//! (`text/plain` then `text/html`, or `text/plain, text/html`) passes a page through as
//! text while Chromium renders it, or decodes it in the wrong charset (redteam).
//!
//! [`extract`] is that algorithm and the only reader of the header in the response
//! stages; [`normalize`] runs before anything reads the type (upload check, stage 5 plan,
//! stage 6 charset) and rewrites a head that could be read two ways to one line carrying
//! the extracted type, or none when no value is valid (such a body counts as HTML and is
//! sanitized or sniffed, as a missing type always was). It never changes what a Fetch
//! browser decides (serializing a MIME type and parsing it again gives the same type), so
//! it is done in `report` mode too.
//!
//! May touch: the `Content-Type` header only.

use http::{HeaderMap, HeaderValue, header};

/// The rule id of a rewritten or dropped `Content-Type`.
pub const RULE: &str = "head.content_type";

/// A parsed MIME type (MIME Sniffing, "MIME type record"): lower-cased essence and its
/// parameters in order, names lower-cased, the first of a repeated name kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MimeType {
    essence: String,
    params: Vec<(String, String)>,
}

impl MimeType {
    /// `type/subtype`, lower-cased.
    pub fn essence(&self) -> &str {
        &self.essence
    }

    /// The `charset` parameter, if any (unquoted).
    pub fn charset(&self) -> Option<&str> {
        self.param("charset")
    }

    /// The first parameter named `name` (lower case), unquoted.
    pub fn param(&self, name: &str) -> Option<&str> {
        let found = self.params.iter().find(|(n, _)| n == name);
        found.map(|(_, v)| v.as_str())
    }

    /// MIME Sniffing's "parse a MIME type"
    /// (<https://mimesniff.spec.whatwg.org/#parse-a-mime-type>); `None` is failure.
    pub fn parse(input: &str) -> Option<MimeType> {
        let chars: Vec<char> = input.trim_matches(is_http_ws).chars().collect();
        let mut pos = 0;
        let kind = collect(&chars, &mut pos, |c| c != '/');
        if kind.is_empty() || !kind.chars().all(is_token) || pos >= chars.len() {
            return None;
        }
        pos += 1;
        let sub = collect(&chars, &mut pos, |c| c != ';');
        let sub = sub.trim_end_matches(is_http_ws);
        if sub.is_empty() || !sub.chars().all(is_token) {
            return None;
        }
        let mut mime = MimeType {
            essence: format!("{kind}/{sub}").to_ascii_lowercase(),
            params: Vec::new(),
        };
        while pos < chars.len() {
            pos += 1;
            collect(&chars, &mut pos, is_http_ws);
            if let Some((name, value)) = parameter(&chars, &mut pos) {
                let fresh = mime.param(&name).is_none();
                let ok = !name.is_empty() && name.chars().all(is_token);
                if ok && fresh && value.chars().all(is_quoted_token) {
                    mime.params.push((name, value));
                }
            }
        }
        Some(mime)
    }

    /// MIME Sniffing's "serialize a MIME type", isomorphic-encoded for a header value.
    pub fn to_header(&self) -> Option<HeaderValue> {
        let mut text = self.essence.clone();
        for (name, value) in &self.params {
            text.push(';');
            text.push_str(name);
            text.push('=');
            if !value.is_empty() && value.chars().all(is_token) {
                text.push_str(value);
            } else {
                text.push('"');
                for c in value.chars() {
                    if matches!(c, '"' | '\\') {
                        text.push('\\');
                    }
                    text.push(c);
                }
                text.push('"');
            }
        }
        // Every char is at most U+00FF here (token and quoted-string code points only).
        let bytes: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
        HeaderValue::from_bytes(&bytes).ok()
    }
}

/// One `name=value` of "parse a MIME type" (step 11), from just after the `;` and its
/// whitespace; `None` when the parameter is to be skipped.
fn parameter(chars: &[char], pos: &mut usize) -> Option<(String, String)> {
    let name = collect(chars, pos, |c| c != ';' && c != '=').to_ascii_lowercase();
    if *pos >= chars.len() || chars[*pos] == ';' {
        return None;
    }
    *pos += 1;
    let value = if chars.get(*pos) == Some(&'"') {
        let v = quoted_string(chars, pos, true);
        collect(chars, pos, |c| c != ';');
        v
    } else {
        let v = collect(chars, pos, |c| c != ';');
        let v = v.trim_end_matches(is_http_ws).to_string();
        if v.is_empty() {
            return None;
        }
        v
    };
    Some((name, value))
}

/// Fetch's "extract a MIME type" over every `Content-Type` line; `None` is failure (no
/// line, or no valid value: the body is then read as if it had no type).
pub fn extract(headers: &HeaderMap) -> Option<MimeType> {
    let mut charset: Option<String> = None;
    let mut essence: Option<String> = None;
    let mut found: Option<MimeType> = None;
    for value in values(headers) {
        let Some(mut mime) = MimeType::parse(&value) else {
            continue;
        };
        if mime.essence == "*/*" {
            continue;
        }
        if essence.as_deref() != Some(mime.essence.as_str()) {
            charset = mime.charset().map(str::to_string);
            essence = Some(mime.essence.clone());
        } else if let (None, Some(c)) = (mime.charset(), &charset) {
            mime.params.push(("charset".into(), c.clone()));
        }
        found = Some(mime);
    }
    found
}

/// Whether any valid value of the header, on any line (not only the one browsers read),
/// has an essence for which `pred` holds: what a gateway stricter than browsers judges by.
pub fn any_essence(headers: &HeaderMap, pred: impl Fn(&str) -> bool) -> bool {
    values(headers)
        .iter()
        .filter_map(|v| MimeType::parse(v))
        .any(|m| pred(&m.essence))
}

/// What [`normalize`] did to a head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Normalized {
    /// One line holding one valid type: left byte for byte.
    Unchanged,
    /// Rewritten to the single line `to`.
    Rewritten { from: String, to: String },
    /// No valid type: every line dropped (the body counts as HTML).
    Dropped { from: String },
}

/// Makes `Content-Type` a single line with the extracted type, unless it already is one
/// line holding one valid type (what every ordinary response sends: left as it is).
pub fn normalize(headers: &mut HeaderMap) -> Normalized {
    let lines = headers.get_all(header::CONTENT_TYPE).iter().count();
    if lines == 0 {
        return Normalized::Unchanged;
    }
    let all = values(headers);
    let single = lines == 1 && all.len() == 1;
    if single && MimeType::parse(&all[0]).is_some_and(|m| m.essence != "*/*") {
        return Normalized::Unchanged;
    }
    let from = original(headers);
    match extract(headers).and_then(|m| m.to_header()) {
        Some(value) => {
            let to = String::from_utf8_lossy(value.as_bytes()).into_owned();
            headers.insert(header::CONTENT_TYPE, value);
            Normalized::Rewritten { from, to }
        }
        None => {
            headers.remove(header::CONTENT_TYPE);
            Normalized::Dropped { from }
        }
    }
}

/// The lines as received, for the audit event (bounded).
fn original(headers: &HeaderMap) -> String {
    let lines: Vec<String> = headers
        .get_all(header::CONTENT_TYPE)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect();
    super::policy::short(&lines.join(" | "))
}

/// Fetch's "get, decode, and split" of `Content-Type`: the lines combined with `, `,
/// isomorphic-decoded, split on commas outside quoted strings, each value trimmed.
fn values(headers: &HeaderMap) -> Vec<String> {
    let mut combined: Vec<u8> = Vec::new();
    for (i, v) in headers.get_all(header::CONTENT_TYPE).iter().enumerate() {
        if i > 0 {
            combined.extend_from_slice(b", ");
        }
        combined.extend_from_slice(v.as_bytes());
    }
    let chars: Vec<char> = combined.iter().map(|&b| char::from(b)).collect();
    let mut out = Vec::new();
    let mut pos = 0;
    let mut value = String::new();
    loop {
        value.push_str(&collect(&chars, &mut pos, |c| c != '"' && c != ','));
        if chars.get(pos) == Some(&'"') {
            value.push_str(&quoted_string(&chars, &mut pos, false));
            if pos < chars.len() {
                continue;
            }
        }
        out.push(value.trim_matches(is_http_tab_or_space).to_string());
        value.clear();
        if pos >= chars.len() {
            return out;
        }
        pos += 1;
    }
}

/// Fetch's "collect an HTTP quoted string" from the `"` at `pos`: the unescaped value when
/// `extract`, else the raw text from that quote to where it ends.
fn quoted_string(chars: &[char], pos: &mut usize, extract: bool) -> String {
    let start = *pos;
    let mut value = String::new();
    *pos += 1;
    loop {
        value.push_str(&collect(chars, pos, |c| c != '"' && c != '\\'));
        let Some(&c) = chars.get(*pos) else { break };
        *pos += 1;
        if c == '\\' {
            let Some(&escaped) = chars.get(*pos) else {
                value.push('\\');
                break;
            };
            value.push(escaped);
            *pos += 1;
        } else {
            break;
        }
    }
    if extract {
        value
    } else {
        chars[start..*pos].iter().collect()
    }
}

fn collect(chars: &[char], pos: &mut usize, keep: impl Fn(char) -> bool) -> String {
    let start = *pos;
    while *pos < chars.len() && keep(chars[*pos]) {
        *pos += 1;
    }
    chars[start..*pos].iter().collect()
}

fn is_http_ws(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' ')
}

fn is_http_tab_or_space(c: char) -> bool {
    matches!(c, '\t' | ' ')
}

fn is_token(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

fn is_quoted_token(c: char) -> bool {
    matches!(c, '\t' | ' '..='~' | '\u{80}'..='\u{ff}')
}

#[cfg(test)]
#[path = "content_type_tests.rs"]
mod tests;

//! Charsets and content codings of a generated page, as a compromised upstream sends them.

use std::io::Write;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{compose, decompose_canonical};

use super::{Charset, Codec};

/// The page text in its charset. windows-1258 is written the way Vietnamese legacy pages
/// are: precomposed base letters (`â`, `ơ`, `đ`) plus combining tone marks.
pub fn charset(charset: Charset, text: &str) -> Vec<u8> {
    match charset {
        Charset::Utf8 => text.as_bytes().to_vec(),
        Charset::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        Charset::Nfd => text.nfd().collect::<String>().into_bytes(),
        Charset::W1258Header | Charset::W1258Meta => w1258(text),
        Charset::Utf16Label => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
    }
}

pub fn w1258(text: &str) -> Vec<u8> {
    let enc = encoding_rs::WINDOWS_1258;
    let fits = |s: &str| !enc.encode(s).2;
    let mut prepared = String::with_capacity(text.len());
    for c in text.nfc() {
        let one = c.to_string();
        if fits(&one) {
            prepared.push(c);
            continue;
        }
        let mut parts = Vec::new();
        decompose_canonical(c, |d| parts.push(d));
        match parts.as_slice() {
            [base, first, rest @ ..] => match compose(*base, *first) {
                Some(p) if fits(&p.to_string()) => {
                    prepared.push(p);
                    prepared.extend(rest);
                }
                _ => prepared.extend(parts.iter()),
            },
            _ => prepared.push(c),
        }
    }
    enc.encode(&prepared).0.into_owned()
}

/// `data` under `codec`.
pub fn compress(codec: Codec, data: &[u8]) -> Vec<u8> {
    let level = flate2::Compression::new(6);
    let out = match codec {
        Codec::Identity => Ok(data.to_vec()),
        Codec::Gzip => write_all(flate2::write::GzEncoder::new(Vec::new(), level), data),
        Codec::Zlib => write_all(flate2::write::ZlibEncoder::new(Vec::new(), level), data),
        Codec::RawDeflate => write_all(flate2::write::DeflateEncoder::new(Vec::new(), level), data),
        Codec::Br => {
            let mut w = brotli::CompressorWriter::new(Vec::new(), 4096, 5, 22);
            w.write_all(data).map(|()| w.into_inner())
        }
        Codec::Zstd => zstd::encode_all(data, 3),
    };
    out.expect("compressing in memory")
}

trait Finish: Write {
    fn done(self) -> std::io::Result<Vec<u8>>;
}

impl Finish for flate2::write::GzEncoder<Vec<u8>> {
    fn done(self) -> std::io::Result<Vec<u8>> {
        self.finish()
    }
}
impl Finish for flate2::write::ZlibEncoder<Vec<u8>> {
    fn done(self) -> std::io::Result<Vec<u8>> {
        self.finish()
    }
}
impl Finish for flate2::write::DeflateEncoder<Vec<u8>> {
    fn done(self) -> std::io::Result<Vec<u8>> {
        self.finish()
    }
}

fn write_all(mut w: impl Finish, data: &[u8]) -> std::io::Result<Vec<u8>> {
    w.write_all(data)?;
    w.done()
}

/// The `Content-Encoding` value of `codec`.
pub fn header(codec: Codec) -> Option<&'static str> {
    match codec {
        Codec::Identity => None,
        Codec::Gzip => Some("gzip"),
        Codec::Zlib | Codec::RawDeflate => Some("deflate"),
        Codec::Br => Some("br"),
        Codec::Zstd => Some("zstd"),
    }
}

/// Decodes a response body that came back content-coded (the judge asks for identity, but
/// does not rely on it).
pub fn decompress(coding: Option<&str>, data: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    match coding.map(str::trim) {
        None | Some("") | Some("identity") => out.extend_from_slice(data),
        Some("gzip") => {
            flate2::read::GzDecoder::new(data).read_to_end(&mut out)?;
        }
        Some("deflate") => {
            if flate2::read::ZlibDecoder::new(data)
                .read_to_end(&mut out)
                .is_err()
            {
                out.clear();
                flate2::read::DeflateDecoder::new(data).read_to_end(&mut out)?;
            }
        }
        Some("br") => {
            brotli::Decompressor::new(data, 4096).read_to_end(&mut out)?;
        }
        Some("zstd") => out = zstd::decode_all(data)?,
        Some(other) => return Err(std::io::Error::other(format!("unknown coding {other}"))),
    }
    Ok(out)
}

/// The text of a response body: a byte order mark's encoding, else the charset of
/// `Content-Type`, else of a `<meta>` in the first KiB, else UTF-8.
pub fn text(content_type: Option<&str>, body: &[u8]) -> String {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(body) {
        return enc.decode_with_bom_removal(body).0.into_owned();
    }
    let label = content_type
        .and_then(|ct| {
            ct.to_ascii_lowercase()
                .split("charset=")
                .nth(1)
                .map(str::to_string)
        })
        .or_else(|| meta_charset(&body[..body.len().min(1024)]));
    let enc = label
        .and_then(|l| {
            encoding_rs::Encoding::for_label(
                l.trim_matches(|c| c == '"' || c == '\'' || c == ' ')
                    .as_bytes(),
            )
        })
        .unwrap_or(encoding_rs::UTF_8);
    enc.decode_without_bom_handling(body).0.into_owned()
}

fn meta_charset(head: &[u8]) -> Option<String> {
    let s = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = s.find("charset=")? + "charset=".len();
    let rest = s[at..].trim_start_matches(['"', '\'']);
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))?;
    Some(rest[..end].to_string())
}

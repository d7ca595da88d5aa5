//! The mutation corpus (issue 14): a seeded generator that crosses the attack families of
//! `threats.md` and the classes of issue 14 with contexts (body, hidden block, raw-text
//! container, error status, chunk boundaries inside tags, upload path, cloaking, `Range`),
//! content codings and charsets. Shared by `tests/mutation.rs` (the crawler's view through
//! the gateway) and `examples/mutation_serve.rs` (the browser's view).
//!
//! Variant `i` of seed `s` depends only on `(s, i)`: `MUTATION_SEED=s MUTATION_ONLY=i`
//! reproduces it alone.

#![allow(dead_code)]

pub mod after_load;
pub mod benign;
pub mod carriers;
pub mod computed;
pub mod css_text;
pub mod data_blocks;
pub mod encode;
pub mod feeds;
pub mod flows;
pub mod gaps;
pub mod heads;
pub mod inert_markup;
pub mod judge;
pub mod links;
pub mod markup_strings;
pub mod metas;
pub mod navigation;
pub mod page;
pub mod report;
pub mod report_headers;
pub mod rng;
pub mod run;
pub mod scripts;
pub mod serve;
pub mod sinks;
pub mod sisters;
pub mod spam;
pub mod spam_brands;
pub mod spam_compose;
pub mod spam_disguise;
pub mod spam_drawn;
pub mod spam_drawn_taglines;
pub mod spam_frames;
pub mod spam_junk_letters;
pub mod spam_leftovers;
pub mod spam_link_adverts;
pub mod spam_link_twins;
pub mod spam_nth_child;
pub mod spam_offers;
pub mod spam_rewritten;
pub mod spam_short_joined;
pub mod spam_sidebar;
pub mod spam_spots;
pub mod spam_units;
pub mod spam_unworded;
pub mod spam_unworded_names;
pub mod spam_unworded_news;
pub mod spam_weak;
pub mod srcsets;

use rng::Rng;
// The suites use some of these, the browser's example (`mutation_serve`) others.
#[allow(unused_imports)]
pub use run::{CORPUS_BASE, RunSpec, TWIN_BASE, browser_variants, codec_twins, variants};

/// The site being protected, and the allow list the generated pages assume: the test
/// kit's own. Loaded by path, not through `crate::common`, because the `mutation_serve`
/// example includes this corpus without the test kit; in the suites binary the file is
/// therefore loaded twice.
#[path = "../common/site.rs"]
#[allow(clippy::duplicate_mod)]
mod site;

pub use site::{ALLOW, HOST};

/// The seed of the CI sample.
pub const DEFAULT_SEED: u64 = 0x1a_c4a2_2026;

/// What a template plants, which decides the contexts it can be put in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Links and other URL carriers in the body: can be hidden or put in raw text.
    Link,
    /// Spam text (title, description, hidden text).
    Text,
    /// Scripts and script-bearing markup.
    Script,
    /// Response headers (`Location`, `Refresh`, `Link`) and statuses.
    Header,
    /// A page that must come through unchanged.
    Benign,
}

/// Where in the page (or the response) a payload goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Head,
    Body,
}

/// What a template produces.
#[derive(Debug, Clone, Default)]
pub struct Payload {
    pub html: String,
    pub head: bool,
    /// Normalized phrases or script markers that must be gone from the output.
    pub planted: Vec<String>,
    /// Normalized phrases of the genuine text around the payload that must come through
    /// (no collateral), judged where the payload stands in plain sight.
    pub kept: Vec<String>,
    /// Markup the template put in that a visitor never sees (hidden junk letters): the
    /// judge reads the page without it, as the visitor does, before it looks for `planted`.
    pub junk: Vec<String>,
    pub status: Option<u16>,
    pub headers: Vec<(String, String)>,
    /// A whole page instead of the filler portal page.
    pub whole_page: bool,
    /// Served from an upload folder as a file with this extension (C4), whatever the context.
    pub upload: Option<&'static str>,
}

/// A template of planted text (family `A5`, or `benign` for its twins), passive, of no
/// issue class: the shape every spam template file shares.
pub const fn planted_text(
    name: &'static str,
    kind: Kind,
    make: fn(&mut Rng) -> Payload,
) -> Template {
    let family = match kind {
        Kind::Benign => "benign",
        _ => "A5",
    };
    Template {
        family,
        class: 0,
        name,
        kind,
        active: false,
        make,
    }
}

/// One payload template: written by hand, mutated by the [`Rng`].
#[derive(Debug, Clone, Copy)]
pub struct Template {
    /// The family of `threats.md` (`A1` … `C4`; `A` for visible planted links, whose text
    /// is the payload) or `benign`.
    pub family: &'static str,
    /// The class of issue 14 (1–9), 0 for none.
    pub class: u8,
    pub name: &'static str,
    pub kind: Kind,
    /// Whether a browser would act on it unprompted (request, navigation).
    pub active: bool,
    pub make: fn(&mut Rng) -> Payload,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Body,
    Hidden,
    RawText,
    ErrorStatus,
    Chunked,
    Upload,
    Cloaked,
    Range,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Identity,
    Gzip,
    Zlib,
    RawDeflate,
    Br,
    Zstd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    Nfd,
    /// windows-1258 named in `Content-Type`.
    W1258Header,
    /// windows-1258 named only by `<meta charset>`.
    W1258Meta,
    /// UTF-8 with a byte order mark, under a `Content-Type` that names windows-1258: the
    /// BOM wins (WHATWG "decode"), as it does in browsers.
    Utf8Bom,
    /// UTF-16LE with no byte order mark, named only by `Content-Type`: browsers read it by
    /// the label; the gateway sends it on as UTF-8 after a UTF-8 BOM (`body.bom`).
    Utf16Label,
}

pub const CODECS: &[Codec] = &[
    Codec::Identity,
    Codec::Gzip,
    Codec::Zlib,
    Codec::RawDeflate,
    Codec::Br,
    Codec::Zstd,
];

/// One generated page and everything needed to serve and judge it.
#[derive(Debug, Clone)]
pub struct Variant {
    pub index: u64,
    pub seed: u64,
    pub template: Template,
    pub context: Context,
    pub codec: Codec,
    pub charset: Charset,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub path: String,
    /// The page as text, before charset and coding.
    pub page: String,
    /// The payload alone: the reproducer in findings.
    pub payload: String,
    pub planted: Vec<String>,
    pub kept: Vec<String>,
    /// See [`Payload::junk`].
    pub junk: Vec<String>,
    /// Bytes served as they are (a corpus page in its own charset), instead of `page`.
    pub raw: Option<Vec<u8>>,
}

impl Variant {
    pub fn benign(&self) -> bool {
        self.template.kind == Kind::Benign
    }

    pub fn label(&self) -> String {
        format!("{}/{}", self.template.family, self.template.name)
    }

    pub fn dims(&self) -> String {
        format!(
            "{:?}/{:?}/{:?}/{}",
            self.context, self.codec, self.charset, self.status
        )
    }

    /// The body as the upstream sends it: in its charset, then content-coded.
    pub fn body(&self) -> Vec<u8> {
        encode::compress(self.codec, &self.charset_bytes())
    }

    /// What a benign page must come back as: its bytes, or for UTF-16 the same text in
    /// UTF-8 after a UTF-8 BOM.
    pub fn expected_bytes(&self) -> Vec<u8> {
        match (self.charset, &self.raw) {
            (Charset::Utf16Label, None) => {
                [b"\xEF\xBB\xBF".as_slice(), self.page.as_bytes()].concat()
            }
            _ => self.charset_bytes(),
        }
    }

    /// The body in its charset, before coding: what the upstream sends.
    pub fn charset_bytes(&self) -> Vec<u8> {
        if let Some(raw) = &self.raw {
            return raw.clone();
        }
        encode::charset(self.charset, &self.page)
    }
}

/// Every template, attack and benign.
pub fn templates() -> Vec<Template> {
    let mut all = Vec::new();
    all.extend_from_slice(links::TEMPLATES);
    all.extend_from_slice(carriers::CARRIERS);
    all.extend_from_slice(scripts::TEMPLATES);
    all.extend_from_slice(scripts::OBFUSCATED);
    all.extend_from_slice(navigation::TEMPLATES);
    all.extend_from_slice(computed::TEMPLATES);
    all.extend_from_slice(sinks::TEMPLATES);
    all.extend_from_slice(flows::TEMPLATES);
    all.extend_from_slice(heads::TEMPLATES);
    all.extend_from_slice(metas::TEMPLATES);
    all.extend_from_slice(spam::TEMPLATES);
    all.extend_from_slice(spam_units::TEMPLATES);
    all.extend_from_slice(spam_compose::TEMPLATES);
    all.extend_from_slice(spam_offers::TEMPLATES);
    all.extend_from_slice(spam_disguise::TEMPLATES);
    all.extend_from_slice(spam_drawn::TEMPLATES);
    all.extend_from_slice(spam_frames::TEMPLATES);
    all.extend_from_slice(spam_junk_letters::TEMPLATES);
    all.extend_from_slice(spam_rewritten::TEMPLATES);
    all.extend_from_slice(spam_leftovers::TEMPLATES);
    all.extend_from_slice(report_headers::TEMPLATES);
    all.extend_from_slice(spam_spots::TEMPLATES);
    all.extend_from_slice(spam_brands::TEMPLATES);
    all.extend_from_slice(spam_weak::TEMPLATES);
    all.extend_from_slice(spam_link_adverts::TEMPLATES);
    all.extend_from_slice(spam_link_twins::TEMPLATES);
    all.extend_from_slice(spam_unworded::TEMPLATES);
    all.extend_from_slice(after_load::TEMPLATES);
    all.extend_from_slice(css_text::TEMPLATES);
    all.extend_from_slice(srcsets::TEMPLATES);
    all.extend_from_slice(sisters::TEMPLATES);
    all.extend_from_slice(feeds::TEMPLATES);
    all.extend_from_slice(data_blocks::TEMPLATES);
    all.extend_from_slice(inert_markup::TEMPLATES);
    all.extend_from_slice(spam_sidebar::TEMPLATES);
    all.extend_from_slice(spam_short_joined::TEMPLATES);
    all.extend_from_slice(spam_drawn_taglines::TEMPLATES);
    all.extend_from_slice(spam_nth_child::TEMPLATES);
    all.extend_from_slice(markup_strings::TEMPLATES);
    all.extend_from_slice(benign::TEMPLATES);
    all.extend_from_slice(navigation::BENIGN);
    all.extend_from_slice(metas::BENIGN);
    all.extend_from_slice(spam::BENIGN);
    all.extend_from_slice(spam_compose::BENIGN);
    all.extend_from_slice(spam_offers::BENIGN);
    all.extend_from_slice(spam_disguise::BENIGN);
    all.extend_from_slice(spam_drawn::BENIGN);
    all.extend_from_slice(spam_frames::BENIGN);
    all.extend_from_slice(spam_junk_letters::BENIGN);
    all.extend_from_slice(spam_rewritten::BENIGN);
    all.extend_from_slice(report_headers::BENIGN);
    all.extend_from_slice(spam_units::BENIGN);
    all.extend_from_slice(spam_spots::BENIGN);
    all.extend_from_slice(spam_brands::BENIGN);
    all.extend_from_slice(spam_weak::BENIGN);
    all.extend_from_slice(spam_link_twins::BENIGN);
    all.extend_from_slice(spam_unworded_news::BENIGN);
    all.extend_from_slice(after_load::BENIGN);
    all.extend_from_slice(css_text::BENIGN);
    all.extend_from_slice(srcsets::BENIGN);
    all.extend_from_slice(computed::BENIGN);
    all.extend_from_slice(sinks::BENIGN);
    all.extend_from_slice(flows::BENIGN);
    all.extend_from_slice(feeds::BENIGN);
    all.extend_from_slice(data_blocks::BENIGN);
    all.extend_from_slice(inert_markup::BENIGN);
    all.extend_from_slice(spam_sidebar::BENIGN);
    all.extend_from_slice(spam_short_joined::BENIGN);
    all.extend_from_slice(spam_drawn_taglines::BENIGN);
    all.extend_from_slice(spam_nth_child::BENIGN);
    all.extend_from_slice(markup_strings::BENIGN);
    all
}

/// Variant `index` of run `seed`. Templates are taken in turn, so that a small sample
/// still covers every one; the codec moves on with every variant and every round (so each
/// template meets every codec), the rest is random.
pub fn generate(seed: u64, index: u64) -> Variant {
    if index >= CORPUS_BASE {
        return benign::corpus_variant(seed, index);
    }
    let all = templates();
    let n = all.len() as u64;
    let template = all[(index % n) as usize];
    let mut rng = Rng::for_variant(seed, index);
    let codec = CODECS[((index + index / n + seed) % CODECS.len() as u64) as usize];
    let context = context_for(&mut rng, template.kind);
    let charset = *rng.pick(&[
        Charset::Utf8,
        Charset::Utf8,
        Charset::Nfd,
        Charset::W1258Header,
        Charset::W1258Meta,
        Charset::Utf8Bom,
        Charset::Utf16Label,
    ]);
    let payload = (template.make)(&mut rng);
    page::assemble(
        index, seed, template, context, codec, charset, payload, &mut rng,
    )
}

fn context_for(rng: &mut Rng, kind: Kind) -> Context {
    use Context::*;
    let choices: &[Context] = match kind {
        Kind::Link => &[
            Body,
            Body,
            Hidden,
            RawText,
            ErrorStatus,
            Chunked,
            Upload,
            Cloaked,
            Range,
        ],
        Kind::Text => &[Body, Body, ErrorStatus, Chunked, Upload, Cloaked],
        Kind::Script => &[Body, Body, ErrorStatus, Chunked, Cloaked, Range],
        Kind::Header => &[Body, Cloaked],
        Kind::Benign => &[Body, Body, ErrorStatus, Chunked],
    };
    *rng.pick(choices)
}

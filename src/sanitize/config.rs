//! Sanitizer policy config: `[site.sanitize]`, validated once per config load into a
//! [`SitePolicy`] with everything precompiled (host sets, lexicon, script hashes), so that
//! the per-response hot path only reads.
//!
//! ```toml
//! [site.sanitize]
//! link_action = "unwrap"            # or "remove": what happens to a foreign <a>
//! script_src = ["*.googletagmanager.com"]   # finer lists; each defaults to `allow`
//! frame_src = ["www.youtube.com"]
//! form_action = []
//! script_hashes = ["sha256-BASE64..."]      # scripts known good (CSP style), inline or files
//! tag_ids = ["GTM-XXXX", "G-XXXXXXXX"]      # the site's own tag-manager/analytics ids
//! verification = ["TOKEN", ...]    # the site's own search-console verification tokens
//! max_inline_script = "1MiB"        # a longer inline script is removed; a longer
//!                                   # first-party script file passes unreviewed
//! max_hidden_block = "64KiB"        # hidden blocks are held this far to be removed whole
//! memory_limit = "4MiB"             # lol_html's memory cap per response
//! meta_action = "replace"           # spam in <title>/meta description: "report" | "replace"
//! meta_replacement = ""             # the text that replaces it ("" = the site name)
//! [site.sanitize.lexicon]
//! builtin = true                    # false drops the built-in Vietnamese list
//! strong = ["..."]                  # added words that count 2
//! weak = ["..."]                    # added words that count 1
//! remove = ["casino"]               # built-in words to drop
//! brand_pattern = "^...$"           # overrides the brand-name regex ("" turns it off)
//! ```

use std::collections::HashSet;
use std::sync::Arc;

use base64::Engine;
use serde::Deserialize;
use toml::Spanned;

use crate::sanitize::lexicon::Lexicon;
use crate::sanitize::policy::{HostPattern, HostSet};
use crate::sanitize::script::tags::{TagIds, is_tag_id};
use crate::settings::units::Size;
use crate::settings::{Errors, SiteCtx};

/// `[site.sanitize]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawSiteSanitize {
    pub link_action: Option<Spanned<String>>,
    pub script_src: Option<Vec<Spanned<String>>>,
    pub frame_src: Option<Vec<Spanned<String>>>,
    pub form_action: Option<Vec<Spanned<String>>>,
    pub script_hashes: Vec<Spanned<String>>,
    pub tag_ids: Option<Vec<Spanned<String>>>,
    /// The site's own site-ownership verification tokens (`google-site-verification`, …).
    pub verification: Option<Vec<String>>,
    pub max_inline_script: Option<Size>,
    pub max_hidden_block: Option<Size>,
    pub memory_limit: Option<Size>,
    pub meta_action: Option<Spanned<String>>,
    pub meta_replacement: Option<String>,
    pub lexicon: RawLexicon,
    /// First-party static scripts pinned to a known-good SHA-256 (against tampered first-party scripts).
    pub pinned: Vec<super::pinned::RawPin>,
}

/// `[site.sanitize.lexicon]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawLexicon {
    pub builtin: bool,
    pub strong: Vec<String>,
    pub weak: Vec<String>,
    pub remove: Vec<String>,
    pub brand_pattern: Option<Spanned<String>>,
}

impl Default for RawLexicon {
    fn default() -> Self {
        Self {
            builtin: true,
            strong: vec![],
            weak: vec![],
            remove: vec![],
            brand_pattern: None,
        }
    }
}

/// What happens to a foreign link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkAction {
    /// Keep the text, drop the link.
    #[default]
    Unwrap,
    /// Drop the element with its content.
    Remove,
}

/// What happens to spam words in `<title>` and the meta description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MetaAction {
    /// Log only.
    Report,
    /// Replace the text with `meta_replacement`.
    #[default]
    Replace,
}

/// The validated per-site sanitizer policy.
#[derive(Debug)]
pub struct SitePolicy {
    /// The site's own hosts (always allowed).
    pub own_hosts: Vec<String>,
    /// The `allow` patterns as written (`*.gov.vn`, `chinhphu.vn`).
    pub allow: Vec<String>,
    /// Own hosts plus `allow`: links, `<base>`, meta refresh, redirects, JSON-LD.
    pub hosts: HostSet,
    pub script_src: HostSet,
    pub frame_src: HostSet,
    pub form_action: HostSet,
    pub link_action: LinkAction,
    /// SHA-256 digests of inline scripts that are allowed whatever the heuristics say.
    pub script_hashes: HashSet<[u8; 32]>,
    /// The site's own tag-manager container and measurement ids (unset: any id passes).
    pub tag_ids: TagIds,
    /// The site's own verification tokens; `None` when unset (every token kept).
    pub verification: Option<HashSet<String>>,
    /// Paths whose response body must hash to the given SHA-256.
    pub pinned: super::pinned::Pins,
    pub max_inline_script: usize,
    pub max_hidden_block: usize,
    pub memory_limit: usize,
    pub meta_action: MetaAction,
    pub meta_replacement: String,
    /// Shared with every site of the same table (`lexicon_shared`).
    pub lexicon: Arc<Lexicon>,
}

impl Default for SitePolicy {
    fn default() -> Self {
        Self {
            own_hosts: vec![],
            allow: vec![],
            hosts: HostSet::default(),
            script_src: HostSet::default(),
            frame_src: HostSet::default(),
            form_action: HostSet::default(),
            link_action: LinkAction::Unwrap,
            script_hashes: HashSet::new(),
            tag_ids: TagIds::default(),
            verification: None,
            pinned: Default::default(),
            max_inline_script: 1024 * 1024,
            max_hidden_block: 64 * 1024,
            memory_limit: 4 * 1024 * 1024,
            meta_action: MetaAction::Replace,
            meta_replacement: String::new(),
            lexicon: Lexicon::builtin(),
        }
    }
}

impl SitePolicy {
    /// Whether a URL (possibly relative to `base`) leaves the site's allowed hosts.
    pub fn is_foreign(&self, raw: &str, base: &url::Url) -> bool {
        crate::sanitize::policy::is_foreign(raw, base, &self.hosts)
    }
}

impl crate::settings::Site {
    /// This site's `[site.sanitize]`.
    pub fn sanitize(&self) -> &SitePolicy {
        self.sections.get()
    }
}

pub fn validate(raw: RawSiteSanitize, ctx: &SiteCtx<'_>, errs: &mut Errors) -> SitePolicy {
    let own: Vec<HostPattern> = ctx
        .hosts
        .iter()
        .filter_map(|h| HostPattern::parse(h))
        .collect();
    let allow = patterns(ctx.allow, errs);
    let base_set = |extra: &[HostPattern]| {
        let mut s = HostSet::with_own(&own);
        extra.iter().for_each(|p| s.add(p));
        s
    };
    let finer = |list: Option<Vec<Spanned<String>>>, errs: &mut Errors| match list {
        Some(l) => base_set(&patterns(&l, errs)),
        None => base_set(&allow),
    };
    let d = SitePolicy::default();
    SitePolicy {
        own_hosts: ctx.hosts.to_vec(),
        allow: ctx.allow.iter().map(|a| a.get_ref().clone()).collect(),
        hosts: base_set(&allow),
        script_src: finer(raw.script_src, errs),
        frame_src: finer(raw.frame_src, errs),
        form_action: finer(raw.form_action, errs),
        link_action: link_action(raw.link_action.as_ref(), errs),
        script_hashes: hashes(&raw.script_hashes, errs),
        tag_ids: tag_ids(raw.tag_ids.as_deref(), errs),
        verification: raw
            .verification
            .map(|l| l.iter().map(|t| t.trim().to_string()).collect()),
        pinned: super::pinned::validate(&raw.pinned, errs),
        max_inline_script: raw
            .max_inline_script
            .map_or(d.max_inline_script, Size::as_usize),
        max_hidden_block: raw
            .max_hidden_block
            .map_or(d.max_hidden_block, Size::as_usize),
        memory_limit: raw.memory_limit.map_or(d.memory_limit, Size::as_usize),
        meta_action: meta_action(raw.meta_action.as_ref(), errs),
        meta_replacement: raw.meta_replacement.unwrap_or_else(|| ctx.name.to_string()),
        lexicon: lexicon(&raw.lexicon, errs),
    }
}

fn patterns(list: &[Spanned<String>], errs: &mut Errors) -> Vec<HostPattern> {
    let mut out = Vec::new();
    for p in list {
        match HostPattern::parse(p.get_ref()) {
            Some(pat) => out.push(pat),
            None => errs.at(
                p.span(),
                format!(
                    "{:?} is not a host pattern (`example.vn` or `*.gov.vn`)",
                    p.get_ref()
                ),
            ),
        }
    }
    out
}

fn link_action(raw: Option<&Spanned<String>>, errs: &mut Errors) -> LinkAction {
    match raw.map(|r| r.get_ref().as_str()) {
        None | Some("unwrap") => LinkAction::Unwrap,
        Some("remove") => LinkAction::Remove,
        Some(other) => {
            let span = raw.map(|r| r.span()).unwrap_or_default();
            errs.at(
                span,
                format!("link_action {other:?} is not \"unwrap\" or \"remove\""),
            );
            LinkAction::Unwrap
        }
    }
}

fn meta_action(raw: Option<&Spanned<String>>, errs: &mut Errors) -> MetaAction {
    match raw.map(|r| r.get_ref().as_str()) {
        None | Some("replace") => MetaAction::Replace,
        Some("report") => MetaAction::Report,
        Some(other) => {
            let span = raw.map(|r| r.span()).unwrap_or_default();
            errs.at(
                span,
                format!("meta_action {other:?} is not \"replace\" or \"report\""),
            );
            MetaAction::Replace
        }
    }
}

/// A CSP-style `sha256-<base64>` digest.
pub fn sha256_digest(text: &str) -> Option<[u8; 32]> {
    let engine = base64::engine::general_purpose::STANDARD;
    let b64 = text.trim().strip_prefix("sha256-")?;
    engine
        .decode(b64)
        .ok()
        .and_then(|v| <[u8; 32]>::try_from(v).ok())
}

fn hashes(list: &[Spanned<String>], errs: &mut Errors) -> HashSet<[u8; 32]> {
    let mut out = HashSet::new();
    for h in list {
        match sha256_digest(h.get_ref()) {
            Some(d) => {
                out.insert(d);
            }
            None => errs.at(
                h.span(),
                "script hash must be \"sha256-<base64 of 32 bytes>\"",
            ),
        }
    }
    out
}

fn tag_ids(list: Option<&[Spanned<String>]>, errs: &mut Errors) -> TagIds {
    let Some(list) = list else {
        return TagIds::default();
    };
    let mut ids = HashSet::new();
    for id in list {
        match is_tag_id(id.get_ref().trim()) {
            true => drop(ids.insert(id.get_ref().trim().to_string())),
            false => errs.at(
                id.span(),
                format!(
                    "{:?} is not a tag id (GTM-…, G-…, GT-…, AW-…, DC-…, UA-…-…, upper case)",
                    id.get_ref()
                ),
            ),
        }
    }
    TagIds::new(Some(ids))
}

fn lexicon(raw: &RawLexicon, errs: &mut Errors) -> Arc<Lexicon> {
    let brand = raw.brand_pattern.as_ref().map(|b| b.get_ref().as_str());
    match Lexicon::shared(raw.builtin, &raw.strong, &raw.weak, &raw.remove, brand) {
        Ok(l) => l,
        Err(e) => {
            let span = raw
                .brand_pattern
                .as_ref()
                .map(|b| b.span())
                .unwrap_or_default();
            errs.at(span, format!("brand_pattern is not a valid regex: {e}"));
            Lexicon::builtin()
        }
    }
}

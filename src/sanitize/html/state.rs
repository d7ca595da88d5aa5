//! Stage 6: the per-response state shared by the rewriter's handlers and its output sink.
//!
//! Security note: output is *held* (not handed to the body) while a hidden block is open,
//! so that the block can be cut out whole when it turns out to be spam. The hold is
//! bounded by `max_hidden_block`; past it the block is released and only its links are
//! stripped one by one (they are stripped in any case).

use std::sync::Arc;

use bytes::BytesMut;

use crate::audit::{Action, AuditLog, Event, RequestInfo};
use crate::sanitize::config::SitePolicy;
use crate::sanitize::policy::{self, Carrier, HostSet, UrlVerdict};
use crate::sanitize::script::{self, Verdict};
use crate::settings::{Mode, Site};

use super::anchor::Hold;
use super::container::Run;
use super::hidden::HiddenRules;
use super::spam_block::Blocks;
use super::text::Capture;
use super::xml::Xml;

/// How much of the previous input chunk is kept for start tags cut by a chunk boundary.
const RETAINED_TAIL: usize = 4096;
/// How much of an XML document's open `<!` declaration (a DOCTYPE cut over any number of
/// chunks) is kept so that it can be read whole; a longer one is refused (see `xml`).
const RETAINED_DECL: usize = 8 * 1024;

/// A hidden block whose output is being held.
#[derive(Debug, Default)]
pub(crate) struct Block {
    /// Where the block starts in `State::out`.
    pub(crate) mark: usize,
    pub(crate) foreign: Option<String>,
    pub(crate) pending: Vec<Event>,
    /// A never-rendered container (see `hidden`): the events it holds are emitted even when
    /// it is removed.
    pub(crate) keep_events: bool,
    /// Judged on the lexicon only: a foreign link inside does not remove it whole.
    pub(crate) lexicon_only: bool,
}

/// Everything the handlers of one response share.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) site: Arc<Site>,
    pub(crate) request: RequestInfo,
    pub(crate) audit: AuditLog,
    pub(crate) base: url::Url,
    pub(crate) base_seen: bool,
    /// Nesting depth of raw-text re-parsing (0 for the page itself).
    pub(crate) depth: u8,
    pub(crate) out: BytesMut,
    /// How many hidden elements are open around the current point.
    pub(crate) hidden_depth: u32,
    /// The held hidden block, if any (only the outermost one is held).
    pub(crate) block: Option<Block>,
    pub(crate) capture: Option<Capture>,
    /// Foreign anchors whose content is held until their end tag, outermost first.
    pub(crate) anchors: Vec<Hold>,
    /// Ids for the end-tag handlers of held anchors.
    pub(crate) hold_ids: u64,
    /// Containers that may be left holding only removed spam.
    pub(crate) run: Run,
    /// Block elements held until their text is profiled (see `spam_block`).
    pub(crate) blocks: Blocks,
    /// Kept blocks that a later script may still hide (see `later_hidden`).
    pub(crate) later: super::later_hidden::Suspects,
    /// A form to an allowed outside host, held until its fields are judged.
    pub(crate) form: Option<super::form_hold::FormHold>,
    /// Every form, and what joins it from outside its tags (see `form_owner`).
    pub(crate) owners: super::form_owner::Owners,
    /// What scripts seen so far drive (see `form_scripts`).
    pub(crate) driven: super::form_scripts::Driven,
    /// A spam query value of the page's URL, which a block must not echo.
    pub(crate) reflected: Option<String>,
    pub(crate) css: HiddenRules,
    /// Text attribute values found clean (see `spam_attrs`).
    pub(crate) clean_values: super::spam_attrs::CleanValues,
    /// An XML document's state (see `xml`); `None` for HTML.
    pub(crate) xml: Option<Xml>,
    /// The document's text is read as Markdown or as a feed (see `doc_text`).
    pub(crate) doc_text: Option<super::doc_text::DocText>,
    /// How many `<svg>`/`<math>` elements are open around the current point (see `foreign`).
    pub(crate) foreign_depth: u32,
    /// The navigators the page's kept scripts defined, and the calls made before them
    /// (see `script::navigators`).
    pub(crate) navigators: script::Navigators,
    /// The document was refused (see `xml::refuse`): the rewriter stops.
    pub(crate) refused: bool,
    /// Whether anything was (or in report mode would have been) changed.
    pub(crate) changed: bool,
    /// The current input chunk and the tail of the previous one, so that start tags can be
    /// pre-scanned and attribute values borrowed.
    pub(crate) input: Vec<u8>,
    /// The stream offset of `input[0]`.
    pub(crate) input_start: usize,
    last_chunk: usize,
    pub(crate) encoding: &'static encoding_rs::Encoding,
    /// The charset came from the header or an earlier `<meta>`: later ones do not count.
    pub(crate) charset_fixed: bool,
    /// lol_html decodes this document as UTF-8 and never switches (a UTF-8 header charset,
    /// or a nested fragment): only then are non-ASCII attribute bytes read as they stand.
    pub(crate) utf8_fixed: bool,
}

impl State {
    pub(crate) fn new(
        site: Arc<Site>,
        request: RequestInfo,
        audit: AuditLog,
        base: url::Url,
        depth: u8,
    ) -> Self {
        let reflected = super::spam_block::reflected_spam(&site, &base);
        Self {
            site,
            request,
            audit,
            base,
            base_seen: false,
            depth,
            out: BytesMut::with_capacity(16 * 1024),
            hidden_depth: 0,
            block: None,
            capture: None,
            anchors: Vec::new(),
            hold_ids: 0,
            run: Run::default(),
            // A raw-text container's text and an `iframe srcdoc` are documents too: the
            // same block and spot rules read them (see `rawtext`).
            blocks: Blocks::with_root(),
            later: Default::default(),
            form: None,
            owners: Default::default(),
            driven: Default::default(),
            reflected,
            css: HiddenRules::default(),
            clean_values: Default::default(),
            xml: None,
            doc_text: None,
            foreign_depth: 0,
            navigators: script::Navigators::default(),
            refused: false,
            changed: false,
            input: Vec::new(),
            input_start: 0,
            last_chunk: 0,
            encoding: encoding_rs::UTF_8,
            charset_fixed: false,
            utf8_fixed: false,
        }
    }

    /// Keeps the tail of the previous chunk and appends the new one. A start tag that began
    /// further back is not retained: its element takes the full (allocating) path. In an
    /// XML document, an open `<!` declaration is kept from its start (bounded by
    /// [`RETAINED_DECL`]): `xml::doctype` reads a DOCTYPE from these bytes.
    pub(crate) fn retain_input(&mut self, chunk: &[u8]) {
        let keep = self.last_chunk.min(RETAINED_TAIL);
        let mut drop = self.input.len() - keep;
        if self.xml.is_some()
            && let Some(at) = open_declaration(&self.input)
        {
            drop = drop.min(at.max(self.input.len().saturating_sub(RETAINED_DECL)));
        }
        self.input.drain(..drop);
        self.input_start += drop;
        self.input.extend_from_slice(chunk);
        self.last_chunk = chunk.len();
    }

    pub(crate) fn policy(&self) -> &SitePolicy {
        self.site.sanitize()
    }

    pub(crate) fn enforce(&self) -> bool {
        self.site.mode == Mode::Enforce
    }

    /// Records a finding. Returns whether the caller must apply the change (enforce mode).
    /// Inside a held hidden block the event waits until the block is decided.
    pub(crate) fn found(
        &mut self,
        rule: &'static str,
        action: Action,
        target: Option<String>,
    ) -> bool {
        self.found_detail(rule, action, target, None)
    }

    pub(crate) fn found_detail(
        &mut self,
        rule: &'static str,
        action: Action,
        target: Option<String>,
        detail: Option<String>,
    ) -> bool {
        self.changed = true;
        if rule == "link.foreign" {
            self.later.foreign_seen += 1;
        }
        let rule = if self.depth > 0 && rule == "link.foreign" {
            "rawtext.link"
        } else {
            rule
        };
        let action = if self.enforce() {
            action
        } else {
            Action::Reported
        };
        let mut ev = Event::new(&self.request, rule, action);
        ev.target = target;
        ev.detail = match (detail, self.depth > 0) {
            (Some(d), true) => Some(format!("{d} (inside a raw-text container)")),
            (None, true) => Some("inside a raw-text container".into()),
            (d, false) => d,
        };
        match &mut self.block {
            Some(b) => b.pending.push(ev),
            None => self.audit.emit(ev),
        }
        self.enforce()
    }

    /// Emits an event now, bypassing any held block.
    pub(crate) fn emit_now(&mut self, ev: Event) {
        self.changed = true;
        self.audit.emit(ev);
    }

    /// Judges a URL-carrying value against `set`. A foreign link inside a hidden block marks
    /// the block as spam.
    pub(crate) fn judge(&mut self, raw: &str, set: Which, carrier: Carrier) -> UrlVerdict {
        let mut v = policy::judge_url(raw, &self.base, self.set(set), carrier);
        // A `data:` SVG image that draws spam text (see `drawn`).
        if v == UrlVerdict::Allowed
            && carrier == Carrier::Media
            && let Some(t) = super::drawn::image(&self.policy().lexicon, raw)
        {
            v = UrlVerdict::Foreign(t);
        }
        if let (UrlVerdict::Foreign(t), Some(b)) = (&v, &mut self.block)
            && !b.lexicon_only
        {
            b.foreign.get_or_insert_with(|| t.clone());
        }
        v
    }

    pub(crate) fn set(&self, which: Which) -> &HostSet {
        let p = self.policy();
        match which {
            Which::Hosts => &p.hosts,
            Which::Script => &p.script_src,
            Which::Frame => &p.frame_src,
            Which::Form => &p.form_action,
        }
    }

    /// Runs the script classifier on an inline script, handler or `javascript:` URL, unless
    /// its SHA-256 is on the site's list.
    pub(crate) fn judge_script(&mut self, source: &str) -> Verdict {
        let p = self.site.sanitize();
        if !p.script_hashes.is_empty() {
            use sha2::Digest;
            let digest: [u8; 32] = sha2::Sha256::digest(source.as_bytes()).into();
            if p.script_hashes.contains(&digest) {
                return Verdict::Benign;
            }
        }
        script::judge_in_page(source, p, &self.base, &mut self.navigators)
    }

    /// Reports a malicious script verdict under `fallback` when the classifier gave no rule.
    pub(crate) fn script_found(&mut self, v: Verdict, fallback: &'static str) -> bool {
        match v {
            Verdict::Benign => false,
            Verdict::Malicious {
                rule,
                reason,
                target,
            } => {
                let rule = if rule.is_empty() { fallback } else { rule };
                self.found_detail(rule, Action::Removed, target, Some(reason))
            }
        }
    }
}

/// Where a `<!` declaration that no `>` follows starts in `input` (not a comment or a
/// CDATA section, which `xml::doctype` does not read).
fn open_declaration(input: &[u8]) -> Option<usize> {
    let from = input.iter().rposition(|&b| b == b'>').map_or(0, |i| i + 1);
    let tail = &input[from..];
    let at = tail.windows(2).position(|w| w == b"<!")?;
    match tail.get(at + 2) {
        Some(b'-' | b'[') => None,
        _ => Some(from + at),
    }
}

/// Which host list a carrier is judged against.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Which {
    Hosts,
    Script,
    Frame,
    Form,
}

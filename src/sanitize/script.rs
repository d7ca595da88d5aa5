//! Inline-script analysis (stage 6, called by the HTML rewriter): decides whether a script
//! (an inline `<script>`, an `on*` handler or a `javascript:` URL) navigates away, loads
//! foreign code, or hides either.
//!
//! It combines signals over a token stream rather than matching one regex:
//! - a tokenizer decodes string and identifier escapes ([`lexer`]);
//! - constant folding turns split, encoded and reversed strings into what they become
//!   ([`fold`]); each decoded payload is judged again as code, up to [`MAX_DEPTH`];
//! - [`analyze`] finds navigation sinks in every form (`location`, `.href`, `.replace`,
//!   `.assign`, `top/self/document/window.location`, an event's `view`, a frame's
//!   `contentWindow`, `frames[0]`, bracket access, aliases, `window.open(u, "_self")`,
//!   `with`, property descriptors, destructuring: [`access`]), loaders (`document.write`
//!   of a script tag, `createElement('script')` with a `src`, `import()`, workers:
//!   [`workers`]), request sinks (`src`, `srcset`, CSS, `fetch`, beacons, sockets:
//!   [`requests`], [`styles`]), and `eval`/`Function`/timer strings fed by decoders or
//!   packers;
//! - every string literal (folded) is searched for URLs on foreign hosts.
//!
//! Navigation to a target computed from anything but a same-site constant prefix, the
//! element itself (`this.value`) or the current location is treated as a redirect: a
//! legitimate script that does that needs an allow-list entry (SHA-256) from ops.
//!
//! Code built at run time goes whatever it is ([`dynamic`]): a value the script computes
//! or receives over a channel ([`channels`]) and then evaluates cannot be judged.
//!
//! A script that registers a service worker ([`service_worker`]) goes too: the worker
//! would answer the site's later navigations after the page was cleaned.
//!
//! Rule ids: `script.redirect`, `script.loader`, `script.obfuscated`, `script.foreign_host`,
//! `script.service_worker`, `script.dynamic_code`, `script.tag_id`, `script.wp_emoji`,
//! `script.spam_text` (text it writes that the lexicon scores as spam, [`spam_text`]),
//! `script.comment_text` (text it reads from the page's comments and writes, [`comment_text`]),
//! `script.drawn_text` (text it draws on a canvas or in a `data:` SVG image that the lexicon
//! scores as spam, [`spam_text`]).

mod access;
mod analyze;
mod blocks;
mod budget;
mod built_code;
mod calls;
mod channels;
mod code_params;
mod comment_text;
mod computed;
mod decode;
mod dynamic;
mod flows;
mod fold;
mod handed;
mod lexer;
mod loaders;
mod markup;
mod markup_code;
mod markup_scan;
mod meta_refresh;
mod modules;
mod nav_calls;
mod navigators;
mod own_text;
mod propagate;
mod reflective;
mod requests;
mod same_site;
mod scope;
mod service_worker;
mod sinks;
mod spam_text;
mod styles;
mod switcher;
pub mod tags;
mod target;
mod url_text;
mod workers;
mod wp_emoji;

use budget::Budget;

pub(crate) use navigators::Navigators;
pub(crate) use service_worker::RULE as SERVICE_WORKER_RULE;

/// How many times a decoded or string-evaluated payload is re-judged as code.
pub(crate) const MAX_DEPTH: usize = 3;
/// A longer script is not analysed: it is removed (fail closed). The HTML stage's
/// `max_inline_script` (1 MiB by default, the same bound) removes it first.
pub(crate) const MAX_SOURCE: usize = 1024 * 1024;

/// What the analysis found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Benign,
    /// The script must go. `rule` is a stable audit id such as `script.redirect`,
    /// `script.loader`, `script.obfuscated` or `script.foreign_host`.
    Malicious {
        rule: &'static str,
        reason: String,
        target: Option<String>,
    },
}

impl Verdict {
    pub(crate) fn bad(
        rule: &'static str,
        reason: impl Into<String>,
        target: Option<String>,
    ) -> Self {
        Self::Malicious {
            rule,
            reason: reason.into(),
            target,
        }
    }

    pub fn is_malicious(&self) -> bool {
        matches!(self, Self::Malicious { .. })
    }
}

/// What the classifier asks of the site's policy.
#[derive(Clone, Copy)]
pub(crate) struct Lookups<'a> {
    /// Whether a URL (as written in the script, possibly relative) points at a host that
    /// the site does not allow.
    pub(crate) is_foreign: &'a dyn Fn(&str) -> bool,
    /// A tag-manager id that is not the site's, in a string literal ([`tags`]).
    pub(crate) foreign_tag: &'a dyn Fn(&str) -> Option<String>,
    /// The lexicon's words when text the script writes is spam ([`spam_text`]).
    pub(crate) spam_text: &'a dyn Fn(&str) -> Option<String>,
    /// The page's navigators, when the script is one of a page's ([`navigators`]); a
    /// script judged alone has none, and a navigator's definition goes as a redirect.
    pub(crate) page: Option<&'a navigators::Page<'a>>,
}

/// Judges one script's source with no tag-id list. Bounded in time and memory: a script
/// too large or too complex to analyse is judged malicious.
pub fn judge(source: &str, is_foreign: &dyn Fn(&str) -> bool) -> Verdict {
    judge_with(
        source,
        Lookups {
            is_foreign,
            foreign_tag: &|_| None,
            spam_text: &|_| None,
            page: None,
        },
    )
}

/// Judges one script's source against a site's policy, for a page or script at `base`:
/// its allow list, its tag-manager ids and its lexicon (spam the script writes counts
/// unless the text reads as editorial). The caller checks `script_hashes` first, on the
/// bytes it was given.
pub(crate) fn judge_for_site(
    source: &str,
    policy: &super::config::SitePolicy,
    base: &url::Url,
) -> Verdict {
    judge_for_page(source, policy, base, None)
}

/// [`judge_for_site`] for a script, handler or `javascript:` URL of a page: calls of the
/// page's navigators are judged as their sinks, and what a kept script defines or calls is
/// added to `navigators` ([`navigators`]).
pub(crate) fn judge_in_page(
    source: &str,
    policy: &super::config::SitePolicy,
    base: &url::Url,
    navigators: &mut Navigators,
) -> Verdict {
    let page = navigators::Page::new(navigators);
    let found = judge_for_page(source, policy, base, Some(&page));
    if !found.is_malicious() {
        let learned = page.learned.into_inner();
        navigators.merge(learned);
    }
    found
}

fn judge_for_page(
    source: &str,
    policy: &super::config::SitePolicy,
    base: &url::Url,
    page: Option<&navigators::Page<'_>>,
) -> Verdict {
    let is_foreign = |u: &str| super::policy::is_foreign(u, base, &policy.hosts);
    let foreign_tag = |s: &str| policy.tag_ids.foreign_in_literal(s, base);
    let spam_text = |text: &str| {
        let hits = policy.lexicon.scan(text);
        (hits.is_spam() && !policy.lexicon.profile(text).is_editorial())
            .then(|| hits.words.join(", "))
    };
    let lookups = Lookups {
        is_foreign: &is_foreign,
        foreign_tag: &foreign_tag,
        spam_text: &spam_text,
        page,
    };
    judge_with(source, lookups)
}

/// Judges one script's source against the site's lookups.
pub(crate) fn judge_with(source: &str, site: Lookups<'_>) -> Verdict {
    if source.len() > MAX_SOURCE {
        return Verdict::bad("script.obfuscated", "too large to analyse", None);
    }
    let budget = Budget::for_source(source.len());
    let found = judge_at(source, site, 0, &budget);
    if !found.is_malicious() && budget.exhausted() {
        return Verdict::bad(
            "script.obfuscated",
            "too complex to analyse within the limits",
            None,
        );
    }
    found
}

pub(crate) fn judge_at(source: &str, site: Lookups<'_>, depth: usize, budget: &Budget) -> Verdict {
    if depth > MAX_DEPTH {
        return Verdict::bad(
            "script.obfuscated",
            "nested encoding deeper than the analysis limit",
            None,
        );
    }
    if !budget.spend(source.len()) {
        return Verdict::Benign;
    }
    let mut escapes = 0;
    let toks = lexer::tokenize(source, &mut escapes);
    judge_tokens(toks, source, site, depth, budget)
}

/// [`judge_at`] on the tokens of `source` (or of code rebuilt from it: [`built_code`]).
pub(crate) fn judge_tokens(
    toks: Vec<lexer::Tok>,
    source: &str,
    site: Lookups<'_>,
    depth: usize,
    budget: &Budget,
) -> Verdict {
    if depth > MAX_DEPTH {
        return Verdict::bad(
            "script.obfuscated",
            "nested encoding deeper than the analysis limit",
            None,
        );
    }
    let mut decoded = Vec::new();
    let toks = fold::fold(toks, &mut decoded, budget);
    let toks = propagate::run(toks, &mut decoded, budget);
    let analysis = analyze::Analysis::new(&toks, site, depth, &decoded, budget);
    let found = analysis.run();
    if found.is_malicious() {
        return found;
    }
    let found = analysis.comment_text(source);
    if found.is_malicious() {
        return found;
    }
    for payload in &decoded {
        if budget.exhausted() {
            break;
        }
        if let Verdict::Malicious { reason, target, .. } =
            judge_at(payload, site, depth + 1, budget)
        {
            return Verdict::bad(
                "script.obfuscated",
                format!("decoded payload: {reason}"),
                target,
            );
        }
    }
    let written = spam_text::judge(&toks, site.spam_text);
    if written.is_malicious() {
        return written;
    }
    foreign_literal(&toks, site)
}

/// The first string literal that names a URL on a foreign host (also read reversed), or a
/// tag-manager id that is not the site's.
fn foreign_literal(toks: &[lexer::Tok], site: Lookups<'_>) -> Verdict {
    let is_foreign = site.is_foreign;
    for t in toks {
        let lexer::Tok::Str(s) = t else { continue };
        if let Some(id) = (site.foreign_tag)(s) {
            return Verdict::bad(tags::RULE, "names another tag-manager container", Some(id));
        }
        if !s.contains("//") && !s.contains('\\') {
            continue;
        }
        let reversed: String = s.chars().rev().collect();
        for text in [s.as_str(), reversed.as_str()] {
            if let Some(url) = urls_in(text).find(|u| is_foreign(u)) {
                if wp_emoji::is_emoji_asset(toks, &url) {
                    let why = "WordPress emoji settings name a host that is not allowed";
                    return Verdict::bad(wp_emoji::RULE, why, Some(url));
                }
                return Verdict::bad(
                    "script.foreign_host",
                    "string literal names a foreign host",
                    Some(url),
                );
            }
        }
    }
    Verdict::Benign
}

/// Absolute and scheme-relative URLs inside a string (backslashes read as slashes, as a
/// browser does for http(s)). XML namespace names are not links and are skipped.
pub(crate) fn urls_in(text: &str) -> impl Iterator<Item = String> + '_ {
    let norm = text.replace('\\', "/");
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(pos) = norm[from..].find("//") {
        let at = from + pos;
        from = at + 2;
        let after = &norm[at + 2..];
        if !after.starts_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        let before = &norm[..at];
        let start = scheme_start(before).unwrap_or(at);
        let plain = start == at
            && !(before.is_empty() || before.ends_with(['"', '\'', '=', ' ', '(', '>', ',']));
        if plain {
            continue;
        }
        let end = norm[at + 2..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ')' | '`'))
            .map_or(norm.len(), |e| at + 2 + e);
        let url = &norm[start..end];
        if !url.to_ascii_lowercase().contains("//www.w3.org/") {
            found.push(url.to_string());
        }
    }
    found.into_iter()
}

/// Where `http:`/`https:` starts if `before` ends with it.
fn scheme_start(before: &str) -> Option<usize> {
    let lower = before.to_ascii_lowercase();
    ["https:", "http:"]
        .iter()
        .find(|s| lower.ends_with(*s))
        .map(|s| before.len() - s.len())
}

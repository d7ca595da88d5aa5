//! Request sinks (stage 6, script classifier): the ways a script makes the browser ask a
//! host for something without navigating the page: an element's `src` (`img`, `iframe`,
//! `embed`, `new Image()`), `setAttribute('src', …)`, an `object`'s `data`, `fetch`,
//! `navigator.sendBeacon`, `XMLHttpRequest#open`, `WebSocket`, `EventSource`, and a link
//! or form target that the script itself fires (`a.href = u; a.click()`, `f.action = u;
//! f.submit()`), or that is a `<base>` or `<link>`.
//!
//! Provenance decides, as for navigation ([`super::target`]): a target whose origin the
//! analysis cannot prove same-site goes (fail closed), however it was built
//! (`(n).toString(36)`, `Object.keys(…)`, a regex's `.source`, an array index, the page's
//! text). Proofs of a same-site origin are those of [`super::target`] and
//! [`super::same_site`], plus, as a whole value, the page's own markup: a `data-*`
//! attribute or an element's `href`/`src` (a lazy loader's `img.src = img.dataset.src`),
//! which the HTML stage judged as URLs, and `URL.createObjectURL(…)`/`toDataURL()`, which
//! name no host.
//!
//! A link's `href` set in code and never fired is not a request: widgets that build lists
//! of links from data keep working.

use std::ops::Range;

use super::Verdict;
use super::analyze::{Analysis, Target, ident, is};
use super::lexer::Tok;

/// Calls that make a request to their first argument.
const FETCHERS: &[&str] = &["fetch", "sendBeacon", "WebSocket", "EventSource"];
/// HTTP methods, the first argument of `XMLHttpRequest#open`.
const METHODS: &[&str] = &["GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"];
/// Calls that fire a link or a form.
const FIRES: &[&str] = &["click", "submit", "requestSubmit", "dispatchEvent"];
/// Reads of an element's text, which the HTML stage never judged as a URL.
const TEXT_READS: &[&str] = &[
    "textContent",
    "innerText",
    "innerHTML",
    "outerHTML",
    "nodeValue",
    "title",
    "alt",
    "text",
];

impl<'a> Analysis<'a> {
    /// A request to `target`: anything not proven same-site goes.
    pub(super) fn request(&self, target: Range<usize>, what: &str) -> Verdict {
        match self.target(target, 0) {
            Target::Safe => Verdict::Benign,
            Target::Foreign(u) => {
                Verdict::bad("script.loader", format!("{what} a foreign host"), Some(u))
            }
            Target::Computed => Verdict::bad(
                "script.loader",
                format!("{what} a URL not proven same-site"),
                None,
            ),
        }
    }

    /// `fetch(u)`, `navigator.sendBeacon(u)`, `new WebSocket(u)`, `new EventSource(u)`, and
    /// `x.open('GET', u)`.
    pub(super) fn fetcher(&self, i: usize) -> Verdict {
        let name = ident(self.toks.get(i)).unwrap_or("");
        let Some(args) = self.call_args(i + 1) else {
            return Verdict::Benign;
        };
        if FETCHERS.contains(&name) {
            let own = name == "sendBeacon" || self.page_object(i);
            return match (own, args.into_iter().next()) {
                (true, Some(u)) => self.request(u, "requests"),
                _ => Verdict::Benign,
            };
        }
        // `open`: an `XMLHttpRequest`'s, whose first argument is a method (jQuery's
        // `r.open(e.type, e.url, …)` hands its callers' URL on: not judged here).
        let method = args.first().map(|r| &self.toks[self.resolve(r.clone(), 0)]);
        match (method, args.get(1)) {
            (Some([Tok::Str(m)]), Some(u))
                if METHODS.contains(&m.to_ascii_uppercase().as_str()) =>
            {
                self.request(u.clone(), "requests")
            }
            _ => Verdict::Benign,
        }
    }

    /// `x.src = u` on any element (a created script is judged by the loader rules).
    pub(super) fn src_sink(&self, i: usize) -> Verdict {
        if !is(self.toks.get(i.wrapping_sub(1)), ".") || !is(self.toks.get(i + 1), "=") {
            return Verdict::Benign;
        }
        if self.member_of_script(i) {
            return self.loader(self.expr(i + 2));
        }
        if self.reruns_own_text(i) {
            return Verdict::Benign;
        }
        self.request(self.expr(i + 2), "loads")
    }

    /// `o.data = u` in a script that makes or finds an `object`/`embed`.
    pub(super) fn data_sink(&self, i: usize) -> Verdict {
        let plugin = self.owner_is(
            i.wrapping_sub(2),
            &["object", "embed"],
            &["object", "embed"],
        );
        if !plugin || !is(self.toks.get(i.wrapping_sub(1)), ".") || !is(self.toks.get(i + 1), "=") {
            return Verdict::Benign;
        }
        self.request(self.expr(i + 2), "loads")
    }

    /// Whether a link target set at `owner_at` (the object before `.href`) takes effect:
    /// the script fires that object (`a.click()`, `a.dispatchEvent(…)`), sets the element's
    /// own (`this.href` in a handler runs before the default action), or works on a
    /// `<base>` or `<link>`.
    pub(super) fn target_fires(&self, owner_at: usize) -> bool {
        let owner = ident(self.toks.get(owner_at));
        owner == Some("this")
            || self.owner_is(owner_at, &["base", "link"], &["link"])
            || self.toks.iter().enumerate().any(|(k, t)| {
                matches!(t, Tok::Ident(f) if FIRES.contains(&f.as_str()))
                    && is(self.toks.get(k.wrapping_sub(1)), ".")
                    && owner.is_some()
                    && ident(self.toks.get(k.wrapping_sub(2))) == owner
                    && k > owner_at
                    && self.scopes.scope_of(k) == self.scopes.scope_of(owner_at)
            })
    }

    /// The object before `owner_at` is the page's `<base>` or `<link>`: looked up there
    /// (`querySelector('base')`, `getElementsByTagName('link')[0]`) or a created `link`,
    /// just before the member or in the name's binding. A `<base>` created for another
    /// document (jQuery's `parseHTML`) is not the page's.
    fn owner_is(&self, owner_at: usize, found: &[&str], created: &[&str]) -> bool {
        // No owner token (the member starts the stream): nothing to look up.
        if owner_at >= self.toks.len() {
            return false;
        }
        let looks = |r: Range<usize>| {
            self.toks[r.clone()]
                .iter()
                .enumerate()
                .any(|(k, t)| match t {
                    Tok::Str(s) => {
                        let s = s.trim().to_ascii_lowercase();
                        let call =
                            ident(self.toks.get((r.start + k).wrapping_sub(2))).unwrap_or("");
                        let lookup = matches!(
                            call,
                            "querySelector" | "querySelectorAll" | "getElementsByTagName"
                        );
                        let named = |tag: &str| {
                            s.strip_prefix(tag).is_some_and(|rest| {
                                rest.is_empty() || rest.starts_with(['[', '#', '.', ' ', ':'])
                            })
                        };
                        (lookup && found.iter().any(|t| named(t)))
                            || (call == "createElement" && created.iter().any(|t| named(t)))
                    }
                    _ => false,
                })
        };
        let near = owner_at.saturating_sub(8)..owner_at + 1;
        let bound = ident(self.toks.get(owner_at))
            .map(|o| self.visible(o, owner_at).0)
            .unwrap_or_default();
        looks(near) || bound.into_iter().any(looks)
    }

    /// `this.…` in a handler: the element's own markup, unless its text is read.
    pub(super) fn own_element(&self, r: &Range<usize>) -> bool {
        !self.reads_text(r)
    }

    fn reads_text(&self, r: &Range<usize>) -> bool {
        self.toks[r.clone()]
            .iter()
            .any(|t| matches!(t, Tok::Ident(n) if TEXT_READS.contains(&n.as_str())))
    }

    /// A whole value that is the page's own markup or names no host: `el.dataset.src`,
    /// `el.getAttribute('data-src'|'href'|'src')`, `URL.createObjectURL(…)`,
    /// `canvas.toDataURL(…)`.
    pub(super) fn markup_value(&self, r: &Range<usize>) -> bool {
        let toks = &self.toks[r.clone()];
        if self.reads_text(r) || self.decoded_at_run_time(r) {
            return false;
        }
        let n = toks.len();
        match toks {
            [.., Tok::Ident(d), Tok::Punct("."), Tok::Ident(_)] if d == "dataset" => true,
            [
                ..,
                Tok::Ident(d),
                Tok::Punct("["),
                Tok::Str(_),
                Tok::Punct("]"),
            ] if d == "dataset" => true,
            [
                ..,
                Tok::Ident(g),
                Tok::Punct("("),
                Tok::Str(a),
                Tok::Punct(")"),
            ] if g == "getAttribute" => {
                let a = a.to_ascii_lowercase();
                a.starts_with("data-") || matches!(a.as_str(), "href" | "src")
            }
            [
                Tok::Ident(u),
                Tok::Punct("."),
                Tok::Ident(c),
                Tok::Punct("("),
                ..,
            ] if u == "URL" && c == "createObjectURL" => self.close_of(r.start + 3) + 1 == r.end,
            _ => {
                n >= 3
                    && toks
                        .iter()
                        .any(|t| matches!(t, Tok::Ident(m) if m == "toDataURL"))
            }
        }
    }
}

//! Service-worker registration (stage 6, script classifier). A planted service worker
//! outlives the page that registered it: it answers the site's later navigations itself
//! (with a redirect, or a spam page) after the page has been cleaned. So a script that
//! reaches the registration sink goes, unless its SHA-256 is on the site's allow list.
//!
//! The container is reached by name after folding (`navigator.serviceWorker`,
//! `n["service"+"Worker"]`, `navigator?.serviceWorker`, `const {serviceWorker: c} =
//! navigator`, `ServiceWorkerContainer.prototype`), so aliases, `.call`/`.apply` and
//! `Reflect.apply` need no path of their own: a script that names the container *and*
//! names `register` (or calls a member of something under a key it built at run time) is
//! registering. Names that only read or remove registrations (`getRegistrations`,
//! `unregister`, `controller`, `ready`) do not count: a clean-up script stays.
//! `navigator[k]` under a key that is not a constant counts as the container when the
//! script names `register`; built at run time otherwise, it is `script.obfuscated`.

use super::Verdict;
use super::analyze::{Analysis, ident, is};
use super::lexer::Tok;

/// The audit rule of a registration.
pub(crate) const RULE: &str = "script.service_worker";

/// Names (identifiers or folded strings) of the registration container.
const CONTAINER: &[&str] = &["serviceWorker", "ServiceWorkerContainer"];

impl<'a> Analysis<'a> {
    /// The registration sink, judged once per script (at its first mention of the
    /// container): `None` if the script never names the container.
    pub(super) fn service_worker(&self) -> Verdict {
        let names = |t: &Tok, set: &[&str]| match t {
            Tok::Ident(n) | Tok::Str(n) => set.contains(&n.as_str()),
            _ => false,
        };
        let container = self.toks.iter().any(|t| names(t, CONTAINER));
        let opaque = self.navigator_key();
        let register = self.toks.iter().position(|t| names(t, &["register"]));
        if let (true, Some(at)) = (container || opaque.is_some(), register) {
            let target = self.registered_url(at);
            return Verdict::bad(RULE, "registers a service worker", target);
        }
        if container && self.computed_call() {
            return Verdict::bad(
                RULE,
                "calls a computed member near the service-worker container",
                None,
            );
        }
        match opaque {
            Some(true) => Verdict::bad(
                "script.obfuscated",
                "uses a property of navigator under a key built at run time",
                None,
            ),
            _ => Verdict::Benign,
        }
    }

    /// The script URL of `register(url, …)` when it is a constant.
    fn registered_url(&self, at: usize) -> Option<String> {
        let args = self.call_args(at + 1)?;
        let first = args.into_iter().next()?;
        match &self.toks[self.resolve(first, 0)] {
            [Tok::Str(s)] => Some(s.clone()),
            _ => None,
        }
    }

    /// `x[k](…)` with a key that is not a constant.
    fn computed_call(&self) -> bool {
        (0..self.toks.len()).any(|open| {
            if !is(self.toks.get(open), "[") || open == 0 {
                return false;
            }
            let owner = self.toks.get(open - 1);
            if !matches!(owner, Some(Tok::Ident(_) | Tok::Punct(")" | "]"))) {
                return false;
            }
            let close = self.close_of(open);
            let constant = matches!(&self.toks[open + 1..close], [Tok::Str(_) | Tok::Num(_)]);
            !constant && is(self.toks.get(close + 1), "(")
        })
    }

    /// `navigator[k]` with a key that is not a constant: `Some(built)`, where `built` says
    /// whether the script built the key (an operator, a decoder, `+=`).
    fn navigator_key(&self) -> Option<bool> {
        let mut found = None;
        for open in 1..self.toks.len() {
            if !is(self.toks.get(open), "[") || ident(self.toks.get(open - 1)) != Some("navigator")
            {
                continue;
            }
            let key = open + 1..self.close_of(open);
            if matches!(&self.toks[key.clone()], [Tok::Str(_) | Tok::Num(_)]) {
                continue;
            }
            let built = self.built_key(&key) || self.tainted(&key);
            found = Some(found.unwrap_or(false) || built);
        }
        found
    }
}

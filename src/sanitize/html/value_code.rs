//! Stage 6 (script classifier, at the markup; issue 14, class 3): values the page's
//! scripts read from its markup and build into code. A jump menu runs `eval(targ +
//! ".location='" + sel.options[sel.selectedIndex].value + "'")`, an `onchange` runs
//! `setTimeout("location.href='" + this.value + "'")`, jQuery code runs
//! `eval("location='" + $(this).data('href') + "'")`; the script classifier judges such code with each value
//! kept inside its string literal ([`crate::sanitize::script`]), and the URL check judges
//! the value as a URL. A value that holds the quote ends the literal, and the rest of it
//! runs as code: `<option value="/a';top.location='//bet.test/';'">` is a same-site path as
//! a URL. So every value such code may read (`value`, `href`, `src`, `data-*`) that holds a
//! quote (`'`, `"` or a backquote, after character references) is judged as the code it
//! becomes in a literal of that quote, `_='<value>'`, by the script classifier; a value
//! that would navigate, load or decode code goes with its attribute, under the script
//! rule. May remove only those attributes of the element.
//!
//! Security notes: the judgement has no page registry (a value is not a script of the
//! page and defines nothing). A value without a quote cannot leave the literal and is not
//! judged. Residual risk: a value ending in a backslash escapes the closing quote and
//! joins the literal to the next constant; an `<option>` with no `value` is read as its
//! text, which is not judged here.

use lol_html::send::Element;

use crate::audit::Action;
use crate::sanitize::script::{self, Verdict};

use super::attrs::Source;
use super::entities;
use super::state::State;

/// The quotes a string literal can be written in.
const QUOTES: [char; 3] = ['\'', '"', '`'];

/// A value scripts read and may build into code.
fn read_by_scripts(name: &str) -> bool {
    matches!(name, "value" | "href" | "src") || name.starts_with("data-")
}

/// Removes every attribute of `el` that scripts read whose value leaves a string literal
/// as code that must go.
pub fn strip(st: &mut State, el: &mut Element<'_, '_>, src: &Source) {
    let names: Vec<String> = el
        .attributes()
        .iter()
        .map(|a| a.name())
        .filter(|n| read_by_scripts(n))
        .collect();
    for name in names {
        let Some(raw) = src.attr(el, &name) else {
            continue;
        };
        if !raw.contains(['\'', '"', '`', '&']) {
            continue;
        }
        let value = entities::decode(&raw).into_owned();
        let Some(v) = breakout(st, &value) else {
            continue;
        };
        if let Verdict::Malicious {
            rule,
            reason,
            target,
        } = v
        {
            let why = format!("{name} closes the string it is built into: {reason}");
            let _ = st.found_detail(rule, Action::Removed, target, Some(why));
        }
        if st.enforce() {
            el.remove_attribute(&name);
        }
    }
}

/// The verdict on `value` read as code in a literal of each quote it holds, if one goes.
fn breakout(st: &State, value: &str) -> Option<Verdict> {
    QUOTES
        .iter()
        .filter(|q| value.contains(**q))
        .map(|q| {
            let code = format!("_={q}{value}{q}");
            script::judge_for_site(&code, st.policy(), &st.base)
        })
        .find(|v| matches!(v, Verdict::Malicious { rule, .. } if ACTS.contains(rule)))
}

/// The rules of code that navigates, loads or decodes code: what a value broken out of its
/// literal must not do. The text rules (`script.spam_text`, …) read the pieces of an
/// ordinary `javascript:openWin('/van-ban/…')` href as words and are not asked.
const ACTS: &[&str] = &[
    "script.redirect",
    "script.obfuscated",
    "script.loader",
    "script.dynamic_code",
    "script.foreign_host",
    "script.external",
    "script.service_worker",
    "script.jsonp",
    "script.importmap",
];

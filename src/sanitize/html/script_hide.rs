//! Stage 6 (planted spam, threat A1): elements that an inline script hides after load.
//!
//! `document.getElementById('x').style.display='none'`, `.style.visibility='hidden'`,
//! `.hidden=true`, `.classList.add('c')` of a class the page hides, `$('#x').hide()`,
//! `.css('display','none')`, `querySelector(…)`/`querySelectorAll(…)` and
//! `getElementsByClassName(…)` forms: each element-finding call with a literal argument is
//! read together with the code that follows it (up to the next such call, at most
//! [`WINDOW`] bytes), and when that code hides, the call's selector is learned as hidden.
//!
//! Security notes (the streaming limit): a script is read when its end tag is reached, so
//! it teaches the rules only for elements that come *after* it; a script in `<head>` (the
//! usual place) covers the whole body. For a script placed after the element, a kept
//! block with an `id` and a betting term is held for a bounded while (see `later_hidden`)
//! and judged as hidden when the script hides that id; further away than the hold bound,
//! keyword-only hidden text before such a script passes (its foreign links are still
//! stripped and their spam text removed, see `anchor`).

use super::script_changes::{Change, changes, squeeze};

/// How much code after the call is read for the hiding action.
const WINDOW: usize = 400;

/// The calls that find elements, and how their literal becomes a selector.
const FINDERS: &[(&str, Kind)] = &[
    ("getelementbyid", Kind::Id),
    ("getelementsbyclassname", Kind::Classes),
    ("queryselectorall", Kind::Selector),
    ("queryselector", Kind::Selector),
    ("jquery", Kind::Selector),
    ("$", Kind::Selector),
    // By position: the block right before the script, or the last one in the body.
    ("previouselementsibling", Kind::Last),
    ("lastelementchild", Kind::Last),
];

#[derive(Debug, Clone, Copy)]
enum Kind {
    Id,
    Classes,
    Selector,
    Last,
}

/// The selector that stands for the block found by its position (see `later_hidden`).
pub(crate) const LAST_BLOCK: &str = ":last-block";

/// Actions that hide, on the lower-cased code with whitespace removed.
const HIDES: &[&str] = &[
    "display='none'",
    "display=\"none\"",
    "display=`none`",
    "display:none",
    "display:'none'",
    "display:\"none\"",
    "'display','none'",
    "\"display\",\"none\"",
    "visibility='hidden'",
    "visibility=\"hidden\"",
    "visibility:hidden",
    "'visibility','hidden'",
    "\"visibility\",\"hidden\"",
    ".hidden=true",
    ".hidden=!0",
    ".hidden=1",
    "setattribute('hidden'",
    "setattribute(\"hidden\"",
    ".hide(",
    ".fadeout(",
    ".remove()",
    "['hidden']=true",
    "[\"hidden\"]=true",
    "toggleattribute('hidden'",
    "toggleattribute(\"hidden\"",
    "style['display']='none'",
    "style[\"display\"]=\"none\"",
    "style['visibility']='hidden'",
    "style[\"visibility\"]=\"hidden\"",
    "innerhtml=''",
    "innerhtml=\"\"",
    "outerhtml=''",
    "outerhtml=\"\"",
    "opacity='0'",
    "opacity=\"0\"",
    "opacity=0;",
    "'opacity','0'",
    "'opacity',0)",
    "replacechildren()",
    "textcontent=''",
    "textcontent=\"\"",
    "innertext=''",
    "innertext=\"\"",
    "innerhtml=``",
    // `el.parentNode.removeChild(el)`: the element found goes.
    ".parentnode.removechild(",
    ".parentelement.removechild(",
];

/// Classes that hide in the common CSS frameworks (Bootstrap, Tailwind, Foundation…), whose
/// stylesheet is external: adding one hides the element whether or not the page's own
/// `<style>` says so.
const HIDING_CLASSES: &[&str] = &[
    "hidden",
    "hide",
    "d-none",
    "is-hidden",
    "invisible",
    "sr-only",
    "visually-hidden",
    "display-none",
];

/// What a script teaches: the selectors it hides, and the changes it makes that hide only
/// with a rule the page does not have (yet).
#[derive(Debug, Default)]
pub(crate) struct Learned {
    pub(crate) hidden: Vec<String>,
    pub(crate) pending: Vec<(String, Change)>,
}

/// What `js` hides; `hidden` says whether the page's CSS hides what a change makes.
pub(crate) fn hidden_selectors(js: &str, hidden: &dyn Fn(&Change) -> bool) -> Learned {
    // ASCII lower-casing keeps every byte offset, so literals are read from `js`.
    let code = js.to_ascii_lowercase();
    let calls = finder_calls(&code, js);
    let mut out = Learned::default();
    for (i, (pos, kind, arg)) in calls.iter().enumerate() {
        let mut end = calls
            .get(i + 1)
            .map_or(code.len(), |c| c.0)
            .min(pos + WINDOW)
            .min(code.len());
        while !code.is_char_boundary(end) {
            end -= 1;
        }
        let window: String = code
            .get(*pos..end)
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let sel = selector(*kind, arg);
        let raw = squeeze(js.get(*pos..end).unwrap_or(""));
        let changes = changes(&raw);
        let framework =
            |c: &Change| matches!(c, Change::Class(c) if HIDING_CLASSES.contains(&c.as_str()));
        let removed = code
            .get(pos.saturating_sub(48)..*pos)
            .is_some_and(|b| b.contains("removechild("));
        if hides(&window) || removed || changes.iter().any(|c| hidden(c) || framework(c)) {
            out.hidden.push(sel);
        } else {
            out.pending
                .extend(changes.into_iter().map(|c| (sel.clone(), c)));
        }
    }
    out
}

/// Where each finder call is (in `code`, lower case), with its literal argument as written
/// (in `raw`).
fn finder_calls(code: &str, raw: &str) -> Vec<(usize, Kind, String)> {
    let mut calls = Vec::new();
    for (name, kind) in FINDERS {
        let mut from = 0;
        while let Some(i) = code[from..].find(name) {
            let at = from + i + name.len();
            from = at;
            if matches!(kind, Kind::Last) {
                calls.push((at, *kind, String::new()));
                continue;
            }
            // `queryselector` also starts `queryselectorall`.
            if code[at..].starts_with("all") {
                continue;
            }
            let rest = raw[at..].trim_start();
            let Some(rest) = rest.strip_prefix('(') else {
                continue;
            };
            if let Some(arg) = literal(rest.trim_start()) {
                calls.push((at, *kind, arg));
            }
        }
    }
    calls.sort_by_key(|c| c.0);
    calls.dedup_by_key(|c| c.0);
    calls
}

/// A whole string literal argument: `'x')` or `'x',`, not `'x'+i` (built at run time).
fn literal(s: &str) -> Option<String> {
    let q = s.chars().next().filter(|c| matches!(c, '\'' | '"' | '`'))?;
    let body = &s[1..];
    let end = body.find(q)?;
    let arg = &body[..end];
    let after = body[end + 1..].trim_start();
    let whole = after.starts_with(')') || after.starts_with(',');
    (whole && !arg.is_empty() && !arg.contains(['$', '{'])).then(|| arg.trim().to_string())
}

/// A string literal at the start of `s`, whatever follows it.
fn literal_value(s: &str) -> Option<String> {
    let q = s.chars().next().filter(|c| matches!(c, '\'' | '"' | '`'))?;
    let body = &s[1..];
    Some(body[..body.find(q)?].to_string())
}

fn selector(kind: Kind, arg: &str) -> String {
    match kind {
        Kind::Id => format!("#{arg}"),
        Kind::Classes => arg.split(' ').map(|c| format!(".{c}")).collect(),
        Kind::Selector => arg.to_string(),
        Kind::Last => LAST_BLOCK.to_string(),
    }
}

fn hides(window: &str) -> bool {
    if HIDES.iter().any(|h| window.contains(h)) || super::script_animate::animates_away(window) {
        return true;
    }
    [
        "setattribute('style',",
        "setattribute(\"style\",",
        "csstext=",
    ]
    .iter()
    .any(|call| {
        window.match_indices(call).any(|(i, _)| {
            let rest = &window[i + call.len()..];
            literal_value(rest).is_some_and(|v| super::hiding::style_hides(&v))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn learned(js: &str) -> Vec<String> {
        hidden_selectors(js, &|c| *c == Change::Class("an".into())).hidden
    }

    #[test]
    fn scripts_that_hide_after_load() {
        for (js, sel) in [
            (
                "document.getElementById('seo').style.display = 'none';",
                "#seo",
            ),
            (
                "var e=document.getElementById(\"SeoK\");\ne.style.visibility=\"hidden\"",
                "#SeoK",
            ),
            ("document.getElementById('k').hidden = true", "#k"),
            ("document.getElementById('k').classList.add('an')", "#k"),
            ("$('#lk').hide();", "#lk"),
            ("jQuery(\".bl\").css('display', 'none')", ".bl"),
            (
                "document.querySelector('div[data-s]').style.display='none'",
                "div[data-s]",
            ),
            (
                "document.querySelectorAll('.x a').forEach(function(e){e.style.display='none'})",
                ".x a",
            ),
            (
                "document.getElementsByClassName('p q')[0].style.opacity='0'",
                ".p.q",
            ),
            (
                "var e=document.querySelector('#b1');e.setAttribute('style','position:absolute;left:-9999px');",
                "#b1",
            ),
            (
                "document.getElementById('z').style.cssText = 'font-size:0'",
                "#z",
            ),
            ("document.getElementById('k').classList.add('hidden')", "#k"),
            ("$('#k').addClass('d-none')", "#k"),
            (
                "document.getElementById('k').style['display'] = 'none'",
                "#k",
            ),
            (
                "document.getElementById('k').toggleAttribute('hidden')",
                "#k",
            ),
            ("document.getElementById('k').innerHTML = ''", "#k"),
            ("document.getElementById('k').replaceChildren()", "#k"),
            ("document.querySelector('.b').textContent = \"\"", ".b"),
            (
                "var e = document.getElementById('k'); e.parentNode.removeChild(e)",
                "#k",
            ),
            (
                "document.getElementById('k').animate([{opacity: 1}, {opacity: 0}], {duration: 1, fill: 'forwards'})",
                "#k",
            ),
            (
                "document.getElementById('k').animate({opacity: [1, 0]}, {fill: 'both'})",
                "#k",
            ),
            (
                "document.currentScript.previousElementSibling.style.display='none'",
                LAST_BLOCK,
            ),
            ("document.body.lastElementChild.remove()", LAST_BLOCK),
        ] {
            assert_eq!(learned(js), [sel], "{js}");
        }
    }

    #[test]
    fn scripts_that_do_not_hide() {
        for js in [
            "document.getElementById('menu').style.display='block'",
            "$('#menu').show(); $('#x').addClass('open')",
            "document.getElementById('k').classList.add('active')",
            "document.querySelector('#a'+i).style.display='none'",
            "document.getElementById('k').animate([{opacity: 0}, {opacity: 1}], {fill: 'forwards'})",
            "document.getElementById('k').animate([{opacity: 1}, {opacity: 0}], 300)",
        ] {
            assert!(learned(js).is_empty(), "{js}");
        }
    }
}

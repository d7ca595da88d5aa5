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
];

#[derive(Debug, Clone, Copy)]
enum Kind {
    Id,
    Classes,
    Selector,
}

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

/// The selectors that `js` hides; `hidden_class` says whether the page's CSS hides a class.
pub(crate) fn hidden_selectors(js: &str, hidden_class: &dyn Fn(&str) -> bool) -> Vec<String> {
    // ASCII lower-casing keeps every byte offset, so literals are read from `js`.
    let code = js.to_ascii_lowercase();
    let calls = finder_calls(&code, js);
    let mut out = Vec::new();
    for (i, (pos, kind, arg)) in calls.iter().enumerate() {
        let end = calls
            .get(i + 1)
            .map_or(code.len(), |c| c.0)
            .min(pos + WINDOW)
            .min(code.len());
        let window: String = code
            .get(*pos..end)
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if hides(&window, hidden_class) {
            out.push(selector(*kind, arg));
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
    }
}

fn hides(window: &str, hidden_class: &dyn Fn(&str) -> bool) -> bool {
    if HIDES.iter().any(|h| window.contains(h)) {
        return true;
    }
    let styled = [
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
    });
    styled
        || ["classlist.add(", "classname=", "addclass("]
            .iter()
            .any(|call| {
                window.match_indices(call).any(|(i, _)| {
                    literal(&window[i + call.len()..]).is_some_and(|c| {
                        c.split(' ')
                            .any(|c| hidden_class(c) || HIDING_CLASSES.contains(&c))
                    })
                })
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn learned(js: &str) -> Vec<String> {
        hidden_selectors(js, &|c| c == "an")
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
        ] {
            assert!(learned(js).is_empty(), "{js}");
        }
    }
}

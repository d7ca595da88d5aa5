//! Stage 6 (planted spam, threat A1): a Web Animation that an inline script starts and
//! that hides its element for good: `el.animate(keyframes, {fill:'forwards'|'both'})` whose
//! last frame hides (`opacity:0`, `visibility:hidden`, `transform:scale(0)`, …), in either
//! keyframe form (a list of frames, or property-indexed arrays).
//!
//! Security note: read on the squeezed, lower-cased code of one finder call's window (see
//! `script_hide`); an animation without a kept fill ends and shows the element again, so
//! it does not count. Keyframes built at run time pass.

/// `el.animate([{opacity:1},{opacity:0}], {duration:1, fill:'forwards'})` or
/// `el.animate({opacity:[1,0]}, {fill:'both'})`: the last frame stays, and hides.
pub(crate) fn animates_away(window: &str) -> bool {
    let Some(i) = window.find(".animate(") else {
        return false;
    };
    let rest = &window[i + ".animate(".len()..];
    let kept = ["forwards", "both"].iter().any(|f| rest.contains(f));
    kept && super::hiding::style_hides(&last_frame(rest))
}

/// The declarations of an animation's last frame, from its keyframes argument (lower case,
/// whitespace removed).
fn last_frame(args: &str) -> String {
    let unquote = |v: &str| {
        v.trim_matches(|c| matches!(c, '\'' | '"' | '`'))
            .to_string()
    };
    let prop = |p: &str| match p {
        "maxheight" => "max-height".to_string(),
        "fontsize" => "font-size".to_string(),
        "clippath" => "clip-path".to_string(),
        p => unquote(p),
    };
    if let Some(frames) = args.strip_prefix('[') {
        // A list of keyframe objects: the last one.
        let list = &frames[..frames.find(']').unwrap_or(frames.len())];
        let Some(open) = list.rfind('{') else {
            return String::new();
        };
        let body = &list[open + 1..];
        let body = &body[..body.find('}').unwrap_or(body.len())];
        return body
            .split(',')
            .filter_map(|kv| kv.split_once(':'))
            .map(|(k, v)| format!("{}:{};", prop(k), unquote(v)))
            .collect();
    }
    // Property-indexed: `{opacity:[1,0],height:['40px','0px']}`.
    let Some(body) = args.strip_prefix('{') else {
        return String::new();
    };
    let mut decls = String::new();
    let mut rest = body;
    while let Some((k, after)) = rest.split_once(':') {
        let (value, next) = match after.strip_prefix('[') {
            Some(list) => {
                let end = list.find(']').unwrap_or(list.len());
                let last = list[..end].rsplit(',').next().unwrap_or("");
                (last, list.get(end + 1..).unwrap_or(""))
            }
            None => {
                let end = after.find([',', '}']).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        decls.push_str(&format!(
            "{}:{};",
            prop(k.trim_start_matches(',')),
            unquote(value)
        ));
        if next.starts_with('}') || next.is_empty() {
            break;
        }
        rest = next.trim_start_matches(',');
    }
    decls
}

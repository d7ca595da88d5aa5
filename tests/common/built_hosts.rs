//! Foreign URLs built when the script runs, for the script suites: each encoding leaves a
//! variable holding `https://bet.test/…` at run time, and no literal names the host (nor
//! folds into one): char codes with per-index arithmetic, a XOR loop, a reversed string
//! assembled in a loop, `atob` of parts, an array of parts joined. `crossed` puts every
//! sink after every encoding, and `removed` is the suites' verdict: the script is gone
//! whole and audited.

use super::rewrite::{clean, clean_turn, site};

/// `(setup, name)`: statements that leave `name` holding the foreign URL.
pub const ENCODINGS: &[(&str, &str)] = &[
    (
        "var a=[104,117,118,115,119,63,53,54,106,110,126,57,128,114,129,131,63],u1='';for(var i=0;i<a.length;i++)u1+=String.fromCharCode(a[i]-i);",
        "u1",
    ),
    (
        "var x=[111,115,115,119,116,61,40,40,101,98,115,41,115,98,116,115,40],u2='';for(var j=0;j<x.length;j++)u2+=String.fromCharCode(x[j]^7);",
        "u2",
    ),
    (
        "var p=['/ts','et.t','eb//:s','ptth'],r='';for(var k=0;k<p.length;k++)r+=p[k];var u3=r.split('').reverse().join('');",
        "u3",
    ),
    (
        "var q=['aHR0cHM6','Ly9iZXQu','dGVzdC8='],b='';for(var m=0;m<q.length;m++)b+=q[m];var u4=atob(b);",
        "u4",
    ),
    (
        "var h='htt';h+='ps:';var d='b';d+='et';var t='te';t+='st';var u5=[h,'//',d,'.',t,'/'].join('');",
        "u5",
    ),
];

/// Every sink (`@U` marks the URL) after every encoding.
pub fn crossed(sinks: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for sink in sinks {
        for (setup, name) in ENCODINGS {
            out.push(format!("{setup}{}", sink.replace("@U", name)));
        }
    }
    out
}

/// Whether the inline script `code`, the `n`th of its matrix, is removed whole, with a
/// `script.*` event (in the chunkings of [`clean_turn`]).
pub fn removed(code: &str, n: usize) -> bool {
    let page = format!("<p>Tin</p><script>{code}</script><p>Hết</p>");
    let (out, events) = clean_turn(&site(""), &page, n);
    out == "<p>Tin</p><p>Hết</p>" && events.iter().any(|e| e.rule.starts_with("script."))
}

/// The scripts of `codes` that are left in place.
pub fn missed(codes: Vec<String>) -> Vec<String> {
    codes
        .into_iter()
        .enumerate()
        .filter(|(n, c)| !removed(c, *n))
        .map(|(_, c)| c)
        .collect()
}

/// Asserts that every sink of `sinks`, after every encoding, is removed whole.
pub fn assert_all_removed(sinks: &[&str]) {
    let missed = missed(crossed(sinks));
    assert!(
        missed.is_empty(),
        "{} left in place:\n{}",
        missed.len(),
        missed.join("\n")
    );
}

/// The scripts of `codes` whose page does not come through byte for byte, with why.
pub fn changed(codes: &[&str]) -> Vec<String> {
    let site = site("");
    codes
        .iter()
        .filter_map(|code| {
            let page = format!("<p>x</p><script>{code}</script>");
            let (out, events) = clean(&site, &page);
            (out != page || !events.is_empty()).then(|| format!("{code}: {events:?}"))
        })
        .collect()
}

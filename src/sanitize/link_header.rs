//! Stage 5, response head: the `Link` header (RFC 8288) split into its link-values, so that
//! a value pointing outside the site can be dropped on its own.
//!
//! Security notes:
//! - `rel=preload`, `prefetch`, `preconnect`, `dns-prefetch`, `modulepreload` and
//!   `prerender` make the browser contact the target before the page is even parsed, and a
//!   foreign `rel=canonical` or `alternate` hands a crawler the spam host. So every foreign
//!   link-value goes, whatever its `rel`: a dropped hint to a foreign host costs nothing.
//! - The URLs judged are the `<…>` reference and every candidate of `imagesrcset` (which
//!   Chromium preloads from). A value without a `<…>` reference is malformed and dropped.
//! - The split honours `<…>` and quoted strings, so a comma inside them does not cut a
//!   value in two; so does the reading of parameters (a `;` inside `title="a;b"` does not
//!   start a parameter).
//! - [`LinkValue::fetches_script`] says whether the browser fetches the reference as a
//!   script (`modulepreload`, or `preload`/`prefetch` with `as=script|worker|…`), reading
//!   every `rel` and `as` parameter (an attacker repeats one to split readers), so stage 5
//!   can drop a script preload from an upload folder as the rewriter drops the element.

/// One link-value as written, with the URLs it makes the browser fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkValue<'a> {
    pub(crate) text: &'a str,
    /// `None` when the value has no `<…>` reference.
    pub(crate) urls: Option<Vec<String>>,
}

impl LinkValue<'_> {
    /// The parameters after the reference, names lower-cased, values unquoted.
    pub(crate) fn params(&self) -> Vec<(String, String)> {
        let Some(rest) = self.text.trim_start().strip_prefix('<') else {
            return Vec::new();
        };
        let Some(end) = rest.find('>') else {
            return Vec::new();
        };
        split_params(&rest[end + 1..])
            .into_iter()
            .filter_map(|p| {
                let (name, value) = p.split_once('=').unwrap_or((p, ""));
                let name = name.trim().to_ascii_lowercase();
                (!name.is_empty()).then(|| (name, unquote(value.trim())))
            })
            .collect()
    }

    /// The `rel` tokens (of every `rel` parameter), lower-cased.
    pub(crate) fn rels(&self) -> Vec<String> {
        self.values_of("rel")
    }

    /// Whether the browser fetches the reference as a script or worker.
    pub(crate) fn fetches_script(&self) -> bool {
        let rels = self.rels();
        let has = |r: &str| rels.iter().any(|t| t == r);
        let scriptish = self.values_of("as").iter().any(|d| {
            matches!(
                d.as_str(),
                "script"
                    | "worker"
                    | "serviceworker"
                    | "sharedworker"
                    | "audioworklet"
                    | "paintworklet"
            )
        });
        has("modulepreload") || ((has("preload") || has("prefetch")) && scriptish)
    }

    fn values_of(&self, name: &str) -> Vec<String> {
        self.params()
            .into_iter()
            .filter(|(n, _)| n == name)
            .flat_map(|(_, v)| {
                v.split_ascii_whitespace()
                    .map(str::to_ascii_lowercase)
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

/// Splits parameters at `;` outside quoted strings (the first piece, before any `;`, is
/// what followed the reference and is dropped).
fn split_params(s: &str) -> Vec<&str> {
    let (mut out, mut start) = (Vec::new(), 0);
    let (mut in_quote, mut escaped) = (false, false);
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_quote => escaped = true,
            '"' => in_quote = !in_quote,
            ';' if !in_quote => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out.into_iter().skip(1).collect()
}

/// A parameter value without its quotes and escapes.
fn unquote(v: &str) -> String {
    let Some(inner) = v.strip_prefix('"') else {
        return v.to_string();
    };
    let inner = inner.strip_suffix('"').unwrap_or(inner);
    let (mut out, mut escaped) = (String::new(), false);
    for c in inner.chars() {
        match c {
            _ if escaped => {
                out.push(c);
                escaped = false;
            }
            '\\' => escaped = true,
            _ => out.push(c),
        }
    }
    out
}

/// The link-values of one `Link` header line.
pub(crate) fn parse(header: &str) -> Vec<LinkValue<'_>> {
    split_top_level(header)
        .into_iter()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|text| LinkValue {
            text,
            urls: urls(text),
        })
        .collect()
}

/// Splits at commas outside `<…>` and quoted strings.
fn split_top_level(s: &str) -> Vec<&str> {
    let (mut out, mut start) = (Vec::new(), 0);
    let (mut in_ref, mut in_quote, mut escaped) = (false, false, false);
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_quote => escaped = true,
            '"' if !in_ref => in_quote = !in_quote,
            '<' if !in_quote => in_ref = true,
            '>' if !in_quote => in_ref = false,
            ',' if !in_ref && !in_quote => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// The reference and the `imagesrcset` candidates of one link-value.
fn urls(value: &str) -> Option<Vec<String>> {
    let rest = value.trim_start().strip_prefix('<')?;
    let end = rest.find('>')?;
    let mut found = vec![rest[..end].trim().to_string()];
    for param in rest[end + 1..].split(';').skip(1) {
        let Some((name, val)) = param.split_once('=') else {
            continue;
        };
        if name.trim().eq_ignore_ascii_case("imagesrcset") {
            let val = val.trim().trim_matches('"');
            found.extend(
                val.split(',')
                    .filter_map(|c| c.split_whitespace().next())
                    .map(str::to_string),
            );
        }
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_split_outside_references_and_quotes() {
        let v = parse(
            "<https://a.test/x,y>; rel=preload; as=image, </s.css>; rel=\"preload, x\"; as=style,<//b.test>;rel=preconnect",
        );
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].urls, Some(vec!["https://a.test/x,y".to_string()]));
        assert_eq!(v[1].urls, Some(vec!["/s.css".to_string()]));
        assert_eq!(v[2].urls, Some(vec!["//b.test".to_string()]));
    }

    #[test]
    fn imagesrcset_candidates_and_malformed_values() {
        let v = parse(
            "</a.jpg>; rel=preload; as=image; imagesrcset=\"/a.jpg 1x, https://bet.test/b.jpg 2x\"",
        );
        let urls = v[0].urls.clone().unwrap();
        assert!(
            urls.contains(&"https://bet.test/b.jpg".to_string()),
            "{urls:?}"
        );
        assert_eq!(parse("https://bet.test/; rel=preconnect")[0].urls, None);
    }

    #[test]
    fn script_fetches_are_read_from_every_rel_and_as() {
        let fetches = |h: &str| parse(h)[0].fetches_script();
        assert!(fetches("</u/x.js>; rel=modulepreload"));
        assert!(fetches("</u/x.js>; rel=\"preload\"; as=\"script\""));
        assert!(fetches("</u/x.js>; REL=Prefetch; AS=Worker"));
        assert!(fetches(
            "</u/x.js>; title=\"a;rel=x\"; rel=\"next preload\"; as=script"
        ));
        assert!(fetches("</u/x.js>; rel=stylesheet; rel=modulepreload"));
        assert!(fetches("</u/x.js>; as=style; as=script; rel=preload"));
        assert!(!fetches("</u/x.css>; rel=preload; as=style"));
        assert!(!fetches("</u/x.js>; title=\"rel=modulepreload\""));
        assert!(!fetches("</u/a.jpg>; rel=preload; as=image"));
    }
}

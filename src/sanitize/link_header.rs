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
//!   value in two.

/// One link-value as written, with the URLs it makes the browser fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkValue<'a> {
    pub(crate) text: &'a str,
    /// `None` when the value has no `<…>` reference.
    pub(crate) urls: Option<Vec<String>>,
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
}

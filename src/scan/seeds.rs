//! `lachan scan`: where a crawl starts. `/`, the `--seed` paths, `sitemap.xml`, and the
//! `Sitemap:` lines of `robots.txt`; sitemap indexes are followed a bounded number of
//! times. Only URLs on the site's own hosts are kept.

use super::fetch::{Agent, Fetcher};

/// At most this many sitemap files are read (an index may name thousands).
const MAX_SITEMAPS: usize = 20;

/// The `Sitemap:` URLs of a robots.txt, resolved against `base`.
pub fn robots_sitemaps(text: &str, base: &url::Url) -> Vec<url::Url> {
    text.lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case("sitemap")
                .then(|| base.join(v.trim()).ok())
                .flatten()
        })
        .collect()
}

/// The `<loc>`s of a sitemap: (pages, nested sitemaps). A document that is not XML gives
/// nothing.
pub fn sitemap_locs(xml: &str) -> (Vec<String>, Vec<String>) {
    let Ok(doc) = roxmltree::Document::parse(xml) else {
        return (vec![], vec![]);
    };
    let index = doc.root_element().tag_name().name() == "sitemapindex";
    let locs = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_string())
        .collect();
    if index {
        (vec![], locs)
    } else {
        (locs, vec![])
    }
}

/// Reads robots.txt and the sitemaps; returns the page URLs they list.
pub async fn discover(
    fetcher: &Fetcher,
    base: &url::Url,
    own: impl Fn(&url::Url) -> bool,
) -> Vec<url::Url> {
    let mut queue = vec![base.join("/sitemap.xml").expect("static path")];
    if let Some(text) = text_of(fetcher, "/robots.txt").await {
        queue.extend(robots_sitemaps(&text, base));
    }
    let mut seen = std::collections::HashSet::new();
    let mut pages = Vec::new();
    while let Some(sitemap) = queue.pop() {
        if seen.len() >= MAX_SITEMAPS || !own(&sitemap) || !seen.insert(sitemap.clone()) {
            continue;
        }
        let Some(xml) = text_of(fetcher, &sitemap[url::Position::BeforePath..]).await else {
            continue;
        };
        let (locs, nested) = sitemap_locs(&xml);
        pages.extend(
            locs.iter()
                .filter_map(|l| base.join(l).ok())
                .filter(|u| own(u)),
        );
        queue.extend(nested.iter().filter_map(|l| base.join(l).ok()));
    }
    pages
}

/// A 200 answer's body as text; `None` otherwise.
async fn text_of(fetcher: &Fetcher, path: &str) -> Option<String> {
    let f = fetcher.get(path, Agent::Browser).await.ok()?;
    if f.status != http::StatusCode::OK || f.truncated {
        return None;
    }
    let coding = crate::sanitize::codec::Codings::from_headers(&f.headers).ok()?;
    let mut dec = crate::sanitize::codec::Decoder::new(&coding).ok()?;
    let mut input = f.body;
    let mut out = Vec::new();
    while !input.is_empty() || dec.buffered() {
        out.extend_from_slice(&dec.decode(&mut input).ok()?);
    }
    out.extend_from_slice(&dec.finish().ok()?);
    Some(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_names_its_sitemaps() {
        let base = url::Url::parse("http://portal.test/").unwrap();
        let got = robots_sitemaps(
            "User-agent: *\nDisallow: /admin\nSitemap: /s1.xml\nsitemap:  http://portal.test/s2.xml\n",
            &base,
        );
        let got: Vec<_> = got.iter().map(url::Url::as_str).collect();
        assert_eq!(
            got,
            ["http://portal.test/s1.xml", "http://portal.test/s2.xml"]
        );
    }

    #[test]
    fn sitemaps_and_indexes_are_told_apart() {
        let set = r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <url><loc> http://portal.test/a </loc></url><url><loc>/b</loc></url></urlset>"#;
        assert_eq!(
            sitemap_locs(set),
            (vec!["http://portal.test/a".into(), "/b".into()], vec![])
        );
        let index = r#"<sitemapindex><sitemap><loc>/s.xml</loc></sitemap></sitemapindex>"#;
        assert_eq!(sitemap_locs(index), (vec![], vec!["/s.xml".into()]));
        assert_eq!(sitemap_locs("<html>not xml"), (vec![], vec![]));
    }
}

//! Stage 5, response head: the URL the client asked for (scheme, the Host it used, path and
//! query), the base against which relative URLs in the response resolve.
//!
//! It is parsed (WHATWG, with IDNA) only when a rule needs it: a `Location` or `Refresh`
//! header, a pinned path, or an HTML body. Building it for every response cost about 2% of
//! the gateway's CPU on small images (`benches/proxy_load.sh`, perf).

use std::cell::OnceCell;

/// The requested URL, parsed on first use.
#[derive(Debug)]
pub struct PageUrl<'a> {
    tls: bool,
    host: &'a str,
    uri: &'a http::Uri,
    parsed: OnceCell<url::Url>,
}

impl<'a> PageUrl<'a> {
    pub fn new(tls: bool, host: &'a str, uri: &'a http::Uri) -> Self {
        Self {
            tls,
            host,
            uri,
            parsed: OnceCell::new(),
        }
    }

    /// The parsed URL. A request line that does not parse as a URL falls back to the site
    /// root, so that relative URLs still resolve on the right host.
    pub fn get(&self) -> &url::Url {
        self.parsed.get_or_init(|| {
            let scheme = if self.tls { "https" } else { "http" };
            let host = self.host;
            let path = self.uri.path_and_query().map_or("/", |p| p.as_str());
            url::Url::parse(&format!("{scheme}://{host}{path}"))
                .or_else(|_| url::Url::parse(&format!("{scheme}://{host}/")))
                .unwrap_or_else(|_| url::Url::parse("http://invalid/").expect("static URL"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_scheme_host_and_request_target() {
        let uri: http::Uri = "/tin-tuc/a.html?p=2".parse().unwrap();
        let url = PageUrl::new(true, "portal.example.gov.vn", &uri);
        assert_eq!(
            url.get().as_str(),
            "https://portal.example.gov.vn/tin-tuc/a.html?p=2"
        );
    }

    #[test]
    fn an_unparsable_target_falls_back_to_the_site_root() {
        let uri: http::Uri = "/a".parse().unwrap();
        let url = PageUrl::new(false, "bad host", &uri);
        assert_eq!(url.get().as_str(), "http://invalid/");
        let url = PageUrl::new(false, "portal.example.gov.vn:8080", &uri);
        assert_eq!(url.get().as_str(), "http://portal.example.gov.vn:8080/a");
    }
}

//! Between identify and forward: plain-HTTP requests to a site with
//! `[site.tls] redirect_http = true` are answered with a redirect to HTTPS.
//!
//! `/.well-known/acme-challenge/` is exempt (unless `acme_passthrough = false`) and goes
//! to the upstream, so that a certbot running beside the portal keeps renewing over HTTP.
//! The Location is built from the normalized Host the site matched, never from raw input.

use http::{HeaderValue, Response, Uri, header};

use crate::body::{GatewayBody, empty};
use crate::settings::Site;

const ACME_PREFIX: &str = "/.well-known/acme-challenge/";

/// The redirect for a plain-HTTP request, if this site wants one.
pub(crate) fn to_https(
    site: &Site,
    tls: bool,
    host: &str,
    uri: &Uri,
    https_port: u16,
) -> Option<Response<GatewayBody>> {
    let site_tls = site.tls()?;
    let status = site_tls.redirect?;
    if tls || (site_tls.acme_passthrough && uri.path().starts_with(ACME_PREFIX)) {
        return None;
    }
    let location = location(host, uri, https_port);
    let mut resp = Response::new(empty());
    *resp.status_mut() = status;
    let value = HeaderValue::from_str(&location).ok()?;
    resp.headers_mut().insert(header::LOCATION, value);
    resp.headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
    super::head::secure(site, false, resp.headers_mut());
    Some(resp)
}

fn location(host: &str, uri: &Uri, https_port: u16) -> String {
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let path = if path.starts_with('/') { path } else { "/" };
    if https_port == 443 {
        format!("https://{host}{path}")
    } else {
        format!("https://{host}:{https_port}{path}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_keeps_path_and_query_and_drops_default_port() {
        let uri: Uri = "/a/b?x=1".parse().unwrap();
        assert_eq!(location("p.gov.vn", &uri, 443), "https://p.gov.vn/a/b?x=1");
        assert_eq!(
            location("p.gov.vn", &uri, 8443),
            "https://p.gov.vn:8443/a/b?x=1"
        );
    }

    #[test]
    fn absolute_form_does_not_leak_into_location() {
        let uri: Uri = "http://evil.test/x".parse().unwrap();
        assert_eq!(location("p.gov.vn", &uri, 443), "https://p.gov.vn/x");
    }
}

//! `[audit.ship]`: where the audit events are shipped (syslog to a SIEM), validated into
//! [`ShipConfig`].

use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use crate::settings::Errors;

/// `[audit.ship]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawShip {
    pub syslog: Option<Spanned<String>>,
    pub ca: Option<String>,
    pub max_rate: Option<Spanned<u32>>,
}

/// How events travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    Tcp,
    Tls,
    Udp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipConfig {
    pub transport: Transport,
    /// `host:port`.
    pub addr: String,
    /// The host name the receiver's certificate must carry (`tcp+tls`).
    pub host: String,
    /// CA certificates (PEM) that sign the receiver's certificate; `None`: system roots.
    pub ca: Option<PathBuf>,
    /// Events per second at most, also while catching up after an outage.
    pub max_rate: u32,
}

pub fn validate(raw: Option<RawShip>, errs: &mut Errors) -> Option<ShipConfig> {
    let raw = raw?;
    let Some(url) = raw.syslog else {
        errs.at(
            0..0,
            "[audit.ship] needs `syslog`, such as \"tcp+tls://siem:6514\"",
        );
        return None;
    };
    let parsed = url::Url::parse(url.get_ref()).ok().and_then(|u| {
        let transport = match u.scheme() {
            "tcp" => Transport::Tcp,
            "tcp+tls" => Transport::Tls,
            "udp" => Transport::Udp,
            _ => return None,
        };
        let host = u.host_str()?.trim_matches(['[', ']']).to_string();
        Some((transport, format!("{}:{}", u.host_str()?, u.port()?), host))
    });
    let Some((transport, addr, host)) = parsed else {
        errs.at(
            url.span(),
            "audit.ship.syslog must be tcp+tls://HOST:PORT, tcp://HOST:PORT or udp://HOST:PORT",
        );
        return None;
    };
    let max_rate = match raw.max_rate {
        Some(r) if *r.get_ref() == 0 => {
            errs.at(
                r.span(),
                "audit.ship.max_rate must be at least 1 (events per second)",
            );
            1
        }
        Some(r) => *r.get_ref(),
        None => 5000,
    };
    Some(ShipConfig {
        transport,
        addr,
        host,
        ca: raw.ca.map(PathBuf::from),
        max_rate,
    })
}

#[cfg(test)]
mod tests {
    use super::Transport;

    fn parse(extra: &str) -> Result<crate::settings::Config, crate::settings::ConfigErrors> {
        let text = format!(
            "[server]\nlisten = [\"127.0.0.1:0\"]\n[audit]\ndir = \"a\"\n{extra}\n[[site]]\n\
             name = \"p\"\nhosts = [\"p.example.gov.vn\"]\nupstream = \"http://127.0.0.1:1\"\n"
        );
        crate::config::parse(&text, std::path::Path::new("t.toml"))
    }

    #[test]
    fn ship_keys_parse_and_bad_urls_are_located() {
        let c = parse("[audit.ship]\nsyslog = \"tcp+tls://siem.example:6514\"\nca = \"ca.pem\"")
            .unwrap();
        let ship = c.audit().ship.clone().unwrap();
        assert_eq!(ship.transport, Transport::Tls);
        assert_eq!(
            (ship.addr.as_str(), ship.host.as_str()),
            ("siem.example:6514", "siem.example")
        );
        assert_eq!(ship.max_rate, 5000);
        assert!(parse("").unwrap().audit().ship.is_none());
        let errs = parse("[audit.ship]\nsyslog = \"http://siem:514\"")
            .unwrap_err()
            .0;
        assert_eq!(errs[0].line, 6, "{errs:?}");
        assert!(
            parse("[audit.ship]\nsyslog = \"udp://siem\"").is_err(),
            "port required"
        );
        assert!(parse("[audit.ship]\nsyslog = \"udp://s:514\"\nfacility = 1").is_err());
    }
}

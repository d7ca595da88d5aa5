//! Attack suite (issue 14, delivery: legacy URL attributes): foreign URLs in attributes
//! that the HTML spec (current or legacy) defines as URLs or URL lists and that the
//! sanitizer did not read: `<object archive>` / `<applet archive>` (a list separated by
//! white space or commas, each entry fetched by the plug-in), `<head profile>` (a list),
//! `cite` on `blockquote`/`q`/`del`/`ins`, `<html manifest>`, `<object classid>`,
//! `<menuitem icon>` / `<command icon>`, `datasrc`. Each is judged like an `href`
//! (entities decoded, parsed against the base); a foreign entry removes the attribute.
//!
//! Benign twins stay byte for byte: same-site archives and citations, an allowed host, the
//! ActiveX `clsid:` of an old embed.

use crate::common;

use common::rewrite::{clean, rule_ids, run, site};

#[test]
fn foreign_entries_in_archive_lists_are_removed() {
    let archives = [
        "https://bet.test/a.jar",
        "/lib/ok.jar https://bet.test/a.jar",
        "/lib/ok.jar,https://bet.test/a.jar",
        "/lib/ok.jar , //bet.test/b.jar",
        "ok.jar,\n\thttps&#58;//bet&#46;test/c.jar",
        "a.jar\u{c}HTTPS://BET.TEST./d.jar",
        "/lib/ok.jar,,https:\\\\bet.test\\e.jar",
    ];
    for a in archives {
        for tag in ["object", "applet", "OBJECT"] {
            let page = format!("<p>x</p><{tag} archive=\"{a}\" code=\"Main\"></{tag}><p>y</p>");
            let (out, events) = clean(&site(""), &page);
            assert!(!out.to_ascii_lowercase().contains("bet"), "{page}: {out}");
            assert!(out.contains("<p>y</p>"), "{page}: {out}");
            assert_eq!(rule_ids(&events), ["object.foreign"], "{page}");
        }
    }
}

#[test]
fn other_legacy_url_attributes_to_foreign_hosts_are_removed() {
    let pages = [
        "<head profile=\"http://gmpg.org/xfn/11 https://bet.test/p\"></head>",
        "<blockquote cite=\"https://bet.test/nguon\">Trích dẫn</blockquote>",
        "<q cite='//bet.test/'>x</q>",
        "<del cite=https://bet.test/>a</del><ins cite=\"https://bet.test/\">b</ins>",
        "<html manifest=\"https://bet.test/app.appcache\"><body>x</body></html>",
        "<object classid=\"https://bet.test/x.class\"></object>",
        "<menu><menuitem icon=\"https://bet.test/i.png\" label=a></menuitem></menu>",
        "<command icon=\"https://bet.test/i.png\">",
        "<table datasrc=\"https://bet.test/data.csv\"></table>",
        "<div cite=\"https://bet.test/\" data-x=1>x</div>",
    ];
    for page in pages {
        let (out, _) = clean(&site(""), page);
        assert!(!out.contains("bet.test"), "{page}: {out}");
    }
}

#[test]
fn own_allowed_and_non_http_legacy_values_stay_byte_for_byte() {
    let pages = [
        "<object archive=\"/lib/a.jar,/lib/b.jar lib/c.jar\" code=Main></object>",
        "<applet archive=\"https://moj.gov.vn/a.jar\" code=A></applet>",
        "<blockquote cite=\"https://chinhphu.vn/van-ban/1\">Trích</blockquote>",
        "<q cite=\"/tin-tuc/1\">x</q>",
        "<object classid=\"clsid:D27CDB6E-AE6D-11cf-96B8-444553540000\"></object>",
        "<html manifest=\"/app.appcache\"><body>x</body></html>",
    ];
    for page in pages {
        let (out, rules) = run(page);
        assert_eq!(out, page);
        assert!(rules.is_empty(), "{page}: {rules:?}");
    }
}

//! Attack suite (issue 14, hiding): a block that an inline script hides after load, in
//! spellings and places the hiding reader did not know: an `onload` handler on `<body>`
//! or an image, `classList.add('hidden')`/`addClass('d-none')` of a framework class the
//! page's own CSS does not define, `style['display']='none'`, `toggleAttribute('hidden')`,
//! emptying with `innerHTML=''`, in a script placed before the block. The block is judged
//! as a hidden one: spam text goes whole (`spam.keyword`), a foreign link takes it
//! (`link.hidden_block`). Benign twins: a menu a script hides that holds internal links,
//! an onload that hides a loading notice.

use crate::common;

use common::rewrite::{clean, rule_ids, site};

/// Hidden text that is spam but not a spam block nor an advert to the visible rules.
const SPAM: &str =
    "Kèo nhà cái, tỷ lệ kèo bóng đá được cập nhật liên tục cho người hâm mộ theo dõi";

fn hiders(id: &str) -> Vec<String> {
    let get = format!("document.getElementById('{id}')");
    vec![
        format!("{get}.classList.add('hidden')"),
        format!("$('#{id}').addClass('d-none')"),
        format!("{get}.style['display'] = 'none'"),
        format!("{get}.toggleAttribute('hidden')"),
        format!("{get}.innerHTML = ''"),
        format!("window.addEventListener('load', function () {{ {get}.hidden = true; }})"),
        format!("{get}.setAttribute('style', 'display:none')"),
    ]
}

fn page(head: &str, body_attrs: &str, block: &str) -> String {
    format!(
        "<html><head><title>Sở Tư pháp</title>{head}</head><body{body_attrs}><p>Tin tức</p>{block}<p>Liên hệ</p></body></html>"
    )
}

#[test]
fn block_hidden_by_a_script_before_it_is_judged_hidden() {
    for js in hiders("k") {
        for block in [
            format!("<div id=\"k\">{SPAM}</div>"),
            format!("<section id=\"k\"><p>{SPAM}</p></section>"),
            "<div id=\"k\"><a href=\"https://bet.test/\">xem</a></div>".to_string(),
        ] {
            let html = page(&format!("<script>{js}</script>"), "", &block);
            let (out, events) = clean(&site(""), &html);
            assert!(!out.contains("id=\"k\""), "{js}: {out}");
            assert!(!out.contains("Kèo") && !out.contains("bet.test"), "{out}");
            let rules = rule_ids(&events);
            assert!(
                rules
                    .iter()
                    .any(|r| *r == "spam.keyword" || *r == "link.hidden_block"),
                "{js}: {rules:?}"
            );
        }
    }
}

#[test]
fn block_hidden_by_an_onload_handler_is_judged_hidden() {
    for js in hiders("k") {
        let attr = format!(" onload=\"{}\"", js.replace('"', "&quot;"));
        let html = page("", &attr, &format!("<div id=\"k\">{SPAM}</div>"));
        let (out, events) = clean(&site(""), &html);
        assert!(!out.contains("Kèo"), "{js}: {out}");
        assert!(rule_ids(&events).contains(&"spam.keyword"), "{js}");
    }
}

#[test]
fn menus_and_notices_hidden_by_scripts_are_unchanged() {
    for js in hiders("m") {
        for (head, attrs) in [
            (format!("<script>{js}</script>"), String::new()),
            (
                String::new(),
                format!(" onload=\"{}\"", js.replace('"', "&quot;")),
            ),
        ] {
            let block = "<nav id=\"m\"><a href=\"/\">Trang chủ</a> <a href=\"https://chinhphu.vn/\">Chính phủ</a> Phòng chống cá độ</nav>";
            let html = page(&head, &attrs, block);
            let (out, events) = clean(&site(""), &html);
            assert_eq!(out, html);
            assert!(events.is_empty(), "{events:?}");
        }
    }
}

#[test]
fn block_hidden_by_a_script_after_it_is_judged_hidden() {
    for js in hiders("k") {
        for block in [
            format!("<div id=\"k\">{SPAM}</div>"),
            format!("<div class=\"x\"><p id=\"k\">{SPAM}</p></div>"),
            format!("<section id=\"k\"><p>{SPAM}</p><p>Xem thêm</p></section>"),
        ] {
            for between in ["", "<p>Liên kết website</p>"] {
                let html = page("", "", &format!("{block}{between}<script>{js}</script>"));
                let (out, events) = clean(&site(""), &html);
                assert!(!out.contains("Kèo"), "{js}: {out}");
                assert!(!out.contains("id=\"k\""), "{js}: {out}");
                let rules = rule_ids(&events);
                assert!(
                    rules
                        .iter()
                        .any(|r| *r == "spam.keyword" || *r == "spam.block"),
                    "{js}: {rules:?}"
                );
                assert!(out.contains("<p>Liên hệ</p>"), "{out}");
            }
        }
    }
    // In an onload handler of a later element.
    let html = page(
        "",
        "",
        &format!(
            "<div id=\"k\">{SPAM}</div><img src=\"/a.png\" alt=\"\" onload=\"document.getElementById('k').style.display='none'\">"
        ),
    );
    let (out, _) = clean(&site(""), &html);
    assert!(!out.contains("Kèo"), "{out}");
}

#[test]
fn news_blocks_with_ids_and_later_scripts_are_unchanged() {
    for js in hiders("k") {
        for block in [
            "<div id=\"k\"><p>Công an tỉnh triệt phá đường dây cá độ bóng đá, bắt giữ 12 đối tượng.</p></div>",
            "<div id=\"k\">Thông báo lịch tiếp công dân tháng 12.</div>",
            "<div id=\"tin\">Kèo nhà cái, tỷ lệ kèo bóng đá được cập nhật liên tục cho người hâm mộ theo dõi</div>",
        ] {
            let html = page("", "", &format!("{block}<script>{js}</script>"));
            let (out, events) = clean(&site(""), &html);
            assert_eq!(out, html);
            assert!(events.is_empty(), "{events:?}");
        }
    }
}

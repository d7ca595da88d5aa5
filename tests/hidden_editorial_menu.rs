//! False-positive suite (benign side of issue 14's hidden blocks): a mobile menu hidden by
//! the page's own `<style>` (or inline style) whose links are all same-site and whose items
//! are the site's anti-betting categories must come through byte for byte. The attack side
//! stays: the same block with a foreign link, or a keyword list with one editorial word
//! tacked on, still goes.

use crate::common;

use common::rewrite::{clean, site};

const MENU: &str = "<nav id=\"m2\"><ul><li><a href=\"/chuyen-muc/phong-chong-toi-pham/\">Phòng chống tội phạm</a></li><li><a href=\"/chuyen-muc/phong-chong-ca-do/\">Phòng chống cá độ, đánh bạc trái phép</a></li><li><a href=\"/chuyen-muc/tai-xiu-lua-dao/\">Cảnh giác lừa đảo tài xỉu trực tuyến</a></li></ul></nav>";

#[test]
fn hidden_mobile_menu_of_anti_betting_categories_stays() {
    for (css, menu) in [
        ("#m2{display:none}", MENU.to_string()),
        (".mobile-nav{display:none}", MENU.replace("id=\"m2\"", "class=\"mobile-nav\"")),
        ("", MENU.replace("id=\"m2\"", "style=\"display:none\"")),
        (
            "",
            "<div hidden><a href=\"/tin/canh-bao\">Cảnh báo thủ đoạn lừa đảo của nhà cái trực tuyến</a> · <a href=\"https://bocongan.gov.vn/\">Bộ Công an xử lý vi phạm</a></div>".to_string(),
        ),
    ] {
        let page = format!(
            "<html><head><style>{css}</style></head><body>{menu}<main><p>Tin tức</p></main></body></html>"
        );
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, page, "{css}");
        assert!(events.is_empty(), "{events:?}");
    }
}

#[test]
fn hidden_spam_with_editorial_words_still_goes() {
    for block in [
        // A foreign link takes the block whatever its words.
        MENU.replace("/chuyen-muc/phong-chong-ca-do/", "https://bet.test/"),
        // A keyword list with one editorial word.
        "<nav id=\"m2\">nhà cái uy tín, nổ hũ, bắn cá, tài xỉu - phòng chống</nav>".to_string(),
    ] {
        let page = format!(
            "<html><head><style>#m2{{display:none}}</style></head><body>{block}<p>Tin tức</p></body></html>"
        );
        let (out, events) = clean(&site(""), &page);
        assert!(!out.contains("nổ hũ") && !out.contains("bet.test"), "{out}");
        assert!(!out.contains("tài xỉu"), "{out}");
        assert!(out.contains("<p>Tin tức</p>"), "{out}");
        assert!(
            events
                .iter()
                .any(|e| e.rule == "spam.keyword" || e.rule == "link.hidden_block"),
            "{events:?}"
        );
    }
}

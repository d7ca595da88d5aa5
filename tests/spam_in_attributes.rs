//! Attack suite for redteam #6/#14 (spam in indexed attributes): betting keywords planted in
//! `alt`, `title`, `aria-label`, `placeholder` or `value` of same-site elements are removed
//! with the attribute (`spam.keyword`, removed); benign attributes and editorial text that
//! discusses betting come through byte for byte. Every page is fed in every chunking.

use crate::common;

use common::rewrite::{clean, rule_ids as rules, site};
use lachan::audit::Action;

#[test]
fn spam_in_indexed_attributes_is_removed() {
    for (page, expect) in [
        (
            "<img src=/a.png alt=\"Nhà cái uy tín kubet\">",
            "<img src=/a.png>",
        ),
        ("<p title='tài xỉu, nổ hũ đổi thưởng'>Tin</p>", "<p>Tin</p>"),
        (
            "<a href=/x aria-label=\"soi cầu lô đề\">Trang</a>",
            "<a href=/x>Trang</a>",
        ),
        (
            "<input name=q placeholder=\"game b&agrave;i đổi thưởng\">",
            "<input name=q>",
        ),
        (
            "<button value=\"789bet casino online\">Gửi</button>",
            "<button>Gửi</button>",
        ),
    ] {
        let (out, events) = clean(&site(""), page);
        assert_eq!(out, expect, "{page}");
        assert_eq!(rules(&events), ["spam.keyword"], "{page}");
        assert_eq!(events[0].action, Action::Removed);
    }
}

#[test]
fn benign_attributes_and_editorial_text_come_through_unchanged() {
    let page = concat!(
        "<img src=/logo.png alt=\"Sở Tư pháp tỉnh Bình An\" title=\"Trang chủ\">",
        "<input type=text name=q placeholder=\"Tìm kiếm...\" value=\"\">",
        "<a href=/tin aria-label=\"Phòng chống cá độ bóng đá\">Tin</a>",
        "<p title=\"Cảnh báo cá cược\">Công an cảnh báo tình trạng cá cược, cá độ bóng đá ",
        "và đánh bạc trái phép qua mạng.</p>",
    );
    let (out, events) = clean(&site(""), page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{:?}", rules(&events));
}

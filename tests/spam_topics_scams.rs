//! Attack suite (issue 14, lexicon breadth): planted spam of the topics found on hacked
//! .gov.vn/.edu.vn portals beyond Vietnamese betting: English casino and slots, Indonesian
//! slot spam, task and job scams, crypto "investment", bank accounts and forged papers for
//! sale, loan sharks, cockfighting and lottery prediction. Each as a visible list, a comma
//! list, hidden text and a title; written plain, without diacritics, in upper case and in
//! NFD. Benign twins: a lottery company's results page ("Kết quả xổ số", "Dò vé số"), and
//! news or police notices that mention one such term, come through byte for byte.

use crate::common;

use common::rewrite::{clean, site};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One planted list per topic.
const TOPICS: &[&[&str]] = &[
    &[
        "Online casino",
        "free spins",
        "slot gacor",
        "judi online",
        "togel",
        "sportsbook",
        "no deposit bonus",
        "bet now",
    ],
    &[
        "Situs slot gacor",
        "maxwin",
        "daftar slot",
        "bonus new member",
        "slot deposit pulsa",
    ],
    &[
        "Việc nhẹ lương cao",
        "nhận nhiệm vụ",
        "làm nhiệm vụ nhận hoa hồng",
        "cộng tác viên online",
        "chốt đơn",
    ],
    &[
        "Đầu tư tiền ảo lợi nhuận",
        "sàn forex",
        "x2 tài khoản",
        "airdrop",
        "usdt",
    ],
    &[
        "Mua bán tài khoản ngân hàng",
        "thuê tài khoản",
        "bán sim rác",
        "làm giả giấy tờ",
        "bằng giả",
    ],
    &[
        "Vay tiền nhanh",
        "vay online không thẩm định",
        "chỉ cần CCCD",
        "hỗ trợ nợ xấu",
    ],
    &[
        "Đá gà trực tiếp",
        "đá gà thomo",
        "sv388",
        "cựa sắt",
        "đá gà",
    ],
    &[
        "Soi cầu",
        "lô đề",
        "dàn đề",
        "bạch thủ lô",
        "rồng bạch kim",
        "xổ số miền bắc dự đoán",
    ],
];

fn strip_marks(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

/// The spellings a list is planted in.
fn spellings(list: &[&str]) -> Vec<Vec<String>> {
    let plain: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    vec![
        plain.clone(),
        plain.iter().map(|s| strip_marks(s)).collect(),
        plain.iter().map(|s| s.to_uppercase()).collect(),
        plain.iter().map(|s| s.nfd().collect()).collect(),
    ]
}

const NEWS: &str = "<p>Sáng nay, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm, đánh giá kết quả thực hiện các nhiệm vụ phát triển kinh tế xã hội.</p>";

fn page(body: &str) -> String {
    format!(
        "<html><head><title>Tin tức</title></head><body><main>{NEWS}{body}<p>Liên hệ</p></main></body></html>"
    )
}

fn assert_gone(html: &str, terms: &[String], rules: &[&str]) {
    let (out, events) = clean(&site(""), html);
    for t in terms.iter().filter(|t| t.chars().count() > 5) {
        assert!(!out.contains(t.as_str()), "{t:?} survived in {out}");
    }
    assert!(
        out.contains(NEWS) && out.contains("<p>Liên hệ</p>"),
        "{out}"
    );
    assert!(
        events.iter().any(|e| rules.contains(&e.rule.as_ref())),
        "{html}: {events:?}"
    );
}

#[test]
fn scam_topic_lists_in_plain_sight_go() {
    for topic in TOPICS {
        for terms in spellings(topic) {
            let items: String = terms.iter().map(|t| format!("<li>{t}</li>")).collect();
            assert_gone(
                &page(&format!("<div class=\"tu-khoa\"><ul>{items}</ul></div>")),
                &terms,
                &["spam.block"],
            );
            assert_gone(
                &page(&format!("<p class=\"tags\">{}</p>", terms.join(", "))),
                &terms,
                &["spam.block"],
            );
        }
    }
}

#[test]
fn scam_topic_hidden_text_goes() {
    for topic in TOPICS {
        for terms in spellings(topic) {
            let html = page(&format!(
                "<div style=\"display:none\">{}</div>",
                terms.join(" - ")
            ));
            assert_gone(&html, &terms, &["spam.keyword"]);
        }
    }
}

#[test]
fn scam_topic_titles_are_replaced() {
    for topic in TOPICS {
        let title = topic[..3].join(" | ");
        let html =
            format!("<html><head><title>{title}</title></head><body><p>Tin tức</p></body></html>");
        let (out, events) = clean(&site(""), &html);
        assert!(!out.contains(&title), "{out}");
        assert!(
            events.iter().any(|e| e.rule == "spam.keyword"),
            "{title}: {events:?}"
        );
    }
}

#[test]
fn lottery_company_pages_and_single_mentions_are_unchanged() {
    for body in [
        // A state lottery company's own portal.
        "<nav><ul><li><a href=\"/ket-qua-xo-so\">Kết quả xổ số</a></li><li><a href=\"/xo-so-mien-bac\">Xổ số miền Bắc</a></li><li><a href=\"/do-ve-so\">Dò vé số</a></li><li><a href=\"/lich-mo-thuong\">Lịch mở thưởng</a></li></ul></nav>\
<div class=\"kqxs\"><h2>Kết quả xổ số kiến thiết miền Bắc ngày 05/12</h2><table><tr><td>Giải đặc biệt</td><td>12345</td></tr><tr><td>Giải nhất</td><td>67890</td></tr></table><p>Quý khách dò vé số và lĩnh thưởng tại trụ sở công ty trong vòng 30 ngày.</p></div>",
        "<div style=\"display:none\"><p>Kết quả xổ số miền Bắc, xổ số miền Nam, lịch mở thưởng</p></div>",
        // One quoted slogan in a police notice, one term in news.
        "<article><h2>Cảnh giác với chiêu “việc nhẹ lương cao”</h2><p>Công an tỉnh khuyến cáo người dân không tham gia các nhóm tuyển cộng tác viên trên mạng xã hội.</p></article>",
        "<article><p>Công an huyện bắt quả tang 12 đối tượng đá gà ăn tiền, thu giữ 20 con gà và nhiều tang vật.</p></article>",
        "<article><p>Ngân hàng Nhà nước cảnh báo người dân không cho thuê tài khoản ngân hàng, tránh bị lợi dụng chiếm đoạt tài sản.</p></article>",
        "<article><p>Đồng chí Nguyễn Văn A nhận nhiệm vụ Phó Giám đốc Sở Tài chính từ ngày 01/12.</p></article>",
        "<article><p>Tỷ giá USDT và giá Bitcoin biến động mạnh trong tuần qua.</p></article>",
        "<p>Quyết định về việc xử lý hành vi làm giả giấy tờ, con dấu của cơ quan, tổ chức.</p>",
    ] {
        let html = page(body);
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "{body}");
        assert!(events.is_empty(), "{body}: {events:?}");
    }
    for title in [
        "Kết quả xổ số miền Bắc hôm nay",
        "Cảnh giác chiêu việc nhẹ lương cao",
        "Bắt 15 đối tượng tụ tập xem đá gà ăn tiền",
        "Không cho thuê tài khoản ngân hàng",
    ] {
        let html =
            format!("<html><head><title>{title}</title></head><body><p>Tin tức</p></body></html>");
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "{title}");
        assert!(events.is_empty(), "{title}: {events:?}");
    }
}

//! Attack suite (issue 14, lexicon breadth): planted spam of the topics found on hacked
//! .gov.vn/.edu.vn portals beyond Vietnamese betting: English casino and slots, Indonesian
//! slot spam, task and job scams, crypto "investment", bank accounts and forged papers for
//! sale, loan sharks, cockfighting and lottery prediction. Each as a visible list, a comma
//! list, hidden text and a title; written plain, without diacritics, in upper case and in
//! NFD. Benign twins: a lottery company's results page ("Kết quả xổ số", "Dò vé số"), the
//! state lottery's draw results (numbers in pairs beside "Jackpot" and the prize), and
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

/// A state lottery's draw results (threats.md: the state lottery is news, not spam): the
/// drawn numbers are a list, not a phone number or an amount, next to "Jackpot",
/// "trúng thưởng" and the prize in đồng.
const DRAW_RESULTS: &[&str] = &[
    "<article><h1>Kết quả Vietlott Mega 6/45 kỳ 01284</h1><p>Bộ số trúng thưởng: <strong>05 – 13 – 22 – 31 – 38 – 44</strong>. Giá trị Jackpot ước tính: 28.416.902.500 đồng; kỳ này không có người trúng giải Jackpot.</p><p>Vietlott khuyến cáo người chơi chỉ mua vé tại các điểm bán hợp pháp và chơi có trách nhiệm.</p></article>",
    "<article><h2>Power 6/55 kỳ 01102</h2><p>Kết quả quay số mở thưởng: 03 - 09 - 17 - 28 - 41 - 52, số đặc biệt 07. Jackpot 1 trị giá 45.120.000.000 đồng, Jackpot 2 trị giá 3.260.000.000 đồng.</p></article>",
    "<div class=\"kqxs\"><p>Keno kỳ #0231456: 01 04 09 12 15 23 27 30 33 38 41 44 49 52 58 61 66 70 73 79. Giải thưởng cao nhất 2 tỷ đồng.</p></div>",
    "<ul><li>Bộ số trúng thưởng Mega 6/45: 02 · 11 · 19 · 27 · 33 · 45</li><li>Jackpot: 15.000.000.000 đồng</li><li>Lịch quay thưởng: thứ Tư, thứ Sáu, Chủ nhật</li></ul>",
    "<p>Winning numbers: 08 - 14 - 21 - 36 - 40 - 43. Estimated jackpot: 31,500,000,000 VND; no jackpot winner this draw.</p>",
    "<table><tr><td>Giải nhất</td><td>05 12 24 33 41 44</td><td>Trúng thưởng 10.000.000 đồng</td></tr><tr><td>Jackpot</td><td>05 12 24 33 41 44 + 09</td><td>28.000.000.000 đồng</td></tr></table>",
];

#[test]
fn state_lottery_draw_results_are_unchanged() {
    for body in DRAW_RESULTS {
        let html = page(body);
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "{body}");
        assert!(events.is_empty(), "{body}: {events:?}");
    }
}

#[test]
fn jackpot_adverts_with_a_phone_in_pairs_are_removed() {
    for body in [
        "<p>Jackpot 500 triệu mỗi ngày, nạp ngay, liên hệ zalo 09 12 34 56 78</p>",
        "<p>Nổ hũ jackpot x100, hotline 09 88 77 66 55, nhận thưởng 200k</p>",
        "<p>Win the jackpot tonight: call 08 45 67 89 12 and get 500$ bonus</p>",
    ] {
        let html = page(body);
        let (out, events) = clean(&site(""), &html);
        assert!(
            !out.contains("jackpot") && !out.contains("Jackpot"),
            "{out}"
        );
        assert!(!events.is_empty(), "{body}");
    }
}

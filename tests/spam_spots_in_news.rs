//! Attack suite (issue 14, where spam sits): a spam *spot*, one short advert phrase (a
//! betting term with what sells it: "uy tín", "nhất", a promotion amount, a brand, "đăng
//! ký", "trực tiếp … hôm nay"), planted in an element of any kind inside a long news
//! paragraph, alone or several in a row (cells, items, options), or as one sentence in a
//! news paragraph or a police warning's quotation. A judge of blocks alone reads it as a
//! small part of a long block, and the editorial guard spared it inside a warning. The spot
//! goes (`spam.inline`, or `spam.block` for a block of its own), the text around it stays
//! byte for byte. Benign twins: a police notice naming the games in bold, a warning list of
//! quoted topic words among scam slogans, a busted-ring story, a lottery table, a news
//! paragraph with bold and links, come through unchanged. Every page is fed in every
//! chunking of the harness, and one page goes through the whole gateway.

use crate::common;

use common::rewrite::{clean, rule_ids, site};

/// A paragraph of ordinary news, without betting words.
const NEWS: &str = "Ủy ban nhân dân tỉnh triển khai kế hoạch cải cách hành chính năm 2025, đẩy mạnh chuyển đổi số trong các sở, ban, ngành và địa phương; người dân được hướng dẫn nộp hồ sơ trực tuyến qua Cổng dịch vụ công quốc gia, tra cứu kết quả giải quyết thủ tục và phản ánh kiến nghị. Sở Tư pháp phối hợp với Sở Thông tin và Truyền thông tổ chức tập huấn cho cán bộ một cửa cấp xã.";

/// Short advert phrases, with and without diacritics.
const SPOTS: &[&str] = &[
    "Tai xiu online uy tin nhat Viet Nam",
    "Nhà cái uy tín 789bet",
    "Khuyen mai nap dau 200% tai JUN88",
    "Nổ hũ đổi thưởng uy tín nhất",
    "Link vào nhà cái mới nhất",
    "Soi cầu lô đề miễn phí hôm nay",
];

/// Elements of every kind that hold a spot inside a paragraph.
const TAGS: &[&str] = &[
    "b", "i", "em", "font", "cite", "q", "ins", "del", "dfn", "abbr", "bdi", "bdo", "label",
    "button", "small", "mark", "output", "span", "strong", "u", "x-tin",
];

fn page(body: &str) -> String {
    format!(
        "<html><head><title>Sở Tư pháp</title></head><body><main><p>Tin tức trong tỉnh</p>{body}<p>Liên hệ</p></main></body></html>"
    )
}

/// The page comes out as `expected`, with a spam rule audited.
fn assert_cut(body: &str, expected: &str) {
    let (out, events) = clean(&site(""), &page(body));
    assert_eq!(out, page(expected), "{body}");
    let rules = rule_ids(&events);
    assert!(
        rules
            .iter()
            .any(|r| *r == "spam.inline" || *r == "spam.block"),
        "{body}: {rules:?}"
    );
}

fn assert_unchanged(body: &str) {
    let html = page(body);
    let (out, events) = clean(&site(""), &html);
    assert_eq!(out, html);
    assert!(events.is_empty(), "{body}: {events:?}");
}

#[test]
fn advert_spot_in_any_element_inside_news_goes_alone() {
    for tag in TAGS {
        for spot in SPOTS {
            let el = format!("<{tag}>{spot}</{tag}>");
            for (before, after) in [(NEWS, ""), ("", NEWS), (NEWS, NEWS)] {
                let body = format!("<p>{before} {el} {after}</p>");
                assert_cut(&body, &format!("<p>{before}  {after}</p>"));
            }
        }
    }
}

#[test]
fn advert_spot_in_a_heading_mis_nested_in_a_paragraph_goes() {
    for spot in SPOTS {
        for h in ["h3", "h4", "h6"] {
            let body = format!("<p>{NEWS} <{h}>{spot}</{h}> {NEWS}</p>");
            let (out, events) = clean(&site(""), &page(&body));
            assert!(!out.contains(spot), "{out}");
            assert_eq!(out.matches(NEWS).count(), 2, "{out}");
            assert!(!events.is_empty());
        }
    }
}

#[test]
fn advert_cells_items_captions_and_legends_go_in_a_row() {
    let [a, b, c, ..] = SPOTS else { unreachable!() };
    for (body, expected) in [
        (
            format!(
                "<table><tr><th>{a}</th><th>{b}</th><th>{c}</th></tr><tr><td>{NEWS}</td></tr></table>"
            ),
            format!("<table><tr></tr><tr><td>{NEWS}</td></tr></table>"),
        ),
        (
            format!("<table><tr><td>{NEWS}</td><td>{a}</td><td>{b}</td></tr></table>"),
            format!("<table><tr><td>{NEWS}</td></tr></table>"),
        ),
        (
            format!("<ul><li>{NEWS}</li><li>{a}</li><li>{b}</li></ul>"),
            format!("<ul><li>{NEWS}</li></ul>"),
        ),
        (
            format!(
                "<figure><img src=\"/a.jpg\" alt=\"\"><figcaption>{c}</figcaption></figure><p>{NEWS}</p>"
            ),
            format!("<figure><img src=\"/a.jpg\" alt=\"\"></figure><p>{NEWS}</p>"),
        ),
        (
            format!(
                "<form action=\"/gop-y\"><fieldset><legend>{a}</legend><p>{NEWS}</p></fieldset></form>"
            ),
            format!("<form action=\"/gop-y\"><fieldset><p>{NEWS}</p></fieldset></form>"),
        ),
    ] {
        let (out, _) = clean(&site(""), &page(&body));
        for s in [a, b, c] {
            assert!(!out.contains(s), "{s} survived: {out}");
        }
        assert!(out.contains(NEWS), "{out}");
        let _ = expected;
    }
}

#[test]
fn advert_sentence_inside_a_news_paragraph_goes() {
    for (spam, tail) in [
        (
            "Trong khi đó, Nhà cái uy tín 789bet – đăng ký nhận 100k tại đây đang được nhiều người quan tâm. ",
            "",
        ),
        ("Tải app nổ hũ đổi thưởng, nạp đầu tặng 200% tại Hi88! ", ""),
        ("Nha cai uy tin so 1: dang ky nhan 50k mien phi. ", ""),
    ] {
        let body = format!("<p>{NEWS} {spam}{NEWS}{tail}</p>");
        assert_cut(&body, &format!("<p>{NEWS} {NEWS}{tail}</p>"));
    }
}

#[test]
fn advert_spot_in_a_warning_quotation_goes() {
    for (body, expected) in [
        (
            "<h1>Công an tỉnh cảnh báo thủ đoạn lừa đảo</h1><blockquote>Theo cơ quan công an, các trang như <b>Khuyen mai nap dau 200% tai JUN88</b> hoạt động công khai. Việc nhẹ lương cao, nhận nhiệm vụ trên mạng là thủ đoạn lừa đảo.</blockquote>",
            "<h1>Công an tỉnh cảnh báo thủ đoạn lừa đảo</h1><blockquote>Theo cơ quan công an, các trang như  hoạt động công khai. Việc nhẹ lương cao, nhận nhiệm vụ trên mạng là thủ đoạn lừa đảo.</blockquote>",
        ),
        (
            "<p>Công an tỉnh cảnh báo người dân cần cảnh giác. Trong khi đó, Nhà cái uy tín 789bet – đăng ký nhận 100k tại <a href=\"https://bet.test/\">đây</a> đang được nhiều người quan tâm.</p>",
            "<p>Công an tỉnh cảnh báo người dân cần cảnh giác. </p>",
        ),
        (
            "<div class=\"canh-bao\"><h2>Cảnh giác lừa đảo trực tuyến</h2><p>Công an khuyến cáo người dân không tham gia <em>Nhà cái uy tín 789bet</em> và các trò đánh bạc trái phép.</p></div>",
            "<div class=\"canh-bao\"><h2>Cảnh giác lừa đảo trực tuyến</h2><p>Công an khuyến cáo người dân không tham gia  và các trò đánh bạc trái phép.</p></div>",
        ),
    ] {
        assert_cut(body, expected);
    }
}

#[test]
fn police_notices_warning_lists_and_news_are_unchanged() {
    for body in [
        "<p>Công an tỉnh cảnh báo người dân không tham gia các trò <b>tài xỉu, nổ hũ, bắn cá, game bài đổi thưởng</b> trên mạng. Đây là hành vi đánh bạc trái phép.</p>".to_string(),
        "<section><h2>Cảnh giác với các thủ đoạn lừa đảo</h2><p>Công an tỉnh khuyến cáo người dân không tin các lời mời chào:</p><ul><li>“Việc nhẹ lương cao, làm nhiệm vụ nhận hoa hồng”</li><li>“<b>nhà cái</b>”, “<b>nổ hũ</b>”, “<b>tài xỉu</b>” trên mạng xã hội</li><li>“Đầu tư tiền ảo lợi nhuận cao”</li></ul></section>".to_string(),
        "<p>Ngày 05/12, Công an tỉnh cho biết đã triệt phá đường dây đánh bạc qua mạng do các đối tượng câu kết với nhà cái <b>789bet</b> tổ chức. Người chơi ban đầu được nhận thưởng nhỏ để tạo lòng tin. Khi phát hiện các trang nhà cái, link vào 789bet, cần tố giác cho cơ quan công an gần nhất.</p>".to_string(),
        "<table><tr><td>Giải đặc biệt</td><td><b>123456</b></td></tr><tr><td>Xổ số kiến thiết hôm nay</td><td><span>65432</span></td></tr></table>".to_string(),
        format!("<p>{NEWS} <b>Quan trọng:</b> <a href=\"/tin-tuc\">xem chi tiết</a> <i>hôm nay</i> <em>nhất</em> {NEWS}</p>"),
        "<p>Triệt phá đường dây <b>cá độ</b> bóng đá, bắt giữ 12 đối tượng tổ chức <em>đánh bạc</em>.</p>".to_string(),
        format!("<p>{NEWS} Người dân cần cảnh giác với các trang tự xưng là <q>nhà cái uy tín</q> trên mạng, theo khuyến cáo của công an.</p>"),
    ] {
        assert_unchanged(&body);
    }
}

//! Attack suite: visible planted betting text (no links) in the smaller units a page is made
//! of, which a judge of block elements alone reads as a small part of a long block: inline
//! elements (`span`, `b`, `strong`, `i`, `em`, `small`, `label`, `button`, `legend`, `q`,
//! `cite`, `output`, `mark`, `font`, `abbr`, custom elements, SVG `<text>`/`<tspan>`),
//! cells and items among ordinary ones (also without end tags), and bare text directly in
//! `<body>` or in a wrapper that mostly holds other blocks. The spam goes (`spam.inline`, or
//! `spam.block` for a block of its own) and the rest of the page stays byte for byte.
//! Benign twins (a police notice listing the games in bold, a warning list, lottery
//! results in cells, a long ordinary page of inline markup) come through unchanged.

use crate::common;

use common::rewrite::{clean, site};

const SPAM: &str = "Nhà cái uy tín nhất 2025: tài xỉu, nổ hũ, bắn cá đổi thưởng, game bài, xóc đĩa";
/// A paragraph long enough (about 160 words) that one spam list does not dominate it: the
/// block as a whole is not spam, only the unit inside it is.
const NEWS: &str = "Ủy ban nhân dân tỉnh triển khai kế hoạch cải cách hành chính năm 2025, đẩy mạnh chuyển đổi số trong các sở, ban, ngành và địa phương; người dân được hướng dẫn nộp hồ sơ trực tuyến qua Cổng dịch vụ công quốc gia, tra cứu kết quả giải quyết thủ tục và phản ánh kiến nghị. Sở Tư pháp phối hợp với Sở Thông tin và Truyền thông tổ chức tập huấn cho cán bộ một cửa cấp xã về số hóa hồ sơ, chứng thực bản sao điện tử và cấp phiếu lý lịch tư pháp trực tuyến. Trong quý III, toàn tỉnh tiếp nhận hơn mười hai nghìn hồ sơ, tỷ lệ giải quyết đúng hạn đạt chín mươi tám phần trăm; các đơn vị tiếp tục rà soát quy trình nội bộ, cắt giảm thời gian giải quyết và công khai kết quả trên trang thông tin điện tử để người dân, doanh nghiệp theo dõi, giám sát việc thực hiện của cơ quan nhà nước các cấp trong năm tới.";

fn wrap(body: &str) -> String {
    format!(
        "<html><head><title>Sở Tư pháp</title></head><body><main><p>Tin tức trong tỉnh</p>{body}<p>Liên hệ</p></main></body></html>"
    )
}

/// The spam is gone, the news stays, and a spam rule was audited.
fn assert_gone(page: &str) -> String {
    let (out, events) = clean(&site(""), page);
    for w in ["tài xỉu", "nổ hũ", "xóc đĩa", "Nhà cái"] {
        assert!(!out.contains(w), "{w:?} survived in {out}");
    }
    assert!(out.contains("<p>Tin tức trong tỉnh</p>"), "{out}");
    assert!(out.contains("<p>Liên hệ</p>"), "{out}");
    assert!(
        events
            .iter()
            .any(|e| e.rule == "spam.inline" || e.rule == "spam.block"),
        "{events:?}"
    );
    out
}

const INLINE: &[&str] = &[
    "span", "b", "strong", "i", "em", "small", "label", "button", "q", "cite", "output", "mark",
    "font", "abbr", "u", "sup", "x-seo", "a",
];

#[test]
fn spam_in_an_inline_element_inside_news_goes_alone() {
    for tag in INLINE {
        for at in 0..3 {
            let spam = format!("<{tag} class=\"k\">{SPAM}</{tag}>");
            let parts = match at {
                0 => [spam.as_str(), " ", NEWS],
                1 => [NEWS, " ", spam.as_str()],
                _ => [NEWS, spam.as_str(), NEWS],
            };
            let body = format!("<p>{}</p>", parts.concat());
            let out = assert_gone(&wrap(&body));
            assert!(out.contains(NEWS), "news lost for <{tag}> at {at}: {out}");
            let expected = wrap(&format!("<p>{}</p>", parts.concat().replace(&spam, "")));
            assert_eq!(out, expected, "<{tag}> at {at}");
        }
    }
}

#[test]
fn spam_in_nested_inline_elements_and_forms_goes() {
    for body in [
        format!("<div><p>{NEWS}</p><p>{NEWS} <span><b>{SPAM}</b></span></p></div>"),
        format!(
            "<form action=\"/tim-kiem\"><fieldset><legend>{SPAM}</legend><p>{NEWS}</p></fieldset></form>"
        ),
        format!("<p>{NEWS}<label><input type=checkbox> {SPAM}</label></p>"),
        format!("<p>{NEWS} <q cite=\"/x\"><cite>{SPAM}</cite></q></p>"),
        format!("<p>{NEWS} <output name=o>{SPAM}</output></p>"),
        format!(
            "<svg viewBox=\"0 0 10 10\"><text x=\"0\" y=\"5\">{SPAM}</text></svg><p>{NEWS}</p>"
        ),
        format!(
            "<p>{NEWS}</p><svg viewBox=\"0 0 10 10\"><text x=\"0\" y=\"5\">Cổng thông tin <tspan>{SPAM}</tspan></text></svg>"
        ),
        format!(
            "<p>{NEWS} <font color=red><small>nhà cái uy tín</small>, <em>tài xỉu</em>, <i>nổ hũ</i>, <b>xóc đĩa</b> đổi thưởng</font></p>"
        ),
    ] {
        let out = assert_gone(&wrap(&body));
        assert!(out.contains(NEWS), "{out}");
    }
}

#[test]
fn spam_cells_items_and_terms_among_ordinary_ones_go() {
    for body in [
        format!("<table><tr><td>{NEWS}</td><td>{SPAM}</td></tr></table>"),
        format!("<table><tr><th>{NEWS}</th><th>{SPAM}</th></tr></table>"),
        format!("<table><tr><td>{NEWS}<td>{SPAM}<td>{NEWS}</table>"),
        format!("<ul><li>{NEWS}<li>{SPAM}<li>{NEWS}</ul>"),
        format!("<ul><li>{NEWS}</li><li>{SPAM}</li></ul>"),
        format!("<dl><dt>{NEWS}</dt><dd>{SPAM}</dd></dl>"),
        format!("<dl><dt>{NEWS}<dd>{SPAM}<dt>{NEWS}</dl>"),
    ] {
        let out = assert_gone(&wrap(&body));
        assert!(out.contains(NEWS), "{out}");
    }
}

#[test]
fn bare_spam_text_between_blocks_goes() {
    for page in [
        // Directly in <body>, with and without a wrapper.
        format!(
            "<html><body><p>Tin tức trong tỉnh</p>\n{SPAM}\n<p>{NEWS}</p><p>Liên hệ</p></body></html>"
        ),
        format!("<p>Tin tức trong tỉnh</p>{SPAM}<p>Liên hệ</p>"),
        format!("<p>Tin tức trong tỉnh</p><p>Liên hệ</p>{SPAM}"),
        format!("{SPAM}<p>Tin tức trong tỉnh</p><p>Liên hệ</p>"),
        // In a wrapper that mostly holds other blocks.
        wrap(&format!(
            "<div class=\"content\"><p>{NEWS}</p>{SPAM}<p>{NEWS}</p><p>{NEWS}</p></div>"
        )),
        wrap(&format!(
            "<section><h2>{NEWS}</h2><div>{NEWS}</div> <b>Nhà cái</b> uy tín, tài xỉu, nổ hũ, <i>xóc đĩa</i> <div>{NEWS}</div></section>"
        )),
    ] {
        let out = assert_gone(&page);
        if page.contains(NEWS) {
            assert!(out.contains(NEWS), "{out}");
        }
    }
}

#[test]
fn bare_spam_keeps_the_markup_balanced() {
    let page = wrap(&format!(
        "<div><p>{NEWS}</p><span>Nhà cái uy tín, <b>tài xỉu</b>, nổ hũ <div>{NEWS}</div> bắn cá, xóc đĩa, soi cầu</span></div>"
    ));
    let out = assert_gone(&page);
    assert_eq!(
        out.matches("<span").count(),
        out.matches("</span>").count(),
        "{out}"
    );
    assert_eq!(
        out.matches("<div").count(),
        out.matches("</div>").count(),
        "{out}"
    );
}

#[test]
fn police_notices_lottery_and_ordinary_inline_markup_are_unchanged() {
    for body in [
        "<p>Công an tỉnh cảnh báo người dân không tham gia các trò <b>tài xỉu, nổ hũ, bắn cá, game bài đổi thưởng</b> trên mạng. Đây là hành vi đánh bạc trái phép, vi phạm pháp luật; các đối tượng tổ chức sẽ bị xử lý hình sự.</p>".to_string(),
        "<div class=\"canh-bao\"><h3>Cảnh giác lừa đảo</h3><p>Bộ Công an khuyến cáo: các ứng dụng <span class=\"hl\">nhà cái, tài xỉu, nổ hũ, xóc đĩa</span> là thủ đoạn lừa đảo, vi phạm pháp luật. Phòng chống tội phạm là trách nhiệm của mọi người.</p></div>".to_string(),
        "<ul class=\"warn\"><li>Công an cảnh báo: <strong>tài xỉu</strong>, <strong>nổ hũ</strong>, <strong>bắn cá</strong> là đánh bạc trái phép, vi phạm pháp luật</li></ul>".to_string(),
        "<table><tr><td>Giải đặc biệt</td><td><b>123456</b></td></tr><tr><td>Xổ số kiến thiết</td><td><span>65432</span></td></tr></table>".to_string(),
        format!("<p>{NEWS} <span>Xem thêm</span> <b>Quan trọng</b> <i>{NEWS}</i></p>Văn bản mới <a href=\"/van-ban\">tại đây</a>"),
        "<p>Triệt phá đường dây <b>cá độ</b> bóng đá, bắt giữ 12 đối tượng tổ chức <em>đánh bạc</em>.</p>".to_string(),
    ] {
        let page = wrap(&body);
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{events:?}");
    }
}

#[test]
fn long_page_of_inline_markup_and_bare_text_is_unchanged() {
    let item = format!("<span class=\"d\">12/05/2025</span> <b>Thông báo</b> {NEWS} <br>\n");
    let page = format!("<html><body>{}</body></html>", item.repeat(600));
    let (out, events) = clean(&site(""), &page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{events:?}");
}

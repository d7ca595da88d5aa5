//! Where planted spam sits (issue 14): one short advert phrase (a betting term with what
//! sells it: "uy tín", "nhất", a promotion amount, a brand, a call) in an element of any
//! kind inside a paragraph of news, several in a row in cells or items, one advert
//! sentence in a news paragraph or a warning's quotation, and a same-site link (also one
//! whose URL resolves to the site through userinfo) with advert text. The benign twin: a
//! police warning that quotes topic words in bold among scam slogans, and own links with
//! ordinary text.

use super::rng::{Rng, normalize};
use super::{HOST, Kind, Payload, Template};

use super::planted_text as t;

pub const TEMPLATES: &[Template] = &[
    t("spam-advert-spot", Kind::Text, advert_spot),
    t("spam-advert-row", Kind::Text, advert_row),
    t("spam-advert-sentence", Kind::Text, advert_sentence),
    t("spam-own-link-advert", Kind::Text, own_link),
];

pub const BENIGN: &[Template] = &[t("warning-topic-quotes", Kind::Benign, warning)];

const NEWS: &str = "Sở Tư pháp phối hợp với Sở Thông tin và Truyền thông tổ chức tập huấn cho cán bộ một cửa cấp xã về số hóa hồ sơ, chứng thực bản sao điện tử và cấp phiếu lý lịch tư pháp trực tuyến cho người dân trên địa bàn tỉnh.";

/// Short advert phrases, with and without diacritics.
const ADVERTS: &[&str] = &[
    "Tai xiu online uy tin nhat Viet Nam",
    "Nhà cái uy tín 789bet",
    "Khuyen mai nap dau 200% tai JUN88",
    "Nổ hũ đổi thưởng uy tín nhất",
    "Link vào nhà cái mới nhất",
    "Soi cầu lô đề miễn phí hôm nay",
    "Nha cai uy tin so 1 - tang 100k",
    "Game bài đổi thưởng uy tín, tặng giftcode",
];

fn advert(r: &mut Rng) -> String {
    let a = *r.pick(ADVERTS);
    match r.below(4) {
        0 => a.to_uppercase(),
        1 => a.replace(' ', "&nbsp;"),
        _ => a.to_string(),
    }
}

fn payload(html: String, planted: Vec<String>) -> Payload {
    Payload {
        html,
        planted: planted.iter().map(|p| normalize(p)).collect(),
        ..Default::default()
    }
}

fn advert_spot(r: &mut Rng) -> Payload {
    let a = advert(r);
    let tag = r.tag_of(&[
        "b", "i", "em", "font", "cite", "q", "ins", "del", "dfn", "abbr", "bdi", "bdo", "label",
        "button", "small", "mark", "output", "span", "x-tin",
    ]);
    let unit = format!("<{tag}>{a}</{tag}>");
    let html = match r.below(4) {
        0 => format!("<p>{NEWS} {unit}</p>"),
        1 => format!("<p>{unit} {NEWS}</p>"),
        2 => format!("<p>{NEWS} {unit} {NEWS}</p>"),
        _ => format!("<p>{NEWS} <h3>{a}</h3> {NEWS}</p>"),
    };
    payload(html, vec![a])
}

fn advert_row(r: &mut Rng) -> Payload {
    let mut cells: Vec<String> = (0..3).map(|_| advert(r)).collect();
    let html = match r.below(4) {
        0 => format!(
            "<table><tr>{}</tr><tr><td>{NEWS}</td></tr></table>",
            cells
                .iter()
                .map(|c| format!("<th>{c}</th>"))
                .collect::<String>()
        ),
        1 => format!(
            "<ul><li>{NEWS}</li>{}</ul>",
            cells
                .iter()
                .map(|c| format!("<li>{c}</li>"))
                .collect::<String>()
        ),
        2 => {
            cells.truncate(1);
            format!(
                "<p>{NEWS}</p><figure><img src=\"/a.jpg\" alt=\"\"><figcaption>{}</figcaption></figure>",
                cells[0]
            )
        }
        _ => format!(
            "<p>{NEWS}</p><dl><dt>{}</dt><dd>{}</dd><dd>{}</dd></dl>",
            cells[0], cells[1], cells[2]
        ),
    };
    payload(html, cells)
}

fn advert_sentence(r: &mut Rng) -> Payload {
    let s = *r.pick(&[
        "Trong khi đó, Nhà cái uy tín 789bet – đăng ký nhận 100k tại đây đang được nhiều người quan tâm.",
        "Tải app nổ hũ đổi thưởng, nạp đầu tặng 200% tại Hi88!",
        "Nha cai uy tin so 1: dang ky nhan 50k mien phi.",
    ]);
    let html = match r.below(3) {
        0 => format!("<p>{NEWS} {s} {NEWS}</p>"),
        1 => format!("<p>Công an tỉnh cảnh báo người dân cần cảnh giác. {s}</p>"),
        _ => format!(
            "<h2>Công an tỉnh cảnh báo thủ đoạn lừa đảo</h2><blockquote>Theo cơ quan công an, các trang như <b>{}</b> hoạt động công khai. Việc nhẹ lương cao là thủ đoạn lừa đảo.</blockquote>",
            ADVERTS[2]
        ),
    };
    let planted = if html.contains(ADVERTS[2]) {
        ADVERTS[2]
    } else {
        s
    };
    payload(html, vec![planted.to_string()])
}

fn own_link(r: &mut Rng) -> Payload {
    let a = advert(r);
    let href = *r.pick(&[
        "/tim-kiem?q=da+ga+truc+tiep",
        "/tag/nha-cai-uy-tin",
        "?q=no+hu",
        "https://bet.test%2F@HOST/",
        "https://HOST/tim-kiem?q=tai+xiu",
    ]);
    let href = href.replace("HOST", HOST);
    let link = format!("<a href=\"{href}\">{a}</a>");
    let html = match r.below(3) {
        0 => format!("<p>{NEWS} {link} {NEWS}</p>"),
        1 => format!("<ul><li>{link}</li><li><a href=\"/\">Trang chủ</a></li></ul>"),
        _ => format!("<div class=\"tags\">{link} <a href=\"/tag/2\">Thủ tục hành chính</a></div>"),
    };
    payload(html, vec![a])
}

fn warning(r: &mut Rng) -> Payload {
    let lead = *r.pick(&[
        "Công an tỉnh khuyến cáo người dân không tin các lời mời chào:",
        "Cảnh giác với các thủ đoạn lừa đảo trên mạng xã hội:",
    ]);
    Payload {
        html: format!(
            "<section><h2>Cảnh giác với các thủ đoạn lừa đảo</h2><p>{lead}</p><ul><li>“Việc nhẹ lương cao, làm nhiệm vụ nhận hoa hồng”</li>\
<li>“<b>nhà cái</b>”, “<b>nổ hũ</b>”, “<b>tài xỉu</b>” trên mạng xã hội</li><li>“Đầu tư tiền ảo lợi nhuận cao”</li></ul></section>\
<p>{NEWS} <a href=\"/tim-kiem?q=ho+tich\">Tra cứu hộ tịch trực tuyến hôm nay</a></p>"
        ),
        ..Default::default()
    }
}

//! Planted spam without links (A5): betting text in the attributes crawlers and screen
//! readers index (`alt`, `title`, `aria-label`, `placeholder`), and keyword blocks — a list
//! in plain sight, and the same list hidden by a style sheet that comes after it (which the
//! hidden-block rules cannot read when the block passes). The benign twin: a news article
//! about a police crackdown on illegal betting, with the same words in its text and in its
//! image's `alt`, link `title` and search `placeholder`.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::rng::{Rng, Spam, normalize};
use super::{Kind, Payload, Template};

use super::planted_text as t;

pub const TEMPLATES: &[Template] = &[
    t("spam-attribute", Kind::Text, attribute),
    t("spam-block", Kind::Text, block),
    t("spam-block-styled-hidden", Kind::Text, styled_hidden),
    t("spam-topic-list", Kind::Text, topic_list),
    t("spam-promo-sentence", Kind::Text, promo_sentence),
];

pub const BENIGN: &[Template] = &[
    t("editorial-crackdown", Kind::Benign, crackdown),
    t("lottery-results", Kind::Benign, lottery_results),
    t("scam-warning-quote", Kind::Benign, scam_warning),
];

fn attribute(r: &mut Rng) -> Payload {
    let s = r.spam();
    let html = match r.below(5) {
        0 => {
            let a = r.attr("alt", &s.html);
            format!("<img src=\"/anh/tin-1.jpg\"{a} width=\"200\">")
        }
        1 => {
            let a = r.attr("title", &s.html);
            format!("<p><a href=\"/tin-tuc/\"{a}>Tin tức</a></p>")
        }
        2 => {
            let a = r.attr("aria-label", &s.html);
            format!("<button type=\"button\"{a}>☰</button>")
        }
        3 => {
            let a = r.attr("placeholder", &s.html);
            format!("<form action=\"/tim-kiem\"><input name=\"q\"{a}></form>")
        }
        _ => {
            let a = r.attr("title", &s.html);
            format!("<div class=\"banner\"{a}><img src=\"/anh/banner.png\" alt=\"\"></div>")
        }
    };
    Payload {
        html,
        planted: vec![s.phrase],
        ..Default::default()
    }
}

/// Three to five distinct spam phrases, as list items or a comma list.
fn list(r: &mut Rng) -> (String, Vec<String>) {
    let n = 3 + r.below(3);
    let mut spams: Vec<Spam> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    while spams.len() < n {
        let s = r.spam();
        // Distinct phrases: the same phrase twice is not the list this template stands for.
        let bare: String = s.phrase.nfd().filter(|c| !is_combining_mark(*c)).collect();
        if !seen.contains(&bare) {
            seen.push(bare);
            spams.push(s);
        }
    }
    let html = if r.chance(50) {
        let items: String = spams
            .iter()
            .map(|s| format!("<li>{}</li>", s.html))
            .collect();
        format!("<ul>{items}</ul>")
    } else {
        let words: Vec<&str> = spams.iter().map(|s| s.html.as_str()).collect();
        format!("<p>{}</p>", words.join(", "))
    };
    (html, spams.into_iter().map(|s| s.phrase).collect())
}

fn block(r: &mut Rng) -> Payload {
    let (inner, planted) = list(r);
    let tag = r.tag_of(&["div", "section", "aside"]);
    let c = r.attr("class", "tu-khoa");
    Payload {
        html: format!("<{tag}{c}>{inner}</{tag}>"),
        planted,
        ..Default::default()
    }
}

fn styled_hidden(r: &mut Rng) -> Payload {
    let (inner, planted) = list(r);
    let tag = r.tag_of(&["div", "section"]);
    let class = *r.pick(&["tk-an", "seo-links", "footer-tags"]);
    let rule = *r.pick(&[
        "display:none",
        "position:absolute;left:-9999px",
        "height:0;overflow:hidden",
        "font-size:0",
    ]);
    let c = r.attr("class", class);
    Payload {
        html: format!("<{tag}{c}>{inner}</{tag}><style>.{class}{{{rule}}}</style>"),
        planted,
        ..Default::default()
    }
}

fn crackdown(r: &mut Rng) -> Payload {
    let headline = *r.pick(&[
        "Công an tỉnh triệt phá đường dây cá độ bóng đá qua mạng",
        "Khởi tố nhóm đối tượng tổ chức đánh bạc trực tuyến",
        "Bắt quả tang ổ nhóm cá cược bóng đá mùa Euro",
    ]);
    simple(format!(
        "<article class=\"tin-chi-tiet\"><h2>{headline}</h2>\
<img src=\"/anh/tang-vat.jpg\" alt=\"Tang vật vụ án đánh bạc bị thu giữ\">\
<p>Các đối tượng quảng cáo cho nhà cái nước ngoài, dụ người dân tham gia cá độ, tài xỉu \
và game bài đổi thưởng; cơ quan điều tra đã thu giữ nhiều tài khoản ngân hàng.</p>\
<p>Công an khuyến cáo người dân không tham gia cá cược, cờ bạc dưới mọi hình thức.</p>\
<p><a href=\"/tin-tuc/phap-luat/\" title=\"Tin pháp luật: phòng chống cá độ\">Xem thêm</a></p>\
<form action=\"/tim-kiem\"><input name=\"q\" placeholder=\"Tìm tin về cá độ\"></form></article>"
    ))
}

fn simple(html: String) -> Payload {
    Payload {
        html,
        ..Default::default()
    }
}

/// Planted lists of the topics beyond betting (issue 14, lexicon breadth).
const TOPICS: &[&[&str]] = &[
    &[
        "online casino",
        "free spins",
        "sportsbook",
        "no deposit bonus",
        "bet now",
    ],
    &[
        "situs slot gacor",
        "maxwin",
        "daftar slot",
        "bonus new member",
    ],
    &[
        "việc nhẹ lương cao",
        "làm nhiệm vụ nhận hoa hồng",
        "cộng tác viên online",
        "chốt đơn",
    ],
    &[
        "đầu tư tiền ảo",
        "sàn forex",
        "x2 tài khoản",
        "airdrop usdt",
    ],
    &[
        "mua bán tài khoản ngân hàng",
        "bán sim rác",
        "làm giả giấy tờ",
        "bằng giả",
    ],
    &[
        "vay tiền nhanh",
        "vay online không thẩm định",
        "hỗ trợ nợ xấu",
    ],
    &["đá gà trực tiếp", "đá gà thomo", "sv388", "cựa sắt"],
    &[
        "soi cầu",
        "dàn đề",
        "bạch thủ lô",
        "rồng bạch kim",
        "xổ số miền bắc dự đoán",
    ],
];

fn topic_list(r: &mut Rng) -> Payload {
    let terms = *r.pick(TOPICS);
    let spell = r.below(3);
    let spelled: Vec<String> = terms
        .iter()
        .map(|t| match spell {
            0 => t.to_uppercase(),
            1 => t.nfd().collect(),
            _ => t.to_string(),
        })
        .collect();
    let html = if r.chance(50) {
        let items: String = spelled.iter().map(|s| format!("<li>{s}</li>")).collect();
        format!("<div class=\"tu-khoa\"><ul>{items}</ul></div>")
    } else {
        format!("<p class=\"tags\">{}</p>", spelled.join(", "))
    };
    Payload {
        html,
        planted: spelled.iter().map(|s| normalize(s)).collect(),
        ..Default::default()
    }
}

/// A lottery company's results page: "Kết quả xổ số" is its business, not spam.
fn lottery_results(r: &mut Rng) -> Payload {
    let region = *r.pick(&["miền Bắc", "miền Nam", "miền Trung"]);
    simple(format!(
        "<div class=\"kqxs\"><h2>Kết quả xổ số kiến thiết {region}</h2><ul><li><a href=\"/ket-qua-xo-so\">Kết quả xổ số</a></li>\
<li><a href=\"/do-ve-so\">Dò vé số</a></li><li><a href=\"/lich-mo-thuong\">Lịch mở thưởng</a></li></ul>\
<table><tr><td>Giải đặc biệt</td><td>12345</td></tr></table></div>"
    ))
}

/// One planted sentence that promotes a topic (a term with a seller's signal: odds, an
/// amount, praise, a call to action, a brand), not a list (issue 14, lexicon coverage).
const PROMOS: &[&str] = &[
    "Trực tiếp đá gà cựa sắt hôm nay tại Thomo, link không bị chặn",
    "Đánh đề online tỷ lệ 1 ăn 99, trả thưởng nhanh",
    "Quay hũ đổi thưởng uy tín, tặng code 100k cho tân thủ",
    "Tuyển CTV làm nhiệm vụ tại nhà, hoa hồng 20% mỗi đơn",
    "Cần bán tài khoản ngân hàng chính chủ số lượng lớn",
    "Sàn tiền ảo cam kết lợi nhuận 8% mỗi ngày",
    "Guaranteed profit: double your bitcoin today",
    "Situs judi slot gacor terpercaya hari ini",
    "Link vào Zowin mới nhất, khuyến mãi nạp đầu",
];

fn promo_sentence(r: &mut Rng) -> Payload {
    let s = *r.pick(PROMOS);
    let spelled: String = match r.below(4) {
        0 => s.to_uppercase(),
        1 => s.nfd().collect(),
        2 => s
            .nfd()
            .filter(|c| !is_combining_mark(*c))
            .map(|c| match c {
                'đ' => 'd',
                'Đ' => 'D',
                c => c,
            })
            .collect(),
        _ => s.to_string(),
    };
    let tag = r.tag_of(&["p", "div", "li"]);
    let html = format!("<{tag}>{spelled}</{tag}>");
    Payload {
        html,
        planted: vec![normalize(&spelled)],
        ..Default::default()
    }
}

/// A warning that quotes a scam's slogan, and sports and lottery news: reporting, not
/// promoting.
fn scam_warning(r: &mut Rng) -> Payload {
    let quote = *r.pick(&[
        "vay tiền online không thẩm định",
        "việc nhẹ lương cao, nhận hoa hồng mỗi ngày",
        "nhà cái uy tín, nạp đầu tặng 100%",
    ]);
    simple(format!(
        "<article><h2>Cảnh giác với lời mời chào trên mạng</h2><p>Nhiều trang quảng cáo \"{quote}\" \
thực chất là lừa đảo. Người dân nên giao dịch tại các tổ chức tín dụng hợp pháp.</p>\
<p>Kết quả xổ số kiến thiết hôm nay: giải đặc biệt 123456. Trận đấu kết thúc với tỷ số 2-1, \
đội khách dưới kèo vẫn thắng.</p></article>"
    ))
}

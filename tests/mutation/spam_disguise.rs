//! Planted spam in disguise (A5, issue 14's mutation corpus): text that a literal or
//! block-level reading misses.
//! - letter-spaced keywords ("N H A C A I", with gaps of spaces, `&nbsp;`, thin spaces,
//!   dots, dashes or middle dots) followed by an offer, in a breadcrumb, a news ticker, a
//!   menu or a table cell;
//! - offers camouflaged in news: one offer sentence appended to a genuine paragraph, offer
//!   copy quoted in a blockquote under a warning heading, an offer as one item of a
//!   "related news" list;
//! - spam in frames: an `iframe srcdoc` document, the fallback of a frame to a foreign host,
//!   a frameset's `noframes`.
//!
//! The benign twins: spaced-out headings of ordinary words, a genuine related-news list,
//! and a `srcdoc` frame with a notice.

use super::rng::{Rng, normalize};
use super::{Kind, Payload, Template};

use super::planted_text as t;

pub const TEMPLATES: &[Template] = &[
    t("spam-letter-spaced", Kind::Text, spaced),
    t("spam-news-camouflage", Kind::Text, camouflaged),
    t("spam-in-frames", Kind::Link, framed),
];

pub const BENIGN: &[Template] = &[
    t("spaced-ordinary-words", Kind::Benign, spaced_benign),
    t("related-news-and-notice-frame", Kind::Benign, news_benign),
];

const NEWS: &str = "Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác cải cách hành chính năm 2026, đánh giá kết quả số hóa hồ sơ và giải quyết thủ tục trực tuyến toàn trình.";

const SPACED_WORDS: &[&str] = &[
    "NHÀ CÁI",
    "NHA CAI",
    "NỔ HŨ",
    "NO HU",
    "TÀI XỈU",
    "TAI XIU",
    "BẮN CÁ",
    "LÔ ĐỀ",
    "CÁ CƯỢC",
];

const TAILS: &[&str] = &[
    "uy tín nhất",
    "đổi thưởng – tặng 100k",
    "link vào mới nhất",
    "nạp đầu x2",
    "uy tin so 1",
];

const SPACED_PLACES: &[&str] = &[
    "<nav class=\"breadcrumb\"><a href=\"/\">Trang chủ</a> › <a href=\"/tin-tuc\">Tin tức</a> › <span>{u}</span></nav>",
    "<div class=\"ticker\"><span>Tin mới:</span> <a href=\"/tin-tuc/1\">{u}</a></div>",
    "<ul class=\"menu\"><li><a href=\"/gioi-thieu\">Giới thiệu</a></li><li><a href=\"/lien-he\">{u}</a></li></ul>",
    "<table class=\"bang\"><tr><td>Thủ tục hành chính</td><td>{u}</td></tr></table>",
];

/// `word` letter by letter: `gap` between letters, a wider one between words.
fn spread(word: &str, gap: &str, wide: &str) -> String {
    word.split(' ')
        .map(|w| w.chars().map(String::from).collect::<Vec<_>>().join(gap))
        .collect::<Vec<_>>()
        .join(wide)
}

fn spaced(r: &mut Rng) -> Payload {
    let word = *r.pick(SPACED_WORDS);
    let (gap, wide, blank) = *r.pick(&[
        (" ", "   ", true),
        ("&nbsp;", "&nbsp;&nbsp;", true),
        ("\u{2009}", " \u{2009} ", true),
        (" ", " . ", false),
        (".", " ", false),
        ("-", " - ", false),
        (" · ", "  ", false),
    ]);
    let text = format!("{} {}", spread(word, gap, wide), r.pick(TAILS));
    let html = r.pick(SPACED_PLACES).replace("{u}", &text);
    // Blank gaps leave the word's letters; other gaps leave the text as written.
    let planted = match blank {
        true => format!(
            "{}{}",
            super::judge::LETTERS,
            normalize(word).replace(' ', "")
        ),
        false => normalize(&text),
    };
    Payload {
        html,
        planted: vec![planted],
        ..Default::default()
    }
}

const OFFERS: &[&str] = &[
    "Đăng ký tài khoản nhà cái 789bet hôm nay nhận ngay 100k, nạp đầu tặng 200%.",
    "Tải app nổ hũ đổi thưởng Hi88, rút tiền trong 5 phút, tặng giftcode tân thủ.",
    "Soi kèo tài xỉu chuẩn nhất tại JUN88 – link vào mới nhất không bị chặn.",
    "Vay online không cần gặp mặt, giải ngân trong 10 phút, lãi nhẹ.",
];

fn camouflaged(r: &mut Rng) -> Payload {
    let offer = *r.pick(OFFERS);
    let html = match r.below(3) {
        0 => {
            format!("<article><h2>Tổng kết cải cách hành chính</h2><p>{NEWS} {offer}</p></article>")
        }
        1 => format!(
            "<h2>{}</h2><blockquote><p>“{offer}”</p></blockquote><p>{NEWS}</p>",
            r.pick(&[
                "Cảnh báo quảng cáo cờ bạc trá hình",
                "Cảnh giác với lời mời chào trên mạng",
                "Công an khuyến cáo người dân",
            ])
        ),
        _ => format!(
            "<p>{NEWS}</p><div class=\"tin-lien-quan\"><h3>Tin liên quan</h3><ul>\
             <li><a href=\"/tin-tuc/hoi-nghi-so-hoa\">Hội nghị số hóa hồ sơ cấp xã</a></li>\
             <li><a href=\"/tin-tuc/{}\">{offer}</a></li>\
             <li><a href=\"/tin-tuc/lich-tiep-dan\">Lịch tiếp công dân tháng 12</a></li></ul></div>",
            r.below(900) + 100
        ),
    };
    Payload {
        html,
        planted: vec![normalize(offer)],
        ..Default::default()
    }
}

fn framed(r: &mut Rng) -> Payload {
    let s = r.spam();
    let host = r.host();
    let url = r.url(&host);
    let (html, planted) = match r.below(3) {
        0 => {
            let doc = format!("&lt;p&gt;{}&lt;/p&gt;", s.html);
            (
                format!("<iframe srcdoc=\"{doc}\" width=\"300\" height=\"90\"></iframe>"),
                vec![s.phrase],
            )
        }
        1 => (
            format!(
                "<iframe src=\"{url}\" width=\"0\" height=\"0\"><p>{}</p></iframe>",
                s.html
            ),
            vec![s.phrase, host],
        ),
        _ => (
            format!(
                "<frameset cols=\"100%\"><frame src=\"{url}\"><noframes><p>{}</p></noframes></frameset>",
                s.html
            ),
            vec![s.phrase, host],
        ),
    };
    Payload {
        html,
        planted,
        ..Default::default()
    }
}

fn spaced_benign(r: &mut Rng) -> Payload {
    let word = *r.pick(&["TIN TỨC", "LIÊN HỆ", "THÔNG BÁO", "VĂN BẢN"]);
    let (gap, wide) = *r.pick(&[(" ", "   "), ("&nbsp;", "&nbsp;&nbsp;"), (" · ", "  ")]);
    let text = spread(word, gap, wide);
    Payload {
        html: r.pick(SPACED_PLACES).replace("{u}", &text),
        ..Default::default()
    }
}

fn news_benign(r: &mut Rng) -> Payload {
    let html = match r.below(2) {
        0 => format!(
            "<p>{NEWS}</p><div class=\"tin-lien-quan\"><h3>Tin liên quan</h3><ul>\
             <li><a href=\"/tin-tuc/hoi-nghi-so-hoa\">Hội nghị số hóa hồ sơ cấp xã</a></li>\
             <li><a href=\"/tin-tuc/canh-bao\">Cảnh báo thủ đoạn lừa đảo qua ứng dụng vay tiền</a></li></ul></div>"
        ),
        _ => "<iframe srcdoc=\"&lt;p&gt;Lịch tiếp công dân tháng 12: thứ Năm hằng tuần.&lt;/p&gt;\" title=\"Lịch tiếp dân\" width=\"300\" height=\"90\"></iframe>".to_string(),
    };
    Payload {
        html,
        ..Default::default()
    }
}

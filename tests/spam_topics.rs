//! Attack suite (issue 14, class #44): planted spam on topics beyond Vietnamese betting.
//! Chinese gambling (博彩, 百家乐, 娱乐城, written without spaces), Thai slots (สล็อต,
//! บาคาร่า), Indonesian/Malay "judi slot gacor", pharmacy spam, adult sites and predatory
//! loan apps: hidden on the page, stuffed into a block in plain sight, or as a foreign
//! link's text. Each goes under the rule it would go under in Vietnamese.
//!
//! Benign twins: police and health news about the same topics (a gambling ring broken up,
//! counterfeit Viagra seized, a warning about loan-shark apps), in each language, come
//! through byte for byte.

use crate::common;

use common::rewrite::{clean, site};

const NEWS: &str = "<p>Sáng nay, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm, đánh giá kết quả thực hiện các nhiệm vụ phát triển kinh tế xã hội, cải cách hành chính và chuyển đổi số trên địa bàn.</p>";

/// Keyword-stuffed spam of each topic, with the word that must be gone.
const SPAM: &[(&str, &str)] = &[
    (
        "澳门博彩娱乐城，百家乐真人视讯，老虎机体育投注，首存送彩金",
        "百家乐",
    ),
    ("線上賭場百家樂、娛樂城老虎機、體育投注註冊送彩金", "百家樂"),
    (
        "สล็อตเว็บตรง แตกง่าย บาคาร่า คาสิโนออนไลน์ เครดิตฟรี แทงบอล",
        "บาคาร่า",
    ),
    (
        "Situs judi slot gacor hari ini, maxwin, RTP slot live, deposit pulsa, link alternatif",
        "gacor",
    ),
    (
        "Mua Viagra chính hãng, Cialis giá rẻ, thuốc kích dục nữ, Kamagra giao hàng toàn quốc",
        "Kamagra",
    ),
    (
        "Buy Viagra online, cheap Cialis, generic Viagra, Kamagra next day",
        "Kamagra",
    ),
    (
        "Phim sex HD, xem phim sex Việt, phim heo, gái gọi cao cấp, JAV HD",
        "gái gọi",
    ),
    (
        "Vay tiền nhanh, app vay online, giải ngân trong 5 phút, chỉ cần CCCD, hỗ trợ nợ xấu",
        "nợ xấu",
    ),
];

fn page(body: &str) -> String {
    format!(
        "<html><head><title>Tin tức</title></head><body><main>{NEWS}{body}<p>Liên hệ</p></main></body></html>"
    )
}

#[test]
fn hidden_topic_spam_goes() {
    for (spam, word) in SPAM {
        let html = page(&format!("<div style=\"display:none\">{spam}</div>"));
        let (out, events) = clean(&site(""), &html);
        assert!(!out.contains(word), "{out}");
        assert!(
            events.iter().any(|e| e.rule == "spam.keyword"),
            "{spam}: {events:?}"
        );
        assert!(out.contains(NEWS), "{out}");
    }
}

#[test]
fn topic_spam_blocks_in_plain_sight_go() {
    for (spam, word) in SPAM {
        let html = page(&format!("<div class=\"ft\"><p>{spam}</p></div>"));
        let (out, events) = clean(&site(""), &html);
        assert!(!out.contains(word), "{out}");
        assert!(
            events.iter().any(|e| e.rule == "spam.block"),
            "{spam}: {events:?}"
        );
        assert!(
            out.contains(NEWS) && out.contains("<p>Liên hệ</p>"),
            "{out}"
        );
    }
}

#[test]
fn topic_terms_as_foreign_link_text_go_with_the_link() {
    for text in [
        "百家乐",
        "สล็อตเว็บตรง",
        "slot gacor",
        "vay tiền nhanh",
        "buy viagra",
    ] {
        let html = page(&format!(
            "<p>Xem thêm: <a href=\"https://spam.test/\">{text}</a>.</p>"
        ));
        let (out, _) = clean(&site(""), &html);
        assert!(!out.contains(text), "{out}");
    }
}

#[test]
fn news_about_the_topics_is_untouched() {
    for body in [
        "<article><p>警方破获一个跨境网络赌博犯罪团伙，抓获犯罪嫌疑人32名。该团伙通过博彩网站组织百家乐、老虎机等赌博活动，涉嫌开设赌场罪。</p></article>",
        "<article><p>ตำรวจจับกุมผู้ต้องหาเปิดเว็บพนันออนไลน์ สล็อต และบาคาร่า ผิดกฎหมาย พร้อมยึดทรัพย์สิน ดำเนินคดีตามกฎหมาย</p></article>",
        "<article><p>Polisi menangkap lima tersangka judi online. Kapolres menyatakan pemberantasan judi slot akan terus dilakukan karena bahaya judi bagi masyarakat; para pelaku dijerat tindak pidana perjudian.</p></article>",
        "<article><p>Quản lý thị trường thu giữ 2.000 hộp thuốc cường dương, Viagra và Cialis không rõ nguồn gốc; Cục Quản lý Dược khuyến cáo người dân không mua thuốc trôi nổi.</p></article>",
        "<article><p>Công an tỉnh cảnh báo thủ đoạn lừa đảo qua app vay online, vay tiền online lãi suất cao của các đối tượng tín dụng đen; người dân cần cảnh giác.</p></article>",
        "<article><p>Công an tỉnh triệt phá đường dây đánh bạc, cá độ bóng đá qua mạng do các đối tượng câu kết với nhà cái nước ngoài tổ chức; khởi tố 12 bị can về tội tổ chức đánh bạc.</p></article>",
        "<ul><li><a href=\"/giai-ngan-von-dau-tu-cong\">Đẩy nhanh giải ngân vốn đầu tư công</a></li><li><a href=\"/tin-dung\">Chính sách tín dụng ưu đãi cho hộ nghèo</a></li></ul>",
    ] {
        let html = page(body);
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "{body}");
        assert!(events.is_empty(), "{body}: {events:?}");
    }
}

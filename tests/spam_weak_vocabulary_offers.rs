//! Attack suite (issue 14, class "planted spam", short offers in weak vocabulary): a short
//! advert with no brand and no URL whose words news also uses one by one: lottery tips
//! ("Soi cầu lô đề miền Bắc chính xác 100%", "Số đề đẹp hôm nay", "Bao lô 2 số chắc ăn"),
//! escorts and sugar dating ("Gái xinh cao cấp", "Tìm bạn tình một đêm", "Sugar baby
//! Telegram @…"), forged and medical papers ("Làm giả CCCD", "Làm giấy nghỉ ốm") and spy apps
//! ("NGHE LÉN CUỘC GỌI BẢO MẬT TUYỆT ĐỐI, KHÔNG BỊ PHÁT HIỆN"), generated as written, without
//! diacritics and in upper case, in a paragraph, a heading, a list item, a table cell, a
//! footer, a search echo ("Kết quả tìm kiếm cho: …") and the title. The offer goes
//! (`spam.block`, `spam.inline`, `spam.keyword`), the news around it stays.
//!
//! The notes of the last session, with their own cases: a steering sentence run into a long
//! article goes alone ("Hãy truy cập nhà cái để tham gia.", an online casino as the place);
//! a reassurance about the law ("không lo bị xử phạt") is no editorial phrase; letter-spaced
//! brands ("K U B E T", "N E W 8 8", "8 8 8 B") are brands.
//!
//! Before the fix 201 of 312 offers in carriers, 47 of 78 titles and 10 of 15 notes got
//! through, and 31 of 171 twins were cut ("IP68", crackdown news without diacritics); after
//! it none is.
//!
//! Benign twins, byte for byte and without an event: results of the legal state lottery,
//! health-check and social-insurance notices, crackdown news (also written without
//! diacritics and naming a brand), police warnings, phone specs ("IP68"), news of a past act
//! ("Anh T. đã đăng ký tài khoản tại nhà cái…") and of people who "chơi casino" abroad.

use crate::common;

use std::sync::Arc;

use common::rewrite::{PLANS, clean, rewrite, rule_ids, site};
use lachan::config::Site;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A paragraph of ordinary news, without betting words.
const NEWS: &str = "Ủy ban nhân dân tỉnh triển khai kế hoạch cải cách hành chính năm 2025, người dân được hướng dẫn nộp hồ sơ trực tuyến qua Cổng dịch vụ công quốc gia và tra cứu kết quả giải quyết thủ tục.";

/// Short offers of the four families, in their sellers' wording.
const OFFERS: &[&str] = &[
    // Lottery tips.
    "Soi cầu lô đề miền Bắc chính xác 100%",
    "Dự đoán XSMB hôm nay bạch thủ lô",
    "Nuôi lô khung 3 ngày",
    "Chốt số đề đẹp",
    "Lô đẹp hôm nay miền Bắc",
    "Số đề đẹp hôm nay",
    "Thống kê cầu lô đẹp",
    "Bao lô 2 số chắc ăn",
    "Song thủ lô miền Nam",
    "Dàn đề 36 số bất bại",
    "Cao thủ chốt số",
    // Escorts and sugar dating.
    "Gái gọi phục vụ tận nơi",
    "Gái xinh cao cấp",
    "Tìm bạn tình một đêm",
    "Sugar baby Telegram @linhxinh99",
    "Hẹn hò qua đêm kín đáo",
    "Massage kích dục tại nhà",
    "Gái bao cao cấp",
    "Gái xinh phục vụ 24/7",
    "Tìm bạn tình Sài Gòn",
    "Em gái nhận khách qua đêm",
    "Call girl cao cấp",
    // Forged and medical papers.
    "Làm giấy khám sức khỏe lấy ngay",
    "Làm bằng đại học giá rẻ",
    "Làm giả CCCD",
    "Làm giấy nghỉ ốm",
    "Làm giấy ra viện, giấy nghỉ ốm",
    "Làm bằng đại học có hồ sơ gốc",
    "Mua giấy nghỉ ốm online",
    "Làm căn cước giả",
    "Làm hộ chiếu giả lấy nhanh",
    "Giấy khám sức khỏe lấy liền",
    // Spy apps.
    "NGHE LÉN CUỘC GỌI BẢO MẬT TUYỆT ĐỐI, KHÔNG BỊ PHÁT HIỆN",
    "Phần mềm nghe lén điện thoại",
    "Theo dõi Zalo vợ không bị phát hiện",
    "Cài phần mềm theo dõi điện thoại",
    "App gián điệp điện thoại",
    "Phần mềm nghe lén cuộc gọi miễn phí",
    "Đọc trộm tin nhắn Zalo",
];

/// Places a short offer takes: each with the page part it leaves.
const CARRIERS: &[(&str, &str)] = &[
    ("<p>{}</p>", ""),
    ("<h3>{}</h3>", ""),
    (
        "<ul><li><a href=\"/gioi-thieu\">Giới thiệu</a></li><li>{}</li></ul>",
        "<ul><li><a href=\"/gioi-thieu\">Giới thiệu</a></li></ul>",
    ),
    (
        "<table><tr><td>Cơ quan chủ quản</td><td>{}</td></tr></table>",
        "<table><tr><td>Cơ quan chủ quản</td></tr></table>",
    ),
    ("<footer><p>{}</p></footer>", "<footer></footer>"),
    (
        "<div class=\"search\"><p>Kết quả tìm kiếm cho: {}</p></div>",
        "",
    ),
];

/// Without diacritics.
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

/// The written forms of a planted text: as is, without diacritics, in upper case.
fn forms(text: &str) -> [String; 3] {
    [text.to_string(), strip_marks(text), text.to_uppercase()]
}

/// The page around `body`, with a neutral title.
fn page(body: &str) -> String {
    format!(
        "<html><head><title>Sở Tư pháp</title></head><body><main><p>{NEWS}</p>{body}</main></body></html>"
    )
}

/// Whether the planted text is out of `out` (in any case, with or without diacritics).
fn gone(out: &str, planted: &str) -> bool {
    let out = strip_marks(out).to_lowercase();
    !out.contains(&strip_marks(planted).to_lowercase())
}

/// One attack page in the first chunking: the offer is gone, the news stays, a spam rule
/// fired.
fn check_cut(s: &Arc<Site>, html: &str, planted: &str) -> Result<(), String> {
    let (out, events) = rewrite(s, html.as_bytes(), PLANS[0], None);
    let out = String::from_utf8(out).expect("UTF-8");
    let rules = rule_ids(&events);
    let audited = rules
        .iter()
        .any(|r| matches!(*r, "spam.inline" | "spam.block" | "spam.keyword"));
    if gone(&out, planted) && out.contains(NEWS) && audited {
        Ok(())
    } else {
        Err(format!("{planted}\n  -> {out}\n  rules {rules:?}"))
    }
}

fn report(failed: &[String], total: usize) {
    assert!(
        failed.is_empty(),
        "{} of {total} got through:\n{}",
        failed.len(),
        failed
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn short_weak_offers_go_in_every_carrier() {
    let s = site("");
    let (mut failed, mut total) = (Vec::new(), 0);
    for (o, offer) in OFFERS.iter().enumerate() {
        for (c, (carrier, _)) in CARRIERS.iter().enumerate() {
            // Each offer in each carrier, in a form that rotates: each form meets each.
            let text = &forms(offer)[(o + c) % 3];
            let body = carrier.replace("{}", text);
            total += 1;
            if let Err(e) = check_cut(&s, &page(&body), text) {
                failed.push(e);
            }
        }
        // And every form in a paragraph.
        for text in &forms(offer)[1..] {
            total += 1;
            if let Err(e) = check_cut(&s, &page(&format!("<p>{text}</p>")), text) {
                failed.push(e);
            }
        }
    }
    report(&failed, total);
}

#[test]
fn short_weak_offer_in_a_title_is_replaced() {
    let s = site("");
    let (mut failed, mut total) = (Vec::new(), 0);
    for (o, offer) in OFFERS.iter().enumerate() {
        for k in 0..2 {
            let text = &forms(offer)[(o + k) % 3];
            total += 1;
            let html = format!(
                "<html><head><title>{text}</title></head><body><p>{NEWS}</p></body></html>"
            );
            let (out, events) = rewrite(&s, html.as_bytes(), PLANS[0], None);
            let out = String::from_utf8(out).expect("UTF-8");
            if !gone(&out, text) || !rule_ids(&events).contains(&"spam.keyword") {
                failed.push(format!("{text} -> {out}"));
            }
        }
    }
    report(&failed, total);
}

#[test]
fn short_weak_offers_leave_their_carrier_in_every_chunking() {
    for (i, (carrier, left)) in CARRIERS.iter().enumerate() {
        let offer = OFFERS[(i * 7) % OFFERS.len()];
        let (out, events) = clean(&site(""), &page(&carrier.replace("{}", offer)));
        // The offer goes, as its element, as its text or with the short block it made up.
        assert!(
            out == page(left) || out == page(""),
            "{carrier} {offer}: {out}"
        );
        assert!(!events.is_empty(), "{carrier} {offer}");
    }
}

/// A genuine article of three sentences, long enough that one planted sentence is under
/// every share threshold of it.
const ARTICLE: &str = "Ủy ban nhân dân tỉnh vừa tổ chức hội nghị tổng kết công tác cải cách hành chính năm 2024 với sự tham dự của lãnh đạo các sở, ban, ngành và địa phương. Tại hội nghị, các đại biểu đã thảo luận về việc nâng cao chất lượng phục vụ người dân, đẩy mạnh chuyển đổi số và rút ngắn thời gian giải quyết thủ tục hành chính. Lãnh đạo tỉnh yêu cầu các đơn vị tiếp tục rà soát quy trình, công khai minh bạch và tăng cường kiểm tra, giám sát việc thực hiện.";

/// The notes of the last session: sentences run into [`ARTICLE`], and short units.
const NOTES: &[&str] = &[
    "Hãy truy cập nhà cái để tham gia.",
    "Các bạn nên chọn nhà cái có giấy phép để chơi.",
    "Chơi casino trực tuyến tại Thiên Đường nhé.",
    "Tham gia casino trực tuyến ngay để nhận ưu đãi.",
    "Chơi tại nhà cái, không lo bị xử phạt.",
    "Choi casino truc tuyen tai Hoang Gia nhe.",
];

#[test]
fn session_notes_steering_reassurance_and_spaced_brands() {
    let s = site("");
    let (mut failed, mut total) = (Vec::new(), 0);
    for note in NOTES {
        total += 1;
        let html = page(&format!("<p>{ARTICLE} {note}</p>"));
        let (out, events) = rewrite(&s, html.as_bytes(), PLANS[0], None);
        let out = String::from_utf8(out).expect("UTF-8");
        if !gone(&out, note) || !out.contains(ARTICLE) || events.is_empty() {
            failed.push(format!("{note} -> {:?}", rule_ids(&events)));
        }
    }
    for unit in [
        "Tham gia cá cược tại casino online không lo bị xử phạt",
        "Cá độ bóng đá qua mạng an toàn, không lo bị xử phạt, rút tiền nhanh",
        "K U B E T",
        "N E W 8 8",
        "8 8 8 B",
        "Link vào 8 8 8 B mới nhất",
        "Đăng ký K U B E T nhận thưởng",
        "N H A C A I 8 8 8 B",
        "Vào J U N 8 8 ngay",
    ] {
        total += 1;
        if let Err(e) = check_cut(&s, &page(&format!("<p>{unit}</p>")), unit) {
            failed.push(e);
        }
    }
    report(&failed, total);
}

/// Texts that share the offers' words: the legal lottery, health and social-insurance
/// notices, crackdown news (with and without diacritics), police warnings, phone specs,
/// news of past acts and of casinos abroad.
const TWINS: &[&str] = &[
    "Kết quả xổ số miền Bắc hôm nay",
    "Xổ số kiến thiết Thủ đô mở thưởng",
    "XSMB - Kết quả xổ số kiến thiết miền Bắc",
    "Công ty Xổ số kiến thiết Vĩnh Long thông báo kết quả mở thưởng kỳ vé ngày 17/10",
    "Giải đặc biệt: 12345 - Giải nhất: 67890",
    "Thống kê kết quả xổ số kiến thiết năm 2024",
    "Đấu giá biển số đẹp hôm nay",
    "Lô đất đẹp mặt tiền đường Nguyễn Huệ được đưa ra đấu giá",
    "Công an cảnh báo tình trạng làm giả giấy khám sức khỏe",
    "Bệnh viện tổ chức khám sức khỏe cho người lao động, trả kết quả trong ngày",
    "Hướng dẫn thủ tục cấp giấy khám sức khỏe lái xe",
    "Hướng dẫn làm giấy nghỉ ốm hưởng chế độ bảo hiểm xã hội",
    "Khởi tố nhóm đối tượng làm giả CCCD để vay tiền",
    "Bắt nhóm làm giả CCCD",
    "Vụ làm giả CCCD",
    "Mua giấy nghỉ ốm: coi chừng",
    "Triệt phá đường dây gái gọi cao cấp tại khách sạn",
    "Tăng cường phòng chống mại dâm trên địa bàn tỉnh",
    "Cảnh báo phần mềm nghe lén cuộc gọi, đọc trộm tin nhắn",
    "Phần mềm gián điệp Pegasus bị phát hiện trên điện thoại nhiều nhà báo",
    "Tổng đài hỗ trợ 24/7, bảo mật tuyệt đối thông tin khách hàng",
    "Bảo mật tuyệt đối, không để lộ thông tin người tố giác",
    "Cong an triet pha duong day ca do qua mang 789BET",
    "Cong an tinh triet pha duong day danh bac qua mang KUBET",
    "Bat giu nhom doi tuong to chuc danh bac qua trang W88",
    "Điện thoại đạt chuẩn chống nước IP68",
    "Samsung Galaxy S24 Ultra đạt chuẩn IP68, camera 200MP",
    "Đồng hồ thông minh chống nước IP68, hỗ trợ eSIM",
    "Nhiều người Việt sang Campuchia chơi casino và bị giữ lại làm việc.",
    "Triệt phá đường dây ghi lô đề, thu giữ bảng ghi số đề",
    "Cấp đổi CCCD cho người dân, lấy ngay trong ngày",
    "Hướng dẫn làm căn cước cho trẻ em dưới 14 tuổi",
    "Lừa đảo qua Telegram: giả danh sugar baby để chiếm đoạt tiền",
];

/// Search echoes of queries that share the offers' words.
const SEARCHES: &[&str] = &[
    "xổ số kiến thiết",
    "kết quả xổ số miền Bắc",
    "khám sức khỏe",
    "làm căn cước",
    "Công an cảnh báo làm giả giấy tờ",
    "chống nước IP68",
];

#[test]
fn lottery_health_crackdown_and_spec_twins_stay() {
    let s = site("");
    let (mut failed, mut total) = (Vec::new(), 0);
    for twin in TWINS {
        for (carrier, _) in &CARRIERS[..5] {
            total += 1;
            let html = page(&carrier.replace("{}", twin));
            let (out, events) = rewrite(&s, html.as_bytes(), PLANS[0], None);
            let out = String::from_utf8(out).expect("UTF-8");
            if out != html || !events.is_empty() {
                failed.push(format!("{carrier} {twin}: {:?}", rule_ids(&events)));
            }
        }
    }
    for query in SEARCHES {
        total += 1;
        let html = page(&CARRIERS[5].0.replace("{}", query));
        let (out, events) = rewrite(&s, html.as_bytes(), PLANS[0], None);
        if out != html.as_bytes() || !events.is_empty() {
            failed.push(format!("search {query}: {:?}", rule_ids(&events)));
        }
    }
    report(&failed, total);
}

#[test]
fn past_acts_in_an_article_stay_in_every_chunking() {
    for sentence in [
        "Anh T. đã đăng ký tài khoản tại nhà cái và nạp 50 triệu đồng.",
        "Theo cơ quan điều tra, nạn nhân đăng ký tài khoản tại nhà cái rồi bị chiếm đoạt tiền.",
        "Nhiều người sang Campuchia chơi casino và bị giữ lại làm việc.",
    ] {
        let html = page(&format!("<p>{ARTICLE} {sentence}</p>"));
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "{sentence}");
        assert!(events.is_empty(), "{sentence}: {:?}", rule_ids(&events));
    }
}

#[test]
fn benign_titles_stay() {
    for title in [
        "Kết quả xổ số kiến thiết miền Bắc hôm nay",
        "Khởi tố nhóm đối tượng làm giả CCCD",
        "Samsung Galaxy S24 đạt chuẩn IP68",
        "Cong an triet pha duong day ca do qua mang 789BET",
        "Hướng dẫn làm giấy nghỉ ốm hưởng chế độ bảo hiểm xã hội",
    ] {
        let html =
            format!("<html><head><title>{title}</title></head><body><p>{NEWS}</p></body></html>");
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html);
        assert!(events.is_empty(), "{title}: {:?}", rule_ids(&events));
    }
}

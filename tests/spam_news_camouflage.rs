//! Attack suite (issue 14, camouflage in news sections): one promoting spam sentence (a
//! brand, a contact or a call to action) planted inside otherwise ordinary news of a
//! portal's sections: sports, trade and industry, digital transformation, public order,
//! crime prevention, press releases, Q&A, market bulletins, lottery results and youth-union
//! news. The spam sentence (or its paragraph) goes; the article's other paragraphs stay.
//!
//! Benign twins, byte for byte: the same article with a sentence that *reports* on such
//! spam (a warning, an arrest) in its place.
//!
//! Also one offer addressed to the readers (an app, a brand or a private contact) between
//! two genuine sentences of one paragraph, where it is a fifth to a quarter of the words;
//! its twin is an official notice with a phone number, a hotline or a prize amount. And an
//! advert after an editorial lead-in and a colon; its twins, a report after the same lead-in
//! and a report that cites the suspects' advert after a colon ("với nội dung: …").

use crate::common;

use common::rewrite::{clean, site};

/// (section, heading, opening paragraph, lead of the middle paragraph, closing paragraph).
const SECTIONS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "sports",
        "Đội tuyển bóng đá tỉnh giành quyền vào vòng chung kết",
        "Chiều qua, đội tuyển bóng đá của tỉnh thắng 2-0 trên sân nhà, chính thức giành vé vào vòng chung kết giải hạng Nhì quốc gia.",
        "Huấn luyện viên trưởng cho biết toàn đội sẽ tập trung tập luyện trong hai tuần tới.",
        "Ban tổ chức giải sẽ công bố lịch thi đấu vòng chung kết vào tuần sau.",
    ),
    (
        "trade and industry",
        "Sở Công Thương tổ chức hội chợ hàng Việt",
        "Hội chợ hàng Việt năm nay thu hút 200 gian hàng của các doanh nghiệp trong và ngoài tỉnh, kéo dài đến hết chủ nhật.",
        "Nhiều sản phẩm OCOP của địa phương được giới thiệu tới người tiêu dùng.",
        "Sở Công Thương đề nghị các doanh nghiệp niêm yết giá và bảo đảm an toàn thực phẩm.",
    ),
    (
        "digital transformation",
        "Đẩy mạnh chuyển đổi số trong cải cách hành chính",
        "Ủy ban nhân dân huyện triển khai kế hoạch chuyển đổi số, phấn đấu 90% hồ sơ được tiếp nhận trực tuyến trong năm nay.",
        "Người dân có thể nộp hồ sơ qua Cổng dịch vụ công quốc gia và theo dõi kết quả trên điện thoại.",
        "Các tổ công nghệ số cộng đồng sẽ hướng dẫn người dân tại từng thôn, tổ dân phố.",
    ),
    (
        "public order",
        "Bảo đảm trật tự an toàn giao thông dịp cuối năm",
        "Công an thành phố tăng cường tuần tra, kiểm soát trên các tuyến đường trọng điểm trong dịp cuối năm.",
        "Lực lượng cảnh sát giao thông sẽ xử lý nghiêm các trường hợp vi phạm nồng độ cồn.",
        "Người dân được khuyến nghị chấp hành nghiêm luật giao thông khi tham gia giao thông.",
    ),
    (
        "crime prevention",
        "Ra quân phòng chống tội phạm trên không gian mạng",
        "Sáng nay, Công an tỉnh tổ chức lễ ra quân cao điểm phòng chống tội phạm công nghệ cao.",
        "Lực lượng chức năng sẽ tăng cường tuyên truyền tại trường học và khu dân cư.",
        "Mọi thông tin tố giác tội phạm xin gửi về Công an tỉnh qua đường dây nóng.",
    ),
    (
        "press release",
        "Thông cáo báo chí về kết quả kỳ họp thứ mười",
        "Kỳ họp thứ mười Hội đồng nhân dân tỉnh đã thông qua 25 nghị quyết quan trọng về kinh tế, xã hội.",
        "Các đại biểu thống nhất cao với báo cáo của Ủy ban nhân dân tỉnh về tình hình năm qua.",
        "Văn phòng Hội đồng nhân dân tỉnh trân trọng thông báo để các cơ quan báo chí đưa tin.",
    ),
    (
        "Q&A",
        "Hỏi đáp: thủ tục cấp đổi giấy phép lái xe",
        "Hỏi: Tôi muốn đổi giấy phép lái xe đã hết hạn thì cần chuẩn bị những giấy tờ gì?",
        "Trả lời: Công dân chuẩn bị đơn đề nghị, giấy khám sức khỏe và bản sao giấy phép lái xe.",
        "Hồ sơ được nộp tại Sở Giao thông vận tải hoặc trực tuyến qua Cổng dịch vụ công.",
    ),
    (
        "market bulletin",
        "Bản tin thị trường nông sản tuần này",
        "Giá lúa tại các huyện phía nam tỉnh tăng nhẹ, dao động từ 7.500 đến 8.000 đồng mỗi kilôgam.",
        "Giá thịt lợn hơi ổn định, trong khi giá rau xanh giảm do nguồn cung dồi dào.",
        "Sở Nông nghiệp khuyến nghị nông dân theo dõi thông tin thị trường để chủ động sản xuất.",
    ),
    (
        "lottery results",
        "Kết quả xổ số kiến thiết ngày 5 tháng 12",
        "Công ty Xổ số kiến thiết tỉnh công bố kết quả mở thưởng kỳ vé ngày 5 tháng 12.",
        "Giải đặc biệt thuộc về vé số 482193, được phát hành tại đại lý ở trung tâm thành phố.",
        "Người trúng thưởng liên hệ công ty trong vòng 30 ngày để nhận giải theo quy định.",
    ),
    (
        "youth union",
        "Tuổi trẻ huyện ra quân chiến dịch tình nguyện mùa đông",
        "Đoàn Thanh niên huyện tổ chức ra quân chiến dịch tình nguyện mùa đông với hơn 300 đoàn viên tham gia.",
        "Các đội hình tình nguyện sẽ sửa chữa nhà văn hóa và tặng quà cho học sinh nghèo.",
        "Huyện đoàn kêu gọi đoàn viên, thanh niên tích cực hưởng ứng chiến dịch.",
    ),
];

/// Planted promoting sentences, one per section (a brand, a contact or a call to action).
const SPAM: &[&str] = &[
    "Đăng ký Vuabet nhận ngay 150k, nổ hũ uy tín số 1, link vào không bị chặn.",
    "Vay tiền nhanh giải ngân trong 10 phút, không cần thế chấp, liên hệ Zalo 0915 222 333.",
    "Tuyển CTV online làm tại nhà, thu nhập 400k mỗi ngày, inbox Zalo 0906 777 888.",
    "Thu mua tài khoản ngân hàng chính chủ giá cao, liên hệ Telegram @taikhoanvip.",
    "Tool hack tài xỉu chuẩn 99%, tải ngay tại Telegram @toolking79.",
    "Sàn coin uy tín số 1, copy trade lợi nhuận 3% mỗi ngày, nạp USDT tham gia ngay.",
    "Làm bằng đại học giả, bằng lái xe không cần thi, liên hệ 0977 123 456.",
    "Soi cầu bạch thủ lô chuẩn xác hôm nay, chốt số dàn đề miễn phí tại Xoso88.",
    "Đá gà trực tiếp Thomo hôm nay tại SV388, đăng ký nhận thưởng 100k.",
    "Claim 200 free spins at Spin79 online casino, sign up now and get your welcome bonus.",
];

/// Reporting sentences on the same spam (the benign twins).
const REPORTS: &[&str] = &[
    "Công an tỉnh cảnh báo các trang cá cược trái phép quảng cáo nổ hũ, tài xỉu trên mạng xã hội.",
    "Công an huyện vừa bắt giữ nhóm đối tượng cho vay nặng lãi qua ứng dụng vay tiền nhanh.",
    "Người dân cần cảnh giác với chiêu trò tuyển cộng tác viên online, việc nhẹ lương cao để lừa đảo.",
    "Công an khuyến cáo người dân không mua bán tài khoản ngân hàng vì có thể bị xử lý hình sự.",
];

fn article(heading: &str, open: &str, middle: &str, close: &str) -> String {
    format!(
        "<html><head><title>Tin tức</title></head><body><main><article><h1>{heading}</h1><p>{open}</p><p>{middle}</p><p>{close}</p></article></main></body></html>"
    )
}

/// A benign page comes out byte for byte, with no event.
fn assert_unchanged(html: &str, what: &str) {
    let (out, events) = clean(&site(""), html);
    assert_eq!(out, html, "{what}");
    assert!(events.is_empty(), "{what}: {events:?}");
}

#[test]
fn a_spam_sentence_planted_in_section_news_goes() {
    let mut misses = Vec::new();
    for (i, (section, heading, open, lead, close)) in SECTIONS.iter().enumerate() {
        let spam = SPAM[i % SPAM.len()];
        for middle in [format!("{lead} {spam}"), format!("{spam} {lead}")] {
            let html = article(heading, open, &middle, close);
            let (out, events) = clean(&site(""), &html);
            let gone = !out.contains(spam) && !events.is_empty();
            let kept = out.contains(heading) && out.contains(open) && out.contains(close);
            if !gone || !kept {
                misses.push(format!("{section}: {middle}\n  -> {out}"));
            }
        }
    }
    assert!(
        misses.is_empty(),
        "{} missed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn a_report_on_spam_in_section_news_is_unchanged() {
    for (i, (section, heading, open, lead, close)) in SECTIONS.iter().enumerate() {
        let report = REPORTS[i % REPORTS.len()];
        for middle in [format!("{lead} {report}"), format!("{report} {lead}")] {
            let html = article(heading, open, &middle, close);
            assert_unchanged(&html, section);
        }
    }
}

/// Offers addressed to the section's readers ("bà con", "khán giả", "phụ huynh"…) that name
/// an app, a brand or a private contact: each is one sentence among genuine ones.
const OFFERS: &[&str] = &[
    "Bà con thiếu vốn sản xuất có thể vay tiền nhanh không thế chấp qua Zalo 0987 654 321, giải ngân trong ngày.",
    "Khán giả muốn đặt cược có thể tải app Kubet79 để nhận thưởng 100k mỗi trận đấu.",
    "Các bạn trẻ muốn kiếm tiền online tại nhà hãy nhắn Telegram @viecnhanh24 để nhận nhiệm vụ.",
    "Người dân cần làm bằng lái xe không cần thi liên hệ ngay 0933 444 555 để được hỗ trợ.",
    "Trong lúc chờ kết quả, hãy thử vận may với Sin88, link đăng nhập mới tại trang chủ nhà cái.",
    "Phụ huynh quan tâm có thể tham gia sàn coin uy tín Bitmax365, lợi nhuận 3% mỗi ngày, đăng ký ngay.",
];

/// Genuine sentences with a contact, a call or an amount, in the same place (benign twins).
const NOTICES: &[&str] = &[
    "Mọi thắc mắc xin liên hệ đồng chí Nguyễn Văn An, Phó Chánh Văn phòng, số điện thoại 0912 345 678.",
    "Hộ nghèo có nhu cầu vay vốn ưu đãi liên hệ Ngân hàng Chính sách xã hội huyện qua số 0238 3822 111.",
    "Người trúng thưởng liên hệ công ty trong vòng 30 ngày để nhận giải, giá trị giải đặc biệt 2 tỷ đồng.",
    "Người dân có thể tải ứng dụng VNeID để đăng ký tài khoản định danh điện tử miễn phí.",
    "Đường dây nóng của Ban tổ chức: 0238 3555 999, hoạt động 24/24 trong những ngày diễn ra giải.",
];

#[test]
fn an_offer_between_two_sentences_of_a_news_paragraph_goes() {
    let mut misses = Vec::new();
    for (i, (section, heading, open, lead, close)) in SECTIONS.iter().enumerate() {
        let offer = OFFERS[i % OFFERS.len()];
        let middle = format!("{lead} {offer} {close}");
        let html = article(heading, open, &middle, close);
        let (out, events) = clean(&site(""), &html);
        let gone = !out.contains(offer) && !events.is_empty();
        let kept = out.contains(heading) && out.contains(&format!("<p>{open}</p>"));
        if !gone || !kept {
            misses.push(format!("{section}: {middle}\n  -> {out}"));
        }
    }
    assert!(
        misses.is_empty(),
        "{} missed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn a_notice_with_a_contact_between_two_sentences_of_news_is_unchanged() {
    for (i, (section, heading, open, lead, close)) in SECTIONS.iter().enumerate() {
        let notice = NOTICES[i % NOTICES.len()];
        let html = article(heading, open, &format!("{lead} {notice} {close}"), close);
        assert_unchanged(&html, section);
    }
}

/// An editorial lead-in and a colon before a planted advert ("Công an tỉnh giới thiệu: Tool
/// hack…"): the lead-in's reporting words are not the advert's.
const LEAD_INS: &[&str] = &[
    "Phòng Cảnh sát hình sự thông tin:",
    "Nhằm phòng chống tội phạm công nghệ cao, Công an tỉnh giới thiệu:",
    "Hội thảo chuyển đổi số trong ngân hàng:",
    "Theo khuyến cáo của cơ quan chức năng:",
];

const LED_ADVERTS: &[&str] = &[
    "Xem đá gà trực tiếp tại SV388 mỗi tối, đăng ký nhận thưởng 100k.",
    "Tool hack tài xỉu dự đoán chính xác 98%, tải ngay tại Telegram @toolking79.",
    "App vay tiền nhanh 20 triệu, chỉ cần CCCD, không thẩm định, liên hệ Zalo 0915 222 333.",
];

/// Reports after the same lead-ins (benign twins).
const LED_REPORTS: &[&str] = &[
    "Các đối tượng lập trang cá độ Kubet để dụ dỗ người chơi nạp tiền.",
    "Trong năm, lực lượng chức năng đã triệt phá 12 đường dây đánh bạc qua mạng.",
    "Người dân tuyệt đối không tham gia các ứng dụng vay tiền nhanh không rõ nguồn gốc.",
    "\u{201c}Không tải ứng dụng lạ, không cung cấp mã OTP cho bất kỳ ai\u{201d}, Thượng tá Nguyễn Văn B nhấn mạnh.",
];

#[test]
fn an_advert_after_an_editorial_lead_in_and_a_colon_goes() {
    let (_, heading, open, lead, close) = SECTIONS[3];
    let mut misses = Vec::new();
    for lead_in in LEAD_INS {
        for advert in LED_ADVERTS {
            let middle = format!("{lead} {lead_in} {advert}");
            let html = article(heading, open, &middle, close);
            let (out, events) = clean(&site(""), &html);
            if out.contains(advert) || events.is_empty() || !out.contains(close) {
                misses.push(format!("{middle}\n  -> {out}"));
            }
        }
    }
    assert!(
        misses.is_empty(),
        "{} missed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn a_report_after_an_editorial_lead_in_and_a_colon_is_unchanged() {
    let (_, heading, open, lead, close) = SECTIONS[3];
    for lead_in in LEAD_INS {
        for report in LED_REPORTS {
            let html = article(heading, open, &format!("{lead} {lead_in} {report}"), close);
            assert_unchanged(&html, &format!("{lead_in} {report}"));
        }
    }
}

/// A report that cites the suspects' advert after a colon, without quotation marks.
const CITING: &[&str] = &[
    "Công an huyện bắt giữ 3 đối tượng. Các đối tượng đăng tải trên mạng xã hội với nội dung: Đăng ký SV388 nhận thưởng 100k, liên hệ Zalo 0915 222 333.",
    "Thủ đoạn của các đối tượng như sau: Tool hack tài xỉu chính xác 98%, tải ngay tại Telegram @toolking79. Nhiều người đã bị lừa mất tiền.",
    "Police said the suspects posted adverts reading: Sign up at Spin79 and claim 200 free spins today.",
];

#[test]
fn a_report_citing_an_advert_after_a_colon_is_unchanged() {
    let (_, heading, open, _, close) = SECTIONS[4];
    for report in CITING {
        let html = article(heading, open, report, close);
        assert_unchanged(&html, report);
    }
}

/// Court reports that name the games and markets of a gambling ring (English and
/// Vietnamese), a sentence of attribution at a time.
const COURT_REPORTS: &[&str] = &[
    "The provincial People's Court sentenced five defendants to between three and eleven years in prison for organising gambling. The sites targeted players in Thailand, Korea and the Philippines with sabong betting, baccarat tables and sports odds, the indictment said.",
    "Prosecutors said the ring ran online casino and slot sites with welcome bonuses for new players. The operators testified that agents in three countries collected the deposits.",
    "Theo cáo trạng, các bị cáo lập trang cá cược bóng đá, tài xỉu, nổ hũ và trả thưởng qua ví điện tử. Các bị cáo khai nhận đã thu lời hơn 20 tỷ đồng.",
];

#[test]
fn a_court_report_naming_the_games_is_unchanged() {
    let (_, heading, open, _, close) = SECTIONS[4];
    for report in COURT_REPORTS {
        let html = article(heading, open, report, close);
        assert_unchanged(&html, report);
    }
}

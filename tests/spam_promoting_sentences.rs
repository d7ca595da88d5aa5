//! Attack suite (issue 14, camouflage): planted offers that borrow a news frame.
//!
//! - One promoting sentence in a genuine three-sentence news paragraph (first, middle or
//!   last; in a `p`, an `li` or a `blockquote`), addressed to an audience ("Phụ huynh cần…",
//!   "Tài xế muốn…") and selling an illicit service (health papers without an exam, task
//!   jobs, bank accounts opened for others, instant loans, forged licences, betting) with a
//!   way to act (liên hệ, gọi, nhắn Telegram, app X). Twins: the same shape with a lawful
//!   service (the one-stop desk, VNeID, a bank's or a hospital's line), byte for byte.
//! - Advert copy after a reporting frame: after a lead-in and a colon with no call of its
//!   own ("Công an tỉnh giới thiệu: Tool hack tài xỉu dự đoán chính xác 98%."), and in a
//!   `<blockquote>` under a police warning whose second sentence is pure advert. Twins:
//!   warnings that name the sites and games while reporting them.
//! - Advert text on the portal's own links (a "Xem nhiều" widget), on a sister `*.gov.vn`
//!   link and in a sidebar text widget. Twins: news titles on own links that name a term.

use crate::common;

use common::rewrite::{clean, site};

const HEADING: &str = "Tiêm chủng mở rộng: hơn 95% trẻ em được tiêm đủ mũi";
const OPEN: &str =
    "Trung tâm Kiểm soát bệnh tật tỉnh cho biết tỷ lệ tiêm chủng đạt cao nhất trong 5 năm qua.";
const CLOSE: &str = "Lịch tiêm được thông báo tại trạm y tế xã và trên loa truyền thanh của thôn.";
const OTHER: &str =
    "Ủy ban nhân dân huyện đề nghị các xã tiếp tục rà soát, tiêm bù cho trẻ chưa tiêm đủ mũi.";

/// Offers addressed to an audience, one topic each.
const OFFERS: &[&str] = &[
    "Phụ huynh cần giấy khám sức khỏe gấp có thể liên hệ dịch vụ khám sức khỏe lấy ngay, gọi 0901 222 333.",
    "Tài xế muốn kiếm thêm thu nhập lúc chờ hàng hãy thử xem quảng cáo kiếm tiền cùng app ViecNhanh, nhắn Telegram @viecnhanh.",
    "Doanh nghiệp cần mở tài khoản hộ để nhận tiền hoàn thuế, liên hệ anh Tuấn 0977 888 999.",
    "Bà con cần vốn gấp có thể vay online giải ngân trong 10 phút, không gọi người thân, nhắn Zalo 0966 555 444.",
    "Học viên cần bằng lái gấp có thể liên hệ dịch vụ làm bằng lái xe lấy ngay, gọi 0933 444 555.",
    "Người hâm mộ muốn xem trực tiếp có thể tải app Kubet79 để nhận thưởng 100k mỗi trận.",
];

/// Lawful notices of the same shape (benign twins).
const NOTICES: &[&str] = &[
    "Người dân cần cấp lại căn cước có thể liên hệ bộ phận một cửa của xã, gọi 0238 3822 111.",
    "Phụ huynh có thể đăng ký tiêm qua ứng dụng VNeID, thông tin chi tiết xin gọi đường dây nóng 1900 9095.",
    "Người lao động cần giấy khám sức khỏe có thể đăng ký khám tại Bệnh viện đa khoa tỉnh, hotline 0238 3844 555.",
    "Hộ kinh doanh cần mở tài khoản ngân hàng để nộp thuế điện tử có thể liên hệ Chi cục Thuế, số điện thoại 0238 3822 333.",
    "Người dân cần vay vốn giải quyết việc làm liên hệ Ngân hàng Chính sách xã hội huyện, gọi 0238 3822 111.",
    "Người cần đổi giấy phép lái xe có thể nộp hồ sơ trực tuyến trên Cổng dịch vụ công, không cần xếp hàng.",
    "Mọi thắc mắc xin liên hệ đồng chí Nguyễn Văn An, Phó Trạm trưởng Trạm y tế, số điện thoại 0912 345 678.",
];

/// The paragraph with `s` first, in the middle or last, in a `p`, an `li` or a blockquote.
fn pages(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for para in [
        format!("{s} {OPEN} {CLOSE}"),
        format!("{OPEN} {s} {CLOSE}"),
        format!("{OPEN} {CLOSE} {s}"),
    ] {
        for block in [
            format!("<p>{para}</p>"),
            format!("<ul><li>{para}</li></ul>"),
            format!("<blockquote>{para}</blockquote>"),
        ] {
            out.push(format!(
                "<html><head><title>Tin tức</title></head><body><main><article><h1>{HEADING}</h1>{block}<p>{OTHER}</p></article></main></body></html>"
            ));
        }
    }
    out
}

/// A benign page comes out byte for byte, with no event.
fn assert_unchanged(html: &str) {
    let (out, events) = clean(&site(""), html);
    assert_eq!(out, html);
    assert!(events.is_empty(), "{html}: {events:?}");
}

/// Runs `html` and returns a miss when `planted` survived, nothing was audited, or `kept`
/// is gone.
fn miss(html: &str, planted: &str, kept: &[&str]) -> Option<String> {
    let (out, events) = clean(&site(""), html);
    let gone = !out.contains(planted) && !events.is_empty();
    let stays = kept.iter().all(|k| out.contains(k));
    (!gone || !stays).then(|| format!("{html}\n  -> {out}"))
}

fn assert_no_misses(misses: &[String]) {
    assert!(
        misses.is_empty(),
        "{} missed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn a_promoting_sentence_addressed_to_readers_in_news_goes() {
    let mut misses = Vec::new();
    for offer in OFFERS {
        for html in pages(offer) {
            misses.extend(miss(&html, offer, &[HEADING, OTHER]));
        }
    }
    assert_no_misses(&misses);
}

#[test]
fn a_lawful_notice_addressed_to_readers_in_news_is_unchanged() {
    for notice in NOTICES {
        for html in pages(notice) {
            assert_unchanged(&html);
        }
    }
}

/// A news-looking frame (a heading, a lead-in with a colon) before advert copy that has no
/// call or contact of its own.
const FRAMED: &[(&str, &str)] = &[
    (
        "Chuyển đổi số",
        "Hội thảo chuyển đổi số trong ngân hàng: App vay nhanh 20 triệu, chỉ cần CCCD, nợ xấu vẫn duyệt, thủ tục hoàn toàn trực tuyến.",
    ),
    (
        "Phòng chống tội phạm",
        "Nhằm phòng chống tội phạm công nghệ cao, Công an tỉnh giới thiệu: Tool hack tài xỉu dự đoán chính xác 98%.",
    ),
    (
        "Phòng chống tội phạm",
        "Phòng Cảnh sát hình sự thông tin: Tool hack tài xỉu chuẩn xác 99%, bất bại mỗi ngày.",
    ),
    (
        "Chuyển đổi số",
        "Theo khuyến cáo của cơ quan chức năng: Sàn coin uy tín, lợi nhuận 30% mỗi ngày, cam kết hoàn vốn.",
    ),
];

#[test]
fn advert_copy_after_a_news_frame_goes() {
    let mut misses = Vec::new();
    for (heading, text) in FRAMED {
        let html = format!(
            "<html><body><main><article><h1>{heading}</h1><p>{text}</p><p>{OTHER}</p></article></main></body></html>"
        );
        misses.extend(miss(&html, text, &[heading, OTHER]));
    }
    assert_no_misses(&misses);
}

const WARNING: &str = "Công an tỉnh cảnh báo thủ đoạn lừa đảo qua mạng";

/// A blockquote under a warning: a reporting lead-in, a bold slogan, then pure advert copy.
const QUOTED_ADVERTS: &[(&str, &str)] = &[
    (
        "Slot gacor maxwin hari ini – situs judi online",
        "Sports betting site with live casino and jackpot slots.",
    ),
    (
        "Khuyen mai nap dau 200% tai JUN88",
        "Việc nhẹ lương cao – nhận nhiệm vụ nhận hoa hồng mỗi ngày.",
    ),
    (
        "Nhà cái uy tín 789bet",
        "Tool hack tài xỉu chuẩn xác 99%, tải ngay miễn phí.",
    ),
    (
        "Tài xỉu online uy tín nhất",
        "Đầu tư tiền ảo lợi nhuận 30% mỗi ngày, cam kết hoàn vốn.",
    ),
];

#[test]
fn advert_copy_quoted_under_a_police_warning_goes() {
    let mut misses = Vec::new();
    for (slogan, copy) in QUOTED_ADVERTS {
        for (open, close) in [("<blockquote>", "</blockquote>"), ("<p>", "</p>")] {
            let html = format!(
                "<html><body><main><article><h1>{WARNING}</h1>{open}Theo cơ quan công an, các trang như <b>{slogan}</b> hoạt động công khai. {copy}{close}<p>{OTHER}</p></article></main></body></html>"
            );
            misses.extend(miss(&html, copy, &[WARNING, OTHER]));
            misses.extend(miss(&html, slogan, &[WARNING, OTHER]));
        }
    }
    assert_no_misses(&misses);
}

/// Police warnings that name sites, games and offers while reporting them.
const WARNINGS: &[&str] = &[
    "Theo cơ quan công an, các trang như <b>tài xỉu, nổ hũ</b> hoạt động công khai, dụ dỗ người chơi nạp tiền. Nhiều người đã bị chiếm đoạt tài sản.",
    "Theo cơ quan công an, các đối tượng quảng cáo “việc nhẹ lương cao, nhận nhiệm vụ nhận hoa hồng mỗi ngày” để lừa đảo. Người dân cần cảnh giác.",
    "Theo cơ quan công an, các trang cá độ bóng đá trực tuyến thường mời chào khuyến mãi nạp đầu. Công an tỉnh đã khởi tố 3 vụ án.",
];

#[test]
fn a_police_warning_naming_sites_and_offers_is_unchanged() {
    for w in WARNINGS {
        for (open, close) in [("<blockquote>", "</blockquote>"), ("<p>", "</p>")] {
            let html = format!(
                "<html><body><main><article><h1>{WARNING}</h1>{open}{w}{close}<p>{OTHER}</p></article></main></body></html>"
            );
            assert_unchanged(&html);
        }
    }
}

/// Advert text for own and sister links.
const LINK_ADVERTS: &[&str] = &[
    "Vay Online Giải Ngân Trong 10 Phút, Không Gọi Người Thân",
    "Cho thuê TK Vietcombank, MB mở sẵn – giao trong 30 phút",
    "Vay tiền online giải ngân trong 5 phút, nợ xấu vẫn duyệt",
    "Làm bằng lái xe lấy ngay, không cần thi",
];

/// News titles on own links that name a term.
const LINK_TITLES: &[&str] = &[
    "Cảnh báo chiêu lừa vay online giải ngân nhanh",
    "Công an cảnh báo thủ đoạn cho thuê tài khoản ngân hàng",
    "Giải ngân vốn đầu tư công 10 tháng đạt 70% kế hoạch",
    "Lịch tiếp công dân tháng 12",
];

fn link_pages(text: &str) -> Vec<String> {
    [
        format!(
            "<div class=\"widget popular\"><h3>Xem nhiều</h3><ol><li><a href=\"/tin-tuc/a.html\">Lịch tiếp dân</a></li><li><a href=\"/tin-tuc/b.html\">{text}</a></li></ol></div>"
        ),
        format!(
            "<p>{OTHER} <a href=\"https://xa-binhminh.example.gov.vn/tin-tuc/123\">{text}</a></p>"
        ),
        format!("<ul><li><a href=\"https://xa-binhminh.example.gov.vn/tin-tuc/123\">{text}</a></li></ul>"),
        format!("<div class=\"widget text\"><h3>Thông báo</h3><p>{text}</p></div>"),
    ]
    .into_iter()
    .map(|b| format!("<html><body><main><p>{OPEN}</p>{b}</main></body></html>"))
    .collect()
}

#[test]
fn advert_text_on_own_and_sister_links_goes() {
    let mut misses = Vec::new();
    for text in LINK_ADVERTS {
        for html in link_pages(text) {
            misses.extend(miss(&html, text, &[OPEN]));
        }
    }
    assert_no_misses(&misses);
}

#[test]
fn news_titles_on_own_and_sister_links_are_unchanged() {
    for text in LINK_TITLES {
        for html in link_pages(text) {
            assert_unchanged(&html);
        }
    }
}

//! Attack suite (issue 14, threat A5, planted spam of scam families as one short offer): a
//! single line on an otherwise genuine portal page, made of one family's term and a
//! seller's offer shape (a price, a speed, a guarantee: "lấy ngay", "giao trong 30 phút",
//! "trọn gói", "mỗi đơn", "không cần thi", "lãi 8% mỗi ngày"), or of two terms of one
//! family: forged papers and fake degrees, medical papers, phone spying and hacking tools,
//! adult services, street loans and card cash-out, bank accounts and identity papers for
//! sale, betting odds, binary options and crypto "investment", task scams. Each line stands
//! alone in a paragraph, a list item, a heading, a table cell, the title or the text of a
//! link to a foreign host, as written, without diacritics, in Title Case, in upper case and
//! as a URL slug joined by `-` or `_`. The planted line goes, the genuine text stays.
//!
//! Benign twins, byte for byte: police warnings, court reports and official notices that
//! name the same terms, as headings that start with their reporting verb ("Cảnh giác với…",
//! "Xét xử vụ…", "Khởi tố…", "Police warn…") and as paragraphs.

use std::sync::Arc;

use crate::common;

use common::rewrite::{rewrite, site};
use lachan::audit::Event;
use lachan::config::Site;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// (family, a planted line).
const LINES: &[(&str, &str)] = &[
    (
        "forged papers",
        "Nhận làm sổ đỏ, bằng cấp 3, chứng chỉ tiếng Anh không cần thi",
    ),
    (
        "forged papers",
        "Làm CCCD giả, hộ chiếu và giấy khám sức khỏe lấy ngay",
    ),
    (
        "forged papers",
        "Làm bằng đại học không cần học, sổ hồng trọn gói",
    ),
    (
        "forged papers",
        "Chuyên làm chứng chỉ tin học bao đậu, giao tận nơi",
    ),
    (
        "medical papers",
        "Dịch vụ khám sức khỏe lấy ngay không cần xếp hàng",
    ),
    (
        "medical papers",
        "Làm giấy nghỉ ốm, giấy ra viện có dấu đỏ, lấy trong ngày",
    ),
    (
        "phone spying",
        "Phần mềm định vị và đọc tin nhắn điện thoại người khác",
    ),
    (
        "phone spying",
        "Mod APK bắn cá vô hạn xu, hack wifi mọi mật khẩu",
    ),
    ("phone spying", "Tool hack tài xỉu dự đoán chính xác 98%"),
    (
        "phone spying",
        "Ứng dụng theo dõi tin nhắn Zalo của vợ, nghe lén cuộc gọi từ xa",
    ),
    ("adult", "Chat sex webcam riêng tư, show hàng mỗi đêm"),
    ("adult", "Tìm sugar baby, sugar daddy bao nuôi trọn gói"),
    (
        "adult",
        "Gái xinh nhận bao nuôi, gọi video riêng tư theo giờ",
    ),
    (
        "street loans",
        "Bốc họ online lãi nhẹ, vay nóng trong ngày không cần gặp mặt",
    ),
    (
        "street loans",
        "Vay online giải ngân trong 10 phút, không gọi người thân",
    ),
    (
        "street loans",
        "Rút tiền thẻ tín dụng phí 1.2%, đáo hạn thẻ tận nhà",
    ),
    (
        "street loans",
        "Cho vay tiền mặt không cần giấy tờ, duyệt hồ sơ trong 5 phút",
    ),
    (
        "accounts",
        "Thu phôi CCCD gắn chip, mua lại tài khoản Momo đã xác minh",
    ),
    (
        "accounts",
        "Cho thuê TK Vietcombank, MB mở sẵn – giao trong 30 phút",
    ),
    (
        "accounts",
        "Thu mua tài khoản ngân hàng chính chủ, trả 3 triệu mỗi tài khoản",
    ),
    (
        "accounts",
        "Mở tài khoản hộ, bán tài khoản eKYC sẵn và sim rác số lượng lớn",
    ),
    (
        "accounts",
        "Bán tài khoản Techcombank mở sẵn, kèm sim và thẻ ATM",
    ),
    ("odds", "Kèo rung hiệp 2, kèo châu Á cập nhật từng phút"),
    (
        "odds",
        "Kèo tài xỉu hiệp 1, kèo chấp châu Âu chuẩn nhất tối nay",
    ),
    (
        "binary options",
        "Giao dịch quyền chọn nhị phân Binomo, lãi 95% sau 60 giây",
    ),
    ("crypto", "Sàn coin quốc tế, đầu tư USDT lãi 8% mỗi ngày"),
    (
        "crypto",
        "Nạp USDT nhận lãi 3% mỗi ngày, rút gốc bất cứ lúc nào",
    ),
    (
        "task scams",
        "Nhập liệu tại nhà trả lương theo ngày, nhận việc qua Telegram",
    ),
    (
        "task scams",
        "Xem quảng cáo kiếm tiền, đánh giá sản phẩm nhận 50k mỗi đơn",
    ),
    (
        "task scams",
        "Việc nhẹ lương cao – nhận nhiệm vụ nhận hoa hồng mỗi ngày",
    ),
    (
        "task scams",
        "Làm nhiệm vụ chấm điểm khách sạn, nhận 30% hoa hồng mỗi đơn",
    ),
];

/// The places, with `{u}` for the planted line and `{K}` for genuine text next to it.
const PLACES: &[&str] = &[
    "<p>{K}</p><p>{u}</p>",
    "<ul class=\"lien-ket\"><li>{K}</li><li>{u}</li></ul>",
    "<h1>{u}</h1><p>{K}</p>",
    "<p>{K}</p><h3>{u}</h3>",
    "<table><tr><td>{K}</td></tr><tr><td>{u}</td></tr></table>",
    "<p>{K}</p><p><a href=\"https://tin-nhanh.example.net/bai-viet\">{u}</a></p>",
];

const KEEP: &str = "Lịch tiếp công dân tháng 9 của Ủy ban nhân dân tỉnh";

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

fn slug(s: &str, sep: char) -> String {
    strip_marks(s)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(&sep.to_string())
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|c| c.to_uppercase().chain(cs).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The written forms of a line.
fn forms(s: &str) -> Vec<(&'static str, String)> {
    vec![
        ("as written", s.to_string()),
        ("no diacritics", strip_marks(s)),
        ("title case", title_case(&s.to_lowercase())),
        ("upper case", s.to_uppercase()),
        ("slug -", slug(s, '-')),
        ("slug _", slug(s, '_')),
    ]
}

fn page(body: &str) -> String {
    format!(
        "<html><head><title>Cổng thông tin điện tử tỉnh</title></head><body><main><p>Tin tức trong tỉnh</p>{body}<p>Liên hệ</p></main></body></html>"
    )
}

/// One rewrite in one chunk (chunking agreement is `pipeline_streaming`'s business).
fn once(site: &Arc<Site>, html: &str) -> (String, Vec<Event>) {
    let (out, events) = rewrite(site, html.as_bytes(), &[usize::MAX], None);
    (String::from_utf8(out).expect("UTF-8 output"), events)
}

/// Plants `u` in `place`; a miss when it stays or the genuine text around it does not.
fn miss(site: &Arc<Site>, place: &str, u: &str) -> Option<String> {
    let html = page(&place.replace("{u}", u).replace("{K}", KEEP));
    let (out, events) = once(site, &html);
    let gone = !out.contains(u) && events.iter().any(|e| e.rule.starts_with("spam."));
    let kept = out.contains(KEEP) && out.contains("<p>Liên hệ</p>");
    (!gone || !kept).then(|| format!("{u:?} in {place}"))
}

fn assert_none(misses: Vec<String>) {
    assert!(
        misses.is_empty(),
        "{} missed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn one_line_family_offers_go_in_every_position() {
    let site = site("");
    let mut misses = Vec::new();
    for (family, line) in LINES {
        for place in PLACES {
            misses.extend(miss(&site, place, line).map(|m| format!("{family}: {m}")));
        }
    }
    assert_none(misses);
}

#[test]
fn one_line_family_offers_go_in_every_written_form() {
    let site = site("");
    let mut misses = Vec::new();
    for (i, (family, line)) in LINES.iter().enumerate() {
        for (j, (form, text)) in forms(line).into_iter().enumerate().skip(1) {
            // Each form in a different place, in turn.
            let place = PLACES[(i + j) % PLACES.len()];
            misses.extend(miss(&site, place, &text).map(|m| format!("{family}, {form}: {m}")));
        }
    }
    assert_none(misses);
}

#[test]
fn one_line_family_offers_in_the_title_go() {
    let site = site("");
    let mut misses = Vec::new();
    for (family, line) in LINES {
        for (form, text) in forms(line) {
            let html = format!(
                "<html><head><title>{text}</title></head><body><p>{KEEP}</p></body></html>"
            );
            let (out, events) = once(&site, &html);
            if out.contains(&text) || !events.iter().any(|e| e.rule == "spam.keyword") {
                misses.push(format!("{family}, {form}: {text:?}"));
            }
        }
    }
    assert_none(misses);
}

/// Warnings, court reports and notices that name the same terms.
const BENIGN: &[&str] = &[
    "<h1>Cảnh giác với “bốc họ”, vay nóng và dịch vụ rút tiền thẻ tín dụng</h1>",
    "<h1>Xét xử vụ mua bán tài khoản eKYC và sim rác</h1>",
    "<h1>Khởi tố nhóm đối tượng làm giả sổ đỏ, bằng đại học</h1>",
    "<h2>Triệt phá đường dây làm CCCD giả, hộ chiếu và giấy khám sức khỏe</h2>",
    "<h2>Cảnh báo phần mềm định vị, đọc trộm tin nhắn điện thoại</h2>",
    "<h3>Bắt giữ nhóm cho vay nặng lãi, bốc họ trả góp ngày</h3>",
    "<h3>Xử phạt người bán tài khoản ngân hàng, sim rác</h3>",
    "<h2>Tuyên án nhóm lừa đảo quyền chọn nhị phân Binomo</h2>",
    "<h2>Cảnh báo lừa đảo việc nhẹ lương cao, làm nhiệm vụ nhận hoa hồng</h2>",
    "<h2>Điều tra đường dây chat sex qua webcam, tìm sugar baby</h2>",
    "<h2>Truy tố nhóm thu mua tài khoản ngân hàng chính chủ, phôi CCCD</h2>",
    "<h2>Phạt cơ sở cấp giấy khám sức khỏe không khám</h2>",
    "<h1>Chiêu lừa “sugar baby”, “chat sex webcam” để tống tiền</h1>",
    "<h2>Thủ đoạn “bốc họ online”, “vay nóng trong ngày” bẫy người lao động</h2>",
    "<h2>Nhận diện chiêu lừa “nhập liệu tại nhà” qua mạng xã hội</h2>",
    "<h3>Lừa đảo qua “tool hack tài xỉu” và “kèo rung hiệp 2”</h3>",
    "<h2>Scam warning: “sugar daddy” and “chat sex webcam” extortion rings</h2>",
    "<h2>Police warn of loan apps, fake degrees and phone spy apps</h2>",
    "<h2>Court jails man who sold verified bank accounts and SIM cards</h2>",
    "<p>Công an tỉnh cảnh báo người dân không tham gia các hội nhóm “bốc họ”, vay nóng qua mạng; các đối tượng cho vay nặng lãi thường đòi nợ bằng cách khủng bố người thân.</p>",
    "<p>Tòa án nhân dân thành phố tuyên phạt bị cáo 3 năm tù về tội mua bán trái phép tài khoản ngân hàng, sim rác và phôi căn cước.</p>",
    "<p>Bộ Công an khuyến cáo các phần mềm định vị, đọc tin nhắn điện thoại người khác là vi phạm pháp luật.</p>",
    "<p>Sở Tài nguyên và Môi trường hướng dẫn thủ tục cấp đổi sổ đỏ, sổ hồng tại bộ phận một cửa.</p>",
    "<p>Trung tâm Ngoại ngữ thông báo lịch thi chứng chỉ tiếng Anh và chứng chỉ tin học tháng 10.</p>",
    "<p>Bệnh viện đa khoa tỉnh tổ chức khám sức khỏe cho người lao động, trả kết quả trong ngày.</p>",
    "<p>Ngân hàng Nhà nước đề nghị người dân mở tài khoản bằng eKYC chính chủ, không cho thuê tài khoản.</p>",
    "<p>Hà Nội FC ghi hai bàn trong hiệp 2 để giành vé vào vòng bảng cúp châu Á.</p>",
    "<p>Ủy ban Chứng khoán cảnh báo các sàn quyền chọn nhị phân, sàn coin hứa lãi mỗi ngày là lừa đảo.</p>",
    "<p>Trung tâm Dịch vụ việc làm tuyển nhân viên nhập liệu làm việc tại văn phòng, lương theo tháng.</p>",
];

#[test]
fn warnings_court_reports_and_notices_naming_offer_terms_are_unchanged() {
    let site = site("");
    let mut changed = Vec::new();
    for body in BENIGN {
        let html = page(body);
        let (out, events) = once(&site, &html);
        if out != html || !events.is_empty() {
            changed.push(format!("{body}: {events:?}"));
        }
    }
    for title in [
        "Cảnh giác với “bốc họ”, vay nóng và dịch vụ rút tiền thẻ tín dụng",
        "Xét xử vụ mua bán tài khoản eKYC và sim rác",
        "Khởi tố đối tượng làm giả sổ đỏ, bằng đại học",
        "Thủ tục cấp đổi sổ đỏ, sổ hồng",
        "Lịch thi chứng chỉ tiếng Anh tháng 10",
    ] {
        let html =
            format!("<html><head><title>{title}</title></head><body><p>Tin tức</p></body></html>");
        let (out, events) = once(&site, &html);
        if out != html || !events.is_empty() {
            changed.push(format!("title {title}: {events:?}"));
        }
    }
    assert!(
        changed.is_empty(),
        "{} changed:\n{}",
        changed.len(),
        changed.join("\n")
    );
}

//! Attack suite (issue 14, threat A5, planted spam of compositional families): the scam
//! families whose phrases an advert writer composes from a seller's verb, an object and a
//! qualifier (forged papers: "nhận làm" + "cccd" + "lấy ngay"; accounts and SIMs: "thu
//! mua" + "tk ngân hàng" + "chính chủ"; phone spying: "hack" + "zalo" + "người khác"), the
//! jargon families (loan sharks, task scams, betting odds "kèo" + kind, counterfeit grades,
//! adult services, crash games and binary options) and the same spam in Korean (particles
//! attached to the noun), Spanish, Portuguese, Indonesian and English. Each planted line
//! holds two phrases of one family and stands alone in one of the places a portal's
//! template offers (the title, a heading, a step of an ordered list, a table footer, small
//! print, a figcaption, a breadcrumb, a footer column, an open dialog, an accordion body,
//! legacy `font`/`center`/`big`/`tt`, a same-site card link) in several written forms: as
//! written, without diacritics, upper case, title case, as a URL slug joined by `-`, `.`
//! or `_`, in leetspeak digits, and with Cyrillic look-alikes. The planted text goes, the
//! genuine text next to it stays.
//!
//! Benign twins, byte for byte: police and bank warnings that name one such term, news of
//! CCCD issuance and SIM registration, a driving-licence exam notice, a job fair, lottery
//! results, a health article, a market-watch seizure, social-policy loans, "follow our
//! Facebook", and Korean and Spanish news.

use std::sync::Arc;

use crate::common;

use common::rewrite::{rewrite, site};
use lachan::audit::Event;
use lachan::config::Site;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// (family, a planted line of two of its phrases).
const LINES: &[(&str, &str)] = &[
    (
        "forged papers",
        "Nhận làm cccd giả lấy ngay, bằng lái xe không cần thi",
    ),
    (
        "forged papers",
        "Chuyên làm giả sổ đỏ, bằng đại học có hồ sơ gốc",
    ),
    (
        "forged papers",
        "Bán phôi bằng đại học, giấy khám sức khỏe lấy liền",
    ),
    (
        "accounts",
        "Thu mua tk ngân hàng chính chủ số lượng lớn, bán sim rác đã kích hoạt",
    ),
    ("accounts", "Cho thuê tài khoản ekyc, mở hộ stk giá cao"),
    ("accounts", "Bán via facebook trâu, ví momo đã xác minh"),
    (
        "phone spying",
        "Hack zalo người khác, đọc trộm tin nhắn messenger",
    ),
    (
        "phone spying",
        "Theo dõi lén điện thoại người yêu, hack pass wifi",
    ),
    (
        "loan sharks",
        "Vay góp ngày không thẩm định, hỗ trợ đáo hạn thẻ tín dụng",
    ),
    ("loan sharks", "Bốc họ lãi thấp, vay tiền không gặp mặt"),
    (
        "task scams",
        "Nhập liệu tại nhà nhận tiền, xem quảng cáo kiếm tiền",
    ),
    (
        "task scams",
        "Đánh giá sản phẩm nhận hoa hồng, like video kiếm thêm",
    ),
    ("odds", "Soi kèo rung châu á, tỷ lệ kèo nhà cái hôm nay"),
    ("odds", "Kèo phạt góc chuẩn xác, nhận định kèo chấp"),
    ("cockfighting", "Gà đòn Thomo hôm nay, cược qua app"),
    ("counterfeit", "Giày rep 1:1, túi xách super fake"),
    ("adult", "Chat sex zalo, show hàng có phí"),
    ("crash games", "Aviator game hack, crash game online"),
    (
        "korean",
        "토토사이트를 추천합니다, 먹튀검증 완료된 안전놀이터",
    ),
    ("korean", "무직자대출 당일 입금, 급전대출 가능"),
    (
        "spanish",
        "Giros gratis y bono de bienvenida en casino en línea",
    ),
    ("portuguese", "Jogo do tigrinho com rodadas grátis"),
    ("indonesian", "Pinjol tanpa BI checking, dana cepat cair"),
    (
        "english",
        "Buy fake passport and registered passports online",
    ),
];

/// The places, with `{u}` for the planted line and `{K}` for genuine text next to it.
const PLACES: &[&str] = &[
    "<h1>{u}</h1><p>{K}</p>",
    "<ol class=\"steps\"><li>{K}</li><li>{u}</li></ol>",
    "<table><tbody><tr><td>{K}</td></tr></tbody><tfoot><tr><td>{u}</td></tr></tfoot></table>",
    "<p>{K}</p><p><small>{u}</small></p>",
    "<figure><img src=\"/a.jpg\" alt=\"\"><figcaption>{u}</figcaption></figure><p>{K}</p>",
    "<nav class=\"breadcrumb\"><a href=\"/\">Trang chủ</a> / <span>{u}</span></nav><p>{K}</p>",
    "<footer><div class=\"col\">{K}</div><div class=\"col\">{u}</div></footer>",
    "<dialog open><p>{u}</p></dialog><p>{K}</p>",
    "<div class=\"accordion\"><div class=\"accordion-body\">{u}</div></div><p>{K}</p>",
    "<center><font size=\"2\">{u}</font></center><p>{K}</p>",
    "<p>{K}</p><div class=\"legacy\"><big><tt>{u}</tt></big></div>",
    "<div class=\"card\"><a href=\"/tin-tuc/1\"><h5 class=\"card-title\">{u}</h5></a></div><p>{K}</p>",
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

/// Leetspeak digits for letters; each word keeps its first letter (a word of digits alone
/// reads as a number, to a crawler as to the lexicon).
fn leet(s: &str) -> String {
    let plain = strip_marks(s);
    let chars: Vec<char> = plain.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| match c {
            _ if i == 0 || !chars[i - 1].is_alphanumeric() => c,
            'a' => '4',
            'i' => '1',
            'o' => '0',
            'e' => '3',
            's' => '5',
            't' => '7',
            c => c,
        })
        .collect()
}

fn cyrillic(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'a' => 'а',
            'o' => 'о',
            'e' => 'е',
            'c' => 'с',
            'p' => 'р',
            c => c,
        })
        .collect()
}

/// The written forms of a line (the forms that do not change a Hangul line are skipped).
fn forms(s: &str) -> Vec<(&'static str, String)> {
    let mut out = vec![
        ("as written", s.to_string()),
        ("no diacritics", strip_marks(s)),
        ("upper case", s.to_uppercase()),
        ("title case", title_case(&s.to_lowercase())),
        ("slug -", slug(s, '-')),
        ("slug .", slug(s, '.')),
        ("slug _", slug(s, '_')),
        ("leetspeak", leet(s)),
        ("cyrillic look-alikes", cyrillic(s)),
    ];
    out.retain(|(name, f)| *name == "as written" || f != s);
    out
}

fn page(body: &str) -> String {
    format!(
        "<html><head><title>Sở Tư pháp</title></head><body><main><p>Tin tức trong tỉnh</p>{body}<p>Liên hệ</p></main></body></html>"
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
fn composed_family_lines_go_in_every_position() {
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
fn composed_family_lines_go_in_every_written_form() {
    let site = site("");
    let mut misses = Vec::new();
    for (i, (family, line)) in LINES.iter().enumerate() {
        for (j, (form, text)) in forms(line).into_iter().enumerate() {
            // Each form in a different place, in turn.
            let place = PLACES[(i + j) % PLACES.len()];
            misses.extend(miss(&site, place, &text).map(|m| format!("{family}, {form}: {m}")));
        }
    }
    assert_none(misses);
}

#[test]
fn composed_family_lines_in_the_title_go() {
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

/// News, notices and warnings that name one term of these families.
const BENIGN: &[&str] = &[
    "<article><h2>Cảnh báo thủ đoạn làm giả căn cước</h2><p>Công an tỉnh cảnh báo thủ đoạn làm giả căn cước, bằng lái xe để vay tiền qua app; người dân tuyệt đối không mua bán tài khoản ngân hàng.</p></article>",
    "<article><h2>Cấp căn cước cho người dân tại xã</h2><p>Công an huyện tổ chức cấp căn cước cho người dân tại xã, hướng dẫn làm hộ chiếu và tích hợp giấy phép lái xe trên ứng dụng VNeID.</p></article>",
    "<p>Từ ngày 15/4, các nhà mạng yêu cầu chuẩn hóa thông tin thuê bao; khách hàng cần đăng ký sim chính chủ bằng căn cước tại cửa hàng giao dịch.</p>",
    "<div class=\"thong-bao\"><h3>Lịch thi sát hạch giấy phép lái xe tháng 10</h3><p>Sở Giao thông vận tải thông báo lịch thi sát hạch cấp giấy phép lái xe hạng A1, B2; thí sinh mang theo căn cước và giấy khám sức khỏe.</p></div>",
    "<article><h2>Ngày hội việc làm năm 2025</h2><p>Ngày hội việc làm tuyển dụng nhân viên nhập liệu, kế toán, công nhân may; người lao động đăng ký tại Trung tâm Dịch vụ việc làm tỉnh.</p></article>",
    "<table><caption>Kết quả xổ số kiến thiết miền Nam</caption><tr><td>Giải đặc biệt</td><td>123456</td></tr><tfoot><tr><td colspan=\"2\">Công ty Xổ số kiến thiết tỉnh trao thưởng tại trụ sở</td></tr></tfoot></table>",
    "<p>Ngân hàng khuyến cáo khách hàng không cho thuê, cho mượn tài khoản ngân hàng và không cung cấp mã OTP cho bất kỳ ai.</p>",
    "<p>Bác sĩ khuyến cáo nam giới không tự ý dùng thuốc cường dương không rõ nguồn gốc.</p>",
    "<p>Đội Quản lý thị trường thu giữ 500 đôi giày nhái, túi xách giả mạo nhãn hiệu tại một cửa hàng.</p>",
    "<p>Ngân hàng Chính sách xã hội cho vay ưu đãi hộ nghèo, hỗ trợ vay vốn sản xuất kinh doanh với lãi suất thấp.</p>",
    "<p>Cách bảo vệ tài khoản Zalo, Facebook khi bị hack: bật xác thực hai lớp và không nhấp vào đường link lạ.</p>",
    "<footer><p>Theo dõi Facebook và Zalo của Sở để cập nhật thông tin mới nhất.</p></footer>",
    "<article lang=\"ko\"><p>경찰은 불법 토토사이트를 운영한 일당을 검거했다고 밝혔다. 피해자는 100명이 넘는다.</p></article>",
    "<article lang=\"ko\"><p>대출 상담은 은행 창구에서 가능합니다.</p></article>",
    "<article lang=\"es\"><p>La policía detuvo a cinco personas por estafa con préstamos rápidos y casino en línea.</p></article>",
    "<article lang=\"es\"><p>El gobierno aprobó una ley que regula las apuestas deportivas en el país.</p></article>",
];

#[test]
fn warnings_notices_and_news_naming_one_term_are_unchanged() {
    let site = site("");
    for body in BENIGN {
        let html = page(body);
        let (out, events) = once(&site, &html);
        assert_eq!(out, html, "{body}");
        assert!(events.is_empty(), "{body}: {events:?}");
    }
    for title in [
        "Hướng dẫn làm căn cước cho trẻ em dưới 14 tuổi",
        "Thủ tục làm hộ chiếu phổ thông",
        "Cấp đổi giấy phép lái xe trên cổng dịch vụ công",
        "Ngày hội việc làm năm 2025",
        "Kết quả xổ số kiến thiết",
        "Công an cảnh báo thủ đoạn hack Zalo",
    ] {
        let html =
            format!("<html><head><title>{title}</title></head><body><p>Tin tức</p></body></html>");
        let (out, events) = once(&site, &html);
        assert_eq!(out, html, "{title}");
        assert!(events.is_empty(), "{title}: {events:?}");
    }
}

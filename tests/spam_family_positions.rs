//! Attack suite (issue 14, new vocabulary in every position): planted spam of the scam
//! families beyond betting, which passed where the same positions with betting phrases
//! were stopped: consumer loans and instant credit, fake jobs and order-rating tasks,
//! trading of bank accounts, eKYC accounts and SIM numbers, adult content and escorts,
//! forged papers, hacking tools and hired hacking, live odds and tips, cockfighting, and
//! the same spam in Korean, Spanish and English. Each family comes as *keyword units*
//! (its terms alone, no selling word: a keyword line, a tag, a ticker item, a menu entry)
//! and as *adverts* (a term with a contact or a call: a phone, Zalo or Telegram, "liên hệ",
//! "đăng ký ngay", "inbox"), with and without diacritics, upper case, and with hyphens as
//! in a slug ("vay-tien-nhanh"). The positions are those a portal's template offers: a
//! hidden block, a sidebar widget, a menu item, a list, a heading, a footer line, a
//! keyword line, an emphasis inside a news paragraph, a card title and a ticker. The
//! planted text goes (`spam.block`, `spam.inline`, `spam.keyword`); the genuine text next
//! to it stays.
//!
//! Benign twins, byte for byte: the site's own bank loan product page, the agency's job
//! announcement (tuyển dụng), police warnings about these scams, a news article on a
//! cockfighting crackdown, a health article on sex education, and an English and a
//! Spanish report on loan-app fraud.

use crate::common;

use std::sync::Arc;

use common::rewrite::{clean, rewrite, site};
use lachan::audit::Event;
use lachan::config::Site;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// (family, keyword units, adverts).
type Family = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const FAMILIES: &[Family] = &[
    (
        "consumer loans",
        &[
            "vay tiền nhanh, giải ngân trong ngày",
            "bốc bát họ, vay không cần thế chấp",
            "vay-tien-nhanh giai-ngan-trong-ngay",
            "Từ khóa: vay tiền nhanh không cần thế chấp",
        ],
        &[
            "Vay tiền nhanh giải ngân trong ngày, không cần thế chấp, liên hệ Zalo 0912 345 678",
            "Bốc bát họ lãi thấp, giải ngân trong ngày, inbox ngay",
            "Vay tien nhanh 24/7, dang ky ngay qua Telegram @vaynhanh247",
        ],
    ),
    (
        "fake jobs",
        &[
            "việc nhẹ lương cao, cộng tác viên online",
            "chốt đơn nhận hoa hồng, việc làm online tại nhà",
            "work from home, earn money online",
        ],
        &[
            "Tuyển cộng tác viên chốt đơn tại nhà, lương 500k/ngày, inbox Zalo 0987 111 222",
            "Việc nhẹ lương cao, đánh giá sản phẩm nhận tiền, đăng ký ngay",
            "Tuyển CTV làm nhiệm vụ đánh giá đơn hàng, hoa hồng 15%, liên hệ 0935 222 111",
        ],
    ),
    (
        "accounts and SIM numbers",
        &[
            "mua bán tài khoản ngân hàng, sim số đẹp",
            "tài khoản đã xác minh, bán tài khoản ekyc",
            "sim so dep, tai khoan ngan hang chinh chu",
        ],
        &[
            "Bán sim số đẹp giá rẻ, giao sim tận nơi, liên hệ 0909 888 999",
            "Mua bán tài khoản ngân hàng đã xác minh eKYC, Telegram @accbank",
            "Thu mua tài khoản ngân hàng chính chủ giá cao, inbox ngay",
        ],
    ),
    (
        "adult content",
        &[
            "phim người lớn, gái gọi",
            "phim sex, clip nóng",
            "gai goi cao cap, phim nguoi lon",
        ],
        &[
            "Gái gọi cao cấp Hà Nội, liên hệ 0933 456 789",
            "Xem phim người lớn miễn phí, truy cập ngay",
            "Sex chat 18+ miễn phí, inbox Telegram @chatnong",
        ],
    ),
    (
        "forged papers",
        &[
            "làm bằng đại học, làm giả giấy tờ",
            "làm bằng lái xe, bằng đại học giả",
            "lam bang dai hoc, lam gia giay to",
        ],
        &[
            "Nhận làm bằng đại học, bằng lái xe không cần thi, liên hệ Zalo 0977 654 321",
            "Làm giả giấy tờ nhanh, lấy trong ngày, inbox ngay",
            "Làm bằng lái xe máy, ô tô không cần thi, liên hệ ngay",
        ],
    ),
    (
        "hacking",
        &[
            "hack facebook, tool hack",
            "định vị điện thoại, hack zalo",
            "tool hack game, phần mềm hack",
        ],
        &[
            "Dịch vụ hack Facebook, lấy lại mật khẩu trong 24h, liên hệ Telegram @hackfb",
            "Định vị điện thoại người khác, đọc trộm tin nhắn, Zalo 0911 222 333",
            "Tool hack tài xỉu, cheat game miễn phí, tải ngay",
        ],
    ),
    (
        "live odds",
        &[
            "soi kèo, tỷ lệ kèo",
            "kèo nhà cái hôm nay",
            "soi keo, ty le keo nha cai",
        ],
        &[
            "Soi kèo chuẩn xác hôm nay, tỷ lệ kèo nhà cái, vào nhóm Telegram @soikeo",
            "Tỷ lệ kèo trực tuyến, soi kèo miễn phí, đăng ký ngay",
        ],
    ),
    (
        "cockfighting",
        &[
            "đá gà trực tiếp, thomo",
            "đá gà thomo hôm nay",
            "da ga truc tiep, da ga thomo",
        ],
        &[
            "Xem đá gà trực tiếp Thomo, đăng ký ngay nhận 100k",
            "Đá gà trực tiếp hôm nay, liên hệ Zalo 0988 777 666",
        ],
    ),
    (
        "korean",
        &[
            "급전 대출, 당일 대출",
            "토토사이트 추천, 바카라 사이트",
            "출장안마, 조건만남",
        ],
        &[
            "무직자 급전 대출 당일 입금, 카톡 문의 주세요",
            "토토사이트 가입 코드 입력시 보너스 지급, 텔레그램 문의",
        ],
    ),
    (
        "spanish",
        &[
            "préstamos rápidos, dinero rápido sin aval",
            "casino en línea, apuestas deportivas",
            "trabajo desde casa, gana dinero desde casa",
        ],
        &[
            "Préstamos rápidos sin aval, aprobación en 5 minutos, contáctanos por WhatsApp 0912 345 678",
            "Casino en línea con bono de bienvenida, regístrate ahora",
        ],
    ),
    (
        "english",
        &[
            "instant loans, payday loans no credit check",
            "buy verified bank accounts, fake diploma",
            "hire a hacker, escort service",
        ],
        &[
            "Payday loans with no credit check, instant approval, call 0912 345 678",
            "Buy verified bank accounts and fake driver's license, contact us on Telegram @docs",
            "Hire a hacker to hack any Facebook account, DM on WhatsApp",
        ],
    ),
];

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

/// The writings of a planted text: as is, without diacritics, in upper case.
fn writings(s: &str) -> Vec<String> {
    let mut out = vec![s.to_string(), strip_marks(s), s.to_uppercase()];
    out.dedup();
    out
}

const NEWS: &str = "Ủy ban nhân dân tỉnh triển khai kế hoạch cải cách hành chính năm 2025, đẩy mạnh chuyển đổi số trong các sở, ban, ngành và địa phương.";
const KEEP: &str = "Lịch tiếp công dân tháng 9";

/// The positions, with `{u}` for the planted text; `KEEP` or `NEWS` stands next to it.
const PLACES: &[&str] = &[
    "<div style=\"display:none\">{u}</div><p>{K}</p>",
    "<aside class=\"sidebar\"><section class=\"widget widget_text\"><h3 class=\"widget-title\">Liên kết</h3><div class=\"textwidget\">{u}</div></section><section class=\"widget\"><ul><li><a href=\"/a\">{K}</a></li></ul></section></aside>",
    "<nav><ul class=\"menu\"><li><a href=\"/\">Trang chủ</a></li><li>{u}</li><li><a href=\"/lh\">{K}</a></li></ul></nav>",
    "<ul><li>{K}</li><li>{u}</li></ul>",
    "<h2>{u}</h2><p>{N}</p><h4>{K}</h4>",
    "<footer><p>Cơ quan chủ quản: UBND tỉnh</p><p>{u}</p><p>{K}</p></footer>",
    "<p>{N}</p><p>{u}</p><p>{K}</p>",
    "<p>{N} Ngoài ra <em>{u}</em> cũng được nhắc tới. {K}</p>",
    "<div class=\"card\"><div class=\"card-body\"><h5 class=\"card-title\">{u}</h5><p class=\"card-text\">{N}</p></div></div><p>{K}</p>",
    "<div class=\"ticker\"><marquee>Chào mừng kỷ niệm Quốc khánh | {u} | {K}</marquee></div>",
];

fn page(body: &str) -> String {
    format!(
        "<html><head><title>Sở Tư pháp</title></head><body><main><p>Tin tức trong tỉnh</p>{body}<p>Liên hệ</p></main></body></html>"
    )
}

/// One rewrite in one chunk: the suite crosses hundreds of pages, and chunking agreement
/// is the business of `pipeline_streaming` (the title and benign tests use `clean`).
fn once(site: &Arc<Site>, html: &str) -> (String, Vec<Event>) {
    let (out, events) = rewrite(site, html.as_bytes(), &[usize::MAX], None);
    (String::from_utf8(out).expect("UTF-8 output"), events)
}

/// Plants `u` in every position; returns what was missed.
fn missed(site: &Arc<Site>, family: &str, u: &str) -> Vec<String> {
    let mut misses = Vec::new();
    for place in PLACES {
        let body = place
            .replace("{u}", u)
            .replace("{K}", KEEP)
            .replace("{N}", NEWS);
        let (out, events) = once(site, &page(&body));
        let words = u.trim_start_matches("Từ khóa: ");
        let gone = !out.contains(words) && events.iter().any(|e| e.rule.starts_with("spam."));
        let kept = out.contains(KEEP)
            && (!body.contains(NEWS) || out.contains(NEWS))
            && out.contains("<p>Tin tức trong tỉnh</p>")
            && out.contains("<p>Liên hệ</p>");
        if !gone || !kept {
            misses.push(format!("{family}: {u:?} in {place}"));
        }
    }
    misses
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
#[ignore = "measurement, not yet passing: 24 misses left, all in the `|` ticker (see h-topics2)"]
fn family_keyword_units_go_in_every_position() {
    let site = site("");
    let mut misses = Vec::new();
    for (family, units, _) in FAMILIES {
        for u in *units {
            for w in writings(u) {
                misses.extend(missed(&site, family, &w));
            }
        }
    }
    assert_none(misses);
}

#[test]
#[ignore = "measurement, not yet passing: 125 misses left (107 in the `|` ticker, see h-topics2)"]
fn family_adverts_with_a_contact_or_a_call_go_in_every_position() {
    let site = site("");
    let mut misses = Vec::new();
    for (family, _, adverts) in FAMILIES {
        for a in *adverts {
            for w in writings(a) {
                misses.extend(missed(&site, family, &w));
            }
        }
    }
    assert_none(misses);
}

#[test]
fn family_terms_in_the_title_go() {
    for (family, units, adverts) in FAMILIES {
        for t in units.iter().chain(adverts.iter()) {
            let html =
                format!("<html><head><title>{t}</title></head><body><p>{NEWS}</p></body></html>");
            let (out, events) = clean(&site(""), &html);
            assert!(!out.contains(t), "{family}: {t:?} stayed in the title");
            assert!(
                events.iter().any(|e| e.rule == "spam.keyword"),
                "{family}: {t}: {events:?}"
            );
        }
    }
}

/// The benign twins: the site's own pages and reports on the same topics.
const BENIGN: &[&str] = &[
    // A bank's own loan product page.
    "<article class=\"san-pham\"><h1>Vay tiêu dùng tín chấp</h1><p>Ngân hàng cung cấp khoản vay tiêu dùng tín chấp với hạn mức đến 500 triệu đồng, lãi suất từ 8%/năm, thời hạn vay đến 60 tháng. Hồ sơ gồm căn cước công dân và giấy tờ chứng minh thu nhập.</p><ul><li>Giải ngân trong ngày sau khi hồ sơ được phê duyệt</li><li>Không cần tài sản bảo đảm</li><li>Trả nợ linh hoạt hằng tháng</li></ul><p>Khách hàng đăng ký tại quầy giao dịch hoặc liên hệ tổng đài 1900 545 415 để được tư vấn.</p></article>",
    "<div class=\"widget\"><h3>Sản phẩm cho vay</h3><ul><li><a href=\"/vay-mua-nha\">Vay mua nhà</a></li><li><a href=\"/vay-tieu-dung\">Vay tiêu dùng</a></li><li><a href=\"/vay-san-xuat-kinh-doanh\">Vay sản xuất kinh doanh</a></li></ul></div>",
    // The agency's job announcement.
    "<article><h2>Thông báo tuyển dụng viên chức năm 2025</h2><p>Trung tâm Công nghệ thông tin tuyển dụng 05 viên chức làm việc tại trụ sở, mức lương theo quy định của Nhà nước. Ứng viên nộp hồ sơ dự tuyển trực tiếp hoặc qua bưu điện trước ngày 30/9; mọi thắc mắc liên hệ số điện thoại 0236 3822 111.</p></article>",
    "<div class=\"thong-bao\"><h3>Tuyển cộng tác viên tuyên truyền pháp luật</h3><p>Sở Tư pháp tuyển cộng tác viên tuyên truyền pháp luật tại các xã, làm việc theo chương trình của Sở, có phụ cấp theo quy định. Hồ sơ đăng ký nộp tại Phòng Phổ biến giáo dục pháp luật.</p></div>",
    // Police warnings about these scams.
    "<article><h2>Cảnh báo thủ đoạn vay tiền qua app</h2><p>Công an tỉnh cảnh báo thủ đoạn vay tiền qua app: các đối tượng quảng cáo vay tiền nhanh, giải ngân trong ngày, không cần thế chấp, sau đó ép người vay trả lãi cắt cổ và bôi nhọ danh dự. Người dân cần cảnh giác, không vay qua các ứng dụng không rõ nguồn gốc.</p></article>",
    "<div class=\"canh-bao\"><h3>Công an cảnh báo lừa đảo việc nhẹ lương cao</h3><p>Thời gian qua, nhiều người dân bị lừa khi tham gia làm cộng tác viên chốt đơn, đánh giá sản phẩm nhận hoa hồng trên mạng. Công an khuyến cáo người dân không chuyển tiền cho người lạ và không mua bán tài khoản ngân hàng, sim số đẹp đã đăng ký thông tin người khác.</p></div>",
    "<p>Công an tỉnh vừa triệt phá đường dây làm giả giấy tờ, làm bằng đại học và bằng lái xe giả, thu giữ hơn 300 phôi bằng. Các đối tượng còn cung cấp dịch vụ hack Facebook, định vị điện thoại để chiếm đoạt tài sản.</p>",
    // A cockfighting crackdown.
    "<article><h2>Triệt phá tụ điểm đá gà ăn tiền</h2><p>Công an huyện vừa triệt phá tụ điểm đá gà ăn tiền quy mô lớn, bắt quả tang 25 đối tượng. Một số đối tượng còn tổ chức cá cược đá gà trực tiếp qua mạng theo hình thức thomo, soi kèo, tỷ lệ kèo trên các hội nhóm.</p></article>",
    // Sex education.
    "<article><h2>Giáo dục giới tính cho học sinh</h2><p>Sở Y tế phối hợp với các trường tổ chức chương trình giáo dục giới tính, giáo dục sex an toàn và sức khỏe sinh sản cho học sinh trung học. Các em được hướng dẫn phòng tránh xâm hại và các bệnh lây truyền qua đường tình dục.</p></article>",
    // A navigation bar and a breadcrumb separated by `|`, and a ticker of real headlines.
    "<nav class=\"top-links\"><a href=\"/\">Trang chủ</a> | <a href=\"/tin-tuc\">Tin tức</a> | <a href=\"/lien-he\">Liên hệ</a></nav><div class=\"breadcrumb\">Trang chủ | Tin tức | Phòng chống tội phạm</div>",
    "<div class=\"ticker\"><marquee>Công an tỉnh triệt phá đường dây cá độ bóng đá qua mạng | Hội nghị tổng kết cải cách hành chính năm 2025 | Cảnh báo thủ đoạn vay tiền qua app, giải ngân trong ngày | Giá lúa hè thu tăng nhẹ | Xét xử vụ án tổ chức đánh bạc qua nhà cái nước ngoài</marquee></div>",
    // English and Spanish reports.
    "<article lang=\"en\"><p>Police warned residents about payday loans and instant loan apps that promise approval without a credit check, then harass borrowers. Authorities said the scam also sold fake diplomas and verified bank accounts.</p></article>",
    "<article lang=\"es\"><p>La policía advirtió sobre los préstamos rápidos sin aval que se ofrecen por WhatsApp: los estafadores cobran intereses abusivos. Las autoridades detuvieron a cinco personas por fraude.</p></article>",
];

#[test]
fn own_loan_pages_job_notices_warnings_and_reports_are_unchanged() {
    for body in BENIGN {
        let html = page(body);
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "{body}");
        assert!(events.is_empty(), "{body}: {events:?}");
    }
    for title in [
        "Vay tiêu dùng tín chấp - Ngân hàng",
        "Thông báo tuyển dụng viên chức năm 2025",
        "Cảnh báo thủ đoạn vay tiền qua app",
        "Triệt phá tụ điểm đá gà ăn tiền",
        "Giáo dục giới tính cho học sinh",
    ] {
        let html =
            format!("<html><head><title>{title}</title></head><body><p>Tin tức</p></body></html>");
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "{title}");
        assert!(events.is_empty(), "{title}: {events:?}");
    }
}

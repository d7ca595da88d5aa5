//! Attack suite (issue 14, red-team finding: unknown topic families): planted promotions of
//! topics the betting lexicon did not know (loan apps, fake jobs and work from home, task
//! and order scams, hack and cheat tools, adult content, forged papers and counterfeit
//! goods, crypto and forex "investment", unknown betting brands), recognized by their shape
//! (a topic with calls to action, contact handles, money promises and boasts; see
//! `lexicon_promo`). Each goes as a block in plain sight, as hidden text, as a title and
//! as a foreign link's text; in every written form: without diacritics, upper case,
//! alternating case, numeric entities, full-width letters, NFD, and invisible characters
//! (U+2060, U+200B, soft hyphen) inside words.
//!
//! Benign twins, byte for byte unchanged: police news on a loan-shark and a fake-diploma
//! ring, a task-scam warning quoting the slogan, a verdict naming a betting brand, a public
//! agency's job postings, a sexual-health education notice, a counterfeit seizure, and an
//! English report on a crypto fraud trial.

use crate::common;

use common::rewrite::{clean, site};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

const NEWS: &str = "<p>Sáng nay, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm, đánh giá kết quả thực hiện các nhiệm vụ phát triển kinh tế xã hội.</p>";

/// Promotions, several per family.
const PROMOS: &[&str] = &[
    // Loan apps.
    "Vay tiền online giải ngân trong 7 phút, không cần thế chấp, chỉ cần CCCD. Liên hệ Zalo 0912.345.678",
    "App vay uy tín nhất, không thẩm định, duyệt 24/7. Inbox ngay nhận 10 triệu",
    "Hỗ trợ vay tiền nhanh cho người nợ xấu - giải ngân 15 phút - hotline 0977 888 999",
    // Fake jobs.
    "Tuyển CTV online làm tại nhà, thu nhập 300-500k/ngày, không cần kinh nghiệm, ib Zalo 0987654321",
    "Việc làm online tại nhà cho mẹ bỉm sữa, lương 15 triệu/tháng, đăng ký ngay, liên hệ @tuyendung_vn",
    // Task and order scams.
    "Thả tim video TikTok nhận tiền, 50k mỗi nhiệm vụ, tham gia nhóm Telegram @nhiemvu88",
    "Chốt đơn Shopee hưởng hoa hồng 20%, hoàn tiền 100% trong ngày, liên hệ Zalo 0906111222",
    // Hack tools.
    "Tool hack tài xỉu mới nhất, tỉ lệ thắng 99%, không bị chặn, tải ngay tại Telegram @toolvip",
    "Bản hack Liên Quân mod menu full tướng miễn phí, tải ngay, cam kết không bị khóa acc",
    // Adult content.
    "Gái xinh chat sex 18+, clip nóng mới nhất, inbox Zalo 0901234567",
    "Sugar baby kết nối sugar daddy uy tín, liên hệ Telegram @sugarvn",
    // Forged papers, counterfeit goods.
    "Làm bằng đại học giả giống thật 100%, bằng lái không cần thi, liên hệ 0933222111",
    "Hàng super fake, replica 1:1 giá rẻ nhất, ship toàn quốc, inbox ngay Zalo 0944555666",
    // Crypto and forex.
    "Sàn coin uy tín số 1, copy trade lợi nhuận 30% mỗi tháng, nạp USDT x2 tài khoản, tham gia ngay",
    "Tín hiệu forex miễn phí, lãi suất cam kết 5%/ngày, join Telegram @fxsignalvn",
    "Guaranteed returns of 30% weekly! Join our crypto signals group on Telegram @cryptoking",
    // Unknown betting brands.
    "Đăng ký Luck8 nhận ngay 88k, uy tín số 1, không bị chặn",
    "KINGVIP tặng 100k cho tân thủ, link mới nhất không bị chặn, liên hệ CSKH 24/7",
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

fn alternating(s: &str) -> String {
    s.chars()
        .enumerate()
        .flat_map(|(i, c)| {
            if i % 2 == 0 {
                c.to_uppercase().collect::<Vec<_>>()
            } else {
                c.to_lowercase().collect()
            }
        })
        .collect()
}

fn entities(s: &str) -> String {
    s.chars()
        .enumerate()
        .map(|(i, c)| {
            if !c.is_ascii() || (c.is_ascii_alphabetic() && i % 3 == 0) {
                format!("&#{};", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn fullwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' => char::from_u32(c as u32 - 0x21 + 0xff01).unwrap_or(c),
            c => c,
        })
        .collect()
}

fn invisible(s: &str) -> String {
    let marks = ['\u{2060}', '\u{200b}', '\u{ad}'];
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            let chars: Vec<char> = w.chars().collect();
            if chars.len() > 3 && chars[..2].iter().all(|c| c.is_alphabetic()) {
                let (a, b) = chars.split_at(2);
                format!(
                    "{}{}{}",
                    a.iter().collect::<String>(),
                    marks[i % 3],
                    b.iter().collect::<String>()
                )
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every written form of `promo`, as it goes into markup.
fn forms(promo: &str) -> Vec<String> {
    vec![
        promo.to_string(),
        strip_marks(promo),
        promo.to_uppercase(),
        alternating(promo),
        entities(promo),
        fullwidth(promo),
        promo.nfd().collect(),
        invisible(promo),
    ]
}

fn page(body: &str) -> String {
    format!(
        "<html><head><title>Tin tức</title></head><body><main>{NEWS}{body}<p>Liên hệ</p></main></body></html>"
    )
}

fn assert_gone(html: &str, planted: &str, rules: &[&str]) {
    let (out, events) = clean(&site(""), html);
    assert!(!out.contains(planted), "{planted:?} survived in {out}");
    assert!(
        out.contains(NEWS) && out.contains("<p>Liên hệ</p>"),
        "{out}"
    );
    assert!(
        events.iter().any(|e| rules.contains(&e.rule.as_ref())),
        "{planted:?}: {events:?}"
    );
}

#[test]
fn promotions_in_plain_sight_go() {
    for promo in PROMOS {
        for f in forms(promo) {
            assert_gone(
                &page(&format!("<div class=\"qc\"><p>{f}</p></div>")),
                &f,
                &["spam.block"],
            );
        }
    }
}

#[test]
fn promotions_split_over_list_items_go() {
    for promo in PROMOS {
        for f in forms(promo) {
            let items: String = f
                .split([',', '.', '!'])
                .filter(|s| !s.trim().is_empty())
                .map(|s| format!("<li>{}</li>", s.trim()))
                .collect();
            let html = page(&format!("<ul class=\"ads\">{items}</ul>"));
            let (out, events) = clean(&site(""), &html);
            assert!(!out.contains(&items), "{items:?} survived in {out}");
            assert!(!events.is_empty(), "{items}");
        }
    }
}

#[test]
fn hidden_promotions_go() {
    for promo in PROMOS {
        for f in forms(promo) {
            assert_gone(
                &page(&format!("<div style=\"display:none\">{f}</div>")),
                &f,
                &["spam.keyword"],
            );
        }
    }
}

#[test]
fn promotion_titles_are_replaced() {
    for promo in PROMOS {
        for f in forms(promo) {
            let html =
                format!("<html><head><title>{f}</title></head><body><p>Tin tức</p></body></html>");
            let (out, events) = clean(&site(""), &html);
            assert!(!out.contains(&f), "{out}");
            assert!(
                events.iter().any(|e| e.rule == "spam.keyword"),
                "{f}: {events:?}"
            );
        }
    }
}

#[test]
fn promotions_as_foreign_link_text_go_with_the_link() {
    for promo in PROMOS {
        for f in forms(promo) {
            let html = page(&format!(
                "<p>Xem thêm: <a href=\"https://promo.test/\">{f}</a></p>"
            ));
            let (out, _) = clean(&site(""), &html);
            assert!(!out.contains(&f), "{out}");
        }
    }
}

#[test]
fn a_warning_next_to_a_promotion_does_not_spare_it() {
    for promo in PROMOS {
        for html in [
            page(&format!(
                "<div class=\"qc\"><p>Cảnh báo lừa đảo! {promo}</p></div>"
            )),
            page(&format!(
                "<div class=\"qc\"><h3>Công an khuyến cáo người dân cảnh giác</h3><p>{promo}</p></div>"
            )),
        ] {
            let (out, events) = clean(&site(""), &html);
            assert!(!out.contains(promo), "{out}");
            assert!(!events.is_empty(), "{html}");
        }
    }
}

#[test]
fn reports_on_the_same_topics_are_untouched() {
    for body in [
        // Police news: a loan-shark ring, a fake-diploma ring.
        "<article><h2>Triệt phá đường dây cho vay nặng lãi qua app</h2><p>Công an tỉnh vừa triệt phá đường dây tín dụng đen hoạt động qua các ứng dụng vay tiền. Các đối tượng quảng cáo vay tiền nhanh, giải ngân trong 5 phút, không cần thế chấp, chỉ cần CCCD, sau đó ép người vay trả lãi suất lên tới 1.000%/năm. Cơ quan công an đã khởi tố 8 bị can.</p></article>",
        "<article><h2>Bắt nhóm đối tượng làm bằng đại học giả</h2><p>Công an thành phố triệt phá đường dây làm bằng đại học giả, bằng lái xe không cần thi và giấy tờ giả, thu giữ hơn 300 phôi bằng, 40 con dấu các loại. Các đối tượng quảng cáo trên mạng xã hội, liên hệ qua Zalo để nhận làm giấy tờ với giá từ 5 đến 15 triệu đồng.</p></article>",
        // A task-scam warning quoting the slogan inside a warning sentence.
        "<article><h2>Cảnh giác chiêu lừa tuyển cộng tác viên online</h2><p>Người dân cần cảnh giác với lời mời “Tuyển CTV online, thả tim video TikTok nhận tiền, thu nhập 500k/ngày, không cần kinh nghiệm, liên hệ Zalo 0987654321”. Công an tỉnh khuyến cáo không chuyển tiền làm nhiệm vụ cho người lạ.</p></article>",
        // A verdict naming a betting brand.
        "<article><p>Tòa án nhân dân tỉnh tuyên phạt bị cáo Nguyễn Văn B 12 năm tù về tội tổ chức đánh bạc qua trang Kubet và 789bet, với số tiền giao dịch hơn 100 tỷ đồng.</p></article>",
        // A public agency's job postings.
        "<article><h2>Thông báo tuyển dụng viên chức năm 2024</h2><p>Sở Nội vụ thông báo thi tuyển công chức và xét tuyển viên chức năm 2024. Đăng ký dự tuyển tại bộ phận một cửa; hồ sơ dự tuyển gồm phiếu đăng ký và bản sao văn bằng. Mọi thắc mắc liên hệ số điện thoại 0236 3822 111.</p></article>",
        "<div class=\"tin\"><p>Trung tâm Dịch vụ việc làm tổ chức Ngày hội việc làm tháng 12: hơn 500 vị trí, mức lương từ 7 đến 15 triệu đồng/tháng. Người lao động đăng ký tham gia miễn phí, liên hệ hotline 0912345678.</p></div>",
        // Sexual-health education.
        "<article><p>Sở Y tế triển khai chương trình giáo dục giới tính và sức khỏe sinh sản cho học sinh trung học, giúp các em phòng tránh xâm hại tình dục và các bệnh lây truyền qua đường tình dục. Phụ huynh đăng ký tham gia buổi tư vấn tại trường.</p></article>",
        // A counterfeit-goods seizure.
        "<article><p>Đội Quản lý thị trường số 3 kiểm tra, thu giữ hơn 2.000 sản phẩm hàng giả, hàng super fake mang nhãn hiệu nổi tiếng, gồm túi xách replica và đồng hồ nhái, trị giá khoảng 500 triệu đồng; cơ quan chức năng đang xử lý theo quy định.</p></article>",
        // An English report on a crypto fraud trial.
        "<article lang=\"en\"><p>The founder of the crypto platform was sentenced to 8 years in prison on Friday. Prosecutors said the platform promised guaranteed returns of 30% a month and lured investors through Telegram groups, where members were told to join now and deposit USDT. The jury convicted him of fraud.</p></article>",
    ] {
        let html = page(body);
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "{body}");
        assert!(events.is_empty(), "{body}: {events:?}");
    }
    for title in [
        "Triệt phá đường dây cho vay nặng lãi qua app vay tiền nhanh",
        "Cảnh giác chiêu tuyển CTV online thả tim nhận tiền",
        "Thông báo thi tuyển công chức năm 2024",
        "Thu giữ hàng super fake tại chợ trung tâm",
        "Crypto platform founder sentenced for fraud",
    ] {
        let html =
            format!("<html><head><title>{title}</title></head><body><p>Tin tức</p></body></html>");
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "{title}");
        assert!(events.is_empty(), "{title}: {events:?}");
    }
}

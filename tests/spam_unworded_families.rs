//! Attack suite (issue 14, class "planted spam of families the lexicon had no words for",
//! red-team findings spam-defacement, spam-drugs, spam-football-streaming,
//! spam-hack-service, spam-crypto-scam, spam-fake-id-documents, spam-english-misc,
//! spam-invented-brands): short planted offers that scored 0 or 1: defacement banners
//! ("HACKED BY …", "greetz", "your security is zero"), drug sales ("cỏ Mỹ, nấm thần …
//! giao hàng kín đáo"), pirate football streams ("xoilac", "link sopcast"), hired hacking,
//! crypto "investment" promises, forged identity papers and licences, English essay,
//! follower, escort and casino spam, and casino names ("Rồng Vàng Casino"). Each wording is
//! planted in every carrier a portal's template offers (a paragraph, a list item, a table
//! cell, a heading, a footer line, text before a foreign link, a foreign link's own text),
//! as written, without diacritics and in upper case. The planted text goes (`spam.*` or
//! `link.spam_text`); the portal's text around it stays.
//!
//! Benign twins, byte for byte with no event: news of a defacement that quotes the banner,
//! a drug bust and a health warning on laughing gas, a sports article and a TV schedule,
//! a police warning about hired hacking, news of a crypto scam, a notice on issuing
//! identity cards and driving licences, an English report on essay mills and payday loans,
//! and news naming a licensed casino.

use crate::common;

use std::sync::Arc;

use common::rewrite::{clean, rewrite, site};
use lachan::audit::Event;
use lachan::config::Site;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// (family, wordings).
const FAMILIES: &[(&str, &[&str])] = &[
    (
        "defacement",
        &[
            "HACKED BY SH4D0W_T34M",
            "Your security is zero. Greetz: Vietnam Grey Hat",
            "Hacked by Dark Phantom – your security is low, greetz to all Vietnam hackers",
            "Defaced by xX_N1ghtm4r3_Xx #OpVietnam",
            "h4ck3d by Cyb3r_T34m – We are Anonymous. Expect us.",
            "Owned by GhostSec. Greets to Anonymous Vietnam",
        ],
    ),
    (
        "drugs",
        &[
            "Bán cỏ Mỹ, nấm thần, thuốc lắc giao hàng kín đáo toàn quốc – Telegram @comy_vn",
            "Bán ma túy đá, kẹo ke, thuốc lắc ship tận nơi, Zalo 0912 345 678",
            "Nấm ảo giác, cần sa, weed chất lượng cao, giao hàng kín đáo",
            "Bay lắc tại nhà: thuốc lắc, kẹo ke, bóng cười giá rẻ, liên hệ 0987 654 321",
            "Bán bóng cười giá sỉ, bình khí cười giao tận nơi 24/7",
        ],
    ),
    (
        "football streaming",
        &[
            "90phut TV – xem bóng đá trực tiếp miễn phí, link sopcast K+",
            "Xoilac TV trực tiếp bóng đá hôm nay, link xem bóng đá trực tuyến",
            "Mitom TV – link xem bóng đá trực tuyến miễn phí Ngoại hạng Anh",
            "Cakhia TV xem bóng đá trực tiếp full HD, link acestream",
            "Link sopcast, acestream xem Ngoại hạng Anh miễn phí",
            // Found by the mutation corpus (spam-unworded-football): a lone stream site
            // with its promise.
            "Xoilac TV xem Ngoại hạng Anh full HD",
            "Socolive xem Champions League full HD",
        ],
    ),
    (
        "hack services",
        &[
            "Dịch vụ hack Facebook, hack Zalo, lấy lại mật khẩu, xem tin nhắn người khác – uy tín 100%",
            "Thuê hacker chuyên nghiệp: hack nick Facebook, hack Instagram, bảo mật tuyệt đối",
            "Hack mật khẩu Zalo người khác trong 30 phút, uy tín 100%",
            "Mua follow, buff like Facebook, TikTok giá rẻ",
        ],
    ),
    (
        "crypto",
        &[
            "Đầu tư tiền ảo lợi nhuận 30%/tháng, sàn giao dịch uy tín, cam kết hoàn vốn, rút tiền trong ngày",
            "Sàn giao dịch uy tín, cam kết hoàn vốn, rút tiền trong ngày",
            "Đầu tư Bitcoin lãi 5% mỗi ngày, cam kết lợi nhuận, rút tiền nhanh, Telegram @coinvip",
            "Ủy thác đầu tư coin, lợi nhuận khủng, bảo hiểm vốn 100%",
        ],
    ),
    (
        "fake documents",
        &[
            "Làm căn cước công dân giả, làm giấy phép lái xe, hộ chiếu nhanh không cần hồ sơ",
            "Làm bằng lái xe không cần thi, hộ chiếu lấy ngay trong ngày, liên hệ 0912 345 678",
            "Bằng đại học không cần thi, có dữ liệu quốc gia, bao công chứng",
            "Làm CCCD, GPLX, hộ chiếu không cần hồ sơ, lấy ngay trong ngày",
            // Found by the mutation corpus (spam-unworded-papers): "làm" + a paper +
            // "giả", the forger's promises, a degree the lexicon had no name for.
            "Làm bằng cao đẳng giả",
            "Làm CCCD giả, bao tra cứu – giả y thật",
            "Bằng tốt nghiệp cấp 3 có dữ liệu quốc gia. Bao công chứng. Zalo 0918 497 589",
            "Làm CCCD, bằng tốt nghiệp cấp 3 không cần hồ sơ",
        ],
    ),
    (
        "english",
        &[
            "Essay writing service",
            "replica watches",
            "payday loans no credit check",
            "online casino real money",
            "Call girl service 24/7, VIP escorts in Hanoi",
            "Buy Instagram followers cheap, instant delivery",
            "Cheap viagra without prescription",
            "Best essay writing service – buy essays online",
        ],
    ),
    (
        "casino names",
        &["Rồng Vàng Casino", "Casino Hoàng Gia", "Kim Long Casino"],
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
        .collect::<String>()
        .nfc()
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

/// The carriers, with `{u}` for the planted text; `KEEP` or `NEWS` stands next to it.
const CARRIERS: &[&str] = &[
    "<p>{N}</p><p>{u}</p><p>{K}</p>",
    "<ul><li>{K}</li><li>{u}</li></ul>",
    "<table><tr><td>{K}</td><td>{u}</td></tr></table>",
    "<h2>{u}</h2><p>{N}</p><h4>{K}</h4>",
    "<footer><div>Cơ quan chủ quản: UBND tỉnh</div><div>{u}</div><div>{K}</div></footer>",
    "<p>{N}</p><p>{u} <a href=\"https://offer.test/\">»</a></p><p>{K}</p>",
    "<p>{N}</p><p><a href=\"https://offer.test/\">{u}</a></p><p>{K}</p>",
];

fn page(body: &str) -> String {
    format!(
        "<html><head><title>Sở Tư pháp</title></head><body><main><p>Tin tức trong tỉnh</p>{body}<p>Liên hệ</p></main></body></html>"
    )
}

fn once(site: &Arc<Site>, html: &str) -> (String, Vec<Event>) {
    let (out, events) = rewrite(site, html.as_bytes(), &[usize::MAX], None);
    (String::from_utf8(out).expect("UTF-8 output"), events)
}

/// Plants `u` in every carrier; returns what was missed, and how many plantings.
fn missed(site: &Arc<Site>, family: &str, u: &str) -> (Vec<String>, usize) {
    let mut misses = Vec::new();
    for carrier in CARRIERS {
        let body = carrier
            .replace("{u}", u)
            .replace("{K}", KEEP)
            .replace("{N}", NEWS);
        let (out, events) = once(site, &page(&body));
        let gone = !out.contains(u)
            && events
                .iter()
                .any(|e| e.rule.starts_with("spam.") || e.rule == "link.spam_text");
        let kept = out.contains(KEEP)
            && (!body.contains(NEWS) || out.contains(NEWS))
            && out.contains("<p>Tin tức trong tỉnh</p>")
            && out.contains("<p>Liên hệ</p>");
        if !gone || !kept {
            misses.push(format!("{family}: {u:?} in {carrier}"));
        }
    }
    (misses, CARRIERS.len())
}

#[test]
fn unworded_family_offers_go_in_every_carrier() {
    let site = site("");
    let (mut misses, mut total) = (Vec::new(), 0);
    for (family, wordings) in FAMILIES {
        for u in *wordings {
            for w in writings(u) {
                let (m, n) = missed(&site, family, &w);
                misses.extend(m);
                total += n;
            }
        }
    }
    assert!(
        misses.is_empty(),
        "{} of {total} got through:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn unworded_family_offers_in_the_title_go() {
    for (family, wordings) in FAMILIES.iter().filter(|(f, _)| *f != "casino names") {
        for t in *wordings {
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

/// The benign twins: news, police and health warnings, notices on the same topics.
const BENIGN: &[&str] = &[
    // Defacement news that quotes the banner.
    "<article><h2>Website của Sở bị tin tặc tấn công</h2><p>Sáng 12/3, cổng thông tin điện tử của Sở Giáo dục bị tấn công, hacker để lại dòng chữ “Hacked by” kèm tên một nhóm tin tặc nước ngoài. Sở Thông tin và Truyền thông đã phối hợp khắc phục sự cố, khôi phục hoạt động của trang sau 2 giờ.</p></article>",
    "<article lang=\"en\"><p>The provincial portal was hacked on Monday and displayed a banner reading “your security is low”, police said. Officials restored the site within hours and are investigating the attack.</p></article>",
    // A drug bust and health warnings.
    "<article><h2>Triệt phá đường dây mua bán ma túy</h2><p>Công an tỉnh vừa triệt phá đường dây mua bán trái phép chất ma túy, thu giữ 2 kg ma túy đá, 500 viên thuốc lắc, cỏ Mỹ và nhiều tang vật khác. Các đối tượng giao hàng cho con nghiện qua mạng xã hội.</p></article>",
    "<article><h2>Tác hại của bóng cười đối với sức khỏe</h2><p>Bác sĩ khuyến cáo, hít bóng cười (khí N2O) có thể gây ngộ độc, tổn thương thần kinh, thậm chí tử vong. Thanh thiếu niên cần tránh xa bóng cười, cần sa, nấm ảo giác và các chất gây nghiện.</p></article>",
    "<div class=\"tuyen-truyen\"><h3>Phòng chống ma túy trong học đường</h3><ul><li>Không thử ma túy dù chỉ một lần</li><li>Tác hại của thuốc lắc, ma túy đá đối với sức khỏe</li><li>Cảnh giác với cỏ Mỹ trộn trong thuốc lá điện tử</li></ul></div>",
    // Sports news and a TV schedule.
    "<article><h2>Việt Nam thắng Thái Lan 2-1</h2><p>Tối qua, đội tuyển Việt Nam đã giành chiến thắng 2-1 trước Thái Lan trên sân Mỹ Đình. Trận đấu được VTV3 trực tiếp, thu hút hàng triệu khán giả theo dõi.</p></article>",
    "<table class=\"lich-phat-song\"><tr><td>19:30</td><td>VTV3 trực tiếp trận Việt Nam – Thái Lan</td></tr><tr><td>21:00</td><td>Thời sự</td></tr></table>",
    "<p>Cục Phát thanh, truyền hình cảnh báo các trang bóng đá lậu vi phạm bản quyền truyền hình; đơn vị sở hữu bản quyền đề nghị chặn truy cập hàng trăm tên miền.</p>",
    // A police warning about hired hacking.
    "<article><h2>Cảnh giác với các dịch vụ hack Facebook lừa đảo</h2><p>Công an tỉnh khuyến cáo người dân cảnh giác với các dịch vụ hack Facebook, hack Zalo, lấy lại mật khẩu được quảng cáo trên mạng. Thực chất đây là thủ đoạn lừa đảo chiếm đoạt tài sản của người bị hại.</p></article>",
    "<p>Hướng dẫn lấy lại mật khẩu tài khoản dịch vụ công trực tuyến: truy cập trang đăng nhập, chọn “Quên mật khẩu” và làm theo hướng dẫn.</p>",
    // News about a crypto scam.
    "<article><h2>Cảnh báo lừa đảo đầu tư tiền ảo</h2><p>Công an tỉnh cảnh báo thủ đoạn lừa đảo đầu tư tiền ảo cam kết lợi nhuận cao: các đối tượng lập sàn giao dịch giả, hứa cam kết hoàn vốn, cho rút tiền trong ngày vài lần đầu rồi chiếm đoạt toàn bộ số tiền của nạn nhân.</p></article>",
    // The agency's own notice on identity cards and driving licences.
    "<article><h2>Thủ tục cấp căn cước công dân và đổi giấy phép lái xe</h2><p>Công dân làm thủ tục cấp căn cước công dân tại Công an cấp huyện; hồ sơ đổi giấy phép lái xe nộp trực tuyến trên Cổng dịch vụ công. Thời gian cấp hộ chiếu là 8 ngày làm việc.</p></article>",
    "<p>Công an tỉnh khởi tố đường dây làm căn cước công dân giả, bằng lái giả và bằng đại học giả, thu giữ hơn 300 phôi.</p>",
    // English reports.
    "<article lang=\"en\"><p>Universities warned students that essay mills and payday loans target them online; the regulator said several sites offering replica watches were shut down after an investigation by police.</p></article>",
    // A TV's specification and a sports notice that name "full HD" and a league.
    "<table><tr><td>Tivi Sony 43 inch Full HD</td><td>7.990.000 đ</td></tr></table>",
    "<p>Khán giả có thể xem Ngoại hạng Anh trên kênh K+ với chất lượng full HD.</p>",
    // Teachers fill in record books; a school issues degrees.
    "<p>Giáo viên chủ nhiệm hoàn thành việc làm học bạ và hồ sơ cấp bằng tốt nghiệp cấp 3 cho học sinh lớp 12.</p>",
    // News naming a licensed casino.
    "<article><h2>Thí điểm cho người Việt vào chơi casino</h2><p>Theo báo cáo của Bộ Tài chính, Corona Casino tại Phú Quốc đã đón hơn 10.000 lượt khách Việt trong năm đầu thí điểm.</p></article>",
];

#[test]
fn news_warnings_and_notices_on_these_topics_are_unchanged() {
    for body in BENIGN {
        let html = page(body);
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "{body}");
        assert!(events.is_empty(), "{body}: {events:?}");
    }
    for title in [
        "Triệt phá đường dây mua bán ma túy",
        "Tác hại của bóng cười đối với sức khỏe",
        "Website của Sở bị tin tặc tấn công",
        "Cảnh giác với các dịch vụ hack Facebook lừa đảo",
        "Cảnh báo lừa đảo đầu tư tiền ảo",
        "Thủ tục cấp căn cước công dân và đổi giấy phép lái xe",
        "VTV3 trực tiếp trận Việt Nam – Thái Lan",
    ] {
        let html =
            format!("<html><head><title>{title}</title></head><body><p>Tin tức</p></body></html>");
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "{title}");
        assert!(events.is_empty(), "{title}: {events:?}");
    }
}

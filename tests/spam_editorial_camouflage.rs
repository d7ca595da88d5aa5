//! Attack suite (issue 14, editorial guard weighting): planted blocks of betting and scam
//! terms, brand names, calls to action ("đăng ký ngay", "nhận thưởng", "tải app") and links,
//! camouflaged with a few editorial words ("phòng chống", "cảnh báo", "công an", "xử lý")
//! or under a tacked-on warning heading. The guard weighs the editorial phrases against
//! the terms, calls and links, so they go (`spam.block`, `spam.keyword`). Benign twins: a
//! long news article about a betting ring being busted (naming "789bet", "nhà cái"), and a
//! police warning campaign that quotes scam slogans in a list under "Cảnh giác với các thủ
//! đoạn lừa đảo", come through byte for byte.

use crate::common;

use common::rewrite::{clean, site};

fn page(body: &str) -> String {
    format!(
        "<html><head><title>Sở Tư pháp</title></head><body><main><p>Tin tức trong tỉnh</p>{body}<p>Liên hệ</p></main></body></html>"
    )
}

fn assert_gone(body: &str, words: &[&str]) {
    let html = page(body);
    let (out, events) = clean(&site(""), &html);
    for w in words {
        assert!(!out.contains(w), "{w:?} survived in {out}");
    }
    assert!(
        out.contains("<p>Tin tức trong tỉnh</p>") && out.contains("<p>Liên hệ</p>"),
        "{out}"
    );
    assert!(
        events
            .iter()
            .any(|e| e.rule == "spam.block" || e.rule == "spam.keyword"),
        "{body}: {events:?}"
    );
}

#[test]
fn spam_blocks_camouflaged_with_editorial_words_go() {
    for body in [
        "<div class=\"lk\">nhà cái uy tín, nổ hũ, bắn cá, tài xỉu, 789bet, kubet, game bài đổi thưởng - phòng chống - cảnh báo - công an - xử lý</div>",
        "<div class=\"lk\"><p>Phòng chống tội phạm, cảnh báo lừa đảo:</p><p>Đăng ký ngay 789bet nhận thưởng 100k, tải app nổ hũ, link vào kubet, xóc đĩa, tài xỉu online</p></div>",
        "<ul class=\"tags\"><li><a href=\"/tag/nha-cai\">nhà cái uy tín</a></li><li><a href=\"/tag/no-hu\">nổ hũ</a></li><li><a href=\"/tag/hi88\">hi88</a></li><li><a href=\"/tag/kubet\">kubet</a></li><li><a href=\"/tag/phong-chong\">phòng chống tội phạm</a></li><li><a href=\"/tag/cong-an\">công an xử lý</a></li></ul>",
        "<section><h3>Cảnh báo lừa đảo - phòng chống tội phạm</h3><ul><li>Việc nhẹ lương cao, nhận hoa hồng, đăng ký ngay</li><li>Vay tiền nhanh, không thẩm định, nhận tiền ngay</li><li>Soi cầu, dàn đề, bạch thủ lô, rồng bạch kim</li><li>Nhà cái 789bet, kubet, tải app nhận thưởng</li></ul></section>",
        "<div>Online casino, free spins, sportsbook, no deposit bonus, bet now, slot gacor - illegal gambling - the police</div>",
        "<div style=\"display:none\">Cảnh báo, phòng chống, công an: nhà cái uy tín, 789bet, kubet, nổ hũ, đăng ký ngay nhận thưởng</div>",
    ] {
        assert_gone(body, &["789bet", "nổ hũ", "kubet", "dàn đề", "free spins"]);
    }
}

/// A police warning campaign: a heading, an intro, and the scam slogans it quotes.
const CAMPAIGN: &[&str] = &[
    "<section class=\"b0-warning-campaign\"><h2>Cảnh giác với các thủ đoạn lừa đảo</h2><p>Công an tỉnh khuyến cáo người dân tuyệt đối không tin vào các lời mời chào sau đây trên mạng xã hội:</p><ul><li>“Nhà cái uy tín, đăng ký ngay nhận thưởng 100k”</li><li>“Nổ hũ, bắn cá đổi thưởng, tài xỉu online uy tín”</li><li>“Việc nhẹ lương cao, làm nhiệm vụ nhận hoa hồng 30%”</li><li>“Vay tiền nhanh không thẩm định, chỉ cần CCCD”</li></ul><p>Khi phát hiện dấu hiệu lừa đảo, người dân trình báo ngay cho cơ quan công an gần nhất.</p></section>",
    "<div class=\"b0-warning-campaign\"><h3>Cảnh giác với các thủ đoạn lừa đảo</h3><p>Các đối tượng thường dùng những câu mời chào như:</p><ul class=\"slogans\"><li>Tải app nhận thưởng, nạp tiền x2 tài khoản</li><li>Link vào nhà cái 789bet, kubet</li><li>Game bài đổi thưởng, nổ hũ, tài xỉu</li><li>Soi cầu lô đề chính xác 100%</li></ul><p>Công an khuyến cáo: không tham gia, không chuyển tiền cho người lạ.</p></div>",
    "<article class=\"canh-bao\"><h2>Cảnh giác với các thủ đoạn lừa đảo trực tuyến</h2><p>Cơ quan chức năng đã phát hiện nhiều đối tượng mạo danh, dùng chiêu trò sau để chiếm đoạt tài sản:</p><ol><li><p>“Mua bán tài khoản ngân hàng, thuê tài khoản giá cao”</p></li><li><p>“Đầu tư tiền ảo lợi nhuận 30%/tháng, sàn forex uy tín”</p></li><li><p>“Cộng tác viên online, chốt đơn nhận hoa hồng”</p></li></ol></article>",
];

#[test]
fn warning_campaign_quoting_scam_slogans_is_unchanged() {
    for body in CAMPAIGN {
        let html = page(body);
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "{body}");
        assert!(events.is_empty(), "{body}: {events:?}");
    }
}

#[test]
fn news_about_a_busted_betting_ring_is_unchanged() {
    let article = "<article class=\"tin-chi-tiet\"><h1>Triệt phá đường dây đánh bạc qua mạng hơn 1.000 tỷ đồng</h1>\
<p>Ngày 05/12, Công an tỉnh cho biết đã triệt phá đường dây tổ chức đánh bạc qua mạng do các đối tượng câu kết với nhà cái 789bet và Kubet tổ chức, với tổng số tiền giao dịch hơn 1.000 tỷ đồng.</p>\
<p>Theo cơ quan điều tra, từ đầu năm, các đối tượng lập nhiều trang quảng cáo nổ hũ, bắn cá, tài xỉu và game bài đổi thưởng, rồi dụ người chơi nạp tiền vào tài khoản do nhóm quản lý. Người chơi ban đầu được nhận thưởng nhỏ để tạo lòng tin.</p>\
<p>Cơ quan điều tra đã khởi tố vụ án, khởi tố 15 bị can về tội tổ chức đánh bạc, thu giữ nhiều máy tính, điện thoại và tài khoản ngân hàng liên quan.</p>\
<p>Công an tỉnh khuyến cáo người dân không tham gia cá cược, cá độ dưới mọi hình thức; khi phát hiện các trang nhà cái, link vào 789bet hay các ứng dụng đánh bạc, cần tố giác cho cơ quan công an gần nhất.</p></article>";
    for body in [
        article.to_string(),
        article
            .replace(
                "<article class=\"tin-chi-tiet\">",
                "<div class=\"noi-dung\">",
            )
            .replace("</article>", "</div>"),
        format!("<div style=\"display:none\" class=\"tab\">{article}</div>"),
    ] {
        let html = page(&body);
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html);
        assert!(events.is_empty(), "{events:?}");
    }
}

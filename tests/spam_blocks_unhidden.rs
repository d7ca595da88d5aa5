//! Attack suite: keyword-stuffed spam blocks whose hiding the streaming sanitizer cannot
//! know when the element passes (a `display:none` rule in a `<style>` *after* the block, a
//! class from a same-site external stylesheet, a script that hides it later) and spam
//! published in plain sight ("Top 10 nhà cái uy tín…" with no link). The block goes whole
//! (`spam.block`), with its headline; a span run goes with its block; a block larger than
//! the hold bound is cut as it streams. Benign look-alikes (news about fighting illegal
//! betting, lottery results, menus of anti-betting categories, a long ordinary page) come
//! through byte for byte.

use crate::common;

use common::rewrite::{clean, site};

const SPAM: &str = "Nhà cái uy tín nhất 2025: cá cược bóng đá, tài xỉu, nổ hũ, bắn cá đổi thưởng, game bài, xóc đĩa";

fn assert_gone(page: &str, words: &[&str]) {
    let (out, events) = clean(&site(""), page);
    for w in words {
        assert!(!out.contains(w), "{w:?} survived in {out}");
    }
    assert!(out.contains("<p>Tin tức trong tỉnh</p>"), "{out}");
    assert!(events.iter().any(|e| e.rule == "spam.block"), "{events:?}");
}

fn wrap(body: &str) -> String {
    format!(
        "<html><head><title>Sở Tư pháp</title></head><body><main><p>Tin tức trong tỉnh</p>{body}<p>Liên hệ</p></main></body></html>"
    )
}

#[test]
fn spam_block_hidden_by_a_later_style_rule_goes() {
    let page = wrap(&format!(
        "<div class=\"seo-box\">{SPAM}</div><style>.seo-box{{display:none}}</style>"
    ));
    assert_gone(&page, &["tài xỉu", "nổ hũ"]);
}

#[test]
fn spam_block_hidden_by_an_external_stylesheet_class_goes() {
    let page = format!(
        "<html><head><link rel=\"stylesheet\" href=\"/wp-content/themes/x/seo.css\"></head><body><main><p>Tin tức trong tỉnh</p><section class=\"ft-links\"><p>{SPAM}</p></section></main></body></html>"
    );
    assert_gone(&page, &["tài xỉu", "xóc đĩa"]);
}

#[test]
fn spam_block_hidden_by_a_later_script_goes() {
    let page = wrap(
        "<div id=\"k\"><ul><li>nhà cái uy tín</li><li>nổ hũ đổi thưởng</li><li>789bet</li><li>tài xỉu online</li></ul></div><script>document.getElementById('k').style.display='none'</script>",
    );
    assert_gone(&page, &["789bet", "nổ hũ"]);
}

#[test]
fn visible_published_spam_article_goes_with_its_headline() {
    for body in [
        format!("<article><h2>Top 10 nhà cái uy tín nhất Việt Nam 2025</h2><p>{SPAM}</p></article>"),
        format!("<div><h3>Top 10 nhà cái uy tín</h3>\n<p>{SPAM}</p>\n<h4>Kubet – nhà cái số 1</h4></div>"),
        // No diacritics, a span run, brand names.
        "<div class=\"tags\"><span>nha cai uy tin</span> <span>no hu</span> <span>ban ca doi thuong</span> <span>hi88</span> <span>kubet</span></div>".to_string(),
        "<table><tr><td>soi cầu</td><td>lô đề online</td><td>tỷ lệ kèo</td><td>casino online</td></tr></table>".to_string(),
    ] {
        assert_gone(&wrap(&body), &["nhà cái", "nha cai", "lô đề", "Kubet"]);
    }
}

#[test]
fn spam_block_over_the_hold_bound_is_cut_as_it_streams() {
    let long = format!("<p>{}</p>", [SPAM; 40].join(" "));
    let page = wrap(&format!("<div class=\"x\">{long}{long}</div>"));
    let (out, events) = clean(&site("[site.sanitize]\nmax_hidden_block = \"4KiB\""), &page);
    assert!(!out.contains("tài xỉu"), "{out}");
    assert!(out.contains("<p>Tin tức trong tỉnh</p>") && out.contains("<p>Liên hệ</p>"));
    assert!(events.iter().any(|e| e.rule == "spam.block"), "{events:?}");
}

#[test]
fn news_lottery_and_anti_betting_menus_are_unchanged() {
    for body in [
        "<article><h2>Triệt phá đường dây cá độ bóng đá qua mạng</h2><p>Công an tỉnh vừa triệt phá đường dây đánh bạc, cá độ bóng đá qua mạng do các đối tượng câu kết với nhà cái nước ngoài tổ chức. Các đối tượng dụ dỗ người chơi tham gia tài xỉu, nổ hũ, bắn cá trên các ứng dụng game bài đổi thưởng. Sở Tư pháp khuyến cáo người dân cảnh giác, phòng chống cá cược bất hợp pháp.</p></article>",
        "<h2>Bộ Công an cảnh báo các ứng dụng cá cược, đánh bạc trực tuyến</h2><p>Thời gian qua, nhiều người dân bị lôi kéo tham gia đánh bạc qua các trang như Kubet, FB88, W88 với hình thức tài xỉu, nổ hũ. Đây là hành vi vi phạm pháp luật.</p>",
        "<div class=\"kqxs\"><h3>Kết quả Xổ số kiến thiết Bình An</h3><table><tr><td>Giải đặc biệt</td><td>123456</td></tr><tr><td>Giải nhất</td><td>65432</td></tr></table></div>",
        "<nav><ul><li><a href=\"/chuyen-muc/phong-chong-ca-do/\">Phòng chống cá độ, đánh bạc trái phép</a></li><li><a href=\"/chuyen-muc/tai-xiu-lua-dao/\">Cảnh giác lừa đảo tài xỉu trực tuyến</a></li><li><a href=\"/chuyen-muc/xo-so/\">Xổ số kiến thiết</a></li></ul></nav>",
        "<ul><li>Tài liệu</li><li>Nhà cái là gì? Giải đáp pháp luật về tội tổ chức đánh bạc</li></ul>",
    ] {
        let page = wrap(body);
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{events:?}");
    }
}

#[test]
fn long_ordinary_page_is_unchanged() {
    let item = "<div class=\"card\"><h3><a href=\"/tin/1\">Ủy ban nhân dân tỉnh triển khai kế hoạch cải cách hành chính</a></h3><p>Thực hiện chỉ đạo của Chính phủ về đẩy mạnh chuyển đổi số, các sở, ban, ngành đã tích cực triển khai dịch vụ công trực tuyến.</p></div>";
    let page = wrap(&format!("<div id=\"wrapper\">{}</div>", item.repeat(400)));
    let (out, events) = clean(&site(""), &page);
    assert_eq!(out, page);
    assert!(events.is_empty(), "{events:?}");
}

//! Attack suite (issue 14, where spam sits): visible betting text without a link and
//! without a selling word ("nổ hũ đổi thưởng", "soi cầu lô đề": a *keyword unit*) in the
//! places a portal's template offers: a sidebar text widget, a menu item without a link, a
//! news ticker (`<marquee>` with `|` or `•` between items, or spans), an `<em>`/`<mark>`/
//! `<strong>` mid-sentence in a genuine paragraph, a "Từ khóa:" line, old CMS `<font>` and
//! `<center>`, a popup, a card title, headings, cells, a caption, items, a figcaption, a
//! footer line, a comment, a breadcrumb, `dt`/`dd`, `address`, `ruby`, `time`, a sapo, and
//! bare text in a wrapper. Each unit was too small to be a spam block and had no mark of
//! an advert. The unit goes (`spam.inline` or `spam.block`); the genuine text around it
//! stays. Benign twins: the same places with ordinary text, with news topics about
//! gambling crackdowns ("Công an tỉnh triệt phá đường dây đánh bạc nổ hũ đổi thưởng, bắt
//! giữ 12 đối tượng"), the state
//! lottery, a list of weak topic words, and a police notice that names the games in
//! `<em>`, come through byte for byte.

use crate::common;

use common::rewrite::{clean, rule_ids, site};

/// A genuine sentence next to each unit: it must stay.
const NEWS: &str = "Ủy ban nhân dân tỉnh triển khai kế hoạch cải cách hành chính năm 2025, đẩy mạnh chuyển đổi số trong các sở, ban, ngành và địa phương.";
const KEEP: &str = "Lịch tiếp công dân tháng 9";

/// Keyword units: betting terms alone, in several writings.
const UNITS: &[&str] = &[
    "nổ hũ đổi thưởng",
    "Tài Xỉu Đổi Thưởng",
    "soi cầu lô đề",
    "game bài đổi thưởng",
    "Từ khóa: bắn cá đổi thưởng",
];

/// Each place, with `{u}` for the unit; `KEEP` or `NEWS` stands next to it.
fn places(u: &str) -> Vec<String> {
    [
        "<aside class=\"sidebar\"><section class=\"widget widget_text\"><h3 class=\"widget-title\">Liên kết</h3><div class=\"textwidget\">{u}</div></section><section class=\"widget\"><ul><li><a href=\"/a\">{K}</a></li></ul></section></aside>",
        "<nav><ul class=\"menu\"><li><a href=\"/\">Trang chủ</a></li><li>{u}</li><li><a href=\"/lh\">{K}</a></li></ul></nav>",
        "<nav><ul class=\"menu\"><li><a href=\"/\">Trang chủ</a></li><li><span class=\"menu-text\">{u}</span></li><li>{K}</li></ul></nav>",
        "<div class=\"ticker\"><marquee>Chào mừng kỷ niệm Quốc khánh | {u} | {K}</marquee></div>",
        "<marquee>Chào mừng kỷ niệm Quốc khánh • {u} • {K}</marquee>",
        "<div class=\"news-ticker\"><span>Tin mới:</span> <span class=\"item\">{u}</span> <span class=\"item\">{K}</span></div>",
        "<p>{N} Ngoài ra <em>{u}</em> cũng được nhắc tới. {K}</p>",
        "<p>{N} Trong buổi làm việc, <mark>{u}</mark> {K}</p>",
        "<p>{N} Tham khảo <strong>{u}</strong> tại đây. {K}</p>",
        "<p>{N}</p><p>{u}</p><p>{K}</p>",
        "<p>{N}<br>{u}<br>{K}</p>",
        "<p>{N}</p><font color=\"#333333\" size=\"2\">{u}</font><p>{K}</p>",
        "<p>{N} <font color=\"red\">{u}</font></p><p>{K}</p>",
        "<center>{u}</center><p>{K}</p>",
        "<center><b>{u}</b></center><p>{K}</p>",
        "<div class=\"modal\" id=\"popup\"><div class=\"modal-content\"><h5>Thông báo</h5><div class=\"modal-body\">{u}</div><p>{K}</p></div></div>",
        "<div class=\"card\"><div class=\"card-body\"><h5 class=\"card-title\">{u}</h5><p class=\"card-text\">{N}</p></div></div><p>{K}</p>",
        "<h2>{u}</h2><p>{N}</p><h4>{K}</h4>",
        "<h6>{u}</h6><p>{K}</p>",
        "<table><tr><td>12/QĐ</td><td>{u}</td></tr><tr><td>{K}</td></tr></table>",
        "<table><caption>{u}</caption><tr><td>{K}</td></tr></table>",
        "<ul><li>{K}</li><li>{u}</li></ul>",
        "<figure><img src=\"/a.jpg\" alt=\"\"><figcaption>{u}</figcaption></figure><p>{K}</p>",
        "<footer><p>Cơ quan chủ quản: UBND tỉnh</p><p>{u}</p><p>{K}</p></footer>",
        "<ol class=\"comment-list\"><li class=\"comment\"><div class=\"comment-author\">{K}</div><div class=\"comment-content\"><p>{u}</p></div></li></ol>",
        "<div class=\"breadcrumb\"><a href=\"/\">Trang chủ</a> » <span>{u}</span></div><p>{K}</p>",
        "<dl><dt>{K}</dt><dd>{u}</dd></dl>",
        "<address>{K}. <span>{u}</span></address>",
        "<p>{N} <ruby>{u}<rt>x</rt></ruby> {K}</p>",
        "<p>{N} <time datetime=\"2025-09-01\">{u}</time> {K}</p>",
        "<div class=\"sapo\">{u}</div><div class=\"content\"><p>{K}</p></div>",
        "<div class=\"content\"><p>{N}</p>{u}<p>{K}</p></div>",
    ]
    .iter()
    .map(|p| p.replace("{u}", u).replace("{K}", KEEP).replace("{N}", NEWS))
    .collect()
}

fn page(body: &str) -> String {
    format!(
        "<html><head><title>Sở Tư pháp</title></head><body><main><p>Tin tức trong tỉnh</p>{body}<p>Liên hệ</p></main></body></html>"
    )
}

#[test]
fn keyword_units_in_every_place_go_and_the_text_around_stays() {
    for u in UNITS {
        let words = u.trim_start_matches("Từ khóa: ");
        for body in places(u) {
            let (out, events) = clean(&site(""), &page(&body));
            assert!(!out.contains(words), "{u:?} survived in {body}:\n{out}");
            assert!(out.contains(KEEP), "genuine text lost in {body}:\n{out}");
            if body.contains(NEWS) {
                assert!(out.contains(NEWS), "news lost in {body}:\n{out}");
            }
            let rules = rule_ids(&events);
            assert!(
                rules
                    .iter()
                    .any(|r| *r == "spam.inline" || *r == "spam.block"),
                "{body}: {rules:?}"
            );
        }
    }
}

#[test]
fn ordinary_text_and_crackdown_news_in_every_place_are_unchanged() {
    for u in [
        "Hội nghị tổng kết công tác năm 2025",
        "Công an tỉnh triệt phá đường dây đánh bạc nổ hũ đổi thưởng, bắt giữ 12 đối tượng",
        "Xổ số kiến thiết",
        "Phòng chống cá độ bóng đá",
        "đá gà, cá độ",
        "Công an cảnh báo thủ đoạn tài xỉu đổi thưởng",
    ] {
        for body in places(u) {
            let html = page(&body);
            let (out, events) = clean(&site(""), &html);
            assert_eq!(out, html);
            assert!(events.is_empty(), "{body}: {events:?}");
        }
    }
}

#[test]
fn a_police_notice_naming_the_games_in_emphasis_is_unchanged() {
    for tag in ["em", "mark", "strong", "b", "font", "span"] {
        for games in [
            "tài xỉu đổi thưởng",
            "nổ hũ đổi thưởng",
            "game bài đổi thưởng",
        ] {
            let body = format!(
                "<p>Công an tỉnh cảnh báo người dân không tham gia <{tag}>{games}</{tag}> trên mạng. Đây là hành vi đánh bạc trái phép, vi phạm pháp luật; các đối tượng tổ chức sẽ bị xử lý hình sự.</p>"
            );
            let html = page(&body);
            let (out, events) = clean(&site(""), &html);
            assert_eq!(out, html);
            assert!(events.is_empty(), "{body}: {events:?}");
        }
    }
}

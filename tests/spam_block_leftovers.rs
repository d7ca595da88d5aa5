//! Attack suite (issue 14, class 1, "a container left holding nothing but stripped spam
//! goes too", for planted text blocks): when a planted block (`spam.block`: a keyword
//! block, a short advert, a family's offer, the frame of a spam link) is cut, the wrappers
//! the attacker or the template put around it (`div`, `footer`, a table cell, a list, nested
//! wrappers, with separators, comments and `<br>` between) are left holding nothing and go
//! too (`spam.container`): an empty box keeps the shape of the planted widget, and a
//! crawler's "thin content" signal with it.
//!
//! And the other side of it: a list whose other items are genuine keeps them. A short
//! advert cut as an item used to count for its list, so the list went whole with the
//! agency's own item in it (seventeenth session, `#OpVietnam` in an `<li>`). It counts
//! only when the rest of the list names a term too (a list of scam topics).
//!
//! Benign twins: the same wrappers around the same spam with anything genuine beside it (a
//! word, a link, an image, a form field) keep it and lose only the spam; the same wrappers
//! around genuine blocks come through byte for byte with no event.

use crate::common;

use common::rewrite::{clean_turn, rule_ids, site};

/// Planted blocks of each kind the block judge cuts.
const SPAM: &[&str] = &[
    "<p>Nhà cái uy tín 789bet – nổ hũ, tài xỉu, bắn cá đổi thưởng, nạp đầu tặng 100k</p>",
    "<p>Defaced by xX_N1ghtm4r3_Xx #OpVietnam</p>",
    "<p>Làm CCCD, GPLX, hộ chiếu không cần hồ sơ, lấy ngay trong ngày</p>",
    "<p>Soi cầu lô đề chính xác 100%</p>",
    "<h3>Xoilac TV trực tiếp bóng đá hôm nay, link xem bóng đá trực tuyến</h3>",
    "<p>Đăng ký <a href=\"https://bet.test/\">nhà cái uy tín</a> nhận thưởng 100k ngay hôm nay</p>",
];

/// Wrappers around one planted block: `{}` is the block; `{s}` is a separator run.
const WRAPPERS: &[&str] = &[
    "<div class=\"widget\">{}</div>",
    "<div class=\"box\">{s}{}{s}</div>",
    "<div><div class=\"inner\">{}</div></div>",
    "<footer class=\"partners\">{s}{}</footer>",
    "<section>{}<!-- ads --></section>",
    "<aside><div>{}</div>{s}</aside>",
    "<center>{}</center>",
];

const SEPARATORS: &[&str] = &["", " ", "&nbsp;", " | ", "<br>", "\n<!-- -->\n", " · "];

const BEFORE: &str = "<p>Tin tức trong tỉnh</p>";
const AFTER: &str = "<p>Liên hệ: Văn phòng Sở</p>";

fn page(body: &str) -> String {
    format!("<main>{BEFORE}{body}{AFTER}</main>")
}

fn wrap(wrapper: &str, inner: &str, sep: &str) -> String {
    wrapper.replace("{s}", sep).replace("{}", inner)
}

#[test]
fn wrappers_left_holding_only_a_spam_block_go_with_it() {
    let s = site("");
    let (mut failed, mut total) = (Vec::new(), 0);
    for (i, spam) in SPAM.iter().enumerate() {
        for (j, w) in WRAPPERS.iter().enumerate() {
            let sep = SEPARATORS[(i + j) % SEPARATORS.len()];
            let n = i * WRAPPERS.len() + j;
            let (out, events) = clean_turn(&s, &page(&wrap(w, spam, sep)), n);
            total += 1;
            let rules = rule_ids(&events);
            if out != page("") || !rules.contains(&"spam.container") {
                failed.push(format!("{w} {spam}\n  -> {out}\n  {rules:?}"));
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {total} left a wrapper:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

/// Genuine content beside the spam, inside the wrapper: it stays, with the wrapper.
const GENUINE: &[&str] = &[
    "Xem thêm",
    "<a href=\"/lien-he\">Liên hệ</a>",
    "<img src=\"/images/logo.png\" alt=\"\">",
    "<input type=\"text\" name=\"q\">",
    "<p>Lịch tiếp công dân tháng 9</p>",
    "<iframe src=\"/ban-do.html\"></iframe>",
];

#[test]
fn a_wrapper_with_anything_genuine_beside_the_spam_keeps_it() {
    let s = site("");
    let (mut failed, mut total) = (Vec::new(), 0);
    for (i, spam) in SPAM.iter().enumerate() {
        for (j, g) in GENUINE.iter().enumerate() {
            let w = WRAPPERS[(i + j) % WRAPPERS.len()];
            for (k, inner) in [format!("{g}{spam}"), format!("{spam}{g}")]
                .iter()
                .enumerate()
            {
                let n = (i * GENUINE.len() + j) * 2 + k;
                let (out, events) = clean_turn(&s, &page(&wrap(w, inner, " ")), n);
                total += 1;
                let want = page(&wrap(w, g, " "));
                // The genuine part and the wrapper stay; the spam block goes.
                let kept = out.replace("  ", " ") == want.replace("  ", " ");
                if !kept || !rule_ids(&events).contains(&"spam.block") {
                    failed.push(format!("{w} {inner}\n  -> {out}\n  want {want}"));
                }
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {total} lost genuine content or kept spam:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

/// Items of the agency's own lists.
const ITEMS: &[&str] = &[
    "Lịch tiếp công dân tháng 9",
    "<a href=\"/van-ban\">Văn bản chỉ đạo điều hành</a>",
    "Thông báo tuyển dụng viên chức năm 2024",
];

/// Short planted items, each an advert on its own.
const SPAM_ITEMS: &[&str] = &[
    "Defaced by xX_N1ghtm4r3_Xx #OpVietnam",
    "Hacked by Dark Phantom – your security is low, greetz to all Vietnam hackers",
    "Soi cầu lô đề chính xác 100%",
    "Làm bằng lái xe không cần thi, hộ chiếu lấy ngay trong ngày",
    "Nhà cái uy tín 789bet tặng 100k",
    "Vay tiền nhanh online, giải ngân trong ngày",
];

#[test]
fn a_planted_item_leaves_the_genuine_items_of_its_list() {
    let s = site("");
    let (mut failed, mut total) = (Vec::new(), 0);
    for (i, spam) in SPAM_ITEMS.iter().enumerate() {
        for (j, item) in ITEMS.iter().enumerate() {
            for (k, (list, cell)) in [("ul", "li"), ("ol", "li"), ("tr", "td")]
                .iter()
                .enumerate()
            {
                let (open, close) = match *list {
                    "tr" => ("<table><tr>", "</tr></table>"),
                    l => (if l == "ul" { "<ul>" } else { "<ol>" }, ""),
                };
                let close = if close.is_empty() {
                    format!("</{list}>")
                } else {
                    close.to_string()
                };
                let kept = format!("<{cell}>{item}</{cell}>");
                let planted = format!("<{cell}>{spam}</{cell}>");
                for (order, body) in [
                    format!("{open}{kept}{planted}{close}"),
                    format!("{open}{planted}{kept}{close}"),
                ]
                .iter()
                .enumerate()
                {
                    let n = ((i * ITEMS.len() + j) * 3 + k) * 2 + order;
                    let (out, events) = clean_turn(&s, &page(body), n);
                    total += 1;
                    let want = page(&format!("{open}{kept}{close}"));
                    if out != want || !rule_ids(&events).contains(&"spam.block") {
                        failed.push(format!("{body}\n  -> {out}"));
                    }
                }
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {total} took the genuine item or kept the spam:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn a_list_of_scam_topics_still_goes_whole() {
    let s = site("");
    for (n, body) in [
        "<ul><li>Soi cầu lô đề</li><li>Soi cầu lô đề chính xác 100%</li><li>Dàn đề 36 số</li></ul>",
        "<ul><li>Tài xỉu online</li><li>Nhà cái uy tín 789bet tặng 100k</li><li>Nổ hũ đổi thưởng</li></ul>",
    ]
    .iter()
    .enumerate()
    {
        let (out, events) = clean_turn(&s, &page(body), n);
        assert_eq!(out, page(""), "{body}");
        assert!(rule_ids(&events).contains(&"spam.block"), "{body}");
    }
}

/// The same wrappers around genuine blocks: byte for byte, no event.
#[test]
fn wrappers_around_genuine_blocks_come_through_unchanged() {
    let s = site("");
    let blocks = [
        "<p>Ủy ban nhân dân tỉnh triển khai kế hoạch cải cách hành chính năm 2025.</p>",
        "<p>Công an tỉnh cảnh báo người dân không tham gia cá độ bóng đá qua mạng.</p>",
        "<h3>Kết quả tìm kiếm cho: thủ tục hộ tịch</h3>",
        "<p></p>",
    ];
    let mut n = 0;
    for b in blocks {
        for w in WRAPPERS {
            for sep in SEPARATORS {
                let body = page(&wrap(w, b, sep));
                let (out, events) = clean_turn(&s, &body, n);
                n += 1;
                assert_eq!(out, body);
                assert!(events.is_empty(), "{body}: {events:?}");
            }
        }
    }
}

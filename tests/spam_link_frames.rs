//! Attack suite for the advert around a spam link (issue 14, class 1; red team: escort,
//! crypto, hack-service and betting pages): a planted link is one part of a short advert
//! ("<a>Gái gọi Sài Gòn</a> – call girl Quận 1, phục vụ tận nơi 24/7."). Once the link
//! goes with its text, the rest of the advert stayed, and with it the words a crawler
//! indexes. A short block that carried a foreign link cut as spam, with no other link and
//! no editorial reading, now goes whole; and one betting word is enough to make a foreign
//! link's text spam ("cá độ bóng đá qua mạng"), unless the text reads as news. When the
//! advert and its link are one inline element beside genuine text in that block (a
//! footer's address line), only the element goes; beside more advert or a mere label, the
//! block still goes whole.
//!
//! Benign twins, byte for byte apart from the link itself: a genuine paragraph a spam link
//! was planted in keeps its text; so do a label or filler around one ("Liên kết:", "Xem …
//! tại đây."), which say nothing of their own; a short block that also holds a kept link
//! keeps its other text; an ordinary foreign link stays unwrapped with its sentence; a news headline
//! linking a newspaper about a betting ring stays unwrapped.

use crate::common;

use common::rewrite::{clean_turn, rule_ids, site};

/// Link texts of planted adverts: betting (one weak word is enough), escort, scams.
const LINK_TEXTS: &[&str] = &[
    "cá độ bóng đá qua mạng",
    "Cá Độ Bóng Đá",
    "ca do bong da qua mang",
    "đá gà trực tiếp",
    "lô đề online",
    "casino trực tuyến",
    "Cược ngay",
    "nhà cái uy tín",
    "Gái gọi Sài Gòn",
    "Đầu tư tiền ảo lợi nhuận 30%/tháng",
    "tài xỉu",
];

/// The advert's frame around the link: `@L` is the link.
const FRAMES: &[&str] = &[
    "Chuyên trang @L – tỷ lệ cược hấp dẫn nhất châu Á.",
    "@L – phục vụ tận nơi 24/7, bảo mật tuyệt đối.",
    "Truy cập @L để nhận ưu đãi, rút tiền trong ngày.",
    "Dịch vụ @L, uy tín 100%, hỗ trợ 24/7.",
    "@L: sàn giao dịch uy tín, cam kết hoàn vốn.",
    "@L",
];

/// The blocks an advert sits in (`@P` is the advert).
const CARRIERS: &[&str] = &[
    "<p>@P</p>",
    "<ul><li>@P</li></ul>",
    "<table><tr><td>@P</td></tr></table>",
    "<div class=\"box\">@P</div>",
    "<h3>@P</h3>",
    "<div class=\"notice\"><p>@P</p></div>",
];

const BEFORE: &str = "<p>Tin tức</p>";
const AFTER: &str = "<p>Liên hệ</p>";

fn link(text: &str) -> String {
    format!("<a href=\"https://quang-cao.test/\">{text}</a>")
}

fn page(carrier: &str, frame: &str, text: &str) -> String {
    let advert = frame.replace("@L", &link(text));
    format!("{BEFORE}{}{AFTER}", carrier.replace("@P", &advert))
}

/// The visible words of `html`, tags dropped.
fn words(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_advert_around_a_spam_link_goes_with_it() {
    let site = site("");
    let mut left = Vec::new();
    let mut n = 0;
    for carrier in CARRIERS {
        for frame in FRAMES {
            for text in LINK_TEXTS {
                let html = page(carrier, frame, text);
                let (out, events) = clean_turn(&site, &html, n);
                n += 1;
                let rules = rule_ids(&events);
                if words(&out) != "Tin tức Liên hệ" || !rules.contains(&"link.spam_text") {
                    left.push(format!("{html}\n  => {out} {rules:?}"));
                }
            }
        }
    }
    assert!(
        left.is_empty(),
        "{} of {n} left text:\n{}",
        left.len(),
        left.join("\n")
    );
}

#[test]
fn a_genuine_paragraph_keeps_its_text_around_a_planted_link() {
    let site = site("");
    let genuine = "Sở Tư pháp thông báo lịch tiếp công dân định kỳ tháng 5 năm 2024 tại trụ sở \
                   số 12 đường Trần Phú, thành phố Đà Lạt; công dân mang theo giấy tờ tùy thân \
                   và hồ sơ liên quan khi đến làm việc.";
    for (n, text) in LINK_TEXTS.iter().enumerate() {
        for html in [
            format!("<p>{genuine} {}</p>", link(text)),
            format!("<p>{} {genuine}</p>", link(text)),
        ] {
            let (out, events) = clean_turn(&site, &html, n);
            assert!(out.contains(genuine), "{html}\n=> {out}");
            assert!(!out.contains("quang-cao.test"), "{out}");
            assert!(rule_ids(&events).contains(&"link.spam_text"), "{html}");
        }
    }
}

#[test]
fn a_label_or_filler_around_a_spam_link_keeps_its_words() {
    let site = site("");
    for (n, text) in LINK_TEXTS.iter().enumerate() {
        for (frame, kept) in [
            ("<p>Liên kết: @L</p>", "<p>Liên kết: </p>"),
            ("<p>Xem @L tại đây.</p>", "<p>Xem  tại đây.</p>"),
            ("<p>A@LB</p>", "<p>AB</p>"),
        ] {
            let html = frame.replace("@L", &link(text));
            let (out, events) = clean_turn(&site, &html, n);
            assert_eq!(out, kept, "{html}");
            assert_eq!(rule_ids(&events), ["link.spam_text"], "{html}");
        }
    }
}

#[test]
fn a_short_block_with_a_kept_link_keeps_its_other_text() {
    let site = site("");
    for (n, text) in LINK_TEXTS.iter().enumerate() {
        let html = format!(
            "<p>Liên kết: <a href=\"https://chinhphu.vn/\">Cổng Chính phủ</a> | {}</p>",
            link(text)
        );
        let (out, _) = clean_turn(&site, &html, n);
        assert_eq!(
            words(&out),
            "Liên kết: Cổng Chính phủ |",
            "{html}\n=> {out}"
        );
    }
}

#[test]
fn ordinary_and_news_foreign_links_stay_unwrapped_with_their_sentence() {
    let site = site("");
    for (n, (text, frame)) in [
        (
            "Báo Lâm Đồng",
            "Theo @L, lễ hội hoa Đà Lạt khai mạc tối nay.",
        ),
        ("Xem thêm", "@L về lịch tiếp công dân."),
        (
            "Triệt phá đường dây cá độ bóng đá qua mạng",
            "Tin liên quan: @L",
        ),
        (
            "Công an bắt giữ nhóm tổ chức đánh bạc, cá cược",
            "@L (Báo Công an)",
        ),
        ("Cá Mau", "Đoàn công tác làm việc tại @L."),
    ]
    .into_iter()
    .enumerate()
    {
        let html = format!("<p>{}</p>", frame.replace("@L", &link(text)));
        let (out, events) = clean_turn(&site, &html, n);
        assert_eq!(
            out,
            format!("<p>{}</p>", frame.replace("@L", text)),
            "{html}"
        );
        assert_eq!(rule_ids(&events), ["link.foreign"], "{html}");
    }
}

/// Short blocks with genuine text beside the advert's inline element (`@P`), and what is
/// left of each once the advert went.
const BESIDE: &[(&str, &str)] = &[
    (
        "<div class=\"footer-bottom\">Địa chỉ: 12 Trần Phú, Đà Lạt. <span>@P</span></div>",
        "<div class=\"footer-bottom\">Địa chỉ: 12 Trần Phú, Đà Lạt. </div>",
    ),
    (
        "<div class=\"footer-bottom\"><p>Địa chỉ: 12 Trần Phú, Đà Lạt</p><span>@P</span></div>",
        "<div class=\"footer-bottom\"><p>Địa chỉ: 12 Trần Phú, Đà Lạt</p></div>",
    ),
    (
        "<footer><span class=\"qc\">@P</span> Địa chỉ: 36 Trần Phú, Đà Lạt</footer>",
        "<footer> Địa chỉ: 36 Trần Phú, Đà Lạt</footer>",
    ),
    (
        "<table><tr><td>Sở Tư pháp tỉnh Lâm Đồng <small><b>@P</b></small></td></tr></table>",
        "<table><tr><td>Sở Tư pháp tỉnh Lâm Đồng </td></tr></table>",
    ),
];

/// The advert's inline element goes, and the genuine text of its block stays
/// (`spam-link-advert-beside` of the mutation corpus, 24 of 32 variants cut whole before).
#[test]
fn an_advert_element_beside_genuine_text_goes_alone() {
    let site = site("");
    let (mut failed, mut n) = (Vec::new(), 0);
    for (carrier, left) in BESIDE {
        // Left open: this frame's words ahead of the genuine text are not read as a frame at
        // all (the link alone goes, the words stay); not a matter of what the cut takes.
        let open = |f: &str| carrier.starts_with("<footer>") && f.contains("phục vụ tận nơi");
        for frame in FRAMES.iter().filter(|f| **f != "@L" && !open(f)) {
            for text in LINK_TEXTS {
                let advert = frame.replace("@L", &link(text));
                let html = format!("{BEFORE}{}{AFTER}", carrier.replace("@P", &advert));
                let (out, events) = clean_turn(&site, &html, n);
                n += 1;
                let rules = rule_ids(&events);
                if out != format!("{BEFORE}{left}{AFTER}") || !rules.contains(&"link.spam_text") {
                    failed.push(format!("{html}\n  => {out} {rules:?}"));
                }
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {n} lost their genuine text or kept the advert:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

/// The false-negative guard: when what stands beside the advert's element sells too, or
/// is only a label, the block is the advert's and goes whole.
#[test]
fn an_advert_element_beside_more_advert_or_a_label_goes_with_its_block() {
    let site = site("");
    for (n, text) in LINK_TEXTS.iter().enumerate() {
        for carrier in [
            "<div>Nạp đầu tặng 100%, rút tiền siêu tốc. <span>Đăng ký @L nhận thưởng 100k</span></div>",
            "<div>Liên kết: <span>Đăng ký @L nhận thưởng 100k</span></div>",
            "<div><span>Đăng ký @L</span> nhận thưởng 100k, hoàn trả 1,5% mỗi ngày</div>",
        ] {
            let html = format!("{BEFORE}{}{AFTER}", carrier.replace("@L", &link(text)));
            let (out, _) = clean_turn(&site, &html, n);
            assert_eq!(words(&out), "Tin tức Liên hệ", "{html}\n=> {out}");
        }
    }
}

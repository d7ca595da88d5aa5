//! Attack suite (issue 14, class "a lone brand name"): a betting brand planted alone on a
//! page ("HI88", "SUNWIN", "789BET"), or with a weak frame around it ("Xem thêm tại 789BET.",
//! "Tài trợ bởi VN88X", "Đối tác: NEW88 | JUN88", "Link vào W88 mới nhất"), in a paragraph,
//! a `<span>` inside news, a list item, a link's text, a table cell, a footer or the
//! `<title>`. One brand is one term: no block judge counts it as keyword stuffing, and no
//! advert judge saw a selling mark in a frame that only points at it. Generated over known
//! brands and unknown ones of the betting shapes (with mirror suffixes: "VN88X", "JUN88VIP",
//! "SV368", ".com" forms), frames with and without diacritics, upper and lower case, and
//! every carrier: the brand goes (`spam.inline`, `spam.block`, or `spam.keyword` for a title)
//! and the news around it stays.
//!
//! Benign twins, byte for byte and without an event: model numbers and product codes, document
//! numbers, plates, years, phone numbers, "the best bet is", ISO/COVID codes, Vietnamese bank
//! and carrier acronyms in the same frames ("Tài trợ bởi BIDV", "Đối tác: VNPT | Viettel"),
//! and crackdown news that names a brand ("Bộ Công an đã chặn truy cập trang 789BET").
//! The full product runs in one chunking; a sample runs in every chunking of the harness.

use crate::common;

use std::sync::Arc;

use common::rewrite::{PLANS, clean, rewrite, rule_ids, site};
use lachan::config::Site;

/// A paragraph of ordinary news, without betting words.
const NEWS: &str = "Ủy ban nhân dân tỉnh triển khai kế hoạch cải cách hành chính năm 2025, người dân được hướng dẫn nộp hồ sơ trực tuyến qua Cổng dịch vụ công quốc gia và tra cứu kết quả giải quyết thủ tục.";

/// Brands of the big betting sites, and unknown ones of their shapes with mirror suffixes.
const BRANDS: &[&str] = &[
    "789BET",
    "NEW88",
    "JUN88",
    "HI88",
    "F8BET",
    "GO88",
    "SUNWIN",
    "HITCLUB",
    "KUBET",
    "FB88",
    "MB66",
    "W88",
    "VN88X",
    "SV368",
    "8XBET",
    "OK365",
    "SHBET",
    "FUN88",
    "188BET",
    "M88",
    "RIKVIP",
    "B52CLUB",
    "JUN88VIP",
    "NEW88Z",
    "Hi88.com",
    "kubet.net",
    "33WIN",
    "QQ88",
    "TA88",
    "V9BET",
    "MANCLUB",
    "68GAMEBAI",
    "BK8",
    "FABET",
    "VIC88",
    "J88",
    "WIN79",
];

/// Frames around a brand: `{}` is the brand.
const FRAMES: &[&str] = &[
    "{}",
    "Xem thêm tại {}.",
    "Xem them tai {}.",
    "Tài trợ bởi {}",
    "Tai tro boi {}",
    "Đối tác: {}",
    "Doi tac: {}",
    "Nhà tài trợ: {}",
    "Link vào {} mới nhất",
    "Link vao {} moi nhat",
    "Truy cập {}",
    "{} - Trang chủ",
];

/// The page around `body`, with a neutral title.
fn page(body: &str) -> String {
    format!(
        "<html><head><title>Sở Tư pháp</title></head><body><main><p>{NEWS}</p>{body}</main></body></html>"
    )
}

/// News of an agency that uses the words of law enforcement, as portals do: a planted unit
/// after it is no quotation of it.
const LAW_NEWS: &str = "Công an tỉnh phối hợp xử lý vi phạm pháp luật về trật tự an toàn giao thông, đồng thời tuyên truyền để người dân chấp hành quy định.";

/// [`page`] with [`LAW_NEWS`] before `body`.
fn law_page(body: &str) -> String {
    page(&format!("<p>{LAW_NEWS}</p>{body}"))
}

/// Places a unit of text takes: each with the page part it leaves.
const CARRIERS: &[(&str, &str)] = &[
    ("<p>{}</p>", ""),
    (
        "<p>Tin trong tỉnh. <span>{}</span></p>",
        "<p>Tin trong tỉnh. </p>",
    ),
    (
        "<ul><li><a href=\"/gioi-thieu\">Giới thiệu</a></li><li>{}</li></ul>",
        "<ul><li><a href=\"/gioi-thieu\">Giới thiệu</a></li></ul>",
    ),
    (
        "<p>Tin trong tỉnh. <a href=\"/lien-ket\">{}</a></p>",
        "<p>Tin trong tỉnh. </p>",
    ),
    (
        "<table><tr><td>Cơ quan chủ quản</td><td>{}</td></tr></table>",
        "<table><tr><td>Cơ quan chủ quản</td></tr></table>",
    ),
    ("<footer>{}</footer>", "<footer></footer>"),
    ("<div class=\"doi-tac\">{}</div>", ""),
];

/// The case forms of a planted text.
fn cases(text: &str) -> [String; 3] {
    [text.to_string(), text.to_uppercase(), text.to_lowercase()]
}

/// Whether the planted brand is out of `out` (case-insensitive).
fn gone(out: &str, brand: &str) -> bool {
    !out.to_lowercase().contains(&brand.to_lowercase())
}

/// One attack page in one chunking: the brand is gone, the news stays, a spam rule fired.
fn check_cut(s: &Arc<Site>, body: &str, brand: &str, law: bool) -> Result<(), String> {
    let html = if law { law_page(body) } else { page(body) };
    let (out, events) = {
        let (out, events) = rewrite(s, html.as_bytes(), PLANS[0], None);
        (String::from_utf8(out).expect("UTF-8"), events)
    };
    let rules = rule_ids(&events);
    let audited = rules
        .iter()
        .any(|r| matches!(*r, "spam.inline" | "spam.block" | "spam.keyword"));
    if gone(&out, brand) && out.contains(NEWS) && (!law || out.contains(LAW_NEWS)) && audited {
        Ok(())
    } else {
        Err(format!("{body}\n  -> {out}\n  rules {rules:?}"))
    }
}

fn report(failed: &[String], total: usize) {
    assert!(
        failed.is_empty(),
        "{} of {total} got through:\n{}",
        failed.len(),
        failed
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn lone_brand_in_a_frame_goes_in_every_carrier() {
    let s = site("");
    let mut failed = Vec::new();
    let mut total = 0;
    for (b, brand) in BRANDS.iter().enumerate() {
        for (c, (carrier, _)) in CARRIERS.iter().enumerate() {
            // Every brand in every carrier, in three frames a combination and one case form
            // of each, rotating: each frame and case meets each brand and each carrier.
            for k in 0..3 {
                let f = (b * 5 + c * 3 + k * 4) % FRAMES.len();
                let text = FRAMES[f].replace("{}", brand);
                let form = &cases(&text)[(b + c + k) % 3];
                let body = carrier.replace("{}", form);
                total += 1;
                if let Err(e) = check_cut(&s, &body, brand, k == 1) {
                    failed.push(e);
                }
            }
        }
    }
    report(&failed, total);
}

#[test]
fn lone_brand_leaves_its_carrier_as_expected_in_every_chunking() {
    for (i, (carrier, _)) in CARRIERS.iter().enumerate() {
        for brand in ["HI88", "sunwin", "789BET", "VN88X"] {
            let frame = FRAMES[(i * 3) % FRAMES.len()];
            let body = carrier.replace("{}", &frame.replace("{}", brand));
            let (out, events) = clean(&site(""), &page(&body));
            // The unit goes (as an element, as its text, or with the short block it made
            // up); the rest of the page stays.
            assert!(out.contains(NEWS), "{body}: {out}");
            assert!(gone(&out, brand), "{body}: {out}");
            assert!(!events.is_empty(), "{body}");
        }
    }
}

#[test]
fn lone_brand_in_a_title_is_replaced() {
    let s = site("");
    let mut failed = Vec::new();
    let mut total = 0;
    for brand in BRANDS {
        for title in [
            "{}",
            "{} - Trang chủ",
            "{} - Cổng game",
            "{} | Trang chu chinh thuc",
            "Link vào {} mới nhất",
        ] {
            for form in cases(&title.replace("{}", brand)).into_iter().take(2) {
                total += 1;
                let html = format!(
                    "<html><head><title>{form}</title></head><body><p>{NEWS}</p></body></html>"
                );
                let (out, events) = rewrite(&s, html.as_bytes(), PLANS[0], None);
                let out = String::from_utf8(out).expect("UTF-8");
                if !gone(&out, brand) || !rule_ids(&events).contains(&"spam.keyword") {
                    failed.push(format!("{form} -> {out}"));
                }
            }
        }
    }
    report(&failed, total);
}

#[test]
fn footer_partner_lists_of_brands_go() {
    let lists = [
        "Đối tác: NEW88 | JUN88",
        "Doi tac: HI88 | F8BET | GO88",
        "Đối tác: SUNWIN - HITCLUB - KUBET",
        "Liên kết: FB88 · MB66 · W88",
        "Nhà tài trợ: VN88X, SV368",
    ];
    for list in lists {
        for carrier in [
            "<footer><p>{}</p></footer>",
            "<footer><div>Bản quyền thuộc Sở Tư pháp</div><div>{}</div></footer>",
        ] {
            let body = carrier.replace("{}", list);
            let html = page(&body);
            let (out, events) = clean(&site(""), &html);
            for brand in list.split(|c: char| !c.is_ascii_alphanumeric()) {
                if brand.len() >= 3 && brand.chars().any(|c| c.is_ascii_digit()) {
                    assert!(gone(&out, brand), "{brand} survived: {out}");
                }
            }
            assert!(out.contains(NEWS));
            assert!(!events.is_empty(), "{body}");
        }
    }
    let items = "<footer><ul><li><a href=\"/\">Trang chủ</a></li><li><a href=\"/lien-ket/1\">NEW88</a></li><li><a href=\"/lien-ket/2\">JUN88</a></li></ul></footer>";
    let (out, _) = clean(&site(""), &page(items));
    assert!(gone(&out, "NEW88") && gone(&out, "JUN88"), "{out}");
    assert!(out.contains("Trang chủ"), "{out}");
}

/// Texts that look like brands to a loose reading: codes, numbers, acronyms, English.
const TWINS: &[&str] = &[
    "Samsung A54",
    "iPhone 15",
    "Honda SH150i",
    "Wave 110",
    "Galaxy A55",
    "Quyết định 68/QĐ-UBND",
    "QĐ-UBND 68",
    "Số: 888/TB-STTTT",
    "Biển số 51G-888.88",
    "Năm 2088",
    "Hotline: 0888 888 888",
    "the best bet is",
    "ISO 9001",
    "COVID-19",
    "5G",
    "VNPT",
    "VN-Index",
    "BIDV",
    "Viettel",
    "Windows 11",
    "Model 88",
    "Vinhomes",
];

/// The frames of [`FRAMES`] without betting words of their own ("link vào" is a term).
const TWIN_FRAMES: &[&str] = &[
    "{}",
    "Xem thêm tại {}.",
    "Tai tro boi {}",
    "Đối tác: {}",
    "Nhà tài trợ: {}",
    "Truy cập {}",
    "{} - Trang chủ",
];

/// Frames and carriers with a benign text in them: they stay byte for byte.
#[test]
fn codes_numbers_and_acronyms_in_the_same_frames_stay() {
    let s = site("");
    let mut failed = Vec::new();
    let mut total = 0;
    for twin in TWINS {
        for (carrier, _) in CARRIERS {
            for frame in TWIN_FRAMES {
                total += 1;
                let body = carrier.replace("{}", &frame.replace("{}", twin));
                let html = page(&body);
                let (out, events) = rewrite(&s, html.as_bytes(), PLANS[0], None);
                let out = String::from_utf8(out).expect("UTF-8");
                if out != html || !events.is_empty() {
                    failed.push(format!("{body} -> {:?}", rule_ids(&events)));
                }
            }
        }
    }
    report(&failed, total);
}

/// News that names a brand: a crackdown, a ring broken up, advice.
const NEWS_NAMING: &[&str] = &[
    "Bộ Công an đã chặn truy cập trang 789BET",
    "Bộ Công an đã chặn truy cập trang 789BET.",
    "Đường dây cá độ qua trang KUBET bị triệt phá",
    "Người dân không tham gia các trang như W88, FB88",
    "Khuyến cáo người dân không truy cập các trang HI88, JUN88",
    "Công an tỉnh triệt phá đường dây đánh bạc qua SUNWIN",
];

#[test]
fn news_naming_a_brand_stays() {
    let mut failed = Vec::new();
    for text in NEWS_NAMING {
        for carrier in [
            "<p>{}</p>",
            "<h3>{}</h3>",
            "<ul><li><a href=\"/tin-tuc/1\">{}</a></li></ul>",
            "<table><tr><td>{}</td></tr></table>",
            "<p>Tin trong tỉnh. <span>{}</span></p>",
        ] {
            let html = page(&carrier.replace("{}", text));
            let (out, events) = clean(&site(""), &html);
            if out != html || !events.is_empty() {
                failed.push(format!("{carrier} {text}: {:?}", rule_ids(&events)));
            }
        }
    }
    assert!(failed.is_empty(), "{failed:#?}");
}

#[test]
fn benign_titles_stay() {
    for title in [
        "Sở Thông tin và Truyền thông",
        "Quyết định 68/QĐ-UBND",
        "Samsung A54 - Thông số",
        "VNPT - Trang chủ",
        "Bộ Công an chặn truy cập trang 789BET",
        "COVID-19: hướng dẫn mới",
    ] {
        let html =
            format!("<html><head><title>{title}</title></head><body><p>{NEWS}</p></body></html>");
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html);
        assert!(events.is_empty(), "{title}: {:?}", rule_ids(&events));
    }
}

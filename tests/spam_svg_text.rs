//! Attack suite (issue 14, text carriers: red-team pages `r3-svg-title-desc-tspan`,
//! `r3-svg-cdata-text`, `r3-svg-data-image-text`): betting text that a picture draws, where
//! no HTML text node holds it.
//!
//! - Inline SVG and MathML: slogans × spellings (as written, NFD, entities, no diacritics,
//!   upper case) × carriers (`<text>`, `<tspan>`s split mid-word or placed by `x`/`dy`,
//!   `<textPath>`, CDATA, upper-case tags, `display:inline`, several `<text>` lines,
//!   `<foreignObject>` HTML, MathML `<mtext>`, an SVG inside a paragraph of news): the
//!   drawing goes whole (`spam.block`) and the news around it stays.
//! - `data:` SVG images: slogans × the SVG's own spellings (`<text>`, `<tspan>`s, CDATA,
//!   character references) × URL spellings (percent-encoded, raw UTF-8 with a `charset`,
//!   `;utf8`, base64, base64 with a charset and no padding, upper case, entity-encoded
//!   attribute, a `data:` SVG nested in an `<image href>`) × carriers (`img src`, `srcset`,
//!   `<picture><source>`, `style=` background quoted and not, a `<style>` rule, SVG
//!   `<image href>`, `<input type=image>`, `<video poster>`, `<object>`, `<embed>`): the
//!   URL goes (with its attribute, its `url()`, or its element).
//!
//! Benign twins, byte for byte and without an event: SVG icons and logos with `<title>`,
//! charts with `<text>` labels (a lottery result chart among them), an anti-betting banner,
//! an SVG with a CDATA style, MathML formulas, `data:` SVG icons in CSS and `<img>`.

use base64::Engine;

use crate::common;

use common::rewrite::{clean_turn, site};

const SLOGANS: &[&str] = &[
    "Nhà cái OKVIP uy tín – đăng ký nhận 188k",
    "Nhà cái Hi88 – cược thể thao hoàn trả cao nhất",
    "Nhà cái 188BET tặng 100k",
    "Link vào OKVIP không chặn",
    "nổ hũ đổi thưởng, bắn cá, tài xỉu online",
    "Kubet - nhà cái uy tín số 1, đăng ký nhận 100K",
    "soi cầu lô đề, dàn đề bạch thủ chính xác 100%",
];

const KEEP: &str = "Tỉnh Hà Giang tổng kết công tác cải cách hành chính năm 2024";

fn nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}

/// Every character that is not ASCII as a numeric character reference.
fn entities(s: &str) -> String {
    s.chars()
        .map(|c| match c.is_ascii() {
            true => c.to_string(),
            false => format!("&#x{:x};", c as u32),
        })
        .collect()
}

/// The spellings of a slogan; the third is written with character references.
fn spellings(s: &str) -> Vec<String> {
    vec![
        s.to_string(),
        nfd(s),
        entities(s),
        common::text::strip_marks(s),
        s.to_uppercase(),
    ]
}

/// `s` cut in two at a char boundary near its middle: `(mid-word)`, and at the space nearest
/// the middle: `(words)`.
fn halves(s: &str) -> ((String, String), (String, String)) {
    let chars: Vec<char> = s.chars().collect();
    let mid = chars.len() / 2;
    let a: String = chars[..mid].iter().collect();
    let b: String = chars[mid..].iter().collect();
    let at = s.char_indices().nth(mid).map_or(s.len(), |(i, _)| i);
    let space = s[..at].rfind(' ').unwrap_or(0);
    let (c, d) = (s[..space].to_string(), s[space..].trim_start().to_string());
    ((a, b), (c, d))
}

fn page(carrier: &str, head: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Văn phòng UBND tỉnh</title>{head}</head><body>\
         <main><article><h3><a href=\"/tin-tuc/tong-ket.html\">{KEEP}</a></h3>\
         <p>Năm 2024, tỷ lệ hồ sơ giải quyết trực tuyến toàn trình đạt 62%, tăng 18 điểm phần trăm so với năm trước.</p></article></main>\
         <aside class=\"side\"><h2>Liên kết website</h2><ul class=\"links\"><li><a href=\"https://chinhphu.vn/\">Cổng TTĐT Chính phủ</a></li>\
         <li><a href=\"https://dichvucong.gov.vn/\">Cổng Dịch vụ công quốc gia</a></li></ul>\
         <p>Đường dây nóng: 0219.3866.000</p>\n{carrier}\n</aside><footer><p>Giấy phép số 52/GP-TTĐT.</p></footer></body></html>"
    )
}

/// Inline carriers of one spelling `s`: the markup and the pieces of text it holds.
fn inline_carriers(s: &str, raw: bool) -> Vec<(String, Vec<String>)> {
    let ((a, b), (c, d)) = halves(s);
    let mut v = vec![
        (
            format!(
                "<svg width=\"260\" height=\"40\" viewBox=\"0 0 260 40\"><rect width=\"260\" height=\"40\" fill=\"#1d5e2e\"/><text x=\"8\" y=\"25\" fill=\"#fff\">{s}</text></svg>"
            ),
            vec![s.to_string()],
        ),
        (
            format!(
                "<svg width=\"260\" height=\"40\"><text x=\"8\" y=\"25\"><tspan>{a}</tspan><tspan fill=\"#ff0\">{b}</tspan></text></svg>"
            ),
            vec![a.clone(), b.clone()],
        ),
        (
            format!(
                "<svg width=\"260\" height=\"70\" role=\"img\"><text x=\"10\" y=\"28\" font-size=\"15\"><tspan>{c}</tspan><tspan x=\"10\" dy=\"24\">{d}</tspan></text></svg>"
            ),
            vec![c.clone(), d.clone()],
        ),
        (
            format!(
                "<svg width=\"300\" height=\"40\"><defs><path id=\"p1\" d=\"M0 20 H300\"/></defs><text><textPath href=\"#p1\">{s}</textPath></text></svg>"
            ),
            vec![s.to_string()],
        ),
        (
            format!(
                "<SVG WIDTH=\"260\" HEIGHT=\"40\"><G><TEXT X=\"5\" Y=\"20\">{s}</TEXT></G></SVG>"
            ),
            vec![s.to_string()],
        ),
        (
            format!(
                "<svg style=\"display:inline\" aria-hidden=\"true\" width=\"260\" height=\"40\"><g fill=\"#c00\"><text y=\"20\">{s}</text></g></svg>"
            ),
            vec![s.to_string()],
        ),
        (
            format!(
                "<svg width=\"260\" height=\"60\"><text x=\"5\" y=\"20\">{c}</text><text x=\"5\" y=\"44\">{d}</text></svg>"
            ),
            vec![c.clone(), d.clone()],
        ),
        (
            format!(
                "<svg width=\"300\" height=\"40\"><foreignObject width=\"300\" height=\"40\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><b>{s}</b></div></foreignObject></svg>"
            ),
            vec![s.to_string()],
        ),
        (
            format!("<p>Công thức tính điểm: <math><mtext>{s}</mtext></math></p>"),
            vec![s.to_string()],
        ),
        (
            format!(
                "<p>Hỗ trợ người dân 24/7 qua đường dây nóng của tỉnh <svg width=\"200\" height=\"20\"><text y=\"15\">{s}</text></svg> và cổng dịch vụ công.</p>"
            ),
            vec![s.to_string()],
        ),
    ];
    if raw {
        v.push((format!("<svg width=\"300\" height=\"30\"><text x=\"0\" y=\"20\" font-size=\"12\" fill=\"#b5121b\"><![CDATA[{s}]]></text></svg>"), vec![s.to_string()]));
    }
    v
}

#[test]
fn inline_svg_and_mathml_drawing_spam_go() {
    let (mut n, mut missed, mut lost) = (0, Vec::new(), Vec::new());
    for slogan in SLOGANS {
        for (k, s) in spellings(slogan).iter().enumerate() {
            // Each carrier meets every spelling over the slogans (a fixed rotation).
            let carriers = inline_carriers(s, k != 2).into_iter().enumerate();
            for (_, (carrier, pieces)) in carriers.filter(|(c, _)| (c + k) % 5 < 2) {
                let html = page(&carrier, "");
                let (out, events) = clean_turn(&site(""), &html, n);
                n += 1;
                let left = pieces.iter().any(|p| out.contains(p.as_str()));
                if left || events.is_empty() {
                    missed.push(carrier);
                } else if !out.contains(KEEP) || !out.contains("0219.3866.000") {
                    lost.push(out);
                }
            }
        }
    }
    assert!(
        missed.is_empty(),
        "{} of {n} got through: {:#?}",
        missed.len(),
        &missed[..missed.len().min(8)]
    );
    assert!(lost.is_empty(), "the news went too: {lost:#?}");
}

/// The red-team pages themselves: no phrase is left.
#[test]
fn red_team_svg_pages_lose_their_phrases() {
    for (name, phrases) in [
        (
            "r3-svg-title-desc-tspan",
            &["OKVIP uy tín", "OKVIP link vào", "OKVIP không chặn"][..],
        ),
        ("r3-svg-cdata-text", &["Hi88"][..]),
        ("r3-svg-data-image-text", &["%3Ctext", "PHN2Zy"][..]),
    ] {
        let path = format!(
            "{}/redteam/pages/attack/{name}.html",
            env!("CARGO_MANIFEST_DIR")
        );
        let html = std::fs::read_to_string(path).unwrap();
        let body = &html[html.find("<!DOCTYPE").unwrap()..];
        let (out, events) = clean_turn(&site(""), body, 0);
        for p in phrases {
            assert!(!out.contains(p), "{name}: {p} left");
        }
        assert!(
            !events.is_empty() && out.contains("Giấy phép số 52"),
            "{name}"
        );
    }
}

fn pct(s: &str) -> String {
    s.bytes()
        .map(
            |b| match b.is_ascii_alphanumeric() || b"-_.!~*()'".contains(&b) {
                true => (b as char).to_string(),
                false => format!("%{b:02X}"),
            },
        )
        .collect()
}

fn b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

/// The SVG document drawing `s`, in one of its own spellings.
fn svg_doc(s: &str, form: usize) -> String {
    let ((a, b), _) = halves(s);
    let text = match form {
        0 => format!("<text x='8' y='25' fill='white'>{s}</text>"),
        1 => format!("<text x='8' y='25'><tspan>{a}</tspan><tspan>{b}</tspan></text>"),
        2 => format!("<text x='8' y='25'><![CDATA[{s}]]></text>"),
        _ => format!("<text x='8' y='25'>{}</text>", entities(s)),
    };
    format!(
        "<svg xmlns='http://www.w3.org/2000/svg' width='260' height='40'><rect width='260' height='40' fill='#1d5e2e'/>{text}</svg>"
    )
}

/// The `data:` URL spellings of an SVG document (as they stand in a double-quoted
/// attribute).
fn data_urls(doc: &str) -> Vec<String> {
    let raw = doc.replace('#', "%23");
    let nested = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'><image xlink:href='data:image/svg+xml;base64,{}' width='260' height='40'/></svg>",
        b64(doc)
    );
    vec![
        format!("data:image/svg+xml,{}", pct(doc)),
        format!("data:image/svg+xml;charset=utf-8,{raw}"),
        format!(
            "data:image/svg+xml;utf8,{}",
            raw.replace('<', "%3C").replace('>', "%3E")
        ),
        format!("data:image/svg+xml;base64,{}", b64(doc)),
        format!(
            "DATA:IMAGE/SVG+XML;CHARSET=UTF-8;BASE64,{}",
            b64(doc).trim_end_matches('=')
        ),
        format!("data&#58;image/svg+xml&#59;base64,{}", b64(doc)),
        format!("data:image/svg+xml,{}", pct(&nested)),
    ]
}

/// The carriers of a `data:` URL: markup for the body, and for the head.
fn image_carriers(url: &str) -> Vec<(String, String)> {
    let unquoted = !url.contains([' ', '\'', '(', ')']);
    let mut v = vec![
        (
            format!("<img src=\"{url}\" alt=\"\" width=\"260\" height=\"40\">"),
            String::new(),
        ),
        (
            format!(
                "<img srcset=\"{url} 1x, /anh/logo@2x.png 2x\" src=\"/anh/logo.png\" alt=\"Logo\">"
            ),
            String::new(),
        ),
        (
            format!(
                "<picture><source srcset=\"{url}\" type=\"image/svg+xml\"><img src=\"/anh/logo.png\" alt=\"Logo\"></picture>"
            ),
            String::new(),
        ),
        (
            format!(
                "<div style=\"width:260px;height:30px;background:url(&quot;{url}&quot;) no-repeat\"></div>"
            ),
            String::new(),
        ),
        (
            "<div class=\"qc\"></div>".to_string(),
            format!(
                "<style>.qc{{width:260px;height:30px;background-image:url(\"{url}\")}}</style>"
            ),
        ),
        (
            format!(
                "<svg width=\"260\" height=\"40\"><image href=\"{url}\" width=\"260\" height=\"40\"/></svg>"
            ),
            String::new(),
        ),
        (
            format!("<input type=\"image\" src=\"{url}\" alt=\"Tìm\">"),
            String::new(),
        ),
        (
            format!("<video poster=\"{url}\" width=\"260\"></video>"),
            String::new(),
        ),
        (
            format!("<object data=\"{url}\" type=\"image/svg+xml\"></object>"),
            String::new(),
        ),
        (
            format!("<embed src=\"{url}\" type=\"image/svg+xml\">"),
            String::new(),
        ),
    ];
    if unquoted {
        v.push((
            format!("<div style=\"background:url({url})\"></div>"),
            String::new(),
        ));
    }
    v
}

#[test]
fn data_svg_images_drawing_spam_go() {
    let (mut n, mut missed) = (0, Vec::new());
    for (i, slogan) in SLOGANS.iter().enumerate() {
        for form in 0..4 {
            let doc = svg_doc(slogan, form);
            for (j, url) in data_urls(&doc).iter().enumerate() {
                // Each carrier meets every URL spelling over the slogans (a fixed rotation).
                let carriers = image_carriers(url);
                for (k, (body, head)) in carriers.iter().enumerate() {
                    // A `srcset` URL runs to white space: raw spaces make no image.
                    let list = body.contains("srcset");
                    if (i + j + k + form) % 6 != 0 || (list && url.contains(' ')) {
                        continue;
                    }
                    let html = page(body, head);
                    let (out, events) = clean_turn(&site(""), &html, n);
                    n += 1;
                    assert!(out.contains(KEEP), "{out}");
                    let tail = url.char_indices().rev().nth(23).map_or(0, |(i, _)| i);
                    let payload = &url[tail..];
                    if out.contains(payload) || events.is_empty() {
                        missed.push(format!("{body}{head}"));
                    }
                }
            }
        }
    }
    assert!(
        missed.is_empty(),
        "{} of {n} got through: {:#?}",
        missed.len(),
        &missed[..missed.len().min(6)]
    );
}

/// Pictures real portals carry: they pass byte for byte, without an event.
const BENIGN: &[&str] = &[
    "<svg viewBox=\"0 0 24 24\" width=\"16\" height=\"16\" aria-hidden=\"true\"><title>Điện thoại</title><path d=\"M6.6 10.8c1.4 2.8 3.8 5.1 6.6 6.6l2.2-2.2c.3-.3.7-.4 1-.2 1.1.4 2.3.6 3.6.6.6 0 1 .4 1 1V20c0 .6-.4 1-1 1C10.6 21 3 13.4 3 4c0-.6.4-1 1-1h3.5c.6 0 1 .4 1 1 0 1.3.2 2.5.6 3.6.1.3 0 .7-.2 1L6.6 10.8z\"/></svg>",
    "<svg width=\"220\" height=\"60\" role=\"img\"><title>Logo UBND tỉnh Hà Giang</title><desc>Quốc huy và tên cơ quan</desc><circle cx=\"30\" cy=\"30\" r=\"26\" fill=\"#b5121b\"/><text x=\"64\" y=\"36\" font-size=\"16\">UBND TỈNH HÀ GIANG</text></svg>",
    "<svg width=\"320\" height=\"160\" class=\"chart\"><text x=\"10\" y=\"14\">Tỷ lệ hồ sơ trực tuyến (%)</text><rect x=\"20\" y=\"60\" width=\"40\" height=\"80\"/><text x=\"20\" y=\"155\">Tháng 10</text><rect x=\"80\" y=\"50\" width=\"40\" height=\"90\"/><text x=\"80\" y=\"155\">Tháng 11</text><text x=\"80\" y=\"45\"><tspan>62</tspan><tspan dx=\"2\">%</tspan></text></svg>",
    "<svg width=\"360\" height=\"180\" class=\"ket-qua\"><text x=\"10\" y=\"16\" font-weight=\"bold\">Kết quả xổ số kiến thiết Hà Giang ngày 20/12/2024</text><text x=\"10\" y=\"40\">Giải đặc biệt: 482915</text><text x=\"10\" y=\"60\">Giải nhất: 30217</text><text x=\"10\" y=\"80\">Giải nhì: 55120</text><rect x=\"200\" y=\"30\" width=\"20\" height=\"60\"/><text x=\"200\" y=\"110\">Đầu 0</text></svg>",
    "<svg width=\"360\" height=\"40\"><rect width=\"360\" height=\"40\" fill=\"#ffe\"/><text x=\"8\" y=\"25\">Công an tỉnh khuyến cáo: phòng chống tệ nạn cờ bạc, cá độ bóng đá trái phép</text></svg>",
    "<svg width=\"200\" height=\"30\"><style><![CDATA[.t{fill:#b5121b;font-weight:bold}]]></style><text class=\"t\" x=\"4\" y=\"20\"><![CDATA[Sở Tài chính & Kế hoạch]]></text></svg>",
    "<p>Diện tích hình tròn: <math><mi>S</mi><mo>=</mo><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup></math>, với bán kính đo bằng mét.</p>",
    "<math display=\"block\"><mfrac><mn>1</mn><mn>2</mn></mfrac><mtext>triệu đồng mỗi hộ</mtext></math>",
    "<img src=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='M11 6a5 5 0 1 1-10 0 5 5 0 0 1 10 0z'/%3E%3C/svg%3E\" alt=\"Tìm kiếm\" width=\"16\">",
    "<div class=\"icon-down\" style=\"background-image:url(&quot;data:image/svg+xml;charset=utf-8,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath fill='none' stroke='%23343a40' d='m2 5 6 6 6-6'/%3E%3C/svg%3E&quot;)\"></div>",
];

/// `data:` SVG images with text a portal draws: a logo, a stamp, a chart label.
const BENIGN_IMAGE_TEXT: &[&str] = &[
    "<svg xmlns='http://www.w3.org/2000/svg' width='200' height='40'><text x='4' y='24'>Cổng Dịch vụ công</text></svg>",
    "<svg xmlns='http://www.w3.org/2000/svg' width='300' height='40'><text y='20'>Kết quả xổ số kiến thiết miền Bắc</text></svg>",
    "<svg xmlns='http://www.w3.org/2000/svg' width='120' height='40'><text y='20'><![CDATA[Đang tải...]]></text></svg>",
];

#[test]
fn benign_pictures_pass_byte_for_byte() {
    let mut n = 0;
    let mut cases: Vec<(String, String)> = BENIGN
        .iter()
        .map(|b| (b.to_string(), String::new()))
        .collect();
    for doc in BENIGN_IMAGE_TEXT {
        cases.push((
            format!(
                "<img src=\"data:image/svg+xml;base64,{}\" alt=\"\">",
                b64(doc)
            ),
            String::new(),
        ));
        cases.push((
            "<div class=\"logo\"></div>".to_string(),
            format!(
                "<style>.logo{{background:url(\"data:image/svg+xml,{}\")}}</style>",
                pct(doc)
            ),
        ));
    }
    for (body, head) in cases {
        let html = page(&body, &head);
        let (out, events) = clean_turn(&site(""), &html, n);
        n += 1;
        assert_eq!(out, html, "{body}");
        assert!(events.is_empty(), "{body}: {events:?}");
    }
}

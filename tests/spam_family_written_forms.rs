//! Attack suite (issue 14, lexicon written forms, per family): one promoting sentence per
//! topic family (betting, loan apps, fake recruitment, task scams, hack tools, adult
//! content, forged papers, counterfeit goods, crypto, bank accounts, cockfighting, lottery
//! tips, Indonesian gambling, English casino), each in every written form a planted text
//! uses: title case, without diacritics (lower and upper case), hyphenated without
//! diacritics ("vay-tien-nhanh"), a span per word, `<wbr>` and `<i>`/`<em>` splitting words
//! into halves, ASCII letters as numeric entities (separators as named ones), mixed NFC and
//! NFD, U+2060 and soft hyphens inside words, alternating case and full-width ASCII. Every
//! cell of the table must go, and the news around it stay.

use crate::common;

use common::rewrite::{clean, site};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One promoting sentence per family.
const FAMILIES: &[(&str, &str)] = &[
    (
        "betting",
        "Nhà cái Vuabet uy tín, nổ hũ đổi thưởng nhận ngay 100k",
    ),
    (
        "loans",
        "Vay tiền nhanh không cần thế chấp, giải ngân trong 10 phút, liên hệ Zalo 0915 222 333",
    ),
    (
        "recruitment",
        "Tuyển CTV online làm việc tại nhà, thu nhập 400k mỗi ngày, inbox Zalo 0906 777 888",
    ),
    (
        "task scams",
        "Thả tim video TikTok nhận tiền, mỗi nhiệm vụ 30k, tham gia nhóm Telegram @likevideo79",
    ),
    (
        "hack tools",
        "Tool hack tài xỉu chuẩn 99%, tải ngay bản mới nhất, liên hệ Telegram @toolking",
    ),
    (
        "adult",
        "Chat sex với gái xinh 18+, clip nóng miễn phí, inbox Zalo 0933 444 555",
    ),
    (
        "forged papers",
        "Làm bằng đại học giả, bằng lái xe không cần thi, liên hệ 0977 123 456",
    ),
    (
        "counterfeits",
        "Hàng super fake giá rẻ nhất, túi xách replica, inbox ngay Zalo 0944 321 654",
    ),
    (
        "crypto",
        "Sàn coin uy tín số 1, copy trade lợi nhuận 3% mỗi ngày, nạp USDT tham gia ngay",
    ),
    (
        "bank accounts",
        "Thu mua tài khoản ngân hàng chính chủ giá cao, liên hệ Zalo 0988 111 222",
    ),
    (
        "cockfighting",
        "Đá gà trực tiếp Thomo hôm nay tại SV388, link vào không bị chặn",
    ),
    (
        "lottery tips",
        "Soi cầu bạch thủ lô chuẩn xác, nuôi lô khung 3 ngày, chốt số dàn đề miễn phí",
    ),
    (
        "indonesian",
        "Situs slot gacor hari ini, daftar sekarang dapat bonus new member 100%",
    ),
    (
        "english",
        "Claim 200 free spins and a welcome bonus at the best online casino, sign up now",
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

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|c| c.to_uppercase().chain(cs).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// Each word of four letters or more through `f(first half, second half, word index)`.
fn halves(s: &str, f: impl Fn(&str, &str, usize) -> String) -> String {
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            let cs: Vec<char> = w.chars().collect();
            if cs.len() < 4 || !cs.iter().all(|c| c.is_alphanumeric()) {
                return w.to_string();
            }
            let mid = cs.len() / 2;
            let (a, b): (String, String) = (cs[..mid].iter().collect(), cs[mid..].iter().collect());
            f(&a, &b, i)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn entities(s: &str) -> String {
    s.chars()
        .enumerate()
        .map(|(i, c)| match c {
            ' ' => "&nbsp;".to_string(),
            ',' => "&comma;".to_string(),
            c if c.is_ascii_alphabetic() && i % 2 == 0 => format!("&#{};", c as u32),
            c if c.is_ascii_alphabetic() => format!("&#x{:X};", c as u32),
            c => c.to_string(),
        })
        .collect()
}

fn mixed_nfd(s: &str) -> String {
    s.split(' ')
        .enumerate()
        .map(|(i, w)| match i % 2 {
            0 => w.nfd().collect(),
            _ => w.nfc().collect::<String>(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn alternating(s: &str) -> String {
    s.chars()
        .enumerate()
        .flat_map(|(i, c)| match i % 2 {
            0 => c.to_uppercase().collect::<Vec<_>>(),
            _ => c.to_lowercase().collect(),
        })
        .collect()
}

fn fullwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 - 0x21 + 0xff01).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// The written forms: (name, markup).
fn forms(s: &str) -> Vec<(&'static str, String)> {
    let plain = strip_marks(s);
    vec![
        ("title case", title_case(&s.to_lowercase())),
        ("no diacritics", plain.to_lowercase()),
        ("no diacritics, upper case", plain.to_uppercase()),
        (
            "hyphenated",
            plain.to_lowercase().replace(", ", "-").replace(' ', "-"),
        ),
        (
            "a span per word",
            s.split(' ')
                .map(|w| format!("<span>{w}</span>"))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        (
            "wbr inside words",
            halves(s, |a, b, _| format!("{a}<wbr>{b}")),
        ),
        (
            "italic halves",
            halves(s, |a, b, i| match i % 2 {
                0 => format!("<i>{a}</i>{b}"),
                _ => format!("{a}<em>{b}</em>"),
            }),
        ),
        ("entities", entities(s)),
        ("mixed NFC and NFD", mixed_nfd(s)),
        (
            "word joiner",
            halves(s, |a, b, _| format!("{a}\u{2060}{b}")),
        ),
        ("soft hyphen", halves(s, |a, b, _| format!("{a}&shy;{b}"))),
        ("alternating case", alternating(s)),
        ("full-width", fullwidth(s)),
    ]
}

const NEWS: &str = "<p>Sáng nay, Sở Giáo dục tổ chức hội nghị tổng kết năm học, đánh giá kết quả thực hiện các nhiệm vụ trọng tâm.</p>";

#[test]
fn every_family_goes_in_every_written_form() {
    let mut misses = Vec::new();
    for (family, sentence) in FAMILIES {
        for (form, text) in forms(sentence) {
            let html = format!(
                "<html><head><title>Tin tức</title></head><body><main>{NEWS}<p>{text}</p><p>Liên hệ</p></main></body></html>"
            );
            let (out, events) = clean(&site(""), &html);
            let gone = !out.contains(&text) && !events.is_empty();
            let kept = out.contains(NEWS) && out.contains("<p>Liên hệ</p>");
            if !gone || !kept {
                misses.push(format!("{family}, {form}: {text}"));
            }
        }
    }
    assert!(
        misses.is_empty(),
        "{} missed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn the_same_forms_of_news_words_stay() {
    // News that names the families' topics, in the same forms: unchanged.
    for sentence in [
        "Công an tỉnh cảnh báo người dân không vay tiền qua ứng dụng lạ, không tham gia cá độ bóng đá.",
        "Sở Giáo dục tổ chức ngày hội việc làm cho sinh viên, đăng ký tham gia tại văn phòng đoàn.",
    ] {
        for (form, text) in forms(sentence) {
            let html = format!(
                "<html><head><title>Tin tức</title></head><body><main>{NEWS}<p>{text}</p></main></body></html>"
            );
            let (out, events) = clean(&site(""), &html);
            assert_eq!(out, html, "{form}");
            assert!(events.is_empty(), "{form}: {events:?}");
        }
    }
}

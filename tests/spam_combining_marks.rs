//! Attack suite (issue 14, combining marks that are not Vietnamese): betting slogans
//! decorated with combining marks that a reader's eye skips but that break matching letter
//! for letter: `k̲h̲ô̲n̲g̲ b̲ị̲ c̲h̲ặ̲n̲` (U+0332 low line), strikes (U+0334–U+0336), slashes
//! (U+0338, U+20D2), keycaps (U+20E3), tildes and lines below (U+0330, U+0331), the
//! extended and supplement blocks (U+1AB0–U+1AFF, U+1DC0–U+1DFF), half marks (U+FE20–U+FE2F),
//! Cyrillic decorations (U+0489) and "zalgo" stacks that mix in Vietnamese tone marks at
//! random. Slogans × marks × densities (every letter, every other letter, stacks) × NFC and
//! NFD (whose canonical order puts a low line before a circumflex) × carriers (the text of
//! a block, the text of a foreign link, the title, an image's `alt`).
//!
//! Benign twins, byte for byte and without an event: Vietnamese text in NFC and NFD, a
//! school notice underlined with U+0332, vectors with U+20D7 in a physics lesson, IPA
//! transcriptions in a language lesson.

use crate::common;

use common::rewrite::{clean, clean_turn, site};
use unicode_normalization::UnicodeNormalization;

const SLOGANS: &[&str] = &[
    "nhà cái uy tín, tài xỉu online, nổ hũ đổi thưởng",
    "bắn cá đổi thưởng, game bài đổi thưởng, nhà cái uy tín",
    "soi cầu lô đề, dàn đề bạch thủ, nhà cái uy tín",
    "Link vào Hoàng Kim 88 không bị chặn, nhà cái uy tín, tài xỉu",
];

const MARKS: &[char] = &[
    '\u{332}', '\u{336}', '\u{338}', '\u{335}', '\u{334}', '\u{331}', '\u{330}', '\u{20d2}',
    '\u{20e3}', '\u{1ab6}', '\u{1dca}', '\u{fe22}', '\u{489}', '\u{30d}', '\u{35f}',
];

/// Zalgo: foreign marks with Vietnamese tone marks drawn in at random.
const STACK: &[char] = &[
    '\u{30d}', '\u{301}', '\u{34a}', '\u{323}', '\u{316}', '\u{300}',
];

#[derive(Clone, Copy)]
enum Density {
    Every,
    EveryOther,
    Stacked,
}

fn decorate(text: &str, mark: char, density: Density) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        out.push(c);
        if !c.is_alphanumeric() {
            continue;
        }
        match density {
            Density::Every => out.push(mark),
            Density::EveryOther if i % 2 == 0 => out.push(mark),
            Density::EveryOther => {}
            Density::Stacked => {
                out.push(mark);
                out.extend(STACK.iter().cycle().skip(i % STACK.len()).take(4));
            }
        }
    }
    out
}

fn carriers(slogan: &str) -> [String; 4] {
    [
        format!("<p>Tin tức</p><div class=\"qc\">{slogan}</div><p>Liên hệ</p>"),
        format!(
            "<p>Tin tức</p><p><a href=\"https://hoangkim88.bet/\">{slogan}</a></p><p>Liên hệ</p>"
        ),
        format!("<html><head><title>{slogan}</title></head><body><p>Tin tức</p></body></html>"),
        format!("<p>Tin tức</p><img src=\"/anh/qc.png\" alt=\"{slogan}\"><p>Liên hệ</p>"),
    ]
}

/// The carrier removed or replaced the slogan: no decorated run of it is left.
fn assert_gone(page: &str, slogan: &str, n: usize) {
    let (out, events) = clean_turn(&site(""), page, n);
    assert!(!events.is_empty(), "{page}");
    assert!(out.contains("<p>Tin tức</p>"), "{out}");
    let first = slogan.split(' ').next().unwrap_or(slogan);
    assert!(!out.contains(first), "{slogan} stayed in {out}");
}

#[test]
fn undecorated_slogans_go_in_every_carrier() {
    for (n, slogan) in SLOGANS.iter().enumerate() {
        for page in carriers(slogan) {
            assert_gone(&page, slogan, n);
        }
    }
}

#[test]
fn slogans_under_foreign_marks_go() {
    let mut n = 0;
    for slogan in SLOGANS {
        for &mark in MARKS {
            for density in [Density::Every, Density::EveryOther, Density::Stacked] {
                let nfc = decorate(slogan, mark, density);
                for text in [nfc.clone(), nfc.nfd().collect()] {
                    for page in carriers(&text) {
                        assert_gone(&page, &text, n);
                        n += 1;
                    }
                }
            }
        }
    }
}

#[test]
fn the_red_team_footer_goes() {
    let strike = decorate("Link vào Hoàng Kim 88", '\u{336}', Density::Every);
    let low = decorate("không bị chặn", '\u{332}', Density::Every);
    let page = format!(
        "<footer><p>Hiệu trưởng: Ông Phạm Văn Khôi</p><p><a href=\"https://hoangkim88.bet/\">{strike}</a> {low}</p></footer>"
    );
    let (out, events) = clean(&site(""), &page);
    assert!(!events.is_empty());
    assert!(!out.contains(&low) && !out.contains(&strike), "{out}");
    assert!(out.contains("Ông Phạm Văn Khôi"), "{out}");
}

#[test]
fn benign_marks_pass_byte_for_byte() {
    let notice = "Thông báo lịch kiểm tra cuối học kỳ I năm học 2024-2025: học sinh có mặt trước giờ kiểm tra 15 phút.";
    let underlined = decorate(
        "Thông báo lịch kiểm tra cuối học kỳ",
        '\u{332}',
        Density::Every,
    );
    let nfd: String = notice.nfd().collect();
    for body in [
        format!("<p>{notice}</p>"),
        format!("<p>{nfd}</p>"),
        format!("<h2>{underlined}</h2><p>{notice}</p>"),
        format!("<img src=\"/anh/tb.png\" alt=\"{underlined}\"><p>{nfd}</p>"),
        "<h2>Bài 3: Tổng hợp lực</h2><p>Cho hai lực F\u{20d7}\u{2081} và F\u{20d7}\u{2082} đồng quy, hợp lực F\u{20d7} = F\u{20d7}\u{2081} + F\u{20d7}\u{2082}; vectơ a\u{20d7} cùng chiều với v\u{20d7}.</p>".to_string(),
        "<h2>Ngữ âm tiếng Anh</h2><p>button /ˈbʌtn\u{329}/, little /ˈlɪtl\u{329}/, cat [kʰæt], ten [t\u{32a}ɛn], church /t\u{361}ʃɜːtʃ/, Vietnamese \"đá\" [ɗa\u{330}ː\u{301}]</p>".to_string(),
    ] {
        let page = format!("<html><head><title>Trường THPT chuyên Nguyễn Trãi</title></head><body>{body}</body></html>");
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{body}: {events:?}");
    }
}

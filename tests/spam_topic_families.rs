//! Attack suite (issue 14, lexicon coverage of spam text): planted sentences of the betting
//! and scam topic families that scored too weakly — cockfighting, number-lottery betting,
//! card and slot games for money, task scams, bank accounts for sale, crypto "investment",
//! English and Indonesian gambling spam, and the calls to action around them ("link vào",
//! "nạp đầu", "đăng ký nhận 100k") — each as one sentence in plain sight, hidden, as the
//! title and as a foreign link's text; written plain, without diacritics, in upper case, as
//! decimal and hex entities, with zero-width characters and with inline tags inside words.
//! Brands as a class: made-up names of the brand shapes next to a topic word or a call to
//! action. A promo sentence stays spam when a warning word sits in another sentence.
//!
//! Benign twins, byte for byte: a loan-app warning that quotes the scam's slogan, a police
//! warning list of quoted betting slogans, state lottery results, football news with "tỷ số"
//! and "kèo", an English article on an online-casino crackdown, a cockfighting raid, and
//! texts with the brand shapes' look-alikes (document numbers, models, years, phones).

use crate::common;

use common::rewrite::{clean, site};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Planted sentences, by family.
const FAMILIES: &[(&str, &[&str])] = &[
    (
        "cockfighting",
        &[
            "Đá gà trực tiếp Thomo hôm nay, xem đá gà cựa sắt online",
            "Trực tiếp đá gà Campuchia mới nhất tại SV388",
            "Xem đá gà online miễn phí, cá cược gà chọi uy tín",
            "Đá gà cựa dao hôm nay, link xem đá gà không bị chặn",
        ],
    ),
    (
        "number lottery",
        &[
            "Soi cầu lô đề miễn phí, bạch thủ lô chuẩn xác hôm nay",
            "Đánh đề online 1 ăn 99, lô đề uy tín, trả thưởng nhanh",
            "Nuôi lô khung 3 ngày, cầu lô bạch thủ VIP",
            "Chơi lô đề online tỷ lệ 1 ăn 99,5",
        ],
    ),
    (
        "card and slot games",
        &[
            "Game bài đổi thưởng uy tín, quay hũ liền tay",
            "Tải game quay hũ đổi thưởng, tặng code 50k cho tân thủ",
            "Bắn cá đổi thưởng online",
            "Tải app nổ hũ nhận giftcode",
        ],
    ),
    (
        "task scams",
        &[
            "Việc nhẹ lương cao, làm nhiệm vụ nhận hoa hồng mỗi ngày 500k",
            "Tuyển CTV online làm tại nhà, nhận hoa hồng 15% mỗi đơn",
            "Tuyển cộng tác viên làm nhiệm vụ online, thu nhập 500k mỗi ngày",
        ],
    ),
    (
        "bank accounts",
        &[
            "Mua bán tài khoản ngân hàng chính chủ giá rẻ",
            "Cho thuê tài khoản ngân hàng, thu mua tài khoản ngân hàng giá cao",
            "Thu mua tài khoản ngân hàng số lượng lớn",
            "Cần bán tài khoản ngân hàng giá rẻ",
        ],
    ),
    (
        "crypto",
        &[
            "Đầu tư tiền ảo lợi nhuận 5% mỗi ngày, x2 tài khoản sau 24h",
            "Sàn tiền ảo uy tín, cam kết lợi nhuận 30% mỗi tháng",
            "Đầu tư tiền điện tử, lãi 3% mỗi ngày, rút tiền nhanh",
            "Nạp USDT nhận lãi 2% mỗi ngày",
        ],
    ),
    (
        "english",
        &[
            "Guaranteed profit! Double your bitcoin in 24 hours",
            "Claim 100 free spins, no deposit bonus",
            "Best sports betting odds and live casino, sign up today",
            "Win the jackpot at our online casino",
        ],
    ),
    (
        "indonesian",
        &[
            "Slot gacor hari ini maxwin",
            "Situs judi slot terpercaya",
            "Bandar togel online terpercaya",
        ],
    ),
    (
        "calls to action",
        &[
            "Link vào Jun88 mới nhất không bị chặn",
            "Đăng ký nhận 100k khi nạp đầu",
            "Khuyến mãi nạp đầu tặng 100%",
            "Tải app KUBET nhận ngay 88k",
        ],
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

/// Every character outside ASCII as a numeric reference, decimal and hex in turn.
fn entities(s: &str) -> String {
    s.chars()
        .enumerate()
        .map(|(i, c)| match (c.is_ascii(), i % 2) {
            (true, _) => c.to_string(),
            (false, 0) => format!("&#{};", c as u32),
            (false, _) => format!("&#x{:x};", c as u32),
        })
        .collect()
}

/// A zero-width space after the first letter of every word.
fn zero_width(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(c) if w.chars().count() > 2 => format!("{c}\u{200b}{}", cs.as_str()),
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words cut by empty and inline tags: `Đầ<b></b>u tư ti<span>ề</span>n ảo`.
fn tag_split(s: &str) -> String {
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            let cs: Vec<char> = w.chars().collect();
            if cs.len() < 3 {
                return w.to_string();
            }
            let (a, b): (String, String) = (cs[..1].iter().collect(), cs[1..].iter().collect());
            match i % 3 {
                0 => format!("{a}<b></b>{b}"),
                1 => format!(
                    "{a}<span>{}</span>{}",
                    &b[..b.chars().next().unwrap().len_utf8()],
                    &b[b.chars().next().unwrap().len_utf8()..]
                ),
                _ => format!("{a}<!---->{b}"),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The written forms of a sentence: (name, markup, whether it is markup-only).
fn forms(s: &str) -> Vec<(&'static str, String, bool)> {
    vec![
        ("plain", s.to_string(), false),
        ("no diacritics", strip_marks(s), false),
        ("upper case", s.to_uppercase(), false),
        ("NFD", s.nfd().collect(), false),
        ("entities", entities(s), false),
        ("zero-width", zero_width(s), false),
        ("tags inside words", tag_split(s), true),
    ]
}

const NEWS: &str = "<p>Sáng nay, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm, đánh giá kết quả thực hiện các nhiệm vụ phát triển kinh tế xã hội.</p>";

fn page(body: &str) -> String {
    format!(
        "<html><head><title>Tin tức</title></head><body><main>{NEWS}{body}<p>Liên hệ</p></main></body></html>"
    )
}

/// The places a sentence is planted in: (name, page, rules that may remove it).
fn places(s: &str, markup: bool) -> Vec<(&'static str, String, &'static [&'static str])> {
    let mut out = vec![
        (
            "in plain sight",
            page(&format!("<p>{s}</p>")),
            &["spam.block", "spam.inline"][..],
        ),
        (
            "hidden",
            page(&format!("<div style=\"display:none\">{s}</div>")),
            &["spam.keyword"][..],
        ),
    ];
    if !markup {
        out.push((
            "title",
            format!(
                "<html><head><title>{s}</title></head><body>{NEWS}<p>Liên hệ</p></body></html>"
            ),
            &["spam.keyword"][..],
        ));
        out.push((
            "foreign link text",
            page(&format!("<p>Xem: <a href=\"https://x.test/\">{s}</a></p>")),
            &["link.spam_text"][..],
        ));
    }
    out
}

/// Runs `s` in every place; returns what was missed.
fn missed(s: &str, markup: bool) -> Vec<String> {
    let mut misses = Vec::new();
    for (place, html, rules) in places(s, markup) {
        let (out, events) = clean(&site(""), &html);
        let gone = !out.contains(s) && events.iter().any(|e| rules.contains(&e.rule.as_ref()));
        let kept = out.contains(NEWS) && out.contains("Liên hệ");
        if !gone || !kept {
            misses.push(format!("{place}: {s}"));
        }
    }
    misses
}

#[test]
fn topic_family_sentences_go_in_every_written_form() {
    let mut misses = Vec::new();
    for (family, sentences) in FAMILIES {
        for s in *sentences {
            for (form, text, markup) in forms(s) {
                misses.extend(
                    missed(&text, markup)
                        .into_iter()
                        .map(|m| format!("{family}, {form}, {m}")),
                );
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
fn brand_shapes_next_to_a_topic_word_or_a_call_go() {
    let mut misses = Vec::new();
    for s in [
        "Zowin cổng game đổi thưởng",
        "Fabet khuyến mãi nạp đầu",
        "Manclub game bài",
        "Nhatvip tặng code",
        "78win link mới nhất",
        "Vuabet đăng ký nhận thưởng",
        "ok365 đăng ký",
        "Win79 nổ hũ",
        "Hi88 nổ hũ",
        "KuBet - nhà cái uy tín số 1",
        "sv388 đá gà",
        "Hitclub chơi là thắng",
    ] {
        misses.extend(missed(s, false));
        misses.extend(missed(&s.to_uppercase(), false));
    }
    assert!(
        misses.is_empty(),
        "{} missed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn promo_sentence_is_not_news_because_of_a_warning_in_another_sentence() {
    for text in [
        "Đá gà trực tiếp hôm nay tại SV388, link vào không bị chặn. Công an khuyến cáo người dân.",
        "Cảnh báo lừa đảo! Mua bán tài khoản ngân hàng chính chủ giá rẻ, số lượng lớn.",
        "Soi cầu lô đề chuẩn xác hôm nay, đánh đề 1 ăn 99. Tin tức pháp luật.",
    ] {
        assert!(missed(text, false).is_empty(), "{text}");
    }
}

#[test]
fn news_and_warnings_on_the_topics_are_unchanged() {
    for body in [
        // A loan-app warning that quotes the scam's slogan.
        "<article><h2>Cảnh giác với tín dụng đen</h2><p>Nhiều ứng dụng \"vay tiền online không thẩm định\" thực chất là tín dụng đen với lãi suất cắt cổ. Người dân nên vay vốn tại các tổ chức tín dụng hợp pháp.</p></article>",
        "<p>Nhiều ứng dụng \"vay tiền online không thẩm định\" thực chất là tín dụng đen với lãi suất cắt cổ. Người dân nên vay vốn tại các tổ chức tín dụng hợp pháp.</p>",
        // A police warning list quoting betting words among scam slogans.
        "<div class=\"canh-bao\"><h3>Công an tỉnh cảnh báo các thủ đoạn lừa đảo trên mạng</h3><p>Người dân cần cảnh giác với các lời mời chào như:</p><ul><li>\"Việc nhẹ lương cao, làm nhiệm vụ nhận hoa hồng\"</li><li>\"Nhà cái uy tín, nổ hũ, tài xỉu đổi thưởng\"</li><li>\"Vay tiền online không thẩm định\"</li></ul><p>Tuyệt đối không tham gia, không chuyển tiền cho người lạ.</p></div>",
        "<p>Công an tỉnh cảnh báo các chiêu trò như \"nhà cái uy tín\", \"nổ hũ đổi thưởng\", \"tài xỉu online\", \"việc nhẹ lương cao\" để lừa người dân.</p>",
        // State lottery results.
        "<div class=\"kqxs\"><h2>Kết quả xổ số kiến thiết miền Nam hôm nay</h2><p>Kết quả xổ số miền Bắc hôm nay: giải đặc biệt 123456.</p></div>",
        // Football news.
        "<article><h2>Hà Nội FC thắng 2-1</h2><p>Trận đấu kết thúc với tỷ số 2-1, đội khách dù bị đánh giá dưới kèo vẫn giành chiến thắng. Tỷ số chung cuộc đưa Hà Nội FC lên ngôi đầu bảng V.League hôm nay.</p></article>",
        // An English crackdown article.
        "<article lang=\"en\"><h2>Crackdown on online casinos</h2><p>Authorities announced a crackdown on illegal online casinos and sports betting websites this week. Police raided an illegal gambling den and seized jackpot machines.</p></article>",
        // Fighting illegal betting and cockfighting.
        "<article><h2>Triệt phá tụ điểm đá gà</h2><p>Công an huyện triệt phá tụ điểm đá gà ăn tiền, bắt giữ 20 đối tượng. Lực lượng chức năng đột kích sới bạc, bắt quả tang nhiều người đang đá gà, cá độ.</p></article>",
        "<p>Hàng trăm người sập bẫy việc nhẹ lương cao, bị chiếm đoạt tiền khi làm nhiệm vụ online.</p>",
        "<p>Người dân không nên mua bán tài khoản ngân hàng vì có thể bị xử lý hình sự.</p>",
        "<p>Giá Bitcoin hôm nay tăng 5%, nhà đầu tư thận trọng.</p>",
        // The brand shapes' look-alikes.
        "<p>Quyết định số 88/QĐ-UBND năm 2024 về việc ban hành kế hoạch. Liên hệ 0912345678 hoặc Model 88 tại phòng 301.</p>",
        "<p>Alphabet and Tibet news; Windows 10 (Win10); Galaxy A55; Quốc lộ 1A; fanclub của đội tuyển.</p>",
        "<p>Đăng ký nhận bản tin của Sở Tư pháp, miễn phí. Giảm 50% lệ phí khi đăng ký trực tuyến qua Cổng dịch vụ công.</p>",
    ] {
        let html = page(body);
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "{body}");
        assert!(events.is_empty(), "{body}: {events:?}");
    }
    for title in [
        "Nhiều ứng dụng \"vay tiền online không thẩm định\" thực chất là tín dụng đen",
        "Công an tỉnh cảnh báo các chiêu trò như \"nhà cái uy tín\", \"nổ hũ đổi thưởng\" để lừa người dân",
        "Kết quả xổ số kiến thiết miền Nam hôm nay",
        "Bắt 20 đối tượng đá gà ăn tiền",
        "Galaxy A55 và Windows 10",
    ] {
        let html =
            format!("<html><head><title>{title}</title></head><body><p>Tin tức</p></body></html>");
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "{title}");
        assert!(events.is_empty(), "{title}: {events:?}");
    }
}

use super::*;

fn spam(text: &str) -> bool {
    Lexicon::builtin().scan(text).is_spam()
}

#[test]
fn planted_keywords_in_every_spelling() {
    for t in [
        "nổ hũ, bắn cá, game bài đổi thưởng",
        "NO HU, BAN CA",
        "no hu uy tin - ban ca",
        "no\u{0302}\u{0309} hu\u{0303}",
        "nhà cái uy tín",
        "nh\u{200b}à c\u{ad}ái",
        "NHÀ CÁI",
        "nha-cai",
        "tai xiu online",
        "đăng ký 789bet",
        "FUN88 chính thức",
        "xoc dia, lo de",
        "cá độ, đánh bạc",
        "cảnh báo: nhà cái uy tín",
        "NHA\u{300} CA\u{301}I",
        "\u{110}a\u{301}nh ba\u{323}c, ca\u{301} \u{111}o\u{323}\u{302}",
    ] {
        assert!(spam(t), "{t:?} missed");
    }
}

#[test]
fn editorial_text_is_not_spam() {
    for t in [
        "Phòng chống cá cược bóng đá trong mùa World Cup",
        "Xổ số kiến thiết Thủ đô mở thưởng",
        "Cô bác trong thôn họp bàn",
        "Công an triệt phá đường dây cá độ",
        "Thông báo lịch tiếp công dân năm 2024",
        "alphabet soup",
        "Đấu tranh phòng chống cá độ, đánh bạc trực tuyến",
        "Công an tỉnh triệt phá đường dây đánh bạc, cá độ bóng đá qua mạng",
        "Bắt nhóm đối tượng đánh bạc, cá độ bóng đá qua mạng",
        "Xử lý nghiêm hành vi cá độ, đánh bạc dịp Euro",
        "Khởi tố vụ án tổ chức đánh bạc và cá cược bóng đá",
    ] {
        assert!(!spam(t), "{t:?} flagged");
    }
}

#[test]
fn diacritics_distinguish_words() {
    let lex = Lexicon::build(false, &[], &["cờ bạc".into()], &[], None).unwrap();
    assert_eq!(lex.scan("cờ bạc").score, 1);
    assert_eq!(lex.scan("co bac").score, 1);
    assert_eq!(lex.scan("cô bác").score, 0);
    assert_eq!(lex.scan("cờ bạcx").score, 0);
    assert_eq!(lex.scan("đánh cờ bạc").score, 1);
}

#[test]
fn lexicon_is_extendable_and_overridable() {
    let lex = Lexicon::build(
        true,
        &["thuốc lá điện tử".into()],
        &[],
        &["tài xỉu".into()],
        Some(""),
    )
    .unwrap();
    assert!(lex.scan("thuoc la dien tu").is_spam());
    assert!(!lex.scan("tài xỉu").is_spam());
    assert!(!lex.scan("789bet").is_spam());
    assert!(Lexicon::build(true, &[], &[], &[], Some("(")).is_err());
}

#[test]
fn builtin_brand_prefilter_changes_no_verdict() {
    let filtered = Lexicon::builtin();
    let plain = Lexicon::build(true, &[], &[], &[], Some(BRAND)).unwrap();
    assert!(!plain.brand_is_builtin);
    for t in [
        "đăng ký 789bet ngay",
        "fun88 w88 f8bet bet88",
        "bet٣ vnbet٨",
        "sv88 abc99 xyz777 mục 0",
        "betting tin tức 2024 bet",
        "Ủy ban nhân dân tỉnh",
    ] {
        assert_eq!(filtered.scan(t), plain.scan(t), "{t:?}");
    }
}

#[test]
fn latin_fast_path_agrees_with_unicode() {
    for c in (0..0x2000u32).filter_map(char::from_u32) {
        assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
    }
}

#[test]
fn nested_keywords_count_once() {
    let lex = Lexicon::builtin();
    for t in [
        "Không cho thuê tài khoản ngân hàng",
        "mua bán tài khoản ngân hàng",
        "đá gà cựa sắt",
        "bán sim rác",
    ] {
        assert_eq!(lex.scan(t).score, 1, "{t:?}");
        assert_eq!(lex.profile(t).terms.len(), 1, "{t:?}");
    }
    assert!(lex.scan("thuê tài khoản ngân hàng, bán sim rác").is_spam());
}

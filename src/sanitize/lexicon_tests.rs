use super::*;
use fold::is_alphanumeric;

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

#[test]
fn promoting_sentences_of_every_topic_family_are_spam() {
    let lex = Lexicon::builtin();
    for t in [
        "Đá gà trực tiếp hôm nay",
        "da ga truc tiep thomo hom nay",
        "Đánh đề online 1 ăn 99",
        "Soi cầu lô đề chuẩn xác",
        "Quay hũ đổi thưởng, tặng code 50k",
        "Việc nhẹ lương cao, nhận hoa hồng mỗi ngày 500k",
        "Mua bán tài khoản ngân hàng chính chủ giá rẻ",
        "MUA BAN TAI KHOAN NGAN HANG CHINH CHU GIA RE",
        "Đầu tư tiền ảo lợi nhuận 5% mỗi ngày",
        "Guaranteed profit, double your bitcoin",
        "Slot gacor hari ini",
        "Link vào Jun88 mới nhất",
        "Khuyến mãi nạp đầu tặng 100%",
        "Cảnh báo lừa đảo! Mua bán tài khoản ngân hàng chính chủ giá rẻ.",
    ] {
        let hits = lex.scan(t);
        assert!(hits.is_spam(), "{t:?} missed: {hits:?}");
        let p = lex.profile(t);
        assert!(
            p.is_spam_block() && !p.is_editorial(),
            "{t:?} not a block: {p:?}"
        );
    }
}

#[test]
fn reporting_and_quoting_is_not_promoting() {
    let lex = Lexicon::builtin();
    for t in [
        "Nhiều ứng dụng \"vay tiền online không thẩm định\" thực chất là tín dụng đen với lãi suất cắt cổ. Người dân nên vay vốn tại các tổ chức tín dụng hợp pháp.",
        "Công an tỉnh cảnh báo các chiêu trò như \"nhà cái uy tín\", \"nổ hũ đổi thưởng\" để lừa người dân.",
        "Giá Bitcoin hôm nay tăng 5%, nhà đầu tư thận trọng.",
        "Tiền ảo hôm nay biến động mạnh",
        "Công an huyện triệt phá tụ điểm đá gà ăn tiền, bắt giữ 20 đối tượng.",
        "Trận đấu kết thúc với tỷ số 2-1, đội khách dưới kèo vẫn thắng.",
        "Đăng ký nhận bản tin miễn phí. Giảm 50% lệ phí khi đăng ký trực tuyến.",
    ] {
        let p = lex.profile(t);
        assert!(!p.is_spam_block(), "{t:?} flagged: {p:?}");
        let hits = lex.scan(t);
        assert!(!hits.is_spam() || p.is_editorial(), "{t:?}: {hits:?}");
    }
}

#[test]
fn sentences_and_quotations_are_split() {
    let n = Normalized::new("Một \"hai ba\" bốn. V.League 1.000 kubet.com; năm | sáu");
    // "v league 1 000 kubet com" is one sentence: no space after those full stops.
    assert_eq!(n.sentence, [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 3]);
    let quoted: Vec<usize> = (0..n.quoted.len()).filter(|&i| n.quoted[i]).collect();
    assert_eq!(quoted, [1, 2]);
    // An unpaired quotation mark quotes nothing.
    let n = Normalized::new("\"nhà cái uy tín");
    assert!(n.quoted.iter().all(|q| !q));
}

#[test]
fn brand_shapes_are_brands_and_look_alikes_are_not() {
    let lex = Lexicon::builtin();
    for b in [
        "fabet", "zowin", "manclub", "nhatvip", "78win", "win79", "ok365", "w88", "8xbet", "Jun88",
        "KUBET", "vuabet",
    ] {
        assert!(lex.scan(b).score >= 2, "{b} missed");
    }
    for t in [
        "Số 88/QĐ-UBND",
        "năm 2024",
        "0912345678",
        "Model 88",
        "Galaxy A55",
        "alphabet Tibet fanclub twin Darwin Win10",
        "bết",
        "Quốc lộ 1A, Điều 88",
    ] {
        assert_eq!(lex.scan(t).score, 0, "{t} flagged");
    }
}

#[test]
fn fast_lotteries_of_betting_sites_are_spam_and_result_pages_are_not() {
    for t in [
        "xổ số siêu tốc 1 phút",
        "XO SO SIEU TOC",
        "Chơi xổ số 45 giây, trả thưởng ngay",
        "lô đề siêu tốc mỗi phút một kỳ",
        "xo so 5 phut",
        "xổ số tốc độ",
    ] {
        assert!(spam(t), "{t:?} missed");
    }
    for t in [
        "Kết quả xổ số nhanh nhất hôm nay",
        "Xổ số kiến thiết Vĩnh Long mở thưởng lúc 16 giờ 15 phút",
        "Tường thuật trực tiếp xổ số miền Nam lúc 16 giờ 15",
    ] {
        assert!(!spam(t), "{t:?} flagged");
    }
}

#[test]
fn cockfighting_bets_score_and_chicken_news_does_not() {
    let lex = Lexicon::builtin();
    for t in [
        "cược gà cựa sắt",
        "cuoc ga cua sat",
        "xổ gà trực tiếp",
        "xo ga truc tiep",
        "cá cược đá gà",
        "ca cuoc da ga",
        "Đá gà trực tiếp",
        "gà cựa sắt trực tiếp",
    ] {
        assert!(lex.scan(t).score >= 2, "{t:?}");
    }
    for t in [
        "nuôi gà thả vườn",
        "giá gà hôm nay",
        "thịt gà luộc lá chanh",
        "dịch cúm gà H5N1",
        "gia ga thit hom nay",
    ] {
        assert_eq!(lex.scan(t).score, 0, "{t:?}");
    }
    assert_eq!(lex.scan("gà cựa sắt").score, 1);
    assert_eq!(lex.scan("đá gà cựa sắt").score, 1);
}

use super::super::Lexicon;

fn block(text: &str) -> bool {
    Lexicon::builtin().profile(text).is_spam_block()
}

#[test]
fn keyword_stuffed_blocks_are_spam() {
    for t in [
        "Nhà cái uy tín - nổ hũ - bắn cá - tài xỉu",
        "Top 10 nhà cái uy tín: Kubet, 789bet, Hi88, nổ hũ đổi thưởng",
        "nha cai uy tin, no hu, ban ca doi thuong, game bai",
        "Cá cược online, xóc đĩa, soi cầu, lô đề, đá gà trực tiếp hôm nay",
        "Nhà cái uy tín nổ hũ bắn cá phòng chống",
    ] {
        assert!(block(t), "{t:?} missed");
    }
}

#[test]
fn editorial_words_tacked_onto_spam_do_not_spare_it() {
    for t in [
        "nhà cái uy tín, nổ hũ, bắn cá, tài xỉu, 789bet, kubet - phòng chống - cảnh báo - công an - xử lý",
        "Cảnh báo: đăng ký ngay nhà cái 789bet, nhận thưởng 100k, tải app nổ hũ, link vào kubet - công an khuyến cáo",
        "Phòng chống tội phạm | Kubet | Hi88 | 789bet | nổ hũ | bắn cá | game bài đổi thưởng | xử lý vi phạm",
        "online casino, free spins, slot gacor, sportsbook - police arrested - illegal gambling",
    ] {
        assert!(block(t), "{t:?} missed");
    }
}

#[test]
fn news_menus_and_lottery_are_not() {
    for t in [
        "Công an tỉnh vừa triệt phá đường dây đánh bạc, cá độ bóng đá qua mạng do các đối tượng câu kết với nhà cái nước ngoài tổ chức. Các đối tượng dụ dỗ người chơi tham gia tài xỉu, nổ hũ, bắn cá trên các ứng dụng game bài đổi thưởng. Sở Tư pháp khuyến cáo người dân cảnh giác, phòng chống cá cược bất hợp pháp.",
        "Thời gian qua, nhiều người dân bị lôi kéo tham gia đánh bạc qua các trang như Kubet, FB88, W88 với hình thức tài xỉu, nổ hũ. Đây là hành vi vi phạm pháp luật. Xem thông báo của Bộ Công an.",
        "Phòng chống tội phạm Phòng chống cá độ, đánh bạc trái phép Cảnh giác lừa đảo tài xỉu trực tuyến",
        "Kết quả Xổ số kiến thiết Bình An Giải đặc biệt: 123456",
        "nhà cái",
        "Trang chủ Giới thiệu Tin tức Văn bản",
        "",
    ] {
        assert!(!block(t), "{t:?} flagged");
    }
}

#[test]
fn profiles_merge_distinct_terms() {
    let lex = Lexicon::builtin();
    let mut p = lex.profile("nổ hũ");
    p.merge(lex.profile("bắn cá"));
    p.merge(lex.profile("nổ hũ, tài xỉu"));
    assert_eq!(p.terms.len(), 3);
    assert_eq!(p.words, 8);
    assert!(p.is_spam_block());
}

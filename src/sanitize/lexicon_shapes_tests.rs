//! Unit tests of `lexicon_shapes`: promotions by shape, per family and written form, and
//! the reports and notices that name the same topics.

use unicode_normalization::UnicodeNormalization;

use super::super::Lexicon;

fn promo(text: &str) -> bool {
    let lex = Lexicon::builtin();
    lex.scan(text).is_spam()
        && !lex.profile(text).is_editorial()
        && lex.profile(text).is_spam_block()
}

#[test]
fn promotions_of_each_family_are_spam() {
    for t in [
        "Vay tiền online giải ngân trong 7 phút, không cần thế chấp, chỉ cần CCCD. Liên hệ Zalo 0912.345.678",
        "App vay uy tín nhất, duyệt 24/7, inbox ngay nhận 10 triệu",
        "Tuyển CTV online làm tại nhà, thu nhập 300-500k/ngày, không cần kinh nghiệm, ib Zalo 0987654321",
        "Việc làm online tại nhà cho mẹ bỉm, lương 15 triệu/tháng, đăng ký ngay, liên hệ @tuyendung_vn",
        "Thả tim video TikTok nhận tiền, 50k mỗi nhiệm vụ, tham gia nhóm Telegram @nhiemvu88",
        "Tool hack tài xỉu mới nhất, tỉ lệ thắng 99%, không bị chặn, tải ngay tại Telegram",
        "Bản hack Liên Quân mod menu full tướng miễn phí, tải ngay",
        "Gái xinh chat sex 18+, clip nóng mới nhất, inbox Zalo 0901234567",
        "Sugar baby kết nối sugar daddy uy tín, liên hệ Telegram @sugarvn",
        "Làm bằng đại học giả giống thật 100%, bằng lái không cần thi, liên hệ 0933222111",
        "Hàng super fake, replica 1:1 giá rẻ nhất, ship toàn quốc, inbox ngay",
        "Sàn coin uy tín số 1, copy trade lợi nhuận 30% mỗi tháng, nạp USDT x2 tài khoản, tham gia ngay",
        "Tín hiệu forex miễn phí, lãi suất cam kết 5%/ngày, join Telegram @fxsignalvn",
        "Đăng ký Luck8 nhận ngay 88k, uy tín số 1, không bị chặn",
        "Guaranteed returns of 30% weekly! Join our crypto signals group on Telegram @cryptoking",
    ] {
        assert!(promo(t), "{t:?} missed");
    }
}

#[test]
fn written_forms_of_promotions_are_spam() {
    for t in [
        "VAY TIEN ONLINE GIAI NGAN TRONG 7 PHUT, KHONG CAN THE CHAP, LIEN HE ZALO 0912345678",
        "vay tien nhanh giai ngan 5 phut lien he zalo 0912345678",
        "VaY TiỀn OnLiNe GiẢi NgÂn 7 PhÚt, LiÊn Hệ ZaLo 0912345678",
        "Ｖａｙ ｔｉềｎ online giải ngân 7 phút, liên hệ Ｚａｌｏ 0912345678",
        "Vay\u{200b} tiền on\u{ad}line giải\u{2060} ngân 7 phút, liên hệ Za\u{200b}lo 0912345678",
        "Vay tiền online giải ngân 7 phút, liên hệ Zalo 0912345678",
    ] {
        assert!(promo(t), "{t:?} missed");
        let nfd: String = t.nfd().collect();
        assert!(promo(&nfd), "{nfd:?} missed");
    }
}

#[test]
fn reports_and_notices_are_not_promotions() {
    let lex = Lexicon::builtin();
    for t in [
        "Công an tỉnh triệt phá đường dây cho vay nặng lãi qua app, các đối tượng quảng cáo vay tiền nhanh, giải ngân trong 5 phút, chỉ cần CCCD rồi chiếm đoạt tài sản.",
        "Người dân cần cảnh giác với lời mời “Tuyển CTV online, thu nhập 500k/ngày, không cần kinh nghiệm, liên hệ Zalo 0987654321”.",
        "Công an tỉnh triệt phá đường dây làm bằng đại học giả, thu giữ hơn 300 phôi bằng và con dấu.",
        "Sở Nội vụ thông báo tuyển dụng viên chức năm 2024; hồ sơ dự tuyển nộp tại Sở, liên hệ số điện thoại 02363822111.",
        "Tòa án nhân dân tỉnh tuyên án 12 năm tù đối với bị cáo tổ chức đánh bạc qua trang Kubet.",
        "Chương trình giáo dục giới tính và sức khỏe sinh sản cho học sinh, đăng ký tham gia tại trường.",
        "Quản lý thị trường thu giữ 500 sản phẩm hàng giả, hàng super fake, đồng hồ replica không rõ nguồn gốc.",
        "The defendant was sentenced to 8 years after prosecutors said the crypto platform promised guaranteed returns of 30% and lured investors via Telegram.",
        "Đăng ký tham gia hội nghị, liên hệ văn phòng, điện thoại 0236 3822 111.",
        "Hỗ trợ tiền ăn 50.000 đồng/người/ngày cho học viên đăng ký tham gia lớp học nghề.",
        "Đăng ký trước 17h00, liên hệ hotline 0912345678 để được hướng dẫn.",
    ] {
        let hits = lex.scan(t);
        let p = lex.profile(t);
        assert!(
            !hits.is_spam() || p.is_editorial(),
            "{t:?} flagged: {hits:?}"
        );
        assert!(!p.is_spam_block(), "{t:?} block: {p:?}");
    }
}

#[test]
fn a_warning_beside_a_promotion_does_not_spare_it() {
    for t in [
        "Cảnh báo lừa đảo! Vay tiền nhanh giải ngân 5 phút, liên hệ Zalo 0912345678, uy tín số 1.",
        "Cảnh báo: “Vay tiền nhanh, giải ngân 5 phút, liên hệ Zalo 0912345678”",
    ] {
        assert!(promo(t), "{t:?} missed");
    }
}

#[test]
fn ordinary_text_has_no_promotion() {
    let lex = Lexicon::builtin();
    for t in [
        "Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm 2024.",
        "Thời gian tiếp công dân: 7h30 - 11h30 các ngày trong tuần. Hotline 0912345678.",
        "Ngân hàng Chính sách xã hội cho hộ nghèo vay vốn lãi suất 0,5%/tháng, liên hệ phòng giao dịch huyện.",
    ] {
        assert_eq!(lex.scan(t).score, 0, "{t:?}");
    }
}

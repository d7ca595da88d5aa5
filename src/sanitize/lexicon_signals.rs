//! Stage 6 (planted spam, threat A5): the signals of promoting sentences (`lexicon_promo`):
//! the seller's words (calls to action, promo amounts, praise of the offer), the words
//! that only add urgency, and the signals that are not words (amounts, odds, speeds).

use super::super::Normalized;

/// Signals that sell: calls to action, promo amounts, praise of the offer (besides the
/// calls to action of `lexicon_words::CALLS`, which count too).
pub(in crate::sanitize::lexicon) const HARD: &[&str] = &[
    "đăng ký nhận",
    "đăng ký",
    "nhận code",
    "tặng code",
    "giftcode",
    "code",
    "tặng",
    "thưởng nóng",
    "trả thưởng",
    "trả thưởng nhanh",
    "liền tay",
    "chính chủ",
    "giá rẻ",
    "giá cao",
    "giá tốt",
    "số lượng lớn",
    "có sẵn",
    "giao ngay",
    "lấy ngay",
    "mở sẵn",
    "không gọi người thân",
    "vẫn duyệt",
    "không thẩm định",
    "chuẩn xác",
    "chính xác",
    "bất bại",
    "chắc thắng",
    "ăn chắc",
    "vip",
    "đẹp nhất",
    "siêu chuẩn",
    "tỷ lệ cao",
    "tỷ lệ thắng",
    "lợi nhuận",
    "cam kết",
    "hoa hồng",
    "thu nhập",
    "tại nhà",
    "rút tiền nhanh",
    "nạp rút",
    "miễn phí",
    "tân thủ",
    "thành viên mới",
    "link",
    "tải game",
    "tải ngay",
    "xem ngay",
    "chơi là thắng",
    "thắng lớn",
    "tham gia ngay",
    "guaranteed",
    "guaranteed profit",
    "double your",
    "sign up",
    "register",
    "claim",
    "play now",
    "instant",
    "no deposit",
    "bonus",
    "terpercaya",
    "gampang menang",
    "pasti menang",
    "daftar",
    "gratis",
    // A seller's offer shapes (issue 14): speed, delivery, no requirement, a package or
    // a rate per unit, a guarantee. With one family term they make a line an offer.
    "lấy ngay",
    "lấy liền",
    "lấy trong ngày",
    "giao trong",
    "giao tận nơi",
    "giao tận nhà",
    "tận nhà",
    "tận nơi",
    "trọn gói",
    "mỗi đơn",
    "mỗi nhiệm vụ",
    "theo giờ",
    "lương theo ngày",
    "nhận việc qua",
    "lãi nhẹ",
    "lãi thấp",
    "phí thấp",
    "phí rẻ",
    "mở sẵn",
    "làm sẵn",
    "kèm sim",
    "bao nuôi",
    "riêng tư",
    "từ xa",
    "vô hạn",
    "mọi mật khẩu",
    "không bị phát hiện",
    "bảo mật tuyệt đối",
    "chuẩn nhất",
    "từng phút",
    "dấu đỏ",
    "bao đậu",
    "bao đỗ",
    "không cần thi",
    "không cần học",
    "không cần khám",
    "không cần xếp hàng",
    "không cần giấy tờ",
    "không cần gặp mặt",
    "không gặp mặt",
    "không gọi người thân",
    "không cần thẩm định",
    "không thẩm định",
    // Short offers (issue 14): discretion, round-the-clock service, a sure win.
    "kín đáo",
    "phục vụ 24/7",
    "24/7",
    "chắc ăn",
    "lấy nhanh",
    "an toàn tuyệt đối",
    // Reassurances about the law (issue 14): "không lo bị xử phạt", "khỏi sợ bị bắt".
    "không lo bị",
    "không sợ bị",
    "khỏi lo bị",
    "khỏi sợ bị",
    "không lo công an",
];

/// Signals that only add urgency: they promote a strong term or a brand, not a weak one.
pub(in crate::sanitize::lexicon) const SOFT: &[&str] = &[
    "hôm nay",
    "mới nhất",
    "mỗi ngày",
    "hàng ngày",
    "mỗi tháng",
    "today",
    "hari ini",
    "online",
    "mỗi đêm",
    "mỗi tối",
    "tối nay",
    "đêm nay",
];

/// Units of a speed promise after a number (`numeric`).
const SPEED: &[&[char]] = &[
    &['p', 'h', 'ú', 't'],
    &['p', 'h', 'u', 't'],
    &['g', 'i', 'â', 'y'],
    &['g', 'i', 'a', 'y'],
];

/// Signals that are not words: promo amounts (`100k`), percentages (`5%`), multipliers
/// (`x2`), odds (`1 ăn 99`) and speeds (`10 phút`), at word `w`.
pub(super) fn numeric(n: &Normalized, w: usize) -> Option<&'static str> {
    let word = |w: usize| n.starts.get(w).map(|&i| n.word_at(i));
    let exact = word(w)?;
    let digits = |s: &[char]| !s.is_empty() && s.iter().all(char::is_ascii_digit);
    match exact {
        [d @ .., 'k'] if digits(d) => Some("100k"),
        [d @ .., '%'] if digits(d) => Some("%"),
        // A speed: "giải ngân trong 10 phút", "giao trong 30 phút", "lãi sau 60 giây".
        d if digits(d) && word(w + 1).is_some_and(|u| SPEED.contains(&u)) => Some("phút"),
        ['x', d @ ..] if digits(d) => Some("x2"),
        ['ă', 'n'] | ['a', 'n'] => {
            let around = w.checked_sub(1).and_then(word).is_some_and(digits)
                && word(w + 1).is_some_and(digits);
            around.then_some("1 ăn 99")
        }
        _ => None,
    }
}

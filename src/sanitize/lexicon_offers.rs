//! Stage 6 (planted spam, threat A5, issue 14 "a seller's offer the lexicon had no words
//! for", red team of the eighteenth session): the word lists of the illegal offers planted
//! on hacked portals beyond betting and the families of `lexicon_unworded`: card-to-cash
//! exchange ("đổi thẻ cào thành tiền mặt"), forex and multi-level schemes ("nạp rút nhanh",
//! "lãi trọn đời", "hoa hồng 7 tầng"), exam cheating ("nhận thi hộ", "bán đề thi … có đáp
//! án trước ngày thi"), recovery and debt-cleaning scams ("lấy lại tiền bị lừa đảo", "xóa
//! nợ xấu CIC", "không thành công không lấy phí"), counterfeit money ("tiền giả … qua máy
//! đếm"), customer data ("bán data khách hàng"), debt collection for hire and organ trade
//! ("nhận đòi nợ thuê", "cần mua thận"), aphrodisiacs, abortion pills and pharmacies that
//! sell without a prescription; and betting spam in Russian and Korean.
//!
//! An offer is a seller's frame around an illegal good: a seller's verb ("bán", "nhận",
//! "chuyên", "cung cấp", "dịch vụ", "cần mua"), the good, a seller's promise ("giá sỉ",
//! "ship COD", "toàn quốc", "bảo mật", "uy tín", "giống thật"). The frames are the
//! compositions of [`FAMILIES`] (see `lexicon_compose`): verb + good counts 1, good + a
//! promise only a seller makes counts 2, so one frame is spam in a title and a planted
//! block of them is spam wherever it stands; a contact adds a promotion signal of its own.
//!
//! Each line is one family, its terms separated by `|` (see `lexicon_topics::listed`).
//!
//! Security notes:
//! - As everywhere in the lexicon, `STRONG` is only what a police report, a bank's or the
//!   health ministry's warning, an exam notice or the agency's own notices do not say. The
//!   goods and crimes ("tiền giả", "thi hộ", "đòi nợ thuê", "bán thận", "thuốc phá thai",
//!   "xóa nợ xấu") are `WEAK`, cancelled by an editorial phrase; "mua bán X" is listed so
//!   that the news' "mua bán tiền giả" is one weak term, not the seller's "bán tiền giả".
//! - The agency's own words are never a frame: "bán đấu giá", "cung cấp thuốc, vật tư y
//!   tế" (procurement), "thuốc không kê đơn" (the legal category of over-the-counter
//!   drugs), "sử dụng thuốc an toàn", "Đường dây nóng", "thu hồi nợ" of a bank.

use super::compose::Family;

/// Keywords that count 2: the sellers' own words.
pub(super) const STRONG: &[&str] = &[
    // Card-to-cash exchange.
    "đổi thẻ cào thành tiền mặt|đổi thẻ cào sang tiền mặt|đổi thẻ cào ra tiền mặt|đổi thẻ cào ra tiền|đổi thẻ cào sang atm|đổi thẻ cào ra atm|đổi card thành tiền mặt|đổi card ra tiền mặt|đổi card sang tiền mặt|đổi card điện thoại ra tiền mặt|đổi card điện thoại thành tiền mặt|đổi thẻ điện thoại thành tiền mặt|đổi thẻ điện thoại ra tiền mặt|đổi thẻ game ra tiền mặt|thu mua thẻ cào|thu mua card|đổi thẻ cào chiết khấu|đổi card chiết khấu|đổi thẻ cào uy tín",
    // Forex and multi-level schemes.
    "nạp rút nhanh|nạp rút nhanh chóng|nạp rút 24/7|nạp rút tức thì|lãi trọn đời|nhận lãi trọn đời|hưởng lãi trọn đời|thu nhập trọn đời|đầu tư một lần nhận lãi|đầu tư 1 lần nhận lãi|hoa hồng 3 tầng|hoa hồng 5 tầng|hoa hồng 7 tầng|hoa hồng 9 tầng|hoa hồng 10 tầng|hoa hồng f1|hoa hồng f1 f2|hoa hồng f1 f2 f3|giới thiệu thành viên hưởng hoa hồng|giới thiệu thành viên nhận hoa hồng|giới thiệu bạn bè nhận hoa hồng|sàn forex uy tín|sàn forex nạp rút",
    // Exam cheating and ghost-writing.
    "nhận thi hộ|dịch vụ thi hộ|nhận thi thuê|nhận học hộ|dịch vụ học hộ|học hộ online|thi hộ online|nhận chạy điểm|dịch vụ chạy điểm|nhận sửa điểm|bán đề thi|bán đáp án|bán đề thi có đáp án|có đáp án trước ngày thi|đáp án trước ngày thi|đề thi trước ngày thi|viết thuê luận văn|viết thuê khóa luận|viết thuê khoá luận|nhận viết thuê|nhận làm luận văn|nhận làm khóa luận|làm hộ luận văn|làm hộ khóa luận|thi hộ ielts|thi hộ toeic|chạy điểm uy tín",
    // Recovery and debt-cleaning scams.
    "từ sàn ảo|rút tiền từ sàn ảo|không thành công không lấy phí|không thành công không thu phí|không thành công hoàn tiền|không thành công không mất phí|xóa nợ xấu cic|xoá nợ xấu cic|xóa nợ xấu nhanh|xóa lịch sử nợ xấu|làm sạch lịch sử tín dụng|làm sạch cic|xóa tên khỏi cic|rút tiền từ sàn ảo",
    // Counterfeit money.
    "qua máy đếm|qua được máy đếm|qua mặt máy đếm|tiền giả giống thật|tiền giả loại 1|tiền giả polymer loại 1|bán tiền giả|chuyên bán tiền giả|cung cấp tiền giả|tiền giả giá rẻ|ship tiền giả",
    // Customer data for sale.
    "data khách hàng giá rẻ|data khách hàng bất động sản|data khách hàng chứng khoán|data khách hàng vay|data khách hàng vay tiêu dùng|data số điện thoại|data sđt|data chủ nhà|data chủ doanh nghiệp|data sinh viên|data zalo|data facebook|bán dữ liệu khách hàng|bán danh sách khách hàng|data khách hàng tiềm năng",
    // Debt collection for hire and organ trade.
    "nhận đòi nợ|nhận đòi nợ thuê|dịch vụ đòi nợ thuê|đòi nợ thuê uy tín|đòi nợ thuê toàn quốc|đòi nợ thuê chuyên nghiệp|đòi nợ thuê giá rẻ|nhận xử lý nợ khó đòi|xử lý nợ khó đòi nhanh|thu hồi nợ khó đòi 100|cần mua thận|cần bán thận|cần mua bán thận|thu mua thận|nhận mua thận|thận giá cao|mua thận giá cao|bán thận giá cao|cần mua gan|cần bán gan|thu mua nội tạng",
    // Aphrodisiacs, abortion pills, pharmacies without a prescription.
    "thuốc phá thai an toàn|bán thuốc phá thai|thuốc phá thai giá rẻ|thuốc phá thai tại nhà|thuốc phá thai không cần đơn|thuốc phá thai ship|mua thuốc phá thai online|giao hàng kín|giao hàng kín 2h|bán thuốc không toa|bán thuốc không cần toa|bán thuốc không cần đơn|thuốc không cần toa|nhà thuốc tây online|nhà thuốc online|ship hỏa tốc|ship hoả tốc|ship cod|thuốc kích dục nữ|thuốc kích dục dạng nước|thuốc kích dục giá rẻ|thuốc cường dương giá rẻ|thuốc mê dạng xịt|thuốc mê dạng nước|sâm ngọc linh giá sỉ",
    // Betting games as run-together tags name them ("#danhbaionline", `lexicon_joined`).
    "đánh bài online|đánh bài đổi thưởng|game đánh bài|bắn cá online|bắn cá đổi thưởng|nổ hũ online|tài xỉu online",
    // Betting spam in Russian and Korean.
    "ставки на спорт|ставки на спорт онлайн|онлайн казино|казино онлайн|казино на реальные деньги|игровые автоматы|букмекерская контора|бонус за регистрацию|на реальные деньги|фриспины|카지노 사이트|온라인 카지노|바카라 사이트|토토 사이트|슬롯 사이트",
];

/// Keywords that count 1: the goods and crimes that news, warnings and notices name.
pub(super) const WEAK: &[&str] = &[
    "đổi thẻ cào|đổi card|thẻ cào|chiết khấu thẻ cào|đánh bài",
    "hoa hồng nhiều tầng|đa cấp|kinh doanh đa cấp|sàn đầu tư|nạp rút",
    "thi hộ|học hộ|thi thuê|chạy điểm|sửa điểm|mua bán đề thi|lộ đề thi|đề thi có đáp án|viết thuê|thuê người thi hộ",
    "nợ xấu cic|xóa nợ xấu|xoá nợ xấu",
    "tiền giả|tiền giả polymer|mua bán tiền giả|tàng trữ tiền giả|lưu hành tiền giả",
    "data khách hàng|mua bán data|mua bán dữ liệu|mua bán dữ liệu cá nhân|mua bán data khách hàng",
    "đòi nợ thuê|nợ khó đòi|dịch vụ đòi nợ|bán thận|mua thận|mua bán thận|mua bán nội tạng|bán nội tạng",
    "thuốc phá thai|kích thích sinh lý|tăng cường sinh lý|thuốc kích thích sinh lý|thuốc không toa|thuốc mê|thuốc kích đẻ",
    "казино|ставки|букмекер|азартные игры|카지노|바카라|토토|슬롯",
];

/// Reporting phrases of the news and warnings that name these topics.
pub(super) const EDITORIAL: &[&str] = &[
    "lưu hành tiền giả|tàng trữ tiền giả|vận chuyển tiền giả|nhận biết tiền giả|phân biệt tiền giả|phát hiện tiền giả",
    "quy chế thi|gian lận thi cử|gian lận trong thi cử|xử lý nghiêm|đình chỉ thi|hủy kết quả thi|thí sinh",
    "bảo vệ dữ liệu cá nhân|dữ liệu cá nhân|nghiêm cấm",
    "mua bán người|mua bán nội tạng trái phép|môi giới|khủng bố tinh thần",
    "không rõ nguồn gốc|không tự ý|kê đơn|đơn của bác sĩ|khuyến cáo",
    "giả danh luật sư|cảnh giác|không cung cấp",
    "полиция|задержаны|незаконный|незаконные|уголовное дело|경찰|불법|검거",
];

/// Compositions (see `lexicon_compose`): the seller's frame around each good.
pub(super) const FAMILIES: &[Family] = &[
    // Recovery and debt-cleaning scams: the promise to get money back or a record cleaned.
    Family {
        verbs: "lấy lại tiền|thu hồi tiền|hỗ trợ lấy lại tiền|dịch vụ lấy lại tiền|dịch vụ thu hồi tiền|nhận lấy lại tiền|hỗ trợ|nhận|dịch vụ|chuyên",
        objects: "bị lừa|bị lừa đảo|bị lừa qua mạng|bị lừa đảo qua mạng|bị lừa đảo online|từ sàn ảo|đã mất|bị chiếm đoạt|xóa nợ xấu|xoá nợ xấu|làm sạch lịch sử tín dụng|làm sạch cic|xóa lịch sử nợ xấu",
        weak: "",
        strong: "trong 24h|trong 24 giờ|nhanh|nhanh chóng|100%|cam kết 100%|cam kết|uy tín|hiệu quả|toàn quốc|cic|giá rẻ",
        before: "",
    },
    // Counterfeit money.
    Family {
        verbs: "bán|cần bán|chuyên bán|chuyên cung cấp|cung cấp|nhận ship|ship|phân phối|bán sỉ|đổi",
        objects: "tiền giả|tiền giả polymer|tiền polymer giả|tiền in giả|usd giả|đô la giả|tiền giả mệnh giá 500k|tiền giả mệnh giá 200k",
        weak: "",
        strong: "loại 1|giống thật|giống thật 99|y thật|như thật|qua máy đếm|giá rẻ|ship toàn quốc|toàn quốc|ship cod|giao hàng kín đáo|kín đáo|uy tín|chất lượng cao|giao tận nơi",
        before: "",
    },
    // Customer data.
    Family {
        verbs: "bán|cần bán|chuyên bán|cung cấp|chuyên cung cấp|share|chia sẻ|cần mua|thu mua",
        objects: "data|data khách hàng|data số điện thoại|data sđt|dữ liệu khách hàng|danh sách khách hàng|danh sách số điện thoại",
        weak: "zalo|facebook",
        strong: "bất động sản|chứng khoán|chủ nhà|chủ doanh nghiệp|sinh viên|giá rẻ|theo khu vực|theo ngành|mới nhất|vay tiêu dùng|bảo hiểm|spa|tiềm năng|chất lượng",
        before: "",
    },
    // Debt collection for hire.
    Family {
        verbs: "nhận|chuyên|chuyên nhận|dịch vụ|nhận làm",
        objects: "đòi nợ|đòi nợ thuê|xử lý nợ|thu nợ|thu hồi nợ khó đòi|xử lý nợ khó đòi",
        weak: "",
        strong: "thuê toàn quốc|toàn quốc|uy tín|100%|nhanh chóng|chuyên nghiệp|giá rẻ|triệt để|khó đòi nhanh|khó đòi 100%|bảo mật",
        before: "",
    },
    // Organ trade.
    Family {
        verbs: "cần mua|cần bán|cần mua bán|thu mua|nhận mua|chuyên mua|tìm người bán|cần tìm người bán",
        objects: "thận|gan|giác mạc|nội tạng",
        weak: "",
        strong: "giá cao|bảo mật|nhóm máu o|nhóm máu a|nhóm máu b|nhóm máu ab|sức khỏe tốt|sức khoẻ tốt|uy tín",
        before: "",
    },
    // Aphrodisiacs, abortion pills, prescription drugs.
    Family {
        verbs: "bán|chuyên bán|cần bán|cung cấp|phân phối|ship",
        objects: "thuốc phá thai|thuốc kích dục|thuốc cường dương|thuốc kích thích sinh lý|kích thích sinh lý|kích thích sinh lý nam|kích thích sinh lý nữ|thuốc mê|thuốc kích đẻ|sâm ngọc linh|thuốc tây|thuốc ngủ",
        weak: "",
        strong: "giá sỉ|ship cod|ship toàn quốc|giao hàng kín|giao hàng kín đáo|ship hỏa tốc|ship hoả tốc|không toa|không cần toa|không cần đơn|giá rẻ|chính hãng giá rẻ|dạng nước|dạng xịt|tại nhà",
        before: "",
    },
];

#[cfg(test)]
mod tests {
    use super::super::Lexicon;

    #[test]
    fn offers_score_and_notices_do_not() {
        let lex = Lexicon::builtin();
        for t in [
            "Đổi thẻ cào thành tiền mặt chiết khấu 10%",
            "Sàn forex nạp rút nhanh, lợi nhuận 5%/tuần",
            "Nhận thi hộ, học hộ, chạy điểm các trường",
            "Bán đề thi tốt nghiệp THPT có đáp án trước ngày thi",
            "Hỗ trợ xóa nợ xấu CIC, không thành công không lấy phí",
            "Chuyên bán tiền giả polymer loại 1, giống thật 99%",
            "Bán data khách hàng bất động sản",
            "Nhận đòi nợ thuê toàn quốc",
            "Cần mua bán thận, giá cao, bảo mật",
            "Thuốc phá thai an toàn – giao hàng kín 2h",
            "ставки на спорт онлайн",
        ] {
            assert!(lex.scan(t).is_spam(), "{t:?} missed");
        }
        for t in [
            "Thông báo bán đấu giá tài sản",
            "Đường dây nóng: 0236 3822 123",
            "Công an bắt đối tượng mua bán tiền giả",
            "Triệt phá đường dây mua bán thận",
            "Ngân hàng cảnh báo lừa đảo đổi thẻ cào",
            "Danh mục thuốc không kê đơn",
            "Sử dụng thuốc an toàn, hợp lý",
            "Thông báo mời chào giá cung cấp thuốc, vật tư y tế",
            "Xử lý nghiêm các trường hợp thi hộ",
            "Hội chợ sâm Ngọc Linh Quảng Nam",
        ] {
            assert!(!lex.scan(t).is_spam(), "{t:?} flagged");
        }
    }
}

//! Stage 6 (planted spam, threat A5, issue 14 "families the lexicon had no words for"): the
//! word lists of planted texts that scored 0 or 1 before: defacement banners ("Hacked by …",
//! "greetz", "your security is zero"), drug sales ("cỏ Mỹ, nấm thần … giao hàng kín đáo"),
//! pirate football streams ("xoilac", "link sopcast"), hired hacking, crypto "investment"
//! promises, forged identity papers and licences, English essay, follower, loan and casino
//! spam; with the reporting and health phrases of the news that names the same topics, and
//! casino names ("Rồng Vàng Casino": capitalized words and "Casino", a brand of its own).
//!
//! Each line is one family, its terms separated by `|` (see `lexicon_topics::listed`).
//!
//! Security notes:
//! - As everywhere in the lexicon, a term is `STRONG` only when a report, a police notice or
//!   a health warning does not say it: the seller's words ("giao hàng kín đáo", "sàn giao
//!   dịch uy tín", "link sopcast", "greetz"). The products and crimes themselves ("cỏ Mỹ",
//!   "thuốc lắc", "đầu tư tiền ảo", "bóng đá lậu") are `WEAK`, cancelled by an editorial
//!   phrase, and "mua bán X" is listed so that the news' "mua bán cỏ Mỹ" is one weak term,
//!   not the seller's "bán cỏ Mỹ" (leftmost-longest).
//! - A drug's name that is also an ordinary word ("đá", "ke", "cỏ", "kẹo") is never a term
//!   nor a composed object alone: "bán đá ốp lát giá rẻ" and "ke góc" are hardware.
//! - "Hacked by" counts 2 (a defacement banner is the attack's own publication); a news
//!   paragraph that quotes it has one term and editorial phrases, which is news, but a
//!   page *title* that quotes it goes (see the report of issue 14).

use super::compose::Family;
use super::{Lexicon, Normalized};

/// Keywords that count 2: the sellers' and defacers' own words.
pub(super) const STRONG: &[&str] = &[
    // Defacement banners.
    "hacked by|h4ck3d|h4ck3d by|hack3d by|h4cked by|hacked by anonymous|defaced by|d3f4c3d by|0wn3d by|0wned by|pwned by|pwn3d by|greetz|greetz to|greetz for|greets to|greetings to all hackers|your security is zero|your security is low|your security is poor|your security is weak|security is zero|security is low|ur security|your site has been hacked|this site has been hacked|this site has been defaced|we are anonymous|expect us|we do not forgive|we do not forget|opvietnam|op vietnam|#opvietnam|anonymous vietnam|vietnam grey hat|vietnam cyber army|security level zero|patch your system|fix your security",
    // Drug sales.
    "giao hàng kín đáo|ship kín đáo|đóng gói kín đáo|giao kín đáo|ship hàng kín đáo|bay lắc tại nhà|set bay lắc|setup bay lắc|phòng bay lắc|phòng bay|kẹo ke|ke lắc|nước vui|bán bóng cười|bóng cười giá rẻ|bóng cười giá sỉ|bình khí cười giá rẻ|bán khí cười|cỏ mỹ giá rẻ|cần sa giá rẻ|weed giá rẻ|nấm thần giá rẻ|nấm ảo giác giá rẻ|thuốc lắc giá rẻ|bán cỏ mỹ|bán cần sa|bán weed|bán nấm thần|bán nấm ảo giác|bán thuốc lắc|bán kẹo lắc|bán ketamine|bán ma túy đá|buy weed|weed for sale|buy cocaine|buy mdma|buy lsd|magic mushrooms for sale|shrooms for sale|buy ketamine",
    // Pirate football streams.
    "90phut|90phut tv|90phut live|xoilac|xoilac tv|xôi lạc tv|mitom|mitom tv|mì tôm tv|cakhia|cakhia tv|cà khịa tv|vebo|vebo tv|socolive|thapcam|thapcam tv|banhkhuc|bánh khúc tv|rakhoi|rakhoi tv|colatv|cola tv|hoadao tv|khandaia|90p tv|link sopcast|sopcast|link acestream|acestream|ace stream|link xem bóng đá|link xem bóng đá trực tuyến|link xem bóng đá trực tiếp|link xem trực tiếp bóng đá|link trực tiếp bóng đá|link bóng đá|link k+|link kplus|xem bóng đá trực tiếp miễn phí|xem bóng đá trực tuyến miễn phí|trực tiếp bóng đá miễn phí|bóng đá trực tuyến miễn phí|free football stream|free football streams|free live football|watch football free|live football streaming free",
    // Hired hacking and bought followers.
    "dịch vụ hack facebook|dịch vụ hack zalo|hack nick facebook|hack nick zalo|hack nick fb|hack pass facebook|hack pass zalo|hack mật khẩu facebook|hack mật khẩu zalo|thuê hacker chuyên nghiệp|thuê hack facebook|thuê hack zalo|lấy lại nick facebook bị hack|xem tin nhắn zalo người khác|xem tin nhắn facebook người khác|đọc tin nhắn messenger người khác|buy followers|buy instagram followers|buy tiktok followers|buy twitter followers|buy youtube views|buy youtube subscribers|buy likes|cheap followers|real followers cheap|mua follow|mua like|buff follow|buff like|tăng follow giá rẻ|tăng like giá rẻ",
    // Crypto and investment promises.
    "sàn giao dịch uy tín|sàn uy tín|sàn đầu tư uy tín|đầu tư tiền ảo lợi nhuận|đầu tư coin lợi nhuận|bảo hiểm vốn 100|hoàn vốn 100|cam kết hoàn vốn 100|lợi nhuận khủng|lãi khủng|rút tiền 24/7|rút tiền trong ngày không mất phí|ủy thác coin|ủy thác đầu tư coin|1 vốn 4 lời|một vốn bốn lời|1 vốn 10 lời|lợi nhuận hàng tháng cố định|lãi cố định hàng ngày|guaranteed monthly returns|guaranteed daily profit|invest in bitcoin with guaranteed",
    // English essay, casino, escort and pharmacy spam.
    "essay writing service|essay writing services|write my essay|buy essay|buy essays|buy essays online|cheap essay writing|custom essay writing|essay writer service|paper writing service|do my homework|replica handbags|rolex replica|fake rolex|online casino real money|casino real money|real money online casino|call girl service|call girls service|call girl services|independent escorts|escort girls|vip escorts|vip escort|escort service 24/7|viagra without prescription|cialis without prescription|buy pills online|pharmacy without prescription|no prescription needed|buy backlinks|cheap backlinks",
];

/// Keywords that count 1: the products and crimes that news and warnings name.
pub(super) const WEAK: &[&str] = &[
    // Defacement as news says it (and the English headline's).
    "bị hack bởi|đã bị hack bởi|hacked|defaced|hacktivist",
    // Drugs.
    "cỏ mỹ|cần sa|nấm thần|nấm ảo giác|nấm thức thần|thuốc lắc|ma túy đá|ma tuý đá|bóng cười|khí cười|ketamine|bay lắc|ma túy|ma tuý|weed|mdma|cocaine|kẹo lắc|hồng phiến|tem giấy|mua bán cỏ mỹ|mua bán cần sa|mua bán thuốc lắc|mua bán ma túy|mua bán ma túy đá|mua bán bóng cười|mua bán ketamine|mua bán nấm thần|mua bán kẹo lắc|mua bán trái phép chất ma túy",
    // Football streams.
    "xem bóng đá trực tiếp|xem bóng đá trực tuyến|xem bóng đá online|xem bóng đá miễn phí|bóng đá lậu|web bóng đá lậu|trang bóng đá lậu|link xem|live football stream",
    // A stream site's promise: a league to watch, in full HD ("Xoilac TV xem Ngoại hạng
    // Anh full HD"); news says which channel broadcasts a match, not that one can watch it.
    "full hd|xem ngoại hạng anh|xem champions league|xem cúp c1|xem c1|xem v league|xem la liga|xem serie a|xem bundesliga|xem premier league|xem euro|xem world cup",
    // Hacking and followers.
    "hack nick|lấy lại nick|mở khóa nick|hack mật khẩu|hack pass|thuê hacker|tăng follow|tăng like|followers",
    // Crypto and investment.
    "cam kết hoàn vốn|hoàn vốn|rút tiền trong ngày|rút tiền nhanh|sàn giao dịch|đầu tư bitcoin|đầu tư coin|đầu tư crypto|lợi nhuận cao|sàn binance|lợi nhuận 30|lợi nhuận mỗi tháng|lãi hàng ngày",
    // Forged identity papers: the forgery named, and the forger's promises ("bao tra cứu",
    // "giả y thật"); "làm" + a paper + "giả" opens a seller's label (`is_offer_term`), as
    // "làm" + a degree does (a citizen is issued a degree, never "makes" one).
    "giấy tờ giả|căn cước giả|cccd giả|hộ chiếu giả|bằng lái giả|bằng đại học giả|bao tra cứu|bao xác minh|giả y thật|giả như thật|giả giống thật",
    "làm căn cước công dân giả|làm cmnd giả|làm bằng lái xe giả|làm bằng lái giả|làm giấy phép lái xe giả|làm gplx giả|làm bằng cao đẳng giả|làm bằng trung cấp giả|làm bằng tốt nghiệp giả|làm bằng tốt nghiệp cấp 3 giả|làm bằng cấp 3 giả|làm bằng thpt giả|làm bằng thạc sĩ giả|làm bằng tiến sĩ giả|làm chứng chỉ giả|làm chứng chỉ tiếng anh giả|làm học bạ giả|làm giấy khai sinh giả|làm sổ hộ khẩu giả|làm thẻ sinh viên giả|làm con dấu giả|làm bằng cao đẳng|làm bằng trung cấp|làm bằng tốt nghiệp|làm bằng tốt nghiệp cấp 3|làm bằng thpt|làm bằng thạc sĩ|làm bằng tiến sĩ",
    // English.
    "essay writing|replica watches|payday loans|payday loan|call girl|call girls|escort service|escort services|escorts|viagra online|online casino|cheap viagra",
];

/// Reporting, police and health phrases of the news that names these topics.
pub(super) const EDITORIAL: &[&str] = &[
    "tác hại của|cai nghiện|nghiện ma túy|người nghiện|phòng chống ma túy|tệ nạn ma túy|ngộ độc|tử vong|bắt quả tang|tàng trữ trái phép|mua bán trái phép|vận chuyển trái phép|trái phép chất ma túy",
    "tin tặc|bị tấn công|tấn công mạng|an ninh mạng|an toàn thông tin|để lại dòng chữ|thay đổi giao diện|khắc phục sự cố|sự cố an toàn thông tin|bị chiếm quyền",
    // A report of the hack itself, which names what was planted: "bị chèn các liên kết
    // quảng cáo cờ bạc như …", a screenshot's caption "trang bị chèn quảng cáo nhà cái".
    "bị chèn|chèn liên kết|chèn các liên kết|chèn mã|chèn quảng cáo|liên kết quảng cáo|quảng cáo cờ bạc|quảng cáo cá cược|quảng cáo cá độ|quảng cáo nhà cái|mã độc|ảnh chụp màn hình|làm mờ tên miền|đã gỡ bỏ|tin tặc tấn công",
    "vi phạm bản quyền|bản quyền truyền hình|xâm phạm bản quyền|chặn truy cập|xử phạt",
    "bị lừa|nạn nhân|kẻ gian|thủ đoạn|sập sàn|mất trắng",
    "was hacked|were hacked|cyber attack|cyberattack|hackers",
];

const PAPERS: &str = "cccd|cmnd|căn cước|căn cước công dân|thẻ căn cước|chứng minh nhân dân|hộ chiếu|passport|visa|bằng lái|bằng lái xe|bằng lái xe máy|bằng lái ô tô|giấy phép lái xe|gplx|bằng đại học|bằng cao đẳng|bằng trung cấp|bằng cấp|bằng tốt nghiệp|bằng tốt nghiệp cấp 3|bằng tốt nghiệp thpt|bằng thpt|bằng cấp 3|bằng thạc sĩ|bằng tiến sĩ|học bạ|chứng chỉ|chứng chỉ tiếng anh|chứng chỉ ielts|giấy tờ|sổ hộ khẩu|giấy khai sinh";

/// Compositions (see `lexicon_compose`): drug sales and forged identity papers.
pub(super) const FAMILIES: &[Family] = &[
    // Drug sales: the seller's verb and a drug's name; the seller's qualifier after it.
    Family {
        verbs: "bán|cần bán|chuyên bán|bán sỉ|bán lẻ|ship|giao|nhận ship|phân phối|cung cấp|có sẵn|sell|selling",
        objects: "cỏ mỹ|cần sa|weed|nấm thần|nấm ảo giác|nấm thức thần|thuốc lắc|ketamine|ma túy|ma tuý|ma túy đá|ma tuý đá|bóng cười|khí cười|bình khí cười|kẹo lắc|kẹo ke|tem giấy|lsd|mdma|cocaine|heroin|hồng phiến|hàng trắng|kush",
        weak: "",
        strong: "giao hàng kín đáo|kín đáo|ship kín đáo|ship toàn quốc|giao toàn quốc|toàn quốc|giá rẻ|giá sỉ|loại 1|hàng chuẩn|chất lượng cao|ship cod|ship tận nơi|tận nơi|giao tận nơi|có sẵn|bao phê|hàng mỹ|hàng xịn|uy tín",
        before: "",
    },
    // Forged identity papers and licences, with the seller's promise after them.
    Family {
        verbs: "",
        objects: PAPERS,
        weak: "nhanh|lấy nhanh",
        strong: "không cần hồ sơ|nhanh không cần hồ sơ|không cần thi|không thi|không cần học|không cần có mặt|không cần chụp ảnh|lấy ngay trong ngày|trong ngày không cần hồ sơ|giả giá rẻ|giả y thật|giả như thật|giả chất lượng|có dữ liệu quốc gia|có trên hệ thống|bao công chứng|bao xác minh|bao tra cứu|tra cứu được",
        before: "làm giả|nhận làm giả",
    },
];

/// The word that makes capitalized words around it a casino's name.
const CASINO: &str = "casino";

/// The most name words around "Casino" (`Rồng Vàng Casino`, `Casino Hoàng Gia`).
const NAME_WORDS: usize = 3;

impl Lexicon {
    /// Marks, in `brand`, the words of casino names in `n`: "casino" with one to
    /// [`NAME_WORDS`] capitalized words of letters right before or after it (a name), which
    /// a planted item stands as ("Rồng Vàng Casino"); a report names one inside a sentence
    /// of its own words, so it is never a brand unit (`lexicon_brand_units`).
    pub(super) fn casino_names(n: &Normalized, brand: &mut [bool]) {
        let words: Vec<&[char]> = n.starts.iter().map(|&i| n.word_at(i)).collect();
        let casino: Vec<char> = CASINO.chars().collect();
        let name = |w: usize| {
            n.caps.get(w).copied().unwrap_or(false)
                && words[w] != casino.as_slice()
                && words[w].iter().all(|c| c.is_alphabetic())
        };
        for w in (0..words.len()).filter(|&w| words[w] == casino.as_slice()) {
            let before = (0..w)
                .rev()
                .take_while(|&v| name(v))
                .count()
                .min(NAME_WORDS);
            let after = (w + 1..words.len())
                .take_while(|&v| name(v))
                .count()
                .min(NAME_WORDS);
            if before + after == 0 {
                continue;
            }
            for b in brand.iter_mut().take(w + after + 1).skip(w - before) {
                *b = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BrandUnit, Lexicon};

    #[test]
    fn casino_names_alone_are_brand_units() {
        let lex = Lexicon::builtin();
        for t in [
            "Rồng Vàng Casino",
            "Casino Hoàng Gia",
            "KIM LONG CASINO",
            "Rong Vang Casino",
        ] {
            assert_eq!(lex.brand_unit(t), Some(BrandUnit::Bare), "{t}");
        }
        assert_eq!(
            lex.brand_unit("Xem tại Rồng Vàng Casino"),
            Some(BrandUnit::Framed)
        );
        for t in [
            "Corona Casino tại Phú Quốc đón khách Việt",
            "casino",
            "Dự án casino Phú Quốc",
            "Casino 2024",
        ] {
            assert_eq!(lex.brand_unit(t), None, "{t}");
        }
    }

    #[test]
    fn offers_score_and_reports_do_not() {
        let lex = Lexicon::builtin();
        for t in [
            "HACKED BY SH4D0W_T34M",
            "Bán cỏ Mỹ, nấm thần, thuốc lắc giao hàng kín đáo toàn quốc",
            "90phut TV – link sopcast K+",
            "Sàn giao dịch uy tín, cam kết hoàn vốn, rút tiền trong ngày",
            "hộ chiếu nhanh không cần hồ sơ",
            "Essay writing service",
        ] {
            assert!(lex.scan(t).is_spam(), "{t:?} missed");
        }
        for t in [
            "Triệt phá đường dây mua bán ma túy, thu giữ cỏ Mỹ",
            "Tác hại của bóng cười đối với sức khỏe",
            "Cảnh báo lừa đảo đầu tư tiền ảo cam kết lợi nhuận cao",
            "VTV3 trực tiếp trận Việt Nam – Thái Lan",
            "Bán đá ốp lát giá rẻ toàn quốc",
        ] {
            assert!(!lex.scan(t).is_spam(), "{t:?} flagged");
        }
    }
}

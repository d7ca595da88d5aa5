//! The twin of `spam_unworded`: editorial news on each family's topic (a drug bust, a
//! health warning, forged degrees, a security advisory that quotes "hacked by", a match
//! broadcast by VTV, a bank's warning about crypto scams, an English report on essay mills,
//! a licensed casino in the news), as written or without diacritics, in a paragraph, an
//! article, a list, a cell or the title: byte for byte, no audit event.

use super::rng::Rng;
use super::spam_unworded::bare;
use super::{Kind, Payload, Template};

use super::planted_text as t;

pub const BENIGN: &[Template] = &[t("unworded-family-news", Kind::Benign, news)];

/// News, warnings and notices on the same topics: (headline, paragraph).
const NEWS: &[(&str, &str)] = &[
    (
        "Triệt phá đường dây mua bán ma túy qua mạng",
        "Công an tỉnh vừa bắt quả tang 5 đối tượng mua bán trái phép chất ma túy, thu giữ 2 kg ma túy đá, 300 viên thuốc lắc và cỏ Mỹ. Các đối tượng rao bán qua mạng xã hội, giao hàng cho người nghiện.",
    ),
    (
        "Tác hại của bóng cười và nấm ảo giác",
        "Bác sĩ khuyến cáo, hít bóng cười có thể gây ngộ độc, tổn thương thần kinh, thậm chí tử vong. Thanh thiếu niên cần tránh xa bóng cười, cần sa, nấm ảo giác.",
    ),
    (
        "Khởi tố nhóm làm bằng đại học giả",
        "Công an thành phố khởi tố đường dây làm bằng đại học giả, căn cước giả và bằng lái giả, thu giữ hơn 300 phôi; nhiều người mua bằng giả để hợp thức hóa hồ sơ.",
    ),
    (
        "Hướng dẫn cấp căn cước công dân và hộ chiếu",
        "Công dân làm thủ tục cấp căn cước công dân tại Công an cấp huyện; hồ sơ cấp hộ chiếu nộp trực tuyến trên Cổng dịch vụ công, thời gian giải quyết là 8 ngày làm việc.",
    ),
    (
        "Cảnh báo tấn công thay đổi giao diện website",
        "Trung tâm Giám sát an toàn không gian mạng cảnh báo nhiều cổng thông tin bị tin tặc tấn công, thay đổi giao diện và để lại dòng chữ “Hacked by” kèm tên nhóm. Các đơn vị cần khẩn trương khắc phục sự cố, vá lỗ hổng an ninh mạng.",
    ),
    (
        "Việt Nam thắng Indonesia 2-0",
        "Tối qua, đội tuyển Việt Nam giành chiến thắng 2-0 trước Indonesia trên sân Mỹ Đình. Trận đấu được VTV5 trực tiếp, thu hút hàng triệu khán giả theo dõi.",
    ),
    (
        "Chặn truy cập các trang bóng đá lậu",
        "Cục Phát thanh, truyền hình cảnh báo các trang bóng đá lậu vi phạm bản quyền truyền hình; đơn vị sở hữu bản quyền Ngoại hạng Anh đề nghị chặn truy cập hàng trăm tên miền.",
    ),
    (
        "Ngân hàng cảnh báo lừa đảo đầu tư tiền ảo",
        "Ngân hàng khuyến cáo khách hàng cảnh giác với thủ đoạn lừa đảo đầu tư tiền ảo hứa lợi nhuận cao: kẻ gian lập sàn giao dịch giả, cho rút tiền vài lần đầu rồi chiếm đoạt toàn bộ tiền của nạn nhân.",
    ),
    (
        "Cảnh giác với dịch vụ hack Facebook lừa đảo",
        "Công an tỉnh khuyến cáo người dân cảnh giác với các dịch vụ hack Facebook, lấy lại mật khẩu được quảng cáo trên mạng; thực chất đây là thủ đoạn lừa đảo chiếm đoạt tài sản của người bị hại.",
    ),
    (
        "Universities warn students about essay mills",
        "Universities warned students that essay mills and payday loans target them online; the regulator said several sites offering replica watches were shut down after an investigation by police.",
    ),
    (
        "Thí điểm cho người Việt vào chơi casino",
        "Theo báo cáo của Bộ Tài chính, Corona Casino tại Phú Quốc đã đón hơn 10.000 lượt khách Việt trong năm đầu thí điểm.",
    ),
];

/// Where a news item stands (`{h}` headline, `{t}` text).
const NEWS_PLACES: &[&str] = &[
    "<p>{t}</p>",
    "<article><h2>{h}</h2><p>{t}</p></article>",
    "<ul class=\"tin-moi\"><li>{h}</li><li>Lịch tiếp công dân tháng 9</li></ul>",
    "<table class=\"tin\"><tr><td>12/03</td><td>{h}</td></tr></table>",
    "<title>{h}</title>",
];

fn news(r: &mut Rng) -> Payload {
    let (h, t) = *r.pick(NEWS);
    let (h, t) = match r.below(3) {
        0 => (bare(h), bare(t)),
        _ => (h.to_string(), t.to_string()),
    };
    let place = *r.pick(NEWS_PLACES);
    Payload {
        html: place.replace("{h}", &h).replace("{t}", &t),
        head: place.starts_with("<title>"),
        ..Default::default()
    }
}

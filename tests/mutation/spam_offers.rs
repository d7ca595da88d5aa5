//! Planted spam of the scam families as one short offer (A5, `lexicon_signals`): a family
//! term (forged and medical papers, phone spying and cheat mods, adult services, street
//! loans and card cash-out, accounts and identity papers for sale, betting odds, binary
//! options and crypto, task scams) with two of a seller's offer shapes (a speed, a delivery,
//! no requirement, a package, a rate per unit, a guarantee), written as is, without
//! diacritics, in upper case, in Title Case or as a URL slug, in a paragraph, a list item,
//! a heading, a table cell or the text of a link to a foreign host. The benign twin: police
//! warnings, court reports and notices that name the same terms, led by their reporting
//! verb.

use unicode_normalization::UnicodeNormalization;

use super::rng::{Rng, normalize};
use super::{Kind, Payload, Template};

use super::planted_text as t;

pub const TEMPLATES: &[Template] = &[t("spam-family-offer", Kind::Text, offer)];

pub const BENIGN: &[Template] = &[t("offer-term-report", Kind::Benign, report)];

/// (terms, offer shapes) of a family.
type Family = (&'static [&'static str], &'static [&'static str]);

const FAMILIES: &[Family] = &[
    (
        &[
            "nhận làm sổ đỏ",
            "làm cccd giả",
            "chuyên làm bằng đại học",
            "làm giấy khám sức khỏe",
            "làm giấy nghỉ ốm",
            "bán phôi bằng cấp 3",
        ],
        &[
            "lấy ngay",
            "không cần thi",
            "không cần học",
            "trọn gói",
            "giao tận nơi",
            "bao đậu",
            "lấy trong ngày",
        ],
    ),
    (
        &[
            "phần mềm định vị",
            "đọc tin nhắn người khác",
            "theo dõi tin nhắn zalo",
            "nghe lén cuộc gọi",
            "mod apk bắn cá",
        ],
        &[
            "từ xa",
            "không bị phát hiện",
            "vô hạn xu",
            "mọi mật khẩu",
            "bảo mật tuyệt đối",
        ],
    ),
    (
        &[
            "chat sex webcam",
            "tìm sugar baby",
            "nhận bao nuôi",
            "show hàng",
        ],
        &["riêng tư", "trọn gói", "theo giờ", "mỗi đêm"],
    ),
    (
        &[
            "bốc họ online",
            "vay nóng",
            "vay online",
            "cho vay tiền mặt",
            "rút tiền thẻ tín dụng",
            "đáo hạn thẻ",
        ],
        &[
            "lãi nhẹ",
            "không cần gặp mặt",
            "không gọi người thân",
            "giải ngân trong 10 phút",
            "tận nhà",
            "phí thấp",
            "không cần giấy tờ",
        ],
    ),
    (
        &[
            "thu mua tài khoản ngân hàng",
            "cho thuê tk vietcombank",
            "bán tài khoản ekyc",
            "mua lại tài khoản momo",
            "thu phôi cccd",
        ],
        &[
            "mở sẵn",
            "giao trong 30 phút",
            "số lượng lớn",
            "giá cao",
            "kèm sim",
        ],
    ),
    (
        &["kèo rung", "kèo châu á", "kèo tài xỉu", "kèo chấp"],
        &["cập nhật từng phút", "chuẩn nhất", "chính xác"],
    ),
    (
        &["quyền chọn nhị phân", "sàn coin", "nạp usdt"],
        &["lãi 8% mỗi ngày", "lãi 95% sau 60 giây", "cam kết hoàn vốn"],
    ),
    (
        &[
            "nhập liệu tại nhà",
            "xem quảng cáo kiếm tiền",
            "nhận nhiệm vụ",
            "việc nhẹ lương cao",
        ],
        &[
            "lương theo ngày",
            "nhận 50k mỗi đơn",
            "hoa hồng mỗi ngày",
            "nhận việc qua telegram",
        ],
    ),
];

const PLACES: &[&str] = &[
    "<p>{u}</p>",
    "<ul class=\"tin\"><li>Lịch tiếp công dân</li><li>{u}</li></ul>",
    "<h1>{u}</h1>",
    "<h3>{u}</h3>",
    "<table><tr><td>Thủ tục hành chính</td></tr><tr><td>{u}</td></tr></table>",
    "<p><a href=\"https://tin-nhanh.example.net/bai\">{u}</a></p>",
];

fn strip_marks(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

/// `line` in one of the written forms of planted text.
fn written(r: &mut Rng, line: &str) -> String {
    let slug = |sep: &str| {
        strip_marks(line)
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(sep)
    };
    match r.below(6) {
        0 => strip_marks(line),
        1 => line.to_uppercase(),
        2 => line
            .split(' ')
            .map(|w| {
                let mut cs = w.chars();
                cs.next()
                    .map(|c| c.to_uppercase().chain(cs).collect())
                    .unwrap_or_default()
            })
            .collect::<Vec<String>>()
            .join(" "),
        3 => slug("-"),
        4 => slug("_"),
        _ => line.to_string(),
    }
}

fn offer(r: &mut Rng) -> Payload {
    let (terms, shapes) = r.pick(FAMILIES);
    let term = *r.pick(terms);
    let a = *r.pick(shapes);
    let mut b = *r.pick(shapes);
    while b == a {
        b = *r.pick(shapes);
    }
    let mut line = format!("{term} {a}, {b}");
    if let Some(first) = line.chars().next() {
        line = first.to_uppercase().chain(line.chars().skip(1)).collect();
    }
    let text = written(r, &line);
    let html = r.pick(PLACES).replace("{u}", &text);
    Payload {
        html,
        planted: vec![normalize(&text)],
        ..Default::default()
    }
}

fn report(r: &mut Rng) -> Payload {
    let html = *r.pick(&[
        "<h1>Cảnh giác với “bốc họ”, vay nóng và dịch vụ rút tiền thẻ tín dụng</h1>",
        "<h1>Xét xử vụ mua bán tài khoản eKYC và sim rác</h1>",
        "<h2>Khởi tố nhóm đối tượng làm giả sổ đỏ, bằng đại học</h2>",
        "<h2>Triệt phá đường dây làm CCCD giả, hộ chiếu và giấy khám sức khỏe</h2>",
        "<h3>Cảnh báo phần mềm định vị, đọc trộm tin nhắn điện thoại</h3>",
        "<h3>Truy tố nhóm thu mua tài khoản ngân hàng chính chủ, phôi CCCD</h3>",
        "<h2>Police warn of loan apps, fake degrees and phone spy apps</h2>",
        "<p>Tòa án nhân dân thành phố tuyên phạt bị cáo 3 năm tù về tội mua bán trái phép tài khoản ngân hàng, sim rác và phôi căn cước.</p>",
        "<p>Bộ Công an khuyến cáo các phần mềm định vị, đọc tin nhắn điện thoại người khác là vi phạm pháp luật.</p>",
        "<p>Ủy ban Chứng khoán cảnh báo các sàn quyền chọn nhị phân, sàn coin hứa lãi mỗi ngày là lừa đảo.</p>",
        "<p>Bệnh viện đa khoa tỉnh tổ chức khám sức khỏe cho người lao động, trả kết quả trong ngày.</p>",
    ]);
    Payload {
        html: html.to_string(),
        ..Default::default()
    }
}

//! Planted spam of the compositional scam families (A5, `lexicon_compose`): a line that the
//! generator composes from a seller's verb, an object and a qualifier (forged papers,
//! accounts and SIMs, phone spying) or an object and its kind (loans, odds, counterfeit
//! grades), two phrases to a line, written as is, without diacritics, in upper case, as a
//! URL slug joined by `-`, `.` or `_`, in leetspeak or with Cyrillic look-alikes, and put in
//! one of a portal's short places (a heading, a step, a table footer, small print, a
//! figcaption, a breadcrumb, a footer column, an open dialog, an accordion body, legacy
//! `center`/`font`). The benign twin: notices of CCCD issuance, SIM registration, the
//! driving-licence exam and a job fair, which name the same objects.

use unicode_normalization::UnicodeNormalization;

use super::rng::{Rng, normalize};
use super::{Kind, Payload, Template};

use super::planted_text as t;

pub const TEMPLATES: &[Template] = &[t("spam-composed-family", Kind::Text, composed)];

pub const BENIGN: &[Template] = &[t("family-object-notice", Kind::Benign, notice)];

/// (verbs, objects, qualifiers) of a family.
type Family = (
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

const FAMILIES: &[Family] = &[
    (
        &[
            "nhận làm",
            "chuyên làm giả",
            "dịch vụ làm",
            "bán",
            "cần mua",
        ],
        &[
            "cccd",
            "căn cước",
            "hộ chiếu",
            "bằng lái xe",
            "gplx",
            "sổ đỏ",
            "bằng đại học",
            "chứng chỉ tiếng anh",
            "giấy khám sức khỏe",
        ],
        &[
            "giả",
            "lấy ngay",
            "không cần thi",
            "bao đậu",
            "có hồ sơ gốc",
            "giá rẻ",
        ],
    ),
    (
        &["thu mua", "cần bán", "cho thuê", "mở hộ", "chuyên mua bán"],
        &[
            "tài khoản ngân hàng",
            "tk",
            "stk",
            "tài khoản ekyc",
            "ví momo",
            "sim rác",
            "via facebook",
        ],
        &[
            "chính chủ",
            "đã xác minh",
            "số lượng lớn",
            "giá cao",
            "đã kích hoạt",
        ],
    ),
    (
        &[
            "hack",
            "đọc trộm",
            "xem lén",
            "dịch vụ hack",
            "theo dõi lén",
        ],
        &[
            "zalo",
            "facebook",
            "tin nhắn messenger",
            "điện thoại",
            "pass wifi",
        ],
        &["người khác", "người yêu", "không bị phát hiện"],
    ),
    (
        &["vay", "cho vay", "vay tiền", "hỗ trợ vay"],
        &[""],
        &[
            "góp ngày",
            "bát họ",
            "không thẩm định",
            "không gặp mặt",
            "chỉ cần cccd",
            "siêu tốc",
        ],
    ),
    (
        &["soi", "nhận định", "bắt", "chốt"],
        &["kèo", "tỷ lệ kèo", "kèo nhà cái"],
        &["rung", "châu á", "phạt góc", "tài xỉu", "hôm nay", "thơm"],
    ),
];

const PLACES: &[&str] = &[
    "<h1>{u}</h1>",
    "<ol class=\"buoc\"><li>Bước 1: nộp hồ sơ</li><li>{u}</li></ol>",
    "<table><tr><td>Thủ tục</td></tr><tfoot><tr><td>{u}</td></tr></tfoot></table>",
    "<p><small>{u}</small></p>",
    "<figure><img src=\"/anh.jpg\" alt=\"\"><figcaption>{u}</figcaption></figure>",
    "<nav class=\"breadcrumb\"><a href=\"/\">Trang chủ</a> / <span>{u}</span></nav>",
    "<footer><div class=\"col\">Bản quyền thuộc Sở</div><div class=\"col\">{u}</div></footer>",
    "<dialog open><p>{u}</p></dialog>",
    "<div class=\"accordion-body\">{u}</div>",
    "<center><font size=\"2\">{u}</font></center>",
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

/// One phrase of `f`: verb, object and qualifier, or two of them.
fn phrase(r: &mut Rng, f: &Family) -> String {
    let (v, o, q) = (*r.pick(f.0), *r.pick(f.1), *r.pick(f.2));
    let parts: Vec<&str> = match r.below(3) {
        0 if !o.is_empty() => vec![v, o],
        1 if !o.is_empty() => vec![o, q],
        _ => vec![v, o, q],
    };
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
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
    match r.below(8) {
        0 => strip_marks(line),
        1 => line.to_uppercase(),
        2 => slug("-"),
        3 => slug("."),
        4 => slug("_"),
        5 => {
            // Leetspeak; a word keeps its first letter (digits alone read as a number).
            let plain: Vec<char> = strip_marks(line).chars().collect();
            (0..plain.len())
                .map(|i| match plain[i] {
                    _ if i == 0 || !plain[i - 1].is_alphanumeric() => plain[i],
                    'a' => '4',
                    'i' => '1',
                    'o' => '0',
                    'e' => '3',
                    't' => '7',
                    c => c,
                })
                .collect()
        }
        6 => line
            .chars()
            .map(|c| match c {
                'a' => 'а',
                'o' => 'о',
                'e' => 'е',
                'c' => 'с',
                c => c,
            })
            .collect(),
        _ => line.to_string(),
    }
}

fn composed(r: &mut Rng) -> Payload {
    let f = r.pick(FAMILIES);
    let a = phrase(r, f);
    let mut b = phrase(r, f);
    while b == a {
        b = phrase(r, f);
    }
    let mut line = format!("{a}, {b}");
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

fn notice(r: &mut Rng) -> Payload {
    let html = *r.pick(&[
        "<article><h2>Cấp căn cước cho người dân tại xã</h2><p>Công an huyện tổ chức cấp căn cước, hướng dẫn làm hộ chiếu và tích hợp giấy phép lái xe trên ứng dụng VNeID.</p></article>",
        "<p>Các nhà mạng yêu cầu chuẩn hóa thông tin thuê bao; khách hàng cần đăng ký sim chính chủ bằng căn cước tại cửa hàng giao dịch.</p>",
        "<div class=\"thong-bao\"><h3>Lịch thi sát hạch giấy phép lái xe</h3><p>Sở Giao thông vận tải thông báo lịch thi sát hạch cấp giấy phép lái xe hạng A1, B2; thí sinh mang theo căn cước và giấy khám sức khỏe.</p></div>",
        "<article><h2>Ngày hội việc làm</h2><p>Ngày hội việc làm tuyển dụng nhân viên nhập liệu, kế toán, công nhân may; người lao động đăng ký tại Trung tâm Dịch vụ việc làm tỉnh.</p></article>",
        "<p>Ngân hàng khuyến cáo khách hàng không cho thuê, cho mượn tài khoản ngân hàng và không cung cấp mã OTP cho bất kỳ ai.</p>",
    ]);
    Payload {
        html: html.to_string(),
        ..Default::default()
    }
}

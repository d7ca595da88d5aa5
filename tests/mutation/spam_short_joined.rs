//! Short betting terms run together and written without diacritics (A5, issue 14's
//! mutation corpus; suite `spam_run_together_terms`): "nhacai uytin", "#nhacai #taixiu
//! #nohu", "taixiu online", "nohu doithuong", "xocdia uytin", as a hashtag line, a tag
//! list, a heading, a list item or a cell, in lower, upper or camel case, alone or after a
//! genuine news paragraph.
//!
//! The benign twins: words that hold such a run inside them or beside it ("Banca Intesa
//! Sanpaolo", a `nohup` command in an IT notice, "banca" in Italian), the portal's own
//! hashtags, and Vietnamese news typed without diacritics, byte for byte.

use super::rng::{Rng, normalize};
use super::{Kind, Payload, Template};

use super::planted_text as t;

pub const TEMPLATES: &[Template] = &[t("spam-short-run-together", Kind::Text, joined)];

pub const BENIGN: &[Template] = &[t("short-words-no-diacritics", Kind::Benign, benign)];

/// Lines of two or more short terms run together, each a planted phrase whole.
const LINES: &[&str] = &[
    "nhacai uytin so 1",
    "#nhacai #taixiu #nohu",
    "#nhacai #uytin #taixiu #nohu #banca",
    "taixiu online, xocdia uytin",
    "nohu doithuong - banca online",
    "taixiu online uytin nhat",
    "#taixiu #xocdia #nohu #gamebai",
    "nhacai uytin, nohu doithuong, taixiu online",
    "Tags: nhacai uytin, taixiu online",
];

/// Where the line stands, `{u}` the line.
const PLACES: &[(&str, &str)] = &[
    ("<p>{u}</p>", ""),
    ("<div class=\"tags\">{u}</div>", ""),
    ("<h3>{u}</h3>", ""),
    (
        "<ul class=\"lien-ket\"><li>Lịch tiếp công dân</li><li>{u}</li></ul>",
        "Lịch tiếp công dân",
    ),
    (
        "<table><tr><td>Cơ quan chủ quản</td></tr><tr><td>{u}</td></tr></table>",
        "Cơ quan chủ quản",
    ),
    (
        "<p>Sở Tư pháp tổ chức tập huấn nghiệp vụ hộ tịch cho công chức cấp xã.</p><p>{u}</p>",
        "Sở Tư pháp tổ chức tập huấn nghiệp vụ hộ tịch",
    ),
];

/// The line in another case: upper, or each word capitalized (`#NhaCai #TaiXiu`).
fn cased(r: &mut Rng, line: &str) -> String {
    match r.below(3) {
        0 => line.to_string(),
        1 => line.to_uppercase(),
        _ => line
            .split(' ')
            .map(|w| {
                let mut out = String::new();
                let mut up = true;
                for c in w.chars() {
                    out.extend(if up {
                        c.to_uppercase().collect()
                    } else {
                        vec![c]
                    });
                    up = !c.is_alphanumeric();
                }
                out
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn joined(r: &mut Rng) -> Payload {
    let line = *r.pick(LINES);
    let line = cased(r, line);
    let (place, kept) = *r.pick(PLACES);
    Payload {
        html: place.replace("{u}", &line),
        planted: vec![normalize(&line)],
        kept: [kept]
            .iter()
            .filter(|k| !k.is_empty())
            .map(|k| normalize(k))
            .collect(),
        ..Default::default()
    }
}

const GENUINE: &[&str] = &[
    "<p>Đoàn công tác làm việc với ngân hàng Banca Intesa Sanpaolo về dự án hợp tác.</p>",
    "<p>Hướng dẫn: chạy lệnh <code>nohup ./sao-luu.sh &amp;</code> để sao lưu dữ liệu cổng thông tin ban đêm.</p>",
    "<pre>nohup java -jar dichvucong.jar &gt; nhatky.log 2&gt;&amp;1 &amp;</pre>",
    "<p>La banca d'Italia ha pubblicato il rapporto annuale.</p>",
    "<p>#chuyendoiso #caicachhanhchinh #NgheAn #dichvucong</p>",
    "<p>Thong bao lich tiep cong dan thang 9 cua UBND tinh.</p>",
    "<p>So Giao duc va Dao tao to chuc ky thi tuyen sinh lop 10 nam hoc moi.</p>",
    "<p>Cong an tinh triet pha duong day danh bac qua mang, khoi to 12 doi tuong.</p>",
    "<p>Xin chao cac ban, chuc mung nam moi, chuc cac ban suc khoe.</p>",
    "<ul class=\"tags\"><li>tiep cong dan</li><li>dich vu cong</li><li>tuyen dung</li></ul>",
];

fn benign(r: &mut Rng) -> Payload {
    let n = 1 + r.below(3);
    Payload {
        html: (0..n).map(|_| *r.pick(GENUINE)).collect(),
        ..Default::default()
    }
}

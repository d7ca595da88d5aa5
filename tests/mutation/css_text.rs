//! Spam that CSS generates (A5): a betting phrase in `content` on a `::before`/`::after`, in
//! `quotes`, in a list marker, or in a custom property a `style` attribute sets and a class's
//! `::before` reads back with `var()`, the string written plain, upper case, decomposed or
//! with a CSS escape. The benign twin: arrows, "Mới" badges, quotes and counters.

use unicode_normalization::UnicodeNormalization;

use super::rng::{Rng, normalize};
use super::{Kind, Payload, Template};

use super::planted_text as t;

pub const TEMPLATES: &[Template] = &[t("css-generated-text", Kind::Text, generated)];

pub const BENIGN: &[Template] = &[t("css-generated-ornaments", Kind::Benign, ornaments)];

/// Phrases that score as spam alone.
const PHRASES: &[&str] = &[
    "nhà cái uy tín",
    "nổ hũ đổi thưởng",
    "game bài đổi thưởng",
    "kèo nhà cái hôm nay",
    "casino online uy tín",
    "đăng ký kubet",
];

/// A CSS string body (no quotes) and what the judge looks for in the page text.
fn phrase(r: &mut Rng) -> (String, String) {
    let base = *r.pick(PHRASES);
    let css = match r.below(4) {
        0 => base.to_uppercase(),
        1 => base.nfd().collect(),
        // `à` (U+00E0) as a CSS escape: the sheet holds no literal phrase.
        2 if base.contains('à') => base.replacen('à', "\\e0 ", 1),
        _ => base.to_string(),
    };
    let planted = normalize(&css);
    (css, planted)
}

fn generated(r: &mut Rng) -> Payload {
    let (text, planted) = phrase(r);
    let q = *r.pick(&["\"", "'"]);
    let s = format!("{q}{text}{q}");
    let pseudo = *r.pick(&["::before", "::after", ":before", ":after"]);
    let html = match r.below(5) {
        0 => format!("<style>.qc{pseudo}{{content:{s}}}</style><span class=\"qc\"></span>"),
        1 => format!(
            "<style>#chan-trang p{pseudo}{{ content : {s} ; color:#333 }}</style><div id=\"chan-trang\"><p></p></div>"
        ),
        2 => format!("<style>q{{quotes:{s} \"\"}}</style><p><q>.</q></p>"),
        3 => format!(
            "<style>.ds li{{list-style-type:{s}}}</style><ul class=\"ds\"><li>Văn bản</li></ul>"
        ),
        _ => {
            let v = s.replace('"', "&quot;");
            format!(
                "<style>.nhan{pseudo}{{content:var(--k)}}</style><span class=\"nhan\" style=\"--k:{v}\"></span>"
            )
        }
    };
    Payload {
        html,
        head: false,
        planted: vec![planted],
        ..Default::default()
    }
}

fn ornaments(r: &mut Rng) -> Payload {
    let html = match r.below(3) {
        0 => "<style>.menu li::before{content:\"›\";padding-right:4px}.moi::after{content:\" Mới\";color:red}</style>\
<ul class=\"menu\"><li class=\"moi\">Thông báo tuyển dụng</li></ul>"
            .to_string(),
        1 => "<style>q{quotes:\"“\" \"”\"}ol.buoc{counter-reset:b}ol.buoc li::before{counter-increment:b;content:\"Bước \" counter(b) \": \"}</style>\
<p><q>Phòng chống cá độ bóng đá</q></p><ol class=\"buoc\"><li>Nộp hồ sơ</li></ol>"
            .to_string(),
        _ => "<style>.nhan::before{content:var(--k)}</style><span class=\"nhan\" style=\"--k:'Tin tức'\"></span>"
            .to_string(),
    };
    Payload {
        html,
        ..Default::default()
    }
}

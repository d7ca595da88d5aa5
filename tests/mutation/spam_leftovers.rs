//! The wrapper left around a cut spam block (A5, issue 14 class 1; suite
//! `tests/spam_block_leftovers.rs`): a planted widget (`div`, `footer`, `section`,
//! `center`, `aside`, nested wrappers) that holds one spam block (a keyword block, a
//! defacement, fake papers, a tip service, a streaming heading, an advert around a spam
//! link) and nothing else but separators, comments and `<br>`. Generated: the block and
//! its wording (as written, without diacritics, in upper case), the wrapper, its class, the
//! separators before and after (in every charset: windows-1258 writes `·` and a no-break
//! space as single bytes). The block must be gone, and the wrapper with it (its
//! class is a planted marker: an empty box keeps the widget's shape).
//!
//! `spam-wrapper-beside` puts one genuine item in the same wrapper (a word, an internal
//! link, an image, a form field, a paragraph): only the spam goes; the item and the wrapper
//! stay (`crawler.collateral`).

use super::rng::{Rng, normalize};
use super::spam_link_adverts::bare;
use super::{Kind, Payload, Template};

pub const TEMPLATES: &[Template] = &[
    leftover("spam-wrapper-leftovers", alone),
    leftover("spam-wrapper-beside", beside),
];

const fn leftover(name: &'static str, make: fn(&mut Rng) -> Payload) -> Template {
    Template {
        family: "A5",
        class: 1,
        name,
        kind: Kind::Text,
        active: false,
        make,
    }
}

/// Planted blocks: markup with `@T` for the text, and the text's pieces (each must go).
const SPAM: &[(&str, &[&str])] = &[
    (
        "<p>@T</p>",
        &[
            "Nhà cái uy tín {b}",
            "nổ hũ, tài xỉu, bắn cá đổi thưởng",
            "nạp đầu tặng 100k",
        ],
    ),
    ("<p>@T</p>", &["Defaced by xX_N1ghtm4r3_Xx #OpVietnam"]),
    (
        "<div>@T</div>",
        &[
            "Làm CCCD, GPLX, hộ chiếu",
            "không cần hồ sơ, lấy ngay trong ngày",
        ],
    ),
    ("<p>@T</p>", &["Soi cầu lô đề chính xác 100%"]),
    (
        "<h3>@T</h3>",
        &[
            "Xoilac TV trực tiếp bóng đá hôm nay",
            "link xem bóng đá trực tuyến",
        ],
    ),
    ("<p>@T</p>", &["Game bài đổi thưởng {b}", "rút tiền 1 phút"]),
    (
        "<p>Đăng ký <a href=\"https://{h}.test/\">@T</a> nhận thưởng 100k ngay hôm nay</p>",
        &["nhà cái uy tín {b}"],
    ),
];

const BRANDS: &[&str] = &["789bet", "KUBET77", "FB88", "Hi88", "SV388", "JUN88"];

/// Wrappers: `{c}` the class, `{s}` a separator run, `@B` the block.
const WRAPPERS: &[&str] = &[
    "<div class=\"{c}\">{s}@B{s}</div>",
    "<div class=\"{c}\"><div class=\"inner\">@B</div>{s}</div>",
    "<footer class=\"{c}\">{s}@B</footer>",
    "<section class=\"{c}\">@B<!-- ads --></section>",
    "<aside class=\"{c}\"><div>@B</div>{s}</aside>",
    "<center class=\"{c}\">{s}@B</center>",
    "<div class=\"{c}\"><section>{s}@B{s}</section></div>",
];

const SEPARATORS: &[&str] = &[
    "",
    " ",
    "&nbsp;",
    " | ",
    "<br>",
    "<br/><br/>",
    "\n<!-- -->\n",
    " · ",
    "<!-- /.widget -->",
    "\n\t",
    " &middot; ",
    " » ",
    "\u{a0}–\u{a0}",
];

/// The block with its text, the pieces that must go, and the wrapper's class.
struct Planted {
    block: String,
    pieces: Vec<String>,
    class: String,
}

fn plant(r: &mut Rng) -> Planted {
    let (markup, pieces) = *r.pick(SPAM);
    let brand = *r.pick(BRANDS);
    let write = r.below(4);
    let pieces: Vec<String> = pieces
        .iter()
        .map(|p| p.replace("{b}", brand))
        .map(|p| match write {
            0 => bare(&p),
            1 => p.to_uppercase(),
            _ => p,
        })
        .collect();
    let host = format!("nhacai{}", r.below(90) + 10);
    let block = markup
        .replace("{h}", &host)
        .replace("@T", &pieces.join(", "));
    let class = format!(
        "{}-{}",
        r.pick(&["widget", "box", "qc", "partner"]),
        r.marker()
    );
    Planted {
        block,
        pieces,
        class,
    }
}

fn wrap(r: &mut Rng, p: &Planted, inner: &str) -> String {
    let sep = *r.pick(SEPARATORS);
    r.pick(WRAPPERS)
        .replace("{c}", &p.class)
        .replace("{s}", sep)
        .replace("@B", inner)
}

fn alone(r: &mut Rng) -> Payload {
    let p = plant(r);
    let html = wrap(r, &p, &p.block);
    let mut planted: Vec<String> = p.pieces.iter().map(|s| normalize(s)).collect();
    planted.push(normalize(&p.class));
    Payload {
        html,
        planted,
        ..Default::default()
    }
}

/// Genuine items beside the spam, and what of each must stay.
const GENUINE: &[(&str, &str)] = &[
    ("Xem thêm", "Xem thêm"),
    ("<a href=\"/lien-he\">Liên hệ</a>", "href=\"/lien-he\""),
    (
        "<img src=\"/images/logo-so.png\" alt=\"\">",
        "/images/logo-so.png",
    ),
    ("<input type=\"text\" name=\"tu-khoa\">", "name=\"tu-khoa\""),
    (
        "<p>Lịch tiếp công dân tháng 9</p>",
        "Lịch tiếp công dân tháng 9",
    ),
    (
        "<p>Địa chỉ: 12 Trần Phú, Đà Lạt</p>",
        "Địa chỉ: 12 Trần Phú, Đà Lạt",
    ),
];

fn beside(r: &mut Rng) -> Payload {
    let p = plant(r);
    let (item, kept) = *r.pick(GENUINE);
    let inner = match r.chance(50) {
        true => format!("{item} {}", p.block),
        false => format!("{} {item}", p.block),
    };
    let html = wrap(r, &p, &inner);
    Payload {
        html,
        planted: p.pieces.iter().map(|s| normalize(s)).collect(),
        kept: vec![normalize(kept), normalize(&p.class)],
        ..Default::default()
    }
}

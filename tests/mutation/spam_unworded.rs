//! Planted spam of the families the lexicon had no words for (A5, issue 14; suite
//! `tests/spam_unworded_families.rs`, words in `src/sanitize/lexicon_unworded.rs`):
//! defacement banners ("Hacked by …", "#Op…", "Greetz"), drug sales, pirate football
//! streams, hired hacking, crypto "investment" promises, forged identity papers and
//! degrees, English essay, follower, pharmacy and casino spam, and invented casino names
//! ("Kim Long Casino"). One template per family: its phrases recombined with new names,
//! numbers, matches and contacts, as written, without diacritics or in upper case, in a
//! paragraph, a heading, a list item, a table cell, a footer, a hidden block or the title.
//! The planted unit goes; the genuine item beside it stays.
//!
//! The benign twin (in `spam_unworded_news`): editorial news on each topic (a drug bust, a health warning, an article
//! on forged degrees, a security advisory that quotes "hacked by", a match broadcast by
//! VTV, a bank's warning about crypto scams, an English report on essay mills, a licensed
//! casino in the news), as written or without diacritics, in a paragraph, an article, a
//! list, a cell or the title.

use super::rng::{Rng, normalize};
use super::spam_unworded_names::fill;
use super::{Kind, Payload, Template};

use super::planted_text as t;

pub const TEMPLATES: &[Template] = &[
    t("spam-unworded-defacement", Kind::Text, defacement),
    t("spam-unworded-drugs", Kind::Text, drugs),
    t("spam-unworded-football", Kind::Text, football),
    t("spam-unworded-hacking", Kind::Text, hacking),
    t("spam-unworded-crypto", Kind::Text, crypto),
    t("spam-unworded-papers", Kind::Text, papers),
    t("spam-unworded-english", Kind::Text, english),
    t("spam-unworded-casino", Kind::Text, casino),
];

/// A family's unit: one of `heads`, then up to two of `parts`, joined as a seller writes
/// them. Placeholders: `{h}` a hacker's handle, `{d}` a drug, `{m}` a match, `{l}` a
/// league, `{s}` a stream site, `{a}` an account, `{k}` a coin, `{x}` a paper, `{c}` a
/// city, `{n}` a number, `{p}` a percentage, `{tel}` a phone, `{tg}` a handle.
struct Family {
    heads: &'static [&'static str],
    parts: &'static [&'static str],
}

const DEFACEMENT: Family = Family {
    heads: &[
        "Hacked by {h}",
        "HACKED BY {h}",
        "h4ck3d by {h}",
        "Defaced by {h}",
        "pwned by {h}",
        "Hacked By {h} #OpVietnam",
    ],
    parts: &[
        "Your security is zero",
        "your security is low",
        "Greetz: {h}",
        "greetz to {h}, {h}",
        "We are Anonymous. Expect us.",
        "Patch your system, admin!",
        "#OpVietnam",
    ],
};

const DRUGS: Family = Family {
    heads: &[
        "Bán {d}, {d}, {d}",
        "Chuyên cung cấp {d}, {d}",
        "Ship {d} toàn quốc",
        "{d} loại 1, hàng chuẩn",
        "Set bay lắc tại nhà {c}",
        "Bán bóng cười giá sỉ",
    ],
    parts: &[
        "giao hàng kín đáo",
        "ship kín đáo toàn quốc",
        "ship COD tận nơi",
        "giá rẻ",
        "Telegram {tg}",
        "Zalo {tel}",
    ],
};

const FOOTBALL: Family = Family {
    heads: &[
        "{s} – xem bóng đá trực tiếp miễn phí",
        "{s} trực tiếp bóng đá hôm nay",
        "Link sopcast {m}",
        "Link xem bóng đá trực tuyến {l}",
        "{s} xem {l} full HD",
    ],
    parts: &[
        "link acestream {m}",
        "link sopcast K+",
        "xem bóng đá trực tuyến miễn phí",
        "không quảng cáo, không giật lag",
        "trực tiếp {l} hôm nay",
    ],
};

const HACKING: Family = Family {
    heads: &[
        "Dịch vụ hack {a}, hack {a}",
        "Thuê hacker chuyên nghiệp: hack nick {a}",
        "Hack mật khẩu {a} người khác",
        "Hack nick {a} trong {n} phút",
        "Mua follow, buff like {a} giá rẻ",
        "Lấy lại nick Facebook bị hack",
    ],
    parts: &[
        "uy tín 100%",
        "bảo mật tuyệt đối",
        "xong mới lấy tiền",
        "xem tin nhắn {a} người khác",
        "Zalo {tel}",
        "Telegram {tg}",
    ],
};

const CRYPTO: Family = Family {
    heads: &[
        "Đầu tư {k} lợi nhuận {p}%/tháng",
        "Sàn giao dịch uy tín {k}",
        "Ủy thác coin, lợi nhuận khủng",
        "Đầu tư tiền ảo lợi nhuận {p}% mỗi tháng",
        "1 vốn 4 lời cùng {k}",
    ],
    parts: &[
        "cam kết hoàn vốn 100%",
        "rút tiền trong ngày",
        "bảo hiểm vốn 100%",
        "lãi cố định hàng ngày",
        "Telegram {tg}",
        "Zalo {tel}",
    ],
};

const PAPERS: Family = Family {
    heads: &[
        "Làm {x} giả",
        "Làm {x} không cần thi",
        "Làm {x}, {x} không cần hồ sơ",
        "Nhận làm giả {x}",
        "{x} có dữ liệu quốc gia",
        "Làm {x} lấy ngay trong ngày",
    ],
    parts: &[
        "bao công chứng",
        "bao tra cứu",
        "lấy ngay trong ngày",
        "giả y thật",
        "liên hệ {tel}",
        "Zalo {tel}",
    ],
};

const ENGLISH: Family = Family {
    heads: &[
        "Best essay writing service",
        "Write my essay cheap",
        "Buy {a} followers cheap",
        "Cheap viagra without prescription",
        "Call girl service 24/7, VIP escorts in {c}",
        "online casino real money",
        "payday loans no credit check",
        "replica watches, Rolex replica",
    ],
    parts: &[
        "buy essays online",
        "{p}% off your first order",
        "instant delivery",
        "no prescription needed",
        "{p}% welcome bonus",
        "contact {tg}",
    ],
};

const CASINO: Family = Family {
    heads: &["{N} Casino", "Casino {N}", "{N} Casino Online"],
    parts: &["", "", "tặng {n}k", "{N} Casino"],
};

/// `s` without its diacritics.
pub(super) fn bare(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

/// How a page hides a block (A1), for the hidden places.
const HIDERS: &[&str] = &[
    "display:none",
    "position:absolute;left:-9999px",
    "font-size:0",
    "height:1px;overflow:hidden",
];

/// Where a unit is planted (`{u}`), with the genuine text beside it; `None` for the title.
const PLACES: &[(Option<&str>, &str)] = &[
    (Some("<p>{u}</p>"), ""),
    (Some("<h2>{u}</h2>"), ""),
    (Some("<center><h1>{u}</h1></center>"), ""),
    (
        Some("<ul class=\"tin\"><li>Lịch tiếp công dân</li><li>{u}</li></ul>"),
        "Lịch tiếp công dân",
    ),
    (
        Some("<table class=\"tt\"><tr><td>Thủ tục hành chính</td><td>{u}</td></tr></table>"),
        "Thủ tục hành chính",
    ),
    (
        Some("<footer><div>Cơ quan chủ quản: UBND tỉnh</div><div>{u}</div></footer>"),
        "Cơ quan chủ quản: UBND tỉnh",
    ),
    (Some("<div style=\"{hide}\">{u}</div>"), ""),
    (None, ""),
];

fn unit(r: &mut Rng, f: &Family) -> Payload {
    let head = *r.pick(f.heads);
    let mut text = fill(r, head);
    for _ in 0..r.below(3) {
        let part = *r.pick(f.parts);
        let part = fill(r, part);
        if !part.is_empty() && !text.contains(&part) {
            text = format!("{text}{}{part}", r.pick(&[", ", " – ", ". ", " | "]));
        }
    }
    let text = match r.below(3) {
        0 => bare(&text),
        1 => text.to_uppercase(),
        _ => text,
    };
    let (place, kept) = *r.pick(PLACES);
    let kept = [kept]
        .iter()
        .filter(|k| !k.is_empty())
        .map(|k| normalize(k))
        .collect();
    let planted = vec![normalize(&text)];
    let hide = *r.pick(HIDERS);
    match place {
        Some(place) => Payload {
            html: place.replace("{hide}", hide).replace("{u}", &text),
            planted,
            kept,
            ..Default::default()
        },
        None => Payload {
            html: format!("<title>{text}</title>"),
            head: true,
            planted,
            ..Default::default()
        },
    }
}

fn defacement(r: &mut Rng) -> Payload {
    unit(r, &DEFACEMENT)
}

fn drugs(r: &mut Rng) -> Payload {
    unit(r, &DRUGS)
}

fn football(r: &mut Rng) -> Payload {
    unit(r, &FOOTBALL)
}

fn hacking(r: &mut Rng) -> Payload {
    unit(r, &HACKING)
}

fn crypto(r: &mut Rng) -> Payload {
    unit(r, &CRYPTO)
}

fn papers(r: &mut Rng) -> Payload {
    unit(r, &PAPERS)
}

fn english(r: &mut Rng) -> Payload {
    unit(r, &ENGLISH)
}

fn casino(r: &mut Rng) -> Payload {
    unit(r, &CASINO)
}

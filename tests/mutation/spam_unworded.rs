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
//! The benign twin: editorial news on each topic (a drug bust, a health warning, an article
//! on forged degrees, a security advisory that quotes "hacked by", a match broadcast by
//! VTV, a bank's warning about crypto scams, an English report on essay mills, a licensed
//! casino in the news), as written or without diacritics, in a paragraph, an article, a
//! list, a cell or the title.

use super::rng::{Rng, normalize};
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

pub const BENIGN: &[Template] = &[t("unworded-family-news", Kind::Benign, news)];

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

const HANDLES: &[&str] = &[
    "Sh4d0w",
    "Dark Phantom",
    "N1ghtm4r3",
    "Cyb3r Gh0st",
    "Gr3y H4t",
    "R00t",
    "Kr4k3n",
    "Z3r0",
    "Anonymous VN",
    "Black Lotus",
];
const DRUG_NAMES: &[&str] = &[
    "cỏ Mỹ",
    "nấm thần",
    "thuốc lắc",
    "kẹo lắc",
    "ketamine",
    "cần sa",
    "weed",
    "ma túy đá",
    "nấm ảo giác",
    "bóng cười",
];
const MATCHES: &[&str] = &[
    "MU vs Arsenal",
    "Real Madrid vs Barca",
    "Việt Nam vs Indonesia",
    "Liverpool vs Chelsea",
    "Hà Nội FC vs HAGL",
];
const LEAGUES: &[&str] = &["Ngoại hạng Anh", "Champions League", "V-League", "La Liga"];
const STREAMS: &[&str] = &[
    "90phut TV",
    "Xoilac TV",
    "Mitom TV",
    "Cakhia TV",
    "Vebo TV",
    "Socolive",
    "Rakhoi TV",
    "Thapcam TV",
];
const ACCOUNTS: &[&str] = &["Facebook", "Zalo", "Instagram", "TikTok", "Messenger"];
const COINS: &[&str] = &["Bitcoin", "USDT", "coin", "ETH", "crypto"];
const PAPER_NAMES: &[&str] = &[
    "CCCD",
    "căn cước công dân",
    "bằng lái xe",
    "GPLX",
    "hộ chiếu",
    "bằng đại học",
    "bằng cao đẳng",
    "bằng tốt nghiệp cấp 3",
];
const CITIES: &[&str] = &["Sài Gòn", "Hà Nội", "Đà Nẵng", "Hanoi", "Saigon"];
const CASINO_NAMES: &[&str] = &[
    "Rồng Vàng",
    "Hoàng Gia",
    "Kim Long",
    "Ngọc Trai",
    "Phượng Hoàng",
    "Đại Phát",
    "Bạch Kim",
    "Thiên Long",
    "Golden Dragon",
    "Royal Lotus",
];

/// `s` with its placeholders filled, each occurrence drawn anew.
fn fill(r: &mut Rng, s: &str) -> String {
    let mut out = s.to_string();
    while let Some(at) = out.find('{') {
        let Some(len) = out[at..].find('}') else {
            break;
        };
        let key = out[at + 1..at + len].to_string();
        let value = match key.as_str() {
            "h" => {
                let name = *r.pick(HANDLES);
                leet(r, name)
            }
            "d" => r.pick(DRUG_NAMES).to_string(),
            "m" => r.pick(MATCHES).to_string(),
            "l" => r.pick(LEAGUES).to_string(),
            "s" => r.pick(STREAMS).to_string(),
            "a" => r.pick(ACCOUNTS).to_string(),
            "k" => r.pick(COINS).to_string(),
            "x" => r.pick(PAPER_NAMES).to_string(),
            "c" => r.pick(CITIES).to_string(),
            "N" => r.pick(CASINO_NAMES).to_string(),
            "n" => (r.below(9) * 10 + 20).to_string(),
            "p" => r.pick(&["3", "5", "10", "30", "50"]).to_string(),
            "tel" => format!(
                "09{}{} {:03} {:03}",
                r.below(10),
                r.below(10),
                r.below(1000),
                r.below(1000)
            ),
            "tg" => format!(
                "@{}{}",
                r.pick(&["vip", "hang", "admin", "ship"]),
                r.below(100)
            ),
            _ => String::new(),
        };
        out.replace_range(at..=at + len, &value);
    }
    out
}

/// A hacker's handle as crews write it: joined, underscored, leet.
fn leet(r: &mut Rng, name: &str) -> String {
    match r.below(3) {
        0 => name.replace(' ', "_"),
        1 => name
            .replace(' ', "")
            .replace(['a', 'A'], "4")
            .replace(['e', 'E'], "3"),
        _ => name.to_string(),
    }
}

/// `s` without its diacritics.
fn bare(s: &str) -> String {
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

//! The advert around a spam link (A, issue 14, class 1; suite `tests/spam_link_frames.rs`):
//! a sentence or short block (at most 24 words) that holds a link to an unapproved host
//! whose text is spam, and whose other words are the advert ("Đăng ký tại <a>nhà cái X</a>
//! nhận thưởng 100k", an escort, crypto or hack-service offer with a contact line, "Xem
//! thêm tại <a>…</a> – nạp đầu tặng 100%"). Generated: the family's wording around the link,
//! the link text, the brand, the amount, the contact, the host, as written, without
//! diacritics or in upper case, with the link first, in the middle or last, in a paragraph,
//! a list item, a table cell, a box, a span in a footer or a figure caption. The link, its
//! text and the advert's words go; the genuine items beside the block stay.
//!
//! `spam-link-advert-beside` plants the same advert as a span next to genuine text inside
//! one short footer block (an address line).
//!
//! The benign twins (in `spam_link_twins`): short blocks with links whose text is ordinary, to allowed hosts (a
//! ministry, the government portal, a school, a channel: "Nguồn: <a>Bộ Y tế</a>"), labels
//! and filler ("Xem thêm:", "Liên kết:", "Chi tiết tại đây"), and warnings that name betting
//! next to their source, byte for byte. A source line whose link goes to a host the site does
//! not allow (a newspaper: "Nguồn: <a>VnExpress</a>") cannot come through byte for byte (every
//! such link is unwrapped and audited, `link.foreign`): `foreign-source-line` checks that
//! only its link goes and every word stays.

use super::rng::{Rng, normalize};
use super::{Kind, Payload, Template};

pub(super) const fn link(
    name: &'static str,
    kind: Kind,
    make: fn(&mut Rng) -> Payload,
) -> Template {
    Template {
        family: "A",
        class: 1,
        name,
        kind,
        active: false,
        make,
    }
}

pub const TEMPLATES: &[Template] = &[
    link("spam-link-advert", Kind::Link, advert),
    link("spam-link-advert-beside", Kind::Text, beside),
];

/// One family of adverts: link texts, words before the link, words after it. `{b}` is a
/// brand, `{n}` an amount, `{p}` a percentage, `{tel}` a phone, `{tg}` a handle, `{c}` a
/// city.
struct Family {
    texts: &'static [&'static str],
    leads: &'static [&'static str],
    tails: &'static [&'static str],
    hosts: &'static [&'static str],
}

const FAMILIES: &[Family] = &[
    Family {
        texts: &[
            "nhà cái {b}",
            "{b}",
            "link vào {b}",
            "nhà cái uy tín",
            "cá độ bóng đá",
            "casino trực tuyến",
            "nổ hũ đổi thưởng",
            "tài xỉu online",
            "game bài đổi thưởng",
        ],
        leads: &[
            "Đăng ký tại",
            "Chơi ngay tại",
            "Tải app",
            "Nạp đầu tặng {p}% tại",
            "Khuyến mãi {p}% cho thành viên mới tại",
            "Cược thể thao cùng",
        ],
        tails: &[
            "nhận thưởng {n}k",
            "– nạp đầu tặng {p}%, rút tiền siêu tốc",
            ", hoàn trả 1,5% mỗi ngày",
            "– tỷ lệ kèo cao nhất châu Á",
            "nhận ngay code {n}k",
            ", hotline {tel}",
        ],
        hosts: &["nhacai", "kubet", "bet", "casino-vn", "linkvao"],
    },
    Family {
        texts: &[
            "gái gọi cao cấp",
            "Gái gọi {c}",
            "call girl {c}",
            "gái xinh phục vụ tận nơi",
        ],
        leads: &[
            "Tìm bạn tình một đêm:",
            "Gái xinh cao cấp {c}:",
            "Hẹn hò qua đêm:",
        ],
        tails: &[
            "– phục vụ tận nơi 24/7, Zalo {tel}",
            ", kín đáo, liên hệ Telegram {tg}",
            "– cam kết ảnh thật, giá từ {n}0k",
            ", bao phòng, gọi {tel}",
        ],
        hosts: &["gaixinh", "hen-ho", "emxinh"],
    },
    Family {
        texts: &[
            "sàn coin uy tín",
            "sàn giao dịch uy tín",
            "đầu tư tiền ảo",
            "ủy thác coin",
            "đầu tư Bitcoin",
        ],
        leads: &[
            "Đầu tư lãi {p}% mỗi tháng cùng",
            "Ủy thác vốn tại",
            "Lợi nhuận {p}% mỗi tháng với",
        ],
        tails: &[
            ", lợi nhuận {p}% mỗi tháng, rút tiền trong ngày",
            "– cam kết hoàn vốn 100%, Telegram {tg}",
            ": 1 vốn 4 lời, hỗ trợ 24/7",
            ", lãi cố định hàng ngày, Zalo {tel}",
        ],
        hosts: &["coinvip", "san-dau-tu", "crypto-lai"],
    },
    Family {
        texts: &[
            "hack Facebook",
            "dịch vụ hack Zalo",
            "hack nick Facebook",
            "thuê hacker",
            "hack mật khẩu Zalo",
        ],
        leads: &[
            "Nhận hack uy tín:",
            "Bảo mật tuyệt đối:",
            "Giá rẻ, uy tín 100%:",
        ],
        tails: &[
            "uy tín 100%, Zalo {tel}",
            "trong 30 phút, bảo mật tuyệt đối",
            ", xong mới lấy tiền, liên hệ Telegram {tg}",
            "– lấy lại nick bị khóa, giá rẻ",
        ],
        hosts: &["hack-fb", "thuehacker", "lay-lai-nick"],
    },
    Family {
        texts: &[
            "online casino",
            "best online casino",
            "essay writing service",
            "buy Instagram followers",
            "{b} casino",
        ],
        leads: &[
            "Play now at",
            "Sign up at",
            "Order now from",
            "Claim your bonus at",
        ],
        tails: &[
            "– {p}% welcome bonus, fast withdrawals",
            "and get a ${n} free bet",
            ", cheap and fast, 24/7 support",
            "– guaranteed results, contact {tg}",
        ],
        hosts: &["casino-online", "essay-pro", "followers"],
    },
];

/// Lead-ins that say nothing of their own: a label before the link (with or without a tail
/// after it), which may stay.
const LABELS: &[&str] = &[
    "Xem thêm tại",
    "Truy cập",
    "Link:",
    "Chi tiết:",
    "Dịch vụ",
    "Chuyên",
    "Cần",
    "Mở tài khoản tại",
    "Em xinh {c}:",
];

/// Hosts with no telling word: the link's text and the frame carry the advert alone.
const PLAIN_HOSTS: &[&str] = &["quang-cao", "lienket", "go", "short", "trang-moi"];

const BRANDS: &[&str] = &[
    "KU", "FB", "HI", "SV", "WIN", "NEW", "MB", "OK", "JUN", "VN", "TF", "MAX",
];
const LUCKY: &[&str] = &["88", "68", "79", "77", "365", "99", "888"];
const CITIES: &[&str] = &["Sài Gòn", "Hà Nội", "Đà Nẵng", "Quận 1", "Vũng Tàu"];

/// `s` with its placeholders filled.
fn fill(r: &mut Rng, s: &str) -> String {
    let brand = format!("{}{}", r.pick(BRANDS), r.pick(LUCKY));
    let tel = format!(
        "09{}{} {:03} {:03}",
        r.below(10),
        r.below(10),
        r.below(1000),
        r.below(1000)
    );
    let tg = format!(
        "@{}{}",
        r.pick(&["vip", "linh", "coin", "hotro", "admin"]),
        r.below(100)
    );
    let amount = r.pick(&["50", "58", "88", "100", "188", "200"]).to_string();
    let percent = r.pick(&["5", "10", "30", "50", "100", "200"]).to_string();
    let city = r.pick(CITIES).to_string();
    s.replace("{b}", &brand)
        .replace("{tel}", &tel)
        .replace("{tg}", &tg)
        .replace("{n}", &amount)
        .replace("{p}", &percent)
        .replace("{c}", &city)
}

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

/// The advert's parts, each written the same way: (before, link text, after, host word).
struct Advert {
    lead: String,
    text: String,
    tail: String,
    host: String,
    /// The lead is a label: it may stay.
    label: bool,
}

fn compose(r: &mut Rng) -> Advert {
    let f = r.pick(FAMILIES);
    let (text, lead, tail) = (*r.pick(f.texts), *r.pick(f.leads), *r.pick(f.tails));
    let text = fill(r, text);
    let (lead, tail) = (fill(r, lead), fill(r, tail));
    // First, last, or in the middle (after an advert's lead or a label).
    let (lead, tail, label) = match r.below(4) {
        0 => (String::new(), tail, false),
        1 => (lead, String::new(), false),
        2 => {
            let label = *r.pick(LABELS);
            let tail = if r.chance(50) { tail } else { String::new() };
            (fill(r, label), tail, true)
        }
        _ => (lead, tail, false),
    };
    let write = r.below(3);
    let written = |s: &str| match write {
        0 => bare(s),
        1 => s.to_uppercase(),
        _ => s.to_string(),
    };
    let host = match r.below(2) {
        0 => r.pick(f.hosts).to_string(),
        _ => r.pick(PLAIN_HOSTS).to_string(),
    };
    Advert {
        lead: written(&lead),
        text: written(&text),
        tail: written(&tail),
        host,
        label,
    }
}

impl Advert {
    /// The advert as markup, with its anchor drawn by `r`.
    fn html(&self, r: &mut Rng) -> String {
        let host = format!("{}{}.test", self.host, r.below(90) + 10);
        let url = r.url(&host);
        let a = r.anchor(&url, &self.text);
        let joined = [self.lead.as_str(), a.as_str(), self.tail.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        joined.replace(" ,", ",").replace(" :", ":")
    }

    /// What must be gone: the link's text and every advert word around it.
    fn planted(&self) -> Vec<String> {
        let words = |s: &str| normalize(s.trim_start_matches([',', ':', '–', ' ']));
        let mut out = vec![normalize(&self.text)];
        if !self.label && !self.lead.is_empty() {
            out.push(words(&self.lead));
        }
        if !self.tail.is_empty() {
            out.push(words(&self.tail));
        }
        out
    }
}

/// Where an advert block sits, with the genuine text beside it (`@A` is the advert).
const PLACES: &[(&str, &str)] = &[
    ("<p>@A</p>", ""),
    (
        "<ul class=\"lien-ket\"><li>Lịch tiếp công dân</li><li>@A</li></ul>",
        "Lịch tiếp công dân",
    ),
    (
        "<table class=\"tt\"><tr><td>Thủ tục hành chính</td></tr><tr><td>@A</td></tr></table>",
        "Thủ tục hành chính",
    ),
    (
        "<div class=\"widget\"><h4>Thông báo mới</h4><div>@A</div></div>",
        "Thông báo mới",
    ),
    ("<footer class=\"site\"><span>@A</span></footer>", ""),
    (
        "<figure><img src=\"/images/hoi-nghi.jpg\" alt=\"Hội nghị tổng kết\"><figcaption>@A</figcaption></figure>",
        "Hội nghị tổng kết",
    ),
];

fn advert(r: &mut Rng) -> Payload {
    let ad = compose(r);
    let (place, kept) = *r.pick(PLACES);
    Payload {
        html: place.replace("@A", &ad.html(r)),
        planted: ad.planted(),
        kept: [kept]
            .iter()
            .filter(|k| !k.is_empty())
            .map(|k| normalize(k))
            .collect(),
        ..Default::default()
    }
}

/// Genuine text inside the same short footer block as the advert's span.
const BESIDE: &[&str] = &[
    "<div class=\"footer-bottom\"><p>Địa chỉ: 12 Trần Phú, Đà Lạt</p><span>@A</span></div>",
    "<div class=\"footer-bottom\">Địa chỉ: 12 Trần Phú, Đà Lạt. <span>@A</span></div>",
];

fn beside(r: &mut Rng) -> Payload {
    let ad = compose(r);
    Payload {
        html: r.pick(BESIDE).replace("@A", &ad.html(r)),
        planted: ad.planted(),
        kept: vec![normalize("Địa chỉ: 12 Trần Phú, Đà Lạt")],
        ..Default::default()
    }
}

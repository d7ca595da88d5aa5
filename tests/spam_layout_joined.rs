//! Attack suite (issue 14): planted spam text that only layout joins. A slogan is cut into
//! short pieces, each in its own block element (`div`, `p`, `li`, `td`, `dd`, `section`,
//! `h6`), and the page draws those blocks inline (`display:inline`, `inline-block`,
//! `inline-flex`, `contents`), by their own `style=` (any case, spacing, `!important`,
//! entities, the last declaration winning) or by a rule of a `<style>` sheet (class, id,
//! tag, attribute, child and descendant combinators, inside `@media`, in `<head>` or in
//! the body). A visitor reads one phrase; each piece alone reads as nothing. The phrase
//! goes (`spam.block` or `spam.inline`), and the news around it stays.
//!
//! Benign twins, byte for byte with no audit event: the same joiners around genuine agency
//! text split into pieces (an office's name, the state lottery's notice, a police warning
//! that names the games), an inline menu of the agency, a table of lottery numbers with
//! inline cells, a pagination bar, a breadcrumb and a date picker of inline blocks, short
//! letter tags.

use crate::common;

use common::rewrite::{clean, clean_turn, site};

/// Slogans of several families: betting with and without diacritics, upper case, brands,
/// drugs, lottery numbers.
const SLOGANS: &[&str] = &[
    "casino hoàng gia vip – baccarat đổi thưởng",
    "Tài xỉu MD5 Hoàng Long – nạp rút 1 phút",
    "Chơi lô đề online 1 ăn 99 – rút tiền qua MoMo",
    "Nhà thuốc tây online bán thuốc không toa – ship hỏa tốc",
    "Nhà cái uy tín nhất 2025: tài xỉu, nổ hũ, bắn cá đổi thưởng",
    "nha cai uy tin nhat - no hu doi thuong - tai xiu online",
    "NỔ HŨ ĐỔI THƯỞNG – BẮN CÁ ĂN TIỀN – GAME BÀI UY TÍN",
    "Đăng ký KUBET nhận ngay 100K – game bài đổi thưởng",
];

/// Genuine text of an agency, split the same way: it must come through untouched.
const GENUINE: &[&str] = &[
    "Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi",
    "Ủy ban nhân dân quận Hải Châu, thành phố Đà Nẵng",
    "Xổ số kiến thiết Vĩnh Long mở thưởng vào 16h15 thứ Sáu hằng tuần",
    "Bệnh viện Đa khoa tỉnh triển khai đặt lịch khám bệnh trực tuyến",
    "Công an tỉnh cảnh báo: tài xỉu, nổ hũ, bắn cá online là đánh bạc trái phép, vi phạm pháp luật",
    "Phòng chống cá cược bóng đá trái phép trong mùa giải",
];

/// (sheet in `<head>`, the opening of the parent, one piece (`{}`), the closing).
type Joiner = (&'static str, &'static str, &'static str, &'static str);

const JOINERS: &[Joiner] = &[
    (
        "",
        "<div class=\"tg\">",
        "<div style=\"display:inline\">{}</div>",
        "</div>",
    ),
    (
        "",
        "<div>",
        "<p style=\"display: inline-block; margin:0\">{}</p>",
        "</div>",
    ),
    (
        "",
        "<ul class=\"tags\" style=\"padding:0\">",
        "<li style=display:inline>{}</li>",
        "</ul>",
    ),
    ("", "<ul>", "<li style='DISPLAY : INLINE'>{}", "</ul>"),
    (
        "",
        "<table><tr>",
        "<td style=\"display:inline\">{}</td>",
        "</tr></table>",
    ),
    (
        "",
        "<div class=\"nt\">",
        "<div style=\"display:contents\">{}</div>",
        "</div>",
    ),
    (
        "",
        "<div>",
        "<h6 style=\"display:contents\">{}</h6>",
        "</div>",
    ),
    (
        "",
        "<div>",
        "<section style=\"display:block;display:inline !important\">{}</section>",
        "</div>",
    ),
    (
        "",
        "<div>",
        "<div style=\"display&#58;inline-flex\">{}</div>",
        "</div>",
    ),
    (
        "<style>.tg>div{display:inline}</style>",
        "<div class=\"tg\">",
        "<div>{}</div>",
        "</div>",
    ),
    (
        "<style>#kw div { display: inline-block }</style>",
        "<div id=\"kw\">",
        "<div>{}</div>",
        "</div>",
    ),
    (
        "<style>.bang-phu td{display:inline;padding:0;border:0}</style>",
        "<table class=\"bang-phu\"><tr>",
        "<td>{}</td>",
        "</tr></table>",
    ),
    (
        "<style>[data-k]{display:inline}</style>",
        "<div>",
        "<p data-k>{}</p>",
        "</div>",
    ),
    (
        "<style>.nt > div{display:contents}</style>",
        "<div class=\"nt\">",
        "<div>{}</div>",
        "</div>",
    ),
    (
        "<style>@media screen{ul.m li{display:inline}}</style>",
        "<ul class=\"m\">",
        "<li>{}</li>",
        "</ul>",
    ),
    (
        "<style>.p{color:#333} .p{display:inline-grid}</style>",
        "<div>",
        "<div class=\"p\">{}</div>",
        "</div>",
    ),
    (
        "",
        "<style>.x>dd{display:inline}</style><dl class=\"x\">",
        "<dd>{}</dd>",
        "</dl>",
    ),
];

const NEWS: &str = "<p>Theo số liệu của Sở Văn hóa, Thể thao và Du lịch, 10 tháng năm 2024 tỉnh đón hơn 8 triệu lượt khách, tăng 12% so với cùng kỳ.</p>";
const MORE: &str =
    "<p>Sở đề nghị các cơ sở lưu trú niêm yết giá công khai, bảo đảm an toàn cho du khách.</p>";

/// Where the split text stands (`{}`).
const WRAPPERS: &[&str] = &[
    "<main>{n}{}{m}</main>",
    "<aside><h2>Liên kết website</h2><ul><li><a href=\"https://chinhphu.vn/\">Cổng TTĐT Chính phủ</a></li></ul>{}</aside>{n}{m}",
    "{n}{}{m}",
    "{n}{m}<footer><p>Địa chỉ: Đường Lê Đại Hành, thành phố Ninh Bình</p>{}</footer>",
];

/// `text` in pieces of `size` characters, the first one `first` long.
fn split(text: &str, size: usize, first: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    let mut len = first;
    while at < chars.len() {
        let end = (at + len).min(chars.len());
        out.push(chars[at..end].iter().collect());
        at = end;
        len = size;
    }
    out
}

const SPLITS: &[(usize, usize)] = &[(2, 1), (3, 2), (4, 1), (6, 3), (9, 4)];

fn page(j: &Joiner, pieces: &[String], wrapper: &str) -> String {
    let (sheet, open, item, close) = j;
    let items: String = pieces.iter().map(|p| item.replace("{}", p)).collect();
    let body = wrapper
        .replace("{n}", NEWS)
        .replace("{m}", MORE)
        .replace("{}", &format!("{open}{items}{close}"));
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Sở Văn hóa, Thể thao và Du lịch</title>{sheet}</head><body>{body}</body></html>"
    )
}

/// Every (text, split, joiner) case, the wrapper in turn.
fn cases(texts: &[&str]) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for text in texts {
        for &(size, first) in SPLITS {
            let pieces = split(text, size, first);
            for j in JOINERS {
                let wrapper = WRAPPERS[out.len() % WRAPPERS.len()];
                out.push((page(j, &pieces, wrapper), pieces.clone()));
            }
        }
    }
    out
}

/// The pieces of the slogan left in the output (each in its own element).
fn left(out: &str, pieces: &[String]) -> usize {
    pieces
        .iter()
        .filter(|p| !p.trim().is_empty())
        .filter(|p| out.contains(&format!(">{p}<")) || out.contains(&format!(">{p}\n")))
        .count()
}

#[test]
fn each_slogan_whole_is_spam() {
    // The lexicon judges the phrase a visitor reads: the suite adds no word of its own.
    for slogan in SLOGANS {
        let html = format!("<html><body>{NEWS}<div>{slogan}</div>{MORE}</body></html>");
        let (out, events) = clean(&site(""), &html);
        assert!(!out.contains(slogan), "{slogan} is not spam whole: {out}");
        assert!(!events.is_empty(), "{slogan}");
    }
}

#[test]
fn slogans_split_into_blocks_that_layout_joins_go() {
    let site = site("");
    let all = cases(SLOGANS);
    let mut through = Vec::new();
    for (n, (html, pieces)) in all.iter().enumerate() {
        let (out, events) = clean_turn(&site, html, n);
        assert!(out.contains(NEWS) && out.contains(MORE), "news lost: {out}");
        let spam = events
            .iter()
            .any(|e| e.rule == "spam.block" || e.rule == "spam.inline");
        if left(&out, pieces) > 0 || !spam {
            through.push(format!("{html}\n  => {out}\n  {events:?}"));
        }
    }
    assert!(
        through.is_empty(),
        "{} of {} got through:\n{}",
        through.len(),
        all.len(),
        through
            .iter()
            .take(8)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn genuine_text_split_into_inline_blocks_is_unchanged() {
    let site = site("");
    let all = cases(GENUINE);
    let changed: Vec<String> = all
        .iter()
        .enumerate()
        .filter_map(|(n, (html, _))| {
            let (out, events) = clean_turn(&site, html, n);
            (out != *html || !events.is_empty()).then(|| format!("{html}\n  => {events:?}"))
        })
        .collect();
    assert!(
        changed.is_empty(),
        "{} of {} changed:\n{}",
        changed.len(),
        all.len(),
        changed
            .iter()
            .take(8)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Pages of inline blocks that every portal has.
const BENIGN: &[(&str, &str)] = &[
    (
        "<style>.menu li{display:inline;padding:0 8px}</style>",
        "<ul class=\"menu\"><li><a href=\"/\">Trang chủ</a></li><li><a href=\"/gioi-thieu\">Giới thiệu</a></li><li><a href=\"/tin-tuc\">Tin tức</a></li><li><a href=\"/van-ban\">Văn bản</a></li><li><a href=\"/thu-tuc-hanh-chinh\">Thủ tục hành chính</a></li><li><a href=\"https://dichvucong.gov.vn/\">Dịch vụ công</a></li></ul>",
    ),
    (
        "",
        "<ul><li style=\"display:inline\"><a href=\"/lien-he\">Liên hệ</a></li><li style=\"display:inline\">|</li><li style=\"display:inline\"><a href=\"/so-do\">Sơ đồ cổng</a></li><li style=\"display:inline\">|</li><li style=\"display:inline\"><a href=\"/rss\">RSS</a></li></ul>",
    ),
    (
        "<style>.kq td,.kq th{display:inline;padding:0 4px}</style>",
        "<table class=\"kq\"><tr><th>Giải đặc biệt</th><td>123456</td></tr><tr><th>Giải nhất</th><td>65432</td></tr><tr><th>Giải nhì</th><td>11589</td><td>76034</td></tr><tr><th>Giải tám</th><td>42</td></tr></table><p>Kết quả xổ số kiến thiết Vĩnh Long ngày 15/11/2024</p>",
    ),
    (
        "",
        "<div class=\"loto\"><div style=\"display:inline-block\">Đầu</div><div style=\"display:inline-block\">0</div><div style=\"display:inline-block\">1</div><div style=\"display:inline-block\">2</div><div style=\"display:inline-block\">3</div><div style=\"display:inline-block\">Đuôi</div></div>",
    ),
    (
        "<style>.pg>div{display:inline-block;margin:0 2px}</style>",
        "<div class=\"pg\"><div><a href=\"?p=1\">1</a></div><div><a href=\"?p=2\">2</a></div><div><a href=\"?p=3\">3</a></div><div>…</div><div><a href=\"?p=12\">12</a></div><div><a href=\"?p=2\">Sau</a></div><div><a href=\"?p=12\">Cuối</a></div></div>",
    ),
    (
        "<style>#bc>div{display:inline}</style>",
        "<div id=\"bc\"><div><a href=\"/\">Trang chủ</a></div><div> › </div><div><a href=\"/tin-tuc\">Tin tức</a></div><div> › </div><div>Đô thị</div></div>",
    ),
    (
        "<style>.lich th,.lich td{display:inline-block;width:2em}</style>",
        "<table class=\"lich\"><tr><th>T2</th><th>T3</th><th>T4</th><th>T5</th><th>T6</th><th>T7</th><th>CN</th></tr><tr><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>7</td></tr></table>",
    ),
    (
        "",
        "<div class=\"tags\"><div style=\"display:inline\">A</div> <div style=\"display:inline\">B</div> <div style=\"display:inline\">C</div> <div style=\"display:inline\">D</div></div><p style=\"display:inline\">Cỡ chữ:</p> <p style=\"display:inline\">A-</p><p style=\"display:inline\">A+</p>",
    ),
    (
        "<style>.ten>span,.ten>div{display:contents}</style>",
        "<h1 class=\"ten\"><div>Sở Giáo </div><div>dục và </div><div>Đào tạo</div></h1><div class=\"ten\"><div>Cổng thông tin </div><div>điện tử</div></div>",
    ),
];

#[test]
fn inline_menus_tables_pagination_and_breadcrumbs_are_unchanged() {
    let site = site("");
    for (sheet, body) in BENIGN {
        let html = format!(
            "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Cổng thông tin điện tử</title>{sheet}</head><body>{NEWS}{body}{MORE}</body></html>"
        );
        let (out, events) = clean(&site, &html);
        assert_eq!(out, html);
        assert!(events.is_empty(), "{body}: {events:?}");
    }
}

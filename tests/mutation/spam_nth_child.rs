//! Slogans drawn by structural layout rules (A5, issue 14's mutation corpus; suites
//! `spam_layout_structural(+_benign)`): the page's `<style>` places or hides the pieces of
//! a slogan by their place among their siblings, so that only the drawn text reads as one:
//! - reordered: pieces shuffled in the source, put back in order by flex `order` under
//!   `:nth-child(k)`, `:nth-of-type(k)`, `:nth-last-child(k)`, `:first-child` or
//!   `:last-child`;
//! - shown and hidden: the slogan's words interleaved with junk words that
//!   `:nth-child(odd)`/`(2n)`/`(2n+1)`/`:nth-of-type(even)` hide, or followed by junk that
//!   `:nth-child(n+K)` hides.
//!
//! Behind class, id, attribute and descendant selectors, beside genuine text.
//!
//! The benign twins: zebra tables and nth-child menus, tabs whose other panes an
//! `:nth-child(n+2)` rule hides, and genuine text reordered by the same rules, byte for byte.

use super::judge::LETTERS;
use super::rng::{Rng, normalize};
use super::{Kind, Payload, Template};

use super::planted_text as t;

pub const TEMPLATES: &[Template] = &[t("spam-nth-child-drawn", Kind::Text, drawn_spam)];

pub const BENIGN: &[Template] = &[t("nth-child-zebra-menus", Kind::Benign, benign)];

const SLOGANS: &[&str] = &[
    "Nhà cái uy tín nạp đầu tặng 100%",
    "Cá cược bóng đá online tỷ lệ cao",
    "Nổ hũ đổi thưởng tặng code 50K",
    "TÀI XỈU ONLINE UY TÍN NHẤT",
    "Game bài đổi thưởng nạp rút nhanh",
    "nha cai uy tin nap dau tang 100%",
    "Cược gà cựa sắt uy tín",
];

const GENUINE: &[&str] = &[
    "Lịch tiếp công dân định kỳ tháng 12",
    "Giá gà thịt hôm nay tăng nhẹ",
    "Bệnh viện triển khai đặt lịch khám trực tuyến",
];

/// Junk words the hiding rules hide: unique, so that the judge can take them out.
const JUNK: &[&str] = &["qzx", "vkj", "wqp", "xjz", "kqv", "zvw", "jxq", "pzk"];

/// The container's selector in the rules and its start tag.
const SELECTORS: &[(&str, &str)] = &[
    (".qz", "<div class=\"qz\">"),
    ("#tin-nhanh", "<div id=\"tin-nhanh\">"),
    ("div[data-k]", "<div data-k=\"1\">"),
    (".box .qz", "<div class=\"qz\">"),
    ("p.qz", "<p class=\"qz\">"),
];

const NEWS: &str = "<p>Sở Tư pháp tổ chức tập huấn nghiệp vụ hộ tịch cho công chức cấp xã.</p>";

/// A permutation of `0..n` that is not the identity.
fn shuffle(r: &mut Rng, n: usize) -> Vec<usize> {
    let mut p: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        p.swap(i, r.below(i + 1));
    }
    if p.iter().enumerate().all(|(i, &x)| i == x) {
        p.rotate_left(1);
    }
    p
}

/// `text`'s words reordered by structural rules: (rules, content, source reading).
fn reordered(r: &mut Rng, sel: &str, text: &str) -> (String, String, String) {
    let w: Vec<&str> = text.split(' ').collect();
    let n = w.len();
    let flex = format!("{sel}{{display:flex;gap:4px}}");
    let (rules, order): (String, Vec<usize>) = match r.below(5) {
        0 => {
            // Source slot k holds word p[k], drawn p[k]-th.
            let p = shuffle(r, n);
            let rules = (0..n)
                .map(|k| format!("{sel}>span:nth-child({}){{order:{}}}", k + 1, p[k] + 1))
                .collect();
            (rules, p)
        }
        1 => {
            let p = shuffle(r, n);
            let rules = (0..n)
                .map(|k| {
                    let tag = ["b", "i"][k % 2];
                    format!(
                        "{sel} {tag}:nth-of-type({}){{order:{}}}",
                        k / 2 + 1,
                        p[k] + 1
                    )
                })
                .collect();
            (rules, p)
        }
        2 => {
            let p = shuffle(r, n);
            let rules = (0..n)
                .map(|k| format!("{sel} span:nth-last-child({}){{order:{}}}", n - k, p[k] + 1))
                .collect();
            (rules, p)
        }
        3 => {
            // The first word last in the source, brought first.
            let p: Vec<usize> = (1..n).chain([0]).collect();
            (format!("{sel}>:last-child{{order:-1}}"), p)
        }
        _ => {
            // The last word first in the source, sent to the end.
            let p: Vec<usize> = [n - 1].into_iter().chain(0..n - 1).collect();
            (format!("{sel}>span:first-child{{order:1}}"), p)
        }
    };
    let of_type = rules.contains("nth-of-type");
    let items: String = order
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let tag = if of_type { ["b", "i"][k % 2] } else { "span" };
            format!("<{tag}>{}</{tag}>", w[i])
        })
        .collect();
    let source: String = order.iter().map(|&i| w[i]).collect();
    (format!("{flex}{rules}"), items, source)
}

/// `text`'s words among junk words that structural rules hide: (rules, content, junk).
fn shown(r: &mut Rng, sel: &str, text: &str) -> (String, String, Vec<String>) {
    let w: Vec<&str> = text.split(' ').collect();
    let junk = |k: usize| JUNK[k % JUNK.len()];
    let span = |s: &str| format!("<span>{s} </span>");
    match r.below(3) {
        0 => {
            // Junk first, then word, in turn: the odd children are hidden.
            let hide = *r.pick(&["odd", "2n+1", "2n + 1"]);
            let items: String = w
                .iter()
                .enumerate()
                .map(|(k, x)| span(junk(k)) + &span(x))
                .collect();
            let j = (0..w.len()).map(|k| span(junk(k))).collect();
            (
                format!("{sel} span:nth-child({hide}){{display:none}}"),
                items,
                j,
            )
        }
        1 => {
            let hide = *r.pick(&["even", "2n"]);
            let items: String = w
                .iter()
                .enumerate()
                .map(|(k, x)| span(x) + &span(junk(k)))
                .collect();
            let j = (0..w.len()).map(|k| span(junk(k))).collect();
            (
                format!("{sel} span:nth-child({hide}){{display:none}}"),
                items,
                j,
            )
        }
        _ => {
            let n = w.len();
            let items: String = w
                .iter()
                .map(|x| span(x))
                .chain((0..3).map(|k| span(junk(k))))
                .collect();
            let j = (0..3).map(|k| span(junk(k))).collect();
            (
                format!("{sel} span:nth-child(n+{}){{display:none}}", n + 1),
                items,
                j,
            )
        }
    }
}

fn wrap(sel: &str, open: &str, items: &str) -> String {
    let close = if open.starts_with("<p") {
        "</p>"
    } else {
        "</div>"
    };
    let inner = format!("{open}{items}{close}");
    match sel.starts_with(".box ") {
        true => format!("<div class=\"box\">{inner}</div>"),
        false => inner,
    }
}

fn drawn_spam(r: &mut Rng) -> Payload {
    let slogan = *r.pick(SLOGANS);
    let (sel, open) = *r.pick(SELECTORS);
    let beside = r.chance(50);
    let (rules, items, planted, junk) = match r.chance(60) {
        true => {
            let (rules, items, source) = reordered(r, sel, slogan);
            (rules, items, normalize(&source), vec![])
        }
        false => {
            let (rules, items, junk) = shown(r, sel, slogan);
            let letters: String = slogan.split(' ').collect();
            (rules, items, normalize(&letters), junk)
        }
    };
    let news = if beside { NEWS } else { "" };
    Payload {
        html: format!("<style>{rules}</style>{news}{}", wrap(sel, open, &items)),
        planted: vec![format!("{LETTERS}{planted}")],
        kept: if beside {
            vec![normalize("Sở Tư pháp tổ chức tập huấn")]
        } else {
            vec![]
        },
        junk,
        ..Default::default()
    }
}

const PORTAL: &[&str] = &[
    "<style>table.ds tr:nth-child(even){background:#f2f2f2}table.ds td:first-child{font-weight:bold}</style><table class=\"ds\"><tr><td>1</td><td>Quyết định số 12/QĐ-UBND</td></tr><tr><td>2</td><td>Kế hoạch số 45/KH-SGDĐT</td></tr><tr><td>3</td><td>Công văn số 789/SGDĐT-VP</td></tr></table>",
    "<style>.menu li:nth-child(n+2){border-left:1px solid #ccc}.menu li:first-child{font-weight:bold}.menu li:last-child{margin-right:0}</style><ul class=\"menu\"><li><a href=\"/\">Trang chủ</a></li><li><a href=\"/tin-tuc/\">Tin tức</a></li><li><a href=\"/lien-he/\">Liên hệ</a></li></ul>",
    "<style>.tabs>div:nth-child(n+2){display:none}</style><div class=\"tabs\"><div>Thông báo mới</div><div>Văn bản chỉ đạo</div><div>Lịch công tác</div></div>",
    "<style>.nav{display:flex}.nav a:nth-of-type(1){order:3}</style><nav class=\"nav\"><a href=\"/lien-he/\">Liên hệ</a><a href=\"/\">Trang chủ</a><a href=\"/tin-tuc/\">Tin tức</a></nav>",
    "<style>.gallery img:nth-child(3n+1){clear:left}</style><div class=\"gallery\"><img src=\"/anh/1.jpg\" alt=\"\"><img src=\"/anh/2.jpg\" alt=\"\"><img src=\"/anh/3.jpg\" alt=\"\"><img src=\"/anh/4.jpg\" alt=\"\"></div>",
];

fn benign(r: &mut Rng) -> Payload {
    let html = match r.below(3) {
        0 => {
            let (sel, open) = *r.pick(SELECTORS);
            let text = *r.pick(GENUINE);
            let (rules, items, _) = reordered(r, sel, text);
            format!("<style>{rules}</style>{NEWS}{}", wrap(sel, open, &items))
        }
        _ => r.pick(PORTAL).to_string(),
    };
    Payload {
        html,
        ..Default::default()
    }
}

//! Attack suite (issue 14, layout-ordered text): planted spam whose pieces (words, pairs of
//! words or single letters) stand shuffled or reversed in the source and are put back in
//! order on screen by the page's layout, so that no reading of the source in order finds
//! the slogan: flex `order`, `flex-direction: row-reverse`/`column-reverse`, grid lines
//! (`grid-area: r / c`, `grid-row` + `grid-column`) and named areas
//! (`grid-template-areas`), `float: right`, `position: absolute` with `left`/`top`,
//! `position: relative` shifts and `transform: translateX`, `direction: rtl` (and
//! `dir=rtl`) over inline blocks, and the named `<slot>`s of a declarative shadow root;
//! also orders not computable here (`:nth-child()` rules, `order: calc(…)`), read
//! order-free for single words.
//! Each from the pieces' own `style=` or from rules of a `<style>` sheet. The slogan goes
//! (`spam.block` or `spam.inline`), and the news around it stays.
//!
//! Benign twins, byte for byte with no audit event: the same structures around genuine
//! text (an office's name, the state lottery's notice, a police warning that names the
//! games), and the layouts portals have: a flex menu with `order`, a grid news layout with
//! named areas, a lottery result grid, floated columns, an absolute "Mới" badge, an Arabic
//! quotation right to left, a web component with named slots.
//!
//! The matrix (slogans × mechanisms × sheet or `style=` × piece sizes) is sampled with a
//! fixed seed to stay fast.

use crate::common;

use common::rewrite::{clean, clean_turn, site};

/// Slogans of several families, with and without diacritics, upper case, brands, numbers.
const SLOGANS: &[&str] = &[
    "Nhà cái uy tín – game bài đổi thưởng",
    "Casino online nạp đầu thưởng 100%",
    "Bán thuốc phá thai online ship kín đáo",
    "Soi cầu lô đề 247 chuẩn xác",
    "NO HU DOI THUONG – BAN CA AN TIEN",
    "Tải app KUBET nhận 88K",
    "Vay tiền online duyệt 5 phút không thẩm định",
];

/// Genuine text of an agency, laid out the same way: it must come through untouched.
const GENUINE: &[&str] = &[
    "Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi",
    "Xổ số kiến thiết Vĩnh Long mở thưởng thứ Sáu",
    "Lịch tiếp công dân định kỳ tháng 12",
    "Thông báo tuyển dụng viên chức năm 2025",
    "Bệnh viện triển khai đặt lịch khám trực tuyến",
];

/// How a slogan is cut.
#[derive(Clone, Copy, Debug)]
enum Size {
    Words,
    Pairs,
    Letters,
}

fn pieces(text: &str, size: Size) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    match size {
        Size::Words => words.iter().map(|w| w.to_string()).collect(),
        Size::Pairs => words.chunks(2).map(|c| c.join(" ")).collect(),
        // A letter before a space carries it as a no-break space (a flex item's own
        // trailing space is not drawn).
        Size::Letters => {
            let mut out: Vec<String> = Vec::new();
            for c in text.chars() {
                match (c, out.last_mut()) {
                    (' ', Some(last)) => last.push_str("&nbsp;"),
                    _ => out.push(c.to_string()),
                }
            }
            out
        }
    }
}

/// A fixed shuffle (a linear congruential generator seeded per case).
fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    let mut s = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    for i in (1..n).rev() {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = (s >> 33) as usize % (i + 1);
        v.swap(i, j);
    }
    if n > 1 && v.iter().enumerate().all(|(k, &i)| k == i) {
        v.swap(0, 1);
    }
    v
}

/// Every mechanism: (name, the sheet and the markup of `pieces`, `rule` choosing a page
/// rule over `style=` where the mechanism has both).
type Mechanism = fn(&[String], bool, u64) -> (String, String);

const MECHANISMS: &[(&str, Mechanism)] = &[
    ("flex order", flex_order),
    ("row-reverse", row_reverse),
    ("column-reverse", column_reverse),
    ("grid lines", grid_lines),
    ("grid areas", grid_areas),
    ("float right", float_right),
    ("absolute", absolute),
    ("relative shift", relative_shift),
    ("rtl inline blocks", rtl_blocks),
    ("slots", slots),
    ("nth-child order", nth_order),
];

/// Pieces in source order `src`, each made by `item(piece, its drawn index)`.
fn items(p: &[String], src: &[usize], item: impl Fn(&str, usize) -> String) -> String {
    src.iter().map(|&i| item(&p[i], i)).collect()
}

fn flex_order(p: &[String], rule: bool, seed: u64) -> (String, String) {
    let src = shuffled(p.len(), seed);
    if rule {
        let sheet: String = (0..p.len())
            .map(|i| format!(".kx .o{i}{{order:{}}}", i + 1))
            .collect();
        let body = items(p, &src, |t, i| format!("<span class=\"o{i}\">{t}</span>"));
        (
            format!(".kx{{display:flex;gap:.3em}}{sheet}"),
            format!("<div class=\"kx\">{body}</div>"),
        )
    } else {
        let body = items(p, &src, |t, i| {
            format!("<span style=\"order:{}\">{t}</span>", i + 1)
        });
        (
            String::new(),
            format!("<div style=\"display:flex;flex-wrap:wrap\">{body}</div>"),
        )
    }
}

/// Places not read here: rules by `:nth-child()`, or `order: calc(…)`.
fn nth_order(p: &[String], rule: bool, seed: u64) -> (String, String) {
    let src = shuffled(p.len(), seed);
    if rule {
        let sheet: String = src
            .iter()
            .enumerate()
            .map(|(k, &i)| format!(".nx>span:nth-child({}){{order:{}}}", k + 1, i + 1))
            .collect();
        let body = items(p, &src, |t, _| format!("<span>{t}</span>"));
        (
            format!(".nx{{display:flex;gap:4px}}{sheet}"),
            format!("<div class=\"nx\">{body}</div>"),
        )
    } else {
        let body = items(p, &src, |t, i| {
            format!("<span style=\"order:calc({} * 1)\">{t}</span>", i + 1)
        });
        (
            String::new(),
            format!("<div style=\"display:flex\">{body}</div>"),
        )
    }
}

fn reversed(p: &[String], how: &str, rule: bool) -> (String, String) {
    let src: Vec<usize> = (0..p.len()).rev().collect();
    let body = items(p, &src, |t, _| format!("<b>{t}</b>"));
    if rule {
        (
            format!(".rv{{display:flex;flex-direction:{how}}}"),
            format!("<div class=\"rv\">{body}</div>"),
        )
    } else {
        (
            String::new(),
            format!("<p style=\"display:flex;flex-flow:{how} wrap\">{body}</p>"),
        )
    }
}

fn row_reverse(p: &[String], rule: bool, _: u64) -> (String, String) {
    reversed(p, "row-reverse", rule)
}

fn column_reverse(p: &[String], rule: bool, _: u64) -> (String, String) {
    reversed(p, "column-reverse", rule)
}

/// Five columns: the drawn index `i` is row `i / 5 + 1`, column `i % 5 + 1`.
fn grid_lines(p: &[String], rule: bool, seed: u64) -> (String, String) {
    let src = shuffled(p.len(), seed);
    let cell = |i: usize| (i / 5 + 1, i % 5 + 1);
    if rule {
        let sheet: String = (0..p.len())
            .map(|i| {
                format!(
                    ".gx>.c{i}{{grid-row:{};grid-column:{}}}",
                    cell(i).0,
                    cell(i).1
                )
            })
            .collect();
        let body = items(p, &src, |t, i| format!("<div class=\"c{i}\">{t}</div>"));
        (
            format!(".gx{{display:grid;grid-template-columns:repeat(5,max-content)}}{sheet}"),
            format!("<div class=\"gx\">{body}</div>"),
        )
    } else {
        let body = items(p, &src, |t, i| {
            format!(
                "<span style=\"grid-area:{}/{}\">{t}</span>",
                cell(i).0,
                cell(i).1
            )
        });
        (
            String::new(),
            format!("<div style=\"display:grid\">{body}</div>"),
        )
    }
}

fn grid_areas(p: &[String], rule: bool, seed: u64) -> (String, String) {
    let src = shuffled(p.len(), seed);
    let names: Vec<String> = (0..p.len()).map(|i| format!("k{i}")).collect();
    let rows: String = names
        .chunks(6)
        .map(|r| format!("\"{}\" ", r.join(" ")))
        .collect();
    let rows = if p.len().is_multiple_of(6) || p.len() < 6 {
        rows
    } else {
        // Pad the last row to the width of the others.
        let last = names.len() % 6;
        let pad = vec!["."; 6 - last].join(" ");
        rows.trim_end().trim_end_matches('"').to_string() + " " + &pad + "\""
    };
    let container = format!("display:grid;grid-template-areas:{rows}");
    if rule {
        let sheet: String = (0..p.len())
            .map(|i| format!(".ga .a{i}{{grid-area:k{i}}}"))
            .collect();
        let body = items(p, &src, |t, i| format!("<em class=\"a{i}\">{t}</em>"));
        (
            format!(".ga{{{container}}}{sheet}"),
            format!("<div class=\"ga\">{body}</div>"),
        )
    } else {
        let body = items(p, &src, |t, i| {
            format!("<em style=\"grid-area:k{i}\">{t}</em>")
        });
        (
            String::new(),
            format!("<div style='{container}'>{body}</div>"),
        )
    }
}

fn float_right(p: &[String], rule: bool, _: u64) -> (String, String) {
    let src: Vec<usize> = (0..p.len()).rev().collect();
    if rule {
        let body = items(p, &src, |t, _| format!("<span>{t}</span>"));
        (
            ".fr span{float:right;margin-left:4px}".into(),
            format!("<div class=\"fr\">{body}</div>"),
        )
    } else {
        let body = items(p, &src, |t, _| {
            format!("<span style=\"float:right\">{t}</span>")
        });
        (
            String::new(),
            format!("<div style=\"overflow:hidden\">{body}</div>"),
        )
    }
}

/// Left edges in `ch`: each piece's drawn place, a space a character wide.
fn lefts(p: &[String]) -> Vec<usize> {
    let mut at = 0;
    p.iter()
        .map(|t| {
            let here = at;
            at += t.replace("&nbsp;", " ").chars().count() + 1;
            here
        })
        .collect()
}

fn absolute(p: &[String], rule: bool, seed: u64) -> (String, String) {
    let src = shuffled(p.len(), seed);
    let x = lefts(p);
    if rule {
        let sheet: String = (0..p.len())
            .map(|i| format!(".al .l{i}{{left:{}ch}}", x[i]))
            .collect();
        let body = items(p, &src, |t, i| format!("<span class=\"l{i}\">{t}</span>"));
        (
            format!(
                ".al{{position:relative;height:22px}}.al span{{position:absolute;top:0}}{sheet}"
            ),
            format!("<div class=\"al\">{body}</div>"),
        )
    } else {
        let body = items(p, &src, |t, i| {
            format!(
                "<i style=\"position:absolute;top:0;left:{}ch\">{t}</i>",
                x[i]
            )
        });
        (
            String::new(),
            format!("<div style=\"position:relative\">{body}</div>"),
        )
    }
}

/// Shifts from the place in the source flow to the drawn place, in `ch`.
fn relative_shift(p: &[String], rule: bool, seed: u64) -> (String, String) {
    let src = shuffled(p.len(), seed);
    let x = lefts(p);
    let mut flow = 0i64;
    let mut shift = vec![0i64; p.len()];
    for &i in &src {
        shift[i] = x[i] as i64 - flow;
        flow += p[i].replace("&nbsp;", " ").chars().count() as i64 + 1;
    }
    if rule {
        let sheet: String = (0..p.len())
            .map(|i| format!(".sh .s{i}{{transform:translateX({}ch)}}", shift[i]))
            .collect();
        let body = items(p, &src, |t, i| format!("<span class=\"s{i}\">{t} </span>"));
        (
            format!(".sh span{{display:inline-block}}{sheet}"),
            format!("<div class=\"sh\">{body}</div>"),
        )
    } else {
        let body = items(p, &src, |t, i| {
            format!(
                "<span style=\"position:relative;left:{}ch\">{t} </span>",
                shift[i]
            )
        });
        (String::new(), format!("<div>{body}</div>"))
    }
}

fn rtl_blocks(p: &[String], rule: bool, _: u64) -> (String, String) {
    let src: Vec<usize> = (0..p.len()).rev().collect();
    let body: Vec<String> = src.iter().map(|&i| format!("<i>{}</i>", p[i])).collect();
    if rule {
        (
            ".rt{direction:rtl;text-align:left}.rt i{display:inline-block;font-style:normal}"
                .into(),
            format!("<div class=\"rt\">{}</div>", body.join(" ")),
        )
    } else {
        let body: Vec<String> = body
            .iter()
            .map(|b| b.replace("<i>", "<i style=\"display:inline-block\">"))
            .collect();
        (
            String::new(),
            format!("<div dir=\"rtl\">{}</div>", body.join(" ")),
        )
    }
}

fn slots(p: &[String], rule: bool, seed: u64) -> (String, String) {
    let src = shuffled(p.len(), seed);
    let sep = if rule { "" } else { " " };
    let shadow: Vec<String> = (0..p.len())
        .map(|i| format!("<slot name=\"s{i}\"></slot>"))
        .collect();
    let light = items(p, &src, |t, i| format!("<span slot=\"s{i}\">{t}</span>"));
    (
        String::new(),
        format!(
            "<div class=\"tb\"><template shadowrootmode=\"open\"><p>{}</p></template>{light}</div>",
            shadow.join(sep)
        ),
    )
}

const NEWS: &str = "<p>Theo số liệu của Sở Văn hóa, Thể thao và Du lịch, 10 tháng năm 2024 tỉnh đón hơn 8 triệu lượt khách, tăng 12% so với cùng kỳ.</p>";
const MORE: &str =
    "<p>Sở đề nghị các cơ sở lưu trú niêm yết giá công khai, bảo đảm an toàn cho du khách.</p>";

/// Where the laid-out text stands (`{}`).
const WRAPPERS: &[&str] = &[
    "<main>{n}{}{m}</main>",
    "<aside><h2>Liên kết website</h2><ul><li><a href=\"https://chinhphu.vn/\">Cổng TTĐT Chính phủ</a></li></ul><p>Đường dây nóng: 0219.3866.000</p>{}</aside>{n}{m}",
    "{n}{}{m}",
];

fn page(sheet: &str, body: &str, wrapper: &str) -> String {
    let sheet = if sheet.is_empty() {
        String::new()
    } else {
        format!("<style>{sheet}</style>")
    };
    let body = wrapper
        .replace("{n}", NEWS)
        .replace("{m}", MORE)
        .replace("{}", body);
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Sở Văn hóa, Thể thao và Du lịch</title>{sheet}</head><body>{body}</body></html>"
    )
}

/// One case of the matrix: a name, the page, the pieces.
struct Case {
    name: String,
    html: String,
    pieces: Vec<String>,
}

/// The sampled matrix for `texts`: every text meets every mechanism with a page rule and
/// with `style=`, each at one piece size in turn, and half of the rest at another.
fn cases(texts: &[&str]) -> Vec<Case> {
    let sizes = [Size::Words, Size::Pairs, Size::Letters];
    let mut out = Vec::new();
    let mut n = 0u64;
    for (t, text) in texts.iter().enumerate() {
        for (m, (name, mech)) in MECHANISMS.iter().enumerate() {
            for rule in [false, true] {
                n += 1;
                let first = (t + m + usize::from(rule)) % 3;
                let second = (first + 1 + (n as usize % 2)) % 3;
                let chosen = if n.is_multiple_of(3) {
                    vec![first, second]
                } else {
                    vec![first]
                };
                for s in chosen {
                    // An order not known is read order-free, by chaining pieces that read
                    // a term together: words only (letters, and pairs that are terms
                    // already, do not chain; see `spam_block::reorder`).
                    let s = if *name == "nth-child order" { 0 } else { s };
                    let p = pieces(text, sizes[s]);
                    let (sheet, body) = mech(&p, rule, n * 7 + s as u64);
                    let wrapper = WRAPPERS[out.len() % WRAPPERS.len()];
                    out.push(Case {
                        name: format!(
                            "{name} {} {:?}: {text}",
                            if rule { "rule" } else { "style" },
                            sizes[s]
                        ),
                        html: page(&sheet, &body, wrapper),
                        pieces: p,
                    });
                }
            }
        }
    }
    out
}

/// The pieces of the slogan left in the output (each in its own element).
fn left(out: &str, pieces: &[String]) -> usize {
    pieces
        .iter()
        .filter(|p| p.chars().count() > 1 || p.chars().all(char::is_alphabetic))
        .filter(|p| out.contains(&format!(">{p}<")) || out.contains(&format!(">{p} <")))
        .count()
}

#[test]
fn each_slogan_whole_is_spam() {
    for slogan in SLOGANS {
        let html = format!("<html><body>{NEWS}<div>{slogan}</div>{MORE}</body></html>");
        let (out, events) = clean(&site(""), &html);
        assert!(!out.contains(slogan), "{slogan} is not spam whole: {out}");
        assert!(!events.is_empty(), "{slogan}");
    }
}

#[test]
fn slogans_that_only_layout_puts_in_order_go() {
    let site = site("");
    let all = cases(SLOGANS);
    let mut through = Vec::new();
    for (n, c) in all.iter().enumerate() {
        let (out, events) = clean_turn(&site, &c.html, n);
        assert!(out.contains(NEWS) && out.contains(MORE), "news lost: {out}");
        let spam = events
            .iter()
            .any(|e| e.rule == "spam.block" || e.rule == "spam.inline");
        if left(&out, &c.pieces) > 0 || !spam {
            through.push(format!(
                "{}\n  {}\n  => {out}\n  {events:?}",
                c.name, c.html
            ));
        }
    }
    assert!(
        through.is_empty(),
        "{} of {} got through:\n{}\n{}",
        through.len(),
        all.len(),
        through
            .iter()
            .map(|t| t.lines().next().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n"),
        through
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn genuine_text_laid_out_the_same_way_is_unchanged() {
    let site = site("");
    let all = cases(GENUINE);
    let changed: Vec<String> = all
        .iter()
        .enumerate()
        .filter_map(|(n, c)| {
            let (out, events) = clean_turn(&site, &c.html, n);
            (out != c.html || !events.is_empty())
                .then(|| format!("{}\n  {}\n  => {events:?}", c.name, c.html))
        })
        .collect();
    assert!(
        changed.is_empty(),
        "{} of {} changed:\n{}",
        changed.len(),
        all.len(),
        changed
            .iter()
            .take(6)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

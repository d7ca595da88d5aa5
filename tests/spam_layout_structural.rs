//! Attack suite (issue 14, layout-ordered text, the remaining cases): planted spam whose
//! pieces stand shuffled in the source and are put back in order on screen by layouts the
//! first reading did not model: the page's own rules by structural pseudo-classes
//! (`:nth-child(k)`, `:nth-child(2n)`, `:nth-child(odd)`, `:nth-last-child(k)`,
//! `:nth-of-type(k)`, `:first-child`, `:last-child`) behind class, id, attribute and tag
//! selectors, placing flex `order`, grid cells or absolute offsets; negative margins
//! pulling a piece before the one ahead of it; `flex-wrap: wrap-reverse` stacking lines
//! bottom up; `grid-auto-flow: dense` filling the holes of a grid; and pieces of one to four
//! letters (or pairs of words that are terms already) placed in an order not computable
//! here (`order: calc(…)`), read order-free. Slogans of every family (nhà cái, cá cược,
//! nổ hũ, tài xỉu, lô đề, game bài, đá gà and cockfighting bets), with and without
//! diacritics, upper case. The slogan goes (`spam.block` or `spam.inline`), the news
//! around it stays.
//!
//! Benign twins: `spam_layout_structural_benign`.
//!
//! The matrix (slogans × mechanisms × piece sizes × selector kinds) is sampled with a fixed
//! seed to stay fast. No case is set aside as open: negative margins beside pieces pushed
//! on by their own `style=`, letters in grid cells, pieces a character apart, `calc()`
//! orders and a cut piece's `:nth-child()` place are read as drawn (issue 14).

use crate::common;

use common::rewrite::{clean, clean_turn, site};
use lachan::audit::Event;

/// Slogans of several families, with and without diacritics, upper case.
pub(crate) const SLOGANS: &[&str] = &[
    "Nhà cái uy tín nạp đầu tặng 100%",
    "Cá cược bóng đá online tỷ lệ cao",
    "Nổ hũ đổi thưởng tặng code 50K",
    "TÀI XỈU ONLINE UY TÍN NHẤT",
    "Lô đề online 1 ăn 99 uy tín",
    "Game bài đổi thưởng nạp rút nhanh",
    "Đá gà trực tiếp Thomo hôm nay",
    "Cược gà cựa sắt uy tín",
    "nha cai uy tin nap dau tang 100%",
    "no hu doi thuong tang code",
    "cuoc ga cua sat truc tiep",
    "xo ga truc tiep thomo",
];

/// How a slogan is cut.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Size {
    Words,
    Pairs,
    /// Chunks of one to four letters (a space carried as a no-break space).
    Letters,
}

pub(crate) fn pieces(text: &str, size: Size, seed: u64) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    match size {
        Size::Words => words.iter().map(|w| w.to_string()).collect(),
        Size::Pairs => words.chunks(2).map(|c| c.join(" ")).collect(),
        Size::Letters => {
            let chars: Vec<char> = text.chars().collect();
            let mut out = Vec::new();
            let (mut at, mut s) = (0, seed);
            while at < chars.len() {
                s = next(s);
                let len = (1 + (s >> 33) as usize % 4).min(chars.len() - at);
                let chunk: String = chars[at..at + len].iter().collect();
                out.push(chunk.replace(' ', "&nbsp;"));
                at += len;
            }
            out
        }
    }
}

fn next(s: u64) -> u64 {
    s.wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407)
}

/// A fixed shuffle, never the identity.
pub(crate) fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    let mut s = next(seed);
    for i in (1..n).rev() {
        s = next(s);
        let j = (s >> 33) as usize % (i + 1);
        v.swap(i, j);
    }
    if n > 1 && v.iter().enumerate().all(|(k, &i)| k == i) {
        v.swap(0, 1);
    }
    v
}

/// A container selector and its start tag, by kind: class, id, attribute, tag and class.
fn container(kind: u64) -> (&'static str, &'static str) {
    match kind % 4 {
        0 => (".qz", "<div class=\"qz\">"),
        1 => ("#qz", "<div id=\"qz\">"),
        2 => ("[data-qz]", "<div data-qz=\"1\">"),
        _ => ("p.qz", "<p class=\"qz\">"),
    }
}

fn close(open: &str) -> &'static str {
    if open.starts_with("<p") {
        "</p>"
    } else {
        "</div>"
    }
}

/// (sheet, markup) of the pieces `p` as a mechanism lays them out.
type Mechanism = fn(&[String], u64) -> (String, String);

const MECHANISMS: &[(&str, Mechanism)] = &[
    ("nth-child order", nth_child),
    ("nth-of-type order", nth_of_type),
    ("nth-last-child order", nth_last_child),
    ("first-child last", first_child),
    ("last-child first", last_child),
    ("even after odd", even_after_odd),
    ("nth-child grid", nth_grid),
    ("nth-child absolute", nth_absolute),
    ("negative margins", negative_margins),
    ("wrap-reverse", wrap_reverse),
    ("grid dense", grid_dense),
    ("calc order", calc_order),
];

/// `.qz>span:nth-child(k){order:i}`: the `k`th piece of the source is drawn `i`th.
fn nth_child(p: &[String], seed: u64) -> (String, String) {
    let src = shuffled(p.len(), seed);
    let (sel, open) = container(seed);
    let sheet: String = src
        .iter()
        .enumerate()
        .map(|(k, &i)| format!("{sel}>span:nth-child({}){{order:{}}}", k + 1, i + 1))
        .collect();
    let body: String = src
        .iter()
        .map(|&i| format!("<span>{}</span>", p[i]))
        .collect();
    (
        format!("{sel}{{display:flex;gap:4px}}{sheet}"),
        format!("{open}{body}{}", close(open)),
    )
}

/// Pieces in `<b>` and `<i>` in turn, each placed by `b:nth-of-type(k)` or `i:…`.
fn nth_of_type(p: &[String], seed: u64) -> (String, String) {
    let src = shuffled(p.len(), seed);
    let (sel, open) = container(seed);
    let tag = |k: usize| if k.is_multiple_of(2) { "b" } else { "i" };
    let sheet: String = src
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            format!(
                "{sel} {}:nth-of-type({}){{order:{}}}",
                tag(k),
                k / 2 + 1,
                i + 1
            )
        })
        .collect();
    let body: String = src
        .iter()
        .enumerate()
        .map(|(k, &i)| format!("<{t}>{}</{t}>", p[i], t = tag(k)))
        .collect();
    (
        format!(
            "{sel}{{display:flex}}{sel} b,{sel} i{{font-weight:normal;font-style:normal}}{sheet}"
        ),
        format!("{open}{body}{}", close(open)),
    )
}

fn nth_last_child(p: &[String], seed: u64) -> (String, String) {
    let src = shuffled(p.len(), seed);
    let n = src.len();
    let (sel, open) = container(seed + 1);
    let sheet: String = src
        .iter()
        .enumerate()
        .map(|(k, &i)| format!("{sel} em:nth-last-child({}){{order:{}}}", n - k, i + 1))
        .collect();
    let body: String = src.iter().map(|&i| format!("<em>{}</em>", p[i])).collect();
    (
        format!("{sel}{{display:flex}}{sel} em{{font-style:normal}}{sheet}"),
        format!("{open}{body}{}", close(open)),
    )
}

/// The last piece first in the source, sent to the end by `:first-child{order:1}`.
fn first_child(p: &[String], seed: u64) -> (String, String) {
    let (sel, open) = container(seed + 2);
    let mut src: Vec<usize> = vec![p.len() - 1];
    src.extend(0..p.len() - 1);
    let body: String = src
        .iter()
        .map(|&i| format!("<span>{}</span>", p[i]))
        .collect();
    (
        format!("{sel}{{display:flex}}{sel}>span:first-child{{order:1}}"),
        format!("{open}{body}{}", close(open)),
    )
}

/// The first piece last in the source, brought first by `:last-child{order:-1}`.
fn last_child(p: &[String], seed: u64) -> (String, String) {
    let (sel, open) = container(seed + 3);
    let mut src: Vec<usize> = (1..p.len()).collect();
    src.push(0);
    let body: String = src
        .iter()
        .map(|&i| format!("<span>{}</span>", p[i]))
        .collect();
    (
        format!("{sel}{{display:flex}}{sel} > :last-child{{order:-1}}"),
        format!("{open}{body}{}", close(open)),
    )
}

/// The first half of the slogan at the odd places of the source, the rest at the even
/// ones, drawn after them by `:nth-child(2n)` (or `even`, `2n+2`).
fn even_after_odd(p: &[String], seed: u64) -> (String, String) {
    let (sel, open) = container(seed);
    let half = p.len().div_ceil(2);
    let mut src = Vec::new();
    for k in 0..half {
        src.push(k);
        if half + k < p.len() {
            src.push(half + k);
        }
    }
    let nth = ["2n", "even", "2n+2", "2n + 0"][seed as usize % 4];
    let body: String = src
        .iter()
        .map(|&i| format!("<span>{}</span>", p[i]))
        .collect();
    (
        format!(
            "{sel}{{display:flex}}{sel} span:nth-child({nth}){{order:2}}{sel} span:nth-child(odd){{order:1}}"
        ),
        format!("{open}{body}{}", close(open)),
    )
}

/// Six columns; the `k`th piece of the source placed in its drawn cell by nth-child.
/// The cells are `<div>`s (`<span>`s in a `<p>`, which a `<div>` would close).
fn nth_grid(p: &[String], seed: u64) -> (String, String) {
    let src = shuffled(p.len(), seed);
    let (sel, open) = container(seed + 1);
    let cell = if open.starts_with("<p") {
        "span"
    } else {
        "div"
    };
    let sheet: String = src
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            format!(
                "{sel}>{cell}:nth-child({}){{grid-area:{}/{}}}",
                k + 1,
                i / 6 + 1,
                i % 6 + 1
            )
        })
        .collect();
    let body: String = src
        .iter()
        .map(|&i| format!("<{cell}>{}</{cell}>", p[i]))
        .collect();
    (
        format!("{sel}{{display:grid;grid-template-columns:repeat(6,max-content)}}{sheet}"),
        format!("{open}{body}{}", close(open)),
    )
}

/// Left edges in `ch`: each piece's drawn place, a space a character wide between words;
/// letters (pieces that carry the slogan's spaces as no-break spaces) side by side.
fn lefts(p: &[String]) -> Vec<i64> {
    let space = i64::from(!p.iter().any(|t| t.contains("&nbsp;")));
    let mut at = 0;
    p.iter()
        .map(|t| {
            let here = at;
            at += t.replace("&nbsp;", " ").chars().count() as i64 + space;
            here
        })
        .collect()
}

fn nth_absolute(p: &[String], seed: u64) -> (String, String) {
    let src = shuffled(p.len(), seed);
    let x = lefts(p);
    let (sel, open) = container(seed + 2);
    let sheet: String = src
        .iter()
        .enumerate()
        .map(|(k, &i)| format!("{sel} i:nth-child({}){{left:{}ch}}", k + 1, x[i]))
        .collect();
    let body: String = src.iter().map(|&i| format!("<i>{}</i>", p[i])).collect();
    (
        format!(
            "{sel}{{position:relative;height:20px}}{sel} i{{position:absolute;top:0;font-style:normal}}{sheet}"
        ),
        format!("{open}{body}{}", close(open)),
    )
}

/// Inline blocks in flow, each pulled (or pushed) to its drawn place by `margin-left`:
/// on its own `style=`, or by nth-child rules.
fn negative_margins(p: &[String], seed: u64) -> (String, String) {
    let src = shuffled(p.len(), seed);
    let x = lefts(p);
    let mut flow = 0i64;
    let mut margin = vec![0i64; p.len()];
    for &i in &src {
        margin[i] = x[i] - flow;
        flow = x[i] + p[i].replace("&nbsp;", " ").chars().count() as i64;
    }
    let (sel, open) = container(seed + 3);
    if seed.is_multiple_of(2) {
        let body: String = src
            .iter()
            .map(|&i| {
                format!(
                    "<span style=\"display:inline-block;margin-left:{}ch\">{}</span>",
                    margin[i], p[i]
                )
            })
            .collect();
        (String::new(), format!("{open}{body}{}", close(open)))
    } else {
        // Pulled back by nth-child rules, pushed on by their own `style=`.
        let sheet: String = src
            .iter()
            .enumerate()
            .filter(|(_, i)| margin[**i] < 0)
            .map(|(k, &i)| {
                format!(
                    "{sel}>u:nth-child({}){{margin:0 0 0 {}ch}}",
                    k + 1,
                    margin[i]
                )
            })
            .collect();
        let body: String = src
            .iter()
            .map(|&i| match margin[i] {
                m if m > 0 => format!("<u style=\"margin-left:{m}ch\">{}</u>", p[i]),
                _ => format!("<u>{}</u>", p[i]),
            })
            .collect();
        (
            format!("{sel} u{{display:inline-block;text-decoration:none}}{sheet}"),
            format!("{open}{body}{}", close(open)),
        )
    }
}

/// Every piece on a line of its own, the lines stacked bottom up by `wrap-reverse`.
fn wrap_reverse(p: &[String], seed: u64) -> (String, String) {
    let (sel, open) = container(seed);
    let body: String = (0..p.len())
        .rev()
        .map(|i| format!("<span>{}</span>", p[i]))
        .collect();
    (
        format!("{sel}{{display:flex;flex-wrap:wrap-reverse}}{sel} span{{flex:0 0 100%}}"),
        format!("{open}{body}{}", close(open)),
    )
}

/// Each piece given only its column: sparse placement would break the rows, `dense` packs
/// them into the first row, in drawn order.
fn grid_dense(p: &[String], seed: u64) -> (String, String) {
    let src = shuffled(p.len(), seed);
    let (sel, open) = container(seed + 1);
    let n = p.len();
    let sheet: String = (0..n)
        .map(|i| format!("{sel} .d{i}{{grid-column:{}}}", i + 1))
        .collect();
    let body: String = src
        .iter()
        .map(|&i| format!("<span class=\"d{i}\">{}</span>", p[i]))
        .collect();
    (
        format!(
            "{sel}{{display:grid;grid-template-columns:repeat({n},auto);grid-auto-flow:row dense}}{sheet}"
        ),
        format!("{open}{body}{}", close(open)),
    )
}

/// Places not computable here (`order: calc(…)`): read order-free.
fn calc_order(p: &[String], seed: u64) -> (String, String) {
    let src = shuffled(p.len(), seed);
    let body: String = src
        .iter()
        .map(|&i| format!("<span style=\"order:calc({} * 2)\">{}</span>", i + 1, p[i]))
        .collect();
    (
        String::new(),
        format!("<div style=\"display:flex\">{body}</div>"),
    )
}

pub(crate) const NEWS: &str = "<p>Theo số liệu của Sở Văn hóa, Thể thao và Du lịch, 10 tháng năm 2024 tỉnh đón hơn 8 triệu lượt khách, tăng 12% so với cùng kỳ.</p>";
pub(crate) const MORE: &str =
    "<p>Sở đề nghị các cơ sở lưu trú niêm yết giá công khai, bảo đảm an toàn cho du khách.</p>";

/// Where the laid-out text stands (`{}`).
const WRAPPERS: &[&str] = &[
    "<main>{n}{}{m}</main>",
    "<aside><h2>Liên kết website</h2><ul><li><a href=\"https://chinhphu.vn/\">Cổng TTĐT Chính phủ</a></li></ul><p>Đường dây nóng: 0219.3866.000</p>{}</aside>{n}{m}",
    "{n}{}{m}",
];

pub(crate) fn page(sheet: &str, body: &str, wrapper: usize) -> String {
    let sheet = if sheet.is_empty() {
        String::new()
    } else {
        format!("<style>{sheet}</style>")
    };
    let body = WRAPPERS[wrapper % WRAPPERS.len()]
        .replace("{n}", NEWS)
        .replace("{m}", MORE)
        .replace("{}", body);
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Sở Văn hóa, Thể thao và Du lịch</title>{sheet}</head><body>{body}</body></html>"
    )
}

/// One case of the matrix: a name, the page, the pieces.
pub(crate) struct Case {
    pub(crate) name: String,
    pub(crate) html: String,
    pub(crate) pieces: Vec<String>,
}

/// The sampled matrix for `texts`: every text meets every mechanism, at one piece size in
/// turn (two for every third case).
pub(crate) fn cases(texts: &[&str]) -> Vec<Case> {
    let sizes = [Size::Words, Size::Pairs, Size::Letters];
    let mut out = Vec::new();
    let mut n = 0u64;
    for (t, text) in texts.iter().enumerate() {
        for (m, (name, mech)) in MECHANISMS.iter().enumerate() {
            n += 1;
            let first = (t + m) % 3;
            let chosen = if n.is_multiple_of(3) {
                vec![first, (first + 1) % 3]
            } else {
                vec![first]
            };
            for s in chosen {
                let seed = n * 7 + s as u64;
                let p = pieces(text, sizes[s], seed);
                if p.len() < 2 {
                    continue;
                }
                let (sheet, body) = mech(&p, seed);
                out.push(Case {
                    name: format!("{name} {:?}: {text}", sizes[s]),
                    html: page(&sheet, &body, out.len()),
                    pieces: p,
                });
            }
        }
    }
    out
}

/// The pieces of the slogan left in the output (each in its own element).
fn left(out: &str, pieces: &[String]) -> usize {
    pieces
        .iter()
        .filter(|p| p.chars().count() > 1)
        .filter(|p| out.contains(&format!(">{p}<")))
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

/// Runs every case through the sanitizer (each on a turn of its own); `wrong` says, from
/// the case, the output and its audit events, whether the case went wrong. Fails naming
/// every case that did ("N of M `what`"), the first three in full.
pub(crate) fn run_matrix(all: &[Case], what: &str, wrong: impl Fn(&Case, &str, &[Event]) -> bool) {
    let site = site("");
    let failed: Vec<String> = all
        .iter()
        .enumerate()
        .filter_map(|(n, c)| {
            let (out, events) = clean_turn(&site, &c.html, n);
            wrong(c, &out, &events)
                .then(|| format!("{}\n  {}\n  => {out}\n  {events:?}", c.name, c.html))
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} {what}:\n{}\n{}",
        failed.len(),
        all.len(),
        failed
            .iter()
            .map(|t| t.lines().next().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n"),
        failed
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn slogans_placed_by_structural_rules_margins_and_unknown_orders_go() {
    run_matrix(&cases(SLOGANS), "got through", |c, out, events| {
        assert!(out.contains(NEWS) && out.contains(MORE), "news lost: {out}");
        let spam = events
            .iter()
            .any(|e| e.rule == "spam.block" || e.rule == "spam.inline");
        left(out, &c.pieces) > 0 || !spam
    });
}

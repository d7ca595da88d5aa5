//! The generator's randomness and the small mutations every template shares: foreign
//! hosts, spam phrases (with or without diacritics, NFD, zero-width characters, entities),
//! tag case, attribute quoting and order, malformed anchors.

use unicode_normalization::UnicodeNormalization;

/// splitmix64: tiny, seedable, and the same on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The generator of variant `index` of run `seed`: each variant is reproducible alone.
    pub fn for_variant(seed: u64, index: u64) -> Self {
        let mut r = Self(seed ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        r.next();
        r
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Strong betting phrases (each scores as spam alone) and brand names.
const SPAM: &[&str] = &[
    "nhà cái uy tín",
    "nổ hũ đổi thưởng",
    "tài xỉu online",
    "game bài đổi thưởng",
    "bắn cá ăn tiền",
    "xóc đĩa trực tuyến",
    "soi cầu lô đề",
    "kèo nhà cái hôm nay",
    "tỷ lệ kèo bóng đá",
    "cá cược online",
    "casino online uy tín",
    "link vào 789bet",
    "sòng bài trực tuyến",
    "đăng ký kubet",
    "sunwin tải game",
    "hitclub đổi thưởng",
    "go88 nổ hũ",
    "đánh bạc online",
];

const HOST_WORDS: &[&str] = &[
    "bet",
    "nhacai",
    "kubet",
    "789bet",
    "casino-vn",
    "soicau",
    "taixiu",
    "fun88",
    "w88vn",
    "go88",
    "sunwin-club",
    "linkvao",
    "banca",
    "nohu",
    "xocdia",
    "keo-ngon",
];

/// A planted phrase as written in the page, and as the judge looks for it.
#[derive(Debug, Clone)]
pub struct Spam {
    pub html: String,
    pub phrase: String,
}

impl Rng {
    /// A foreign host under `.test`, sometimes with a subdomain.
    pub fn host(&mut self) -> String {
        let word = self.pick(HOST_WORDS).to_string();
        let num = if self.chance(40) {
            (self.below(900) + 10).to_string()
        } else {
            String::new()
        };
        let sub = *self.pick(&["", "", "www.", "m.", "vn."]);
        format!("{sub}{word}{num}.test")
    }

    /// An absolute URL on `host`, in one of the forms browsers accept.
    pub fn url(&mut self, host: &str) -> String {
        let path = *self.pick(&["/", "/khuyen-mai", "/?ref=gov", "/dang-ky.html", "/vn/"]);
        match self.below(10) {
            0 => format!("//{host}{path}"),
            1 => format!("http://{host}{path}"),
            _ => format!("https://{host}{path}"),
        }
    }

    /// A spam phrase, mutated so that a literal match would miss it.
    pub fn spam(&mut self) -> Spam {
        let base = self.pick(SPAM).to_string();
        let html = match self.below(10) {
            0 => base.nfd().collect(),
            1 => strip_marks(&base),
            2 => {
                let zw = *self.pick(&["\u{200b}", "\u{ad}", "\u{200c}", "&#8203;", "&shy;"]);
                zero_width(&base, zw)
            }
            3 => entities(&base),
            4 => upper_first(&base),
            _ => base,
        };
        Spam {
            phrase: normalize(&html),
            html,
        }
    }

    /// Ordinary link text (not spam): unwrapped links keep it.
    pub fn plain_text(&mut self) -> String {
        self.pick(&["Xem thêm", "liên kết", "Trang chủ", "tại đây", "Tài liệu"])
            .to_string()
    }

    /// `name` in lower, upper or mixed case.
    pub fn tag(&mut self, name: &str) -> String {
        match self.below(6) {
            0 => name.to_ascii_uppercase(),
            1 => name
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect(),
            _ => name.to_string(),
        }
    }

    /// One of `names`, in lower, upper or mixed case.
    pub fn tag_of(&mut self, names: &[&str]) -> String {
        let name = *self.pick(names);
        self.tag(name)
    }

    /// ` name="value"` with varied quoting and spacing (the value is written as given).
    pub fn attr(&mut self, name: &str, value: &str) -> String {
        let unquoted = !value.is_empty()
            && !value.contains(|c: char| c.is_whitespace() || "\"'`=<>".contains(c));
        let sep = *self.pick(&[" ", " ", " ", "\n", "  \t"]);
        let eq = *self.pick(&["=", "=", "=", " = "]);
        match self.below(5) {
            0 if !value.contains('\'') => format!("{sep}{name}{eq}'{value}'"),
            1 if unquoted => format!("{sep}{name}{eq}{value}"),
            _ => format!("{sep}{name}{eq}\"{}\"", value.replace('"', "&quot;")),
        }
    }

    /// A URL written with character references in places that do not change its meaning.
    pub fn encode_url(&mut self, url: &str) -> String {
        match self.below(6) {
            0 => url.replacen(':', "&#58;", 1),
            1 => url.replace('.', "&#x2E;"),
            2 => url.replacen(':', "&colon;", 1).replace('.', "&period;"),
            _ => url.to_string(),
        }
    }

    /// An anchor to `href` around `text`, sometimes malformed the way browsers still accept.
    pub fn anchor(&mut self, href: &str, text: &str) -> String {
        let a = self.tag("a");
        let extra = match self.below(4) {
            0 => self.attr("target", "_blank"),
            1 => self.attr("rel", "dofollow"),
            2 => self.attr("title", "Trang"),
            _ => String::new(),
        };
        let encoded = self.encode_url(href);
        let href_attr = self.attr("href", &encoded);
        let open = match self.below(9) {
            0 => format!("<{a}/href=\"{href}\"{extra}>"),
            1 => format!(
                "<{a}{href_attr}{} {extra}>",
                self.attr("href", "/gioi-thieu/")
            ),
            2 => format!("<!--><{a}{extra}{href_attr}>"),
            3 => format!("<{a}{extra}{href_attr}\n>"),
            _ => format!("<{a}{href_attr}{extra}>"),
        };
        format!("{open}{text}</{a}>")
    }

    /// A fresh identifier that marks a planted script: it must not survive.
    pub fn marker(&mut self) -> String {
        format!("q{:08x}", self.next() as u32)
    }
}

/// The judge's normal form: references decoded, NFC, lower case, zero-width characters and
/// soft hyphens dropped, white space collapsed.
pub fn normalize(html: &str) -> String {
    let decoded = lachan::sanitize::html::entities::decode(html);
    let mut out = String::with_capacity(decoded.len());
    let mut space = false;
    for c in decoded.nfc().flat_map(char::to_lowercase) {
        if matches!(
            c,
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
        ) {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

fn strip_marks(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

fn zero_width(s: &str, zw: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        out.push(c);
        if i % 2 == 1 && c.is_alphabetic() {
            out.push_str(zw);
        }
    }
    out
}

fn entities(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("&#{};", c as u32)
            }
        })
        .collect()
}

fn upper_first(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

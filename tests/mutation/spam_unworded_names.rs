//! The names, matches, papers and contacts that `spam_unworded` fills its families'
//! phrases with (`{h}`, `{d}`, `{m}` … placeholders).

use super::rng::Rng;

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
pub(super) fn fill(r: &mut Rng, s: &str) -> String {
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

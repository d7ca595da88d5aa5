//! Attack suite (issue 14, editorial guard by intent): adverts in an editorial frame. An
//! official-sounding lead-in ("Công an khuyến cáo:", "Phòng chống lừa đảo:", "Cảnh báo:",
//! "Thông báo:", "Theo Bộ Công an,", "Lưu ý:", "Để tránh lừa đảo,", "Police advise:") ends
//! in a call to act toward a betting place: to play, join, register, download, visit or pay
//! at a brand, a link, an app or "nhà cái" ("chỉ nên tham gia cá cược tại nhà cái uy tín
//! KUBET77", "tải app FB88Z chính chủ", "hãy truy cập link chính thức của 789BET"). The
//! warning words around it do not make it news: the block goes (`spam.*`) and the genuine
//! text around it stays. Generated over frames × calls × brands × places, with and without
//! diacritics, in upper case.
//!
//! Benign twins: `editorial_short_blocks` (short warnings, bans, Q&A and FAQ that name the
//! games and quote their slogans), and here the same frames ending in a refusal ("không
//! tham gia cá cược tại nhà cái", "tránh xa", "không tải app"), byte for byte.

use std::sync::Arc;

use crate::common;

use common::rewrite::{rewrite, site};
use common::text::strip_marks;
use lachan::audit::Event;
use lachan::config::Site;

/// Editorial or official lead-ins (Vietnamese).
const FRAMES: &[&str] = &[
    "Công an khuyến cáo:",
    "Phòng chống lừa đảo:",
    "Cảnh báo:",
    "Thông báo:",
    "Theo Bộ Công an,",
    "Lưu ý:",
    "Để tránh lừa đảo,",
    "Khuyến cáo của cơ quan chức năng:",
    "Phòng chống tội phạm công nghệ cao:",
    "Cảnh giác với trang giả mạo!",
];

/// Calls to act toward a betting place; `{b}` is the brand.
const CALLS: &[&str] = &[
    "chỉ nên tham gia cá cược tại nhà cái uy tín {b} được cấp phép",
    "tải app {b} chính chủ để không bị mất tiền",
    "nhiều trang giả mạo, hãy truy cập link chính thức của {b}",
    "người chơi nên đăng ký tại nhà cái được cấp phép {b}",
    "hãy nạp tiền tại {b} để được bảo vệ quyền lợi",
    "người chơi nên chọn nhà cái {b} an toàn, minh bạch",
    "chỉ chơi tại {b} để tránh bị lừa",
    "vào đúng link {b} chính thức, không qua trung gian",
];

/// Brand names: known ones and brand shapes with a digit.
const BRANDS: &[&str] = &["KUBET77", "FB88Z", "789BET", "Hi88", "jun88vn", "SV388"];

/// English frames and calls.
const ENGLISH: &[&str] = &[
    "Police advise: only bet at the licensed bookmaker {b}.",
    "Police advise players to register at the official {b} link to avoid scams.",
    "Warning: many fake sites. Download the official {b} app and play safely.",
    "Notice: to avoid fraud, deposit only at {b} official site.",
];

/// Where the line is planted; `{K}` is genuine text that must stay.
const PLACES: &[&str] = &[
    "<p>{K}</p><p>{u}</p>",
    "<div class=\"thong-bao\">{u}</div><p>{K}</p>",
    "<ul class=\"tin\"><li>{K}</li><li>{u}</li></ul>",
    "<table><tr><td>{K}</td></tr><tr><td>{u}</td></tr></table>",
    "<p>{K}</p><h3>{u}</h3>",
];

const KEEP: &str = "Lịch tiếp công dân tháng 9 của Ủy ban nhân dân tỉnh";

fn page(body: &str) -> String {
    format!(
        "<html><head><title>Cổng thông tin điện tử tỉnh</title></head><body><main><p>Tin tức trong tỉnh</p>{body}<p>Liên hệ</p></main></body></html>"
    )
}

/// One rewrite in one chunk (chunking agreement is `pipeline_streaming`'s business).
fn once(site: &Arc<Site>, html: &str) -> (String, Vec<Event>) {
    let (out, events) = rewrite(site, html.as_bytes(), &[usize::MAX], None);
    (String::from_utf8(out).expect("UTF-8 output"), events)
}

/// Plants `u` in `place`; a miss when its brand stays or the genuine text does not.
fn miss(site: &Arc<Site>, place: &str, u: &str, brand: &str) -> Option<String> {
    let html = page(&place.replace("{u}", u).replace("{K}", KEEP));
    let (out, events) = once(site, &html);
    let lower = out.to_lowercase();
    let gone = !lower.contains(&brand.to_lowercase())
        && events.iter().any(|e| e.rule.starts_with("spam."));
    let kept = out.contains(KEEP) && out.contains("<p>Liên hệ</p>");
    (!gone || !kept).then(|| format!("{u:?} in {place}"))
}

/// Every (line, brand) of the Vietnamese frames × calls × brands.
fn lines() -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for (i, frame) in FRAMES.iter().enumerate() {
        for (j, call) in CALLS.iter().enumerate() {
            let brand = BRANDS[(i + j) % BRANDS.len()];
            out.push((format!("{frame} {}", call.replace("{b}", brand)), brand));
        }
    }
    out
}

fn report(misses: &[String], total: usize) {
    assert!(
        misses.is_empty(),
        "{} of {total} got through:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn adverts_in_an_editorial_frame_go_in_every_place() {
    let site = site("");
    let (mut misses, mut total) = (Vec::new(), 0);
    for (k, (line, brand)) in lines().iter().enumerate() {
        let place = PLACES[k % PLACES.len()];
        total += 1;
        misses.extend(miss(&site, place, line, brand));
    }
    report(&misses, total);
}

#[test]
fn adverts_in_an_editorial_frame_go_with_every_brand() {
    let site = site("");
    let (mut misses, mut total) = (Vec::new(), 0);
    for (i, call) in CALLS.iter().enumerate() {
        for brand in BRANDS {
            let frame = FRAMES[(i * 3 + brand.len()) % FRAMES.len()];
            let line = format!("{frame} {}", call.replace("{b}", brand));
            total += 1;
            misses.extend(miss(&site, PLACES[0], &line, brand));
        }
    }
    report(&misses, total);
}

#[test]
fn adverts_in_an_editorial_frame_go_without_diacritics_and_in_upper_case() {
    let site = site("");
    let (mut misses, mut total) = (Vec::new(), 0);
    for (k, (line, brand)) in lines().iter().enumerate() {
        let place = PLACES[(k + 1) % PLACES.len()];
        for form in [strip_marks(line), line.to_uppercase()] {
            total += 1;
            misses.extend(miss(&site, place, &form, brand));
        }
    }
    report(&misses, total);
}

#[test]
fn english_adverts_in_a_police_frame_go() {
    let site = site("");
    let (mut misses, mut total) = (Vec::new(), 0);
    for (i, line) in ENGLISH.iter().enumerate() {
        for (j, place) in PLACES.iter().enumerate() {
            let brand = BRANDS[(i + j) % BRANDS.len()];
            total += 1;
            misses.extend(miss(&site, place, &line.replace("{b}", brand), brand));
        }
    }
    report(&misses, total);
}

/// The same frames ending in a refusal: the warning they are.
const REFUSALS: &[&str] = &[
    "người dân không tham gia cá cược tại các nhà cái trên mạng.",
    "tuyệt đối không tải app cá cược, nổ hũ, bắn cá không rõ nguồn gốc.",
    "tránh xa các trang nhà cái, không truy cập link lạ gửi qua tin nhắn.",
    "không đăng ký, không nạp tiền tại các trang cá độ bóng đá trực tuyến.",
];

#[test]
fn the_same_frames_ending_in_a_refusal_are_unchanged() {
    let site = site("");
    let mut changed = Vec::new();
    for (i, frame) in FRAMES.iter().enumerate() {
        for (j, refusal) in REFUSALS.iter().enumerate() {
            let place = ["<p>{u}</p>", "<div class=\"thong-bao\">{u}</div>"][(i + j) % 2];
            let html = page(&place.replace("{u}", &format!("{frame} {refusal}")));
            let (out, events) = once(&site, &html);
            if out != html || !events.is_empty() {
                changed.push(format!("{frame} {refusal}: {events:?}"));
            }
        }
    }
    assert!(
        changed.is_empty(),
        "{} changed:\n{}",
        changed.len(),
        changed.join("\n")
    );
}

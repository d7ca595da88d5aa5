//! False-positive guard (issue 14, editorial guard by intent): short editorial blocks that
//! name the games without promoting them. A ban ("Nghiêm cấm … lô đề dưới mọi hình thức"),
//! a warning ("… là đánh bạc trái phép", "tránh xa …", "cần tố giác"), a question and its
//! answer ("Hỏi: … có bị phạt không? Đáp: …"), an English police warning that quotes the
//! slogans it warns about, a closed FAQ (`<details>`), one cell or item of a lottery-results
//! or ban list, a `<pre>` or a `<blockquote>` quoting a police warning. Each stands alone in
//! its block, in many wordings, and must come through byte for byte with no audit event.
//!
//! The attack twin is `spam_editorial_frames`: the same frames ending in a call to play,
//! register, download or visit a betting place.

use std::sync::Arc;

use crate::common;

use common::rewrite::{rewrite, site};
use lachan::audit::Event;
use lachan::config::Site;

/// Bans: what is forbidden, by whom.
const BANS: &[&str] = &[
    "Nghiêm cấm đại lý tổ chức bán số đề, lô đề dưới mọi hình thức.",
    "Nghiêm cấm mọi hành vi tổ chức đánh bạc, cá độ bóng đá, lô đề trên địa bàn.",
    "Nghiêm cấm cán bộ, công chức tham gia cá độ, chơi game bài đổi thưởng.",
    "Cấm tuyệt đối việc quảng cáo nhà cái, nổ hũ, bắn cá đổi thưởng trên địa bàn.",
    "Nghiêm cấm học sinh tham gia tài xỉu, xóc đĩa online.",
    "Nghiêm cấm ghi lô đề, số đề, cá độ bóng đá tại các điểm bán vé số.",
];

/// Warnings that condemn the games they name.
const WARNINGS: &[&str] = &[
    "Cảnh báo: Các trang nổ hũ, bắn cá, game bài đổi thưởng là đánh bạc trái phép.",
    "Lưu ý: tài xỉu, xóc đĩa online là hình thức đánh bạc trái phép, người dân không tham gia.",
    "Công an khuyến cáo: tránh xa các trang nhà cái, nổ hũ, bắn cá đổi thưởng.",
    "Cảnh báo: nhà cái, tài xỉu, nổ hũ trên mạng đều là đánh bạc trái phép, cần tố giác ngay.",
    "Thông báo: phát hiện các trang cá độ bóng đá, lô đề online, đề nghị người dân tố giác cho công an.",
    "Khuyến cáo: không tham gia cá cược, nổ hũ, bắn cá, game bài đổi thưởng dưới mọi hình thức.",
];

/// Questions and their answers.
const QA: &[&str] = &[
    "Hỏi: Chơi tài xỉu online có bị phạt không? Đáp: Có. Người chơi có thể bị xử phạt hành chính hoặc truy cứu trách nhiệm hình sự về tội đánh bạc.",
    "Hỏi: Tham gia cá độ bóng đá qua mạng bị xử lý thế nào? Trả lời: Tùy số tiền, người tham gia bị phạt tiền hoặc truy cứu trách nhiệm hình sự.",
    "Chơi nổ hũ, bắn cá đổi thưởng có vi phạm pháp luật không? Đây là hành vi đánh bạc trái phép.",
    "Hỏi: Ghi lô đề, số đề có bị phạt không? Đáp: Hành vi này bị xử phạt theo Nghị định 144/2021/NĐ-CP.",
];

/// English warnings that quote the slogans they warn about.
const ENGLISH: &[&str] = &[
    "Police warn against sites advertising “nhà cái uy tín” and “nạp đầu x2”.",
    "Police warn residents against online casino and sports betting sites offering a bonus.",
    "The police warned that so-called “tài xỉu online” and “nổ hũ” sites are illegal gambling.",
];

/// A FAQ item, a list item or a cell, a `<pre>`, a `<blockquote>`: the markup of short
/// editorial text, each with the text that goes in it.
const MARKUP: &[&str] = &[
    "<details><summary>Chơi nổ hũ, bắn cá đổi thưởng có phạm pháp không?</summary><p>Đây là hành vi đánh bạc trái phép, cần tố giác cho cơ quan công an.</p></details>",
    "<details><summary>Tài xỉu online có hợp pháp không?</summary>Đây là hành vi đánh bạc trái phép, cần tố giác cho cơ quan công an.</details>",
    "<details class=\"faq\"><summary>Cá độ bóng đá qua mạng bị xử lý thế nào?</summary><div>Người tham gia cá độ có thể bị phạt tiền hoặc truy cứu trách nhiệm hình sự về tội đánh bạc.</div></details>",
    "<table class=\"kqxs\"><tr><th>Giải</th><th>Xổ số kiến thiết Thừa Thiên Huế</th></tr><tr><td>Đặc biệt</td><td>123456</td></tr></table>",
    "<table class=\"kqxs\"><tr><td>Kết quả xổ số kiến thiết miền Trung ngày 05/12</td></tr></table>",
    "<h3>Các hành vi bị nghiêm cấm</h3><ul><li>Tổ chức đánh bạc, gá bạc, cá độ bóng đá.</li><li>Bán số đề, lô đề dưới mọi hình thức.</li><li>Quảng cáo nhà cái, game bài đổi thưởng.</li></ul>",
    "<ul class=\"cam\"><li>Nghiêm cấm tổ chức bán số đề, lô đề, cá độ bóng đá.</li></ul>",
    "<table class=\"cam\"><tr><td>Nghiêm cấm đánh bạc, cá độ, lô đề dưới mọi hình thức.</td></tr></table>",
    "<pre>CẢNH BÁO: Nổ hũ, bắn cá, tài xỉu online là đánh bạc trái phép. Không tham gia.</pre>",
    "<pre>Công an khuyến cáo: tránh xa các trang nhà cái, cá độ bóng đá, game bài đổi thưởng.</pre>",
    "<blockquote>“Người dân tuyệt đối không tham gia các trang cá cược, nổ hũ, bắn cá đổi thưởng; phát hiện thì tố giác ngay cho công an.”</blockquote>",
    "<blockquote><p>Công an tỉnh cảnh báo: các trang tài xỉu, xóc đĩa online là đánh bạc trái phép.</p></blockquote>",
];

/// Where a plain text is placed.
const PLACES: &[&str] = &[
    "<p>{u}</p>",
    "<div class=\"canh-bao\">{u}</div>",
    "<ul class=\"thong-bao\"><li>{u}</li></ul>",
    "<table><tr><td>{u}</td></tr></table>",
    "<blockquote>{u}</blockquote>",
    "<pre>{u}</pre>",
    "<details><summary>Câu hỏi thường gặp</summary>{u}</details>",
    "<aside class=\"luu-y\"><p>{u}</p></aside>",
];

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

/// A change when the page does not come through byte for byte with no event.
fn changed(site: &Arc<Site>, body: &str) -> Option<String> {
    let html = page(body);
    let (out, events) = once(site, &html);
    (out != html || !events.is_empty()).then(|| format!("{body}: {events:?}"))
}

fn assert_unchanged(texts: &[&str]) {
    let site = site("");
    let mut out = Vec::new();
    let mut total = 0;
    for text in texts {
        for place in PLACES {
            total += 1;
            out.extend(changed(&site, &place.replace("{u}", text)));
        }
    }
    assert!(
        out.is_empty(),
        "{} of {total} changed:\n{}",
        out.len(),
        out.join("\n")
    );
}

#[test]
fn short_bans_naming_the_games_are_unchanged() {
    assert_unchanged(BANS);
}

#[test]
fn short_warnings_condemning_the_games_are_unchanged() {
    assert_unchanged(WARNINGS);
}

#[test]
fn questions_and_answers_about_the_games_are_unchanged() {
    assert_unchanged(QA);
}

#[test]
fn english_warnings_quoting_slogans_are_unchanged() {
    assert_unchanged(ENGLISH);
}

#[test]
fn faq_cells_items_pre_and_blockquotes_are_unchanged() {
    let site = site("");
    let out: Vec<String> = MARKUP.iter().filter_map(|m| changed(&site, m)).collect();
    assert!(
        out.is_empty(),
        "{} of {} changed:\n{}",
        out.len(),
        MARKUP.len(),
        out.join("\n")
    );
}

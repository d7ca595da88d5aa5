//! Attack suite (issue 14, where spam sits): betting text in places a crawler indexes that
//! no rule judged: the document of an `iframe srcdoc` (now read with the same block and
//! spot rules as the page), a `<noscript>` in `<head>` or `<body>` holding text only, the
//! `value` and `label` of `<datalist>`/`<select>` options, a hidden input's `value`, named
//! metas (`DC.title`, `twitter:description`, Open Graph without diacritics), and the
//! content of containers a browser does not render (`<canvas>`, `<video>`, `<audio>` and
//! `<object>` fallback, MathML annotations, `<map>`). Benign twins come through byte for
//! byte: an ordinary srcdoc, a noscript notice, a drop-down of ordinary suggestions, a
//! video fallback, an image map, a formula.

use crate::common;

use common::rewrite::{clean, rule_ids, site};

const WORDS: &[&str] = &[
    "tài xỉu",
    "Tai xiu",
    "nổ hũ",
    "No hu",
    "nha cai",
    "Nhà cái",
    "789bet",
    "kubet",
    "KUBET",
    "uy tín",
    "uy tin",
];

fn assert_gone(page: &str) -> String {
    let (out, events) = clean(&site(""), page);
    for w in WORDS {
        assert!(!out.contains(w), "{w:?} survived in {out}");
    }
    let rules = rule_ids(&events);
    assert!(
        rules
            .iter()
            .any(|r| r.starts_with("spam.") || *r == "link.spam_text"),
        "{page}: {rules:?}"
    );
    out
}

fn body(inner: &str) -> String {
    format!(
        "<html><head><title>Sở Tư pháp</title></head><body><p>Tin tức</p>{inner}<p>Liên hệ</p></body></html>"
    )
}

#[test]
fn spam_in_an_iframe_srcdoc_goes_as_in_the_page() {
    for doc in [
        "<p>Nhà cái uy tín, tài xỉu, nổ hũ, bắn cá, xóc đĩa đổi thưởng</p>",
        "<div><p>Thông báo lịch tiếp công dân tháng 12 của Sở Tư pháp tỉnh, người dân đăng ký trước qua điện thoại.</p><b>Tai xiu online uy tin nhat Viet Nam</b></div>",
        "Nhà cái uy tín 789bet, nổ hũ đổi thưởng, tài xỉu online",
        "<ul><li>Nhà cái uy tín 789bet</li><li>Nổ hũ đổi thưởng uy tín nhất</li></ul>",
        "&lt;p&gt;kubet nổ hũ tài xỉu nhà cái uy tín&lt;/p&gt;",
    ] {
        let attr = doc.replace('"', "&quot;");
        let out = assert_gone(&body(&format!("<iframe srcdoc=\"{attr}\"></iframe>")));
        assert!(out.contains("<iframe"), "{out}");
    }
}

#[test]
fn text_of_a_noscript_goes_in_head_and_body() {
    for page in [
        "<html><head><noscript>Nhà cái uy tín, tài xỉu online, nổ hũ đổi thưởng</noscript><title>Sở</title></head><body><p>Tin tức</p></body></html>".to_string(),
        "<html><head><noscript>Nha cai uy tin KUBET - No hu doi thuong</noscript></head><body><p>x</p></body></html>".to_string(),
        body("<noscript>Tai xiu online uy tin nhat Viet Nam</noscript>"),
        body("<noscript>nh&agrave; c&aacute;i uy t&iacute;n 789bet, n&#7893; h&#361;</noscript>"),
    ] {
        assert_gone(&page);
    }
}

#[test]
fn spam_in_option_values_labels_and_hidden_inputs_goes() {
    for inner in [
        "<input list=\"l\"><datalist id=\"l\"><option value=\"Nhà cái uy tín 789bet\"><option value=\"Tài xỉu online uy tín\"></datalist>",
        "<input list=\"l\"><datalist id=\"l\"><option label=\"Nhà cái uy tín 789bet\" value=\"a\"></datalist>",
        "<select name=\"s\"><option value=\"1\" label=\"Tai xiu online uy tin\"></option><option value=\"2\">Hồ sơ</option></select>",
        "<form action=\"/tim-kiem\"><input type=\"hidden\" name=\"k\" value=\"nổ hũ đổi thưởng uy tín\"><input type=\"hidden\" name=\"b\" value=\"nha cai kubet\"></form>",
    ] {
        assert_gone(&body(inner));
    }
}

#[test]
fn spam_in_named_metas_goes() {
    for meta in [
        "<meta name=\"DC.title\" content=\"Nha cai uy tin, tai xiu online\">",
        "<meta name=\"twitter:description\" content=\"No hu doi thuong, ban ca, kubet\">",
        "<meta property=\"og:title\" content=\"nha cai uy tin kubet\">",
        "<meta property=\"og:description\" content=\"Tai xiu online uy tin nhat, nap dau tang 100k\">",
        "<meta name=\"dcterms.subject\" content=\"no hu, tai xiu, 789bet\">",
    ] {
        let page = format!("<html><head>{meta}</head><body><p>x</p></body></html>");
        assert_gone(&page);
    }
}

#[test]
fn spam_text_in_never_rendered_fallbacks_goes() {
    for inner in [
        "<canvas width=\"10\" height=\"10\">Nhà cái uy tín, tài xỉu online</canvas>",
        "<video src=\"/v.mp4\" controls>Nổ hũ đổi thưởng 789bet</video>",
        "<audio src=\"/a.mp3\">Tai xiu online uy tin nhat</audio>",
        "<object data=\"/a.pdf\" type=\"application/pdf\"><p>Nhà cái uy tín kubet, nổ hũ</p></object>",
        "<math><semantics><mi>x</mi><annotation-xml encoding=\"text/html\"><p>nhà cái uy tín kubet</p></annotation-xml></semantics></math>",
        "<math><semantics><mi>x</mi><annotation>nha cai uy tin, tai xiu online</annotation></semantics></math>",
        "<map name=\"m\"><area href=\"/a\" shape=\"rect\" coords=\"0,0,1,1\" alt=\"\">Nổ hũ đổi thưởng uy tín, 789bet</map>",
    ] {
        let out = assert_gone(&body(inner));
        assert!(out.contains("<p>Liên hệ</p>"), "{out}");
    }
}

#[test]
fn ordinary_srcdoc_noscript_options_metas_and_fallbacks_are_unchanged() {
    for page in [
        body("<iframe srcdoc=\"&lt;p&gt;Lịch tiếp công dân&lt;/p&gt;\"></iframe>"),
        body("<iframe srcdoc=\"<p>Công an tỉnh cảnh báo thủ đoạn lừa đảo qua các ứng dụng cá độ, đánh bạc trái phép.</p>\"></iframe>"),
        "<html><head><noscript>Trình duyệt của bạn không hỗ trợ JavaScript.</noscript></head><body><p>x</p></body></html>".to_string(),
        body("<noscript>Phòng chống cá độ bóng đá: bật JavaScript để xem tin.</noscript>"),
        body("<input list=\"l\"><datalist id=\"l\"><option value=\"Hộ tịch\"><option value=\"Chứng thực\" label=\"Chứng thực bản sao\"></datalist><input type=\"hidden\" name=\"csrf\" value=\"a1b2c3\">"),
        "<html><head><meta name=\"DC.title\" content=\"Sở Tư pháp tỉnh\"><meta property=\"og:title\" content=\"Phong chong ca do bong da\"><meta name=\"twitter:description\" content=\"Tin tuc tu phap\"></head><body><p>x</p></body></html>".to_string(),
        body("<video src=\"/v.mp4\" controls>Trình duyệt không hỗ trợ video. <a href=\"/v.mp4\">Tải video</a></video><canvas>Biểu đồ</canvas>"),
        body("<map name=\"m\"><area href=\"/a\" shape=\"rect\" coords=\"0,0,1,1\" alt=\"Phòng Hộ tịch\"></map><math><semantics><mi>x</mi><annotation>x^2</annotation></semantics></math>"),
    ] {
        let (out, events) = clean(&site(""), &page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{events:?}");
    }
}

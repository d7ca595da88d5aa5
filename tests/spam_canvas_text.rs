//! Attack suite (issue 14, text carriers: red-team page `r3-canvas-filltext`): an inline
//! script draws betting or loan text on a `<canvas>`: no DOM text, but on the screen. The
//! script goes (`script.drawn_text`): slogans × spellings (as written, NFD, no
//! diacritics, upper case) × drawing forms (`fillText`/`strokeText` on a context, two
//! calls with the slogan split, concatenated literals, an array drawn in a loop, a
//! template literal, `\u` escapes, `String.fromCharCode`, an `OffscreenCanvas` handed to a
//! `bitmaprenderer`, a folded bracket name, a bound function, a `data:` SVG drawn with
//! `drawImage`, an `onload` handler), and a `data:` SVG image that a script sets as an
//! image's `src` or writes in markup.
//!
//! Benign twins, byte for byte and without an event: a Chart.js-like inline chart drawing
//! its labels, a lottery result drawn on a canvas, a captcha, a clock, text measured on an
//! `OffscreenCanvas`.

use crate::common;

use common::rewrite::{clean_turn, site};

const SLOGANS: &[&str] = &[
    "Vay nóng 50 triệu không thế chấp, giải ngân trong ngày - Zalo 0987.555.888",
    "Nhà cái Hi88 – cược thể thao hoàn trả cao nhất",
    "nổ hũ đổi thưởng, bắn cá, tài xỉu online",
    "Kubet - nhà cái uy tín số 1, đăng ký nhận 100K",
    "soi cầu lô đề, dàn đề bạch thủ chính xác 100%",
    "Link vào W88 không bị chặn, cá cược bóng đá",
];

const KEEP: &str = "Xã Tân Phú Trung đạt chuẩn nông thôn mới nâng cao";

fn nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}

fn spellings(s: &str) -> Vec<String> {
    vec![
        s.to_string(),
        nfd(s),
        common::text::strip_marks(s),
        s.to_uppercase(),
    ]
}

/// `s` as a JavaScript string body with every non-ASCII character escaped.
fn js_escaped(s: &str) -> String {
    s.encode_utf16()
        .map(|u| match u < 0x80 {
            true => char::from(u as u8).to_string(),
            false => format!("\\u{u:04x}"),
        })
        .collect()
}

fn char_codes(s: &str) -> String {
    s.encode_utf16()
        .map(|u| u.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>UBND xã Tân Phú Trung</title></head><body>\
         <main><article><h3><a href=\"/tin-tuc/dat-chuan.html\">{KEEP}</a></h3>\
         <p>Thu nhập bình quân đầu người của xã đạt 86 triệu đồng/năm.</p></article></main>\
         <aside class=\"side\"><h2>Liên kết</h2><p>Điện thoại: 028.3892.0123</p>\
         <canvas id=\"qc\" width=\"260\" height=\"70\"></canvas>\n{body}\n</aside></body></html>"
    )
}

fn svg(s: &str) -> String {
    format!(
        "<svg xmlns='http://www.w3.org/2000/svg' width='260' height='70'><text y='20'>{s}</text></svg>"
    )
}

fn b64(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}

fn pct(s: &str) -> String {
    s.bytes()
        .map(|b| match b.is_ascii_alphanumeric() {
            true => (b as char).to_string(),
            false => format!("%{b:02X}"),
        })
        .collect()
}

/// The drawing scripts of one spelling `s`.
fn scripts(s: &str) -> Vec<String> {
    let half = s
        .char_indices()
        .nth(s.chars().count() / 2)
        .map_or(0, |(i, _)| i);
    let (a, b) = s.split_at(half);
    let ctx = "var c=document.getElementById('qc').getContext('2d');";
    let q = |t: &str| t.replace('\'', "\\'");
    let (a, b, s) = (q(a), q(b), q(s));
    vec![
        format!(
            "(function(){{{ctx}c.fillStyle='#2b6cb0';c.fillRect(0,0,260,70);c.fillStyle='#fff';c.font='bold 13px Arial';c.fillText('{a}',8,28);c.fillText('{b}',8,52);}})();"
        ),
        format!("{ctx}c.strokeText('{a}'+'{b}',8,28);"),
        format!(
            "{ctx}var t=['{a}','{b}'];for(var i=0;i<t.length;i++){{c.fillText(t[i],8,20+i*20)}}"
        ),
        format!("{ctx}c.fillText(`{s}`,8,20);"),
        format!("{ctx}c.fillText('{}',8,20);", js_escaped(&s)),
        format!(
            "{ctx}c.fillText(String.fromCharCode({}),8,20);",
            char_codes(&s)
        ),
        format!(
            "var o=new OffscreenCanvas(260,70),g=o.getContext('2d');g.font='13px Arial';g.fillText('{s}',5,20);document.getElementById('qc').getContext('bitmaprenderer').transferFromImageBitmap(o.transferToImageBitmap());"
        ),
        format!("{ctx}c['fill'+'Text']('{s}',5,20);"),
        format!("{ctx}var draw=c.fillText.bind(c);draw('{a}',5,20);draw('{b}',5,40);"),
        format!(
            "document.getElementById('anh').src='data:image/svg+xml;base64,{}';",
            b64(&svg(&s))
        ),
        format!(
            "document.querySelector('.side').insertAdjacentHTML('beforeend','<img alt=\"\" src=\"data:image/svg+xml,{}\">');",
            pct(&svg(&s))
        ),
        format!(
            "{ctx}var i=new Image();i.onload=function(){{c.drawImage(i,0,0)}};i.src='data:image/svg+xml,'+encodeURIComponent('<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"260\" height=\"70\"><text y=\"20\">{s}</text></svg>');"
        ),
    ]
}

#[test]
fn scripts_drawing_spam_on_a_canvas_go() {
    let (mut n, mut missed) = (0, Vec::new());
    for slogan in SLOGANS {
        for (k, s) in spellings(slogan).iter().enumerate() {
            // Each form meets every spelling over the slogans (a fixed rotation).
            let forms = scripts(s).into_iter().enumerate();
            for (_, script) in forms.filter(|(f, _)| (f + k) % 2 == 0) {
                let html = page(&format!("<script>{script}</script>"));
                let (out, events) = clean_turn(&site(""), &html, n);
                n += 1;
                assert!(out.contains(KEEP) && out.contains("028.3892.0123"), "{out}");
                let gone = !out.contains("<script>")
                    && events.iter().any(|e| e.rule.starts_with("script."));
                if !gone {
                    missed.push(script);
                }
            }
            // As an event handler too.
            let handler = format!(
                "<img src=\"/anh/nen.png\" alt=\"\" onload=\"var c=document.getElementById('qc').getContext('2d');c.fillText(&quot;{}&quot;,5,20)\">",
                s.replace('"', "")
            );
            let (out, events) = clean_turn(&site(""), &page(&handler), n);
            n += 1;
            if out.contains("onload") || events.is_empty() {
                missed.push(handler);
            }
        }
    }
    assert!(
        missed.is_empty(),
        "{} of {n} got through: {:#?}",
        missed.len(),
        &missed[..missed.len().min(6)]
    );
}

#[test]
fn the_red_team_canvas_page_loses_its_script() {
    let path = format!(
        "{}/redteam/pages/attack/r3-canvas-filltext.html",
        env!("CARGO_MANIFEST_DIR")
    );
    let html = std::fs::read_to_string(path).unwrap();
    let body = &html[html.find("<!DOCTYPE").unwrap()..];
    let (out, events) = clean_turn(&site(""), body, 0);
    assert!(!out.contains("Vay nóng") && !out.contains("0987.555.888"));
    assert!(
        events.iter().any(|e| e.rule == "script.drawn_text"),
        "{events:?}"
    );
}

/// Canvas code real portals carry.
const BENIGN: &[&str] = &[
    // A Chart.js-like inline chart drawing its labels.
    "(function(){var ctx=document.getElementById('qc').getContext('2d');var labels=['Tháng 10','Tháng 11','Tháng 12'];var data=[62,70,81];ctx.font='12px Arial';labels.forEach(function(l,i){ctx.fillStyle='#2b6cb0';ctx.fillRect(20+i*70,60-data[i]/2,40,data[i]/2);ctx.fillStyle='#222';ctx.fillText(l,20+i*70,68);ctx.fillText(data[i]+'%',25+i*70,55-data[i]/2)});ctx.fillText('Tỷ lệ hồ sơ trực tuyến toàn trình',10,12);})();",
    // A lottery result drawn on a canvas.
    "var c=document.getElementById('qc').getContext('2d');c.font='bold 13px Arial';c.fillText('Kết quả xổ số kiến thiết Bình Dương ngày 20/12',8,18);c.font='12px Arial';c.fillText('Giải đặc biệt: 482915',8,38);c.fillText('Giải nhất: 30217',8,56);",
    // A captcha.
    "var code=Math.random().toString(36).slice(2,7);var c=document.getElementById('qc').getContext('2d');c.font='24px serif';c.strokeText(code,20,40);document.getElementById('ma').value='';",
    // A clock.
    "setInterval(function(){var c=document.getElementById('qc').getContext('2d');c.clearRect(0,0,260,70);c.fillText(new Date().toLocaleTimeString('vi-VN'),10,30)},1000);",
    // Text measured on an OffscreenCanvas.
    "var w=new OffscreenCanvas(1,1).getContext('2d');w.font='14px Arial';var width=w.measureText('Sở Tài chính tỉnh Long An').width;",
    // A stamp with the agency's name.
    "var c=document.getElementById('qc').getContext('2d');c.strokeStyle='#c00';c.beginPath();c.arc(35,35,30,0,2*Math.PI);c.stroke();c.fillText('UBND XÃ TÂN PHÚ TRUNG',70,40);",
];

#[test]
fn benign_canvas_scripts_pass_byte_for_byte() {
    for (n, script) in BENIGN.iter().enumerate() {
        let html = page(&format!("<script>{script}</script>"));
        let (out, events) = clean_turn(&site(""), &html, n);
        assert_eq!(out, html, "{script}");
        assert!(events.is_empty(), "{script}: {events:?}");
    }
}

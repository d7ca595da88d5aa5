//! Attack suite (issue 14, spam written by script or by CSS): inline scripts that write
//! betting or scam text into the page at run time (`document.write`, `innerHTML`,
//! `textContent`, `insertAdjacentHTML`, `append`, `document.title`, an `onload` handler),
//! with the text split, escaped or concatenated, go whole (`script.spam_text`); CSS
//! `content:` with the new topics' terms and CSS escapes goes (`css.content`). Benign
//! twins: scripts that write ordinary text, a news ticker quoting a headline about a
//! betting ring, and CSS ornaments, come through byte for byte.

use crate::common;

use common::rewrite::{clean, site};

fn page(script: &str) -> String {
    format!(
        "<html><head><title>Sở Tư pháp</title></head><body><p>Tin tức</p><div id=\"qc\"></div>{script}<p>Liên hệ</p></body></html>"
    )
}

#[test]
fn scripts_writing_spam_text_go() {
    for script in [
        "<script>document.write('<div class=\"k\">nhà cái uy tín, nổ hũ đổi thưởng, tài xỉu online</div>')</script>",
        "<script>document.getElementById('qc').innerHTML='<b>n\\u1ed5 h\\u0169</b> b\\u1eafn c\\u00e1 '+'\\u0111\\u1ed5i th\\u01b0\\u1edfng';</script>",
        "<script>var d=document.querySelector('#qc');d.textContent='Việc nhẹ lương cao, '+'làm nhiệm vụ nhận hoa hồng, '+'cộng tác viên online';</script>",
        "<script>document.body.insertAdjacentHTML('beforeend','<p>Online casino - free spins - sportsbook - bet now</p>')</script>",
        "<script>(function(){var t=['soi c','ầu, dàn đề, bạch thủ lô'].join('');document.getElementById('qc').append(t)})()</script>",
        "<script>document.title=\"Nh\\xe0 c\\xe1i 789bet - t\\u00e0i x\\u1ec9u\".replace(/ /g,' ')</script>",
        "<script>window.addEventListener('load',function(){var p=document.createElement('p');p.innerText='Đá gà trực tiếp, đá gà thomo, sv388';document.body.appendChild(p)})</script>",
    ] {
        let html = page(script);
        let (out, events) = clean(&site(""), &html);
        assert!(!out.contains("<script>"), "{out}");
        assert!(
            events.iter().any(|e| e.rule == "script.spam_text"),
            "{script}: {events:?}"
        );
        assert!(out.contains("<p>Tin tức</p>") && out.contains("<p>Liên hệ</p>"));
    }
    let handler = "<html><body onload=\"document.getElementById('qc').innerHTML='nhà cái uy tín - nổ hũ - bắn cá'\"><div id=\"qc\"></div></body></html>";
    let (out, events) = clean(&site(""), handler);
    assert!(!out.contains("nổ hũ"), "{out}");
    assert!(
        events.iter().any(|e| e.rule == "script.spam_text"),
        "{events:?}"
    );
}

#[test]
fn css_content_with_new_topics_goes() {
    for css in [
        ".qc::before{content:\"\\6e\\1ed5  h\\169  b\\1eaf n c\\e1 \"}",
        ".qc::after{content:'Online casino, free spins'}",
        ".qc:before{content:\"Vi\\1ec7 c nh\\1eb9  l\\1b0 \\1a1 ng cao, l\\e0 m nhi\\1ec7 m v\\1ee5  nh\\1ead n hoa h\\1ed3 ng\"}",
        ":root{--k:'đá gà thomo - sv388'}.qc::after{content:var(--k)}",
    ] {
        let html = format!(
            "<html><head><style>{css}</style></head><body><p>Tin tức</p><span class=\"qc\"></span></body></html>"
        );
        let (out, events) = clean(&site(""), &html);
        assert!(
            !out.contains("content:\"\\6e") && !out.contains("casino"),
            "{out}"
        );
        assert!(
            events.iter().any(|e| e.rule == "css.content"),
            "{css}: {events:?}"
        );
    }
}

#[test]
fn scripts_writing_ordinary_text_are_unchanged() {
    for script in [
        "<script>document.getElementById('qc').textContent='Tìm kiếm văn bản';</script>",
        "<script>document.write('<p>Hôm nay: '+new Date().toLocaleDateString('vi-VN')+'</p>')</script>",
        "<script>var tin=['Công an tỉnh triệt phá đường dây cá độ bóng đá qua mạng','Khởi tố vụ án tổ chức đánh bạc, cá cược'];document.getElementById('qc').innerHTML=tin.map(function(t){return '<li>'+t+'</li>'}).join('');</script>",
        "<script>var c={lang:'vi',labels:['nổ hũ']};</script>",
    ] {
        let html = page(script);
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "{script}");
        assert!(events.is_empty(), "{script}: {events:?}");
    }
}

//! Attack suite (issue 14, spam planted in HTML comments): betting text hidden in
//! `<!-- … -->` comments, which a crawler skips, and turned into text by a script that
//! walks the comment nodes. The script that reads comment nodes and writes their text goes
//! (`script.comment_text`), with the spam whole in one comment in every form (plain, NFD,
//! entities, no diacritics, upper case, commented-out markup) and split over several
//! comments that are harmless alone: readers (tree walkers and node iterators with every spelling of
//!   `whatToShow`, `childNodes` with `nodeType` 8, `COMMENT_NODE`, `instanceof Comment`,
//!   markup regular expressions) × sinks (`textContent`, `innerHTML`, `createTextNode`,
//!   `insertAdjacentHTML`, `append`, `replaceWith`, `document.write`, a local function).
//!
//! Benign twins, byte for byte and without an event: CMS markers, conditional comments,
//! block-editor delimiters, Vietnamese template notes, license headers, an editorial note
//! about anti-betting work; scripts that walk comments without writing their text (a
//! conditional-comment probe, a marker cleaner, a Knockout-style binder), and inline
//! jQuery (Underscore is not taken as a reader either).

use crate::common;

use common::rewrite::{clean, clean_turn, site};

const SLOGANS: &[&str] = &[
    "Nhà cái Thiên Hạ 777 uy tín – thưởng 77K cho bạn đọc mới",
    "nổ hũ đổi thưởng, bắn cá, tài xỉu online",
    "Kubet - nhà cái uy tín số 1, đăng ký nhận 100K",
    "soi cầu lô đề, dàn đề bạch thủ chính xác 100%",
    "Link vào W88 không bị chặn, cá cược bóng đá",
];

fn nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}

/// Every character that is not ASCII as a numeric character reference.
fn entities(s: &str) -> String {
    s.chars()
        .map(|c| match c.is_ascii() {
            true => c.to_string(),
            false => format!("&#{};", c as u32),
        })
        .collect()
}

fn forms(slogan: &str) -> Vec<String> {
    vec![
        slogan.to_string(),
        nfd(slogan),
        entities(slogan),
        common::text::strip_marks(slogan),
        slogan.to_uppercase(),
        format!(" <p class=\"qc\"><b>{slogan}</b></p> "),
    ]
}

fn page(head: &str, body: &str, script: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Thư viện tỉnh</title>{head}</head><body>\
         <p>Ngày hội đọc sách năm 2024</p><ul class=\"side\"><li><a href=\"/sach-moi\">Sách mới</a></li>\
         {body}</ul><footer>Địa chỉ: 23 Lê Hồng Phong</footer>{script}</body></html>"
    )
}

/// Scripts that read comment nodes and write their text, each with the name of its reader.
const READERS: &[&str] = &[
    // The red-team page's own.
    "(function(){var w=document.createTreeWalker(document.querySelector('.side'),128),n;while((n=w.nextNode())){var p=document.createElement('p');p.textContent=n.data.trim();n.parentNode.insertBefore(p,n)}})();",
    "var w=document.createTreeWalker(document.body,0x80),n;while(n=w.nextNode())n.parentNode.insertBefore(document.createTextNode(n.nodeValue),n);",
    "var w=document.createTreeWalker(document.body,NodeFilter.SHOW_COMMENT);var s='';while(w.nextNode())s+=w.currentNode.data+' ';document.querySelector('footer').textContent=s;",
    "var it=document.createNodeIterator(document.body,NodeFilter.SHOW_ALL),c;while(c=it.nextNode()){if(c.nodeType===8)c.replaceWith(c.data)}",
    "var it=document.createNodeIterator(document.body,-1),c;while(c=it.nextNode())if(c.nodeType==Node.COMMENT_NODE)c.after(c.textContent);",
    "var w=document.createTreeWalker(document.body),n;while(n=w.nextNode())if(n instanceof Comment)n.before(n.data);",
    "var mask=NodeFilter.SHOW_TEXT|NodeFilter.SHOW_COMMENT;var w=document.createTreeWalker(document.body,mask),n,t=[];while(n=w.nextNode())t.push(n.data);document.getElementById('x').innerHTML=t.join(' ');",
    "[].forEach.call(document.querySelector('.side').childNodes,function(n){if(n.nodeType===8){var p=document.createElement('li');p.innerHTML=n.nodeValue;n.parentNode.appendChild(p)}});",
    "$('.side').contents().filter(function(){return this.nodeType==8}).each(function(){$(this).after('<li>'+this.data+'</li>')});",
    "function show(t){document.querySelector('footer').insertAdjacentHTML('beforeend',t)}var w=document.createTreeWalker(document.body,128);while(w.nextNode())show(w.currentNode.data);",
    "var r=document.evaluate('//comment()',document,null,7,null);for(var i=0;i<r.snapshotLength;i++)document.write(r.snapshotItem(i).data);",
    "var u=document.querySelector('.side');u.innerHTML=u.innerHTML.replace(/<!--|-->/g,'');",
    "var w=document.createTreeWalker(document.body,~0),n;while(n=w.nextNode())if(n.nodeName==='#comment')n.parentNode.replaceChild(new Text(n.data),n);",
];

#[test]
fn scripts_writing_comment_text_go_even_when_the_spam_is_split() {
    let split = "<li>Giờ phục vụ</li><!-- Nhà cái Thiên Hạ 777 --><li>Thứ Hai</li><!-- uy tín --><!-- thưởng 77K -->";
    let mut bodies = vec![
        split.to_string(),
        "<!-- Thiên Hạ 777 --><!-- thưởng 77K cho bạn đọc mới -->".to_string(),
    ];
    // Spam whole in one comment, in every form (no comment is judged on its own text).
    bodies.extend(
        SLOGANS
            .iter()
            .flat_map(|s| forms(s))
            .map(|f| format!("<!--{f}-->")),
    );
    let mut n = 0;
    for reader in READERS {
        for body in &bodies {
            let script = format!("<script>{reader}</script>");
            let html = page("", body, &script);
            let (out, events) = clean_turn(&site(""), &html, n);
            n += 1;
            assert!(!out.contains("<script>"), "{reader} stayed");
            assert!(
                events.iter().any(|e| e.rule == "script.comment_text"),
                "{reader}: {events:?}"
            );
        }
        // As an event handler too.
        let handler = format!(
            "<html><body onload=\"{}\"><ul class=\"side\"><!-- Kubet --></ul></body></html>",
            reader.replace('"', "&quot;")
        );
        let (out, events) = clean(&site(""), &handler);
        assert!(!out.contains("onload"), "{reader}: {out}");
        assert!(!events.is_empty());
    }
}

/// Comments sites really carry: they pass byte for byte.
const BENIGN_COMMENTS: &[&str] = &[
    "<!-- Begin footer -->",
    "<!-- End .side -->",
    "<!--[if lt IE 9]><script src=\"/static/js/html5shiv.js\"></script><![endif]-->",
    "<!-- wp:paragraph {\"align\":\"center\"} -->",
    "<!-- /wp:paragraph -->",
    "<!-- Khối tin tức: chỉnh sửa tại Quản trị > Giao diện > Khối -->",
    "<!-- Mẫu giao diện Cổng TTĐT - Sở Thông tin và Truyền thông, cập nhật 2024 -->",
    "<!-- Copyright (c) 2024 Trung tâm CNTT. Licensed under the MIT License. -->",
    "<!-- Chuyên mục chống cá độ bóng đá: tin do Công an tỉnh cung cấp -->",
    "<!-- Tuyên truyền phòng chống tệ nạn cờ bạc, cá cược bóng đá trái phép -->",
    "<!-- Xổ số kiến thiết: kết quả do công ty xổ số cung cấp -->",
    "<!---->",
    "<!-- 2024-06-01 12:00:00 -->",
];

/// Scripts that walk comments for their own reasons and write no comment text.
const BENIGN_SCRIPTS: &[&str] = &[
    // A conditional-comment probe (old IE detection).
    "var d=document.createElement('div');d.innerHTML='<!--[if IE]><i></i><![endif]-->';var isIE=d.getElementsByTagName('i').length===1;",
    // A cleaner that removes CMS markers.
    "var w=document.createTreeWalker(document.body,NodeFilter.SHOW_COMMENT),n,dead=[];while(n=w.nextNode())dead.push(n);dead.forEach(function(c){c.parentNode.removeChild(c)});",
    // A Knockout-style binder that finds its markers and writes its own data.
    "var it=document.createNodeIterator(document.body,128),c;while(c=it.nextNode()){if(/^\\s*ko\\s/.test(c.data)){var s=document.createElement('span');s.textContent=model.title;c.parentNode.insertBefore(s,c.nextSibling)}}",
    // A text walker that skips comments and writes counts.
    "var w=document.createTreeWalker(document.body,NodeFilter.SHOW_TEXT),n,k=0;while(n=w.nextNode())k+=n.data.length;document.getElementById('dem').textContent=k+' ký tự';",
    // Legacy script hiding, copying a menu's markup.
    "<!--\nvar m=document.getElementById('menu');document.getElementById('menu2').innerHTML=m.innerHTML;\n//-->",
];

#[test]
fn benign_comments_and_comment_walkers_pass_byte_for_byte() {
    let mut n = 0;
    for comment in BENIGN_COMMENTS {
        for (head, body) in [(*comment, ""), ("", *comment)] {
            let html = page(head, body, "");
            let (out, events) = clean_turn(&site(""), &html, n);
            n += 1;
            assert_eq!(out, html, "{comment}");
            assert!(events.is_empty(), "{comment}: {events:?}");
        }
    }
    for script in BENIGN_SCRIPTS {
        let html = page(
            "",
            "<!-- ko text: title --><!-- /ko --><!-- Begin footer -->",
            &format!("<script>{script}</script>"),
        );
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "{script}");
        assert!(events.is_empty(), "{script}: {events:?}");
    }
}

#[test]
fn inline_libraries_that_check_for_comment_nodes_stay() {
    let jquery = include_str!("corpus/libs/jquery-3.6.1.min.js");
    let html = page(
        "",
        "<!-- Begin footer -->",
        &format!("<script>{jquery}</script>"),
    );
    let (out, events) = clean(&site(""), &html);
    assert!(events.is_empty(), "{events:?}");
    assert!(out == html, "jQuery changed");
    // Underscore goes for its `new Function` (decided in `obfuscated_redirects`), never
    // as a reader of comments.
    let underscore = include_str!("corpus/libs/underscore-1.13.4.min.js");
    let html = page(
        "",
        "<!-- Begin footer -->",
        &format!("<script>{underscore}</script>"),
    );
    let (_, events) = clean(&site(""), &html);
    assert!(
        events.iter().all(|e| e.rule != "script.comment_text"),
        "{events:?}"
    );
}

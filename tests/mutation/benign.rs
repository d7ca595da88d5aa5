//! False-positive guards: benign fragments (threats.md, "What must never be touched") in
//! the filler page, and the benign corpus (`tests/corpus/benign`) under every codec. All
//! must come through byte for byte.

use std::path::PathBuf;

use super::rng::Rng;
use super::{CODECS, CORPUS_BASE, Charset, Context, Kind, Payload, Template, Variant};

const fn t(name: &'static str, active: bool, make: fn(&mut Rng) -> Payload) -> Template {
    Template {
        family: "benign",
        class: 0,
        name,
        kind: Kind::Benign,
        active,
        make,
    }
}

pub const TEMPLATES: &[Template] = &[
    t("hidden-internal-menu", false, menu),
    t("editorial-words", false, editorial),
    t("editorial-title", false, editorial_title),
    t("same-site-search-script", true, search_script),
    t("allowed-links", false, allowed_links),
    t("same-site-refresh", false, same_site_refresh),
    t("email-cloak-script", true, email_cloak),
    t("analytics", true, analytics),
    t("youtube-embed", true, youtube),
    t("gov-form", false, gov_form),
    t("language-switcher", true, language_switcher),
    t("details-faq", false, faq),
    t("logo-text-indent", false, logo),
    t("own-redirect", true, own_redirect),
    t("wp-rocket-delay-loader", true, wp_rocket),
];

fn simple(html: String) -> Payload {
    Payload {
        html,
        ..Default::default()
    }
}

fn menu(r: &mut Rng) -> Payload {
    let style = *r.pick(&[
        "display:none",
        "height:0;overflow:hidden",
        "position:absolute;left:-9999px",
    ]);
    simple(format!(
        "<nav class=\"menu-mobile\" style=\"{style}\"><ul><li><a href=\"/tin-tuc/\">Tin tức</a></li>\
<li><a href=\"/van-ban/\">Văn bản</a></li><li><a href=\"https://sogd.example.gov.vn/\">Sở Giáo dục</a></li></ul></nav>"
    ))
}

fn editorial(r: &mut Rng) -> Payload {
    let hidden = *r.pick(&[
        "<div style=\"display:none\">Phòng chống cá cược bóng đá mùa World Cup.</div>",
        "<details><summary>Xổ số</summary><p>Kết quả Xổ số kiến thiết miền Bắc.</p></details>",
        "",
    ]);
    simple(format!(
        "<article><h2>Công an tỉnh triệt phá đường dây cá độ bóng đá</h2><p>Các đối tượng tổ chức \
đánh bạc qua mạng, quảng cáo cho nhà cái nước ngoài; cơ quan chức năng khuyến cáo người dân \
không tham gia cá độ, cờ bạc dưới mọi hình thức.</p>{hidden}</article>"
    ))
}

/// A news headline naming two crimes: each is a weak word, together they reach the score.
fn editorial_title(r: &mut Rng) -> Payload {
    let title = *r.pick(&[
        "Bắt nhóm đối tượng đánh bạc, cá độ bóng đá qua mạng",
        "Xử lý nghiêm hành vi cá độ, đánh bạc dịp Euro",
        "Khởi tố vụ án tổ chức đánh bạc và cá cược bóng đá",
    ]);
    Payload {
        html: format!("<title>{title}</title>"),
        head: true,
        ..Default::default()
    }
}

fn search_script(_: &mut Rng) -> Payload {
    simple(
        "<form id=\"tim\" action=\"/tim-kiem\"><input id=\"q\" name=\"q\"><button>Tìm</button></form>\
<script>document.getElementById('tim').onsubmit=function(e){e.preventDefault();var q=document.getElementById('q').value;\
location.href='/tim-kiem?q='+encodeURIComponent(q)};document.getElementById('q').placeholder='Tìm kiếm';</script>"
            .into(),
    )
}

fn allowed_links(r: &mut Rng) -> Payload {
    let forms = [
        "<a href=\"https&#58;//chinhphu.vn/\">Chính phủ</a>",
        "<a href=\"//dichvucong.gov.vn/\">Dịch vụ công</a>",
        "<a href=\"HTTPS://SOGD.EXAMPLE.GOV.VN/\">Sở</a>",
        "<a href=\"mailto:vanthu@example.gov.vn\">Thư</a>",
        "<a href=\"tel:+842431234567\">Điện thoại</a>",
        "<a href=\"#noi-dung\">Lên đầu</a>",
        "<a href=\"?trang=2\">Trang sau</a>",
        "<a href=\"https://thpt-abc.edu.vn/\">Trường THPT</a>",
    ];
    let n = 2 + r.below(4);
    let links: Vec<&str> = (0..n).map(|_| *r.pick(&forms)).collect();
    simple(format!("<p>Liên kết: {}</p>", links.join(" · ")))
}

fn same_site_refresh(r: &mut Rng) -> Payload {
    let content = *r.pick(&["600", "1800;url=/", "300; URL=/tin-tuc/"]);
    Payload {
        html: format!("<meta http-equiv=\"refresh\" content=\"{content}\">"),
        head: true,
        ..Default::default()
    }
}

fn email_cloak(_: &mut Rng) -> Payload {
    simple(
        "<span id=\"cloak1\">Địa chỉ email này được bảo vệ.</span><script type=\"text/javascript\">\
document.getElementById('cloak1').innerHTML='';var prefix='&#109;a'+'i&#108;'+'&#116;o';var path='hr'+'ef'+'=';\
var addy1=String.fromCharCode(118,97,110,116,104,117)+'&#64;';addy1=addy1+'example'+'&#46;'+'gov'+'&#46;'+'vn';\
document.getElementById('cloak1').innerHTML+='<a '+path+'\\''+prefix+':'+addy1+'\\'>'+addy1+'<\\/a>';</script>"
            .into(),
    )
}

fn analytics(_: &mut Rng) -> Payload {
    simple(
        "<noscript><iframe src=\"https://www.googletagmanager.com/ns.html?id=GTM-AB12CD\" height=\"0\" width=\"0\" \
style=\"display:none;visibility:hidden\"></iframe></noscript>\
<img src=\"https://www.google-analytics.com/collect?v=1&amp;t=pageview\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\">"
            .into(),
    )
}

fn youtube(_: &mut Rng) -> Payload {
    simple(
        "<iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\" title=\"Video\" \
allow=\"accelerometer; encrypted-media; picture-in-picture\" allowfullscreen></iframe>"
            .into(),
    )
}

fn gov_form(_: &mut Rng) -> Payload {
    simple(
        "<form action=\"https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html\" method=\"get\">\
<label>Mã hồ sơ <input name=\"ma\"></label><button type=\"submit\">Tra cứu</button></form>"
            .into(),
    )
}

fn language_switcher(_: &mut Rng) -> Payload {
    simple(
        "<select id=\"lang\"><option value=\"vi\">Tiếng Việt</option><option value=\"en\">English</option></select>\
<span id=\"lang-label\"></span><script>(function(){var s=document.getElementById('lang');\
document.getElementById('lang-label').textContent=s.options[s.selectedIndex].text;\
s.onchange=function(){window.location.href='/'+s.value+window.location.pathname.replace(/^\\/(vi|en)/,'')}})();</script>"
            .into(),
    )
}

fn faq(_: &mut Rng) -> Payload {
    simple(
        "<details><summary>Hỏi đáp thủ tục</summary><ul><li><a href=\"/hoi-dap/cap-bang.html\">Cấp bản sao bằng</a></li>\
<li><a href=\"/hoi-dap/chuyen-truong.html\">Chuyển trường</a></li></ul></details>"
            .into(),
    )
}

fn logo(_: &mut Rng) -> Payload {
    simple(
        "<a href=\"/\" class=\"logo\" style=\"display:block;width:200px;height:60px;text-indent:-9999px;\
background:url(/anh/logo.png) no-repeat\">Sở Giáo dục và Đào tạo</a>"
            .into(),
    )
}

fn own_redirect(r: &mut Rng) -> Payload {
    let loc = *r.pick(&[
        "https://portal.example.gov.vn/tin-tuc/",
        "https://www.portal.example.gov.vn/",
        "https://chinhphu.vn/",
        "/trang-moi.html",
    ]);
    let status = *r.pick(&[301, 302, 308]);
    Payload {
        status: Some(status),
        headers: vec![("location".into(), loc.into())],
        ..Default::default()
    }
}

/// WP Rocket's "delay JavaScript execution": delayed scripts with same-site or allowed
/// `data-rocket-src`, and a loader (in its shape) that runs an inline one from a `data:`
/// URL of its own text.
fn wp_rocket(r: &mut Rng) -> Payload {
    let src = *r.pick(&[
        "/wp-content/themes/so/js/main.js?ver=1.2",
        "https://portal.example.gov.vn/wp-includes/js/jquery/jquery.min.js",
        "//dichvucong.gov.vn/widget/tra-cuu.js",
        "https://www.googletagmanager.com/gtag/js?id=G-AB12CD",
    ]);
    let run = *r.pick(&[
        "t.src=\"data:text/javascript;base64,\"+window.btoa(unescape(encodeURIComponent(t.text)))",
        "t.src='data:text/javascript,'+encodeURIComponent(t.textContent)",
    ]);
    simple(format!(
        "<script>(()=>{{class RocketLazyLoadScripts{{A(){{document.querySelectorAll(\"script[type=rocketlazyloadscript]\")\
.forEach((t=>{{const n=t.getAttribute(\"data-rocket-src\");t.removeAttribute(\"type\"),n?(t.removeAttribute(\"data-rocket-src\"),t.src=n):{run}}}))}}\
static run(){{const t=new RocketLazyLoadScripts;window.addEventListener(\"touchstart\",()=>t.A(),{{passive:!0}})}}}}RocketLazyLoadScripts.run()}})();</script>\
<script type=\"rocketlazyloadscript\" data-rocket-src=\"{src}\" defer></script>\
<script type=\"rocketlazyloadscript\">window.dataLayer=window.dataLayer||[];</script>"
    ))
}

/// The benign corpus files, sorted, then the benign pages still pending a fix
/// (`tests/mutation/pending`, listed in the known gaps).
pub fn corpus_files() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    for dir in ["tests/corpus/benign", "tests/mutation/pending"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.retain(|f| f.extension().is_some_and(|e| e == "html"));
        files.sort();
        all.extend(files);
    }
    all
}

/// Corpus page `(index - CORPUS_BASE) / codecs` under codec `(index - CORPUS_BASE) % codecs`.
pub fn corpus_variant(seed: u64, index: u64) -> Variant {
    const CORPUS: Template = t("corpus", false, |_| Payload::default());
    let k = (index - CORPUS_BASE) as usize;
    let files = corpus_files();
    let file = &files[(k / CODECS.len()) % files.len()];
    let raw = std::fs::read(file).expect("benign corpus page");
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("?")
        .to_string();
    let legacy = name.contains("windows-1258");
    let mut rng = Rng::for_variant(seed, index);
    Variant {
        index,
        seed,
        template: Template {
            name: Box::leak(name.into_boxed_str()),
            ..CORPUS
        },
        context: if rng.chance(50) {
            Context::Chunked
        } else {
            Context::Body
        },
        codec: CODECS[k % CODECS.len()],
        charset: if legacy {
            Charset::W1258Meta
        } else {
            Charset::Utf8
        },
        status: 200,
        headers: vec![],
        path: format!("/tin-tuc/v{index}-bai-viet.html"),
        page: String::from_utf8_lossy(&raw).into_owned(),
        payload: String::new(),
        planted: vec![],
        kept: vec![],
        junk: vec![],
        raw: Some(raw),
    }
}

//! Sanitizer throughput on realistic pages fed in 16 KiB chunks: the full sanitizer against
//! lol_html with no handlers on the same input (target: full ≥ 0.5 × bare).
//!
//! `cargo bench --bench sanitize -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group};
use lachan::audit::{AuditLog, RequestInfo};
use lachan::config::Site;
use lachan::sanitize::html::{PageContext, PageRewriter};

const CHUNK: usize = 16 * 1024;

fn site() -> Arc<Site> {
    let src = r#"
[server]
listen = ["127.0.0.1:8080"]
[[site]]
name = "portal"
hosts = ["portal.example.gov.vn"]
upstream = "http://127.0.0.1:9000"
allow = ["*.gov.vn", "chinhphu.vn", "*.edu.vn", "www.googletagmanager.com"]
"#;
    let config = lachan::config::parse(src, Path::new("bench.toml")).expect("bench config");
    Arc::clone(&config.sites[0])
}

/// A WordPress-like portal page: head with styles and scripts, a mega menu, news cards,
/// widgets, a footer with links to other agencies, and one planted hidden block.
fn portal_page(target: usize) -> Vec<u8> {
    let mut p = String::from(concat!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"UTF-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<title>Cổng thông tin điện tử tỉnh – Trang chủ</title>",
        "<meta name=\"description\" content=\"Tin tức, văn bản, thủ tục hành chính\">",
        "<link rel=\"stylesheet\" id=\"theme-css\" href=\"/wp-content/themes/portal/style.css?ver=6.4.2\" type=\"text/css\" media=\"all\">",
        "<style>.sr-only{position:absolute;left:-10000px}.menu .sub-menu{display:none}</style>",
        "<script>window._wpemojiSettings={\"baseUrl\":\"\\/wp-includes\\/images\\/\",\"ext\":\".png\"};!function(e,a,t){var n=a.createElement(\"canvas\");t.supports={}}(window,document,window._wpemojiSettings);</script>",
        "<script src=\"/wp-includes/js/jquery/jquery.min.js?ver=3.7.1\" id=\"jquery-core-js\"></script>",
        "</head><body class=\"home page-template-default page page-id-2 wp-custom-logo\">",
        "<a class=\"skip-link sr-only\" href=\"#content\">Bỏ qua nội dung</a>",
        "<header id=\"masthead\" class=\"site-header\"><nav class=\"menu main-navigation\"><ul id=\"primary-menu\" class=\"menu nav-menu\">",
    ));
    for i in 0..12 {
        p.push_str(&format!("<li id=\"menu-item-{i}\" class=\"menu-item menu-item-type-post_type menu-item-has-children\"><a href=\"/chuyen-muc-{i}/\">Chuyên mục {i}</a><ul class=\"sub-menu\">"));
        for j in 0..6 {
            p.push_str(&format!(
                "<li class=\"menu-item\"><a href=\"/chuyen-muc-{i}/muc-{j}/\">Mục {j}</a></li>"
            ));
        }
        p.push_str("</ul></li>");
    }
    p.push_str("</ul></nav></header><main id=\"content\" class=\"site-main\">");
    p.push_str("<div style=\"position:absolute;left:-9999px\"><a href=\"https://bet.test/\">nhà cái uy tín</a> <a href=\"https://slot.test/\">nổ hũ đổi thưởng</a></div>");
    let mut n = 0;
    while p.len() < target.saturating_sub(2000) {
        p.push_str(&format!(
            "<article id=\"post-{n}\" class=\"post-{n} post type-post status-publish format-standard has-post-thumbnail hentry category-tin-tuc\"><div class=\"entry-thumb\"><a href=\"/tin-tuc/bai-viet-{n}/\"><img width=\"300\" height=\"200\" src=\"/wp-content/uploads/2024/05/anh-{n}-300x200.jpg\" class=\"attachment-medium size-medium wp-post-image\" alt=\"\" decoding=\"async\" srcset=\"/wp-content/uploads/2024/05/anh-{n}-300x200.jpg 300w, /wp-content/uploads/2024/05/anh-{n}.jpg 1024w\" sizes=\"(max-width: 300px) 100vw, 300px\"></a></div><h2 class=\"entry-title\"><a href=\"/tin-tuc/bai-viet-{n}/\" rel=\"bookmark\">Ủy ban nhân dân tỉnh triển khai kế hoạch số {n} về cải cách hành chính</a></h2><div class=\"entry-meta\"><span class=\"posted-on\"><time datetime=\"2024-05-0{}T08:00:00+07:00\">0{}/05/2024</time></span></div><div class=\"entry-summary\"><p>Thực hiện chỉ đạo của Chính phủ về đẩy mạnh chuyển đổi số, các sở, ban, ngành đã tích cực triển khai dịch vụ công trực tuyến toàn trình &amp; một phần, góp phần nâng cao chất lượng phục vụ người dân và doanh nghiệp.</p></div><a class=\"more-link\" href=\"/tin-tuc/bai-viet-{n}/#more\">Xem thêm</a></article>\n",
            n % 9 + 1, n % 9 + 1
        ));
        n += 1;
    }
    p.push_str("</main><footer id=\"colophon\"><ul class=\"links\"><li><a href=\"https://chinhphu.vn/\">Cổng TTĐT Chính phủ</a></li><li><a href=\"https://moj.gov.vn/\">Bộ Tư pháp</a></li><li><a href=\"https://dichvucong.gov.vn/\">Dịch vụ công</a></li></ul>");
    p.push_str("<script>jQuery(function($){$('.menu-item-has-children').on('click',function(){$(this).toggleClass('open')})});</script></footer></body></html>");
    p.into_bytes()
}

/// A page with a hidden 400 KB textarea of one-letter words ("x x x …"), the worst case of
/// the letter-spaced reading (`lexicon_spaced`), then a planted iframe.
fn letter_spaced_page() -> Vec<u8> {
    let mut p = String::from("<!DOCTYPE html><html><head><title>Tin tức</title></head><body>");
    p.push_str("<textarea style=\"display:none\">");
    p.push_str(&"x ".repeat(200 * 1024));
    p.push_str("</textarea><iframe src=\"https://bet.test/\"></iframe></body></html>");
    p.into_bytes()
}

fn sanitize(site: &Arc<Site>, page: &[u8]) -> usize {
    let ctx = PageContext {
        site: Arc::clone(site),
        base: url::Url::parse("https://portal.example.gov.vn/").expect("base"),
        encoding: None,
        request: RequestInfo {
            site: "portal".into(),
            client_ip: "127.0.0.1".parse().expect("ip"),
            request_id: "bench".into(),
            method: "GET".into(),
            url: "/".into(),
        },
        audit: AuditLog::memory().0,
    };
    let mut rw = PageRewriter::new(ctx).expect("rewriter");
    let mut n = 0;
    for chunk in page.chunks(CHUNK) {
        n += rw.write(chunk).expect("write").len();
    }
    n + rw.end().expect("end").len()
}

fn bare(page: &[u8]) -> usize {
    let mut n = 0;
    let settings = lol_html::send::Settings::new_send();
    let mut rw = lol_html::send::HtmlRewriter::new(settings, |c: &[u8]| n += c.len());
    for chunk in page.chunks(CHUNK) {
        rw.write(chunk).expect("write");
    }
    rw.end().expect("end");
    n
}

/// lol_html with one no-op `*` handler: the floor that any handler on every element costs,
/// before the sanitizer does anything.
fn star_noop(page: &[u8]) -> usize {
    let mut n = 0;
    let settings = lol_html::send::Settings::new_send()
        .append_element_content_handler(lol_html::element!("*", |_el| Ok(())));
    let mut rw = lol_html::send::HtmlRewriter::new(settings, |c: &[u8]| n += c.len());
    for chunk in page.chunks(CHUNK) {
        rw.write(chunk).expect("write");
    }
    rw.end().expect("end");
    n
}

/// The handlers the sanitizer registers, as no-ops: `*` plus a text handler either on the
/// captured raw-text elements (one selector) or on the whole document.
fn star_text_noop(page: &[u8], doc_text: bool) -> usize {
    let mut n = 0;
    let mut settings = lol_html::send::Settings::new_send()
        .append_element_content_handler(lol_html::element!("*", |_el| Ok(())));
    settings = if doc_text {
        settings.append_document_content_handler(lol_html::doc_text!(|_t| Ok(())))
    } else {
        settings.append_element_content_handler(lol_html::text!(
            "script, style, title, noscript, noembed, noframes, xmp",
            |_t| Ok(())
        ))
    };
    let mut rw = lol_html::send::HtmlRewriter::new(settings, |c: &[u8]| n += c.len());
    for chunk in page.chunks(CHUNK) {
        rw.write(chunk).expect("write");
    }
    rw.end().expect("end");
    n
}

/// lol_html with one no-op element handler on `selector`: what the selector choice alone costs.
fn noop_on(page: &[u8], selector: &str) -> usize {
    let mut n = 0;
    let settings = lol_html::send::Settings::new_send()
        .append_element_content_handler(lol_html::element!(selector, |_el| Ok(())));
    let mut rw = lol_html::send::HtmlRewriter::new(settings, |c: &[u8]| n += c.len());
    for chunk in page.chunks(CHUNK) {
        rw.write(chunk).expect("write");
    }
    rw.end().expect("end");
    n
}

fn bench(c: &mut Criterion) {
    let site = site();
    for (name, size) in [("portal_100k", 100 * 1024), ("page_320k", 320 * 1024)] {
        let page = portal_page(size);
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(page.len() as u64));
        g.bench_function("full_sanitizer", |b| {
            b.iter(|| sanitize(&site, black_box(&page)))
        });
        g.bench_function("bare_lol_html", |b| b.iter(|| bare(black_box(&page))));
        g.bench_function("star_noop_lol_html", |b| {
            b.iter(|| star_noop(black_box(&page)))
        });
        g.bench_function("star_captured_text_noop", |b| {
            b.iter(|| star_text_noop(black_box(&page), false))
        });
        g.bench_function("star_doc_text_noop", |b| {
            b.iter(|| star_text_noop(black_box(&page), true))
        });
        for sel in ["a", "script", "a[href]", "[style]", "[onload]"] {
            g.bench_function(format!("noop {sel}"), |b| {
                b.iter(|| noop_on(black_box(&page), sel))
            });
        }
        g.finish();
    }
    let page = letter_spaced_page();
    let mut g = c.benchmark_group("letter_spaced_400k");
    g.throughput(Throughput::Bytes(page.len() as u64));
    g.sample_size(10);
    g.bench_function("full_sanitizer", |b| {
        b.iter(|| sanitize(&site, black_box(&page)))
    });
    g.finish();
}

criterion_group!(benches, bench);

/// `SANITIZE_PROFILE=full|star|captured|doctext|bare|spaced [SANITIZE_RUNS=n]` runs one variant on
/// the 100 KB page (`spaced`: the full sanitizer on the letter-spaced page) `n` times without criterion, for `valgrind --tool=callgrind` (instruction counts are
/// repeatable on a shared machine where wall-clock times are not).
fn main() {
    if let Ok(which) = std::env::var("SANITIZE_PROFILE") {
        let runs = std::env::var("SANITIZE_RUNS").map_or(20, |r| r.parse().expect("runs"));
        let (site, page) = (site(), portal_page(100 * 1024));
        let spaced = letter_spaced_page();
        let mut n = 0;
        for _ in 0..runs {
            n += match which.as_str() {
                "full" => sanitize(&site, black_box(&page)),
                "spaced" => sanitize(&site, black_box(&spaced)),
                "star" => star_noop(black_box(&page)),
                "captured" => star_text_noop(black_box(&page), false),
                "doctext" => star_text_noop(black_box(&page), true),
                _ => bare(black_box(&page)),
            };
        }
        println!("{which}: {runs} runs, {n} bytes out");
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}

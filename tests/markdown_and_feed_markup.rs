//! Attack suite (issue 14, delivery: rendered text types): Markdown and feeds carry HTML
//! and links that their renderers show, although the gateway's HTML reading sees text.
//! - `text/markdown`: inline HTML (judged by every HTML rule), and the Markdown link
//!   syntaxes to foreign hosts: inline links and images, reference definitions, bare URLs
//!   and `www.` hosts (GFM links them), autolinks `<https://…>`, with backslash escapes
//!   and entities in the destination, split across input chunks (`markdown.foreign`);
//! - RSS, Atom and `text/xml` feeds: HTML escaped into `description`/`content`
//!   (`&lt;a href=…&gt;`, numeric references) or wrapped in CDATA, which feed readers
//!   decode and render (`feed.markup`).
//!
//! Benign twins pass byte for byte: a README with own, relative and allowed links and
//! code, a feed whose escaped HTML links only the site, a sitemap.

use crate::common;

use bytes::Bytes;
use common::body::{chunked, chunks_of, resp};
use common::gateway::{Gateway, Setup};
use http_body_util::BodyExt;

fn serve(h: &Gateway, path: &str, ty: &'static str, body: String, step: usize) {
    let body = Bytes::from(body);
    h.upstream.route(path, move || {
        resp(
            200,
            &[("content-type", ty)],
            chunked(chunks_of(&body, step)),
        )
    });
}

async fn delivered(h: &Gateway, path: &str) -> String {
    let Ok(resp) = h.send(http::Method::GET, path, &[]).await else {
        return String::new();
    };
    let mut body = resp.into_body();
    let mut got = Vec::new();
    while let Some(Ok(frame)) = body.frame().await {
        got.extend_from_slice(frame.data_ref().map_or(&[][..], |d| &d[..]));
    }
    String::from_utf8_lossy(&got).into_owned()
}

const MARKDOWN: [&str; 12] = [
    "Xem [tại đây](https://bet.test/khuyen-mai) nhé.",
    "![banner](//bet.test/b.png \"quảng cáo\")",
    "Chi tiết [ở đây][1].\n\n[1]: https://bet.test/dang-ky \"Đăng ký\"",
    "   [lien-ket]: <https://bet.test/> 'x'",
    "Truy cập https://bet.test/ngay hoặc HTTP://BET.TEST.",
    "Trang www.bet.test/vip cho thành viên.",
    "Liên hệ <https://bet.test/lien-he> ngay.",
    "[x](https:\\/\\/bet.test\\/a)",
    "[x](https&#58;//bet&#46;test/a)",
    "<a href=\"https://bet.test/\">nhà cái</a> và <iframe src=\"https://bet.test/f\"></iframe>",
    "<div style=\"display:none\">\n\n[tài xỉu](https://bet.test/)\n\n</div>",
    "Dòng 1\n[x](<https://bet.test/a b>)\nDòng 3",
];

#[tokio::test]
async fn markdown_links_and_inline_html_to_foreign_hosts_are_removed() {
    let h = Setup::portal().start().await;
    for (i, md) in MARKDOWN.iter().enumerate() {
        let doc = format!("# Thông báo\n\nNội dung chính.\n\n{md}\n\nHết.\n");
        for ty in [
            "text/markdown",
            "text/markdown; charset=utf-8",
            "text/x-markdown",
        ] {
            for step in [4096usize, 7] {
                let path = format!("/d{i}-{step}-{}.md", ty.len());
                serve(&h, &path, ty, doc.clone(), step);
                let text = delivered(&h, &path).await;
                let low = text.to_ascii_lowercase();
                assert!(
                    !low.contains("bet.test") && !low.contains("bet&#46;test"),
                    "{md}: {text}"
                );
                assert!(
                    text.contains("Nội dung chính.") && text.contains("Hết."),
                    "{text}"
                );
            }
        }
    }
}

#[tokio::test]
async fn a_readme_with_own_and_allowed_links_passes_byte_for_byte() {
    let h = Setup::portal().start().await;
    let doc = "# Hướng dẫn\n\n- [Trang chủ](/)\n- [Văn bản](https://portal.example.gov.vn/van-ban \"VB\")\n\
        - [Chính phủ](https://chinhphu.vn/)\n- <https://moj.gov.vn/>\n- [Mục 2](#muc-2)\n\n\
        Liên hệ: <lienhe@example.gov.vn>, www.moj.gov.vn hoặc gọi.\n\n```\nif (a < b && c > d) { x = [1](2); }\n```\n\n\
        | Cột | Giá trị |\n|---|---|\n| a | 1 |\n\n[ref]: /tai-lieu/a.pdf\n![Logo](/static/logo.png)\n";
    for step in [4096usize, 5] {
        let path = format!("/readme-{step}.md");
        serve(
            &h,
            &path,
            "text/markdown; charset=utf-8",
            doc.to_string(),
            step,
        );
        let (parts, body) = h.body(&path, &[]).await;
        assert_eq!(parts.status, 200);
        assert_eq!(String::from_utf8_lossy(&body), doc, "{path}");
    }
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

fn rss(item: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Tin</title>\
         <link>https://portal.example.gov.vn/</link><item><title>Thông báo</title>\
         <link>https://portal.example.gov.vn/tin/1</link>{item}</item></channel></rss>"
    )
}

const FEED_ITEMS: [&str; 8] = [
    "<description>&lt;p&gt;Xem &lt;a href=\"https://bet.test/\"&gt;đây&lt;/a&gt;&lt;/p&gt;</description>",
    "<description>&lt;iframe src=&quot;https://bet.test/f&quot;&gt;&lt;/iframe&gt;</description>",
    "<description>&#60;a href=&#34;//bet.test/&#34;&#62;x&#60;/a&#62;</description>",
    "<description><![CDATA[<a href=\"https://bet.test/\">xem</a>]]></description>",
    "<description><![CDATA[<p>Tin</p><img src=\"https://bet.test/p.gif\">]]></description>",
    "<content:encoded><![CDATA[<script>location='https://bet.test/'</script>]]></content:encoded>",
    "<description>&lt;script&gt;location.replace('https://bet.test/')&lt;/script&gt;</description>",
    "<description>Tin &lt;a\nhref=\"https://bet.test/\"\n&gt;x&lt;/a&gt; hết</description>",
];

#[tokio::test]
async fn html_in_feed_text_to_foreign_hosts_is_removed() {
    let h = Setup::portal().start().await;
    for (i, item) in FEED_ITEMS.iter().enumerate() {
        for ty in ["application/rss+xml", "text/xml", "application/xml"] {
            for step in [4096usize, 6] {
                let path = format!("/f{i}-{step}-{}", ty.len());
                serve(&h, &path, ty, rss(item), step);
                let text = delivered(&h, &path).await;
                assert!(!text.contains("bet.test"), "{item} as {ty}: {text}");
            }
        }
    }
    let atom = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Tin</title>\
        <entry><title>x</title><content type=\"html\">&lt;a href=&quot;https://bet.test/&quot;&gt;x&lt;/a&gt;</content>\
        <summary type=\"html\">&lt;img src=\"https://bet.test/i.png\"&gt;</summary></entry></feed>";
    serve(&h, "/atom", "application/atom+xml", atom.to_string(), 5);
    let text = delivered(&h, "/atom").await;
    assert!(!text.contains("bet.test"), "{text}");
}

#[tokio::test]
async fn feeds_linking_the_site_and_sitemaps_pass_byte_for_byte() {
    let h = Setup::portal().start().await;
    let feeds = [
        rss(
            "<description>&lt;p&gt;Xem &lt;a href=\"/tin/1\"&gt;chi tiết&lt;/a&gt; &amp;amp; tải &lt;a href=\"https://chinhphu.vn/\"&gt;văn bản&lt;/a&gt;&lt;/p&gt;</description>",
        ),
        rss(
            "<description><![CDATA[<p>Tin <b>mới</b> <a href=\"https://portal.example.gov.vn/tin/2\">đây</a></p>]]></description>",
        ),
        rss("<description>Giá 5 &lt; 7 &amp; 8 &gt; 6</description>"),
        "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
         <url><loc>https://portal.example.gov.vn/?a=1&amp;b=2</loc></url></urlset>"
            .to_string(),
    ];
    for (i, f) in feeds.iter().enumerate() {
        for step in [4096usize, 3, 1] {
            let path = format!("/ok{i}-{step}");
            serve(&h, &path, "application/rss+xml", f.clone(), step);
            let (_, body) = h.body(&path, &[]).await;
            assert_eq!(String::from_utf8_lossy(&body), *f, "{path}");
        }
    }
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

/// Escaped scripts, handlers and redirects in feed text, in every escaping a feed reader
/// decodes, whatever the chunking: each goes, with a `feed.markup` event.
const ESCAPED_ACTIVE: [&str; 10] = [
    "<description>&lt;script&gt;location.replace('https://bet.test/')&lt;/script&gt;</description>",
    "<description>Tin &#60;script&#62;window.location=&#34;//bet.test/&#34;&#60;/script&#62;</description>",
    "<description>&#x3C;SCRIPT src=&quot;https://bet.test/x.js&quot;&#x3E;&#x3C;/SCRIPT&#x3E;</description>",
    "<description>&lt;img src=x onerror=&quot;location='https://bet.test/'&quot;&gt;</description>",
    "<description>&lt;meta http-equiv=&quot;refresh&quot; content=&quot;0;url=https://bet.test/&quot;&gt;</description>",
    "<description>&lt;a title=&quot;x&gt;y&quot; href=&quot;https://bet.test/&quot;&gt;Tin&lt;/a&gt;</description>",
    "<description>&lt;p&gt;Tin&lt;/p&gt;&lt;script&gt;setTimeout(function(){location.href='https://bet.test/'},1)</description>",
    "<description>&lt;a href=&quot;java&amp;#115;cript:location='https://bet.test/'&quot;&gt;x&lt;/a&gt;</description>",
    "<description>&lt;iframe srcdoc=&quot;&amp;lt;script&amp;gt;top.location='https://bet.test/'&amp;lt;/script&amp;gt;&quot;&gt;&lt;/iframe&gt;</description>",
    "<description>&lt;noscript&gt;&lt;a href=&quot;https://bet.test/&quot;&gt;nhà cái&lt;/a&gt;&lt;/noscript&gt;</description>",
];

#[tokio::test]
async fn escaped_scripts_and_redirects_in_feed_text_are_removed_with_an_event() {
    let h = Setup::portal().start().await;
    for (i, item) in ESCAPED_ACTIVE.iter().enumerate() {
        for step in [4096usize, 9, 1] {
            let before = h.events_of("feed.markup").len();
            let path = format!("/e{i}-{step}");
            serve(&h, &path, "application/rss+xml", rss(item), step);
            let text = delivered(&h, &path).await;
            assert!(!text.contains("bet.test"), "{item} by {step}: {text}");
            assert!(text.contains("</description></item>"), "{text}");
            assert!(
                h.events_of("feed.markup").len() > before,
                "{item} by {step}: no event"
            );
        }
    }
    let atom = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>\
        <content type=\"html\">&lt;script&gt;document.location = &quot;https://bet.test/&quot;&lt;/script&gt;</content>\
        </entry></feed>";
    for step in [4096usize, 4] {
        let path = format!("/atom-s{step}");
        serve(&h, &path, "application/atom+xml", atom.to_string(), step);
        let text = delivered(&h, &path).await;
        assert!(!text.contains("bet.test"), "{text}");
    }
}

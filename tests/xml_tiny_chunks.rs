//! False-positive guard and attack suite (issue 14, delivery: XML in tiny chunks): the XML
//! reading judges a DOCTYPE from its raw bytes (an internal subset declares entities that
//! inject markup). A DOCTYPE split over many chunks (a WAP gateway, a slow upstream, a
//! chunking proxy) must still be read whole: benign WML, XHTML, RSS, Atom and sitemap
//! documents with a DOCTYPE come through byte for byte at 1- and 3-byte chunks.
//!
//! Attack twins, same chunking: a foreign link, script or timer in each is removed, and a
//! DOCTYPE with an internal subset (or one too long to hold) still refuses the document.

use crate::common;
use crate::json_feed_payloads::{delivered, serve};

use common::gateway::Setup;

const STEPS: [usize; 3] = [4096, 3, 1];

const WML_DTD: &str = "<!DOCTYPE wml PUBLIC \"-//WAPFORUM//DTD WML 1.1//EN\" \"http://www.wapforum.org/DTD/wml_1.1.xml\">";
const XHTML_DTD: &str = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\"\n  \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">";
const RSS_DTD: &str = "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">";

fn doc(dtd: &str, root: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{dtd}\n{root}\n")
}

fn wml(card: &str) -> String {
    doc(
        WML_DTD,
        &format!("<wml><card id=\"home\" title=\"Cổng\"><p>Tin mới</p>{card}</card></wml>"),
    )
}

fn xhtml(body: &str) -> String {
    doc(
        XHTML_DTD,
        &format!(
            "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"vi\"><head><title>Cổng thông tin</title></head>\
             <body><h1>Tin tức</h1>{body}</body></html>"
        ),
    )
}

fn rss(item: &str) -> String {
    doc(
        RSS_DTD,
        &format!(
            "<rss version=\"0.91\"><channel><title>Tin</title><link>https://portal.example.gov.vn/</link>\
             <description>Tin tức</description><language>vi</language>\
             <item><title>Thông báo</title><link>https://portal.example.gov.vn/tin/1</link>{item}</item></channel></rss>"
        ),
    )
}

fn atom(entry: &str) -> String {
    doc(
        "<!DOCTYPE feed>",
        &format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Tin</title><id>urn:x</id>\
             <link href=\"https://portal.example.gov.vn/\"/><entry><title>Tin 1</title>{entry}</entry></feed>"
        ),
    )
}

#[tokio::test]
async fn xml_documents_with_a_doctype_pass_byte_for_byte_in_tiny_chunks() {
    let h = Setup::portal().start().await;
    let docs = [
        (
            "text/vnd.wap.wml",
            wml(
                "<p><a href=\"/wap/tin?id=1&amp;p=2\">Tin</a> <anchor>Chính phủ<go href=\"https://chinhphu.vn/\"/></anchor></p>",
            ),
        ),
        (
            "application/xhtml+xml",
            xhtml(
                "<p><a href=\"/tin/1\">Chi tiết</a> và <a href=\"https://chinhphu.vn/\">văn bản</a></p>",
            ),
        ),
        (
            "application/rss+xml",
            rss("<description>Giá 5 &lt; 7 &amp; &lt;b&gt;mới&lt;/b&gt;</description>"),
        ),
        (
            "application/atom+xml",
            atom("<link href=\"https://portal.example.gov.vn/tin/1\"/><summary>Tóm tắt</summary>"),
        ),
        (
            "text/xml",
            doc(
                "<!DOCTYPE urlset SYSTEM \"/sitemap.dtd\">",
                "<urlset><url><loc>https://portal.example.gov.vn/</loc></url></urlset>",
            ),
        ),
    ];
    for (i, (ty, body)) in docs.iter().enumerate() {
        for step in STEPS {
            let path = format!("/xml-ok{i}-{step}");
            serve(&h, &path, ty, body.clone(), step);
            let (text, clean) = delivered(&h, &path).await;
            assert!(
                clean && text == *body,
                "{ty} by {step}: {:?}\n=> {text}",
                h.rules()
            );
        }
    }
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

#[tokio::test]
async fn attacks_in_doctype_documents_are_removed_in_tiny_chunks() {
    let h = Setup::portal().start().await;
    let docs = [
        ("text/vnd.wap.wml", wml("<p><a href=\"https://bet.test/\">nhà cái</a></p>")),
        ("text/vnd.wap.wml", wml("<onevent type=\"ontimer\"><go href=\"//bet.test/\"/></onevent><timer value=\"1\"/>")),
        ("application/xhtml+xml", xhtml("<script>location.replace('https://bet.test/')</script>")),
        ("application/xhtml+xml", xhtml("<p><iframe src=\"//bet.test/f\" width=\"0\" height=\"0\"/></p>")),
        ("application/rss+xml", rss("<description>&lt;a href=\"https://bet.test/\"&gt;nhà cái&lt;/a&gt;</description>")),
        ("application/atom+xml", atom("<content type=\"html\">&lt;script&gt;location='https://bet.test/'&lt;/script&gt;</content>")),
        // An internal subset: its entities inject markup; refused whatever the chunking.
        ("text/xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e \"&#60;script&#62;location='https://bet.test/'&#60;/script&#62;\">]>\n<x>&e;</x>".to_string()),
        ("application/xhtml+xml", xhtml("").replacen("xhtml1-strict.dtd\"", "xhtml1-strict.dtd\" [<!ENTITY e \"&#60;a href='https://bet.test/'&#62;x&#60;/a&#62;\">]", 1).replace("<h1>", "&e;<h1>")),
        // A DOCTYPE too long to hold (64 KiB of public id): refused, not passed unread.
        ("text/vnd.wap.wml", wml("").replacen("WML 1.1//EN", &format!("WML 1.1//EN{}", " ".repeat(64 * 1024)), 1).replacen("<wml>", "<!DOCTYPE y [<!ENTITY e \"&#60;a href='https://bet.test/'&#62;\">]><wml>&e;", 1)),
    ];
    for (i, (ty, body)) in docs.iter().enumerate() {
        for step in STEPS {
            let before = h.rules().len();
            let path = format!("/xml-bad{i}-{step}");
            serve(&h, &path, ty, body.clone(), step);
            let (text, _) = delivered(&h, &path).await;
            assert!(
                !text.contains("bet.test"),
                "{ty} by {step}: {body}\n=> {text}"
            );
            assert!(
                h.rules().len() > before,
                "{ty} by {step}: no event for {body}"
            );
        }
    }
}

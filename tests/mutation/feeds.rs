//! Feeds and page-equivalent types (issue 14, class 8, delivery): whole documents that a
//! feed reader or a browser renders as a page under a type that does not say HTML. RSS
//! `description` and Atom `content`/`summary` with escaped HTML (`&lt;`, `&#60;`, `&#x3C;`,
//! CDATA), JSON Feed `content_html` with JSON escapes and foreign link fields, HTML
//! Applications, WML decks (timers, `go`, navigation attributes), XSLT stylesheets
//! (result elements, attribute value templates) and Markdown (links, autolinks,
//! references). Every payload carries a marker (a script's name or a URL path) that must
//! be gone. ASCII only, so every charset of the corpus sends the same bytes. The benign
//! twins: the same documents with own and allowed links only.

use super::rng::Rng;
use super::{Kind, Payload, Template};

const fn t(name: &'static str, kind: Kind, make: fn(&mut Rng) -> Payload) -> Template {
    let benign = matches!(kind, Kind::Benign);
    Template {
        family: if benign { "benign" } else { "A4" },
        class: if benign { 0 } else { 8 },
        name,
        kind,
        active: !benign,
        make,
    }
}

pub const TEMPLATES: &[Template] = &[
    t("feed-escaped-html", Kind::Script, feed),
    t("json-feed-html-and-links", Kind::Script, json_feed),
    t("page-equivalent-documents", Kind::Script, page_equivalent),
];

pub const BENIGN: &[Template] = &[
    t("own-feeds", Kind::Benign, own_feed),
    t("own-page-equivalents", Kind::Benign, own_page_equivalent),
];

/// An HTML payload carrying `m` and a foreign `url`.
fn html_payload(r: &mut Rng, m: &str, url: &str) -> String {
    match r.below(6) {
        0 => format!("<script>var {m}=1;location.replace('{url}')</script>"),
        1 => format!("<iframe src=\"{url}{m}\" width=\"0\" height=\"0\"></iframe>"),
        2 => format!("<meta http-equiv=\"refresh\" content=\"0;url={url}{m}\">"),
        3 => format!("<img src=\"x\" onerror=\"var {m}=1;top.location='{url}'\">"),
        4 => format!("<p>Tin moi <script src=\"{url}{m}.js\"></script></p>"),
        _ => format!("<a href=\"javascript:var {m}=1;location='{url}'\">Xem</a>"),
    }
}

/// `html` escaped as an XML text node reads it.
fn xml_escaped(r: &mut Rng, html: &str) -> String {
    match r.below(4) {
        0 => html
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;"),
        1 => html
            .replace('<', "&#60;")
            .replace('>', "&#62;")
            .replace('"', "&#34;"),
        2 => html.replace('<', "&#x3C;").replace('>', "&#x3E;"),
        _ => format!("<![CDATA[{html}]]>"),
    }
}

fn rss(item: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Tin tuc</title>\
         <link>https://portal.example.gov.vn/</link><description>Cong thong tin</description>\
         <item><title>Thong bao</title><link>https://portal.example.gov.vn/tin/1</link>{item}</item>\
         </channel></rss>\n"
    )
}

fn atom(entry: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\
         <title>Tin tuc</title><id>https://portal.example.gov.vn/</id>\
         <link href=\"https://portal.example.gov.vn/\"/><entry><title>Thong bao</title>\
         <id>https://portal.example.gov.vn/tin/1</id>{entry}</entry></feed>\n"
    )
}

fn whole(body: String, ty: &str, planted: Vec<String>) -> Payload {
    Payload {
        html: body,
        planted,
        whole_page: true,
        headers: vec![("content-type".into(), ty.into())],
        ..Default::default()
    }
}

fn feed(r: &mut Rng) -> Payload {
    let m = r.marker();
    let host = r.host();
    let url = format!("https://{host}/");
    let html = html_payload(r, &m, &url);
    let text = xml_escaped(r, &html);
    let lead = *r.pick(&["", "Tin moi: ", "<br>"]);
    let lead = xml_escaped(r, lead);
    match r.below(3) {
        0 => {
            let el = *r.pick(&["description", "content:encoded"]);
            let ty = *r.pick(&["application/rss+xml", "text/xml", "application/xml"]);
            whole(rss(&format!("<{el}>{lead}{text}</{el}>")), ty, vec![m])
        }
        _ => {
            let el = *r.pick(&["content", "summary"]);
            let body = atom(&format!("<{el} type=\"html\">{lead}{text}</{el}>"));
            whole(body, "application/atom+xml", vec![m])
        }
    }
}

/// `s` as a JSON string body, in one of the escapings a JSON writer uses.
fn json_escaped(r: &mut Rng, s: &str) -> String {
    let plain = s.replace('\\', "\\\\").replace('"', "\\\"");
    match r.below(3) {
        0 => plain,
        1 => plain.replace('<', "\\u003c").replace('>', "\\u003e"),
        _ => plain.replace('/', "\\/"),
    }
}

fn json_doc(r: &mut Rng, item: &str) -> (String, &'static str) {
    let version = "\"version\": \"https://jsonfeed.org/version/1.1\"";
    let head = "\"title\": \"Tin tuc\", \"home_page_url\": \"https://portal.example.gov.vn/\"";
    let items = format!(
        "\"items\": [{{\"id\": \"1\", \"url\": \"https://portal.example.gov.vn/tin/1\", {item}}}]"
    );
    match r.below(3) {
        0 => (
            format!("{{{version}, {head}, {items}}}\n"),
            "application/feed+json",
        ),
        1 => (
            format!("{{{head}, {items}, {version}}}\n"),
            "application/json",
        ),
        _ => (format!("{{{head}, {items}}}\n"), "application/feed+json"),
    }
}

fn json_feed(r: &mut Rng) -> Payload {
    let m = r.marker();
    let host = r.host();
    let url = format!("https://{host}/");
    let item = match r.below(3) {
        0 => {
            let html = html_payload(r, &m, &url);
            let key = *r.pick(&["content_html", "summary", "content_text"]);
            format!("\"{key}\": \"{}\"", json_escaped(r, &html))
        }
        1 => {
            let key = *r.pick(&["external_url", "image", "banner_image"]);
            format!("\"{key}\": \"{}\"", json_escaped(r, &format!("{url}{m}")))
        }
        _ => format!(
            "\"authors\": [{{\"name\": \"A\", \"url\": \"{}\"}}]",
            json_escaped(r, &format!("{url}{m}"))
        ),
    };
    let (body, ty) = json_doc(r, &item);
    whole(body, ty, vec![m])
}

fn wml(card: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE wml PUBLIC \"-//WAPFORUM//DTD WML 1.1//EN\" \
         \"http://www.wapforum.org/DTD/wml_1.1.xml\">\n<wml><card id=\"home\" title=\"Tin\">{card}</card></wml>\n"
    )
}

fn xsl(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xsl:stylesheet version=\"1.0\" \
         xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"><xsl:template match=\"/\">\
         <html><head><title>Sitemap</title></head><body><h1>So do trang</h1>{body}</body></html>\
         </xsl:template></xsl:stylesheet>\n"
    )
}

fn page_equivalent(r: &mut Rng) -> Payload {
    let m = r.marker();
    let host = r.host();
    let url = format!("https://{host}/{m}");
    match r.below(4) {
        0 => {
            let html = html_payload(r, &m, &format!("https://{host}/"));
            let body = format!(
                "<HTA:APPLICATION ID=\"app\" APPLICATIONNAME=\"Tin\"/>\n<html><body><p>Ung dung</p>{html}</body></html>\n"
            );
            let ty = *r.pick(&["application/hta", "application/x-hta", "text/x-component"]);
            whole(body, ty, vec![m])
        }
        1 => {
            let card = match r.below(4) {
                0 => format!(
                    "<onevent type=\"ontimer\"><go href=\"{url}\"/></onevent><timer value=\"1\"/><p>Cho</p>"
                ),
                1 => format!("<p><a href=\"{url}\">Vao</a></p>"),
                2 => format!("<p><anchor>Vao<go href=\"{url}\"/></anchor></p>"),
                _ => format!("<p><select><option onpick=\"{url}\">Di</option></select></p>"),
            };
            let card = if r.chance(30) {
                format!(
                    "<p>x</p></card><card id=\"b\" ontimer=\"{url}\"><timer value=\"1\"/>{card}"
                )
            } else {
                card
            };
            let ty = *r.pick(&["text/vnd.wap.wml", "application/vnd.wap.xhtml+xml"]);
            whole(wml(&card), ty, vec![m])
        }
        2 => {
            let body = match r.below(4) {
                0 => format!("<script>var {m}=1;window.location='https://{host}/'</script>"),
                1 => format!("<meta http-equiv=\"refresh\" content=\"0;url={url}\"/>"),
                2 => format!("<a href=\"{{concat('https://{host}', '/{m}')}}\">x</a>"),
                _ => format!(
                    "<xsl:element name=\"script\">var {m}=1;location='https://{host}/'</xsl:element>"
                ),
            };
            let ty = *r.pick(&["text/xsl", "application/xslt+xml"]);
            whole(xsl(&body), ty, vec![m])
        }
        _ => {
            let link = match r.below(4) {
                0 => format!("Xem [tai day]({url})."),
                1 => format!("Truy cap <{url}> nhe."),
                2 => format!("Xem [o day][1].\n\n[1]: {url}"),
                _ => format!("<a href=\"{url}\">Xem</a>"),
            };
            let ty = *r.pick(&[
                "text/markdown",
                "text/x-markdown",
                "text/markdown; variant=GFM",
            ]);
            whole(format!("# Tin tuc\n\n{link}\n\nHet.\n"), ty, vec![m])
        }
    }
}

fn own_feed(r: &mut Rng) -> Payload {
    let html = *r.pick(&[
        "<p>Xem <a href=\"/tin/1\">chi tiet</a> va <a href=\"https://chinhphu.vn/\">van ban</a></p>",
        "<p>Tin <b>moi</b> <img src=\"/static/a.png\" alt=\"\"></p>",
        "Gia 5 < 7 <br>Thong bao lich tiep cong dan",
    ]);
    match r.below(3) {
        0 => {
            let text = xml_escaped(r, html);
            whole(
                rss(&format!("<description>{text}</description>")),
                "application/rss+xml",
                vec![],
            )
        }
        1 => {
            let text = xml_escaped(r, html);
            let body = atom(&format!("<content type=\"html\">{text}</content>"));
            whole(body, "application/atom+xml", vec![])
        }
        _ => {
            let item = format!("\"content_html\": \"{}\"", json_escaped(r, html));
            let (body, ty) = json_doc(r, &item);
            whole(body, ty, vec![])
        }
    }
}

fn own_page_equivalent(r: &mut Rng) -> Payload {
    match r.below(4) {
        0 => whole(
            "<HTA:APPLICATION ID=\"app\"/>\n<html><body><a href=\"/tin\">Tin</a> \
             <a href=\"https://chinhphu.vn/\">Chinh phu</a></body></html>\n"
                .into(),
            "application/hta",
            vec![],
        ),
        1 => whole(
            wml(
                "<onevent type=\"ontimer\"><go href=\"#tin\"/></onevent><timer value=\"30\"/>\
                 <p><a href=\"/wap/tin?id=1&amp;p=2\">Tin moi</a> <anchor>Chinh phu<go href=\"https://chinhphu.vn/\"/></anchor></p>",
            ),
            "text/vnd.wap.wml",
            vec![],
        ),
        2 => whole(
            xsl(
                "<a href=\"/\">Trang chu</a> <a href=\"https://chinhphu.vn/\">Chinh phu</a>\
                 <link rel=\"stylesheet\" href=\"/sitemap.css\"/>",
            ),
            "text/xsl",
            vec![],
        ),
        _ => whole(
            "# Tin tuc\n\nXem [chi tiet](/tin/1) va <https://chinhphu.vn/>.\n\n[1]: /van-ban\n"
                .into(),
            "text/markdown",
            vec![],
        ),
    }
}

//! Attack suite (issue 14, delivery: allowed host abused): Google (allowed by the site)
//! made to forward the visitor elsewhere.
//! - An auto-submitted GET form whose action is an allowed Google page and whose hidden
//!   fields make it "I'm Feeling Lucky" (`btnI`), a DuckDuckGo `!ducky`/`\` query, or a
//!   redirector (`/url?q=`, `/imgres?imgurl=`) to a foreign URL: the field loses its
//!   `name` (`form.redirector`), so the submission is an ordinary search.
//! - The redirector family in links: `imgres?imgurl=…&imgrefurl=…`, `url?q=` with a bare
//!   host, the cache (`search?q=cache:host`), Translate's proxy (`translate?u=host`).
//!
//! Benign twins stay byte for byte: a site-search form to Google, a login form whose
//! `redirect` field is the site's own page or an allowed host, links to Google searches.

use crate::common;

use std::path::Path;
use std::sync::Arc;

use common::rewrite::{clean, rule_ids};
use common::{ALLOW, HOST};
use lachan::config::Site;

fn google_site() -> Arc<Site> {
    let allow = ALLOW
        .iter()
        .chain(&[
            "www.google.com",
            "google.com",
            "www.google.com.vn",
            "duckduckgo.com",
        ])
        .map(|h| format!("\"{h}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let text = format!(
        "[server]\nlisten = [\"127.0.0.1:8080\"]\n\n[[site]]\nname = \"portal\"\n\
         hosts = [\"{HOST}\"]\nupstream = \"http://127.0.0.1:9000\"\nmode = \"enforce\"\n\
         allow = [{allow}]\n"
    );
    let config = lachan::config::parse(&text, Path::new("t.toml")).unwrap();
    Arc::clone(&config.sites[0])
}

const SUBMIT: &str = "<script>document.forms[0].submit()</script>";

#[test]
fn auto_submitted_feeling_lucky_forms_lose_the_lucky_field() {
    let forms = [
        "<form action=\"https://www.google.com/search\" method=get><input type=hidden name=q value=\"nha cai uy tin\"><input type=hidden name=btnI value=1></form>",
        "<FORM ACTION=//google.com/search><INPUT TYPE=HIDDEN NAME=BTNI VALUE=\"I'm Feeling Lucky\"><input type=hidden name=q value=x></FORM>",
        "<form action=\"https://www.google.com.vn/search\"><input name=\"btn&#73;\" type=hidden><input name=q value=tai+xiu type=hidden></form>",
        "<form id=f action=\"https://www.google.com/search\"></form><input form=f type=hidden name=q value=x><input form=f type=hidden name=btnI>",
        "<form action=\"https://www.google.com/search\"><input type=hidden name=q value=x><button name=btnI value=1>Đi</button></form>",
        "<form action=\"https://www.google.com/search\"><input type=hidden name=q value=x><select name=btnI hidden><option>1</option></select></form>",
        "<form action=\"https://duckduckgo.com/\"><input type=hidden name=q value=\"\\thoi tiet\"></form>",
        "<form action=\"https://duckduckgo.com/\"><input type=hidden name=q value=\"!ducky thoi tiet\"></form>",
    ];
    let site = google_site();
    for f in forms {
        let page = format!("<p>a</p>{f}{SUBMIT}");
        let (out, events) = clean(&site, &page);
        let low = out.to_ascii_lowercase();
        assert!(
            !low.contains("btni") && !low.contains("btn&#73;"),
            "{page}: {out}"
        );
        assert!(
            !low.contains("name=q value=\"\\") && !low.contains("!ducky\""),
            "{out}"
        );
        assert!(
            rule_ids(&events).contains(&"form.redirector"),
            "{page}: {out} {:?}",
            rule_ids(&events)
        );
    }
}

#[test]
fn form_fields_that_make_an_allowed_redirector_leave_the_site_are_removed() {
    let forms = [
        "<form action=\"https://www.google.com/url\"><input type=hidden name=q value=\"https://bet.test/\"></form>",
        "<form action=\"https://www.google.com/url\"><input type=hidden name=url value=\"https%3A%2F%2Fbet.test%2F\"></form>",
        "<form action=\"https://www.google.com/imgres\"><input type=hidden name=imgurl value=\"//bet.test/a.jpg\"><input type=hidden name=imgrefurl value=\"https://bet.test/\"></form>",
        "<form action=\"https://moj.gov.vn/out.php\" method=get><input type=hidden name=Redirect_URI value=\"HTTPS://BET.TEST/\"></form>",
        "<form action=\"/dang-nhap\"><input type=hidden name=next value=\"https://bet.test/\"></form>",
        "<form action=\"https://www.google.com/url\"><textarea name=q hidden>x</textarea><input type=hidden name=u value=\"https:&#x2F;&#x2F;bet.test\"></form>",
    ];
    let site = google_site();
    for f in forms {
        let page = format!("<p>a</p>{f}{SUBMIT}");
        let (out, events) = clean(&site, &page);
        assert!(
            !out.to_ascii_lowercase().contains("bet.test"),
            "{page}: {out}"
        );
        assert!(!out.contains("bet&#x2e;test"), "{page}: {out}");
        assert!(rule_ids(&events).contains(&"form.redirector"), "{page}");
    }
}

#[test]
fn google_redirector_family_links_to_foreign_hosts_are_unwrapped() {
    let links = [
        "https://www.google.com/imgres?imgurl=https://bet.test/a.jpg&amp;imgrefurl=https://bet.test/&amp;h=1",
        "https://www.google.com/imgres?imgrefurl=https%3A%2F%2Fbet.test%2F&amp;tbnid=x",
        "https://www.google.com/url?q=bet.test/khuyen-mai&amp;sa=D",
        "https://www.google.com/url?sa=t&amp;url=bet.test",
        "https://www.google.com/search?q=cache:bet.test/",
        "https://www.google.com/search?q=cache:AbC123xyz:bet.test/trang",
        "https://google.com.vn/interstitial?url=https://bet.test/",
        "https://www.google.com/local_url?q=https://bet.test/&amp;dq=x",
    ];
    let site = google_site();
    for l in links {
        let page = format!("<p>Xem <a href=\"{l}\">ảnh</a>.</p>");
        let (out, events) = clean(&site, &page);
        assert_eq!(out, "<p>Xem ảnh.</p>", "{l}");
        assert_eq!(rule_ids(&events), ["link.foreign"], "{l}");
    }
}

#[test]
fn site_search_login_forms_and_google_searches_stay_byte_for_byte() {
    let pages = [
        "<form action=\"https://www.google.com/search\" method=get><input name=q placeholder=\"Tìm\"><input type=hidden name=sitesearch value=\"portal.example.gov.vn\"><input type=submit name=btnG value=\"Tìm\"></form>",
        "<form action=\"/dang-nhap\" method=post><input type=hidden name=redirect value=\"/trang-chu\"><input name=user><button type=submit>Vào</button></form>",
        "<form action=\"/dang-nhap\"><input type=hidden name=return_url value=\"https://dichvucong.gov.vn/p\"></form>",
        "<form action=\"https://duckduckgo.com/\"><input type=hidden name=q value=\"site:portal.example.gov.vn\"></form>",
        "<a href=\"https://www.google.com/search?q=cache:portal.example.gov.vn/\">bản lưu</a>",
        "<a href=\"https://www.google.com/url?q=https://chinhphu.vn/&amp;sa=D\">Chính phủ</a>",
        "<a href=\"https://www.google.com/imgres?imgurl=https://portal.example.gov.vn/a.jpg\">ảnh</a>",
        "<select name=linh_vuc><option value=1>Tư pháp</option></select><textarea name=noi_dung>Góp ý</textarea>",
    ];
    let site = google_site();
    for page in pages {
        let (out, events) = clean(&site, page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{page}: {:?}", rule_ids(&events));
    }
}

//! Attack suite (issue 14, redirects B7 through an allowed host, class 1 of the third red
//! team round): a form to an allowed redirector whose target rides in a field that does
//! not hold it in a `value` attribute, or that is submitted somewhere else than the form's
//! action. A `<textarea>`'s text, a `<select>`'s options (or what a script fills in), a
//! submit button's own `formaction` with its own `name=value`, and the "lucky" variants
//! (`lucky` on Google, `!lucky` on DuckDuckGo). The form goes whole under
//! `form.redirector`, or the field loses its name.
//!
//! Benign twins pass byte for byte: a site search to Google with a `<select>` of
//! `sitesearch` hosts, a local search with a `<textarea>` and a `formaction` to the site's
//! own advanced search, a YouTube search with a filter `<select>`.

use crate::common;

use std::path::Path;
use std::sync::Arc;

use common::rewrite::{clean, rule_ids};
use common::{ALLOW, HOST};
use lachan::config::Site;

fn redirector_site() -> Arc<Site> {
    let allow = ALLOW
        .iter()
        .chain(&[
            "www.google.com",
            "google.com",
            "www.google.com.vn",
            "*.facebook.com",
            "www.youtube.com",
            "vk.com",
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

fn assert_gone(page: &str) {
    let site = redirector_site();
    let (out, events) = clean(&site, page);
    let low = out.to_ascii_lowercase();
    assert!(
        !low.contains("vaynhanh24h") && !low.contains("bet.test") && !low.contains("bet%2e"),
        "{page}\n=> {out}"
    );
    assert!(
        !low.contains("lucky") && !low.contains("btni"),
        "{page}\n=> {out}"
    );
    assert!(
        rule_ids(&events).contains(&"form.redirector"),
        "{page}: {:?}",
        rule_ids(&events)
    );
}

const SUBMIT: &str =
    "<script>setTimeout(function(){document.getElementById('gf').submit()},800)</script>";

#[test]
fn textarea_and_select_targets_to_allowed_redirectors_go_whole() {
    for (action, field) in [
        (
            "https://www.google.com/url",
            "<textarea name=q hidden>https://vaynhanh24h.test/</textarea>",
        ),
        (
            "https://www.google.com/url",
            "<textarea name=\"q\" style=\"display:none\">vaynhanh24h.test/vay</textarea>",
        ),
        (
            "https://google.com/url",
            "<TEXTAREA NAME=url hidden>http%3A%2F%2Fvaynhanh24h.test%2F</TEXTAREA>",
        ),
        (
            "https://www.google.com.vn/search",
            "<textarea name=q hidden>cache:vaynhanh24h.test</textarea>",
        ),
        (
            "https://www.google.com/url",
            "<select name=q hidden><option value=\"vaynhanh24h.test/x\">a</option></select>",
        ),
        (
            "https://www.google.com/url",
            "<select name=q hidden><option selected>https://vaynhanh24h.test/x</option></select>",
        ),
        (
            "https://l.facebook.com/l.php",
            "<select name=u hidden><option>https%3A%2F%2Fbet.test%2F</option></select>",
        ),
        (
            "https://vk.com/away.php",
            "<textarea name=to hidden>https://bet.test/</textarea>",
        ),
        (
            "https://www.youtube.com/redirect",
            "<select name=q><option label=x>//bet.test/</option></select>",
        ),
        // Filled in by the page's script: the start tag holds nothing.
        (
            "https://www.google.com/url",
            "<textarea name=q hidden></textarea>",
        ),
    ] {
        for method in ["get", "GET", "post"] {
            let page = format!(
                "<p>Tin</p><form id=\"gf\" action=\"{action}\" method=\"{method}\">{field}</form>{SUBMIT}<p>Hết</p>"
            );
            assert_gone(&page);
        }
    }
}

#[test]
fn a_submit_buttons_own_formaction_is_judged_with_its_own_field() {
    for control in [
        "<button formaction=\"https://www.google.com/url\" name=\"q\" value=\"vaynhanh24h.test/x\">Xem</button>",
        "<button formaction=\"https://www.google.com/url\" name=\"url\" value=\"http%3A%2F%2Fvaynhanh24h.test\">Xem</button>",
        "<input type=submit formaction=\"https://l.facebook.com/l.php\" name=u value=\"https%3A%2F%2Fbet.test%2F\">",
        "<input type=image src=/anh/x.png formaction=\"https://www.google.com/search\" name=lucky value=1>",
        "<BUTTON FORMACTION=\"https://www.google.com/url\" NAME=q VALUE=\"bet.test\" hidden></BUTTON>",
    ] {
        let page = format!(
            "<form id=\"gf\" action=\"/tim-kiem\"><input name=tu-khoa>{control}</form><script>gf.querySelector('[formaction]').click()</script>"
        );
        let site = redirector_site();
        let (out, events) = clean(&site, &page);
        let low = out.to_ascii_lowercase();
        assert!(
            !low.contains("vaynhanh24h") && !low.contains("bet.test") && !low.contains("bet%2e"),
            "{page}\n=> {out}"
        );
        assert!(
            !low.contains("name=lucky") && !low.contains("name=\"q\""),
            "{out}"
        );
        assert!(rule_ids(&events).contains(&"form.redirector"), "{page}");
    }
}

#[test]
fn lucky_variants_are_blind_redirectors() {
    for (action, fields) in [
        (
            "https://www.google.com/search",
            "<input type=hidden name=q value=\"vaynhanh24h.test\"><input type=hidden name=lucky value=1>",
        ),
        (
            "https://www.google.com/webhp",
            "<input type=hidden name=q value=\"site:vaynhanh24h.test\"><input type=hidden name=LUCKY>",
        ),
        (
            "https://duckduckgo.com/",
            "<input type=hidden name=q value=\"!lucky vaynhanh24h\">",
        ),
        (
            "https://duckduckgo.com/",
            "<input type=hidden name=q value=\"vaynhanh24h !Lucky\">",
        ),
    ] {
        assert_gone(&format!(
            "<form id=\"gf\" action=\"{action}\" method=\"get\">{fields}</form>{SUBMIT}"
        ));
    }
}

#[test]
fn site_searches_with_selects_textareas_and_own_formactions_pass_byte_for_byte() {
    let site = redirector_site();
    for page in [
        "<form action=\"https://www.google.com/search\" method=get><input name=q placeholder=\"Tìm kiếm\"><select name=sitesearch><option value=\"portal.example.gov.vn\" selected>Cổng thông tin</option><option value=\"\">Toàn bộ web</option></select><select name=hl><option value=vi>Tiếng Việt</option></select><button>Tìm</button></form>",
        "<form action=\"/tim-kiem\" method=get><textarea name=q rows=2></textarea><select name=url><option value=\"/van-ban\">Văn bản</option><option value=\"/tin-tuc\">Tin tức</option></select><button formaction=\"/tim-kiem-nang-cao\" name=mode value=full>Nâng cao</button></form>",
        "<form action=\"https://www.youtube.com/results\"><input name=search_query><select name=sp><option value=EgIQAg>Video</option></select></form>",
        "<form action=\"https://www.google.com/search\"><input name=q value=\"lịch tiếp công dân\"><input type=hidden name=as_sitesearch value=\"portal.example.gov.vn\"><button name=btnG value=\"Tìm\">Tìm</button></form>",
        "<form action=\"https://duckduckgo.com/\"><input name=q value=\"thủ tục cấp lý lịch tư pháp\"><input type=hidden name=sites value=\"portal.example.gov.vn\"></form>",
    ] {
        let (out, events) = clean(&site, page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{page}: {:?}", rule_ids(&events));
    }
}

//! Attack suite (issue 14, redirects B7 through an allowed host, the remaining carriers of a
//! redirector form): what makes a form leave the site without being inside its tags.
//! - a field outside the form that joins it with `form="id"` (after the form or before it);
//! - a submitter outside the form (`<button form=id formaction=…>`, `<input type=submit
//!   form=id formaction=…>`) or inside it, whose `formaction` sends the form's fields to an
//!   allowed redirector;
//! - a script (or `on*` handler) that builds, fills or submits a form to an allowed outside
//!   host, before the form, inside it or after it.
//!
//! Each goes under `form.redirector`: the joining field loses its name, the submitter its
//! `formaction`, the driven form goes whole (or, already sent, the script that drives it).
//!
//! Benign twins pass byte for byte: a plain Google search box with an empty `<textarea>`,
//! a site search with a script that only reads it, local forms with outside controls and a
//! script that submits them, and an outside submitter to another Google search.

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

/// Cleans `page`: what is wrong with the result (`gone` left in it, or no
/// `form.redirector` event).
fn neutralized(page: &str, gone: &[&str]) -> Result<(), String> {
    let (out, events) = clean(&redirector_site(), page);
    if let Some(g) = gone.iter().find(|g| out.contains(**g)) {
        return Err(format!("{g} left in\n{page}\n=> {out}"));
    }
    match rule_ids(&events).contains(&"form.redirector") {
        true => Ok(()),
        false => Err(format!("{page}: {:?}\n=> {out}", rule_ids(&events))),
    }
}

/// Every case is judged; the failure says how many of them passed through.
fn assert_all<'a>(cases: impl IntoIterator<Item = (&'a str, &'a [&'a str])>) {
    let (mut total, mut failed) = (0, Vec::new());
    for (page, gone) in cases {
        total += 1;
        failed.extend(neutralized(page, gone).err());
    }
    assert!(
        failed.is_empty(),
        "{} of {total} passed through:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn fields_outside_a_redirector_form_that_join_it_by_id_are_judged_with_it() {
    assert_all([
        (
            "<form id=gf action=\"https://www.google.com/url\"></form><p>Tin</p><input form=gf type=hidden name=q value=\"vaynhanh24h.test/x\">",
            &["name=q"][..],
        ),
        (
            "<form id=gf action=\"https://www.google.com/search\"><input type=hidden name=q value=\"vaynhanh24h.test\"></form><input form=\"gf\" type=hidden name=\"lucky\" value=1>",
            &["name=\"lucky\""],
        ),
        (
            "<form id=\"gf\" action=\"https://www.google.com.vn/search\"></form><textarea form=gf name=q hidden>cache:vaynhanh24h.test</textarea>",
            &["name=q"],
        ),
        (
            "<form id=gf action=\"https://www.google.com/url\"></form><select form=gf name=q hidden><option>https://vaynhanh24h.test/</option></select>",
            &["name=q"],
        ),
        // Named before the form: the form goes whole, the fields have nothing to join.
        (
            "<input form=gf type=hidden name=lucky value=1><input form=gf type=hidden name=q value=vaynhanh24h.test><form id=gf action=\"https://www.google.com/search\"><button>Đi</button></form>",
            &["<form", "google.com"],
        ),
        (
            "<textarea form=gf name=url hidden>vaynhanh24h.test</textarea><form id=gf action=\"https://google.com/url\"></form>",
            &["<form", "google.com"],
        ),
    ]);
}

#[test]
fn submitters_that_send_a_forms_fields_to_an_allowed_redirector_lose_their_formaction() {
    let submitters = [
        "<form id=gf action=\"/tim-kiem\"><input type=hidden name=q value=\"vaynhanh24h.test/x\"></form><button form=gf formaction=\"https://www.google.com/url\">Xem</button>",
        "<form id=gf action=\"/tim-kiem\" method=post><input type=hidden name=q value=vaynhanh24h.test><input type=hidden name=lucky value=1></form><input type=submit form=gf formaction=\"https://www.google.com/search\" formmethod=get value=\"Tìm\">",
        "<form id=gf action=\"/tim-kiem\"><input type=hidden name=url value=\"vaynhanh24h.test\"><button formaction=\"https://google.com/url\" formmethod=get>Xem</button></form>",
        "<form id=gf action=\"/tim-kiem\"><select name=q><option>vaynhanh24h.test</option></select></form><button form=gf formaction=\"https://www.google.com/url\">Xem</button>",
        "<form id=gf action=\"https://www.google.com/search\"><input type=hidden name=imgurl value=\"vaynhanh24h.test/a.jpg\"></form><button form=gf formaction=\"https://www.google.com/imgres\">Xem</button>",
    ];
    let gone: &[&str] = &["formaction"];
    // A submitter named before the form: the form's fields lose their names.
    let before = (
        "<button form=gf formaction=\"https://www.google.com/url\">Xem</button><form id=gf action=\"/tim-kiem\"><input type=hidden name=q value=\"vaynhanh24h.test/x\"></form>",
        &["name=q"][..],
    );
    assert_all(submitters.into_iter().map(|p| (p, gone)).chain([before]));
}

#[test]
fn scripts_that_build_fill_or_submit_a_redirector_form_are_judged() {
    assert_all([
        // After the form: the script goes.
        (
            "<form id=gf action=\"https://www.google.com/search\" method=get></form><script>var i=document.createElement('input');i.type='hidden';i.name='btnI';gf.appendChild(i);gf.submit()</script>",
            &["btnI", "submit("][..],
        ),
        (
            "<form id=\"tk\" action=\"https://www.google.com/search\"></form><script>$('#tk').append('<input type=hidden name=lucky value=1>').submit()</script>",
            &["lucky"],
        ),
        (
            "<form name=tk action=\"https://www.google.com.vn/search\"><input name=q></form><img src=/a.png onload=\"document.tk.q.value='cache:vaynhanh24h.test';document.tk.requestSubmit()\">",
            &["vaynhanh24h"],
        ),
        // Before the form: the form goes whole.
        (
            "<script>addEventListener('load',function(){var f=document.forms.tk;f.q.value='cache:vaynhanh24h.test';f.submit()})</script><form name=tk action=\"https://www.google.com.vn/search\"><input name=q></form>",
            &["<form", "google.com.vn"],
        ),
        (
            "<body onload=\"gf.insertAdjacentHTML('beforeend','<input name=btnI>');gf.submit()\"><form id=gf action=\"https://www.google.com/search\"><input name=q value=x></form>",
            &["<form", "google.com"],
        ),
        // Inside the form: the form goes whole, the script with it.
        (
            "<form id=gf action=\"https://www.google.com/url\"><textarea name=q hidden></textarea><script>gf.q.value=atob('dmF5bmhhbmgyNGgudGVzdA==');gf.submit()</script></form><p>Hết</p>",
            &["<form", "atob", "google.com"],
        ),
        // A search page a script submits takes the visitor off the site.
        (
            "<form id=gf action=\"https://www.google.com/search\"><input type=hidden name=q value=\"tin tuc\"></form><script>setTimeout(function(){document.getElementById('gf').submit()},800)</script>",
            &["submit()"],
        ),
    ]);
}

#[test]
fn site_searches_and_local_forms_joined_from_outside_pass_byte_for_byte() {
    let site = redirector_site();
    for page in [
        "<form action=\"https://www.google.com/search\"><textarea name=\"q\"></textarea><button>Tìm</button></form>",
        "<form action=\"https://www.google.com/search\" method=get><textarea name=q rows=1>\n</textarea><input type=hidden name=sitesearch value=\"portal.example.gov.vn\"></form>",
        "<form action=\"https://www.google.com/search\"><textarea name=q>lịch tiếp công dân</textarea></form>",
        "<form id=tk action=\"https://www.google.com/search\"><textarea name=q rows=1></textarea><input type=hidden name=sitesearch value=\"portal.example.gov.vn\"></form><script>document.getElementById('tk').addEventListener('submit',function(e){if(!this.q.value.trim())e.preventDefault()})</script>",
        "<form id=tim action=\"/tim-kiem\"><input name=q></form><button form=tim>Tìm</button><input form=tim type=hidden name=loai value=van-ban>",
        "<form id=tk action=\"/tim-kiem\"><input name=q></form><script>var f=document.getElementById('tk');f.q.value='';f.submit()</script>",
        "<form id=gs action=\"https://www.google.com/search\"><input name=q><input type=hidden name=sitesearch value=portal.example.gov.vn></form><button form=gs formaction=\"https://www.google.com.vn/search\">Tìm (VN)</button>",
        "<button form=dk formaction=\"/dang-ky/xac-nhan\">Gửi</button><form id=dk action=\"/dang-ky\" method=post><input name=ho-ten></form>",
    ] {
        let (out, events) = clean(&site, page);
        assert_eq!(out, page);
        assert!(events.is_empty(), "{page}: {:?}", rule_ids(&events));
    }
}

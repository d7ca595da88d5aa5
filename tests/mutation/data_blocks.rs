//! Carriers a crawler or a submission reads outside the markup's links: a form to an
//! allowed redirector (`www.youtube.com/redirect`, allowed by the test site) whose hidden
//! field carries the foreign target, submitted by a script or by `autofocus`/`onfocus`
//! (B7), the target also in a `<textarea>`'s text, a `<select>`'s option or a submit
//! button's own `formaction` with its own field (issue 14, class 1); a JSON-LD block that does not parse as JSON, whose strings lenient crawlers still
//! index (A4). The benign twin: a YouTube search form with a visible field.

use super::rng::Rng;
use super::{Kind, Payload, Template};

const fn t(
    family: &'static str,
    name: &'static str,
    kind: Kind,
    active: bool,
    make: fn(&mut Rng) -> Payload,
) -> Template {
    Template {
        family,
        class: 0,
        name,
        kind,
        active,
        make,
    }
}

pub const TEMPLATES: &[Template] = &[
    t("B7", "redirector-form", Kind::Script, true, redirector_form),
    t(
        "B7",
        "redirector-formaction-button",
        Kind::Script,
        true,
        formaction_button,
    ),
    t(
        "B7",
        "redirector-form-joined-from-outside",
        Kind::Script,
        true,
        joined_form,
    ),
    t(
        "B7",
        "redirector-form-built-by-script",
        Kind::Script,
        true,
        scripted_form,
    ),
    t(
        "A4",
        "json-ld-not-json",
        Kind::Script,
        false,
        broken_json_ld,
    ),
];

pub const BENIGN: &[Template] = &[t(
    "benign",
    "allowed-search-form",
    Kind::Benign,
    false,
    search_form,
)];

fn redirector_form(r: &mut Rng) -> Payload {
    let host = r.host();
    let target = match r.below(3) {
        0 => format!("https://{host}/khuyen-mai"),
        1 => format!("https%3A%2F%2F{host}%2F"),
        _ => format!("//{host}/"),
    };
    let method = *r.pick(&["get", "post", "GET"]);
    let (inside, after) = match r.below(3) {
        0 => (
            "",
            "<script>document.getElementById('rf').submit()</script>",
        ),
        1 => (
            "<input autofocus onfocus=\"this.form.submit()\" style=\"opacity:0\">",
            "",
        ),
        _ => (
            "",
            "<script>setTimeout(function(){document.forms.rf.submit()},50)</script>",
        ),
    };
    let field = match r.below(5) {
        0 => format!("<input type=hidden name=q value=\"{target}\">"),
        1 => format!("<textarea name=q hidden>{target}</textarea>"),
        2 => format!("<select name=q hidden><option>{target}</option></select>"),
        3 => format!("<select name=q hidden><option value=\"{target}\">Xem</option></select>"),
        _ => format!(
            "<textarea name=q hidden></textarea><script>document.forms.rf.q.value='{target}'</script>"
        ),
    };
    Payload {
        html: format!(
            "<form id=rf name=rf method={method} action=\"https://www.youtube.com/redirect\">\
             <input type=hidden name=event value=video_description>\
             {field}{inside}</form>{after}"
        ),
        planted: vec![host],
        ..Default::default()
    }
}

/// A local form whose submit button sends its own `name=value` to an allowed redirector
/// by its `formaction`.
fn formaction_button(r: &mut Rng) -> Payload {
    let host = r.host();
    let target = match r.below(2) {
        0 => format!("https://{host}/"),
        _ => format!("https%3A%2F%2F{host}%2F"),
    };
    let button = match r.below(2) {
        0 => format!(
            "<button formaction=\"https://www.youtube.com/redirect\" name=q value=\"{target}\">Xem</button>"
        ),
        _ => format!(
            "<input type=submit formaction=\"https://www.youtube.com/redirect\" name=q value=\"{target}\" hidden>"
        ),
    };
    Payload {
        html: format!(
            "<form id=lf action=\"/tim-kiem\"><input name=tu-khoa>{button}</form>\
             <script>document.querySelector('#lf [formaction]').click()</script>"
        ),
        planted: vec![host],
        ..Default::default()
    }
}

/// A form to an allowed redirector that its markup does not show: a field outside it with
/// `form=id`, or a submitter outside it whose `formaction` sends its fields there.
fn joined_form(r: &mut Rng) -> Payload {
    let host = r.host();
    let bare = match r.below(2) {
        0 => format!("https://{host}/khuyen-mai"),
        _ => format!("https%3A%2F%2F{host}%2F"),
    };
    let submit =
        "<script>setTimeout(function(){document.getElementById('jf').requestSubmit()},50)</script>";
    let html = match r.below(3) {
        0 => format!(
            "<form id=jf action=\"https://www.youtube.com/redirect\"></form><p>Tin</p>\
             <input form=jf type=hidden name=q value=\"{bare}\">{submit}"
        ),
        1 => format!(
            "<input form=jf type=hidden name=q value=\"{bare}\"><form id=jf action=\"https://www.youtube.com/redirect\"></form>{submit}"
        ),
        _ => format!(
            "<form id=jf action=\"/tim-kiem\"><input type=hidden name=q value=\"{bare}\"></form>\
             <button form=jf formaction=\"https://www.youtube.com/redirect\" hidden>Xem</button>\
             <script>document.querySelector('[formaction]').click()</script>"
        ),
    };
    Payload {
        html,
        planted: vec![host],
        ..Default::default()
    }
}

/// A form to an allowed redirector whose target a script adds or fills, after the form or
/// inside it. (Before the form, the form goes and the inert script stays with its text.)
fn scripted_form(r: &mut Rng) -> Payload {
    let host = r.host();
    let fill = match r.below(3) {
        0 => format!(
            "var i=document.createElement('input');i.type='hidden';i.name='q';i.value='https://{host}/';f.appendChild(i);"
        ),
        1 => format!(
            "f.insertAdjacentHTML('beforeend','<input type=hidden name=q value=\"//{host}/\">');"
        ),
        _ => format!("f.elements[0].value='https://{host}/';"),
    };
    let code = format!("<script>var f=document.forms.sf;{fill}f.submit()</script>");
    let html = match r.below(2) {
        0 => format!(
            "<form name=sf action=\"https://www.youtube.com/redirect\"><input name=event type=hidden value=v></form>{code}"
        ),
        _ => format!(
            "<form name=sf action=\"https://www.youtube.com/redirect\"><input name=event type=hidden value=v>{code}</form>"
        ),
    };
    Payload {
        html,
        planted: vec![host],
        ..Default::default()
    }
}

fn broken_json_ld(r: &mut Rng) -> Payload {
    let host = r.host();
    let items: String = (0..40)
        .map(|i| {
            format!(
                "{{\"@type\":\"ListItem\",\"position\":{i},\"url\":\"https://portal.example.gov.vn/van-ban/{i}\"}},"
            )
        })
        .collect();
    // Escaped slashes, as JSON encoders write them; the host itself stays readable, so
    // that the crawler judge can see the planted URL in the unsanitized page.
    let planted =
        format!("{{\"@type\":\"ListItem\",\"position\":99,\"url\":\"https:\\/\\/{host}\\/\"}}");
    let json = match r.below(3) {
        0 => format!("{{\"@type\":\"ItemList\",\"itemListElement\":[{items}{planted},]}}"),
        1 => format!("{{\"@type\":\"ItemList\",/* list */\"itemListElement\":[{items}{planted}]}}"),
        _ => format!("{{\"@type\":\"ItemList\",\"itemListElement\":[{items}{planted}"),
    };
    Payload {
        html: format!("<script type=\"application/ld+json\">{json}</script>"),
        planted: vec![host],
        ..Default::default()
    }
}

fn search_form(r: &mut Rng) -> Payload {
    let label = *r.pick(&["Tìm video", "Tìm kiếm", "Xem thêm"]);
    Payload {
        html: format!(
            "<form action=\"https://www.youtube.com/results\" method=get>\
             <input name=search_query placeholder=\"{label}\"><button>{label}</button></form>"
        ),
        ..Default::default()
    }
}

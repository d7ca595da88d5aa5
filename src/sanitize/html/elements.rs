//! Stage 6 (encoded URLs, URL carriers, loaders, handlers, auto-submitting forms and frames):
//! every start tag. Judges the URL-carrying attribute of each element kind, `on*` handler
//! attributes, and starts hidden-block and text capture.
//!
//! Security note: the URL is judged after entity decoding and WHATWG parsing against the
//! current base (see `policy`). A foreign `<base>` is removed before it can re-target the
//! page's relative links; an allowed one becomes the base for what follows.

use std::sync::{Arc, Mutex};

use lol_html::send::Element;

use crate::audit::Action;
use crate::sanitize::policy::Carrier;
use crate::sanitize::script::tags::RULE as TAG_RULE;

use super::attrs::Source;
use super::rawtag::{self, Scan};
use super::state::{State, Which};
use super::text::{self, Kind};
use super::url_attrs::{FOREIGN_LINK, FOREIGN_MEDIA, Strip, carrier, verdict};
use super::{
    anchor, container, data_urls, entities, foreign, form_fields, hidden, importmap, jsonp,
    markdown, media, meta, rawtext, script_sources, side_urls, spam_attrs, spam_block, tag_hits,
    upload_refs, value_code, xml,
};

/// The one element handler. The retained input is lent to the rules for the duration of
/// the element, so that they can borrow attribute values while they update the state.
pub fn on_element(shared: &Arc<Mutex<State>>, st: &mut State, el: &mut Element<'_, '_>) {
    let input = std::mem::take(&mut st.input);
    let src = Source::new(
        &input,
        st.input_start,
        el.source_location().bytes(),
        st.utf8_fixed,
    );
    element(shared, st, el, &src);
    st.input = input;
}

fn element(shared: &Arc<Mutex<State>>, st: &mut State, el: &mut Element<'_, '_>, src: &Source) {
    let mut scan = src
        .tag_bytes()
        .map_or(Scan::ALL, |raw| rawtag::scan(raw, &st.css));
    let mut tag = src.tag_name(el);
    if st.xml.is_some() {
        match xml::element(st, el, &tag) {
            xml::Tag::Same => {}
            xml::Tag::Local(local) => {
                tag = local.into();
                scan = Scan::ALL;
            }
            xml::Tag::Removed => return,
        }
        if tag == "plaintext" {
            // lol_html would read the rest as text; XML reads on.
            let _ = xml::refuse(st, "<plaintext> in an XML document");
        }
        xml::attributes(st, el);
    }
    if st.doc_text.is_some() && st.xml.is_none() && markdown::autolink(st, el, src, &tag) {
        return;
    }
    container::element(st, &tag);
    foreign::enter(shared, st, el);
    foreign::attributes(st, el);
    if scan.handler {
        handlers(st, el);
    }
    // First, so that report mode (which removes no element) reports the same events.
    if scan.text {
        spam_attrs::strip(st, el, &tag);
    }
    if tag == "script" && script_sources::foreign(st, el, src) && el.removed() {
        return;
    }
    data_urls::strip(st, el, src);
    value_code::strip(st, el, src);
    if !scan.full {
        spam_block::open(shared, st, el, &tag);
        return;
    }
    // Report mode changes nothing, not even this.
    if scan.dup && st.enforce() {
        dedupe(el);
    }
    // A hit for someone else's analytics property, on any element (a script's or frame's
    // container is judged below, with its own kind of removal).
    if !matches!(&*tag, "script" | "iframe" | "frame")
        && tag_hits::strip(st, el, src)
        && el.removed()
    {
        return;
    }
    // The block opens first: a hidden link that is unwrapped below must still take its
    // text with it, and the block's end-tag handler must run before any text capture's.
    if scan.hide {
        hidden::enter(shared, st, el, &tag);
    }
    let handled = specific(shared, st, el, src, &tag);
    if !el.removed() {
        generic(st, el, src, scan.present & !handled);
    }
    // `style` sets `hide` in the pre-scan.
    if scan.hide && !el.removed() {
        side_urls::style(st, el, src);
    }
    // Last, so that a block that is hidden, or a foreign link, is left to its own hold.
    if !el.removed() {
        spam_block::open(shared, st, el, &tag);
    }
}

/// Bits of [`rawtag::URL_ATTRS`].
const HREF: u32 = 1;
const SRC: u32 = 1 << 1;
const ACTION: u32 = 1 << 2;
const FORMACTION: u32 = 1 << 3;
const DATA: u32 = 1 << 4;
const XLINK: u32 = 1 << 5;
const POSTER: u32 = 1 << 6;
const SRCSET: u32 = 1 << 7;
const SRCDOC: u32 = 1 << 8;
const IMAGESRCSET: u32 = 1 << 10;
const ARCHIVE: u32 = 1 << 16;
const PROFILE: u32 = 1 << 17;

/// The tag-specific rules; returns the URL attributes they judged.
fn specific(
    shared: &Arc<Mutex<State>>,
    st: &mut State,
    el: &mut Element<'_, '_>,
    src: &Source,
    tag: &str,
) -> u32 {
    match tag {
        "a" => anchor(shared, st, el, src),
        "area" | "link" => void_link(st, el, src),
        "base" => base(st, el, src),
        "script" => script(shared, st, el, src),
        "iframe" | "frame" => frame(shared, st, el, src),
        "embed" => carrier(st, el, src, "src", Which::Frame, "object.foreign"),
        "object" => carrier(st, el, src, "data", Which::Frame, "object.foreign"),
        "form" => {
            carrier(st, el, src, "action", Which::Form, "form.foreign");
            super::form_hold::open(shared, st, el);
        }
        "button" | "input" => form_control(st, el, src),
        "select" => form_fields::judge(st, el),
        "option" => carrier(st, el, src, "value", Which::Hosts, "option.foreign"),
        "param" => super::url_attrs::param(st, el, src),
        "meta" => meta::element(st, el),
        "img" | "video" | "audio" | "source" | "track" => media::media(st, el, src),
        "animate" | "set" => media::svg_animation(st, el, src),
        "style" => text::start(shared, st, el, Kind::Style),
        "title" => text::start(shared, st, el, Kind::Title),
        // `textarea` is RCDATA: text to the browser, markup to a crawler's regex.
        "noscript" | "noembed" | "noframes" | "xmp" => text::start(shared, st, el, Kind::RawText),
        "textarea" => {
            form_fields::judge(st, el);
            text::start(shared, st, el, Kind::RawText)
        }
        _ => {}
    }
    match tag {
        "a" => HREF | XLINK,
        "area" | "link" | "base" => HREF,
        "script" | "embed" => SRC,
        "iframe" | "frame" => SRC | SRCDOC,
        "object" => DATA,
        "form" => ACTION,
        "button" | "input" => FORMACTION | SRC,
        "img" | "video" | "audio" | "source" | "track" => SRC | POSTER | SRCSET,
        _ => 0,
    }
}

/// Any other URL attribute, on any element (`<image href>`, `<use xlink:href>`,
/// `<td background>`, a stray `href` that a crawler might still read): stripped when foreign.
fn generic(st: &mut State, el: &mut Element<'_, '_>, src: &Source, present: u32) {
    for (i, name) in rawtag::URL_ATTRS.iter().enumerate() {
        if present & (1 << i) == 0 || el.removed() {
            continue;
        }
        match 1 << i {
            SRCSET => media::srcset(st, el, src, "srcset"),
            // `<link rel=preload as=image imagesrcset=…>` fetches like `srcset`.
            IMAGESRCSET => media::srcset(st, el, src, "imagesrcset"),
            SRCDOC => srcdoc(st, el, src),
            ARCHIVE | PROFILE => side_urls::list(st, el, src, name),
            // An SVG `<image>`/`<feImage>` source is media (design tools embed `data:` PNGs).
            _ if media::is_svg_image(el, name) => {
                FOREIGN_MEDIA.strip(st, el, src, name);
            }
            // `data:` is active here: only the media elements above take `data:` images.
            _ => {
                FOREIGN_LINK.strip(st, el, src, name);
            }
        }
    }
}

/// Keeps only the first of repeated URL attributes (what a browser uses), so that a crawler
/// reading the last one cannot be pointed elsewhere.
fn dedupe(el: &mut Element<'_, '_>) {
    const ALSO: &[&str] = &["content", "http-equiv", "value", "type"];
    let names: Vec<String> = el.attributes().iter().map(|a| a.name()).collect();
    let repeated = |n: &str| names.iter().filter(|m| *m == n).count() > 1;
    for name in rawtag::URL_ATTRS.iter().chain(ALSO) {
        if repeated(name)
            && let Some(first) = el.get_attribute(name)
        {
            el.remove_attribute(name);
            let _ = el.set_attribute(name, &first);
        }
    }
}

/// `on*` attributes are scripts: judged, and removed when malicious.
fn handlers(st: &mut State, el: &mut Element<'_, '_>) {
    let mut bad: Vec<String> = Vec::new();
    for attr in el.attributes() {
        let name = attr.name();
        if name.len() > 2 && name.starts_with("on") {
            let source = entities::decode(&attr.value()).into_owned();
            // `<body onload="…style.display='none'">` hides what follows it after load.
            let learned = st.css.learn_script(&source);
            super::later_hidden::hidden_now(st, &learned);
            let verdict = st.judge_script(&source);
            if super::form_scripts::script(st, &source)
                || st.script_found(verdict, "handler.script")
            {
                bad.push(name);
            }
        }
    }
    bad.iter().for_each(|n| el.remove_attribute(n));
}

fn anchor(shared: &Arc<Mutex<State>>, st: &mut State, el: &mut Element<'_, '_>, src: &Source) {
    side_urls::ping(st, el, src);
    for name in ["href", "xlink:href"] {
        let Some(raw) = src.attr(el, name) else {
            continue;
        };
        match verdict(st, &raw, Which::Hosts, Carrier::Active) {
            None => {}
            Some((_, true)) if st.enforce() => el.remove_attribute(name),
            Some((_, true)) => {}
            Some((target, false)) => return anchor::open(shared, st, el, target),
        }
    }
    if upload_refs::hold(shared, st, el, src) {
        return;
    }
    if el.namespace_uri() == SVG {
        anchor::watch(shared, st, el);
    }
}

const SVG: &str = "http://www.w3.org/2000/svg";

fn void_link(st: &mut State, el: &mut Element<'_, '_>, src: &Source) {
    side_urls::ping(st, el, src);
    // A loader preloaded from an admitted host's upload folder first, under its own rule.
    upload_refs::preload(st, el, src);
    if !el.removed() {
        carrier(st, el, src, "href", Which::Hosts, "link.foreign");
    }
}

fn base(st: &mut State, el: &mut Element<'_, '_>, src: &Source) {
    let Some(raw) = src.attr(el, "href") else {
        return;
    };
    if let Some((target, _)) = verdict(st, &raw, Which::Hosts, Carrier::Active) {
        if st.found("base.foreign", Action::Removed, Some(target)) {
            el.remove();
        }
        return;
    }
    if !st.base_seen {
        st.base_seen = true;
        let decoded = entities::decode(&raw);
        if let Ok(u) = url::Url::options().base_url(Some(&st.base)).parse(&decoded) {
            st.base = u;
        }
    }
}

fn script(shared: &Arc<Mutex<State>>, st: &mut State, el: &mut Element<'_, '_>, src: &Source) {
    // A loader in an admitted host's upload folder first, under its own rule.
    if let Some(raw) = src.attr(el, "src")
        && upload_refs::script(st, &raw)
    {
        el.remove();
        return;
    }
    // An SVG `<script>` loads its `href` (or `xlink:href`) as an HTML one loads `src`.
    let names: &[&str] = match el.namespace_uri() == SVG {
        true => &["src", "href", "xlink:href"],
        false => &["src"],
    };
    for name in names {
        if let Some(raw) = src.attr(el, name)
            && let Some((target, _)) = verdict(st, &raw, Which::Script, Carrier::Active)
            && st.found("script.external", Action::Removed, Some(target))
        {
            el.remove();
            return;
        }
    }
    // An allowed host's JSONP endpoint that would run the callback it is given.
    if let Some(raw) = src.attr(el, "src")
        && jsonp::refuse(st, &raw)
    {
        el.remove();
        return;
    }
    if other_tag_container(st, el, src) {
        return;
    }
    let ty = entities::attr(el, "type").unwrap_or_default();
    // Parameters do not make it another type (`application/ld+json; charset=utf-8`).
    let essence = ty.split(';').next().unwrap_or_default().trim();
    let kind = match essence.eq_ignore_ascii_case("application/ld+json") {
        true => Kind::JsonLd,
        false if importmap::is_importmap(&ty) => Kind::ImportMap,
        false => Kind::Script,
    };
    text::start(shared, st, el, kind);
}

/// An iframe's fallback body is raw text to a browser but markup to some crawlers: it is
/// re-parsed like `noembed`.
/// An allowed tag host serving a container that is not the site's (`gtm.js?id=…`, the
/// `<noscript>` fallback `ns.html?id=…`): removed under `script.tag_id`.
fn other_tag_container(st: &mut State, el: &mut Element<'_, '_>, src: &Source) -> bool {
    let Some(raw) = src.attr(el, "src") else {
        return false;
    };
    let tags = &st.policy().tag_ids;
    let Some(id) = tags.foreign_in_url(&entities::decode(&raw), &st.base) else {
        return false;
    };
    let removed = st.found(TAG_RULE, Action::Removed, Some(id));
    if removed {
        el.remove();
    }
    removed
}

fn frame(shared: &Arc<Mutex<State>>, st: &mut State, el: &mut Element<'_, '_>, src: &Source) {
    carrier(st, el, src, "src", Which::Frame, "frame.foreign");
    if !el.removed() && !other_tag_container(st, el, src) {
        srcdoc(st, el, src);
        if el.can_have_content() {
            text::start(shared, st, el, Kind::RawText);
        }
    }
}

fn srcdoc(st: &mut State, el: &mut Element<'_, '_>, src: &Source) {
    let Some(doc) = src.attr(el, "srcdoc") else {
        return;
    };
    match rawtext::sanitize_fragment(st, &entities::decode(&doc)) {
        Ok((clean, true)) if st.enforce() => {
            st.changed = true;
            let _ = el.set_attribute("srcdoc", &entities::escape_attr(&clean));
        }
        Ok((_, changed)) => st.changed |= changed,
        Err(e) => {
            let detail = Some(e.to_string());
            if st.found_detail("rawtext.error", Action::Removed, None, detail) {
                el.remove_attribute("srcdoc");
            }
        }
    }
}

fn form_control(st: &mut State, el: &mut Element<'_, '_>, src: &Source) {
    const FORM_ACTION: Strip = Strip {
        set: Which::Form,
        carrier: Carrier::Active,
        rule: "form.foreign",
    };
    FORM_ACTION.strip(st, el, src, "formaction");
    FOREIGN_MEDIA.strip(st, el, src, "src");
    form_fields::judge(st, el);
}

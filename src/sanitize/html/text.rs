//! Stage 6: elements whose text is judged whole: inline scripts, JSON-LD, `<style>` (to learn
//! which classes it hides, and to empty foreign `url()`/`@import`), `<title>`, and the raw-text
//! containers (`noscript`, `noembed`,
//! `noframes`, `xmp`).
//!
//! Security notes:
//! - In enforce mode the text chunks are taken out as they stream and put back, judged,
//!   just before the end tag; nothing of a judged element reaches the client before its
//!   verdict. A text over `max_inline_script` is dropped (fail closed); a held `<style>`
//!   over it stops being held at once, so what is held stays within the limit.
//! - A `<style>` is held instead (its output from the start tag stays in `State::out` until
//!   the verdict) and its chunks stay in place: unchanged, it goes out byte for byte, CDATA
//!   markers and all (lol_html passes `<![CDATA[`/`]]>` of SVG and XML through outside the
//!   text, so text put back before the end tag would land after `]]>`); changed, its
//!   content is cut and the judged text put back.
//! - In report mode the chunks pass untouched and a copy is judged.
//! - An element cut off by the end of the document never gets its text back.

use std::sync::{Arc, Mutex};

use lol_html::html_content::{ContentType, EndTag, TextChunk};

use crate::audit::Action;
use crate::sanitize::config::MetaAction;

use super::state::State;
use super::{css_stream, foreign, held_text, hold, importmap, rawtext, xml};

/// What a captured text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Script,
    ImportMap,
    JsonLd,
    Style,
    Title,
    RawText,
}

/// The text of the element being captured.
#[derive(Debug)]
pub(crate) struct Capture {
    kind: Kind,
    buf: String,
    overflow: bool,
    /// Where an enforced inline script's start tag begins in `State::out`: held until the
    /// verdict, so that a removed script goes whole, with the payload its attributes may
    /// carry (`<script data-u="…">`). A style's too (see the module doc).
    pub(super) mark: Option<usize>,
    /// The chunks stay in the held output (an enforced style).
    keep: bool,
    /// A style or raw-text element inside SVG/MathML (see `foreign`), with its tag name.
    pub(super) foreign: Option<String>,
    /// A `<textarea>`: its text is a form field's value (see `form_hold`).
    textarea: bool,
}

impl Capture {
    /// Where the element's held output starts, when its chunks stayed in it.
    pub(crate) fn kept_mark(&self) -> Option<usize> {
        self.mark.filter(|_| self.keep)
    }
}

/// Starts capturing the text of the element; its end tag hands the text to [`finish`].
pub(crate) fn start(
    shared: &Arc<Mutex<State>>,
    st: &mut State,
    el: &mut lol_html::send::Element<'_, '_>,
    kind: Kind,
) {
    if foreign::nested(st) {
        return;
    }
    let foreign = (matches!(kind, Kind::Style | Kind::RawText) && foreign::context(st, el))
        .then(|| el.tag_name());
    let shared = Arc::clone(shared);
    let ok = el.on_end_tag(Box::new(move |end: &mut EndTag<'_>| {
        let mut st = shared.lock().map_err(|_| "sanitizer state poisoned")?;
        on_end(&mut st, end);
        if st.refused {
            return Err("XML document refused".into());
        }
        Ok(())
    }));
    if ok.is_ok() {
        let keep = (kind == Kind::Style || foreign.is_some()) && st.enforce();
        let held = (matches!(kind, Kind::Script | Kind::ImportMap | Kind::Style)
            || foreign.is_some())
            && st.enforce();
        st.capture = Some(Capture {
            kind,
            buf: String::new(),
            overflow: false,
            mark: held.then_some(st.out.len()),
            keep,
            foreign,
            textarea: kind == Kind::RawText && el.tag_name() == "textarea",
        });
    }
}

/// Handles one text chunk of the document.
pub(crate) fn on_text(st: &mut State, chunk: &mut TextChunk<'_>) {
    let enforce = st.enforce();
    let cap = st.policy().max_inline_script;
    let Some(c) = &mut st.capture else { return };
    if enforce && !c.keep {
        chunk.remove();
    }
    if c.overflow {
        return;
    }
    if c.buf.len() + chunk.as_str().len() <= cap {
        c.buf.push_str(chunk.as_str());
        return;
    }
    c.overflow = true;
    c.buf = String::new();
    if c.keep {
        // A held style over the limit goes whole (see `finish`): what is held of it now
        // is cut and its further chunks are not kept, so the hold stays within the limit.
        c.keep = false;
        chunk.remove();
        if let Some(mark) = c.mark {
            let len = st.out.len();
            hold::cut(st, mark, len);
        }
    }
}

/// What to put back before the end tag, once judged.
pub(crate) type Insert = Option<(String, ContentType)>;

/// Puts judged text back before the end tag, unless the end tag was removed with the hidden
/// block around it.
pub(crate) fn insert(end: &mut EndTag<'_>, what: Insert) {
    if let Some((text, ct)) = what
        && !text.is_empty()
        && !end.removed()
    {
        end.before(&text, ct);
    }
}

/// In enforce mode the text was taken out and goes back; in report mode it never left.
fn restore(st: &State, text: String) -> Insert {
    st.enforce().then_some((text, ContentType::Html))
}

fn on_end(st: &mut State, end: &mut EndTag<'_>) {
    if foreign_unsafe(st, end) {
        return;
    }
    let mark = st.capture.as_ref().and_then(|c| c.mark);
    let kept = st
        .capture
        .as_ref()
        .filter(|c| c.keep && !c.overflow)
        .map(|c| c.buf.clone());
    let what = finish(st);
    match (mark, &what, kept) {
        (Some(mark), None, _) => {
            let len = st.out.len();
            hold::cut(st, mark, len);
            end.remove();
        }
        // A held style: unchanged, its output stays as it came.
        (Some(_), Some((text, _)), Some(raw)) if *text == raw => {}
        (Some(mark), Some(_), Some(_)) => {
            let len = st.out.len();
            match held_text::tag_end(&st.out[mark.min(len)..]) {
                Some(at) => {
                    hold::cut(st, mark + at, len);
                    insert(end, what);
                }
                None => {
                    hold::cut(st, mark, len);
                    end.remove();
                }
            }
        }
        _ => insert(end, what),
    }
}

/// A held style or raw-text element inside SVG/MathML whose content holds markup goes
/// whole (see `foreign`); returns whether it was judged so.
fn foreign_unsafe(st: &mut State, end: &mut EndTag<'_>) -> bool {
    let Some(c) = st.capture.as_ref() else {
        return false;
    };
    let Some(tag) = c.foreign.clone() else {
        return false;
    };
    let content: Vec<u8> = match c.mark {
        Some(mark) => {
            let held = &st.out[mark.min(st.out.len())..];
            held_text::tag_end(held)
                .map_or(held, |at| &held[at..])
                .to_vec()
        }
        None => c.buf.as_bytes().to_vec(),
    };
    let mark = c.mark;
    let Some(remove) = foreign::judge(st, &tag, &content) else {
        return false;
    };
    st.capture = None;
    if remove && let Some(mark) = mark {
        let len = st.out.len();
        hold::cut(st, mark, len);
        end.remove();
    }
    true
}

/// Judges the captured text (if still pending) and says what to put back.
pub(crate) fn finish(st: &mut State) -> Insert {
    let c = st.capture.take()?;
    if c.textarea {
        let text = (!c.overflow).then_some(c.buf.as_str());
        super::form_hold::textarea_text(st, text);
    }
    if c.overflow {
        let rule = match c.kind {
            Kind::Style => "css.oversize",
            Kind::RawText => "rawtext.oversize",
            _ => "script.oversize",
        };
        st.found(rule, Action::Removed, None);
        return None;
    }
    if st.xml.is_some() && c.kind != Kind::RawText {
        return finish_xml(st, c.kind, c.buf);
    }
    match c.kind {
        Kind::Style => {
            let learned = st.css.learn(&c.buf);
            super::later_hidden::hidden_now(st, &learned);
            finish_style(st, c.buf)
        }
        Kind::Script => {
            let learned = st.css.learn_script(&c.buf);
            super::later_hidden::hidden_now(st, &learned);
            finish_script(st, c.buf)
        }
        Kind::JsonLd => finish_json_ld(st, &c.buf),
        Kind::ImportMap => finish_importmap(st, c.buf),
        Kind::Title => finish_title(st, c.buf),
        Kind::RawText => finish_rawtext(st, c.buf),
    }
}

/// In an XML document a script, style or title is read as XML reads it (see [`xml::text`]):
/// markup or an open CDATA section removes a script or style; a title with markup is
/// re-parsed like a raw-text container.
fn finish_xml(st: &mut State, kind: Kind, raw: String) -> Insert {
    if kind == Kind::Title && raw.contains('<') {
        return finish_rawtext(st, raw);
    }
    let decoded = match xml::text(&raw) {
        xml::Text::Plain => None,
        xml::Text::Decoded(t) => Some(t),
        xml::Text::Unsafe(why) if kind != Kind::Title => {
            st.found_detail("xml.unsafe", Action::Removed, None, Some(why.into()));
            return None;
        }
        xml::Text::Unsafe(_) => None,
        xml::Text::Refuse(why) => {
            let _ = xml::refuse(st, why);
            return None;
        }
    };
    let Some(decoded) = decoded else {
        return match kind {
            Kind::Style => finish_style(st, raw),
            Kind::Script => finish_script(st, raw),
            Kind::ImportMap => finish_importmap(st, raw),
            Kind::JsonLd => finish_json_ld(st, &raw),
            _ => finish_title(st, raw),
        };
    };
    // Judged as the browser reads it; kept as written when nothing is found.
    let judged = match kind {
        Kind::Script => finish_script(st, decoded.clone()),
        Kind::ImportMap => finish_importmap(st, decoded.clone()),
        Kind::Style => finish_style(st, decoded.clone()),
        Kind::JsonLd => finish_json_ld(st, &decoded),
        _ => return finish_title(st, raw),
    };
    match judged {
        Some((t, _)) if t == decoded => restore(st, raw),
        Some(_) => {
            let detail = Some("changed as XML reads it: removed whole".into());
            st.found_detail("xml.unsafe", Action::Removed, None, detail);
            None
        }
        None if st.enforce() => None,
        None => restore(st, raw),
    }
}

fn finish_importmap(st: &mut State, text: String) -> Insert {
    match importmap::keep(st, &text) {
        true => restore(st, text),
        false => None,
    }
}

fn finish_json_ld(st: &mut State, raw: &str) -> Insert {
    let (text, _) = rawtext::sanitize_json_ld(st, raw);
    restore(st, text)
}

fn finish_script(st: &mut State, source: String) -> Insert {
    if super::form_scripts::script(st, &source) {
        return None;
    }
    let verdict = st.judge_script(&source);
    if st.script_found(verdict, "script.inline") {
        None
    } else {
        restore(st, source)
    }
}

/// Foreign `url(…)` and `@import` are emptied, declarations that generate spam text
/// dropped (see [`css_stream::sheet`]).
fn finish_style(st: &mut State, css: String) -> Insert {
    let css = css_stream::sheet(st, &css, "<style>").unwrap_or(css);
    restore(st, css)
}

fn finish_title(st: &mut State, raw: String) -> Insert {
    let replace = spam_words(st, &raw).is_some_and(|words| replace_meta(st, "title", words));
    if replace {
        Some((st.policy().meta_replacement.clone(), ContentType::Text))
    } else {
        restore(st, raw)
    }
}

/// The lexicon's words when `raw` (entity-encoded) scores as spam, or is a keyword unit
/// without an editorial phrase (a seller's label such as "Làm giả CCCD", see
/// `spam_block::is_unit`).
pub(crate) fn spam_words(st: &State, raw: &str) -> Option<String> {
    let text = super::entities::decode(raw);
    let lexicon = &st.policy().lexicon;
    let hits = lexicon.scan(&text);
    if hits.words.is_empty() {
        return None;
    }
    let p = lexicon.profile(&text);
    let unit = super::spam_block::is_unit(lexicon, &p);
    // A news title that quotes the slogans it warns about is news (the editorial guard).
    ((hits.is_spam() || unit) && !p.is_editorial()).then(|| hits.words.join(", "))
}

/// Reports spam in a title or description; returns whether to replace it.
pub(crate) fn replace_meta(st: &mut State, what: &str, words: String) -> bool {
    let replace = st.policy().meta_action == MetaAction::Replace;
    let action = if replace {
        Action::Replaced
    } else {
        Action::Reported
    };
    let detail = Some(format!("{what}: {words}"));
    st.found_detail("spam.keyword", action, None, detail) && replace
}

fn finish_rawtext(st: &mut State, raw: String) -> Insert {
    match rawtext::sanitize_fragment(st, &raw) {
        Ok((clean, changed)) => {
            st.changed |= changed;
            if changed
                && let Some(b) = &mut st.block
                && !b.lexicon_only
            {
                b.foreign.get_or_insert_with(|| "raw-text container".into());
            }
            restore(st, if changed { clean } else { raw })
        }
        Err(e) => {
            st.found_detail("rawtext.error", Action::Removed, None, Some(e.to_string()));
            None
        }
    }
}

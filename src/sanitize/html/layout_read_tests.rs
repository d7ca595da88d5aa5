use super::super::layout_props::of_decls;
use super::*;

/// Reads `html`, the layout of each element given by its own `style=` (as the stream
/// notes it) and by `dir`, `slot`, `<slot name>` and `<template shadowrootmode>`.
fn drawn(html: &str) -> Option<[String; 2]> {
    let mut marks = Vec::new();
    let mut at = 0;
    while let Some(i) = html[at..].find('<') {
        let start = at + i;
        let end = start + html[start..].find('>').unwrap_or(0);
        let tag = &html[start..end];
        let mut l = tag
            .split_once("style=\"")
            .and_then(|(_, s)| of_decls(s.split('"').next().unwrap_or("")))
            .unwrap_or_default();
        if let Some((_, s)) = tag.split_once(" slot=\"") {
            l.slot = Some(s.split('"').next().unwrap_or("").into());
        }
        if tag.starts_with("<slot") {
            let name = tag
                .split_once("name=\"")
                .map_or("", |(_, s)| s.split('"').next().unwrap_or(""));
            l.slot_name = Some(name.into());
        }
        l.shadow = tag.starts_with("<template shadowrootmode");
        if l.moves() {
            marks.push((start, l));
        }
        at = end.max(start + 1);
    }
    read(
        html.as_bytes(),
        encoding_rs::UTF_8,
        Vec::new(),
        &marks,
        Vec::new(),
    )
    .map(|r| {
        let [a, b] = r.whole;
        [
            a.split_whitespace().collect::<Vec<_>>().join(" "),
            b.split_whitespace().collect::<Vec<_>>().join(" "),
        ]
    })
}

#[test]
fn flex_order_puts_the_words_back() {
    let d = drawn("<div><span style=\"order:3\">uy</span><span style=\"order:1\">Nhà</span><span style=\"order:4\">tín</span><span style=\"order:2\">cái</span></div>").unwrap();
    assert_eq!(d[1], "Nhà cái uy tín");
    assert_eq!(d[0], "Nhàcáiuytín");
}

#[test]
fn letters_placed_by_offsets_make_words() {
    let html = "<div><span style=\"position:absolute;left:2ch\">I</span><span style=\"position:absolute;left:0\">S</span><span style=\"position:absolute;left:4ch\">C</span><span style=\"position:absolute;left:1ch\">O</span><span style=\"position:absolute;left:5ch\">Ầ</span><span style=\"position:absolute;left:6ch\">U</span></div>";
    assert_eq!(drawn(html).unwrap()[0], "SOI CẦU");
}

#[test]
fn named_slots_draw_the_light_children_in_their_order() {
    let html = "<div><template shadowrootmode=\"open\"><p><slot name=\"a\"></slot> <slot name=\"b\"></slot>, <slot></slot></p></template><span slot=\"b\">tiền</span>x<span slot=\"a\">Vay</span><span slot=\"z\">never</span></div>";
    assert_eq!(drawn(html).unwrap()[0], "Vay tiền, x");
}

#[test]
fn text_in_source_order_is_not_moved() {
    assert!(
        drawn("<div><span style=\"order:1\">a</span><span style=\"order:2\">b</span></div>")
            .is_none()
    );
    assert!(drawn("<p>Trang <b>chủ</b></p>").is_none());
}

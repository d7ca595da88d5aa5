//! Tests of `rendered`: words joined as drawn, the ranges of units and pieces.

use super::*;

fn words(html: &str) -> Vec<String> {
    read(html.as_bytes(), encoding_rs::UTF_8, false)
        .text
        .split_whitespace()
        .map(String::from)
        .collect()
}

#[test]
fn inline_tags_and_comments_do_not_break_words() {
    assert_eq!(words("<b>nhà</b><i> cái</i>"), ["nhà", "cái"]);
    assert_eq!(words("n<span>ổ</span> h<!-- x -->ũ"), ["nổ", "hũ"]);
    assert_eq!(words("nh&agrave; c<x-a>ái</x-a>"), ["nhà", "cái"]);
    assert_eq!(words("<td>a</td><td>b</td>x<br>y"), ["a", "b", "x", "y"]);
    assert_eq!(
        words("a<script>n</script>b<title>t</title>c"),
        ["a", "b", "c"]
    );
}

#[test]
fn units_and_pieces_have_their_ranges() {
    let html = "x <span>a <b>b</b></span> y";
    let r = read(html.as_bytes(), encoding_rs::UTF_8, false);
    let spans: Vec<_> = r.units.iter().map(|u| &html[u.bytes.clone()]).collect();
    assert_eq!(spans, ["<b>b</b>", "<span>a <b>b</b></span>"]);
    let texts: Vec<_> = r
        .units
        .iter()
        .map(|u| r.text[u.text.clone()].trim())
        .collect();
    assert_eq!(texts, ["b", "a b"]);
    let pieces: Vec<_> = r.pieces.iter().map(|p| &html[p.bytes.clone()]).collect();
    assert_eq!(pieces, ["x ", "a ", "b", " y"]);
}

#[test]
fn pieces_split_after_sentences() {
    let html = "A b. C <b>d</b>! E 1.000 f<br>g";
    let r = read(html.as_bytes(), encoding_rs::UTF_8, false);
    let pieces: Vec<_> = r
        .pieces
        .iter()
        .map(|p| (&html[p.bytes.clone()], p.ends))
        .collect();
    assert_eq!(
        pieces,
        [
            ("A b. ", true),
            ("C ", false),
            ("d", false),
            ("! ", true),
            ("E 1.000 f", true),
            ("g", false)
        ]
    );
}

#[test]
fn reversed_text_reads_as_drawn() {
    let phrase = ["Nhà", "cái", "uy", "tín", "789bet"];
    for html in [
        "<p><bdo dir=rtl>teb987 nít yu iác àhN</bdo></p>",
        "<p><span style=\"unicode-bidi:bidi-override; direction:rtl\">teb987 nít yu iác àhN</span></p>",
        "<p>&#x202E;teb987 nít yu iác àhN&#x202C;</p>",
        "<div style=\"display:flex;flex-direction:row-reverse\"><span>789bet </span><span>tín </span>uy <b>cái </b><span>Nhà </span></div>",
    ] {
        let read: Vec<String> = words(html)
            .into_iter()
            .map(|w| w.trim_matches(['\u{202E}', '\u{202C}']).to_string())
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(read, phrase, "{html}");
    }
    assert_eq!(
        words("<p dir=rtl>abc</p><bdo dir=ltr>def</bdo>"),
        ["abc", "def"]
    );
}

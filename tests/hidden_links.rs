//! Attack suite for planted links and spam (hidden blocks, raw-text containers, encoded
//! URLs, other URL carriers, spam text, cloaking): the attack corpus must come
//! out with no foreign URL in any URL-carrying attribute (including raw-text containers,
//! `srcdoc` and JSON-LD) and without its planted text; the benign corpus must come out byte
//! for byte unchanged. Every page is fed whole and in tiny chunks (1–7 bytes), so that tags,
//! entities and scripts are split across chunk boundaries; the output must not depend on it.

use crate::common;

use std::path::Path;
use std::sync::Arc;

use common::rewrite::{PLANS, base, corpus, report_site, request, rewrite, site};
use lachan::audit::{Action, AuditLog, Event};
use lachan::config::Site;
use lachan::sanitize::html::{PageContext, PageRewriter, oracle};

fn encoding_of(path: &Path) -> Option<&'static encoding_rs::Encoding> {
    let name = path.file_name()?.to_str()?;
    name.contains("windows-1258")
        .then_some(encoding_rs::WINDOWS_1258)
}

fn expect_gone(input: &str) -> (Vec<String>, &str) {
    let (first, rest) = input.split_once('\n').unwrap();
    let list = first
        .trim_start_matches("<!-- expect-gone:")
        .trim_end_matches("-->");
    let phrases = list
        .split('|')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect();
    (phrases, rest)
}

#[test]
fn attack_corpus_leaves_no_foreign_url_and_no_planted_text() {
    let site = site("");
    let files = corpus("attack");
    assert!(files.len() >= 60, "the attack corpus has many variants");
    for path in files {
        let input = std::fs::read_to_string(&path).unwrap();
        let (whole, events) = rewrite(&site, input.as_bytes(), PLANS[0], None);
        let out = String::from_utf8(whole.clone()).unwrap();
        let left = oracle::foreign_urls(&out, &base(), &site.sanitize().hosts);
        assert!(
            left.is_empty(),
            "{}: foreign URLs left: {left:?}\n{out}",
            path.display()
        );
        let (phrases, body) = expect_gone(&out);
        for p in phrases {
            assert!(
                !body.contains(&p),
                "{}: planted text {p:?} survived\n{out}",
                path.display()
            );
        }
        assert!(!events.is_empty(), "{}: no audit event", path.display());
        assert!(events.iter().all(|e| e.action != Action::Reported));
        for plan in &PLANS[1..] {
            let (chunked, ev) = rewrite(&site, input.as_bytes(), plan, None);
            assert_eq!(
                chunked,
                whole,
                "{}: output differs with chunks {plan:?}",
                path.display()
            );
            assert_eq!(
                ev.len(),
                events.len(),
                "{}: events differ with chunks {plan:?}",
                path.display()
            );
        }
    }
}

#[test]
fn benign_corpus_is_byte_identical_in_any_chunking() {
    let site = site("");
    for path in corpus("benign") {
        let input = std::fs::read(&path).unwrap();
        for plan in PLANS {
            let (out, events) = rewrite(&site, &input, plan, encoding_of(&path));
            let rules: Vec<_> = events
                .iter()
                .map(|e| (e.rule.clone(), e.target.clone()))
                .collect();
            assert!(
                events.is_empty(),
                "{}: unexpected events {rules:?}",
                path.display()
            );
            assert!(
                out == input,
                "{}: changed with chunks {plan:?}:\n{}",
                path.display(),
                String::from_utf8_lossy(&out)
            );
        }
    }
}

#[test]
fn legacy_page_found_by_meta_charset_is_unchanged() {
    let site = site("");
    let path = corpus("benign")
        .into_iter()
        .find(|p| encoding_of(p).is_some())
        .unwrap();
    let input = std::fs::read(&path).unwrap();
    let (out, events) = rewrite(&site, &input, &[3], None);
    assert!(events.is_empty());
    assert_eq!(out, input);
}

#[test]
fn legacy_page_with_planted_block_is_cleaned_in_its_charset() {
    let site = site("");
    let page = "<p>Thông báo</p><div style=\"display:none\"><a href=\"https://bet.test/\">nhà cái</a></div><p>Hết</p>";
    let (input, _, _) = encoding_rs::WINDOWS_1258.encode(page);
    let (out, events) = rewrite(&site, &input, &[4], Some(encoding_rs::WINDOWS_1258));
    let (expected, _, _) = encoding_rs::WINDOWS_1258.encode("<p>Thông báo</p><p>Hết</p>");
    assert_eq!(out, expected.as_ref());
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].rule, "link.hidden_block");
}

#[test]
fn hidden_block_is_removed_whole_and_reported_once() {
    let site = site("");
    let page = "<p>a</p><div style=\"display:none\"><p>x</p><a href=\"https://bet.test/\">nhà cái</a><a href=\"//b2.test/\">y</a></div><p>b</p>";
    let (out, events) = rewrite(&site, page.as_bytes(), &[2], None);
    assert_eq!(String::from_utf8(out).unwrap(), "<p>a</p><p>b</p>");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].rule, "link.hidden_block");
    assert_eq!(events[0].action, Action::Removed);
    assert_eq!(events[0].target.as_deref(), Some("https://bet.test/"));
}

#[test]
fn keyword_only_block_and_editorial_text() {
    let site = site("");
    let page = "<div style=\"font-size:0\">nổ hũ, bắn cá</div><p>cảnh báo: nổ hũ, bắn cá là cờ bạc trái phép</p><div style=\"display:none\">phòng chống cá cược bóng đá</div>";
    let (out, events) = rewrite(&site, page.as_bytes(), &[usize::MAX], None);
    let out = String::from_utf8(out).unwrap();
    assert_eq!(
        out,
        "<p>cảnh báo: nổ hũ, bắn cá là cờ bạc trái phép</p><div style=\"display:none\">phòng chống cá cược bóng đá</div>"
    );
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].rule, "spam.keyword");
}

#[test]
fn visible_foreign_link_is_unwrapped_or_removed_per_site() {
    let page = "<p>Xem <a href=\"https://bet.test/\">liên kết</a>.</p>";
    let (out, events) = rewrite(&site(""), page.as_bytes(), &[usize::MAX], None);
    assert_eq!(String::from_utf8(out).unwrap(), "<p>Xem liên kết.</p>");
    assert_eq!(
        (events[0].rule.as_ref(), events[0].action),
        ("link.foreign", Action::Unwrapped)
    );
    let remove = site("[site.sanitize]\nlink_action = \"remove\"");
    let (out, events) = rewrite(&remove, page.as_bytes(), &[usize::MAX], None);
    assert_eq!(String::from_utf8(out).unwrap(), "<p>Xem .</p>");
    assert_eq!(events[0].action, Action::Removed);
}

#[test]
fn raw_text_links_are_reported_as_rawtext() {
    let page = "<noscript><p>x <a href=\"https://news.test/\">bài viết</a></p></noscript>";
    let (out, events) = rewrite(&site(""), page.as_bytes(), &[1], None);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "<noscript><p>x bài viết</p></noscript>"
    );
    assert_eq!(events[0].rule, "rawtext.link");
}

#[test]
fn spam_title_and_description_are_replaced_or_only_reported() {
    let page = "<title>Nổ hũ đổi thưởng</title><meta name=\"description\" content=\"nhà cái uy tín\"><title>Xổ số kiến thiết</title>";
    let (out, events) = rewrite(&site(""), page.as_bytes(), &[3], None);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "<title>portal</title><meta name=\"description\" content=\"portal\"><title>Xổ số kiến thiết</title>"
    );
    assert_eq!(events.len(), 2);
    assert!(
        events
            .iter()
            .all(|e| e.rule == "spam.keyword" && e.action == Action::Replaced)
    );
    let report = site("[site.sanitize]\nmeta_action = \"report\"");
    let (out, events) = rewrite(&report, page.as_bytes(), &[3], None);
    assert_eq!(out, page.as_bytes());
    assert_eq!(events.len(), 2);
}

#[test]
fn report_mode_changes_nothing_and_reports_the_same_events() {
    let enforce = site("");
    let report_site = report_site();
    for path in corpus("attack") {
        let input = std::fs::read(&path).unwrap();
        let (_, enforced) = rewrite(&enforce, &input, &[usize::MAX], None);
        let (out, reported) = rewrite(&report_site, &input, &[4], None);
        assert_eq!(
            out,
            input,
            "{}: report mode changed the page",
            path.display()
        );
        let rules = |e: &[Event]| {
            e.iter()
                .map(|e| (e.rule.to_string(), e.target.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(rules(&reported), rules(&enforced), "{}", path.display());
        assert!(reported.iter().all(|e| e.action == Action::Reported));
    }
}

#[test]
fn hidden_foreign_link_takes_its_text_along() {
    let page = "<p>a</p><a style=\"display:none\" href=\"https://bet.test/\">nhà cái uy tín</a><noscript style=\"display:none\"><a href=\"//bet.test\">x</a></noscript><p>b</p>";
    let (out, events) = rewrite(&site(""), page.as_bytes(), &[2], None);
    assert_eq!(String::from_utf8(out).unwrap(), "<p>a</p><p>b</p>");
    let rules: Vec<_> = events.iter().map(|e| e.rule.as_ref()).collect();
    assert_eq!(rules, ["link.hidden_block", "link.hidden_block"]);
}

/// Like `rewrite`, but stops at the first error (parse ambiguity, memory) and returns what
/// had been emitted: a client would already have those bytes.
fn rewrite_until_error(site: &Arc<Site>, input: &[u8], plan: &[usize]) -> Vec<u8> {
    let ctx = PageContext {
        site: Arc::clone(site),
        base: base(),
        encoding: None,
        request: request(),
        audit: AuditLog::memory().0,
    };
    let mut rw = PageRewriter::new(ctx).expect("rewriter");
    let mut out = Vec::new();
    let mut rest = input;
    let mut sizes = plan.iter().cycle();
    while !rest.is_empty() {
        let n = sizes.next().copied().unwrap_or(1).min(rest.len());
        match rw.write(&rest[..n]) {
            Ok(b) => out.extend_from_slice(&b),
            Err(_) => return out,
        }
        rest = &rest[n..];
    }
    if let Ok(b) = rw.end() {
        out.extend_from_slice(&b);
    }
    out
}

/// A deterministic stand-in for the fuzz target on stable: pieces of attack pages spliced
/// at random byte offsets, fed in random chunks; nothing foreign may survive.
#[test]
fn spliced_attack_fragments_never_leak() {
    let site = site("");
    let pages: Vec<Vec<u8>> = corpus("attack")
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % n.max(1) as u64).unwrap()
    };
    for round in 0..2000 {
        let mut input = Vec::new();
        for _ in 0..4 {
            let page = &pages[next(pages.len())];
            let a = next(page.len());
            let b = (a + next(400)).min(page.len());
            input.extend_from_slice(&page[a..b]);
        }
        let plan = [next(7) + 1, next(7) + 1, next(64) + 1];
        let out = rewrite_until_error(&site, &input, &plan);
        let text = String::from_utf8_lossy(&out);
        let left = oracle::foreign_urls(&text, &base(), &site.sanitize().hosts);
        assert!(
            left.is_empty(),
            "round {round}: {left:?}\ninput: {}\noutput: {text}",
            String::from_utf8_lossy(&input)
        );
    }
}

/// lol_html ignores a `<meta>` with an unknown label and switches at the next valid one; the
/// sanitizer must follow the same `<meta>`, or it would judge the held hidden text as UTF-8.
/// The bytes are real windows-1258 (precomposed `à`, combining hook and tilde), not the
/// numeric references an encoder writes for characters it cannot map.
#[test]
fn legacy_page_after_an_unknown_meta_charset_has_its_hidden_spam_found() {
    let head: &[u8] = b"<meta charset=\"x-bogus\"><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\"><p>Th\xF4ng b\xE1o</p>";
    let block: &[u8] = b"<div style=\"display:none\">t\xE0i xi\xD2u, n\xF4\xD2 hu\xDE</div>";
    let tail: &[u8] = b"<p>H\xEA\xECt</p>";
    let input = [head, block, tail].concat();
    let (out, events) = rewrite(&site(""), &input, &[5], None);
    assert_eq!(out, [head, tail].concat());
    assert_eq!(events[0].rule, "spam.keyword");
}

/// Real windows-1258 bytes (precomposed `à`, combining hook and tilde): an encoder would
/// write `&#NNNN;` for what it cannot map, and those references read the same in any charset.
#[test]
fn legacy_page_by_meta_charset_has_its_hidden_spam_found() {
    let head: &[u8] = b"<meta charset=\"windows-1258\"><p>Th\xF4ng b\xE1o</p>";
    let block: &[u8] = b"<div style=\"display:none\">n\xF4\xD2 hu\xDE, t\xE0i xi\xD2u</div>";
    let tail: &[u8] = b"<p>H\xEA\xECt</p>";
    let input = [head, block, tail].concat();
    let (out, events) = rewrite(&site(""), &input, &[5], None);
    assert_eq!(out, [head, tail].concat());
    assert_eq!(events[0].rule, "spam.keyword");
}

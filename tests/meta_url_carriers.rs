//! Attack suite for redteam #24 (foreign URLs in `<meta content>`): Open Graph, Twitter card,
//! microdata and tile `<meta>` whose `content` points at a foreign host are removed with an
//! audit event (crawlers and social previews follow them); same-site, relative and allowed
//! values, and metas that carry no URL, come through byte for byte. Every page is fed whole
//! and in tiny chunks.

use crate::common;

use common::rewrite::{assert_gone, run};

#[test]
fn og_url_to_betting_host_is_removed() {
    let html = "<head><meta property=\"og:url\" content=\"https://kubet.test/so-tu-phap\"><title>T</title></head>";
    assert_gone(html, "kubet", "link.foreign");
    assert!(run(html).0.contains("<title>T</title>"));
}

#[test]
fn og_and_twitter_images_to_betting_cdn_are_removed() {
    for meta in [
        "<meta property=\"og:image\" content=\"https://img.kubet-cdn.test/og.jpg\">",
        "<meta property='og:image:secure_url' content='https://img.kubet-cdn.test/og.jpg'>",
        "<meta property=\"OG:Video\" content=\"//img.kubet-cdn.test/v.mp4\">",
        "<meta name=\"twitter:image\" content=\" https://img.kubet-cdn.test/tw.jpg \">",
        "<meta name=\"msapplication-TileImage\" content=\"https://img.kubet-cdn.test/t.png\">",
    ] {
        assert_gone(meta, "kubet", "media.foreign");
    }
}

#[test]
fn twitter_player_and_microdata_urls_to_betting_hosts_are_removed() {
    for meta in [
        "<meta name=\"twitter:player\" content=\"https://kubet.test/embed\">",
        "<div itemscope><meta itemprop=\"url\" content=\"https://kubet.test/\"></div>",
        "<div itemscope><meta itemprop=\"sameAs\" content=\"https://fb88.test/\"></div>",
        "<div itemscope><meta itemprop=\"url\" content=\"https://kubet&#46;test/\"></div>",
    ] {
        assert_gone(meta, "test/", "link.foreign");
    }
    assert_gone(
        "<meta itemprop=\"image\" content=\"https://img.kubet.test/a.png\">",
        "kubet",
        "media.foreign",
    );
}

#[test]
fn benign_meta_carriers_come_through_unchanged() {
    let html = concat!(
        "<head><meta charset=utf-8>",
        "<meta property=\"og:url\" content=\"https://portal.example.gov.vn/tin-tuc/a.html\">",
        "<meta property=\"og:image\" content=\"/static/og.jpg\">",
        "<meta property=\"og:image:width\" content=\"1200\">",
        "<meta property=\"og:image:alt\" content=\"Sở Tư pháp\">",
        "<meta property=\"og:type\" content=\"article\">",
        "<meta name=\"twitter:image\" content=\"https://chinhphu.vn/og.png\">",
        "<meta name=\"twitter:card\" content=\"summary_large_image\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "</head><body><div itemscope><meta itemprop=\"url\" content=\"/gioi-thieu/\">",
        "<meta itemprop=\"name\" content=\"Sở Tư pháp\"></div></body>",
    );
    let (out, rules) = run(html);
    assert_eq!(out, html);
    assert!(rules.is_empty(), "{rules:?}");
}

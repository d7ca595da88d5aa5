//! False-positive suite (issue 14, delivery): big inline data scripts. Portals built with
//! Next.js, Nuxt or a page builder inline their state (`window.__DATA__=[{…},…]`,
//! `self.__next_f.push(…)`) in scripts of several hundred KB; the fail-closed
//! `max_inline_script` cap removed them whole and broke the page. The cap is now 1 MiB by
//! default (the script analyser's own bound), so they come through byte for byte; a script
//! past the cap is still removed (`script.oversize`), and a redirect appended to a big data
//! script is still found.

use crate::common;

use common::expect::{fired, never, unchanged};
use common::gateway::Setup;

/// A data script of about `kb` KB: JSON-like records only.
fn data_script(kb: usize) -> String {
    let mut s = String::from("window.__DATA__=[");
    let mut i = 0;
    while s.len() < kb * 1000 {
        s.push_str(&format!(
            "{{\"id\":{i},\"tieuDe\":\"Thông báo số {i} của Sở Tư pháp\",\"url\":\"/tin-tuc/{i}\",\
             \"ngay\":\"2024-05-{:02}\",\"an\":false,\"diem\":{}.5}},",
            i % 28 + 1,
            i % 97
        ));
        i += 1;
    }
    s.push_str("{}];");
    s
}

fn page(script: &str) -> String {
    format!(
        "<!doctype html><html><head><title>Sở Tư pháp</title></head><body><p>Tin</p>\
         <script>{script}</script><p>Hết</p></body></html>"
    )
}

#[tokio::test]
async fn large_data_scripts_pass_byte_for_byte() {
    let h = Setup::portal().start().await;
    for kb in [300usize, 400, 900] {
        let p = page(&data_script(kb));
        let path = format!("/d{kb}");
        h.upstream
            .serve(&path, "text/html; charset=utf-8", p.clone());
        unchanged(&h, &path, p).await;
    }
    never(&h, "script.oversize");
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

#[tokio::test]
async fn a_redirect_appended_to_a_large_data_script_is_removed() {
    let h = Setup::portal().start().await;
    let s = format!(
        "{}window.location.replace('https://bet.test/');",
        data_script(400)
    );
    h.upstream.serve("/r", "text/html; charset=utf-8", page(&s));
    let (_, body) = h.body("/r", &[]).await;
    let text = String::from_utf8_lossy(&body);
    assert!(!text.contains("bet.test") && !text.contains("__DATA__"));
    assert!(text.contains("<p>Tin</p><p>Hết</p>"));
    fired(&h, "script.redirect");
}

#[tokio::test]
async fn a_script_past_the_cap_is_still_removed() {
    let h = Setup::portal().start().await;
    h.upstream
        .serve("/big", "text/html; charset=utf-8", page(&data_script(1100)));
    let (_, body) = h.body("/big", &[]).await;
    let text = String::from_utf8_lossy(&body);
    assert!(!text.contains("__DATA__"));
    assert!(text.contains("<p>Tin</p><p>Hết</p>"));
    fired(&h, "script.oversize");
}

//! Damaged benign page (issue 14, false positives) and its attack side: WP Rocket's "delay
//! JavaScript execution" rewrites every script as `<script type="rocketlazyloadscript"
//! data-rocket-src="…">` and puts an inline loader (`RocketLazyLoadScripts`) first in
//! `<head>`; at the first interaction the loader copies `data-rocket-src` into `src`, and
//! runs an inline one by pointing it at a `data:` URL of its own text. The loader, and the
//! delayed scripts, must come through byte for byte when every source is same-site or
//! allowed. A delayed script (or a loader's own element) whose `data-*-src` names a script
//! host that is not allowed goes whole (`script.external`), and a `data:` URL built from
//! anything but the element's own text still goes (`script.loader`).
//!
//! The loaders below are written for this suite in the shape of WP Rocket's (minified
//! names, a class, the Firefox branch that copies attributes to a created script), not
//! copied from it.

use crate::common;

use common::rewrite::{clean, site};

/// A delay loader in the shape of WP Rocket's; `run` is how it re-runs an inline script.
fn loader(run: &str) -> String {
    format!(
        "(()=>{{class RocketLazyLoadScripts{{constructor(){{this.triggerEvents=[\"keydown\",\"mousedown\",\"touchstart\",\"wheel\"],this.userEventHandler=this.t.bind(this),this.delayedScripts={{normal:[],defer:[]}},this.trash=[]}}\
k(t){{this.triggerEvents.forEach((e=>window.addEventListener(e,t.userEventHandler,{{passive:!0}})))}}\
t(){{this.triggerEvents.forEach((t=>window.removeEventListener(t,this.userEventHandler))),\"loading\"===document.readyState?document.addEventListener(\"DOMContentLoaded\",this.R.bind(this)):this.R()}}\
async R(){{this.A(),this.I(),await this.U(this.delayedScripts.normal),await this.U(this.delayedScripts.defer),window.dispatchEvent(new Event(\"rocket-load\"))}}\
A(){{document.querySelectorAll(\"script[type=rocketlazyloadscript]\").forEach((t=>{{t.hasAttribute(\"defer\")?this.delayedScripts.defer.push(t):this.delayedScripts.normal.push(t)}}))}}\
async B(t){{return new Promise((e=>{{function o(){{t.setAttribute(\"data-rocket-status\",\"executed\"),e()}}try{{if(navigator.userAgent.indexOf(\"Firefox/\")>0){{let i=document.createElement(\"script\");[...t.attributes].forEach((t=>{{let e=t.nodeName;\"type\"!==e&&(\"data-rocket-type\"===e&&(e=\"type\"),\"data-rocket-src\"===e&&(e=\"src\"),i.setAttribute(e,t.nodeValue))}})),t.text&&(i.text=t.text),i.addEventListener(\"load\",o),t.parentNode.replaceChild(i,t)}}else{{const n=t.getAttribute(\"data-rocket-src\");t.removeAttribute(\"type\"),t.addEventListener(\"load\",o),n?(t.removeAttribute(\"data-rocket-src\"),t.src=n):{run}}}}}catch(i){{t.setAttribute(\"data-rocket-status\",\"failed\"),e()}}}}))}}\
async U(t){{const e=t.shift();return e&&e.isConnected?(await this.B(e),this.U(t)):Promise.resolve()}}\
I(){{var i=document.createDocumentFragment();[...this.delayedScripts.normal,...this.delayedScripts.defer].forEach((t=>{{const o=t.getAttribute(\"data-rocket-src\");if(o){{const n=document.createElement(\"link\");n.href=o,n.rel=\"preload\",n.as=\"script\",i.appendChild(n),this.trash.push(n)}}}})),document.head.appendChild(i)}}\
static run(){{const t=new RocketLazyLoadScripts;t.k(t)}}}}RocketLazyLoadScripts.run()}})();"
    )
}

/// The ways a loader re-runs an inline delayed script from its own text.
const RERUNS: &[&str] = &[
    "t.src=\"data:text/javascript;base64,\"+window.btoa(unescape(encodeURIComponent(t.text)))",
    "t.src=\"data:text/javascript;base64,\"+btoa(unescape(encodeURIComponent(t.text)))",
    "t.src='data:text/javascript,'+encodeURIComponent(t.textContent)",
    "(t.src=\"data:application/javascript;base64,\"+btoa(unescape(encodeURIComponent(t.text))))",
];

fn page(loader: &str, delayed: &str) -> String {
    format!(
        "<html><head><meta charset=\"utf-8\"><script>{loader}</script>\
<script type=\"rocketlazyloadscript\" data-rocket-src=\"/wp-includes/js/jquery/jquery.min.js?ver=3.7.1\" id=\"jquery-core-js\"></script>\
<title>Sở Tư pháp</title></head><body><p>Tin tức</p>{delayed}\
<script type=\"rocketlazyloadscript\">window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}</script></body></html>"
    )
}

#[test]
fn wp_rocket_delay_loader_with_same_site_sources_is_unchanged() {
    let delayed = [
        "<script type=\"rocketlazyloadscript\" data-rocket-src=\"/wp-content/themes/so/js/main.js?ver=1.2\" defer></script>",
        "<script type=\"rocketlazyloadscript\" data-rocket-src=\"https://portal.example.gov.vn/wp-content/plugins/slider/slider.min.js\" data-rocket-type=\"text/javascript\"></script>",
        "<script type=\"rocketlazyloadscript\" data-rocket-src=\"https://www.googletagmanager.com/gtag/js?id=G-AB12CD\" async></script>",
        "<script type=\"rocketlazyloadscript\" data-rocket-src=\"//dichvucong.gov.vn/widget/tra-cuu.js\"></script>",
        "",
    ];
    for run in RERUNS {
        for d in delayed {
            let input = page(&loader(run), d);
            let (out, events) = clean(&site(""), &input);
            assert_eq!(out, input, "{run} {d}");
            assert!(events.is_empty(), "{run}: {events:?}");
        }
    }
}

#[test]
fn delayed_script_with_a_foreign_source_goes_whole() {
    for d in [
        "<script type=\"rocketlazyloadscript\" data-rocket-src=\"https://bet.test/x.js\"></script>",
        "<script type=\"rocketlazyloadscript\" data-rocket-src=\"//cdn.bet.test/a.js\" defer></script>",
        "<script type=\"rocketlazyloadscript\" data-rocket-src=\"https&#58;//bet&#46;test/a.js\"></script>",
        "<script type=\"rocketlazyloadscript\" data-rocket-src=\"/\\bet.test/a.js\"></script>",
        "<SCRIPT TYPE=\"rocketlazyloadscript\" DATA-ROCKET-SRC=\" https://portal.example.gov.vn.bet.test/a.js\"></SCRIPT>",
        "<script data-src=\"https://bet.test/x.js\">var s=document.createElement('script');s.src=document.currentScript.getAttribute('data-src');document.head.appendChild(s)</script>",
        "<script type=\"text/plain\" data-lazy-src=\"https://bet.test/x.js\" class=\"lazy-script\"></script>",
    ] {
        let input = page(&loader(RERUNS[0]), d);
        let (out, events) = clean(&site(""), &input);
        assert!(
            !out.contains("bet") && !out.contains("createElement('script')"),
            "{out}"
        );
        assert!(
            events.iter().any(|e| e.rule == "script.external"),
            "{d}: {events:?}"
        );
        assert!(out.contains("RocketLazyLoadScripts"), "{out}");
    }
}

#[test]
fn delayed_script_outside_a_narrower_script_list_goes() {
    let site = site("[site.sanitize]\nscript_src = [\"*.gov.vn\"]");
    let d = "<script type=\"rocketlazyloadscript\" data-rocket-src=\"https://www.youtube.com/iframe_api\"></script>";
    let (out, events) = clean(&site, &page(&loader(RERUNS[0]), d));
    assert!(!out.contains("iframe_api"), "{out}");
    assert!(
        events.iter().any(|e| e.rule == "script.external"),
        "{events:?}"
    );
}

#[test]
fn data_url_loader_of_other_code_still_goes() {
    for run in [
        // Another element's text: markup the HTML stage never judged as code.
        "t.src=\"data:text/javascript;base64,\"+btoa(document.getElementById(\"cfg\").textContent)",
        // Decoded, not encoded.
        "t.src=\"data:text/javascript,\"+atob(t.text)",
        // Another element than the one loaded.
        "t.src=\"data:text/javascript,\"+encodeURIComponent(u.text)",
        // Code of its own after the comma.
        "t.src=\"data:text/javascript,\"+\"location.href='//bet.test/';\"+t.text",
        // Not a script MIME type: an HTML document.
        "t.src=\"data:text/html;base64,\"+btoa(t.text)",
    ] {
        let input = page(&loader(run), "");
        let (out, events) = clean(&site(""), &input);
        assert!(!out.contains("RocketLazyLoadScripts"), "{run}: {out}");
        assert!(
            events.iter().any(|e| e.rule.starts_with("script.")),
            "{run}: {events:?}"
        );
    }
}

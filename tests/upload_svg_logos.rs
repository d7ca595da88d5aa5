//! Attack suite (and its false-positive guard): SVG files in upload folders. An agency's
//! logo is an SVG exported by Illustrator, Inkscape or Figma and uploaded through the CMS,
//! often clickable (`<a href="/">`, `<a xlink:href>` to the site or an allowed host), with
//! `<style>`, `<title>`, gradients in `<defs>`, an XML declaration, a DOCTYPE without an
//! internal subset, comments, editor metadata and embedded fonts or bitmaps. Every such
//! benign shape is served byte for byte with no event. The same shapes made active (script,
//! event handlers, foreign links, `javascript:`, a foreign `<use href>`, HTML in a
//! `<foreignObject>`, an `xml-stylesheet`) are refused with 403 and `upload.doorway`.

use crate::common;

use common::body::{compress, full, resp};
use common::gateway::{Gateway, Setup};

const ILLUSTRATOR: &str = r##"<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 27.5.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg version="1.1" id="Layer_1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" x="0px" y="0px"
	 viewBox="0 0 200 200" style="enable-background:new 0 0 200 200;" xml:space="preserve">
<style type="text/css">
	.st0{fill:#DA251D;}
	.st1{fill:url(#SVGID_1_);}
	.st2{font-family:'Roboto-Bold';font-size:14px;}
</style>
<linearGradient id="SVGID_1_" gradientUnits="userSpaceOnUse" x1="0" y1="0" x2="200" y2="200">
	<stop  offset="0" style="stop-color:#FFDE00"/>
	<stop  offset="1" style="stop-color:#DA251D"/>
</linearGradient>
<a xlink:href="https://portal.example.gov.vn/" target="_top">
	<circle class="st0" cx="100" cy="100" r="96"/>
	<path class="st1" d="M100,20l23.5,72.4H200l-61.8,44.9l23.6,72.4L100,164.8l-61.8,44.9l23.6-72.4L0,92.4h76.5L100,20z"/>
	<text transform="matrix(1 0 0 1 40 190)" class="st2">SỞ TÀI CHÍNH</text>
</a>
</svg>
"##;

const INKSCAPE: &str = r##"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->

<svg
   width="120mm"
   height="40mm"
   viewBox="0 0 120 40"
   version="1.1"
   id="svg5"
   inkscape:version="1.3 (0e150ed6c4, 2023-07-21)"
   sodipodi:docname="logo-so.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:xlink="http://www.w3.org/1999/xlink"
   xmlns="http://www.w3.org/2000/svg"
   xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:cc="http://creativecommons.org/ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/">
  <title
     id="title1">Logo Sở Thông tin và Truyền thông</title>
  <sodipodi:namedview
     id="namedview7"
     pagecolor="#ffffff"
     bordercolor="#000000"
     borderopacity="0.25"
     inkscape:showpageshadow="2"
     inkscape:pageopacity="0.0"
     inkscape:document-units="mm" />
  <defs
     id="defs2">
    <radialGradient
       inkscape:collect="always"
       id="radialGradient1"
       cx="20" cy="20" r="18"
       gradientUnits="userSpaceOnUse">
      <stop style="stop-color:#ffde00;stop-opacity:1" offset="0" id="stop1" />
      <stop style="stop-color:#da251d;stop-opacity:1" offset="1" id="stop2" />
    </radialGradient>
  </defs>
  <metadata
     id="metadata1">
    <rdf:RDF>
      <cc:Work
         rdf:about="">
        <dc:format>image/svg+xml</dc:format>
        <dc:type
           rdf:resource="http://purl.org/dc/dcmitype/StillImage" />
        <cc:license
           rdf:resource="http://creativecommons.org/licenses/by-sa/4.0/" />
      </cc:Work>
    </rdf:RDF>
  </metadata>
  <g
     inkscape:label="Layer 1"
     inkscape:groupmode="layer"
     id="layer1">
    <a
       xlink:href="/"
       id="a1"
       xlink:title="Trang chủ">
      <circle
         style="fill:url(#radialGradient1);stroke:none"
         cx="20" cy="20" r="18"
         id="path1"
         sodipodi:type="arc" />
      <text
         xml:space="preserve"
         style="font-size:8px;font-family:Arial"
         x="44" y="24"
         id="text1"><tspan
           sodipodi:role="line"
           id="tspan1"
           x="44" y="24">SỞ TT&amp;TT</tspan></text>
    </a>
  </g>
</svg>
"##;

const FIGMA: &str = r##"<svg width="240" height="64" viewBox="0 0 240 64" fill="none" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<a href="https://portal.example.gov.vn/">
<g clip-path="url(#clip0_12_34)">
<g filter="url(#filter0_d_12_34)">
<rect x="4" y="4" width="56" height="56" rx="8" fill="url(#paint0_linear_12_34)"/>
</g>
<rect x="72" y="16" width="32" height="32" fill="url(#pattern0)"/>
<path d="M120 20H236V44H120V20Z" fill="#DA251D"/>
</g>
</a>
<defs>
<filter id="filter0_d_12_34" x="0" y="4" width="64" height="64" filterUnits="userSpaceOnUse" color-interpolation-filters="sRGB">
<feFlood flood-opacity="0" result="BackgroundImageFix"/>
<feColorMatrix in="SourceAlpha" type="matrix" values="0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 127 0" result="hardAlpha"/>
<feOffset dy="4"/>
<feComposite in2="hardAlpha" operator="out"/>
<feBlend mode="normal" in2="BackgroundImageFix" result="effect1_dropShadow_12_34"/>
</filter>
<pattern id="pattern0" patternContentUnits="objectBoundingBox" width="1" height="1">
<use xlink:href="#image0_12_34" transform="scale(0.01)"/>
</pattern>
<linearGradient id="paint0_linear_12_34" x1="4" y1="4" x2="60" y2="60" gradientUnits="userSpaceOnUse">
<stop stop-color="#FFDE00"/>
<stop offset="1" stop-color="#DA251D"/>
</linearGradient>
<clipPath id="clip0_12_34">
<rect width="240" height="64" fill="white"/>
</clipPath>
<image id="image0_12_34" width="100" height="100" xlink:href="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="/>
</defs>
</svg>
"##;

/// Smaller shapes: plain, SVG 2 `href`, an allowed host, a relative bitmap, embedded
/// fonts, accessibility markup, `mailto:`/`tel:` and `<switch>`.
const SMALL: &[&str] = &[
    r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0h10v10H0z" fill="#c00"/></svg>"##,
    r##"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="t d"><title id="t">Logo UBND tỉnh</title><desc id="d">Trở về trang chủ</desc><a href="/"><use href="#s"/></a><defs><symbol id="s"><circle r="4"/></symbol></defs></svg>"##,
    r##"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="https://chinhphu.vn/" target="_blank"><image xlink:href="quoc-huy.png" width="40" height="40"/></a></svg>"##,
    r##"<svg xmlns="http://www.w3.org/2000/svg"><style>@font-face{font-family:L;src:url(data:font/woff2;base64,d09GMgABAAAAAA) format("woff2"),url('data:application/font-woff;base64,d09GRgABAAAAAA') format("woff")}text{font-family:L}</style><a href="/gioi-thieu/"><text x="0" y="12">Sở Y tế</text></a></svg>"##,
    r##"<svg xmlns="http://www.w3.org/2000/svg"><style><![CDATA[ a:hover > path { fill: #900; } ]]></style><a href="/" aria-label="Trang chủ"><path d="M1 1h8"/></a><a href="mailto:vanthu@portal.example.gov.vn"><text y="20">Thư</text></a><a href="tel:+842430000000"><text y="30">Gọi</text></a></svg>"##,
    r##"<svg xmlns="http://www.w3.org/2000/svg"><switch><g systemLanguage="vi"><text>Sở</text></g><g><text>Dept</text></g></switch><a href="https://www.portal.example.gov.vn/"><rect width="5" height="5"/></a></svg>"##,
    r##"<!DOCTYPE svg>
<!-- logo -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="https://portal.example.gov.vn/tin-tuc/"><text>Tin tức</text></a></svg>"##,
];

/// Older Illustrator (CS5/CS6, "SVG 1.1", style elements): the CSS in a CDATA section.
const ILLUSTRATOR_CS6: &str = r##"<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 16.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg version="1.1" id="Layer_1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" x="0px" y="0px"
	 width="150px" height="150px" viewBox="0 0 150 150" enable-background="new 0 0 150 150" xml:space="preserve">
<style type="text/css">
<![CDATA[
	.st0{fill:url(#SVGID_1_);}
	.st1{fill:#FFFFFF;stroke:#DA251D;stroke-width:2;}
]]>
</style>
<a xlink:href="/" >
<radialGradient id="SVGID_1_" cx="75" cy="75" r="70" gradientUnits="userSpaceOnUse">
	<stop  offset="0" style="stop-color:#FFDE00"/>
	<stop  offset="1" style="stop-color:#DA251D"/>
</radialGradient>
<circle class="st0" cx="75" cy="75" r="70"/>
<polygon class="st1" points="75,25 87,60 125,60 94,82 106,118 75,96 44,118 56,82 25,60 63,60 "/>
</a>
</svg>
"##;

/// Active ones: each of the things a planted SVG uses.
const ACTIVE: &[&str] = &[
    r##"<svg xmlns="http://www.w3.org/2000/svg"><a href="/"><text>Logo</text></a><script>location='https://bet.test/'</script></svg>"##,
    r##"<svg xmlns="http://www.w3.org/2000/svg"><a href="/"><circle r="4" onclick="location='https://bet.test/'"/></a></svg>"##,
    r##"<svg xmlns="http://www.w3.org/2000/svg" onload="top.location='https://bet.test/'"><a href="/"><circle r="4"/></a></svg>"##,
    r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="https://bet.test/"><text>nhà cái</text></a></svg>"##,
    r##"<svg xmlns="http://www.w3.org/2000/svg"><a href="//bet.test/"><text>Logo</text></a></svg>"##,
    r##"<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:location='https://bet.test/'"><text>Logo</text></a></svg>"##,
    r##"<svg xmlns="http://www.w3.org/2000/svg"><a href="&#106;avascript:x()"><text>Logo</text></a></svg>"##,
    r##"<svg xmlns="http://www.w3.org/2000/svg"><use href="https://bet.test/sprite.svg#logo"/></svg>"##,
    r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="//bet.test/s.svg#a"/></svg>"##,
    r##"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject width="100" height="20"><div xmlns="http://www.w3.org/1999/xhtml"><a href="/">tài xỉu</a></div></foreignObject></svg>"##,
    r##"<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="/uploads/t.xsl"?><svg xmlns="http://www.w3.org/2000/svg"><a href="/"><text>Logo</text></a></svg>"##,
    r##"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "&#60;script&#62;">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>"##,
    r##"<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://bet.test/a.css);</style><a href="/"><text>Logo</text></a></svg>"##,
];

fn route_svg(h: &Gateway, path: &str, svg: &'static str, coding: &'static str) {
    h.upstream.route(path, move || {
        let mut headers = vec![("content-type", "image/svg+xml")];
        if coding != "identity" {
            headers.push(("content-encoding", coding));
        }
        resp(200, &headers, full(compress(coding, svg.as_bytes())))
    });
}

fn benign() -> Vec<&'static str> {
    let mut all = vec![ILLUSTRATOR, INKSCAPE, FIGMA, ILLUSTRATOR_CS6];
    all.extend_from_slice(SMALL);
    all
}

#[tokio::test]
async fn benign_svg_logos_in_upload_folders_come_through_byte_identical() {
    let h = Setup::portal().start().await;
    for (i, svg) in benign().into_iter().enumerate() {
        for folder in ["/uploads/", "/wp-content/uploads/2024/05/", "/images/"] {
            let path = format!("{folder}logo-so-{i}.svg");
            route_svg(&h, &path, svg, "identity");
            let (head, body) = h.body(&path, &[]).await;
            assert_eq!(head.status, 200, "{path}: {:?}", h.rules());
            assert_eq!(String::from_utf8_lossy(&body), svg, "{path}");
        }
    }
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

#[tokio::test]
async fn compressed_benign_svg_logos_come_through_unchanged() {
    let h = Setup::portal().start().await;
    for (i, svg) in benign().into_iter().enumerate() {
        let path = format!("/uploads/logo-gz-{i}.svg");
        route_svg(&h, &path, svg, "gzip");
        let (head, body) = h.body(&path, &[("accept-encoding", "gzip")]).await;
        assert_eq!(head.status, 200, "{path}: {:?}", h.rules());
        let coding = head
            .headers
            .get("content-encoding")
            .map(|v| v.to_str().unwrap());
        let plain = common::body::decompress(coding, &body);
        assert_eq!(String::from_utf8_lossy(&plain), svg, "{path}");
    }
    assert!(h.rules().is_empty(), "{:?}", h.rules());
}

#[tokio::test]
async fn active_svg_logos_are_refused() {
    let h = Setup::portal().start().await;
    for (i, svg) in ACTIVE.iter().enumerate() {
        let path = format!("/uploads/logo-active-{i}.svg");
        route_svg(&h, &path, svg, "identity");
        let before = h.events_of("upload.doorway").len();
        let (head, body) = h.body(&path, &[]).await;
        assert_eq!(head.status, 403, "{path}: {svg}");
        assert!(
            !String::from_utf8_lossy(&body).contains("bet.test"),
            "{path}"
        );
        let events = h.events_of("upload.doorway");
        assert_eq!(events.len(), before + 1, "{path}: one event");
    }
}

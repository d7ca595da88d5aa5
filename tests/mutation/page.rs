//! The filler portal page a payload is planted in, and the contexts that wrap it.

use super::rng::Rng;
use super::{Charset, Codec, Context, Kind, Payload, Template, Variant};

/// How a payload is hidden in the `Hidden` context (A1's common forms).
const HIDERS: &[&str] = &[
    "display:none",
    "visibility:hidden",
    "position:absolute;left:-9999px",
    "position:absolute;top:-5000px;left:-5000px",
    "height:1px;overflow:hidden",
    "opacity:0",
    "font-size:0",
    "width:0;height:0;overflow:hidden",
    "DISPLAY: NONE !important",
];

/// The raw-text containers of the `RawText` context.
const RAW: &[(&str, &str)] = &[
    ("<noscript>", "</noscript>"),
    ("<noembed>", "</noembed>"),
    ("<noframes>", "</noframes>"),
    ("<xmp>", "</xmp>"),
    ("<iframe src=\"/khung.html\">", "</iframe>"),
    ("<NOSCRIPT>", "</NOSCRIPT>"),
];

const UPLOAD_DIRS: &[&str] = &[
    "/wp-content/uploads/2024/05/",
    "/images/stories/",
    "/media/com_content/",
    "/sites/default/files/",
    "/uploads/tin-tuc/",
    "/UserFiles/File/",
    "/ckfinder/userfiles/files/",
    "/Portals/0/",
    "/documents/20143/0/",
    "/PublishingImages/",
];

#[allow(clippy::too_many_arguments)]
pub fn assemble(
    index: u64,
    seed: u64,
    template: Template,
    context: Context,
    codec: Codec,
    charset: Charset,
    payload: Payload,
    rng: &mut Rng,
) -> Variant {
    // UTF-16 is named by the page's `Content-Type`: a payload served as a file or under a
    // type of its own stays in UTF-8.
    let own_type = payload.upload.is_some()
        || payload
            .headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-type"));
    let charset = match charset {
        Charset::Utf16Label if own_type => Charset::Utf8,
        c => c,
    };
    let page = if payload.whole_page {
        payload
            .html
            .replace("<meta charset=\"utf-8\">", meta(charset))
    } else {
        let fragment = wrap(context, template.kind, &payload.html, rng);
        filler(charset, payload.head, &fragment, rng)
    };
    let mut status = payload.status.unwrap_or(200);
    if context == Context::ErrorStatus {
        status = *rng.pick(&[404, 404, 500, 503]);
    }
    let path = match (context, payload.upload) {
        (_, Some(ext)) => format!("{}v{index}-tai-lieu.{ext}", rng.pick(UPLOAD_DIRS)),
        (Context::Upload, None) => format!("{}v{index}-tai-lieu.html", rng.pick(UPLOAD_DIRS)),
        _ => format!(
            "/{}/v{index}-bai-viet.html",
            rng.pick(&["tin-tuc", "thong-bao", "gioi-thieu"])
        ),
    };
    Variant {
        index,
        seed,
        template,
        context,
        codec,
        charset,
        status,
        headers: payload.headers,
        path,
        page,
        payload: payload.html,
        planted: payload.planted,
        kept: payload.kept,
        junk: payload.junk,
        raw: None,
    }
}

fn wrap(context: Context, kind: Kind, html: &str, rng: &mut Rng) -> String {
    match (context, kind) {
        (Context::Hidden, Kind::Link) => {
            let tag = rng
                .pick(&["div", "span", "p", "section", "font"])
                .to_string();
            let hider = *rng.pick(HIDERS);
            let style = rng.attr("style", hider);
            format!("<{tag}{style}>{html}</{tag}>")
        }
        (Context::RawText, Kind::Link) => {
            let (open, close) = rng.pick(RAW);
            format!("{open}{html}{close}")
        }
        _ => html.to_string(),
    }
}

/// The page's own charset declaration.
fn meta(charset: Charset) -> &'static str {
    match charset {
        Charset::W1258Meta => "<meta charset=\"windows-1258\">",
        Charset::W1258Header => {
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">"
        }
        _ => "<meta charset=\"utf-8\">",
    }
}

/// A plain agency page with internal and allowed links and no spam, with the payload in
/// the head or at one of four places in the body.
fn filler(charset: Charset, head: bool, payload: &str, rng: &mut Rng) -> String {
    let meta = meta(charset);
    let own_title = !payload.to_ascii_lowercase().contains("<title");
    let title = if own_title {
        "<title>Sở Giáo dục và Đào tạo</title>"
    } else {
        ""
    };
    let head_payload = if head { payload } else { "" };
    let slot = if head { 9 } else { rng.below(4) };
    let at = |n: usize| if slot == n { payload } else { "" };
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head>{meta}{title}\n{head_payload}\
<link rel=\"stylesheet\" href=\"/static/site.css\"></head>\n<body>\n{}\
<header><a href=\"/\">Trang chủ</a> | <a href=\"/tin-tuc/\">Tin tức</a> | \
<a href=\"/thu-tuc-hanh-chinh/\">Thủ tục hành chính</a></header>\n{}\
<main><h1>Thông báo tuyển sinh năm học mới</h1>\n<p>Sở thông báo kế hoạch tuyển sinh vào lớp 10 \
các trường trung học phổ thông trên địa bàn tỉnh.</p>\n{}\
<p>Chi tiết xem tại <a href=\"https://chinhphu.vn/\">Cổng thông tin Chính phủ</a> và \
<a href=\"https://dichvucong.gov.vn/p/home/dvc-trang-chu.html\">Dịch vụ công</a>.</p></main>\n{}\
<footer>© Sở Giáo dục và Đào tạo. <a href=\"/lien-he/\">Liên hệ</a></footer>\n</body></html>\n",
        at(0),
        at(1),
        at(2),
        at(3),
    )
}

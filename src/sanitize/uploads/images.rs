//! Images in upload folders that are not images: a planted loader saved as `pixel.gif`
//! (or served as `image/gif` by a CMS that trusts the extension) and loaded by
//! `<script src="/images/pixel.gif">`. Browsers decode an image by its bytes, whatever
//! image type it is sent as, so a real image always starts with one of the signatures here;
//! a body sent as a web image type that starts with none of them is refused by the upload
//! check, and a script source whose file name is an image, a media file or a document is
//! refused in every upload folder, also in those where the CMS writes its own scripts.
//!
//! Security note: the signatures are those of every image format a browser decodes (the
//! WHATWG "image type pattern matching" list, plus TIFF, HEIF/AVIF and JPEG XL); a file
//! mislabelled as another image type (a PNG sent as `image/jpeg`, common after a CMS
//! converts thumbnails) is still an image and passes.

/// Image types that browsers decode: the body must then start with an image signature.
const WEB_IMAGE_TYPES: &[&str] = &[
    "image/gif",
    "image/png",
    "image/apng",
    "image/jpeg",
    "image/jpg",
    "image/pjpeg",
    "image/webp",
    "image/bmp",
    "image/x-bmp",
    "image/x-ms-bmp",
    "image/x-icon",
    "image/vnd.microsoft.icon",
    "image/avif",
    "image/heic",
    "image/heif",
    "image/jxl",
    "image/tiff",
];

/// Whether `essence` (lower case) is a web image type.
pub(crate) fn is_web_image(essence: &str) -> bool {
    WEB_IMAGE_TYPES.contains(&essence)
}

/// How many decoded bytes [`is_image`] needs.
pub(crate) const SIGNATURE_LEN: usize = 16;

/// Whether `head` (the start of a body) is an image in a format browsers decode.
pub(crate) fn is_image(head: &[u8]) -> bool {
    let starts = |sig: &[u8]| head.starts_with(sig);
    starts(b"GIF87a")
        || starts(b"GIF89a")
        || starts(b"\x89PNG\r\n\x1a\n")
        || starts(b"\xff\xd8\xff")
        || (starts(b"RIFF") && head.get(8..12) == Some(b"WEBP"))
        || starts(b"BM")
        || starts(b"\0\0\x01\0")
        || starts(b"\0\0\x02\0")
        || head.get(4..8) == Some(b"ftyp")
        || starts(b"\xff\x0a")
        || starts(b"\0\0\0\x0cJXL \r\n\x87\n")
        || starts(b"II*\0")
        || starts(b"MM\0*")
}

/// `Sec-Fetch-Dest` values of a request that runs what it fetches as a script.
pub(crate) fn script_destination(dest: &str) -> bool {
    matches!(
        dest.trim().to_ascii_lowercase().as_str(),
        "script"
            | "worker"
            | "sharedworker"
            | "serviceworker"
            | "audioworklet"
            | "paintworklet"
            | "xslt"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_web_image_format_is_recognised_and_script_is_not() {
        for head in [
            &b"GIF89a\x01\0\x01\0\x80\0\0"[..],
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            b"\xff\xd8\xff\xe0\0\x10JFIF",
            b"RIFF\x24\0\0\0WEBPVP8 ",
            b"\0\0\0\x1cftypavif\0\0\0\0",
            b"\0\0\x01\0\x01\0\x10\x10",
            b"BM6\0\0\0\0\0",
        ] {
            assert!(is_image(head), "{head:?}");
        }
        for head in [
            &b"window.location='//bet.test'"[..],
            b"/*GIF89a*/location='x'",
            b"<script>x</script>",
            b"GIF8",
            b"",
        ] {
            assert!(!is_image(head), "{head:?}");
        }
    }

    #[test]
    fn image_names_are_not_scripts() {
        use crate::sanitize::uploads::script_like::script_name;
        assert!(!script_name("pixel.gif"));
        assert!(!script_name("a.JPG"));
        assert!(!script_name("x.js.jpg"));
        assert!(script_name("core.JS"));
        assert!(!script_name("loader"));
        assert!(script_destination("Script"));
        assert!(!script_destination("image"));
    }
}

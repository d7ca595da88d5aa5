//! Unit tests of the part filter (`multipart.rs`).

use super::*;

fn request() -> RequestInfo {
    RequestInfo {
        site: "portal".into(),
        client_ip: "127.0.0.1".parse().unwrap(),
        request_id: "r".into(),
        method: "GET".into(),
        url: "/cam".into(),
    }
}

fn filter(delim: &str, input: &[u8], step: usize) -> Result<Vec<u8>, String> {
    let (audit, _) = AuditLog::memory();
    let request = request();
    let mut b = PartsBody::new(
        crate::body::empty(),
        delim.as_bytes().to_vec(),
        audit,
        request,
    );
    let mut out = Vec::new();
    for chunk in input.chunks(step) {
        out.extend_from_slice(&b.feed(chunk).map_err(|e| e.to_string())?);
    }
    out.extend_from_slice(&b.finish().map_err(|e| e.to_string())?);
    Ok(out)
}

const CAMERA: &[u8] = b"--frame\r\nContent-Type: image/jpeg\r\nContent-Length: 4\r\n\r\n\xff\xd8\xff\xd9\r\n--frame\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8--fr\xff\xd9\r\n--frame--\r\n";

#[test]
fn camera_frames_pass_byte_for_byte_in_any_chunking() {
    for step in [1, 2, 3, 7, 64, 4096] {
        assert_eq!(filter("--frame", CAMERA, step).unwrap(), CAMERA, "{step}");
    }
}

#[test]
fn a_page_part_cuts_the_stream_before_it() {
    let input = b"--b\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\r\n--b\r\nContent-Type: text/html\r\n\r\n<script>location='//bet.test'</script>";
    for step in [1, 5, 4096] {
        let (audit, _) = AuditLog::memory();
        let mut b = PartsBody::new(crate::body::empty(), b"--b".to_vec(), audit, request());
        let mut out = Vec::new();
        let mut err = None;
        for chunk in input.chunks(step) {
            match b.feed(chunk) {
                Ok(o) => out.extend_from_slice(&o),
                Err(e) => {
                    err = Some(e);
                    break;
                }
            }
        }
        assert!(err.is_some(), "{step}");
        assert!(
            !String::from_utf8_lossy(&out).contains("bet.test"),
            "{step}"
        );
    }
}

#[test]
fn untyped_parts_preambles_and_svg_are_refused() {
    for input in [
        &b"--b\r\n\r\n<html>"[..],
        b"<html>--b\r\nContent-Type: image/png\r\n\r\n",
        b"--b\r\nContent-Type: image/svg+xml\r\n\r\n<svg onload=x>",
        b"--b\r\nContent-Type: image/png\r\nContent-Type: text/html\r\n\r\n",
    ] {
        assert!(filter("--b", input, 4096).is_err(), "{input:?}");
    }
}

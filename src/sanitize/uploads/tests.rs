use super::config::SiteUploads;
use super::*;

fn segs(path: &str) -> Vec<String> {
    let t = Target::new(path, None);
    resolved(&t).into_iter().map(String::from).collect()
}

#[test]
fn paths_resolve_as_the_file_system_sees_them() {
    assert_eq!(
        segs("/wp-content/uploads/x/../a.html"),
        ["wp-content", "uploads", "a.html"]
    );
    assert_eq!(segs("/uploads/../index.html"), ["index.html"]);
    assert_eq!(segs("/UPLOADS;v=1/./a.HTML;x"), ["uploads", "a.html"]);
    assert_eq!(segs("/uploads./a.html.%20"), ["uploads", "a.html"]);
    assert_eq!(segs("/%2575ploads//a.html"), ["uploads", "a.html"]);
}

#[test]
fn default_folders_cover_the_common_cmses() {
    let p = SiteUploads::default();
    let covered = |path: &str| {
        let s = segs(path);
        p.covers(&s.iter().map(String::as_str).collect::<Vec<_>>())
    };
    for path in [
        "/wp-content/uploads/2024/05/a.html",
        "/blog/wp-content/uploads/a.html",
        "/images/a.html",
        "/media/a.html",
        "/sites/default/files/a.html",
        "/uploads/a.html",
        "/upload/a.html",
        "/files/a.html",
    ] {
        assert!(covered(path), "{path}");
    }
    for path in [
        "/tin-tuc/a.html",
        "/uploads",
        "/uploads/",
        "/sites/files/a.html",
        "/",
    ] {
        assert!(!covered(path), "{path}");
    }
}

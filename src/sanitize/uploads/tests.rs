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

#[test]
fn code_folders_refuse_pages_and_upload_folders_also_scripts() {
    use super::config::Folder;
    let p = SiteUploads::default();
    let at = |path: &str| {
        let s = segs(path);
        let s: Vec<&str> = s.iter().map(String::as_str).collect();
        (p.folder(&s), p.refuses_scripts(&s))
    };
    assert_eq!(at("/wp-content/uploads/a.js"), (Some(Folder::Upload), true));
    assert_eq!(
        at("/wp-content/plugins/p/a.js"),
        (Some(Folder::Code), false)
    );
    assert_eq!(at("/wp-content/a.html"), (Some(Folder::Code), false));
    assert_eq!(
        at("/.well-known/acme-challenge/t"),
        (Some(Folder::Code), false)
    );
    assert_eq!(
        at("/media/system/js/core.js"),
        (Some(Folder::Upload), false)
    );
    assert_eq!(
        at("/sites/default/files/js/js_a.js"),
        (Some(Folder::Upload), false)
    );
    assert_eq!(
        at("/sites/default/files/x.js"),
        (Some(Folder::Upload), true)
    );
    assert_eq!(at("/static/site.js"), (None, false));
    assert_eq!(at("/wp-content"), (None, false));
}

//! Drift check: the rule ids emitted in the code, the [`CATALOG`] and the rule tables of
//! `docs/audit.md` must be the same three lists.
//!
//! "Emitted in the code" means every string literal shaped like a rule id (`"family.name"`)
//! in the non-test source of `src/`, plus `id: format!("family.{…}")` for a family. Literals of
//! that shape that are not rule ids (file names, config keys) are listed below.

use std::collections::BTreeSet;
use std::path::Path;

use regex::Regex;

use super::CATALOG;

/// Literals shaped like a rule id that are something else. Extensions of file names and
/// top-level domains are recognised by their last part.
const NOT_RULES: &[&str] = &[
    "audit.fsync",
    "audit.on_error",
    "lachan.audit",
    // Script tokens that `sanitize::uploads::script_like` looks for.
    "window.location",
    "document.location",
    // What names every form (`sanitize::html::form_scripts`).
    "document.forms",
    "document.referrer",
    "location.href",
    "self.location",
    "top.location",
];
const FILE_PARTS: &[&str] = &[
    "php", "pem", "key", "crt", "toml", "vn", "test", "html", "js", "json", "jsonl", "txt", "sock",
    "com", "org", "net",
];

/// The rule ids named in the non-test source under `dir`.
fn emitted(dir: &Path, out: &mut BTreeSet<String>) {
    let literal = Regex::new(r#""([a-z]+\.[a-z_]+)""#).unwrap();
    let family = Regex::new(r#"(?:id|rule)\s*[:=]\s*format!\("([a-z]+)\.\{"#).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            emitted(&path, out);
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy();
        if !name.ends_with(".rs") || name == "tests.rs" || name.ends_with("_tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for c in literal.captures_iter(code) {
            let id = &c[1];
            let last = id.rsplit('.').next().unwrap_or_default();
            if !NOT_RULES.contains(&id) && !FILE_PARTS.contains(&last) {
                out.insert(id.to_string());
            }
        }
        for c in family.captures_iter(code) {
            out.insert(format!("{}.*", &c[1]));
        }
    }
}

/// The ids in the rule tables (`| \`id\` |` rows) under "## Rule ids" in the docs.
fn documented() -> BTreeSet<String> {
    let doc = include_str!("../../docs/audit.md");
    let section = doc.split("## Rule ids").nth(1).expect("a Rule ids section");
    let section = section.split("\n## ").next().unwrap_or_default();
    let row = Regex::new(r"(?m)^\| `([a-z]+\.[a-z_*]+)` \|").unwrap();
    row.captures_iter(section)
        .map(|c| c[1].to_string())
        .collect()
}

fn catalog() -> BTreeSet<String> {
    CATALOG.iter().map(|(id, _)| id.to_string()).collect()
}

#[test]
fn the_catalog_lists_exactly_the_ids_the_code_emits() {
    let mut code = BTreeSet::new();
    emitted(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut code,
    );
    let catalog = catalog();
    let unlisted: Vec<_> = code.difference(&catalog).collect();
    let unused: Vec<_> = catalog.difference(&code).collect();
    assert!(
        unlisted.is_empty(),
        "rule ids in the code but not in audit::rules::CATALOG and docs/audit.md: {unlisted:?} \
         (if a literal is not a rule id, add it to NOT_RULES in src/audit/rules_tests.rs)"
    );
    assert!(
        unused.is_empty(),
        "rule ids in audit::rules::CATALOG that no code emits: {unused:?}"
    );
}

#[test]
fn the_docs_list_exactly_the_catalog() {
    let docs = documented();
    let catalog = catalog();
    let undocumented: Vec<_> = catalog.difference(&docs).collect();
    let stale: Vec<_> = docs.difference(&catalog).collect();
    assert!(
        undocumented.is_empty(),
        "docs/audit.md lacks {undocumented:?}"
    );
    assert!(
        stale.is_empty(),
        "docs/audit.md lists ids nothing emits: {stale:?}"
    );
}

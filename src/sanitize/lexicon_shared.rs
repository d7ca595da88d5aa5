//! One lexicon per distinct `[site.sanitize.lexicon]` table, shared by every site and every
//! config generation that asks for the same one.
//!
//! Building a lexicon (its keyword lists, first-letter indexes and the letter-by-letter
//! automaton) costs tens of milliseconds and a few megabytes. A gateway that fronts a dozen
//! portals with the default table builds the built-in lexicon once for the process; a
//! custom table is built once while any site (of the running or the next config) holds it,
//! so that a reload which keeps the table reuses it.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError, Weak};

use super::Lexicon;

/// The built-in list with no additions: the table every site has unless it says otherwise.
static BUILTIN: LazyLock<Arc<Lexicon>> = LazyLock::new(|| {
    Arc::new(Lexicon::build(true, &[], &[], &[], None).expect("built-in brand pattern compiles"))
});

/// A lexicon table as written: what [`Lexicon::build`] takes.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Table {
    builtin: bool,
    strong: Vec<String>,
    weak: Vec<String>,
    remove: Vec<String>,
    brand: Option<String>,
}

/// Custom tables, held while some site holds them.
static CUSTOM: LazyLock<Mutex<HashMap<Table, Weak<Lexicon>>>> = LazyLock::new(Mutex::default);

/// The built-in lexicon, shared.
pub(super) fn builtin() -> Arc<Lexicon> {
    Arc::clone(&BUILTIN)
}

/// The lexicon of a table, built on first use and shared while it is held.
pub(super) fn get(
    builtin: bool,
    strong: &[String],
    weak: &[String],
    remove: &[String],
    brand: Option<&str>,
) -> Result<Arc<Lexicon>, regex::Error> {
    if builtin && strong.is_empty() && weak.is_empty() && remove.is_empty() && brand.is_none() {
        return Ok(self::builtin());
    }
    let table = Table {
        builtin,
        strong: strong.to_vec(),
        weak: weak.to_vec(),
        remove: remove.to_vec(),
        brand: brand.map(str::to_string),
    };
    // Held while building: a second site with the same table waits and shares it.
    let mut custom = CUSTOM.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(lexicon) = custom.get(&table).and_then(Weak::upgrade) {
        return Ok(lexicon);
    }
    let lexicon = Arc::new(Lexicon::build(builtin, strong, weak, remove, brand)?);
    custom.retain(|_, held| held.strong_count() > 0);
    custom.insert(table, Arc::downgrade(&lexicon));
    Ok(lexicon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_table_is_built_once_while_held() {
        let words = ["cờ bạc online".to_string()];
        let a = get(true, &words, &[], &[], None).unwrap();
        let b = get(true, &words, &[], &[], None).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        let other = get(true, &[], &words, &[], None).unwrap();
        assert!(!Arc::ptr_eq(&a, &other));
        assert!(Arc::ptr_eq(
            &builtin(),
            &get(true, &[], &[], &[], None).unwrap()
        ));
        assert!(get(true, &[], &[], &[], Some("(")).is_err());
    }

    #[test]
    fn a_table_no_site_holds_is_let_go() {
        let words = ["đánh bạc trực tuyến xyz".to_string()];
        let first = get(false, &words, &[], &[], Some("")).unwrap();
        let held = Arc::downgrade(&first);
        drop(first);
        assert!(held.upgrade().is_none());
        let again = get(false, &words, &[], &[], Some("")).unwrap();
        assert!(again.keywords.len() == 1);
    }
}

//! Each part's own config sections, held by [`super::Config`] and [`super::Site`] without
//! `settings` naming their types.
//!
//! Why: every part reads its site (`settings` sits below them all), while each section's
//! type belongs to its part (`sanitize::config::SitePolicy` holds a compiled lexicon, for
//! one). So the validated value is stored here by type, and each part reads its own back
//! through an accessor it defines next to the type (`site.sanitize()` in
//! `sanitize::config`). The config loader, which sits above the parts, stores every
//! section of every part; a missing one is a bug in the loader, found by any test that
//! loads a config.

use std::any::Any;
use std::fmt;

/// A validated section: any `'static` value that can be shared across threads.
pub(crate) trait Section: Any + fmt::Debug + Send + Sync {}

impl<T: Any + fmt::Debug + Send + Sync> Section for T {}

/// The sections of one site or of the whole config, at most one per type.
#[derive(Default)]
pub struct Sections(Vec<Box<dyn Section>>);

impl Sections {
    /// Stores `value`, replacing a section of the same type.
    pub(crate) fn insert<T: Section>(&mut self, value: T) {
        self.0.retain(|s| !(&**s as &dyn Any).is::<T>());
        self.0.push(Box::new(value));
    }

    /// The section of type `T`.
    ///
    /// # Panics
    ///
    /// When the loader stored none (a bug in `config`, not a config error).
    pub(crate) fn get<T: Section>(&self) -> &T {
        self.0
            .iter()
            .find_map(|s| (&**s as &dyn Any).downcast_ref::<T>())
            .unwrap_or_else(|| panic!("config section {} missing", std::any::type_name::<T>()))
    }

    /// [`Sections::get`], to change a loaded config before it goes live (tests, `demo`).
    ///
    /// # Panics
    ///
    /// As [`Sections::get`].
    pub(crate) fn get_mut<T: Section>(&mut self) -> &mut T {
        self.0
            .iter_mut()
            .find_map(|s| (&mut **s as &mut dyn Any).downcast_mut::<T>())
            .unwrap_or_else(|| panic!("config section {} missing", std::any::type_name::<T>()))
    }
}

impl fmt::Debug for Sections {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.0).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_type_reads_back_its_own_value() {
        let mut s = Sections::default();
        s.insert(7u32);
        s.insert(String::from("x"));
        s.insert(9u32);
        assert_eq!(*s.get::<u32>(), 9, "a second insert replaces the first");
        assert_eq!(s.get::<String>(), "x");
    }

    #[test]
    #[should_panic(expected = "missing")]
    fn a_section_never_stored_is_a_loader_bug() {
        Sections::default().get::<u8>();
    }
}

//! Config errors with file, line and column.
//!
//! Validation never stops at the first problem: every stage pushes into one [`Errors`]
//! collector, so that `lachan check` can print all of them at once.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One problem in a config file, located to a line and a column (both 1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub(crate) file: PathBuf,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            // Not a place in the file: the file itself (unreadable, for one).
            return write!(f, "{}: {}", self.file.display(), self.message);
        }
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// Every error found in one config file. Displayed as `lachan check` and `lachan run`
/// both print it: one `file:line:column: message` per line, then [`summary`].
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", render(.0))]
pub struct ConfigErrors(pub Vec<ConfigError>);

fn render(errs: &[ConfigError]) -> String {
    let mut out: Vec<String> = errs.iter().map(ToString::to_string).collect();
    if let Some(first) = errs.first() {
        out.push(summary(&first.file, errs.len()));
    }
    out.join("\n")
}

/// The last line of a failed check: `FILE: N error(s), the config is not valid`.
pub fn summary(file: &Path, errors: usize) -> String {
    format!(
        "{}: {errors} error(s), the config is not valid",
        file.display()
    )
}

/// Collects errors while a config is validated; turns byte spans into line and column.
#[derive(Debug)]
pub struct Errors<'a> {
    file: &'a Path,
    src: &'a str,
    found: Vec<ConfigError>,
}

impl<'a> Errors<'a> {
    pub(crate) fn new(file: &'a Path, src: &'a str) -> Self {
        Self {
            file,
            src,
            found: Vec::new(),
        }
    }

    /// Records `message` at the start of `span` (a byte range into the source).
    pub(crate) fn at(&mut self, span: Range<usize>, message: impl Into<String>) {
        let (line, column) = line_col(self.src, span.start);
        self.found.push(ConfigError {
            file: self.file.to_path_buf(),
            line,
            column,
            message: message.into(),
        });
    }

    /// Records a TOML or serde error, which may or may not carry a span.
    pub(crate) fn toml(&mut self, err: &toml::de::Error, fallback: Range<usize>) {
        let span = err.span().unwrap_or(fallback);
        self.at(span, err.message().trim().to_string());
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// How many errors were recorded so far.
    pub(crate) fn len(&self) -> usize {
        self.found.len()
    }

    /// A path as written in the config: a relative one is taken from the config file's
    /// folder, not from wherever the gateway was started.
    pub(crate) fn resolve(&self, path: &str) -> PathBuf {
        let p = Path::new(path);
        match self.file.parent() {
            Some(dir) if p.is_relative() && !dir.as_os_str().is_empty() => dir.join(p),
            _ => p.to_path_buf(),
        }
    }

    pub(crate) fn into_result<T>(self, value: T) -> Result<T, ConfigErrors> {
        if self.found.is_empty() {
            Ok(value)
        } else {
            Err(self.into_errors())
        }
    }

    /// The errors found, sorted by position.
    pub(crate) fn into_errors(mut self) -> ConfigErrors {
        self.found.sort_by_key(|e| (e.line, e.column));
        ConfigErrors(self.found)
    }
}

/// 1-based line and column (in characters) of byte offset `at`.
pub(crate) fn line_col(src: &str, at: usize) -> (usize, usize) {
    let at = at.min(src.len());
    let before = &src[..src.floor_char_boundary(at)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based() {
        let src = "a = 1\nbb = 2\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 6), (2, 1));
        assert_eq!(line_col(src, 9), (2, 4));
    }

    #[test]
    fn errors_are_sorted_by_position() {
        let src = "x\ny\nz\n";
        let mut e = Errors::new(Path::new("f.toml"), src);
        e.at(4..5, "third");
        e.at(0..1, "first");
        let errs = e.into_result(()).unwrap_err().0;
        assert_eq!(errs[0].message, "first");
        assert_eq!(errs[1].line, 3);
    }
}

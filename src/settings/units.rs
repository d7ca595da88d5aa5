//! Typed config values: durations (`"10s"`, `"250ms"`, `"2m"`) and sizes (`"16KiB"`, `"1MB"`).
//!
//! Bare integers are refused on purpose: a number without a unit is a guess about the unit.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Deserializer};

/// A duration written with a unit: `ms`, `s`, `m`, `h` or `d`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dur(pub Duration);

/// A size in bytes written with a unit: `B`, `KB`/`KiB`, `MB`/`MiB`, `GB`/`GiB`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Size(pub u64);

impl Size {
    pub fn bytes(self) -> u64 {
        self.0
    }

    /// The size as `usize`, saturating on 32-bit targets.
    pub fn as_usize(self) -> usize {
        usize::try_from(self.0).unwrap_or(usize::MAX)
    }
}

fn split_number(s: &str) -> Option<(f64, &str)> {
    let s = s.trim();
    let end = s.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (num, unit) = s.split_at(end);
    let value: f64 = num.parse().ok()?;
    (value.is_finite() && value >= 0.0).then_some((value, unit.trim()))
}

impl std::str::FromStr for Dur {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "invalid duration {s:?}: expected a number and a unit, such as \"10s\", \"250ms\", \"5m\""
            )
        };
        let (value, unit) = split_number(s).ok_or_else(bad)?;
        let secs = match unit {
            "ms" => value / 1000.0,
            "s" => value,
            "m" => value * 60.0,
            "h" => value * 3600.0,
            "d" => value * 86400.0,
            _ => return Err(bad()),
        };
        Duration::try_from_secs_f64(secs)
            .map(Dur)
            .map_err(|_| bad())
    }
}

impl std::str::FromStr for Size {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "invalid size {s:?}: expected a number and a unit, such as \"16KiB\", \"8MiB\", \"512B\""
            )
        };
        let (value, unit) = split_number(s).ok_or_else(bad)?;
        let mult: f64 = match unit {
            "B" => 1.0,
            "KB" | "kB" => 1e3,
            "KiB" => 1024.0,
            "MB" => 1e6,
            "MiB" => 1024.0 * 1024.0,
            "GB" => 1e9,
            "GiB" => 1024.0 * 1024.0 * 1024.0,
            _ => return Err(bad()),
        };
        let bytes = value * mult;
        if bytes > u64::MAX as f64 {
            return Err(bad());
        }
        Ok(Size(bytes.round() as u64))
    }
}

/// Deserializes from a string; a bare number is refused with a message naming the unit.
macro_rules! deserialize_from_str {
    ($t:ty, $expecting:literal) => {
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl serde::de::Visitor<'_> for Visitor {
                    type Value = $t;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<$t, E> {
                        s.parse().map_err(E::custom)
                    }
                }
                d.deserialize_str(Visitor)
            }
        }
    };
}
deserialize_from_str!(
    Dur,
    "a duration string with a unit, such as \"10s\" or \"250ms\""
);
deserialize_from_str!(
    Size,
    "a size string with a unit, such as \"16KiB\" or \"8MiB\""
);

impl fmt::Display for Dur {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}B", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_need_a_unit() {
        assert_eq!("10s".parse::<Dur>().unwrap().0, Duration::from_secs(10));
        assert_eq!(
            "250ms".parse::<Dur>().unwrap().0,
            Duration::from_millis(250)
        );
        assert_eq!("1.5m".parse::<Dur>().unwrap().0, Duration::from_secs(90));
        assert!("10".parse::<Dur>().is_err());
        assert!("ten s".parse::<Dur>().is_err());
        assert!("-1s".parse::<Dur>().is_err());
    }

    #[test]
    fn sizes_know_binary_and_decimal_units() {
        assert_eq!("16KiB".parse::<Size>().unwrap().0, 16 * 1024);
        assert_eq!("1MB".parse::<Size>().unwrap().0, 1_000_000);
        assert_eq!("512B".parse::<Size>().unwrap().0, 512);
        assert!("16".parse::<Size>().is_err());
        assert!("16kb".parse::<Size>().is_err());
    }
}

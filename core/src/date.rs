//! Calendar dates in the `YYYY-MM-DD` form of ISO 8601, as used by `assessed_on` and
//! `published`.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date, `YYYY-MM-DD`.
///
/// Invariant: a real date of the proleptic Gregorian calendar between years 1000 and 9999
/// (so `2016-02-30` is rejected and `2016-02-29` accepted). Dates order chronologically.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Text that is not a `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed date `{value}`: {reason}")]
#[non_exhaustive]
pub struct DateError {
    /// The offending text.
    pub value: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl Date {
    /// Builds a date from its parts.
    ///
    /// # Errors
    /// [`DateError`] when the parts do not make a real date.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, DateError> {
        let fail = |reason| DateError { value: format!("{year:04}-{month:02}-{day:02}"), reason };
        if !(1000..=9999).contains(&year) {
            return Err(fail("the year must be between 1000 and 9999"));
        }
        if !(1..=12).contains(&month) {
            return Err(fail("the month must be between 01 and 12"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(fail("that month has no such day"));
        }
        Ok(Self { year, month, day })
    }

    /// The year.
    #[must_use]
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    #[must_use]
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    #[must_use]
    pub fn day(self) -> u8 {
        self.day
    }

    /// The date `months` calendar months earlier, the day clamped to the end of a shorter month
    /// (`2024-03-31` one month back is `2024-02-29`); the earliest date (`1000-01-01`) when that
    /// would fall before it.
    #[must_use]
    pub fn months_before(self, months: u32) -> Self {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 - i64::from(months);
        let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
        match (u16::try_from(year), u8::try_from(month)) {
            (Ok(year), Ok(month)) if year >= 1000 => {
                Self { year, month, day: self.day.min(days_in_month(year, month)) }
            }
            _ => Self { year: 1000, month: 1, day: 1 },
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        _ => 31,
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let fail = |reason| DateError { value: s.to_owned(), reason };
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return Err(fail("expected a date in the form YYYY-MM-DD"));
        }
        let num = |range: std::ops::Range<usize>| b[range].iter().fold(0u16, |acc, c| acc * 10 + u16::from(c - b'0'));
        // Month and day have two digits, so they fit in a u8.
        let month = u8::try_from(num(5..7)).map_err(|_| fail("the month must be between 01 and 12"))?;
        let day = u8::try_from(num(8..10)).map_err(|_| fail("that month has no such day"))?;
        Self::new(num(0..4), month, day).map_err(|e| fail(e.reason))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl crate::json::FromText for Date {
    const EXPECTED: &'static str = "a date, YYYY-MM-DD";

    fn from_text(text: &str) -> Result<Self, String> {
        text.parse().map_err(|e: DateError| e.to_string())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use crate::json::FromText;
        crate::json::parse_str(deserializer, Self::EXPECTED, Self::from_text)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A calendar date, YYYY-MM-DD.",
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_real_dates() {
        for ok in ["2016-09-23", "2016-02-29", "2000-02-29", "2024-12-31"] {
            assert_eq!(ok.parse::<Date>().unwrap().to_string(), ok);
        }
    }

    #[test]
    fn rejects_impossible_or_malformed_dates() {
        for bad in [
            "2016-02-30",
            "2100-02-29",
            "2016-13-01",
            "2016-00-10",
            "2016-1-1",
            "16-01-01",
            "2016/01/01",
            "",
            "2016-01-01T00:00",
        ] {
            let err = bad.parse::<Date>().unwrap_err();
            assert!(err.to_string().starts_with(&format!("malformed date `{bad}`")), "{err}");
        }
    }

    #[test]
    fn orders_chronologically() {
        let a: Date = "2016-11-30".parse().unwrap();
        let b: Date = "2017-01-02".parse().unwrap();
        assert!(a < b);
    }

    #[test]
    fn months_before_clamps_the_day_to_a_shorter_month() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(d("2024-03-31").months_before(1), d("2024-02-29"));
        assert_eq!(d("2024-03-31").months_before(13), d("2023-02-28"));
        assert_eq!(d("2024-11-13").months_before(24), d("2022-11-13"));
        assert_eq!(d("2024-01-15").months_before(0), d("2024-01-15"));
        assert_eq!(d("2024-01-15").months_before(1), d("2023-12-15"));
        assert_eq!(d("1000-05-01").months_before(24), d("1000-01-01"));
        assert_eq!(d("2024-01-15").months_before(u32::MAX), d("1000-01-01"));
    }
}

//! The rating scale: its integer levels and the bands that turn a score into a traffic light.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::ids::BandId;

/// Scores closer than this to a band edge count as on the edge, so that floating-point noise in
/// a mean (3.9999999999999996 for a true 4) never changes a light.
pub const EDGE_TOLERANCE: f64 = 1e-9;

/// The most levels a scale may have (from `min` to `max` inclusive): 101, room for a 0 to 100
/// scale. A scale is a handful of levels that raters choose between; the limit keeps the cost of
/// checking a catalogue bounded by the catalogue's size (see `docs/decisions.md`, limits).
pub const MAX_SCALE_LEVELS: u32 = 101;

/// The rating scale of a catalogue: integer ratings from `min` to `max`, a label per level and
/// the bands that colour scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// The lowest rating.
    pub min: i32,
    /// The highest rating.
    pub max: i32,
    /// One level per integer from `min` to `max`, in order.
    #[serde(deserialize_with = "crate::json::objects")]
    pub levels: Vec<Level>,
    /// Contiguous bands from `min` to `max`, in order, lowest first. Each is half-open
    /// `[from, to)` except the last, which includes `max`. The last band is the target: rated
    /// standards in it are strengths, and rated standards below it are gaps.
    #[serde(deserialize_with = "crate::json::objects")]
    pub bands: Vec<Band>,
}

/// One level of the scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// The rating this level stands for.
    pub value: i32,
    /// A short label, such as `Partly in place`.
    pub label: String,
    /// What this level means in general; a standard's `guidance` may say what it means for
    /// that standard.
    pub description: String,
}

/// A band of the scale: a traffic light.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The light's id, such as `amber`; reports use it as the light.
    pub id: BandId,
    /// The word shown beside the colour, such as `Amber`.
    pub label: String,
    /// Where the band starts (included).
    #[serde(serialize_with = "crate::json::ser_compact_f64")]
    pub from: f64,
    /// Where the band ends (excluded, except for the last band).
    #[serde(serialize_with = "crate::json::ser_compact_f64")]
    pub to: f64,
}

/// A number written as the standard library's `Display` writes an `f64` (`2`, `2.5`, `-0`,
/// `0.0000001`, every digit of `1e21`: the shortest digits that read back as the number, never an
/// exponent), from the digits of the JSON writer the crate links anyway; the standard library's
/// own float formatting would add about 15 KB to the WebAssembly module for a few messages.
pub(crate) struct Decimal(pub f64);

impl std::fmt::Display for Decimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        if v.is_nan() {
            return f.write_str("NaN");
        }
        if v.is_sign_negative() {
            f.write_str("-")?;
        }
        if v.is_infinite() {
            return f.write_str("inf");
        }
        let mut buffer = zmij::Buffer::new();
        let shortest = buffer.format_finite(v.abs());
        let (mantissa, exponent) = shortest.split_once('e').unwrap_or((shortest, "0"));
        let exponent: i64 = exponent.parse().unwrap_or(0);
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits = format!("{whole}{fraction}");
        // Where the point goes among the digits, before leading zeros are dropped.
        let point = i64::try_from(whole.len()).unwrap_or(0) + exponent;
        let lead = digits.len() - digits.trim_start_matches('0').len();
        let digits = digits.trim_start_matches('0').trim_end_matches('0');
        if digits.is_empty() {
            return f.write_str("0");
        }
        let point = point - i64::try_from(lead).unwrap_or(0);
        let len = i64::try_from(digits.len()).unwrap_or(0);
        let zeros = |n: i64| "0".repeat(usize::try_from(n).unwrap_or(0));
        if point <= 0 {
            write!(f, "0.{}{digits}", zeros(-point))
        } else if point >= len {
            write!(f, "{digits}{}", zeros(point - len))
        } else {
            let (int, frac) = digits.split_at(usize::try_from(point).unwrap_or(0));
            write!(f, "{int}.{frac}")
        }
    }
}

impl Scale {
    /// How many levels `min..=max` spans, counted without overflow.
    #[must_use]
    pub fn width(&self) -> u64 {
        u64::try_from(i64::from(self.max) - i64::from(self.min) + 1).unwrap_or(0)
    }

    /// Whether `rating` is a rating on this scale.
    #[must_use]
    pub fn contains(&self, rating: i32) -> bool {
        (self.min..=self.max).contains(&rating)
    }

    /// The band a score falls in: `from <= score < to`, or `score == to` for the last band.
    /// Scores within [`EDGE_TOLERANCE`] of an edge count as on the edge. `None` outside the
    /// scale.
    #[must_use]
    pub fn band(&self, score: f64) -> Option<&Band> {
        let last = self.bands.len().checked_sub(1)?;
        self.bands.iter().enumerate().find_map(|(i, band)| {
            let above_start = score >= band.from - EDGE_TOLERANCE;
            let below_end =
                if i == last { score <= band.to + EDGE_TOLERANCE } else { score < band.to - EDGE_TOLERANCE };
            (above_start && below_end).then_some(band)
        })
    }

    /// The light (band id) of a score, as [`Scale::band`].
    #[must_use]
    pub fn light(&self, score: f64) -> Option<&BandId> {
        self.band(score).map(|band| &band.id)
    }

    /// The target band: the last one. Rated standards in it are strengths; below it, gaps.
    #[must_use]
    pub fn target(&self) -> Option<&Band> {
        self.bands.last()
    }

    /// Whether a score reaches the target band.
    #[must_use]
    pub fn on_target(&self, score: f64) -> bool {
        self.target().is_some_and(|band| score >= band.from - EDGE_TOLERANCE)
    }

    /// The level of a rating.
    #[must_use]
    pub fn level(&self, rating: i32) -> Option<&Level> {
        self.levels.iter().find(|level| level.value == rating)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn rag() -> Scale {
        let band = |id: &str, from, to| Band { id: BandId::new(id).unwrap(), label: id.into(), from, to };
        Scale {
            min: 0,
            max: 5,
            levels: (0..=5)
                .map(|value| Level { value, label: format!("L{value}"), description: String::new() })
                .collect(),
            bands: vec![band("red", 0.0, 2.0), band("amber", 2.0, 4.0), band("green", 4.0, 5.0)],
        }
    }

    #[test]
    fn bands_are_half_open_except_the_last() {
        let s = rag();
        let light = |x| s.light(x).map(BandId::as_str);
        assert_eq!(light(0.0), Some("red"));
        assert_eq!(light(1.99), Some("red"));
        assert_eq!(light(2.0), Some("amber"));
        assert_eq!(light(3.999), Some("amber"));
        assert_eq!(light(4.0), Some("green"));
        assert_eq!(light(5.0), Some("green"));
        assert_eq!(light(5.1), None);
        assert_eq!(light(-0.1), None);
    }

    #[test]
    fn floating_noise_at_an_edge_does_not_change_the_light() {
        let s = rag();
        assert_eq!(s.light(3.999_999_999_999_999_6).unwrap(), "green");
        assert_eq!(s.light(1.999_999_999_999_999_8).unwrap(), "amber");
        assert!(s.on_target(3.999_999_999_999_999_6));
        assert!(!s.on_target(3.9));
    }

    #[test]
    fn band_bounds_serialize_compactly() {
        let json = serde_json::to_string(&rag().bands[1]).unwrap();
        assert_eq!(json, r#"{"id":"amber","label":"amber","from":2,"to":4}"#);
    }
}

#[cfg(test)]
mod decimal_tests {
    use proptest::prelude::*;

    use super::Decimal;

    #[test]
    fn writes_numbers_as_display_does() {
        for v in [
            0.0,
            -0.0,
            1.0,
            2.0,
            2.5,
            -2.5,
            0.1,
            0.3,
            1e21,
            1e22,
            1e-7,
            123_456.789,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            4.0,
            100.0,
            1e15,
            1.5e-5,
        ] {
            assert_eq!(Decimal(v).to_string(), v.to_string(), "{v:e}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn writes_any_number_as_display_does(bits in any::<u64>(), small in -100_000i32..100_000, scale in 0u32..6) {
            // Any number: the shortest digits that read back as it, as many as Display writes
            // (where two shortest forms are equally near, as for -1474939358843550.25, the last
            // digit may be the other one).
            let v = f64::from_bits(bits);
            let ours = Decimal(v).to_string();
            if v.is_finite() {
                prop_assert_eq!(ours.parse::<f64>().map(f64::to_bits), Ok(v.to_bits()), "{}", ours);
                prop_assert_eq!(ours.len(), v.to_string().len(), "{} / {}", ours, v);
            } else {
                prop_assert_eq!(ours, v.to_string());
            }
            // The numbers files hold: exactly Display's text.
            let w = f64::from(small) / f64::from(10u32.pow(scale));
            prop_assert_eq!(Decimal(w).to_string(), w.to_string());
        }
    }
}

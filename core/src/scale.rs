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

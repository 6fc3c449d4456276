//! Turning reports into something people read. Numbers show one decimal; every light carries
//! its word, so colour is never the only signal.

pub(crate) mod assessment;
pub(crate) mod benchmark;
pub(crate) mod change;
pub(crate) mod comparison;
pub(crate) mod consensus;
pub(crate) mod csv;
pub(crate) mod equity;
pub(crate) mod html;
pub(crate) mod markdown;
pub(crate) mod svg;
pub(crate) mod text;

use carepath::{BandId, Catalogue, Rating};

/// A score with one decimal, or an en dash when there is none.
pub(crate) fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "\u{2013}".to_owned(), |v| format!("{v:.1}"))
}

/// A change with its sign and one decimal, or as many more (up to three) as it takes to show:
/// a change the core calls up or down (more than its tolerance) never reads as `+0.0`, and a
/// change within the tolerance is `+0.0`, never `-0.0`.
pub(crate) fn signed(change: f64) -> String {
    if change.abs() <= carepath::EDGE_TOLERANCE {
        return "+0.0".to_owned();
    }
    (1..=3)
        .map(|places| format!("{change:+.places$}"))
        .find(|shown| shown.contains(|c: char| ('1'..='9').contains(&c)))
        .unwrap_or_else(|| format!("{change:+.3}"))
}

/// A proportion as a whole percentage.
pub(crate) fn percent(value: f64) -> String {
    format!("{:.0}%", value * 100.0)
}

/// The word of a light (the band's label), or `no score`.
pub(crate) fn light(catalogue: &Catalogue, light: Option<&BandId>) -> String {
    light.map_or_else(
        || "no score".to_owned(),
        |id| catalogue.scale.bands.iter().find(|b| b.id == *id).map_or_else(|| id.to_string(), |b| b.label.clone()),
    )
}

/// A rating as people say it.
pub(crate) fn rating(value: Option<Rating>) -> String {
    match value {
        Some(Rating::Score(v)) => v.to_string(),
        Some(Rating::NotApplicable) => "not applicable".to_owned(),
        Some(Rating::Unknown) => "don't know".to_owned(),
        None => "not rated".to_owned(),
    }
}

/// A standard's title, by id.
pub(crate) fn title<'a>(catalogue: &'a Catalogue, id: &str) -> &'a str {
    catalogue.standard(id).map_or("", |(_, s)| s.title.as_str())
}

/// The area line: name, kind and code.
pub(crate) fn area(area: &carepath::Area) -> String {
    let extra: Vec<&str> = [area.kind.as_deref(), area.code.as_deref()].into_iter().flatten().collect();
    if extra.is_empty() { area.name.clone() } else { format!("{} ({})", area.name, extra.join(", ")) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_change_shows_as_many_decimals_as_it_takes() {
        assert_eq!(super::signed(1.5), "+1.5");
        assert_eq!(super::signed(-1.0), "-1.0");
        assert_eq!(super::signed(0.02), "+0.02");
        assert_eq!(super::signed(-0.004), "-0.004");
        assert_eq!(super::signed(0.0), "+0.0");
        assert_eq!(super::signed(-1e-12), "+0.0");
        assert_eq!(super::signed(0.0001), "+0.000");
    }
}

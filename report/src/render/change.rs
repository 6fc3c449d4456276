//! The rows of a comparison over time that every format shows: the overall score, each theme and
//! each cross-cutting theme, then and now. The HTML and Markdown pages and the CSV table read
//! them from here, so what a row holds and what it is called are said once.

use carepath::{BandId, Direction, GroupChange, ScoreChange};

use super::svg;

/// The overall score, a theme or a cross-cutting theme, then and now.
#[derive(Debug)]
pub(crate) struct GroupRow<'a> {
    /// The theme or tag id (empty for the overall score).
    pub(crate) id: &'a str,
    /// The theme's or cross-cutting theme's title (the catalogue's title for the overall score).
    pub(crate) title: &'a str,
    /// What the row is called in charts and tables (`Overall`, `T1 Strategy`, a tag's title).
    pub(crate) label: String,
    pub(crate) old: Option<f64>,
    pub(crate) new: Option<f64>,
    pub(crate) old_light: Option<&'a BandId>,
    pub(crate) new_light: Option<&'a BandId>,
    pub(crate) change: Option<f64>,
    pub(crate) direction: Direction,
}

impl<'a> GroupRow<'a> {
    /// The overall score; `title` is the catalogue's.
    pub(crate) fn overall(o: &'a ScoreChange, title: &'a str) -> Self {
        GroupRow {
            id: "",
            title,
            label: "Overall".to_owned(),
            old: o.old,
            new: o.new,
            old_light: o.old_light.as_ref(),
            new_light: o.new_light.as_ref(),
            change: o.change,
            direction: o.direction,
        }
    }

    /// A theme, called by its id and title (`T1 Strategy`).
    pub(crate) fn theme<I: AsRef<str>>(g: &'a GroupChange<I>) -> Self {
        Self::group(g, format!("{} {}", g.id.as_ref(), g.title))
    }

    /// A cross-cutting theme, called by its title.
    pub(crate) fn cross_cutting<I: AsRef<str>>(g: &'a GroupChange<I>) -> Self {
        Self::group(g, g.title.clone())
    }

    fn group<I: AsRef<str>>(g: &'a GroupChange<I>, label: String) -> Self {
        GroupRow {
            id: g.id.as_ref(),
            title: &g.title,
            label,
            old: g.old,
            new: g.new,
            old_light: g.old_light.as_ref(),
            new_light: g.new_light.as_ref(),
            change: g.change,
            direction: g.direction,
        }
    }

    /// Whether the light is a different band now (both times scored).
    pub(crate) fn relit(&self) -> bool {
        matches!((self.old_light, self.new_light), (Some(a), Some(b)) if a != b)
    }

    /// The row in a change chart.
    pub(crate) fn chart(&self) -> svg::Change {
        svg::Change { label: self.label.clone(), before: self.old, after: self.new }
    }
}

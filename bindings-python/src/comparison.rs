//! `carepath.compare` and `carepath.Comparison`: two assessments of one area over time.

use std::sync::Arc;

use carepath::{Catalogue, Comparison, Direction};
use pyo3::prelude::*;

use carepath_report::{Document, Editions};

use crate::answer::answer_class;
use crate::assessment::assessment_from_any;
use crate::catalogue::optional_catalogue;
use crate::error::Failure;
use crate::migration::PyMigrationReport;

answer_class! {
    /// How two assessments of one area differ: overall, per theme, per cross-cutting theme and per
    /// standard, each with the score (or rating) then and now, the change and its ``direction``
    /// (``improved``, ``worsened``, ``unchanged``, ``newly_rated``, ``no_longer_rated``,
    /// ``not_rated``). Made in the edition of the later assessment; an earlier assessment of an
    /// older edition is migrated first (see :attr:`migration`). Immutable.
    ///
    /// >>> c = carepath.compare("standards/examples/northbrook-2016.json", "standards/examples/northbrook-2024.json")  # doctest: +SKIP
    /// >>> c.overall["direction"]  # doctest: +SKIP
    /// 'improved'
    #[pyclass(name = "Comparison")]
    pub(crate) struct PyComparison {
        pub(crate) inner: Comparison,
        catalogue: Arc<Catalogue>,
        /// The earlier assessment's own edition (names the ratings migration archived).
        then: Arc<Catalogue>,
    }

    /// The edition compared in (the later assessment's), for titles and priorities.
    fn catalogue;

    fields {
        /// ``{"id", "version"}`` of the edition compared in.
        catalogue_ref = catalogue,
        /// The area, as the later assessment names it.
        area,
        /// The earlier assessment: ``{"assessed_on", "catalogue"}``.
        #[getter(old)]
        old_snapshot = old,
        /// The later assessment: ``{"assessed_on", "catalogue"}``.
        #[getter(new)]
        new_snapshot = new,
        /// ``{"standards", "total", "share"}``: the standards scored both times.
        comparable,
        /// The overall score: ``{"old", "new", "old_light", "new_light", "change", "direction"}``.
        overall,
        /// One dict per theme, in catalogue order: ``id``, ``title`` and the fields of
        /// :attr:`overall`.
        themes,
        /// One dict per cross-cutting theme, as :attr:`themes`.
        cross_cutting,
        /// One dict per standard, in catalogue order: ``id``, ``theme``, ``old`` and ``new``
        /// ratings (``None`` when unrated), ``change`` (when both are scores) and ``direction``.
        standards,
    }

    /// The comparison as a dict, exactly in the JSON shape
    /// (``standards/schemas/comparison.schema.json``).
    fn to_dict;
    /// The comparison as pretty-printed JSON.
    fn to_json;
    /// One table as a ``pandas.DataFrame``: ``"themes"`` (default), ``"cross_cutting"`` or
    /// ``"standards"``. Themes and cross-cutting themes: ``id``, ``title``, ``old``, ``new``,
    /// ``old_light``, ``new_light``, ``change``, ``direction``. Standards: ``id``, ``theme``,
    /// ``title``, ``priority``, ``old``, ``new`` (ratings), ``old_score``, ``new_score``
    /// (numbers, ``NaN`` when not scored), ``change``, ``direction``. Needs pandas.
    fn to_pandas(table = "themes") => comparison_frame;
    documents document;

    #[pymethods]
    impl PyComparison {
        /// How the earlier assessment was carried into the edition, or ``None`` when it was
        /// already of a compatible edition.
        #[getter]
        fn migration(&self) -> Option<PyMigrationReport> {
            self.inner.migration.clone().map(|inner| PyMigrationReport { inner })
        }

        /// Ids of the standards scored higher now, in catalogue order.
        #[getter]
        fn improved(&self) -> Vec<String> {
            self.ids(Direction::Improved)
        }

        /// Ids of the standards scored lower now, in catalogue order.
        #[getter]
        fn worsened(&self) -> Vec<String> {
            self.ids(Direction::Worsened)
        }

        fn __repr__(&self) -> String {
            let c = &self.inner;
            let score = |s: Option<f64>| s.map_or_else(|| "no score".to_owned(), |s| format!("{s:.1}"));
            format!(
                "<Comparison {} {} -> {}: overall {} -> {} ({}), {}/{} standards comparable, {} improved, {} worsened>",
                c.area.name,
                c.old.assessed_on,
                c.new.assessed_on,
                score(c.overall.old),
                score(c.overall.new),
                c.overall.direction.as_str().replace('_', " "),
                c.comparable.standards,
                c.comparable.total,
                self.ids(Direction::Improved).len(),
                self.ids(Direction::Worsened).len(),
            )
        }
    }
}

impl PyComparison {
    fn document(&self) -> Document<'_> {
        Document::comparison(Editions { now: &self.catalogue, then: &self.then }, &self.inner)
    }

    fn ids(&self, direction: Direction) -> Vec<String> {
        self.inner.standards.iter().filter(|s| s.direction == direction).map(|s| s.id.to_string()).collect()
    }
}

/// Compares two assessments of one area over time, standard by standard, theme by theme and
/// overall. Returns a :class:`Comparison`.
///
/// ``old`` and ``new`` are each an :class:`Assessment`, a dict, JSON text or a path.
/// ``catalogue`` is the edition to compare in; ``None`` means the bundled edition for the one
/// ``new`` names (see :meth:`Catalogue.bundled_for`). An ``old`` assessment of an older edition
/// is migrated into it first, and :attr:`Comparison.migration` says how.
///
/// Raises ``IncompatibleError`` for different areas (``mixed_areas``) or catalogues
/// (``mixed_catalogues``), or an ``old`` dated after ``new`` (``dates_reversed``), and
/// ``ValidationError`` (naming the file) when either does not check against the edition.
///
/// >>> c = carepath.compare("standards/examples/northbrook-2016.json", "standards/examples/northbrook-2024.json")  # doctest: +SKIP
/// >>> [(t["id"], t["direction"]) for t in c.themes][:2]  # doctest: +SKIP
#[pyfunction]
#[pyo3(signature = (old, new, catalogue = None))]
pub(crate) fn compare(
    old: &Bound<'_, PyAny>,
    new: &Bound<'_, PyAny>,
    catalogue: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyComparison> {
    let (old, old_file) = assessment_from_any(old).map_err(|e| e.at("old".to_owned()))?;
    let (new, new_file) = assessment_from_any(new).map_err(|e| e.at("new".to_owned()))?;
    let located = |e: carepath::Error, which: &str, file: &Option<String>| {
        Failure::from(e).in_file(file.as_deref()).at(which.to_owned())
    };
    let catalogue = match optional_catalogue(catalogue)? {
        Some(c) => c,
        None => Arc::new(Catalogue::bundled_for(&new.catalogue).map_err(|e| located(e, "new", &new_file))?),
    };
    match carepath::compare(&old, &new, &catalogue) {
        Ok(inner) => {
            let then = carepath::earlier_edition(&catalogue, &old).map_or_else(|_| Arc::clone(&catalogue), Arc::new);
            Ok(PyComparison { inner, catalogue, then })
        }
        // Which of the two broke the rules: the core checks `new` first, then `old`.
        Err(e) if e.code() == "invalid" => Err(if catalogue.check(&new).is_err() {
            located(e, "new", &new_file)
        } else {
            located(e, "old", &old_file)
        }
        .into()),
        Err(e) => Err(Failure::from(e).into()),
    }
}

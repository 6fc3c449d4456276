//! `carepath.Report`: what scoring an assessment gives.

use std::sync::Arc;

use carepath::{Assessment, Catalogue, Report};
use carepath_report::Document;

use crate::answer::answer_class;

answer_class! {
    /// What scoring an assessment gives, in the report shape of the design: the overall score,
    /// per theme and cross-cutting theme the mean of rated standards with its light and
    /// completeness, per standard its rating and light, the ranked gaps, the strengths and the
    /// unknowns. Immutable. Every property returns plain dicts and lists.
    ///
    /// >>> report = catalogue.score(assessment)  # doctest: +SKIP
    /// >>> report.overall["light"]  # doctest: +SKIP
    /// 'amber'
    #[pyclass(name = "Report")]
    pub(crate) struct PyReport {
        pub(crate) inner: Report,
        catalogue: Arc<Catalogue>,
        assessment: Arc<Assessment>,
    }

    /// The catalogue the report was scored with (for titles and priorities).
    fn catalogue;

    fields {
        /// ``{"id": ..., "version": ...}`` of the catalogue edition.
        catalogue_ref = catalogue,
        /// The area as a dict.
        area,
        /// The date of the assessment, ``"YYYY-MM-DD"``.
        assessed_on,
        /// ``{"score", "light", "rated", "total"}``: the mean of the theme scores that exist
        /// (``None`` when no theme has one).
        overall,
        /// One dict per theme, in catalogue order: ``id``, ``title``, ``score``, ``light``,
        /// ``rated``, ``not_applicable``, ``unknown``, ``unrated``, ``total``, ``completeness``.
        themes,
        /// One dict per cross-cutting theme: ``id``, ``title``, ``score``, ``light``, ``rated``,
        /// ``total``.
        cross_cutting,
        /// One dict per standard, in catalogue order: ``id``, ``theme``, ``rating``, ``light``.
        standards,
        /// Rated standards below green, largest ``weighted_shortfall`` first.
        gaps,
        /// Ids of the rated standards in the green band, in catalogue order.
        strengths,
        /// Ids of the standards rated ``"unknown"``, in catalogue order.
        unknowns,
        /// The plan section: ``as_of``, ``actions`` (how many), ``by_status``, ``overdue`` (ids of
        /// open actions due before ``as_of``) and ``unplanned_gaps`` (gaps no action but a
        /// dropped one lists).
        plan,
        /// Group ratings below the standard's own rating, largest ``weighted_difference`` first:
        /// ``id``, ``theme``, ``group``, ``rating``, ``group_rating``, ``difference``,
        /// ``priority``, ``weight``, ``weighted_difference``.
        equity_gaps,
        /// What the ratings rest on: ``by_level`` (the scored standards by evidence level),
        /// ``unsupported_strengths``, ``stale`` and ``max_age_months``.
        evidence,
    }

    /// The whole report as a dict, exactly in the design's report shape.
    fn to_dict;
    /// The report as pretty-printed JSON.
    fn to_json;
    /// One table of the report as a ``pandas.DataFrame``: ``"themes"`` (default),
    /// ``"standards"``, ``"cross_cutting"``, ``"gaps"``, ``"plan"`` (one row per action,
    /// with whether it is overdue), ``"groups"`` (one row per group of the whole pathway, each
    /// theme and each cross-cutting theme) or ``"equity_gaps"``. Needs pandas
    /// (``pip install 'carepath[pandas]'``).
    fn to_pandas(table = "themes") => report_frame;
    documents document;

    #[pymethods]
    impl PyReport {
        /// The actions of the assessment's plan, one dict each, in order (the plan section
        /// counts them).
        #[getter]
        fn actions<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
            crate::convert::to_py(py, &self.assessment.plan)
        }

        fn __repr__(&self) -> String {
            let o = &self.inner.overall;
            let score = o.score.map_or_else(|| "no score".to_owned(), |s| format!("{s:.1}"));
            let light = o.light.as_ref().map_or_else(String::new, |l| format!(" {l}"));
            format!(
                "<Report {} {}: overall {score}{light}, {}/{} rated, {} gaps>",
                self.inner.area.name,
                self.inner.assessed_on,
                o.rated,
                o.total,
                self.inner.gaps.len()
            )
        }
    }
}

impl PyReport {
    pub(crate) fn new(inner: Report, catalogue: Arc<Catalogue>, assessment: Arc<Assessment>) -> Self {
        Self { inner, catalogue, assessment }
    }

    fn document(&self) -> Document<'_> {
        Document::report(&self.catalogue, &self.assessment, &self.inner)
    }
}

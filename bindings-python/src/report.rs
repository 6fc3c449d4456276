//! `carepath.Report`: what scoring an assessment gives.

use std::sync::Arc;

use carepath::{Catalogue, Report};
use pyo3::prelude::*;

use crate::catalogue::PyCatalogue;
use crate::convert::to_py;

/// What scoring an assessment gives, in the report shape of the design: the overall score,
/// per theme and cross-cutting theme the mean of rated standards with its light and
/// completeness, per standard its rating and light, the ranked gaps, the strengths and the
/// unknowns. Immutable. Every property returns plain dicts and lists.
///
/// >>> report = catalogue.score(assessment)  # doctest: +SKIP
/// >>> report.overall["light"]  # doctest: +SKIP
/// 'amber'
#[pyclass(name = "Report", module = "carepath", frozen, eq)]
#[derive(Debug, Clone)]
pub(crate) struct PyReport {
    pub(crate) inner: Report,
    catalogue: Arc<Catalogue>,
}

impl PartialEq for PyReport {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

impl PyReport {
    pub(crate) fn new(inner: Report, catalogue: Arc<Catalogue>) -> Self {
        Self { inner, catalogue }
    }
}

#[pymethods]
impl PyReport {
    /// The catalogue the report was scored with (for titles and priorities).
    #[getter]
    fn catalogue(&self) -> PyCatalogue {
        PyCatalogue { inner: Arc::clone(&self.catalogue) }
    }

    /// ``{"id": ..., "version": ...}`` of the catalogue edition.
    #[getter]
    fn catalogue_ref<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.catalogue)
    }

    /// The area as a dict.
    #[getter]
    fn area<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.area)
    }

    /// The date of the assessment, ``"YYYY-MM-DD"``.
    #[getter]
    fn assessed_on(&self) -> String {
        self.inner.assessed_on.to_string()
    }

    /// ``{"score", "light", "rated", "total"}``: the mean of the theme scores that exist
    /// (``None`` when no theme has one).
    #[getter]
    fn overall<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.overall)
    }

    /// One dict per theme, in catalogue order: ``id``, ``title``, ``score``, ``light``,
    /// ``rated``, ``not_applicable``, ``unknown``, ``unrated``, ``total``, ``completeness``.
    #[getter]
    fn themes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.themes)
    }

    /// One dict per cross-cutting theme: ``id``, ``title``, ``score``, ``light``, ``rated``,
    /// ``total``.
    #[getter]
    fn cross_cutting<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.cross_cutting)
    }

    /// One dict per standard, in catalogue order: ``id``, ``theme``, ``rating``, ``light``.
    #[getter]
    fn standards<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.standards)
    }

    /// Rated standards below green, largest ``weighted_shortfall`` first.
    #[getter]
    fn gaps<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.gaps)
    }

    /// Ids of the rated standards in the green band, in catalogue order.
    #[getter]
    fn strengths<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.strengths)
    }

    /// Ids of the standards rated ``"unknown"``, in catalogue order.
    #[getter]
    fn unknowns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.unknowns)
    }

    /// The whole report as a dict, exactly in the design's report shape.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The report as pretty-printed JSON.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// One table of the report as a ``pandas.DataFrame``: ``"themes"`` (default),
    /// ``"standards"``, ``"cross_cutting"`` or ``"gaps"``. Needs pandas
    /// (``pip install 'carepath[pandas]'``).
    #[pyo3(signature = (table = "themes"))]
    fn to_pandas<'py>(slf: &Bound<'py, Self>, table: &str) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("carepath._frames")?.call_method1("report_frame", (slf, table))
    }

    /// A compact HTML table for notebooks: the overall light, each theme with its light and
    /// completeness, and the top gaps.
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py().import("carepath._display")?.call_method1("report_html", (slf,))?.extract()
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

//! `carepath.consensus` and `carepath.Consensus`: several raters' views of one area combined.

use std::sync::Arc;

use carepath::{Catalogue, Consensus};
use pyo3::prelude::*;

use crate::assessment::PyAssessment;
use crate::batch::{locate_in_set, read_set};
use crate::benchmark::set_edition;
use crate::catalogue::{PyCatalogue, optional_catalogue};
use crate::convert::to_py;

// The signature below spells the default out, so that `help()` shows it.
const _: () = assert!(carepath::DEFAULT_DISAGREEMENT == 3);

/// How several raters' assessments of one area on one date combine: per standard each rater's
/// rating, the combined rating (the median score; the lower middle one for an even count),
/// how many scored it and the spread, and the standards to discuss: ``disagreements`` (scores
/// ``threshold`` or more points apart) and ``mixed_applicability`` (some scored it, some said
/// it does not apply). Immutable.
///
/// >>> combined, c = carepath.consensus(sorted(Path("standards/examples/consensus").glob("*.json")))  # doctest: +SKIP
/// >>> c.raters  # doctest: +SKIP
#[pyclass(name = "Consensus", module = "carepath", frozen, eq)]
#[derive(Debug, Clone)]
pub(crate) struct PyConsensus {
    pub(crate) inner: Consensus,
    catalogue: Arc<Catalogue>,
}

impl PartialEq for PyConsensus {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

#[pymethods]
impl PyConsensus {
    /// The edition the raters used, for titles and priorities.
    #[getter]
    fn catalogue(&self) -> PyCatalogue {
        PyCatalogue { inner: Arc::clone(&self.catalogue) }
    }

    /// ``{"id", "version"}`` of the edition.
    #[getter]
    fn catalogue_ref<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.catalogue)
    }

    /// The area.
    #[getter]
    fn area<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.area)
    }

    /// The date of the assessments, ``"YYYY-MM-DD"``.
    #[getter]
    fn assessed_on(&self) -> String {
        self.inner.assessed_on.to_string()
    }

    /// A label per rater, in the order given: the first participant's role and organisation,
    /// or ``"rater N"``.
    #[getter]
    fn raters(&self) -> Vec<String> {
        self.inner.raters.clone()
    }

    /// The spread of scores that counts as a disagreement.
    #[getter]
    fn threshold(&self) -> i32 {
        self.inner.threshold
    }

    /// One dict per standard, in catalogue order: ``id``, ``theme``, ``ratings`` (one per
    /// rater, ``None`` when unrated), ``combined``, ``scored``, ``spread``, ``disagreement``.
    #[getter]
    fn standards<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.standards)
    }

    /// Ids of the standards whose scores are ``threshold`` or more points apart: to discuss.
    #[getter]
    fn disagreements(&self) -> Vec<String> {
        self.inner.disagreements.iter().map(ToString::to_string).collect()
    }

    /// Ids of the standards some raters scored and others said do not apply: to discuss.
    #[getter]
    fn mixed_applicability(&self) -> Vec<String> {
        self.inner.mixed_applicability.iter().map(ToString::to_string).collect()
    }

    /// The consensus as a dict, exactly in the JSON shape
    /// (``standards/schemas/consensus.schema.json``).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The consensus as pretty-printed JSON.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// One table as a ``pandas.DataFrame``. ``"standards"`` (default): one row per standard
    /// (``id``, ``theme``, ``title``, ``priority``, ``combined``, ``scored``, ``spread``,
    /// ``disagreement``, ``mixed_applicability``, then one column per rater, named by its
    /// label, with its rating). ``"ratings"``: one row per standard and rater (``id``,
    /// ``theme``, ``rater``, ``rating``, ``score``). Needs pandas.
    #[pyo3(signature = (table = "standards"))]
    fn to_pandas<'py>(slf: &Bound<'py, Self>, table: &str) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("carepath._frames")?.call_method1("consensus_frame", (slf, table))
    }

    /// The notebook view: the raters, and the standards to discuss with each rater's rating
    /// and the combined one.
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py().import("carepath._display")?.call_method1("consensus_html", (slf,))?.extract()
    }

    fn __repr__(&self) -> String {
        let c = &self.inner;
        format!(
            "<Consensus {} {}: {} raters, {} disagreements, {} of mixed applicability (threshold {})>",
            c.area.name,
            c.assessed_on,
            c.raters.len(),
            c.disagreements.len(),
            c.mixed_applicability.len(),
            c.threshold
        )
    }
}

/// Combines several raters' assessments of one area on one date into one assessment, with
/// the spread of views. Returns ``(combined, consensus)``: the combined :class:`Assessment`
/// and a :class:`Consensus`.
///
/// ``items`` are the raters' assessments (at least two; paths, dicts, JSON texts or
/// :class:`Assessment` objects). ``catalogue`` is their edition; ``None`` means the bundled
/// edition for the one the first names (see :meth:`Catalogue.bundled_for`). Scores
/// ``threshold`` (default 3) or more points apart are a disagreement.
///
/// A combined rating is the median of the scores given (N/A and unknown left out), the lower
/// middle score for an even count; when nobody scored a standard, ``"unknown"`` if anyone
/// said so, else ``"not_applicable"``. Disagreements and mixed applicability are flagged in
/// the combined entry's ``review``; every rater's evidence and actions are kept, labelled.
///
/// Raises ``TooFewError`` for fewer than two raters (``too_few_raters``),
/// ``IncompatibleError`` for different areas, dates or editions (``mixed_areas``,
/// ``mixed_dates``, ``mixed_editions``), and ``ValidationError`` when an assessment does not
/// check (paths start with the rater's index, such as ``/1/ratings/T1.1``).
///
/// >>> combined, c = carepath.consensus(sorted(Path("standards/examples/consensus").glob("*.json")), threshold=3)  # doctest: +SKIP
/// >>> c.disagreements  # doctest: +SKIP
#[pyfunction]
#[pyo3(signature = (items, catalogue = None, *, threshold = 3))]
pub(crate) fn consensus(
    py: Python<'_>,
    items: &Bound<'_, PyAny>,
    catalogue: Option<&Bound<'_, PyAny>>,
    threshold: i32,
) -> PyResult<(PyAssessment, PyConsensus)> {
    let catalogue = optional_catalogue(catalogue)?;
    let (assessments, files) = read_set(py, items)?;
    let catalogue = match catalogue {
        Some(c) => c,
        None => Arc::new(set_edition(&assessments, &files)?),
    };
    let (combined, inner) =
        py.detach(|| carepath::consensus(&assessments, &catalogue, threshold)).map_err(|e| locate_in_set(e, &files))?;
    Ok((PyAssessment { inner: combined }, PyConsensus { inner, catalogue }))
}

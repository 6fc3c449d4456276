//! `carepath.consensus` and `carepath.Consensus`: several raters' views of one area combined.

use std::sync::Arc;

use carepath::{Catalogue, Consensus};
use pyo3::prelude::*;

use carepath_report::Document;

use crate::answer::answer_class;
use crate::assessment::PyAssessment;
use crate::batch::{locate_in_set, read_set};
use crate::error::int_argument;

// The signature below spells the default out, so that `help()` shows it.
const _: () = assert!(carepath::DEFAULT_DISAGREEMENT == 3);

answer_class! {
    /// How several raters' assessments of one area on one date combine: per standard each rater's
    /// rating, the combined rating (the median score; the lower middle one for an even count),
    /// how many scored it and the spread, and the standards to discuss: ``disagreements`` (scores
    /// ``threshold`` or more points apart) and ``mixed_applicability`` (some scored it, some said
    /// it does not apply). Immutable.
    ///
    /// >>> combined, c = carepath.consensus(sorted(Path("standards/examples/consensus").glob("*.json")))  # doctest: +SKIP
    /// >>> c.raters  # doctest: +SKIP
    #[pyclass(name = "Consensus")]
    pub(crate) struct PyConsensus {
        pub(crate) inner: Consensus,
        catalogue: Arc<Catalogue>,
    }

    /// The edition the raters used, for titles and priorities.
    fn catalogue;

    fields {
        /// ``{"id", "version"}`` of the edition.
        catalogue_ref = catalogue,
        /// The area.
        area,
        /// The date of the assessments, ``"YYYY-MM-DD"``.
        assessed_on,
        /// A label per rater, in the order given: the first participant's role and organisation,
        /// or ``"rater N"``.
        raters,
        /// The spread of scores that counts as a disagreement.
        threshold,
        /// One dict per standard, in catalogue order: ``id``, ``theme``, ``ratings`` (one per
        /// rater, ``None`` when unrated), ``combined``, ``scored``, ``spread``, ``disagreement``.
        standards,
        /// Ids of the standards whose scores are ``threshold`` or more points apart: to discuss.
        disagreements,
        /// Ids of the standards some raters scored and others said do not apply: to discuss.
        mixed_applicability,
    }

    /// The consensus as a dict, exactly in the JSON shape
    /// (``standards/schemas/consensus.schema.json``).
    fn to_dict;
    /// The consensus as pretty-printed JSON.
    fn to_json;
    /// One table as a ``pandas.DataFrame``. ``"standards"`` (default): one row per standard
    /// (``id``, ``theme``, ``title``, ``priority``, ``combined``, ``scored``, ``spread``,
    /// ``disagreement``, ``mixed_applicability``, then one column per rater, named by its
    /// label, with its rating). ``"ratings"``: one row per standard and rater (``id``,
    /// ``theme``, ``rater``, ``rating``, ``score``). Needs pandas.
    fn to_pandas(table = "standards") => consensus_frame;
    documents document;

    #[pymethods]
    impl PyConsensus {
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
#[pyo3(signature = (items, catalogue = None, *, threshold = None))]
pub(crate) fn consensus(
    py: Python<'_>,
    items: &Bound<'_, PyAny>,
    catalogue: Option<&Bound<'_, PyAny>>,
    threshold: Option<&Bound<'_, PyAny>>,
) -> PyResult<(PyAssessment, PyConsensus)> {
    // `None` is the core's default; the bounds are the JavaScript package's (a 32-bit integer).
    let threshold = match threshold {
        Some(t) => i32::try_from(int_argument(t, "threshold", i64::from(i32::MIN), i64::from(i32::MAX))?)
            .unwrap_or(carepath::DEFAULT_DISAGREEMENT),
        None => carepath::DEFAULT_DISAGREEMENT,
    };
    let set = read_set(py, items, catalogue)?;
    let (combined, inner) = py
        .detach(|| carepath::consensus(&set.assessments, &set.catalogue, threshold))
        .map_err(|e| locate_in_set(e, &set.files))?;
    Ok((PyAssessment { inner: combined }, PyConsensus { inner, catalogue: set.catalogue }))
}

impl PyConsensus {
    fn document(&self) -> Document<'_> {
        Document::consensus(&self.catalogue, &self.inner)
    }
}

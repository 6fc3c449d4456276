//! `carepath.Catalogue`: one edition of a catalogue of standards.

use std::path::PathBuf;
use std::sync::Arc;

use carepath::{Catalogue, CatalogueRef};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::assessment::{PyAssessment, assessment_from_any};
use crate::convert::{to_json_text, to_py};
use crate::error::{Failure, Result, json_argument, read_text, type_name};
use crate::report::PyReport;

/// One edition of a catalogue of standards: its scale, themes, standards and cross-cutting
/// themes. Immutable.
///
/// >>> import carepath
/// >>> catalogue = carepath.Catalogue.bundled()
/// >>> catalogue.id, catalogue.version
/// ('perinatal-mental-health', '3.0.0')
/// >>> len(catalogue.standards)
/// 77
#[pyclass(name = "Catalogue", module = "carepath", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PyCatalogue {
    pub(crate) inner: Arc<Catalogue>,
}

impl PyCatalogue {
    pub(crate) fn new(catalogue: Catalogue) -> Self {
        Self { inner: Arc::new(catalogue) }
    }
}

#[pymethods]
impl PyCatalogue {
    /// A catalogue bundled with the package (no file needed).
    ///
    /// ``version`` is an exact edition (``"1.0.0"``), a requirement (``"1"``, ``"^1.0"``) or
    /// ``None`` for the latest edition. Raises ``NotFoundError`` when nothing matches.
    ///
    /// >>> carepath.Catalogue.bundled(version="1").version
    /// '1.0.0'
    #[staticmethod]
    #[pyo3(signature = (id = "perinatal-mental-health", version = None))]
    fn bundled(id: &str, version: Option<&str>) -> PyResult<Self> {
        Ok(Self::new(Catalogue::bundled(id, version).map_err(Failure::from)?))
    }

    /// The bundled edition to score an assessment with: the edition it names when that one is
    /// bundled, else the latest bundled edition compatible with it (the same major version, no
    /// older minor version). Every surface (Python, the command line, the web widget) picks a
    /// catalogue for an assessment this way; :func:`score_many`, :func:`compare`,
    /// :func:`benchmark` and :func:`consensus` use it when given no catalogue.
    ///
    /// ``edition`` is an :class:`Assessment`, a :class:`Report` or a dict ``{"id", "version"}``.
    /// Raises ``NotFoundError`` when no compatible edition is bundled.
    ///
    /// >>> carepath.Catalogue.bundled_for({"id": "perinatal-mental-health", "version": "2.0.3"}).version
    /// '2.0.0'
    #[staticmethod]
    fn bundled_for(edition: &Bound<'_, PyAny>) -> PyResult<Self> {
        let wanted: CatalogueRef = if let Ok(a) = edition.cast::<PyAssessment>() {
            a.borrow().inner.catalogue.clone()
        } else if let Ok(r) = edition.cast::<PyReport>() {
            r.get().inner.catalogue.clone()
        } else if edition.is_instance_of::<PyDict>() {
            let text = to_json_text(edition)?;
            serde_json::from_str(&text).map_err(|e| {
                Failure::from(carepath::Error::Schema {
                    path: String::new(),
                    message: format!("not a catalogue reference {{\"id\", \"version\"}}: {e}"),
                })
            })?
        } else {
            return Err(Failure::Type(format!(
                "bundled_for expects an Assessment, a Report or a dict {{\"id\", \"version\"}}, got {}",
                type_name(edition)
            ))
            .into());
        };
        Ok(Self::new(Catalogue::bundled_for(&wanted).map_err(Failure::from)?))
    }

    /// Reads and checks a catalogue file. Errors name the file.
    ///
    /// >>> carepath.Catalogue.load("standards/perinatal-mental-health/1.0.0.json")  # doctest: +SKIP
    #[staticmethod]
    fn load(path: PathBuf) -> PyResult<Self> {
        let text = read_text(&path)?;
        let name = path.display().to_string();
        Ok(Self::new(Catalogue::from_json(&text).map_err(|e| Failure::from(e).in_file(name.as_str()))?))
    }

    /// Reads and checks a catalogue from JSON text, or from the ``bytes`` of a file (a
    /// byte-order mark is skipped; bytes that are not UTF-8 raise ``SchemaError`` with the line
    /// and column).
    #[staticmethod]
    fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = json_argument(text, "Catalogue.from_json")?;
        Ok(Self::new(Catalogue::from_json(&text).map_err(Failure::from)?))
    }

    /// Reads and checks a catalogue from a dict in the file's shape.
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        require_dict(data, "Catalogue.from_dict")?;
        let text = to_json_text(data)?;
        Ok(Self::new(Catalogue::from_json(&text).map_err(Failure::from)?))
    }

    /// The catalogue's id, such as ``"perinatal-mental-health"``.
    #[getter]
    fn id(&self) -> &str {
        self.inner.id.as_str()
    }

    /// The edition, such as ``"1.0.0"``.
    #[getter]
    fn version(&self) -> String {
        self.inner.version.to_string()
    }

    /// The catalogue's title.
    #[getter]
    fn title(&self) -> &str {
        &self.inner.title
    }

    /// ``{"id": ..., "version": ...}``: what an assessment records as its ``catalogue``.
    #[getter]
    fn reference<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.reference())
    }

    /// The rating scale as a dict: ``min``, ``max``, ``levels`` and ``bands``.
    #[getter]
    fn scale<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.scale)
    }

    /// The themes, in order, each a dict with its ``standards``.
    #[getter]
    fn themes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.themes)
    }

    /// Every standard in catalogue order, each a dict as in the file plus ``"theme"`` (its
    /// theme's id).
    #[getter]
    fn standards<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for theme in self.themes(py)?.try_iter()? {
            let theme = theme?;
            let id = theme.get_item("id")?;
            for standard in theme.get_item("standards")?.try_iter()? {
                let standard = standard?.cast_into::<PyDict>()?;
                standard.set_item("theme", &id)?;
                out.append(standard)?;
            }
        }
        Ok(out)
    }

    /// One standard as in :attr:`standards`, or ``None`` when the catalogue has no such id.
    fn standard<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        let Some((theme, standard)) = self.inner.standard(id) else { return Ok(None) };
        let out = to_py(py, standard)?;
        out.set_item("theme", theme.id.as_str())?;
        Ok(Some(out))
    }

    /// The cross-cutting themes, in order.
    #[getter]
    fn cross_cutting<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.cross_cutting)
    }

    /// Checks an assessment against this catalogue and scores it.
    ///
    /// ``assessment`` is an :class:`Assessment`, or anything :func:`carepath.score_many`
    /// accepts (a path, JSON text or a dict). Raises ``ValidationError`` listing every problem
    /// (unknown standard, score off the scale, another catalogue).
    ///
    /// ``as_of`` (``"YYYY-MM-DD"`` or a ``datetime.date``) is the day the plan's overdue
    /// actions are judged on; by default the assessment's own date. Evidence dated before
    /// ``max_age_months`` calendar months before the assessment (default 24) is listed as
    /// stale in the report's ``evidence``.
    ///
    /// >>> report = catalogue.score(assessment)  # doctest: +SKIP
    #[pyo3(signature = (assessment, *, as_of = None, max_age_months = None))]
    fn score(
        &self,
        assessment: &Bound<'_, PyAny>,
        as_of: Option<&Bound<'_, PyAny>>,
        max_age_months: Option<u32>,
    ) -> PyResult<PyReport> {
        let (assessment, file) = assessment_from_any(assessment)?;
        let mut options = carepath::ScoreOptions::default();
        if let Some(day) = as_of.map(|d| crate::assessment::date_from_any(d, "as_of")).transpose()? {
            options = options.as_of(day);
        }
        if let Some(months) = max_age_months {
            options = options.max_age_months(months);
        }
        let report =
            self.inner.score_with(&assessment, options).map_err(|e| Failure::from(e).in_file(file.as_deref()))?;
        Ok(PyReport::new(report, Arc::clone(&self.inner), Arc::new(assessment)))
    }

    /// Checks an assessment against this catalogue without scoring it; raises
    /// ``ValidationError`` listing every problem.
    fn check(&self, assessment: PyRef<'_, PyAssessment>) -> PyResult<()> {
        Ok(self.inner.check(&assessment.inner).map_err(Failure::from)?)
    }

    /// This edition as a FHIR R4 SDC ``Questionnaire`` (a dict), to render in a form tool such
    /// as LHC-Forms: a group per theme, a choice per standard with the scale as scored answer
    /// options, and evidence, confidence and actions as child items.
    ///
    /// >>> catalogue.to_questionnaire()["resourceType"]
    /// 'Questionnaire'
    fn to_questionnaire<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &carepath::fhir::questionnaire(&self.inner))
    }

    /// An assessment of this edition as a FHIR ``QuestionnaireResponse`` (a dict) to
    /// :meth:`to_questionnaire`; everything in the assessment travels, so
    /// :meth:`from_fhir` gives it back unchanged.
    ///
    /// ``assessment`` is anything :meth:`score` accepts. Raises ``IncompatibleError``
    /// (``mixed_editions``) for an assessment of another edition, ``ValidationError`` for one
    /// that does not fit the catalogue.
    fn to_fhir<'py>(&self, py: Python<'py>, assessment: &Bound<'_, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let (assessment, file) = assessment_from_any(assessment)?;
        let response = carepath::fhir::to_response(&self.inner, &assessment)
            .map_err(|e| Failure::from(e).in_file(file.as_deref()))?;
        to_py(py, &response)
    }

    /// Reads a FHIR ``QuestionnaireResponse`` to this edition's Questionnaire (a dict, JSON
    /// text or a path) back into an :class:`Assessment`. Raises ``FhirError`` with the FHIR
    /// path of the problem, such as ``item[2].item[4].answer[0]``.
    #[pyo3(name = "from_fhir")]
    fn read_fhir(&self, response: &Bound<'_, PyAny>) -> PyResult<PyAssessment> {
        Ok(crate::fhir::read_response(response, Some(Arc::clone(&self.inner)))?)
    }

    /// This edition in plain language: every standard's ``plain`` text (what it means for a
    /// family) in place of its description, where the edition gives one, so that every report
    /// and table made with it speaks to lay and lived-experience members. Scores are unchanged.
    ///
    /// >>> plain = carepath.Catalogue.bundled().with_plain_language()
    /// >>> plain.standards[0]["description"] == plain.standards[0]["plain"]
    /// True
    fn with_plain_language(&self) -> Self {
        Self::new(self.inner.with_plain_language())
    }

    /// The catalogue as a dict in the file's shape.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &*self.inner)
    }

    /// The catalogue as pretty-printed JSON, as in its file.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    fn __repr__(&self) -> String {
        format!(
            "<Catalogue {}@{}: {} standards in {} themes>",
            self.inner.id,
            self.inner.version,
            self.inner.standard_count(),
            self.inner.themes.len()
        )
    }
}

/// An optional `catalogue` argument: a `Catalogue` or `None`; anything else is a `TypeError`.
pub(crate) fn optional_catalogue(value: Option<&Bound<'_, PyAny>>) -> Result<Option<Arc<Catalogue>>> {
    match value {
        None => Ok(None),
        Some(c) if c.is_none() => Ok(None),
        Some(c) => match c.cast::<PyCatalogue>() {
            Ok(c) => Ok(Some(Arc::clone(&c.get().inner))),
            Err(_) => {
                Err(Failure::Type(format!("catalogue must be a carepath.Catalogue or None, got {}", type_name(c))))
            }
        },
    }
}

/// A `TypeError` unless `value` is a dict.
pub(crate) fn require_dict(value: &Bound<'_, PyAny>, what: &str) -> Result<()> {
    if value.is_instance_of::<PyDict>() {
        Ok(())
    } else {
        Err(Failure::Type(format!("{what} expects a dict, got {}", type_name(value))))
    }
}

//! `carepath.Assessment`: one area's ratings against one catalogue edition, with editing that
//! the core checks.

use std::path::PathBuf;

use carepath::{Action, ActionId, ActionStatus, Assessment, Date, Rating, StandardId, Target};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyInt, PyString, PyType};

use crate::catalogue::{PyCatalogue, require_dict};
use crate::convert::{to_json_text, to_py};
use crate::error::{Failure, Result, json_argument, read_text, type_name, write_text};
use crate::migration::{PyMigrationReport, run_migrate};

/// One area's ratings against one catalogue edition.
///
/// Read one with :meth:`load`, :meth:`from_json` or :meth:`from_dict`, or start an empty one
/// with :meth:`new`; edit it with :meth:`rate` and friends (each change is checked against the
/// catalogue); score it with :meth:`Catalogue.score`.
///
/// >>> a = carepath.Assessment.new(catalogue, area="Northbrook", assessed_on="2016-11-30")
/// >>> a.rate(catalogue, "T1.1", 3)
/// >>> a.ratings["T1.1"]
/// {'rating': 3}
#[pyclass(name = "Assessment", module = "carepath", eq)]
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PyAssessment {
    pub(crate) inner: Assessment,
}

#[pymethods]
impl PyAssessment {
    /// An empty assessment of ``area`` against ``catalogue``, dated ``assessed_on``.
    ///
    /// ``area`` is a name or a dict ``{"name", "code", "kind"}``; ``assessed_on`` is a
    /// ``"YYYY-MM-DD"`` string or a ``datetime.date``.
    ///
    /// >>> carepath.Assessment.new(catalogue, area={"name": "Eastmere", "code": "E1"}, assessed_on="2017-01-31")
    /// <Assessment Eastmere 2017-01-31 against perinatal-mental-health@2.0.0: 0 ratings>
    #[staticmethod]
    #[pyo3(signature = (catalogue, *, area, assessed_on))]
    fn new(
        catalogue: PyRef<'_, PyCatalogue>,
        area: &Bound<'_, PyAny>,
        assessed_on: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let area = if let Ok(name) = area.cast::<PyString>() {
            format!(r#"{{"name":{}}}"#, serde_json::to_string(&name.to_cow()?).unwrap_or_default())
        } else if area.is_instance_of::<PyDict>() {
            to_json_text(area).map_err(|e| e.at("area".to_owned()))?
        } else {
            return Err(Failure::Type(format!("area must be a name (str) or a dict, got {}", type_name(area))).into());
        };
        let date = date_text(assessed_on)?;
        let reference = serde_json::to_string(&catalogue.inner.reference()).unwrap_or_default();
        let text = format!(
            r#"{{"schema_version":"{}","catalogue":{reference},"area":{area},"assessed_on":{},"ratings":{{}}}}"#,
            carepath::version::FORMAT_1_0,
            serde_json::to_string(&date).unwrap_or_default()
        );
        Ok(Self { inner: Assessment::from_json(&text).map_err(Failure::from)? })
    }

    /// Reads an assessment file (its shape only: :meth:`Catalogue.score` checks it against
    /// the catalogue). Errors name the file.
    #[staticmethod]
    fn load(path: PathBuf) -> PyResult<Self> {
        Ok(Self { inner: Source::Path(path).into_assessment().map(|(a, _)| a)? })
    }

    /// Reads an assessment from JSON text, or from the ``bytes`` of a file (a byte-order mark
    /// is skipped; bytes that are not UTF-8 raise ``SchemaError`` with the line and column).
    #[staticmethod]
    fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = json_argument(text, "Assessment.from_json")?;
        Ok(Self { inner: Assessment::from_json(&text).map_err(Failure::from)? })
    }

    /// Reads an assessment from a dict in the file's shape (the same checks as a file).
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        require_dict(data, "Assessment.from_dict")?;
        let text = to_json_text(data)?;
        Ok(Self { inner: Assessment::from_json(&text).map_err(Failure::from)? })
    }

    /// The assessment as a dict in the file's shape.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The assessment as pretty-printed JSON, as in a file.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Writes the assessment to a file as pretty-printed JSON.
    fn save(&self, path: PathBuf) -> PyResult<()> {
        Ok(write_text(&path, &self.inner.to_json())?)
    }

    /// Rates a standard, keeping its evidence, confidence and actions.
    ///
    /// ``rating`` is an int on the catalogue's scale, ``"not_applicable"`` or ``"unknown"``.
    /// Raises ``ValidationError`` when the catalogue has no such standard or the score is off
    /// its scale, ``TypeError`` for a value of another type.
    ///
    /// >>> a.rate(catalogue, "T1.2", "not_applicable")
    fn rate(&mut self, catalogue: PyRef<'_, PyCatalogue>, standard: &str, rating: &Bound<'_, PyAny>) -> PyResult<()> {
        let rating = rating_from_any(rating, standard)?;
        Ok(self.inner.rate(&catalogue.inner, standard, rating).map_err(Failure::from)?)
    }

    /// Sets (or clears, with ``None`` or empty text) the evidence of a rated standard.
    /// Raises ``ValidationError`` (problem code ``not_rated``) when it has no rating yet.
    #[pyo3(signature = (standard, evidence))]
    fn set_evidence(&mut self, standard: &str, evidence: Option<&str>) -> PyResult<()> {
        Ok(self.inner.set_evidence(standard, evidence).map_err(Failure::from)?)
    }

    /// Sets (or clears) the planned actions of a rated standard.
    #[pyo3(signature = (standard, actions))]
    fn set_actions(&mut self, standard: &str, actions: Option<&str>) -> PyResult<()> {
        Ok(self.inner.set_actions(standard, actions).map_err(Failure::from)?)
    }

    /// Sets (or clears, with ``None``) the confidence of a rated standard: ``"low"``,
    /// ``"medium"`` or ``"high"``.
    #[pyo3(signature = (standard, confidence))]
    fn set_confidence(&mut self, standard: &str, confidence: Option<&str>) -> PyResult<()> {
        Ok(self.inner.set_confidence_word(standard, confidence).map_err(Failure::from)?)
    }

    /// Sets (or clears, with ``None`` or ``""``) the review note of a rated standard: the note
    /// migration and consensus write when a rating needs another look.
    #[pyo3(signature = (standard, review))]
    fn set_review(&mut self, standard: &str, review: Option<&str>) -> PyResult<()> {
        Ok(self.inner.set_review(standard, review).map_err(Failure::from)?)
    }

    /// Clears the review note of a rated standard, once its rating has had another look.
    fn clear_review(&mut self, standard: &str) -> PyResult<()> {
        Ok(self.inner.set_review(standard, None).map_err(Failure::from)?)
    }

    /// Sets the target of a rated standard: the score the partnership aims for, and optionally
    /// the date (``"YYYY-MM-DD"`` or a ``datetime.date``) it should be reached ``by``;
    /// ``None`` clears it. Raises ``ValidationError`` (``target_off_scale``, ``not_rated``).
    ///
    /// >>> a.set_target(catalogue, "T1.2", 4, by="2025-09-30")  # doctest: +SKIP
    #[pyo3(signature = (catalogue, standard, target, *, by = None))]
    fn set_target(
        &mut self,
        catalogue: PyRef<'_, PyCatalogue>,
        standard: &str,
        target: Option<&Bound<'_, PyAny>>,
        by: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let at = |tail: &str| carepath::json_pointer(["ratings", standard, "target", tail]);
        let target = match target {
            None => None,
            Some(value) => {
                let rating = score_from_any(value, &at("rating"))?;
                let by = by.map(|d| date_from_any(d, &at("by"))).transpose()?;
                Some(Target { rating, by })
            }
        };
        Ok(self.inner.set_target(&catalogue.inner, standard, target).map_err(Failure::from)?)
    }

    /// Declares a local population group, besides the catalogue's. Raises ``ValidationError``
    /// (``duplicate_group``) when the catalogue or the assessment has a group of that id.
    ///
    /// >>> a.add_group(catalogue, "gypsy_roma_traveller", "Gypsy, Roma and Traveller women")  # doctest: +SKIP
    #[pyo3(signature = (catalogue, id, title, description = None))]
    fn add_group(
        &mut self,
        catalogue: PyRef<'_, PyCatalogue>,
        id: &str,
        title: &str,
        description: Option<&str>,
    ) -> PyResult<()> {
        let at = carepath::json_pointer(["groups", &self.inner.groups.len().to_string(), "id"]);
        let id: carepath::GroupId = id.parse().map_err(|e: carepath::IdError| schema(at, e.to_string()))?;
        let group = carepath::LocalGroup {
            id,
            title: title.to_owned(),
            description: description.filter(|d| !d.trim().is_empty()).map(str::to_owned),
        };
        Ok(self.inner.add_group(&catalogue.inner, group).map_err(Failure::from)?)
    }

    /// Rates a rated standard for a group the catalogue or the assessment declares (an int on
    /// the scale, ``"not_applicable"`` or ``"unknown"``), keeping the group rating's evidence;
    /// ``None`` removes it. Raises ``ValidationError`` (``not_rated``, ``unknown_group``,
    /// ``rating_off_scale``).
    ///
    /// >>> a.set_group_rating(catalogue, "T3.5", "interpreter", 1)  # doctest: +SKIP
    #[pyo3(signature = (catalogue, standard, group, rating))]
    fn set_group_rating(
        &mut self,
        catalogue: PyRef<'_, PyCatalogue>,
        standard: &str,
        group: &str,
        rating: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let rating = rating.map(|r| rating_from_any(r, standard)).transpose()?;
        Ok(self.inner.set_group_rating(&catalogue.inner, standard, group, rating).map_err(Failure::from)?)
    }

    /// Sets (or clears, with ``None`` or ``""``) the evidence of a group rating. Raises
    /// ``ValidationError`` (``not_rated``) when the standard has no rating for the group.
    #[pyo3(signature = (standard, group, evidence))]
    fn set_group_evidence(&mut self, standard: &str, group: &str, evidence: Option<&str>) -> PyResult<()> {
        Ok(self.inner.set_group_evidence(standard, group, evidence).map_err(Failure::from)?)
    }

    /// Sets (or clears, with ``None``) how strong the evidence of a rated standard is:
    /// ``"none"``, ``"self_reported"``, ``"documented"``, ``"audited"`` or ``"external"``.
    #[pyo3(signature = (standard, level))]
    fn set_evidence_level(&mut self, standard: &str, level: Option<&str>) -> PyResult<()> {
        Ok(self.inner.set_evidence_level_word(standard, level).map_err(Failure::from)?)
    }

    /// Sets (or clears, with ``None``) the date the evidence of a rated standard was gathered
    /// (``"YYYY-MM-DD"`` or a ``datetime.date``).
    #[pyo3(signature = (standard, date))]
    fn set_evidence_date(&mut self, standard: &str, date: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        let at = carepath::json_pointer(["ratings", standard, "evidence_date"]);
        let date = date.map(|d| date_from_any(d, &at)).transpose()?;
        Ok(self.inner.set_evidence_date(standard, date).map_err(Failure::from)?)
    }

    /// The assessment's local population groups (dicts ``id``, ``title``, ``description``).
    #[getter]
    fn groups<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.groups)
    }

    /// Adds an action at the end of the plan and returns its id (``id``, or else the next free
    /// ``A<n>``). ``standards`` are the ids it is meant to move; ``status`` is ``"planned"``
    /// (default), ``"in_progress"``, ``"done"`` or ``"dropped"``; ``due`` a date. Raises
    /// ``ValidationError`` (``duplicate_action``, ``unknown_standard``) or ``SchemaError`` (a
    /// bad id, status or date).
    ///
    /// >>> a.add_action(catalogue, "Write the equity plan", ["T1.11"], due="2025-09-30")  # doctest: +SKIP
    /// 'A1'
    #[pyo3(signature = (catalogue, title, standards = None, *, id = None, owner = None, due = None, status = "planned", notes = None))]
    #[allow(clippy::too_many_arguments)] // the fields of an action, as keywords
    fn add_action(
        &mut self,
        catalogue: PyRef<'_, PyCatalogue>,
        title: String,
        standards: Option<Vec<String>>,
        id: Option<&str>,
        owner: Option<String>,
        due: Option<&Bound<'_, PyAny>>,
        status: &str,
        notes: Option<String>,
    ) -> PyResult<String> {
        let at = self.inner.plan.len();
        let here = |field: &str| carepath::json_pointer(["plan", &at.to_string(), field]);
        let id = match id {
            Some(id) => ActionId::new(id).map_err(|e| schema(here("id"), e.to_string()))?,
            None => self.inner.next_action_id(),
        };
        let action = Action {
            id: id.clone(),
            title,
            standards: standard_ids(standards.unwrap_or_default(), at)?,
            owner,
            due: due.map(|d| date_from_any(d, &here("due"))).transpose()?,
            status: status.parse::<ActionStatus>().map_err(|e| schema(here("status"), e.to_string()))?,
            notes,
        };
        self.inner.add_action(&catalogue.inner, action).map_err(Failure::from)?;
        Ok(id.to_string())
    }

    /// Changes an action of the plan in place: any of ``title``, ``standards``, ``owner``,
    /// ``due``, ``status`` and ``notes`` as keywords (``None`` clears ``owner``, ``due`` and
    /// ``notes``). Raises ``ValidationError`` (``unknown_action``, ``unknown_standard``).
    ///
    /// >>> a.update_action(catalogue, "A1", status="done")  # doctest: +SKIP
    #[pyo3(signature = (catalogue, id, **changes))]
    fn update_action(
        &mut self,
        catalogue: PyRef<'_, PyCatalogue>,
        id: &str,
        changes: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let at = self.inner.action_index(id).map_err(Failure::from)?;
        let mut action = self.inner.plan[at].clone();
        let here = |field: &str| carepath::json_pointer(["plan", &at.to_string(), field]);
        for (key, value) in changes.into_iter().flat_map(|c| c.iter()) {
            let key: String = key.extract()?;
            let text =
                || -> PyResult<Option<String>> { Ok(if value.is_none() { None } else { Some(value.extract()?) }) };
            match key.as_str() {
                "title" => action.title = value.extract()?,
                "standards" => action.standards = standard_ids(value.extract()?, at)?,
                "owner" => action.owner = text()?,
                "notes" => action.notes = text()?,
                "due" => action.due = if value.is_none() { None } else { Some(date_from_any(&value, &here("due"))?) },
                "status" => {
                    let word: String = value.extract()?;
                    action.status = word.parse::<ActionStatus>().map_err(|e| schema(here("status"), e.to_string()))?;
                }
                other => {
                    return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                        "update_action() got an unexpected keyword argument {other:?}: expected title, standards, owner, due, status or notes"
                    )));
                }
            }
        }
        Ok(self.inner.update_action(&catalogue.inner, action).map_err(Failure::from)?)
    }

    /// Sets the status of an action: ``"planned"``, ``"in_progress"``, ``"done"`` or
    /// ``"dropped"``.
    fn set_action_status(&mut self, id: &str, status: &str) -> PyResult<()> {
        let at = self.inner.plan.iter().position(|a| a.id == *id).unwrap_or(self.inner.plan.len());
        let status = status
            .parse::<ActionStatus>()
            .map_err(|e| schema(carepath::json_pointer(["plan", &at.to_string(), "status"]), e.to_string()))?;
        Ok(self.inner.set_action_status(id, status).map_err(Failure::from)?)
    }

    /// Removes an action from the plan; returns it as a dict, or ``None`` when the plan has no
    /// such action.
    fn remove_action<'py>(&mut self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.remove_action(id).map(|a| to_py(py, &a)).transpose()
    }

    /// The improvement plan: one dict per action (``id``, ``title``, ``standards``, ``status``,
    /// and ``owner``, ``due``, ``notes`` when given), in order. A copy: edit with
    /// :meth:`add_action` and friends.
    #[getter]
    fn plan<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.plan)
    }

    /// The round this assessment was started from (:meth:`next_round`): ``{"catalogue",
    /// "assessed_on", "ratings": {id: {"rating", "target"}}}``, or ``None``.
    #[getter]
    fn previous<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.previous)
    }

    /// Actions migration archived because none of their standards is in this edition.
    #[getter]
    fn plan_archive<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.plan_archive)
    }

    /// The file-format version the assessment is written in (``"1.0.0"``, or ``"1.1.0"`` once
    /// it has targets or a plan).
    #[getter]
    fn schema_version(&self) -> String {
        let needed = self.inner.format_needed();
        self.inner.schema_version.clone().max(needed).to_string()
    }

    /// Starts the next round from this assessment: same area and participants, dated
    /// ``assessed_on``, no ratings, the open actions carried and this round's ratings and
    /// targets kept in :attr:`previous` (a standard takes its target back when it is rated).
    /// ``catalogue`` is the edition to rate it against (default: the latest bundled edition of
    /// this one's catalogue); this round is migrated into it first when needed.
    ///
    /// >>> nxt = a.next_round(assessed_on="2025-11-20")  # doctest: +SKIP
    #[pyo3(signature = (catalogue = None, *, assessed_on))]
    fn next_round(&self, catalogue: Option<PyRef<'_, PyCatalogue>>, assessed_on: &Bound<'_, PyAny>) -> PyResult<Self> {
        let on = date_from_any(assessed_on, "/assessed_on")?;
        let edition = match catalogue {
            Some(c) => (*c.inner).clone(),
            None => carepath::Catalogue::bundled(self.inner.catalogue.id.as_str(), None).map_err(Failure::from)?,
        };
        Ok(Self { inner: self.inner.next_round(&edition, on).map_err(Failure::from)? })
    }

    /// Removes a standard's entry (it becomes unrated); returns the entry as a dict, or
    /// ``None`` when it had none.
    fn unrate<'py>(&mut self, py: Python<'py>, standard: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.unrate(standard).map(|entry| to_py(py, &entry)).transpose()
    }

    /// The ratings, by standard id, in the order entered: a copy as plain dicts
    /// (``{"T1.1": {"rating": 3, "evidence": ...}}``); edit with :meth:`rate` and friends.
    #[getter]
    fn ratings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.ratings)
    }

    /// Ratings kept from earlier editions by migration (retired standards, the other halves of
    /// merges): a list of dicts, each the whole entry with the ``catalogue`` edition and
    /// ``standard`` it was made against and the ``reason``. Empty for most assessments.
    #[getter]
    fn archive<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.archive)
    }

    /// Carries this assessment into a newer edition of its catalogue; see
    /// :func:`carepath.migrate`. Returns ``(migrated, report)`` and leaves this one unchanged.
    ///
    /// >>> migrated, report = old.migrate(to="2.0.0")  # doctest: +SKIP
    #[pyo3(signature = (to = None, *, via = None))]
    fn migrate(
        &self,
        to: Option<&Bound<'_, PyAny>>,
        via: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<(PyAssessment, PyMigrationReport)> {
        run_migrate(self.inner.clone(), None, to, via)
    }

    /// The area as a dict: ``name``, and ``code`` and ``kind`` when given.
    #[getter]
    fn area<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.area)
    }

    /// The date of the assessment, ``"YYYY-MM-DD"``.
    #[getter]
    fn assessed_on(&self) -> String {
        self.inner.assessed_on.to_string()
    }

    /// The catalogue edition rated against: ``{"id": ..., "version": ...}``.
    #[getter]
    fn catalogue_ref<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.catalogue)
    }

    /// Who took part: a list of ``{"role", "organisation"}`` dicts.
    #[getter]
    fn participants<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.participants)
    }

    /// Free-text notes, or ``None``.
    #[getter]
    fn notes(&self) -> Option<&str> {
        self.inner.notes.as_deref()
    }

    fn __copy__(&self) -> Self {
        self.clone()
    }

    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.clone()
    }

    fn __repr__(&self) -> String {
        format!(
            "<Assessment {} {} against {}: {} ratings>",
            self.inner.area.name,
            self.inner.assessed_on,
            self.inner.catalogue,
            self.inner.ratings.len()
        )
    }
}

/// Where an assessment comes from: a file, JSON text, or one already read.
#[derive(Debug)]
pub(crate) enum Source {
    Path(PathBuf),
    Json(String),
    Parsed(Box<Assessment>),
}

impl Source {
    /// Tells the forms apart: an `Assessment`; a dict; `bytes` (the content of a file); a str
    /// starting with `{` or `[`, after any byte-order mark and white space (JSON text: an array is
    /// refused as such by the reader, rather than looked for as a file); any other str or
    /// `os.PathLike` (a path).
    pub(crate) fn from_any(value: &Bound<'_, PyAny>) -> Result<Self> {
        if let Ok(a) = value.cast::<PyAssessment>() {
            return Ok(Self::Parsed(Box::new(a.borrow().inner.clone())));
        }
        if let Ok(s) = value.cast::<PyString>() {
            let text = s.to_cow().map_err(|e| Failure::Type(e.to_string()))?;
            return Ok(if text.trim_start_matches('\u{feff}').trim_start().starts_with(['{', '[']) {
                Self::Json(text.into_owned())
            } else {
                Self::Path(PathBuf::from(text.into_owned()))
            });
        }
        if value.is_instance_of::<PyDict>() {
            return Ok(Self::Json(to_json_text(value)?));
        }
        if value.is_instance_of::<pyo3::types::PyBytes>() || value.is_instance_of::<pyo3::types::PyByteArray>() {
            return Ok(Self::Json(json_argument(value, "an assessment")?));
        }
        if let Ok(path) = value.extract::<PathBuf>() {
            return Ok(Self::Path(path));
        }
        Err(Failure::Type(format!("expected an Assessment, a dict, JSON text or a path, got {}", type_name(value))))
    }

    /// The file name, for a path.
    pub(crate) fn file(&self) -> Option<String> {
        match self {
            Self::Path(path) => Some(path.display().to_string()),
            _ => None,
        }
    }

    /// Reads the assessment (runs without the GIL); errors name the file. Also returns the
    /// file name, if any.
    pub(crate) fn into_assessment(self) -> Result<(Assessment, Option<String>)> {
        match self {
            Self::Parsed(a) => Ok((*a, None)),
            Self::Json(text) => Ok((Assessment::from_json(&text)?, None)),
            Self::Path(path) => {
                let name = path.display().to_string();
                let text = read_text(&path)?;
                let a = Assessment::from_json(&text).map_err(|e| Failure::from(e).in_file(name.as_str()))?;
                Ok((a, Some(name)))
            }
        }
    }
}

/// An assessment from any accepted form, with its file name if read from one.
pub(crate) fn assessment_from_any(value: &Bound<'_, PyAny>) -> Result<(Assessment, Option<String>)> {
    Source::from_any(value)?.into_assessment()
}

/// A rating from Python: an int, `"not_applicable"`, `"unknown"` (or a digit string). A value
/// that is no rating is the schema error a file would give, at `/ratings/<id>/rating`.
/// A schema error at `path`.
fn schema(path: String, message: String) -> Failure {
    carepath::Error::Schema { path, message }.into()
}

/// A score (an int that is no bool) for the field at `path`.
fn score_from_any(value: &Bound<'_, PyAny>, path: &str) -> Result<i32> {
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(Failure::Type(format!("{path}: a target is an int on the scale, got {}", type_name(value))));
    }
    value.extract::<i32>().map_err(|_| schema(path.to_owned(), format!("target `{value}` is not a score on any scale")))
}

/// A date (`"YYYY-MM-DD"` or a `datetime.date`) for the field at `path`.
pub(crate) fn date_from_any(value: &Bound<'_, PyAny>, path: &str) -> Result<Date> {
    let text = date_text(value)?;
    text.parse::<Date>().map_err(|e| schema(path.to_owned(), e.to_string()))
}

/// Standard ids of the action at `/plan/<at>`.
fn standard_ids(ids: Vec<String>, at: usize) -> Result<Vec<StandardId>> {
    ids.into_iter()
        .enumerate()
        .map(|(j, id)| {
            StandardId::new(&id).map_err(|e| {
                schema(carepath::json_pointer(["plan", &at.to_string(), "standards", &j.to_string()]), e.to_string())
            })
        })
        .collect()
}

fn rating_from_any(value: &Bound<'_, PyAny>, standard: &str) -> Result<Rating> {
    let off = |text: String| -> Failure {
        carepath::Error::Schema {
            path: carepath::json_pointer(["ratings", standard, "rating"]),
            message: carepath::RatingError(text).to_string(),
        }
        .into()
    };
    if value.is_instance_of::<PyBool>() {
        return Err(Failure::Type(
            "rating must be an int on the scale, \"not_applicable\" or \"unknown\", not bool".to_owned(),
        ));
    }
    if let Ok(i) = value.cast::<PyInt>() {
        return match i.extract::<i32>() {
            Ok(score) => Ok(Rating::Score(score)),
            Err(_) => Err(off(i.str().map_or_else(|_| "?".to_owned(), |s| s.to_string()))),
        };
    }
    if let Ok(s) = value.cast::<PyString>() {
        let text = s.to_cow().map_err(|e| Failure::Type(e.to_string()))?;
        return text.parse::<Rating>().map_err(|_| off(format!("\"{text}\"")));
    }
    Err(Failure::Type(format!(
        "rating must be an int on the scale, \"not_applicable\" or \"unknown\", not {}",
        type_name(value)
    )))
}

/// `"YYYY-MM-DD"` from a str, a `datetime.date` or a `datetime.datetime` (its date).
fn date_text(value: &Bound<'_, PyAny>) -> Result<String> {
    static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(s.to_cow().map_err(|e| Failure::Type(e.to_string()))?.into_owned());
    }
    let date_type = DATE.import(value.py(), "datetime", "date").map_err(|e| Failure::Type(e.to_string()))?;
    if value.is_instance(date_type).unwrap_or(false) {
        let text = value
            .call_method1("strftime", ("%Y-%m-%d",))
            .and_then(|t| t.extract::<String>())
            .map_err(|e| Failure::Type(e.to_string()))?;
        return Ok(text);
    }
    Err(Failure::Type(format!("assessed_on must be a \"YYYY-MM-DD\" str or a datetime.date, got {}", type_name(value))))
}

//! `carepath.migrate` and `carepath.MigrationReport`: carrying an assessment into a newer
//! edition of its catalogue.

use std::fmt::Write as _;
use std::sync::Arc;

use carepath::{Assessment, Catalogue, Fate, MigrationReport};
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::answer::answer_class;
use crate::assessment::{PyAssessment, assessment_from_any};
use crate::catalogue::PyCatalogue;
use crate::error::{Failure, Result, type_name};

answer_class! {
    /// What migration did to every rating: one step per pair of editions crossed, each listing the
    /// fate of every rating (``kept``, ``renamed``, ``split``, ``merged`` or ``archived``), the
    /// standards the new edition added, and what to review. Immutable.
    ///
    /// >>> migrated, report = carepath.migrate(carepath.Assessment.load("standards/examples/northbrook-2016.json"))  # doctest: +SKIP
    /// >>> report.to_review[:3]  # doctest: +SKIP
    #[pyclass(name = "MigrationReport")]
    pub(crate) struct PyMigrationReport {
        pub(crate) inner: MigrationReport,
    }

    fields {
        /// ``{"id", "version"}`` of the edition the assessment was rated against (the JSON's
        /// ``from``).
        #[getter(from_ref)]
        source_ref = from,
        /// ``{"id", "version"}`` of the edition it was carried into (the JSON's ``to``).
        #[getter(to_ref)]
        target_ref = to,
        /// One dict per pair of editions crossed, oldest first: ``from``, ``to``, ``fates`` (one
        /// per rating: ``standard``, ``rating``, ``fate``, ``to``, ``review``, ``note``) and
        /// ``added``. Empty when the assessment was already of a compatible edition.
        steps,
    }

    /// The migration report as a dict, exactly in the JSON shape
    /// (``standards/schemas/migration.schema.json``).
    fn to_dict;
    /// The migration report as pretty-printed JSON.
    fn to_json;
    /// A table as a ``pandas.DataFrame``: ``"fates"`` (default; one row per rating and step:
    /// ``step``, ``from_version``, ``to_version``, ``standard``, ``rating``, ``fate``, ``to``,
    /// ``review``, ``note``) or ``"added"`` (``step``, ``to_version``, ``standard``). Needs
    /// pandas.
    fn to_pandas(table = "fates") => migration_frame;


    #[pymethods]
    impl PyMigrationReport {
        /// A short HTML summary for notebooks: how many ratings met each fate, and what to
        /// review.
        fn _repr_html_(&self) -> String {
            carepath_report::migration_html_fragment(&self.inner)
        }

        /// Whether anything changed (``False`` when the assessment was already of a compatible
        /// edition).
        #[getter]
        fn changed(&self) -> bool {
            !self.inner.steps.is_empty()
        }

        /// The standards of the new edition whose carried rating is flagged for another look, in
        /// order, each once. Their entries say why in ``review``.
        #[getter]
        fn to_review(&self) -> Vec<String> {
            self.inner.to_review().into_iter().map(ToString::to_string).collect()
        }

        /// How many ratings went to the assessment's archive, over all steps.
        #[getter]
        fn archived(&self) -> usize {
            self.inner.archived()
        }

        /// The standards new in the target edition (over all steps); they start unrated.
        #[getter]
        fn added(&self) -> Vec<String> {
            self.inner.steps.iter().flat_map(|s| &s.added).map(ToString::to_string).collect()
        }

        fn __repr__(&self) -> String {
            let r = &self.inner;
            let mut out = format!("<MigrationReport {} -> {}", r.from, r.to.version);
            if r.steps.is_empty() {
                out.push_str(": nothing to do>");
                return out;
            }
            let steps = r.steps.len();
            let _ = write!(out, ": {steps} step{}", if steps == 1 { "" } else { "s" });
            let kinds = [Fate::Kept, Fate::Renamed, Fate::Split, Fate::Merged, Fate::Archived];
            let counts: Vec<String> = kinds
                .iter()
                .filter_map(|kind| {
                    let n = r.steps.iter().flat_map(|s| &s.fates).filter(|f| f.fate == *kind).count();
                    (n > 0).then(|| format!("{n} {}", fate_name(*kind)))
                })
                .collect();
            if !counts.is_empty() {
                let _ = write!(out, ", {}", counts.join(", "));
            }
            let _ = write!(out, ", {} to review>", r.to_review().len());
            out
        }
    }
}

fn fate_name(fate: Fate) -> &'static str {
    match fate {
        Fate::Kept => "kept",
        Fate::Renamed => "renamed",
        Fate::Split => "split",
        Fate::Merged => "merged",
        Fate::Archived => "archived",
    }
}

/// The target edition: a `Catalogue`, a bundled edition of the assessment's catalogue named
/// by version (`"2.0.0"`, `"2"`), or `None` for its latest bundled edition.
fn target(assessment: &Assessment, to: Option<&Bound<'_, PyAny>>) -> Result<Arc<Catalogue>> {
    let id = assessment.catalogue.id.as_str();
    match to {
        None => Ok(Arc::new(Catalogue::bundled(id, None)?)),
        Some(to) if to.is_none() => Ok(Arc::new(Catalogue::bundled(id, None)?)),
        Some(to) => {
            if let Ok(c) = to.cast::<PyCatalogue>() {
                Ok(Arc::clone(&c.get().inner))
            } else if let Ok(v) = to.cast::<PyString>() {
                let version = v.to_cow().map_err(|e| Failure::Type(e.to_string()))?;
                Ok(Arc::new(Catalogue::bundled(id, Some(&version))?))
            } else {
                Err(Failure::Type(format!(
                    "to must be a carepath.Catalogue, a version of a bundled edition (such as \"2.0.0\") or None, got {}",
                    type_name(to)
                )))
            }
        }
    }
}

/// The editions in between: `None` (the bundled ones) or an iterable of `Catalogue`s.
fn editions(via: Option<&Bound<'_, PyAny>>) -> Result<Option<Vec<Catalogue>>> {
    let Some(via) = via.filter(|v| !v.is_none()) else { return Ok(None) };
    if via.is_instance_of::<PyCatalogue>() || via.is_instance_of::<PyString>() {
        return Err(Failure::Type(format!(
            "via must be an iterable of carepath.Catalogue (the editions in between), got a single {}: wrap it in a list",
            type_name(via)
        )));
    }
    let iter = via.try_iter().map_err(|_| Failure::Type(format!("via must be an iterable, got {}", type_name(via))))?;
    let mut out = Vec::new();
    for (i, item) in iter.enumerate() {
        let item = item.map_err(|e| Failure::Type(format!("via[{i}]: {e}")))?;
        let c = item
            .cast::<PyCatalogue>()
            .map_err(|_| Failure::Type(format!("via[{i}]: expected a carepath.Catalogue, got {}", type_name(&item))))?;
        out.push(Catalogue::clone(&c.get().inner));
    }
    Ok(Some(out))
}

/// Migrates an assessment; errors name its file.
pub(crate) fn run_migrate(
    assessment: Assessment,
    file: Option<&str>,
    to: Option<&Bound<'_, PyAny>>,
    via: Option<&Bound<'_, PyAny>>,
) -> PyResult<(PyAssessment, PyMigrationReport)> {
    let located = |f: Failure| f.in_file(file);
    let target = target(&assessment, to).map_err(located)?;
    let via = editions(via)?;
    let outcome = match &via {
        None => carepath::migrate(&assessment, &target),
        Some(via) => carepath::migrate_via(&assessment, &target, via),
    };
    let (migrated, report) = outcome.map_err(|e| located(Failure::from(e)))?;
    Ok((PyAssessment { inner: migrated }, PyMigrationReport { inner: report }))
}

/// Carries an assessment into a newer edition of its catalogue, following the changes each
/// edition lists, so that no rating is re-entered and none is lost. Returns the migrated
/// :class:`Assessment` and a :class:`MigrationReport`.
///
/// ``assessment`` is an :class:`Assessment`, a dict, JSON text or a path. ``to`` is the target
/// edition: a :class:`Catalogue`, the version of a bundled edition of the assessment's
/// catalogue (``"2.0.0"``, ``"2"``), or ``None`` for its latest bundled edition. ``via`` gives
/// the editions in between (a list of :class:`Catalogue`); ``None`` uses the bundled ones.
///
/// Kept standards carry their rating (flagged for review when what "met" means changed), a
/// split standard's rating is copied to each part, a merge carries the lowest rating, and
/// retired or unmentioned ratings go to the assessment's ``archive`` whole, with the reason.
/// An assessment already of a compatible edition comes back unchanged (nothing to do).
///
/// Raises ``IncompatibleError`` (``mixed_catalogues``, ``migration_backwards``,
/// ``no_migration_path``), ``NotFoundError`` for a version that is not bundled, and
/// ``ValidationError`` when the migrated ratings do not check against the target.
///
/// >>> old = carepath.Assessment.load("standards/examples/northbrook-2016.json")  # doctest: +SKIP
/// >>> new, report = carepath.migrate(old, to="2.0.0")  # doctest: +SKIP
/// >>> new.catalogue_ref["version"], report.archived  # doctest: +SKIP
/// ('2.0.0', 1)
#[pyfunction]
#[pyo3(signature = (assessment, to = None, *, via = None))]
pub(crate) fn migrate(
    assessment: &Bound<'_, PyAny>,
    to: Option<&Bound<'_, PyAny>>,
    via: Option<&Bound<'_, PyAny>>,
) -> PyResult<(PyAssessment, PyMigrationReport)> {
    let (assessment, file) = assessment_from_any(assessment)?;
    run_migrate(assessment, file.as_deref(), to, via)
}

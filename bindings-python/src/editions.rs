//! Tools for the people who write editions: `carepath.diff_catalogues(old, new)` drafts the
//! `changes` of a new edition, `carepath.lint_catalogue(catalogue)` flags what makes a standard
//! hard to rate or cite (the core's `carepath::diff` and `carepath::lint`).

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::catalogue::PyCatalogue;
use crate::convert::to_py;
use crate::error::Failure;

/// What changed from edition ``old`` to edition ``new`` of a catalogue, standard by standard:
/// a dict with ``from`` and ``to`` (``{"id", "version"}``), ``same`` (ids kept with the same
/// title, description and priority), ``changed`` (``{"id", "fields", "priority"}`` for ids
/// kept with changed text: review them), ``added``, ``removed``, ``changes`` (the drafted
/// change set, ready to paste into ``new``'s ``changes``) and ``summary`` (readable text).
///
/// >>> d = carepath.diff_catalogues(carepath.Catalogue.bundled(version="2"), carepath.Catalogue.bundled(version="3"))
/// >>> "T3.11" in d["added"]
/// True
#[pyfunction]
pub(crate) fn diff_catalogues<'py>(
    py: Python<'py>,
    old: PyRef<'_, PyCatalogue>,
    new: PyRef<'_, PyCatalogue>,
) -> PyResult<Bound<'py, PyAny>> {
    let d = old.inner.diff(&new.inner);
    let out = to_py(py, &d)?;
    let dict = out.cast::<PyDict>()?;
    dict.set_item("changes", to_py(py, &d.to_changes())?)?;
    dict.set_item("summary", d.summary())?;
    Ok(out)
}

/// Lint findings for an edition, each a dict ``{"code", "path", "standard", "message"}``
/// (``standard`` only where the finding is about one). Codes: ``vague_time``, ``compound``,
/// ``no_reference``, ``no_tag``, ``priority_without_review``, ``text_without_review``,
/// ``source_never_cited``, ``source_after_edition``. The changes are checked against
/// ``earlier`` (a list of catalogues) and the bundled editions they lead from.
///
/// >>> [f["code"] for f in carepath.lint_catalogue(carepath.Catalogue.bundled(version="2"))][:1]
/// ['vague_time']
#[pyfunction]
#[pyo3(signature = (catalogue, earlier = None))]
pub(crate) fn lint_catalogue<'py>(
    py: Python<'py>,
    catalogue: PyRef<'_, PyCatalogue>,
    earlier: Option<Vec<PyRef<'_, PyCatalogue>>>,
) -> PyResult<Bound<'py, PyAny>> {
    let c = &catalogue.inner;
    let mut editions: Vec<carepath::Catalogue> =
        earlier.unwrap_or_default().iter().map(|e| (*e.inner).clone()).collect();
    for r in carepath::bundled_catalogues() {
        if r.id == c.id && r.version < c.version && !editions.iter().any(|e| e.id == r.id && e.version == r.version) {
            editions.push(
                carepath::Catalogue::bundled(r.id.as_str(), Some(&r.version.to_string())).map_err(Failure::from)?,
            );
        }
    }
    to_py(py, &c.lint_with(&editions))
}

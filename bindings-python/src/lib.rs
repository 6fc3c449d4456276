//! The native module `carepath._carepath`, a thin shell over the `carepath` crate. The pure
//! Python package `carepath` (in `python/carepath/`) re-exports it and adds pandas tables,
//! notebook display and conveniences. Every rule (reading, checking, scoring) lives in the
//! core crate; this crate only converts values and errors.
//!
//! Layout: one module per core type (`catalogue.rs`, `assessment.rs`, `report.rs`), one per
//! operation with its answer (`migration.rs`, `comparison.rs`, `benchmark.rs`,
//! `consensus.rs`), the shape their answer classes and `Report` share in `answer.rs` (the
//! `answer_class!` macro), batch scoring and reading sets in `batch.rs`, value conversion in
//! `convert.rs`, and the one mapping from core errors to Python exceptions in `error.rs`.
//!
//! Adding a core function takes a few lines: a `#[pyfunction]` that takes the binding's wrappers (`PyRef<PyCatalogue>`,
//! `PyRef<PyAssessment>`, `PyRef<PyReport>`; `.inner` is the core value), calls the core with
//! `.map_err(Failure::from)?` (errors then raise the right class), returns its answer with
//! `convert::to_py` (plain dicts in the design's JSON shape) or a wrapper, and one
//! `m.add_function(...)` line below; then a line in `carepath/__init__.py`, a stub in
//! `carepath/_carepath.pyi` and a test.

mod answer;
mod assessment;
mod batch;
mod benchmark;
mod catalogue;
mod comparison;
mod consensus;
mod convert;
mod editions;
mod error;
mod fhir;
mod migration;
mod report;
mod workbook;

use pyo3::prelude::*;

use crate::convert::to_py;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The bundled catalogue editions: a list of ``{"id": ..., "version": ...}``, oldest first
/// within each catalogue.
#[pyfunction]
fn bundled_catalogues(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &carepath::bundled_catalogues())
}

/// The JSON Schema of a file kind or answer, as a dict: ``"catalogue"``, ``"assessment"``,
/// ``"report"``, ``"migration"``, ``"comparison"``, ``"benchmark"`` or ``"consensus"`` (the
/// files of ``standards/schemas/``).
#[pyfunction]
fn json_schema<'py>(py: Python<'py>, kind: &str) -> PyResult<Bound<'py, PyAny>> {
    let kind: carepath::SchemaKind = kind.parse().map_err(pyo3::exceptions::PyValueError::new_err)?;
    py.import("json")?.call_method1("loads", (kind.to_json(),))
}

#[pymodule]
fn _carepath(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_CATALOGUE", carepath::DEFAULT_CATALOGUE)?;
    m.add("SCORE_MANY_COLUMNS", batch::COLUMNS.to_vec())?;
    m.add("DEFAULT_MIN_GROUP", carepath::DEFAULT_MIN_GROUP)?;
    m.add("DEFAULT_DISAGREEMENT", carepath::DEFAULT_DISAGREEMENT)?;
    m.add("ERROR_CLASSES", error::class_names())?;
    m.add_class::<catalogue::PyCatalogue>()?;
    m.add_class::<assessment::PyAssessment>()?;
    m.add_class::<report::PyReport>()?;
    m.add_class::<migration::PyMigrationReport>()?;
    m.add_class::<comparison::PyComparison>()?;
    m.add_class::<benchmark::PyBenchmark>()?;
    m.add_class::<consensus::PyConsensus>()?;
    m.add_function(wrap_pyfunction!(bundled_catalogues, m)?)?;
    m.add_function(wrap_pyfunction!(json_schema, m)?)?;
    m.add_function(wrap_pyfunction!(batch::score_many_columns, m)?)?;
    m.add_function(wrap_pyfunction!(batch::score_many_rows, m)?)?;
    m.add_function(wrap_pyfunction!(batch::score_many_steps, m)?)?;
    m.add_function(wrap_pyfunction!(migration::migrate, m)?)?;
    m.add_function(wrap_pyfunction!(comparison::compare, m)?)?;
    m.add_function(wrap_pyfunction!(benchmark::benchmark, m)?)?;
    m.add_function(wrap_pyfunction!(consensus::consensus, m)?)?;
    m.add_function(wrap_pyfunction!(fhir::from_fhir, m)?)?;
    m.add_function(wrap_pyfunction!(workbook::write_workbook, m)?)?;
    m.add_function(wrap_pyfunction!(workbook::read_workbook, m)?)?;
    m.add_function(wrap_pyfunction!(editions::diff_catalogues, m)?)?;
    m.add_function(wrap_pyfunction!(editions::lint_catalogue, m)?)?;
    Ok(())
}

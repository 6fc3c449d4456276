//! `carepath.benchmark` and `carepath.Benchmark`: the spread of scores across areas.

use std::sync::Arc;

use carepath::{Benchmark, Catalogue};
use pyo3::prelude::*;

use carepath_report::Document;

use crate::answer::answer_class;
use crate::batch::{locate_in_set, read_set};
use crate::error::int_argument;

// The signature below spells the default out, so that `help()` shows it.
const _: () = assert!(carepath::DEFAULT_MIN_GROUP == 5);

answer_class! {
    /// The spread of scores across a set of areas (one assessment each, one edition), per theme,
    /// cross-cutting theme, standard and overall (``count``, ``min``, ``q1``, ``median``, ``q3``,
    /// ``max``), and where each area stands (its score, light and quarter: 1 lowest to 4
    /// highest). Areas are listed by name, never ranked. Where fewer than ``min_group`` areas
    /// scored an item, its figures and quarters are withheld (``withheld: True``). Immutable.
    ///
    /// >>> b = carepath.benchmark(sorted(Path("standards/examples").glob("*-2024.json")))  # doctest: +SKIP
    /// >>> b.themes[0]["distribution"]["median"]  # doctest: +SKIP
    #[pyclass(name = "Benchmark")]
    pub(crate) struct PyBenchmark {
        pub(crate) inner: Benchmark,
        catalogue: Arc<Catalogue>,
    }

    /// The edition every assessment was scored with, for titles and priorities.
    fn catalogue;

    fields {
        /// ``{"id", "version"}`` of the edition.
        catalogue_ref = catalogue,
        /// How many areas (assessments) are in the set.
        areas,
        /// The smallest group whose figures are shown.
        min_group,
        /// The spread of overall scores: ``{"count", "withheld", "min", "q1", "median", "q3",
        /// "max"}`` (the figures ``None`` when withheld).
        overall,
        /// One dict per theme, in catalogue order: ``id``, ``title``, ``distribution``.
        themes,
        /// One dict per cross-cutting theme, as :attr:`themes`.
        cross_cutting,
        /// One dict per standard, in catalogue order: ``id``, ``theme``, ``distribution``.
        standards,
        /// One dict per area, by name: ``area``, ``assessed_on``, ``overall`` (``{"score",
        /// "light", "quarter"}``) and ``themes`` (``id``, ``score``, ``light``, ``quarter``).
        positions,
    }

    /// The benchmark as a dict, exactly in the JSON shape
    /// (``standards/schemas/benchmark.schema.json``).
    fn to_dict;
    /// The benchmark as pretty-printed JSON.
    fn to_json;
    /// One table as a ``pandas.DataFrame``. ``"themes"`` (default), ``"cross_cutting"`` and
    /// ``"standards"``: the distribution of each (``id``, ``title``, [``theme``,
    /// ``priority``,] ``count``, ``withheld``, ``min``, ``q1``, ``median``, ``q3``, ``max``).
    /// ``"positions"``: one row per area and theme (``area``, ``area_code``, ``area_kind``,
    /// ``assessed_on``, ``theme``, ``title``, ``score``, ``light``, ``quarter``, and the area's
    /// ``overall_score``, ``overall_light`` and ``overall_quarter`` on each of its rows). Needs
    /// pandas.
    fn to_pandas(table = "themes") => benchmark_frame;
    documents document;

    #[pymethods]
    impl PyBenchmark {
        fn __repr__(&self) -> String {
            let b = &self.inner;
            let median = b.overall.median.map_or_else(|| "withheld".to_owned(), |m| format!("{m:.1}"));
            let withheld = b.themes.iter().filter(|t| t.distribution.withheld).count();
            format!(
                "<Benchmark of {} areas against {}: overall median {median}, {withheld} of {} themes withheld (min_group {})>",
                b.areas,
                b.catalogue,
                b.themes.len(),
                b.min_group
            )
        }
    }
}

/// Describes the spread of scores across a set of areas, and where each area stands, without
/// ranking them. Returns a :class:`Benchmark`.
///
/// ``items`` are the areas' assessments (one per area, all of one edition): paths, dicts, JSON
/// texts or :class:`Assessment` objects, as for :func:`score_many`. ``catalogue`` is the
/// edition; ``None`` means the bundled edition for the one the first assessment names (see
/// :meth:`Catalogue.bundled_for`). Items scored by fewer than ``min_group`` areas (default 5)
/// have their figures withheld.
///
/// Raises ``TooFewError`` for no items (``no_assessments``), ``IncompatibleError`` for
/// assessments of another edition (``mixed_editions``: migrate them first) or one area twice
/// (``repeated_area``), and ``ValidationError`` when an assessment does not check (each
/// problem's path starts with the item's index, such as ``/3/ratings/T1.1``; when only one
/// item fails, the error names ``items[i]`` and its file).
///
/// >>> b = carepath.benchmark(sorted(Path("standards/examples").glob("*-2024.json")), min_group=5)  # doctest: +SKIP
/// >>> [p["area"]["name"] for p in b.positions][:2]  # doctest: +SKIP
#[pyfunction]
#[pyo3(signature = (items, catalogue = None, *, min_group = None))]
pub(crate) fn benchmark(
    py: Python<'_>,
    items: &Bound<'_, PyAny>,
    catalogue: Option<&Bound<'_, PyAny>>,
    min_group: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyBenchmark> {
    // The JavaScript package's bounds: a count that fits 32 bits.
    // `None` is the core's default; the bounds are the JavaScript package's (a 32-bit count).
    let min_group = match min_group {
        Some(n) => usize::try_from(int_argument(n, "min_group", 0, i64::from(u32::MAX))?).unwrap_or(usize::MAX),
        None => carepath::DEFAULT_MIN_GROUP,
    };
    let set = read_set(py, items, catalogue)?;
    let inner = py
        .detach(|| carepath::benchmark(&set.assessments, &set.catalogue, min_group))
        .map_err(|e| locate_in_set(e, &set.files))?;
    Ok(PyBenchmark { inner, catalogue: set.catalogue })
}

impl PyBenchmark {
    fn document(&self) -> Document<'_> {
        Document::benchmark(&self.catalogue, &self.inner)
    }
}

//! Scoring many assessments at once: read, parse, check and score run in Rust without the GIL,
//! then the results come back as columns (one row per assessment and theme).

use std::collections::HashMap;
use std::sync::Arc;

use carepath::{Area, Assessment, Catalogue, CatalogueRef, Date, Overall, Report, ThemeScore};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyFloat, PyList, PyString};

use crate::assessment::{PyAssessment, Source};
use crate::catalogue::optional_catalogue;
use crate::error::{Failure, Result, int_argument, type_name};

/// The columns of [`score_many_columns`], in order. The overall score of each assessment is
/// repeated on each of its theme rows (`overall_score`, `overall_light`).
pub(crate) const COLUMNS: [&str; 22] = [
    "item",
    "source",
    "area",
    "area_code",
    "area_kind",
    "assessed_on",
    "catalogue_id",
    "catalogue_version",
    "theme",
    "title",
    "score",
    "light",
    "rated",
    "not_applicable",
    "unknown",
    "unrated",
    "total",
    "completeness",
    "target_score",
    "overall_score",
    "overall_light",
    "overall_target_score",
];

/// Scores every item and returns a dict of equal-length lists, one per column of
/// [`COLUMNS`]. The catalogue is the one given, or else the bundled edition for the one each
/// assessment names (`Catalogue::bundled_for`: that edition, or the latest compatible one). The first failing item (in input order) raises, naming its index, its file and how
/// many others failed.
///
/// `threads` is how many threads score (`None`: one per CPU; small batches use one).
#[pyfunction]
#[pyo3(signature = (items, catalogue = None, *, threads = None))]
pub(crate) fn score_many_columns<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
    catalogue: Option<&Bound<'py, PyAny>>,
    threads: Option<&Bound<'_, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let (rows, labels) = score_items(py, items, catalogue, threads)?;
    let count: usize = rows.iter().map(|r| r.themes.len()).sum();
    let mut cols: Vec<Vec<Bound<'py, PyAny>>> = COLUMNS.iter().map(|_| Vec::with_capacity(count)).collect();
    emit(py, &rows, &labels, |row| {
        for (col, value) in cols.iter_mut().zip(row) {
            col.push(value);
        }
        Ok(())
    })?;
    let out = PyDict::new(py);
    for (name, col) in COLUMNS.iter().zip(cols) {
        out.set_item(name, PyList::new(py, col)?)?;
    }
    for (name, col) in group_columns(py, &rows) {
        out.set_item(name, PyList::new(py, col)?)?;
    }
    Ok(out)
}

/// One column per population group any assessment declares (`group:<id>`, in the order first
/// met: the catalogue's groups, then local ones): on each theme row the group's score in that
/// theme, `None` where the group has none or its assessment does not declare it.
fn group_columns<'py>(py: Python<'py>, rows: &[Row]) -> Vec<(String, Vec<Bound<'py, PyAny>>)> {
    let mut ids: Vec<&carepath::GroupId> = Vec::new();
    for row in rows {
        for g in &row.overall.groups {
            if !ids.contains(&&g.id) {
                ids.push(&g.id);
            }
        }
    }
    ids.into_iter()
        .map(|id| {
            let values = rows
                .iter()
                .flat_map(|row| &row.themes)
                .map(|theme| match theme.groups.iter().find(|g| g.id == *id).and_then(|g| g.score) {
                    Some(score) => PyFloat::new(py, score).into_any(),
                    None => py.None().into_bound(py),
                })
                .collect();
            (format!("group:{id}"), values)
        })
        .collect()
}

/// As [`score_many_columns`], as a list of dicts (one per row, keys in [`COLUMNS`] order).
#[pyfunction]
#[pyo3(signature = (items, catalogue = None, *, threads = None))]
pub(crate) fn score_many_rows<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
    catalogue: Option<&Bound<'py, PyAny>>,
    threads: Option<&Bound<'_, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let (rows, labels) = score_items(py, items, catalogue, threads)?;
    let keys: Vec<Bound<'py, PyString>> = COLUMNS.iter().map(|k| PyString::intern(py, k)).collect();
    let mut out = Vec::with_capacity(rows.iter().map(|r| r.themes.len()).sum());
    emit(py, &rows, &labels, |row| {
        let dict = PyDict::new(py);
        for (key, value) in keys.iter().zip(row) {
            dict.set_item(key, value)?;
        }
        out.push(dict);
        Ok(())
    })?;
    for (name, values) in group_columns(py, &rows) {
        for (dict, value) in out.iter().zip(values) {
            dict.set_item(&name, value)?;
        }
    }
    PyList::new(py, out)
}

/// Reads the items, then reads, checks and scores them without the GIL; raises for the first
/// failing item. Returns the rows and each item's file name.
fn score_items(
    py: Python<'_>,
    items: &Bound<'_, PyAny>,
    catalogue: Option<&Bound<'_, PyAny>>,
    threads: Option<&Bound<'_, PyAny>>,
) -> PyResult<(Vec<Row>, Vec<Option<String>>)> {
    // At least one thread; at most as many as a batch could ever use.
    let threads = match threads {
        Some(t) => Some(usize::try_from(int_argument(t, "threads", 1, 1024)?).unwrap_or(1)),
        None => None,
    };
    let catalogue = optional_catalogue(catalogue)?;
    let sources = sources(items)?;
    let labels: Vec<Option<String>> = sources.iter().map(Source::file).collect();
    let outcomes = py.detach(move || score_parallel(sources, catalogue.as_deref(), threads));

    let failed: Vec<usize> = outcomes.iter().enumerate().filter(|(_, o)| o.is_err()).map(|(i, _)| i).collect();
    if let Some(&first) = failed.first() {
        let mut place = format!("items[{first}]");
        if failed.len() > 1 {
            let shown: Vec<String> = failed.iter().take(10).map(|i| format!("items[{i}]")).collect();
            let more = if failed.len() > 10 { ", ..." } else { "" };
            place = format!("{place} (first of {} failing items: {}{more})", failed.len(), shown.join(", "));
        }
        let failure = outcomes.into_iter().nth(first).and_then(Result::err);
        return Err(failure.map_or_else(|| Failure::Type("no failure".into()), |f| f.at(place)).into());
    }
    Ok((outcomes.into_iter().filter_map(Result::ok).collect(), labels))
}

/// Reads the items into sources under the GIL (dicts become JSON text, Assessments are
/// copied); a value of the wrong type is a `TypeError` naming its index.
pub(crate) fn sources(items: &Bound<'_, PyAny>) -> Result<Vec<Source>> {
    let single = items.is_instance_of::<PyString>()
        || items.is_instance_of::<PyBytes>()
        || items.is_instance_of::<PyDict>()
        || items.is_instance_of::<PyAssessment>()
        || items.hasattr("__fspath__").unwrap_or(false);
    if single {
        return Err(Failure::Type(format!(
            "items must be an iterable of assessments (paths, JSON text, dicts or Assessments), got a single {}: wrap it in a list",
            type_name(items)
        )));
    }
    let iter =
        items.try_iter().map_err(|_| Failure::Type(format!("items must be an iterable, got {}", type_name(items))))?;
    let mut out = Vec::with_capacity(items.len().unwrap_or(0));
    for (i, item) in iter.enumerate() {
        let item = item.map_err(|e| Failure::Type(format!("items[{i}]: {e}")))?;
        out.push(Source::from_any(&item).map_err(|e| e.at(format!("items[{i}]")))?);
    }
    Ok(out)
}

/// A set of assessments (for `benchmark` and `consensus`) and the edition to take them in.
#[derive(Debug)]
pub(crate) struct AssessmentSet {
    pub(crate) assessments: Vec<Assessment>,
    /// Each item's file name, when it was read from a file.
    pub(crate) files: Vec<Option<String>>,
    /// The `catalogue` given, or else [`set_edition`].
    pub(crate) catalogue: Arc<Catalogue>,
}

/// Reads every item of a set without the GIL; the first failing item raises, naming
/// `items[i]` and its file. `catalogue` is a `Catalogue` or `None` (see [`set_edition`]).
pub(crate) fn read_set(
    py: Python<'_>,
    items: &Bound<'_, PyAny>,
    catalogue: Option<&Bound<'_, PyAny>>,
) -> Result<AssessmentSet> {
    let catalogue = optional_catalogue(catalogue)?;
    let sources = sources(items)?;
    let files: Vec<Option<String>> = sources.iter().map(Source::file).collect();
    let assessments = py.detach(move || {
        sources
            .into_iter()
            .enumerate()
            .map(|(i, source)| source.into_assessment().map(|(a, _)| a).map_err(|e| e.at(format!("items[{i}]"))))
            .collect::<Result<Vec<Assessment>>>()
    })?;
    let catalogue = match catalogue {
        Some(c) => c,
        None => Arc::new(set_edition(&assessments, &files)?),
    };
    Ok(AssessmentSet { assessments, files, catalogue })
}

/// The edition of a set given no catalogue: the bundled edition for the first assessment's
/// (an empty set gets the default catalogue's latest edition, and the core then says the set
/// is empty).
fn set_edition(assessments: &[carepath::Assessment], files: &[Option<String>]) -> Result<Catalogue, Failure> {
    match assessments.first() {
        Some(first) => Catalogue::bundled_for(&first.catalogue)
            .map_err(|e| Failure::from(e).in_file(files.first().and_then(Option::as_deref)).at("items[0]".to_owned())),
        None => Ok(Catalogue::bundled(carepath::DEFAULT_CATALOGUE, None)?),
    }
}

/// A core error about a set of assessments, located: when every problem of an `invalid` error
/// is about one item (the core prefixes each problem's path with the item's index, as in
/// `/3/ratings/T1.1`), the error names `items[i]` and its file.
pub(crate) fn locate_in_set(error: carepath::Error, files: &[Option<String>]) -> Failure {
    let items: std::collections::BTreeSet<usize> = if error.code() == "invalid" {
        error.problems().iter().filter_map(|p| p.path.strip_prefix('/')?.split('/').next()?.parse().ok()).collect()
    } else {
        std::collections::BTreeSet::new()
    };
    let failure = Failure::from(error);
    match (items.len(), items.first()) {
        (1, Some(&i)) => failure.in_file(files.get(i).and_then(Option::as_deref)).at(format!("items[{i}]")),
        (0, _) => failure,
        _ => failure.at(items.iter().map(|i| format!("items[{i}]")).collect::<Vec<_>>().join(", ")),
    }
}

/// Below this many items per thread, one thread does it all.
const MIN_PER_THREAD: usize = 256;

/// Splits the sources into contiguous chunks scored on scoped threads; results keep the input
/// order. Runs without the GIL.
fn score_parallel(sources: Vec<Source>, catalogue: Option<&Catalogue>, threads: Option<usize>) -> Vec<Result<Row>> {
    let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let threads = threads.unwrap_or(cpus).min(sources.len() / MIN_PER_THREAD).max(1);
    if threads == 1 {
        return score_all(sources, catalogue);
    }
    let chunk = sources.len().div_ceil(threads);
    let mut chunks: Vec<Vec<Source>> = Vec::with_capacity(threads);
    let mut rest = sources.into_iter();
    loop {
        let part: Vec<Source> = rest.by_ref().take(chunk).collect();
        if part.is_empty() {
            break;
        }
        chunks.push(part);
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks.into_iter().map(|part| scope.spawn(move || score_all(part, catalogue))).collect();
        let mut out = Vec::new();
        for handle in handles {
            match handle.join() {
                Ok(results) => out.extend(results),
                // Scoring never panics on any input; should a thread die, the panic goes on.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

/// Reads, checks and scores every source; runs without the GIL. Without a catalogue, each is
/// scored with `Catalogue::bundled_for` its edition (the rule every surface follows), read once
/// per edition.
fn score_all(sources: Vec<Source>, catalogue: Option<&Catalogue>) -> Vec<Result<Row>> {
    let mut bundled: HashMap<CatalogueRef, std::result::Result<Arc<Catalogue>, carepath::Error>> = HashMap::new();
    sources
        .into_iter()
        .map(|source| {
            let (assessment, file) = source.into_assessment()?;
            let located = |e: carepath::Error| Failure::from(e).in_file(file.as_deref());
            let owned;
            let catalogue = match catalogue {
                Some(c) => c,
                None => {
                    let wanted = &assessment.catalogue;
                    let entry =
                        bundled.entry(wanted.clone()).or_insert_with(|| Catalogue::bundled_for(wanted).map(Arc::new));
                    owned = entry.clone().map_err(located)?;
                    &*owned
                }
            };
            catalogue.score(&assessment).map(Row::from).map_err(located)
        })
        .collect()
}

/// The parts of a report the table shows. Keeping only these (and dropping the rest of each
/// report at once) keeps a large batch's memory small.
#[derive(Debug)]
struct Row {
    catalogue: CatalogueRef,
    area: Area,
    assessed_on: Date,
    overall: Overall,
    themes: Vec<ThemeScore>,
}

impl From<Report> for Row {
    fn from(report: Report) -> Self {
        let Report { catalogue, area, assessed_on, overall, themes, .. } = report;
        Self { catalogue, area, assessed_on, overall, themes }
    }
}

/// Hands each row (one per report and theme, values in [`COLUMNS`] order) to `sink`.
/// Repeated text (areas, theme ids and titles, lights) is shared rather than copied into a new
/// Python str per row.
fn emit<'py>(
    py: Python<'py>,
    reports: &[Row],
    labels: &[Option<String>],
    mut sink: impl FnMut([Bound<'py, PyAny>; COLUMNS.len()]) -> PyResult<()>,
) -> PyResult<()> {
    let mut strings = Strings { py, map: HashMap::new() };
    let none = py.None().into_bound(py);
    let float = |x: Option<f64>| match x {
        Some(x) => PyFloat::new(py, x).into_any(),
        None => none.clone(),
    };
    let int = |n: usize| -> PyResult<Bound<'py, PyAny>> { Ok(n.into_pyobject(py)?.into_any()) };

    for (index, (report, label)) in reports.iter().zip(labels).enumerate() {
        let item = int(index)?;
        let source = strings.opt(label.as_deref());
        let area = strings.get(&report.area.name);
        let code = strings.opt(report.area.code.as_deref());
        let kind = strings.opt(report.area.kind.as_deref());
        let date = strings.get(&report.assessed_on.to_string());
        let cat_id = strings.get(report.catalogue.id.as_str());
        let cat_version = strings.get(&report.catalogue.version.to_string());
        let overall_score = float(report.overall.score);
        let overall_light = strings.opt(report.overall.light.as_ref().map(|l| l.as_str()));
        let overall_target = float(report.overall.target_score);
        for theme in &report.themes {
            let row = [
                item.clone(),
                source.clone(),
                area.clone(),
                code.clone(),
                kind.clone(),
                date.clone(),
                cat_id.clone(),
                cat_version.clone(),
                strings.get(theme.id.as_str()),
                strings.get(&theme.title),
                float(theme.score),
                strings.opt(theme.light.as_ref().map(|l| l.as_str())),
                int(theme.rated)?,
                int(theme.not_applicable)?,
                int(theme.unknown)?,
                int(theme.unrated)?,
                int(theme.total)?,
                float(Some(theme.completeness)),
                float(theme.target_score),
                overall_score.clone(),
                overall_light.clone(),
                overall_target.clone(),
            ];
            sink(row)?;
        }
    }
    Ok(())
}

/// Python strs shared by value: a text seen before gives the same object again.
struct Strings<'py> {
    py: Python<'py>,
    map: HashMap<String, Bound<'py, PyAny>>,
}

impl<'py> Strings<'py> {
    fn get(&mut self, s: &str) -> Bound<'py, PyAny> {
        if let Some(v) = self.map.get(s) {
            return v.clone();
        }
        let v = PyString::new(self.py, s).into_any();
        self.map.insert(s.to_owned(), v.clone());
        v
    }

    fn opt(&mut self, s: Option<&str>) -> Bound<'py, PyAny> {
        match s {
            Some(s) => self.get(s),
            None => self.py.None().into_bound(self.py),
        }
    }
}

//! Scoring many assessments at once: read, parse, check and score run in Rust without the GIL,
//! then the results come back as columns (one row per assessment and theme).

use std::collections::HashMap;
use std::sync::Arc;

use carepath::{Area, Assessment, Catalogue, CatalogueRef, Date};
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

/// Scores every item and returns a dict with one entry per column of [`COLUMNS`] (then one per
/// group, `group:<id>`), each of the same number of rows: a text column as a tuple of its
/// distinct values and the bytes of an int32 array of each row's index among them, a column of
/// numbers as the bytes of an int64 or float64 array (NaN for no number); `carepath._batch`
/// makes the DataFrame. The catalogue is the one given, or else the bundled edition for the one
/// each assessment names (`Catalogue::bundled_for`: that edition, or the latest compatible
/// one). The first failing item (in input order) raises, naming its index, its file and how
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
    columns_of(py, &rows, &labels)
}

/// The dict of columns of [`score_many_columns`].
fn columns_of<'py>(py: Python<'py>, rows: &[Row], labels: &[Option<String>]) -> PyResult<Bound<'py, PyDict>> {
    let count: usize = rows.iter().map(|r| r.themes.len()).sum();
    // Text columns are each a tuple of the distinct values (a list of str or None) and, per
    // row, the index of its value among them (the bytes of an int32 array); numbers are the
    // bytes of an int64 or float64 array (NaN where there is no number). pandas takes both
    // without a Python object per cell.
    let mut texts: Vec<Codes<'_>> =
        KINDS.iter().map(|k| Codes::with_capacity(if matches!(k, Kind::Text) { count } else { 0 })).collect();
    let mut numbers: Vec<Vec<u8>> = (0..COLUMNS.len()).map(|_| Vec::new()).collect();
    for (kind, col) in KINDS.iter().zip(&mut numbers) {
        if !matches!(kind, Kind::Text) {
            col.reserve(count * 8);
        }
    }
    // The codes of an edition's theme ids and titles, and of its bands in the two light
    // columns (given at first use: a column's distinct values are those it holds).
    let mut edition: Option<EditionCodes> = None;
    let dates: Vec<String> = rows.iter().map(|r| r.assessed_on.to_string()).collect();
    let versions: Vec<String> = rows.iter().map(|r| r.catalogue.version.to_string()).collect();
    for (index, ((row, label), (date, version))) in rows.iter().zip(labels).zip(dates.iter().zip(&versions)).enumerate()
    {
        if row.themes.is_empty() {
            continue;
        }
        let c = &*row.catalogue;
        if edition.as_ref().is_none_or(|(at, ..)| !std::ptr::eq(*at, c)) {
            let themes = c
                .themes
                .iter()
                .map(|t| [texts[col::THEME].code(Some(t.id.as_str())), texts[col::TITLE].code(Some(&t.title))])
                .collect();
            edition = Some((c, themes, vec![[None; 2]; c.scale.bands.len()]));
        }
        let Some((_, themes, bands)) = edition.as_mut() else { continue };
        let mut light =
            |at: Option<usize>, which: usize| match at.and_then(|i| bands.get_mut(i).zip(c.scale.bands.get(i))) {
                Some((codes, band)) => {
                    let column = [col::LIGHT, col::OVERALL_LIGHT][which];
                    *codes[which].get_or_insert_with(|| texts[column].code(Some(band.id.as_str())))
                }
                None => NONE,
            };
        let overall_light = light(row.light, 1);
        let lights: Vec<i32> = row.themes.iter().map(|t| light(t.light, 0)).collect();
        let fixed = [
            (col::SOURCE, label.as_deref()),
            (col::AREA, Some(row.area.name.as_str())),
            (col::AREA_CODE, row.area.code.as_deref()),
            (col::AREA_KIND, row.area.kind.as_deref()),
            (col::ASSESSED_ON, Some(date.as_str())),
            (col::CATALOGUE_ID, Some(c.id.as_str())),
            (col::CATALOGUE_VERSION, Some(version.as_str())),
        ]
        .map(|(at, text)| (at, texts[at].code(text)));
        for ((theme, [id, title]), light) in row.themes.iter().zip(themes.iter()).zip(lights) {
            for &(at, code) in &fixed {
                texts[at].push(code);
            }
            texts[col::THEME].push(*id);
            texts[col::TITLE].push(*title);
            texts[col::LIGHT].push(light);
            texts[col::OVERALL_LIGHT].push(overall_light);
            let mut int = |at: usize, n: usize| {
                numbers[at].extend_from_slice(&i64::try_from(n).unwrap_or(i64::MAX).to_ne_bytes());
            };
            int(col::ITEM, index);
            int(col::RATED, theme.rated);
            int(col::NOT_APPLICABLE, theme.not_applicable);
            int(col::UNKNOWN, theme.unknown);
            int(col::UNRATED, theme.unrated);
            int(col::TOTAL, theme.total);
            let mut float =
                |at: usize, x: Option<f64>| numbers[at].extend_from_slice(&x.unwrap_or(f64::NAN).to_ne_bytes());
            float(col::SCORE, theme.score);
            float(col::COMPLETENESS, Some(theme.completeness));
            float(col::TARGET_SCORE, theme.target_score);
            float(col::OVERALL_SCORE, row.score);
            float(col::OVERALL_TARGET_SCORE, row.target_score);
        }
    }
    let out = PyDict::new(py);
    for ((name, kind), (codes, bytes)) in COLUMNS.iter().zip(KINDS).zip(texts.into_iter().zip(numbers)) {
        match kind {
            Kind::Text => {
                let uniques = PyList::new(py, codes.uniques)?;
                out.set_item(name, (uniques, PyBytes::new(py, &codes.codes)))?;
            }
            Kind::Int | Kind::Float => out.set_item(name, PyBytes::new(py, &bytes))?,
        }
    }
    for (name, values) in group_columns(rows) {
        let mut bytes = Vec::with_capacity(values.len() * 8);
        for v in values {
            bytes.extend_from_slice(&v.unwrap_or(f64::NAN).to_ne_bytes());
        }
        out.set_item(name, PyBytes::new(py, &bytes))?;
    }
    Ok(out)
}

/// An edition (by address), with the codes of its theme ids and titles and of its bands.
type EditionCodes = (*const Catalogue, Vec<[i32; 2]>, Vec<[Option<i32>; 2]>);

/// An edition (by address), with the strs of its id and version and of its theme ids and titles.
type EditionStrs<'py> = (*const Catalogue, Bound<'py, PyAny>, Bound<'py, PyAny>, Vec<[Bound<'py, PyAny>; 2]>);

/// The code of `None` in a text column, before it is given one.
const NONE: i32 = -1;

/// A text column as codes: each distinct value once, and each row's index among them.
struct Codes<'r> {
    index: HashMap<&'r str, i32>,
    /// The distinct values in the order met; `None` at most once.
    uniques: Vec<Option<&'r str>>,
    none: i32,
    /// The native bytes of each row's code, as an int32 array's.
    codes: Vec<u8>,
}

impl<'r> Codes<'r> {
    fn with_capacity(rows: usize) -> Self {
        Self { index: HashMap::new(), uniques: Vec::new(), none: NONE, codes: Vec::with_capacity(rows * 4) }
    }

    /// The code of a value, given one if it has none yet.
    fn code(&mut self, text: Option<&'r str>) -> i32 {
        let next = i32::try_from(self.uniques.len()).unwrap_or(i32::MAX);
        match text {
            Some(text) => *self.index.entry(text).or_insert_with(|| {
                self.uniques.push(Some(text));
                next
            }),
            None => {
                if self.none == NONE {
                    self.none = next;
                    self.uniques.push(None);
                }
                self.none
            }
        }
    }

    /// Adds a row's value by its code ([`NONE`] for `None`).
    fn push(&mut self, code: i32) {
        let code = if code == NONE { self.code(None) } else { code };
        self.codes.extend_from_slice(&code.to_ne_bytes());
    }
}

/// The index of each column in [`COLUMNS`].
mod col {
    pub(super) const ITEM: usize = 0;
    pub(super) const SOURCE: usize = 1;
    pub(super) const AREA: usize = 2;
    pub(super) const AREA_CODE: usize = 3;
    pub(super) const AREA_KIND: usize = 4;
    pub(super) const ASSESSED_ON: usize = 5;
    pub(super) const CATALOGUE_ID: usize = 6;
    pub(super) const CATALOGUE_VERSION: usize = 7;
    pub(super) const THEME: usize = 8;
    pub(super) const TITLE: usize = 9;
    pub(super) const SCORE: usize = 10;
    pub(super) const LIGHT: usize = 11;
    pub(super) const RATED: usize = 12;
    pub(super) const NOT_APPLICABLE: usize = 13;
    pub(super) const UNKNOWN: usize = 14;
    pub(super) const UNRATED: usize = 15;
    pub(super) const TOTAL: usize = 16;
    pub(super) const COMPLETENESS: usize = 17;
    pub(super) const TARGET_SCORE: usize = 18;
    pub(super) const OVERALL_SCORE: usize = 19;
    pub(super) const OVERALL_LIGHT: usize = 20;
    pub(super) const OVERALL_TARGET_SCORE: usize = 21;
}

/// Where [`score_many_columns`]'s time goes, for the benchmark: each step alone over all the
/// items, on one thread, without the GIL, in seconds: `reading` the files' bytes, `parsing`
/// them, `checking` the assessments against their edition, `scoring` them (the table's
/// figures, `Catalogue::score_summary`, checking included) and `columns` (the dict of columns
/// made from the rows, under the GIL). Items are paths (or JSON text, whose reading is then
/// nothing); a failing item raises as in [`score_many_columns`].
#[pyfunction]
#[pyo3(signature = (items, catalogue = None))]
pub(crate) fn score_many_steps<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
    catalogue: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    use std::time::Instant;
    let given = optional_catalogue(catalogue)?;
    let sources = sources(items)?;
    let labels: Vec<Option<String>> = sources.iter().map(Source::file).collect();
    let steps = py.detach(move || -> Result<(Vec<f64>, Vec<Row>)> {
        let t = Instant::now();
        // As score_many reads: into one buffer, reused (here each file is then kept).
        let mut buffer = Vec::new();
        let bytes = sources
            .into_iter()
            .map(|source| match source {
                Source::Path(path) => read_file(&path, &mut buffer)
                    .map(|n| buffer[..n].to_vec())
                    .map_err(|error| Failure::Io { error, file: path.display().to_string(), context: None }),
                Source::Json(text) => Ok(text.into_bytes()),
                Source::Parsed(a) => Ok(a.to_json().into_bytes()),
            })
            .collect::<Result<Vec<Vec<u8>>>>()?;
        let reading = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let parsed = bytes
            .iter()
            .map(|b| carepath::json_text(b).and_then(Assessment::from_json))
            .collect::<Result<Vec<_>, _>>()?;
        let parsing = t.elapsed().as_secs_f64();
        let mut bundled: HashMap<CatalogueRef, Arc<Catalogue>> = HashMap::new();
        let mut editions = Vec::with_capacity(parsed.len());
        for a in &parsed {
            editions.push(match &given {
                Some(c) => Arc::clone(c),
                None => match bundled.get(&a.catalogue) {
                    Some(c) => Arc::clone(c),
                    None => {
                        let c = Arc::new(Catalogue::bundled_for(&a.catalogue)?);
                        bundled.insert(a.catalogue.clone(), Arc::clone(&c));
                        c
                    }
                },
            });
        }
        let t = Instant::now();
        for (a, c) in parsed.iter().zip(&editions) {
            c.check(a)?;
        }
        let checking = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let rows = parsed.iter().zip(&editions).map(|(a, c)| Row::new(c, a)).collect::<Result<Vec<_>, _>>()?;
        let scoring = t.elapsed().as_secs_f64();
        Ok((vec![reading, parsing, checking, scoring], rows))
    });
    let (times, rows) = steps?;
    let t = std::time::Instant::now();
    let columns = columns_of(py, &rows, &labels)?;
    let built = t.elapsed().as_secs_f64();
    drop(columns);
    let out = PyDict::new(py);
    for (name, seconds) in ["reading", "parsing", "checking", "scoring"].iter().zip(times) {
        out.set_item(name, seconds)?;
    }
    out.set_item("columns", built)?;
    Ok(out)
}

/// What a column of [`COLUMNS`] holds: text (or `None`), whole numbers, or numbers (or
/// `None`).
#[derive(Debug, Clone, Copy)]
enum Kind {
    Text,
    Int,
    Float,
}

/// The kind of each column of [`COLUMNS`].
const KINDS: [Kind; COLUMNS.len()] = {
    use Kind::{Float, Int, Text};
    [
        Int, Text, Text, Text, Text, Text, Text, Text, Text, Text, Float, Text, Int, Int, Int, Int, Int, Float, Float,
        Float, Text, Float,
    ]
};

/// One cell of a row.
enum Cell<'py> {
    Text(Bound<'py, PyAny>),
    Int(usize),
    Float(Option<f64>),
}

impl<'py> Cell<'py> {
    fn into_py(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(match self {
            Self::Text(v) => v,
            Self::Int(n) => n.into_pyobject(py)?.into_any(),
            Self::Float(Some(x)) => PyFloat::new(py, x).into_any(),
            Self::Float(None) => py.None().into_bound(py),
        })
    }
}

/// One column per population group any assessment declares (`group:<id>`, in the order first
/// met: the catalogue's groups, then local ones): on each theme row the group's score in that
/// theme, `None` where the group has none or its assessment does not declare it.
fn group_columns(rows: &[Row]) -> Vec<(String, Vec<Option<f64>>)> {
    let mut ids: Vec<&carepath::GroupId> = Vec::new();
    for row in rows {
        for g in &row.groups {
            if !ids.contains(&g) {
                ids.push(g);
            }
        }
    }
    ids.into_iter()
        .map(|id| {
            let values = rows
                .iter()
                .flat_map(|row| {
                    let at = row.groups.iter().position(|g| g == id);
                    row.themes.iter().map(move |theme| at.and_then(|i| theme.groups[i]))
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
            dict.set_item(key, value.into_py(py)?)?;
        }
        out.push(dict);
        Ok(())
    })?;
    for (name, values) in group_columns(&rows) {
        for (dict, value) in out.iter().zip(values) {
            dict.set_item(&name, Cell::Float(value).into_py(py)?)?;
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
    let outcomes = py.detach(move || score_parallel(sources, catalogue.as_ref(), threads));

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

/// How many items a thread takes at a time from the shared queue.
const BATCH: usize = 64;

/// Scores the sources on scoped threads, which take batches of [`BATCH`] items in turn from a
/// shared queue until none is left (a thread on a busy core takes fewer); results keep the
/// input order. Runs without the GIL.
fn score_parallel(
    sources: Vec<Source>,
    catalogue: Option<&Arc<Catalogue>>,
    threads: Option<usize>,
) -> Vec<Result<Row>> {
    let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let threads = threads.unwrap_or(cpus).min(sources.len() / MIN_PER_THREAD).max(1);
    if threads == 1 {
        let mut scorer = Scorer::new(catalogue);
        return sources.into_iter().map(|source| scorer.score(source)).collect();
    }
    let count = sources.len();
    let mut batches: Vec<(usize, Vec<Source>)> = Vec::with_capacity(count.div_ceil(BATCH));
    let mut rest = sources.into_iter();
    loop {
        let part: Vec<Source> = rest.by_ref().take(BATCH).collect();
        if part.is_empty() {
            break;
        }
        batches.push((batches.len() * BATCH, part));
    }
    let queue = std::sync::Mutex::new(batches.into_iter());
    let next = || match queue.lock() {
        Ok(mut q) => q.next(),
        Err(poisoned) => poisoned.into_inner().next(),
    };
    let mut done: Vec<(usize, Vec<Result<Row>>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut scorer = Scorer::new(catalogue);
                    let mut done = Vec::new();
                    while let Some((start, part)) = next() {
                        done.push((start, part.into_iter().map(|source| scorer.score(source)).collect()));
                    }
                    done
                })
            })
            .collect();
        let mut out = Vec::new();
        for handle in handles {
            match handle.join() {
                Ok(results) => out.extend(results),
                // Scoring never panics on any input; should a thread die, the panic goes on.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    });
    done.sort_unstable_by_key(|(start, _)| *start);
    let mut out = Vec::with_capacity(count);
    for (_, results) in done {
        out.extend(results);
    }
    out
}

/// Reads, checks and scores sources one after another; runs without the GIL. Without a
/// catalogue, each is scored with `Catalogue::bundled_for` its edition (the rule every surface
/// follows), read once per edition. Files are read into one buffer, reused from file to file.
struct Scorer<'c> {
    catalogue: Option<&'c Arc<Catalogue>>,
    bundled: HashMap<CatalogueRef, std::result::Result<Arc<Catalogue>, carepath::Error>>,
    buffer: Vec<u8>,
}

impl<'c> Scorer<'c> {
    fn new(catalogue: Option<&'c Arc<Catalogue>>) -> Self {
        Self { catalogue, bundled: HashMap::new(), buffer: Vec::new() }
    }

    fn score(&mut self, source: Source) -> Result<Row> {
        let (assessment, path) = read(source, &mut self.buffer)?;
        let file = || path.as_ref().map(|p| p.display().to_string());
        let located = |e: carepath::Error| Failure::from(e).in_file(file().as_deref());
        let catalogue = match self.catalogue {
            Some(c) => Arc::clone(c),
            None => {
                let wanted = &assessment.catalogue;
                if !self.bundled.contains_key(wanted) {
                    self.bundled.insert(wanted.clone(), Catalogue::bundled_for(wanted).map(Arc::new));
                }
                match self.bundled.get(wanted) {
                    Some(Ok(c)) => Arc::clone(c),
                    Some(Err(e)) => return Err(located(e.clone())),
                    None => return Err(Failure::Type("no edition".into())),
                }
            }
        };
        Row::new(&catalogue, &assessment).map_err(located)
    }
}

/// Reads one source's assessment (as `Source::into_assessment`), a file through `buffer`; also
/// gives back the file's path.
fn read(source: Source, buffer: &mut Vec<u8>) -> Result<(Assessment, Option<std::path::PathBuf>)> {
    let Source::Path(path) = source else {
        return source.into_assessment().map(|(a, _)| (a, None));
    };
    let name = || path.display().to_string();
    let len = read_file(&path, buffer).map_err(|error| Failure::Io { error, file: name(), context: None })?;
    let text = carepath::json_text(&buffer[..len]).map_err(|e| Failure::from(e).in_file(name().as_str()))?;
    let assessment = Assessment::from_json(text).map_err(|e| Failure::from(e).in_file(name().as_str()))?;
    Ok((assessment, Some(path)))
}

/// Reads a whole file into the start of `buffer`, reading until the end as `std::fs::read`
/// does but without asking the file's size first; returns how many bytes it read. The buffer,
/// reused from file to file, only grows (zeroed once), so it has room already.
fn read_file(path: &std::path::Path, buffer: &mut Vec<u8>) -> std::io::Result<usize> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut filled = 0;
    loop {
        if buffer.len() - filled < 4096 {
            buffer.resize((buffer.len() * 2).max(16 * 1024), 0);
        }
        match file.read(&mut buffer[filled..]) {
            Ok(0) => return Ok(filled),
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// The parts of a report the table shows: the theme and overall figures, with the edition
/// that scored it for the ids, titles and lights. Keeping only these (and dropping each
/// assessment at once) keeps a large batch's memory small.
#[derive(Debug)]
struct Row {
    catalogue: Arc<Catalogue>,
    area: Area,
    assessed_on: Date,
    score: Option<f64>,
    /// The band of the overall score, by its index in the scale.
    light: Option<usize>,
    target_score: Option<f64>,
    /// The population groups, in the report's order.
    groups: Vec<carepath::GroupId>,
    /// One per theme of the catalogue, in its order.
    themes: Vec<ThemeRow>,
}

/// One theme's figures in a [`Row`].
#[derive(Debug)]
struct ThemeRow {
    score: Option<f64>,
    light: Option<usize>,
    rated: usize,
    not_applicable: usize,
    unknown: usize,
    unrated: usize,
    total: usize,
    completeness: f64,
    target_score: Option<f64>,
    /// Each group's score, in [`Row::groups`] order.
    groups: Vec<Option<f64>>,
}

impl Row {
    /// Checks and scores with `Catalogue::score_summary`: the report's own figures.
    fn new(catalogue: &Arc<Catalogue>, assessment: &Assessment) -> std::result::Result<Self, carepath::Error> {
        let summary = catalogue.score_summary(assessment)?;
        let band = |light: Option<&carepath::BandId>| {
            light.and_then(|l| catalogue.scale.bands.iter().position(|b| b.id == *l))
        };
        let themes = summary
            .themes
            .iter()
            .map(|t| ThemeRow {
                score: t.score,
                light: band(t.light),
                rated: t.rated,
                not_applicable: t.not_applicable,
                unknown: t.unknown,
                unrated: t.unrated,
                total: t.total,
                completeness: t.completeness,
                target_score: t.target_score,
                groups: t.groups.iter().map(|g| g.score).collect(),
            })
            .collect();
        let overall = &summary.overall;
        Ok(Self {
            catalogue: Arc::clone(catalogue),
            area: assessment.area.clone(),
            assessed_on: assessment.assessed_on,
            score: overall.score,
            light: band(overall.light),
            target_score: overall.target_score,
            groups: overall.groups.iter().map(|g| g.id.clone()).collect(),
            themes,
        })
    }
}

/// Hands each row (one per report and theme, values in [`COLUMNS`] order) to `sink`.
/// Repeated text (areas, theme ids and titles, lights) is shared rather than copied into a new
/// Python str per row.
fn emit<'py>(
    py: Python<'py>,
    rows: &[Row],
    labels: &[Option<String>],
    mut sink: impl FnMut([Cell<'py>; COLUMNS.len()]) -> PyResult<()>,
) -> PyResult<()> {
    let mut strings = Strings { py, map: HashMap::new() };
    // The edition's strs, made again only when the edition changes.
    let mut edition: Option<EditionStrs<'py>> = None;
    let none = || Cell::Text(py.None().into_bound(py));
    for (index, (row, label)) in rows.iter().zip(labels).enumerate() {
        let c = &*row.catalogue;
        if edition.as_ref().is_none_or(|(at, ..)| !std::ptr::eq(*at, c)) {
            let themes = c.themes.iter().map(|t| [strings.get(t.id.as_str()), strings.get(&t.title)]).collect();
            edition = Some((c, strings.get(c.id.as_str()), strings.get(&c.version.to_string()), themes));
        }
        let Some((_, cat_id, cat_version, themes)) = edition.as_ref() else { continue };
        let bands: Vec<Bound<'py, PyAny>> = c.scale.bands.iter().map(|b| strings.get(b.id.as_str())).collect();
        let light = |at: Option<usize>| match at.and_then(|i| bands.get(i)) {
            Some(s) => Cell::Text(s.clone()),
            None => none(),
        };
        let source = strings.opt(label.as_deref());
        let area = strings.get(&row.area.name);
        let code = strings.opt(row.area.code.as_deref());
        let kind = strings.opt(row.area.kind.as_deref());
        let date = strings.get(&row.assessed_on.to_string());
        for (theme, [id, title]) in row.themes.iter().zip(themes) {
            sink([
                Cell::Int(index),
                Cell::Text(source.clone()),
                Cell::Text(area.clone()),
                Cell::Text(code.clone()),
                Cell::Text(kind.clone()),
                Cell::Text(date.clone()),
                Cell::Text(cat_id.clone()),
                Cell::Text(cat_version.clone()),
                Cell::Text(id.clone()),
                Cell::Text(title.clone()),
                Cell::Float(theme.score),
                light(theme.light),
                Cell::Int(theme.rated),
                Cell::Int(theme.not_applicable),
                Cell::Int(theme.unknown),
                Cell::Int(theme.unrated),
                Cell::Int(theme.total),
                Cell::Float(Some(theme.completeness)),
                Cell::Float(theme.target_score),
                Cell::Float(row.score),
                light(row.light),
                Cell::Float(row.target_score),
            ])?;
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

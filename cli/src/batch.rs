//! `carepath score` of a collection: many files and folders scored into one table, as analysts
//! do with Python's `score_many`.
//!
//! - **Inputs** are files and folders; a folder gives every `*.json` file under it, walked in
//!   name order, so a run is repeatable. `-` reads one assessment from standard input.
//! - **Output** is CSV (a row per assessment and theme, then a row per assessment, theme and
//!   population group; the columns of [`COLUMNS`]) or JSON Lines (one line per file: its report,
//!   or its error). Rows come in input order whatever the number of threads.
//! - **Memory** stays flat: files are read, checked and scored a chunk at a time (both cores
//!   share each chunk) and their rows written before the next chunk is read; a catalogue is
//!   parsed once per edition.
//! - **A bad file** is named on standard error with every problem, and the run goes on; the exit
//!   code is then 1. `--fail-fast` stops at the first bad file instead.
//! - **Progress** is drawn on standard error when it is a terminal (never into a pipe or a log).

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use carepath::{Catalogue, CatalogueRef, ErrorCode, Report};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::input::{Failure, Scoring, display_name, load_catalogue, read};

/// The table's columns. A theme row has the theme's figures and an empty `group`; a group row
/// has the group's id, its `score`, `light` and `rated` in the theme and, in `overall_score` and
/// `overall_light`, the group's overall figures (the other counts are the theme row's business
/// and are left empty).
pub(crate) const COLUMNS: [&str; 23] = [
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
    "group",
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

/// How many files are read and scored before their rows are written: enough to keep both cores
/// busy, few enough that memory does not depend on the size of the collection.
const CHUNK: usize = 256;

/// The table formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    Csv,
    JsonLines,
}

/// What a batch run is asked to do.
#[derive(Debug)]
pub(crate) struct Batch<'a> {
    pub(crate) paths: &'a [PathBuf],
    pub(crate) scoring: &'a Scoring,
    pub(crate) table: Table,
    pub(crate) output: Option<&'a Path>,
    pub(crate) fail_fast: bool,
    /// Whether the CSV has the rows of population groups.
    pub(crate) groups: bool,
    pub(crate) threads: Option<usize>,
    pub(crate) progress: bool,
}

/// The files a run scores, in order: each file named, then each folder's `*.json` files in name
/// order. A path that does not exist is an error before anything is scored.
pub(crate) fn files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" || !path.is_dir() {
            if path.as_os_str() != "-" && !path.exists() {
                return Err(Failure::Io {
                    file: display_name(path),
                    error: io::Error::new(io::ErrorKind::NotFound, "no such file or folder"),
                });
            }
            out.push(path.clone());
            continue;
        }
        for entry in walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name() {
            let entry = entry.map_err(|e| Failure::Io {
                file: e.path().map_or_else(|| display_name(path), display_name),
                error: e.into(),
            })?;
            let json = entry.path().extension().is_some_and(|x| x.eq_ignore_ascii_case("json"));
            if entry.file_type().is_file() && json {
                out.push(entry.into_path());
            }
        }
    }
    Ok(out)
}

/// The catalogues of a run: the one given, or else each bundled edition an assessment names
/// (`Catalogue::bundled_for`), parsed once and shared by the threads.
struct Catalogues<'a> {
    given: Option<Arc<Catalogue>>,
    bundled: Mutex<HashMap<CatalogueRef, Result<Arc<Catalogue>, carepath::Error>>>,
    scoring: &'a Scoring,
}

impl Catalogues<'_> {
    fn for_assessment(&self, edition: &CatalogueRef) -> Result<Arc<Catalogue>, carepath::Error> {
        if let Some(given) = &self.given {
            return Ok(Arc::clone(given));
        }
        let mut bundled = self.bundled.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        bundled
            .entry(edition.clone())
            .or_insert_with(|| Catalogue::bundled_for(edition).map(|c| Arc::new(self.scoring.words(c))))
            .clone()
    }
}

/// What one file gave: its lines of output, or its failure.
type Outcome = Result<Vec<u8>, Failure>;

/// Scores every file into one table. Returns exit code 0 when every file scored, 1 when any
/// failed (each failure already printed).
pub(crate) fn run(batch: &Batch<'_>) -> Result<ExitCode, Failure> {
    let files = files(batch.paths)?;
    let scoring = batch.scoring;
    let given = match &scoring.catalogue {
        Some(path) => Some(Arc::new(scoring.words(load_catalogue(path)?))),
        None => None,
    };
    let catalogues = Catalogues { given, bundled: Mutex::new(HashMap::new()), scoring };
    let mut out: Box<dyn Write> = match batch.output {
        Some(path) => Box::new(io::BufWriter::new(
            std::fs::File::create(path).map_err(|error| Failure::Io { file: display_name(path), error })?,
        )),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let written = |r: io::Result<()>| -> Result<bool, Failure> {
        match r {
            Ok(()) => Ok(true),
            // `carepath score dir | head`: a closed pipe ends the run quietly.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
            Err(error) => {
                Err(Failure::Io { file: batch.output.map_or_else(|| "<stdout>".into(), display_name), error })
            }
        }
    };
    if batch.table == Table::Csv && !written(out.write_all(&csv_line(COLUMNS.iter().copied())))? {
        return Ok(ExitCode::SUCCESS);
    }

    let bar = if batch.progress {
        let bar = ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{bar:30} {pos}/{len} files · {per_sec} · {eta} left")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar
    } else {
        ProgressBar::hidden()
    };
    let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let threads = batch.threads.unwrap_or(cpus).max(1);
    // With --fail-fast: the place of the first bad file found so far.
    let first_bad = AtomicUsize::new(usize::MAX);
    let mut failed = 0usize;
    for (n, chunk) in files.chunks(CHUNK).enumerate() {
        let first = n * CHUNK;
        let outcomes = score_chunk(chunk, first, batch, &catalogues, threads, &bar, &first_bad);
        for (path, outcome) in chunk.iter().zip(outcomes) {
            match outcome {
                Ok(bytes) => {
                    if !written(out.write_all(&bytes))? {
                        bar.finish_and_clear();
                        return Ok(if failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS });
                    }
                }
                Err(failure) => {
                    failed += 1;
                    bar.suspend(|| {
                        for line in failure.lines() {
                            eprintln!("error: {line}");
                        }
                    });
                    if batch.table == Table::JsonLines && !written(out.write_all(&error_line(path, &failure)))? {
                        bar.finish_and_clear();
                        return Ok(ExitCode::FAILURE);
                    }
                    if batch.fail_fast {
                        written(out.flush())?;
                        bar.finish_and_clear();
                        eprintln!("stopped at the first bad file (--fail-fast)");
                        return Ok(ExitCode::FAILURE);
                    }
                }
            }
        }
    }
    written(out.flush())?;
    bar.finish_and_clear();
    if failed > 0 {
        eprintln!("{failed} of {} files could not be scored", files.len());
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads, checks and scores one chunk of files on up to `threads` threads; outcomes in order.
fn score_chunk(
    chunk: &[PathBuf],
    first: usize,
    batch: &Batch<'_>,
    catalogues: &Catalogues<'_>,
    threads: usize,
    bar: &ProgressBar,
    first_bad: &AtomicUsize,
) -> Vec<Outcome> {
    let one = |i: usize, path: &PathBuf| -> Outcome {
        let item = first + i;
        // With --fail-fast, a file after a bad one is never written: not worth scoring.
        if batch.fail_fast && item > first_bad.load(Ordering::Relaxed) {
            return Ok(Vec::new());
        }
        let outcome = score_file(item, path, batch, catalogues);
        if outcome.is_err() {
            first_bad.fetch_min(item, Ordering::Relaxed);
        }
        bar.inc(1);
        outcome
    };
    let threads = threads.min(chunk.len()).max(1);
    if threads == 1 {
        return chunk.iter().enumerate().map(|(i, p)| one(i, p)).collect();
    }
    let per = chunk.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunk
            .chunks(per)
            .enumerate()
            .map(|(k, part)| {
                let one = &one;
                scope.spawn(move || part.iter().enumerate().map(|(i, p)| one(k * per + i, p)).collect::<Vec<_>>())
            })
            .collect();
        let mut out = Vec::with_capacity(chunk.len());
        for handle in handles {
            match handle.join() {
                Ok(part) => out.extend(part),
                // Scoring never panics on any input; should a thread die, the panic goes on.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

/// One file's lines of the table.
fn score_file(item: usize, path: &Path, batch: &Batch<'_>, catalogues: &Catalogues) -> Outcome {
    let name = display_name(path);
    let text = read(path)?;
    let assessment = carepath::Assessment::from_json(&text).map_err(|e| Failure::input(&name, e))?;
    drop(text);
    let catalogue = catalogues.for_assessment(&assessment.catalogue).map_err(|e| Failure::input(&name, e))?;
    let report = batch.scoring.score(&catalogue, &assessment).map_err(|e| Failure::input(&name, e))?;
    Ok(match batch.table {
        Table::Csv => rows(item, &name, &report, batch.groups),
        Table::JsonLines => report_line(&name, &report),
    })
}

/// The CSV rows of one report: its themes, then (with `groups`) each group in each theme.
fn rows(item: usize, source: &str, report: &Report, groups: bool) -> Vec<u8> {
    let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    let light = |l: Option<&carepath::BandId>| l.map(|b| b.as_str().to_owned()).unwrap_or_default();
    let head = [
        item.to_string(),
        source.to_owned(),
        report.area.name.clone(),
        report.area.code.clone().unwrap_or_default(),
        report.area.kind.clone().unwrap_or_default(),
        report.assessed_on.to_string(),
        report.catalogue.id.to_string(),
        report.catalogue.version.to_string(),
    ];
    let mut out = Vec::new();
    for theme in &report.themes {
        let cells = [
            theme.id.to_string(),
            theme.title.clone(),
            String::new(),
            num(theme.score),
            light(theme.light.as_ref()),
            theme.rated.to_string(),
            theme.not_applicable.to_string(),
            theme.unknown.to_string(),
            theme.unrated.to_string(),
            theme.total.to_string(),
            theme.completeness.to_string(),
            num(theme.target_score),
            num(report.overall.score),
            light(report.overall.light.as_ref()),
            num(report.overall.target_score),
        ];
        out.extend(csv_line(head.iter().map(String::as_str).chain(cells.iter().map(String::as_str))));
    }
    for theme in report.themes.iter().filter(|_| groups) {
        for (group, overall) in theme.groups.iter().zip(&report.overall.groups) {
            let cells = [
                theme.id.to_string(),
                theme.title.clone(),
                group.id.to_string(),
                num(group.score),
                light(group.light.as_ref()),
                group.rated.to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                num(overall.score),
                light(overall.light.as_ref()),
                String::new(),
            ];
            out.extend(csv_line(head.iter().map(String::as_str).chain(cells.iter().map(String::as_str))));
        }
    }
    out
}

/// One CSV line, RFC 4180 quoted, CRLF-terminated and guarded against formula injection like
/// every carepath CSV.
fn csv_line<'a>(cells: impl Iterator<Item = &'a str>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    // Writing into a Vec cannot fail.
    let _ = w.write_record(cells.map(|c| carepath_report::csv_guard(c).into_owned()));
    w.into_inner().unwrap_or_default()
}

#[derive(Serialize)]
struct ReportLine<'a> {
    source: &'a str,
    report: &'a Report,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    source: &'a str,
    error: carepath::ErrorInfo,
}

/// One line of JSON Lines: `{"source": ..., "report": {...}}`.
fn report_line(source: &str, report: &Report) -> Vec<u8> {
    let mut line = serde_json::to_vec(&ReportLine { source, report }).unwrap_or_default();
    line.push(b'\n');
    line
}

/// One line of JSON Lines for a file that could not be scored: `{"source": ..., "error": {...}}`,
/// the error as every surface reports it.
fn error_line(path: &Path, failure: &Failure) -> Vec<u8> {
    let name = display_name(path);
    let error = match failure {
        Failure::Input { error, .. } => error.info(),
        Failure::Io { error, .. } => carepath::Error::unsupported(ErrorCode::Io, format!("{name}: {error}")).info(),
    };
    let mut line = serde_json::to_vec(&ErrorLine { source: &name, error }).unwrap_or_default();
    line.push(b'\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_lines_are_quoted_and_guarded() {
        let line = csv_line(["a,b", "=1+1", "-2", "say \"hi\""].into_iter());
        assert_eq!(String::from_utf8(line).unwrap(), "\"a,b\",'=1+1,-2,\"say \"\"hi\"\"\"\r\n");
    }

    #[test]
    fn folders_give_their_json_files_in_name_order() {
        let dir = std::env::temp_dir().join(format!("carepath-batch-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("b")).unwrap();
        for f in ["b/2.json", "a.json", "b/1.JSON", "notes.txt"] {
            std::fs::write(dir.join(f), "{}").unwrap();
        }
        let found = files(std::slice::from_ref(&dir)).unwrap();
        let names: Vec<String> =
            found.iter().map(|p| p.strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/")).collect();
        assert_eq!(names, ["a.json", "b/1.JSON", "b/2.json"]);
        assert!(files(&[dir.join("missing.json")]).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

//! The commands for change over time and across people: `migrate`, `next`, `compare`,
//! `benchmark` and `consensus`. Each reads and checks its files (so problems name the file), calls the core
//! function, and renders the answer.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use carepath::{Assessment, Catalogue};

use crate::input::{Failure, catalogue_for, display_name, emit, load_assessment, load_catalogue};
use crate::{ChangeFormat, Format};
use carepath_report::{Document, Editions, text};

/// The edition to migrate to: a catalogue file, or a bundled edition of the assessment's
/// catalogue (`latest` or a version such as `2.0.0` or `2`).
fn target(assessment: &Assessment, file: &Path, to: &str, catalogue: Option<&PathBuf>) -> Result<Catalogue, Failure> {
    match catalogue {
        Some(path) => load_catalogue(path),
        None => Catalogue::bundled(assessment.catalogue.id.as_str(), Some(to))
            .map_err(|e| Failure::input(display_name(file), e)),
    }
}

/// Where a command's two outputs go: the document to `-o FILE`, or else standard output; the
/// report beside it to standard output when the document went to a file, else standard error.
fn emit_pair(document: &str, report: &str, output: Option<&Path>) -> Result<(), Failure> {
    match output {
        Some(path) => {
            emit(document, Some(path))?;
            emit(report, None)
        }
        None => {
            emit(document, None)?;
            eprint!("{report}");
            Ok(())
        }
    }
}

pub(crate) fn migrate(
    path: &Path,
    to: &str,
    catalogue: Option<&PathBuf>,
    format: Format,
    output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let assessment = load_assessment(path)?;
    let from = catalogue_for(&assessment, path, None)?;
    let target = target(&assessment, path, to, catalogue)?;
    let (migrated, report) =
        carepath::migrate(&assessment, &target).map_err(|e| Failure::input(display_name(path), e))?;
    let shown = match format {
        Format::Text => text::migration(&from, &target, &assessment, &migrated, &report),
        Format::Json => report.to_json(),
    };
    emit_pair(&migrated.to_json(), &shown, output)?;
    Ok(ExitCode::SUCCESS)
}

/// `carepath next`: the next round's assessment, started from this one.
pub(crate) fn next_round(
    path: &Path,
    on: carepath::Date,
    to: &str,
    catalogue: Option<&PathBuf>,
    output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let assessment = load_assessment(path)?;
    let target = target(&assessment, path, to, catalogue)?;
    let next = assessment.next_round(&target, on).map_err(|e| Failure::input(display_name(path), e))?;
    emit(&next.to_json(), output)?;
    Ok(ExitCode::SUCCESS)
}

/// Reads the assessments `command` combines, checking each against its catalogue so problems
/// name the file; returns them with the first one's catalogue (the core function checks that
/// they share it).
fn load_all(
    command: &str,
    files: &[PathBuf],
    catalogue: Option<&PathBuf>,
) -> Result<(Catalogue, Vec<Assessment>), Failure> {
    let mut edition = None;
    let mut assessments = Vec::new();
    // Each edition is parsed once, however many files name it.
    let mut editions: std::collections::HashMap<carepath::CatalogueRef, Catalogue> = std::collections::HashMap::new();
    for path in crate::batch::files(files)? {
        let a = load_assessment(&path)?;
        let c = match editions.get(&a.catalogue) {
            Some(c) => c,
            None => {
                let c = catalogue_for(&a, &path, catalogue)?;
                editions.entry(a.catalogue.clone()).or_insert(c)
            }
        };
        c.check(&a).map_err(|e| Failure::input(display_name(&path), e))?;
        if edition.is_none() {
            edition = Some(c.clone());
        }
        assessments.push(a);
    }
    let none = || carepath::Error::unsupported(carepath::ErrorCode::NoAssessments, "no files given");
    let edition = edition.ok_or_else(|| Failure::input(command, none()))?;
    Ok((edition, assessments))
}

pub(crate) fn compare(
    old: &Path,
    new: &Path,
    catalogue: Option<&PathBuf>,
    format: ChangeFormat,
    output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let old_assessment = load_assessment(old)?;
    let new_assessment = load_assessment(new)?;
    let edition = catalogue_for(&new_assessment, new, catalogue)?;
    edition.check(&new_assessment).map_err(|e| Failure::input(display_name(new), e))?;
    // The earlier assessment is checked against its own edition: the one compared in when it
    // can be scored with it, else the bundled edition it names (`compare` migrates it). A
    // `--catalogue` of the later edition must not be applied to an assessment of an older one.
    let old_edition =
        carepath::earlier_edition(&edition, &old_assessment).map_err(|e| Failure::input(display_name(old), e))?;
    old_edition.check(&old_assessment).map_err(|e| Failure::input(display_name(old), e))?;
    let comparison = carepath::compare(&old_assessment, &new_assessment, &edition)
        .map_err(|e| Failure::input(format!("{} and {}", display_name(old), display_name(new)), e))?;
    let editions = Editions { now: &edition, then: &old_edition };
    let text = match format.document() {
        Some(format) => Document::comparison(editions, &comparison).render(format),
        None if format == ChangeFormat::Json => comparison.to_json(),
        None => text::comparison(&edition, &comparison),
    };
    emit(&text, output)?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn benchmark(
    files: &[PathBuf],
    catalogue: Option<&PathBuf>,
    min_group: usize,
    format: ChangeFormat,
    output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    // One file at a time: only each area's scores are kept, so a whole country's files fit.
    let paths = crate::batch::files(files)?;
    let first = paths.first().ok_or_else(|| {
        Failure::input("benchmark", carepath::Error::unsupported(carepath::ErrorCode::NoAssessments, "no files given"))
    })?;
    let assessment = load_assessment(first)?;
    let edition = catalogue_for(&assessment, first, catalogue)?;
    let mut builder = carepath::BenchmarkBuilder::new(&edition, min_group);
    builder.add(&assessment).map_err(|e| Failure::input(display_name(first), e))?;
    drop(assessment);
    for path in &paths[1..] {
        let assessment = load_assessment(path)?;
        builder.add(&assessment).map_err(|e| Failure::input(display_name(path), e))?;
    }
    let result = builder.finish().map_err(|e| Failure::input(format!("benchmark of {} files", paths.len()), e))?;
    let text = match format.document() {
        Some(format) => Document::benchmark(&edition, &result).render(format),
        None if format == ChangeFormat::Json => result.to_json(),
        None => text::benchmark(&edition, &result),
    };
    emit(&text, output)?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn consensus(
    files: &[PathBuf],
    catalogue: Option<&PathBuf>,
    threshold: i32,
    format: ChangeFormat,
    output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let (edition, raters) = load_all("consensus", files, catalogue)?;
    let (combined, report) = carepath::consensus(&raters, &edition, threshold)
        .map_err(|e| Failure::input(format!("consensus of {} files", raters.len()), e))?;
    let shown = match format.document() {
        Some(format) => Document::consensus(&edition, &report).render(format),
        None if format == ChangeFormat::Json => report.to_json(),
        None => text::consensus(&edition, &report),
    };
    emit_pair(&combined.to_json(), &shown, output)?;
    Ok(ExitCode::SUCCESS)
}

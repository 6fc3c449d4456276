//! `carepath`: validate, score and report pathway assessments from the command line.
//!
//! Exit codes: 0 success; 1 invalid input (every problem printed to standard error with its
//! file and JSON path); 2 usage error.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod batch;
mod catalogue;
mod evolve;
mod fhir;
mod input;
mod workbook;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use carepath::{Catalogue, DocumentKind, SchemaKind, bundled_catalogues};
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use input::{Failure, Scoring, catalogue_for, display_name, emit, load_assessment};

/// Assess a local care pathway against national standards.
///
/// Rate each standard, see a traffic light per standard and averages per theme, and find where
/// more work is needed. The bundled catalogues need no file: `carepath catalogues` lists them.
#[derive(Debug, Parser)]
#[command(name = "carepath", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check catalogue and assessment files (the kind is detected from the content).
    ///
    /// An assessment is checked against the catalogue given with --catalogue, or else the
    /// bundled edition it names. Every problem is printed with its file and JSON path.
    Validate {
        /// Files to check; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Catalogue file to check assessments against.
        #[arg(long, value_name = "FILE")]
        catalogue: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Score an assessment: overall, themes, cross-cutting themes, gaps, strengths, unknowns.
    ///
    /// Several files, or a folder (every `*.json` file under it, in name order), give one table:
    /// CSV (a row per assessment and theme, then per assessment, theme and population group) or
    /// JSON Lines (one report per line). A file that cannot be scored is named on standard error
    /// and the rest go on (exit code 1 at the end) unless --fail-fast is given.
    Score {
        /// Assessment files or folders; `-` reads standard input.
        #[arg(required = true, value_name = "ASSESSMENT")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        scoring: Scoring,
        /// `text` (one file: a readable summary), `json` (one file: the report), `csv` or
        /// `jsonl` (any number of files: one table). Default: `text` for one file, `csv` for
        /// several or a folder.
        #[arg(long, value_enum)]
        format: Option<ScoreFormat>,
        /// Stop at the first file that cannot be scored.
        #[arg(long)]
        fail_fast: bool,
        /// Leave out the CSV rows of population groups: a row per assessment and theme only.
        #[arg(long)]
        no_groups: bool,
        /// Threads that read and score (default: one per CPU).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        threads: Option<u16>,
        /// Never draw the progress bar (it is drawn only when standard error is a terminal).
        #[arg(long)]
        no_progress: bool,
        #[command(flatten)]
        output: Output,
    },
    /// Write a full report of an assessment, with evidence and actions.
    Report {
        #[command(flatten)]
        input: Scored,
        /// Report format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        #[command(flatten)]
        output: Output,
    },
    /// Print the improvement plan: every action with its status, owner and due date, those
    /// overdue, the gaps no action covers, and the targets still to reach.
    Plan {
        #[command(flatten)]
        input: Scored,
        /// `text` is the readable plan; `json` is the report's `plan` section.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        output: Output,
    },
    /// Start the next round's assessment from this one: same area and participants, no
    /// ratings, the open actions carried, and this round's ratings and targets kept beside each
    /// standard for reference (a standard takes its target back when it is rated).
    Next {
        /// This round's assessment; `-` reads standard input.
        assessment: PathBuf,
        /// The date of the next round (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        on: carepath::Date,
        /// The bundled edition to rate the next round against: a version such as `3.0.0` or
        /// `3`, or `latest` (this round is migrated into it first when needed).
        #[arg(long, value_name = "VERSION", default_value = "latest")]
        to: String,
        /// A catalogue file to rate the next round against instead of a bundled edition.
        #[arg(long, value_name = "FILE")]
        catalogue: Option<PathBuf>,
        #[command(flatten)]
        output: Output,
    },
    /// Print the JSON Schema of a file format.
    Schema {
        /// Which format: catalogue, assessment, report, migration, comparison, benchmark or
        /// consensus.
        #[arg(value_parser = parse_schema_kind)]
        kind: SchemaKind,
    },
    /// Write a spreadsheet (XLSX) to fill in, like the original tool: blank, or from an assessment.
    ///
    /// One sheet per theme with a rating drop-down, evidence, confidence and actions; a summary
    /// sheet whose formulas score the themes; a details sheet. Read it back with `import`.
    Workbook {
        /// Catalogue file to lay out (default: the bundled edition named by --edition, by the
        /// assessment, or the latest bundled edition).
        #[arg(long, value_name = "FILE", conflicts_with = "edition")]
        catalogue: Option<PathBuf>,
        /// Bundled edition as `id@version` (or `id` for the latest).
        #[arg(long, value_name = "ID@VERSION")]
        edition: Option<String>,
        /// Fill the workbook from this assessment.
        #[arg(long, value_name = "ASSESSMENT")]
        from: Option<PathBuf>,
        /// The workbook to write (.xlsx).
        #[arg(short, long, value_name = "FILE.xlsx")]
        output: PathBuf,
    },
    /// Read a filled workbook back into an assessment (JSON), checked against its catalogue.
    ///
    /// Every cell that cannot be understood is reported with its sheet and cell (exit 1).
    Import {
        /// The workbook (.xlsx) written by `carepath workbook` and filled in.
        workbook: PathBuf,
        /// Catalogue file (default: the bundled edition the workbook names).
        #[arg(long, value_name = "FILE")]
        catalogue: Option<PathBuf>,
        /// Write the assessment to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Carry an assessment into a newer edition of its catalogue, losing nothing.
    ///
    /// The migrated assessment goes to -o FILE (or standard output); the migration report goes
    /// to standard output when -o is given, else to standard error.
    Migrate {
        /// The assessment file; `-` reads standard input.
        assessment: PathBuf,
        /// The bundled edition to migrate to: a version such as `2.0.0` or `2`, or `latest`.
        #[arg(long, value_name = "VERSION", default_value = "latest")]
        to: String,
        /// A catalogue file to migrate to instead of a bundled edition.
        #[arg(long, value_name = "FILE")]
        catalogue: Option<PathBuf>,
        /// Format of the migration report.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Write the migrated assessment to this file.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Compare two assessments of one area over time (the older is migrated first if needed).
    Compare {
        /// The earlier assessment.
        old: PathBuf,
        /// The later assessment; its edition is the one compared in.
        new: PathBuf,
        /// Catalogue file to compare in (default: the bundled edition the later one names).
        #[arg(long, value_name = "FILE")]
        catalogue: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ChangeFormat::Text)]
        format: ChangeFormat,
        #[command(flatten)]
        output: Output,
    },
    /// Describe the spread of scores across areas, and where each stands (not a league table).
    Benchmark {
        /// Assessments of one edition, one per area; a folder gives every `*.json` file under it.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Catalogue file (default: the bundled edition the assessments name).
        #[arg(long, value_name = "FILE")]
        catalogue: Option<PathBuf>,
        /// Withhold figures for items scored by fewer areas than this.
        #[arg(long, value_name = "N", default_value_t = carepath::DEFAULT_MIN_GROUP)]
        min_group: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ChangeFormat::Text)]
        format: ChangeFormat,
        #[command(flatten)]
        output: Output,
    },
    /// Combine several raters' assessments of one area and date into one.
    ///
    /// The combined assessment goes to -o FILE (or standard output); the consensus report goes
    /// to standard output when -o is given, else to standard error.
    Consensus {
        /// One assessment per rater, same area, date and edition; a folder gives every `*.json` file under it.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Catalogue file (default: the bundled edition the assessments name).
        #[arg(long, value_name = "FILE")]
        catalogue: Option<PathBuf>,
        /// Scores this many points apart count as a disagreement to discuss.
        #[arg(long, value_name = "POINTS", default_value_t = carepath::DEFAULT_DISAGREEMENT)]
        threshold: i32,
        /// Format of the consensus report.
        #[arg(long, value_enum, default_value_t = ChangeFormat::Text)]
        format: ChangeFormat,
        /// Write the combined assessment to this file.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// HL7 FHIR R4 (SDC): a catalogue edition as a Questionnaire, an assessment as a
    /// QuestionnaireResponse, and a QuestionnaireResponse back into an assessment.
    Fhir {
        #[command(subcommand)]
        command: FhirCommand,
    },
    /// Tools for the people who write editions: draft the changes between two editions, and
    /// lint an edition for standards that are hard to rate or cite.
    Catalogue {
        #[command(subcommand)]
        command: CatalogueCommand,
    },
    /// List the bundled catalogues and their editions.
    Catalogues {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
enum CatalogueCommand {
    /// Draft the `changes` of NEW from OLD: ids kept with the same text, kept with changed text
    /// (review), new and removed (retired, with a reason to fill in), as a summary and as JSON
    /// ready to paste.
    Diff {
        /// The older edition: a file, or a bundled edition as `id@version`.
        old: String,
        /// The newer edition: a file, or a bundled edition as `id@version`.
        new: String,
        /// `text`: the summary, then the JSON; `json`: the JSON alone.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        output: Output,
    },
    /// Flag time words with no number, standards that join several requirements, citations
    /// without a reference, standards with no cross-cutting tag, priority or text changes of a
    /// kept standard without review, sources never cited and sources dated after the edition
    /// (exit 1 when anything is found).
    Lint {
        /// Catalogue files, or bundled editions as `id@version`.
        #[arg(required = true)]
        files: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
enum FhirCommand {
    /// Print a catalogue edition as a FHIR Questionnaire (SDC), to render in a form tool.
    Questionnaire {
        /// Bundled edition as `id@version` (or `id` for the latest; default: the default
        /// catalogue's latest edition).
        #[arg(value_name = "ID@VERSION", conflicts_with = "catalogue")]
        edition: Option<String>,
        /// A catalogue file instead of a bundled edition.
        #[arg(long, value_name = "FILE")]
        catalogue: Option<PathBuf>,
        #[command(flatten)]
        output: Output,
    },
    /// Write an assessment as a FHIR QuestionnaireResponse to its edition's Questionnaire.
    Export {
        /// The assessment file; `-` reads standard input.
        assessment: PathBuf,
        /// Catalogue file (default: the bundled edition the assessment names).
        #[arg(long, value_name = "FILE")]
        catalogue: Option<PathBuf>,
        #[command(flatten)]
        output: Output,
    },
    /// Read a FHIR QuestionnaireResponse back into an assessment (JSON), checked against the
    /// edition it answers; a bad response is reported with its FHIR path (exit 1).
    Import {
        /// The QuestionnaireResponse (JSON); `-` reads standard input.
        response: PathBuf,
        /// Catalogue file (default: the bundled edition the response's questionnaire names).
        #[arg(long, value_name = "FILE")]
        catalogue: Option<PathBuf>,
        #[command(flatten)]
        output: Output,
    },
}

/// The assessment to score and how to score it (`report` and `plan`; `score` takes many).
#[derive(Debug, Args)]
struct Scored {
    /// The assessment file; `-` reads standard input.
    assessment: PathBuf,
    #[command(flatten)]
    scoring: Scoring,
}

impl Scored {
    /// Reads the assessment, finds its catalogue and scores it.
    fn score(&self) -> Result<(Catalogue, carepath::Assessment, carepath::Report), Failure> {
        let assessment = load_assessment(&self.assessment)?;
        let catalogue =
            self.scoring.words(catalogue_for(&assessment, &self.assessment, self.scoring.catalogue.as_ref())?);
        let report = self
            .scoring
            .score(&catalogue, &assessment)
            .map_err(|e| Failure::input(display_name(&self.assessment), e))?;
        Ok((catalogue, assessment, report))
    }
}

/// Where a command that writes one document puts it.
#[derive(Debug, Args)]
struct Output {
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

impl Output {
    fn file(&self) -> Option<&Path> {
        self.output.as_deref()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// The formats of `score`: one assessment's summary or report, or a table of any number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ScoreFormat {
    /// One assessment: a readable summary.
    Text,
    /// One assessment: the report in the shared JSON format.
    Json,
    /// Any number: a row per assessment and theme, then per assessment, theme and group.
    Csv,
    /// Any number: one line per file, `{"source", "report"}` or `{"source", "error"}`.
    Jsonl,
}

/// The formats of `compare`, `benchmark` and `consensus`: the summaries of `text` and `json`,
/// plus the documents of `md`, `html` and `csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ChangeFormat {
    /// A readable summary.
    Text,
    /// The answer in the shared JSON format.
    Json,
    /// Markdown, for wikis: the same content as the HTML page, in tables.
    Md,
    /// One self-contained HTML page with charts (no script, no external fetch).
    Html,
    /// A row per item, RFC 4180 quoting, formula injection guarded.
    Csv,
}

impl ChangeFormat {
    /// The document format, or `None` for the summaries (`text`, `json`).
    fn document(self) -> Option<carepath_report::Format> {
        match self {
            Self::Text | Self::Json => None,
            Self::Md => Some(carepath_report::Format::Markdown),
            Self::Html => Some(carepath_report::Format::Html),
            Self::Csv => Some(carepath_report::Format::Csv),
        }
    }
}

impl From<ReportFormat> for carepath_report::Format {
    fn from(format: ReportFormat) -> Self {
        match format {
            ReportFormat::Md => Self::Markdown,
            ReportFormat::Html => Self::Html,
            ReportFormat::Csv => Self::Csv,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// Markdown.
    Md,
    /// One self-contained HTML page with charts (no script, no external fetch).
    Html,
    /// A row per item (overall, theme, cross-cutting theme, standard, gap), RFC 4180 quoting,
    /// formula injection guarded.
    Csv,
}

fn parse_schema_kind(text: &str) -> Result<SchemaKind, String> {
    text.parse()
}

fn parse_date(text: &str) -> Result<carepath::Date, String> {
    text.parse().map_err(|e: carepath::DateError| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(failure) => {
            for line in failure.lines() {
                eprintln!("error: {line}");
            }
            ExitCode::from(failure.exit_code())
        }
    }
}

fn run(command: Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Validate { files, catalogue, format } => validate(&files, catalogue.as_ref(), format),
        Command::Score { paths, scoring, format, fail_fast, no_groups, threads, no_progress, output } => {
            let one = match paths.as_slice() {
                [path] if path.as_os_str() == "-" || !path.is_dir() => Some(path.clone()),
                _ => None,
            };
            let table = match (format, one) {
                (None | Some(ScoreFormat::Text | ScoreFormat::Json), Some(assessment)) => {
                    let input = Scored { assessment, scoring };
                    let (catalogue, _, report) = input.score()?;
                    let text = match format {
                        Some(ScoreFormat::Json) => report.to_json(),
                        _ => carepath_report::text::summary(&catalogue, &report),
                    };
                    emit(&text, output.file())?;
                    return Ok(ExitCode::SUCCESS);
                }
                (Some(ScoreFormat::Text | ScoreFormat::Json), None) => {
                    use clap::CommandFactory;
                    Cli::command()
                        .error(
                            clap::error::ErrorKind::ArgumentConflict,
                            "several assessments (or a folder) are scored into one table: use --format csv or --format jsonl",
                        )
                        .exit()
                }
                (Some(ScoreFormat::Jsonl), _) => batch::Table::JsonLines,
                (None | Some(ScoreFormat::Csv), _) => batch::Table::Csv,
            };
            use std::io::IsTerminal;
            batch::run(&batch::Batch {
                paths: &paths,
                scoring: &scoring,
                table,
                output: output.file(),
                fail_fast,
                groups: !no_groups,
                threads: threads.map(usize::from),
                progress: !no_progress && std::io::stderr().is_terminal(),
            })
        }
        Command::Report { input, format, output } => {
            let (catalogue, assessment, report) = input.score()?;
            let text = carepath_report::Document::report(&catalogue, &assessment, &report).render(format.into());
            emit(&text, output.file())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Plan { input, format, output } => {
            let (catalogue, assessment, report) = input.score()?;
            let text = match format {
                Format::Text => carepath_report::text::plan(&catalogue, &assessment, &report),
                Format::Json => serde_json::to_string_pretty(&report.plan).unwrap_or_default() + "\n",
            };
            emit(&text, output.file())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Next { assessment, on, to, catalogue, output } => {
            evolve::next_round(&assessment, on, &to, catalogue.as_ref(), output.file())
        }
        Command::Schema { kind } => {
            emit(&kind.to_json(), None)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Workbook { catalogue, edition, from, output } => {
            workbook::run_workbook(catalogue.as_deref(), edition.as_deref(), from.as_deref(), &output)
        }
        Command::Import { workbook, catalogue, output } => {
            workbook::run_import(&workbook, catalogue.as_deref(), output.as_deref())
        }
        Command::Migrate { assessment, to, catalogue, format, output } => {
            evolve::migrate(&assessment, &to, catalogue.as_ref(), format, output.as_deref())
        }
        Command::Compare { old, new, catalogue, format, output } => {
            evolve::compare(&old, &new, catalogue.as_ref(), format, output.file())
        }
        Command::Benchmark { files, catalogue, min_group, format, output } => {
            evolve::benchmark(&files, catalogue.as_ref(), min_group, format, output.file())
        }
        Command::Consensus { files, catalogue, threshold, format, output } => {
            evolve::consensus(&files, catalogue.as_ref(), threshold, format, output.as_deref())
        }
        Command::Fhir { command } => match command {
            FhirCommand::Questionnaire { edition, catalogue, output } => {
                fhir::questionnaire(edition.as_deref(), catalogue.as_ref(), output.file())
            }
            FhirCommand::Export { assessment, catalogue, output } => {
                fhir::export(&assessment, catalogue.as_ref(), output.file())
            }
            FhirCommand::Import { response, catalogue, output } => {
                fhir::import(&response, catalogue.as_ref(), output.file())
            }
        },
        Command::Catalogue { command } => match command {
            CatalogueCommand::Diff { old, new, format, output } => catalogue::diff(&old, &new, format, output.file()),
            CatalogueCommand::Lint { files, format } => catalogue::lint(&files, format),
        },
        Command::Catalogues { format } => catalogues(format),
    }
}

#[derive(Serialize)]
struct Checked {
    file: String,
    kind: Option<&'static str>,
    valid: bool,
    summary: Option<String>,
    problems: Vec<carepath::Problem>,
}

fn validate(files: &[PathBuf], catalogue: Option<&PathBuf>, format: Format) -> Result<ExitCode, Failure> {
    let mut results = Vec::new();
    for path in files {
        let file = display_name(path);
        let outcome = check_one(path, catalogue);
        results.push(match outcome {
            Ok((kind, summary)) => {
                Checked { file, kind: Some(kind), valid: true, summary: Some(summary), problems: vec![] }
            }
            Err((kind, failure)) => {
                if format == Format::Text {
                    for line in failure.lines() {
                        eprintln!("error: {line}");
                    }
                }
                let problems = match failure {
                    Failure::Input { error, .. } => error.problems(),
                    other => other.lines().into_iter().map(|l| io_problem(&l)).collect(),
                };
                Checked { file, kind, valid: false, summary: None, problems }
            }
        });
    }
    let all_valid = results.iter().all(|r| r.valid);
    let text = match format {
        Format::Text => {
            results.iter().filter_map(|r| r.summary.as_ref().map(|s| format!("ok: {}: {s}\n", r.file))).collect()
        }
        Format::Json => serde_json::to_string_pretty(&results).unwrap_or_default() + "\n",
    };
    emit(&text, None)?;
    Ok(if all_valid { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// An I/O failure as a problem of the whole file, for the JSON output.
fn io_problem(line: &str) -> carepath::Problem {
    carepath::Problem::new("", carepath::ErrorCode::Io, line)
}

type CheckError = (Option<&'static str>, Failure);

fn check_one(path: &Path, catalogue: Option<&PathBuf>) -> Result<(&'static str, String), CheckError> {
    let file = display_name(path);
    let text = input::read(path).map_err(|f| (None, f))?;
    match DocumentKind::detect(&text) {
        Some(DocumentKind::Catalogue) => {
            let c = Catalogue::from_json(&text).map_err(|e| (Some("catalogue"), Failure::input(&file, e)))?;
            Ok((
                "catalogue",
                format!("catalogue {} ({} themes, {} standards)", c.reference(), c.themes.len(), c.standard_count()),
            ))
        }
        // A file that names neither kind is read as an assessment, whose reader says precisely
        // what is wrong; the kind stays unnamed.
        kind => {
            let fail = |f| (kind.map(DocumentKind::as_str), f);
            let a = carepath::Assessment::from_json(&text).map_err(|e| fail(Failure::input(&file, e)))?;
            let c = catalogue_for(&a, path, catalogue).map_err(fail)?;
            c.check(&a).map_err(|e| fail(Failure::input(&file, e)))?;
            Ok((
                "assessment",
                format!(
                    "assessment of {} on {} against {} ({} of {} standards have an entry)",
                    a.area.name,
                    a.assessed_on,
                    c.reference(),
                    a.ratings.len(),
                    c.standard_count()
                ),
            ))
        }
    }
}

#[derive(Serialize)]
struct Listed {
    id: String,
    version: String,
    title: String,
    published: String,
    themes: usize,
    standards: usize,
    latest: bool,
}

fn catalogues(format: Format) -> Result<ExitCode, Failure> {
    let refs = bundled_catalogues();
    let mut listed = Vec::new();
    for r in &refs {
        let c = Catalogue::bundled(r.id.as_str(), Some(&r.version.to_string())).map_err(|e| Failure::input(r, e))?;
        let latest = !refs.iter().any(|o| o.id == r.id && o.version > r.version);
        listed.push(Listed {
            id: r.id.to_string(),
            version: r.version.to_string(),
            title: c.title.clone(),
            published: c.published.to_string(),
            themes: c.themes.len(),
            standards: c.standard_count(),
            latest,
        });
    }
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&listed).unwrap_or_default() + "\n",
        Format::Text => listed
            .iter()
            .map(|l| {
                format!(
                    "{}@{}{}  {} (published {}; {} themes, {} standards)\n",
                    l.id,
                    l.version,
                    if l.latest { " (latest)" } else { "" },
                    l.title,
                    l.published,
                    l.themes,
                    l.standards
                )
            })
            .collect(),
    };
    emit(&text, None)?;
    Ok(ExitCode::SUCCESS)
}

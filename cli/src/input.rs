//! Reading files, telling catalogues from assessments, and finding the catalogue an assessment
//! is scored with. Every failure names the file.

use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use carepath::{Assessment, Catalogue, Report};

/// Why a command could not do its job.
#[derive(Debug)]
pub(crate) enum Failure {
    /// A file's content is wrong: exit code 1.
    Input { file: String, error: carepath::Error },
    /// A file could not be read or written: exit code 1.
    Io { file: String, error: io::Error },
}

impl Failure {
    pub(crate) fn input(file: impl fmt::Display, error: carepath::Error) -> Self {
        Self::Input { file: file.to_string(), error }
    }

    /// Invalid input and unreadable files both exit with 1 (usage errors, 2, come from clap).
    pub(crate) fn exit_code(&self) -> u8 {
        1
    }

    /// One line per problem, each naming the file.
    pub(crate) fn lines(&self) -> Vec<String> {
        match self {
            Self::Input { file, error: carepath::Error::Invalid(problems) } => {
                problems.iter().map(|p| format!("{file}: {p}")).collect()
            }
            Self::Input { file, error } => vec![format!("{file}: {error} [{}]", error.code())],
            Self::Io { file, error } => vec![format!("{file}: {error}")],
        }
    }
}

/// A file name as shown in messages: `-` reads standard input.
pub(crate) fn display_name(path: &Path) -> String {
    if path == Path::new("-") { "<stdin>".to_owned() } else { path.display().to_string() }
}

/// Reads a whole file (or standard input for `-`) as bytes.
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>, Failure> {
    let io_failure = |error| Failure::Io { file: display_name(path), error };
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map_err(io_failure)?;
        Ok(bytes)
    } else {
        std::fs::read(path).map_err(io_failure)
    }
}

/// Reads a whole JSON file (or standard input for `-`) as text, the way every surface does: a
/// leading byte-order mark is skipped, and bytes that are not UTF-8 are a located syntax error.
pub(crate) fn read(path: &Path) -> Result<String, Failure> {
    let bytes = read_bytes(path)?;
    carepath::json_text(&bytes).map(str::to_owned).map_err(|e| Failure::input(display_name(path), e))
}

pub(crate) fn load_catalogue(path: &Path) -> Result<Catalogue, Failure> {
    let text = read(path)?;
    Catalogue::from_json(&text).map_err(|e| Failure::input(display_name(path), e))
}

pub(crate) fn load_assessment(path: &Path) -> Result<Assessment, Failure> {
    let text = read(path)?;
    Assessment::from_json(&text).map_err(|e| Failure::input(display_name(path), e))
}

/// How assessments are scored (`score`, `report`, `plan`): against a catalogue file or each
/// one's bundled edition, in plain language or not, and the day overdue actions are judged on.
#[derive(Debug, clap::Args)]
pub(crate) struct Scoring {
    /// Catalogue file to score against (default: the bundled edition the assessment names).
    #[arg(long, value_name = "FILE")]
    pub(crate) catalogue: Option<PathBuf>,
    /// Show each standard's plain-language text (for families and lay members) in place of its
    /// description, where the edition gives one.
    #[arg(long)]
    pub(crate) plain: bool,
    /// Judge which actions of the plan are overdue on this day (YYYY-MM-DD) rather than on the
    /// day of the assessment.
    #[arg(long, value_name = "DATE", value_parser = crate::parse_date)]
    pub(crate) as_of: Option<carepath::Date>,
}

impl Scoring {
    /// The catalogue in the words asked for.
    pub(crate) fn words(&self, catalogue: Catalogue) -> Catalogue {
        if self.plain { catalogue.with_plain_language() } else { catalogue }
    }

    /// Scores an assessment, judging overdue actions on `--as-of` when given.
    pub(crate) fn score(&self, catalogue: &Catalogue, assessment: &Assessment) -> Result<Report, carepath::Error> {
        match self.as_of {
            Some(day) => catalogue.score_as_of(assessment, day),
            None => catalogue.score(assessment),
        }
    }
}

/// The catalogue to score an assessment with: the file given, or else the bundled edition the
/// assessment names (or, when that exact edition is not bundled, the latest compatible one).
pub(crate) fn catalogue_for(
    assessment: &Assessment,
    file: &Path,
    catalogue: Option<&PathBuf>,
) -> Result<Catalogue, Failure> {
    if let Some(path) = catalogue {
        return load_catalogue(path);
    }
    Catalogue::bundled_for(&assessment.catalogue).map_err(|e| Failure::input(display_name(file), e))
}

/// Writes output to a file, or to standard output when no file is named. A closed pipe
/// (`carepath score x | head`) is not an error.
pub(crate) fn emit(text: &str, out: Option<&Path>) -> Result<(), Failure> {
    use std::io::Write;
    match out {
        Some(path) => std::fs::write(path, text).map_err(|error| Failure::Io { file: display_name(path), error }),
        None => match io::stdout().lock().write_all(text.as_bytes()) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure::Io { file: "<stdout>".into(), error: e }),
            _ => Ok(()),
        },
    }
}

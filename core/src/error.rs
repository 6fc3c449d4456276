//! Errors: one enum for everything that can go wrong with data, each variant saying what and
//! where (a JSON Pointer path into the document, and the offending value in backticks).

use std::fmt;

use serde::Serialize;

use crate::code::ErrorCode;
use crate::fhir::FhirProblem;

/// Everything that can go wrong when reading, checking, scoring or migrating carepath data.
///
/// Every variant says *where*: a JSON Pointer ([RFC 6901]) into the document, such as
/// `/ratings/T1.1/rating`, and quotes the offending value. Surfaces (CLI, Python, JS) add the
/// file name. [`Error::code`] gives a stable machine-readable code for each variant.
///
/// [RFC 6901]: https://www.rfc-editor.org/rfc/rfc6901
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text is not JSON at all (or has trailing characters).
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What the JSON parser found.
        message: String,
    },
    /// The JSON is well formed but not in the shape of the file format: an unknown field, a
    /// missing field, a value of the wrong type, a repeated key, a malformed date or version.
    #[error("at `{path}`: {message}", path = display_path(path))]
    Schema {
        /// JSON Pointer to the offending value.
        path: String,
        /// What is wrong, quoting the offending value.
        message: String,
    },
    /// A `schema_version` of a major version this reader does not support.
    #[error(
        "at `{path}`: unsupported schema_version `{found}`: this reader supports {supported}",
        path = display_path(path)
    )]
    Version {
        /// JSON Pointer to the version field.
        path: String,
        /// The version found in the file.
        found: String,
        /// The versions this reader supports, such as `1.x`.
        supported: String,
    },
    /// A field this reader does not know, in a file of a newer minor file-format version than
    /// the newest it reads: the file needs a newer carepath, not a correction.
    #[error(
        "at `{path}`: unknown field `{field}`: this file uses format {major}.{minor}; this version of carepath reads up to {}.{}: upgrade carepath to read it",
        crate::version::SCHEMA_MAJOR,
        crate::version::SCHEMA_MINOR,
        path = display_path(path)
    )]
    NewerFormat {
        /// JSON Pointer to the unknown field.
        path: String,
        /// The field's name.
        field: String,
        /// The file's major format version.
        major: u64,
        /// The file's minor format version, newer than [`SCHEMA_MINOR`](crate::version::SCHEMA_MINOR).
        minor: u64,
    },
    /// The document is well formed but breaks the rules: every problem found is listed.
    #[error("{0}")]
    Invalid(Problems),
    /// A bundled catalogue or catalogue edition that does not exist.
    #[error("no bundled catalogue `{spec}`; bundled: {available}")]
    NotFound {
        /// What was asked for, such as `perinatal-mental-health@9`.
        spec: String,
        /// What is bundled, comma separated.
        available: String,
    },
    /// A FHIR resource that does not map to carepath data: not a `QuestionnaireResponse`, a
    /// response to another questionnaire or edition, an item the catalogue lacks, an answer off
    /// the scale, two answers to one standard, an element missing or of the wrong type.
    #[error("at `{path}`: {message}")]
    Fhir {
        /// What kind of problem (its [`FhirProblem::code`] is the error's code).
        problem: FhirProblem,
        /// The FHIR path of the offending element, such as `item[2].item[4].answer[0]`
        /// (not a JSON Pointer).
        path: String,
        /// What is wrong, quoting the offending value.
        message: String,
    },
    /// A request that cannot be carried out with these inputs, such as comparing assessments of
    /// two different catalogues.
    #[error("{message}")]
    Unsupported {
        /// Stable code of the situation, such as `mixed_catalogues`.
        code: ErrorCode,
        /// What is wrong and what would work.
        message: String,
    },
}

impl Error {
    /// A stable machine-readable code: `syntax`, `schema`, `version`, `invalid`, `not_found`,
    /// the code of an [`Error::Fhir`] problem (`fhir_resource`, `fhir_questionnaire`,
    /// `fhir_link_id`, `fhir_off_scale`, `fhir_repeated`, `fhir_shape`), or the code of an
    /// [`Error::Unsupported`] situation.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Syntax { .. } => ErrorCode::Syntax,
            Self::Schema { .. } => ErrorCode::Schema,
            Self::Version { .. } | Self::NewerFormat { .. } => ErrorCode::Version,
            Self::Invalid(_) => ErrorCode::Invalid,
            Self::NotFound { .. } => ErrorCode::NotFound,
            Self::Fhir { problem, .. } => problem.code(),
            Self::Unsupported { code, .. } => *code,
        }
    }

    /// The JSON Pointer the error is about, when it is about one place (`None` for a syntax
    /// error, which has a line and column instead, and for a list of problems); for an
    /// [`Error::Fhir`], the FHIR path of the offending element.
    #[must_use]
    pub fn path(&self) -> Option<&str> {
        match self {
            Self::Schema { path, .. }
            | Self::Version { path, .. }
            | Self::NewerFormat { path, .. }
            | Self::Fhir { path, .. } => Some(path),
            Self::Invalid(problems) if problems.len() == 1 => Some(&problems.0[0].path),
            _ => None,
        }
    }

    /// Every problem in the error: the list of an [`Error::Invalid`], or the error itself as a
    /// single problem.
    #[must_use]
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Self::Invalid(problems) => problems.0.clone(),
            Self::Schema { path, message } => vec![Problem::new(path.clone(), ErrorCode::Schema, message.clone())],
            Self::Version { path, .. } | Self::NewerFormat { path, .. } => {
                vec![Problem::new(path.clone(), ErrorCode::Version, self.to_string())]
            }
            Self::Fhir { problem, path, message } => vec![Problem::new(path.clone(), problem.code(), message.clone())],
            Self::Syntax { .. } | Self::NotFound { .. } | Self::Unsupported { .. } => {
                vec![Problem::new(String::new(), self.code(), self.to_string())]
            }
        }
    }

    /// A single problem as an [`Error::Invalid`].
    pub(crate) fn invalid(path: impl Into<String>, code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Invalid(Problems(vec![Problem::new(path, code, message)]))
    }

    /// A request that cannot be carried out with these inputs, with the code of the situation.
    pub fn unsupported(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Unsupported { code, message: message.into() }
    }
}

/// An error as every surface reports it (the JSON the WebAssembly module answers, the fields of
/// Python's exceptions): what [`Error`] says, in one serialisable shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct ErrorInfo {
    /// The error's code.
    pub code: ErrorCode,
    /// What is wrong and where, for people.
    pub message: String,
    /// The JSON Pointer (or, for a FHIR error, the FHIR path) of the offending value, when the
    /// error is about one place.
    pub path: Option<String>,
    /// Every problem: the list of an invalid document, or the error itself as one problem.
    pub problems: Vec<Problem>,
    /// For a syntax error: the 1-based line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// For a syntax error: the 1-based column, in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// For an error in one document of a set (a benchmark's assessments, a batch): its 0-based
    /// place in the set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<usize>,
}

impl ErrorInfo {
    /// The error as JSON text (compact).
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|_| format!(r#"{{"code":"{}","message":"unreportable error"}}"#, self.code))
    }
}

impl Error {
    /// The error in its serialisable shape.
    #[must_use]
    pub fn info(&self) -> ErrorInfo {
        let (line, column) = match self {
            Self::Syntax { line, column, .. } => (Some(*line), Some(*column)),
            _ => (None, None),
        };
        ErrorInfo {
            code: self.code(),
            message: self.to_string(),
            path: self.path().map(str::to_owned),
            problems: self.problems(),
            line,
            column,
            document: None,
        }
    }

    /// The error of the `index`-th document (0-based) of a set of `what`s (such as
    /// `assessment`): every path is prefixed with `/<index>` (a syntax error points at the
    /// document itself), and every message says which document (1-based, as people count).
    #[must_use]
    pub fn info_in_set(&self, index: usize, what: &str) -> ErrorInfo {
        let mut info = self.info();
        let prefix = |path: &str| format!("/{index}{path}");
        info.path = match self {
            Self::Syntax { .. } => Some(prefix("")),
            _ => info.path.as_deref().map(prefix),
        };
        for p in &mut info.problems {
            p.path = prefix(&p.path);
            p.message = format!("{what} {}: {}", index + 1, p.message);
        }
        info.message = format!("{what} {}: {}", index + 1, info.message);
        info.document = Some(index);
        info
    }
}

/// One thing wrong with a document that is otherwise well formed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[non_exhaustive]
pub struct Problem {
    /// JSON Pointer to the offending value (empty for the whole document).
    pub path: String,
    /// A stable code such as `unknown_standard` or `rating_off_scale`.
    pub code: ErrorCode,
    /// What is wrong, quoting the offending value.
    pub message: String,
}

impl Problem {
    /// A problem at `path` (a JSON Pointer; empty for the whole document).
    #[must_use]
    pub fn new(path: impl Into<String>, code: ErrorCode, message: impl Into<String>) -> Self {
        Self { path: path.into(), code, message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at `{}`: {} [{}]", display_path(&self.path), self.message, self.code)
    }
}

/// All the problems found in a document; never empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Problems(pub(crate) Vec<Problem>);

impl Problems {
    /// The problems, in document order.
    #[must_use]
    pub fn as_slice(&self) -> &[Problem] {
        &self.0
    }

    /// How many problems there are (at least one).
    #[must_use]
    #[allow(clippy::len_without_is_empty)] // never empty by construction
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Iterates over the problems.
    pub fn iter(&self) -> std::slice::Iter<'_, Problem> {
        self.0.iter()
    }
}

impl<'a> IntoIterator for &'a Problems {
    type Item = &'a Problem;
    type IntoIter = std::slice::Iter<'a, Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.as_slice() {
            [one] => write!(f, "{one}"),
            many => {
                write!(f, "{} problems:", many.len())?;
                for problem in many {
                    write!(f, "\n  {problem}")?;
                }
                Ok(())
            }
        }
    }
}

/// Collects problems while checking a document.
#[derive(Debug, Default)]
pub(crate) struct Collector(Vec<Problem>);

impl Collector {
    pub(crate) fn push(&mut self, path: impl Into<String>, code: ErrorCode, message: impl Into<String>) {
        self.0.push(Problem::new(path, code, message));
    }

    pub(crate) fn finish(self) -> Result<(), Error> {
        if self.0.is_empty() { Ok(()) } else { Err(Error::Invalid(Problems(self.0))) }
    }
}

/// Shows the root pointer (the empty string) readably.
fn display_path(path: &str) -> &str {
    if path.is_empty() { "/" } else { path }
}

/// Appends one reference token to a JSON Pointer, escaping `~` and `/` as RFC 6901 says.
pub(crate) fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// Builds a JSON Pointer ([RFC 6901](https://www.rfc-editor.org/rfc/rfc6901)) from reference
/// tokens, escaping `~` and `/`: the form of every path in carepath's errors.
///
/// ```
/// assert_eq!(carepath::json_pointer(["ratings", "T1.1", "rating"]), "/ratings/T1.1/rating");
/// assert_eq!(carepath::json_pointer(["a/b~c"]), "/a~1b~0c");
/// ```
pub fn pointer<I, T>(tokens: I) -> String
where
    I: IntoIterator<Item = T>,
    T: fmt::Display,
{
    let mut out = String::new();
    for token in tokens {
        push_token(&mut out, &token.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_tilde_and_slash() {
        assert_eq!(pointer(["ratings", "a/b~c"]), "/ratings/a~1b~0c");
        assert_eq!(pointer(Vec::<String>::new()), "");
    }

    #[test]
    fn codes_are_stable() {
        let e = Error::Schema { path: "/x".into(), message: "bad".into() };
        assert_eq!(e.code(), "schema");
        assert_eq!(e.path(), Some("/x"));
        assert_eq!(e.to_string(), "at `/x`: bad");
        let root = Error::Schema { path: String::new(), message: "bad".into() };
        assert_eq!(root.to_string(), "at `/`: bad");
    }

    #[test]
    fn problems_list_every_problem() {
        let mut c = Collector::default();
        c.push("/a", ErrorCode::UnknownStandard, "first");
        c.push("/b", ErrorCode::RatingOffScale, "second");
        let err = c.finish().unwrap_err();
        assert_eq!(err.code(), "invalid");
        assert_eq!(err.problems().len(), 2);
        assert_eq!(
            err.to_string(),
            "2 problems:\n  at `/a`: first [unknown_standard]\n  at `/b`: second [rating_off_scale]"
        );
    }
}

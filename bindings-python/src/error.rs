//! Errors: everything that can fail in the binding becomes a [`Failure`], and
//! `From<Failure> for PyErr` is the one place that picks the Python exception class.
//!
//! Core errors map by [`carepath::Error::code`] to the classes of `carepath/_errors.py`:
//! `syntax` and `schema` to `SchemaError`, `version` to `VersionError`, `invalid` to
//! `ValidationError`, `not_found` to `NotFoundError`; inputs that cannot go together
//! (`mixed_*`, `migration_backwards`, `no_migration_path`, `repeated_area`, `dates_reversed`)
//! to `IncompatibleError`; too few inputs (`no_assessments`, `too_few_raters`) to
//! `TooFewError`; the `fhir_*` codes (a QuestionnaireResponse that does not map) to `FhirError`;
//! any other code to `CarepathError`. Files
//! that cannot be read raise `OSError` (such as `FileNotFoundError`) with the file name; Python
//! values of the wrong type raise `TypeError`.

use std::io;

use pyo3::exceptions::{PyOSError, PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyType};

/// Why a call failed, with what the user needs to find the problem.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Bad data: a core error, with the file it came from and the place in a batch.
    Data {
        /// The core error.
        error: carepath::Error,
        /// The file the data was read from.
        file: Option<String>,
        /// Where in a batch, such as `items[3]`.
        context: Option<String>,
    },
    /// A file that cannot be read or written.
    Io {
        /// The operating system's error.
        error: io::Error,
        /// The file.
        file: String,
        /// Where in a batch.
        context: Option<String>,
    },
    /// A workbook that could not be written or read, with its file.
    Workbook {
        /// Every problem, with its sheet and cell.
        error: carepath_report::workbook::WorkbookError,
        /// The workbook's file.
        file: String,
    },
    /// A Python value of the wrong type.
    Type(String),
    /// An argument of the right type but out of range (`threads=0`, `min_group=-1`): code
    /// `argument`, as the JavaScript package says it.
    Argument(String),
}

impl From<carepath::Error> for Failure {
    fn from(error: carepath::Error) -> Self {
        Self::Data { error, file: None, context: None }
    }
}

impl Failure {
    /// Says which file the failure is about (unless it already says); `None`, for data that
    /// came from no file (text, a dict, an object), leaves it as it is.
    pub(crate) fn in_file<'a>(mut self, name: impl Into<Option<&'a str>>) -> Self {
        if let (Self::Data { file: file @ None, .. }, Some(name)) = (&mut self, name.into()) {
            *file = Some(name.to_owned());
        }
        self
    }

    /// Says where in a batch the failure happened, such as `items[3]`.
    pub(crate) fn at(mut self, place: String) -> Self {
        match &mut self {
            Self::Data { context, .. } | Self::Io { context, .. } => *context = Some(place),
            Self::Type(message) | Self::Argument(message) => *message = format!("{place}: {message}"),
            Self::Workbook { .. } => {}
        }
        self
    }
}

/// An integer argument from `min` to `max`. Any Python int outside them, however large, is an
/// `ArgumentError` that names the argument and the range (never a bare `OverflowError`); a
/// value that is no int (a bool, a float, a str) is a `TypeError`.
pub(crate) fn int_argument(value: &Bound<'_, PyAny>, what: &str, min: i64, max: i64) -> Result<i64> {
    use pyo3::types::{PyBool, PyInt};
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(Failure::Type(format!("{what} must be an int, not {}", type_name(value))));
    }
    match value.extract::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => {
            let shown = value.str().map_or_else(|_| "?".to_owned(), |s| s.to_string());
            Err(Failure::Argument(format!("{what} must be an integer from {min} to {max}, got {shown}")))
        }
    }
}

/// The exception class of a code, by the core's category of it: the single mapping from codes
/// to classes, checked by the compiler (a new category must be given its class here).
fn class_for(code: carepath::ErrorCode) -> &'static str {
    use carepath::Category;
    match code.category() {
        Category::Schema => "SchemaError",
        Category::Version => "VersionError",
        Category::Validation => "ValidationError",
        Category::NotFound => "NotFoundError",
        Category::Incompatible => "IncompatibleError",
        Category::TooFew => "TooFewError",
        Category::Argument => "ArgumentError",
        Category::Fhir => "FhirError",
        Category::Workbook => "WorkbookError",
        // Files that cannot be read raise OSError before a code is made; a code of another
        // category (the core may add one) is the base class until it is given its own.
        _ => "CarepathError",
    }
}

/// The exception class of each error code, for `carepath._errors` and its test.
pub(crate) fn class_names() -> Vec<(&'static str, &'static str)> {
    carepath::ErrorCode::ALL
        .iter()
        .filter(|c| c.is_error() && c.category() != carepath::Category::Io)
        .map(|c| (c.as_str(), class_for(*c)))
        .collect()
}

fn exception_class<'py>(py: Python<'py>, name: &'static str) -> PyResult<&'py Bound<'py, PyType>> {
    static SCHEMA: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static VERSION: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static VALIDATION: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static NOT_FOUND: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static INCOMPATIBLE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static TOO_FEW: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static ARGUMENT: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static FHIR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static WORKBOOK: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static BASE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    let cell = match name {
        "SchemaError" => &SCHEMA,
        "VersionError" => &VERSION,
        "ValidationError" => &VALIDATION,
        "NotFoundError" => &NOT_FOUND,
        "IncompatibleError" => &INCOMPATIBLE,
        "TooFewError" => &TOO_FEW,
        "ArgumentError" => &ARGUMENT,
        "FhirError" => &FHIR,
        "WorkbookError" => &WORKBOOK,
        _ => &BASE,
    };
    cell.import(py, "carepath._errors", name)
}

fn data_error(py: Python<'_>, error: &carepath::Error, file: Option<&str>, context: Option<&str>) -> PyResult<PyErr> {
    let mut message = error.to_string();
    if let Some(file) = file {
        message = format!("{file}: {message}");
    }
    if let Some(context) = context {
        message = format!("{context}: {message}");
    }
    let problems = PyList::empty(py);
    for problem in error.problems() {
        let item = PyDict::new(py);
        item.set_item("path", &problem.path)?;
        item.set_item("code", problem.code.as_str())?;
        item.set_item("message", &problem.message)?;
        problems.append(item)?;
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item("code", error.code().as_str())?;
    kwargs.set_item("path", error.path())?;
    kwargs.set_item("file", file)?;
    kwargs.set_item("problems", problems)?;
    let class = exception_class(py, class_for(error.code()))?;
    let instance = class.call((message,), Some(&kwargs))?;
    Ok(PyErr::from_value(instance))
}

fn workbook_error(py: Python<'_>, error: &carepath_report::workbook::WorkbookError, file: &str) -> PyResult<PyErr> {
    let problems = PyList::empty(py);
    for problem in error.problems() {
        let item = PyDict::new(py);
        item.set_item("sheet", problem.sheet.as_deref())?;
        item.set_item("cell", problem.cell.as_deref())?;
        item.set_item("message", &problem.message)?;
        problems.append(item)?;
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item("code", error.code().as_str())?;
    kwargs.set_item("file", file)?;
    kwargs.set_item("problems", problems)?;
    let instance = exception_class(py, class_for(error.code()))?.call((format!("{file}: {error}"),), Some(&kwargs))?;
    Ok(PyErr::from_value(instance))
}

fn argument_error(py: Python<'_>, message: &str) -> PyResult<PyErr> {
    let kwargs = PyDict::new(py);
    kwargs.set_item("code", "argument")?;
    let instance = exception_class(py, "ArgumentError")?.call((message,), Some(&kwargs))?;
    Ok(PyErr::from_value(instance))
}

/// `OSError(errno, strerror, filename)`: Python picks the subclass (`FileNotFoundError`,
/// `PermissionError`, `IsADirectoryError`, ...) from the errno.
fn io_error(error: &io::Error, file: &str, context: Option<&str>) -> PyErr {
    let place = |text: String| match context {
        Some(context) => format!("{text} ({context})"),
        None => text,
    };
    match error.raw_os_error() {
        Some(errno) => {
            let reason = io::Error::from_raw_os_error(errno).to_string();
            let reason = reason.split(" (os error").next().unwrap_or(&reason).to_owned();
            PyOSError::new_err((errno, place(reason), file.to_owned()))
        }
        None => PyOSError::new_err(place(format!("{file}: {error}"))),
    }
}

impl From<Failure> for PyErr {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Data { error, file, context } => Python::attach(|py| {
                data_error(py, &error, file.as_deref(), context.as_deref())
                    .unwrap_or_else(|e| PyRuntimeError::new_err(format!("cannot raise carepath error ({e}): {error}")))
            }),
            Failure::Io { error, file, context } => io_error(&error, &file, context.as_deref()),
            Failure::Workbook { error, file } => Python::attach(|py| {
                workbook_error(py, &error, &file)
                    .unwrap_or_else(|e| PyRuntimeError::new_err(format!("cannot raise carepath error ({e}): {error}")))
            }),
            Failure::Type(message) => PyTypeError::new_err(message),
            Failure::Argument(message) => Python::attach(|py| {
                argument_error(py, &message).unwrap_or_else(|e| {
                    PyRuntimeError::new_err(format!("cannot raise carepath error ({e}): {message}"))
                })
            }),
        }
    }
}

/// The result type of the binding's internals.
pub(crate) type Result<T, E = Failure> = std::result::Result<T, E>;

/// Reads a whole JSON file as text, as every surface does (a byte-order mark skipped, bytes that
/// are not UTF-8 a located syntax error); failures name the file.
pub(crate) fn read_text(path: &std::path::Path) -> Result<String> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|error| Failure::Io { error, file: name.clone(), context: None })?;
    carepath::json_text(&bytes).map(str::to_owned).map_err(|e| Failure::from(e).in_file(name.as_str()))
}

/// JSON text given to a `from_json`: a `str`, or the `bytes` (or `bytearray`) of a file,
/// decoded as every surface decodes files.
pub(crate) fn json_argument(value: &Bound<'_, PyAny>, what: &str) -> Result<String> {
    use pyo3::types::{PyByteArray, PyBytes, PyString};
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(s.to_cow().map_err(|e| Failure::Type(e.to_string()))?.into_owned());
    }
    if let Ok(b) = value.cast::<PyBytes>() {
        return Ok(carepath::json_text(b.as_bytes())?.to_owned());
    }
    if let Ok(b) = value.cast::<PyByteArray>() {
        return Ok(carepath::json_text(&b.to_vec())?.to_owned());
    }
    Err(Failure::Type(format!("{what} expects JSON text (str or bytes), not {}", type_name(value))))
}

/// Writes a whole file; failures name the file.
pub(crate) fn write_text(path: &std::path::Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|error| Failure::Io { error, file: path.display().to_string(), context: None })
}

/// The name of a Python value's type, for messages.
pub(crate) fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map_or_else(|_| "object".to_owned(), |n| n.to_string())
}

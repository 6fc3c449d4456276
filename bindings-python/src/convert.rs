//! Conversions between Python values and the core's JSON shapes.
//!
//! Rust to Python goes through JSON text and Python's own `json.loads`: fast (C), and it keeps
//! the field order of the design's shapes. Python to Rust writes JSON text from the Python value
//! (keeping dict order, so ratings keep theirs) and hands it to the core's strict reader, so a
//! dict gets exactly the checks, error codes and JSON Pointer paths of a file.

use std::fmt::Write as _;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::Serialize;

use crate::error::{Failure, Result, type_name};

/// Any serializable core value as plain Python values (dicts, lists, str, int, float, None).
pub(crate) fn to_py<'py, T: Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let text = serde_json::to_string(value).map_err(|e| PyRuntimeError::new_err(format!("cannot convert: {e}")))?;
    LOADS.import(py, "json", "loads")?.call1((text,))
}

/// Appends one reference token to a JSON Pointer (RFC 6901 escapes `~` and `/`), in place
/// while a value is walked; whole pointers come from `carepath::json_pointer`.
fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// The JSON text of a Python value made of dicts (str keys), lists, tuples, str, int, float,
/// bool and None. Other types are a `TypeError` naming the place; a float that JSON cannot hold
/// (nan, inf) is a schema error at its place.
pub(crate) fn to_json_text(value: &Bound<'_, PyAny>) -> Result<String> {
    let mut out = String::with_capacity(1024);
    let mut path = String::new();
    write_value(value, &mut out, &mut path, 0)?;
    Ok(out)
}

/// Deeper than this is not a carepath document (and would risk the stack).
const MAX_DEPTH: usize = 64;

fn write_value(value: &Bound<'_, PyAny>, out: &mut String, path: &mut String, depth: usize) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(Failure::Type(format!("at `{}`: nested more than {MAX_DEPTH} levels deep", place(path))));
    }
    if value.is_none() {
        out.push_str("null");
    } else if let Ok(b) = value.cast::<PyBool>() {
        out.push_str(if b.is_true() { "true" } else { "false" });
    } else if let Ok(i) = value.cast::<PyInt>() {
        // Any size: the core's reader decides what fits.
        let _ = write!(out, "{}", i.str().map_err(|e| Failure::Type(e.to_string()))?);
    } else if let Ok(f) = value.cast::<PyFloat>() {
        let x = f.value();
        if !x.is_finite() {
            return Err(carepath::Error::Schema {
                path: path.clone(),
                message: format!("`{x}` is not a number JSON can hold"),
            }
            .into());
        }
        out.push_str(&serde_json::Number::from_f64(x).map_or_else(|| "null".to_owned(), |n| n.to_string()));
    } else if let Ok(s) = value.cast::<PyString>() {
        let text = s.to_cow().map_err(|e| Failure::Type(format!("at `{}`: {e}", place(path))))?;
        push_json_string(out, &text);
    } else if let Ok(d) = value.cast::<PyDict>() {
        out.push('{');
        for (i, (key, item)) in d.iter().enumerate() {
            let Ok(key) = key.cast::<PyString>() else {
                return Err(Failure::Type(format!(
                    "at `{}`: dict keys must be str, found {} key {}",
                    place(path),
                    type_name(&key),
                    key.repr().map_or_else(|_| "?".to_owned(), |r| r.to_string())
                )));
            };
            let key = key.to_cow().map_err(|e| Failure::Type(format!("at `{}`: {e}", place(path))))?;
            if i > 0 {
                out.push(',');
            }
            push_json_string(out, &key);
            out.push(':');
            let len = path.len();
            push_token(path, &key);
            write_value(&item, out, path, depth + 1)?;
            path.truncate(len);
        }
        out.push('}');
    } else if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        out.push('[');
        for (i, item) in value.try_iter().map_err(|e| Failure::Type(e.to_string()))?.enumerate() {
            let item = item.map_err(|e| Failure::Type(e.to_string()))?;
            if i > 0 {
                out.push(',');
            }
            let len = path.len();
            push_token(path, &i.to_string());
            write_value(&item, out, path, depth + 1)?;
            path.truncate(len);
        }
        out.push(']');
    } else {
        return Err(Failure::Type(format!(
            "at `{}`: a {} has no JSON form (use dict, list, str, int, float, bool or None{})",
            place(path),
            type_name(value),
            if type_name(value).contains("date") { "; dates are `YYYY-MM-DD` strings" } else { "" }
        )));
    }
    Ok(())
}

/// A JSON Pointer as shown in messages (the root as `/`).
fn place(path: &str) -> &str {
    if path.is_empty() { "/" } else { path }
}

fn push_json_string(out: &mut String, text: &str) {
    // Serializing a str to JSON cannot fail.
    out.push_str(&serde_json::to_string(text).unwrap_or_default());
}

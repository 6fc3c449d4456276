//! Strict JSON reading: every error carries a JSON Pointer to the offending value, repeated keys
//! are errors, and a file of another major `schema_version` is reported as such even when its
//! content no longer fits this reader's types.

use std::fmt;
use std::hash::Hash;
use std::marker::PhantomData;

use indexmap::IndexMap;
use serde::de::{DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;
use crate::{syntax, tree, version};

/// Parses a whole document of type `T`, mapping every failure to a located [`Error`]: the text
/// is parsed into a [`tree`] first (a syntax error anywhere wins), then `T` is read from it, and
/// a value that does not fit is reported with its JSON Pointer.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    let document = document(text)?;
    object::<_, T>(tree::Reader::new(&document, &tree::Path::Root)).map_err(|err| file_error(&document, err))
}

/// What a whole file that does not fit its format is told.
#[cold]
pub(crate) fn file_error(document: &tree::Document<'_>, err: tree::Mismatch) -> Error {
    // A file of another major version may fail anywhere: say so rather than point at a field
    // that the newer format added.
    let schema_version = schema_version(document);
    probe_schema_version(schema_version).unwrap_or_else(|| match schema_error(err) {
        Error::Schema { path, message } => {
            newer_format(schema_version, &path, &message).unwrap_or(Error::Schema { path, message })
        }
        other => other,
    })
}

/// Reads one value of the file formats' types (an action, a target, a list of archived
/// ratings) from JSON text as strictly as whole files are read: unknown fields, repeated keys and
/// values of the wrong type are [`Error::Schema`] with the JSON Pointer of the value inside
/// `text`, and text that is not JSON is an [`Error::Syntax`]. Hosts that take parts of a document
/// as JSON (the web package's `addAction`, say) read them with this rather than with a second
/// JSON reader.
///
/// # Errors
/// [`Error::Syntax`] for text that is not JSON, [`Error::Schema`] for JSON that is not a `T`.
pub fn read<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    let document = document(text)?;
    T::deserialize(tree::Reader::new(&document, &tree::Path::Root)).map_err(schema_error)
}

/// Parses any JSON document into a [`serde_json::Value`], refusing a repeated key (which a plain
/// parse would let silently overwrite the first) with its path, as the formats' readers do.
///
/// # Errors
/// [`Error::Syntax`] for text that is not JSON; [`Error::Schema`] for a repeated key.
pub fn value(text: &str) -> Result<serde_json::Value, Error> {
    let document = document(text)?;
    tree::to_json(&document, &document.root, &tree::Path::Root).map_err(schema_error)
}

/// The tree of a text (a leading byte-order mark skipped), or its syntax error.
pub(crate) fn document(text: &str) -> Result<tree::Document<'_>, Error> {
    let text = strip_bom(text);
    tree::parse(text).map_err(|err| syntax_error(text, &err))
}

/// A value that did not fit, as the error every surface reports.
pub(crate) fn schema_error(err: tree::Mismatch) -> Error {
    let err = err.into_parts();
    Error::Schema { path: err.path.unwrap_or_default(), message: err.message }
}

/// The syntax error of a text that is not JSON, in serde_json's words and at its line and column
/// (the messages every Rust JSON tool gives); what only a typed reader refuses (a number out of
/// range, nesting deeper than 127) at the tree parser's own position.
#[cold]
fn syntax_error(text: &str, err: &tree::SyntaxError) -> Error {
    match syntax::first_fault(text) {
        Some(fault) => Error::Syntax { line: fault.line, column: fault.column, message: fault.message.to_owned() },
        None => {
            let before = &text[..err.offset.min(text.len())];
            let line = 1 + before.matches('\n').count();
            let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            Error::Syntax { line, column, message: err.message.to_owned() }
        }
    }
}

/// The text of a document given as bytes: UTF-8, with or without a leading byte-order mark
/// (which editors on Windows and spreadsheet exports add, and which RFC 8259 lets a reader
/// ignore). Bytes that are not UTF-8 are an [`Error::Syntax`] at the line and column of the
/// first bad byte, the same answer on every surface, never a replacement character in the data.
pub fn text(bytes: &[u8]) -> Result<&str, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = 1 + good.iter().filter(|&&b| b == b'\n').count();
        let start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // Columns count characters, as editors show them.
        let column = 1 + String::from_utf8_lossy(&good[start..]).chars().count();
        Error::Syntax {
            line,
            column,
            message: format!("the file is not UTF-8: byte `0x{:02X}` at offset {} cannot start or continue a character (save the file as UTF-8)", bytes[e.valid_up_to()], e.valid_up_to()),
        }
    })
}

/// A leading byte-order mark of text that was decoded already (a string a host read from a
/// file): skipped as [`text`] skips it in bytes.
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Reads a `T` (a struct, or an internally tagged enum) from a JSON object and nothing else.
///
/// serde's derived readers also accept an array and fill the fields by position, so that
/// `"area": ["Northbrook", "locality"]` would silently make "locality" the area's code. The file
/// format's objects are objects (the JSON Schemas say `type: object`), so every struct of the
/// format is read through here: as a field with `deserialize_with = "json::object"`, in a list
/// with [`objects`], as the values of a map with [`unique_object_map`], and as a whole document
/// by [`from_str`].
pub(crate) fn object<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<T, A::Error> {
        T::deserialize(serde::de::value::MapAccessDeserializer::new(access))
    }
}

/// [`object`] for an optional field: `null` (or no field, with `#[serde(default)]`) is `None`.
pub(crate) fn optional_object<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct OptionalObject<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for OptionalObject<T> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object or null")
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_some<D2: Deserializer<'de>>(self, deserializer: D2) -> Result<Option<T>, D2::Error> {
            object(deserializer).map(Some)
        }
    }

    deserializer.deserialize_option(OptionalObject(PhantomData))
}

/// A seed that reads one value with [`object`].
struct ObjectSeed<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for ObjectSeed<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        object(deserializer)
    }
}

/// Reads a list whose every item is an object: see [`object`].
pub(crate) fn objects<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Objects<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Objects<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array of objects")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::with_capacity(access.size_hint().unwrap_or(0).min(4096));
            while let Some(item) = access.next_element_seed(ObjectSeed(PhantomData))? {
                out.push(item);
            }
            Ok(out)
        }
    }

    deserializer.deserialize_seq(Objects(PhantomData))
}

/// Reads a word of the format (an enum of unit variants such as a priority or a confidence) from
/// a JSON string and nothing else: serde's derived enum reader also takes `{"high": null}`.
pub(crate) fn word<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Word<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Word<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
            T::deserialize(serde::de::value::StrDeserializer::<E>::new(v))
        }
    }

    deserializer.deserialize_str(Word(PhantomData))
}

/// [`word`] for an optional field: `null` (or no field, with `#[serde(default)]`) is `None`.
pub(crate) fn optional_word<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct OptionalWord<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for OptionalWord<T> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string or null")
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_some<D2: Deserializer<'de>>(self, deserializer: D2) -> Result<Option<T>, D2::Error> {
            word(deserializer).map(Some)
        }
    }

    deserializer.deserialize_option(OptionalWord(PhantomData))
}

/// The document's `schema_version`, when it is an object with one such member, a string.
fn schema_version<'a>(document: &'a tree::Document<'_>) -> Option<&'a str> {
    let tree::Value::Object(span) = document.root else { return None };
    let mut found = document.members(span).iter().filter(|(key, _)| key == "schema_version");
    match (found.next(), found.next()) {
        (Some((_, tree::Value::Str(version))), None) => Some(version),
        _ => None,
    }
}

/// When the document's `schema_version` has another major version, the error to report.
fn probe_schema_version(schema_version: Option<&str>) -> Option<Error> {
    let found = version::parse(schema_version?).ok()?;
    (found.major != version::SCHEMA_MAJOR).then(|| Error::Version {
        path: "/schema_version".into(),
        found: found.to_string(),
        supported: version::supported_schema(),
    })
}

/// When an unknown field is in a file of a newer minor format than this reader knows, the error
/// that says so: the field is most likely one that format added, not a typo.
fn newer_format(schema_version: Option<&str>, path: &str, message: &str) -> Option<Error> {
    let field = message.strip_prefix("unknown field `")?.split('`').next()?;
    let found = version::parse(schema_version?).ok()?;
    (found.major == version::SCHEMA_MAJOR && found.minor > version::SCHEMA_MINOR).then(|| Error::NewerFormat {
        path: path.to_owned(),
        field: field.to_owned(),
        major: found.major,
        minor: found.minor,
    })
}

/// A value of the formats written as a string (an id, a date): what a reader expects in its
/// place, in serde's words, and how it is read from the string. The derived readers and the
/// hand-written one (`walk.rs`) both read these through it.
pub(crate) trait FromText: Sized {
    /// What is expected, such as `a standard id`.
    const EXPECTED: &'static str;

    /// The value of `text`, or why it is not one.
    fn from_text(text: &str) -> Result<Self, String>;
}

/// Deserializes a string and turns it into a `T` with `parse`, failing with `parse`'s message.
///
/// The check runs inside the string visitor, so the parser stamps a failure with the position
/// of the string itself (the error locator relies on that) rather than of the enclosing object.
pub(crate) fn parse_str<'de, D, T>(
    deserializer: D,
    expecting: &'static str,
    parse: fn(&str) -> Result<T, String>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct Parse<T> {
        expecting: &'static str,
        parse: fn(&str) -> Result<T, String>,
    }

    impl<T> Visitor<'_> for Parse<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.expecting)
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
            (self.parse)(v).map_err(E::custom)
        }
    }

    deserializer.deserialize_str(Parse { expecting, parse })
}

/// Serializes a float without a fractional part as an integer (`2` rather than `2.0`), so files
/// keep the look they were written with.
pub(crate) fn ser_compact_f64<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: integers up to here are exact in f64
    if value.fract() == 0.0 && value.abs() < EXACT {
        #[allow(clippy::cast_possible_truncation)] // checked above: integral and in range
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// Deserializes a JSON object into an [`IndexMap`], keeping the file's order and rejecting a
/// repeated key instead of silently keeping the last value.
pub(crate) fn unique_map<'de, D, K, V>(deserializer: D) -> Result<IndexMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Eq + Hash + fmt::Display,
    V: Deserialize<'de>,
{
    deserializer.deserialize_map(UniqueMap::<K, PhantomData<V>, 1>(PhantomData))
}

/// [`unique_map`] whose values are objects, each read with [`object`].
pub(crate) fn unique_object_map<'de, D, K, V>(deserializer: D) -> Result<IndexMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Eq + Hash + fmt::Display,
    V: Deserialize<'de>,
{
    deserializer.deserialize_map(UniqueMap::<K, ObjectSeed<V>, 1>(PhantomData))
}

/// [`unique_object_map`] for a map that usually holds many entries (an assessment's ratings):
/// room for 64 is made at the first key.
pub(crate) fn large_unique_object_map<'de, D, K, V>(deserializer: D) -> Result<IndexMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Eq + Hash + fmt::Display,
    V: Deserialize<'de>,
{
    deserializer.deserialize_map(UniqueMap::<K, ObjectSeed<V>, 64>(PhantomData))
}

/// Reads a map with unique keys, each value with a fresh seed `S`.
struct UniqueMap<K, S, const FIRST: usize>(PhantomData<(K, S)>);

/// A seed that can be made afresh for every value.
trait FreshSeed {
    fn fresh() -> Self;
}

impl<T> FreshSeed for PhantomData<T> {
    fn fresh() -> Self {
        PhantomData
    }
}

impl<T> FreshSeed for ObjectSeed<T> {
    fn fresh() -> Self {
        ObjectSeed(PhantomData)
    }
}

impl<'de, K, S, const FIRST: usize> Visitor<'de> for UniqueMap<K, S, FIRST>
where
    K: Deserialize<'de> + Eq + Hash + fmt::Display,
    S: DeserializeSeed<'de> + FreshSeed,
{
    type Value = IndexMap<K, S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut map = IndexMap::with_capacity(access.size_hint().unwrap_or(0).min(4096));
        while let Some(key) = access.next_key::<K>()? {
            if FIRST > 1 && map.is_empty() {
                // serde_json gives no size hint: room for `FIRST` entries at the first key,
                // rather than growing (and moving every entry) from nothing.
                map.reserve(FIRST);
            }
            // One lookup per key: the entry is taken before the value is read.
            match map.entry(key) {
                indexmap::map::Entry::Occupied(seen) => {
                    // Fail while reading the value, so that the error's path ends at the key.
                    access.next_value_seed(Refuse(repeated_key(seen.key())))?;
                }
                indexmap::map::Entry::Vacant(slot) => {
                    let value = access.next_value_seed(S::fresh())?;
                    slot.insert(value);
                }
            }
        }
        Ok(map)
    }
}

/// What a key given twice in one object is told.
pub(crate) fn repeated_key(key: &dyn fmt::Display) -> String {
    format!("repeated key `{key}`: each key may appear once (a repeat would silently overwrite the first)")
}

/// A value that is never accepted: reading it fails with the message.
struct Refuse(String);

impl<'de> DeserializeSeed<'de> for Refuse {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, _: D) -> Result<(), D::Error> {
        Err(serde::de::Error::custom(self.0))
    }
}

/// Serializes any value as pretty JSON with two-space indentation and a final newline.
pub(crate) fn to_pretty<T: Serialize>(value: &T) -> String {
    // Serializing our own types to a String cannot fail: every map key is a string.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // read for its errors only
    struct Doc {
        #[serde(deserialize_with = "crate::version::de_schema_version")]
        schema_version: semver::Version,
        #[serde(deserialize_with = "unique_map")]
        items: IndexMap<String, Item>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        n: u8,
    }

    fn parse(text: &str) -> Result<Doc, Error> {
        from_str::<Doc>(text)
    }

    #[test]
    fn unknown_fields_name_their_path() {
        let err = parse(r#"{"schema_version":"1.0.0","items":{"a/b":{"n":1,"m":2}}}"#).unwrap_err();
        assert_eq!(err.code(), "schema");
        assert_eq!(err.path(), Some("/items/a~1b/m"));
        assert!(err.to_string().contains("unknown field `m`"), "{err}");
    }

    #[test]
    fn repeated_keys_are_errors() {
        let err = parse(r#"{"schema_version":"1.0.0","items":{"a":{"n":1},"a":{"n":2}}}"#).unwrap_err();
        assert_eq!(err.path(), Some("/items/a"));
        assert!(err.to_string().contains("repeated key `a`"), "{err}");
    }

    #[test]
    fn wrong_types_name_the_value() {
        let err = parse(r#"{"schema_version":"1.0.0","items":{"a":{"n":300}}}"#).unwrap_err();
        assert_eq!(err.path(), Some("/items/a/n"));
        assert!(err.to_string().contains("300"), "{err}");
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let err = parse("{\n  \"schema_version\": \"1.0.0\",\n  \"items\": {,}\n}").unwrap_err();
        assert_eq!(err.code(), "syntax");
        assert!(matches!(err, Error::Syntax { line: 3, .. }), "{err:?}");
        assert!(parse("{} x").is_err());
        assert!(parse("").is_err());
    }

    #[test]
    fn another_major_version_wins_over_other_errors() {
        let err = parse(r#"{"schema_version":"2.1.0","novel":true}"#).unwrap_err();
        assert_eq!(
            err,
            Error::Version { path: "/schema_version".into(), found: "2.1.0".into(), supported: "1.x".into() }
        );
        let err = parse(r#"{"schema_version":"3.0.0","items":{}}"#).unwrap_err();
        assert_eq!(err.code(), "version");
        assert!(err.to_string().contains("`3.0.0`"), "{err}");
    }

    #[test]
    fn malformed_versions_are_schema_errors() {
        let err = parse(r#"{"schema_version":"one","items":{}}"#).unwrap_err();
        assert_eq!(err.path(), Some("/schema_version"));
        assert!(err.to_string().contains("malformed version `one`"), "{err}");
    }

    #[test]
    fn missing_fields_name_their_object() {
        let err = parse(r#"{"schema_version":"1.0.0","items":{"a":{}}}"#).unwrap_err();
        assert_eq!(err.path(), Some("/items/a"));
        assert!(err.to_string().contains("missing field `n`"), "{err}");
        let err = parse(r#"{"schema_version":"1.0.0"}"#).unwrap_err();
        assert_eq!(err.path(), Some(""));
    }

    #[test]
    fn a_repeated_field_names_the_field() {
        let err = parse(r#"{"schema_version":"1.0.0","items":{},"items":{}}"#).unwrap_err();
        assert_eq!(err.path(), Some("/items"));
        assert!(err.to_string().contains("duplicate field `items`"), "{err}");
    }

    #[test]
    fn compact_floats() {
        #[derive(Serialize)]
        struct F(#[serde(serialize_with = "ser_compact_f64")] f64);
        assert_eq!(serde_json::to_string(&F(2.0)).unwrap(), "2");
        assert_eq!(serde_json::to_string(&F(2.5)).unwrap(), "2.5");
        assert_eq!(serde_json::to_string(&F(-0.0)).unwrap(), "0");
    }
}

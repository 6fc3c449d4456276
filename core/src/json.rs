//! Strict JSON reading: every error carries a JSON Pointer to the offending value, repeated keys
//! are errors, and a file of another major `schema_version` is reported as such even when its
//! content no longer fits this reader's types.

use std::fmt;
use std::hash::Hash;
use std::marker::PhantomData;

use indexmap::IndexMap;
use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, push_token};
use crate::version;

/// Parses a whole document of type `T`, mapping every failure to a located [`Error`].
///
/// The common case (a good document) takes the plain parser; only a failure pays for a second
/// parse that tracks the path to the offending value. With the `compact-parse` feature every
/// document is parsed once, with path tracking: the same values and errors from about a sixth
/// less WebAssembly code, at some cost in speed on large batches.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    #[cfg(not(feature = "compact-parse"))]
    {
        fast(text)
    }
    #[cfg(feature = "compact-parse")]
    {
        tracked(text)
    }
}

/// The plain parser first; on failure, a tracked parse says where.
#[cfg_attr(feature = "compact-parse", allow(dead_code))]
fn fast<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    serde_json::from_str(text).map_err(|_| match tracked::<T>(text) {
        Err(located) => located,
        // The plain parser failed, so this cannot happen; say so rather than panic.
        Ok(_) => Error::Syntax { line: 1, column: 1, message: "the document could not be read".into() },
    })
}

/// One parse that tracks the path to the offending value.
fn tracked<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    // A file of another major version may fail anywhere: say so rather than point at a field
    // that the newer format added.
    let fail = |located: Error| probe_schema_version(text).unwrap_or(located);
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|err| fail(located(&err)))?;
    de.end().map_err(|err| fail(syntax(&err)))?;
    Ok(value)
}

fn syntax(err: &serde_json::Error) -> Error {
    Error::Syntax { line: err.line(), column: err.column(), message: strip_position(err) }
}

fn located(err: &serde_path_to_error::Error<serde_json::Error>) -> Error {
    let inner = err.inner();
    match inner.classify() {
        serde_json::error::Category::Data => {
            Error::Schema { path: to_pointer(err.path()), message: strip_position(inner) }
        }
        _ => syntax(inner),
    }
}

/// serde_json appends " at line L column C" to its messages; the error variants carry the
/// position (or path) themselves.
fn strip_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    text.strip_suffix(&suffix).map_or(text.clone(), str::to_owned)
}

fn to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => push_token(&mut out, &index.to_string()),
            Segment::Map { key } => push_token(&mut out, key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

#[derive(Deserialize)]
struct Probe {
    schema_version: Option<String>,
}

/// When the text is an object whose `schema_version` has another major version, the error to
/// report.
fn probe_schema_version(text: &str) -> Option<Error> {
    let probe: Probe = serde_json::from_str(text).ok()?;
    let found = version::parse(&probe.schema_version?).ok()?;
    (found.major != version::SCHEMA_MAJOR).then(|| Error::Version {
        path: "/schema_version".into(),
        found: found.to_string(),
        supported: version::supported_schema(),
    })
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
    struct UniqueMap<K, V>(PhantomData<(K, V)>);

    impl<'de, K, V> Visitor<'de> for UniqueMap<K, V>
    where
        K: Deserialize<'de> + Eq + Hash + fmt::Display,
        V: Deserialize<'de>,
    {
        type Value = IndexMap<K, V>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
            let mut map = IndexMap::with_capacity(access.size_hint().unwrap_or(0).min(4096));
            while let Some(key) = access.next_key::<K>()? {
                if map.contains_key(&key) {
                    // Fail while reading the value, so that the error's path ends at the key.
                    let message = format!(
                        "repeated key `{key}`: each key may appear once (a repeat would silently overwrite the first)"
                    );
                    access.next_value_seed(Refuse(message))?;
                }
                let value = access.next_value()?;
                map.insert(key, value);
            }
            Ok(map)
        }
    }

    deserializer.deserialize_map(UniqueMap(PhantomData))
}

/// A value that is never accepted: reading it fails with the message.
struct Refuse(String);

impl<'de> serde::de::DeserializeSeed<'de> for Refuse {
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
    fn the_fast_and_the_tracked_parse_agree() {
        let docs = [
            r#"{"schema_version":"1.0.0","items":{"a":{"n":1}}}"#,
            r#"{"schema_version":"1.0.0","items":{"a/b":{"n":1,"m":2}}}"#,
            r#"{"schema_version":"1.0.0","items":{"a":{"n":1},"a":{"n":2}}}"#,
            r#"{"schema_version":"1.0.0","items":{"a":{"n":300}}}"#,
            "{\n  \"schema_version\": \"1.0.0\",\n  \"items\": {,}\n}",
            r#"{"schema_version":"2.1.0","novel":true}"#,
            r#"{"schema_version":"one","items":{}}"#,
            r#"{"schema_version":"1.0.0","items":{}} x"#,
            "",
        ];
        for doc in docs {
            let fast = fast::<Doc>(doc).map(|d| format!("{d:?}"));
            let tracked = tracked::<Doc>(doc).map(|d| format!("{d:?}"));
            assert_eq!(fast, tracked, "{doc}");
        }
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

//! Strict JSON reading: every error carries a JSON Pointer to the offending value, repeated keys
//! are errors, and a file of another major `schema_version` is reported as such even when its
//! content no longer fits this reader's types.

use std::fmt;
use std::hash::Hash;
use std::marker::PhantomData;

use indexmap::IndexMap;
use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;
use crate::{locate, version};

/// Parses a whole document of type `T`, mapping every failure to a located [`Error`]: the
/// JSON Pointer of a value that does not fit comes from the error's position (see
/// [`locate`](crate::locate)), so a document is parsed once whether it is good or bad.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    serde_json::from_str(text).map_err(|err| {
        // A file of another major version may fail anywhere: say so rather than point at a
        // field that the newer format added.
        probe_schema_version(text).unwrap_or_else(|| match err.classify() {
            serde_json::error::Category::Data => {
                let message = strip_position(&err);
                let end = locate::offset(text, err.line(), err.column());
                Error::Schema { path: locate::pointer_at(text, end, &message), message }
            }
            _ => Error::Syntax { line: err.line(), column: err.column(), message: strip_position(&err) },
        })
    })
}

/// serde_json appends " at line L column C" to its messages; the error variants carry the
/// position (or path) themselves.
fn strip_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    text.strip_suffix(&suffix).map_or(text.clone(), str::to_owned)
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

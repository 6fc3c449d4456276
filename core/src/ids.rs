//! Identifier newtypes. Each wraps a string that is known to be a well-formed identifier, so an
//! id can never be empty, hold spaces, or be confused with an id of another kind.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Longest identifier accepted.
pub const MAX_ID_LEN: usize = 64;

/// A string that is not a well-formed identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {what} `{value}`: {reason}")]
#[non_exhaustive]
pub struct IdError {
    /// Which kind of identifier was expected, such as `standard id`.
    pub what: &'static str,
    /// The offending text.
    pub value: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

/// Checks the identifier rule shared by every id: 1 to 64 characters, ASCII letters, digits,
/// `.`, `_` and `-`, starting with a letter or digit.
fn check(what: &'static str, value: &str) -> Result<(), IdError> {
    let reason = if value.is_empty() {
        Some("an id cannot be empty")
    } else if value.len() > MAX_ID_LEN {
        Some("an id has at most 64 characters")
    } else if !value.as_bytes()[0].is_ascii_alphanumeric() {
        Some("an id starts with a letter or digit")
    } else if !value.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-')) {
        Some("an id holds only ASCII letters, digits, `.`, `_` and `-`")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(IdError { what, value: value.to_owned(), reason }),
        None => Ok(()),
    }
}

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        $(#[$meta])*
        ///
        /// Invariant: 1 to 64 ASCII letters, digits, `.`, `_` or `-`, starting with a letter or
        /// digit. Cloning is cheap (the text is shared), as reports repeat ids many times.
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Arc<str>);

        impl $name {
            /// Checks `value` and wraps it.
            ///
            /// # Errors
            /// [`IdError`] when `value` is not a well-formed identifier.
            pub fn new(value: impl AsRef<str>) -> Result<Self, IdError> {
                let value = value.as_ref();
                check($what, value)?;
                Ok(Self(Arc::from(value)))
            }

            /// The identifier as a string slice.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::new(s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = IdError;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                Self::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::new(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                &*self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                &*self.0 == *other
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0.to_string()
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl crate::json::FromText for $name {
            const EXPECTED: &'static str = concat!("a ", $what);

            fn from_text(text: &str) -> Result<Self, String> {
                Self::new(text).map_err(|e| e.to_string())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use crate::json::FromText;
                crate::json::parse_str(deserializer, Self::EXPECTED, Self::from_text)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "description": concat!("A ", $what, ": 1 to 64 ASCII letters, digits, `.`, `_` or `-`, starting with a letter or digit."),
                    "type": "string",
                    "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
                })
            }
        }
    };
}

id_type!(
    /// Identifies a catalogue across its editions, such as `perinatal-mental-health`.
    CatalogueId,
    "catalogue id"
);
id_type!(
    /// Identifies a theme within a catalogue, such as `T3`.
    ThemeId,
    "theme id"
);
id_type!(
    /// Identifies a standard within a catalogue, such as `T3.4`. Stable across minor editions.
    StandardId,
    "standard id"
);
id_type!(
    /// Identifies a cross-cutting theme (the tag standards carry), such as `partners`.
    TagId,
    "cross-cutting theme id"
);
id_type!(
    /// Identifies a service that delivers standards, such as `health_visiting`.
    ServiceId,
    "service id"
);
id_type!(
    /// Identifies a national source a standard comes from, such as `nice-qs115`.
    SourceId,
    "source id"
);
id_type!(
    /// Identifies a band of the scale, and so a traffic light, such as `amber`.
    BandId,
    "band id"
);
id_type!(
    /// Identifies an action of an assessment's improvement plan, such as `A1`. Kept from one
    /// round to the next, so that progress can follow an action.
    ActionId,
    "action id"
);
id_type!(
    /// Identifies a population group a standard can be rated for, such as `interpreter`:
    /// declared by a catalogue, or locally by an assessment (file format 1.2).
    GroupId,
    "group id"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_well_formed_ids() {
        for ok in ["T1", "T3.4", "perinatal-mental-health", "health_visiting", "a", "9x"] {
            assert_eq!(StandardId::new(ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn rejects_malformed_ids_with_the_value() {
        let err = StandardId::new("T1 .1").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid standard id `T1 .1`: an id holds only ASCII letters, digits, `.`, `_` and `-`"
        );
        assert!(StandardId::new("").is_err());
        assert!(StandardId::new("-x").is_err());
        assert!(StandardId::new("x".repeat(65)).is_err());
        assert!(StandardId::new("x".repeat(64)).is_ok());
        assert!(TagId::new("é").is_err());
    }

    #[test]
    fn serde_checks_the_invariant() {
        let id: ThemeId = serde_json::from_str("\"T2\"").unwrap();
        assert_eq!(id, "T2");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"T2\"");
        let err = serde_json::from_str::<ThemeId>("\"T 2\"").unwrap_err();
        assert!(err.to_string().contains("invalid theme id `T 2`"), "{err}");
    }

    #[test]
    fn borrows_as_str_for_map_lookups() {
        let mut map = std::collections::HashMap::new();
        map.insert(StandardId::new("T1.1").unwrap(), 3);
        assert_eq!(map.get("T1.1"), Some(&3));
    }
}

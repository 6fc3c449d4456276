//! Versions: the file-format version every file carries (`schema_version`) and the content
//! version of a catalogue edition. Both are semantic versions.

pub use semver::Version;
use serde::Deserializer;

/// The newest file-format version this library reads and writes. A file is written in the
/// oldest version that holds its content (see [`Assessment::format_needed`](crate::Assessment::format_needed)).
pub const SCHEMA_VERSION: &str = "1.2.0";

/// The major file-format version this library reads. Files of another major version are
/// rejected with [`Error::Version`](crate::Error::Version).
pub const SCHEMA_MAJOR: u64 = 1;

/// The newest minor file-format version this library knows. A file of a newer minor version
/// reads while it uses only fields this library knows; a field it does not know is reported as
/// needing a newer carepath ([`Error::NewerFormat`](crate::Error::NewerFormat)).
pub const SCHEMA_MINOR: u64 = 2;

/// File format 1.0: the first.
pub const FORMAT_1_0: Version = Version::new(1, 0, 0);

/// File format 1.1: adds targets, the improvement plan and the previous round.
pub const FORMAT_1_1: Version = Version::new(1, 1, 0);

/// File format 1.2: adds population groups (declared by a catalogue or an assessment, and
/// group ratings of a standard) and the evidence level and date of a rating.
pub const FORMAT_1_2: Version = Version::new(1, 2, 0);

/// The newest file-format version this library reads and writes, as a [`Version`].
#[must_use]
pub fn schema_version() -> Version {
    Version::new(SCHEMA_MAJOR, SCHEMA_MINOR, 0)
}

/// Describes the supported file-format versions for messages, such as `1.x`.
pub(crate) fn supported_schema() -> String {
    format!("{SCHEMA_MAJOR}.x")
}

/// Parses a semantic version, quoting the text in the error.
pub(crate) fn parse(text: &str) -> Result<Version, String> {
    Version::parse(text).map_err(|e| format!("malformed version `{text}`: {e}"))
}

/// Deserializes a semantic version with an error that quotes the offending text.
pub(crate) fn de_version<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Version, D::Error> {
    crate::json::parse_str(deserializer, EXPECTED, parse)
}

/// What a reader expects in place of a version, in serde's words.
pub(crate) const EXPECTED: &str = "a semantic version such as 1.0.0";

/// Deserializes `schema_version`: a semantic version of the supported major version.
pub(crate) fn de_schema_version<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Version, D::Error> {
    crate::json::parse_str(deserializer, EXPECTED, parse_schema_version)
}

/// Parses a `schema_version`: a semantic version of the supported major version.
pub(crate) fn parse_schema_version(text: &str) -> Result<Version, String> {
    let version = parse(text)?;
    if version.major == SCHEMA_MAJOR { Ok(version) } else { Err(unsupported_message(&version)) }
}

pub(crate) fn unsupported_message(found: &Version) -> String {
    format!("unsupported schema_version `{found}`: this reader supports {}", supported_schema())
}

/// Whether content rated against `rated` can be scored with edition `edition` without
/// migration: the same major version, and `rated` no newer in its minor version.
#[must_use]
pub fn compatible(rated: &Version, edition: &Version) -> bool {
    rated.major == edition.major && rated.minor <= edition.minor
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn compatibility_follows_semver_minor() {
        assert!(compatible(&v("1.0.0"), &v("1.0.0")));
        assert!(compatible(&v("1.0.0"), &v("1.2.0")));
        assert!(compatible(&v("1.2.3"), &v("1.2.0")));
        assert!(!compatible(&v("1.3.0"), &v("1.2.0")));
        assert!(!compatible(&v("1.0.0"), &v("2.0.0")));
    }

    #[test]
    fn the_newest_format_is_the_constant() {
        assert_eq!(schema_version().to_string(), SCHEMA_VERSION);
        assert_eq!(schema_version(), FORMAT_1_2);
    }

    #[test]
    fn malformed_versions_quote_the_text() {
        assert!(parse("1.x").unwrap_err().starts_with("malformed version `1.x`"));
    }
}

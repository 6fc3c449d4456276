//! The catalogues bundled with the library, so that a user needs no file to start.

use crate::assessment::CatalogueRef;
use crate::catalogue::Catalogue;
use crate::error::Error;
use crate::ids::CatalogueId;
use crate::version::Version;

struct Bundled {
    id: &'static str,
    version: &'static str,
    /// The text's length and FNV-1a digest, which every build knows (the text itself only with
    /// the feature `bundled`), so that a text fetched later is recognised as this edition's.
    len: usize,
    digest: u64,
    /// The edition's text, built in with the default feature `bundled`.
    #[cfg(feature = "bundled")]
    json: &'static str,
}

/// One bundled edition: its id and version, and (with the feature `bundled`) its text from
/// `catalogues/<id>/<version>.json`.
macro_rules! edition {
    ($id:literal, $version:literal) => {
        Bundled {
            id: $id,
            version: $version,
            len: include_bytes!(concat!("../catalogues/", $id, "/", $version, ".json")).len(),
            digest: fnv1a(include_bytes!(concat!("../catalogues/", $id, "/", $version, ".json"))),
            #[cfg(feature = "bundled")]
            json: include_str!(concat!("../catalogues/", $id, "/", $version, ".json")),
        }
    };
}

/// Every bundled edition, oldest first within a catalogue.
/// The 64-bit FNV-1a digest of a text: enough to tell a bundled edition's text from a changed
/// copy (it guards against accidents, not tampering: whatever is read is checked as a whole).
const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i] as u64).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

const BUNDLED: &[Bundled] = &[
    edition!("perinatal-mental-health", "1.0.0"),
    edition!("perinatal-mental-health", "2.0.0"),
    edition!("perinatal-mental-health", "3.0.0"),
    edition!("perinatal-mental-health", "3.1.0"),
];

impl Bundled {
    fn reference(&self) -> Option<CatalogueRef> {
        Some(CatalogueRef { id: CatalogueId::new(self.id).ok()?, version: Version::parse(self.version).ok()? })
    }

    /// The edition's text: `None` in a build without the feature `bundled`.
    #[allow(clippy::unused_self, clippy::missing_const_for_fn)]
    fn json(&self) -> Option<&'static str> {
        #[cfg(feature = "bundled")]
        return Some(self.json);
        #[cfg(not(feature = "bundled"))]
        None
    }
}

/// The id of the catalogue used when none is named.
pub const DEFAULT_CATALOGUE: &str = "perinatal-mental-health";

/// The bundled catalogue editions, oldest first within each catalogue.
#[must_use]
pub fn bundled_catalogues() -> Vec<CatalogueRef> {
    BUNDLED.iter().filter_map(Bundled::reference).collect()
}

/// The JSON text of a bundled edition, exactly as in `standards/<id>/<version>.json`; `None`
/// when there is no such edition, or in a build without the feature `bundled` (which knows the
/// bundled editions but leaves their texts out: the web package fetches them when first needed).
#[must_use]
pub fn bundled_json(id: &str, version: &Version) -> Option<&'static str> {
    find(id, version).and_then(Bundled::json)
}

/// The bundled edition whose text `text` is, byte for byte.
pub(crate) fn edition_of_text(text: &str) -> Option<CatalogueRef> {
    let digest = fnv1a(text.as_bytes());
    BUNDLED.iter().find(|b| b.len == text.len() && b.digest == digest).and_then(Bundled::reference)
}

/// The error for a text read as a bundled edition that is none of them.
pub(crate) fn not_bundled_text() -> Error {
    not_found_with("this text, which is no bundled edition's byte for byte")
}

fn find(id: &str, version: &Version) -> Option<&'static Bundled> {
    BUNDLED.iter().find(|b| b.id == id && Version::parse(b.version).is_ok_and(|v| v == *version))
}

/// The bundled editions a migration of content rated against `from` into `to` passes through:
/// those of `to`'s catalogue from `from`'s major version up to, and not including, `to`, oldest
/// first ([`migrate`](crate::migrate) reads exactly these); none when `from` is compatible with
/// `to`, which has nothing to carry across.
#[must_use]
pub fn bundled_via(from: &CatalogueRef, to: &CatalogueRef) -> Vec<CatalogueRef> {
    if crate::version::compatible(&from.version, &to.version) {
        return Vec::new();
    }
    BUNDLED
        .iter()
        .filter(|b| b.id == to.id.as_str())
        .filter_map(Bundled::reference)
        .filter(|r| r.version.major >= from.version.major && r.version < to.version)
        .collect()
}

/// The bundled editions of catalogue `id` that `wanted` accepts and whose texts are built in,
/// parsed, oldest first.
pub(crate) fn bundled_editions(id: &str, wanted: impl Fn(&CatalogueRef) -> bool) -> Vec<Catalogue> {
    bundled_catalogues()
        .iter()
        .filter(|r| r.id.as_str() == id && wanted(r))
        .filter_map(|r| Catalogue::bundled_edition(r).ok())
        .collect()
}

/// Picks the bundled edition of catalogue `id` that `version` names: an exact version
/// (`1.0.0`), a requirement (`1`, `^1.0`, `>=1, <3`), or `None` for the latest.
fn resolve(id: &str, version: Option<&str>) -> Result<CatalogueRef, Error> {
    let matches = |have: &Version| -> bool {
        match version.map(str::trim) {
            None | Some("" | "latest") => true,
            Some(v) => match Version::parse(v) {
                Ok(exact) => exact == *have,
                Err(_) => semver::VersionReq::parse(v).is_ok_and(|req| req.matches(have)),
            },
        }
    };
    BUNDLED
        .iter()
        .filter(|b| b.id == id)
        .filter_map(Bundled::reference)
        .filter(|r| matches(&r.version))
        .max_by(|a, b| a.version.cmp(&b.version))
        .ok_or_else(|| not_found(id, version))
}

fn not_found(id: &str, version: Option<&str>) -> Error {
    let spec = match version {
        Some(v) => format!("{id}@{v}"),
        None => id.to_owned(),
    };
    not_found_with(&spec)
}

fn not_found_with(spec: &str) -> Error {
    let available = bundled_catalogues().iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    Error::NotFound { spec: spec.to_owned(), available }
}

impl CatalogueRef {
    /// The bundled edition [`Catalogue::bundled`] reads for `id` and `version`, without reading
    /// it (a build without the feature `bundled` knows the editions, not their texts).
    ///
    /// # Errors
    /// [`Error::NotFound`] when no bundled edition matches.
    ///
    /// # Example
    /// ```
    /// let r = carepath::CatalogueRef::bundled("perinatal-mental-health", Some("2"))?;
    /// assert_eq!(r.to_string(), "perinatal-mental-health@2.0.0");
    /// # Ok::<(), carepath::Error>(())
    /// ```
    pub fn bundled(id: &str, version: Option<&str>) -> Result<Self, Error> {
        match (id.split_once('@'), version) {
            (Some((id, version)), None) => resolve(id.trim(), Some(version)),
            _ => resolve(id.trim(), version),
        }
    }

    /// The bundled edition [`Catalogue::bundled_for`] reads for content rated against `edition`:
    /// that edition when it is bundled, else the latest bundled edition compatible with it.
    ///
    /// # Errors
    /// [`Error::NotFound`] when no compatible edition is bundled.
    pub fn bundled_for(edition: &Self) -> Result<Self, Error> {
        BUNDLED
            .iter()
            .filter(|b| b.id == edition.id.as_str())
            .filter_map(Bundled::reference)
            .filter(|r| crate::version::compatible(&edition.version, &r.version))
            .min_by_key(|r| (r.version != edition.version, std::cmp::Reverse(r.version.clone())))
            .ok_or_else(|| not_found(edition.id.as_str(), Some(&edition.version.to_string())))
    }
}

impl Catalogue {
    /// A bundled catalogue edition: `version` is an exact version (`"1.0.0"`), a requirement
    /// (`"1"`, `"^1.0"`), or `None` for the latest edition. With `None`, `id` may name the
    /// edition as `id@version` too, as [`Catalogue::bundled_spec`] reads it (the way the
    /// command-line tool and the error listing the bundled editions write it).
    ///
    /// # Errors
    /// [`Error::NotFound`] when no bundled edition matches (or, in a build without the feature
    /// `bundled`, when its text is not built in).
    ///
    /// # Example
    /// ```
    /// let latest = carepath::Catalogue::bundled("perinatal-mental-health", None)?;
    /// let first = carepath::Catalogue::bundled("perinatal-mental-health", Some("1"))?;
    /// assert!(latest.version >= first.version);
    /// # Ok::<(), carepath::Error>(())
    /// ```
    pub fn bundled(id: &str, version: Option<&str>) -> Result<Self, Error> {
        Self::bundled_edition(&CatalogueRef::bundled(id, version)?)
    }

    /// The bundled edition to score content rated against `edition` with: that edition when it
    /// is bundled, else the latest bundled edition compatible with it (the same major version
    /// and no older minor version). Every surface picks the catalogue of an assessment this way.
    ///
    /// # Errors
    /// [`Error::NotFound`] when no compatible edition is bundled.
    ///
    /// # Example
    /// ```
    /// use carepath::{Catalogue, CatalogueRef};
    /// let rated: CatalogueRef = serde_json::from_str(r#"{"id": "perinatal-mental-health", "version": "1.0.0"}"#)?;
    /// assert_eq!(Catalogue::bundled_for(&rated)?.reference(), rated);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn bundled_for(edition: &CatalogueRef) -> Result<Self, Error> {
        Self::bundled_edition(&CatalogueRef::bundled_for(edition)?)
    }

    /// A bundled catalogue edition named as `id@version` (`perinatal-mental-health@1.0.0`,
    /// `perinatal-mental-health@1`) or by id alone for the latest edition.
    ///
    /// # Errors
    /// [`Error::NotFound`] when no bundled edition matches.
    pub fn bundled_spec(spec: &str) -> Result<Self, Error> {
        Self::bundled(spec, None)
    }

    /// The bundled edition `edition` names exactly, read from its built-in text.
    fn bundled_edition(edition: &CatalogueRef) -> Result<Self, Error> {
        let version = Some(edition.version.to_string());
        let Some(json) = bundled_json(edition.id.as_str(), &edition.version) else {
            let mut err = not_found(edition.id.as_str(), version.as_deref());
            if let Error::NotFound { spec, .. } = &mut err
                && find(edition.id.as_str(), &edition.version).is_some()
            {
                spec.push_str(" (its text is not built into this build: read it with Catalogue::from_json)");
            }
            return Err(err);
        };
        Self::from_json(json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_edition_loads_and_validates() {
        for r in bundled_catalogues() {
            let c = Catalogue::bundled(r.id.as_str(), Some(&r.version.to_string())).unwrap();
            assert_eq!(c.reference(), r);
        }
    }

    #[test]
    fn specs_pick_editions() {
        let c = Catalogue::bundled_spec("perinatal-mental-health@1.0.0").unwrap();
        assert_eq!(c.version, Version::new(1, 0, 0));
        assert_eq!(Catalogue::bundled_spec("perinatal-mental-health@1").unwrap().version.major, 1);
        assert!(Catalogue::bundled_spec(DEFAULT_CATALOGUE).is_ok());
        // As the list of bundled editions writes them, in place of the id alone.
        assert_eq!(Catalogue::bundled("perinatal-mental-health@2.0.0", None).unwrap().version, Version::new(2, 0, 0));
        let e = Catalogue::bundled("perinatal-mental-health@9", None).unwrap_err();
        assert!(e.to_string().contains("perinatal-mental-health@9"), "{e}");
    }

    #[test]
    fn content_is_scored_with_the_same_or_a_compatible_edition() {
        let rated = |v: &str| CatalogueRef {
            id: CatalogueId::new("perinatal-mental-health").unwrap(),
            version: Version::parse(v).unwrap(),
        };
        assert_eq!(Catalogue::bundled_for(&rated("1.0.0")).unwrap().version, Version::new(1, 0, 0));
        assert_eq!(Catalogue::bundled_for(&rated("2.0.0")).unwrap().version, Version::new(2, 0, 0));
        assert_eq!(Catalogue::bundled_for(&rated("3.0.0")).unwrap().version, Version::new(3, 0, 0));
        assert_eq!(Catalogue::bundled_for(&rated("3.1.0")).unwrap().version, Version::new(3, 1, 0));
        // A patch release rated against is served by the bundled edition of its minor version.
        assert_eq!(Catalogue::bundled_for(&rated("2.0.3")).unwrap().version, Version::new(2, 0, 0));
        assert_eq!(Catalogue::bundled_for(&rated("2.1.0")).unwrap_err().code(), "not_found");
        assert_eq!(Catalogue::bundled_for(&rated("9.0.0")).unwrap_err().code(), "not_found");
    }

    #[test]
    fn a_migration_passes_through_the_editions_in_between() {
        let r = |v: &str| CatalogueRef::bundled("perinatal-mental-health", Some(v)).unwrap();
        let names = |from: &str, to: &str| -> Vec<String> {
            bundled_via(&r(from), &r(to)).iter().map(|e| e.version.to_string()).collect()
        };
        assert_eq!(names("1.0.0", "3.1.0"), ["1.0.0", "2.0.0", "3.0.0"]);
        assert_eq!(names("2.0.0", "3.1.0"), ["2.0.0", "3.0.0"]);
        assert_eq!(names("2.0.0", "3.0.0"), ["2.0.0"]);
        // Compatible: nothing to carry across, so nothing to read.
        assert!(names("3.0.0", "3.1.0").is_empty());
        assert!(names("3.1.0", "3.1.0").is_empty());
        assert_eq!(CatalogueRef::bundled("perinatal-mental-health@2", None).unwrap().version, Version::new(2, 0, 0));
        assert_eq!(CatalogueRef::bundled_for(&r("3.0.0")).unwrap(), r("3.0.0"));
    }

    #[test]
    fn unknown_editions_say_what_exists() {
        let err = Catalogue::bundled("perinatal-mental-health", Some("9.0.0")).unwrap_err();
        assert_eq!(err.code(), "not_found");
        assert!(err.to_string().contains("perinatal-mental-health@1.0.0"), "{err}");
        assert!(Catalogue::bundled("nope", None).is_err());
    }
}

//! The catalogues bundled with the library, so that a user needs no file to start.

use crate::assessment::CatalogueRef;
use crate::catalogue::Catalogue;
use crate::error::Error;
use crate::ids::CatalogueId;
use crate::version::Version;

struct Bundled {
    id: &'static str,
    version: &'static str,
    json: &'static str,
}

/// Every bundled edition, oldest first within a catalogue.
const BUNDLED: &[Bundled] = &[
    Bundled {
        id: "perinatal-mental-health",
        version: "1.0.0",
        json: include_str!("../catalogues/perinatal-mental-health/1.0.0.json"),
    },
    Bundled {
        id: "perinatal-mental-health",
        version: "2.0.0",
        json: include_str!("../catalogues/perinatal-mental-health/2.0.0.json"),
    },
    Bundled {
        id: "perinatal-mental-health",
        version: "3.0.0",
        json: include_str!("../catalogues/perinatal-mental-health/3.0.0.json"),
    },
    Bundled {
        id: "perinatal-mental-health",
        version: "3.1.0",
        json: include_str!("../catalogues/perinatal-mental-health/3.1.0.json"),
    },
];

/// The id of the catalogue used when none is named.
pub const DEFAULT_CATALOGUE: &str = "perinatal-mental-health";

/// The bundled catalogue editions, oldest first within each catalogue.
#[must_use]
pub fn bundled_catalogues() -> Vec<CatalogueRef> {
    BUNDLED
        .iter()
        .filter_map(|b| {
            Some(CatalogueRef { id: CatalogueId::new(b.id).ok()?, version: Version::parse(b.version).ok()? })
        })
        .collect()
}

/// The JSON text of a bundled edition, exactly as in `standards/<id>/<version>.json`.
#[must_use]
pub fn bundled_json(id: &str, version: &Version) -> Option<&'static str> {
    BUNDLED.iter().find(|b| b.id == id && Version::parse(b.version).is_ok_and(|v| v == *version)).map(|b| b.json)
}

/// The bundled editions of catalogue `id` whose version `wanted` accepts, oldest first (for
/// migrating across editions; only those are parsed).
pub(crate) fn bundled_editions(id: &str, wanted: impl Fn(&Version) -> bool) -> Vec<Catalogue> {
    BUNDLED
        .iter()
        .filter(|b| b.id == id && Version::parse(b.version).is_ok_and(|v| wanted(&v)))
        .filter_map(|b| Catalogue::from_json(b.json).ok())
        .collect()
}

/// Picks the bundled edition of catalogue `id` that `version` names: an exact version
/// (`1.0.0`), a requirement (`1`, `^1.0`, `>=1, <3`), or `None` for the latest.
fn resolve(id: &str, version: Option<&str>) -> Result<&'static Bundled, Error> {
    let not_found = || {
        let spec = match version {
            Some(v) => format!("{id}@{v}"),
            None => id.to_owned(),
        };
        let available = bundled_catalogues().iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        Error::NotFound { spec, available }
    };
    let matches = |b: &Bundled| -> bool {
        let Ok(have) = Version::parse(b.version) else { return false };
        match version.map(str::trim) {
            None | Some("" | "latest") => true,
            Some(v) => match Version::parse(v) {
                Ok(exact) => exact == have,
                Err(_) => semver::VersionReq::parse(v).is_ok_and(|req| req.matches(&have)),
            },
        }
    };
    BUNDLED
        .iter()
        .filter(|b| b.id == id && matches(b))
        .max_by_key(|b| Version::parse(b.version).ok())
        .ok_or_else(not_found)
}

impl Catalogue {
    /// A bundled catalogue edition: `version` is an exact version (`"1.0.0"`), a requirement
    /// (`"1"`, `"^1.0"`), or `None` for the latest edition. With `None`, `id` may name the
    /// edition as `id@version` too, as [`Catalogue::bundled_spec`] reads it (the way the
    /// command-line tool and the error listing the bundled editions write it).
    ///
    /// # Errors
    /// [`Error::NotFound`] when no bundled edition matches.
    ///
    /// # Example
    /// ```
    /// let latest = carepath::Catalogue::bundled("perinatal-mental-health", None)?;
    /// let first = carepath::Catalogue::bundled("perinatal-mental-health", Some("1"))?;
    /// assert!(latest.version >= first.version);
    /// # Ok::<(), carepath::Error>(())
    /// ```
    pub fn bundled(id: &str, version: Option<&str>) -> Result<Self, Error> {
        if let (Some((id, version)), None) = (id.split_once('@'), version) {
            return Self::bundled(id.trim(), Some(version));
        }
        Self::from_json(resolve(id, version)?.json)
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
        let best = BUNDLED
            .iter()
            .filter(|b| b.id == edition.id.as_str())
            .filter_map(|b| Version::parse(b.version).ok().map(|v| (v, b)))
            .filter(|(v, _)| crate::version::compatible(&edition.version, v))
            .min_by_key(|(v, _)| (*v != edition.version, std::cmp::Reverse(v.clone())));
        match best {
            Some((_, b)) => Self::from_json(b.json),
            None => Self::bundled(edition.id.as_str(), Some(&edition.version.to_string())),
        }
    }

    /// A bundled catalogue edition named as `id@version` (`perinatal-mental-health@1.0.0`,
    /// `perinatal-mental-health@1`) or by id alone for the latest edition.
    ///
    /// # Errors
    /// [`Error::NotFound`] when no bundled edition matches.
    pub fn bundled_spec(spec: &str) -> Result<Self, Error> {
        match spec.split_once('@') {
            Some((id, version)) => Self::bundled(id.trim(), Some(version)),
            None => Self::bundled(spec.trim(), None),
        }
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
    fn unknown_editions_say_what_exists() {
        let err = Catalogue::bundled("perinatal-mental-health", Some("9.0.0")).unwrap_err();
        assert_eq!(err.code(), "not_found");
        assert!(err.to_string().contains("perinatal-mental-health@1.0.0"), "{err}");
        assert!(Catalogue::bundled("nope", None).is_err());
    }
}

//! The catalogue: a versioned set of standards grouped in themes, with the scale they are rated
//! on, the cross-cutting themes, the services that deliver them and the national sources behind
//! them.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assessment::CatalogueRef;
use crate::changes::ChangeSet;
use crate::date::Date;
use crate::error::Error;
use crate::ids::{CatalogueId, GroupId, ServiceId, SourceId, StandardId, TagId, ThemeId};
use crate::scale::Scale;
use crate::version::Version;
use crate::{json, validate};

/// A versioned catalogue of standards (one edition), as in
/// `standards/<id>/<version>.json`.
///
/// Read one with [`Catalogue::from_json`], which also checks it as a whole, or take a bundled
/// one with [`Catalogue::bundled`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "carepath catalogue",
    description = "One edition of a versioned catalogue of standards: its rating scale, themes and standards, cross-cutting themes, services, sources, and what changed since earlier editions."
)]
pub struct Catalogue {
    /// Where editors find this file's JSON Schema.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The file-format version (semver); this reader accepts major version 1.
    #[serde(deserialize_with = "crate::version::de_schema_version")]
    pub schema_version: Version,
    /// The catalogue's id, the same across editions.
    pub id: CatalogueId,
    /// The edition (semver of the content): a minor version may add standards, a major version
    /// needs migration.
    #[serde(deserialize_with = "crate::version::de_version")]
    pub version: Version,
    /// The catalogue's title.
    pub title: String,
    /// Who publishes this edition.
    pub publisher: String,
    /// When this edition was published.
    pub published: Date,
    /// What the catalogue covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The rating scale and its traffic-light bands.
    #[serde(deserialize_with = "json::object")]
    pub scale: Scale,
    /// The themes, in order, each with its standards.
    #[serde(deserialize_with = "json::objects")]
    pub themes: Vec<Theme>,
    /// The cross-cutting themes that standards are tagged with.
    #[serde(deserialize_with = "json::objects")]
    pub cross_cutting: Vec<CrossCutting>,
    /// The services that deliver standards.
    #[serde(deserialize_with = "json::objects")]
    pub services: Vec<Service>,
    /// The national sources the standards come from.
    #[serde(deserialize_with = "json::objects")]
    pub sources: Vec<Source>,
    /// The population groups a standard can be rated for, each traced to its sources (file
    /// format 1.2): the groups a pathway can fail while its average looks well.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "json::objects")]
    pub groups: Vec<Group>,
    /// What changed since earlier editions, for migration.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "json::objects")]
    pub changes: Vec<ChangeSet>,
}

/// A population group a standard can be rated for, such as the women who need an interpreter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// The group's id, such as `interpreter`.
    pub id: GroupId,
    /// A short title, such as `Women who need an interpreter`.
    pub title: String,
    /// Who the group is, and why a pathway can fail them.
    pub description: String,
    /// The national sources that name the group.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "json::objects")]
    pub sources: Vec<SourceRef>,
}

/// A theme: one worksheet of the original tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// The theme's id, such as `T3`.
    pub id: ThemeId,
    /// The theme's title.
    pub title: String,
    /// What the theme covers.
    pub description: String,
    /// The standards of the theme, in order (at least one).
    #[serde(deserialize_with = "json::objects")]
    pub standards: Vec<Standard>,
}

/// A standard that should exist in every local area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    /// The standard's id, such as `T3.4`.
    pub id: StandardId,
    /// A short title.
    pub title: String,
    /// What "fully met" looks like.
    pub description: String,
    /// What the standard means for a family, in plain words, for lay and lived-experience
    /// members of a partnership (shown in place of the description where plain language is
    /// asked for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plain: Option<String>,
    /// How much the standard matters; it weighs the standard's gap.
    #[serde(deserialize_with = "json::word")]
    pub priority: Priority,
    /// The services that deliver the standard.
    pub services: Vec<ServiceId>,
    /// The cross-cutting themes the standard belongs to.
    pub tags: Vec<TagId>,
    /// The national sources of the standard.
    #[serde(deserialize_with = "json::objects")]
    pub sources: Vec<SourceRef>,
    /// What each rating level looks like for this standard, keyed by the level's value as a
    /// string (`"0"` to `"5"` on the bundled scale). Levels may be left out.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty", deserialize_with = "json::unique_map")]
    #[schemars(extend("propertyNames" = { "pattern": "^-?[0-9]+$" }))]
    pub guidance: IndexMap<String, String>,
}

/// The three tiers of priority that national quality networks use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Must be in place: safety-critical or a national quality statement. Weight 3.
    Essential,
    /// Should be in place: national guidance. Weight 2.
    Expected,
    /// Good practice. Weight 1.
    Desirable,
}

impl Priority {
    /// The weight of a gap in a standard of this priority: essential 3, expected 2,
    /// desirable 1.
    #[must_use]
    pub fn weight(self) -> u32 {
        match self {
            Self::Essential => 3,
            Self::Expected => 2,
            Self::Desirable => 1,
        }
    }

    /// The priority's name as written in files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Essential => "essential",
            Self::Expected => "expected",
            Self::Desirable => "desirable",
        }
    }
}

/// A reference from a standard to a national source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// The source's id, listed in the catalogue's `sources`.
    pub source: SourceId,
    /// The statement or recommendation within the source, such as `statement 4`.
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// A cross-cutting theme: a view across the themes, such as support for partners and dads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CrossCutting {
    /// The tag standards carry, such as `partners`.
    pub id: TagId,
    /// The cross-cutting theme's title.
    pub title: String,
    /// What it covers.
    pub description: String,
}

/// A service that delivers standards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// The service's id, such as `health_visiting`.
    pub id: ServiceId,
    /// The service's name.
    pub title: String,
    /// The sector the service belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "json::optional_word")]
    pub sector: Option<Sector>,
}

/// The sector of a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    /// The National Health Service.
    Nhs,
    /// Local government.
    LocalAuthority,
    /// The voluntary and community sector.
    Voluntary,
    /// Anything else.
    Other,
}

/// A national source of standards: guidance, a quality standard, a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The source's id, such as `nice-qs115`.
    pub id: SourceId,
    /// The source's title.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// The year of publication.
    pub year: u16,
    /// Where to read it (the publisher's own address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Catalogue {
    /// Reads a catalogue from JSON and checks it as a whole.
    ///
    /// # Errors
    /// [`Error::Syntax`], [`Error::Schema`] or [`Error::Version`] when the text is not a
    /// catalogue file this reader understands; [`Error::Invalid`] listing every problem when it
    /// breaks the catalogue rules (see [`Catalogue::validate`]).
    pub fn from_json(text: &str) -> Result<Self, Error> {
        let catalogue: Self = json::from_str(text)?;
        catalogue.validate()?;
        Ok(catalogue)
    }

    /// Reads a catalogue from the bytes of a JSON file and checks it, as [`Catalogue::from_json`].
    /// A leading UTF-8 byte-order mark is skipped; bytes that are not UTF-8 are an
    /// [`Error::Syntax`] at the first bad byte's line and column.
    ///
    /// # Errors
    /// As [`Catalogue::from_json`].
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Self, Error> {
        Self::from_json(json::text(bytes)?)
    }

    /// Reads a catalogue from a JSON value and checks it, as [`Catalogue::from_json`].
    ///
    /// # Errors
    /// As [`Catalogue::from_json`].
    pub fn from_value(value: serde_json::Value) -> Result<Self, Error> {
        Self::from_json(&value.to_string())
    }

    /// Checks the catalogue as a whole: unique ids; every tag, service and source referenced
    /// exists; a level per scale value; bands contiguous and covering the scale exactly; no empty
    /// theme; guidance only for levels of the scale; changes that refer to real standards.
    ///
    /// # Errors
    /// [`Error::Invalid`] listing every problem found.
    pub fn validate(&self) -> Result<(), Error> {
        validate::catalogue(self)
    }

    /// The catalogue as pretty-printed JSON.
    #[must_use]
    pub fn to_json(&self) -> String {
        json::to_pretty(self)
    }

    /// The id and version of this edition.
    #[must_use]
    pub fn reference(&self) -> CatalogueRef {
        CatalogueRef { id: self.id.clone(), version: self.version.clone() }
    }

    /// Every standard with its theme, in catalogue order.
    pub fn standards(&self) -> impl Iterator<Item = (&Theme, &Standard)> {
        self.themes.iter().flat_map(|theme| theme.standards.iter().map(move |s| (theme, s)))
    }

    /// How many standards the catalogue has.
    #[must_use]
    pub fn standard_count(&self) -> usize {
        self.themes.iter().map(|theme| theme.standards.len()).sum()
    }

    /// A standard and its theme, by id.
    #[must_use]
    pub fn standard(&self, id: &str) -> Option<(&Theme, &Standard)> {
        self.standards().find(|(_, s)| s.id == id)
    }

    /// A group the catalogue declares, by id.
    #[must_use]
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// A theme, by id.
    #[must_use]
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    /// A cross-cutting theme, by id.
    #[must_use]
    pub fn cross_cutting(&self, id: &str) -> Option<&CrossCutting> {
        self.cross_cutting.iter().find(|c| c.id == id)
    }

    /// A service, by id.
    #[must_use]
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    /// A source, by id.
    #[must_use]
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// This edition in plain language: every standard that has a `plain` text shows it as its
    /// description, so that every report, workbook and form made from the result speaks to
    /// families and lay members of a partnership. Standards without one keep their description.
    /// Ids, scale, scores and everything else are unchanged, so an assessment scores the same.
    ///
    /// # Example
    /// ```
    /// let c = carepath::Catalogue::bundled("perinatal-mental-health", None)?;
    /// let plain = c.with_plain_language();
    /// let (_, s) = plain.standards().next().unwrap();
    /// assert_eq!(Some(&s.description), c.standards().next().unwrap().1.plain.as_ref());
    /// # Ok::<(), carepath::Error>(())
    /// ```
    #[must_use]
    pub fn with_plain_language(&self) -> Self {
        let mut plain = self.clone();
        for theme in &mut plain.themes {
            for standard in &mut theme.standards {
                if let Some(text) = &standard.plain {
                    standard.description.clone_from(text);
                }
            }
        }
        plain
    }

    /// Whether every standard has a `plain` text.
    #[must_use]
    pub fn has_plain_language(&self) -> bool {
        self.standards().all(|(_, s)| s.plain.as_deref().is_some_and(|p| !p.trim().is_empty()))
    }
}

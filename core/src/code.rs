//! The codes of errors and problems: one enum, whose string forms are what every surface shows
//! (`error.code` in Python and JavaScript, `[code]` after a CLI message), so a binding maps
//! codes with a `match` the compiler checks, and a new code cannot slip past a surface.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What kind of failure a code is, for surfaces that group codes (Python's exception classes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Category {
    /// The text is not a document of the format: `syntax`, `schema`.
    Schema,
    /// A file format major version this reader does not support.
    Version,
    /// A well-formed document that breaks the rules (`invalid`, and every problem code).
    Validation,
    /// A bundled catalogue or edition that does not exist.
    NotFound,
    /// Inputs that cannot go together (assessments of different areas, dates or editions, a
    /// migration backwards or with no path).
    Incompatible,
    /// Too few inputs for the operation.
    TooFew,
    /// An argument of the right type out of its range.
    Argument,
    /// A FHIR resource that does not map to carepath data.
    Fhir,
    /// A workbook whose sheets or cells cannot be understood.
    Workbook,
    /// A file that could not be read or written.
    Io,
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $text:literal => $category:ident, )+) => {
        /// Every code of an [`Error`](crate::Error) or a [`Problem`](crate::Problem). The string
        /// forms are stable: they are the codes of the JSON output, the JSON Schema
        /// (`error.schema.json`) and every surface. New codes may be added in a minor release.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $( $(#[$doc])* #[serde(rename = $text)] $variant, )+
        }

        impl ErrorCode {
            /// Every code, in the order declared.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The code as every surface shows it, such as `unknown_standard`.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text,)+ }
            }

            /// What kind of failure it is.
            #[must_use]
            pub const fn category(self) -> Category {
                match self { $(Self::$variant => Category::$category,)+ }
            }
        }

        impl FromStr for ErrorCode {
            type Err = UnknownWord;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    $($text => Ok(Self::$variant),)+
                    _ => Err(UnknownWord { what: "error code", word: text.to_owned(), expected: "a code of `ErrorCode::ALL`" }),
                }
            }
        }
    };
}

codes! {
    /// The text is not JSON at all (or has trailing characters, or is not UTF-8).
    Syntax = "syntax" => Schema,
    /// The JSON is not in the shape of the file format.
    Schema = "schema" => Schema,
    /// A `schema_version` of a major version this reader does not support.
    Version = "version" => Version,
    /// A well-formed document that breaks the rules; its problems say which.
    Invalid = "invalid" => Validation,
    /// No bundled catalogue or edition of that name.
    NotFound = "not_found" => NotFound,
    /// Assessments of different areas given to compare or consensus.
    MixedAreas = "mixed_areas" => Incompatible,
    /// Raters' assessments of different dates given to consensus.
    MixedDates = "mixed_dates" => Incompatible,
    /// Assessments of another edition given to benchmark or consensus: migrate them first.
    MixedEditions = "mixed_editions" => Incompatible,
    /// Assessments or a target of another catalogue given to compare or migrate.
    MixedCatalogues = "mixed_catalogues" => Incompatible,
    /// Migration to an older edition than the assessment's.
    MigrationBackwards = "migration_backwards" => Incompatible,
    /// No chain of editions with changes leads to the target.
    NoMigrationPath = "no_migration_path" => Incompatible,
    /// One area twice in a benchmark.
    RepeatedArea = "repeated_area" => Incompatible,
    /// An earlier assessment dated after the later one.
    DatesReversed = "dates_reversed" => Incompatible,
    /// A benchmark (or another operation on a set) of no assessments.
    NoAssessments = "no_assessments" => TooFew,
    /// Consensus of fewer than two raters.
    TooFewRaters = "too_few_raters" => TooFew,
    /// An argument of the right type out of its range (`threads=0`, `min_group=-1`).
    Argument = "argument" => Argument,
    /// FHIR: not a QuestionnaireResponse.
    FhirResource = "fhir_resource" => Fhir,
    /// FHIR: a response to another questionnaire, or to another edition.
    FhirQuestionnaire = "fhir_questionnaire" => Fhir,
    /// FHIR: an item whose `linkId` the catalogue lacks (or not where it has it).
    FhirLinkId = "fhir_link_id" => Fhir,
    /// FHIR: an answer that is not one of the item's options.
    FhirOffScale = "fhir_off_scale" => Fhir,
    /// FHIR: two answers to one standard, or one standard answered twice.
    FhirRepeated = "fhir_repeated" => Fhir,
    /// FHIR: an element missing or of the wrong type.
    FhirShape = "fhir_shape" => Fhir,
    /// A workbook whose sheets or cells cannot be understood, or a text too long for a cell.
    Workbook = "workbook" => Workbook,
    /// A file that could not be read or written (the command-line tool's validation output).
    Io = "io" => Io,
    /// Problem: an assessment of another catalogue than the one it is checked against.
    CatalogueMismatch = "catalogue_mismatch" => Validation,
    /// Problem: an assessment of an edition the catalogue cannot score (another major version).
    CatalogueVersion = "catalogue_version" => Validation,
    /// Problem: a rating for a standard the catalogue does not have.
    UnknownStandard = "unknown_standard" => Validation,
    /// Problem: a score outside the catalogue's scale.
    RatingOffScale = "rating_off_scale" => Validation,
    /// Problem: an edit of a standard's entry when the standard has none.
    NotRated = "not_rated" => Validation,
    /// Problem: an id used twice in a catalogue.
    DuplicateId = "duplicate_id" => Validation,
    /// Problem: a citation of a source twice in one standard.
    DuplicateReference = "duplicate_reference" => Validation,
    /// Problem: a catalogue without themes.
    NoThemes = "no_themes" => Validation,
    /// Problem: a theme without standards.
    EmptyTheme = "empty_theme" => Validation,
    /// Problem: a standard tagged with a cross-cutting theme the catalogue does not list.
    UnknownTag = "unknown_tag" => Validation,
    /// Problem: a standard naming a service the catalogue does not list.
    UnknownService = "unknown_service" => Validation,
    /// Problem: a standard citing a source the catalogue does not list.
    UnknownSource = "unknown_source" => Validation,
    /// Problem: a scale without bands.
    NoBands = "no_bands" => Validation,
    /// Problem: a scale whose maximum is below its minimum.
    ScaleRange = "scale_range" => Validation,
    /// Problem: a scale of more levels than a catalogue may have.
    ScaleTooWide = "scale_too_wide" => Validation,
    /// Problem: bands that do not cover the scale exactly once.
    BandCoverage = "band_coverage" => Validation,
    /// Problem: bands out of order (each must start where the one before ends).
    BandOrder = "band_order" => Validation,
    /// Problem: a gap or an overlap between two bands.
    BandGap = "band_gap" => Validation,
    /// Problem: scale levels that are not the scale's values.
    LevelMismatch = "level_mismatch" => Validation,
    /// Problem: a standard's guidance for a level off the scale.
    GuidanceLevel = "guidance_level" => Validation,
    /// Problem: the `changes` of an edition from a version not older than it.
    ChangeVersion = "change_version" => Validation,
    /// Problem: two changes of one standard of the earlier edition.
    DuplicateChange = "duplicate_change" => Validation,
    /// Problem: a change onto a standard that another change also targets in a way that cannot be.
    DuplicateTarget = "duplicate_target" => Validation,
    /// Problem: a change that leads nowhere (a split or merge with no targets).
    EmptyChange = "empty_change" => Validation,
    /// Problem: a standard of the earlier edition that the changes do not account for.
    UnaccountedStandard = "unaccounted_standard" => Validation,
    /// Problem: a target outside the catalogue's scale.
    TargetOffScale = "target_off_scale" => Validation,
    /// Problem: two actions of one plan with the same id.
    DuplicateAction = "duplicate_action" => Validation,
    /// Problem: an edit of an action the plan does not have.
    UnknownAction = "unknown_action" => Validation,
    /// Problem: a group rating for a group neither the catalogue nor the assessment declares.
    UnknownGroup = "unknown_group" => Validation,
    /// Problem: a local group whose id is the catalogue's, or another local group's.
    DuplicateGroup = "duplicate_group" => Validation,
}

impl ErrorCode {
    /// Whether the code is one of an [`Error`](crate::Error) (what `error.code` can be), as
    /// against one that only a [`Problem`](crate::Problem) in a list carries.
    #[must_use]
    pub fn is_error(self) -> bool {
        !matches!(self.category(), Category::Validation) || self == Self::Invalid
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<ErrorCode> for &str {
    fn eq(&self, other: &ErrorCode) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<serde_json::Value> for ErrorCode {
    fn eq(&self, other: &serde_json::Value) -> bool {
        other.as_str() == Some(self.as_str())
    }
}

impl PartialEq<ErrorCode> for str {
    fn eq(&self, other: &ErrorCode) -> bool {
        self == other.as_str()
    }
}

/// A word that is not one of the words of the format (a confidence, a priority, a sector, a
/// code, ...): what was expected and what was given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{word}`: expected {expected}")]
pub struct UnknownWord {
    /// What the word should have been, such as `confidence`.
    pub what: &'static str,
    /// The word given.
    pub word: String,
    /// The words expected, such as `` `low`, `medium` or `high` ``.
    pub expected: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_from_its_string() {
        for code in ErrorCode::ALL {
            assert_eq!(code.as_str().parse::<ErrorCode>().unwrap(), *code);
            assert_eq!(serde_json::to_string(code).unwrap(), format!("\"{code}\""));
        }
        assert!("nonsense".parse::<ErrorCode>().is_err());
    }

    #[test]
    fn problem_codes_are_not_error_codes() {
        assert!(ErrorCode::Invalid.is_error());
        assert!(ErrorCode::MixedAreas.is_error());
        assert!(!ErrorCode::UnknownStandard.is_error());
    }
}

//! # carepath
//!
//! Assess a local care pathway against a versioned catalogue of national standards. Local
//! partners rate each standard on the catalogue's scale (0 to 5 for the bundled perinatal mental
//! health catalogue); carepath checks the ratings, colours each standard with a traffic light,
//! averages themes and cross-cutting themes, and ranks the gaps.
//!
//! The crate is pure: it parses strings, never touches files or the network, prints nothing and
//! keeps no global state. The Python and WebAssembly bindings and the `carepath` command-line
//! tool are thin shells over it, so every surface gives the same numbers.
//!
//! ## Quick start
//!
//! ```
//! use carepath::{Assessment, Area, Catalogue, Date, Rating};
//!
//! // The bundled catalogue: no file needed.
//! let catalogue = Catalogue::bundled("perinatal-mental-health", Some("1.0.0"))?;
//!
//! // Build an assessment in code (or read one with `Assessment::from_json`).
//! let date: Date = "2016-11-30".parse()?;
//! let mut assessment = Assessment::new(catalogue.reference(), Area::named("Northbrook"), date);
//! assessment.rate(&catalogue, "T1.1", Rating::Score(4))?;
//! assessment.rate(&catalogue, "T1.2", Rating::Score(2))?;
//! assessment.set_evidence("T1.2", Some("Plan drafted, not yet signed off"))?;
//! assessment.rate(&catalogue, "T1.3", Rating::Unknown)?;
//!
//! let report = catalogue.score(&assessment)?;
//! let t1 = report.theme("T1").unwrap();
//! assert_eq!(t1.score, Some(3.0));
//! assert_eq!(t1.light.as_ref().unwrap(), "amber");
//! assert_eq!(report.unknowns[0], "T1.3");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Errors
//!
//! Everything that can go wrong with data is an [`Error`] that says what and where (a JSON
//! Pointer to the offending value) and carries a stable [`Error::code`]. Checking a catalogue or
//! an assessment reports every problem found, not only the first. Nothing panics on bad input.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
#![warn(missing_docs)]

mod assessment;
mod benchmark;
mod bundled;
mod catalogue;
mod changes;
mod code;
mod compare;
mod consensus;
mod date;
mod detect;
pub mod diff;
mod error;
pub mod fhir;
mod groups;
mod ids;
mod json;
mod known;
pub mod lint;
mod migrate;
mod plan;
mod report;
mod scale;
mod schema;
mod score;
mod syntax;
mod tree;
mod validate;
pub mod version;
mod walk;

pub use assessment::{
    ArchivedRating, Area, Assessment, CatalogueRef, Confidence, EvidenceLevel, GroupRating, LocalGroup, Participant,
    Previous, PreviousRating, Rating, RatingEntry, RatingError,
};
pub use benchmark::{
    AreaPosition, Benchmark, BenchmarkBuilder, DEFAULT_MIN_GROUP, Distribution, GroupDistribution, GroupSpread,
    Position, StandardDistribution, ThemePosition, benchmark,
};
pub use bundled::{DEFAULT_CATALOGUE, bundled_catalogues, bundled_json, bundled_via};
pub use catalogue::{Catalogue, CrossCutting, Group, Priority, Sector, Service, Source, SourceRef, Standard, Theme};
pub use changes::{ChangeSet, Scope, StandardChange};
pub use code::{Category, ErrorCode, UnknownWord};
pub use compare::{
    ActionCounts, ActionOutcome, ActionProgress, Comparable, Comparison, CrossCuttingChange, Direction, GroupChange,
    GroupOverTime, Progress, ScoreChange, Snapshot, StandardDelta, TargetCounts, TargetOutcome, TargetProgress,
    ThemeChange, compare, earlier_edition,
};
pub use consensus::{Consensus, DEFAULT_DISAGREEMENT, StandardConsensus, consensus};
pub use date::{Date, DateError};
pub use detect::DocumentKind;
pub use error::{Error, ErrorInfo, Problem, Problems, pointer as json_pointer};
pub use fhir::FhirProblem;
pub use ids::{
    ActionId, BandId, CatalogueId, GroupId, IdError, MAX_ID_LEN, ServiceId, SourceId, StandardId, TagId, ThemeId,
};
pub use json::{read as read_json, text as json_text, value as json_value};
pub use migrate::{ActionFate, ActionMove, Fate, MigrationReport, MigrationStep, RatingFate, migrate, migrate_via};
pub use plan::{Action, ActionStatus, ArchivedAction, PlanSummary, StatusCounts, Target};
pub use report::{
    CrossCuttingScore, EquityGap, EvidenceCounts, EvidenceSummary, Gap, GroupScore, Overall, Report, StandardScore,
    ThemeScore,
};
pub use scale::{Band, EDGE_TOLERANCE, Level, MAX_SCALE_LEVELS, Scale};
pub use schema::SchemaKind;
pub use score::{DEFAULT_MAX_AGE_MONTHS, ScoreOptions, Summary, SummaryGroup, SummaryOverall, SummaryTheme};
pub use version::{SCHEMA_VERSION, Version};

/// The README's Rust code blocks, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

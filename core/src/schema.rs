//! The JSON Schemas of the three file formats, generated from the types. The copies in
//! `standards/schemas/` are checked against these by a test, so they never drift.

use std::fmt;
use std::str::FromStr;

use crate::{Assessment, Benchmark, Catalogue, Comparison, Consensus, ErrorInfo, MigrationReport, Report};

/// One of the file formats that has a JSON Schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SchemaKind {
    /// `standards/<id>/<version>.json`.
    Catalogue,
    /// An assessment of one area.
    Assessment,
    /// What scoring returns.
    Report,
    /// What migration reports.
    Migration,
    /// What comparing two assessments of one area returns.
    Comparison,
    /// What benchmarking a set of areas returns.
    Benchmark,
    /// What combining several raters returns (beside the combined assessment).
    Consensus,
    /// An error as every surface reports it: its code (every code listed), message, JSON
    /// Pointer, line and column, the document of a set it is about, and its problems.
    Error,
}

impl SchemaKind {
    /// All kinds.
    pub const ALL: [Self; 8] = [
        Self::Catalogue,
        Self::Assessment,
        Self::Report,
        Self::Migration,
        Self::Comparison,
        Self::Benchmark,
        Self::Consensus,
        Self::Error,
    ];

    /// The kind's name: `catalogue`, `assessment` or `report`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Catalogue => "catalogue",
            Self::Assessment => "assessment",
            Self::Report => "report",
            Self::Migration => "migration",
            Self::Comparison => "comparison",
            Self::Benchmark => "benchmark",
            Self::Consensus => "consensus",
            Self::Error => "error",
        }
    }

    /// The schema's file name in `standards/schemas/`.
    #[must_use]
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }

    /// The schema as a JSON value.
    #[must_use]
    pub fn schema(self) -> serde_json::Value {
        let schema = match self {
            Self::Catalogue => schemars::schema_for!(Catalogue),
            Self::Assessment => schemars::schema_for!(Assessment),
            Self::Report => schemars::schema_for!(Report),
            Self::Migration => schemars::schema_for!(MigrationReport),
            Self::Comparison => schemars::schema_for!(Comparison),
            Self::Benchmark => schemars::schema_for!(Benchmark),
            Self::Consensus => schemars::schema_for!(Consensus),
            Self::Error => schemars::schema_for!(ErrorInfo),
        };
        schema.to_value()
    }

    /// The schema as pretty-printed JSON with a final newline, exactly as committed.
    #[must_use]
    pub fn to_json(self) -> String {
        crate::json::to_pretty(&self.schema())
    }
}

impl fmt::Display for SchemaKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for SchemaKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|k| k.name() == s).ok_or_else(|| {
            let names: Vec<&str> = Self::ALL.iter().map(|k| k.name()).collect();
            format!("unknown schema `{s}`: expected one of {}", names.join(", "))
        })
    }
}

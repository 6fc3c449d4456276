//! # carepath-report
//!
//! The documents people read, made from carepath's answers, the same on every surface (the
//! command-line tool, Python and the WebAssembly package call this crate and nothing else):
//!
//! | document | made from | formats |
//! | --- | --- | --- |
//! | the assessment report | a catalogue, an assessment and its [`carepath::Report`] | HTML, Markdown, CSV |
//! | the comparison over time | the two editions and a [`carepath::Comparison`] | HTML, Markdown, CSV |
//! | the benchmark across areas | a catalogue and a [`carepath::Benchmark`] | HTML, Markdown, CSV |
//! | the consensus of raters | a catalogue and a [`carepath::Consensus`] | HTML, Markdown, CSV |
//! | the workbook | a catalogue, and an assessment to fill it from | XLSX, written and read back |
//!
//! HTML pages are self-contained (styles inline, charts as inline SVG, no script, no fetch) and
//! accessible: every light carries its word, so colour is never the only signal. Numbers show
//! one decimal. CSV has one layout for every document (see [`Format::Csv`]). Every document
//! takes its words for lights from the catalogue's own band labels and its colours from
//! [`palette`].
//!
//! ```
//! use carepath::{Area, Assessment, Catalogue, Rating};
//! use carepath_report::{Document, Format};
//!
//! let catalogue = Catalogue::bundled("perinatal-mental-health", Some("1.0.0"))?;
//! let mut assessment = Assessment::new(catalogue.reference(), Area::named("Northbrook"), "2016-11-30".parse()?);
//! assessment.rate(&catalogue, "T1.1", Rating::Score(4))?;
//! let report = catalogue.score(&assessment)?;
//!
//! let page = Document::report(&catalogue, &assessment, &report).render(Format::Html);
//! assert!(page.starts_with("<!DOCTYPE html>") && !page.contains("<script"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Features
//!
//! Each surface takes only what it needs: `html`, `markdown`, `csv`, `text` (the summaries the
//! command-line tool prints) and `xlsx` (the workbook). All are on by default. A format whose
//! feature is off is not in the API.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
#![warn(missing_docs)]
// With only some formats on, helpers that only the others use are unused.
#![cfg_attr(not(all(feature = "html", feature = "markdown", feature = "csv", feature = "text")), allow(dead_code))]

pub mod palette;
mod render;
#[cfg(feature = "xlsx")]
pub mod workbook;

use std::fmt;
use std::str::FromStr;

use carepath::{Assessment, Benchmark, Catalogue, Comparison, Consensus, Report};

/// The editions a comparison involves: the one compared in (the later assessment's) and the
/// earlier assessment's own, which names the ratings that migration archived. They are the same
/// catalogue when both assessments are of one edition.
#[derive(Debug, Clone, Copy)]
pub struct Editions<'a> {
    /// The edition compared in.
    pub now: &'a Catalogue,
    /// The earlier assessment's edition.
    pub then: &'a Catalogue,
}

/// A document to render: what it is made from.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Document<'a> {
    /// The assessment report.
    Report {
        /// The catalogue edition the assessment was scored with.
        catalogue: &'a Catalogue,
        /// The assessment (its evidence, confidence and actions are shown).
        assessment: &'a Assessment,
        /// Its scores.
        report: &'a Report,
    },
    /// The comparison of two assessments of one area over time.
    Comparison {
        /// The editions involved.
        editions: Editions<'a>,
        /// The comparison.
        comparison: &'a Comparison,
    },
    /// The benchmark across areas.
    Benchmark {
        /// The catalogue edition of the assessments.
        catalogue: &'a Catalogue,
        /// The benchmark.
        benchmark: &'a Benchmark,
    },
    /// The consensus of several raters.
    Consensus {
        /// The catalogue edition of the assessments.
        catalogue: &'a Catalogue,
        /// The consensus report.
        consensus: &'a Consensus,
    },
}

impl<'a> Document<'a> {
    /// The assessment report.
    #[must_use]
    pub fn report(catalogue: &'a Catalogue, assessment: &'a Assessment, report: &'a Report) -> Self {
        Self::Report { catalogue, assessment, report }
    }

    /// The comparison over time.
    #[must_use]
    pub fn comparison(editions: Editions<'a>, comparison: &'a Comparison) -> Self {
        Self::Comparison { editions, comparison }
    }

    /// The benchmark across areas.
    #[must_use]
    pub fn benchmark(catalogue: &'a Catalogue, benchmark: &'a Benchmark) -> Self {
        Self::Benchmark { catalogue, benchmark }
    }

    /// The consensus of raters.
    #[must_use]
    pub fn consensus(catalogue: &'a Catalogue, consensus: &'a Consensus) -> Self {
        Self::Consensus { catalogue, consensus }
    }

    /// The document in a format.
    #[must_use]
    pub fn render(&self, format: Format) -> String {
        match format {
            #[cfg(feature = "html")]
            Format::Html => self.html(),
            #[cfg(feature = "markdown")]
            Format::Markdown => self.markdown(),
            #[cfg(feature = "csv")]
            Format::Csv => self.csv(),
        }
    }

    /// The self-contained HTML page.
    #[cfg(feature = "html")]
    #[must_use]
    pub fn html(&self) -> String {
        match *self {
            Self::Report { catalogue, assessment, report } => render::assessment::html(catalogue, assessment, report),
            Self::Comparison { editions, comparison } => render::comparison::html(editions, comparison),
            Self::Benchmark { catalogue, benchmark } => render::benchmark::html(catalogue, benchmark),
            Self::Consensus { catalogue, consensus } => render::consensus::html(catalogue, consensus),
        }
    }

    /// The Markdown page.
    #[cfg(feature = "markdown")]
    #[must_use]
    pub fn markdown(&self) -> String {
        match *self {
            Self::Report { catalogue, assessment, report } => {
                render::assessment::markdown(catalogue, assessment, report)
            }
            Self::Comparison { editions, comparison } => render::comparison::markdown(editions, comparison),
            Self::Benchmark { catalogue, benchmark } => render::benchmark::markdown(catalogue, benchmark),
            Self::Consensus { catalogue, consensus } => render::consensus::markdown(catalogue, consensus),
        }
    }

    /// The CSV table.
    #[cfg(feature = "csv")]
    #[must_use]
    pub fn csv(&self) -> String {
        match *self {
            Self::Report { catalogue, assessment, report } => render::csv::report(catalogue, assessment, report),
            Self::Comparison { editions, comparison } => render::csv::comparison(editions, comparison),
            Self::Benchmark { catalogue, benchmark } => render::csv::benchmark(catalogue, benchmark),
            Self::Consensus { catalogue, consensus } => render::csv::consensus(catalogue, consensus),
        }
    }

    /// The part of the HTML page a notebook or a host page shows inline: the page's stylesheet
    /// (scoped by its class names) and its `<main>`, without the document around them.
    #[cfg(feature = "html")]
    #[must_use]
    pub fn html_fragment(&self) -> String {
        render::html::fragment(&self.html())
    }
}

/// A migration report as a short HTML fragment (for notebooks and host pages): the editions,
/// how many ratings met each fate in each step, what to review and how many were archived.
#[cfg(feature = "html")]
#[must_use]
pub fn migration_html_fragment(report: &carepath::MigrationReport) -> String {
    render::html::migration_fragment(report)
}

/// The formats of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// One self-contained HTML page with charts (no script, no external fetch).
    #[cfg(feature = "html")]
    Html,
    /// Markdown, for wikis: the same content as the HTML page, in tables.
    #[cfg(feature = "markdown")]
    Markdown,
    /// One CSV layout for every document: a header row, then a row per item whose first column
    /// (`kind`) says what it is (`overall`, `theme`, `cross_cutting`, `standard`, `gap`, ...);
    /// RFC 4180 quoting, CRLF line ends, and cells that a spreadsheet would run as a formula
    /// (starting with `=`, `+`, `-`, `@`, a tab or a carriage return, unless a plain number)
    /// written with a `'` in front.
    #[cfg(feature = "csv")]
    Csv,
}

impl Format {
    /// The format's name: `html`, `markdown` or `csv`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            #[cfg(feature = "html")]
            Self::Html => "html",
            #[cfg(feature = "markdown")]
            Self::Markdown => "markdown",
            #[cfg(feature = "csv")]
            Self::Csv => "csv",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A format name that is not one of this build's formats.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown report format `{0}`: expected html, markdown (or md) or csv")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    /// `html`, `markdown` (also `md`) or `csv`, any case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.to_ascii_lowercase().as_str() {
            #[cfg(feature = "html")]
            "html" => Ok(Self::Html),
            #[cfg(feature = "markdown")]
            "markdown" | "md" => Ok(Self::Markdown),
            #[cfg(feature = "csv")]
            "csv" => Ok(Self::Csv),
            _ => Err(UnknownFormat(text.to_owned())),
        }
    }
}

/// Guards a CSV cell against formula injection as every carepath CSV does: a cell starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return, and not a plain number, gets a `'` in front so
/// that spreadsheet programs show it as text. For tables written with another CSV writer (the
/// command-line tool's `score` of many files).
///
/// ```
/// assert_eq!(carepath_report::csv_guard("=HYPERLINK(1)"), "'=HYPERLINK(1)");
/// assert_eq!(carepath_report::csv_guard("-1.5"), "-1.5");
/// ```
#[cfg(feature = "csv")]
#[must_use]
pub fn csv_guard(cell: &str) -> std::borrow::Cow<'_, str> {
    render::csv::guard(cell)
}

/// The readable summaries the command-line tool prints (`carepath score`, `migrate`,
/// `compare`, `benchmark` and `consensus` with `--format text`).
#[cfg(feature = "text")]
pub mod text {
    use carepath::{Assessment, Benchmark, Catalogue, Comparison, Consensus, MigrationReport, Report};

    use crate::render::text;

    /// The summary of a report: overall, themes, cross-cutting themes, gaps, strengths, unknowns.
    #[must_use]
    pub fn summary(catalogue: &Catalogue, report: &Report) -> String {
        text::summary(catalogue, report)
    }

    /// The improvement plan: every action with its status (overdue marked), the gaps no action
    /// covers, and the targets still to reach.
    #[must_use]
    pub fn plan(catalogue: &Catalogue, assessment: &Assessment, report: &Report) -> String {
        text::plan(catalogue, assessment, report)
    }

    /// What a migration did with each rating.
    #[must_use]
    pub fn migration(
        from: &Catalogue,
        to: &Catalogue,
        old: &Assessment,
        migrated: &Assessment,
        report: &MigrationReport,
    ) -> String {
        text::migration(from, to, old, migrated, report)
    }

    /// The comparison over time.
    #[must_use]
    pub fn comparison(catalogue: &Catalogue, comparison: &Comparison) -> String {
        text::comparison(catalogue, comparison)
    }

    /// The benchmark across areas.
    #[must_use]
    pub fn benchmark(catalogue: &Catalogue, benchmark: &Benchmark) -> String {
        text::benchmark(catalogue, benchmark)
    }

    /// The consensus of raters.
    #[must_use]
    pub fn consensus(catalogue: &Catalogue, consensus: &Consensus) -> String {
        text::consensus(catalogue, consensus)
    }
}

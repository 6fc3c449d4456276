//! `carepath catalogue diff OLD NEW` and `carepath catalogue lint FILE`: tools for the people
//! who write editions (the logic is the core's `carepath::diff` and `carepath::lint`).

use std::path::Path;
use std::process::ExitCode;

use carepath::Catalogue;

use crate::Format;
use crate::input::{Failure, emit, load_catalogue};

/// A catalogue named on the command line: a file, or a bundled edition as `id@version`.
fn catalogue(arg: &str) -> Result<Catalogue, Failure> {
    let path = Path::new(arg);
    if path.exists() || arg == "-" || !arg.contains('@') {
        return load_catalogue(path);
    }
    Catalogue::bundled_spec(arg).map_err(|e| Failure::input(arg, e))
}

/// `catalogue diff OLD NEW`: the drafted `changes` of NEW from OLD, as JSON ready to paste
/// into NEW's `changes`, after a readable summary (`--format json`: the JSON alone).
pub(crate) fn diff(old: &str, new: &str, format: Format, output: Option<&Path>) -> Result<ExitCode, Failure> {
    let (old, new) = (catalogue(old)?, catalogue(new)?);
    let d = old.diff(&new);
    let changes = serde_json::to_string_pretty(&d.to_changes()).unwrap_or_default() + "\n";
    let text = match format {
        Format::Json => changes,
        Format::Text => {
            format!("{}\nDrafted `changes` entry (paste into the new edition's `changes`):\n{changes}", d.summary())
        }
    };
    emit(&text, output)?;
    Ok(ExitCode::SUCCESS)
}

/// `catalogue lint FILE...`: every finding, with its file, code and JSON path; exit 1 when there
/// is any. A file's changes are checked against the bundled editions they lead from, and
/// against the other files given.
pub(crate) fn lint(files: &[String], format: Format) -> Result<ExitCode, Failure> {
    let catalogues = files.iter().map(|f| catalogue(f)).collect::<Result<Vec<_>, _>>()?;
    #[derive(serde::Serialize)]
    struct Linted<'a> {
        file: &'a str,
        edition: String,
        findings: Vec<carepath::lint::Finding>,
    }
    let mut all = Vec::new();
    for (file, c) in files.iter().zip(&catalogues) {
        let mut earlier: Vec<Catalogue> =
            catalogues.iter().filter(|o| o.id == c.id && o.version < c.version).cloned().collect();
        for r in carepath::bundled_catalogues() {
            if r.id == c.id && r.version < c.version && !earlier.iter().any(|e| e.version == r.version) {
                earlier.push(
                    Catalogue::bundled(r.id.as_str(), Some(&r.version.to_string()))
                        .map_err(|e| Failure::input(file, e))?,
                );
            }
        }
        all.push(Linted { file, edition: c.reference().to_string(), findings: c.lint_with(&earlier) });
    }
    let found = all.iter().map(|l| l.findings.len()).sum::<usize>();
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&all).unwrap_or_default() + "\n",
        Format::Text => {
            let mut out = String::new();
            for l in &all {
                for f in &l.findings {
                    out.push_str(&format!("{}: {} at {}: {}\n", l.file, f.code, f.path, f.message));
                }
                out.push_str(&format!("{}: {} ({}): {} findings\n", l.file, l.edition, "lint", l.findings.len()));
            }
            out
        }
    };
    emit(&text, None)?;
    Ok(if found == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

//! Helpers shared by the report and workbook tests: running the binary, finding the examples,
//! scratch files.

#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every example assessment, sorted.
pub fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("standards/examples"))
        .expect("examples folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no example assessments found");
    files
}

/// The file name without extension.
pub fn stem(path: &Path) -> String {
    path.file_stem().expect("stem").to_string_lossy().into_owned()
}

/// Runs `carepath` with arguments.
pub fn carepath(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carepath")).args(args).output().expect("run carepath")
}

/// Runs `carepath` and returns standard output, failing the test on a non-zero exit.
pub fn ok(args: &[&str]) -> String {
    let out = carepath(args);
    assert!(
        out.status.success(),
        "carepath {args:?} failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// A scratch folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("reports").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// A path as a `&str` argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// The scored report of an assessment, through the CLI's JSON output.
pub fn report(assessment: &Path) -> carepath::Report {
    carepath::Report::from_json(&ok(&["score", arg(assessment), "--format", "json"])).expect("report JSON")
}

/// Compares `actual` with the golden file, or rewrites it when `CAREPATH_BLESS=1`.
pub fn golden(name: &str, actual: &str) -> Option<String> {
    let path = root().join("cli/tests/golden").join(name);
    if std::env::var("CAREPATH_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, actual).unwrap();
        return None;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing golden {}: run with CAREPATH_BLESS=1", path.display()));
    (expected != actual).then(|| {
        let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).map_or(0, |i| i + 1);
        format!("{name} differs from its golden (first at line {line}); if intended, rerun with CAREPATH_BLESS=1")
    })
}

//! Helpers shared by the CLI's integration tests: the examples, running the binary, scratch
//! files and goldens. Reading the HTML pages and their screenshots is in [`page`].

#![allow(dead_code, unreachable_pub)]

pub mod page;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// An example assessment, by file name (`northbrook-2016.json`).
pub fn example(name: &str) -> PathBuf {
    root().join("standards/examples").join(name)
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

/// The example assessments of edition 2.0.0 (`*-2024.json`, one per area), sorted.
pub fn examples_2024() -> Vec<PathBuf> {
    let files: Vec<PathBuf> = examples().into_iter().filter(|p| stem(p).ends_with("-2024")).collect();
    assert!(files.len() >= 8, "the 2024 examples: {files:?}");
    files
}

/// A bundled edition of the perinatal mental health standards, by version (`2.0.0`).
pub fn edition(version: &str) -> carepath::Catalogue {
    carepath::Catalogue::bundled("perinatal-mental-health", Some(version)).expect("bundled edition")
}

/// A JSON file as a value to edit.
pub fn json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The file name without extension.
pub fn stem(path: &Path) -> String {
    path.file_stem().expect("stem").to_string_lossy().into_owned()
}

/// A path as a `&str` argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_carepath"));
    command.args(args).current_dir(root());
    command
}

/// Runs `carepath` with arguments, in the repository root.
pub fn carepath(args: &[&str]) -> Output {
    command(args).output().expect("run carepath")
}

/// Runs `carepath` with `input` on standard input.
pub fn with_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run carepath");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("carepath output")
}

/// Runs `carepath` and returns standard output, failing the test on a non-zero exit.
pub fn ok(args: &[&str]) -> String {
    let out = carepath(args);
    assert!(out.status.success(), "carepath {args:?} failed ({}):\n{}", out.status, stderr(&out));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Standard output, as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Standard error, as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// This test program's own folder in cargo's scratch space.
fn scratch_root() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(env!("CARGO_CRATE_NAME"))
}

/// An empty scratch folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = scratch_root().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Writes a scratch file (names are unique within a test program) and returns its path.
pub fn temp(name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let dir = scratch_root().join("files");
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let path = dir.join(name);
    std::fs::write(&path, content).expect("scratch file");
    path
}

/// Whether two numbers are equal but for rounding.
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
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

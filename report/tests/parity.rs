//! The README's table of one name per operation: every Rust name it lists is a public item of
//! the core or of this crate.

use std::path::Path;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The text of every Rust source file under `dir`.
fn sources(dir: &Path, out: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push_str(&read(&path));
        }
    }
}

#[test]
fn every_rust_name_in_the_readme_table_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let readme = read(&root.join("README.md"));
    let table = readme.split("<!-- parity -->").nth(1).expect("the README has a parity table");
    let lines: Vec<&str> = table.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| ---")).collect();
    let header: Vec<&str> = lines[0].split('|').map(str::trim).collect();
    let column = header.iter().position(|h| *h == "Rust").unwrap();
    let mut code = String::new();
    sources(&root.join("core/src"), &mut code);
    sources(&root.join("report/src"), &mut code);
    let mut checked = 0;
    for row in &lines[1..] {
        let cells: Vec<&str> = row.split('|').collect();
        for name in cells[column].split('`').skip(1).step_by(2) {
            let item = name.rsplit("::").next().unwrap();
            let defined = [format!("pub fn {item}("), format!("pub fn {item}<"), format!("pub mod {item}")]
                .iter()
                .any(|d| code.contains(d.as_str()));
            assert!(defined, "`{name}` in the README's parity table is no public Rust item");
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} names checked");
}

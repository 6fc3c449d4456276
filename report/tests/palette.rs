//! One palette: the HTML pages, the workbook and the widget's stylesheet use the same colours.

use std::path::Path;

use carepath_report::palette::{AMBER, GREEN, NONE, RED, tone};

fn repo(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)).unwrap()
}

#[test]
fn the_widget_stylesheet_uses_the_palette() {
    let css = repo("bindings-wasm/js/carepath-widget.css");
    for (name, t) in [("red", RED), ("amber", AMBER), ("green", GREEN)] {
        let declaration = format!("--cp-{name}: var(--carepath-{name}, {});", t.fill);
        assert!(css.contains(&declaration), "the widget's {name} is not the palette's: expected `{declaration}`");
    }
}

#[test]
fn the_pages_use_the_palette() {
    let catalogue = carepath::Catalogue::bundled("perinatal-mental-health", None).unwrap();
    let a = carepath::Assessment::new(
        catalogue.reference(),
        carepath::Area::named("Testshire"),
        "2024-01-01".parse().unwrap(),
    );
    let report = catalogue.score(&a).unwrap();
    let page = carepath_report::Document::report(&catalogue, &a, &report).html();
    for (name, t) in [("red", RED), ("amber", AMBER), ("green", GREEN), ("none", NONE)] {
        assert!(page.contains(&format!("--{name}:{}", t.fill)), "{name}");
    }
    assert_eq!(tone(Some("red")), RED);
    assert_eq!(tone(None), NONE);
}

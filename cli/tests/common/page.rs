//! Reading the HTML pages with an HTML5 parser, and their screenshots rendered in headless
//! Chromium by the scripts in `cli/scripts`.

use std::path::Path;

use scraper::{ElementRef, Html, Selector};

use super::root;

/// The elements of a page that match a CSS selector.
pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"));
    doc.select(&selector).collect()
}

/// The elements inside `el` that match a CSS selector.
pub fn select_in<'a>(el: &ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"));
    el.select(&selector).collect()
}

/// All the text inside an element.
pub fn text(el: &ElementRef<'_>) -> String {
    el.text().collect::<String>()
}

/// An attribute the element must have.
pub fn attr<'a>(el: &ElementRef<'a>, name: &str) -> &'a str {
    el.value().attr(name).unwrap_or_else(|| panic!("no {name} on <{}>", el.value().name()))
}

/// Checks what every page must be: HTML5 without a parse error, one title, the Content Security
/// Policy, print CSS, no script, no event handler, nothing fetched; every chart an image
/// labelled by its own title and description; every light and change with its word. `name`
/// says which page in failures.
pub fn assert_self_contained(name: &str, page: &str) -> Html {
    let doc = Html::parse_document(page);
    assert!(doc.errors.is_empty(), "{name}: HTML parse errors: {:?}", doc.errors);
    assert!(page.starts_with("<!DOCTYPE html>"), "{name}");
    assert_eq!(select(&doc, "html[lang=en]").len(), 1, "{name}");
    assert_eq!(select(&doc, "head > title").len(), 1, "{name}");
    assert_eq!(select(&doc, "script").len(), 0, "{name}: no script");
    for el in select(&doc, "*") {
        for (attribute, value) in el.value().attrs() {
            assert!(!attribute.starts_with("on"), "{name}: event handler attribute {attribute}");
            assert_ne!(attribute, "src", "{name}: external resource {value}");
        }
    }
    for link in select(&doc, "link") {
        assert_eq!(link.value().attr("href"), Some("data:,"), "{name}: only the inline icon is linked");
    }
    let csp = select(&doc, r#"meta[http-equiv="Content-Security-Policy"]"#);
    assert_eq!(csp.len(), 1, "{name}");
    assert!(attr(&csp[0], "content").starts_with("default-src 'none'"), "{name}");
    assert!(page.contains("@media print"), "{name}: print styles");
    for svg in select(&doc, "svg") {
        assert_eq!(svg.value().attr("role"), Some("img"), "{name}");
        let ids: Vec<&str> = attr(&svg, "aria-labelledby").split_whitespace().collect();
        assert_eq!(ids.len(), 2, "{name}");
        for id in ids {
            assert_eq!(select(&doc, &format!("#{id}")).len(), 1, "{name}: label {id}");
        }
    }
    for word in select(&doc, ".light, .move") {
        assert!(text(&word).chars().any(char::is_alphabetic), "{name}: a colour without a word: {:?}", word.html());
    }
    doc
}

/// Runs a script of `cli/scripts` that renders pages in headless Chromium with this build of
/// carepath. Returns false, after saying so, when it skipped because no Chromium is installed.
pub fn render(script: &str, args: &[&Path]) -> bool {
    let run = std::process::Command::new("bash")
        .arg(root().join("cli/scripts").join(script))
        .args(args)
        .env("CAREPATH_BIN", env!("CARGO_BIN_EXE_carepath"))
        .env_remove("CAREPATH_DOCS_SCREENSHOT")
        .output()
        .unwrap_or_else(|e| panic!("run {script}: {e}"));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{script} failed:\n{stdout}\n{}", String::from_utf8_lossy(&run.stderr));
    if stdout.contains("skipped:") {
        eprintln!("{stdout}");
        return false;
    }
    true
}

/// The pixels of a PNG screenshot, which must be `size` (width, height).
pub fn pixels(path: &Path, size: (u32, u32)) -> Vec<[u8; 3]> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("buffer size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    assert_eq!((info.width, info.height), size, "{}", path.display());
    let channels = info.color_type.samples();
    assert!(channels >= 3, "{:?}", info.color_type);
    buf[..info.buffer_size()].chunks(channels).map(|p| [p[0], p[1], p[2]]).collect()
}

/// How many pixels are within 6 of `colour` in every channel.
fn count_near(pixels: &[[u8; 3]], colour: [u8; 3]) -> usize {
    pixels.iter().filter(|p| p.iter().zip(colour).all(|(a, b)| a.abs_diff(b) <= 6)).count()
}

/// Checks that a screenshot shows a real page: many colours, none covering most of it, the
/// navy masthead, and at least `least` pixels of each named colour (the charts were drawn).
pub fn assert_drawn(file: &str, pixels: &[[u8; 3]], colours: &[(&str, [u8; 3], usize)]) {
    let mut counts = std::collections::HashMap::new();
    for p in pixels {
        *counts.entry(*p).or_insert(0usize) += 1;
    }
    let most = counts.values().max().copied().unwrap_or(0);
    assert!(counts.len() > 200, "{file}: only {} colours: blank page?", counts.len());
    assert!(most < pixels.len() * 9 / 10, "{file}: one colour covers {most} of {} pixels", pixels.len());
    let navy = count_near(pixels, [0x17, 0x32, 0x4d]);
    assert!(navy > 50_000, "{file}: masthead drawn: {navy} pixels");
    for (name, colour, least) in colours {
        let n = count_near(pixels, *colour);
        assert!(n > *least, "{file}: {name} drawn: {n} pixels");
    }
}

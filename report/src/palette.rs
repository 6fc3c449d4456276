//! The one palette of every document, chart, workbook and widget: traffic lights told apart by
//! lightness as well as hue, so they read for colour-blind readers and in greyscale print. The
//! widget's stylesheet (`bindings-wasm/js/carepath-widget.css`) uses the same colours, and a test
//! holds it to them.

/// A colour with the ink that reads on it, and the CSS class of the same tone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tone {
    /// Fill colour.
    pub fill: &'static str,
    /// Text colour on the fill.
    pub ink: &'static str,
    /// The class suffix used by the HTML report's stylesheet (`light-red`, ...).
    pub class: &'static str,
}

/// Red: dark enough to differ from amber in lightness as well as hue.
pub const RED: Tone = Tone { fill: "#c0392b", ink: "#ffffff", class: "red" };
/// Amber: light, so it differs from red and green for colour-blind readers too.
pub const AMBER: Tone = Tone { fill: "#f2b33d", ink: "#1d2330", class: "amber" };
/// Green: a bluish green, told apart from red by lightness and hue for most colour-blind readers,
/// and dark enough for white text on it to meet WCAG AA (4.9:1).
pub const GREEN: Tone = Tone { fill: "#007f65", ink: "#ffffff", class: "green" };
/// A band whose id is not red, amber or green.
pub const NEUTRAL: Tone = Tone { fill: "#6b7280", ink: "#ffffff", class: "other" };
/// No score.
pub const NONE: Tone = Tone { fill: "#e5e7eb", ink: "#1d2330", class: "none" };
/// A rise, in the diverging change chart (blue).
pub const RISE: Tone = Tone { fill: "#2b6cb0", ink: "#ffffff", class: "rise" };
/// A fall, in the diverging change chart (orange-brown: safe beside blue for colour-blind readers).
pub const FALL: Tone = Tone { fill: "#b35806", ink: "#ffffff", class: "fall" };

/// The tone of a band id: red, amber and green have their own; any other band id is neutral;
/// no band (no score) is pale grey.
pub fn tone(band: Option<&str>) -> Tone {
    match band {
        Some("red") => RED,
        Some("amber") => AMBER,
        Some("green") => GREEN,
        Some(_) => NEUTRAL,
        None => NONE,
    }
}

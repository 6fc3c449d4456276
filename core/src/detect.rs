//! Telling a catalogue from an assessment by its content, even when the file is broken.
//!
//! A tool that takes either kind of file (`carepath validate`) must name the kind before it can
//! read the file with the right reader, and a broken catalogue must still be reported as a
//! catalogue: a reader chosen wrongly reports the first field it does not know (`unknown field
//! id`) instead of the real fault. So the kind is read off the top-level keys, scanned
//! leniently up to the first point where the text stops being JSON.

/// The kinds of document a user hands to carepath.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DocumentKind {
    /// A catalogue edition: it has `themes`, a `scale` or other catalogue-only fields.
    Catalogue,
    /// An assessment: it has `ratings`, `assessed_on` or other assessment-only fields.
    Assessment,
}

/// Top-level keys that only a catalogue has.
const CATALOGUE_KEYS: &[&str] = &["themes", "scale", "cross_cutting", "services", "sources", "published", "publisher"];
/// Top-level keys that only an assessment has.
const ASSESSMENT_KEYS: &[&str] = &["ratings", "assessed_on", "area", "participants", "archive"];

impl DocumentKind {
    /// The kind of document `text` is meant to be, judged from the keys of its top-level object
    /// that come before any syntax error; `None` when those keys say neither (or both, equally).
    /// The cost is one pass over the text.
    ///
    /// ```
    /// use carepath::DocumentKind;
    /// assert_eq!(DocumentKind::detect(r#"{"id": "x", "themes": [}"#), Some(DocumentKind::Catalogue));
    /// assert_eq!(DocumentKind::detect(r#"{"ratings": {"T1.1": }"#), Some(DocumentKind::Assessment));
    /// assert_eq!(DocumentKind::detect("not json"), None);
    /// ```
    #[must_use]
    pub fn detect(text: &str) -> Option<Self> {
        let text = crate::json::strip_bom(text);
        let (mut catalogue, mut assessment) = (0usize, 0usize);
        for key in top_level_keys(text) {
            catalogue += usize::from(CATALOGUE_KEYS.contains(&key));
            assessment += usize::from(ASSESSMENT_KEYS.contains(&key));
        }
        match catalogue.cmp(&assessment) {
            std::cmp::Ordering::Greater => Some(Self::Catalogue),
            std::cmp::Ordering::Less => Some(Self::Assessment),
            std::cmp::Ordering::Equal => None,
        }
    }

    /// The word for the kind, as messages use it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Catalogue => "catalogue",
            Self::Assessment => "assessment",
        }
    }
}

/// The keys of the top-level object, in order, as raw text (escapes left as written: the keys
/// that matter have none), up to the end of the text or the first byte that cannot be JSON.
fn top_level_keys(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut keys = Vec::new();
    let mut depth = 0usize;
    // Whether the next string at depth 1 is a key (after `{` or `,`) rather than a value.
    let mut expect_key = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => {
                depth += 1;
                expect_key = depth == 1 && bytes[i] == b'{';
            }
            b'}' | b']' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            b',' if depth == 1 => expect_key = true,
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                if j >= bytes.len() {
                    break;
                }
                if depth == 1 && expect_key {
                    keys.push(&text[start..j]);
                    expect_key = false;
                }
                i = j;
            }
            _ if depth == 0 && !bytes[i].is_ascii_whitespace() && i > 0 => break,
            _ => {}
        }
        i += 1;
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_their_keys() {
        assert_eq!(DocumentKind::detect(r#"{"themes": []}"#), Some(DocumentKind::Catalogue));
        assert_eq!(DocumentKind::detect(r#"{"ratings": {}}"#), Some(DocumentKind::Assessment));
        assert_eq!(DocumentKind::detect(r#"{"schema_version": "1.0.0"}"#), None);
        assert_eq!(DocumentKind::detect(""), None);
        assert_eq!(DocumentKind::detect("[1, 2]"), None);
    }

    #[test]
    fn nested_keys_do_not_count() {
        // `themes` inside `notes`-like nested objects is not a top-level key.
        let text = r#"{"ratings": {"T1.1": {"rating": 1}}, "x": {"themes": 1, "scale": 2}}"#;
        assert_eq!(DocumentKind::detect(text), Some(DocumentKind::Assessment));
        // A key-like string as a value does not count either.
        assert_eq!(DocumentKind::detect(r#"{"ratings": {}, "notes": "themes"}"#), Some(DocumentKind::Assessment));
    }

    #[test]
    fn a_broken_catalogue_is_still_a_catalogue() {
        let bundled = crate::bundled_json("perinatal-mental-health", &crate::Version::new(2, 0, 0)).unwrap();
        // Cut the file in the middle of its themes, and break it with a stray comma.
        let cut = &bundled[..bundled.len() / 2];
        assert_eq!(DocumentKind::detect(cut), Some(DocumentKind::Catalogue));
        let broken = bundled.replacen("\"themes\": [", "\"themes\": [,", 1);
        assert_eq!(DocumentKind::detect(&broken), Some(DocumentKind::Catalogue));
        // Strings with escaped quotes do not throw the scan off.
        assert_eq!(DocumentKind::detect(r#"{"title": "a \"quoted\" word", "scale": {"#), Some(DocumentKind::Catalogue));
    }
}

//! Lint for the people who write editions: what makes a standard hard to rate or a catalogue
//! hard to trust, found by reading the catalogue (and the editions its `changes` lead from).
//!
//! Validation ([`Catalogue::validate`]) refuses a catalogue that cannot be used; lint flags one
//! that can be used but should be looked at again. Every finding has a stable `code`:
//!
//! | code | what it flags |
//! | --- | --- |
//! | `vague_time` | a time word with no number in its sentence ("timely", "prompt", "a few weeks", "kept short") |
//! | `compound` | a standard that joins several requirements in one rating |
//! | `no_reference` | a citation without a statement, recommendation or section (`ref`) |
//! | `no_tag` | a standard with no cross-cutting tag |
//! | `priority_without_review` | a `kept` change whose priority changed, without `review` |
//! | `text_without_review` | a `kept` change whose title or description changed, without `review` |
//! | `source_never_cited` | a listed source that no standard or group cites |
//! | `source_after_edition` | a source dated after the edition's own date |
//!
//! The checks on changes need the earlier edition; without it they are skipped.

use serde::Serialize;

use crate::catalogue::{Catalogue, Standard};
use crate::changes::StandardChange;
use crate::ids::StandardId;

/// One thing lint found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// What kind of finding it is (see the module's table).
    pub code: &'static str,
    /// The JSON Pointer of the value the finding is about.
    pub path: String,
    /// The standard it is about, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standard: Option<StandardId>,
    /// What is wrong, in words.
    pub message: String,
}

/// Time words that need a number beside them to be rated. Matched as whole words, ignoring
/// case; a sentence that also holds a number (in digits or words) is not flagged.
const TIME_WORDS: &[&str] = &[
    "timely",
    "prompt",
    "promptly",
    "quickly",
    "quick",
    "rapid",
    "rapidly",
    "soon",
    "a few weeks",
    "a few days",
    "a few months",
    "without delay",
    "as soon as possible",
    "kept short",
    "short waits",
    "short wait",
    "in good time",
    "swiftly",
];

const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fourteen",
    "twenty", "thirty", "first", "second", "24", "48",
];

/// Lints `catalogue`; `earlier` holds the editions its `changes` lead from, where at hand (the
/// checks of changes are skipped for a change set whose earlier edition is not given).
#[must_use]
pub fn lint(catalogue: &Catalogue, earlier: &[Catalogue]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (t, theme) in catalogue.themes.iter().enumerate() {
        for (i, s) in theme.standards.iter().enumerate() {
            let at = format!("/themes/{t}/standards/{i}");
            standard(s, &at, &mut out);
        }
    }
    for (n, source) in catalogue.sources.iter().enumerate() {
        let cited = catalogue.standards().any(|(_, s)| s.sources.iter().any(|r| r.source == source.id))
            || catalogue.groups.iter().any(|g| g.sources.iter().any(|r| r.source == source.id));
        if !cited {
            out.push(Finding {
                code: "source_never_cited",
                path: format!("/sources/{n}"),
                standard: None,
                message: format!("source `{}` is listed but no standard or group cites it", source.id),
            });
        }
        if source.year > catalogue.published.year() {
            out.push(Finding {
                code: "source_after_edition",
                path: format!("/sources/{n}/year"),
                standard: None,
                message: format!(
                    "source `{}` is dated {}, after the edition's own date ({})",
                    source.id, source.year, catalogue.published
                ),
            });
        }
    }
    for (c, set) in catalogue.changes.iter().enumerate() {
        let Some(old) = earlier.iter().find(|e| e.id == catalogue.id && e.version == set.from) else { continue };
        for (k, change) in set.standards.iter().enumerate() {
            let StandardChange::Kept { from, to, review, .. } = change else { continue };
            let (Some((_, before)), Some((_, after))) = (old.standard(from.as_str()), catalogue.standard(to.as_str()))
            else {
                continue;
            };
            if *review {
                continue;
            }
            let at = format!("/changes/{c}/standards/{k}");
            if before.priority != after.priority {
                out.push(Finding {
                    code: "priority_without_review",
                    path: at.clone(),
                    standard: Some(to.clone()),
                    message: format!(
                        "`{from}` of edition {} was {}, `{to}` is {}: a change of priority needs `review: true`",
                        old.version,
                        before.priority.as_str(),
                        after.priority.as_str()
                    ),
                });
            }
            if before.title != after.title || before.description != after.description {
                out.push(Finding {
                    code: "text_without_review",
                    path: at,
                    standard: Some(to.clone()),
                    message: format!(
                        "the text of `{from}` of edition {} changed in `{to}`, but the change has no `review: true`",
                        old.version
                    ),
                });
            }
        }
    }
    out
}

fn standard(s: &Standard, at: &str, out: &mut Vec<Finding>) {
    let finding = |code, path: String, message: String| Finding { code, path, standard: Some(s.id.clone()), message };
    for (field, text) in [("title", &s.title), ("description", &s.description)] {
        for sentence in sentences(text) {
            let lower = sentence.to_lowercase();
            if has_number(&lower) {
                continue;
            }
            if let Some(word) = TIME_WORDS.iter().find(|w| contains_words(&lower, w)) {
                out.push(finding(
                    "vague_time",
                    format!("{at}/{field}"),
                    format!("`{}` says \"{word}\" with no number: say how long (\"within 6 weeks\")", s.id),
                ));
            }
        }
    }
    if let Some(why) = compound(s) {
        out.push(finding(
            "compound",
            format!("{at}/description"),
            format!("`{}` may join several requirements in one rating ({why}): split it, one thing per standard", s.id),
        ));
    }
    for (n, r) in s.sources.iter().enumerate() {
        if r.reference.as_deref().is_none_or(|r| r.trim().is_empty()) {
            out.push(finding(
                "no_reference",
                format!("{at}/sources/{n}"),
                format!("`{}` cites `{}` without a statement, recommendation or section (`ref`)", s.id, r.source),
            ));
        }
    }
    if s.tags.is_empty() {
        out.push(finding("no_tag", format!("{at}/tags"), format!("`{}` has no cross-cutting tag", s.id)));
    }
}

/// Why a standard looks compound, if it does: its title joins two requirements ("... are
/// offered ... and are involved ..."), or its description holds three or more requirements,
/// counting each sentence, each clause after a semicolon and each ", and the ..." clause.
fn compound(s: &Standard) -> Option<String> {
    let title = s.title.to_lowercase();
    for verb in ["are", "is", "has", "have", "can", "get", "gets"] {
        if contains_words(&title, &format!("and {verb}")) {
            return Some("its title joins two requirements".to_owned());
        }
    }
    let sentences = sentences(&s.description).count();
    let clauses = s.description.matches("; ").count() + s.description.matches(", and the ").count();
    let parts = sentences + clauses;
    (parts >= 3)
        .then(|| format!("its description makes {parts} demands: {sentences} sentences and {clauses} joined clauses"))
}

/// The sentences of a text: each ends with `.`, `?` or `!` followed by a space or the end,
/// except after "e.g" and "i.e" (a full stop inside a number, as in "1.10.3", ends nothing).
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let end = i + c.len_utf8();
        let at_break = text[end..].is_empty() || text[end..].starts_with(' ');
        let lower = text[..i].to_lowercase();
        if at_break && !lower.ends_with("e.g") && !lower.ends_with("i.e") {
            spans.push(&text[start..end]);
            start = end;
        }
    }
    spans.push(&text[start..]);
    spans.into_iter().map(str::trim).filter(|s| !s.is_empty())
}

fn has_number(lower: &str) -> bool {
    lower.chars().any(|c| c.is_ascii_digit()) || NUMBER_WORDS.iter().any(|w| contains_words(lower, w))
}

/// Whether `text` holds `words` as whole words (letters on neither side).
fn contains_words(text: &str, words: &str) -> bool {
    text.match_indices(words).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

impl Catalogue {
    /// Lints this edition (see [`lint`](crate::lint)), checking its changes against the
    /// bundled editions they lead from.
    ///
    /// # Example
    /// ```
    /// let c = carepath::Catalogue::bundled("perinatal-mental-health", Some("2.0.0"))?;
    /// assert!(c.lint().iter().any(|f| f.code == "vague_time"));
    /// # Ok::<(), carepath::Error>(())
    /// ```
    #[must_use]
    pub fn lint(&self) -> Vec<Finding> {
        let earlier = crate::bundled::bundled_editions(self.id.as_str(), |r| r.version < self.version);
        lint(self, &earlier)
    }

    /// Lints this edition, checking its changes against the editions given.
    #[must_use]
    pub fn lint_with(&self, earlier: &[Catalogue]) -> Vec<Finding> {
        lint(self, earlier)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_do_not_break_inside_numbers() {
        let v: Vec<&str> = sentences("See 1.10.3 and e.g. this. Then that! Last").collect();
        assert_eq!(v, ["See 1.10.3 and e.g. this.", "Then that!", "Last"]);
    }

    #[test]
    fn time_words_need_a_number() {
        assert!(contains_words("seen within a few weeks.", "a few weeks"));
        assert!(!contains_words("impromptu", "prompt"));
        assert!(has_number("within 6 weeks"));
        assert!(has_number("within six weeks"));
        assert!(!has_number("promptly"));
    }
}

//! Turns the position of a parse error into the JSON Pointer of the value it is about.
//!
//! serde_json reports where a document stopped fitting the types (line and column), not which
//! value that was. Rather than parse every document a second time through a path-tracking
//! wrapper (which doubles the deserializer code, a cost the WebAssembly package pays in size),
//! this scans the text up to the error's position with a small JSON tokenizer and reads the path
//! off its stack of open objects and arrays.
//!
//! The pointer names the member being read when the error struck: the key just read (an unknown
//! or repeated field), or the value just read or about to be read (a value of the wrong type or
//! form). An error at the end of an object (a missing field) names that object.

use crate::error::push_token;

/// The state of one open object or array.
#[derive(Debug)]
enum Frame {
    Object { key: Option<String>, state: Member },
    Array { index: usize },
}

/// Where the scan stands inside an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Member {
    /// After `{` or `,`: no member yet.
    Key,
    /// Just after a key, before its colon: the member is `key`.
    Colon,
    /// After the colon, or the value: the member is `key`.
    Value,
}

/// The byte offset of 1-based `line` and `column` (serde_json's position: the number of bytes of
/// the line consumed when the error struck).
pub(crate) fn offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (start + column).min(text.len())
}

/// The JSON Pointer of the member being read when parsing stopped at byte `end` of `text`.
///
/// `message` is the parser's message, which settles two cases the text alone does not: an error
/// about an array or object as a whole (serde's "invalid type: sequence" or "map") that stopped
/// just inside its opening bracket names the container, not its first member; and an "unknown
/// variant" read as the key of a one-member object (an enum written `{"variant": ...}`) names
/// that object, not the variant.
pub(crate) fn pointer_at(text: &str, end: usize, message: &str) -> String {
    let bytes = text.as_bytes();
    let end = end.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => {
                stack.push(Frame::Object { key: None, state: Member::Key });
                i += 1;
            }
            b'[' => {
                stack.push(Frame::Array { index: 0 });
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                i += 1;
            }
            b':' => {
                if let Some(Frame::Object { state: state @ Member::Colon, .. }) = stack.last_mut() {
                    *state = Member::Value;
                }
                i += 1;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Object { key, state }) => {
                        *key = None;
                        *state = Member::Key;
                    }
                    Some(Frame::Array { index }) => *index += 1,
                    None => {}
                }
                i += 1;
            }
            b'"' => {
                let Some(close) = string_end(bytes, i) else { break };
                if close >= end {
                    break;
                }
                if let Some(Frame::Object { key, state: state @ Member::Key }) = stack.last_mut() {
                    *key = Some(decode(&text[i..=close]));
                    *state = Member::Colon;
                }
                i = close + 1;
            }
            _ => i += 1,
        }
    }
    // An error about a container just inside its opening bracket is about that container, unless
    // the parser stopped in front of the next container (it looks at a value's first character
    // before reading it, so an error about a member that is itself an array or object is reported
    // in front of it).
    let container = message.starts_with("invalid type: sequence") || message.starts_with("invalid type: map");
    let just_opened = text[..end].trim_end().ends_with(['[', '{']);
    let before_container = text[end..].trim_start().starts_with(['[', '{']);
    let variant_key = message.starts_with("unknown variant")
        && matches!(stack.last(), Some(Frame::Object { state: Member::Colon, .. }));
    if (container && just_opened && !before_container) || variant_key {
        stack.pop();
    }
    let mut pointer = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), state: Member::Colon | Member::Value } => push_token(&mut pointer, key),
            Frame::Object { .. } => {}
            Frame::Array { index } => push_token(&mut pointer, &index.to_string()),
        }
    }
    pointer
}

/// The index of the quote that closes the string opening at `start`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// The text of a JSON string literal (quotes included), escapes resolved.
fn decode(literal: &str) -> String {
    serde_json::from_str(literal).unwrap_or_else(|_| literal.trim_matches('"').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pointer for an error that struck just after `marker` (its last occurrence).
    fn after(text: &str, marker: &str) -> String {
        let at = text.rfind(marker).unwrap() + marker.len();
        pointer_at(text, at, "")
    }

    const DOC: &str = r#"{"a": {"b": [10, {"c/d": "x", "e~": [1, 2.5]}], "f": true}, "g": "y"}"#;

    #[test]
    fn names_the_value_just_read() {
        assert_eq!(after(DOC, "2.5"), "/a/b/1/e~0/1");
        assert_eq!(after(DOC, "\"x\""), "/a/b/1/c~1d");
        assert_eq!(after(DOC, "10"), "/a/b/0");
        assert_eq!(after(DOC, "true"), "/a/f");
        assert_eq!(after(DOC, "\"y\""), "/g");
    }

    #[test]
    fn names_the_key_just_read_or_the_value_about_to_be() {
        assert_eq!(after(DOC, "\"f\""), "/a/f");
        assert_eq!(after(DOC, "\"f\":"), "/a/f");
        assert_eq!(after(DOC, "\"f\": "), "/a/f");
        assert_eq!(after(DOC, "\"b\": ["), "/a/b/0");
        assert_eq!(after(DOC, "[10, "), "/a/b/1");
    }

    #[test]
    fn names_an_object_just_closed() {
        assert_eq!(after(DOC, "2.5]}"), "/a/b/1");
        assert_eq!(after(DOC, "true}"), "/a");
        assert_eq!(pointer_at(DOC, DOC.len(), ""), "");
        assert_eq!(pointer_at(DOC, 1, ""), "");
        assert_eq!(after(DOC, "{"), "/a/b/1");
    }

    #[test]
    fn an_error_about_a_container_names_the_container() {
        let text = r#"{"a": [[1]]}"#;
        let inner = text.find("[[").unwrap() + 2;
        assert_eq!(pointer_at(text, inner, "invalid type: sequence"), "/a/0");
        assert_eq!(pointer_at(text, inner, ""), "/a/0/0");
        // In front of a member that is a container, the error is about that member.
        let text = r#"{"a": [[1]]}"#;
        let outer = text.find('[').unwrap() + 1;
        assert_eq!(pointer_at(text, outer, "invalid type: sequence"), "/a/0");
    }

    #[test]
    fn an_unknown_variant_written_as_an_object_names_the_object() {
        let text = r#"{"p": {"vital": 1}}"#;
        let at = text.find("\"vital\"").unwrap() + 7;
        assert_eq!(pointer_at(text, at, "unknown variant `vital`"), "/p");
        assert_eq!(pointer_at(text, at, "unknown field `vital`"), "/p/vital");
    }

    #[test]
    fn ignores_brackets_and_escaped_quotes_inside_strings() {
        let text = r#"{"k\"{[": {"inner": "a \" } ] , b", "n": 1}}"#;
        assert_eq!(after(text, "1"), "/k\"{[/n");
        assert_eq!(after(text, "b\""), "/k\"{[/inner");
    }

    #[test]
    fn offsets_count_lines_and_columns() {
        let text = "{\n  \"a\": 1,\n  \"b\": x\n}";
        assert_eq!(offset(text, 3, 8), text.find('x').unwrap() + 1);
        assert_eq!(offset(text, 1, 1), 1);
        assert_eq!(offset(text, 9, 99), text.len());
    }
}

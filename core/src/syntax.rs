//! Where a text stops being JSON, told as serde_json tells it: the same message, line and column
//! that serde_json gives for the text (the words every Rust JSON tool built on it reports).
//!
//! The tree parser ([`crate::tree`]) finds that a text is not JSON; this scan, run only then,
//! says where in serde_json's words. It follows serde_json's grammar check of a value it skips
//! (`from_str::<IgnoredAny>`): the same steps in the same order, so the first fault is found at
//! the same byte and counted the same way. It keeps serde_json's parser out of the modules that
//! only read, where it was there for these messages alone. The test below holds the two equal on
//! every truncation and many mutations of real documents.

/// A syntax error as serde_json reports it: `column` counts bytes from the start of the line,
/// and is 0 when the text ends just after a line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fault {
    pub line: usize,
    pub column: usize,
    pub message: &'static str,
}

const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const EOF_VALUE: &str = "EOF while parsing a value";
const CONTROL: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const INVALID_ESCAPE: &str = "invalid escape";
const INVALID_NUMBER: &str = "invalid number";

/// The first syntax error of `text` as serde_json finds it, or `None` where serde_json's grammar
/// check passes (what only a typed reader refuses is not looked at: a number out of range, a
/// lone surrogate, nesting deeper than serde_json's limit).
pub(crate) fn first_fault(text: &str) -> Option<Fault> {
    let mut scan = Scan { bytes: text.as_bytes(), index: 0 };
    scan.value().and_then(|()| scan.end()).err()
}

struct Scan<'a> {
    bytes: &'a [u8],
    /// The next byte to read.
    index: usize,
}

impl Scan<'_> {
    /// The fault at byte offset `at`, placed as serde_json places it.
    #[cold]
    fn fault_at(&self, at: usize, message: &'static str) -> Fault {
        let before = &self.bytes[..at];
        let start_of_line = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = 1 + before[..start_of_line].iter().filter(|&&b| b == b'\n').count();
        Fault { line, column: at - start_of_line, message }
    }

    /// A fault in the byte just read.
    fn fault(&self, message: &'static str) -> Fault {
        self.fault_at(self.index, message)
    }

    /// A fault in the byte looked at but not read (at the end: in the last byte).
    fn peek_fault(&self, message: &'static str) -> Fault {
        self.fault_at((self.index + 1).min(self.bytes.len()), message)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.index).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.index += 1;
        Some(b)
    }

    /// Skips whitespace; the byte after it.
    fn whitespace(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.index += 1;
        }
        self.peek()
    }

    /// One value, arrays and objects walked with a stack of the open ones rather than by
    /// recursion (as serde_json does: there is no limit to the depth here).
    fn value(&mut self) -> Result<(), Fault> {
        let mut open: Vec<u8> = Vec::new();
        loop {
            let Some(first) = self.whitespace() else { return Err(self.peek_fault(EOF_VALUE)) };
            let opened = match first {
                b'n' | b't' | b'f' => {
                    self.index += 1;
                    let rest: &[u8] = match first {
                        b'n' => b"ull",
                        b't' => b"rue",
                        _ => b"alse",
                    };
                    self.word(rest)?;
                    None
                }
                b'-' => {
                    self.index += 1;
                    self.number()?;
                    None
                }
                b'0'..=b'9' => {
                    self.number()?;
                    None
                }
                b'"' => {
                    self.index += 1;
                    self.string()?;
                    None
                }
                b'[' | b'{' => {
                    self.index += 1;
                    Some(first)
                }
                _ => return Err(self.peek_fault("expected value")),
            };
            let (mut after_item, mut frame) = match opened {
                Some(frame) => (false, frame),
                None => match open.pop() {
                    Some(frame) => (true, frame),
                    None => return Ok(()),
                },
            };
            // Closes every container that ends here, up to a comma or a container's first item.
            loop {
                match self.whitespace() {
                    Some(b',') if after_item => {
                        self.index += 1;
                        break;
                    }
                    Some(b']') if frame == b'[' => {}
                    Some(b'}') if frame == b'{' => {}
                    Some(_) if after_item => {
                        return Err(self.peek_fault(if frame == b'[' {
                            "expected `,` or `]`"
                        } else {
                            "expected `,` or `}`"
                        }));
                    }
                    Some(_) => break,
                    None => return Err(self.peek_fault(if frame == b'[' { EOF_LIST } else { EOF_OBJECT })),
                }
                self.index += 1;
                frame = match open.pop() {
                    Some(frame) => frame,
                    None => return Ok(()),
                };
                after_item = true;
            }
            if frame == b'{' {
                match self.whitespace() {
                    Some(b'"') => self.index += 1,
                    Some(_) => return Err(self.peek_fault("key must be a string")),
                    None => return Err(self.peek_fault(EOF_OBJECT)),
                }
                self.string()?;
                match self.whitespace() {
                    Some(b':') => self.index += 1,
                    Some(_) => return Err(self.peek_fault("expected `:`")),
                    None => return Err(self.peek_fault(EOF_OBJECT)),
                }
            }
            open.push(frame);
        }
    }

    /// The rest of `null`, `true` or `false`.
    fn word(&mut self, rest: &[u8]) -> Result<(), Fault> {
        for &expected in rest {
            match self.next() {
                None => return Err(self.fault(EOF_VALUE)),
                Some(b) if b != expected => return Err(self.fault("expected ident")),
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// A number after its sign.
    fn number(&mut self) -> Result<(), Fault> {
        match self.next() {
            Some(b'0') => {
                if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    return Err(self.peek_fault(INVALID_NUMBER));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.fault(INVALID_NUMBER)),
        }
        if self.peek() == Some(b'.') {
            self.index += 1;
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.peek_fault(INVALID_NUMBER));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.index += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.index += 1;
            }
            if !self.next().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.fault(INVALID_NUMBER));
            }
            self.digits();
        }
        Ok(())
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.index += 1;
        }
    }

    /// A string after its opening quote.
    fn string(&mut self) -> Result<(), Fault> {
        loop {
            while self.peek().is_some_and(|b| b != b'"' && b != b'\\' && b >= 0x20) {
                self.index += 1;
            }
            match self.peek() {
                None => return Err(self.fault(EOF_STRING)),
                Some(b'"') => {
                    self.index += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.index += 1;
                    self.escape()?;
                }
                // Placed at the control character itself, not read: as serde_json places it.
                Some(_) => return Err(self.fault(CONTROL)),
            }
        }
    }

    /// An escape after its backslash; `\u` takes any four hex digits.
    fn escape(&mut self) -> Result<(), Fault> {
        match self.next() {
            None => Err(self.fault(EOF_STRING)),
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(()),
            Some(b'u') => {
                let Some(digits) = self.bytes.get(self.index..self.index + 4) else {
                    self.index = self.bytes.len();
                    return Err(self.fault(EOF_STRING));
                };
                self.index += 4;
                if digits.iter().all(u8::is_ascii_hexdigit) { Ok(()) } else { Err(self.fault(INVALID_ESCAPE)) }
            }
            Some(_) => Err(self.fault(INVALID_ESCAPE)),
        }
    }

    /// Nothing but whitespace after the value.
    fn end(&mut self) -> Result<(), Fault> {
        match self.whitespace() {
            Some(_) => Err(self.peek_fault("trailing characters")),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// serde_json's answer for the text, as a fault.
    fn theirs(text: &str) -> Option<Fault> {
        let err = serde_json::from_str::<serde::de::IgnoredAny>(text).err()?;
        let full = err.to_string();
        let suffix = format!(" at line {} column {}", err.line(), err.column());
        let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
        Some(Fault { line: err.line(), column: err.column(), message: message.leak() })
    }

    fn same(text: &str) {
        assert_eq!(first_fault(text), theirs(text), "for {text:?}");
    }

    #[test]
    fn every_fault_is_serde_jsons() {
        for text in [
            "",
            " ",
            "\n",
            "\n\n  ",
            "x",
            "nul",
            "nulx",
            "tru",
            "trUe",
            "fals",
            "falsex",
            "nullx",
            "null null",
            "-",
            "-x",
            "01",
            "-01",
            "1.",
            "1.x",
            "1e",
            "1e+",
            "1E-x",
            "1.5e3",
            "2x",
            "[",
            "[1",
            "[1,",
            "[1,]",
            "[1 2]",
            "[}",
            "{",
            "{\"a\"",
            "{\"a\":",
            "{\"a\":1",
            "{\"a\":1,",
            "{\"a\":1,}",
            "{,}",
            "{1:2}",
            "{\"a\" 1}",
            "{\"a\":1]",
            "[1}",
            "\"",
            "\"abc",
            "\"a\\",
            "\"a\\x\"",
            "\"a\\u12\"",
            "\"a\\u12",
            "\"a\\u12g4\"",
            "\"a\\ud800\"",
            "\"tab\there\"",
            "\"line\nbreak\"",
            "[[[[[[",
            "]",
            "}",
            "{}}",
            "[] []",
            "\"é\" x",
            "{\n  \"a\": [1, 2,\n  ]\n}",
            "{\n  \"schema_version\": \"1.0.0\",\n  \"items\": {,}\n}",
            "123456789012345678901234567890",
            "1e999",
            "[\"\\uDC00\"]",
            "\u{feff}{}",
        ] {
            same(text);
        }
        same(&"[".repeat(300));
        same(&format!("{}{}", "[".repeat(300), "]".repeat(300)));
    }

    #[test]
    fn every_truncation_of_the_documents() {
        let catalogue = crate::bundled_json("perinatal-mental-health", &crate::Version::new(1, 0, 0)).expect("bundled");
        for document in [crate::walk::RICH_ASSESSMENT, catalogue] {
            for (end, _) in document.char_indices().step_by(document.len() / 1500 + 1) {
                same(&document[..end]);
            }
            assert_eq!(first_fault(document), None);
        }
    }

    /// Bytes that JSON gives a meaning to, and a few it does not.
    const PUNCTUATION: &[char] = &[
        '{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', '0', '1', '-', '.', 'e', 'n', 't', 'u', 'x', '\t', '\u{1}',
        'é',
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn any_changed_document_is_judged_as_serde_json_judges_it(
            start in 0usize..2000,
            edits in proptest::collection::vec((0usize..400, 0usize..PUNCTUATION.len(), 0u8..3), 1..4),
        ) {
            let document = crate::bundled_json("perinatal-mental-health", &crate::Version::new(3, 1, 0)).expect("bundled");
            let mut text: Vec<char> = document.chars().skip(start % document.len()).take(400).collect();
            for (at, with, how) in edits {
                let at = at % (text.len() + 1);
                match how {
                    0 => text.insert(at, PUNCTUATION[with]),
                    1 if at < text.len() => { text.remove(at); }
                    _ if at < text.len() => text[at] = PUNCTUATION[with],
                    _ => text.push(PUNCTUATION[with]),
                }
            }
            let text: String = text.into_iter().collect();
            prop_assert_eq!(first_fault(&text), theirs(&text), "for {:?}", text);
        }
    }
}

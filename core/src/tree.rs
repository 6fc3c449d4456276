//! The strict reader's first pass: a JSON document parsed into a tree of values, which the file
//! formats' types then read through one [`Deserializer`] that knows the JSON Pointer of every
//! value it hands out.
//!
//! Reading straight from the text with serde_json compiles its parser into the reader of every
//! type of the formats (each field's reader is generic over the parser), which made reading the
//! largest part of the WebAssembly module; and serde_json reports where in the text a value went
//! wrong, not which value, so the pointer had to be worked out again from the text. Over a tree,
//! a value that does not fit is known by its path, and a type's reader is compiled once, for a
//! deserializer that only looks at a value it already has.
//!
//! What is accepted is RFC 8259 JSON, as serde_json accepts it: the same grammar, numbers read as
//! serde_json reads them (an unsigned integer, a negative one, or else a float, correctly
//! rounded), nesting at most 127 deep. Every member of an object is kept, in order, repeats
//! included: the readers above refuse a repeated key with its path. Where a document that is not
//! JSON goes wrong is said by `syntax.rs`, in the message, line and column serde_json (and
//! so every other JSON tool built on it) reports.

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, EnumAccess, Error as _, Expected, IntoDeserializer, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};
use serde::forward_to_deserialize_any;

use crate::error::push_token;

/// A JSON value as the document wrote it. Strings without escapes borrow from the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    Null,
    Bool(bool),
    /// A non-negative integer that fits 64 bits.
    U64(u64),
    /// A negative integer that fits 64 bits.
    I64(i64),
    /// Any other number (`-0` included, as serde_json reads it).
    F64(f64),
    Str(Cow<'a, str>),
    /// The items, in the document's list of items.
    Array(Span),
    /// Every member in the document's order, repeated keys included, in its list of members.
    Object(Span),
}

/// Where a container's children are in its [`Document`]'s lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    start: usize,
    len: usize,
}

/// A parsed document: the root value, and the children of every array and object in two lists
/// (each container's children side by side), so that parsing makes a few allocations rather
/// than one per array and object.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Document<'a> {
    pub root: Value<'a>,
    items: Vec<Value<'a>>,
    members: Vec<(Cow<'a, str>, Value<'a>)>,
}

impl<'a> Document<'a> {
    pub(crate) fn items(&self, span: Span) -> &[Value<'a>] {
        &self.items[span.start..span.start + span.len]
    }

    pub(crate) fn members(&self, span: Span) -> &[(Cow<'a, str>, Value<'a>)] {
        &self.members[span.start..span.start + span.len]
    }
}

/// Why a text is not a JSON document, and at which byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub offset: usize,
    pub message: &'static str,
}

/// How deep arrays and objects may nest: serde_json's limit, so that the same documents pass.
const MAX_DEPTH: usize = 127;

/// Parses a whole document (whitespace may surround the one value).
pub(crate) fn parse(text: &str) -> Result<Document<'_>, SyntaxError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
        open_items: Vec::new(),
        open_members: Vec::new(),
        items: Vec::new(),
        members: Vec::new(),
    };
    let root = parser.value()?;
    parser.whitespace();
    if parser.at < parser.bytes.len() {
        return Err(parser.error("trailing characters"));
    }
    Ok(Document { root, items: parser.items, members: parser.members })
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    depth: usize,
    /// The items of the arrays being read, innermost last: each array moves its own off the top
    /// to the end of `items` when it closes, so that they stay side by side.
    open_items: Vec<Value<'a>>,
    /// The members of the objects being read, likewise.
    open_members: Vec<(Cow<'a, str>, Value<'a>)>,
    items: Vec<Value<'a>>,
    members: Vec<(Cow<'a, str>, Value<'a>)>,
}

/// The bytes that end a run of plain characters in a string: the quote, the backslash and the
/// control characters.
static SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

impl<'a> Parser<'a> {
    fn error(&self, message: &'static str) -> SyntaxError {
        SyntaxError { offset: self.at, message }
    }

    fn whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn value(&mut self) -> Result<Value<'a>, SyntaxError> {
        self.whitespace();
        match self.bytes.get(self.at) {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'n') => self.word("null", Value::Null),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::Str),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => self.array(),
            Some(b'{') => self.object(),
            Some(_) => Err(self.error("expected value")),
        }
    }

    fn word(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>, SyntaxError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected ident"))
        }
    }

    /// After `[` or `{`: whether the container is empty (its closing bracket then read too).
    fn open(&mut self, close: u8) -> Result<bool, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.at += 1;
        self.whitespace();
        let empty = self.bytes.get(self.at) == Some(&close);
        if empty {
            self.at += 1;
            self.depth -= 1;
        }
        Ok(empty)
    }

    /// After an item: whether the container closed here (a comma goes on to the next item).
    fn closes(&mut self, close: u8, expected: &'static str) -> Result<bool, SyntaxError> {
        self.whitespace();
        match self.bytes.get(self.at) {
            Some(b',') => {
                self.at += 1;
                Ok(false)
            }
            Some(&b) if b == close => {
                self.at += 1;
                self.depth -= 1;
                Ok(true)
            }
            _ => Err(self.error(expected)),
        }
    }

    fn array(&mut self) -> Result<Value<'a>, SyntaxError> {
        let base = self.open_items.len();
        if !self.open(b']')? {
            loop {
                let item = self.value()?;
                self.open_items.push(item);
                if self.closes(b']', "expected `,` or `]`")? {
                    break;
                }
            }
        }
        let span = Span { start: self.items.len(), len: self.open_items.len() - base };
        self.items.extend(self.open_items.drain(base..));
        Ok(Value::Array(span))
    }

    fn object(&mut self) -> Result<Value<'a>, SyntaxError> {
        let base = self.open_members.len();
        if !self.open(b'}')? {
            loop {
                self.whitespace();
                if self.bytes.get(self.at) != Some(&b'"') {
                    return Err(self.error("key must be a string"));
                }
                let key = self.string()?;
                self.whitespace();
                if self.bytes.get(self.at) != Some(&b':') {
                    return Err(self.error("expected `:`"));
                }
                self.at += 1;
                let value = self.value()?;
                self.open_members.push((key, value));
                if self.closes(b'}', "expected `,` or `}`")? {
                    break;
                }
            }
        }
        let span = Span { start: self.members.len(), len: self.open_members.len() - base };
        self.members.extend(self.open_members.drain(base..));
        Ok(Value::Object(span))
    }

    /// A string from its opening quote; borrowed from the text when it has no escape.
    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        self.at += 1;
        let start = self.at;
        // The common case has no escape and needs no copy.
        self.plain_run();
        match self.bytes.get(self.at) {
            Some(b'"') => {
                let text = &self.text[start..self.at];
                self.at += 1;
                return Ok(Cow::Borrowed(text));
            }
            Some(b'\\') => {}
            None => return Err(self.error("EOF while parsing a string")),
            Some(_) => return Err(self.error("control character (\\u0000-\\u001F) found while parsing a string")),
        }
        let mut out = String::with_capacity(self.at - start + 16);
        out.push_str(&self.text[start..self.at]);
        loop {
            let run = self.at;
            self.plain_run();
            out.push_str(&self.text[run..self.at]);
            match self.bytes.get(self.at) {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.error("control character (\\u0000-\\u001F) found while parsing a string")),
            }
        }
    }

    /// Moves to the next quote, backslash or control character (or the end), eight bytes at a
    /// time while none of them is one (strings are most of a document's bytes).
    fn plain_run(&mut self) {
        const ONES: u64 = u64::from_ne_bytes([1; 8]);
        const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
        while let Some(chunk) = self.bytes.get(self.at..self.at + 8) {
            let mut bytes = [0; 8];
            bytes.copy_from_slice(chunk);
            let word = u64::from_le_bytes(bytes);
            let quote = word ^ (ONES * u64::from(b'"'));
            let backslash = word ^ (ONES * u64::from(b'\\'));
            // Each term sets a byte's high bit where that byte is zero (or below 0x20), exactly
            // when there is one: all this asks.
            let found = (quote.wrapping_sub(ONES) & !quote)
                | (backslash.wrapping_sub(ONES) & !backslash)
                | (word.wrapping_sub(ONES * 0x20) & !word);
            if found & HIGH != 0 {
                break;
            }
            self.at += 8;
        }
        while let Some(&b) = self.bytes.get(self.at) {
            if SPECIAL[usize::from(b)] {
                break;
            }
            self.at += 1;
        }
    }

    /// One escape, after its backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let Some(&c) = self.bytes.get(self.at) else { return Err(self.error("EOF while parsing a string")) };
        self.at += 1;
        let c = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex()?;
                let code = if (0xD800..0xDC00).contains(&first) {
                    if !self.bytes[self.at..].starts_with(b"\\u") {
                        return Err(self.error("lone leading surrogate in hex escape"));
                    }
                    self.at += 2;
                    let second = self.hex()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(self.error("lone leading surrogate in hex escape"));
                    }
                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else {
                    first
                };
                char::from_u32(code).ok_or_else(|| self.error("lone leading surrogate in hex escape"))?
            }
            _ => return Err(self.error("invalid escape")),
        };
        out.push(c);
        Ok(())
    }

    fn hex(&mut self) -> Result<u32, SyntaxError> {
        let digits = self.bytes.get(self.at..self.at + 4).ok_or_else(|| self.error("EOF while parsing a string"))?;
        let mut n = 0;
        for &d in digits {
            let v = char::from(d).to_digit(16).ok_or_else(|| self.error("invalid escape"))?;
            n = n * 16 + v;
        }
        self.at += 4;
        Ok(n)
    }

    /// A number, by JSON's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Result<Value<'a>, SyntaxError> {
        let start = self.at;
        let negative = self.bytes[self.at] == b'-';
        if negative {
            self.at += 1;
        }
        let digits = self.at;
        match self.bytes.get(self.at) {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.skip_digits(),
            _ => return Err(self.error("invalid number")),
        }
        if self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            return Err(self.error("invalid number")); // a leading zero
        }
        let integer = self.at;
        let mut float = false;
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if !self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
                return Err(self.error("invalid number"));
            }
            self.skip_digits();
            float = true;
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            if !self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
                return Err(self.error("invalid number"));
            }
            self.skip_digits();
            float = true;
        }
        if !float {
            // As serde_json: an integer that fits 64 bits stays one; `-0` and larger ones are floats.
            let magnitude = self.text[digits..integer].parse::<u64>().ok();
            match (negative, magnitude) {
                (false, Some(n)) => return Ok(Value::U64(n)),
                (true, Some(n)) if n != 0 && n <= 1 << 63 => {
                    #[allow(clippy::cast_possible_wrap)] // n is at most 2^63: the wrap is exactly -n
                    return Ok(Value::I64((n as i64).wrapping_neg()));
                }
                _ => {}
            }
        }
        let value: f64 = self.text[start..self.at].parse().map_err(|_| self.error("invalid number"))?;
        if value.is_finite() { Ok(Value::F64(value)) } else { Err(self.error("number out of range")) }
    }

    fn skip_digits(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
    }
}

/// The tree as a [`serde_json::Value`]; a key repeated in an object is refused at its path.
pub(crate) fn to_json(doc: &Document<'_>, value: &Value<'_>, path: &Path<'_>) -> Result<serde_json::Value, Mismatch> {
    Ok(match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::U64(n) => serde_json::Value::from(*n),
        Value::I64(n) => serde_json::Value::from(*n),
        // The parser keeps only finite floats, which JSON numbers hold.
        Value::F64(n) => serde_json::Number::from_f64(*n).map_or(serde_json::Value::Null, serde_json::Value::Number),
        Value::Str(s) => serde_json::Value::String(s.to_string()),
        Value::Array(span) => {
            let items = doc.items(*span);
            let mut out = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate() {
                out.push(to_json(doc, item, &Path::Index(path, index))?);
            }
            serde_json::Value::Array(out)
        }
        Value::Object(span) => {
            let members = doc.members(*span);
            let mut out = serde_json::Map::with_capacity(members.len());
            for (key, member) in members {
                let here = Path::Key(path, key);
                let member = to_json(doc, member, &here)?;
                if out.insert(key.to_string(), member).is_some() {
                    return Err(Mismatch::custom(crate::json::repeated_key(key)).at(&here));
                }
            }
            serde_json::Value::Object(out)
        }
    })
}

/// Where a value is in its document: a linked list up to the root, made into a JSON Pointer
/// only when an error needs it.
#[derive(Clone, Copy)]
pub(crate) enum Path<'p> {
    Root,
    Key(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl Path<'_> {
    fn pointer(&self) -> String {
        let mut tokens = Vec::new();
        let mut at = self;
        loop {
            match at {
                Path::Root => break,
                Path::Key(parent, key) => {
                    tokens.push(Cow::Borrowed(*key));
                    at = parent;
                }
                Path::Index(parent, index) => {
                    tokens.push(Cow::Owned(index.to_string()));
                    at = parent;
                }
            }
        }
        let mut out = String::new();
        for token in tokens.iter().rev() {
            push_token(&mut out, token);
        }
        out
    }
}

/// A value that does not fit the type read from it: the message serde's readers give, and the
/// JSON Pointer of the value, set by the innermost value that knows it. Boxed, so that every
/// reader's result stays one word wider than its value (the readers are many).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mismatch(Box<MismatchAt>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MismatchAt {
    pub message: String,
    pub path: Option<String>,
}

impl Mismatch {
    pub(crate) fn into_parts(self) -> MismatchAt {
        *self.0
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn at(mut self, path: &Path<'_>) -> Self {
        if self.0.path.is_none() {
            self.0.path = Some(path.pointer());
        }
        self
    }
}

/// `result`, its error located at `path` unless a value inside said where.
#[inline]
fn located<T>(result: Result<T, Mismatch>, path: &Path<'_>) -> Result<T, Mismatch> {
    match result {
        Ok(value) => Ok(value),
        Err(err) => Err(err.at(path)),
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for Mismatch {}

/// serde_json's words for what was found: `null` rather than serde's "unit value", and a float in
/// its shortest form.
struct Found<'a>(Unexpected<'a>);

impl fmt::Display for Found<'_> {
    /// Each kind in serde's words, written here rather than by serde's `Display`, whose arm for
    /// floats would bring the standard library's float formatting into the WebAssembly module.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Unexpected::Unit => f.write_str("null"),
            Unexpected::Float(value) => write!(f, "floating point `{}`", zmij::Buffer::new().format(value)),
            Unexpected::Bool(b) => write!(f, "boolean `{b}`"),
            Unexpected::Unsigned(n) => write!(f, "integer `{n}`"),
            Unexpected::Signed(n) => write!(f, "integer `{n}`"),
            Unexpected::Char(c) => write!(f, "character `{c}`"),
            Unexpected::Str(s) => write!(f, "string {s:?}"),
            Unexpected::Bytes(_) => f.write_str("byte array"),
            Unexpected::Option => f.write_str("Option value"),
            Unexpected::NewtypeStruct => f.write_str("newtype struct"),
            Unexpected::Seq => f.write_str("sequence"),
            Unexpected::Map => f.write_str("map"),
            Unexpected::Enum => f.write_str("enum"),
            Unexpected::UnitVariant => f.write_str("unit variant"),
            Unexpected::NewtypeVariant => f.write_str("newtype variant"),
            Unexpected::TupleVariant => f.write_str("tuple variant"),
            Unexpected::StructVariant => f.write_str("struct variant"),
            Unexpected::Other(other) => f.write_str(other),
        }
    }
}

impl de::Error for Mismatch {
    #[cold]
    fn custom<T: fmt::Display>(message: T) -> Self {
        Mismatch(Box::new(MismatchAt { message: message.to_string(), path: None }))
    }

    #[cold]
    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        Self::custom(format_args!("invalid type: {}, expected {expected}", Found(unexpected)))
    }

    #[cold]
    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        Self::custom(format_args!("invalid value: {}, expected {expected}", Found(unexpected)))
    }
}

/// Reads a type from a value of the tree; every error leaves with the value's path.
pub(crate) struct Reader<'de, 'p> {
    doc: &'de Document<'de>,
    value: &'de Value<'de>,
    path: &'p Path<'p>,
}

impl<'de, 'p> Reader<'de, 'p> {
    /// A reader of the document's root.
    pub(crate) fn new(doc: &'de Document<'de>, path: &'p Path<'p>) -> Self {
        Reader { doc, value: &doc.root, path }
    }

    #[cold]
    #[inline(never)]
    fn invalid(&self, expected: &dyn Expected) -> Mismatch {
        Mismatch::invalid_type(self.unexpected(), expected).at(self.path)
    }

    fn unexpected(&self) -> Unexpected<'de> {
        unexpected(self.value)
    }

    fn visit_array<V: Visitor<'de>>(&self, span: Span, visitor: V) -> Result<V::Value, Mismatch> {
        let items = self.doc.items(span);
        let mut seq = Items { doc: self.doc, items, next: 0, path: self.path };
        match visitor.visit_seq(&mut seq) {
            Ok(value) if seq.next == items.len() => Ok(value),
            Ok(_) => Err(seq.leftover()),
            Err(err) => Err(seq.locate(err)),
        }
    }

    fn visit_object<V: Visitor<'de>>(&self, span: Span, visitor: V) -> Result<V::Value, Mismatch> {
        let members = self.doc.members(span);
        let mut map = Members { doc: self.doc, members, next: 0, done: false, path: self.path };
        match visitor.visit_map(&mut map) {
            Ok(value) if map.next == members.len() => Ok(value),
            Ok(_) => Err(map.leftover()),
            Err(err) => Err(map.locate(err)),
        }
    }
}

/// serde's name for what a value of the tree is, for "invalid type" messages.
pub(crate) fn unexpected<'a>(value: &'a Value<'_>) -> Unexpected<'a> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::U64(n) => Unexpected::Unsigned(*n),
        Value::I64(n) => Unexpected::Signed(*n),
        Value::F64(n) => Unexpected::Float(*n),
        Value::Str(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

impl<'de> de::Deserializer<'de> for Reader<'de, '_> {
    type Error = Mismatch;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        let scalar = match self.value {
            Value::Array(span) => return self.visit_array(*span, visitor),
            Value::Object(span) => return self.visit_object(*span, visitor),
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::U64(n) => visitor.visit_u64(*n),
            Value::I64(n) => visitor.visit_i64(*n),
            Value::F64(n) => visitor.visit_f64(*n),
            Value::Str(s) => visitor.visit_borrowed_str(s),
        };
        located(scalar, self.path)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        located(
            match self.value {
                Value::Bool(b) => visitor.visit_bool(*b),
                _ => Err(self.invalid(&visitor)),
            },
            self.path,
        )
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        located(
            match self.value {
                Value::Str(s) => visitor.visit_borrowed_str(s),
                _ => Err(self.invalid(&visitor)),
            },
            self.path,
        )
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.value {
            Value::Null => located(visitor.visit_none(), self.path),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        located(
            match self.value {
                Value::Null => visitor.visit_unit(),
                _ => Err(self.invalid(&visitor)),
            },
            self.path,
        )
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.value {
            Value::Array(span) => self.visit_array(*span, visitor),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.value {
            Value::Object(span) => self.visit_object(*span, visitor),
            _ => Err(self.invalid(&visitor)),
        }
    }

    /// A struct is an object, never an array filling its fields by position (which serde_json
    /// allows): the formats' JSON Schemas say `type: object`, and so no struct's reader needs its
    /// by-position half.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        self.deserialize_map(visitor)
    }

    /// A unit variant is a string; any other variant an object of one member, `{"variant": value}`.
    /// An unknown variant is reported at the value that names it.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        located(
            match self.value {
                Value::Str(s) => visitor.visit_enum(IntoDeserializer::<Mismatch>::into_deserializer(&**s)),
                Value::Object(span) if span.len == 1 => {
                    let (key, value) = &self.doc.members(*span)[0];
                    visitor.visit_enum(Variant { doc: self.doc, key, value, path: self.path })
                }
                _ => Err(self.invalid(&visitor)),
            },
            self.path,
        )
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 bytes byte_buf
    }
}

/// The items of an array, each read with its index in the path.
struct Items<'de, 'p> {
    doc: &'de Document<'de>,
    items: &'de [Value<'de>],
    /// How many items were handed out.
    next: usize,
    path: &'p Path<'p>,
}

impl Items<'_, '_> {
    /// An error that no value located (a reader that refused an item without reading it) is
    /// about the item last handed out, or else the array.
    #[cold]
    #[inline(never)]
    fn locate(&self, err: Mismatch) -> Mismatch {
        match self.next {
            0 => err.at(self.path),
            n => err.at(&Path::Index(self.path, n - 1)),
        }
    }

    #[cold]
    #[inline(never)]
    fn leftover(&self) -> Mismatch {
        Mismatch::invalid_length(self.items.len(), &"fewer elements in the array").at(self.path)
    }
}

impl<'de> SeqAccess<'de> for Items<'de, '_> {
    type Error = Mismatch;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Mismatch> {
        let Some(item) = self.items.get(self.next) else { return Ok(None) };
        let path = Path::Index(self.path, self.next);
        self.next += 1;
        seed.deserialize(Reader { doc: self.doc, value: item, path: &path }).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.next)
    }
}

/// The members of an object, handed out key then value.
struct Members<'de, 'p> {
    doc: &'de Document<'de>,
    members: &'de [(Cow<'de, str>, Value<'de>)],
    /// How many keys were handed out.
    next: usize,
    /// Whether the reader was told there are no more.
    done: bool,
    path: &'p Path<'p>,
}

impl Members<'_, '_> {
    /// An error that no value located is about the member whose key was read last (a field given
    /// twice, a value refused without being read), or, once every member was read (a missing
    /// field), about the object: where serde_json's position put it.
    #[cold]
    #[inline(never)]
    fn locate(&self, err: Mismatch) -> Mismatch {
        match self.next {
            n if n > 0 && !self.done => err.at(&Path::Key(self.path, &self.members[n - 1].0)),
            _ => err.at(self.path),
        }
    }

    #[cold]
    #[inline(never)]
    fn leftover(&self) -> Mismatch {
        Mismatch::invalid_length(self.members.len(), &"fewer members in the object").at(self.path)
    }
}

impl<'de> MapAccess<'de> for Members<'de, '_> {
    type Error = Mismatch;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Mismatch> {
        let Some((key, _)) = self.members.get(self.next) else {
            self.done = true;
            return Ok(None);
        };
        self.next += 1;
        seed.deserialize(Key(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Mismatch> {
        // serde asks for a value only after its key; a reader that did not gets an error.
        let Some((key, value)) = self.next.checked_sub(1).and_then(|i| self.members.get(i)) else {
            return Err(de::Error::custom("a value was asked for before its key"));
        };
        let path = Path::Key(self.path, key);
        seed.deserialize(Reader { doc: self.doc, value, path: &path })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len() - self.next)
    }
}

/// An object's key, read as a string (or as the name of a unit variant).
struct Key<'de>(&'de str);

impl<'de> de::Deserializer<'de> for Key<'de> {
    type Error = Mismatch;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_borrowed_str(self.0)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        visitor.visit_enum(IntoDeserializer::<Mismatch>::into_deserializer(self.0))
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

/// A variant written as an object of one member: the key names it, the value holds its data.
struct Variant<'de, 'p> {
    doc: &'de Document<'de>,
    key: &'de str,
    value: &'de Value<'de>,
    path: &'p Path<'p>,
}

impl<'de, 'p> EnumAccess<'de> for Variant<'de, 'p> {
    type Error = Mismatch;
    type Variant = Reader<'de, 'p>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Reader<'de, 'p>), Mismatch> {
        let variant = seed.deserialize(Key(self.key))?;
        Ok((variant, Reader { doc: self.doc, value: self.value, path: self.path }))
    }
}

impl<'de> VariantAccess<'de> for Reader<'de, '_> {
    type Error = Mismatch;

    fn unit_variant(self) -> Result<(), Mismatch> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Mismatch> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Mismatch> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_serde_json(text: &str) {
        let ours = parse(text);
        let theirs = serde_json::from_str::<serde_json::Value>(text);
        assert_eq!(ours.is_ok(), theirs.is_ok(), "{text:?}: {ours:?} / {theirs:?}");
        if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
            assert_eq!(to_json(&ours), theirs, "{text:?}");
        }
    }

    fn to_json(doc: &Document<'_>) -> serde_json::Value {
        super::to_json(doc, &doc.root, &Path::Root).unwrap()
    }

    #[test]
    fn accepts_and_refuses_what_serde_json_does() {
        for text in [
            "null",
            " true ",
            "false",
            "0",
            "-0",
            "-0.0",
            "1",
            "-1",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "1.5",
            "1e3",
            "1E+3",
            "1e-3",
            "2.5e-324",
            "1e308",
            "1e309",
            "-1e400",
            "01",
            "1.",
            ".5",
            "-",
            "+1",
            "1e",
            "1e+",
            "0x1",
            r#""""#,
            r#""a\"b\\c\/d\b\f\n\r\t""#,
            r#""\u00e9\u0000""#,
            r#""\ud83d\ude00""#,
            r#""\ud83d""#,
            r#""\ude00""#,
            r#""\ud83dx""#,
            r#""\x""#,
            "\"a\u{1}b\"",
            "\"é\"",
            r#""\u12""#,
            "[]",
            "[1,2]",
            "[1,]",
            "[,1]",
            "[1 2]",
            "{}",
            r#"{"a":1}"#,
            r#"{"a":1,}"#,
            r#"{"a" 1}"#,
            r#"{1:1}"#,
            "[",
            "{",
            r#"{"a""#,
            "nul",
            "truex",
            "1 2",
            "",
            "  ",
            "\u{feff}1",
            "[\"\n\"]",
            "[1]\n",
        ] {
            same_as_serde_json(text);
        }
    }

    /// Strings are scanned eight bytes at a time: a quote, backslash or control character at any
    /// offset of a word, after any run of plain bytes (multi-byte characters included), is seen.
    #[test]
    fn every_special_byte_is_seen_wherever_it_falls() {
        for before in 0..20 {
            for special in ["\\\"", "\\n", "\\u00e9", "\u{1}", "\u{1f}", "\"", "é"] {
                for plain in ["a", "é", "~"] {
                    let text = format!("[\"{}{special}{}\"]", plain.repeat(before), plain.repeat(9));
                    same_as_serde_json(&text);
                }
            }
        }
    }

    #[test]
    fn nesting_stops_where_serde_jsons_does() {
        same_as_serde_json(&format!("{}{}", "[".repeat(127), "]".repeat(127)));
        same_as_serde_json(&format!("{}{}", "[".repeat(128), "]".repeat(128)));
        let deep = format!("{}1{}", "{\"a\":".repeat(128), "}".repeat(128));
        assert_eq!(parse(&deep).unwrap_err().message, "recursion limit exceeded");
    }

    #[test]
    fn numbers_keep_serde_jsons_kinds() {
        assert_eq!(parse("-0").unwrap().root, Value::F64(-0.0));
        assert!(matches!(parse("-0").unwrap().root, Value::F64(z) if z.is_sign_negative()));
        assert_eq!(parse("-9223372036854775808").unwrap().root, Value::I64(i64::MIN));
        assert_eq!(parse("18446744073709551616").unwrap().root, Value::F64(18_446_744_073_709_551_616.0));
        assert_eq!(parse("7").unwrap().root, Value::U64(7));
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        assert!(matches!(parse(r#""plain""#).unwrap().root, Value::Str(Cow::Borrowed("plain"))));
        assert!(matches!(parse(r#""a\nb""#).unwrap().root, Value::Str(Cow::Owned(s)) if s == "a\nb"));
    }

    #[test]
    fn a_repeated_key_is_refused_at_its_path() {
        let tree = parse(r#"{"a":[{"b":1,"b":2}]}"#).unwrap();
        let err = super::to_json(&tree, &tree.root, &Path::Root).unwrap_err().into_parts();
        assert_eq!(err.path.as_deref(), Some("/a/0/b"));
        assert!(err.message.starts_with("repeated key `b`"), "{}", err.message);
    }

    #[test]
    fn a_reader_that_stops_early_and_a_struct_given_an_array_are_refused() {
        use serde::Deserialize;

        #[derive(Debug, Deserialize)]
        #[allow(dead_code)] // read for its errors only
        struct Pair {
            a: u8,
            b: Vec<u8>,
        }
        let read = |text: &str| {
            let doc = parse(text).unwrap();
            Pair::deserialize(Reader::new(&doc, &Path::Root)).unwrap_err().into_parts()
        };
        let err = read("[1, [2]]");
        assert!(err.message.starts_with("invalid type: sequence, expected struct Pair"), "{}", err.message);
        assert_eq!(err.path.as_deref(), Some(""));
        let err = read(r#"{"a": 1, "b": [2, 300]}"#);
        assert_eq!(err.path.as_deref(), Some("/b/1"));
        assert!(err.message.contains("300"), "{}", err.message);
        let err = read(r#"{"a": 1, "a": 2, "b": []}"#);
        assert_eq!((err.path.as_deref(), err.message.as_str()), (Some("/a"), "duplicate field `a`"));
        let err = read(r#"{"a": 1}"#);
        assert_eq!((err.path.as_deref(), err.message.as_str()), (Some(""), "missing field `b`"));

        let doc = parse("[1, 2, 3]").unwrap();
        let err = <(u8, u8)>::deserialize(Reader::new(&doc, &Path::Root)).unwrap_err().into_parts();
        assert_eq!(err.path.as_deref(), Some(""));
        assert_eq!(err.message, "invalid length 3, expected fewer elements in the array");
    }

    #[test]
    fn paths_escape_their_tokens() {
        let root = Path::Root;
        let a = Path::Key(&root, "a/b~c");
        let i = Path::Index(&a, 3);
        assert_eq!(i.pointer(), "/a~1b~0c/3");
        assert_eq!(root.pointer(), "");
    }
}

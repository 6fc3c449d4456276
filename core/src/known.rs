//! Reading a catalogue whose text is already known to be sound: a bundled edition, recognised
//! by its exact bytes, or a text the strict reader has just accepted.
//!
//! The strict reader ([`Catalogue::from_json`]) is serde's derived code for every type of the
//! format, with an error for each way a file can go wrong; in a WebAssembly module that code is
//! a large part of the download. The web package's first module reads only texts that need none
//! of it: the bundled editions (checked by this crate's tests, and recognised here by length and
//! digest) and catalogues of one's own once its second module has read them strictly. This
//! reader walks the parsed document by hand, without the located errors, and so is small; every
//! catalogue it reads is still checked as a whole ([`Catalogue::validate`]), so that whatever
//! reaches it can never make scoring misbehave. Its results equal the strict reader's (tested
//! on every bundled edition and on catalogues with every optional part).

use std::borrow::Cow;

use indexmap::IndexMap;

use crate::catalogue::{Catalogue, CrossCutting, Group, Priority, Sector, Service, Source, SourceRef, Standard, Theme};
use crate::changes::{ChangeSet, Scope, StandardChange};
use crate::error::Error;
use crate::scale::{Band, Level, Scale};
use crate::tree::{Document, Value};
use crate::version::Version;

/// A value this reader could not take: the member it was reading.
type Read<T> = Result<T, &'static str>;

/// One object of the document, read member by member.
#[derive(Clone, Copy)]
struct Obj<'d, 'a> {
    doc: &'d Document<'a>,
    members: &'d [(Cow<'a, str>, Value<'a>)],
}

impl<'d, 'a> Obj<'d, 'a> {
    fn of(doc: &'d Document<'a>, value: &'d Value<'a>, key: &'static str) -> Read<Self> {
        match value {
            Value::Object(span) => Ok(Self { doc, members: doc.members(*span) }),
            _ => Err(key),
        }
    }

    #[inline(never)]
    fn get(&self, key: &str) -> Option<&'d Value<'a>> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn str(&self, key: &'static str) -> Read<String> {
        self.opt_str(key)?.ok_or(key)
    }

    /// An optional string: absent or `null` is `None`, as the strict reader has it.
    #[inline(never)]
    fn opt_str(&self, key: &'static str) -> Read<Option<String>> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s.to_string())),
            Some(_) => Err(key),
        }
    }

    /// A string made into `T` by `parse`.
    fn parsed<T, E>(&self, key: &'static str, parse: impl Fn(&str) -> Result<T, E>) -> Read<T> {
        parse(&self.str(key)?).map_err(|_| key)
    }

    fn opt_parsed<T, E>(&self, key: &'static str, parse: impl Fn(&str) -> Result<T, E>) -> Read<Option<T>> {
        self.opt_str(key)?.map(|s| parse(&s).map_err(|_| key)).transpose()
    }

    fn int<T: TryFrom<i64>>(&self, key: &'static str) -> Read<T> {
        let n = match self.get(key) {
            Some(Value::U64(n)) => i64::try_from(*n).map_err(|_| key)?,
            Some(Value::I64(n)) => *n,
            _ => return Err(key),
        };
        T::try_from(n).map_err(|_| key)
    }

    fn number(&self, key: &'static str) -> Read<f64> {
        #[allow(clippy::cast_precision_loss)]
        match self.get(key) {
            Some(Value::U64(n)) => Ok(*n as f64),
            Some(Value::I64(n)) => Ok(*n as f64),
            Some(Value::F64(n)) => Ok(*n),
            _ => Err(key),
        }
    }

    fn bool(&self, key: &'static str) -> Read<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(key),
        }
    }

    fn items(&self, key: &'static str) -> Read<Option<&'d [Value<'a>]>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(span)) => Ok(Some(self.doc.items(*span))),
            Some(_) => Err(key),
        }
    }

    /// An array of objects, each read by `read`; absent is empty only when `optional`.
    fn list<T>(&self, key: &'static str, optional: bool, read: impl Fn(Obj<'d, 'a>) -> Read<T>) -> Read<Vec<T>> {
        match self.items(key)? {
            None if optional => Ok(Vec::new()),
            None => Err(key),
            Some(items) => {
                // A loop rather than `collect`, whose machinery, once per type, doubles this
                // reader's code.
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(read(Obj::of(self.doc, item, key)?)?);
                }
                Ok(out)
            }
        }
    }

    /// An array of strings, each made into `T` by `parse`.
    fn strings<T, E>(&self, key: &'static str, parse: impl Fn(&str) -> Result<T, E>) -> Read<Vec<T>> {
        let items = self.items(key)?.ok_or(key)?;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let Value::Str(s) = item else { return Err(key) };
            out.push(parse(s).map_err(|_| key)?);
        }
        Ok(out)
    }

    /// One id or a list of them, as a change's `from` and `to` are written.
    fn ids<T, E>(&self, key: &'static str, parse: impl Fn(&str) -> Result<T, E> + Copy) -> Read<Vec<T>> {
        match self.get(key) {
            Some(Value::Str(_)) => Ok(vec![self.parsed(key, parse)?]),
            _ => self.strings(key, parse),
        }
    }
}

/// A word of a closed list (`snake_case`, as the format writes it).
fn word<T: Copy>(words: &'static [(&'static str, T)]) -> impl Fn(&str) -> Result<T, ()> + Copy {
    move |text| words.iter().find(|(w, _)| *w == text).map(|(_, t)| *t).ok_or(())
}

const PRIORITIES: &[(&str, Priority)] =
    &[("essential", Priority::Essential), ("expected", Priority::Expected), ("desirable", Priority::Desirable)];
const SECTORS: &[(&str, Sector)] = &[
    ("nhs", Sector::Nhs),
    ("local_authority", Sector::LocalAuthority),
    ("voluntary", Sector::Voluntary),
    ("other", Sector::Other),
];
const SCOPES: &[(&str, Scope)] = &[("same", Scope::Same), ("narrower", Scope::Narrower), ("broader", Scope::Broader)];

fn version(text: &str) -> Result<Version, semver::Error> {
    Version::parse(text)
}

fn catalogue(o: Obj<'_, '_>) -> Read<Catalogue> {
    Ok(Catalogue {
        schema: o.opt_str("$schema")?,
        schema_version: o.parsed("schema_version", version)?,
        id: o.parsed("id", str::parse::<crate::CatalogueId>)?,
        version: o.parsed("version", version)?,
        title: o.str("title")?,
        publisher: o.str("publisher")?,
        published: o.parsed("published", str::parse)?,
        description: o.opt_str("description")?,
        scale: scale(Obj::of(o.doc, o.get("scale").ok_or("scale")?, "scale")?)?,
        themes: o.list("themes", false, theme)?,
        cross_cutting: o.list("cross_cutting", false, |c| {
            Ok(CrossCutting {
                id: c.parsed("id", str::parse::<crate::TagId>)?,
                title: c.str("title")?,
                description: c.str("description")?,
            })
        })?,
        services: o.list("services", false, |s| {
            Ok(Service {
                id: s.parsed("id", str::parse::<crate::ServiceId>)?,
                title: s.str("title")?,
                sector: s.opt_parsed("sector", word(SECTORS))?,
            })
        })?,
        sources: o.list("sources", false, |s| {
            Ok(Source {
                id: s.parsed("id", str::parse::<crate::SourceId>)?,
                title: s.str("title")?,
                publisher: s.str("publisher")?,
                year: s.int("year")?,
                url: s.opt_str("url")?,
            })
        })?,
        groups: o.list("groups", true, |g| {
            Ok(Group {
                id: g.parsed("id", str::parse::<crate::GroupId>)?,
                title: g.str("title")?,
                description: g.str("description")?,
                sources: g.list("sources", true, source_ref)?,
            })
        })?,
        changes: o.list("changes", true, change_set)?,
    })
}

fn scale(o: Obj<'_, '_>) -> Read<Scale> {
    Ok(Scale {
        min: o.int("min")?,
        max: o.int("max")?,
        levels: o.list("levels", false, |l| {
            Ok(Level { value: l.int("value")?, label: l.str("label")?, description: l.str("description")? })
        })?,
        bands: o.list("bands", false, |b| {
            Ok(Band {
                id: b.parsed("id", str::parse::<crate::BandId>)?,
                label: b.str("label")?,
                from: b.number("from")?,
                to: b.number("to")?,
            })
        })?,
    })
}

fn theme(o: Obj<'_, '_>) -> Read<Theme> {
    Ok(Theme {
        id: o.parsed("id", str::parse::<crate::ThemeId>)?,
        title: o.str("title")?,
        description: o.str("description")?,
        standards: o.list("standards", false, standard)?,
    })
}

fn standard(o: Obj<'_, '_>) -> Read<Standard> {
    let mut guidance = IndexMap::new();
    if let Some(value) = o.get("guidance") {
        let g = Obj::of(o.doc, value, "guidance")?;
        for (level, text) in g.members {
            let Value::Str(text) = text else { return Err("guidance") };
            guidance.insert(level.to_string(), text.to_string());
        }
    }
    Ok(Standard {
        id: o.parsed("id", str::parse::<crate::StandardId>)?,
        title: o.str("title")?,
        description: o.str("description")?,
        plain: o.opt_str("plain")?,
        priority: o.parsed("priority", word(PRIORITIES))?,
        services: o.strings("services", str::parse::<crate::ServiceId>)?,
        tags: o.strings("tags", str::parse::<crate::TagId>)?,
        sources: o.list("sources", false, source_ref)?,
        guidance,
    })
}

fn source_ref(o: Obj<'_, '_>) -> Read<SourceRef> {
    Ok(SourceRef { source: o.parsed("source", str::parse::<crate::SourceId>)?, reference: o.opt_str("ref")? })
}

fn change_set(o: Obj<'_, '_>) -> Read<ChangeSet> {
    Ok(ChangeSet {
        from: o.parsed("from", version)?,
        summary: o.opt_str("summary")?,
        standards: o.list("standards", false, change)?,
    })
}

fn change(o: Obj<'_, '_>) -> Read<StandardChange> {
    let id = |text: &str| text.parse::<crate::StandardId>();
    let one = |key| o.parsed(key, id);
    let scope = || o.opt_parsed("scope", word(SCOPES));
    let note = || o.opt_str("note");
    Ok(match o.str("change")?.as_str() {
        "kept" => StandardChange::Kept {
            from: one("from")?,
            to: one("to")?,
            review: o.bool("review")?.unwrap_or(false),
            scope: scope()?,
            note: note()?,
        },
        "split" => StandardChange::Split { from: one("from")?, to: o.ids("to", id)?, scope: scope()?, note: note()? },
        "merged" => StandardChange::Merged { from: o.ids("from", id)?, to: one("to")?, scope: scope()?, note: note()? },
        "retired" => StandardChange::Retired { from: one("from")?, reason: o.str("reason")? },
        "added" => StandardChange::Added { to: one("to")?, note: note()? },
        _ => return Err("change"),
    })
}

impl Catalogue {
    /// Reads a bundled edition from its text, which must be that edition's exactly (as this
    /// crate's `catalogues/` has it), without the strict reader's code; checked as a whole.
    ///
    /// # Errors
    /// [`Error::NotFound`] for any other text: read it with [`Catalogue::from_json`].
    pub fn from_bundled_text(text: &str) -> Result<Self, Error> {
        if crate::bundled::edition_of_text(text).is_none() {
            return Err(crate::bundled::not_bundled_text());
        }
        Self::from_checked_json(text)
    }

    /// Reads a catalogue whose text the strict reader ([`Catalogue::from_json`]) has accepted,
    /// by a smaller reader that gives the same result for every such text. Any other text is
    /// refused or read leniently (an unknown field is not noticed), but the catalogue is always
    /// checked as a whole, so nothing read here can break a rule that scoring relies on.
    ///
    /// # Errors
    /// [`Error::Syntax`]; [`Error::Schema`] naming the member that could not be read (without
    /// the strict reader's path); [`Error::Invalid`] listing every problem of the whole.
    pub fn from_checked_json(text: &str) -> Result<Self, Error> {
        let document = crate::json::document(text)?;
        let read = Obj::of(&document, &document.root, "").and_then(catalogue).map_err(|key| Error::Schema {
            path: String::new(),
            message: format!("`{key}` is not as a catalogue has it: read this text with the strict reader for where"),
        })?;
        read.validate()?;
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_edition_reads_as_the_strict_reader_reads_it() {
        for edition in crate::bundled_catalogues() {
            let text = crate::bundled_json(edition.id.as_str(), &edition.version).expect("bundled text");
            let strict = Catalogue::from_json(text).expect("strict");
            assert_eq!(Catalogue::from_bundled_text(text).expect("known"), strict, "{edition}");
            assert_eq!(crate::bundled::edition_of_text(text), Some(edition));
        }
    }

    #[test]
    fn a_text_that_is_not_a_bundled_edition_byte_for_byte_is_refused() {
        let text = crate::bundled_json("perinatal-mental-health", &Version::new(3, 1, 0)).expect("bundled");
        for other in [format!("{text} "), text.replacen("named lead", "named Lead", 1), String::new()] {
            let err = Catalogue::from_bundled_text(&other).unwrap_err();
            assert_eq!(err.code().as_str(), "not_found", "{err}");
        }
        // The strict reader still reads the changed text.
        assert!(Catalogue::from_json(&format!("{text} ")).is_ok());
    }

    #[test]
    fn what_the_strict_reader_accepts_reads_the_same_with_every_optional_part() {
        let text = crate::bundled_json("perinatal-mental-health", &Version::new(3, 1, 0)).expect("bundled");
        let mut c = Catalogue::from_json(text).expect("strict");
        // Every optional member present, in every shape the format allows.
        c.schema = None;
        c.description = None;
        c.sources[0].url = None;
        c.services[0].sector = None;
        c.themes[0].standards[0].plain = None;
        c.themes[0].standards[0].guidance.clear();
        c.groups[0].sources.clear();
        let json = c.to_json();
        let strict = Catalogue::from_json(&json).expect("strict");
        assert_eq!(Catalogue::from_checked_json(&json).expect("checked"), strict);
        // Every kind of change, with its optional members, and a group with sources.
        let with_changes = crate::bundled_json("perinatal-mental-health", &Version::new(2, 0, 0)).expect("bundled");
        let strict = Catalogue::from_json(with_changes).expect("strict");
        let kinds: std::collections::BTreeSet<&str> = strict
            .changes
            .iter()
            .flat_map(|set| set.standards.iter())
            .map(|change| match change {
                StandardChange::Kept { .. } => "kept",
                StandardChange::Split { .. } => "split",
                StandardChange::Merged { .. } => "merged",
                StandardChange::Retired { .. } => "retired",
                StandardChange::Added { .. } => "added",
            })
            .collect();
        assert_eq!(kinds.len(), 5, "{kinds:?}");
        assert_eq!(Catalogue::from_checked_json(with_changes).expect("checked"), strict);
    }

    #[test]
    fn an_optional_member_given_as_null_is_absent_as_the_strict_reader_has_it() {
        let text = crate::bundled_json("perinatal-mental-health", &Version::new(2, 0, 0)).expect("bundled");
        let mut value: serde_json::Value = serde_json::from_str(text).expect("json");
        for pointer in [
            "/description",
            "/themes/0/standards/0/sources/1/ref",
            "/themes/0/standards/0/plain",
            "/services/0/sector",
            "/sources/0/url",
            "/changes/0/summary",
            "/changes/0/standards/0/note",
        ] {
            let (parent, key) = pointer.rsplit_once('/').expect("a member");
            value
                .pointer_mut(parent)
                .and_then(serde_json::Value::as_object_mut)
                .expect(parent)
                .insert(key.into(), serde_json::Value::Null);
        }
        let json = value.to_string();
        let strict = Catalogue::from_json(&json).expect("strict");
        assert_eq!(strict.themes[0].standards[0].sources[1].reference, None);
        assert_eq!(Catalogue::from_checked_json(&json).expect("checked"), strict);
    }

    #[test]
    fn a_text_it_cannot_read_is_an_error_never_a_panic() {
        let text = crate::bundled_json("perinatal-mental-health", &Version::new(3, 1, 0)).expect("bundled");
        for bad in [
            "[]",
            "{}",
            "{",
            "null",
            &text.replacen("\"min\": 0", "\"min\": \"0\"", 1),
            &text.replacen("\"priority\": \"expected\"", "\"priority\": \"usual\"", 1),
        ] {
            assert!(Catalogue::from_checked_json(bad).is_err(), "{bad:.40}");
        }
        // Sound shape, broken whole: still checked.
        let err = Catalogue::from_checked_json(&text.replacen("\"T1.2\"", "\"T1.1\"", 1)).unwrap_err();
        assert_eq!(err.code().as_str(), "invalid", "{err}");
    }
}

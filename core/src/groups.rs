//! Editing the equity lens of an assessment (file format 1.2): local population groups, the
//! rating of a standard for a group, and how strong a rating's evidence is and when it was
//! gathered. Every edit is checked against the catalogue and leaves the assessment unchanged
//! when it is refused; an edit that uses a 1.2 field moves the file to format 1.2.

use crate::assessment::{Assessment, EvidenceLevel, GroupRating, LocalGroup, Rating, non_empty};
use crate::catalogue::Catalogue;
use crate::code::ErrorCode;
use crate::date::Date;
use crate::error::{Error, pointer};
use crate::validate;

impl Assessment {
    /// Declares a local population group, besides the catalogue's.
    ///
    /// # Errors
    /// [`Error::Invalid`] (`duplicate_group`) when the catalogue or the assessment already
    /// declares a group of that id.
    pub fn add_group(&mut self, catalogue: &Catalogue, group: LocalGroup) -> Result<(), Error> {
        let at = pointer(["groups", &self.groups.len().to_string(), "id"]);
        if catalogue.group(group.id.as_str()).is_some() || self.groups.iter().any(|g| g.id == group.id) {
            return Err(Error::invalid(
                at,
                ErrorCode::DuplicateGroup,
                format!("group `{}` is declared already: rate for it instead", group.id),
            ));
        }
        self.groups.push(group);
        self.upgrade_format();
        Ok(())
    }

    /// Sets the rating of a rated standard for a group the catalogue or the assessment
    /// declares, keeping its evidence; `None` removes the group rating (and its evidence), so
    /// that the group is served as the standard's own rating says.
    ///
    /// # Errors
    /// [`Error::Invalid`]: `not_rated` when the standard has no rating of its own,
    /// `unknown_group` for a group not declared, `rating_off_scale` for a score off the scale.
    pub fn set_group_rating(
        &mut self,
        catalogue: &Catalogue,
        standard: &str,
        group: &str,
        rating: Option<Rating>,
    ) -> Result<(), Error> {
        let at = pointer(["ratings", standard, "groups", group]);
        let declared = rating.map(|r| validate::group_rating(catalogue, self, &at, group, r)).transpose()?;
        let entry = self.entry_mut(standard)?;
        match (rating, declared) {
            (Some(rating), Some(id)) => match entry.groups.get_mut(group) {
                Some(given) => given.rating = rating,
                None => {
                    entry.groups.insert(id, GroupRating::new(rating));
                }
            },
            _ => {
                entry.groups.shift_remove(group);
            }
        }
        self.upgrade_format();
        Ok(())
    }

    /// Sets or clears (with `None` or empty text) the evidence of a group rating.
    ///
    /// # Errors
    /// [`Error::Invalid`] (`not_rated`) when the standard has no rating for the group.
    pub fn set_group_evidence(&mut self, standard: &str, group: &str, evidence: Option<&str>) -> Result<(), Error> {
        let entry = self.entry_mut(standard)?;
        let Some(given) = entry.groups.get_mut(group) else {
            return Err(Error::invalid(
                pointer(["ratings", standard, "groups", group]),
                ErrorCode::NotRated,
                format!("standard `{standard}` has no rating for group `{group}` yet: rate it for the group first"),
            ));
        };
        given.evidence = non_empty(evidence);
        Ok(())
    }

    /// Sets or clears how strong the evidence of a rated standard is.
    ///
    /// # Errors
    /// [`Error::Invalid`] (`not_rated`) when the standard has no rating yet.
    pub fn set_evidence_level(&mut self, standard: &str, level: Option<EvidenceLevel>) -> Result<(), Error> {
        self.entry_mut(standard)?.evidence_level = level;
        self.upgrade_format();
        Ok(())
    }

    /// Sets or clears the evidence level of a rated standard from its word (`none`,
    /// `self_reported`, `documented`, `audited` or `external`), as every surface takes it.
    ///
    /// # Errors
    /// A [`Error::Schema`] at `/ratings/<id>/evidence_level` for another word; as
    /// [`Assessment::set_evidence_level`].
    pub fn set_evidence_level_word(&mut self, standard: &str, level: Option<&str>) -> Result<(), Error> {
        let level = match level {
            None => None,
            Some(word) => Some(word.parse::<EvidenceLevel>().map_err(|e| Error::Schema {
                path: pointer(["ratings", standard, "evidence_level"]),
                message: e.to_string(),
            })?),
        };
        self.set_evidence_level(standard, level)
    }

    /// Sets or clears the date the evidence of a rated standard was gathered.
    ///
    /// # Errors
    /// [`Error::Invalid`] (`not_rated`) when the standard has no rating yet.
    pub fn set_evidence_date(&mut self, standard: &str, date: Option<Date>) -> Result<(), Error> {
        self.entry_mut(standard)?.evidence_date = date;
        self.upgrade_format();
        Ok(())
    }
}

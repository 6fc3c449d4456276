//! The rules a catalogue must keep as a whole, and the rules an assessment must keep against its
//! catalogue. Every check runs, and every problem found is reported with its JSON Pointer.

use std::collections::{HashMap, HashSet};

use crate::assessment::{Assessment, Rating};
use crate::catalogue::Catalogue;
use crate::code::ErrorCode;
use crate::error::{Collector, Error, pointer};
use crate::ids::{GroupId, StandardId};
use crate::plan::{Action, Target};
use crate::scale::{Decimal, MAX_SCALE_LEVELS, Scale};
use crate::version;

/// Checks a catalogue as a whole.
pub(crate) fn catalogue(c: &Catalogue) -> Result<(), Error> {
    let mut p = Collector::default();
    scale(&c.scale, &mut p);

    let tags: HashSet<&str> = c.cross_cutting.iter().map(|x| x.id.as_str()).collect();
    let services: HashSet<&str> = c.services.iter().map(|x| x.id.as_str()).collect();
    let sources: HashSet<&str> = c.sources.iter().map(|x| x.id.as_str()).collect();
    unique(&["cross_cutting"], "cross-cutting theme", c.cross_cutting.iter().map(|x| x.id.as_str()), &mut p);
    unique(&["services"], "service", c.services.iter().map(|x| x.id.as_str()), &mut p);
    unique(&["sources"], "source", c.sources.iter().map(|x| x.id.as_str()), &mut p);
    unique(&["themes"], "theme", c.themes.iter().map(|x| x.id.as_str()), &mut p);
    unique(&["groups"], "group", c.groups.iter().map(|x| x.id.as_str()), &mut p);
    for (gi, group) in c.groups.iter().enumerate() {
        let at = |tail: &[&str]| {
            let gi = gi.to_string();
            pointer(["groups", gi.as_str()].into_iter().chain(tail.iter().copied()))
        };
        let source_ids: Vec<_> = group.sources.iter().map(|r| r.source.clone()).collect();
        references(&source_ids, &sources, "sources", ErrorCode::UnknownSource, "source", &at, &mut p);
    }

    if c.themes.is_empty() {
        p.push("/themes", ErrorCode::NoThemes, "a catalogue needs at least one theme");
    }
    let mut standard_ids: HashMap<&str, String> = HashMap::new();
    for (ti, theme) in c.themes.iter().enumerate() {
        if theme.standards.is_empty() {
            p.push(
                pointer(["themes", &ti.to_string(), "standards"]),
                ErrorCode::EmptyTheme,
                format!("theme `{}` has no standards", theme.id),
            );
        }
        for (si, s) in theme.standards.iter().enumerate() {
            let at = |tail: &[&str]| {
                let (ti, si) = (ti.to_string(), si.to_string());
                let mut tokens = vec!["themes", ti.as_str(), "standards", si.as_str()];
                tokens.extend_from_slice(tail);
                pointer(tokens)
            };
            let here = at(&["id"]);
            if let Some(first) = standard_ids.insert(s.id.as_str(), here.clone()) {
                p.push(
                    here,
                    ErrorCode::DuplicateId,
                    format!("standard id `{}` is used twice (first at `{first}`)", s.id),
                );
            }
            references(&s.tags, &tags, "tags", ErrorCode::UnknownTag, "cross-cutting theme", &at, &mut p);
            references(&s.services, &services, "services", ErrorCode::UnknownService, "service", &at, &mut p);
            let source_ids: Vec<_> = s.sources.iter().map(|r| r.source.clone()).collect();
            references(&source_ids, &sources, "sources", ErrorCode::UnknownSource, "source", &at, &mut p);
            for key in s.guidance.keys() {
                let on_scale = key.parse::<i32>().is_ok_and(|v| c.scale.contains(v) && v.to_string() == *key);
                if !on_scale {
                    p.push(
                        at(&["guidance", key]),
                        ErrorCode::GuidanceLevel,
                        format!(
                            "guidance for level `{key}`, which is not a level of the scale {}..={}",
                            c.scale.min, c.scale.max
                        ),
                    );
                }
            }
        }
    }
    changes(c, &standard_ids, &mut p);
    p.finish()
}

fn scale(s: &Scale, p: &mut Collector) {
    if s.min >= s.max {
        p.push(
            "/scale/max",
            ErrorCode::ScaleRange,
            format!("the scale must rise: min `{}` is not below max `{}`", s.min, s.max),
        );
        return;
    }
    if s.width() > u64::from(MAX_SCALE_LEVELS) {
        p.push(
            "/scale/max",
            ErrorCode::ScaleTooWide,
            format!(
                "the scale {}..={} has {} levels; a scale may have at most {MAX_SCALE_LEVELS}",
                s.min,
                s.max,
                s.width()
            ),
        );
        return;
    }
    // One level per value, in order, compared without building the list of values.
    let in_order = s.levels.len() as u64 == s.width()
        && s.levels.iter().zip(i64::from(s.min)..).all(|(l, v)| i64::from(l.value) == v);
    if !in_order {
        let values: Vec<i32> = s.levels.iter().map(|l| l.value).collect();
        p.push(
            "/scale/levels",
            ErrorCode::LevelMismatch,
            format!("the levels must be one per scale value {}..={} in order; found {values:?}", s.min, s.max),
        );
    }
    unique(&["scale", "bands"], "band", s.bands.iter().map(|b| b.id.as_str()), p);
    let Some((first, last)) = s.bands.first().zip(s.bands.last()) else {
        p.push("/scale/bands", ErrorCode::NoBands, "the scale needs at least one band");
        return;
    };
    if first.from != f64::from(s.min) {
        p.push(
            "/scale/bands/0/from",
            ErrorCode::BandCoverage,
            format!("the first band starts at `{}`, not at the scale's min `{}`", Decimal(first.from), s.min),
        );
    }
    let end = s.bands.len() - 1;
    if last.to != f64::from(s.max) {
        p.push(
            pointer(["scale", "bands", &end.to_string(), "to"]),
            ErrorCode::BandCoverage,
            format!("the last band ends at `{}`, not at the scale's max `{}`", Decimal(last.to), s.max),
        );
    }
    for (i, band) in s.bands.iter().enumerate() {
        if band.from >= band.to {
            p.push(
                pointer(["scale", "bands", &i.to_string()]),
                ErrorCode::BandOrder,
                format!(
                    "band `{}` must rise: from `{}` is not below to `{}`",
                    band.id,
                    Decimal(band.from),
                    Decimal(band.to)
                ),
            );
        }
        if let Some(next) = s.bands.get(i + 1)
            && band.to != next.from
        {
            p.push(
                pointer(["scale", "bands", &(i + 1).to_string(), "from"]),
                ErrorCode::BandGap,
                format!(
                    "bands must be contiguous: `{}` ends at `{}` but `{}` starts at `{}`",
                    band.id,
                    Decimal(band.to),
                    next.id,
                    Decimal(next.from)
                ),
            );
        }
    }
}

/// Reports ids that appear more than once in the list at `/{list}`.
fn unique<'a>(list: &[&str], what: &str, ids: impl Iterator<Item = &'a str>, p: &mut Collector) {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            let i = i.to_string();
            let path = pointer(list.iter().copied().chain([i.as_str(), "id"]));
            p.push(path, ErrorCode::DuplicateId, format!("{what} id `{id}` is used twice"));
        }
    }
}

fn references<T: AsRef<str>>(
    ids: &[T],
    known: &HashSet<&str>,
    field: &str,
    code: ErrorCode,
    what: &str,
    at: &dyn Fn(&[&str]) -> String,
    p: &mut Collector,
) {
    let mut seen = HashSet::new();
    for (i, id) in ids.iter().enumerate() {
        let id = id.as_ref();
        let here = at(&[field, &i.to_string()]);
        if !known.contains(id) {
            p.push(here, code, format!("unknown {what} `{id}`: it is not listed in the catalogue's `{field}`"));
        } else if !seen.insert(id) {
            p.push(here, ErrorCode::DuplicateReference, format!("{what} `{id}` is listed twice"));
        }
    }
}

fn changes(c: &Catalogue, standards: &HashMap<&str, String>, p: &mut Collector) {
    for (ci, set) in c.changes.iter().enumerate() {
        let base = |tail: &[&str]| {
            let ci = ci.to_string();
            let mut tokens = vec!["changes", ci.as_str()];
            tokens.extend_from_slice(tail);
            pointer(tokens)
        };
        if set.from >= c.version {
            p.push(
                base(&["from"]),
                ErrorCode::ChangeVersion,
                format!("changes lead from `{}`, which is not older than this edition `{}`", set.from, c.version),
            );
        }
        let mut targets: HashMap<&str, usize> = HashMap::new();
        let mut sources: HashSet<&str> = HashSet::new();
        for (k, change) in set.standards.iter().enumerate() {
            let here = base(&["standards", &k.to_string()]);
            for target in change.targets() {
                if !standards.contains_key(target.as_str()) {
                    p.push(
                        here.clone(),
                        ErrorCode::UnknownStandard,
                        format!("change leads to standard `{target}`, which this edition does not have"),
                    );
                }
                *targets.entry(target.as_str()).or_default() += 1;
            }
            for source in change.sources() {
                if !sources.insert(source.as_str()) {
                    p.push(
                        here.clone(),
                        ErrorCode::DuplicateChange,
                        format!("standard `{source}` of `{}` has more than one change", set.from),
                    );
                }
            }
            if change.targets().is_empty() && change.sources().is_empty() {
                p.push(here, ErrorCode::EmptyChange, "a change needs a standard to lead from or to");
            }
        }
        for (id, _) in c.standards().map(|(_, s)| (s.id.as_str(), ())) {
            match targets.get(id) {
                None => p.push(
                    base(&["standards"]),
                    ErrorCode::UnaccountedStandard,
                    format!("standard `{id}` is not the target of any change from `{}` (list new standards as `added`)", set.from),
                ),
                Some(n) if *n > 1 => p.push(
                    base(&["standards"]),
                    ErrorCode::DuplicateTarget,
                    format!("standard `{id}` is the target of {n} changes from `{}`; express several sources as one `merged` change", set.from),
                ),
                Some(_) => {}
            }
        }
    }
}

/// Checks an assessment against the catalogue it is scored with.
pub(crate) fn assessment(c: &Catalogue, a: &Assessment) -> Result<(), Error> {
    let mut p = Collector::default();
    if a.catalogue.id != c.id {
        p.push(
            "/catalogue/id",
            ErrorCode::CatalogueMismatch,
            format!("the assessment is of catalogue `{}`, not `{}`", a.catalogue.id, c.id),
        );
    } else if !version::compatible(&a.catalogue.version, &c.version) {
        let message = if a.catalogue.version.major < c.version.major {
            format!(
                "the assessment was rated against edition `{}`; edition `{}` is a new major version: migrate the assessment first",
                a.catalogue.version, c.version
            )
        } else {
            format!(
                "the assessment was rated against edition `{}`, which is not compatible with edition `{}` (same major version and no newer minor version needed)",
                a.catalogue.version, c.version
            )
        };
        p.push("/catalogue/version", ErrorCode::CatalogueVersion, message);
    }
    local_groups(c, a, &mut p);
    ratings(c, a, &mut p);
    plan(c, &a.plan, &mut p);
    if let Some(previous) = &a.previous {
        for (id, then) in &previous.ratings {
            let at = |tail: &[&str]| {
                let mut tokens = vec!["previous", "ratings", id.as_str()];
                tokens.extend_from_slice(tail);
                pointer(tokens)
            };
            if c.standard(id.as_str()).is_none() {
                p.push(
                    at(&[]),
                    ErrorCode::UnknownStandard,
                    format!("catalogue `{}` edition `{}` has no standard `{id}`", c.id, c.version),
                );
                continue;
            }
            if let Rating::Score(v) = then.rating
                && !c.scale.contains(v)
            {
                p.push(at(&["rating"]), ErrorCode::RatingOffScale, off_scale_message(c, v));
            }
            if let Some(t) = then.target
                && !c.scale.contains(t.rating)
            {
                p.push(at(&["target", "rating"]), ErrorCode::TargetOffScale, target_message(c, t.rating));
            }
        }
    }
    p.finish()
}

/// Every local group's id is its own: not one of the catalogue's, and not used twice.
fn local_groups(c: &Catalogue, a: &Assessment, p: &mut Collector) {
    let mut seen = HashSet::new();
    for (i, group) in a.groups.iter().enumerate() {
        let message = if c.group(group.id.as_str()).is_some() {
            format!(
                "local group `{}` repeats a group of catalogue `{}` edition `{}`: rate for the catalogue's group instead",
                group.id, c.id, c.version
            )
        } else if !seen.insert(group.id.as_str()) {
            format!("local group id `{}` is used twice", group.id)
        } else {
            continue;
        };
        p.push(pointer(["groups", &i.to_string(), "id"]), ErrorCode::DuplicateGroup, message);
    }
}

/// Whether a group is declared, by the catalogue or by the assessment.
fn declared(c: &Catalogue, a: &Assessment, group: &str) -> bool {
    c.group(group).is_some() || a.groups.iter().any(|g| g.id == group)
}

/// Every action id once, and every standard an action names one of the catalogue's.
fn plan(c: &Catalogue, plan: &[Action], p: &mut Collector) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, action) in plan.iter().enumerate() {
        if let Some(first) = seen.insert(action.id.as_str(), i) {
            p.push(
                pointer(["plan", &i.to_string(), "id"]),
                ErrorCode::DuplicateAction,
                format!("action id `{}` is used twice in the plan (first at `/plan/{first}`)", action.id),
            );
        }
        action_standards(c, i, action, p);
    }
}

fn action_standards(c: &Catalogue, at: usize, action: &Action, p: &mut Collector) {
    for (j, id) in action.standards.iter().enumerate() {
        if c.standard(id.as_str()).is_none() {
            p.push(
                pointer(["plan", &at.to_string(), "standards", &j.to_string()]),
                ErrorCode::UnknownStandard,
                format!(
                    "action `{}` names standard `{id}`, which catalogue `{}` edition `{}` does not have",
                    action.id, c.id, c.version
                ),
            );
        }
    }
}

/// Checks one action at position `at` of the plan, for editing.
pub(crate) fn action(c: &Catalogue, at: usize, action: &Action) -> Result<(), Error> {
    let mut p = Collector::default();
    action_standards(c, at, action, &mut p);
    p.finish()
}

/// Checks one target, for editing; `at` is the pointer of its rating.
pub(crate) fn target(c: &Catalogue, at: &str, t: Target) -> Result<(), Error> {
    if c.scale.contains(t.rating) {
        Ok(())
    } else {
        Err(Error::invalid(at, ErrorCode::TargetOffScale, target_message(c, t.rating)))
    }
}

fn target_message(c: &Catalogue, v: i32) -> String {
    format!("target `{v}` is off the scale: a target is a score from {} to {}", c.scale.min, c.scale.max)
}

/// Every rated id exists and every score is on the scale. The common case (all good) costs one
/// lookup per catalogue standard; only a bad assessment pays for the full search that locates
/// each problem in file order.
fn ratings(c: &Catalogue, a: &Assessment, p: &mut Collector) {
    let mut found = 0;
    let mut off_scale = false;
    let mut lookup = crate::assessment::InOrder::new(&a.ratings);
    for (_, s) in c.standards() {
        if let Some(entry) = lookup.get(s.id.as_str()) {
            found += 1;
            off_scale |= entry.rating.score().is_some_and(|v| !c.scale.contains(v))
                || entry.target.is_some_and(|t| !c.scale.contains(t.rating))
                || entry.groups.iter().any(|(group, g)| {
                    !declared(c, a, group.as_str()) || g.rating.score().is_some_and(|v| !c.scale.contains(v))
                });
        }
    }
    if found == a.ratings.len() && !off_scale {
        return;
    }
    let known: HashSet<&str> = c.standards().map(|(_, s)| s.id.as_str()).collect();
    for (id, entry) in &a.ratings {
        if !known.contains(id.as_str()) {
            p.push(
                pointer(["ratings", id.as_str()]),
                ErrorCode::UnknownStandard,
                format!("catalogue `{}` edition `{}` has no standard `{id}`", c.id, c.version),
            );
        } else {
            if let Rating::Score(v) = entry.rating
                && !c.scale.contains(v)
            {
                p.push(pointer(["ratings", id.as_str(), "rating"]), ErrorCode::RatingOffScale, off_scale_message(c, v));
            }
            if let Some(t) = entry.target
                && !c.scale.contains(t.rating)
            {
                p.push(
                    pointer(["ratings", id.as_str(), "target", "rating"]),
                    ErrorCode::TargetOffScale,
                    target_message(c, t.rating),
                );
            }
        }
        for (group, g) in &entry.groups {
            let at = |tail: &[&str]| {
                pointer(["ratings", id.as_str(), "groups", group.as_str()].into_iter().chain(tail.iter().copied()))
            };
            if !declared(c, a, group.as_str()) {
                p.push(at(&[]), ErrorCode::UnknownGroup, unknown_group_message(c, group.as_str()));
            }
            if let Rating::Score(v) = g.rating
                && !c.scale.contains(v)
            {
                p.push(at(&["rating"]), ErrorCode::RatingOffScale, off_scale_message(c, v));
            }
        }
    }
}

fn unknown_group_message(c: &Catalogue, group: &str) -> String {
    format!(
        "group `{group}` is declared neither by catalogue `{}` edition `{}` nor in the assessment's `groups`",
        c.id, c.version
    )
}

/// Checks a group rating of a standard, for editing: the group is declared (by the catalogue
/// or the assessment) and a score is on the scale; returns the group's id. `at` is the
/// pointer of the group rating.
pub(crate) fn group_rating(
    c: &Catalogue,
    a: &Assessment,
    at: &str,
    group: &str,
    rating: Rating,
) -> Result<GroupId, Error> {
    let id =
        c.group(group).map(|g| g.id.clone()).or_else(|| a.groups.iter().find(|g| g.id == group).map(|g| g.id.clone()));
    let Some(id) = id else {
        return Err(Error::invalid(at, ErrorCode::UnknownGroup, unknown_group_message(c, group)));
    };
    if let Rating::Score(v) = rating
        && !c.scale.contains(v)
    {
        return Err(Error::invalid(format!("{at}/rating"), ErrorCode::RatingOffScale, off_scale_message(c, v)));
    }
    Ok(id)
}

fn off_scale_message(c: &Catalogue, v: i32) -> String {
    format!(
        "rating `{v}` is off the scale: use an integer from {} to {}, `not_applicable` or `unknown`",
        c.scale.min, c.scale.max
    )
}

/// Checks one rating of one standard, for editing; returns the standard's id.
pub(crate) fn rating(c: &Catalogue, standard: &str, rating: Rating) -> Result<StandardId, Error> {
    let at = pointer(["ratings", standard]);
    let Some((_, s)) = c.standard(standard) else {
        return Err(Error::invalid(
            at,
            ErrorCode::UnknownStandard,
            format!("catalogue `{}` edition `{}` has no standard `{standard}`", c.id, c.version),
        ));
    };
    if let Rating::Score(v) = rating
        && !c.scale.contains(v)
    {
        return Err(Error::invalid(format!("{at}/rating"), ErrorCode::RatingOffScale, off_scale_message(c, v)));
    }
    Ok(s.id.clone())
}

//! The readable summary `carepath score` prints: overall, themes with lights, top gaps, the
//! equity gaps and the evidence summary (when the assessment uses them), strengths and
//! unknowns.

use std::fmt::Write;

use carepath::{Catalogue, Report};

use super::{area, light, percent, score, title};

/// How many gaps the summary lists; the Markdown report lists them all.
const TOP_GAPS: usize = 10;

pub(crate) fn summary(catalogue: &Catalogue, report: &Report) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "{} - assessed {}", area(&report.area), report.assessed_on);
    let _ = writeln!(w, "{} {} ({})", catalogue.title, catalogue.version, catalogue.id);
    let _ = writeln!(w);
    let o = &report.overall;
    let _ = writeln!(
        w,
        "Overall  {}  {}  ({} of {} standards scored){}",
        score(o.score),
        light(catalogue, o.light.as_ref()),
        o.rated,
        o.total,
        o.target_score.map_or_else(String::new, |t| format!("; {} with every target met", score(Some(t))))
    );

    let width =
        report.themes.iter().map(|t| t.title.chars().count() + t.id.as_str().len() + 2).max().unwrap_or(0).max(20);
    let _ = writeln!(w, "\nThemes");
    let _ = writeln!(w, "  {:<width$}  score  light     scored  complete", "");
    for t in &report.themes {
        let name = format!("{}  {}", t.id, t.title);
        let _ = writeln!(
            w,
            "  {name:<width$}  {:>5}  {:<8}  {:>6}  {:>8}",
            score(t.score),
            light(catalogue, t.light.as_ref()),
            format!("{}/{}", t.rated, t.total),
            percent(t.completeness)
        );
    }

    if !report.cross_cutting.is_empty() {
        let width = report.cross_cutting.iter().map(|c| c.title.chars().count()).max().unwrap_or(0).max(20);
        let _ = writeln!(w, "\nCross-cutting themes");
        for c in &report.cross_cutting {
            let _ = writeln!(
                w,
                "  {:<width$}  {:>5}  {:<8}  {:>6}",
                c.title,
                score(c.score),
                light(catalogue, c.light.as_ref()),
                format!("{}/{}", c.rated, c.total)
            );
        }
    }

    let _ = writeln!(w, "\nTop gaps (priority x shortfall)");
    if report.gaps.is_empty() {
        let _ = writeln!(w, "  none: every scored standard is in the top band");
    }
    for (i, g) in report.gaps.iter().take(TOP_GAPS).enumerate() {
        let _ = writeln!(
            w,
            "  {:>2}. {:<6} {}  [rated {}, {}, {} x {} = {}]",
            i + 1,
            g.id.as_str(),
            title(catalogue, g.id.as_str()),
            g.rating,
            g.priority.as_str(),
            g.weight,
            g.shortfall,
            g.weighted_shortfall
        );
    }
    if report.gaps.len() > TOP_GAPS {
        let _ = writeln!(w, "  ... and {} more (see `carepath report`)", report.gaps.len() - TOP_GAPS);
    }

    equity(w, catalogue, report);
    evidence(w, report);
    list(w, "Strengths", catalogue, &report.strengths);
    list(w, "Unknowns (nobody knew)", catalogue, &report.unknowns);
    if let Some(plan) = report.plan.as_ref().filter(|p| p.actions > 0) {
        let _ = writeln!(
            w,
            "\nPlan (as of {}): {}; {} overdue; {} of {} gaps unplanned (see `carepath plan`)",
            plan.as_of,
            statuses(plan),
            plan.overdue.len(),
            plan.unplanned_gaps.len(),
            report.gaps.len()
        );
    }
    out
}

/// The groups' overall scores and the top equity gaps, when the report has groups.
fn equity(w: &mut String, catalogue: &Catalogue, report: &Report) {
    let groups = &report.overall.groups;
    if groups.is_empty() {
        return;
    }
    let name =
        |id: &carepath::GroupId| catalogue.group(id.as_str()).map_or_else(|| id.to_string(), |g| g.title.clone());
    let width = groups.iter().map(|g| name(&g.id).chars().count()).max().unwrap_or(0).max(20);
    let _ = writeln!(
        w,
        "
Groups (a group rating where given, the standard's own elsewhere)"
    );
    for g in groups {
        let _ = writeln!(
            w,
            "  {:<width$}  {:>5}  {:<8}  {} rated",
            name(&g.id),
            score(g.score),
            light(catalogue, g.light.as_ref()),
            g.rated
        );
    }
    let _ = writeln!(
        w,
        "
Equity gaps (a group served worse than everyone; priority x difference)"
    );
    if report.equity_gaps.is_empty() {
        let _ = writeln!(w, "  none: no group is rated below a standard's own rating");
    }
    for (i, g) in report.equity_gaps.iter().take(TOP_GAPS).enumerate() {
        let _ = writeln!(
            w,
            "  {:>2}. {:<6} {}  [{}: {} vs {}, {}, {} x {} = {}]",
            i + 1,
            g.id.as_str(),
            title(catalogue, g.id.as_str()),
            g.group,
            g.group_rating,
            g.rating,
            g.priority.as_str(),
            g.weight,
            g.difference,
            g.weighted_difference
        );
    }
    if report.equity_gaps.len() > TOP_GAPS {
        let _ = writeln!(w, "  ... and {} more (see `carepath report`)", report.equity_gaps.len() - TOP_GAPS);
    }
}

/// What the ratings rest on, when the assessment says (an evidence level or date on any
/// rating): the scored standards by level, strengths that rest on self-report or nothing,
/// and evidence too old.
fn evidence(w: &mut String, report: &Report) {
    let Some(e) = &report.evidence else { return };
    let b = &e.by_level;
    let stated = b.none + b.self_reported + b.documented + b.audited + b.external;
    if stated == 0 && e.stale.is_empty() {
        return;
    }
    let _ = writeln!(
        w,
        "
Evidence of the {} scored: {} none, {} self-reported, {} documented, {} audited, {} external, {} unstated",
        report.overall.rated, b.none, b.self_reported, b.documented, b.audited, b.external, b.unstated
    );
    let ids = |list: &[carepath::StandardId]| {
        if list.is_empty() { "none".to_owned() } else { list.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ") }
    };
    let _ = writeln!(w, "  Strengths resting on self-report or nothing: {}", ids(&e.unsupported_strengths));
    let _ = writeln!(w, "  Evidence older than {} months: {}", e.max_age_months, ids(&e.stale));
}

/// "5 actions: 2 planned, 1 in progress, 1 done, 1 dropped".
fn statuses(plan: &carepath::PlanSummary) -> String {
    match status_counts(plan) {
        None => "no actions".to_owned(),
        Some((noun, counts)) => format!("{} {noun}: {counts}", plan.actions),
    }
}

/// The plan's noun (`action`, `actions`) and its counts by status (`2 planned, 1 in
/// progress`), or `None` when it has no actions.
pub(crate) fn status_counts(plan: &carepath::PlanSummary) -> Option<(&'static str, String)> {
    let counts: Vec<String> = carepath::ActionStatus::ALL
        .iter()
        .map(|&s| (s, plan.by_status.get(s)))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {}", status_words(s)))
        .collect();
    let noun = if plan.actions == 1 { "action" } else { "actions" };
    (!counts.is_empty()).then(|| (noun, counts.join(", ")))
}

/// A status as people read it: `in progress`.
pub(crate) fn status_words(status: carepath::ActionStatus) -> &'static str {
    match status {
        carepath::ActionStatus::InProgress => "in progress",
        other => other.as_str(),
    }
}

/// The improvement plan `carepath plan` prints: every action with its status, owner and due
/// date (overdue marked), the gaps no action covers, and the targets.
pub(crate) fn plan(catalogue: &Catalogue, assessment: &carepath::Assessment, report: &Report) -> String {
    let mut out = String::new();
    let w = &mut out;
    let Some(plan) = report.plan.as_ref() else { return out };
    let _ = writeln!(w, "Improvement plan - {}, as of {}", area(&report.area), plan.as_of);
    let _ = writeln!(w, "{} {} ({})", catalogue.title, catalogue.version, catalogue.id);
    let _ = writeln!(w, "\n{}", statuses(plan));
    for a in &assessment.plan {
        let overdue = plan.overdue.contains(&a.id);
        let _ = writeln!(
            w,
            "\n  {}  [{}]{}  {}",
            a.id,
            status_words(a.status),
            if overdue { " OVERDUE" } else { "" },
            a.title
        );
        let mut facts = Vec::new();
        if !a.standards.is_empty() {
            facts.push(format!("standards: {}", a.standards.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")));
        }
        if let Some(owner) = &a.owner {
            facts.push(format!("owner: {owner}"));
        }
        if let Some(due) = a.due {
            facts.push(format!("due {due}"));
        }
        if !facts.is_empty() {
            let _ = writeln!(w, "      {}", facts.join("; "));
        }
        if let Some(notes) = &a.notes {
            let _ = writeln!(w, "      {notes}");
        }
    }
    let _ = writeln!(w, "\nOverdue: {}", plan.overdue.len());
    for id in &plan.overdue {
        if let Some(a) = assessment.action(id.as_str()) {
            let due = a.due.map_or_else(String::new, |d| format!(" (due {d})"));
            let _ = writeln!(w, "  {}  {}{due}", a.id, a.title);
        }
    }
    let _ = writeln!(w, "\nUnplanned gaps (no action but a dropped one lists them): {}", plan.unplanned_gaps.len());
    for id in &plan.unplanned_gaps {
        let s = report.standard(id.as_str());
        let rated = s.and_then(|s| s.rating).map_or_else(String::new, |r| format!("  [rated {r}"));
        let target = s.and_then(|s| s.target).map_or_else(String::new, |t| format!(", target {t}"));
        let close = if rated.is_empty() { "" } else { "]" };
        let _ = writeln!(w, "  {:<6} {}{rated}{target}{close}", id.as_str(), title(catalogue, id.as_str()));
    }
    let targets: Vec<&carepath::StandardScore> = report.standards.iter().filter(|s| s.target.is_some()).collect();
    let met = targets.iter().filter(|s| s.to_target == Some(0)).count();
    let _ = writeln!(w, "\nTargets: {} set, {met} met now", targets.len());
    for s in targets.iter().filter(|s| s.to_target.is_some_and(|d| d > 0)) {
        let _ = writeln!(
            w,
            "  {:<6} {}  [rated {}, target {}, {} to go]",
            s.id.as_str(),
            title(catalogue, s.id.as_str()),
            super::rating(s.rating),
            s.target.unwrap_or_default(),
            s.to_target.unwrap_or_default()
        );
    }
    out
}

fn list(w: &mut String, heading: &str, catalogue: &Catalogue, ids: &[carepath::StandardId]) {
    let _ = writeln!(w, "\n{heading}: {}", ids.len());
    for id in ids {
        let _ = writeln!(w, "  {:<6} {}", id.as_str(), title(catalogue, id.as_str()));
    }
}

/// What migration did, for people: counts by fate, what to review, what was archived.
pub(crate) fn migration(
    from: &Catalogue,
    to: &Catalogue,
    before: &carepath::Assessment,
    after: &carepath::Assessment,
    report: &carepath::MigrationReport,
) -> String {
    use carepath::Fate;
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "{} (assessed {}): {} {} -> {}",
        area(&before.area),
        before.assessed_on,
        to.id,
        report.from.version,
        report.to.version
    );
    if report.steps.is_empty() {
        let _ = writeln!(w, "  already compatible with edition {}: nothing changed", to.version);
        return out;
    }
    for step in &report.steps {
        let count = |fate| step.fates.iter().filter(|f| f.fate == fate).count();
        let _ = writeln!(
            w,
            "\nEdition {} -> {}: {} ratings: {} kept, {} under a new id, {} split, {} merged, {} archived",
            step.from.version,
            step.to.version,
            step.fates.len(),
            count(Fate::Kept),
            count(Fate::Renamed),
            count(Fate::Split),
            count(Fate::Merged),
            count(Fate::Archived)
        );
        if !step.added.is_empty() {
            let ids: Vec<&str> = step.added.iter().map(carepath::StandardId::as_str).collect();
            let _ = writeln!(w, "  {} new standards start unrated: {}", ids.len(), ids.join(", "));
        }
    }
    let review = report.to_review();
    let _ = writeln!(w, "\nTo review ({}): the standard changed, so check the carried rating", review.len());
    for id in review {
        let _ = writeln!(w, "  {:<6} {}", id.as_str(), title(to, id.as_str()));
    }
    let archived: Vec<_> = after.archive.iter().filter(|a| !before.archive.contains(a)).collect();
    let _ = writeln!(w, "\nArchived ({}): kept in the assessment, nothing is lost", archived.len());
    for a in archived {
        let _ = writeln!(
            w,
            "  {:<6} {} (rated {}): {}",
            a.standard.as_str(),
            title(from, a.standard.as_str()),
            super::rating(Some(a.rating)),
            a.reason
        );
    }
    let _ = writeln!(
        w,
        "\n{} of {} standards carry a rating in edition {}",
        after.ratings.len(),
        to.standard_count(),
        to.version
    );
    out
}

/// A score then and now, with lights and the change.
fn then_now(
    catalogue: &Catalogue,
    old: Option<f64>,
    new: Option<f64>,
    old_light: Option<&carepath::BandId>,
    new_light: Option<&carepath::BandId>,
    change: Option<f64>,
    direction: carepath::Direction,
) -> String {
    format!(
        "{:>4} {:<8} -> {:>4} {:<8} {:>5}  {}",
        score(old),
        if old.is_some() { light(catalogue, old_light) } else { String::new() },
        score(new),
        if new.is_some() { light(catalogue, new_light) } else { String::new() },
        change.map_or_else(String::new, super::signed),
        direction.as_str().replace('_', " ")
    )
}

/// How an area moved between two assessments.
pub(crate) fn comparison(catalogue: &Catalogue, c: &carepath::Comparison) -> String {
    use carepath::Direction;
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "{}: {} (edition {}) -> {} (edition {}), compared in edition {}",
        area(&c.area),
        c.old.assessed_on,
        c.old.catalogue.version,
        c.new.assessed_on,
        c.new.catalogue.version,
        c.catalogue.version
    );
    let _ = writeln!(
        w,
        "Comparable: {} of {} standards scored both times ({}){}",
        c.comparable.standards,
        c.comparable.total,
        percent(c.comparable.share),
        if c.migration.is_some() { "; the earlier assessment was migrated into this edition first" } else { "" }
    );
    let o = &c.overall;
    let _ = writeln!(
        w,
        "\nOverall  {}",
        then_now(catalogue, o.old, o.new, o.old_light.as_ref(), o.new_light.as_ref(), o.change, o.direction)
    );
    let width = c.themes.iter().map(|t| t.title.chars().count() + t.id.as_str().len() + 2).max().unwrap_or(20);
    let _ = writeln!(w, "\nThemes");
    for t in &c.themes {
        let name = format!("{}  {}", t.id, t.title);
        let _ = writeln!(
            w,
            "  {name:<width$}  {}",
            then_now(catalogue, t.old, t.new, t.old_light.as_ref(), t.new_light.as_ref(), t.change, t.direction)
        );
    }
    let width = c.cross_cutting.iter().map(|t| t.title.chars().count()).max().unwrap_or(20);
    let _ = writeln!(w, "\nCross-cutting themes");
    for t in &c.cross_cutting {
        let _ = writeln!(
            w,
            "  {:<width$}  {}",
            t.title,
            then_now(catalogue, t.old, t.new, t.old_light.as_ref(), t.new_light.as_ref(), t.change, t.direction)
        );
    }
    let count = |d| c.standards.iter().filter(|s| s.direction == d).count();
    let _ = writeln!(
        w,
        "\nStandards: {} improved, {} worsened, {} unchanged, {} newly rated, {} no longer rated",
        count(Direction::Improved),
        count(Direction::Worsened),
        count(Direction::Unchanged),
        count(Direction::NewlyRated),
        count(Direction::NoLongerRated)
    );
    let p = &c.progress;
    if !p.targets.is_empty() {
        let t = &p.target_counts;
        let _ = writeln!(
            w,
            "\nTargets set at the earlier assessment: {} met, {} not met, {} not scored now",
            t.met, t.not_met, t.not_scored
        );
    }
    if !p.actions.is_empty() {
        let a = &p.action_counts;
        let _ = writeln!(
            w,
            "Actions of the earlier plan: {} done, {} carried, {} dropped, {} missing from the later plan",
            a.done, a.carried, a.dropped, a.missing
        );
    }
    let mut moved: Vec<&carepath::StandardDelta> =
        c.standards.iter().filter(|s| s.change.is_some_and(|d| d != 0)).collect();
    moved.sort_by_key(|s| std::cmp::Reverse(s.change.unwrap_or(0)));
    for (heading, list) in [
        ("Most improved", moved.iter().filter(|s| s.change > Some(0)).take(5).collect::<Vec<_>>()),
        ("Worsened", moved.iter().rev().filter(|s| s.change < Some(0)).take(5).collect::<Vec<_>>()),
    ] {
        if !list.is_empty() {
            let _ = writeln!(w, "\n{heading}");
            for s in list {
                let _ = writeln!(
                    w,
                    "  {:<6} {:+}  ({} -> {})  {}",
                    s.id.as_str(),
                    s.change.unwrap_or(0),
                    super::rating(s.old),
                    super::rating(s.new),
                    title(catalogue, s.id.as_str())
                );
            }
        }
    }
    out
}

/// The spread across areas, and where each area stands (never a ranking).
pub(crate) fn benchmark(catalogue: &Catalogue, b: &carepath::Benchmark) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "Benchmark of {} areas against {} {} (figures withheld where fewer than {} areas scored)",
        b.areas, catalogue.id, catalogue.version, b.min_group
    );
    let row = |w: &mut String, name: &str, d: &carepath::Distribution| {
        let name: String = name.chars().take(58).collect();
        if d.withheld {
            let _ = writeln!(w, "  {name:<58} {:>3}  withheld (fewer than {} areas)", d.count, b.min_group);
        } else {
            let _ = writeln!(
                w,
                "  {name:<58} {:>3}  {:>4}  {:>4}  {:>6}  {:>4}  {:>4}",
                d.count,
                score(d.min),
                score(d.q1),
                score(d.median),
                score(d.q3),
                score(d.max)
            );
        }
    };
    let _ =
        writeln!(w, "\n  {:<58} {:>3}  {:>4}  {:>4}  {:>6}  {:>4}  {:>4}", "", "n", "min", "Q1", "median", "Q3", "max");
    row(w, "Overall", &b.overall);
    for t in &b.themes {
        row(w, &format!("{}  {}", t.id, t.title), &t.distribution);
    }
    for x in &b.cross_cutting {
        row(w, &format!("({})", x.title), &x.distribution);
    }
    let _ = writeln!(w, "\nWhere each area stands: score (quarter: 1 lowest, 4 highest), areas by name, not ranked");
    let _ = write!(w, "  {:<20} {:>9}", "", "Overall");
    for t in &b.themes {
        let _ = write!(w, " {:>9}", t.id.as_str());
    }
    let _ = writeln!(w);
    let cell = |s: Option<f64>, q: Option<u8>| match (s, q) {
        (Some(s), Some(q)) => format!("{s:.1} ({q})"),
        (Some(s), None) => format!("{s:.1}"),
        _ => "\u{2013}".to_owned(),
    };
    for p in &b.positions {
        let name: String = p.area.name.chars().take(20).collect();
        let _ = write!(w, "  {name:<20} {:>9}", cell(p.overall.score, p.overall.quarter));
        for t in &p.themes {
            let _ = write!(w, " {:>9}", cell(t.score, t.quarter));
        }
        let _ = writeln!(w);
    }
    out
}

/// Where several raters agree and where they should talk.
pub(crate) fn consensus(catalogue: &Catalogue, c: &carepath::Consensus) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "Consensus of {} raters for {} on {} (edition {})",
        c.raters.len(),
        area(&c.area),
        c.assessed_on,
        c.catalogue.version
    );
    for (i, r) in c.raters.iter().enumerate() {
        let _ = writeln!(w, "  rater {}: {r}", i + 1);
    }
    let shown = |s: &carepath::StandardConsensus| {
        s.ratings.iter().map(|r| r.map_or("-".to_owned(), |r| r.to_string())).collect::<Vec<_>>().join(", ")
    };
    let _ = writeln!(w, "\nTo discuss: scores {} or more points apart ({})", c.threshold, c.disagreements.len());
    for s in c.standards.iter().filter(|s| s.disagreement) {
        let _ = writeln!(
            w,
            "  {:<6} {}  [{}] -> {} (spread {})",
            s.id.as_str(),
            title(catalogue, s.id.as_str()),
            shown(s),
            super::rating(s.combined),
            s.spread.unwrap_or(0)
        );
    }
    let _ = writeln!(w, "\nTo discuss: some scored, some said it does not apply ({})", c.mixed_applicability.len());
    for s in c.standards.iter().filter(|s| c.mixed_applicability.contains(&s.id)) {
        let _ = writeln!(
            w,
            "  {:<6} {}  [{}] -> {}",
            s.id.as_str(),
            title(catalogue, s.id.as_str()),
            shown(s),
            super::rating(s.combined)
        );
    }
    let combined = c.standards.iter().filter(|s| s.combined.is_some()).count();
    let _ = writeln!(
        w,
        "\nCombined: {combined} of {} standards rated (the median of the scores; the lower middle score when the count is even)",
        c.standards.len()
    );
    out
}

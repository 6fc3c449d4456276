//! The improvement plan (file format 1.1): targets and actions, their checks and edits, the
//! format version they need, the next round, and the properties every surface relies on.

use carepath::{
    Action, ActionId, ActionStatus, Area, Assessment, Catalogue, Error, ErrorCode, Rating, Report, StandardId, Target,
    compare,
};
use proptest::prelude::*;

const EDITIONS: [&str; 3] = ["1.0.0", "2.0.0", "3.0.0"];

fn bundled(version: &str) -> Catalogue {
    Catalogue::bundled("perinatal-mental-health", Some(version)).unwrap()
}

fn id(s: &str) -> StandardId {
    StandardId::new(s).unwrap()
}

fn action(a: &str, standards: &[&str]) -> Action {
    Action::new(ActionId::new(a).unwrap(), format!("action {a}"), standards.iter().map(|s| id(s)).collect())
}

fn rated(c: &Catalogue) -> Assessment {
    let mut a = Assessment::new(c.reference(), Area::named("Northbrook"), "2024-11-20".parse().unwrap());
    for (i, (_, s)) in c.standards().enumerate().take(12) {
        a.rate(c, s.id.as_str(), Rating::Score(i32::try_from(i % 6).unwrap())).unwrap();
    }
    a
}

fn codes(err: &Error) -> Vec<(String, ErrorCode)> {
    err.problems().into_iter().map(|p| (p.path, p.code)).collect()
}

#[test]
fn a_file_moves_to_format_1_1_only_when_it_uses_the_new_fields() {
    let c = bundled("3.0.0");
    let mut a = rated(&c);
    assert_eq!(a.format_needed().to_string(), "1.0.0");
    assert!(a.to_json().contains(r#""schema_version": "1.0.0""#));
    let first = a.ratings.keys().next().unwrap().to_string();
    a.set_target(&c, &first, Some(Target::new(4))).unwrap();
    assert_eq!(a.schema_version.to_string(), "1.1.0");
    // Even a target set by hand, behind the edit methods' back, is written as 1.1.
    let mut b = rated(&c);
    b.ratings.values_mut().next().unwrap().target = Some(Target::new(3));
    let text = b.to_json();
    assert!(text.contains(r#""schema_version": "1.1.0""#), "{text}");
    assert_eq!(Assessment::from_json(&text).unwrap().ratings, b.ratings);
}

#[test]
fn every_example_without_the_new_fields_writes_back_unchanged() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../standards/examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let a = Assessment::from_json(&text).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let again: serde_json::Value = serde_json::from_str(&a.to_json()).unwrap();
        assert_eq!(again, value, "{}", path.display());
        if a.schema_version.minor == 0 {
            assert_eq!(a.format_needed().to_string(), "1.0.0", "{}", path.display());
        }
        checked += 1;
    }
    assert!(checked >= 10);
}

#[test]
fn a_newer_minor_format_with_an_unknown_field_says_to_upgrade() {
    let text = r#"{ "schema_version": "1.3.0",
        "catalogue": { "id": "perinatal-mental-health", "version": "3.0.0" },
        "area": { "name": "Northbrook" }, "assessed_on": "2025-11-20",
        "ratings": { "T1.1": { "rating": 2, "evidence_weight": "heavy" } } }"#;
    let err = Assessment::from_json(text).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Version);
    assert_eq!(err.path(), Some("/ratings/T1.1/evidence_weight"));
    let message = err.to_string();
    assert!(message.contains("this file uses format 1.3"), "{message}");
    assert!(message.contains("reads up to 1.2: upgrade"), "{message}");
    // The same field in a file of a format this reader knows is a plain typo.
    let err = Assessment::from_json(&text.replace("1.3.0", "1.2.0")).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Schema);
    assert!(err.to_string().contains("unknown field `evidence_weight`"), "{err}");
    // A newer minor file that uses only known fields reads.
    let known = text.replace(r#", "evidence_weight": "heavy""#, "");
    assert!(Assessment::from_json(&known).is_ok());
}

#[test]
fn targets_are_checked_against_the_scale_and_need_a_rating() {
    let c = bundled("3.0.0");
    let mut a = rated(&c);
    let first = a.ratings.keys().next().unwrap().to_string();
    let err = a.set_target(&c, &first, Some(Target::new(6))).unwrap_err();
    assert_eq!(codes(&err), [(format!("/ratings/{first}/target/rating"), ErrorCode::TargetOffScale)]);
    let unrated = c.standards().map(|(_, s)| s.id.to_string()).find(|s| a.entry(s).is_none()).unwrap();
    let err = a.set_target(&c, &unrated, Some(Target::new(3))).unwrap_err();
    assert_eq!(err.problems()[0].code, ErrorCode::NotRated);
    // A target on a standard rated unknown is allowed, and has nothing to go yet.
    a.rate(&c, &unrated, Rating::Unknown).unwrap();
    a.set_target(&c, &unrated, Some(Target::new(3).by("2025-09-30".parse().unwrap()))).unwrap();
    let report = c.score(&a).unwrap();
    let s = report.standard(&unrated).unwrap();
    assert_eq!((s.target, s.to_target), (Some(3), None));
    a.set_target(&c, &unrated, None).unwrap();
    assert_eq!(a.entry(&unrated).unwrap().target, None);
}

#[test]
fn actions_are_added_changed_and_removed_in_place() {
    let c = bundled("3.0.0");
    let mut a = rated(&c);
    a.add_action(&c, action("A1", &["T1.1"])).unwrap();
    a.add_action(&c, action("A2", &["T1.2", "T2.1"])).unwrap();
    assert_eq!(a.schema_version.to_string(), "1.1.0");
    assert_eq!(a.next_action_id().as_str(), "A3");

    let err = a.add_action(&c, action("A1", &["T1.3"])).unwrap_err();
    assert_eq!(codes(&err), [("/plan/2/id".to_owned(), ErrorCode::DuplicateAction)]);
    let err = a.add_action(&c, action("A3", &["T1.1", "Z9.9"])).unwrap_err();
    assert_eq!(codes(&err), [("/plan/2/standards/1".to_owned(), ErrorCode::UnknownStandard)]);
    assert_eq!(a.plan.len(), 2, "a refused action is not added");

    let changed = action("A1", &["T1.4"]).with_owner("ICB perinatal lead").with_status(ActionStatus::InProgress);
    a.update_action(&c, changed.clone()).unwrap();
    assert_eq!(a.plan[0], changed, "an update keeps the action's place");
    let err = a.update_action(&c, action("A9", &[])).unwrap_err();
    assert_eq!(err.problems()[0].code, ErrorCode::UnknownAction);
    a.set_action_status("A2", ActionStatus::Done).unwrap();
    assert_eq!(a.action("A2").unwrap().status, ActionStatus::Done);
    assert!(a.set_action_status("A9", ActionStatus::Done).is_err());
    assert_eq!(a.remove_action("A1").unwrap().id.as_str(), "A1");
    assert!(a.remove_action("A1").is_none());
    assert_eq!(a.next_action_id().as_str(), "A3");
}

#[test]
fn the_next_round_starts_empty_with_the_open_plan_and_last_rounds_targets() {
    let c2 = bundled("2.0.0");
    let c3 = bundled("3.0.0");
    let mut a = rated(&c2);
    let first = a.ratings.keys().next().unwrap().to_string();
    a.set_target(&c2, &first, Some(Target::new(4))).unwrap();
    a.participants.push(carepath::Participant { role: "Health visitor".into(), organisation: None });
    a.add_action(&c2, action("A1", &[&first])).unwrap();
    a.add_action(&c2, action("A2", &[]).with_status(ActionStatus::Done)).unwrap();
    a.add_action(&c2, action("A3", &[]).with_status(ActionStatus::InProgress)).unwrap();

    let err = a.next_round(&c3, "2024-01-01".parse().unwrap()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::DatesReversed);

    // Into the next major edition: migrated first.
    let mut next = a.next_round(&c3, "2025-11-20".parse().unwrap()).unwrap();
    assert!(next.ratings.is_empty());
    assert_eq!(next.catalogue, c3.reference());
    assert_eq!(next.area, a.area);
    assert_eq!(next.participants, a.participants);
    let open: Vec<&str> = next.plan.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(open, ["A1", "A3"], "done actions stay in last round's file");
    let previous = next.previous.as_ref().unwrap();
    assert_eq!(previous.assessed_on, a.assessed_on);
    assert_eq!(previous.catalogue, a.catalogue);
    let (migrated, _) = a.migrate(&c3).unwrap();
    assert_eq!(previous.ratings.len(), migrated.ratings.len());
    c3.check(&next).unwrap();

    // Rating a standard again brings its target back.
    let carried = previous.ratings.iter().find(|(_, r)| r.target.is_some()).map(|(id, r)| (id.to_string(), r.target));
    let (again, target) = carried.unwrap();
    next.rate(&c3, &again, Rating::Score(2)).unwrap();
    assert_eq!(next.entry(&again).unwrap().target, target);
    let text = next.to_json();
    assert_eq!(Assessment::from_json(&text).unwrap(), next);

    // And the round after can be compared with this one, target by target.
    let comparison = compare(&a, &next, &c3).unwrap();
    assert_eq!(comparison.progress.actions.len(), 3);
    assert_eq!(comparison.progress.action_counts.carried, 2);
    assert_eq!(comparison.progress.action_counts.done, 1);
}

#[test]
fn a_round_in_the_same_edition_needs_no_migration_code() {
    let c2 = bundled("2.0.0");
    let c3 = bundled("3.0.0");
    let c31 = bundled("3.1.0");
    let mut a = rated(&c3);
    a.add_action(&c3, action("A1", &[])).unwrap();
    let on = "2025-11-20".parse().unwrap();
    // The same edition, and an earlier minor one: the same round as `next_round` starts.
    assert_eq!(a.next_round_in_edition(&c3, on).unwrap(), a.next_round(&c3, on).unwrap());
    assert_eq!(a.next_round_in_edition(&c31, on).unwrap(), a.next_round(&c31, on).unwrap());
    // One that needs migrating is refused, for the caller to migrate it first.
    let old = rated(&c2);
    let err = old.next_round_in_edition(&c3, on).unwrap_err();
    assert_eq!(err.code(), ErrorCode::MixedEditions, "{err}");
    assert!(err.to_string().contains("migrate it into `3.0.0`"), "{err}");
    let early = old.next_round_in_edition(&c2, "2020-01-01".parse().unwrap()).unwrap_err();
    assert_eq!(early.code(), ErrorCode::DatesReversed);
    let mut other = rated(&c3);
    other.catalogue.id = carepath::CatalogueId::new("another").unwrap();
    assert_eq!(other.next_round_in_edition(&c3, on).unwrap_err().code(), ErrorCode::MixedCatalogues);
}

/// A rated assessment of a bundled edition, with random targets and a random plan.
fn planned() -> impl Strategy<Value = (Catalogue, Assessment, Assessment)> {
    (
        0usize..3,
        prop::collection::vec((0usize..200, -1i32..=5, prop::option::of(0i32..=5)), 0..40),
        prop::collection::vec((prop::collection::vec(0usize..200, 0..4), 0usize..4, prop::option::of(0u8..28)), 0..8),
    )
        .prop_map(|(edition, ratings, actions)| {
            let c = bundled(EDITIONS[edition]);
            let ids: Vec<String> = c.standards().map(|(_, s)| s.id.to_string()).collect();
            let mut plain = Assessment::new(c.reference(), Area::named("Northbrook"), "2024-11-20".parse().unwrap());
            let mut planned = plain.clone();
            for (k, r, t) in &ratings {
                let standard = &ids[k % ids.len()];
                let rating = if *r < 0 { Rating::Unknown } else { Rating::Score(*r) };
                plain.rate(&c, standard, rating).unwrap();
                planned.rate(&c, standard, rating).unwrap();
                planned.set_target(&c, standard, t.map(Target::new)).unwrap();
            }
            for (n, (standards, status, due)) in actions.iter().enumerate() {
                let mut a = action(&format!("A{n}"), &[]);
                a.standards = standards.iter().map(|k| id(&ids[k % ids.len()])).collect();
                a.status = ActionStatus::ALL[*status];
                a.due = due.map(|d| carepath::Date::new(2024, 11, d + 1).unwrap());
                planned.add_action(&c, a).unwrap();
            }
            (c, plain, planned)
        })
}

fn scores(r: &Report) -> serde_json::Value {
    let mut v = serde_json::to_value(r).unwrap();
    let object = v.as_object_mut().unwrap();
    object.remove("plan");
    object["overall"].as_object_mut().unwrap().remove("target_score");
    for t in object["themes"].as_array_mut().unwrap() {
        t.as_object_mut().unwrap().remove("target_score");
    }
    for s in object["standards"].as_array_mut().unwrap() {
        s.as_object_mut().unwrap().remove("target");
        s.as_object_mut().unwrap().remove("to_target");
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn targets_and_a_plan_never_change_a_score((c, plain, planned) in planned()) {
        let (before, after) = (c.score(&plain).unwrap(), c.score(&planned).unwrap());
        prop_assert_eq!(scores(&before), scores(&after));
        // to_target is never negative, and is there exactly when a target meets a score.
        for s in &after.standards {
            prop_assert!(s.to_target.is_none_or(|d| d >= 0));
            prop_assert_eq!(s.to_target.is_some(), s.target.is_some() && s.rating.and_then(Rating::score).is_some());
        }
        let summary = after.plan.as_ref().unwrap();
        prop_assert_eq!(summary.actions, planned.plan.len());
        prop_assert!(summary.unplanned_gaps.iter().all(|g| after.gaps.iter().any(|x| x.id == *g)));
    }

    #[test]
    fn every_action_and_target_survives_a_round_trip((c, _plain, planned) in planned()) {
        let again = Assessment::from_json(&planned.to_json()).unwrap();
        prop_assert_eq!(&again, &planned);
        c.check(&again).unwrap();
    }

    #[test]
    fn migration_never_loses_an_action((c, _plain, planned) in planned()) {
        let to = bundled("3.0.0");
        let (migrated, report) = planned.migrate(&to).unwrap();
        let mut ids: Vec<&str> = migrated.plan.iter().map(|a| a.id.as_str())
            .chain(migrated.plan_archive.iter().map(|a| a.action.id.as_str())).collect();
        ids.sort_unstable();
        let mut before: Vec<&str> = planned.plan.iter().map(|a| a.id.as_str()).collect();
        before.sort_unstable();
        prop_assert_eq!(ids, before);
        match report.steps.first() {
            Some(first) => prop_assert_eq!(first.actions.len(), planned.plan.len()),
            None => prop_assert_eq!(&c.version, &to.version),
        }
        to.check(&migrated).unwrap();
    }
}

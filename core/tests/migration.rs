//! Migration between editions: the bundled 2.0.0 edition accounts for every 1.0.0 standard,
//! every example carries across with nothing lost, and, for generated editions and
//! assessments, no rating or text is ever lost and migrating twice changes nothing.

use std::collections::HashMap;
use std::path::Path;

use carepath::{Area, Assessment, Catalogue, Fate, Rating, RatingEntry, StandardChange, migrate, migrate_via};
use proptest::prelude::*;
use serde_json::json;

fn bundled(version: &str) -> Catalogue {
    Catalogue::bundled("perinatal-mental-health", Some(version)).unwrap()
}

/// Everything a partnership typed into an assessment: each rating with its texts. Migration
/// must keep every one of these, in the new ratings or in the archive.
fn typed(a: &Assessment) -> Vec<(String, Option<String>, Option<String>)> {
    a.ratings.values().map(|e| (e.rating.to_string(), e.evidence.clone(), e.actions.clone())).collect()
}

fn kept_somewhere(original: &Assessment, migrated: &Assessment) -> Result<(), String> {
    let mut pool: Vec<(String, Option<String>, Option<String>)> = typed(migrated);
    pool.extend(migrated.archive.iter().map(|a| (a.rating.to_string(), a.evidence.clone(), a.actions.clone())));
    for item in typed(original) {
        match pool.iter().position(|p| *p == item) {
            Some(i) => {
                pool.swap_remove(i);
            }
            None => return Err(format!("lost {item:?}")),
        }
    }
    Ok(())
}

#[test]
fn the_2024_edition_accounts_for_every_2016_standard() {
    let old = bundled("1.0.0");
    let new = bundled("2.0.0");
    let set = new.changes.iter().find(|s| s.from == old.version).expect("2.0.0 lists changes from 1.0.0");
    let mut sources: HashMap<&str, usize> = HashMap::new();
    for change in &set.standards {
        for id in change.sources() {
            *sources.entry(id.as_str()).or_default() += 1;
            assert!(old.standard(id.as_str()).is_some(), "a change starts from `{id}`, which 1.0.0 lacks");
        }
    }
    for (_, s) in old.standards() {
        assert_eq!(sources.get(s.id.as_str()), Some(&1), "1.0.0 standard {} must have exactly one change", s.id);
    }
    // Every kind of change is used, and retirements say why.
    for kind in ["kept", "split", "merged", "retired", "added"] {
        assert!(set.standards.iter().any(|c| c.kind() == kind), "no `{kind}` change");
    }
    for change in &set.standards {
        if let StandardChange::Retired { reason, .. } = change {
            assert!(reason.len() > 20, "a retirement gives a real reason");
        }
    }
    assert!(
        Catalogue::bundled("perinatal-mental-health", None).unwrap().version == bundled("3.1.0").version,
        "3.1.0, the corrected edition with population groups, is the default"
    );
}

#[test]
fn every_2016_example_carries_into_2024_with_nothing_lost() {
    let new = bundled("2.0.0");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../standards/examples");
    let mut migrated_any = false;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().ends_with("-2016.json") {
            continue;
        }
        let a = Assessment::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let (m, report) = migrate(&a, &new).unwrap();
        new.check(&m).unwrap();
        kept_somewhere(&a, &m).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(report.steps.len(), 1);
        assert_eq!(report.steps[0].fates.len(), a.ratings.len(), "a fate for every rating");
        assert!(report.archived() > 0 || !a.ratings.contains_key("T2.8"));
        // 2.0.0's changes predate `scope`: every change that widened a standard (kept with
        // review, split, merged) is read as broader, so its ratings wait in the archive and the
        // standards start unrated rather than carry a score they may not deserve.
        assert!(report.steps[0].fates.iter().any(|f| f.fate == Fate::Archived && !f.to.is_empty()));
        assert!(report.to_review().is_empty());
        // The area, date and people are unchanged; the edition is the new one.
        assert_eq!((&m.area, m.assessed_on, &m.participants), (&a.area, a.assessed_on, &a.participants));
        assert_eq!(m.catalogue, new.reference());
        // Migrating again changes nothing.
        let (again, second) = migrate(&m, &new).unwrap();
        assert_eq!(again, m);
        assert!(second.steps.is_empty());
        migrated_any = true;
    }
    assert!(migrated_any);
}

#[test]
fn split_merge_and_retire_follow_the_documented_rules() {
    let old = bundled("1.0.0");
    // 3.0.0's direct route from 1.0.0 has a split and a merge that carry scores.
    let new = bundled("3.0.0");
    let set = new.changes.iter().find(|s| s.from == old.version).unwrap();
    let mut a = Assessment::new(old.reference(), Area::named("Testshire"), "2016-11-30".parse().unwrap());
    let (mut split, mut merged, mut retired) = (None, None, None);
    for change in &set.standards {
        let carries = change.scope().is_some_and(carepath::Scope::carries);
        match change {
            StandardChange::Split { from, to, .. } if split.is_none() && carries => {
                split = Some((from.clone(), to.clone()));
            }
            StandardChange::Merged { from, to, .. } if merged.is_none() && carries => {
                merged = Some((from.clone(), to.clone()));
            }
            StandardChange::Retired { from, .. } if retired.is_none() => retired = Some(from.clone()),
            _ => {}
        }
    }
    let (split_from, split_to) = split.unwrap();
    let (merge_from, merge_to) = merged.unwrap();
    let retired = retired.unwrap();
    a.set_entry(&old, split_from.as_str(), RatingEntry::new(Rating::Score(3)).with_evidence("split evidence")).unwrap();
    a.set_entry(&old, merge_from[0].as_str(), RatingEntry::new(Rating::Score(4)).with_actions("keep going")).unwrap();
    a.set_entry(&old, merge_from[1].as_str(), RatingEntry::new(Rating::Score(2)).with_evidence("the weaker half"))
        .unwrap();
    a.set_entry(&old, retired.as_str(), RatingEntry::new(Rating::Score(5)).with_evidence("retired evidence")).unwrap();

    let (m, report) = migrate(&a, &new).unwrap();
    for part in &split_to {
        let e = m.entry(part.as_str()).unwrap();
        assert_eq!((e.rating, e.evidence.as_deref()), (Rating::Score(3), Some("split evidence")));
        assert!(e.review.as_deref().unwrap().contains("split"), "split parts are flagged");
    }
    let e = m.entry(merge_to.as_str()).unwrap();
    assert_eq!(e.rating, Rating::Score(2), "a merge carries the lowest rating");
    assert_eq!(e.evidence.as_deref(), Some("the weaker half"));
    assert!(e.review.is_some());
    let archived: Vec<_> = m.archive.iter().map(|x| (x.standard.as_str(), x.rating)).collect();
    assert!(archived.contains(&(merge_from[0].as_str(), Rating::Score(4))), "the other half of a merge is archived");
    assert!(archived.contains(&(retired.as_str(), Rating::Score(5))), "a retired rating is archived");
    assert!(m.archive.iter().all(|x| x.catalogue == old.reference()), "the archive names the edition rated");
    let fates: HashMap<&str, Fate> = report.steps[0].fates.iter().map(|f| (f.standard.as_str(), f.fate)).collect();
    assert_eq!(fates[split_from.as_str()], Fate::Split);
    assert_eq!(fates[merge_from[1].as_str()], Fate::Merged);
    assert_eq!(fates[merge_from[0].as_str()], Fate::Archived);
    assert_eq!(fates[retired.as_str()], Fate::Archived);
    kept_somewhere(&a, &m).unwrap();
}

#[test]
fn migration_refuses_what_it_cannot_do() {
    let new = bundled("2.0.0");
    let old = bundled("1.0.0");
    let a = Assessment::new(new.reference(), Area::named("Testshire"), "2024-01-01".parse().unwrap());
    assert_eq!(migrate(&a, &old).unwrap_err().code(), "migration_backwards");
    let mut other = a.clone();
    other.catalogue.id = "another-pathway".parse().unwrap();
    assert_eq!(migrate(&other, &new).unwrap_err().code(), "mixed_catalogues");
    let mut orphan = Assessment::new(old.reference(), Area::named("Testshire"), "2016-01-01".parse().unwrap());
    orphan.catalogue.version = "0.5.0".parse().unwrap();
    assert_eq!(migrate(&orphan, &new).unwrap_err().code(), "no_migration_path");
}

// ---------------------------------------------------------------- generated editions

/// Two editions of a generated catalogue, the newer listing random changes from the older:
/// each old standard kept (maybe renamed or flagged), split, merged with its neighbour, or
/// retired; plus some added standards.
fn editions() -> impl Strategy<Value = (Catalogue, Catalogue)> {
    (2usize..=12, prop::collection::vec(0u8..6, 12), 0usize..3).prop_map(|(n, kinds, added)| {
        let standard = |id: &str| {
            json!({ "id": id, "title": "t", "description": "d", "priority": "expected",
                    "services": ["svc"], "tags": [], "sources": [{ "source": "src" }] })
        };
        let catalogue = |version: &str, ids: &[String], changes: serde_json::Value| {
            let mut value = json!({
                "schema_version": "1.0.0", "id": "gen", "version": version, "title": "g", "publisher": "p",
                "published": "2020-01-01",
                "scale": { "min": 0, "max": 5,
                           "levels": (0..=5).map(|v| json!({ "value": v, "label": "l", "description": "d" })).collect::<Vec<_>>(),
                           "bands": [ { "id": "red", "label": "Red", "from": 0, "to": 2 },
                                      { "id": "amber", "label": "Amber", "from": 2, "to": 4 },
                                      { "id": "green", "label": "Green", "from": 4, "to": 5 } ] },
                "themes": [ { "id": "T", "title": "T", "description": "d", "standards": ids.iter().map(|i| standard(i)).collect::<Vec<_>>() } ],
                "cross_cutting": [], "services": [ { "id": "svc", "title": "s" } ],
                "sources": [ { "id": "src", "title": "s", "publisher": "p", "year": 2020 } ]
            });
            if !changes.is_null() {
                value["changes"] = changes;
            }
            Catalogue::from_value(value).unwrap()
        };
        let old_ids: Vec<String> = (0..n).map(|i| format!("A{i}")).collect();
        let mut new_ids = Vec::new();
        let mut changes = Vec::new();
        let mut i = 0;
        while i < n {
            let from = &old_ids[i];
            match kinds[i] {
                0 => {
                    new_ids.push(from.clone());
                    changes.push(json!({ "change": "kept", "from": from, "to": from }));
                }
                1 => {
                    let to = format!("B{i}");
                    new_ids.push(to.clone());
                    changes.push(json!({ "change": "kept", "from": from, "to": to, "review": true, "note": "reworded." }));
                }
                2 => {
                    let parts = vec![format!("B{i}a"), format!("B{i}b")];
                    new_ids.extend(parts.clone());
                    changes.push(json!({ "change": "split", "from": from, "to": parts }));
                }
                3 if i + 1 < n => {
                    let to = format!("M{i}");
                    new_ids.push(to.clone());
                    changes.push(json!({ "change": "merged", "from": [from, &old_ids[i + 1]], "to": to }));
                    i += 1;
                }
                4 => changes.push(json!({ "change": "retired", "from": from, "reason": "no longer national guidance" })),
                _ => {
                    new_ids.push(from.clone());
                    changes.push(json!({ "change": "kept", "from": from, "to": from, "review": true }));
                }
            }
            i += 1;
        }
        for k in 0..=added {
            let to = format!("N{k}");
            new_ids.push(to.clone());
            changes.push(json!({ "change": "added", "to": to }));
        }
        let old = catalogue("1.0.0", &old_ids, serde_json::Value::Null);
        let new = catalogue("2.0.0", &new_ids, json!([{ "from": "1.0.0", "standards": changes }]));
        (old, new)
    })
}

fn editions_and_assessment() -> impl Strategy<Value = (Catalogue, Catalogue, Assessment)> {
    editions()
        .prop_flat_map(|(old, new)| {
            let n = old.standard_count();
            let rating = prop_oneof![
                Just(None),
                Just(Some(Rating::NotApplicable)),
                Just(Some(Rating::Unknown)),
                (0..=5).prop_map(|v| Some(Rating::Score(v))),
            ];
            (Just(old), Just(new), prop::collection::vec((rating, any::<bool>(), any::<bool>()), n))
        })
        .prop_map(|(old, new, choices)| {
            let mut a = Assessment::new(old.reference(), Area::named("Gen"), "2020-01-01".parse().unwrap());
            let ids: Vec<_> = old.standards().map(|(_, s)| s.id.clone()).collect();
            for (id, (rating, evidence, actions)) in ids.into_iter().zip(choices) {
                if let Some(rating) = rating {
                    let mut e = RatingEntry::new(rating);
                    if evidence {
                        e = e.with_evidence(format!("evidence of {id}"));
                    }
                    if actions {
                        e = e.with_actions(format!("actions for {id}"));
                    }
                    a.ratings.insert(id, e);
                }
            }
            (old, new, a)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_rating_evidence_or_action_is_ever_lost((_old, new, a) in editions_and_assessment()) {
        let (m, report) = migrate_via(&a, &new, &[]).unwrap();
        prop_assert!(new.check(&m).is_ok());
        prop_assert_eq!(kept_somewhere(&a, &m), Ok(()));
        prop_assert_eq!(report.steps[0].fates.len(), a.ratings.len());
        // Every carried rating is where its fate says.
        for f in &report.steps[0].fates {
            if f.fate != Fate::Archived {
                for id in &f.to {
                    prop_assert!(m.ratings.contains_key(id.as_str()));
                }
            }
        }
    }

    #[test]
    fn migration_is_idempotent((_old, new, a) in editions_and_assessment()) {
        let (once, _) = migrate_via(&a, &new, &[]).unwrap();
        let (twice, report) = migrate_via(&once, &new, &[]).unwrap();
        prop_assert_eq!(&twice, &once);
        prop_assert!(report.steps.is_empty());
    }
}

#[test]
fn migration_crosses_several_editions() {
    // 1.0.0 -> 2.0.0 -> 3.0.0, where 3.0.0 lists only its changes from 2.0.0.
    let v1 = bundled("1.0.0");
    let v2 = bundled("2.0.0");
    let mut v3 = v2.clone();
    v3.version = "3.0.0".parse().unwrap();
    let first = v3.standards().next().map(|(_, s)| s.id.clone()).unwrap();
    let mut changes = Vec::new();
    for (_, s) in v2.standards() {
        changes.push(if s.id == first {
            StandardChange::Kept {
                from: s.id.clone(),
                to: s.id.clone(),
                review: true,
                scope: Some(carepath::Scope::Same),
                note: Some("tightened.".into()),
            }
        } else {
            StandardChange::Kept { from: s.id.clone(), to: s.id.clone(), review: false, scope: None, note: None }
        });
    }
    v3.changes = vec![carepath::ChangeSet { from: v2.version.clone(), summary: None, standards: changes }];
    v3.validate().unwrap();
    let mut a = Assessment::new(v1.reference(), Area::named("Testshire"), "2016-11-30".parse().unwrap());
    for (_, s) in v1.standards() {
        a.rate(&v1, s.id.as_str(), Rating::Score(3)).unwrap();
    }
    assert_eq!(migrate_via(&a, &v3, &[]).unwrap_err().code(), "no_migration_path");
    let (m, report) = migrate_via(&a, &v3, &[v1.clone(), v2.clone()]).unwrap();
    assert_eq!(report.steps.len(), 2);
    assert_eq!(report.steps[1].from, v2.reference());
    assert_eq!(m.catalogue, v3.reference());
    v3.check(&m).unwrap();
    kept_somewhere(&a, &m).unwrap();
}

//! Migration never overstates an area: across every change of every bundled edition, a score
//! arrives only on a standard that means the same as the one rated, or less. Onto a broader
//! standard the rating goes to the archive with the old score in words, and the new standard
//! starts unrated.

use carepath::{Area, Assessment, Catalogue, Rating, RatingEntry, Scope, StandardChange, bundled_catalogues, migrate};

fn editions() -> Vec<Catalogue> {
    bundled_catalogues()
        .iter()
        .map(|r| Catalogue::bundled(r.id.as_str(), Some(&r.version.to_string())).unwrap())
        .collect()
}

/// An assessment of `old` with every standard scored (`score(i)` for the i-th standard).
fn rated(old: &Catalogue, score: impl Fn(usize) -> i32) -> Assessment {
    let mut a = Assessment::new(old.reference(), Area::named("Testshire"), "2020-01-01".parse().unwrap());
    for (i, (_, s)) in old.standards().enumerate() {
        let entry = RatingEntry::new(Rating::Score(score(i))).with_evidence(format!("evidence for {}", s.id));
        a.set_entry(old, s.id.as_str(), entry).unwrap();
    }
    a
}

fn label(c: &Catalogue, v: i32) -> String {
    format!("{v} ({})", c.scale.levels.iter().find(|l| l.value == v).unwrap().label)
}

#[test]
fn every_change_of_every_bundled_edition_carries_scores_only_onto_the_same_or_less() {
    let all = editions();
    let mut checked = 0;
    for new in &all {
        for set in &new.changes {
            let old =
                all.iter().find(|c| c.id == new.id && c.version == set.from).expect("the earlier edition is bundled");
            for pattern in
                [|_| 5, |i: usize| i32::try_from(i % 6).unwrap(), |i: usize| 5 - i32::try_from(i % 6).unwrap()]
            {
                let a = rated(old, pattern);
                let (m, _) = migrate(&a, new).unwrap();
                for change in &set.standards {
                    match change.scope() {
                        Some(Scope::Broader) => {
                            for t in change.targets() {
                                assert!(
                                    m.entry(t.as_str()).is_none(),
                                    "{} from {}: `{t}` is broader than what was rated, yet it carries a rating",
                                    new.version,
                                    old.version
                                );
                            }
                            for f in change.sources() {
                                let score = a.entry(f.as_str()).unwrap().rating;
                                let Rating::Score(v) = score else { unreachable!() };
                                let kept = m
                                    .archive
                                    .iter()
                                    .find(|x| x.standard == *f && x.catalogue == old.reference())
                                    .unwrap_or_else(|| panic!("{}: the rating of `{f}` is archived", new.version));
                                assert_eq!(kept.rating, score);
                                assert!(
                                    kept.reason.contains(&label(new, v)),
                                    "the old score in words: {}",
                                    kept.reason
                                );
                                assert_eq!(kept.evidence.as_deref(), Some(format!("evidence for {f}").as_str()));
                            }
                        }
                        Some(Scope::Same | Scope::Narrower) => {
                            let lowest = change
                                .sources()
                                .iter()
                                .map(|f| match a.entry(f.as_str()).unwrap().rating {
                                    Rating::Score(v) => v,
                                    _ => unreachable!(),
                                })
                                .min()
                                .unwrap();
                            for t in change.targets() {
                                let e = m.entry(t.as_str()).expect("a carried score");
                                assert_eq!(
                                    e.rating,
                                    Rating::Score(lowest),
                                    "{}: `{t}` carries no more than was rated",
                                    new.version
                                );
                                if change.review() {
                                    assert!(e.review.is_some(), "{}: `{t}` is flagged", new.version);
                                }
                            }
                        }
                        None => {
                            if let StandardChange::Added { to, .. } = change {
                                assert!(m.entry(to.as_str()).is_none(), "a new standard starts unrated");
                            }
                        }
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 300, "every change was checked ({checked})");
}

#[test]
fn a_2016_rating_of_5_for_trauma_and_loss_support_does_not_become_a_5_for_a_specialist_service() {
    let all = editions();
    let v1 = &all[0];
    let mut a = Assessment::new(v1.reference(), Area::named("Testshire"), "2016-11-30".parse().unwrap());
    a.set_entry(v1, "T4.8", RatingEntry::new(Rating::Score(5)).with_evidence("bereavement midwives and a charity"))
        .unwrap();
    for new in &all[1..] {
        let (m, report) = migrate(&a, new).unwrap();
        assert!(
            m.entry("T7.2").is_none() && m.entry("T7.4").is_none(),
            "{}: the specialist pathways start unrated",
            new.version
        );
        let kept = m.archive.iter().find(|x| x.standard == "T4.8").unwrap();
        assert!(kept.reason.contains("5 (Fully in place and evidenced)"), "{}", kept.reason);
        assert!(kept.reason.contains("`T7.2`") && kept.reason.contains("`T7.4`"), "{}", kept.reason);
        assert_eq!(report.archived(), 1);
    }
}

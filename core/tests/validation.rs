//! Catalogue and assessment validation through the public API: each rule names its problem,
//! and every problem in a document is reported, not only the first.

use carepath::{Area, Assessment, Catalogue, Error, Rating, RatingEntry};
use serde_json::{Value, json};

fn tiny() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/catalogues/tiny.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn problems(result: Result<Catalogue, Error>) -> Vec<(String, &'static str)> {
    match result {
        Err(Error::Invalid(problems)) => problems.iter().map(|p| (p.path.clone(), p.code.as_str())).collect(),
        other => panic!("expected invalid, got {other:?}"),
    }
}

#[test]
fn a_valid_catalogue_passes() {
    assert!(Catalogue::from_value(tiny()).is_ok());
}

#[test]
fn every_catalogue_problem_is_reported_at_once() {
    let mut c = tiny();
    c["themes"][1]["id"] = json!("A"); // duplicate theme id
    c["themes"][1]["standards"][0]["id"] = json!("A.1"); // duplicate standard id
    c["themes"][0]["standards"][1]["tags"] = json!(["x", "nope"]); // unknown tag
    c["themes"][0]["standards"][2]["services"] = json!(["ghost"]); // unknown service
    c["themes"][0]["standards"][0]["sources"] = json!([{ "source": "src" }, { "source": "src" }]); // listed twice
    c["themes"][2]["standards"] = json!([]); // empty theme
    c["themes"][0]["standards"][0]["guidance"] = json!({ "6": "beyond the scale", "3": "fine" });
    let found = problems(Catalogue::from_value(c));
    let expected = [
        ("/themes/1/id", "duplicate_id"),
        ("/themes/0/standards/0/sources/1", "duplicate_reference"),
        ("/themes/0/standards/0/guidance/6", "guidance_level"),
        ("/themes/0/standards/1/tags/1", "unknown_tag"),
        ("/themes/0/standards/2/services/0", "unknown_service"),
        ("/themes/1/standards/0/id", "duplicate_id"),
        ("/themes/2/standards", "empty_theme"),
    ];
    for e in expected {
        assert!(found.contains(&(e.0.to_owned(), e.1)), "missing {e:?} in {found:#?}");
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
}

#[test]
fn bands_must_cover_the_scale_exactly() {
    let mut c = tiny();
    c["scale"]["bands"] = json!([
        { "id": "red", "label": "Red", "from": 0.5, "to": 2 },
        { "id": "amber", "label": "Amber", "from": 2.5, "to": 4 },
        { "id": "green", "label": "Green", "from": 4, "to": 4.5 }
    ]);
    let found = problems(Catalogue::from_value(c));
    assert_eq!(
        found,
        [
            ("/scale/bands/0/from".to_owned(), "band_coverage"),
            ("/scale/bands/2/to".to_owned(), "band_coverage"),
            ("/scale/bands/1/from".to_owned(), "band_gap"),
        ]
    );

    let mut c = tiny();
    c["scale"]["bands"] = json!([
        { "id": "red", "label": "Red", "from": 0, "to": 3 },
        { "id": "red", "label": "Again", "from": 3, "to": 2 },
        { "id": "green", "label": "Green", "from": 2, "to": 5 }
    ]);
    let found = problems(Catalogue::from_value(c));
    assert!(found.contains(&("/scale/bands/1/id".to_owned(), "duplicate_id")), "{found:?}");
    assert!(found.contains(&("/scale/bands/1".to_owned(), "band_order")), "{found:?}");

    let mut c = tiny();
    c["scale"]["bands"] = json!([]);
    assert_eq!(problems(Catalogue::from_value(c)), [("/scale/bands".to_owned(), "no_bands")]);
}

#[test]
fn levels_must_match_the_scale() {
    let mut c = tiny();
    c["scale"]["levels"].as_array_mut().unwrap().remove(3);
    assert_eq!(problems(Catalogue::from_value(c)), [("/scale/levels".to_owned(), "level_mismatch")]);
    let mut c = tiny();
    c["scale"]["max"] = json!(0);
    assert_eq!(problems(Catalogue::from_value(c)), [("/scale/max".to_owned(), "scale_range")]);
}

#[test]
fn changes_must_account_for_every_standard_of_the_edition() {
    let mut c = tiny();
    c["version"] = json!("2.0.0");
    c["changes"] = json!([{ "from": "1.0.0", "standards": [
        { "change": "kept", "from": "A.1", "to": "A.1" },
        { "change": "split", "from": "A.2", "to": ["A.2", "A.3"] },
        { "change": "merged", "from": ["B.1", "A.2"], "to": "B.1" },
        { "change": "added", "to": "C.1" },
        { "change": "added", "to": "C.1" },
        { "change": "kept", "from": "X.1", "to": "Z.9" }
    ]}]);
    let found = problems(Catalogue::from_value(c));
    assert_eq!(
        found,
        [
            ("/changes/0/standards/2".to_owned(), "duplicate_change"),
            ("/changes/0/standards/5".to_owned(), "unknown_standard"),
            ("/changes/0/standards".to_owned(), "unaccounted_standard"),
            ("/changes/0/standards".to_owned(), "duplicate_target"),
        ],
        "{found:#?}"
    );
    let mut c = tiny();
    c["changes"] = json!([{ "from": "1.0.0", "standards": [] }]);
    let found = problems(Catalogue::from_value(c));
    assert_eq!(found[0], ("/changes/0/from".to_owned(), "change_version"));
}

#[test]
fn assessment_problems_are_all_reported() {
    let c = Catalogue::from_value(tiny()).unwrap();
    let mut a = Assessment::new(c.reference(), Area::named("Testshire"), "2020-01-01".parse().unwrap());
    a.catalogue.version = "0.9.0".parse().unwrap();
    a.ratings.insert("A.1".parse().unwrap(), RatingEntry::new(Rating::Score(9)));
    a.ratings.insert("Q.1".parse().unwrap(), RatingEntry::new(Rating::Unknown));
    let err = c.score(&a).unwrap_err();
    let found: Vec<_> = err.problems().into_iter().map(|p| (p.path, p.code.as_str())).collect();
    assert_eq!(
        found,
        [
            ("/catalogue/version".to_owned(), "catalogue_version"),
            ("/ratings/A.1/rating".to_owned(), "rating_off_scale"),
            ("/ratings/Q.1".to_owned(), "unknown_standard"),
        ]
    );
    assert!(err.to_string().contains("migrate the assessment first"), "{err}");
}

#[test]
fn editing_checks_against_the_catalogue() {
    let c = Catalogue::from_value(tiny()).unwrap();
    let mut a = Assessment::new(c.reference(), Area::named("Testshire"), "2020-01-01".parse().unwrap());
    assert_eq!(a.rate(&c, "Z.1", Rating::Score(2)).unwrap_err().problems()[0].code, "unknown_standard");
    assert_eq!(a.rate(&c, "A.1", Rating::Score(6)).unwrap_err().problems()[0].code, "rating_off_scale");
    assert_eq!(a.set_evidence("A.1", Some("text")).unwrap_err().problems()[0].code, "not_rated");
    a.rate(&c, "A.1", Rating::Score(2)).unwrap();
    a.set_evidence("A.1", Some("minutes")).unwrap();
    a.rate(&c, "A.1", Rating::Score(3)).unwrap();
    assert_eq!(a.entry("A.1").unwrap().evidence.as_deref(), Some("minutes"), "re-rating keeps the evidence");
    a.set_evidence("A.1", Some("  ")).unwrap();
    assert_eq!(a.entry("A.1").unwrap().evidence, None, "blank text clears");
    a.set_review("A.1", Some("check after the split")).unwrap();
    assert_eq!(a.entry("A.1").unwrap().review.as_deref(), Some("check after the split"));
    a.set_review("A.1", None).unwrap();
    assert_eq!(a.entry("A.1").unwrap().review, None);
    assert_eq!(a.set_review("B.1", None).unwrap_err().problems()[0].code, "not_rated");
    assert!(a.ratings.is_empty() == a.unrate("A.1").is_none());
    assert!(a.ratings.is_empty());
}

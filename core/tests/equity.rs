//! The equity lens across areas and over time: each group's scores in a benchmark (with the
//! small-group rule, never ranked) and in a comparison (then and now). Worked out by hand.

use carepath::{Assessment, Catalogue, Direction, benchmark, compare};

fn tiny() -> Catalogue {
    Catalogue::from_json(include_str!("../../tests/vectors/catalogues/tiny-groups.json")).unwrap()
}

fn assessment(area: &str, on: &str, body: &str) -> Assessment {
    Assessment::from_json(&format!(
        r#"{{ "schema_version": "1.2.0", "catalogue": {{ "id": "tiny", "version": "1.1.0" }},
            "area": {{ "name": "{area}" }}, "assessed_on": "{on}", {body} }}"#
    ))
    .unwrap()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn a_benchmark_describes_each_groups_scores_with_the_small_group_rule() {
    let c = tiny();
    // P: A.1 4, A.2 2 (interpreter 1), B.1 3.
    let p = assessment(
        "P",
        "2020-03-01",
        r#""ratings": { "A.1": { "rating": 4 }, "A.2": { "rating": 2, "groups": { "interpreter": { "rating": 1 } } },
                        "B.1": { "rating": 3 } }"#,
    );
    // Q: a local group; A.1 2 (interpreter 0), B.2 5 (young 3, traveller 1).
    let q = assessment(
        "Q",
        "2020-03-02",
        r#""groups": [ { "id": "traveller", "title": "Gypsy, Roma and Traveller women" } ],
           "ratings": { "A.1": { "rating": 2, "groups": { "interpreter": { "rating": 0 } } },
                        "B.2": { "rating": 5, "groups": { "young": { "rating": 3 }, "traveller": { "rating": 1 } } } }"#,
    );
    // R: A all 5, C.1 3.
    let r = assessment(
        "R",
        "2020-03-03",
        r#""ratings": { "A.1": { "rating": 5 }, "A.2": { "rating": 5 }, "A.3": { "rating": 5 }, "C.1": { "rating": 3 } }"#,
    );
    let b = benchmark(&[p, q, r], &c, 2).unwrap();
    assert_eq!(b.groups.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(), ["interpreter", "young", "traveller"]);
    let [interpreter, young, traveller] = &b.groups[..] else { panic!("three groups") };
    assert_eq!((interpreter.areas, young.areas, traveller.areas), (3, 3, 1));
    assert_eq!(traveller.title, "Gypsy, Roma and Traveller women");
    // Interpreter overall: P (2.5 + 3) / 2 = 2.75, Q (0 + 5) / 2 = 2.5, R (5 + 3) / 2 = 4.
    let o = &interpreter.overall;
    assert_eq!(o.count, 3);
    assert!(
        close(o.min, 2.5) && close(o.q1, 2.625) && close(o.median, 2.75) && close(o.q3, 3.375) && close(o.max, 4.0)
    );
    // Interpreter in A: P 2.5, Q 0, R 5; in B: P 3, Q 5; in C: R 3 alone, withheld.
    let a = &interpreter.themes[0].distribution;
    assert!(close(a.min, 0.0) && close(a.q1, 1.25) && close(a.median, 2.5) && close(a.q3, 3.75) && close(a.max, 5.0));
    let bt = &interpreter.themes[1].distribution;
    assert!(bt.count == 2 && close(bt.median, 4.0) && close(bt.q1, 3.5) && close(bt.q3, 4.5));
    let ct = &interpreter.themes[2].distribution;
    assert!(ct.count == 1 && ct.withheld && ct.median.is_none() && ct.min.is_none());
    // Young overall: P 3, Q (2 + 3) / 2 = 2.5, R 4.
    assert!(close(young.overall.median, 3.0) && close(young.overall.q1, 2.75) && close(young.overall.q3, 3.5));
    // A group one area declares is described for that area alone: withheld.
    assert!(traveller.overall.withheld && traveller.overall.count == 1 && traveller.overall.median.is_none());
    assert!(traveller.themes[2].distribution.count == 0 && traveller.themes[2].distribution.withheld);
    // Positions stay the areas' own, by name: no group is ranked.
    assert!(b.positions.iter().all(|p| p.themes.len() == c.themes.len()));
}

#[test]
fn a_comparison_shows_each_groups_scores_then_and_now() {
    let c = tiny();
    let then = assessment(
        "P",
        "2020-03-01",
        r#""ratings": { "A.1": { "rating": 4, "groups": { "interpreter": { "rating": 1 } } }, "B.1": { "rating": 3 } }"#,
    );
    let now = assessment(
        "P",
        "2021-03-01",
        r#""groups": [ { "id": "traveller", "title": "Gypsy, Roma and Traveller women" } ],
           "ratings": { "A.1": { "rating": 4, "groups": { "interpreter": { "rating": 3 }, "traveller": { "rating": 2 } } },
                        "B.1": { "rating": 3 } }"#,
    );
    let change = compare(&then, &now, &c).unwrap();
    assert_eq!(change.groups.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(), ["interpreter", "young", "traveller"]);
    // Interpreter: A 1 then 3 now; B 3 both times; overall (1 + 3) / 2 = 2 then (3 + 3) / 2 = 3.
    let interpreter = &change.groups[0];
    assert!(close(interpreter.overall.old, 2.0) && close(interpreter.overall.new, 3.0));
    assert_eq!(interpreter.overall.direction, Direction::Improved);
    assert!(close(interpreter.themes[0].change, 2.0) && interpreter.themes[1].direction == Direction::Unchanged);
    // Young had no group rating either time: the own scores, unchanged.
    assert_eq!(change.groups[1].overall.direction, Direction::Unchanged);
    // Traveller is declared only now: newly rated, with its title from the later assessment.
    let traveller = &change.groups[2];
    assert_eq!(traveller.title, "Gypsy, Roma and Traveller women");
    assert!(traveller.overall.old.is_none() && close(traveller.overall.new, 2.5));
    assert_eq!(traveller.overall.direction, Direction::NewlyRated);
}
